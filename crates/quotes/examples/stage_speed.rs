//! The processor time of the whole quote stage (rules, tagger, judge and end ranker) on the texts
//! of a folder (`*.txt`, segmented by `dossier-segment`, no mentions), the best and the median of
//! `ROUNDS` rounds (default 5), beside the rules alone; and a digest of the quotes found, to check
//! that a change for speed leaves them as they were. The machine's moment moves one round's
//! figure by up to half (see ARCHITECTURE, session 22): compare builds run in turn.
//!
//! `cargo run --release -p dossier-quotes --example stage_speed -- ../shared/data/polnear/dev/text`

use std::hash::{Hash, Hasher};

use dossier_core::Document;
use dossier_eval::thread_cpu;
use dossier_quotes::QuoteStage;

/// The best and the median processor time of `rounds` runs of the stage over the documents,
/// and what it found.
fn best(stage: &QuoteStage, docs: &[Document], rounds: usize) -> (f64, f64, String) {
    let mut times = Vec::with_capacity(rounds);
    let mut found = String::new();
    for _ in 0..rounds.max(1) {
        let t = thread_cpu().expect("thread processor time");
        let quotes: Vec<_> = docs.iter().map(|d| stage.quotes(d)).collect();
        times.push((thread_cpu().expect("thread processor time") - t).as_secs_f64());
        found = format!("{quotes:?}");
    }
    times.sort_by(f64::total_cmp);
    (times[0], times[times.len() / 2], found)
}

#[path = "shared/texts.rs"]
mod texts;

fn main() -> std::io::Result<()> {
    let docs = texts::read_arg()?;
    let rounds = texts::rounds(5);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let (rules_s, _, _) = best(&QuoteStage::rules_only(), &docs, rounds);
    let (stage_s, median_s, found) = best(&QuoteStage::new(), &docs, rounds);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    found.hash(&mut h);
    println!(
        "{} texts, {} bytes: stage {:.1} ms ({:.2} MB/s; median {:.2} MB/s), rules alone {:.1} ms; best of {} rounds, processor time; quotes digest {:016x}",
        docs.len(),
        bytes,
        stage_s * 1e3,
        bytes as f64 / stage_s / 1e6,
        bytes as f64 / median_s / 1e6,
        rules_s * 1e3,
        rounds,
        h.finish()
    );
    Ok(())
}
