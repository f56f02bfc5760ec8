//! Model choices measured without dev: trains the tagger on nine tenths of a PolNeAR training
//! split and scores the stage on the held-out tenth (every tenth text), after every epoch.
//!
//! `cargo run --release -p dossier-quotes --example holdout -- TRAIN_DIR [EPOCHS]`
//! (`DEV=dir`: train on all of TRAIN_DIR and score the split in `dir` instead; `SHUFFLES=n`:
//! average taggers trained on n shuffles; `BIASES=8,12`: the cue biases to score; `FOLD=k`: hold
//! out the texts k, k + 10, … instead of 9, 19, …; `ALL=1`: learn from every annotator's file of
//! a training text, not only the scored one's; `FILTER=file`: the rules' filter in `file`, e.g.
//! one `train_filter` wrote without the held-out tenth; `JUDGE=1`: the shipped judge of the
//! tagger's finds, as the stage uses it). One tenth is a noisy judge: compare settings by
//! the mean over several folds.

use std::path::Path;

use dossier_core::Document;
use dossier_eval::quotes::{
    parse_ann, report, write_ann, AnnDoc, Counts, Metric, PredAttribution, ReadStats,
};
use dossier_quotes::learn::{train_with, TrainConfig};
use dossier_quotes::{Lexicon, Mix, QuoteStage};

#[path = "shared/polnear.rs"]
mod polnear;

use polnear::read;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "../shared/data/polnear/train".into());
    let epochs = args.next().and_then(|n| n.parse().ok()).unwrap_or(14);
    let root = Path::new(&dir);
    if !root.is_dir() {
        eprintln!("skipped: {} not found", root.display());
        return Ok(());
    }
    let mut raw = read(root)?;
    let dev = match std::env::var("DEV") {
        Ok(d) => read(Path::new(&d))?,
        Err(_) => Vec::new(),
    };
    let fold: usize = std::env::var("FOLD")
        .ok()
        .and_then(|f| f.parse().ok())
        .unwrap_or(9);
    let on_dev = !dev.is_empty();
    let held = |k: usize| !on_dev && k % 10 == fold;
    let n = raw.len();
    raw.extend(dev);
    // `ALL=1`: every annotator's attributions of a training text, not only the scored one's.
    let every = std::env::var("ALL").is_ok_and(|v| v == "1");
    let docs = polnear::train_docs(&raw, |k| k < n && !held(k), every);
    let test: Vec<(Document, &AnnDoc)> = raw
        .iter()
        .enumerate()
        .filter(|(k, _)| if *k >= n { true } else { held(*k) })
        .map(|(_, r)| (polnear::document(r), &r.5))
        .collect();
    let lex = Lexicon::shipped();
    let biases: Vec<f32> = std::env::var("BIASES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.parse().ok()).collect())
        .unwrap_or_else(|| vec![8.0]);
    let shuffles = std::env::var("SHUFFLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let cfg = TrainConfig {
        epochs,
        seed: 7,
        shuffles,
    };
    let filter = match std::env::var("FILTER") {
        Ok(f) => dossier_quotes::filter::Filter::from_bytes(&std::fs::read(f)?),
        Err(_) => None,
    };
    let t0 = std::time::Instant::now();
    let model = train_with(
        &docs,
        &lex,
        cfg,
        &mut |m| eprintln!("{m}"),
        &mut |epoch, model| {
            for &bias in &biases {
                let mut m = model.clone();
                m.cue_bias = bias;
                if std::env::var_os("JUDGE").is_some() {
                    m.post = dossier_quotes::filter::Post::shipped();
                }
                let mix = match std::env::var("MIX").as_deref() {
                    Ok("tagger") => Mix::Tagger,
                    Ok("rules") => Mix::Rules,
                    _ => Mix::Precise,
                };
                let mut stage = QuoteStage::new().with_tagger(Some(m), mix);
                if let Some(f) = &filter {
                    stage = stage.with_filter(Some(f.clone()));
                }
                let mut counts = Counts::default();
                let mut st = ReadStats::default();
                for (doc, gold) in &test {
                    let attrs: Vec<PredAttribution> = stage
                        .quotes(doc)
                        .iter()
                        .map(PredAttribution::from)
                        .collect();
                    let ann = write_ann(&doc.text, &attrs);
                    let pred =
                        parse_ann(&ann, &doc.text, true, &mut st).expect("own output parses");
                    counts.add(&pred, gold);
                }
                let r = report(&counts, &st, 0, 0, 0);
                let get = |k: &str| match r.iter().find(|(n, _)| n == k).map(|(_, v)| *v) {
                    Some(Metric::Float(f)) => f,
                    _ => f64::NAN,
                };
                println!(
                "epoch {epoch} bias {bias}: held-out source F1 {:.2} (P {:.2} R {:.2}), content overlap F1 {:.2}, cue overlap P {:.2} R {:.2} [{:.0}s]",
                get("source_f1"),
                get("source_p"),
                get("source_r"),
                get("content_overlap_f1"),
                get("cue_overlap_p"),
                get("cue_overlap_r"),
                t0.elapsed().as_secs_f64()
            );
            }
        },
    );
    if let Ok(out) = std::env::var("OUT") {
        let mut m = model;
        m.cue_bias = biases.last().copied().unwrap_or(0.0);
        std::fs::write(out, m.to_bytes())?;
    }
    Ok(())
}
