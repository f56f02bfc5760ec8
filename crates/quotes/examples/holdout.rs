//! Model choices measured without dev: trains the tagger on nine tenths of a PolNeAR training
//! split and scores the stage on the held-out tenth (every tenth text), after every epoch.
//!
//! `cargo run --release -p dossier-quotes --example holdout -- TRAIN_DIR [EPOCHS]`
//! (`DEV=dir`: train on all of TRAIN_DIR and score the split in `dir` instead; `SHUFFLES=n`:
//! average taggers trained on n shuffles; `BIASES=8,12`: the cue biases to score; `FOLD=k`: hold
//! out the texts k, k + 10, … instead of 9, 19, …; `ALL=1`: learn from every annotator's file of
//! a training text, not only the scored one's). One tenth is a noisy judge: compare settings by
//! the mean over several folds.

use std::path::Path;

use dossier_core::{Block, BlockKind, Document, Sentence, Span, Token};
use dossier_eval::quotes::{
    gold_files, parse_ann, report, write_ann, AnnDoc, Counts, Metric, PredAttribution, ReadStats,
};
use dossier_quotes::learn::{train_with, GoldAttr, TrainConfig, TrainDoc};
use dossier_quotes::{marks, Lexicon, Mix, QuoteStage};

/// A text, its segmentation, the gold attributions of each annotator (the scored one first) and
/// the scored annotation.
type Raw = (
    String,
    Vec<Token>,
    Vec<Sentence>,
    Vec<Span>,
    Vec<Vec<GoldAttr>>,
    AnnDoc,
);

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
    let docs: Vec<TrainDoc> = raw
        .iter()
        .enumerate()
        .filter(|(k, _)| *k < n && !held(*k))
        .flat_map(|(_, (text, tokens, sentences, paras, attrs, _))| {
            attrs
                .iter()
                .take(if every { attrs.len() } else { 1 })
                .map(|a| TrainDoc {
                    text,
                    tokens,
                    sentences,
                    paras,
                    attrs: a.clone(),
                })
        })
        .collect();
    let test: Vec<(Document, &AnnDoc)> = raw
        .iter()
        .enumerate()
        .filter(|(k, _)| if *k >= n { true } else { held(*k) })
        .map(|(_, (text, tokens, sentences, paras, _, gold))| {
            let doc = Document {
                text: text.clone(),
                blocks: paras
                    .iter()
                    .map(|&span| Block {
                        span,
                        kind: BlockKind::Paragraph,
                    })
                    .collect(),
                tokens: tokens.clone(),
                sentences: sentences.clone(),
                ..Document::default()
            };
            (doc, gold)
        })
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
                let mix = match std::env::var("MIX").as_deref() {
                    Ok("tagger") => Mix::Tagger,
                    Ok("rules") => Mix::Rules,
                    _ => Mix::Precise,
                };
                let stage = QuoteStage::new().with_tagger(Some(m), mix);
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

/// The texts of a split with their segmentation and gold attributions.
fn read(root: &Path) -> std::io::Result<Vec<Raw>> {
    let (texts, _) = gold_files(root)?;
    let mut stats = ReadStats::default();
    let mut raw: Vec<Raw> = Vec::new();
    for t in &texts {
        let text = std::fs::read_to_string(&t.text)?;
        let Ok(gold) = parse_ann(&std::fs::read_to_string(&t.ann)?, &text, false, &mut stats)
        else {
            continue;
        };
        let of = |g: &AnnDoc| -> Vec<GoldAttr> {
            g.attrs
                .iter()
                .map(|a| GoldAttr::from_offsets(&a.byte_spans_in(&text)))
                .collect()
        };
        let mut attrs = vec![of(&gold)];
        for other in other_annotators(&t.ann, &t.name)? {
            if let Ok(g) = parse_ann(&std::fs::read_to_string(&other)?, &text, false, &mut stats) {
                attrs.push(of(&g));
            }
        }
        let paras = marks::paragraphs(&text);
        let blocks: Vec<Block> = paras
            .iter()
            .map(|&span| Block {
                span,
                kind: BlockKind::Paragraph,
            })
            .collect();
        let (tokens, sentences) = dossier_segment::segment(&text, &blocks);
        raw.push((text, tokens, sentences, paras, attrs, gold));
    }
    Ok(raw)
}

/// The other annotators' files of a text beside the scored one (`NAME_ANNOTATOR.ann`), in order.
fn other_annotators(scored: &Path, name: &str) -> std::io::Result<Vec<std::path::PathBuf>> {
    let Some(dir) = scored.parent() else {
        return Ok(Vec::new());
    };
    let mut out: Vec<std::path::PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p != scored
                && p.extension().is_some_and(|x| x == "ann")
                && p.file_stem()
                    .and_then(|s| s.to_str())
                    .and_then(|s| s.rsplit_once('_'))
                    .is_some_and(|(n, _)| n == name)
        })
        .collect();
    out.sort();
    Ok(out)
}
