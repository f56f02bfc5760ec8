//! Throughput of recognition and normalisation on the Reuters-21578 development sample.
//! A measurement, not a check: `cargo test -p dossier-time --release --test speed -- --ignored --nocapture`.

use std::time::Instant;

#[test]
#[ignore]
fn reuters_sample_throughput() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/news-reuters21578/reuters21578_sample200.jsonl");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: ../shared/data/news-reuters21578 not found");
        return;
    };
    let docs: Vec<(String, Option<jiff::civil::Date>)> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let text = v["text"].as_str().unwrap_or("").to_string();
            let dct = v["date"].as_str().and_then(dossier_time::parse_iso_date);
            (text, dct)
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let rounds = 20;
    let mut found = 0;
    let t = Instant::now();
    for _ in 0..rounds {
        for (text, dct) in &docs {
            found += dossier_time::find_timexes(text, *dct).len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{} docs, {} bytes x {rounds}: {:.1} MB/s on one core, {} timexes per pass",
        docs.len(),
        bytes,
        (bytes * rounds) as f64 / 1e6 / secs,
        found / rounds
    );
}
