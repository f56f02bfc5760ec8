//! People the tagger, trained on older wire copy, does not know by name, as a reader of news
//! still tells them. Like the rules of [`crate::reader`], they run in the pipeline stage only.
//!
//! - A name right after a person's title written as a title (capitalised: "Sen. Bernie
//!   Sanders", "President X", "Mr. X"), or one that swept such a title in ("Senator Bernie
//!   Sanders" typed as a body), is a person's; typed as a place, only when the training names
//!   never give it as a place's ("President Obama", not "Mr. Washington"). The title stays out of the name, and every other
//!   mention of the name in the article, and of its last word alone, is the same person's.
//!   Only when the name's first word is not a common lower-case word: "General Motors" and
//!   "General Electric" keep their type.
//! - A capitalised word right before a person's name, which the training data never shows as
//!   a body's, a place's or an adjective's name, and which is no common lower-case word nor a
//!   title, is the given name the tagger left out ("Hillary" in "Hillary Clinton"; not
//!   "Republican" in "Republican Jon Roe", nor "Rival" in "Rival Jon Roe's campaign").

use std::collections::HashSet;
use std::sync::OnceLock;

use dossier_core::EntityType;

use crate::features::hash_str;
use crate::gazetteer::Gazetteer;
use crate::hashmap::IdBuild;
use crate::reader::{init_cap, lower, name_text, retype_string, seen, Name};

fn is_lower(w: &str) -> bool {
    w.chars().all(char::is_lowercase)
}
use crate::stage::RoleWords;

/// The gazetteer's bits for a person's and a place's name.
const PER: u8 = 1;
const LOC: u8 = 4;

/// Honorifics that only ever stand before a person's name.
const HONORIFICS: [&str; 6] = ["mr", "mrs", "ms", "dr", "sir", "dame"];

/// Words of the tagger's lexicon that are mostly written in lower case (hashes of their
/// lower-case form).
pub type LowerWords = HashSet<u64, IdBuild>;

fn common(lower_words: &LowerWords, w: &str) -> bool {
    lower_words.contains(&hash_str(&lower(w)))
}

/// A person's title or honorific written as a title, with its capital.
fn title(w: &str) -> bool {
    honorific(w)
        || (w.chars().next().is_some_and(char::is_uppercase) && RoleWords::get().is_head(w))
}

/// Makes every mention of the article written `name` a person's where the tagger typed it as
/// a body (or, with `misc`, a name of another kind), or as a place when the training names
/// never give those words as a place's.
fn to_person(
    names: &mut [Vec<Name>],
    words: &[Vec<&str>],
    gaz: &Gazetteer,
    name: &str,
    misc: bool,
) {
    let ws: Vec<&str> = name.split(' ').collect();
    let mut from = vec![EntityType::ORG];
    if misc {
        from.push(EntityType::MISC);
    }
    if seen(gaz, &ws) & LOC == 0 {
        from.push(EntityType::LOC);
    }
    retype_string(names, words, name, &from, EntityType::PER);
}

/// Words that open people's names and words that end the names of bodies and other things
/// (`resources/name-words.txt`, written by `examples/name_words.rs` from labelled text).
struct NameWords {
    given: HashSet<&'static str>,
    body: HashSet<&'static str>,
}

fn name_words() -> &'static NameWords {
    static WORDS: OnceLock<NameWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut w = NameWords {
            given: HashSet::new(),
            body: HashSet::new(),
        };
        for line in include_str!("../resources/name-words.txt").lines() {
            match line.split_once(' ') {
                Some(("given", g)) => w.given.insert(g),
                Some(("body", b)) => w.body.insert(b),
                _ => false,
            };
        }
        w
    })
}

/// A word that opens people's names in labelled text ("Donald", not "Tea").
fn given_name(w: &str) -> bool {
    name_words().given.contains(lower(w).as_str())
}

/// A word that ends the names of bodies and other things rather than people's ("Party").
fn body_word(w: &str) -> bool {
    name_words().body.contains(lower(w).as_str())
}

/// An honorific written as one ("Mr.", "Ms", "Dr.").
fn honorific(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && HONORIFICS.contains(&lower(w).trim_end_matches('.'))
}

/// Words all capitalised, the last no legal form ("Trump", not "Acme Inc").
fn capitalised(words: &[&str]) -> bool {
    !words.is_empty()
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !words
            .last()
            .is_some_and(|w| dossier_core::legal_forms::is_form_word(w))
}

/// A given name, perhaps an initial, and a surname that does not end bodies' names ("Donald
/// Trump", "Donald J. Trump"; not "Tea Party", "Christian Democratic Union").
fn full_name(words: &[&str], lower_words: &LowerWords) -> bool {
    let initial = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && matches!(cs.as_str(), "" | ".")
    };
    let (first, last) = match words {
        [first, last] => (*first, *last),
        [first, middle, last] if initial(middle) => (*first, *last),
        _ => return false,
    };
    given_name(first)
        && !title(first)
        && !common(lower_words, first)
        && init_cap(last)
        && !common(lower_words, last)
        && !body_word(last)
}

/// Words that can be a person's name: capitalised, the first no common word.
fn personal(words: &[&str], lower_words: &LowerWords) -> bool {
    !words.is_empty() && !common(lower_words, words[0]) && capitalised(words)
}

/// Applies both rules to the names of each sentence (`words` are the words the tagger saw).
pub fn people(
    names: &mut [Vec<Name>],
    words: &[Vec<&str>],
    gaz: &Gazetteer,
    lower_words: &LowerWords,
) {
    let mut persons: Vec<String> = Vec::new();
    for (sent, ws) in names.iter_mut().zip(words) {
        let mut free_from = 0;
        for n in sent.iter_mut() {
            let free_before = n.start > free_from;
            free_from = n.end;
            // A place only when the training names never give its words as a place's
            // ("President Obama", not "Mr. Washington").
            let unplaced = n.label == EntityType::LOC && seen(gaz, &ws[n.start..n.end]) & LOC == 0;
            // "Mr. Trump" typed as a body or a place: an honorific only ever stands before a
            // person's name.
            let honoured = n.label != EntityType::PER
                && n.end - n.start >= 2
                && honorific(ws[n.start])
                && capitalised(&ws[n.start + 1..n.end]);
            if !matches!(n.label, EntityType::ORG | EntityType::MISC) && !unplaced && !honoured {
                continue;
            }
            // "Donald Trump" typed as a body (the training data's casino company): a given name
            // and a surname, which the training names never give as anything but a person's.
            let named = n.label != EntityType::LOC
                && full_name(&ws[n.start..n.end], lower_words)
                && seen(gaz, &ws[n.start..n.end]) & !PER == 0;
            if named {
                n.label = EntityType::PER;
                persons.push(name_text(ws, n));
                persons.push(ws[n.end - 1].to_string());
                continue;
            }
            let swept = honoured
                || (n.label != EntityType::LOC
                    && n.end - n.start >= 3
                    && title(ws[n.start])
                    && personal(&ws[n.start + 1..n.end], lower_words));
            let after =
                free_before && title(ws[n.start - 1]) && personal(&ws[n.start..n.end], lower_words);
            if swept {
                while n.end - n.start > 1 && title(ws[n.start]) {
                    n.start += 1;
                }
            }
            if swept || after {
                n.label = EntityType::PER;
                persons.push(name_text(ws, n));
                if n.end - n.start >= 2 {
                    persons.push(ws[n.end - 1].to_string());
                }
            }
        }
    }
    persons.sort();
    persons.dedup();
    for p in &persons {
        to_person(names, words, gaz, p, true);
    }
    // "Donald Trump" ... "Trump fired back": the surname of a person the tagger named in full
    // is the person's where it typed the surname alone as a body (the training data's "Trump"
    // is a casino company), when the full name is written twice or once inside a sentence
    // (not "Because Twitter ..." at a sentence's start).
    let roles = RoleWords::get();
    let mut full: Vec<(String, bool)> = Vec::new();
    for (sent, ws) in names.iter().zip(words) {
        for n in sent {
            if n.label == EntityType::PER
                && n.end - n.start >= 2
                && personal(&ws[n.start..n.end], lower_words)
                && !title(ws[n.start])
                && !roles.is_title_word(ws[n.start])
            {
                full.push((name_text(ws, n), n.start > 0));
            }
        }
    }
    full.sort();
    // (surname, whether a full name of it opens with a given name)
    let mut surnames: Vec<(String, bool)> = Vec::new();
    for (i, (name, inside)) in full.iter().enumerate() {
        let twice = i > 0 && full[i - 1].0 == *name;
        if *inside || twice {
            let given = name
                .split(' ')
                .next()
                .is_some_and(|w| given_name(w) && !common(lower_words, w));
            surnames.extend(name.rsplit(' ').next().map(|s| (s.to_string(), given)));
        }
    }
    surnames.sort();
    surnames.dedup_by(|b, a| {
        let same = a.0 == b.0;
        if same {
            a.1 |= b.1;
        }
        same
    });
    // ... unless the surname alone is mostly something else: one "Wilayat Twitter" does not
    // make the company in twenty-five sentences a person. A full name opening with a given
    // name is a person's however often the surname alone is typed otherwise ("Donald Trump"
    // once, then "Trump" typed as the casino company of the training data twenty times).
    surnames.retain(|(p, given)| {
        if *given {
            return true;
        }
        let (mut person, mut other) = (0, 0);
        for (sent, ws) in names.iter().zip(words) {
            for n in sent {
                if ws[n.end - 1] != p.as_str() {
                    continue;
                }
                if n.label == EntityType::PER {
                    person += 1;
                } else if n.end - n.start == 1 {
                    other += 1;
                }
            }
        }
        person * 3 >= other
    });
    for (p, _) in &surnames {
        to_person(names, words, gaz, p, false);
    }
    for (sent, ws) in names.iter_mut().zip(words) {
        let mut free_from = 0;
        for n in sent.iter_mut() {
            let free_before = n.start > free_from;
            free_from = n.end;
            if n.label != EntityType::PER || !free_before {
                continue;
            }
            let w = ws[n.start - 1];
            // What comes before the given name: the sentence's start, a title, punctuation or
            // a lower-case word, not an article ("the Exchequer Jon Roe") nor another
            // capitalised word ("NFL Insider Jon Roe").
            let opens = n.start < 2 || {
                let p = ws[n.start - 2];
                title(p)
                    || !p.chars().next().is_some_and(char::is_alphabetic)
                    || (is_lower(p) && !matches!(p, "the" | "a" | "an" | "of"))
            };
            let l = lower(w);
            if opens
                && init_cap(w)
                && !(l.len() >= 6 && l.ends_with("ing"))
                && seen(gaz, &[w]) & !PER == 0
                && !common(lower_words, w)
                && !roles.is_title_word(w)
                && !title(w)
            {
                n.start -= 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::mix;
    use crate::reader::tests::{name, split};

    fn key(words: &[&str]) -> u64 {
        words.iter().fold(0u64, |h, w| mix(h, hash_str(&lower(w))))
    }

    fn lower_words(words: &[&str]) -> LowerWords {
        words.iter().map(|w| hash_str(w)).collect()
    }

    fn texts(names: &[Vec<Name>], words: &[Vec<&str>]) -> Vec<(String, EntityType)> {
        names
            .iter()
            .zip(words)
            .flat_map(|(s, ws)| s.iter().map(|n| (name_text(ws, n), n.label)))
            .collect()
    }

    #[test]
    fn a_titled_name_is_a_person_in_every_mention() {
        let words = vec![
            split("Vermont Sen. Jon Quux says he will stay"),
            split("Senator Jon Quux spoke"),
            split("Quux won"),
            split("General Motors said"),
            split("Chief Justice Jon Quux ruled"),
        ];
        let mut names = vec![
            vec![name(0, 1, EntityType::LOC), name(2, 4, EntityType::ORG)],
            vec![name(0, 3, EntityType::ORG)],
            vec![name(0, 1, EntityType::ORG)],
            vec![name(0, 2, EntityType::ORG)],
            vec![name(0, 4, EntityType::ORG)],
        ];
        people(
            &mut names,
            &words,
            &Gazetteer::default(),
            &lower_words(&["motors", "says", "will"]),
        );
        assert_eq!(
            texts(&names, &words),
            vec![
                ("Vermont".to_string(), EntityType::LOC),
                ("Jon Quux".to_string(), EntityType::PER),
                ("Jon Quux".to_string(), EntityType::PER),
                ("Quux".to_string(), EntityType::PER),
                ("General Motors".to_string(), EntityType::ORG),
                ("Jon Quux".to_string(), EntityType::PER),
            ]
        );
    }

    #[test]
    fn a_titled_name_typed_as_a_place_is_a_person_unless_a_known_place() {
        let words = vec![
            split("President Quux said"),
            split("the Quux administration"),
            split("Mr. Paris spoke in Paris"),
            split("Mr. Quux and Ms. Zed met"),
        ];
        let mut names = vec![
            vec![name(1, 2, EntityType::LOC)],
            vec![name(1, 2, EntityType::LOC)],
            vec![name(1, 2, EntityType::LOC), name(4, 5, EntityType::LOC)],
            vec![name(0, 2, EntityType::ORG), name(3, 5, EntityType::LOC)],
        ];
        let mut gaz = Gazetteer::default();
        gaz.insert(key(&["Paris"]), 1, 2);
        people(&mut names, &words, &gaz, &lower_words(&["said"]));
        assert_eq!(
            texts(&names, &words),
            vec![
                ("Quux".to_string(), EntityType::PER),
                ("Quux".to_string(), EntityType::PER),
                ("Paris".to_string(), EntityType::LOC),
                ("Paris".to_string(), EntityType::LOC),
                ("Quux".to_string(), EntityType::PER),
                ("Zed".to_string(), EntityType::PER),
            ]
        );
    }

    #[test]
    fn a_surname_typed_alone_as_a_body_is_the_person_named_in_full() {
        let words = vec![
            split("He backed Jon Quux today"),
            split("Quux fired back"),
            split("Quux won"),
            split("Ask Wilayat Zed"),
            split("Zed grew"),
            split("Zed fell"),
            split("Zed rose"),
            split("Zed paid"),
        ];
        let mut names = vec![
            vec![name(2, 4, EntityType::PER)],
            vec![name(0, 1, EntityType::ORG)],
            vec![name(0, 1, EntityType::ORG)],
            vec![name(1, 3, EntityType::PER)],
            vec![name(0, 1, EntityType::ORG)],
            vec![name(0, 1, EntityType::ORG)],
            vec![name(0, 1, EntityType::ORG)],
            vec![name(0, 1, EntityType::ORG)],
        ];
        people(
            &mut names,
            &words,
            &Gazetteer::default(),
            &lower_words(&["ask"]),
        );
        let types: Vec<EntityType> = names.iter().map(|s| s[0].label).collect();
        use EntityType::*;
        assert_eq!(types, vec![PER, PER, PER, PER, ORG, ORG, ORG, ORG]);
    }

    #[test]
    fn a_given_name_and_a_surname_typed_as_a_body_are_a_person_in_every_mention() {
        let words = vec![
            split("Mary Quux spoke"),
            split("Quux fired back"),
            split("Quux won"),
            split("Quux lost"),
            split("Quux paid"),
            split("the Tea Party met"),
            split("Mary Bank rose"),
        ];
        let mut names = vec![
            vec![name(0, 2, EntityType::ORG)],
            vec![name(0, 1, EntityType::ORG)],
            vec![name(0, 1, EntityType::ORG)],
            vec![name(0, 1, EntityType::MISC)],
            vec![name(0, 1, EntityType::ORG)],
            vec![name(1, 3, EntityType::ORG)],
            vec![name(0, 2, EntityType::ORG)],
        ];
        people(
            &mut names,
            &words,
            &Gazetteer::default(),
            &lower_words(&["the", "met"]),
        );
        let types: Vec<EntityType> = names.iter().map(|s| s[0].label).collect();
        use EntityType::*;
        assert_eq!(types, vec![PER, PER, PER, PER, PER, ORG, ORG]);
    }

    #[test]
    fn a_full_name_opening_with_a_given_name_lifts_the_guard_on_its_surname() {
        // "Mary Quux" once, the surname alone typed as a body four times
        let words = vec![
            split("He backed Mary Quux today"),
            split("Quux fired back"),
            split("Quux won"),
            split("Quux lost"),
            split("Quux paid"),
        ];
        let mut names = vec![
            vec![name(2, 4, EntityType::PER)],
            vec![name(0, 1, EntityType::ORG)],
            vec![name(0, 1, EntityType::ORG)],
            vec![name(0, 1, EntityType::ORG)],
            vec![name(0, 1, EntityType::ORG)],
        ];
        people(
            &mut names,
            &words,
            &Gazetteer::default(),
            &lower_words(&["he"]),
        );
        assert!(names.iter().all(|s| s[0].label == EntityType::PER));
    }

    #[test]
    fn an_unknown_capitalised_word_before_a_person_is_the_given_name() {
        let words = vec![
            split("Hilda Quux won on Saturday"),
            split("Will Quux win ?"),
            split("Senator Quux spoke"),
            split("Zorbian Quux spoke"),
            split("the Exchequer Jon Quux spoke"),
            split("Injecting Quux works"),
        ];
        let mut names = vec![
            vec![name(1, 2, EntityType::PER)],
            vec![name(1, 2, EntityType::PER)],
            vec![name(1, 2, EntityType::PER)],
            vec![name(1, 2, EntityType::PER)],
            vec![name(2, 4, EntityType::PER)],
            vec![name(1, 2, EntityType::PER)],
        ];
        let mut gaz = Gazetteer::default();
        gaz.insert(key(&["Zorbian"]), 1, 3);
        people(&mut names, &words, &gaz, &lower_words(&["will"]));
        assert_eq!(
            texts(&names, &words),
            vec![
                ("Hilda Quux".to_string(), EntityType::PER),
                ("Quux".to_string(), EntityType::PER),
                ("Quux".to_string(), EntityType::PER),
                ("Quux".to_string(), EntityType::PER),
                ("Jon Quux".to_string(), EntityType::PER),
                ("Quux".to_string(), EntityType::PER),
            ]
        );
    }
}
