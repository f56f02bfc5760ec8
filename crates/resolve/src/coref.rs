//! Coreference of given mentions (gold mention boundaries, as in ECB+) across the documents of a
//! group: pronouns join their nearest compatible antecedent in the document; other mentions join
//! by type and head word (the last word, with numbers and coordinations kept whole), within a
//! group only. Event mentions are left alone: this is entity coreference.

use std::collections::HashMap;

use crate::names::{acronym_form, fold};

/// A mention given by its tokens.
#[derive(Clone, Debug)]
pub struct TokenMention<'a> {
    pub doc: &'a str,
    /// Mentions of different groups (ECB+ topics) are never joined.
    pub group: &'a str,
    pub sent: i64,
    pub first_token: i64,
    pub tokens: &'a [String],
    /// Coarse type: HUM, NON, LOC, TIM; ACT and NEG are events.
    pub coarse: &'a str,
    /// Fine type: HUMAN_PART_PER, HUMAN_PART_ORG, ...
    pub fine: &'a str,
}

const PRONOUNS: [&str; 35] = [
    "he",
    "him",
    "his",
    "she",
    "her",
    "hers",
    "they",
    "them",
    "their",
    "theirs",
    "it",
    "its",
    "who",
    "whom",
    "whose",
    "which",
    "that",
    "we",
    "us",
    "our",
    "i",
    "me",
    "my",
    "you",
    "your",
    "himself",
    "herself",
    "themselves",
    "itself",
    "this",
    "these",
    "those",
    "'s",
    "ourselves",
    "where",
];
const PERSONAL: [&str; 10] = [
    "he", "him", "his", "she", "her", "himself", "herself", "who", "whom", "whose",
];
const REFLEXIVES: [&str; 4] = ["himself", "herself", "themselves", "itself"];
const SUFFIXES: [&str; 6] = ["'s", "s", "'", "sr", "jr", "\u{2019}s"];
const FUNCTION: [&str; 21] = [
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "in",
    "on", "at", "from", "to", "of", "by", "for", "with",
];

/// Folded word tokens, without a trailing possessive or generational suffix ("Lohan 's", "Felt Sr.").
fn words(m: &TokenMention) -> Vec<String> {
    let mut w: Vec<String> = m
        .tokens
        .iter()
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .map(|t| fold(t))
        .collect();
    while w.len() > 1 && SUFFIXES.contains(&w[w.len() - 1].as_str()) {
        w.pop();
    }
    if let Some(last) = w.last_mut() {
        if last.len() > 2 && last.ends_with("'s") {
            last.truncate(last.len() - 2);
        }
    }
    w
}

/// The letters of a one-token acronym mention ("AP", "U.N."), lower case.
fn acronym(m: &TokenMention) -> Option<String> {
    match m.tokens {
        [t] => acronym_form(t),
        _ => None,
    }
}

/// Initials of a capitalised multi-word name ("Associated Press" -> "ap"), function words skipped.
fn initials(m: &TokenMention) -> Option<String> {
    let content: Vec<&String> = m
        .tokens
        .iter()
        .filter(|t| !matches!(t.to_lowercase().as_str(), "of" | "and" | "the" | "for"))
        .collect();
    if content.len() < 2
        || !content
            .iter()
            .all(|t| t.chars().next().is_some_and(char::is_uppercase))
    {
        return None;
    }
    Some(
        content
            .iter()
            .filter_map(|t| t.chars().next())
            .flat_map(char::to_lowercase)
            .collect(),
    )
}

fn is_pronoun(w: &[String]) -> bool {
    !w.is_empty() && w.iter().all(|t| PRONOUNS.contains(&t.as_str()))
}

/// A cluster index per mention.
pub fn cluster_mentions(ms: &[TokenMention]) -> Vec<usize> {
    let n = ms.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let ws: Vec<Vec<String>> = ms.iter().map(words).collect();
    let event = |m: &TokenMention| m.coarse == "ACT" || m.coarse == "NEG";
    let mut rep: HashMap<(&str, &str, String), usize> = HashMap::new();
    for (i, m) in ms.iter().enumerate() {
        let w = &ws[i];
        if event(m) || w.is_empty() || is_pronoun(w) {
            continue;
        }
        let whole =
            w.iter().any(|t| t.bytes().any(|b| b.is_ascii_digit())) || w.iter().any(|t| t == "and");
        let head = if whole {
            w.iter()
                .filter(|t| !FUNCTION.contains(&t.as_str()))
                .cloned()
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            w[w.len() - 1].clone()
        };
        let r = *rep.entry((m.group, m.coarse, head)).or_insert(i);
        let (a, b) = (find(&mut parent, i), find(&mut parent, r));
        parent[a] = b;
    }
    // acronyms join a capitalised name of the group with those initials
    let mut by_initials: HashMap<(&str, String), usize> = HashMap::new();
    for (i, m) in ms.iter().enumerate() {
        if !event(m) {
            if let Some(x) = initials(m) {
                by_initials.entry((m.group, x)).or_insert(i);
            }
        }
    }
    for (i, m) in ms.iter().enumerate() {
        if let Some(j) = acronym(m).and_then(|a| by_initials.get(&(m.group, a))) {
            let (a, b) = (find(&mut parent, i), find(&mut parent, *j));
            parent[a] = b;
        }
    }
    // pronouns: the nearest earlier non-pronoun mention of the same type, at most two sentences back
    let mut by_doc: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, m) in ms.iter().enumerate() {
        by_doc.entry(m.doc).or_default().push(i);
    }
    let mut docs: Vec<_> = by_doc.into_iter().collect();
    docs.sort_by(|a, b| a.0.cmp(b.0));
    for (_, mut list) in docs {
        list.sort_by_key(|&i| (ms[i].sent, ms[i].first_token, i));
        for (x, &i) in list.iter().enumerate() {
            let m = &ms[i];
            if event(m) || !is_pronoun(&ws[i]) {
                continue;
            }
            let personal = ws[i].last().is_some_and(|t| PERSONAL.contains(&t.as_str()));
            let fits = |j: usize| {
                let a = &ms[j];
                !is_pronoun(&ws[j])
                    && !ws[j].is_empty()
                    && a.coarse == m.coarse
                    && (!personal || a.fine == "HUMAN_PART_PER")
            };
            // a reflexive refers to the subject of its clause: the first fitting mention of the sentence
            let reflexive = ws[i]
                .last()
                .is_some_and(|t| REFLEXIVES.contains(&t.as_str()));
            let subject = list[..x]
                .iter()
                .copied()
                .filter(|&j| ms[j].sent == m.sent)
                .find(|&j| reflexive && fits(j));
            let nearest = || {
                list[..x]
                    .iter()
                    .rev()
                    .copied()
                    .take_while(|&j| m.sent - ms[j].sent <= 2)
                    .find(|&j| fits(j))
            };
            // with no named or described antecedent near, a pronoun continues the chain of
            // the pronoun before it ("she ... her")
            let previous_pronoun = || {
                list[..x]
                    .iter()
                    .rev()
                    .copied()
                    .take_while(|&j| m.sent - ms[j].sent <= 3)
                    .find(|&j| {
                        is_pronoun(&ws[j])
                            && ms[j].coarse == m.coarse
                            && ws[j]
                                .last()
                                .is_some_and(|t| PERSONAL.contains(&t.as_str()) == personal)
                    })
            };
            let ant = subject.or_else(nearest).or_else(previous_pronoun);
            if let Some(j) = ant {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut ids: HashMap<usize, usize> = HashMap::new();
    (0..n)
        .map(|i| {
            let r = find(&mut parent, i);
            let next = ids.len();
            *ids.entry(r).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_and_pronouns() {
        let t = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        let toks = [
            t("Tara Reid"),
            t("she"),
            t("Reid"),
            t("Reid"),
            t("on Friday"),
            t("Friday"),
            t("said"),
        ];
        let m = |i: usize,
                 doc: &'static str,
                 group: &'static str,
                 sent: i64,
                 coarse: &'static str,
                 fine: &'static str| TokenMention {
            doc,
            group,
            sent,
            first_token: 0,
            tokens: &toks[i],
            coarse,
            fine,
        };
        let ms = vec![
            m(0, "d1", "1", 0, "HUM", "HUMAN_PART_PER"),
            m(1, "d1", "1", 1, "HUM", "HUMAN_PART_PER"),
            m(2, "d2", "1", 0, "HUM", "HUMAN_PART_PER"),
            m(3, "d3", "2", 0, "HUM", "HUMAN_PART_PER"),
            m(4, "d1", "1", 2, "TIM", "TIME_DATE"),
            m(5, "d2", "1", 1, "TIM", "TIME_DATE"),
            m(6, "d2", "1", 1, "ACT", "ACTION_REPORTING"),
        ];
        let c = cluster_mentions(&ms);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[0], c[2]);
        assert_ne!(c[0], c[3], "different groups stay apart");
        assert_eq!(c[4], c[5]);
        assert_ne!(c[6], c[2]);
    }
}
