//! The quote stage's processor time on the texts of a folder, four ways in turn each round, in
//! one process, so that the machine's moment weighs on all four alike:
//!
//! - `hot`: the stage alone over every text, as `dossier-quotes`'s `examples/stage_speed` does
//!   (no mentions);
//! - `mentions`: the same with the names the NER stage found (and the dates);
//! - `pipeline`: each text segmented and run through NER and time before its quote-stage call,
//!   as `dossier eval quotes` does, only the quote-stage call timed;
//! - `evicted`: a 16 MB buffer written between the texts' calls (the caches emptied).
//!
//! Prints the first call's time apart (what a stage still builds on first use), then per way
//! the best and median MB/s over `ROUNDS` rounds (default 12) and each round's figure.
//!
//! `cargo run --release -p dossier --example quote_speed -- ../shared/data/polnear/dev/text`

use dossier_core::{Document, Stage};
use dossier_eval::thread_cpu;
use dossier_quotes::QuoteStage;

/// Processor seconds of this thread.
fn cpu() -> f64 {
    thread_cpu().map_or(0.0, |d| d.as_secs_f64())
}

fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/polnear/dev/text".into());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let texts = paths
        .iter()
        .map(std::fs::read_to_string)
        .collect::<Result<Vec<_>, _>>()?;
    let bytes: usize = texts.iter().map(String::len).sum();
    let ner = dossier_ner::NerStage::new()?;
    let stage = QuoteStage::new();
    let document = |t: &str| -> Document {
        let blocks = dossier_quotes::marks::blocks(&dossier_quotes::marks::paragraphs(t));
        let (tokens, sentences) = dossier_segment::segment(t, &blocks);
        Document {
            map: dossier_core::OffsetMap::identity(t.len()),
            text: t.to_string(),
            blocks,
            tokens,
            sentences,
            ..Document::default()
        }
    };
    let plain: Vec<Document> = texts.iter().map(|t| document(t)).collect();
    let mut named = plain.clone();
    for d in &mut named {
        // A stage that fails leaves the document as it was, as in the eval.
        let _ = ner.run(d);
        let _ = dossier_time::TimeStage.run(d);
    }
    if let Some(d) = named.first() {
        let t = cpu();
        std::hint::black_box(stage.quotes(d));
        let first = cpu() - t;
        let t = cpu();
        std::hint::black_box(stage.quotes(d));
        println!(
            "first text: first call {:.1} ms, second {:.1} ms",
            first * 1e3,
            (cpu() - t) * 1e3
        );
    }
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let ways = ["hot", "mentions", "pipeline", "evicted"];
    let mut junk = vec![0u8; 16 << 20];
    let mut times = vec![Vec::new(); ways.len()];
    for _ in 0..rounds {
        for (w, spent) in times.iter_mut().enumerate() {
            let mut s = 0.0;
            match w {
                0 | 1 => {
                    let docs = if w == 0 { &plain } else { &named };
                    let t = cpu();
                    for d in docs {
                        std::hint::black_box(stage.quotes(d));
                    }
                    s = cpu() - t;
                }
                2 => {
                    for text in &texts {
                        let mut d = document(text);
                        let _ = ner.run(&mut d);
                        let _ = dossier_time::TimeStage.run(&mut d);
                        let t = cpu();
                        std::hint::black_box(stage.quotes(&d));
                        s += cpu() - t;
                    }
                }
                _ => {
                    for d in &named {
                        for (i, b) in junk.iter_mut().enumerate().step_by(64) {
                            *b = b.wrapping_add(i as u8);
                        }
                        std::hint::black_box(&junk);
                        let t = cpu();
                        std::hint::black_box(stage.quotes(d));
                        s += cpu() - t;
                    }
                }
            }
            spent.push(bytes as f64 / s.max(1e-9) / 1e6);
        }
    }
    for (name, mbs) in ways.iter().zip(&times) {
        let mut sorted = mbs.clone();
        sorted.sort_by(|a, b| b.total_cmp(a));
        let each: Vec<String> = mbs.iter().map(|x| format!("{x:.2}")).collect();
        println!(
            "{name:<9} best {:.2} median {:.2} MB/s  [{}]",
            sorted.first().copied().unwrap_or(0.0),
            sorted.get(sorted.len() / 2).copied().unwrap_or(0.0),
            each.join(" ")
        );
    }
    Ok(())
}
