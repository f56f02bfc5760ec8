//! Prints the metadata the clean stage finds for every page of a folder (`*.html`, `*.html.gz`):
//! one line per page with each field's value and origin. For looking over dates, titles and
//! bylines on a set of saved pages.
//!
//! `cargo run --release -p dossier-clean --example meta_dir -- DIR`

use std::io::Read;

use dossier_core::Field;
use dossier_ingest::{InputFields, Kind, RawDoc};

fn show(name: &str, f: &Option<Field<String>>) -> String {
    match f {
        Some(f) => format!("{name}={:?} ({} {:.2})", f.value, f.origin, f.confidence),
        None => format!("{name}=-"),
    }
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: meta_dir DIR");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable folder")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let raw = std::fs::read(&path).expect("readable page");
        let bytes = if name.ends_with(".gz") {
            let mut v = Vec::new();
            flate2::read::MultiGzDecoder::new(&raw[..])
                .read_to_end(&mut v)
                .expect("gzip");
            v
        } else if name.ends_with(".html") || name.ends_with(".htm") {
            raw
        } else {
            continue;
        };
        let doc = RawDoc::new(
            &name,
            None,
            "html",
            Kind::Html,
            bytes,
            InputFields::default(),
        );
        match dossier_clean::clean(doc) {
            Ok(d) => {
                let m = &d.meta;
                // Where the date was read, as written in the page.
                let at = m
                    .date
                    .as_ref()
                    .and_then(|f| f.source_span)
                    .map(|s| {
                        String::from_utf8_lossy(&d.source[s.range()])
                            .chars()
                            .take(80)
                            .collect::<String>()
                    })
                    .unwrap_or_default();
                println!(
                    "{}  {} [{at}]  {}  {}  {}",
                    &name[..name.len().min(12)],
                    show("date", &m.date),
                    show("title", &m.title),
                    show("author", &m.author),
                    show("outlet", &m.outlet)
                );
            }
            Err(e) => println!("{name}: {e}"),
        }
    }
}
