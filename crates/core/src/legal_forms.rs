//! The legal forms of companies ("Inc", "GmbH", "joint stock company"): one list for every
//! stage that tells a business by its name (`resources/legal_forms.txt`, one form a line, `#`
//! starts a comment).

use std::collections::HashSet;
use std::sync::OnceLock;

/// The list as written: forms of one or more words.
pub const LIST: &str = include_str!("../resources/legal_forms.txt");

/// Whether one word, in any case and with a final dot ignored, is a legal form by itself:
/// "Corp.", "GmbH", "Ltd".
pub fn is_form_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        LIST.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.contains(' '))
            .map(str::to_lowercase)
            .collect()
    });
    words.contains(&word.trim_end_matches('.').to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_words_in_any_case() {
        for w in ["Corp", "corp.", "GmbH", "LTD", "Plc", "Inc."] {
            assert!(is_form_word(w), "{w}");
        }
        for w in ["Bank", "Jones", "", "stock"] {
            assert!(!is_form_word(w), "{w}");
        }
    }
}
