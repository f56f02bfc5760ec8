//! `dossier docs`: the stored documents.

use super::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// At most this many documents.
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    /// Skip this many first.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    let store = g.open_store_readonly()?;
    let docs = store.documents(a.limit, a.offset)?;
    if g.json {
        return print_json(&docs);
    }
    // The date column is as wide as the longest date shown ("2025-03-15T08:10:00+06:00").
    let width = docs
        .iter()
        .map(|d| d.date.as_deref().map_or(1, |v| v.chars().count()))
        .max()
        .unwrap_or(1);
    for d in &docs {
        println!(
            "{}  {:<width$}  {:<14}  {}",
            &d.id[..12],
            d.date.as_deref().unwrap_or("-"),
            truncate(d.outlet.as_deref().unwrap_or("-"), 14),
            d.title.as_deref().unwrap_or("(no title)")
        );
    }
    if docs.is_empty() {
        eprintln!("no documents in {}", g.data.display());
    }
    Ok(std::process::ExitCode::SUCCESS)
}

pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
    t.push('…');
    t
}
