//! Trains the attribution filter `resources/filter.bin` on the PolNeAR training split.
//!
//! The rules propose attributions on every training text (segmentation by `dossier-segment`, no
//! mentions); a proposal is a positive example when a gold attribution of the text (the first
//! annotator's file in sort order) matches it as `score.py brat_attr` matches them for its
//! headline: content Jaccard ≥ 0.5 and sources sharing a character (or neither has one). An
//! averaged perceptron learns from them over `EPOCHS` passes in a seeded order.
//!
//! Run from the repository root: `cargo run --release -p dossier-quotes --example train_filter`.
//! (`FOLD=k OUT=file`: leave out the texts k, k + 10, … as the `holdout` example does, and write
//! the model to `file` instead of the shipped one, for scoring held-out tenths without it having
//! seen them.)

use std::path::Path;

use dossier_core::Span;
use dossier_eval::quotes::{
    gold_files, inter, jaccard, norm, parse_ann, CharIndex, ReadStats, OVERLAP_MIN,
};
use dossier_quotes::filter::Trainer;
use dossier_quotes::{candidates, marks, Lexicon};

const EPOCHS: usize = 10;
const SEED: u64 = 7;

fn main() -> std::io::Result<()> {
    let root = Path::new("../shared/data/polnear/train");
    if !root.is_dir() {
        eprintln!("skipped: {} not found", root.display());
        return Ok(());
    }
    let lex = Lexicon::shipped();
    let (texts, _) = gold_files(root)?;
    let mut examples: Vec<(Vec<u32>, bool)> = Vec::new();
    let mut stats = ReadStats::default();
    let fold: Option<usize> = std::env::var("FOLD").ok().and_then(|f| f.parse().ok());
    let out = std::env::var("OUT").ok();
    let mut read = 0usize;
    for t in &texts {
        let text = std::fs::read_to_string(&t.text)?;
        let Ok(gold) = parse_ann(&std::fs::read_to_string(&t.ann)?, &text, false, &mut stats)
        else {
            continue;
        };
        read += 1;
        if fold.is_some_and(|f| (read - 1) % 10 == f) {
            continue;
        }
        let paras = marks::paragraphs(&text);
        let blocks = marks::blocks(&paras);
        let (tokens, sentences) = dossier_segment::segment(&text, &blocks);
        let idx = CharIndex::new(&text);
        let chars = |s: Span| norm(idx.fragments(&text, (s.start as usize, s.end as usize)));
        for c in candidates(&text, &tokens, &sentences, &paras, &lex) {
            let content = chars(c.content);
            let source = c.speaker.map(chars);
            let right = gold.attrs.iter().any(|g| {
                let (jac, n) = jaccard(&content, &g.content);
                let source_ok = match (&source, &g.source) {
                    (None, None) => true,
                    (Some(p), Some(g)) => inter(p, g) > 0,
                    _ => false,
                };
                n > 0 && jac >= OVERLAP_MIN && source_ok
            });
            examples.push((c.features, right));
        }
    }
    let positives = examples.iter().filter(|e| e.1).count();
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut state = SEED;
    let mut trainer = Trainer::default();
    for _ in 0..EPOCHS {
        // Fisher-Yates with a fixed linear congruential generator: the same model every run.
        for i in (1..order.len()).rev() {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            order.swap(i, (state >> 33) as usize % (i + 1));
        }
        for &i in &order {
            trainer.learn(&examples[i].0, examples[i].1);
        }
    }
    let model = trainer.finish();
    let correct = examples
        .iter()
        .filter(|(f, y)| (model.score(f) >= 0.0) == *y)
        .count();
    let kept = examples
        .iter()
        .filter(|(f, _)| model.score(f) >= 0.0)
        .count();
    if let Some(out) = out {
        std::fs::write(out, model.to_bytes())?;
        return Ok(());
    }
    std::fs::write("crates/quotes/resources/filter.bin", model.to_bytes())?;
    let manifest = format!(
        "model: attribution filter, averaged perceptron over hashed features (2^{} weights), kept when score >= {} (filter::KEEP_AT)\n\
         data: PolNeAR v1.0.0 train split, {} texts, first annotator's .ann in sort order\n\
         examples: {} rule proposals, {} right (content Jaccard >= 0.5 and source overlapping a gold attribution)\n\
         epochs: {EPOCHS}, shuffle seed: {SEED}\n\
         training accuracy: {:.2}%, proposals kept: {}\n\
         command: cargo run --release -p dossier-quotes --example train_filter (from the repository root)\n",
        dossier_quotes::filter::BITS,
        dossier_quotes::filter::KEEP_AT,
        texts.len(),
        examples.len(),
        positives,
        100.0 * correct as f64 / examples.len().max(1) as f64,
        kept,
    );
    std::fs::write("crates/quotes/resources/filter.manifest", &manifest)?;
    eprint!("{manifest}");
    Ok(())
}
