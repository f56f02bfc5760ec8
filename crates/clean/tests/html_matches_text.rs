//! A scrape wrapped as bare HTML gives the same document as the scrape itself: the same clean
//! text (modulo the whitespace HTML does not keep), the same blocks and the same title, date,
//! author and outlet.
//!
//! Wrappings (each text line HTML-escaped, in `<html><body>…</body></html>`, no `<head>`):
//! - `paragraphs`: each run of non-blank lines is a `<p>`, its lines joined by `<br>`;
//! - `br`: every line followed by `<br>`, so a blank line is two `<br>`s in a row;
//! - `p-per-line`: each non-blank line is a `<p>` (the same as the others unless the text is
//!   hard-wrapped, where a `<p>` per line says every line is a paragraph).
//!
//! Whitespace normalisation: within a line, runs of whitespace count as one space and leading
//! and trailing whitespace does not count (HTML collapses them); invisible characters (zero
//! width space, soft hyphen, BOM) do not count (HTML drops them). Date origins differ by design:
//! in a page, a visible date is the last source of trust (`html:dateline`).

use std::path::{Path, PathBuf};

use dossier_clean::clean;
use dossier_core::Document;
use dossier_ingest::{InputFields, Kind, RawDoc};

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn wrap(text: &str, how: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut body = String::new();
    match how {
        "paragraphs" => {
            for para in lines.split(|l| l.trim().is_empty()) {
                if para.is_empty() {
                    continue;
                }
                let inner: Vec<String> = para.iter().map(|l| escape(l)).collect();
                body.push_str(&format!("<p>{}</p>\n", inner.join("<br>\n")));
            }
        }
        "br" => {
            for l in &lines {
                body.push_str(&format!("{}<br>\n", escape(l)));
            }
        }
        _ => {
            for l in lines.iter().filter(|l| !l.trim().is_empty()) {
                body.push_str(&format!("<p>{}</p>\n", escape(l)));
            }
        }
    }
    format!("<!DOCTYPE html>\n<html><body>\n{body}</body></html>\n")
}

fn doc(bytes: &[u8], kind: Kind) -> Document {
    let (name, format) = match kind {
        Kind::Html => ("page.html", "html"),
        Kind::Text => ("page.txt", "txt"),
    };
    let raw = RawDoc::new(
        name,
        None,
        format,
        kind,
        bytes.to_vec(),
        InputFields::default(),
    );
    clean(raw).expect("a document")
}

fn normalise(s: &str) -> String {
    s.replace(['\u{200B}', '\u{00AD}', '\u{FEFF}', '\u{2060}'], "")
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Compares the two documents of one scrape; returns what differs.
fn compare(name: &str, text: &str, how: &str) -> Vec<String> {
    let page = wrap(text, how);
    let t = doc(text.as_bytes(), Kind::Text);
    let h = doc(page.as_bytes(), Kind::Html);
    let mut diffs = Vec::new();
    let (tt, ht) = (normalise(&t.text), normalise(&h.text));
    if tt != ht {
        let at = tt
            .bytes()
            .zip(ht.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(tt.len().min(ht.len()));
        let lo = tt.floor_char_boundary(at.saturating_sub(60));
        let lo_h = ht.floor_char_boundary(at.saturating_sub(60));
        diffs.push(format!(
            "{name} [{how}] text differs at byte {at}:\n  txt:  {:?}\n  html: {:?}",
            &tt[lo..tt.floor_char_boundary((at + 60).min(tt.len()))],
            &ht[lo_h..ht.floor_char_boundary((at + 60).min(ht.len()))]
        ));
    }
    let kinds = |d: &Document| d.blocks.iter().map(|b| b.kind).collect::<Vec<_>>();
    if kinds(&t) != kinds(&h) {
        diffs.push(format!(
            "{name} [{how}] block kinds differ:\n  txt:  {:?}\n  html: {:?}",
            kinds(&t),
            kinds(&h)
        ));
    }
    let fields = [
        ("title", &t.meta.title, &h.meta.title),
        ("date", &t.meta.date, &h.meta.date),
        ("author", &t.meta.author, &h.meta.author),
        ("outlet", &t.meta.outlet, &h.meta.outlet),
    ];
    for (field, a, b) in fields {
        let (va, vb) = (a.as_ref().map(|f| &f.value), b.as_ref().map(|f| &f.value));
        if va != vb {
            diffs.push(format!("{name} [{how}] {field}: txt {va:?}, html {vb:?}"));
            continue;
        }
        // Each value's span shows its words in its own source.
        if let (Some(a), Some(b)) = (a, b) {
            let (sa, sb) = (a.source_span.unwrap(), b.source_span.unwrap());
            let in_txt = normalise(sa.text(text));
            let in_html = normalise(&unescape(sb.text(&page)).replace("<br>", " "));
            if in_txt != in_html {
                diffs.push(format!(
                    "{name} [{how}] {field} spans show {in_txt:?} and {in_html:?}"
                ));
            }
        }
    }
    diffs
}

fn check_all(docs: &[(String, String)], hows: &[&str]) {
    let mut diffs = Vec::new();
    for (name, text) in docs {
        for how in hows {
            diffs.extend(compare(name, text, how));
        }
    }
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}

#[test]
fn invented_scrape_wrapped_as_html_gives_the_same_document() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wrapped-scrape.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let t = doc(text.as_bytes(), Kind::Text);
    // The fixture exercises every rule the comparison is about.
    assert_eq!(
        t.meta.title.as_ref().unwrap().value,
        "Storm Closes Ferry Route Between Two Islands"
    );
    assert_eq!(t.meta.date.as_ref().unwrap().value, "2025-02-14");
    assert_eq!(
        t.meta.author.as_ref().unwrap().value,
        "Marta Quell, Harbour Reporter"
    );
    assert_eq!(t.meta.outlet.as_ref().unwrap().value, "Harbour Gazette");
    assert!(!t.text.contains("Skip to content") && !t.text.contains("Jon Tarr"));
    check_all(
        &[("wrapped-scrape.txt".into(), text)],
        &["paragraphs", "br", "p-per-line"],
    );
}

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds")
}

#[test]
fn seeds_wrapped_as_html_give_the_same_documents() {
    let dir = seeds_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: ../shared/corpus/seeds not found");
        return;
    };
    let mut docs: Vec<(String, String)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    docs.sort();
    assert!(!docs.is_empty(), "no seeds in {}", dir.display());
    check_all(&docs, &["paragraphs", "br", "p-per-line"]);
}
