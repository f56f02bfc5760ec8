//! Types as a reader of news would mark them, where CoNLL's conventions or the training data's
//! silence lead the tagger elsewhere. Each rule reads a pattern in the article and types every
//! mention of the same name string in it alike.
//!
//! - A name the training data never shows as a place or a demonym, not a plural, written
//!   "the X" before a verb at least twice ("the X said", "the X had warned"), acts: an
//!   organisation, not a place or an adjective.
//! - Capitalised words before a lower-case "administration" ("the X administration") name the
//!   person it belongs to, unless the training data knows them as a body or an adjective, or
//!   the article uses them for something else.
//! - The name after "an interview with", whose last word the article never uses for a person
//!   again, is the outlet that did the interview.
//! - A single word in "-ite" unknown to the training data is a group's adjective (MISC).
//! - A capitalised plural counted by a number in running text ("killed 46 ... X Ys and") is a
//!   group of people (MISC), not a body or a place.
//! - A name ending in "Agreement", "Treaty", "Accord" and the like is a document (MISC), not a
//!   body.
//! - A one-word name unknown to the training data, typed as an adjective (MISC) but standing
//!   alone as what is fought ("to tackle X independently", "the war against X."), names a
//!   group: an organisation. An adjective there would be followed by its noun ("against X
//!   forces").
//! - A name in the place of a place noun ("its stronghold is X", "the province of X",
//!   "X province") is a place.
//!
//! - A portfolio word closing a name before a title ("Kyrgyz Interior Minister", "US Defense
//!   Secretary") belongs to the title, not to the name: the name ends before it, and what is
//!   left takes the type the training data gives it (an adjective, a place).
//!
//! - A partnership's name is its partners' surnames with one legal form ("Sears, Roebuck and
//!   Co", "Procter and Gamble Co"): the name takes back the partners the tagger cut off at a
//!   comma or "and", and the partners' names without the form elsewhere in the article are
//!   that one name.
//!
//! - The outlet the document's metadata names (its feed, byline or dateline) is a news
//!   organisation wherever the article writes it ("Valley Times:", "(Example Wire)").
//!
//! They run in the pipeline stage only; `dossier eval ner` scores the tagger on CoNLL as it is.

use dossier_core::EntityType;

use crate::features::{hash_str, mix, normalise_lower};
use crate::gazetteer::Gazetteer;

/// A name in a sentence: words `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Name {
    pub start: usize,
    pub end: usize,
    pub label: EntityType,
    pub score: f32,
}

/// Applies the rules to the names of each sentence (`words` are the words the tagger saw).
pub fn retype(names: &mut [Vec<Name>], words: &[Vec<&str>], gaz: &Gazetteer) {
    administrations(names, words, gaz);
    agents(names, words, gaz);
    interviewers(names, words);
    adjectives(names, words, gaz);
    adversaries(names, words, gaz);
    counted_groups(names, words);
    places(names, words, gaz);
    documents(names, words);
    portfolios(names, words, gaz);
    companies(names, words);
    partnerships(names, words, gaz);
}

pub(crate) fn lower(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    normalise_lower(w, &mut s);
    s
}

/// First letter upper case, every other a lower-case letter ("Kabul", not "US" or "al-Sham").
pub(crate) fn init_cap(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase) && w.len() > 1 && c.all(char::is_lowercase)
}

fn is_lower_word(w: &str) -> bool {
    !w.is_empty() && w.chars().all(char::is_lowercase)
}

/// Type bits (PER 1, ORG 2, LOC 4, MISC 8) the training names give this word sequence.
pub(crate) fn seen(gaz: &Gazetteer, words: &[&str]) -> u8 {
    let key = words.iter().fold(0u64, |h, w| mix(h, hash_str(&lower(w))));
    gaz.get(key).unwrap_or(0)
}

pub(crate) fn name_text(words: &[&str], n: &Name) -> String {
    words[n.start..n.end].join(" ")
}

/// Gives `to` to every name of the article written `text` whose type is one of `from`.
pub(crate) fn retype_string(
    names: &mut [Vec<Name>],
    words: &[Vec<&str>],
    text: &str,
    from: &[EntityType],
    to: EntityType,
) {
    for (sent, ws) in names.iter_mut().zip(words) {
        for n in sent.iter_mut() {
            if from.contains(&n.label) && name_text(ws, n) == text {
                n.label = to;
            }
        }
    }
}

/// Name strings of the article matching `pattern(words, name)`, with how many of their
/// mentions do.
fn matching(
    names: &[Vec<Name>],
    words: &[Vec<&str>],
    pattern: impl Fn(&[&str], &Name) -> bool,
) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for (sent, ws) in names.iter().zip(words) {
        for n in sent {
            if pattern(ws, n) {
                let t = name_text(ws, n);
                match out.iter_mut().find(|(x, _)| *x == t) {
                    Some((_, c)) => *c += 1,
                    None => out.push((t, 1)),
                }
            }
        }
    }
    out
}

/// A word that shows the one before it to be a subject: an auxiliary, a reporting verb, or a
/// past form ("warned", "stressed").
fn verb_cue(w: &str) -> bool {
    const AUX: [&str; 22] = [
        "said", "says", "is", "are", "was", "were", "has", "have", "had", "do", "does", "did",
        "will", "would", "can", "could", "should", "may", "might", "must", "also", "then",
    ];
    AUX.contains(&w)
        || (w.len() > 4 && w.ends_with("ed") && w.bytes().all(|b| b.is_ascii_lowercase()))
}

fn agents(names: &mut [Vec<Name>], words: &[Vec<&str>], gaz: &Gazetteer) {
    const LOC_OR_MISC: u8 = 4 | 8;
    let found = matching(names, words, |ws, n| {
        matches!(n.label, EntityType::LOC | EntityType::MISC)
            && n.end == n.start + 1
            && n.start > 0
            && init_cap(ws[n.start])
            && !ws[n.start].ends_with('s')
            && lower(ws[n.start - 1]) == "the"
            && ws.get(n.end).is_some_and(|w| verb_cue(w))
            && seen(gaz, &ws[n.start..n.end]) & LOC_OR_MISC == 0
    });
    // Twice at least: "The Texan blasted ..." once is a player in a sports report.
    for (t, _) in found.into_iter().filter(|&(_, c)| c >= 2) {
        retype_string(
            names,
            words,
            &t,
            &[EntityType::LOC, EntityType::MISC],
            EntityType::ORG,
        );
    }
}

fn administrations(names: &mut [Vec<Name>], words: &[Vec<&str>], gaz: &Gazetteer) {
    const ORG_OR_MISC: u8 = 2 | 8;
    let is_admin = |w: &str| matches!(w, "administration" | "administrations");
    if !words.iter().any(|ws| ws.iter().any(|w| is_admin(w))) {
        return;
    }
    let owner = |ws: &[&str], n: &Name| ws.get(n.end).is_some_and(|w| is_admin(w));
    // Names the article uses as something other than a person elsewhere ("the Taliban
    // administration" of a group the article names many times) keep their type.
    let other_uses = matching(names, words, |ws, n| {
        n.label != EntityType::PER && !owner(ws, n)
    });
    let used_otherwise = |t: &str| other_uses.iter().any(|(x, _)| x == t);
    for (sent, ws) in names.iter_mut().zip(words) {
        for i in 1..ws.len() {
            if !is_admin(ws[i]) {
                continue;
            }
            let article = |w: &str| matches!(lower(w).as_str(), "the" | "a" | "an");
            // The tagger may have taken the owner for an adjective or a body ("the Ferrand
            // administration" as MISC): a name the training data does not know so is re-typed.
            let tagged = sent.iter().position(|n| n.end == i);
            if let Some(k) = tagged {
                let n = &mut sent[k];
                if matches!(n.label, EntityType::MISC | EntityType::ORG)
                    && !used_otherwise(&name_text(ws, n))
                    && n.start > 0
                    && article(ws[n.start - 1])
                    && ws[n.start..n.end].iter().all(|w| init_cap(w))
                    && seen(gaz, &ws[n.start..n.end]) & ORG_OR_MISC == 0
                {
                    n.label = EntityType::PER;
                }
                continue;
            }
            let inside = |j: usize| sent.iter().any(|n| n.start <= j && j < n.end);
            let mut j = i;
            while j > 0 && i - j < 3 && init_cap(ws[j - 1]) && !article(ws[j - 1]) && !inside(j - 1)
            {
                j -= 1;
            }
            if j == i || j == 0 || !article(ws[j - 1]) || used_otherwise(&ws[j..i].join(" ")) {
                continue;
            }
            let at = sent.partition_point(|n| n.start < j);
            sent.insert(
                at,
                Name {
                    start: j,
                    end: i,
                    label: EntityType::PER,
                    score: 0.5,
                },
            );
        }
    }
}

fn interviewers(names: &mut [Vec<Name>], words: &[Vec<&str>]) {
    let found = matching(names, words, |ws, n| {
        n.label == EntityType::PER
            && n.start >= 2
            && lower(ws[n.start - 1]) == "with"
            && matches!(lower(ws[n.start - 2]).as_str(), "interview" | "interviews")
    });
    for (t, _) in found {
        let Some(last) = t.rsplit(' ').next() else {
            continue;
        };
        // A person interviewed is named again; an outlet usually is not.
        let again = names.iter().zip(words).any(|(sent, ws)| {
            sent.iter().any(|n| {
                n.label == EntityType::PER
                    && ws[n.start..n.end].contains(&last)
                    && name_text(ws, n) != t
            })
        });
        if !again {
            retype_string(names, words, &t, &[EntityType::PER], EntityType::ORG);
        }
    }
}

fn adjectives(names: &mut [Vec<Name>], words: &[Vec<&str>], gaz: &Gazetteer) {
    let found = matching(names, words, |ws, n| {
        matches!(n.label, EntityType::LOC | EntityType::ORG)
            && n.end == n.start + 1
            && init_cap(ws[n.start])
            && (ws[n.start].ends_with("ite") || ws[n.start].ends_with("ites"))
            && seen(gaz, &ws[n.start..n.end]) == 0
    });
    for (t, _) in found {
        retype_string(
            names,
            words,
            &t,
            &[EntityType::LOC, EntityType::ORG],
            EntityType::MISC,
        );
    }
}

/// Types every mention of the document's outlet, however the tagger typed it, an organisation.
pub fn outlet(names: &mut [Vec<Name>], words: &[Vec<&str>], outlet: &str) {
    let outlet = outlet.split_whitespace().collect::<Vec<_>>().join(" ");
    if outlet.is_empty() {
        return;
    }
    retype_string(
        names,
        words,
        &outlet,
        &[EntityType::PER, EntityType::LOC, EntityType::MISC],
        EntityType::ORG,
    );
}

/// A word saying its object is fought or opposed: "tackle", "fought", "defeating", "against".
fn opposes(w: &str) -> bool {
    const STEMS: [&str; 14] = [
        "tackl", "fight", "defeat", "combat", "confront", "battl", "eliminat", "eradicat", "crush",
        "destroy", "counter", "oppos", "target", "attack",
    ];
    let w = lower(w);
    if matches!(w.as_str(), "against" | "fought" | "vs") {
        return true;
    }
    STEMS.iter().any(|stem| {
        w.strip_prefix(stem).is_some_and(|rest| {
            matches!(
                rest,
                "" | "e" | "s" | "es" | "ed" | "d" | "ing" | "ting" | "ling"
            )
        })
    })
}

/// A word after a name that shows the name is not an adjective before its noun: an adverb in
/// "-ly", a word of a closed class, or none at all (punctuation ends the name's phrase).
fn ends_phrase(w: Option<&&str>) -> bool {
    const CLOSED: [&str; 22] = [
        "and", "or", "but", "in", "on", "at", "from", "with", "to", "for", "by", "of", "that",
        "which", "who", "as", "if", "because", "alone", "too", "again", "now",
    ];
    match w {
        None => true,
        Some(w) => {
            !w.starts_with(char::is_alphanumeric)
                || (is_lower_word(w) && ((w.len() > 4 && w.ends_with("ly")) || CLOSED.contains(w)))
        }
    }
}

fn adversaries(names: &mut [Vec<Name>], words: &[Vec<&str>], gaz: &Gazetteer) {
    let found = matching(names, words, |ws, n| {
        n.label == EntityType::MISC
            && n.end == n.start + 1
            && n.start > 0
            && init_cap(ws[n.start])
            && opposes(ws[n.start - 1])
            && ends_phrase(ws.get(n.end))
            && seen(gaz, &ws[n.start..n.end]) == 0
    });
    for (t, _) in found {
        retype_string(names, words, &t, &[EntityType::MISC], EntityType::ORG);
    }
}

fn counted_groups(names: &mut [Vec<Name>], words: &[Vec<&str>]) {
    const AFTER: [&str; 12] = [
        "and", "or", "who", "were", "are", "in", "at", "from", "on", "with", "had", "have",
    ];
    const FUNCTION: [&str; 22] = [
        "but", "and", "or", "to", "of", "in", "for", "with", "by", "at", "on", "as", "than",
        "when", "while", "after", "before", "since", "until", "the", "a", "an",
    ];
    let is_number = |w: &str| {
        w.bytes().any(|b| b.is_ascii_digit()) && w.bytes().all(|b| b.is_ascii_digit() || b == b',')
    };
    for (sent, ws) in names.iter_mut().zip(words) {
        for n in sent.iter_mut() {
            if n.label == EntityType::MISC || n.end - n.start < 2 {
                continue;
            }
            let last = ws[n.end - 1];
            if !(init_cap(last) && last.ends_with('s')) {
                continue;
            }
            let after_ok = ws
                .get(n.end)
                .is_none_or(|w| !is_lower_word(w) || AFTER.contains(w));
            let mut j = n.start;
            // Modifiers between the number and the name ("46 minority"), not a new clause
            // ("for 82 but Chris Adams").
            while j > 0
                && n.start - j < 2
                && is_lower_word(ws[j - 1])
                && !FUNCTION.contains(&ws[j - 1])
            {
                j -= 1;
            }
            // In running text ("killed at least 46 ..."), not a table of results.
            let prose = j >= 2 && is_lower_word(ws[j - 2]);
            if after_ok && prose && is_number(ws[j - 1]) {
                n.label = EntityType::MISC;
            }
        }
    }
}

fn places(names: &mut [Vec<Name>], words: &[Vec<&str>], gaz: &Gazetteer) {
    // Nouns of places a name can be the value of ("its stronghold is X", "the city of X").
    const OF_PLACE: [&str; 12] = [
        "stronghold",
        "capital",
        "hometown",
        "birthplace",
        "province",
        "valley",
        "district",
        "city",
        "town",
        "village",
        "region",
        "county",
    ];
    // Nouns that follow a place's name ("X province").
    const AFTER_PLACE: [&str; 4] = ["province", "valley", "district", "county"];
    let found = matching(names, words, |ws, n| {
        if !matches!(n.label, EntityType::ORG | EntityType::MISC) {
            return false;
        }
        let before = n.start >= 2
            && matches!(ws[n.start - 1], "is" | "was" | "of")
            && OF_PLACE.contains(&ws[n.start - 2]);
        // "English county cricket": an adjective the training data knows is no place.
        let adjective = n.label == EntityType::MISC && seen(gaz, &ws[n.start..n.end]) & 8 != 0;
        let after = !adjective && ws.get(n.end).is_some_and(|w| AFTER_PLACE.contains(w));
        before || after
    });
    for (t, _) in found {
        retype_string(
            names,
            words,
            &t,
            &[EntityType::ORG, EntityType::MISC],
            EntityType::LOC,
        );
    }
}

/// A name that ends in a company's legal form ("Deutsche Bank GmbH", "Ferro Corp") names a
/// company, never a person.
fn companies(names: &mut [Vec<Name>], words: &[Vec<&str>]) {
    for (sent, ws) in names.iter_mut().zip(words) {
        for n in sent.iter_mut() {
            if n.label == EntityType::PER && dossier_core::legal_forms::is_form_word(ws[n.end - 1])
            {
                n.label = EntityType::ORG;
            }
        }
    }
}

/// A legal form written as a name's word ("Co", "Inc."), not the common noun ("company").
fn form_word(w: &str) -> bool {
    w.starts_with(char::is_uppercase) && dossier_core::legal_forms::is_form_word(w)
}

/// Where the legal forms closing words `[start, end)` begin, when they close them.
fn forms_start(ws: &[&str], start: usize, end: usize) -> Option<usize> {
    let mut at = end;
    while at > start && form_word(ws[at - 1]) {
        at -= 1;
    }
    (at < end).then_some(at)
}

/// A partnership's name is its partners' surnames, joined by commas and "and", with one legal
/// form for the firm: "Sears, Roebuck and Co", "Kidder, Peabody and Co", "Procter and Gamble
/// Co". The tagger reads a comma or "and" as the end of a name and keeps only the last
/// partner with the form; the name takes its partners back, and "Procter and Gamble" written
/// without the form elsewhere in the article is the same one name. A partner the training
/// names know as a place ("In Chicago, Smith and Co") or that the article gives a legal form of
/// its own ("Exxon Corp ... Exxon and Mobil Corp") is no partner.
fn partnerships(names: &mut [Vec<Name>], words: &[Vec<&str>], gaz: &Gazetteer) {
    let is_and = |w: &str| w == "and" || w == "&";
    // words named with a legal form of their own: "Exxon Corp", not "(Procter and) Gamble Co"
    let own_company: Vec<&str> = words
        .iter()
        .flat_map(|ws| {
            (0..ws.len().saturating_sub(1)).filter_map(|i| {
                let after_and = i > 0 && is_and(ws[i - 1]);
                (init_cap(ws[i]) && form_word(ws[i + 1]) && !after_and).then_some(ws[i])
            })
        })
        .collect();
    let word = |w: &str| {
        (init_cap(w) || w.chars().all(char::is_uppercase) && w.len() > 1)
            && !form_word(w)
            && seen(gaz, &[w]) & 4 == 0
    };
    // a partner before the last one
    let partner = |w: &str| word(w) && !own_company.contains(&w);
    let mut firms: Vec<Vec<String>> = Vec::new();
    for (sent, ws) in names.iter_mut().zip(words) {
        let mut joined: Vec<Name> = Vec::new();
        for n in sent.iter() {
            if n.label == EntityType::PER {
                continue;
            }
            let Some(forms) = forms_start(ws, n.start, n.end) else {
                continue;
            };
            let mut start = n.start;
            let last_two = if forms == n.start + 2 && is_and(ws[n.start + 1]) && word(ws[n.start]) {
                // "[Roebuck and Co]"
                true
            } else if forms == n.start + 1
                && n.start >= 2
                && is_and(ws[n.start - 1])
                && partner(ws[n.start - 2])
                && word(ws[n.start])
                && (n.start == 2 || !init_cap(ws[n.start - 3]))
            {
                // "Procter and [Gamble Co]"
                start = n.start - 2;
                true
            } else {
                false
            };
            // the partners before those, one word and a comma each: "Sears, Roebuck and Co",
            // a word standing alone ("Evercore Partners, Moelis & Co" lists two firms)
            let alone = |i: usize| {
                i == 0 || !ws[i - 1].starts_with(char::is_uppercase) || ws[i - 1] == "The"
            };
            while last_two
                && start >= 2
                && ws[start - 1] == ","
                && partner(ws[start - 2])
                && alone(start - 2)
            {
                start -= 2;
            }
            if start < n.start {
                joined.push(Name {
                    start,
                    end: n.end,
                    label: EntityType::ORG,
                    score: n.score,
                });
                firms.push(ws[start..forms].iter().map(|w| w.to_string()).collect());
            }
        }
        put(sent, joined);
    }
    // the partners' names without the form, elsewhere in the article ("Procter and Gamble")
    firms.retain(|f| f.len() >= 3);
    if firms.is_empty() {
        return;
    }
    for (sent, ws) in names.iter_mut().zip(words) {
        let mut joined: Vec<Name> = Vec::new();
        for f in &firms {
            let k = f.len();
            for at in 0..ws.len().saturating_sub(k - 1) {
                let here = ws[at..at + k].iter().zip(f).all(|(a, b)| a == b);
                let inside = sent.iter().any(|n| n.start <= at && at + k <= n.end);
                if here && !inside {
                    joined.push(Name {
                        start: at,
                        end: at + k,
                        label: EntityType::ORG,
                        score: 1.0,
                    });
                }
            }
        }
        put(sent, joined);
    }
}

/// Puts the names `new` into a sentence's names in place of those they overlap.
fn put(sent: &mut Vec<Name>, new: Vec<Name>) {
    for j in new {
        sent.retain(|n| n.end <= j.start || j.end <= n.start);
        let at = sent.partition_point(|n| n.start < j.start);
        sent.insert(at, j);
    }
}

fn documents(names: &mut [Vec<Name>], words: &[Vec<&str>]) {
    const HEADS: [&str; 8] = [
        "Agreement",
        "Agreements",
        "Accord",
        "Accords",
        "Treaty",
        "Pact",
        "Convention",
        "Protocol",
    ];
    for (sent, ws) in names.iter_mut().zip(words) {
        for n in sent.iter_mut() {
            if n.label == EntityType::ORG && n.end - n.start >= 2 && HEADS.contains(&ws[n.end - 1])
            {
                n.label = EntityType::MISC;
            }
        }
    }
}

/// Ends a name before the portfolio words of a title that follows it ("Kyrgyz [Interior]
/// Minister"); a name made only of them is no name.
fn portfolios(names: &mut [Vec<Name>], words: &[Vec<&str>], gaz: &Gazetteer) {
    const PORTFOLIOS: [&str; 16] = [
        "Interior",
        "Foreign",
        "Defence",
        "Defense",
        "Finance",
        "Justice",
        "Health",
        "Home",
        "Trade",
        "Energy",
        "Education",
        "Agriculture",
        "Economy",
        "Transport",
        "Labour",
        "Labor",
    ];
    const TITLES: [&str; 4] = ["Minister", "Secretary", "Secretaries", "Ministers"];
    for (sent, ws) in names.iter_mut().zip(words) {
        for n in sent.iter_mut() {
            if n.label == EntityType::PER || !ws.get(n.end).is_some_and(|w| TITLES.contains(w)) {
                continue;
            }
            let mut end = n.end;
            while end > n.start && PORTFOLIOS.contains(&ws[end - 1]) {
                end -= 1;
            }
            if end == n.end {
                continue;
            }
            n.end = end;
            let bits = seen(gaz, &ws[n.start..end]);
            if bits & 8 != 0 {
                n.label = EntityType::MISC;
            } else if bits & 4 != 0 {
                n.label = EntityType::LOC;
            }
        }
        sent.retain(|n| n.end > n.start);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn name(start: usize, end: usize, label: EntityType) -> Name {
        Name {
            start,
            end,
            label,
            score: 1.0,
        }
    }

    pub(crate) fn split(s: &str) -> Vec<&str> {
        s.split(' ').collect()
    }

    #[test]
    fn a_name_ending_in_a_legal_form_is_a_company() {
        let words = vec![split("Ruritex GmbH said on Monday"), split("Jane Roe said")];
        let mut names = vec![
            vec![name(0, 2, EntityType::PER)],
            vec![name(0, 2, EntityType::PER)],
        ];
        retype(&mut names, &words, &Gazetteer::default());
        assert_eq!(names[0][0].label, EntityType::ORG);
        assert_eq!(names[1][0].label, EntityType::PER);
    }

    #[test]
    fn a_partnership_keeps_its_partners() {
        let words = vec![
            split("Sears , Roebuck and Co said it will redeem"),
            split("Procter and Gamble Co said it appointed"),
            split("Procter and Gamble said Grey will continue"),
            split("through Johnson , Lane , Space , Smith and Co Inc"),
            split("its unit , Salomon , Levin and Elstein Ltd ."),
        ];
        let mut names = vec![
            vec![name(0, 1, EntityType::ORG), name(2, 5, EntityType::ORG)],
            vec![name(0, 1, EntityType::ORG), name(2, 4, EntityType::ORG)],
            vec![name(0, 1, EntityType::ORG), name(2, 3, EntityType::ORG)],
            vec![
                name(1, 2, EntityType::PER),
                name(3, 4, EntityType::LOC),
                name(7, 11, EntityType::ORG),
            ],
            vec![
                name(3, 4, EntityType::ORG),
                name(5, 6, EntityType::LOC),
                name(7, 9, EntityType::ORG),
            ],
        ];
        retype(&mut names, &words, &Gazetteer::default());
        assert_eq!(names[0], vec![name(0, 5, EntityType::ORG)]);
        assert_eq!(names[1], vec![name(0, 4, EntityType::ORG)]);
        assert_eq!(names[2], vec![name(0, 3, EntityType::ORG)]);
        assert_eq!(names[3], vec![name(1, 11, EntityType::ORG)]);
        assert_eq!(names[4], vec![name(3, 9, EntityType::ORG)]);
        // two companies, each named with its own form, stay two
        let words = vec![
            split("Exxon Corp rose"),
            split("Exxon and Mobil Corp fell"),
            split("He said Smith and company agreed"),
            split("advised by Evercore Partners , Moelis & Co"),
        ];
        let mut names = vec![
            vec![name(0, 2, EntityType::ORG)],
            vec![name(0, 1, EntityType::ORG), name(2, 4, EntityType::ORG)],
            vec![name(2, 3, EntityType::PER)],
            vec![name(2, 4, EntityType::ORG), name(5, 8, EntityType::ORG)],
        ];
        let before = names.clone();
        retype(&mut names, &words, &Gazetteer::default());
        assert_eq!(names, before);
    }

    #[test]
    fn acting_name_is_an_organisation_in_every_mention() {
        let words = vec![
            split("the Harakat had warned them"),
            split("Harakat fighters came"),
            split("then the Harakat said so"),
        ];
        let mut names = vec![
            vec![name(1, 2, EntityType::MISC)],
            vec![name(0, 1, EntityType::LOC)],
            vec![name(2, 3, EntityType::MISC)],
        ];
        retype(&mut names, &words, &Gazetteer::default());
        assert!(names.iter().all(|s| s[0].label == EntityType::ORG));
        // Once is not enough ("The Texan blasted ..."), nor an adjective use.
        let words = vec![
            split("the Harakat had warned them"),
            split("the Harakat government fell"),
        ];
        let mut names = vec![
            vec![name(1, 2, EntityType::MISC)],
            vec![name(1, 2, EntityType::MISC)],
        ];
        retype(&mut names, &words, &Gazetteer::default());
        assert!(names.iter().all(|s| s[0].label == EntityType::MISC));
    }

    #[test]
    fn portfolio_words_belong_to_the_title() {
        let words = vec![
            split("Arvenian Interior Minister Tal Oren spoke"),
            split("the Foreign Secretary said"),
            split("the Interior Ministry said"),
        ];
        let mut names = vec![
            vec![name(0, 2, EntityType::ORG), name(3, 5, EntityType::PER)],
            vec![name(1, 2, EntityType::ORG)],
            vec![name(1, 3, EntityType::ORG)],
        ];
        retype(&mut names, &words, &Gazetteer::default());
        assert_eq!(
            names[0],
            vec![name(0, 1, EntityType::ORG), name(3, 5, EntityType::PER)]
        );
        assert!(names[1].is_empty());
        // A ministry is a body: its name keeps its portfolio.
        assert_eq!(names[2], vec![name(1, 3, EntityType::ORG)]);
    }

    #[test]
    fn administration_names_a_person() {
        let words = vec![split("talks begun by the Ferrand administration ended")];
        let mut names = vec![vec![]];
        retype(&mut names, &words, &Gazetteer::default());
        assert_eq!(
            names[0],
            vec![Name {
                score: 0.5,
                ..name(4, 5, EntityType::PER)
            }]
        );
        // At the start of a sentence; not a capitalised agency ("the Aviation Administration").
        let words = vec![split("The Ferrand administration")];
        let mut names = vec![vec![]];
        retype(&mut names, &words, &Gazetteer::default());
        assert_eq!(names[0].len(), 1);
        // A place, or a name the article uses for something else, keeps its type.
        let words = vec![split("the Kabul administration")];
        let mut names = vec![vec![name(1, 2, EntityType::LOC)]];
        retype(&mut names, &words, &Gazetteer::default());
        assert_eq!(names[0], vec![name(1, 2, EntityType::LOC)]);
        let words = vec![
            split("the Harakat administration"),
            split("Harakat fighters came"),
        ];
        let mut names = vec![
            vec![name(1, 2, EntityType::MISC)],
            vec![name(0, 1, EntityType::MISC)],
        ];
        retype(&mut names, &words, &Gazetteer::default());
        assert_eq!(names[0], vec![name(1, 2, EntityType::MISC)]);
        let words = vec![split("the Aviation Administration")];
        let mut names = vec![vec![]];
        retype(&mut names, &words, &Gazetteer::default());
        assert!(names[0].is_empty());
        // A name the tagger typed otherwise becomes the person.
        let words = vec![split("the Ferrand administration")];
        let mut names = vec![vec![name(1, 2, EntityType::MISC)]];
        retype(&mut names, &words, &Gazetteer::default());
        assert_eq!(names[0], vec![name(1, 2, EntityType::PER)]);
    }

    #[test]
    fn interviewer_never_named_again_is_an_outlet() {
        let words = vec![
            split("in an interview with Al Sahil , Karimi said"),
            split("Karimi left"),
        ];
        let mut names = vec![
            vec![name(4, 6, EntityType::PER), name(7, 8, EntityType::PER)],
            vec![name(0, 1, EntityType::PER)],
        ];
        retype(&mut names, &words, &Gazetteer::default());
        assert_eq!(names[0][0].label, EntityType::ORG);
        assert_eq!(names[0][1].label, EntityType::PER);
        // Named again by surname: a person.
        let words = vec![
            split("in an interview with Rana Haddad , she said"),
            split("Haddad left"),
        ];
        let mut names = vec![
            vec![name(4, 6, EntityType::PER)],
            vec![name(0, 1, EntityType::PER)],
        ];
        retype(&mut names, &words, &Gazetteer::default());
        assert_eq!(names[0][0].label, EntityType::PER);
    }

    #[test]
    fn groups_and_places() {
        let words = vec![
            split("a Zaydite shrine was hit , killing 12 local Zaydi Believers and two guards"),
            split("their stronghold is Karwan"),
            split("fighting in Karwan"),
        ];
        let mut names = vec![
            vec![name(1, 2, EntityType::LOC), name(9, 11, EntityType::ORG)],
            vec![name(3, 4, EntityType::ORG)],
            vec![name(2, 3, EntityType::ORG)],
        ];
        retype(&mut names, &words, &Gazetteer::default());
        assert_eq!(names[0][0].label, EntityType::MISC);
        assert_eq!(names[0][1].label, EntityType::MISC);
        assert_eq!(names[1][0].label, EntityType::LOC);
        assert_eq!(names[2][0].label, EntityType::LOC);
    }

    #[test]
    fn what_is_fought_alone_is_a_group() {
        let words = vec![
            split("we can tackle Harakish independently , he said"),
            split("the war against Harakish ."),
            split("Harakish cells"),
        ];
        let mut names = vec![
            vec![name(3, 4, EntityType::MISC)],
            vec![name(3, 4, EntityType::MISC)],
            vec![name(0, 1, EntityType::MISC)],
        ];
        retype(&mut names, &words, &Gazetteer::default());
        assert!(names.iter().all(|s| s[0].label == EntityType::ORG));
        // An adjective before its noun, a language, or a name fought by a person keep their type.
        let words = vec![
            split("fighting against Harakish forces"),
            split("he speaks Harakish fluently"),
            split("they attacked Ferrand ."),
        ];
        let mut names = vec![
            vec![name(2, 3, EntityType::MISC)],
            vec![name(2, 3, EntityType::MISC)],
            vec![name(2, 3, EntityType::PER)],
        ];
        retype(&mut names, &words, &Gazetteer::default());
        assert_eq!(names[0][0].label, EntityType::MISC);
        assert_eq!(names[1][0].label, EntityType::MISC);
        assert_eq!(names[2][0].label, EntityType::PER);
    }

    #[test]
    fn the_outlet_is_an_organisation() {
        let words = vec![
            split("Valley Times : talks ended"),
            split("said Valley Times"),
        ];
        let mut names = vec![
            vec![name(0, 2, EntityType::PER)],
            vec![name(1, 3, EntityType::LOC)],
        ];
        outlet(&mut names, &words, " Valley  Times");
        assert!(names.iter().all(|s| s[0].label == EntityType::ORG));
        let mut names = vec![vec![name(0, 2, EntityType::PER)], vec![]];
        outlet(&mut names, &words, "");
        assert_eq!(names[0][0].label, EntityType::PER);
    }

    #[test]
    fn agreements_are_documents() {
        let words = vec![split(
            "under the 2019 Belgrove Agreement and the Belgrove Treaty Organisation",
        )];
        let mut names = vec![vec![
            name(3, 5, EntityType::ORG),
            name(7, 10, EntityType::ORG),
        ]];
        retype(&mut names, &words, &Gazetteer::default());
        assert_eq!(names[0][0].label, EntityType::MISC);
        assert_eq!(names[0][1].label, EntityType::ORG);
    }
}
