//! The sex a text gives a named person, so that "Mrs. Clinton" is never joined to "Bill Clinton"
//! nor "Mr. Roe" to "Jane Roe": within a document (`local`) and across documents (`resolver`).
//!
//! A mention shows it by an honorific written right before it ("Mrs. Clinton", "Mr Roe") or,
//! for a name of two words or more, by its given name. Given names by sex are the quote stage's
//! hand-written list (`dossier_core::sex`).

use crate::names::Name;

use dossier_core::sex::of_given_name;
pub use dossier_core::sex::Sex;

/// The sex an honorific says: "Mr.", "Mrs", "Ms.", "Miss" (any case, with or without a stop).
pub fn of_honorific(word: &str) -> Option<Sex> {
    match word.trim_end_matches('.').to_ascii_lowercase().as_str() {
        "mr" | "messrs" => Some(Sex::Male),
        "mrs" | "ms" | "miss" | "mme" | "mlle" | "madame" => Some(Sex::Female),
        _ => None,
    }
}

/// The sex a person's name says: an honorific among its titles, else the given name of a name of
/// two words or more ("Hillary Clinton"); None for a surname alone or a given name of both sexes.
pub fn of_name(name: &Name) -> Option<Sex> {
    if let Some(s) = name.titles.iter().find_map(|t| of_honorific(t)) {
        return Some(s);
    }
    if name.tokens.len() < 2 {
        return None;
    }
    of_given_name(&name.tokens[0])
}

/// Whether a (folded) word is a given name of the list ("barack", "hillary").
pub fn is_given_name(word: &str) -> bool {
    of_given_name(word).is_some()
}

/// The sex of the honorific written right before byte `start` of `text` ("Mrs. [Clinton]").
pub fn before(text: &str, start: usize) -> Option<Sex> {
    let head = text.get(..start)?.strip_suffix(' ')?;
    let word = head.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“');
    of_honorific(word.into_iter().next()?)
}

/// Whether two sets of evidence can be one person: one says male and the other female.
pub fn clash(a: (bool, bool), b: (bool, bool)) -> bool {
    (a.0 || b.0) && (a.1 || b.1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::NameKind;

    #[test]
    fn honorifics_and_given_names_say_the_sex() {
        assert_eq!(before("said Mrs. Roe", 10), Some(Sex::Female));
        assert_eq!(before("said Mr Roe", 8), Some(Sex::Male));
        assert_eq!(before("said Roe", 5), None);
        assert_eq!(before("Mr. Roe", 0), None);
        let p = |s: &str| of_name(&Name::parse(s, NameKind::Person));
        assert_eq!(p("Hillary Clinton"), Some(Sex::Female));
        assert_eq!(p("Bill Clinton"), Some(Sex::Male));
        assert_eq!(p("Clinton"), None);
        assert!(is_given_name("hillary") && !is_given_name("merry"));
        assert_eq!(p("Mrs. Clinton"), Some(Sex::Female));
        assert!(clash((true, false), (false, true)));
        assert!(!clash((true, false), (true, false)));
        assert!(!clash((false, false), (false, true)));
    }
}
