//! Trains the content start and end ranker `resources/ends.bin` (see `dossier_quotes::ends`) on the gold
//! contents of the PolNeAR training split (the first annotator's file of each text in sort order;
//! segmentation by `dossier-segment`), and writes `resources/ends.manifest`.
//!
//! Run from the repository root: `cargo run --release -p dossier-quotes --example train_ends`.
//! The bonuses of the end and of the start already chosen (`ends::KEEP_BONUS`,
//! `ends::START_KEEP_BONUS`) were chosen on eight held-out tenths of the split with
//! `examples/ends_holdout.rs`.

use std::path::Path;

use dossier_eval::quotes::{gold_files, parse_ann, ReadStats};
use dossier_quotes::ends;
use dossier_quotes::learn::{GoldAttr, TrainDoc};
use dossier_quotes::{marks, Lexicon};

const EPOCHS: usize = 4;
const SEED: u64 = 7;

fn main() -> std::io::Result<()> {
    let root = Path::new("../shared/data/polnear/train");
    if !root.is_dir() {
        eprintln!("skipped: {} not found", root.display());
        return Ok(());
    }
    let lex = Lexicon::shipped();
    let (texts, _) = gold_files(root)?;
    let mut stats = ReadStats::default();
    let mut raw = Vec::new();
    for t in &texts {
        let text = std::fs::read_to_string(&t.text)?;
        let Ok(gold) = parse_ann(&std::fs::read_to_string(&t.ann)?, &text, false, &mut stats)
        else {
            continue;
        };
        let attrs: Vec<GoldAttr> = gold
            .attrs
            .iter()
            .map(|a| GoldAttr::from_offsets(&a.byte_spans_in(&text)))
            .collect();
        let paras = marks::paragraphs(&text);
        let blocks = marks::blocks(&paras);
        let (tokens, sentences) = dossier_segment::segment(&text, &blocks);
        raw.push((text, tokens, sentences, paras, attrs));
    }
    let docs: Vec<TrainDoc> = raw
        .iter()
        .map(|(text, tokens, sentences, paras, attrs)| TrainDoc {
            text,
            tokens,
            sentences,
            paras,
            attrs: attrs.clone(),
        })
        .collect();
    let n_attrs: usize = docs.iter().map(|d| d.attrs.len()).sum();
    let (model, examples, start_examples) = ends::train(&docs, &lex, EPOCHS, SEED, true);
    let bytes = model.to_bytes();
    std::fs::write("crates/quotes/resources/ends.bin", &bytes)?;
    let manifest = format!(
        "model: content start and end ranker, log-linear over hashed features (two tables of 2^{} weights) of the starts a content after its cue may have (up to {} tokens past the cue) and of the ends it may have in its sentence; the start and the end already chosen get a bonus of {} and {} (ends::START_KEEP_BONUS, ends::KEEP_BONUS), and the start, then the end, most likely to overlap the true one by half is taken\n\
         data: PolNeAR v1.0.0 train split, {} texts, first annotator's .ann in sort order ({} attributions)\n\
         examples: ends: {} gold contents after their cue, in one piece in the cue's sentence, ending where a candidate end is; starts: {} starting where a candidate start is\n\
         epochs: {}, shuffle seed: {}, size: {} bytes\n\
         held-out choice: end bonus 8 of 4, 6, 8; start bonus 16 of 2, 4, 8, 12, 16, 24, 32 and no start choice (mean over eight held-out tenths of the train split: without start choice source F1 62.83, content overlap 68.86, exact 51.64; with starts at 16: 62.90, 68.91, 51.44; KEEPS=8 START_KEEPS=-,16,24,32 cargo run --release -p dossier-quotes --example ends_holdout)\n\
         command: cargo run --release -p dossier-quotes --example train_ends (from the repository root)\n",
        ends::BITS,
        ends::MAX_SKIP,
        ends::START_KEEP_BONUS,
        ends::KEEP_BONUS,
        docs.len(),
        n_attrs,
        examples,
        start_examples,
        EPOCHS,
        SEED,
        bytes.len()
    );
    std::fs::write("crates/quotes/resources/ends.manifest", &manifest)?;
    print!("{manifest}");
    Ok(())
}
