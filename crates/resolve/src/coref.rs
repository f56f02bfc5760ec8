//! Coreference of given mentions (gold mention boundaries, as in ECB+) across the documents of a
//! group: pronouns join their nearest compatible antecedent in the document; other mentions join
//! by type and head word (the last word, with numbers and coordinations kept whole), within a
//! group only. Event mentions are left alone: this is entity coreference.

use std::collections::HashMap;

use crate::names::{acronym_form, fold, Name, NameKind};
use dossier_core::calendar::WEEKDAYS;

mod pairs;

pub use pairs::{examples, merge, PairModel, FEATURES, FEATURE_NAMES};

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
    /// The text of the mention's document (may be empty): context that tells the documents of a
    /// group about different events apart.
    pub text: &'a str,
}

const PRONOUNS: [&str; 36] = [
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
    "there",
];
const PERSONAL: [&str; 10] = [
    "he", "him", "his", "she", "her", "himself", "herself", "who", "whom", "whose",
];
/// First person singular, plural, second person.
const SPEAKERS: [&[&str]; 3] = [
    &["i", "me", "my", "mine", "myself"],
    &["we", "us", "our", "ours", "ourselves"],
    &["you", "your", "yours", "yourself", "yourselves"],
];
const REFLEXIVES: [&str; 4] = ["himself", "herself", "themselves", "itself"];
const SUFFIXES: [&str; 13] = [
    "'s",
    "s",
    "'",
    "sr",
    "jr",
    "\u{2019}s",
    "corp",
    "inc",
    "ltd",
    "co",
    "llc",
    "plc",
    "ag",
];
const FUNCTION: [&str; 21] = [
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our", "in",
    "on", "at", "from", "to", "of", "by", "for", "with",
];

/// Folded word tokens, without a trailing possessive or generational suffix ("Lohan 's", "Felt Sr.").
fn words(m: &TokenMention) -> Vec<String> {
    let mut w: Vec<String> = core(m.tokens)
        .iter()
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .map(|t| fold(t))
        .collect();
    while w.len() > 1 && SUFFIXES.contains(&w[w.len() - 1].trim_end_matches('.')) {
        w.pop();
    }
    // "Chargers'", "Reid's", "she'd"
    if let Some(last) = w.last_mut() {
        // British "-tre" is American "-ter" ("Centre", "Center"; "theatre", "theater")
        if last.len() > 4 && last.ends_with("tre") {
            last.truncate(last.len() - 2);
            last.push_str("er");
        }
        for end in ["'s", "'d", "'ll", "'re", "'ve", "'"] {
            if last.len() > end.len() + 1 && last.ends_with(end) {
                last.truncate(last.len() - end.len());
                break;
            }
        }
    }
    w
}

/// A title glued to a name by its dot ("Gov.Sarah Palin") written apart; initials and
/// acronyms ("U.S.", "W.") stay as they are.
fn glued_apart(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let mut chars = s.chars().peekable();
    let mut prev_letter = false;
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '.' && prev_letter {
            let mut ahead = chars.clone();
            if ahead.next().is_some_and(char::is_uppercase)
                && ahead.next().is_some_and(char::is_lowercase)
            {
                out.push(' ');
            }
        }
        prev_letter = c.is_alphabetic();
    }
    out
}

/// Words that start a modifier after the noun phrase ("prison in Palermo", "home near the
/// border"); "of" only before a lower-case word, since "Gulf of Aden" is one name.
const POST_MODIFIERS: [&str; 14] = [
    "in", "at", "on", "near", "between", "off", "from", "outside", "inside", "of", "who", "which",
    "that", "with",
];

/// The noun phrase a mention starts with: leading prepositions dropped ("in the Gulf of Aden"),
/// cut before a comma, a parenthesis or a post-modifier ("Pagliarelli prison in Palermo").
fn core(tokens: &[String]) -> &[String] {
    let lead = tokens
        .iter()
        .take_while(|t| {
            let l = t.to_lowercase();
            matches!(
                l.as_str(),
                "in" | "at" | "on" | "into" | "off" | "to" | "from" | "near"
            )
        })
        .count();
    let rest = &tokens[lead.min(tokens.len().saturating_sub(1))..];
    let cut = rest
        .iter()
        .enumerate()
        .skip(1)
        .find(|(i, t)| {
            let l = t.to_lowercase();
            matches!(l.as_str(), "," | "(" | "--" | ";")
                || (POST_MODIFIERS.contains(&l.as_str())
                    && (l != "of"
                        || rest
                            .get(i + 1)
                            .is_some_and(|n| n.chars().next().is_some_and(char::is_lowercase))))
        })
        .map_or(rest.len(), |(i, _)| i);
    &rest[..cut]
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

const STOPWORDS: [&str; 52] = [
    "the", "and", "for", "with", "from", "was", "were", "been", "has", "have", "had", "its",
    "this", "that", "these", "those", "his", "her", "their", "said", "says", "say", "will",
    "would", "could", "after", "before", "about", "into", "over", "than", "then", "there", "which",
    "who", "whom", "what", "when", "where", "also", "not", "but", "are", "can", "more", "most",
    "one", "two", "new", "they", "she", "him",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Capitalised inside a sentence.
    Capitalised,
    /// Capitalised at the start of a sentence or line: says nothing.
    Initial,
    Lower,
    Other,
}

/// The words of a text with their shape.
fn text_words(t: &str) -> impl Iterator<Item = (&str, Shape)> {
    let mut start = true;
    t.split_inclusive(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter_map(move |piece| {
            let end = piece.ends_with(['.', '!', '?', '\n', '"']);
            let word = piece
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .trim_start_matches(|c: char| !c.is_alphanumeric());
            let first = word.chars().next();
            let shape = match first {
                Some(c) if c.is_lowercase() => Shape::Lower,
                Some(c) if c.is_uppercase() && start => Shape::Initial,
                Some(c) if c.is_uppercase() => Shape::Capitalised,
                _ => Shape::Other,
            };
            if first.is_some() {
                start = false;
            }
            if end {
                start = true;
            }
            first.map(|_| (word, shape))
        })
}

/// Documents of one group that tell of the same events: average-link clustering of their texts
/// (TF-IDF within the group, cosine). Two halves of a group about two similar events get apart,
/// so that a common noun ("the woman", "Friday") is not joined across them. Returns a document
/// cluster per document index.
fn document_clusters(texts: &[&str]) -> Vec<usize> {
    // chosen fold-wise on ECB+ topics 1-35 (5 folds of consecutive topics): for each fold, the
    // best threshold on the other four lies in 0.036-0.038, and none of the five loses by it
    const JOIN: f64 = 0.038;
    let n = texts.len();
    // names and numbers tell events apart; common words are shared by events of one kind
    let bags: Vec<HashMap<String, f64>> = texts
        .iter()
        .map(|t| {
            let mut bag = HashMap::new();
            for (w, shape) in text_words(t) {
                let numeric = w.starts_with(|c: char| c.is_ascii_digit());
                if !numeric && (shape != Shape::Capitalised || w.len() < 3) {
                    continue;
                }
                let w = w.to_lowercase();
                if !STOPWORDS.contains(&w.as_str()) {
                    *bag.entry(w).or_insert(0.0) += 1.0;
                }
            }
            bag
        })
        .collect();
    let mut df: HashMap<&str, f64> = HashMap::new();
    for b in &bags {
        for w in b.keys() {
            *df.entry(w).or_insert(0.0) += 1.0;
        }
    }
    let vecs: Vec<HashMap<&str, f64>> = bags
        .iter()
        .map(|b| {
            let mut v: HashMap<&str, f64> = b
                .iter()
                .map(|(w, c)| {
                    (
                        w.as_str(),
                        (1.0 + c.ln()) * ((n as f64 + 1.0) / df[w.as_str()]).ln(),
                    )
                })
                .collect();
            let norm = v.values().map(|x| x * x).sum::<f64>().sqrt();
            if norm > 0.0 {
                v.values_mut().for_each(|x| *x /= norm);
            }
            v
        })
        .collect();
    let cos = |a: usize, b: usize| {
        let (x, y) = if vecs[a].len() <= vecs[b].len() {
            (&vecs[a], &vecs[b])
        } else {
            (&vecs[b], &vecs[a])
        };
        x.iter()
            .map(|(w, v)| v * y.get(w).copied().unwrap_or(0.0))
            .sum::<f64>()
    };
    let mut sim = vec![vec![0.0; n]; n];
    for a in 0..n {
        for b in a + 1..n {
            // documents without text have nothing to tell them apart
            sim[a][b] = if vecs[a].is_empty() && vecs[b].is_empty() {
                1.0
            } else {
                cos(a, b)
            };
            sim[b][a] = sim[a][b];
        }
    }
    // average link: the pair of clusters with the highest mean similarity joins while above JOIN
    let mut clusters: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for x in 0..clusters.len() {
            for y in x + 1..clusters.len() {
                let total: f64 = clusters[x]
                    .iter()
                    .flat_map(|&a| clusters[y].iter().map(move |&b| (a, b)))
                    .map(|(a, b)| sim[a][b])
                    .sum();
                let mean = total / (clusters[x].len() * clusters[y].len()) as f64;
                if best.is_none_or(|(s, ..)| mean > s) {
                    best = Some((mean, x, y));
                }
            }
        }
        match best {
            Some((s, x, y)) if s >= JOIN => {
                let moved = clusters.swap_remove(y);
                clusters[x].extend(moved);
            }
            _ => break,
        }
    }
    let mut out = vec![0; n];
    for (k, c) in clusters.iter().enumerate() {
        for &d in c {
            out[d] = k;
        }
    }
    out
}

/// What the texts of each group tell about its mentions: which documents share an event, and
/// which words are written as names.
struct GroupContext<'a> {
    part: HashMap<&'a str, usize>,
    /// Per group and lower-case word: (capitalised inside a sentence, lower case) counts.
    case: HashMap<(&'a str, String), (u32, u32)>,
}

impl<'a> GroupContext<'a> {
    fn new(ms: &[TokenMention<'a>]) -> GroupContext<'a> {
        let mut docs: HashMap<&str, Vec<(&str, &str)>> = HashMap::new();
        let mut seen = std::collections::HashSet::new();
        for m in ms {
            if seen.insert(m.doc) {
                docs.entry(m.group).or_default().push((m.doc, m.text));
            }
        }
        let mut part = HashMap::new();
        let mut case = HashMap::new();
        let mut groups: Vec<_> = docs.into_iter().collect();
        groups.sort();
        for (group, mut list) in groups {
            list.sort();
            let texts: Vec<&str> = list.iter().map(|d| d.1).collect();
            for (d, c) in list.iter().zip(document_clusters(&texts)) {
                part.insert(d.0, c);
            }
            for t in texts {
                for (word, shape) in text_words(t) {
                    let e: &mut (u32, u32) = case.entry((group, word.to_lowercase())).or_default();
                    match shape {
                        Shape::Capitalised => e.0 += 1,
                        Shape::Lower => e.1 += 1,
                        Shape::Initial | Shape::Other => {}
                    }
                }
            }
        }
        GroupContext { part, case }
    }

    fn part(&self, m: &TokenMention) -> usize {
        self.part.get(m.doc).copied().unwrap_or(0)
    }

    /// A mention is a name when its head is capitalised and its texts write that word
    /// capitalised inside sentences more often than in lower case ("Saints" yes, "Woman" in a
    /// headline no).
    fn is_proper(&self, m: &TokenMention) -> bool {
        let Some(head) =
            m.tokens.iter().rev().find(|t| {
                t.chars().any(char::is_alphabetic) && !SUFFIXES.contains(&fold(t).as_str())
            })
        else {
            return false;
        };
        if !head.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        match self.case.get(&(m.group, head.to_lowercase())) {
            Some(&(cap, lower)) => cap >= lower,
            None => true,
        }
    }
}

/// A plural common noun, roughly: "-s" but not "-ss"/"-us"/"-is", and the irregular plurals of people.
fn is_plural(head: &str) -> bool {
    matches!(
        head,
        "people"
            | "men"
            | "women"
            | "children"
            | "police"
            | "staff"
            | "crowd"
            | "audience"
            | "family"
            | "many"
            | "all"
            | "both"
            | "others"
    ) || (head.len() > 3
        && head.ends_with('s')
        && !head.ends_with("ss")
        && !head.ends_with("us")
        && !head.ends_with("is"))
}

const SINGULAR_PERSONAL: [&str; 8] = [
    "he", "him", "his", "himself", "she", "her", "hers", "herself",
];
const PLURAL_PERSONAL: [&str; 5] = ["they", "them", "their", "theirs", "themselves"];
/// Pronouns of a thing or a body, never of one person.
const NEUTER: [&str; 3] = ["it", "its", "itself"];
const FEMININE: [&str; 4] = ["she", "her", "hers", "herself"];
const MASCULINE: [&str; 4] = ["he", "him", "his", "himself"];
/// Nouns that say a person's sex.
const FEMALE_NOUNS: [&str; 20] = [
    "woman",
    "girl",
    "mother",
    "sister",
    "daughter",
    "wife",
    "actress",
    "queen",
    "lady",
    "aunt",
    "niece",
    "grandmother",
    "girlfriend",
    "mum",
    "mom",
    "widow",
    "mrs",
    "ms",
    "spokeswoman",
    "businesswoman",
];
const MALE_NOUNS: [&str; 18] = [
    "man",
    "boy",
    "father",
    "brother",
    "son",
    "husband",
    "actor",
    "king",
    "gentleman",
    "uncle",
    "nephew",
    "grandfather",
    "boyfriend",
    "dad",
    "mr",
    "widower",
    "spokesman",
    "businessman",
];

/// A pronoun agrees with a candidate antecedent in number ("he" is not "the authorities",
/// "they" is not "the boss") and in sex where a noun says it ("she" is not "the man"). The
/// number of a name or of a group ("the team": "they") is not read from its last word.
fn agrees(pronoun: &str, antecedent: &[String], name_or_group: bool) -> bool {
    let Some(head) = antecedent.last().map(String::as_str) else {
        return true;
    };
    if SINGULAR_PERSONAL.contains(&pronoun) || NEUTER.contains(&pronoun) {
        if !name_or_group && is_plural(head) {
            return false;
        }
        let female = antecedent
            .iter()
            .any(|t| FEMALE_NOUNS.contains(&t.as_str()));
        let male = antecedent.iter().any(|t| MALE_NOUNS.contains(&t.as_str()));
        if (FEMININE.contains(&pronoun) && male && !female)
            || (MASCULINE.contains(&pronoun) && female && !male)
        {
            return false;
        }
    }
    if PLURAL_PERSONAL.contains(&pronoun) && !name_or_group && !is_plural(head) {
        return false;
    }
    true
}

/// Feminine, masculine, plural or other: a chain of pronouns keeps one.
fn pronoun_class(p: &str) -> u8 {
    if FEMININE.contains(&p) {
        1
    } else if MASCULINE.contains(&p) {
        2
    } else if PLURAL_PERSONAL.contains(&p) {
        3
    } else {
        0
    }
}

/// Every modifier of the shorter name is one of the longer's, or an initial or short form of
/// one ("W." for "William", "Mo" for "Maurice", "Fred" for "Frederick").
fn modifiers_agree(short: &[String], long: &[String]) -> bool {
    short.iter().all(|a| {
        long.iter().any(|b| {
            let shared = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
            a == b || shared >= 3 || (shared >= 1 && a.len().min(b.len()) <= 2)
        })
    })
}

fn find(p: &mut [usize], mut x: usize) -> usize {
    while p[x] != x {
        p[x] = p[p[x]];
        x = p[x];
    }
    x
}

/// Descriptions join the name they describe: a chain of descriptions ("the actress", "the
/// host") joins the named chain of its type that is the most mentioned one in most of the
/// documents where the description occurs, or in most of those that name anyone when two or
/// more do (reports whose given sentences name nobody do not vote).
fn link_descriptions(
    ms: &[TokenMention],
    ws: &[Vec<String>],
    proper_of: &[bool],
    parent: &mut [usize],
) {
    let n = ms.len();
    let roots: Vec<usize> = (0..n).map(|i| find(parent, i)).collect();
    let usable = |i: usize| ms[i].coarse == "HUM" && !ws[i].is_empty() && !is_pronoun(&ws[i]);
    let proper: Vec<bool> = (0..n).map(|i| usable(i) && proper_of[i]).collect();
    let mut named = vec![false; n];
    for i in 0..n {
        if proper[i] {
            named[roots[i]] = true;
        }
    }
    // per document and fine type: mentions of each named chain
    let mut counts: HashMap<(&str, &str), HashMap<usize, usize>> = HashMap::new();
    for i in 0..n {
        if usable(i) && named[roots[i]] {
            *counts
                .entry((ms[i].doc, ms[i].fine))
                .or_default()
                .entry(roots[i])
                .or_default() += 1;
        }
    }
    let top = |doc: &str, fine: &str| -> Option<usize> {
        counts
            .get(&(doc, fine))?
            .iter()
            .max_by_key(|(r, c)| (**c, std::cmp::Reverse(**r)))
            .map(|(r, _)| *r)
    };
    // per description chain: its documents' votes
    let mut votes: HashMap<usize, (HashMap<usize, usize>, std::collections::HashSet<&str>)> =
        HashMap::new();
    let mut seen = std::collections::HashSet::new();
    for i in 0..n {
        // a plural description ("reporters", "fans") is not one named person
        let plural = ms[i].fine == "HUMAN_PART_PER" && ws[i].last().is_some_and(|h| is_plural(h));
        if !usable(i) || plural || named[roots[i]] || !seen.insert((roots[i], ms[i].doc)) {
            continue;
        }
        let v = votes.entry(roots[i]).or_default();
        v.1.insert(ms[i].doc);
        if let Some(t) = top(ms[i].doc, ms[i].fine) {
            *v.0.entry(t).or_default() += 1;
        }
    }
    let mut chains: Vec<_> = votes.into_iter().collect();
    chains.sort_by_key(|c| c.0);
    for (chain, (v, docs)) in chains {
        let best = v.iter().max_by_key(|(r, c)| (**c, std::cmp::Reverse(**r)));
        if let Some((&target, &c)) = best {
            let voted: usize = v.values().sum();
            if 2 * c > docs.len() || (c >= 2 && 2 * c > voted) {
                let (a, b) = (find(parent, chain), find(parent, target));
                parent[a] = b;
            }
        }
    }
}

/// A description the texts write as a title before a name ("rep Jack Ketsoyan", "Coach Jim
/// O'Brien") is that person in the documents of that event: its chain joins the name's chain,
/// when the title stands before one name only.
fn link_titles(
    ms: &[TokenMention],
    ws: &[Vec<String>],
    context: &GroupContext,
    proper_of: &[bool],
    parent: &mut [usize],
) {
    // per document: the names of its person chains as written
    let mut names: HashMap<&str, Vec<(String, usize)>> = HashMap::new();
    let mut texts: HashMap<&str, &TokenMention> = HashMap::new();
    for (i, m) in ms.iter().enumerate() {
        texts.entry(m.doc).or_insert(m);
        if m.coarse == "HUM" && m.fine == "HUMAN_PART_PER" && proper_of[i] {
            let name = core(m.tokens).join(" ");
            if name.len() >= 4 {
                let r = find(parent, i);
                let v = names.entry(m.doc).or_default();
                if !v.iter().any(|(n, _)| *n == name) {
                    v.push((name, r));
                }
            }
        }
    }
    // (group, part, title word) -> chains it stands before
    let mut titled: HashMap<(&str, usize, String), HashMap<usize, usize>> = HashMap::new();
    let mut docs: Vec<_> = names.into_iter().collect();
    docs.sort_by(|a, b| a.0.cmp(b.0));
    for (doc, list) in docs {
        let m = texts[doc];
        for (name, root) in list {
            for (at, _) in m.text.match_indices(name.as_str()) {
                let before = m.text[..at].trim_end_matches(' ');
                if before.len() + 1 != at {
                    continue;
                }
                let word: String = before
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphabetic() || *c == '-')
                    .collect::<String>()
                    .chars()
                    .rev()
                    .collect();
                if word.chars().next().is_some_and(char::is_alphabetic) && word.len() > 2 {
                    *titled
                        .entry((m.group, context.part(m), word.to_lowercase()))
                        .or_default()
                        .entry(root)
                        .or_default() += 1;
                }
            }
        }
    }
    for (i, m) in ms.iter().enumerate() {
        if m.coarse != "HUM" || proper_of[i] || is_pronoun(&ws[i]) {
            continue;
        }
        let Some(head) = ws[i].last() else { continue };
        let Some(v) = titled.get(&(m.group, context.part(m), head.clone())) else {
            continue;
        };
        // one name only: a title written before two people says nothing
        if let [(&r, _)] = v.iter().collect::<Vec<_>>()[..] {
            let (a, b) = (find(parent, i), find(parent, r));
            parent[a] = b;
        }
    }
}

/// Descriptions of people that no name took join the same description in the documents of
/// other events ("police", "pirates").
fn join_unnamed_descriptions(
    ms: &[TokenMention],
    heads: &[Option<String>],
    proper_of: &[bool],
    parent: &mut [usize],
) {
    let n = ms.len();
    let roots: Vec<usize> = (0..n).map(|i| find(parent, i)).collect();
    let mut named = vec![false; n];
    for i in 0..n {
        if proper_of[i] {
            named[roots[i]] = true;
        }
    }
    let mut first: HashMap<(&str, &str, &str), usize> = HashMap::new();
    for i in 0..n {
        if let Some(h) = &heads[i] {
            if !proper_of[i] && !named[roots[i]] && ms[i].coarse == "HUM" {
                let r = *first
                    .entry((ms[i].group, ms[i].coarse, h.as_str()))
                    .or_insert(i);
                let (a, b) = (find(parent, i), find(parent, r));
                parent[a] = b;
            }
        }
    }
}

/// The same words written as a name and in lower case are one thing ("Surgeon General",
/// "surgeon general"): the lower-case chain joins the name's.
fn join_same_words(
    ms: &[TokenMention],
    ws: &[Vec<String>],
    proper_of: &[bool],
    parent: &mut [usize],
) {
    let content = |i: usize| -> String {
        ws[i]
            .iter()
            .filter(|t| !FUNCTION.contains(&t.as_str()))
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut named: HashMap<(&str, &str, String), Vec<usize>> = HashMap::new();
    for (i, m) in ms.iter().enumerate() {
        if proper_of[i] && !ws[i].is_empty() {
            let r = find(parent, i);
            let v = named.entry((m.group, m.coarse, content(i))).or_default();
            if !v.iter().any(|&x| find(parent, x) == r) {
                v.push(r);
            }
        }
    }
    for (i, m) in ms.iter().enumerate() {
        if proper_of[i] || ws[i].is_empty() || is_pronoun(&ws[i]) || m.coarse == "TIM" {
            continue;
        }
        if let Some([only]) = named
            .get(&(m.group, m.coarse, content(i)))
            .map(Vec::as_slice)
        {
            let (a, b) = (find(parent, i), find(parent, *only));
            parent[a] = b;
        }
    }
}

/// A name that is the first words of one longer name of the group joins it ("Promises",
/// "Promises Treatment Center"; "New Orleans", "New Orleans Saints" as a team); when two longer
/// names start with it, neither.
fn join_first_words(
    ms: &[TokenMention],
    ws: &[Vec<String>],
    proper_of: &[bool],
    parent: &mut [usize],
) {
    let content = |i: usize| -> Vec<&str> {
        ws[i]
            .iter()
            .map(String::as_str)
            .skip_while(|t| FUNCTION.contains(t))
            .collect()
    };
    // (group, type, leading words) -> chains of longer names that start with them
    let mut owners: HashMap<(&str, &str, String), Vec<usize>> = HashMap::new();
    for (i, m) in ms.iter().enumerate() {
        let w = content(i);
        if !proper_of[i] || w.len() < 2 {
            continue;
        }
        let r = find(parent, i);
        for k in 1..w.len() {
            let v = owners
                .entry((m.group, m.coarse, w[..k].join(" ")))
                .or_default();
            if !v.iter().any(|&x| find(parent, x) == r) {
                v.push(r);
            }
        }
    }
    for (i, m) in ms.iter().enumerate() {
        let w = content(i);
        if !proper_of[i] || w.is_empty() {
            continue;
        }
        if let Some([only]) = owners
            .get(&(m.group, m.coarse, w.join(" ")))
            .map(Vec::as_slice)
        {
            let (a, b) = (find(parent, i), find(parent, *only));
            parent[a] = b;
        }
    }
}

/// Words that name the day of the report relative to it: in news that is the day of the event.
const RELATIVE_DAYS: [&str; 4] = ["today", "yesterday", "tonight", "overnight"];

/// "today", "yesterday", "last night" join the weekday the documents of their event name most
/// ("Tuesday"): a report's relative day is the event's day, and the weekday is how other reports
/// of the same event write it.
fn join_relative_days(
    ms: &[TokenMention],
    ws: &[Vec<String>],
    context: &GroupContext,
    parent: &mut [usize],
) {
    let day_of = |i: usize| {
        ws[i]
            .iter()
            .find(|t| WEEKDAYS.contains(&t.as_str()))
            .map(String::as_str)
    };
    let mut votes: HashMap<(&str, usize), HashMap<usize, usize>> = HashMap::new();
    for (i, m) in ms.iter().enumerate() {
        if m.coarse == "TIM" && day_of(i).is_some() {
            let r = find(parent, i);
            *votes
                .entry((m.group, context.part(m)))
                .or_default()
                .entry(r)
                .or_default() += 1;
        }
    }
    let top = |v: &HashMap<usize, usize>| {
        v.iter()
            .max_by_key(|(r, c)| (**c, std::cmp::Reverse(**r)))
            .map(|(r, _)| *r)
    };
    for (i, m) in ms.iter().enumerate() {
        let relative = ws[i].iter().any(|t| RELATIVE_DAYS.contains(&t.as_str()))
            || (ws[i].len() == 2 && ws[i][0] == "last" && ws[i][1] == "night");
        if m.coarse != "TIM"
            || !relative
            || day_of(i).is_some()
            || ws[i].len() > 3
            || written_date(m).is_some()
        {
            continue;
        }
        let best = votes.get(&(m.group, context.part(m))).and_then(top);
        if let Some(r) = best {
            let (a, b) = (find(parent, i), find(parent, r));
            parent[a] = b;
        }
    }
}

/// The date a time mention writes anywhere, also past its core ("today (14 October 2011)"):
/// a relative day given with its date is that date, not the day of the event.
fn written_date(m: &TokenMention) -> Option<String> {
    let all: Vec<String> = m.tokens.iter().map(|t| fold(t)).collect();
    month_day(&all)
}

/// Words that place a span of time relative to the report: "last week" is not "this week".
const DEICTIC: [&str; 5] = ["last", "this", "next", "previous", "coming"];

/// A date written with its weekday somewhere ("Tuesday, July 27, 2004") ties the two: the date
/// written alone ("July 27") in the documents of that event joins the weekday's chain.
fn join_dates_to_weekdays(
    ms: &[TokenMention],
    ws: &[Vec<String>],
    context: &GroupContext,
    parent: &mut [usize],
) {
    let weekday = |i: usize| ws[i].iter().any(|t| WEEKDAYS.contains(&t.as_str()));
    let mut both: HashMap<(&str, usize, String), Vec<usize>> = HashMap::new();
    for (i, m) in ms.iter().enumerate() {
        if m.coarse == "TIM" && weekday(i) {
            // the date stands after a comma or in brackets, past the phrase's core
            let all: Vec<String> = m.tokens.iter().map(|t| fold(t)).collect();
            if let Some(date) = month_day(&all) {
                let r = find(parent, i);
                let v = both.entry((m.group, context.part(m), date)).or_default();
                if !v.iter().any(|&x| find(parent, x) == r) {
                    v.push(r);
                }
            }
        }
    }
    for (i, m) in ms.iter().enumerate() {
        if m.coarse != "TIM" || weekday(i) {
            continue;
        }
        let Some(date) = month_day(&ws[i]) else {
            continue;
        };
        // one weekday only: two days written with one date say nothing
        if let Some([only]) = both
            .get(&(m.group, context.part(m), date))
            .map(Vec::as_slice)
        {
            let (a, b) = (find(parent, i), find(parent, *only));
            parent[a] = b;
        }
    }
}

/// "Dec. 6", "December 6th", "6 December" as one key ("dec 6"), "Oct. 2011" as "oct 2011"; None
/// without a month and a day or year.
fn month_day(w: &[String]) -> Option<String> {
    // "Dec.14" written as one token is "Dec." and "14"
    let pieces = || {
        w.iter()
            .flat_map(|t| t.split('.'))
            .filter(|p| !p.is_empty())
    };
    let month = pieces().find_map(|t| {
        dossier_core::calendar::month_of(t)
            .map(|m| &dossier_core::calendar::MONTHS[m as usize - 1][..3])
    })?;
    let number = |range: std::ops::RangeInclusive<u32>| {
        pieces().find_map(|t| {
            let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok().filter(|d| range.contains(d))
        })
    };
    // a month of a year when no day is given ("Oct. 2011")
    match (number(1..=31), number(1800..=2200)) {
        (Some(day), _) => Some(format!("{month} {day}")),
        (None, Some(year)) => Some(format!("{month} {year}")),
        (None, None) => None,
    }
}

/// The numbers a span of time is counted in, written as words.
const NUMBER_WORDS: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];
/// Units of time, singular: "eight years", "8-year" and "eight - year" are one span.
const TIME_UNITS: [&str; 8] = [
    "second", "minute", "hour", "day", "week", "month", "year", "decade",
];

fn number_word(t: &str) -> Option<usize> {
    NUMBER_WORDS.iter().position(|n| *n == t).map(|p| p + 1)
}

/// The key of a mention kept whole (numbers, coordinations): its content words, a time's number
/// words as digits and its units singular, a coordination's members in one order ("Italy and
/// Egypt", "Egypt and Italy").
fn whole_key(w: &[String], time: bool) -> String {
    let mut parts: Vec<String> = w
        .iter()
        .filter(|t| !FUNCTION.contains(&t.as_str()))
        .flat_map(|t| t.split('-').filter(|p| !p.is_empty()))
        .map(|t| {
            if !time {
                return t.to_string();
            }
            if let Some(n) = number_word(t) {
                return n.to_string();
            }
            match t.strip_suffix('s') {
                Some(unit) if TIME_UNITS.contains(&unit) => unit.to_string(),
                _ => t.to_string(),
            }
        })
        .collect();
    if parts.iter().any(|t| t == "and") {
        parts.retain(|t| t != "and");
        parts.sort();
    }
    parts.join(" ")
}

/// A word that writes a number, a count or a code ("12000", "$2.6", "1970s", "117th", "8-year",
/// "SMW4"), not a number grown into a word ("76ers", "49ers").
fn is_number_token(t: &str) -> bool {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &t[digits..];
    t.bytes().any(|b| b.is_ascii_digit())
        && !(digits > 0 && rest.len() >= 3 && rest.bytes().all(|b| b.is_ascii_lowercase()))
}

/// Edit distance of two short words (insertions, deletions, substitutions), in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diag + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Two names of a group that differ in one word only, by a slip of spelling ("Duncan Rait",
/// "Duncan Raite"; "Gulf of Aden", "Gulf of Eden"; "Turkmenistan", "Turkmenstan"), are one
/// name: one edit in a word of 4 to 7 letters, two in a longer one. Names are blocked by their
/// other words (the differing word left out), and a one-word name by its first and last letter.
fn join_near_spellings(
    ms: &[TokenMention],
    ws: &[Vec<String>],
    proper_of: &[bool],
    parent: &mut [usize],
) {
    // (group, type, the name with one word left out) -> (that word, chain)
    type Spellings<'a> = HashMap<(&'a str, &'a str, String), Vec<(String, usize)>>;
    let mut index: Spellings = HashMap::new();
    let mut joins: Vec<(usize, usize)> = Vec::new();
    for (i, m) in ms.iter().enumerate() {
        if !proper_of[i] || m.coarse == "TIM" {
            continue;
        }
        let w: Vec<&str> = ws[i]
            .iter()
            .map(String::as_str)
            .skip_while(|t| FUNCTION.contains(t))
            .collect();
        if w.is_empty() || w.iter().any(|t| is_number_token(t)) {
            continue;
        }
        let r = find(parent, i);
        for k in 0..w.len() {
            let word = w[k];
            if word.chars().count() < 4 {
                continue;
            }
            let key = if w.len() == 1 {
                let (first, last) = (word.chars().next(), word.chars().last());
                format!("{first:?}*{last:?}")
            } else {
                let mut rest: Vec<&str> = w.clone();
                rest[k] = "*";
                rest.join(" ")
            };
            let bucket = index.entry((m.group, m.coarse, key)).or_default();
            for (other, chain) in bucket.iter() {
                let len = word.chars().count().max(other.chars().count());
                let allowed = if len >= 8 { 2 } else { 1 };
                let d = edit_distance(word, other);
                if d > 0 && d <= allowed {
                    joins.push((r, *chain));
                }
            }
            if !bucket.iter().any(|(o, c)| o == word && *c == r) {
                bucket.push((word.to_string(), r));
            }
        }
    }
    for (a, b) in joins {
        let (a, b) = (find(parent, a), find(parent, b));
        parent[a] = b;
    }
}

/// Where chains of one head meet: the group (topic), the event part (descriptions of people
/// and times), the coarse type and the head word.
type RepKey<'a> = (&'a str, usize, &'a str, String);

/// A cluster index per mention.
pub fn cluster_mentions(ms: &[TokenMention]) -> Vec<usize> {
    let n = ms.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let ws: Vec<Vec<String>> = ms.iter().map(words).collect();
    let event = |m: &TokenMention| m.coarse == "ACT" || m.coarse == "NEG";
    let context = GroupContext::new(ms);
    // per key, the chains formed so far: the modifiers of their longest name and a member
    let mut rep: HashMap<RepKey, Vec<(Vec<String>, usize)>> = HashMap::new();
    let mut heads: Vec<Option<String>> = vec![None; n];
    let mut proper_of = vec![false; n];
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(ws[i].len()));
    for i in order {
        let m = &ms[i];
        let w = &ws[i];
        if event(m) || w.is_empty() || is_pronoun(w) {
            continue;
        }
        let counted = m.coarse == "TIM" && w.iter().any(|t| number_word(t).is_some());
        let whole = counted || w.iter().any(|t| is_number_token(t)) || w.iter().any(|t| t == "and");
        // a list of places cut at its first comma ("Europe, the Middle East and Asia") is the
        // list, not its first member
        let listed = !whole
            && m.coarse == "LOC"
            && m.tokens.iter().any(|t| t == ",")
            && m.tokens.iter().any(|t| t.eq_ignore_ascii_case("and"));
        let count = (w.len() == 1).then(|| number_word(&w[0])).flatten();
        let weekday = (m.coarse == "TIM")
            .then(|| w.iter().find(|t| WEEKDAYS.contains(&t.as_str())))
            .flatten();
        let head = if let Some(day) = weekday {
            day.clone()
        } else if let Some(date) = (m.coarse == "TIM")
            .then(|| month_day(w).or_else(|| written_date(m)))
            .flatten()
        {
            date
        } else if whole {
            whole_key(w, m.coarse == "TIM")
        } else if listed {
            let all: Vec<String> = m
                .tokens
                .iter()
                .filter(|t| t.chars().any(char::is_alphanumeric))
                .map(|t| fold(t))
                .collect();
            whole_key(&all, false)
        } else if let Some(n) = count {
            // a count standing for what it counts ("Ten were hurt", "10 were hurt")
            n.to_string()
        } else {
            w[w.len() - 1].clone()
        };
        // "Ten" opening a sentence is no name
        let proper = m.coarse != "TIM" && count.is_none() && context.is_proper(m);
        heads[i] = Some(head.clone());
        proper_of[i] = proper;
        // descriptions of people first meet only within documents of one event, so that "the
        // actress" of one event and of another can each take their own name below
        let part = if proper || !(m.coarse == "HUM" || m.coarse == "TIM") {
            usize::MAX
        } else {
            context.part(m)
        };
        // two names with one head but other words that disagree ("Betty Ford Center",
        // "Promises Treatment Center") are two things
        let modifiers: Vec<String> = if proper && !whole {
            // capitalised words only: "central Paris" and "defensive tackle Jamal Williams" agree
            let caps: Vec<&str> = core(m.tokens)
                .iter()
                .filter(|t| {
                    t.chars()
                        .find(|c| c.is_alphabetic())
                        .is_some_and(char::is_uppercase)
                })
                .map(String::as_str)
                .collect();
            let mut name = Name::parse(&glued_apart(&caps.join(" ")), NameKind::Other);
            while name.tokens.len() > 1
                && name
                    .tokens
                    .last()
                    .is_some_and(|t| SUFFIXES.contains(&t.as_str()))
            {
                name.tokens.pop();
            }
            name.tokens[..name.tokens.len().saturating_sub(1)]
                .iter()
                .filter(|t| !FUNCTION.contains(&t.as_str()))
                .cloned()
                .collect()
        } else if m.coarse == "TIM" && !whole {
            w.iter()
                .filter(|t| DEICTIC.contains(&t.as_str()))
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        // a team or a people is written in the plural and the singular ("Colts", "Colt")
        let key = match head.strip_suffix('s') {
            Some(stem) if proper && !whole && stem.len() >= 4 && !stem.ends_with('s') => {
                stem.to_string()
            }
            _ => head,
        };
        let chains = rep.entry((m.group, part, m.coarse, key)).or_default();
        match chains
            .iter()
            .find(|c| modifiers_agree(&modifiers, &c.0) || modifiers_agree(&c.0, &modifiers))
        {
            Some(&(_, r)) => {
                let (a, b) = (find(&mut parent, i), find(&mut parent, r));
                parent[a] = b;
            }
            None => chains.push((modifiers, i)),
        }
    }
    join_relative_days(ms, &ws, &context, &mut parent);
    join_dates_to_weekdays(ms, &ws, &context, &mut parent);
    join_same_words(ms, &ws, &proper_of, &mut parent);
    join_first_words(ms, &ws, &proper_of, &mut parent);
    join_near_spellings(ms, &ws, &proper_of, &mut parent);
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
    link_titles(ms, &ws, &context, &proper_of, &mut parent);
    link_descriptions(ms, &ws, &proper_of, &mut parent);
    join_unnamed_descriptions(ms, &heads, &proper_of, &mut parent);
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
            // "we", "I", "you" are the speakers and the addressed: they continue one another
            // in the document, never a name written before them
            let speaker = |j: usize| {
                ws[j]
                    .last()
                    .and_then(|t| SPEAKERS.iter().position(|p| p.contains(&t.as_str())))
            };
            if let Some(person) = speaker(i) {
                let prev = list[..x]
                    .iter()
                    .rev()
                    .copied()
                    .find(|&j| ms[j].coarse == m.coarse && speaker(j) == Some(person));
                if let Some(j) = prev {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    parent[a] = b;
                }
                continue;
            }
            let personal = ws[i].last().is_some_and(|t| PERSONAL.contains(&t.as_str()));
            let pronoun = ws[i].last().map_or("", String::as_str);
            let fits = |j: usize| {
                let a = &ms[j];
                !is_pronoun(&ws[j])
                    && !ws[j].is_empty()
                    && a.coarse == m.coarse
                    && (!personal || a.fine == "HUMAN_PART_PER")
                    // "it" is not a person; "they" is not one named person
                    && !(a.fine == "HUMAN_PART_PER"
                        && (NEUTER.contains(&pronoun)
                            || (PLURAL_PERSONAL.contains(&pronoun) && proper_of[j])))
                    && agrees(pronoun, &ws[j], proper_of[j] || a.fine != "HUMAN_PART_PER")
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
            // a personal pronoun takes the name nearby before a description nearby
            let nearest = || {
                let near = || {
                    list[..x]
                        .iter()
                        .rev()
                        .copied()
                        .take_while(|&j| m.sent - ms[j].sent <= 1)
                        .filter(|&j| fits(j))
                };
                near()
                    .find(|&j| personal && proper_of[j])
                    .or_else(|| near().next())
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
                            && ws[j].last().is_some_and(|t| {
                                PERSONAL.contains(&t.as_str()) == personal
                                    && pronoun_class(t) == pronoun_class(pronoun)
                            })
                    })
            };
            // with nothing near (the sentences between were not given), the one the document
            // names most that fits
            let dominant = || {
                let mut count: HashMap<usize, (usize, usize)> = HashMap::new();
                for &j in &list {
                    if fits(j) {
                        let e = count.entry(find(&mut parent, j)).or_insert((0, j));
                        e.0 += 1;
                    }
                }
                count
                    .into_values()
                    .max_by_key(|&(c, j)| (c, std::cmp::Reverse(j)))
                    .map(|(_, j)| j)
            };
            let ant = subject
                .or_else(nearest)
                .or_else(previous_pronoun)
                .or_else(dominant);
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
            text: "",
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

    #[test]
    fn descriptions_take_the_name_of_their_event() {
        let t = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        let toks = [
            t("Dana Korr"),
            t("the actress"),
            t("Lia Venn"),
            t("the actress"),
            t("Betty Ford Center"),
            t("Promises Treatment Center"),
        ];
        let a = "Dana Korr checked into Promises Treatment Center in Malibu. The actress is fine.";
        let b = "Lia Venn went to the Betty Ford Center in Palm Springs. The actress is fine.";
        let m = |i: usize,
                 doc: &'static str,
                 text: &'static str,
                 coarse: &'static str,
                 fine: &'static str| {
            TokenMention {
                doc,
                group: "1",
                sent: i as i64,
                first_token: 0,
                tokens: &toks[i],
                coarse,
                fine,
                text,
            }
        };
        let ms = vec![
            m(0, "a", a, "HUM", "HUMAN_PART_PER"),
            m(1, "a", a, "HUM", "HUMAN_PART_PER"),
            m(2, "b", b, "HUM", "HUMAN_PART_PER"),
            m(3, "b", b, "HUM", "HUMAN_PART_PER"),
            m(4, "b", b, "LOC", "LOC_FAC"),
            m(5, "a", a, "LOC", "LOC_FAC"),
        ];
        let c = cluster_mentions(&ms);
        assert_eq!(c[0], c[1], "the actress of document a is Dana Korr");
        assert_eq!(c[2], c[3], "the actress of document b is Lia Venn");
        assert_ne!(c[1], c[3]);
        assert_ne!(c[4], c[5], "two centres with different names");
    }

    fn mention<'a>(
        tokens: &'a [String],
        doc: &'a str,
        sent: i64,
        coarse: &'a str,
        fine: &'a str,
        text: &'a str,
    ) -> TokenMention<'a> {
        TokenMention {
            doc,
            group: "1",
            sent,
            first_token: 0,
            tokens,
            coarse,
            fine,
            text,
        }
    }

    fn toks(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn relative_days_take_the_weekday_of_their_event() {
        let t = [toks("on Tuesday"), toks("yesterday"), toks("today")];
        let a = "Thieves robbed the Harry Winston store in Paris on Tuesday.";
        let b = "Thieves robbed the Harry Winston store in Paris yesterday.";
        let ms = vec![
            mention(&t[0], "a", 0, "TIM", "TIME_DATE", a),
            mention(&t[1], "b", 0, "TIM", "TIME_DATE", b),
            mention(&t[2], "b", 3, "TIM", "TIME_DATE", b),
        ];
        let c = cluster_mentions(&ms);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[0], c[2]);
    }

    #[test]
    fn a_first_word_names_its_one_longer_name() {
        let t = [
            toks("the Promises Treatment Center"),
            toks("Promises"),
            toks("New York"),
            toks("New Jersey"),
            toks("New"),
        ];
        let text = "She went to Promises Treatment Center. Promises is in Malibu.";
        let ms = vec![
            mention(&t[0], "a", 0, "LOC", "LOC_FAC", text),
            mention(&t[1], "b", 0, "LOC", "LOC_FAC", text),
            mention(&t[2], "a", 1, "LOC", "LOC_GEO", text),
            mention(&t[3], "a", 2, "LOC", "LOC_GEO", text),
            mention(&t[4], "b", 1, "LOC", "LOC_GEO", text),
        ];
        let c = cluster_mentions(&ms);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[4], c[2], "two longer names could claim it");
        assert_ne!(c[4], c[3]);
    }

    #[test]
    fn leading_words_name_their_one_longer_name() {
        let t = [
            toks("New Orleans Saints"),
            toks("New Orleans"),
            toks("the Mediterranean Sea"),
            toks("the Mediterranean"),
        ];
        let text = "The New Orleans Saints won. New Orleans played well in the Mediterranean Sea.";
        let ms = vec![
            mention(&t[0], "a", 0, "HUM", "HUMAN_PART_ORG", text),
            mention(&t[1], "b", 0, "HUM", "HUMAN_PART_ORG", text),
            mention(&t[2], "a", 1, "LOC", "LOC_GEO", text),
            mention(&t[3], "b", 1, "LOC", "LOC_GEO", text),
        ];
        let c = cluster_mentions(&ms);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[2], c[3]);
        assert_ne!(c[0], c[2]);
    }

    #[test]
    fn spans_and_coordinations_one_key() {
        let w = |s: &str| toks(s).iter().map(|t| fold(t)).collect::<Vec<_>>();
        assert_eq!(whole_key(&w("eight years"), true), "8 year");
        assert_eq!(whole_key(&w("8-year"), true), "8 year");
        assert_eq!(whole_key(&w("eight - year"), true), "8 year");
        assert_eq!(
            whole_key(&w("between Italy and Egypt"), false),
            whole_key(&w("between Egypt and Italy"), false)
        );
        assert_ne!(whole_key(&w("two defenders"), false), "2 defenders");
    }

    #[test]
    fn a_title_glued_by_its_dot_comes_apart() {
        assert_eq!(glued_apart("Gov.Sarah Palin"), "Gov. Sarah Palin");
        assert_eq!(glued_apart("U.S. Marshals"), "U.S. Marshals");
        assert_eq!(glued_apart("W. Mark Felt"), "W. Mark Felt");
        assert_eq!(glued_apart(""), "");
        let t = [
            toks("Sarah Palin"),
            toks("Gov.Sarah Palin"),
            toks("W. Mark Felt Sr."),
            toks("Mark Felt"),
        ];
        let text = "Sarah Palin spoke. W. Mark Felt died.";
        let ms = vec![
            mention(&t[0], "a", 0, "HUM", "HUMAN_PART_PER", text),
            mention(&t[1], "b", 0, "HUM", "HUMAN_PART_PER", text),
            mention(&t[2], "a", 1, "HUM", "HUMAN_PART_PER", text),
            mention(&t[3], "b", 1, "HUM", "HUMAN_PART_PER", text),
        ];
        let c = cluster_mentions(&ms);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[2], c[3]);
        assert_ne!(c[0], c[2]);
    }

    #[test]
    fn pronouns_agree_in_number_and_sex() {
        let t = [
            toks("the woman"),
            toks("the authorities"),
            toks("he"),
            toks("the boss"),
            toks("they"),
        ];
        let text = "The woman was shot. The authorities said he fled. The boss said they left.";
        let ms = vec![
            mention(&t[0], "a", 0, "HUM", "HUMAN_PART_PER", text),
            mention(&t[1], "a", 1, "HUM", "HUMAN_PART_PER", text),
            mention(&t[2], "a", 1, "HUM", "HUMAN_PART_PER", text),
            mention(&t[3], "a", 2, "HUM", "HUMAN_PART_PER", text),
            mention(&t[4], "a", 2, "HUM", "HUMAN_PART_PER", text),
        ];
        let c = cluster_mentions(&ms);
        assert_ne!(c[2], c[1], "he is not the authorities");
        assert_ne!(c[2], c[0], "he is not the woman");
        assert_ne!(c[4], c[3], "they are not the boss");
        assert_eq!(c[4], c[1], "they are the authorities");
        assert!(agrees("they", &toks("team"), true));
        assert!(agrees("she", &toks("tara reid"), true));
    }

    #[test]
    fn a_date_meets_its_weekday_and_a_list_stays_whole() {
        let t = [
            toks("Tuesday , July 27 , 2004"),
            toks("July 27"),
            toks("between Europe , the Middle East and Asia"),
            toks("Europe"),
        ];
        let text = "He died on Tuesday, July 27, 2004. The cable runs between Europe and Asia.";
        let ms = vec![
            mention(&t[0], "a", 0, "TIM", "TIME_DATE", text),
            mention(&t[1], "b", 0, "TIM", "TIME_DATE", text),
            mention(&t[2], "a", 1, "LOC", "LOC_GEO", text),
            mention(&t[3], "b", 1, "LOC", "LOC_GEO", text),
        ];
        let c = cluster_mentions(&ms);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[2], c[3]);
    }

    #[test]
    fn possessives_and_contractions() {
        let t = [
            toks("Chargers"),
            toks("Chargers'"),
            toks("Yvonne Hiller"),
            toks("she'd"),
        ];
        let text = "The Chargers won. Yvonne Hiller said she'd stay.";
        let ms = vec![
            mention(&t[0], "a", 0, "HUM", "HUMAN_PART_ORG", text),
            mention(&t[1], "b", 0, "HUM", "HUMAN_PART_ORG", text),
            mention(&t[2], "a", 1, "HUM", "HUMAN_PART_PER", text),
            mention(&t[3], "a", 1, "HUM", "HUMAN_PART_PER", text),
        ];
        let c = cluster_mentions(&ms);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[2], c[3]);
    }

    #[test]
    fn a_relative_day_given_with_its_date_is_that_date() {
        let t = [
            toks("on Saturday 8 October 2011"),
            toks("today ( 14 October 2011 )"),
            toks("today ( 20 October 2011 )"),
            toks("Oct. 14"),
        ];
        let text = "The cable was cut on Saturday 8 October 2011. Service returned today.";
        let ms = vec![
            mention(&t[0], "a", 0, "TIM", "TIME_DATE", text),
            mention(&t[1], "b", 0, "TIM", "TIME_DATE", text),
            mention(&t[2], "c", 0, "TIM", "TIME_DATE", text),
            mention(&t[3], "d", 0, "TIM", "TIME_DATE", text),
        ];
        let c = cluster_mentions(&ms);
        assert_ne!(c[1], c[0], "not the weekday of the event");
        assert_ne!(c[1], c[2], "two todays of two dates");
        assert_eq!(c[1], c[3]);
    }

    #[test]
    fn last_week_is_not_this_week() {
        let t = [
            toks("last week"),
            toks("earlier this week"),
            toks("this week"),
            toks("week"),
        ];
        let text = "The patch came out last week.";
        let ms = vec![
            mention(&t[0], "a", 0, "TIM", "TIME_DATE", text),
            mention(&t[1], "b", 0, "TIM", "TIME_DATE", text),
            mention(&t[2], "c", 0, "TIM", "TIME_DATE", text),
            mention(&t[3], "d", 0, "TIM", "TIME_DATE", text),
        ];
        let c = cluster_mentions(&ms);
        assert_ne!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert!(
            c[3] == c[0] || c[3] == c[1],
            "a bare week takes one of them"
        );
    }

    #[test]
    fn a_count_in_words_or_digits_is_one_count() {
        let t = [toks("Ten"), toks("10"), toks("two")];
        let text = "Ten were hurt. 10 were taken to hospital, two died.";
        let ms = vec![
            mention(&t[0], "a", 0, "HUM", "HUMAN_PART_PER", text),
            mention(&t[1], "b", 0, "HUM", "HUMAN_PART_PER", text),
            mention(&t[2], "b", 0, "HUM", "HUMAN_PART_PER", text),
        ];
        let c = cluster_mentions(&ms);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[0], c[2]);
    }

    #[test]
    fn dates_meet_however_written() {
        let w = |s: &str| toks(s).iter().map(|t| fold(t)).collect::<Vec<_>>();
        assert_eq!(month_day(&w("Dec. 6")), Some("dec 6".into()));
        assert_eq!(month_day(&w("on December 6th")), Some("dec 6".into()));
        assert_eq!(month_day(&w("8 decades")), None);
        assert_eq!(month_day(&w("Dec.14")), Some("dec 14".into()));
        assert_eq!(month_day(&w("in 2011")), None);
        assert_eq!(
            month_day(&w("in Oct. 2011")),
            month_day(&w("in October 2011"))
        );
    }

    #[test]
    fn a_team_in_the_singular_is_the_team() {
        let t = [toks("Indianapolis Colts"), toks("Colt"), toks("Colts")];
        let text = "The Indianapolis Colts won. A Colt said the Colts played well.";
        let ms = vec![
            mention(&t[0], "a", 0, "HUM", "HUMAN_PART_ORG", text),
            mention(&t[1], "b", 0, "HUM", "HUMAN_PART_ORG", text),
            mention(&t[2], "b", 1, "HUM", "HUMAN_PART_ORG", text),
        ];
        let c = cluster_mentions(&ms);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[0], c[2]);
    }

    #[test]
    fn a_pronoun_far_from_any_name_takes_the_one_named_most() {
        let t = [
            toks("Tara Reid"),
            toks("Reid"),
            toks("Jack Ketsoyan"),
            toks("herself"),
        ];
        let text = "Tara Reid checked in. Reid is fine. Jack Ketsoyan said so.";
        let ms = vec![
            mention(&t[0], "a", 0, "HUM", "HUMAN_PART_PER", text),
            mention(&t[1], "a", 1, "HUM", "HUMAN_PART_PER", text),
            mention(&t[2], "a", 2, "HUM", "HUMAN_PART_PER", text),
            mention(&t[3], "a", 9, "HUM", "HUMAN_PART_PER", text),
        ];
        let c = cluster_mentions(&ms);
        assert_eq!(c[3], c[0]);
        assert_ne!(c[3], c[2]);
    }

    #[test]
    fn a_title_written_before_a_name_is_that_person() {
        let t = [
            toks("Tara Reid"),
            toks("Jack Ketsoyan"),
            toks("rep"),
            toks("Reid"),
            toks("rep"),
        ];
        let a = "Tara Reid checked in, her rep Jack Ketsoyan said.";
        let b = "Actress Tara Reid is in rehab, her rep told the magazine. Reid is fine.";
        let ms = vec![
            mention(&t[0], "a", 0, "HUM", "HUMAN_PART_PER", a),
            mention(&t[1], "a", 0, "HUM", "HUMAN_PART_PER", a),
            mention(&t[2], "a", 0, "HUM", "HUMAN_PART_PER", a),
            mention(&t[3], "b", 0, "HUM", "HUMAN_PART_PER", b),
            mention(&t[4], "b", 0, "HUM", "HUMAN_PART_PER", b),
        ];
        let c = cluster_mentions(&ms);
        assert_eq!(c[2], c[1], "the rep is Ketsoyan");
        assert_eq!(c[4], c[1], "in the other report of the event too");
        assert_ne!(c[4], c[3], "not the person named most");
    }

    #[test]
    fn it_is_no_person_and_they_no_one_named_person() {
        let t = [
            toks("North Carolina"),
            toks("Tyler Hansbrough"),
            toks("its"),
            toks("the Saints"),
            toks("Reggie Bush"),
            toks("they"),
        ];
        let text = "North Carolina waited for Tyler Hansbrough, then won its game. The Saints \
                    placed Reggie Bush on reserve; they were out.";
        let ms = vec![
            mention(&t[0], "a", 0, "HUM", "HUMAN_PART_ORG", text),
            mention(&t[1], "a", 0, "HUM", "HUMAN_PART_PER", text),
            mention(&t[2], "a", 0, "HUM", "HUMAN_PART_ORG", text),
            mention(&t[3], "a", 1, "HUM", "HUMAN_PART_ORG", text),
            mention(&t[4], "a", 1, "HUM", "HUMAN_PART_PER", text),
            mention(&t[5], "a", 1, "HUM", "HUMAN_PART_ORG", text),
        ];
        let c = cluster_mentions(&ms);
        assert_eq!(c[2], c[0], "its: the team, not the player");
        assert_eq!(c[5], c[3], "they: the team, not the one named player");
        assert!(!agrees("it", &toks("customers"), false));
    }

    #[test]
    fn speakers_continue_one_another_not_a_name() {
        let t = [toks("Jack Ketsoyan"), toks("We"), toks("our")];
        let text = "Jack Ketsoyan spoke. We ask for privacy for our client.";
        let ms = vec![
            mention(&t[0], "a", 0, "HUM", "HUMAN_PART_PER", text),
            mention(&t[1], "a", 1, "HUM", "HUMAN_PART_PER", text),
            mention(&t[2], "a", 1, "HUM", "HUMAN_PART_PER", text),
        ];
        let c = cluster_mentions(&ms);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[0], c[1]);
    }

    #[test]
    fn near_spellings_of_one_name_meet() {
        assert_eq!(edit_distance("rait", "raite"), 1);
        assert_eq!(edit_distance("turkmenistan", "turkmenstan"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        let t = [
            toks("Duncan Rait"),
            toks("Duncan Raite"),
            toks("Mark Vinar"),
            toks("Miles Vinar"),
            toks("the Gulf of Aden"),
            toks("Gulf of Eden"),
        ];
        let text = "Duncan Rait and Mark Vinar met Miles Vinar in the Gulf of Aden.";
        let ms = vec![
            mention(&t[0], "a", 0, "HUM", "HUMAN_PART_PER", text),
            mention(&t[1], "b", 0, "HUM", "HUMAN_PART_PER", text),
            mention(&t[2], "a", 1, "HUM", "HUMAN_PART_PER", text),
            mention(&t[3], "b", 1, "HUM", "HUMAN_PART_PER", text),
            mention(&t[4], "a", 2, "LOC", "LOC_GEO", text),
            mention(&t[5], "b", 2, "LOC", "LOC_GEO", text),
        ];
        let c = cluster_mentions(&ms);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[2], c[3], "two first names, two people");
        assert_eq!(c[4], c[5]);
    }

    #[test]
    fn numbers_codes_and_names_with_digits() {
        for n in ["12000", "$2.6", "1970s", "117th", "8-year", "SMW4", "2m"] {
            assert!(is_number_token(n), "{n}");
        }
        for n in ["76ers", "Sixers", ""] {
            assert!(!is_number_token(n), "{n}");
        }
        let t = [toks("the Philadelphia 76ers"), toks("the 76ers")];
        let text = "The Philadelphia 76ers won. The 76ers played.";
        let ms = vec![
            mention(&t[0], "a", 0, "HUM", "HUMAN_PART_ORG", text),
            mention(&t[1], "b", 0, "HUM", "HUMAN_PART_ORG", text),
        ];
        let c = cluster_mentions(&ms);
        assert_eq!(c[0], c[1]);
    }

    #[test]
    fn the_pair_model_learns_and_joins() {
        let t = [toks("Ana Pell"), toks("Ana Pell"), toks("Bo Krane")];
        let text = "Ana Pell met Bo Krane.";
        let ms = vec![
            mention(&t[0], "a", 0, "HUM", "HUMAN_PART_PER", text),
            mention(&t[1], "b", 0, "HUM", "HUMAN_PART_PER", text),
            mention(&t[2], "b", 1, "HUM", "HUMAN_PART_PER", text),
        ];
        // each mention its own chain: the pairs to learn from
        let alone = [0, 1, 2];
        let (xs, ys) = examples(&ms, &alone, &["p", "p", "q"]);
        assert_eq!(xs.len(), ys.len());
        assert!(ys.iter().any(|y| *y) && ys.iter().any(|y| !*y));
        let model = PairModel::fit(&xs, &ys, 1e-3, 300);
        let c = merge(&ms, &alone, &model);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[0], c[2]);
        assert!(merge(&[], &[], &model).is_empty());
    }

    #[test]
    fn noun_phrase_core() {
        let t = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(
            core(&t("in Pagliarelli prison in Palermo")),
            &t("Pagliarelli prison")[..]
        );
        assert_eq!(core(&t("the Gulf of Aden")), &t("the Gulf of Aden")[..]);
        assert_eq!(
            core(&t("Surgeon General of the United States")),
            &t("Surgeon General")[..]
        );
        assert_eq!(core(&t("in")), &t("in")[..]);
        assert!(core(&[]).is_empty());
    }
}
