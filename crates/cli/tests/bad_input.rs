//! Every kind of bad input gets a clear message naming the file, the rest of the batch goes on,
//! nothing panics, and the exit code says something failed.

mod common;

use std::io::Write;

use common::{dossier, json, stderr};

const GOOD: &str = "Ministers Meet in Almaty\n\nThe foreign ministers of two neighbouring countries met in Almaty on Monday to discuss water sharing, officials said.\n";

fn ingest(dir: &std::path::Path, files: &[&std::path::Path]) -> std::process::Output {
    let mut c = dossier(&dir.join("data"));
    c.arg("ingest").arg("--quiet");
    for f in files {
        c.arg(f);
    }
    c.output().unwrap()
}

fn doc_count(dir: &std::path::Path) -> usize {
    let o = dossier(&dir.join("data"))
        .args(["docs", "--json"])
        .output()
        .unwrap();
    json(&o).as_array().unwrap().len()
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Ingests `bad` next to a good file; the bad one must fail with `reason`, the good one land.
fn fails_alone(name: &str, bytes: &[u8], reason: &str) {
    let t = tempfile::tempdir().unwrap();
    let good = write(t.path(), "good.txt", GOOD.as_bytes());
    let bad = write(t.path(), name, bytes);
    let o = ingest(t.path(), &[&bad, &good]);
    let err = stderr(&o);
    assert!(
        !o.status.success(),
        "exit code must report the failure; stderr: {err}"
    );
    assert!(err.contains(name), "message must name the file: {err}");
    assert!(err.contains(reason), "message must say {reason:?}: {err}");
    assert!(err.contains("ingested 1, unchanged 0, failed 1"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(doc_count(t.path()), 1);
}

#[test]
fn empty_file() {
    fails_alone("empty.txt", b"", "empty input");
}

#[test]
fn png_renamed_txt() {
    fails_alone(
        "photo.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
        "binary data (PNG image)",
    );
}

#[test]
fn truncated_gzip() {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(GOOD.repeat(50).as_bytes()).unwrap();
    let gz = enc.finish().unwrap();
    fails_alone("cut.txt.gz", &gz[..gz.len() / 2], "truncated gzip");
}

#[test]
fn document_over_the_size_limit() {
    // One 200 MB line: refused with the reason, never read whole into memory.
    let t = tempfile::tempdir().unwrap();
    let big = t.path().join("huge.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(200 << 20).unwrap();
    drop(f);
    let good = write(t.path(), "good.txt", GOOD.as_bytes());
    let o = ingest(t.path(), &[&big, &good]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(err.contains("huge.txt") && err.contains("limit"), "{err}");
    assert_eq!(doc_count(t.path()), 1);
}

#[test]
fn jsonl_with_one_malformed_line() {
    let t = tempfile::tempdir().unwrap();
    let lines = format!(
        "{}\n{{\"text\": broken\n{}\n",
        serde_json::json!({"title": "One", "text": "First article text, long enough to count as prose for the cleaner here."}),
        serde_json::json!({"title": "Two", "text": "Second article text, also long enough to count as prose for the cleaner."})
    );
    let f = write(t.path(), "batch.jsonl", lines.as_bytes());
    let o = ingest(t.path(), &[&f]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(err.contains("batch.jsonl:2: not valid JSON"), "{err}");
    assert_eq!(doc_count(t.path()), 2);
}

#[test]
fn missing_path() {
    let t = tempfile::tempdir().unwrap();
    let good = write(t.path(), "good.txt", GOOD.as_bytes());
    let o = ingest(t.path(), &[&t.path().join("nowhere.txt"), &good]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(err.contains("nowhere.txt: cannot open"), "{err}");
    assert_eq!(doc_count(t.path()), 1);
}

#[cfg(unix)]
#[test]
fn directory_with_an_unreadable_entry() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    write(&dir, "good.txt", GOOD.as_bytes());
    // A dangling link cannot be read by anyone, root included.
    std::os::unix::fs::symlink(dir.join("gone.txt"), dir.join("broken.txt")).unwrap();
    let o = ingest(t.path(), &[&dir]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(err.contains("broken.txt"), "{err}");
    assert_eq!(doc_count(t.path()), 1);
}

#[test]
fn empty_stdin() {
    let t = tempfile::tempdir().unwrap();
    let o = dossier(&t.path().join("data"))
        .args(["ingest", "--quiet", "-"])
        .write_stdin("")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("-: empty input"), "{}", stderr(&o));
}

#[test]
fn stdin_article_is_ingested() {
    let t = tempfile::tempdir().unwrap();
    let o = dossier(&t.path().join("data"))
        .args(["ingest", "--quiet", "-"])
        .write_stdin(GOOD)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(doc_count(t.path()), 1);
}

#[test]
fn legacy_encodings_come_out_right() {
    let t = tempfile::tempdir().unwrap();
    let mut utf16 = vec![0xff, 0xfe];
    for u in "Caf\u{e9} Owners Protest New Tax\n\nCaf\u{e9} owners in the capital protested on Monday against a new tax on terraces, their union said.\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let a = write(t.path(), "utf16.txt", &utf16);
    let b = write(
        t.path(),
        "cp1252.txt",
        b"Na\xefve Plan Draws Criticism\n\nThe minister\x92s \x93na\xefve\x94 plan drew criticism from opposition parties on Tuesday, the newspaper reported.\n",
    );
    let c = write(t.path(), "badutf8.txt", b"Bytes \xff\xfe Survive\n\nA text with a few invalid bytes \xc3\x28 in it is still read, and nothing is lost of it at all.\n");
    let o = ingest(t.path(), &[&a, &b, &c]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = json(
        &dossier(&t.path().join("data"))
            .args(["docs", "--json"])
            .output()
            .unwrap(),
    );
    let titles: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&"Café Owners Protest New Tax"),
        "{titles:?}"
    );
    assert!(titles.contains(&"Naïve Plan Draws Criticism"), "{titles:?}");
    let cp = docs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["title"] == "Naïve Plan Draws Criticism")
        .unwrap();
    assert_eq!(cp["encoding"], "windows-1252");
    let shown = json(
        &dossier(&t.path().join("data"))
            .args(["show", "--json", cp["id"].as_str().unwrap()])
            .output()
            .unwrap(),
    );
    assert!(shown["text"]
        .as_str()
        .unwrap()
        .contains("minister’s “naïve” plan"));
    // The original bytes are kept exactly.
    let src = dossier(&t.path().join("data"))
        .args(["show", "--source", cp["id"].as_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(src.stdout, std::fs::read(&b).unwrap());
}
