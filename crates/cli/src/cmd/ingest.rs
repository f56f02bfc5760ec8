//! `dossier ingest`: read, clean and analyse on all cores, write from one thread, then add the
//! new documents to the corpus state (entities, copies, stories) in the store.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use dossier_ingest::{read_paths, Item, RawDoc, ReadError};
use dossier_store::Store;
use serde::Serialize;

use super::CmdResult;
use crate::{pipeline, Global};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories to read; '-' reads standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Never show a progress bar.
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub ingested: usize,
    pub unchanged: usize,
    pub failed: usize,
    pub skipped: usize,
    pub seconds: f64,
    pub errors: Vec<String>,
}

/// The corpus state is saved after this many new documents (and at the end of the run), which
/// bounds what an interrupted run leaves for the next one to add.
pub const CORPUS_EVERY: usize = 5000;

// A few hundred bytes moved per document next to the document's own text: not worth a box.
#[allow(clippy::large_enum_variant)]
enum Work {
    Raw(RawDoc),
    Done(Result<dossier_core::Document, ReadError>),
    Unchanged,
    Skipped,
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    let start = Instant::now();
    let mut store = g.open_store()?;
    let pipeline = pipeline::build()?;
    let jobs = a
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
        .max(1);
    // Every input gets its number in reading order, and the writer stores in that order, so the
    // same inputs give the same document order, entity ids and stories whatever the threads do.
    // A ticket per input not yet written bounds how far the reader runs ahead of the writer,
    // and with it what the writer holds back while an earlier document is still analysed.
    let (raw_tx, raw_rx) = crossbeam_channel::bounded::<(u64, Work)>(jobs * 4);
    let (out_tx, out_rx) = crossbeam_channel::bounded::<(u64, Work)>(jobs * 4);
    let (ticket_tx, ticket_rx) = crossbeam_channel::bounded::<()>(jobs * 16);
    let progress = (!a.quiet && std::io::stderr().is_terminal()).then(|| {
        let pb = indicatif::ProgressBar::new_spinner();
        pb.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {elapsed} {pos} documents {msg}")
                .unwrap(),
        );
        pb.enable_steady_tick(Duration::from_millis(120));
        pb
    });
    let mut sum = Summary::default();
    let judgements = dossier_corpus::read_judgements(&g.data)?;
    let mut corpus = dossier_corpus::Session::open(&store, judgements)?;
    let spec = g.store_spec();
    std::thread::scope(|s| -> anyhow::Result<()> {
        // Reader: walks the inputs, skips documents already stored.
        let reader_out = out_tx.clone();
        s.spawn(move || {
            let known = Store::open_spec_readonly(&spec).ok();
            let mut seq = 0u64;
            read_paths(&a.paths, &mut |item| {
                let _ = ticket_tx.send(());
                seq += 1;
                let work = match item {
                    Item::Doc(raw)
                        if known
                            .as_ref()
                            .is_some_and(|k| k.contains(&raw.id).unwrap_or(false)) =>
                    {
                        Work::Unchanged
                    }
                    Item::Doc(raw) => {
                        let _ = raw_tx.send((seq, Work::Raw(raw)));
                        return;
                    }
                    Item::Error(e) => Work::Done(Err(e)),
                    Item::Skipped { .. } => Work::Skipped,
                };
                let _ = reader_out.send((seq, work));
            });
        });
        // Workers: clean and analyse.
        for _ in 0..jobs {
            let (rx, tx, p) = (raw_rx.clone(), out_tx.clone(), &pipeline);
            s.spawn(move || {
                let mut timings = vec![Duration::ZERO; 16];
                for (seq, w) in rx {
                    let Work::Raw(raw) = w else { continue };
                    let (path, record) = (raw.path.clone(), raw.record);
                    let done = pipeline::process(p, raw, &mut timings)
                        .map_err(|m| ReadError::new(&path, record, m));
                    let _ = tx.send((seq, Work::Done(done)));
                }
            });
        }
        drop(out_tx);
        drop(raw_rx);
        // Writer: this thread; batches what is ready, one transaction per batch.
        let mut batch = Vec::new();
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 1u64;
        loop {
            let first = out_rx.recv();
            let Ok(first) = first else { break };
            waiting.insert(first.0, first.1);
            waiting.extend(out_rx.try_iter().take(63));
            while let Some(w) = waiting.remove(&next) {
                next += 1;
                let _ = ticket_rx.try_recv();
                match w {
                    Work::Done(Ok(doc)) => batch.push(doc),
                    Work::Done(Err(e)) => {
                        let msg = e.to_string();
                        match &progress {
                            Some(pb) => pb.println(format!("dossier: {msg}")),
                            None => eprintln!("dossier: {msg}"),
                        }
                        sum.failed += 1;
                        sum.errors.push(msg);
                    }
                    Work::Unchanged => sum.unchanged += 1,
                    Work::Skipped => sum.skipped += 1,
                    Work::Raw(_) => {}
                }
            }
            if !batch.is_empty() {
                let fresh = store.write_batch(&batch, pipeline::VERSION)?;
                let new = fresh.iter().filter(|&&f| f).count();
                sum.ingested += new;
                sum.unchanged += fresh.len() - new;
                let new_docs: Vec<_> = batch
                    .drain(..)
                    .zip(fresh)
                    .filter_map(|(d, f)| f.then_some(d))
                    .collect();
                corpus.add(&new_docs);
                if corpus.unsaved() >= CORPUS_EVERY {
                    corpus.save(&store)?;
                }
            }
            if let Some(pb) = &progress {
                pb.set_position((sum.ingested + sum.unchanged + sum.failed) as u64);
            }
        }
        Ok(())
    })?;
    corpus.save(&store)?;
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    sum.seconds = start.elapsed().as_secs_f64();
    eprintln!(
        "ingested {}, unchanged {}, failed {}{} in {:.2}s",
        sum.ingested,
        sum.unchanged,
        sum.failed,
        if sum.skipped > 0 {
            format!(", skipped {}", sum.skipped)
        } else {
            String::new()
        },
        sum.seconds
    );
    if g.json {
        println!("{}", serde_json::to_string_pretty(&sum)?);
    }
    Ok(if sum.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
