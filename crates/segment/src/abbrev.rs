//! The abbreviation and sentence-starter lists, compiled into the binary and parsed once.

use std::collections::HashMap;
use std::collections::HashSet;
use std::sync::OnceLock;

const ABBREVIATIONS: &str = include_str!("../resources/abbreviations.txt");
const STARTERS: &str = include_str!("../resources/sentence_starters.txt");

/// How a sentence may end after an abbreviation that keeps its full stop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbrevClass {
    /// A name follows ("Gen.", "Mr."): never a sentence end.
    Title,
    /// A number usually follows ("Jan.", "No."): an end only before a capitalised word.
    Number,
    /// Closes a name ("Corp.", "Jr.", "etc."): an end before any capitalised word.
    Suffix,
    /// A dotted form or an initial ("U.S.", "J."): an end only before a sentence-starting word.
    Initial,
}

struct Lists {
    /// Lower-cased form -> (class, whether the token must be capitalised).
    abbreviations: HashMap<String, (AbbrevClass, bool)>,
    starters: HashSet<String>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| Lists {
        abbreviations: parse_abbreviations(ABBREVIATIONS)
            .map(|(form, class)| {
                let capital = form.starts_with(|c: char| c.is_ascii_uppercase());
                (form.to_ascii_lowercase(), (class, capital))
            })
            .collect(),
        starters: data_lines(STARTERS).map(str::to_ascii_lowercase).collect(),
    })
}

fn data_lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// `(form, class)` for each well-formed line; malformed lines are skipped (a test checks there are none).
fn parse_abbreviations(src: &str) -> impl Iterator<Item = (&str, AbbrevClass)> {
    data_lines(src).filter_map(|line| {
        let mut parts = line.split_whitespace();
        let form = parts.next()?;
        let class = match parts.next()? {
            "title" => AbbrevClass::Title,
            "number" => AbbrevClass::Number,
            "suffix" => AbbrevClass::Suffix,
            _ => return None,
        };
        parts.next().is_none().then_some((form, class))
    })
}

/// Lower-cases a short ASCII word into `buf`, or `None` when it is not short ASCII.
fn lower<'a>(word: &str, buf: &'a mut [u8; 16]) -> Option<&'a str> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..b.len()]).ok()
}

/// The class of a listed abbreviation, given without its final full stop ("Gen" for "Gen.").
pub fn listed(body: &str) -> Option<AbbrevClass> {
    let mut buf = [0u8; 16];
    let key = lower(body, &mut buf)?;
    let &(class, capital) = lists().abbreviations.get(key)?;
    if capital && !body.as_bytes()[0].is_ascii_uppercase() {
        return None;
    }
    Some(class)
}

/// A dotted initialism without its final stop: letters in groups of one to three joined by
/// stops ("U.S", "e.g", "Ph.D", "J.R.R").
pub fn is_dotted(body: &str) -> bool {
    let b = body.as_bytes();
    let mut dots = 0;
    let mut group = 0;
    for &c in b {
        if c == b'.' {
            if group == 0 {
                return false;
            }
            dots += 1;
            group = 0;
        } else if c.is_ascii_alphabetic() {
            group += 1;
            if group > 3 {
                return false;
            }
        } else {
            return false;
        }
    }
    dots > 0 && group > 0
}

/// Whether a word followed by a full stop keeps the stop as part of its token.
pub fn keeps_period(body: &str) -> bool {
    let mut chars = body.chars();
    match (chars.next(), chars.next()) {
        (None, _) => false,
        (Some(c), None) => c.is_uppercase(),
        // "aid-U.N." keeps its stop like "U.N." does, "then-Sen." like "Sen.".
        _ => {
            is_dotted(body)
                || listed(body).is_some()
                || body
                    .rsplit_once('-')
                    .is_some_and(|(_, t)| is_dotted(t) || listed(t).is_some())
        }
    }
}

/// The class of a token that kept its full stop ("U.S." -> Initial, "Gen." -> Title).
pub fn class_of(token: &str) -> AbbrevClass {
    let body = token.strip_suffix('.').unwrap_or(token);
    listed(body)
        .or_else(|| body.rsplit_once('-').and_then(|(_, t)| listed(t)))
        .unwrap_or(AbbrevClass::Initial)
}

/// Whether a capitalised word typically opens a sentence ("He", "The", "But").
pub fn is_starter(word: &str) -> bool {
    let mut buf = [0u8; 16];
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    lower(word, &mut buf).is_some_and(|w| lists().starters.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_line_parses() {
        assert_eq!(
            parse_abbreviations(ABBREVIATIONS).count(),
            data_lines(ABBREVIATIONS).count()
        );
        assert!(data_lines(STARTERS).all(|w| w.bytes().all(|c| c.is_ascii_lowercase())));
    }

    #[test]
    fn lookup_respects_case_rules() {
        assert_eq!(listed("Gen"), Some(AbbrevClass::Title));
        assert_eq!(listed("GEN"), Some(AbbrevClass::Title));
        assert_eq!(listed("No"), Some(AbbrevClass::Number));
        assert_eq!(listed("no"), None);
        assert_eq!(listed("etc"), Some(AbbrevClass::Suffix));
        assert_eq!(listed("ETC"), Some(AbbrevClass::Suffix));
        assert_eq!(listed("table"), None);
    }

    #[test]
    fn dotted_forms() {
        for yes in ["U.S", "e.g", "Ph.D", "J.R.R", "a.m"] {
            assert!(is_dotted(yes), "{yes}");
        }
        for no in ["example.com", "3.5", "U..S", ".S", "US"] {
            assert!(!is_dotted(no), "{no}");
        }
    }

    #[test]
    fn starters() {
        assert!(is_starter("He"));
        assert!(is_starter("THE"));
        assert!(!is_starter("the"));
        assert!(!is_starter("Army"));
    }
}
