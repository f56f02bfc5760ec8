//! How much processor time the content end ranker takes beside the rest of the quote stage, on
//! the texts of a folder (`*.txt`, segmented by `dossier-segment`, no mentions): the stage without
//! the ranker, then the ranker alone on its quotes, each repeated `ROUNDS` times (default 10).
//!
//! `cargo run --release -p dossier-quotes --example ends_speed -- ../shared/data/polnear/dev/text`

use std::time::Instant;

use dossier_quotes::{ends::Ends, QuoteStage};

#[path = "shared/texts.rs"]
mod texts;

fn main() -> std::io::Result<()> {
    let docs = texts::read_arg()?;
    let rounds = texts::rounds(10);
    let stage = QuoteStage::new().with_ends(None);
    let ends = Ends::shipped().expect("shipped ranker");
    let t = Instant::now();
    let mut found = Vec::new();
    for _ in 0..rounds {
        found = docs.iter().map(|d| stage.quotes(d)).collect();
    }
    let stage_s = t.elapsed().as_secs_f64() / rounds as f64;
    let t = Instant::now();
    let mut moved = 0;
    for _ in 0..rounds {
        moved = 0;
        for (d, found_q) in docs.iter().zip(&found) {
            let mut q = found_q.clone();
            let paras = QuoteStage::paragraphs(d);
            ends.adjust(
                &d.text,
                &d.tokens,
                &d.sentences,
                &paras,
                stage.lexicon(),
                &mut q,
            );
            moved += q
                .iter()
                .zip(found_q)
                .filter(|(a, b)| a.span != b.span)
                .count();
        }
    }
    let ends_s = t.elapsed().as_secs_f64() / rounds as f64;
    let quotes: usize = found.iter().map(Vec::len).sum();
    println!(
        "{} texts, {} quotes: stage without the ranker {:.1} ms, ranker {:.2} ms ({:.1}% of the stage); {} spans differ",
        docs.len(),
        quotes,
        stage_s * 1e3,
        ends_s * 1e3,
        100.0 * ends_s / stage_s,
        moved
    );
    Ok(())
}
