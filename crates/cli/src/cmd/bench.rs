//! `dossier bench`: runs the pipeline over a corpus on one core and reports throughput per
//! stage, then once more writing into a throw-away store. Figures, never assertions.
//!
//! Stage times are the thread's CPU time, so a machine busy with other work does not distort
//! the per-core figures; the wall time of the whole pass is reported beside them. The pipeline
//! (models included) is built and run once on the first document before timing starts, and that
//! start-up cost is reported on its own.
//!
//! `--growth N` reports instead how the cost of adding one document to the corpus layers grows
//! with the corpus: entity resolution, story clustering and copy detection timed on synthetic
//! corpora growing to N documents (CPU µs per document over the 1000 documents before each of
//! 1k, 10k, 100k, ...), the curve that shows blocking and indexing keep it flat.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use dossier_ingest::{read_paths, Item};
use dossier_store::Store;
use serde::Serialize;

use super::{print_json, CmdResult};
use crate::{pipeline, Global};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directories to read, as for `ingest`.
    #[arg(required_unless_present = "growth")]
    pub paths: Vec<PathBuf>,
    /// Instead of running the pipeline, time adding a document to the corpus layers (entity
    /// resolution, stories, copies) on synthetic corpora growing to this many documents.
    #[arg(long, value_name = "DOCUMENTS")]
    pub growth: Option<usize>,
    /// Skip the second pass that writes into a temporary store.
    #[arg(long)]
    pub no_store: bool,
}

#[derive(Debug, Default, Serialize)]
struct Stage {
    name: String,
    seconds: f64,
    /// Megabytes of clean text per second of this stage.
    text_mb_per_s: f64,
}

#[derive(Debug, Default, Serialize)]
struct Pass {
    documents: usize,
    failed: usize,
    source_mb: f64,
    text_mb: f64,
    tokens: usize,
    sentences: usize,
    /// Wall-clock seconds of the whole pass.
    seconds: f64,
    /// CPU seconds of this thread over the pass.
    cpu_seconds: f64,
    docs_per_s: f64,
    source_mb_per_s: f64,
    tokens_per_s: f64,
    stages: Vec<Stage>,
}

#[derive(Debug, Serialize)]
struct Report {
    threads: usize,
    /// Building the pipeline (loading models) and the warm-up document, CPU seconds.
    startup_cpu_seconds: f64,
    pipeline: Pass,
    #[serde(skip_serializing_if = "Option::is_none")]
    with_store: Option<Pass>,
    peak_rss_mb: Option<f64>,
}

/// CPU time of the calling thread (zero where the system does not tell).
fn thread_cpu() -> Duration {
    dossier_eval::thread_cpu().unwrap_or_default()
}

fn pass(
    paths: &[PathBuf],
    mut store: Option<&mut Store>,
    p: &dossier_core::Pipeline,
) -> anyhow::Result<Pass> {
    let mut names = vec!["read".to_string(), "clean".to_string()];
    names.extend(p.stage_names().iter().map(|s| s.to_string()));
    if store.is_some() {
        names.push("store".into());
        names.push("corpus".into());
    }
    let mut t = vec![Duration::ZERO; names.len()];
    let mut out = Pass::default();
    let mut source = 0usize;
    let mut text = 0usize;
    let mut batch = Vec::new();
    let start = Instant::now();
    let cpu_start = thread_cpu();
    let mut read_mark = thread_cpu();
    let mut err: Option<anyhow::Error> = None;
    let (store_slot, corpus_slot) = (names.len().saturating_sub(2), names.len().saturating_sub(1));
    // what ingest does: new documents join the corpus state, saved every `CORPUS_EVERY`
    let mut corpus = match store.as_deref() {
        Some(s) => Some(dossier_corpus::Session::open(
            s,
            dossier_resolve::Judgements::default(),
        )?),
        None => None,
    };
    read_paths(paths, &mut |item| {
        t[0] += thread_cpu().saturating_sub(read_mark);
        if let Item::Doc(raw) = item {
            source += raw.bytes.len();
            match pipeline::process_with_clock(p, raw, &mut t[1..], &thread_cpu) {
                Ok(doc) => {
                    out.documents += 1;
                    text += doc.text.len();
                    out.tokens += doc.tokens.len();
                    out.sentences += doc.sentences.len();
                    if let Some(s) = store.as_deref_mut() {
                        batch.push(doc);
                        if batch.len() == 64 {
                            let w = thread_cpu();
                            if let Err(e) = s.write_batch(&batch, pipeline::VERSION) {
                                err.get_or_insert(e.into());
                            }
                            t[store_slot] += thread_cpu().saturating_sub(w);
                            if let Some(c) = corpus.as_mut() {
                                let w = thread_cpu();
                                c.add(&batch);
                                if c.unsaved() >= super::ingest::CORPUS_EVERY {
                                    if let Err(e) = c.save(s) {
                                        err.get_or_insert(e.into());
                                    }
                                }
                                t[corpus_slot] += thread_cpu().saturating_sub(w);
                            }
                            batch.clear();
                        }
                    }
                }
                Err(_) => out.failed += 1,
            }
        } else if let Item::Error(_) = item {
            out.failed += 1;
        }
        read_mark = thread_cpu();
    });
    if let Some(s) = store {
        let w = thread_cpu();
        s.write_batch(&batch, pipeline::VERSION)?;
        t[store_slot] += thread_cpu().saturating_sub(w);
        if let Some(c) = corpus.as_mut() {
            let w = thread_cpu();
            c.add(&batch);
            c.save(s)?;
            t[corpus_slot] += thread_cpu().saturating_sub(w);
        }
    }
    if let Some(e) = err {
        return Err(e);
    }
    out.seconds = start.elapsed().as_secs_f64();
    out.cpu_seconds = thread_cpu()
        .saturating_sub(cpu_start)
        .as_secs_f64()
        .max(1e-9);
    out.source_mb = source as f64 / 1e6;
    out.text_mb = text as f64 / 1e6;
    out.docs_per_s = out.documents as f64 / out.cpu_seconds;
    out.source_mb_per_s = out.source_mb / out.cpu_seconds;
    out.tokens_per_s = out.tokens as f64 / out.cpu_seconds;
    out.stages = names
        .into_iter()
        .zip(&t)
        .map(|(name, d)| Stage {
            name,
            seconds: d.as_secs_f64(),
            text_mb_per_s: out.text_mb / d.as_secs_f64().max(1e-9),
        })
        .collect();
    Ok(out)
}

/// Peak resident memory of this process, from the kernel's own account.
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Builds the pipeline and runs it once on the first document, so lazy start-up work (models,
/// compiled patterns) is not charged to the first document's stages.
fn warm_up(paths: &[PathBuf]) -> anyhow::Result<(dossier_core::Pipeline, f64)> {
    let t = thread_cpu();
    let p = pipeline::build()?;
    let mut first = None;
    read_paths(paths, &mut |item| {
        if let (None, Item::Doc(raw)) = (&first, item) {
            first = Some(raw);
        }
    });
    if let Some(raw) = first {
        let _ = pipeline::process(&p, raw, &mut vec![Duration::ZERO; 32]);
    }
    Ok((p, thread_cpu().saturating_sub(t).as_secs_f64()))
}

/// The cost per added document of each corpus layer as the corpus grows.
#[derive(Debug, Serialize)]
struct Growth {
    resolver: Vec<dossier_eval::coref::GrowthPoint>,
    stories: Vec<dossier_eval::coref::GrowthPoint>,
    copies: Vec<dossier_eval::coref::GrowthPoint>,
}

fn growth(g: &Global, total: usize) -> CmdResult {
    let resolver = dossier_eval::coref::resolver_growth(total);
    let (stories, copies) = dossier_eval::stories::story_growth(total);
    let report = Growth {
        resolver,
        stories,
        copies,
    };
    if g.json {
        return print_json(&serde_json::json!({ "growth": report, "peak_rss_mb": peak_rss_mb() }));
    }
    println!("CPU µs per added document, over the 1000 documents before each size:");
    println!("documents\tentities\tresolve_us\tstories\tstories_us\tcopies_us");
    for ((r, s), c) in report
        .resolver
        .iter()
        .zip(&report.stories)
        .zip(&report.copies)
    {
        println!(
            "{}\t{}\t{:.1}\t{}\t{:.1}\t{:.1}",
            r.documents, r.items, r.cpu_us_per_doc, s.items, s.cpu_us_per_doc, c.cpu_us_per_doc
        );
    }
    if let Some(rss) = peak_rss_mb() {
        println!("peak RSS {rss:.1} MB");
    }
    Ok(std::process::ExitCode::SUCCESS)
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    if let Some(total) = a.growth {
        return growth(g, total);
    }
    let (p, startup) = warm_up(&a.paths)?;
    let pipeline = pass(&a.paths, None, &p)?;
    let with_store = if a.no_store {
        None
    } else {
        let dir = tempfile::tempdir()?;
        let mut store = Store::open(dir.path())?;
        Some(pass(&a.paths, Some(&mut store), &p)?)
    };
    let report = Report {
        threads: 1,
        startup_cpu_seconds: startup,
        pipeline,
        with_store,
        peak_rss_mb: peak_rss_mb(),
    };
    if g.json {
        return print_json(&report);
    }
    for (label, p) in [
        ("pipeline only", Some(&report.pipeline)),
        ("with store", report.with_store.as_ref()),
    ] {
        let Some(p) = p else { continue };
        println!(
            "{label}: {} documents ({} failed), {:.2} MB source, {:.2} MB text, {} tokens, {} sentences in {:.3} s on 1 thread",
            p.documents, p.failed, p.source_mb, p.text_mb, p.tokens, p.sentences, p.seconds
        );
        println!(
            "  {:.1} docs/s, {:.2} MB/s of source, {:.0} tokens/s",
            p.docs_per_s, p.source_mb_per_s, p.tokens_per_s
        );
        for s in &p.stages {
            println!(
                "  {:<10} {:>8.3} s  {:>9.2} MB/s of text",
                s.name, s.seconds, s.text_mb_per_s
            );
        }
    }
    println!(
        "start-up (models, warm-up document): {:.3} CPU s",
        report.startup_cpu_seconds
    );
    if let Some(rss) = report.peak_rss_mb {
        println!("peak RSS {rss:.1} MB");
    }
    Ok(std::process::ExitCode::SUCCESS)
}
