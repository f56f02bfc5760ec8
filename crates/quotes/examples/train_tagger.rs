//! Trains the learned tagger on a PolNeAR split and writes it where asked (for experiments; the
//! shipped model is written by `dossier train quotes`).
//!
//! `cargo run --release -p dossier-quotes --example train_tagger -- TRAIN_DIR OUT [EPOCHS]`

use std::path::Path;

use dossier_core::{Block, BlockKind};
use dossier_eval::quotes::{gold_files, parse_ann, ReadStats};
use dossier_quotes::learn::{train, GoldAttr, TrainConfig, TrainDoc};
use dossier_quotes::{marks, Lexicon};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "../shared/data/polnear/train".into());
    let out = args.next().unwrap_or_else(|| "/tmp/quotes.bin".into());
    let epochs = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let root = Path::new(&dir);
    if !root.is_dir() {
        eprintln!("skipped: {} not found", root.display());
        return Ok(());
    }
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
        let blocks: Vec<Block> = paras
            .iter()
            .map(|&span| Block {
                span,
                kind: BlockKind::Paragraph,
            })
            .collect();
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
    let lex = Lexicon::shipped();
    let t = std::time::Instant::now();
    let model = train(&docs, &lex, TrainConfig { epochs, seed: 7 }, &mut |m| {
        eprintln!("{m}")
    });
    let bytes = model.to_bytes();
    std::fs::write(&out, &bytes)?;
    eprintln!(
        "wrote {out} ({} bytes) in {:.0}s",
        bytes.len(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}
