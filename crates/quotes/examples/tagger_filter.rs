//! Held-out trial of a second-stage judge of the tagger's attributions (`filter::Post`):
//! taggers trained on nine tenths of a PolNeAR training split find attributions in the
//! held-out tenth (cross-fitted), a linear judge is trained on the finds of the other tenths
//! and scored on each tenth in `EVAL`, against the same tagger without a judge.
//!
//! `cargo run --release -p dossier-quotes --example tagger_filter -- TRAIN_DIR [EPOCHS]`
//! (`SHUFFLES=n`, `BIASES=16,32`, `EVAL=0,1,2,3`, `KEEP=-1,0,1`: thresholds, `ROUNDS=5`: judge
//! epochs, `OUT=file`: a judge trained on every tenth's finds at the last bias).

use std::path::Path;
use std::sync::{Arc, Mutex};

use dossier_core::{Document, Quote};
use dossier_eval::quotes::{
    parse_ann, report, write_ann, AnnDoc, Counts, Metric, PredAttribution, ReadStats,
};
use dossier_quotes::filter::{Filter, Log, Post, Trainer};
use dossier_quotes::learn::{train_with, Tagger, TrainConfig};
use dossier_quotes::{Lexicon, Mix, QuoteStage};

#[path = "shared/polnear.rs"]
mod polnear;

/// A tenth's finds: their features and whether each is right.
type Examples = Vec<(Vec<u32>, bool)>;

fn list<T: std::str::FromStr>(var: &str, default: &str) -> Vec<T> {
    std::env::var(var)
        .unwrap_or_else(|_| default.into())
        .split(',')
        .filter_map(|x| x.parse().ok())
        .collect()
}

fn pred(text: &str, qs: &[Quote]) -> AnnDoc {
    let attrs: Vec<PredAttribution> = qs.iter().map(PredAttribution::from).collect();
    let ann = write_ann(text, &attrs);
    parse_ann(&ann, text, true, &mut ReadStats::default()).expect("own output parses")
}

fn f1(c: &Counts) -> (f64, f64, f64) {
    let r = report(c, &ReadStats::default(), 0, 0, 0);
    let get = |k: &str| match r.iter().find(|(n, _)| n == k).map(|(_, v)| *v) {
        Some(Metric::Float(f)) => f,
        _ => f64::NAN,
    };
    (get("source_f1"), get("source_p"), get("source_r"))
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "../shared/data/polnear/train".into());
    let epochs = args.next().and_then(|n| n.parse().ok()).unwrap_or(2);
    let root = Path::new(&dir);
    if !root.is_dir() {
        eprintln!("skipped: {} not found", root.display());
        return Ok(());
    }
    let raw = polnear::read(root)?;
    let shuffles = list::<usize>("SHUFFLES", "10")[0];
    let biases: Vec<f32> = list("BIASES", "16,32");
    let eval: Vec<usize> = list("EVAL", "0,1,2,3");
    let keeps: Vec<f32> = list("KEEP", "-2,-1,0,1,2");
    let rounds = list::<usize>("ROUNDS", "5")[0];
    let folds = 10;
    let lex = Lexicon::shipped();
    let tests: Vec<(usize, Document, &AnnDoc)> = raw
        .iter()
        .enumerate()
        .map(|(k, r)| (k % folds, polnear::document(r), &r.5))
        .collect();
    let t0 = std::time::Instant::now();
    // Per fold: its tagger, and per bias the judge's examples and the counts without a judge.
    let mut taggers: Vec<Tagger> = Vec::new();
    let mut examples: Vec<Vec<Examples>> = vec![Vec::new(); biases.len()];
    for fold in 0..folds {
        let docs = polnear::train_docs(&raw, |k| k % folds != fold, false);
        let cfg = TrainConfig {
            epochs,
            seed: 7,
            shuffles,
        };
        // `CACHE=dir`: the fold's tagger read from there when a run stored it, else stored.
        // Stored or not, the tagger is the stored (quantised) form, as shipped.
        let cached = std::env::var("CACHE")
            .ok()
            .map(|d| Path::new(&d).join(format!("tagger-{fold}-{epochs}-{shuffles}.bin")));
        let model = match cached.as_ref().and_then(|p| std::fs::read(p).ok()) {
            Some(b) => Tagger::from_bytes(&b).expect("cached tagger"),
            None => {
                let m = train_with(&docs, &lex, cfg, &mut |_| {}, &mut |_, _| {}).to_bytes();
                if let Some(p) = &cached {
                    std::fs::write(p, &m)?;
                }
                Tagger::from_bytes(&m).expect("own tagger")
            }
        };
        for (bi, &bias) in biases.iter().enumerate() {
            let log: Log = Arc::new(Mutex::new(Vec::new()));
            let mut m = model.clone();
            m.cue_bias = bias;
            m.post = Some(Post {
                filter: None,
                keep_at: 0.0,
                log: Some(log.clone()),
            });
            let stage = QuoteStage::new().with_tagger(Some(m), Mix::Precise);
            let mut ex = Vec::new();
            let mut counts = Counts::default();
            for (_, doc, gold) in tests.iter().filter(|t| t.0 == fold) {
                let qs = stage.quotes(doc);
                counts.add(&pred(&doc.text, &qs), gold);
                let found = std::mem::take(&mut *log.lock().expect("log"));
                for (cue, feats) in found {
                    let Some(q) = qs.iter().find(|q| q.cue == Some(cue)) else {
                        continue;
                    };
                    let mut one = Counts::default();
                    one.add(&pred(&doc.text, std::slice::from_ref(q)), gold);
                    ex.push((feats, one.attr_source_tp > 0));
                }
            }
            let pos = ex.iter().filter(|e| e.1).count();
            let (f, p, r) = f1(&counts);
            println!(
                "fold {fold} bias {bias}: no judge source F1 {f:.2} (P {p:.2} R {r:.2}); tagger finds {} ({pos} right) [{:.0}s]",
                ex.len(),
                t0.elapsed().as_secs_f64()
            );
            examples[bi].push(ex);
        }
        taggers.push(model);
    }
    let train = |bi: usize, skip: Option<usize>| -> Filter {
        let mut t = Trainer::default();
        let all: Vec<&(Vec<u32>, bool)> = examples[bi]
            .iter()
            .enumerate()
            .filter(|(k, _)| Some(*k) != skip)
            .flat_map(|(_, e)| e.iter())
            .collect();
        // A fixed interleaving per round: deterministic, and no long runs of one fold.
        let n = all.len();
        for round in 0..rounds {
            let step = [7919, 104729, 1299709, 15485863, 32452843][round % 5] % n.max(1);
            let step = if n > 1 && gcd(step, n) == 1 { step } else { 1 };
            let mut i = round % n.max(1);
            for _ in 0..n {
                t.learn(&all[i].0, all[i].1);
                i = (i + step) % n;
            }
        }
        t.finish()
    };
    let mut sums = vec![vec![0.0; keeps.len() + 1]; biases.len()];
    for &e in &eval {
        for (bi, &bias) in biases.iter().enumerate() {
            let judge = train(bi, Some(e));
            for (ki, keep) in std::iter::once(None)
                .chain(keeps.iter().map(Some))
                .enumerate()
            {
                let mut m = taggers[e].clone();
                m.cue_bias = bias;
                m.post = keep.map(|&k| Post {
                    filter: Some(judge.clone()),
                    keep_at: k,
                    log: None,
                });
                let stage = QuoteStage::new().with_tagger(Some(m), Mix::Precise);
                let mut counts = Counts::default();
                for (_, doc, gold) in tests.iter().filter(|t| t.0 == e) {
                    counts.add(&pred(&doc.text, &stage.quotes(doc)), gold);
                }
                let (f, p, r) = f1(&counts);
                sums[bi][ki] += f;
                let name = keep.map_or("none".to_string(), |k| k.to_string());
                println!(
                    "eval fold {e} bias {bias} keep {name}: source F1 {f:.2} (P {p:.2} R {r:.2})"
                );
            }
        }
    }
    for (bi, &bias) in biases.iter().enumerate() {
        for (ki, keep) in std::iter::once(None)
            .chain(keeps.iter().map(Some))
            .enumerate()
        {
            let name = keep.map_or("none".to_string(), |k| k.to_string());
            println!(
                "mean over {} folds, bias {bias} keep {name}: source F1 {:.2}",
                eval.len(),
                sums[bi][ki] / eval.len() as f64
            );
        }
    }
    if let Ok(out) = std::env::var("OUT") {
        let judge = train(biases.len() - 1, None);
        std::fs::write(out, judge.to_bytes())?;
    }
    Ok(())
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}
