//! `dossier export`: the stored events as JSON Lines or CSV (one event per line), or the
//! actor–actor event network as GraphML (Gephi opens it). Actors are corpus entities when the
//! resolver knows their mention; reports of one event within a story (or a document) are merged
//! into one record with several evidence links.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use dossier_events::export::{network, write_csv, write_graphml, write_jsonl};

use super::entities::open_corpus;
use super::{print_json, CmdResult};
use crate::Global;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Graphml,
    Jsonl,
    Csv,
}

/// Where reports of one event are looked for.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeWithin {
    /// The documents of one story (copies and follow-ups of the same news).
    Story,
    Doc,
    /// Keep every report as its own record.
    None,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Format,
    /// Write here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Merge the reports of one event (same type, actors, negation, compatible date) within a
    /// story, a document, or not at all.
    #[arg(long, value_enum, default_value = "story")]
    pub merge_within: MergeWithin,
}

/// Actors as corpus entities (`e<id>`, canonical name and type); mentions the resolver did not
/// place keep their words as key.
pub fn run(g: &Global, a: Args) -> CmdResult {
    let (store, corpus) = open_corpus(g)?;
    let mut all = Vec::new();
    for id in store.ids()? {
        all.extend(corpus.event_reports(&store.load(&id)?));
    }
    let within = match a.merge_within {
        MergeWithin::None => dossier_corpus::MergeWithin::Nothing,
        MergeWithin::Doc => dossier_corpus::MergeWithin::Doc,
        MergeWithin::Story => dossier_corpus::MergeWithin::Story,
    };
    let all = corpus.merge_events(all, within);
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
