//! Country-level actors from `resources/places.tsv`: a country's names, its demonyms ("American
//! officials") and its capital used for its government ("Washington said").

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::names::{tokens, Name};

/// How a name refers to a country.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceUse {
    Name,
    Demonym,
    /// The capital city: the country only when it acts, the city otherwise.
    Capital,
}

pub struct Places {
    by_form: HashMap<String, (&'static str, PlaceUse)>,
}

impl Places {
    /// The country a parsed name refers to, with how it refers to it.
    pub fn lookup(&self, name: &Name) -> Option<(&'static str, PlaceUse)> {
        if name.tokens.is_empty() {
            return None;
        }
        self.by_form.get(&name.joined()).copied()
    }
}

/// The place list, parsed once.
pub fn places() -> &'static Places {
    static P: OnceLock<Places> = OnceLock::new();
    P.get_or_init(|| {
        let mut by_form = HashMap::new();
        for line in include_str!("../resources/places.tsv").lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&'static str> = line.split('\t').collect();
            let canonical = cols[0].trim();
            let mut add = |form: &str, u: PlaceUse| {
                let key = tokens(form).join(" ");
                if !key.is_empty() {
                    by_form.entry(key).or_insert((canonical, u));
                }
            };
            add(canonical, PlaceUse::Name);
            for (col, u) in [
                (1, PlaceUse::Name),
                (2, PlaceUse::Demonym),
                (3, PlaceUse::Capital),
            ] {
                for f in cols.get(col).copied().unwrap_or("").split('|') {
                    add(f, u);
                }
            }
        }
        Places { by_form }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::NameKind;

    #[test]
    fn names_demonyms_capitals() {
        let p = places();
        let l = |s: &str| p.lookup(&Name::parse(s, NameKind::Place));
        assert_eq!(l("Russian Federation"), Some(("Russia", PlaceUse::Name)));
        assert_eq!(l("Britons"), Some(("United Kingdom", PlaceUse::Demonym)));
        assert_eq!(l("Berlin"), Some(("Germany", PlaceUse::Capital)));
        assert_eq!(l("Springfield"), None);
    }
}
