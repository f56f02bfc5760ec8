//! Quotes, events and dated facts gathered from the stored documents' layers, in the JSON shape
//! of SPEC.md. The listing commands and `timeline` share these records so that human output and
//! `--json` render the same values.

use dossier_core::{Document, Span};
use dossier_store::Store;
use serde::Serialize;

/// A reference to who a fact is about, as found in the text.
#[derive(Clone, Debug, Serialize)]
pub struct ActorRef {
    /// Stable within the store: `<doc>:m<mention index>` until entities are resolved.
    pub id: Option<String>,
    pub name: String,
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

#[derive(Clone, Debug, Serialize)]
pub struct Arg {
    pub text: String,
    pub mention: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EventRecord {
    pub id: String,
    pub doc: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    pub source: Option<Arg>,
    pub target: Option<Arg>,
    pub location: Option<Arg>,
    pub date: Option<String>,
    pub date_from: &'static str,
    pub negated: bool,
    pub modality: String,
    pub trigger: String,
    pub start: u32,
    pub end: u32,
    pub sentence: String,
}

fn short(id: &str) -> &str {
    &id[..id.len().min(12)]
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

fn mention_ref(doc: &Document, m: u32) -> Option<ActorRef> {
    let mention = doc.mentions.get(m as usize)?;
    Some(ActorRef {
        id: Some(format!("{}:m{m}", short(&doc.id.0))),
        name: doc.span_text(mention.span).to_string(),
    })
}

pub fn quotes_of(doc: &Document) -> Vec<QuoteRecord> {
    doc.quotes
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let (date, date_from) = date_of(doc, q.span);
            let speaker_text = q.speaker.map(|s| doc.span_text(s).to_string());
            let speaker = q
                .speaker_mention
                .and_then(|m| mention_ref(doc, m))
                .or_else(|| speaker_text.clone().map(|name| ActorRef { id: None, name }));
            QuoteRecord {
                id: format!("{}:q{i}", short(&doc.id.0)),
                doc: doc.id.0.clone(),
                text: doc.span_text(q.span).to_string(),
                kind: q.kind,
                speaker,
                speaker_text,
                cue: q.cue.map(|c| doc.span_text(c).to_string()),
                reported_by: q.reported_by.map(|r| doc.span_text(r).to_string()),
                start: q.span.start,
                end: q.span.end,
                date,
                date_from,
                outlet: doc.meta.outlet.as_ref().map(|o| o.value.clone()),
                sentence: sentence_text(doc, q.span),
            }
        })
        .collect()
}

pub fn events_of(doc: &Document) -> Vec<EventRecord> {
    let arg = |a: &Option<dossier_core::Actor>| {
        a.as_ref().map(|a| Arg {
            text: doc.span_text(a.span).to_string(),
            mention: a.mention.map(|m| format!("{}:m{m}", short(&doc.id.0))),
        })
    };
    doc.events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (date, date_from) = match e
                .timex
                .and_then(|t| doc.timexes.get(t as usize))
                .filter(|t| is_calendar_date(t))
            {
                Some(t) => (Some(t.value.clone()), "timex"),
                None => date_of(doc, e.span),
            };
            let sentence = doc
                .sentences
                .get(e.sentence as usize)
                .map(|s| doc.span_text(s.span).to_string())
                .unwrap_or_default();
            EventRecord {
                id: format!("{}:e{i}", short(&doc.id.0)),
                doc: doc.id.0.clone(),
                kind: e.kind.clone(),
                mode: e.mode.clone(),
                source: arg(&e.source),
                target: arg(&e.target),
                location: arg(&e.location),
                date,
                date_from,
                negated: e.negated,
                modality: e.modality.clone(),
                trigger: doc.span_text(e.span).to_string(),
                start: e.span.start,
                end: e.span.end,
                sentence,
            }
        })
        .collect()
}

/// Every stored document, one at a time (the listing commands scan; tables come with scale).
pub fn for_each_doc(
    store: &Store,
    only: Option<&str>,
    mut f: impl FnMut(&Document),
) -> anyhow::Result<()> {
    let ids = match only {
        Some(prefix) => vec![store.resolve_id(prefix)?],
        None => store.ids()?,
    };
    for id in ids {
        f(&store.load(&id)?);
    }
    Ok(())
}

/// Forgiving name match: case and accents do not count, and any word of the query may match
/// the start of a word of the name.
pub fn name_matches(name: &str, query: &str) -> bool {
    let fold = |s: &str| -> String {
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
    };
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
