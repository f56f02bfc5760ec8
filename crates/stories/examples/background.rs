//! Builds `resources/background_df.tsv`, the document frequencies of words in general news that
//! give the story vectors a meaningful IDF before the corpus has many documents of its own.
//! Reads the CoNLL-2003 English training and development files (Reuters news, 1996, one document
//! per `-DOCSTART-`) and the PolNeAR training texts (US political news, 2015-16) from
//! `../shared/data` (research-only data: only the derived counts are kept). Words are scanned
//! exactly as the story vectors scan them; words in fewer than two documents are left out.
//!
//!     cargo run --release -p dossier-stories --example background

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use dossier_stories::text::{fold_into, fold_suffix, is_stopword, words};

fn count(text: &str, df: &mut BTreeMap<String, u32>) {
    let mut buf = String::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (a, b) in words(text) {
        fold_into(&text[a..b], &mut buf);
        if buf.len() < 2 || is_stopword(&buf) {
            continue;
        }
        seen.insert(fold_suffix(&buf).to_string());
    }
    for w in seen {
        *df.entry(w).or_default() += 1;
    }
}

fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    let mut df: BTreeMap<String, u32> = BTreeMap::new();
    let mut docs = 0u32;
    for f in ["eng.train.iob2", "eng.testa.iob2"] {
        let data = std::fs::read_to_string(root.join("conll2003").join(f))?;
        let mut doc = String::new();
        for line in data.lines() {
            if line.starts_with("-DOCSTART-") {
                if !doc.is_empty() {
                    count(&doc, &mut df);
                    docs += 1;
                    doc.clear();
                }
                continue;
            }
            if let Some(tok) = line.split_whitespace().next() {
                doc.push_str(tok);
                doc.push(' ');
            }
        }
        if !doc.is_empty() {
            count(&doc, &mut df);
            docs += 1;
        }
    }
    let mut texts: Vec<_> = std::fs::read_dir(root.join("polnear/train/text"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    texts.sort();
    for p in texts {
        let bytes = std::fs::read(&p)?;
        count(&String::from_utf8_lossy(&bytes), &mut df);
        docs += 1;
    }
    let mut out = format!("#documents\t{docs}\n");
    for (w, n) in df.iter().filter(|(_, &n)| n >= 2) {
        out.push_str(&format!("{w}\t{n}\n"));
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("resources/background_df.tsv");
    std::fs::write(&path, out)?;
    println!("{docs} documents -> {}", path.display());
    Ok(())
}
