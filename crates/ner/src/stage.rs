//! The pipeline stage: tags each sentence of a document and fills `mentions` and `roles`.

use std::collections::HashSet;
use std::sync::OnceLock;

use dossier_core::{Document, EntityType, Layers, Mention, Role, Span, Stage, StageError};

use crate::features::normalise_lower;
use crate::model::ModelError;
use crate::people;
use crate::reader::{self, Name};
use crate::tagger::Tagger;

/// Fills `doc.mentions` (byte spans, type, score) and `doc.roles` (titles next to person names).
pub struct NerStage {
    tagger: &'static Tagger,
}

impl NerStage {
    /// The stage with the model compiled into the binary.
    pub fn new() -> Result<NerStage, ModelError> {
        Ok(NerStage {
            tagger: Tagger::embedded()?,
        })
    }

    /// The stage with another model (kept for the life of the process).
    pub fn with_tagger(tagger: &'static Tagger) -> NerStage {
        NerStage { tagger }
    }
}

impl Stage for NerStage {
    fn name(&self) -> &'static str {
        "ner"
    }
    fn requires(&self) -> Layers {
        Layers::TOKENS | Layers::SENTENCES
    }
    fn produces(&self) -> Layers {
        Layers::MENTIONS | Layers::ROLES
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let (mentions, roles) = annotate(self.tagger, doc);
        doc.mentions = mentions;
        doc.roles = roles;
        doc.layers |= Layers::MENTIONS | Layers::ROLES;
        Ok(())
    }
}

/// Byte length of the part of a token that names something: "US" in "US-led", "Taliban" in
/// "Taliban-appointed" (a capitalised head before a hyphen and a lower-case tail), "Taliban"
/// in "Taliban’s" when the tokenizer left the clitic on. The whole token otherwise.
fn name_part(tok: &str) -> usize {
    for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(head) = tok.strip_suffix(suffix) {
            if head.chars().next().is_some_and(char::is_uppercase) && head.len() > 1 {
                return head.len();
            }
        }
    }
    if let Some(i) = tok.rfind('-') {
        let (head, tail) = (&tok[..i], &tok[i + 1..]);
        let head_cap = head.chars().next().is_some_and(char::is_uppercase);
        let tail_lower = !tail.is_empty() && tail.chars().all(|c| c.is_lowercase());
        if head_cap && tail_lower && !head.contains('-') {
            return head.len();
        }
    }
    tok.len()
}

/// Lower-case words that never stand inside a name: the tagger now and then runs a company's
/// name over its verb into the next name ("Procter and Gamble said Grey will ...").
const NEVER_IN_NAME: &[&str] = &[
    "said", "says", "say", "told", "tells", "added", "adds", "will", "would", "was", "were", "is",
    "are", "has", "have", "had",
];

/// Pushes `n`, cut at the words that are never inside a name into the capitalised parts around
/// them.
fn push_split(out: &mut Vec<Name>, n: Name, words: &[&str]) {
    let mut start = n.start;
    for i in n.start..=n.end {
        if i < n.end && !NEVER_IN_NAME.contains(&words[i]) {
            continue;
        }
        let capitalised = words
            .get(start)
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase));
        if start < i && (capitalised || start == n.start) {
            out.push(Name { start, end: i, ..n });
        }
        start = i + 1;
    }
}

/// The byte ranges (relative to the token) of the names joined by hyphens in a compound such
/// as "US-Taliban", when every part is capitalised and the article also writes each part as a
/// word of its own: then the compound names two things. "Jean-Paul" or "Saint-Germain",
/// whose parts the article does not use alone, stay one word.
fn compound_parts(tok: &str, standalone: &HashSet<&str>) -> Option<Vec<(usize, usize)>> {
    if !tok.contains('-') {
        return None;
    }
    let mut parts = Vec::new();
    let mut at = 0;
    for part in tok.split('-') {
        let capitalised = part.chars().next().is_some_and(char::is_uppercase);
        if part.len() < 2 || !capitalised || !standalone.contains(part) {
            return None;
        }
        parts.push((at, at + part.len()));
        at += part.len() + 1;
    }
    (parts.len() >= 2).then_some(parts)
}

/// Mentions and roles of a segmented document.
pub fn annotate(tagger: &Tagger, doc: &Document) -> (Vec<Mention>, Vec<Role>) {
    let text = doc.text.as_str();
    let tok_span = |i: usize| {
        let t = &doc.tokens[i];
        let (a, b) = (t.span.start as usize, t.span.end as usize);
        if text.get(a..b).is_some() {
            (a, b)
        } else {
            (a.min(text.len()), a.min(text.len()))
        }
    };
    // Words the article writes on their own (the name part of possessives and "-led" forms
    // counts), to tell compounds of two names from names with a hyphen.
    let standalone: HashSet<&str> = (0..doc.tokens.len())
        .map(|i| {
            let (a, b) = tok_span(i);
            &text[a..a + name_part(&text[a..b])]
        })
        .collect();
    // The words the tagger sees, as byte ranges: tokens, with compounds of names split at
    // their hyphens.
    let mut pieces: Vec<Vec<(usize, usize)>> = Vec::with_capacity(doc.sentences.len());
    for s in &doc.sentences {
        let (a, b) = (s.first as usize, (s.last as usize).min(doc.tokens.len()));
        let mut p = Vec::with_capacity(b.saturating_sub(a));
        for i in a.min(b)..b {
            let (x, y) = tok_span(i);
            match compound_parts(&text[x..y], &standalone) {
                Some(parts) => {
                    for (k, &(ps, pe)) in parts.iter().enumerate() {
                        if k > 0 {
                            p.push((x + ps - 1, x + ps));
                        }
                        p.push((x + ps, x + pe));
                    }
                }
                None => p.push((x, y)),
            }
        }
        pieces.push(p);
    }
    // Words as the tagger sees them: the name part of hyphenated compounds and possessives.
    let full: Vec<Vec<&str>> = pieces
        .iter()
        .map(|p| p.iter().map(|&(a, b)| &text[a..b]).collect())
        .collect();
    let sentences: Vec<Vec<&str>> = full
        .iter()
        .map(|ws| ws.iter().map(|w| &w[..name_part(w)]).collect())
        .collect();
    // A word cut to its name part ends any name it is in: "Taliban-ruled Afghanistan" is two.
    let ends: Vec<Vec<bool>> = full
        .iter()
        .map(|ws| ws.iter().map(|w| name_part(w) < w.len()).collect())
        .collect();
    let tagged = tagger.tag_document_with_ends(&sentences, &ends);
    let words = RoleWords::get();
    // Per sentence: its names as word ranges, type and score.
    let mut names: Vec<Vec<Name>> = Vec::with_capacity(tagged.len());
    for (ents, words_of) in tagged.iter().zip(&sentences) {
        let mut sent: Vec<Name> = Vec::with_capacity(ents.len());
        for e in ents {
            let mut start = e.start;
            // A title the tagger swept into a person's name stays out of it, unless it is
            // as likely a given name and the name has no other.
            if e.label == EntityType::PER {
                while start + 1 < e.end && words.is_title_word(words_of[start]) {
                    if words.is_given(words_of[start])
                        && given_name_kept(words, &words_of[start..e.end])
                    {
                        break;
                    }
                    start += 1;
                }
                // The same word left just outside the name joins it on the same terms.
                let free_before = sent.last().is_none_or(|m| m.end < start);
                if start == e.start
                    && start > 0
                    && free_before
                    && words.is_given(words_of[start - 1])
                    && given_name_kept(words, &words_of[start - 1..e.end])
                {
                    start -= 1;
                }
            }
            push_split(
                &mut sent,
                Name {
                    start,
                    end: e.end,
                    label: e.label,
                    score: e.score,
                },
                words_of,
            );
        }
        names.push(sent);
    }
    reader::retype(&mut names, &sentences, &tagger.model().gaz);
    people::people(
        &mut names,
        &sentences,
        &tagger.model().gaz,
        &tagger.model().lower_words,
    );
    if let Some(outlet) = &doc.meta.outlet {
        reader::outlet(&mut names, &sentences, &outlet.value);
    }
    let mut mentions = Vec::new();
    let mut roles = Vec::new();
    // Per sentence: its mentions as word ranges and mention indices.
    let mut by_sentence: Vec<Vec<(usize, usize, usize)>> = Vec::with_capacity(names.len());
    for ((sent, words_of), pcs) in names.iter().zip(&sentences).zip(&pieces) {
        let mut sent_mentions: Vec<(usize, usize, usize)> = Vec::with_capacity(sent.len());
        let dateline = pcs.first().and_then(|&(a, _)| dateline_place(text, a));
        for n in sent {
            let mut first = pcs[n.start].0;
            let end = pcs[n.end - 1].0 + words_of[n.end - 1].len();
            if end <= first {
                continue;
            }
            let mut label = n.label;
            let party = text.get(first..end).map_or(0, party_prefix);
            if party > 0
                && (label == EntityType::LOC
                    || reader::seen(&tagger.model().gaz, &[&text[first + party..end]]) & 4 != 0)
            {
                // the state, whatever the tagger made of the party's letter before it
                first += party;
                label = EntityType::LOC;
            }
            if dateline == Some((first, end)) {
                // "WASHINGTON (AP) — ...": the place a wire story was filed from, whatever the
                // article's people are called.
                label = EntityType::LOC;
            }
            sent_mentions.push((n.start, n.end, mentions.len()));
            mentions.push(Mention {
                span: Span::new(first, end),
                label,
                score: n.score,
            });
        }
        by_sentence.push(sent_mentions);
    }
    employers_of_people(&mut mentions, &by_sentence, &full, text);
    for ((sent_mentions, full_of), pcs) in by_sentence.iter().zip(&full).zip(&pieces) {
        for &(s, e, mi) in sent_mentions {
            if mentions[mi].label != EntityType::PER {
                continue;
            }
            let inside = |i: usize| sent_mentions.iter().any(|&(a, b, _)| a <= i && i < b);
            for (a, b) in find_roles(words, full_of, s, e, &inside) {
                let span = Span::new(pcs[a].0, pcs[b - 1].1);
                roles.push(Role {
                    span,
                    value: normalise_role(span.text(text)),
                    mention: mi as u32,
                });
            }
        }
    }
    (mentions, roles)
}

/// The place of the wire dateline that opens the paragraph at `at` ("WASHINGTON (AP) — ",
/// "IRVINE, Calif., Feb 26 - "), as a byte range, when the dateline has more than its place: an
/// agency in brackets or a comma part. A place alone before a dash may be a run-in heading or a
/// name ("MEHMET OZ — ") and is left to the tagger.
fn dateline_place(text: &str, at: usize) -> Option<(usize, usize)> {
    let before = text.get(..at)?.trim_end_matches([' ', '\t']);
    if !(before.is_empty() || before.ends_with('\n')) {
        return None;
    }
    let rest = &text[at..];
    let line = &rest[..dossier_core::dateline_end(rest)?];
    // The place ends at its first comma, bracket or dash (a hyphen inside a word is no dash:
    // "WILKES-BARRE, Pa.").
    let place = line
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, ',' | '(' | '\u{2013}' | '\u{2014}')
                || (c == '-' && line[..i].ends_with(' '))
        })
        .map_or(line.len(), |(i, _)| i);
    let more = line[place..].starts_with([',', '(']);
    let end = at + line[..place].trim_end().len();
    (more && end > at).then_some((at, end))
}

/// "Al Jazeera's Natasha Ghoneim", "Wire's Karim Dadfar": a name in the possessive right before
/// a person's name is whom that person works for, an organisation, not a person. The tagger
/// sees no difference between "Al Gore" and "Al Jazeera"; this pattern does, and the same
/// name elsewhere in the document takes the same type.
fn employers_of_people(
    mentions: &mut [Mention],
    by_sentence: &[Vec<(usize, usize, usize)>],
    full: &[Vec<&str>],
    text: &str,
) {
    let is_clitic = |w: &str| matches!(w, "'s" | "\u{2019}s" | "'" | "\u{2019}");
    let mut surnames: Vec<&str> = Vec::new();
    for (sent, words) in by_sentence.iter().zip(full) {
        for &(s, e, m) in sent {
            if mentions[m].label == EntityType::PER && e - s >= 2 {
                surnames.push(words[e - 1]);
            }
        }
    }
    let mut employers: Vec<String> = Vec::new();
    for (sent, words) in by_sentence.iter().zip(full) {
        for pair in sent.windows(2) {
            let ((s1, e1, m1), (s2, _, m2)) = (pair[0], pair[1]);
            // not the surname of a person the article names in full: "Jim Bennett" ...
            // "Bennett's Trump beanie" is a thing of his
            if mentions[m1].label != EntityType::PER
                || mentions[m2].label != EntityType::PER
                || (e1 - s1 == 1
                    && surnames.contains(
                        &words[s1]
                            .trim_end_matches("'s")
                            .trim_end_matches("\u{2019}s"),
                    ))
            {
                continue;
            }
            // The clitic is its own token, or still on the last word of the first name.
            let own_token = s2 == e1 + 1 && words.get(e1).is_some_and(|w| is_clitic(w));
            let on_word = s2 == e1
                && words.get(e1 - 1).is_some_and(|w| {
                    ["'s", "\u{2019}s"]
                        .iter()
                        .any(|c| w.len() > c.len() && w.ends_with(c))
                });
            if own_token || on_word {
                mentions[m1].label = EntityType::ORG;
                employers.push(mentions[m1].span.text(text).to_string());
            }
        }
    }
    if employers.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        if m.label == EntityType::PER && employers.iter().any(|e| e == m.span.text(text)) {
            m.label = EntityType::ORG;
        }
    }
}

fn normalise_role(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut buf = String::new();
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        normalise_lower(w, &mut buf);
        out.push_str(&buf);
    }
    out
}

/// Patronymic particles: the word before one is a given name ("Tamim bin Hamad").
const PATRONYMIC: [&str; 6] = ["bin", "ibn", "bint", "ben", "bn", "ibni"];

/// Is `name[0]`, a title that is also a given name, part of the person's name `name`? Yes when
/// it is written as a name, other name words follow, none of them a title, and the word after
/// it is not itself shown to be the given name by a patronymic.
fn given_name_kept(w: &RoleWords, name: &[&str]) -> bool {
    let Some((first, rest)) = name.split_first() else {
        return false;
    };
    let mut chars = first.chars();
    let written_as_name =
        chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase);
    let patronymic_next = rest
        .get(1)
        .is_some_and(|x| PATRONYMIC.contains(&RoleWords::lower(x).as_str()));
    written_as_name
        && !rest.is_empty()
        && !rest.iter().any(|x| w.is_title_word(x))
        && !patronymic_next
}

/// The length of a party's letter before a place ("R-Iowa", "D-Ohio", "I-Vt.": a US
/// lawmaker's party and state), which is no part of the place's name; else 0.
fn party_prefix(name: &str) -> usize {
    let b = name.as_bytes();
    match b {
        [b'R' | b'D' | b'I', b'-', c, ..] if c.is_ascii_uppercase() => 2,
        _ => 0,
    }
}

/// The role word lists (`resources/roles.txt`).
pub struct RoleWords {
    heads: HashSet<String>,
    mods: HashSet<String>,
    given: HashSet<String>,
}

impl RoleWords {
    pub fn get() -> &'static RoleWords {
        static WORDS: OnceLock<RoleWords> = OnceLock::new();
        WORDS.get_or_init(|| {
            let mut r = RoleWords {
                heads: HashSet::new(),
                mods: HashSet::new(),
                given: HashSet::new(),
            };
            for line in include_str!("../resources/roles.txt").lines() {
                let mut it = line.split_whitespace();
                let set = match it.next() {
                    Some("head") => &mut r.heads,
                    Some("mod") => &mut r.mods,
                    Some("given") => &mut r.given,
                    _ => continue,
                };
                set.extend(it.map(str::to_string));
            }
            r
        })
    }

    fn lower(w: &str) -> String {
        let mut s = String::new();
        normalise_lower(w, &mut s);
        s
    }

    pub fn is_head(&self, w: &str) -> bool {
        self.heads.contains(&Self::lower(w))
    }

    pub fn is_mod(&self, w: &str) -> bool {
        let l = Self::lower(w);
        self.mods.contains(&l) || (l.contains('-') && l.ends_with("ed") && l.len() > 4)
    }

    /// A title that is also a common given name ("Amir").
    pub fn is_given(&self, w: &str) -> bool {
        self.given.contains(&Self::lower(w))
    }

    pub fn is_title_word(&self, w: &str) -> bool {
        self.is_head(w) || self.is_mod(w)
    }
}

const DETERMINERS: [&str; 8] = ["the", "a", "an", "its", "his", "her", "their", "our"];
const JOINERS: [&str; 7] = ["of", "for", "the", "and", "on", "to", "at"];

/// Token ranges of the roles of the person at tokens `[s, e)`: the title right before the
/// name ("Foreign Minister ...") and an appositive right after it (", the ... spokesman of ...").
fn find_roles(
    w: &RoleWords,
    words: &[&str],
    s: usize,
    e: usize,
    inside: &dyn Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // A word inside another name can still be part of a title when it is a modifier
    // ("Kabul-appointed", whose "Kabul" is a place).
    let free = |i: usize| !inside(i) || w.is_mod(words[i]);
    // Before: a head word next to the name, then modifiers and heads leftwards.
    if s > 0 && w.is_head(words[s - 1]) && !inside(s - 1) {
        let mut a = s - 1;
        while a > 0 && free(a - 1) && w.is_title_word(words[a - 1]) {
            a -= 1;
        }
        out.push((a, s));
    } else if s >= 2 && words[s - 1] == "," {
        // "foreign minister, Name" and "envoy to Turkey, Name": a title, maybe with its
        // complement, then a comma.
        let mut h = s - 2;
        let mut steps = 0;
        while h > 0 && steps < 6 && !w.is_head(words[h]) {
            let l = RoleWords::lower(words[h]);
            let cap = words[h].chars().next().is_some_and(char::is_uppercase);
            if !(cap || inside(h) || JOINERS.contains(&l.as_str())) {
                break;
            }
            h -= 1;
            steps += 1;
        }
        let complement_ok = h + 1 == s - 1
            || matches!(
                RoleWords::lower(words[h + 1]).as_str(),
                "of" | "for" | "to" | "at" | "in"
            );
        if w.is_head(words[h]) && !inside(h) && complement_ok {
            let mut a = h;
            while a > 0 && free(a - 1) && w.is_title_word(words[a - 1]) {
                a -= 1;
            }
            out.push((a, s - 1));
        }
    }
    // After: ", [determiner | Name 's] modifiers* head [of|for ... capitalised words]".
    if e + 1 < words.len() && matches!(words[e], "," | "(") {
        let mut i = e + 1;
        let lower = |x: &str| RoleWords::lower(x);
        if DETERMINERS.contains(&lower(words[i]).as_str()) {
            i += 1;
            // "the group's deputy spokesman": skip the owner.
            if i + 1 < words.len() && matches!(lower(words[i + 1]).as_str(), "'s" | "'") {
                i += 2;
            }
        } else {
            // "Pakistan's foreign minister": skip a name and its possessive.
            let mut j = i;
            while j < words.len() && inside(j) {
                j += 1;
            }
            if j > i && j < words.len() && matches!(lower(words[j]).as_str(), "'s" | "'") {
                i = j + 1;
            }
        }
        let start = i;
        while i < words.len() && free(i) && w.is_mod(words[i]) && !w.is_head(words[i]) {
            i += 1;
        }
        // The head may be preceded by more modifiers that are also heads ("deputy chief").
        let mut head_end = None;
        while i < words.len() && free(i) && w.is_title_word(words[i]) {
            if w.is_head(words[i]) {
                head_end = Some(i + 1);
            }
            i += 1;
        }
        if let Some(mut end) = head_end {
            // Complement: "of the Ministry of Foreign Affairs", "for Afghanistan".
            if end < words.len()
                && matches!(
                    lower(words[end]).as_str(),
                    "of" | "for" | "to" | "at" | "in"
                )
            {
                let mut j = end + 1;
                let mut last_good = None;
                while j < words.len() && j < end + 10 {
                    let l = lower(words[j]);
                    let cap = words[j].chars().next().is_some_and(char::is_uppercase);
                    if cap || inside(j) || w.is_title_word(words[j]) {
                        last_good = Some(j + 1);
                    } else if !JOINERS.contains(&l.as_str()) {
                        break;
                    }
                    j += 1;
                }
                if let Some(lg) = last_good {
                    end = lg;
                }
            }
            out.push((start, end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verb_inside_a_name_splits_it() {
        let words = [
            "Procter", "and", "Gamble", "said", "Grey", "will", "continue",
        ];
        let name = |start, end| Name {
            start,
            end,
            label: EntityType::ORG,
            score: 0.9,
        };
        let mut out = Vec::new();
        push_split(&mut out, name(0, 5), &words);
        assert_eq!(out, vec![name(0, 3), name(4, 5)]);
        // A name with no such word is kept whole, lower-case joiners and all.
        let mut out = Vec::new();
        push_split(&mut out, name(0, 3), &words);
        assert_eq!(out, vec![name(0, 3)]);
        // Nothing is left of a name that is only the verb.
        let mut out = Vec::new();
        push_split(&mut out, name(3, 4), &words);
        assert!(out.is_empty());
    }

    #[test]
    fn name_parts() {
        assert_eq!(name_part("US-led"), 2);
        assert_eq!(name_part("Taliban-appointed"), 7);
        assert_eq!(name_part("Taliban\u{2019}s"), 7);
        assert_eq!(name_part("Al-Qaeda"), 8);
        assert_eq!(name_part("well-known"), 10);
        assert_eq!(name_part("'s"), 2);
        assert_eq!(name_part(""), 0);
    }

    #[test]
    fn ambiguous_title_kept_as_given_name() {
        let w = RoleWords::get();
        let kept = |s: &str| given_name_kept(w, &s.split(' ').collect::<Vec<_>>());
        assert!(kept("Amir Karim Dadfarzai"));
        assert!(kept("Amir Dadfarzai"));
        assert!(!kept("Amir Sheikh Karim Dadfarzai"));
        assert!(!kept("Amir Karim bin Dadfarzai"));
        assert!(!kept("AMIR KARIM"));
        assert!(!kept("Amir"));
    }

    #[test]
    fn party_letter_is_no_part_of_a_place() {
        assert_eq!(party_prefix("R-Iowa"), 2);
        assert_eq!(party_prefix("I-Vt."), 2);
        assert_eq!(party_prefix("Iowa"), 0);
        assert_eq!(party_prefix("T-Mobile"), 0);
        assert_eq!(party_prefix("D-"), 0);
    }

    #[test]
    fn dateline_place_is_the_first_part() {
        let t = "Headline\n\nWASHINGTON (AP) \u{2014} Kerry Washington said.";
        let at = t.find("WASH").unwrap();
        assert_eq!(dateline_place(t, at), Some((at, at + 10)));
        let t = "WILKES-BARRE, Pa., Feb 26 - The mayor spoke.";
        assert_eq!(dateline_place(t, 0), Some((0, 12)));
        // A place alone before a dash, a dateline inside a paragraph, and no dateline at all.
        assert_eq!(
            dateline_place("MEHMET OZ \u{2014} The doctor spoke.", 0),
            None
        );
        let t = "He said: CHICAGO (AP) - no.";
        assert_eq!(dateline_place(t, t.find("CHI").unwrap()), None);
        assert_eq!(dateline_place("Washington said so.", 0), None);
    }

    #[test]
    fn roles_before_and_after() {
        let w = RoleWords::get();
        let words: Vec<&str> = "the acting foreign minister Karim Dadfar , the Kabul-appointed spokesman of the Ministry of Water Affairs , said".split(' ').collect();
        let inside = |i: usize| (4..6).contains(&i) || i == 8 || (12..16).contains(&i);
        let r = find_roles(w, &words, 4, 6, &inside);
        assert_eq!(r, vec![(1, 4), (8, 16)]);
        let words: Vec<&str> = "The Kabul-appointed envoy to Turkey , Karim Dadfar , met"
            .split(' ')
            .collect();
        let inside = |i: usize| i == 1 || i == 4 || (6..8).contains(&i);
        assert_eq!(find_roles(w, &words, 6, 8, &inside), vec![(1, 5)]);
    }
}
