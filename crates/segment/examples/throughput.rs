//! Measures segmentation speed (MB/s of text, tokens/s) on one core over the `text` fields of
//! a JSONL file, by default the Reuters sample in `../shared/data`: tokenising alone, then the
//! whole `segment` (tokens and sentences).
//!
//! `cargo run --release -p dossier-segment --example throughput [-- FILE.jsonl]`

use std::time::{Duration, Instant};

fn main() {
    let default = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/news-reuters21578/reuters21578_sample200.jsonl"
    );
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| default.to_string());
    let Ok(data) = std::fs::read_to_string(&path) else {
        println!("skipped: {path} not found");
        return;
    };
    let texts: Vec<String> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    println!("{} texts, {bytes} bytes", texts.len());
    measure("tokenize", &texts, |t| {
        (dossier_segment::tokenize(t).len(), 0)
    });
    measure("segment", &texts, |t| {
        let (tokens, sentences) = dossier_segment::segment(t, &[]);
        (tokens.len(), sentences.len())
    });
}

/// Runs `f` over all texts for about three seconds and prints the rates.
fn measure(label: &str, texts: &[String], f: impl Fn(&str) -> (usize, usize)) {
    let bytes: usize = texts.iter().map(String::len).sum();
    let (mut rounds, mut tokens, mut sentences) = (0usize, 0usize, 0usize);
    let cpu0 = cpu_seconds().unwrap_or(0.0);
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(3) {
        for t in texts {
            let (tok, sen) = f(t);
            tokens += tok;
            sentences += sen;
        }
        rounds += 1;
    }
    let wall = start.elapsed().as_secs_f64();
    // On a shared machine wall time overstates the cost; the CPU time this thread got does not.
    let cpu = cpu_seconds()
        .map(|c| c - cpu0)
        .filter(|&c| c > 0.0)
        .unwrap_or(wall);
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{label}: {rounds} rounds, {:.1} MB/s per CPU-second ({:.1} MB/s wall), {:.2} M tokens per CPU-second; {} tokens, {} sentences per round",
        mb / cpu,
        mb / wall,
        tokens as f64 / cpu / 1e6,
        tokens / rounds.max(1),
        sentences / rounds.max(1)
    );
}

/// CPU time of this process so far (Linux `/proc/self/schedstat`, nanoseconds on CPU).
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
