//! Resolution time per document as the corpus grows, on synthetic documents: each holds ten
//! person and organisation names drawn (Zipf-like) from a pool of invented entities, some spelled
//! with a transliteration variant. Prints the mean time per document over the last 1,000 documents before each checkpoint.
//!
//!     cargo run --release -p dossier-resolve --example growth -- 100000

use std::time::Instant;

use dossier_core::{DocId, Document, EntityType, Mention, Span};
use dossier_resolve::Resolver;

/// CPU seconds this process has used (user + system, from /proc; None elsewhere), so that other
/// load on the machine does not count.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const ONSETS: [&str; 24] = [
    "b", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr",
    "kr", "st", "tr", "gl", "sh", "kh",
];
const VOWELS: [&str; 6] = ["a", "e", "i", "o", "u", "ou"];

fn word(r: &mut Rng, syllables: usize) -> String {
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(ONSETS[r.below(ONSETS.len())]);
        w.push_str(VOWELS[r.below(VOWELS.len())]);
    }
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn variant(name: &str) -> String {
    name.replacen("ou", "u", 1).replacen("kh", "k", 1)
}

fn main() {
    let total: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let pool: Vec<(String, EntityType)> = (0..total.max(1000) / 2)
        .map(|i| {
            if i % 3 == 0 {
                (
                    format!("{} {} Front", word(&mut r, 3), word(&mut r, 3)),
                    EntityType::ORG,
                )
            } else {
                (
                    format!("{} {}", word(&mut r, 3), word(&mut r, 3)),
                    EntityType::PER,
                )
            }
        })
        .collect();
    let mut resolver = Resolver::default();
    let mut checkpoint = 1000;
    let mut since = Instant::now();
    let mut cpu_since = cpu_seconds();
    let mut done_since = 0;
    println!("documents\tentities\twall_us_per_doc\tcpu_us_per_doc");
    for d in 0..total {
        let mut text = String::new();
        let mut mentions = Vec::new();
        for _ in 0..10 {
            // Zipf-like: small indices far more often
            let k = (pool.len() as f64).powf(r.below(1_000_000) as f64 / 1e6) as usize - 1;
            let (name, label) = &pool[k.min(pool.len() - 1)];
            let surface = if r.below(4) == 0 {
                variant(name)
            } else {
                name.clone()
            };
            let start = text.len();
            text.push_str(&surface);
            mentions.push(Mention {
                span: Span::new(start, text.len()),
                label: *label,
                score: 1.0,
            });
            text.push_str(" said. ");
        }
        let doc = Document {
            id: DocId(format!("doc{d}")),
            text,
            mentions,
            ..Default::default()
        };
        if d + 1000 == checkpoint.min(total) {
            since = Instant::now();
            cpu_since = cpu_seconds();
            done_since = 0;
        }
        resolver.resolve(&doc);
        done_since += 1;
        if d + 1 == checkpoint || d + 1 == total {
            let wall = since.elapsed().as_micros() as f64 / done_since as f64;
            let cpu = match (cpu_seconds(), cpu_since) {
                (Some(now), Some(then)) => format!("{:.1}", (now - then) * 1e6 / done_since as f64),
                _ => "-".into(),
            };
            println!(
                "{}\t{}\t{wall:.1}\t{cpu}",
                d + 1,
                resolver.entities().count()
            );
            checkpoint *= 10;
        }
    }
}
