//! `dossier migrate --from SPEC --to SPEC`: copies one store into another, either way between
//! a data directory and PostgreSQL. Documents go across as stored (bytes, text, offset map,
//! metadata, every layer), in ingest order, one transaction per batch; documents the target has
//! are left alone, so an interrupted copy is finished by running it again. Corpus states follow
//! under the target's corpus lock. judgements.tsv stays in the data directory (`--data`).

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Context;
use dossier_store::{redact, Store};

use super::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The store to copy: a data directory or a postgres:// URL.
    #[arg(long, value_name = "SPEC")]
    pub from: String,
    /// The store to copy into (created when needed): a data directory or a postgres:// URL.
    #[arg(long, value_name = "SPEC")]
    pub to: String,
    /// Documents per transaction.
    #[arg(long, default_value_t = 500)]
    pub batch: usize,
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    if a.from == a.to {
        anyhow::bail!("--from and --to name the same store");
    }
    let from = Store::open_spec_readonly(&a.from)
        .with_context(|| format!("opening {}", redact(&a.from)))?;
    let mut to = Store::open_spec(&a.to).with_context(|| format!("opening {}", redact(&a.to)))?;
    let total = from.count()?;
    let tty = std::io::stderr().is_terminal();
    let report = from.copy_into(&mut to, a.batch.max(1), |r| {
        if tty {
            eprint!("\r{} of {total} documents", r.copied + r.present);
        }
    })?;
    if tty {
        eprintln!();
    }
    eprintln!(
        "{} documents copied, {} already there, {} corpus states; {} now holds {} documents",
        report.copied,
        report.present,
        report.states,
        redact(&a.to),
        report.target_documents
    );
    if report.target_documents < total {
        anyhow::bail!(
            "the target holds {} documents, fewer than the {total} of the source",
            report.target_documents
        );
    }
    if g.json {
        return print_json(&report);
    }
    Ok(ExitCode::SUCCESS)
}
