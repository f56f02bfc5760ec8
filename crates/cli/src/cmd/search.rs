//! `dossier search`: full-text search with ranked, highlighted snippets.

use super::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Words that must all occur (names with punctuation are fine: IS-K, U.S.).
    #[arg(required = true)]
    pub query: Vec<String>,
    /// Pass the query to SQLite FTS5 as written (phrases, OR, NEAR, prefix*).
    #[arg(long)]
    pub raw: bool,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    let store = g.open_store_readonly()?;
    let hits = store.search(&a.query.join(" "), a.raw, a.limit)?;
    if g.json {
        return print_json(&hits);
    }
    for h in &hits {
        println!(
            "{}  {}  {}",
            &h.id[..12],
            h.date.as_deref().unwrap_or("-"),
            h.title.as_deref().unwrap_or("(no title)")
        );
        println!("    {}", h.snippet.replace('\n', " "));
    }
    if hits.is_empty() {
        eprintln!("no match");
    }
    Ok(std::process::ExitCode::SUCCESS)
}
