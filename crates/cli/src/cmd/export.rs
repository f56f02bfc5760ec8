//! `dossier export`: the stored events as JSON Lines or CSV (one event per line), or the
//! actor–actor event network as GraphML (Gephi opens it). Reports of one event within a document
//! are merged into one record with several evidence links.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use dossier_events::export::{network, write_csv, write_graphml, write_jsonl};
use dossier_events::record::{merge, records, TextKeys};

use super::{print_json, CmdResult};
use crate::Global;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Graphml,
    Jsonl,
    Csv,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Format,
    /// Write here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Keep every report as its own record (no merge of one event told several times).
    #[arg(long)]
    pub no_merge: bool,
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    let store = g.open_store_readonly()?;
    let mut all = Vec::new();
    for id in store.ids()? {
        let doc = store.load(&id)?;
        let recs = records(&doc, &TextKeys);
        if a.no_merge {
            all.extend(recs);
        } else {
            all.extend(merge(recs, |r| Some(r.doc.clone())));
        }
    }
    let mut w: Box<dyn Write> = match &a.out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    match a.format {
        Format::Graphml => write_graphml(&mut w, &all)?,
        Format::Jsonl => write_jsonl(&mut w, &all)?,
        Format::Csv => write_csv(&mut w, &all)?,
    }
    w.flush()?;
    drop(w);
    // A summary only when the data went to a file: standard output carries the export itself.
    if let Some(p) = &a.out {
        let reports: usize = all.iter().map(|r| r.evidence.len()).sum();
        let net = network(&all);
        if g.json {
            return print_json(&serde_json::json!({
                "out": p, "events": all.len(), "reports": reports,
                "nodes": net.nodes.len(), "edges": net.edges.len(),
            }));
        }
        eprintln!(
            "wrote {} events ({reports} reports; network of {} actors, {} edges) to {}",
            all.len(),
            net.nodes.len(),
            net.edges.len(),
            p.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
