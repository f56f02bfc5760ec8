//! Extracts every page of a folder (`*.html`, `*.html.gz`) and writes `{id: {"articleBody"}}`
//! JSON on stdout, for quick checks with an outside scorer while `dossier` is being built.
//!
//! `cargo run --release -p dossier-html --example extract_dir -- DIR > pred.json`

use std::io::Read;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: extract_dir DIR");
    let mut out = serde_json::Map::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    for path in names {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let (id, gz) = match (name.strip_suffix(".html.gz"), name.strip_suffix(".html")) {
            (Some(id), _) => (id.to_string(), true),
            (None, Some(id)) => (id.to_string(), false),
            _ => continue,
        };
        let raw = std::fs::read(&path).expect("readable page");
        let bytes = if gz {
            let mut v = Vec::new();
            flate2::read::MultiGzDecoder::new(&raw[..])
                .read_to_end(&mut v)
                .expect("gzip");
            v
        } else {
            raw
        };
        let text = match dossier_html::extract(&bytes, None, None) {
            Ok(x) => x.text,
            Err(e) => {
                eprintln!("{id}: {e}");
                String::new()
            }
        };
        out.insert(id, serde_json::json!({ "articleBody": text }));
    }
    println!("{}", serde_json::to_string_pretty(&out).expect("json"));
}
