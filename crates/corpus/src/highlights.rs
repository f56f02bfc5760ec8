//! What a story page shows under its documents: the story's key quotes and key events, picked
//! from the records of its member documents.
//!
//! A quote ranks by whether its speaker is known and is one of the story's most named entities
//! (what its protagonists said comes first), by how many of the story's documents carry the same
//! words (a statement that every outlet quoted), and by being verbatim; copies of one statement
//! count once, at their earliest report; a few quoted words rank below a statement; and no
//! speaker has more than two of them while someone else said something. An event
//! ranks by how many reports merged into it, by being told as a fact, by having both a doer and
//! a target, and by its doer being a known entity rather than words ("we").

use std::collections::HashMap;

use dossier_core::QuoteKind;
use dossier_events::record::{ActorRef, EventRecord};
use dossier_stories::Story;

use crate::{Corpus, MergeWithin, QuoteRecord};

/// Key quotes and key events a story page shows at most.
pub const KEY_FACTS: usize = 5;

/// How many of the story's most named entities count as its protagonists.
const PROTAGONISTS: usize = 5;

/// Quotes of one speaker among the key quotes before others' lesser ones.
const SAME_SPEAKER: usize = 2;

/// Fewest words of a quote that says something of its own rather than naming a phrase.
const STATEMENT_WORDS: usize = 6;

/// The words of a quote, folded, for telling copies of one statement apart from others.
fn wording(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

impl Corpus {
    /// The story's key quotes, best first, one per wording, at most [`KEY_FACTS`].
    pub fn key_quotes(&self, story: &Story, quotes: Vec<QuoteRecord>) -> Vec<QuoteRecord> {
        let protagonists: Vec<&str> = story
            .top_entities()
            .into_iter()
            .take(PROTAGONISTS)
            .map(|(name, _)| name)
            .collect();
        // one record per wording, the earliest report kept, with the documents that carry it
        let mut by_wording: HashMap<String, (QuoteRecord, Vec<String>)> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for q in quotes {
            let key = wording(&q.text);
            if key.is_empty() {
                continue;
            }
            match by_wording.get_mut(&key) {
                Some((kept, docs)) => {
                    if !docs.contains(&q.doc) {
                        docs.push(q.doc.clone());
                    }
                    let earlier = match (&q.date, &kept.date) {
                        (Some(a), Some(b)) => a < b,
                        (Some(_), None) => true,
                        _ => false,
                    };
                    if earlier {
                        *kept = q;
                    }
                }
                None => {
                    order.push(key.clone());
                    let doc = q.doc.clone();
                    by_wording.insert(key, (q, vec![doc]));
                }
            }
        }
        let mut ranked: Vec<(u32, usize, String, QuoteRecord)> = order
            .into_iter()
            .enumerate()
            .filter_map(|(i, key)| {
                let (q, docs) = by_wording.remove(&key)?;
                let known = q.speaker.as_ref().is_some_and(|s| s.id.is_some());
                let protagonist = q
                    .speaker
                    .as_ref()
                    .is_some_and(|s| protagonists.contains(&s.name.as_str()));
                // a few words in marks ("all relevant issues") tell less than a statement
                let statement = key.split(' ').count() >= STATEMENT_WORDS;
                let score = 4 * protagonist as u32
                    + 2 * known as u32
                    + 2 * statement as u32
                    + 2 * (docs.len().min(4) as u32 - 1)
                    + matches!(q.kind, QuoteKind::Direct) as u32;
                Some((score, i, key, q))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        // at most two quotes of one speaker while others have something to say
        let speaker = |q: &QuoteRecord| q.speaker.as_ref().map(|s| s.name.clone());
        let mut said: HashMap<Option<String>, usize> = HashMap::new();
        let (mut out, mut later) = (Vec::new(), Vec::new());
        let mut kept: Vec<String> = Vec::new();
        for (_, _, key, q) in ranked {
            // a part of a statement already kept ("X said that A, insisting B" and "B")
            if kept
                .iter()
                .any(|k| k.contains(&key) || key.contains(k.as_str()))
            {
                continue;
            }
            kept.push(key);
            let n = said.entry(speaker(&q)).or_default();
            *n += 1;
            if *n <= SAME_SPEAKER {
                out.push(q);
            } else {
                later.push(q);
            }
        }
        out.extend(later);
        out.truncate(KEY_FACTS);
        out
    }

    /// The story's key events: its documents' reports merged into events, the most reported
    /// first, at most [`KEY_FACTS`].
    pub fn key_events(&self, reports: Vec<EventRecord>) -> Vec<EventRecord> {
        let merged = self.merge_events(reports, MergeWithin::Story);
        let mut ranked: Vec<(usize, u32, usize, EventRecord)> = merged
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                // entity actors are keyed `e<id>` (crate::events), others by their words
                let entity = |a: &Option<ActorRef>| {
                    a.as_ref()
                        .and_then(|a| a.id.strip_prefix('e'))
                        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
                };
                let shape = 2 * e.factual() as u32
                    + (e.source.is_some() && e.target.is_some()) as u32
                    + entity(&e.source) as u32
                    + !e.negated as u32;
                (e.evidence.len(), shape, i, e)
            })
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        ranked
            .into_iter()
            .take(KEY_FACTS)
            .map(|(.., e)| e)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::wording;

    #[test]
    fn wording_ignores_marks_case_and_spacing() {
        assert_eq!(
            wording("“We will not  accept it,” "),
            wording("\"we will not accept it\"")
        );
        assert_ne!(
            wording("We will accept it"),
            wording("We will not accept it")
        );
        assert_eq!(wording("“ — ”"), "");
    }
}
