//! User judgements, kept as a plain tab-separated file that diffs and merges well, one per
//! line (`<TAB>` is a tab character):
//!
//! ```text
//! # dossier judgements
//! merge<TAB>Gerhard Schroeder<TAB>Schröder
//! split<TAB>Moammar Gadhafi<TAB>Gadhafi Foundation
//! not-same<TAB>George Bush<TAB>George W. Bush
//! ```
//!
//! Names, not ids, are the handles, so a judgement holds across re-ingests that renumber
//! entities. The resolver applies merges and splits after every document and obeys not-same and
//! split while choosing entities.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::names::tokens;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Judgement {
    /// The entities named A and B are one.
    Merge(String, String),
    /// The alias is not a name of the entity.
    Split(String, String),
    /// The entities named A and B are different.
    NotSame(String, String),
}

impl Judgement {
    fn verb(&self) -> &'static str {
        match self {
            Judgement::Merge(..) => "merge",
            Judgement::Split(..) => "split",
            Judgement::NotSame(..) => "not-same",
        }
    }

    fn args(&self) -> (&str, &str) {
        match self {
            Judgement::Merge(a, b) | Judgement::Split(a, b) | Judgement::NotSame(a, b) => (a, b),
        }
    }
}

impl fmt::Display for Judgement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (a, b) = self.args();
        write!(f, "{}\t{}\t{}", self.verb(), clean(a), clean(b))
    }
}

fn clean(s: &str) -> String {
    s.split(['\t', '\n', '\r'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The judgements in file order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Judgements {
    list: Vec<Judgement>,
}

impl Judgements {
    /// Parses the file format; an unknown verb or a missing field is an error naming the line.
    pub fn parse(text: &str) -> Result<Judgements, String> {
        let mut list = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            if f.len() != 3 || f[1].is_empty() || f[2].is_empty() {
                return Err(format!(
                    "line {}: expected VERB<TAB>NAME<TAB>NAME, got {line:?}",
                    i + 1
                ));
            }
            let (a, b) = (f[1].to_string(), f[2].to_string());
            list.push(match f[0] {
                "merge" => Judgement::Merge(a, b),
                "split" => Judgement::Split(a, b),
                "not-same" => Judgement::NotSame(a, b),
                v => {
                    return Err(format!(
                        "line {}: unknown judgement {v:?} (merge, split, not-same)",
                        i + 1
                    ))
                }
            });
        }
        Ok(Judgements { list })
    }

    pub fn list(&self) -> &[Judgement] {
        &self.list
    }

    /// Adds a judgement unless the same one is already there; true when added.
    pub fn add(&mut self, j: Judgement) -> bool {
        if self.list.contains(&j) {
            return false;
        }
        self.list.push(j);
        true
    }

    /// True when a mention named `alias` may not join an entity with these aliases.
    pub fn forbids<'a>(
        &self,
        alias: &str,
        entity_aliases: impl Iterator<Item = &'a str> + Clone,
    ) -> bool {
        let key = tokens(alias);
        self.list.iter().any(|j| {
            let (x, y, symmetric) = match j {
                Judgement::NotSame(x, y) => (x, y, true),
                Judgement::Split(entity, a) => (a, entity, false),
                Judgement::Merge(..) => return false,
            };
            let holds = |name: &str| entity_aliases.clone().any(|e| tokens(e) == tokens(name));
            (tokens(x) == key && holds(y)) || (symmetric && tokens(y) == key && holds(x))
        })
    }
}

impl fmt::Display for Judgements {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for j in &self.list {
            writeln!(f, "{j}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let text =
            "# team file\nmerge\tGerhard Schroeder\tSchröder\nnot-same\tGeorge Bush\tJeb Bush\n";
        let j = Judgements::parse(text).unwrap();
        assert_eq!(j.list().len(), 2);
        assert_eq!(Judgements::parse(&j.to_string()).unwrap(), j);
        assert!(Judgements::parse("merge\tonly one\n").is_err());
        assert!(Judgements::parse("join\ta\tb\n").is_err());
    }

    #[test]
    fn not_same_forbids_both_ways() {
        let j = Judgements::parse("not-same\tGeorge Bush\tJeb Bush\n").unwrap();
        assert!(j.forbids("jeb bush", ["George Bush", "Bush"].into_iter()));
        assert!(j.forbids("George BUSH", ["Jeb Bush"].into_iter()));
        assert!(!j.forbids("George Bush", ["George Bush"].into_iter()));
    }
}
