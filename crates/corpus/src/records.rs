//! Quotes as the user sees them: one record per quote with its document, span, sentence, date
//! and speaker named by the corpus entity (events: `dossier_events::record`, keyed through
//! [`crate::events`]). The CLI's `--json` prints these records.

use dossier_core::{Document, Span};
use dossier_events::record::{ActorRef as EventActor, EventRecord};
use serde::Serialize;

use crate::{ActorFilter, Corpus};

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
    /// Who the quoted words name (each entity once, in order; the speaker left out): what the
    /// speaker talked about.
    pub about: Vec<ActorRef>,
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
            let about = named_in(corpus, doc, q.span, speaker.as_ref());
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
                about,
            }
        })
        .collect()
}

/// The actors of the mentions inside `span`, each entity (or, unresolved, each wording) once,
/// `skip` (the speaker) left out.
fn named_in(
    corpus: Option<&Corpus>,
    doc: &Document,
    span: Span,
    skip: Option<&ActorRef>,
) -> Vec<ActorRef> {
    let mut out: Vec<ActorRef> = Vec::new();
    for (i, m) in doc.mentions.iter().enumerate() {
        if !span.contains(m.span) {
            continue;
        }
        let a = actor(corpus, doc, Some(i as u32), m.span);
        let same = |b: &ActorRef| match (a.id, b.id) {
            (Some(x), Some(y)) => x == y,
            (None, None) => a.name == b.name,
            _ => false,
        };
        if !skip.is_some_and(same) && !out.iter().any(same) {
            out.push(a);
        }
    }
    out
}

/// What `dossier quotes` filters on.
#[derive(Clone, Debug, Default)]
pub struct QuoteQuery {
    /// The speaker: any name of an entity (or `e<id>`), or the words naming the speaker.
    pub speaker: Option<String>,
    /// An entity (or words) the quoted words name.
    pub about: Option<String>,
    /// Only quotes of this document (full id).
    pub doc: Option<String>,
}

/// A [`QuoteQuery`] with its names looked up once.
pub struct QuoteFilter {
    speaker: Option<ActorFilter>,
    about: Option<ActorFilter>,
    doc: Option<String>,
}

impl QuoteFilter {
    pub fn new(corpus: &Corpus, q: &QuoteQuery) -> QuoteFilter {
        let who = |s: &Option<String>| s.as_deref().map(|s| ActorFilter::new(corpus, s));
        QuoteFilter {
            speaker: who(&q.speaker),
            about: who(&q.about),
            doc: q.doc.clone(),
        }
    }

    pub fn keep(&self, q: &QuoteRecord) -> bool {
        self.doc.as_deref().is_none_or(|d| q.doc == d)
            && self.speaker.as_ref().is_none_or(|f| {
                q.speaker.as_ref().is_some_and(|sp| f.matches(sp))
                    || q.speaker_text
                        .as_deref()
                        .is_some_and(|t| f.matches_words(t))
            })
            && self
                .about
                .as_ref()
                .is_none_or(|f| q.about.iter().any(|a| f.matches(a)))
    }
}

/// The quotes of `all` that `q` asks for, in order.
pub fn select_quotes<'a>(
    corpus: &Corpus,
    all: &'a [QuoteRecord],
    q: &QuoteQuery,
) -> Vec<&'a QuoteRecord> {
    let f = QuoteFilter::new(corpus, q);
    all.iter().filter(|r| f.keep(r)).collect()
}

/// One dated fact of `dossier timeline`: a quote or an event report.
#[derive(Clone, Debug, Serialize)]
pub struct TimelineFact {
    pub date: String,
    pub date_from: &'static str,
    /// `QUOTE`, or the event type.
    pub kind: String,
    pub summary: String,
    pub doc: String,
    pub id: String,
    pub sentence: String,
}

/// What `dossier timeline` filters on.
#[derive(Clone, Debug, Default)]
pub struct TimelineQuery {
    /// Only facts involving this entity (speaker, source or target).
    pub entity: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// A fact of a timeline: an index into the quotes or the event reports it was made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FactIx {
    Quote(usize),
    Report(usize),
}

/// The dated facts among `quotes` and `reports` (event reports, not merged) that `q` asks for,
/// by date then id.
pub fn timeline(
    corpus: &Corpus,
    quotes: &[QuoteRecord],
    reports: &[EventRecord],
    q: &TimelineQuery,
) -> Vec<FactIx> {
    let filter = q.entity.as_deref().map(|n| ActorFilter::new(corpus, n));
    let (from, to) = (q.from.as_deref(), q.to.as_deref());
    let mut found: Vec<(&str, &str, FactIx)> = Vec::new();
    for (i, r) in quotes.iter().enumerate() {
        let involved = filter
            .as_ref()
            .is_none_or(|f| r.speaker.as_ref().is_some_and(|s| f.matches(s)));
        match r.date.as_deref() {
            Some(d) if involved && in_range(Some(d), from, to) => {
                found.push((d, &r.id, FactIx::Quote(i)))
            }
            _ => {}
        }
    }
    for (i, e) in reports.iter().enumerate() {
        let involved = filter.as_ref().is_none_or(|f| {
            [&e.source, &e.target]
                .iter()
                .any(|x| x.as_ref().is_some_and(|x| f.matches_event_actor(x)))
        });
        match e.date.as_deref() {
            Some(d) if involved && in_range(Some(d), from, to) => {
                found.push((d, &e.id, FactIx::Report(i)))
            }
            _ => {}
        }
    }
    found.sort_by(|x, y| x.0.cmp(y.0).then(x.1.cmp(y.1)));
    found.into_iter().map(|f| f.2).collect()
}

/// The timeline entry of one fact.
pub fn timeline_fact(quotes: &[QuoteRecord], reports: &[EventRecord], ix: FactIx) -> TimelineFact {
    match ix {
        FactIx::Quote(i) => {
            let q = &quotes[i];
            let who = q.speaker.as_ref().map_or("someone", |s| s.name.as_str());
            TimelineFact {
                date: q.date.clone().unwrap_or_default(),
                date_from: q.date_from,
                kind: "QUOTE".into(),
                summary: format!("{who} said “{}”", q.text),
                doc: q.doc.clone(),
                id: q.id.clone(),
                sentence: q.sentence.clone(),
            }
        }
        FactIx::Report(i) => {
            let e = &reports[i];
            fn name(x: &Option<EventActor>) -> &str {
                x.as_ref().map_or("?", |x| x.name.as_str())
            }
            let neg = if e.negated { "not " } else { "" };
            TimelineFact {
                date: e.date.clone().unwrap_or_default(),
                date_from: e.date_from,
                kind: e.kind.clone(),
                summary: format!("{} {neg}{} {}", name(&e.source), e.kind, name(&e.target)),
                doc: e.doc.clone(),
                id: e.id.clone(),
                sentence: e.sentence.clone(),
            }
        }
    }
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
