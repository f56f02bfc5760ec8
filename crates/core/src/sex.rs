//! Given names by the sex news mostly gives them (`resources/given-names-sex.txt`, written by
//! hand: common English given names and names frequent in international news; names given to
//! both sexes are left out). The quote stage agrees "he" and "she" with them; the resolver keeps
//! "Mrs. Clinton" from "Bill Clinton" with them.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    Male,
    Female,
}

fn given_names() -> &'static HashMap<&'static str, Sex> {
    static NAMES: OnceLock<HashMap<&'static str, Sex>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut out = HashMap::new();
        for line in include_str!("../resources/given-names-sex.txt").lines() {
            let (sex, names) = match line.split_once(':') {
                Some(("m", names)) => (Sex::Male, names),
                Some(("f", names)) => (Sex::Female, names),
                _ => continue,
            };
            for n in names.split_whitespace() {
                out.insert(n, sex);
            }
        }
        out
    })
}

/// The sex of a given name in lower case ("hillary"), when the list has it.
pub fn of_given_name(word: &str) -> Option<Sex> {
    given_names().get(word).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_names_have_a_sex() {
        assert_eq!(of_given_name("hillary"), Some(Sex::Female));
        assert_eq!(of_given_name("bill"), Some(Sex::Male));
        assert_eq!(of_given_name("merry"), None);
    }
}
