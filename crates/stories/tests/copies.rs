//! Copy detection measured on generated copies: every Reuters-21578 sample article gets an edited
//! copy (new headline, trimmed ending, other boilerplate, a few words changed) and the index must
//! find each copy's original and nothing else. The originals are the non-copies of each other.

use std::collections::BTreeSet;
use std::path::PathBuf;

use dossier_stories::CopyIndex;

/// A small deterministic generator (splitmix64), so the test set is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const HEADLINE_WORDS: &[&str] = &[
    "update",
    "markets",
    "exclusive",
    "analysis",
    "briefly",
    "wire",
    "report",
    "corporate",
    "news",
    "digest",
];
const BOILERPLATE: &[&str] = &[
    "Copyright Example Wire Service. All rights reserved. Not for redistribution.",
    "(Reporting by the newsdesk; editing by the night editor)",
    "Click here to subscribe to our morning newsletter and follow us for more updates.",
    "This story was produced from a wire feed and has not been edited by our staff.",
];
const REPLACEMENTS: &[&str] = &[
    "firm",
    "group",
    "said",
    "reported",
    "the",
    "officials",
    "company",
    "added",
];

/// An edited copy of `text`.
fn make_copy(text: &str, rng: &mut Rng) -> String {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    // Trim up to a fifth of the ending.
    let cut = rng.below(words.len() / 5 + 1);
    words.truncate(words.len() - cut);
    // A few word edits: about one in forty, at least two.
    let edits = (words.len() / 40).max(2);
    for _ in 0..edits {
        if words.is_empty() {
            break;
        }
        let at = rng.below(words.len());
        match rng.below(3) {
            0 => {
                words.remove(at);
            }
            1 => words[at] = REPLACEMENTS[rng.below(REPLACEMENTS.len())],
            _ => words.insert(at, REPLACEMENTS[rng.below(REPLACEMENTS.len())]),
        }
    }
    let headline: Vec<&str> = (0..6)
        .map(|_| HEADLINE_WORDS[rng.below(HEADLINE_WORDS.len())])
        .collect();
    format!(
        "{}\n{}\n{}\n{}",
        headline.join(" "),
        BOILERPLATE[rng.below(BOILERPLATE.len())],
        words.join(" "),
        BOILERPLATE[rng.below(BOILERPLATE.len())]
    )
}

fn data_file() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/news-reuters21578/reuters21578_sample200.jsonl");
    p.is_file().then_some(p)
}

/// Articles shorter than this many words are left out: a 13-word dividend notice has no
/// shingles to spare for edits, and notices of that kind differ only in their figures.
const MIN_WORDS: usize = 40;

#[test]
fn reuters_generated_copies_precision_and_recall() {
    let Some(path) = data_file() else {
        eprintln!(
            "skipped: ../shared/data/news-reuters21578/reuters21578_sample200.jsonl not found"
        );
        return;
    };
    let raw = std::fs::read_to_string(&path).unwrap();
    let texts: Vec<String> = raw
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .filter(|t| t.split_whitespace().count() >= MIN_WORDS)
        .collect();
    assert!(texts.len() > 100, "too few articles: {}", texts.len());
    let mut rng = Rng(20_260_101);
    let mut index = CopyIndex::default();
    // Pairs the index reports, as (original number, original number) of their sources.
    let mut reported: BTreeSet<(String, String)> = BTreeSet::new();
    for (i, t) in texts.iter().enumerate() {
        for (other, _) in index.add(&format!("o{i}"), t) {
            reported.insert((other, format!("o{i}")));
        }
    }
    for (i, t) in texts.iter().enumerate() {
        let copy = make_copy(t, &mut rng);
        for (other, _) in index.add(&format!("c{i}"), &copy) {
            reported.insert((other, format!("c{i}")));
        }
    }
    let source = |id: &str| id[1..].to_string();
    let true_pairs = texts.len();
    let tp = reported
        .iter()
        .filter(|(a, b)| a.starts_with('o') && source(a) == source(b))
        .count();
    let fp: Vec<&(String, String)> = reported
        .iter()
        .filter(|(a, b)| source(a) != source(b))
        .collect();
    let precision = tp as f64 / (tp + fp.len()).max(1) as f64;
    let recall = tp as f64 / true_pairs as f64;
    println!(
        "copy detection on {} generated copies of Reuters articles (>= {MIN_WORDS} words): P {precision:.4} R {recall:.4} \
         (tp {tp}, fp {}, missed {})",
        true_pairs,
        fp.len(),
        true_pairs - tp
    );
    for (a, b) in fp.iter().take(5) {
        println!("  false pair: {a} {b}");
    }
    assert!(precision >= 0.98, "precision {precision}");
    assert!(recall >= 0.98, "recall {recall}");
}

#[test]
fn invented_wire_copy_with_new_headline_and_trimmed_ending() {
    let original = "The river authority of Westmarch said on Thursday it would open the northern \
        floodgates for the first time in nine years after three days of heavy rain raised the \
        level of the reservoir above the safety mark. Residents of the low-lying districts of \
        Marrow and Fenby were told to move cars and livestock to higher ground by the evening. \
        The authority said the release would last two days and that the main bridge would stay \
        open to traffic. Farmers downstream have complained for years that the gates are opened \
        without enough warning, and the regional council has promised a review of the rules.";
    let copy =
        "Floodgates to open as reservoir swells\nWESTMARCH (Example Wire) - The river authority \
        of Westmarch said on Thursday it would open the northern floodgates for the first time in \
        nine years after three days of heavy rain raised the level of the reservoir above the \
        safety mark. Residents of the low-lying districts of Marrow and Fenby were told to move \
        vehicles and livestock to higher ground by the evening. The authority said the release \
        would last two days and that the main bridge would stay open to traffic.\nRead more: \
        weather updates";
    let unrelated =
        "The city orchestra of Westmarch announced on Thursday a season of nine concerts \
        with three new works, and said ticket prices would stay the same as last year despite \
        higher costs for the hall and for travel.";
    let mut index = CopyIndex::default();
    assert!(index.add("original", original).is_empty());
    assert!(index.add("unrelated", unrelated).is_empty());
    let found = index.add("copy", copy);
    assert_eq!(
        found.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
        ["original"],
        "{found:?}"
    );
}

/// Time per added document as the indexes grow (a measurement, not an assertion):
/// `cargo test --release -p dossier-stories --test copies -- --ignored --nocapture`.
#[test]
#[ignore]
fn cost_per_document_as_the_corpus_grows() {
    use dossier_stories::{StoryConfig, StoryIndex, StoryInput};
    let mut rng = Rng(7);
    let vocab: Vec<String> = (0..20_000).map(|i| format!("w{i:x}")).collect();
    let mut copies = CopyIndex::default();
    let mut stories = StoryIndex::new(StoryConfig::default());
    let mut done = 0usize;
    for target in [1_000usize, 10_000, 100_000] {
        let (mut tc, mut ts, mut n) = (std::time::Duration::ZERO, std::time::Duration::ZERO, 0u32);
        while done < target {
            // Zipf-like word choice: squaring a uniform draw favours the low ranks.
            let text: Vec<&str> = (0..200)
                .map(|_| {
                    let u = rng.below(1 << 20) as f64 / (1u64 << 20) as f64;
                    vocab[((u * u * u) * vocab.len() as f64) as usize].as_str()
                })
                .collect();
            let text = text.join(" ");
            let id = format!("d{done}");
            let t = std::time::Instant::now();
            copies.add(&id, &text);
            let measured = done + 1000 >= target;
            if measured {
                tc += t.elapsed();
            }
            let t = std::time::Instant::now();
            stories.add(&StoryInput {
                id: &id,
                title: "",
                text: &text,
                date: None,
                entities: Vec::new(),
            });
            if measured {
                ts += t.elapsed();
                n += 1;
            }
            done += 1;
        }
        println!(
            "corpus {target:>7}: copy index {:>6.1} us/doc, story index {:>7.1} us/doc (last {n} adds)",
            tc.as_secs_f64() * 1e6 / n as f64,
            ts.as_secs_f64() * 1e6 / n as f64
        );
    }
}
