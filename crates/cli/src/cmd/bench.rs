//! `dossier bench`: runs the pipeline over a corpus on one core and reports throughput per
//! stage, then once more writing into a throw-away store. Figures, never assertions.

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
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
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
    seconds: f64,
    docs_per_s: f64,
    source_mb_per_s: f64,
    tokens_per_s: f64,
    stages: Vec<Stage>,
}

#[derive(Debug, Serialize)]
struct Report {
    threads: usize,
    pipeline: Pass,
    #[serde(skip_serializing_if = "Option::is_none")]
    with_store: Option<Pass>,
    peak_rss_mb: Option<f64>,
}

fn pass(paths: &[PathBuf], mut store: Option<&mut Store>) -> anyhow::Result<Pass> {
    let p = pipeline::build()?;
    let mut names = vec!["read".to_string(), "clean".to_string()];
    names.extend(p.stage_names().iter().map(|s| s.to_string()));
    if store.is_some() {
        names.push("store".into());
    }
    let mut t = vec![Duration::ZERO; names.len()];
    let mut out = Pass::default();
    let mut source = 0usize;
    let mut text = 0usize;
    let mut batch = Vec::new();
    let start = Instant::now();
    let mut read_mark = Instant::now();
    let mut err: Option<anyhow::Error> = None;
    let store_slot = names.len() - 1;
    read_paths(paths, &mut |item| {
        t[0] += read_mark.elapsed();
        if let Item::Doc(raw) = item {
            source += raw.bytes.len();
            match pipeline::process(&p, raw, &mut t[1..]) {
                Ok(doc) => {
                    out.documents += 1;
                    text += doc.text.len();
                    out.tokens += doc.tokens.len();
                    out.sentences += doc.sentences.len();
                    if let Some(s) = store.as_deref_mut() {
                        batch.push(doc);
                        if batch.len() == 64 {
                            let w = Instant::now();
                            if let Err(e) = s.write_batch(&batch, pipeline::VERSION) {
                                err.get_or_insert(e.into());
                            }
                            t[store_slot] += w.elapsed();
                            batch.clear();
                        }
                    }
                }
                Err(_) => out.failed += 1,
            }
        } else if let Item::Error(_) = item {
            out.failed += 1;
        }
        read_mark = Instant::now();
    });
    if let (Some(s), false) = (store, batch.is_empty()) {
        let w = Instant::now();
        s.write_batch(&batch, pipeline::VERSION)?;
        t[store_slot] += w.elapsed();
    }
    if let Some(e) = err {
        return Err(e);
    }
    out.seconds = start.elapsed().as_secs_f64();
    out.source_mb = source as f64 / 1e6;
    out.text_mb = text as f64 / 1e6;
    out.docs_per_s = out.documents as f64 / out.seconds;
    out.source_mb_per_s = out.source_mb / out.seconds;
    out.tokens_per_s = out.tokens as f64 / out.seconds;
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

pub fn run(g: &Global, a: Args) -> CmdResult {
    let pipeline = pass(&a.paths, None)?;
    let with_store = if a.no_store {
        None
    } else {
        let dir = tempfile::tempdir()?;
        let mut store = Store::open(dir.path())?;
        Some(pass(&a.paths, Some(&mut store))?)
    };
    let report = Report {
        threads: 1,
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
    if let Some(rss) = report.peak_rss_mb {
        println!("peak RSS {rss:.1} MB");
    }
    Ok(std::process::ExitCode::SUCCESS)
}
