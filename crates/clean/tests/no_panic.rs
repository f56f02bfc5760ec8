//! Nothing panics on any byte sequence, without a nightly toolchain: a few thousand seeded,
//! deterministic inputs — the fuzz seeds (`fuzz/seeds/`) mutated, and plain random bytes — go
//! through the same entry points as the fuzz targets in `fuzz/` (HTML extraction, decoding and
//! cleaning, the JSONL, WARC and feed readers), and every crash the fuzzers ever found
//! (`fuzz/regressions/<target>/`) is replayed.

use std::path::{Path, PathBuf};

use dossier_core::{Document, Span};
use dossier_ingest::{Format, InputFields, Item, Kind, RawDoc};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn check_span(text: &str, s: Span) {
    assert!(s.start <= s.end && s.end as usize <= text.len(), "{s:?}");
    assert!(text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize));
}

/// The invariants the fuzz targets check (fuzz/src/lib.rs).
fn check_doc(doc: &Document) {
    let n = doc.source.len();
    assert_eq!(doc.map.len(), doc.text.len(), "map covers the text");
    for b in &doc.blocks {
        check_span(&doc.text, b.span);
        assert!(doc.map.to_source(b.span).end as usize <= n);
    }
    let m = &doc.meta;
    for f in [&m.title, &m.date, &m.author, &m.outlet, &m.url, &m.language]
        .into_iter()
        .flatten()
    {
        if let Some(s) = f.source_span {
            assert!(
                s.start <= s.end && s.end as usize <= n,
                "{s:?} in {n} bytes"
            );
        }
    }
}

/// One fuzz target's body, by the target's name.
fn run_target(target: &str, data: &[u8]) {
    match target {
        "html_extract" => {
            if let Ok(x) =
                dossier_html::extract(data, None, Some("https://example.org/2024/03/12/x"))
            {
                assert_eq!(x.map.len(), x.text.len());
                for b in &x.blocks {
                    check_span(&x.text, b.span);
                    assert!(x.map.to_source(b.span).end as usize <= data.len());
                }
                for (_, at) in &x.lead {
                    assert!(at.end as usize <= data.len());
                }
            }
        }
        "clean_bytes" => {
            let d = dossier_clean::decode::decode(data, None);
            assert_eq!(d.map.len(), d.text.len());
            let c = dossier_clean::text::clean_text(&d.text);
            assert_eq!(c.map.len(), c.text.len());
            for kind in [Kind::Text, Kind::Html] {
                let raw = RawDoc::new("f", None, "f", kind, data.to_vec(), InputFields::default());
                if let Ok(doc) = dossier_clean::clean(raw) {
                    check_doc(&doc);
                }
            }
        }
        "read_jsonl" | "read_warc" | "read_feed" | "read_gzip" => {
            let format = match target {
                "read_jsonl" => Format::Jsonl,
                "read_warc" => Format::Warc,
                "read_feed" => Format::Feed,
                _ => Format::Gzip,
            };
            dossier_ingest::read_bytes("f", format, data.to_vec(), &mut |item| {
                if let Item::Doc(raw) = item {
                    if let Ok(doc) = dossier_clean::clean(raw) {
                        check_doc(&doc);
                    }
                }
            });
        }
        other => panic!("no target {other}"),
    }
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces of syntax the readers and the extractor care about.
const TOKENS: &[&[u8]] = &[
    b"<",
    b">",
    b"</p>",
    b"<p>",
    b"<br>",
    b"<br><br>",
    b"&",
    b"&#",
    b"&#x1F600;",
    b"&amp;",
    b"<!--",
    b"-->",
    b"<script>",
    b"</script>",
    b"<![CDATA[",
    b"]]>",
    b"<?xml",
    b"\"",
    b"'",
    b"\r\n",
    b"\r\n\r\n",
    b"\n\n",
    b"\0",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xc3",
    b"\xe2\x80",
    b"WARC/1.0\r\n",
    b"Content-Length: 99999999999\r\n",
    b"Content-Length: 5\r\n",
    b"WARC-Type: response\r\n",
    b"Transfer-Encoding: chunked\r\n",
    b"HTTP/1.1 200 OK\r\n",
    b"\x1f\x8b\x08\x00",
    b"{\"text\":\"",
    b"{\"html\":\"",
    b"\\u0000",
    b"\\ud800",
    b"}",
    b"<item>",
    b"</item>",
    b"<entry>",
    b"<pubDate>",
    b"Published 12/03/2024",
    b"By ",
    b"<meta charset=\"shift_jis\">",
    b"<table>",
    b"<td>",
    b"<li>",
    b"<pre>",
    b"<article>",
    b"<time datetime=\"2024-13-45\">",
    b"<script type=\"application/ld+json\">{\"@graph\":[",
];

fn mutate(rng: &mut Rng, seed: &[u8], other: &[u8]) -> Vec<u8> {
    let mut d = seed.to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(d.len() + 1);
        match rng.below(7) {
            0 if !d.is_empty() => {
                let i = rng.below(d.len());
                d[i] ^= 1 << rng.below(8);
            }
            1 if !d.is_empty() => {
                let i = rng.below(d.len());
                d[i] = rng.next() as u8;
            }
            2 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                d.splice(at..at, t.iter().copied());
            }
            3 => {
                let end = (at + rng.below(64)).min(d.len());
                d.drain(at..end);
            }
            4 if d.len() < 1 << 16 => {
                let end = (at + rng.below(256)).min(d.len());
                let piece = d[at..end].to_vec();
                let times = 1 + rng.below(8);
                for _ in 0..times {
                    d.splice(at..at, piece.iter().copied());
                }
            }
            5 => d.truncate(at),
            _ => {
                let from = rng.below(other.len() + 1);
                let end = (from + rng.below(200)).min(other.len());
                d.splice(at..at, other[from..end].iter().copied());
            }
        }
    }
    d
}

fn read_dir_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.path().is_file())
                .map(|e| {
                    let name = e.file_name().to_string_lossy().to_string();
                    (name, std::fs::read(e.path()).unwrap())
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn mutated_and_random_bytes_never_panic() {
    let seeds = repo().join("fuzz/seeds");
    // Which seed folders feed which entry points.
    let plan: [(&str, &[&str]); 6] = [
        ("html_extract", &["html", "text", "feed"]),
        ("clean_bytes", &["text", "html"]),
        ("read_jsonl", &["jsonl"]),
        ("read_warc", &["warc"]),
        ("read_feed", &["feed"]),
        ("read_gzip", &["warc"]),
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut runs = 0;
    for (target, dirs) in plan {
        let pool: Vec<Vec<u8>> = dirs
            .iter()
            .flat_map(|d| read_dir_files(&seeds.join(d)))
            .map(|(_, b)| b)
            .collect();
        assert!(
            !pool.is_empty(),
            "no seeds for {target} in {}",
            seeds.display()
        );
        for seed in &pool {
            run_target(target, seed);
        }
        for i in 0..500 {
            let data = if i % 10 == 9 {
                let n = rng.below(2048);
                (0..n).map(|_| rng.next() as u8).collect()
            } else {
                let a = &pool[rng.below(pool.len())];
                let b = &pool[rng.below(pool.len())];
                mutate(&mut rng, a, b)
            };
            let keep = data.clone();
            let r = std::panic::catch_unwind(|| run_target(target, &data));
            assert!(
                r.is_ok(),
                "{target} panicked on input #{i}: {:?}",
                String::from_utf8_lossy(&keep)
            );
            runs += 1;
        }
    }
    assert_eq!(runs, 3000);
}

#[test]
fn every_crash_the_fuzzers_found_stays_fixed() {
    let dir = repo().join("fuzz/regressions");
    let Ok(targets) = std::fs::read_dir(&dir) else {
        return;
    };
    for t in targets.flatten() {
        let target = t.file_name().to_string_lossy().to_string();
        for (name, data) in read_dir_files(&t.path()) {
            eprintln!("replaying {target}/{name}");
            run_target(&target, &data);
        }
    }
}

/// Inputs shaped to make line-by-line rules quadratic: tens of thousands of short lines (same
/// and different) before any prose, as text and as a bare page, and deep nesting.
#[test]
fn pathological_shapes_finish() {
    let mut text = String::new();
    for i in 0..40_000 {
        text.push_str(if i % 2 == 0 {
            "Top Story Here\n\n"
        } else {
            "Menu\n\n"
        });
        text.push_str(&format!("Line {i} of many\n\n"));
    }
    text.push_str(
        "A sentence long enough to count as prose comes at the very end of it all, finally.\n",
    );
    run_target("clean_bytes", text.as_bytes());
    let page = format!(
        "<html><body>{}<p>A sentence long enough to count as prose comes at the very end, finally.</p></body></html>",
        "<p>Top Story Here</p><br><br>".repeat(40_000)
    );
    run_target("clean_bytes", page.as_bytes());
    let deep = format!(
        "{}text{}",
        "<div><table><tr><td>".repeat(5_000),
        "</td></tr></table></div>".repeat(5_000)
    );
    run_target("html_extract", deep.as_bytes());
}
