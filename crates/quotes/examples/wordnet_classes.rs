//! Writes `resources/wordnet-classes.txt`: for English word forms, the WordNet 3.0 lexicographer
//! classes of their senses (verbs: communication, cognition, …; a few noun classes), so that the
//! tagger can tell a verb of saying or thinking it never saw in training from a verb of motion.
//!
//! `cargo run --release -p dossier-quotes --example wordnet_classes -- /usr/share/wordnet OUT`
//! (Debian package `wordnet-base`: `scripts/install-wordnet.sh`).
//!
//! Each line: `form<TAB>mask` in hex. Bits 0–14: a verb sense in verb lexicographer file 29 + bit
//! (verb.body … verb.weather); bits 16–21: a noun sense in noun.communication, noun.cognition,
//! noun.feeling, noun.act, noun.person, noun.group; bits 24–27: 1 + the verb class of the form's
//! most frequent verb sense (0: none).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Noun lexicographer files kept, in bit order from 16.
const NOUN_FILES: [u32; 6] = [10, 9, 12, 4, 18, 14];

fn lex_files(path: &Path) -> std::io::Result<HashMap<u64, u32>> {
    let mut out = HashMap::new();
    for line in std::fs::read_to_string(path)?.lines() {
        if line.starts_with(' ') {
            continue;
        }
        let mut f = line.split(' ');
        if let (Some(off), Some(lex)) = (f.next(), f.next()) {
            if let (Ok(o), Ok(l)) = (off.parse(), lex.parse()) {
                out.insert(o, l);
            }
        }
    }
    Ok(out)
}

/// Lemma -> (mask of classes, first sense's class) from an index file.
fn index(
    path: &Path,
    files: &HashMap<u64, u32>,
    verb: bool,
) -> std::io::Result<Vec<(String, u32)>> {
    let mut out = Vec::new();
    for line in std::fs::read_to_string(path)?.lines() {
        if line.starts_with(' ') {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        let lemma = f[0];
        if lemma.contains(['_', '-', '.', '\'']) || !lemma.chars().all(|c| c.is_ascii_lowercase()) {
            continue;
        }
        let n: usize = f[2].parse().unwrap_or(0);
        let offs = &f[f.len() - n..];
        let mut mask = 0u32;
        for (k, o) in offs.iter().enumerate() {
            let Some(&lex) = o.parse().ok().and_then(|o: u64| files.get(&o)) else {
                continue;
            };
            if verb {
                if (29..=43).contains(&lex) {
                    mask |= 1 << (lex - 29);
                    if k == 0 {
                        mask |= (lex - 29 + 1) << 24;
                    }
                }
            } else if let Some(b) = NOUN_FILES.iter().position(|&x| x == lex) {
                mask |= 1 << (16 + b);
            }
        }
        if mask != 0 {
            out.push((lemma.to_string(), mask));
        }
    }
    Ok(out)
}

fn ends_sibilant(w: &str) -> bool {
    w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
}

fn consonant_y(w: &str) -> bool {
    w.len() > 1
        && w.ends_with('y')
        && !matches!(w.as_bytes()[w.len() - 2], b'a' | b'e' | b'i' | b'o' | b'u')
}

fn plural(w: &str) -> String {
    if consonant_y(w) {
        format!("{}ies", &w[..w.len() - 1])
    } else if ends_sibilant(w) {
        format!("{w}es")
    } else {
        format!("{w}s")
    }
}

fn verb_forms(w: &str) -> Vec<String> {
    let mut out = vec![w.to_string(), plural(w)];
    if consonant_y(w) {
        out.push(format!("{}ied", &w[..w.len() - 1]));
    } else if w.ends_with('e') {
        out.push(format!("{w}d"));
    } else {
        out.push(format!("{w}ed"));
    }
    if let Some(stem) = w.strip_suffix("ie") {
        out.push(format!("{stem}ying"));
    } else if w.ends_with('e') && !w.ends_with("ee") && w.len() > 2 {
        out.push(format!("{}ing", &w[..w.len() - 1]));
    } else {
        out.push(format!("{w}ing"));
    }
    out
}

fn exceptions(path: &Path) -> std::io::Result<Vec<(String, String)>> {
    Ok(std::fs::read_to_string(path)?
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            Some((f.next()?.to_string(), f.next()?.to_string()))
        })
        .collect())
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "/usr/share/wordnet".into());
    let out = args
        .next()
        .unwrap_or_else(|| "crates/quotes/resources/wordnet-classes.txt".into());
    let dir = Path::new(&dir);
    if !dir.join("index.verb").is_file() {
        eprintln!("skipped: {} has no WordNet dictionary", dir.display());
        return Ok(());
    }
    let mut forms: BTreeMap<String, u32> = BTreeMap::new();
    let add = |form: String, mask: u32, forms: &mut BTreeMap<String, u32>| {
        let e = forms.entry(form).or_insert(0);
        // The first sense's class of the first lemma that reaches a form stays.
        let first = if *e >> 24 != 0 {
            *e & 0x0f00_0000
        } else {
            mask & 0x0f00_0000
        };
        *e = (*e | mask) & 0x00ff_ffff | first;
    };
    let verbs = index(
        &dir.join("index.verb"),
        &lex_files(&dir.join("data.verb"))?,
        true,
    )?;
    let vmap: HashMap<&str, u32> = verbs.iter().map(|(l, m)| (l.as_str(), *m)).collect();
    for (lemma, mask) in &verbs {
        add(lemma.clone(), *mask, &mut forms);
    }
    for (lemma, mask) in &verbs {
        for f in verb_forms(lemma).into_iter().skip(1) {
            add(f, *mask, &mut forms);
        }
    }
    for (form, lemma) in exceptions(&dir.join("verb.exc"))? {
        if let Some(&m) = vmap.get(lemma.as_str()) {
            if form.chars().all(|c| c.is_ascii_lowercase()) {
                add(form, m, &mut forms);
            }
        }
    }
    let nouns = index(
        &dir.join("index.noun"),
        &lex_files(&dir.join("data.noun"))?,
        false,
    )?;
    let nmap: HashMap<&str, u32> = nouns.iter().map(|(l, m)| (l.as_str(), *m)).collect();
    for (lemma, mask) in &nouns {
        add(lemma.clone(), *mask, &mut forms);
        add(plural(lemma), *mask, &mut forms);
    }
    for (form, lemma) in exceptions(&dir.join("noun.exc"))? {
        if let Some(&m) = nmap.get(lemma.as_str()) {
            if form.chars().all(|c| c.is_ascii_lowercase()) {
                add(form, m, &mut forms);
            }
        }
    }
    let mut text = String::from(
        "# Word forms and WordNet 3.0 lexicographer classes (hex mask; see examples/wordnet_classes.rs).\n\
         # Derived from WordNet 3.0, Copyright 2006 by Princeton University. All rights reserved.\n\
         # WordNet 3.0 license: permission to use, copy, modify and distribute this software and database\n\
         # and its documentation for any purpose and without fee or royalty is hereby granted, provided that\n\
         # this copyright notice and statements appear on all copies. THIS SOFTWARE AND DATABASE IS PROVIDED\n\
         # \"AS IS\" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.\n",
    );
    for (f, m) in &forms {
        text.push_str(&format!("{f}\t{m:x}\n"));
    }
    std::fs::write(&out, text)?;
    eprintln!("wrote {out}: {} forms", forms.len());
    Ok(())
}
