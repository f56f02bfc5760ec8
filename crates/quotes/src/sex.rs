//! The sex the text gives a named person, so that a speaker "he" or "she" agrees with the person
//! it stands for ("Hillary Clinton said ... “...,” he said" is not Clinton).
//!
//! A person's mention shows it by an honorific or a noun of one sex right before it ("Mrs.
//! Clinton", "spokeswoman Jane Roe") or in an apposition right after it ("Jane Roe, a
//! spokeswoman,"), or by its given name (`dossier_core::sex`, written by hand: names
//! news mostly gives to one sex). A mention that shows nothing takes what the other mentions of
//! the same surname in the document show, when they agree ("Clinton" after "Hillary Clinton",
//! not after "Hillary Clinton" and "Bill Clinton"). A one-word mention is read as a given name
//! only when no longer name in the document ends with it ("Warren" after "Elizabeth Warren" is a
//! surname).

use std::collections::HashMap;

use dossier_core::{EntityType, Mention, Span};

use dossier_core::sex::of_given_name;
pub(crate) use dossier_core::sex::Sex;

/// The sex a (lower-case) honorific or noun says: "mrs", "spokeswoman", "husband".
pub(crate) fn of_word(w: &str) -> Option<Sex> {
    let w = w
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let female = matches!(
        w.as_str(),
        "mrs"
            | "ms"
            | "miss"
            | "madam"
            | "madame"
            | "lady"
            | "woman"
            | "girl"
            | "spokeswoman"
            | "congresswoman"
            | "chairwoman"
            | "businesswoman"
            | "councilwoman"
            | "assemblywoman"
            | "actress"
            | "wife"
            | "mother"
            | "daughter"
            | "sister"
            | "grandmother"
            | "granddaughter"
            | "aunt"
            | "niece"
            | "widow"
            | "queen"
            | "princess"
            | "duchess"
            | "mom"
            | "mum"
    );
    let male = matches!(
        w.as_str(),
        "mr" | "man"
            | "boy"
            | "spokesman"
            | "congressman"
            | "businessman"
            | "councilman"
            | "assemblyman"
            | "actor"
            | "husband"
            | "father"
            | "son"
            | "brother"
            | "grandfather"
            | "grandson"
            | "uncle"
            | "nephew"
            | "widower"
            | "king"
            | "prince"
            | "duke"
            | "dad"
    );
    match (female, male) {
        (true, _) => Some(Sex::Female),
        (_, true) => Some(Sex::Male),
        _ => None,
    }
}

/// The sex of a pronoun: "he", "him" male, "she", "her" female.
pub(crate) fn of_pronoun(w: &str) -> Option<Sex> {
    match w.to_lowercase().as_str() {
        "he" | "him" => Some(Sex::Male),
        "she" | "her" => Some(Sex::Female),
        _ => None,
    }
}

/// Whether a person of sex `a` may be one of sex `b`: unknown agrees with anything.
pub(crate) fn agree(a: Option<Sex>, b: Option<Sex>) -> bool {
    a.is_none() || b.is_none() || a == b
}

fn words(s: &str) -> std::str::SplitWhitespace<'_> {
    s.split_whitespace()
}

/// The last word of a name without a possessive, lower case: "Clinton’s" -> "clinton".
fn surname(name: &str) -> Option<String> {
    let w = words(name).last()?;
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    let w = w
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    (!w.is_empty()).then_some(w)
}

/// What the words next to a mention say: the word right before it ("Mrs.", "spokeswoman"), or
/// the head of an apposition right after it (", a spokeswoman for ...,").
fn beside(text: &str, m: Span) -> Option<Sex> {
    let before = text.get(..m.start as usize).unwrap_or_default();
    let mut back = words(before).rev();
    if let (Some(w), det) = (back.next(), back.next()) {
        // Right before the name: "Mrs. Roe", "spokeswoman Jane Roe", "her husband, Bill"; not
        // the end of another phrase ("“... my daughter,” Roe said", "... the wife. Roe").
        let honorific = matches!(
            w.to_lowercase().as_str(),
            "mr." | "mrs." | "ms." | "mr" | "mrs" | "ms" | "miss"
        );
        let bare = w.chars().all(char::is_alphanumeric);
        let apposed = w
            .strip_suffix(',')
            .is_some_and(|x| x.chars().all(char::is_alphanumeric))
            && det.is_some_and(|d| {
                matches!(
                    d.to_lowercase().as_str(),
                    "his" | "her" | "their" | "the" | "a"
                )
            });
        if honorific || bare || apposed {
            if let Some(s) = of_word(w) {
                return Some(s);
            }
        }
    }
    let after = text.get(m.end as usize..).unwrap_or_default();
    let apposition = after.strip_prefix(", ")?;
    let end = apposition
        .find([',', '.', ';', '\n', '(', '"', '”'])
        .unwrap_or(apposition.len())
        .min(60);
    let a = apposition.get(..end)?;
    let mut ws = words(a);
    if !ws.next().is_some_and(|d| {
        matches!(
            d.to_lowercase().as_str(),
            "a" | "an" | "the" | "his" | "her"
        )
    }) {
        return None;
    }
    // "a spokeswoman for the campaign", "the former congressman": the head before any "of"/"for".
    ws.take_while(|w| !matches!(*w, "of" | "for" | "at" | "in" | "to" | "with" | "who"))
        .last()
        .and_then(of_word)
}

/// For each mention, the sex the document gives it (persons only; `None` when unknown).
pub(crate) fn sexes(text: &str, mentions: &[Mention]) -> Vec<Option<Sex>> {
    // Words that end a longer person's name: surnames, not given names, when alone.
    let mut surnames: HashMap<String, ()> = HashMap::new();
    for m in mentions.iter().filter(|m| m.label == EntityType::PER) {
        let t = m.span.text(text);
        if words(t).count() >= 2 {
            if let Some(s) = surname(t) {
                surnames.insert(s, ());
            }
        }
    }
    let own: Vec<Option<Sex>> = mentions
        .iter()
        .map(|m| {
            if m.label != EntityType::PER {
                return None;
            }
            let t = m.span.text(text);
            let ws: Vec<&str> = words(t).collect();
            // An honorific inside the name ("Mrs. Clinton") or beside it.
            let first = ws.first()?;
            if ws.len() >= 2 {
                if let Some(s) = of_word(first) {
                    return Some(s);
                }
            }
            if let Some(s) = beside(text, m.span) {
                return Some(s);
            }
            let given = first
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            if ws.len() == 1 && surnames.contains_key(&given) {
                return None;
            }
            of_given_name(given.as_str())
        })
        .collect();
    // What each surname's mentions show, when they agree.
    let mut by_surname: HashMap<String, (bool, bool)> = HashMap::new();
    for (m, s) in mentions.iter().zip(&own) {
        let (Some(s), Some(k)) = (s, surname(m.span.text(text))) else {
            continue;
        };
        let e = by_surname.entry(k).or_default();
        match s {
            Sex::Male => e.0 = true,
            Sex::Female => e.1 = true,
        }
    }
    // Two people of one surname ("Bill Clinton", "Hillary Clinton"): the surname alone is
    // either (the nearest fuller name is no safe guide: an article on one names the other once
    // and goes on with the surname).
    mentions
        .iter()
        .zip(own)
        .map(|(m, s)| {
            if s.is_some() || m.label != EntityType::PER {
                return s;
            }
            match by_surname.get(&surname(m.span.text(text))?) {
                Some((true, false)) => Some(Sex::Male),
                Some((false, true)) => Some(Sex::Female),
                _ => None,
            }
        })
        .collect()
}

/// The sex the words naming a speaker give: a pronoun ("she"), or a noun of one sex among them
/// ("the spokeswoman", "Mrs. Roe").
pub(crate) fn of_words(words_: &str) -> Option<Sex> {
    let w = words_.trim();
    if !w.contains(' ') {
        if let Some(s) = of_pronoun(w) {
            return Some(s);
        }
    }
    // A capitalised word other than an honorific may be a name ("Steve King").
    words(w)
        .filter(|x| {
            !x.starts_with(char::is_uppercase)
                || matches!(
                    x.to_lowercase().trim_end_matches('.'),
                    "mr" | "mrs" | "ms" | "miss"
                )
        })
        .find_map(of_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn per(text: &str, name: &str, from: usize) -> Mention {
        let s = text[from..].find(name).unwrap() + from;
        Mention {
            span: Span::new(s, s + name.len()),
            label: EntityType::PER,
            score: 1.0,
        }
    }

    #[test]
    fn sex_from_given_names_honorifics_and_surnames() {
        let t = "Hillary Clinton met Bill Clinton and Mrs. Roe. Clinton left. Elizabeth Warren \
                 spoke; Warren said so. Jim Doe, a spokeswoman, and Roe.";
        let ms = vec![
            per(t, "Hillary Clinton", 0),
            per(t, "Bill Clinton", 0),
            per(t, "Roe", 0),
            per(t, "Clinton", 47),
            per(t, "Elizabeth Warren", 0),
            per(t, "Warren", 80),
            per(t, "Jim Doe", 0),
            per(t, "Roe", 120),
        ];
        let s = sexes(t, &ms);
        assert_eq!(s[0], Some(Sex::Female));
        assert_eq!(s[1], Some(Sex::Male));
        assert_eq!(s[2], Some(Sex::Female), "Mrs. Roe");
        assert_eq!(s[3], None, "two Clintons of both sexes");
        assert_eq!(s[4], Some(Sex::Female));
        assert_eq!(
            s[5],
            Some(Sex::Female),
            "Warren is Elizabeth Warren's surname"
        );
        assert_eq!(s[6], Some(Sex::Female), "the apposition outweighs the name");
        assert_eq!(s[7], Some(Sex::Female), "the surname of Mrs. Roe");
    }

    #[test]
    fn words_and_pronouns() {
        assert_eq!(of_words("she"), Some(Sex::Female));
        assert_eq!(of_words("He"), Some(Sex::Male));
        assert_eq!(of_words("the congresswoman"), Some(Sex::Female));
        assert_eq!(of_words("Mr. Roe"), Some(Sex::Male));
        assert_eq!(of_words("the official"), None);
        assert!(agree(None, Some(Sex::Male)));
        assert!(!agree(Some(Sex::Female), Some(Sex::Male)));
    }
}
