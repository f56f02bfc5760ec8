//! The matcher on the labelled name pairs in `fixtures/name_pairs.csv` (written for this crate:
//! transliterations of Arabic and Russian names, Cyrillic script, name order, titles in several
//! languages, nicknames, legal forms, vessel prefixes, and hard non-matches), and on a second set
//! written afterwards to check the rules carry over (`fixtures/name_pairs_check.csv`). Prints
//! P/R/F1 per group and every miss; fails when F1 falls below a floor.

use dossier_resolve::{is_match, Name, NameKind};

/// Splits one CSV line: commas, double-quoted fields with doubled quotes inside.
fn split_csv(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    out.push(field);
    out
}

fn kind_of(schema: &str) -> NameKind {
    match schema {
        "Person" => NameKind::Person,
        "Company" | "Organization" | "LegalEntity" => NameKind::Org,
        _ => NameKind::Other,
    }
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Counts {
    fn add(&mut self, gold: bool, pred: bool) {
        match (gold, pred) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    fn prf(&self) -> (f64, f64, f64) {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// Scores one fixture, printing its misses and groups; returns F1.
fn run(file: &str, text: &str) -> f64 {
    let mut all = Counts::default();
    let mut groups: std::collections::BTreeMap<String, Counts> = Default::default();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let f = split_csv(line);
        assert!(f.len() >= 5, "bad fixture line: {line}");
        let k = kind_of(&f[1]);
        let gold = f[4] == "true";
        let (a, b) = (Name::parse(&f[2], k), Name::parse(&f[3], k));
        let pred = is_match(&a, &b);
        if pred != gold {
            println!(
                "miss [{}] {} | {} gold={gold} score={:.3}",
                f[0],
                f[2],
                f[3],
                dossier_resolve::score(&a, &b)
            );
        }
        all.add(gold, pred);
        groups.entry(f[0].clone()).or_default().add(gold, pred);
    }
    for (g, c) in &groups {
        let (p, r, f) = c.prf();
        println!("group {g}: P {p:.3} R {r:.3} F1 {f:.3}");
    }
    let (p, r, f) = all.prf();
    println!(
        "{file}: n={} tp={} fp={} fn={} tn={} P {p:.4} R {r:.4} F1 {f:.4}",
        all.tp + all.fp + all.fn_ + all.tn,
        all.tp,
        all.fp,
        all.fn_,
        all.tn
    );
    f
}

/// The pairs the matcher was developed on.
#[test]
fn development_pairs() {
    let f = run("name_pairs.csv", include_str!("fixtures/name_pairs.csv"));
    assert!(f >= 0.5, "F1 {f:.4} fell below the floor");
}

/// Pairs written after the matcher's rules and lists, to check they carry over.
#[test]
fn check_pairs() {
    let f = run(
        "name_pairs_check.csv",
        include_str!("fixtures/name_pairs_check.csv"),
    );
    assert!(f >= 0.5, "F1 {f:.4} fell below the floor");
}
