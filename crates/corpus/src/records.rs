//! Quotes as the user sees them: one record per quote with its document, span, sentence, date
//! and speaker named by the corpus entity (events: `dossier_events::record`, keyed through
//! [`crate::events`]). The CLI's `--json` prints these records.

use dossier_core::{Document, Span};
use serde::Serialize;

use crate::Corpus;

/// Who a fact is about: the corpus entity when the mention was resolved, and the words as written.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorRef {
    /// Corpus entity id (as `dossier entities` lists it), `None` when not resolved.
    pub id: Option<u32>,
    /// The entity's canonical name, else the words of the text.
    pub name: String,
    /// The words of the text.
    pub text: String,
    /// `<doc>:m<index>` of the mention, when the actor is a mention.
    pub mention: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct QuoteRecord {
    pub id: String,
    pub doc: String,
    pub text: String,
    pub kind: dossier_core::QuoteKind,
    pub speaker: Option<ActorRef>,
    pub speaker_text: Option<String>,
    pub cue: Option<String>,
    pub reported_by: Option<String>,
    pub start: u32,
    pub end: u32,
    /// The date the quote is placed at, and where that date came from.
    pub date: Option<String>,
    pub date_from: &'static str,
    pub outlet: Option<String>,
    pub sentence: String,
}

pub(crate) fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

/// The date of a fact at `span`: a timex in the same sentence (a DATE with at least a month: a
/// bare year is more often a reference, "the 2020 agreement", than the fact's date), else the
/// document date.
pub fn date_of(doc: &Document, span: Span) -> (Option<String>, &'static str) {
    if let Some(si) = doc.sentence_at(span.start) {
        let s = doc.sentences[si].span;
        let t = doc
            .timexes
            .iter()
            .find(|t| s.contains(t.span) && is_calendar_date(t));
        if let Some(t) = t {
            return (Some(t.value.clone()), "timex");
        }
    }
    match &doc.meta.date {
        Some(d) => (
            Some(d.value.get(..10).unwrap_or(&d.value).to_string()),
            "document",
        ),
        None => (None, "none"),
    }
}

fn is_calendar_date(t: &dossier_core::Timex) -> bool {
    t.kind == dossier_core::TimexType::DATE
        && t.value.len() >= 7
        && t.value.as_bytes()[..4].iter().all(u8::is_ascii_digit)
}

fn sentence_text(doc: &Document, at: Span) -> String {
    doc.sentence_at(at.start)
        .map(|i| doc.span_text(doc.sentences[i].span).to_string())
        .unwrap_or_default()
}

fn outlet(doc: &Document) -> Option<String> {
    doc.meta.outlet.as_ref().map(|o| o.value.clone())
}

/// The actor of mention `m` of `doc`, or of the bare words at `span` when there is no mention.
fn actor(corpus: Option<&Corpus>, doc: &Document, m: Option<u32>, span: Span) -> ActorRef {
    let text = doc.span_text(span).to_string();
    let entity = m.and_then(|m| corpus?.entity_of(doc.id.as_str(), m as usize));
    ActorRef {
        id: entity.map(|e| e.id),
        name: entity.map_or_else(|| text.clone(), |e| e.name.clone()),
        text,
        mention: m.map(|m| format!("{}:m{m}", short(doc.id.as_str()))),
    }
}

/// The quotes of one document; speakers are named by their corpus entity when `corpus` knows the
/// document.
pub fn quotes_of(corpus: Option<&Corpus>, doc: &Document) -> Vec<QuoteRecord> {
    doc.quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let (date, date_from) = date_of(doc, q.span);
            let speaker = match (q.speaker_mention, q.speaker) {
                (Some(m), _) => doc
                    .mentions
                    .get(m as usize)
                    .map(|mention| actor(corpus, doc, Some(m), mention.span)),
                (None, Some(s)) => Some(actor(corpus, doc, None, s)),
                (None, None) => None,
            };
            QuoteRecord {
                id: format!("{}:q{i}", short(doc.id.as_str())),
                doc: doc.id.0.clone(),
                text: doc.span_text(q.span).to_string(),
                kind: q.kind,
                speaker,
                speaker_text: q.speaker.map(|s| doc.span_text(s).to_string()),
                cue: q.cue.map(|c| doc.span_text(c).to_string()),
                reported_by: q.reported_by.map(|r| doc.span_text(r).to_string()),
                start: q.span.start,
                end: q.span.end,
                date,
                date_from,
                outlet: outlet(doc),
                sentence: sentence_text(doc, q.span),
            }
        })
        .collect()
}

/// Folds case and the common Latin accents, for forgiving matches.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Forgiving name match: case and accents do not count, and any word of the query may match
/// the start of a word of the name.
pub fn name_matches(name: &str, query: &str) -> bool {
    let (n, q) = (fold(name), fold(query));
    if n.contains(q.trim()) {
        return true;
    }
    let words: Vec<&str> = n
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    q.split_whitespace()
        .all(|qw| words.iter().any(|w| w.starts_with(qw)))
}

/// `--from`/`--to` bounds on ISO dates (a prefix compares as the period it names).
pub fn in_range(date: Option<&str>, from: Option<&str>, to: Option<&str>) -> bool {
    match date {
        None => from.is_none() && to.is_none(),
        Some(d) => {
            from.is_none_or(|f| d >= f) && to.is_none_or(|t| d.get(..t.len()).unwrap_or(d) <= t)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_forgivingly() {
        assert!(name_matches("Amir Khan Muttaqi", "muttaqi"));
        assert!(name_matches("José Ramírez", "jose ram"));
        assert!(!name_matches("Amir Khan Muttaqi", "shaheen"));
    }

    #[test]
    fn ranges_compare_as_periods() {
        assert!(in_range(
            Some("2021-10-09"),
            Some("2021-10"),
            Some("2021-10")
        ));
        assert!(!in_range(Some("2021-11-01"), None, Some("2021-10")));
        assert!(!in_range(None, Some("2021"), None));
        assert!(in_range(None, None, None));
    }
}
