//! Writes `crates/ner/resources/name-words.txt`: words that open people's names (`given`) and
//! words that end names of bodies, places and other things rather than people's (`body`), from
//! labelled text, for the stage rules that must tell a person's full name ("Donald Trump") from
//! a tagger's slip ("Wilayat Twitter") or a body's name ("Tea Party").
//!
//! `cargo run --release -p dossier-ner --example name_words -- \
//!     ../shared/data/conll2003/eng.train.iob2 ../shared/data/wnut17/wnut17train.conll \
//!     crates/resolve/resources/given_names.txt crates/core/resources/given-names-sex.txt \
//!     > crates/ner/resources/name-words.txt`
//!
//! Labelled files (a token and its IOB2 tag per line, the tag last; `B-PER` or `B-person`): a
//! word is `given` when it opens people's names of two words or more more often than it stands
//! in names of other kinds, is written with a capital then lower case (not a single letter), and
//! is not written in lower case more often than it opens names ("Will", "Tea"). A file whose
//! name ends in `given_names.txt` (the resolver's name groups) or `given-names-sex.txt` (the
//! quote stage's names by sex, written by hand) lists given names: its forms are `given` too,
//! under the same lower-case test. A word is `body` when it ends names of other kinds more
//! often than people's names of two words or more ("Party", "University", "Bank").

use std::collections::{BTreeSet, HashMap};

fn title_case(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase)
        && w.chars().count() >= 2
        && cs.all(|c| c.is_lowercase() || c == '-' || c == '\'')
}

fn is_person(label: &str) -> bool {
    label.eq_ignore_ascii_case("per") || label.eq_ignore_ascii_case("person")
}

#[derive(Default)]
struct Counts {
    /// Opens a person's name of two words or more.
    opens: HashMap<String, u32>,
    /// Stands in a name of another kind.
    other: HashMap<String, u32>,
    /// Ends a person's name of two words or more.
    ends_person: HashMap<String, u32>,
    /// Ends a name of another kind.
    ends_other: HashMap<String, u32>,
    /// Written in lower case (the lower-case form).
    lower: HashMap<String, u32>,
}

fn add(map: &mut HashMap<String, u32>, w: &str) {
    *map.entry(w.to_string()).or_default() += 1;
}

fn get(map: &HashMap<String, u32>, w: &str) -> u32 {
    map.get(w).copied().unwrap_or(0)
}

/// Counts the words of one labelled file.
fn count(text: &str, c: &mut Counts) {
    let mut name: Vec<&str> = Vec::new();
    let mut label = String::new();
    let flush = |name: &mut Vec<&str>, label: &str, c: &mut Counts| {
        if is_person(label) {
            if let [first, .., last] = name[..] {
                add(&mut c.opens, first);
                add(&mut c.ends_person, last);
            }
        } else if let Some(last) = name.last() {
            add(&mut c.ends_other, last);
            for w in name.iter() {
                add(&mut c.other, w);
            }
        }
        name.clear();
    };
    for line in text.lines() {
        let mut parts = line.split_whitespace();
        let (Some(word), Some(tag)) = (parts.next(), parts.next_back()) else {
            flush(&mut name, &label, c);
            continue;
        };
        if word == "-DOCSTART-" {
            flush(&mut name, &label, c);
            continue;
        }
        if word.chars().all(char::is_lowercase) {
            add(&mut c.lower, word);
        }
        match tag.split_once('-') {
            Some(("I", l)) if !name.is_empty() && l == label => name.push(word),
            Some((_, l)) => {
                flush(&mut name, &label, c);
                label = l.to_string();
                name.push(word);
            }
            None => flush(&mut name, &label, c),
        }
    }
    flush(&mut name, &label, c);
}

fn main() {
    let mut c = Counts::default();
    let mut listed: BTreeSet<String> = BTreeSet::new();
    let mut sources: Vec<String> = Vec::new();
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        };
        if path.ends_with("given_names.txt") || path.ends_with("given-names-sex.txt") {
            for line in text.lines().filter(|l| !l.starts_with('#')) {
                // "m:" and "f:" open the lines of the list of names by sex
                listed.extend(
                    line.split_whitespace()
                        .filter(|w| !w.ends_with(':'))
                        .map(str::to_lowercase),
                );
            }
        } else {
            count(&text, &mut c);
        }
        sources.push(
            path.rsplit('/')
                .take(2)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<Vec<_>>()
                .join("/"),
        );
    }
    // the counts by title-case form; the lower-case test reads the lower-case form
    let lower = |w: &str| get(&c.lower, &w.to_lowercase());
    let mut given: BTreeSet<String> = BTreeSet::new();
    for w in &listed {
        let mut cs = w.chars();
        let title: String = cs
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .chain(cs)
            .collect();
        if lower(&title) <= get(&c.opens, &title) {
            given.insert(w.clone());
        }
    }
    for (w, &n) in &c.opens {
        if title_case(w) && n > get(&c.other, w) && lower(w) <= n {
            given.insert(w.to_lowercase());
        }
    }
    let mut body: BTreeSet<String> = BTreeSet::new();
    for (w, &n) in &c.ends_other {
        if title_case(w) && n > get(&c.ends_person, w) {
            body.insert(w.to_lowercase());
        }
    }
    println!(
        "# Name words (lower case), written by `examples/name_words.rs` from: {}.",
        sources.join(", ")
    );
    println!("# Do not edit by hand: rerun the example (its header says how).");
    for w in &given {
        println!("given {w}");
    }
    for w in &body {
        println!("body {w}");
    }
}
