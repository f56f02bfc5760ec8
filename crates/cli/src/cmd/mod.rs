//! One module per subcommand. Each declares its `Args` and a `run` that returns the exit code.

pub mod bench;
pub mod docs;
pub mod entities;
pub mod eval;
pub mod events;
pub mod export;
pub mod facts;
pub mod ingest;
pub mod judge;
pub mod migrate;
pub mod quotes;
pub mod search;
pub mod serve;
pub mod show;
pub mod stories;
pub mod timeline;
pub mod train;

use std::process::ExitCode;

/// The result every command returns: an exit code, or an error for stderr.
pub type CmdResult = anyhow::Result<ExitCode>;

/// Prints a value as JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> CmdResult {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(ExitCode::SUCCESS)
}

/// The day of a date for a listing's date column ("2025-03-15T08:10:00+06:00" → "2025-03-15"),
/// or "-" for none.
pub fn day(date: Option<&str>) -> &str {
    date.map_or("-", |d| d.get(..10).unwrap_or(d))
}
