//! Synthetic corpus growth, to check that resolving a new document costs the same in a large
//! corpus as in a small one. Each document holds ten person and organisation names drawn
//! (Zipf-like) from a pool of invented entities, a quarter spelled with a transliteration
//! variant. CPU time is measured over the 1,000 documents before each checkpoint (1k, 10k, 100k, ...),
//! so other load on the machine does not count.

use serde::Serialize;

use dossier_core::{DocId, Document, EntityType, Mention, Span};

use crate::resolver::Resolver;

/// The cost of adding documents at one corpus size.
#[derive(Clone, Debug, Serialize)]
pub struct GrowthPoint {
    /// Documents in the corpus at the checkpoint.
    pub documents: usize,
    /// Entities (or stories) in the corpus then.
    pub items: usize,
    /// Mean CPU microseconds per document over the window before the checkpoint.
    pub cpu_us_per_doc: f64,
    /// Mean wall-clock microseconds per document over the same window.
    pub wall_us_per_doc: f64,
}

/// Documents timed before each checkpoint.
pub const WINDOW: usize = 1000;

/// CPU seconds used by this thread (nanosecond `schedstat` where the kernel has it, else the
/// process ticks of `/proc/self/stat`); `None` where neither exists.
pub fn cpu_seconds() -> Option<f64> {
    if let Ok(s) = std::fs::read_to_string("/proc/thread-self/schedstat") {
        if let Some(ns) = s
            .split_whitespace()
            .next()
            .and_then(|x| x.parse::<f64>().ok())
        {
            return Some(ns / 1e9);
        }
    }
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Checkpoints 1,000, 10,000, ... up to `total`, and `total` itself.
pub fn checkpoints(total: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut c = WINDOW;
    while c < total {
        out.push(c);
        c *= 10;
    }
    if total > 0 {
        out.push(total);
    }
    out
}

/// Runs `add` over `total` generated items and times the window before each checkpoint; the
/// items of a window are generated before its clock starts.
pub fn measure<T>(
    total: usize,
    mut make: impl FnMut(usize) -> T,
    mut add: impl FnMut(&T),
    mut items: impl FnMut() -> usize,
) -> Vec<GrowthPoint> {
    let mut out = Vec::new();
    let mut done = 0;
    for c in checkpoints(total) {
        let start = c.saturating_sub(WINDOW).max(done);
        while done < start {
            add(&make(done));
            done += 1;
        }
        let batch: Vec<T> = (done..c).map(&mut make).collect();
        let (wall, cpu) = (std::time::Instant::now(), cpu_seconds());
        for x in &batch {
            add(x);
        }
        let n = batch.len().max(1) as f64;
        let wall_us = wall.elapsed().as_secs_f64() * 1e6 / n;
        let cpu_us = match (cpu_seconds(), cpu) {
            (Some(b), Some(a)) => (b - a) * 1e6 / n,
            _ => wall_us,
        };
        done = c;
        out.push(GrowthPoint {
            documents: c,
            items: items(),
            cpu_us_per_doc: cpu_us,
            wall_us_per_doc: wall_us,
        });
    }
    out
}

/// A small xorshift generator: the same corpus on every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// An index below `n`, small ones far more often (log-uniform).
    pub fn zipf(&mut self, n: usize) -> usize {
        let k = (n.max(1) as f64).powf(self.below(1_000_000) as f64 / 1e6) as usize;
        k.saturating_sub(1).min(n.saturating_sub(1))
    }
}

const ONSETS: [&str; 24] = [
    "b", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr",
    "kr", "st", "tr", "gl", "sh", "kh",
];
const VOWELS: [&str; 6] = ["a", "e", "i", "o", "u", "ou"];

/// An invented capitalised word of `syllables` syllables.
pub fn word(r: &mut Rng, syllables: usize) -> String {
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

/// Resolution cost per document as a synthetic corpus grows to `total` documents.
pub fn resolver_growth(total: usize) -> Vec<GrowthPoint> {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let pool: Vec<(String, EntityType)> = (0..total.max(1000) / 2)
        .map(|i| {
            if i % 3 == 0 {
                let n = format!("{} {} Front", word(&mut r, 3), word(&mut r, 3));
                (n, EntityType::ORG)
            } else {
                let n = format!("{} {}", word(&mut r, 3), word(&mut r, 3));
                (n, EntityType::PER)
            }
        })
        .collect();
    let resolver = std::cell::RefCell::new(Resolver::default());
    measure(
        total,
        |d| {
            let mut text = String::new();
            let mut mentions = Vec::new();
            for _ in 0..10 {
                let (name, label) = &pool[r.zipf(pool.len())];
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
            Document {
                id: DocId(format!("doc{d}")),
                text,
                mentions,
                ..Default::default()
            }
        },
        |doc| {
            resolver.borrow_mut().resolve(doc);
        },
        || resolver.borrow().entities().count(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoints_and_a_tiny_run() {
        assert_eq!(checkpoints(100_000), [1000, 10_000, 100_000]);
        assert_eq!(checkpoints(2500), [1000, 2500]);
        assert_eq!(checkpoints(10), [10]);
        let g = resolver_growth(50);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].documents, 50);
        assert!(g[0].items > 0);
    }
}
