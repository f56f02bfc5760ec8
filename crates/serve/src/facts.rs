//! An in-memory index of the facts that live inside documents' layers (quotes, events, roles,
//! name counts), built by scanning the store once and then only the documents added since.
//!
//! Quotes and events are stored per document, so listing them across the corpus would mean
//! loading every document on every request; the index makes those pages cost a filter over a
//! vector instead. It follows the store's ingest order (`documents.n`), so an ingest running
//! next to the server is picked up at the next request.

use std::collections::HashMap;

use dossier_core::{Document, Span};
use dossier_store::{rusqlite::params, Store};
use serde::Serialize;

/// Where a fact comes from: the document and its sentence.
#[derive(Clone, Debug, Serialize)]
pub struct Origin {
    pub doc: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    /// The sentence that holds the fact, in clean-text bytes, and its text.
    pub sentence: Option<Span>,
    pub sentence_text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct QuoteItem {
    #[serde(flatten)]
    pub origin: Origin,
    /// Index of the quote in the document's `quotes` layer.
    pub index: usize,
    pub kind: dossier_core::QuoteKind,
    pub span: Span,
    pub text: String,
    pub cue: Option<String>,
    /// The words naming the speaker here ("he", "the minister", "Muttaqi").
    pub speaker: Option<String>,
    /// The name the speaker resolves to within the document, when known.
    pub speaker_name: Option<String>,
    pub reported_by: Option<String>,
    /// Lower-cased speaker name and words, and text, for filters that ignore case.
    #[serde(skip)]
    pub speaker_key: String,
    #[serde(skip)]
    pub text_key: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct EventItem {
    #[serde(flatten)]
    pub origin: Origin,
    /// Index of the event in the document's `events` layer.
    pub index: usize,
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    pub span: Span,
    pub trigger: String,
    pub source: Option<String>,
    pub target: Option<String>,
    pub location: Option<String>,
    /// The normalised time expression that dates the event, when the text gives one.
    pub when: Option<String>,
    pub negated: bool,
    pub modality: String,
    /// Lower-cased source and target, and sentence, for filters that ignore case.
    #[serde(skip)]
    pub actors_key: String,
    #[serde(skip)]
    pub sentence_key: String,
}

/// A role a name carries in one document ("foreign minister").
#[derive(Clone, Debug, Serialize)]
pub struct RoleItem {
    pub value: String,
    pub doc: String,
    pub date: Option<String>,
    pub span: Span,
}

/// A name as written, with how often it occurs; stands in for entities until the resolver
/// gives them ids.
#[derive(Clone, Debug, Serialize)]
pub struct NameItem {
    pub name: String,
    pub label: String,
    pub mentions: usize,
    pub documents: usize,
}

#[derive(Default)]
pub struct FactIndex {
    /// Highest `documents.n` scanned.
    seen: i64,
    pub quotes: Vec<QuoteItem>,
    pub events: Vec<EventItem>,
    /// Roles by the name they describe.
    pub roles: HashMap<String, Vec<RoleItem>>,
    names: HashMap<(String, &'static str), (usize, usize)>,
    /// `names` sorted by mentions, rebuilt when documents were added.
    sorted: Vec<NameItem>,
}

/// Documents loaded per round trip while catching up, so a big backlog does not hold one long
/// read transaction.
const BATCH: i64 = 256;

impl FactIndex {
    /// Scans the documents added since the last call. Returns how many were added.
    pub fn refresh(&mut self, store: &Store) -> dossier_store::Result<usize> {
        let mut added = 0;
        loop {
            let rows: Vec<(i64, String)> = {
                let mut st = store.conn().prepare_cached(
                    "SELECT n, id FROM documents WHERE n > ?1 ORDER BY n LIMIT ?2",
                )?;
                let rows =
                    st.query_map(params![self.seen, BATCH], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<Result<_, _>>()?
            };
            if rows.is_empty() {
                break;
            }
            for (n, id) in rows {
                // A document that fails to load is skipped here; its own page reports the error.
                if let Ok(doc) = store.load(&dossier_core::DocId(id)) {
                    self.add(&doc);
                }
                self.seen = n;
                added += 1;
            }
        }
        if added > 0 {
            self.sort_names();
        }
        Ok(added)
    }

    fn add(&mut self, doc: &Document) {
        let m = &doc.meta;
        let val = |f: &Option<dossier_core::Field<String>>| f.as_ref().map(|f| f.value.clone());
        let (title, date, outlet) = (val(&m.title), val(&m.date), val(&m.outlet));
        let text = |s: Span| doc.span_text(s).to_string();
        let origin = |at: u32| {
            let sentence = doc.sentence_at(at).map(|i| doc.sentences[i].span);
            Origin {
                doc: doc.id.0.clone(),
                title: title.clone(),
                date: date.clone(),
                outlet: outlet.clone(),
                sentence,
                sentence_text: sentence.map(text).unwrap_or_default(),
            }
        };
        let mention_text = |i: Option<u32>| {
            i.and_then(|i| doc.mentions.get(i as usize))
                .map(|m| text(m.span))
        };
        let key = |a: &Option<String>, b: &Option<String>| {
            format!(
                "{}\n{}",
                a.as_deref().unwrap_or(""),
                b.as_deref().unwrap_or("")
            )
            .to_lowercase()
        };
        for (index, q) in doc.quotes.iter().enumerate() {
            let speaker = q.speaker.map(text);
            let speaker_name = mention_text(q.speaker_mention);
            self.quotes.push(QuoteItem {
                speaker_key: key(&speaker_name, &speaker),
                text_key: text(q.span).to_lowercase(),
                origin: origin(q.span.start),
                index,
                kind: q.kind,
                span: q.span,
                text: text(q.span),
                cue: q.cue.map(text),
                speaker,
                speaker_name,
                reported_by: q.reported_by.map(text),
            });
        }
        for (index, e) in doc.events.iter().enumerate() {
            let actor = |a: &Option<dossier_core::Actor>| {
                a.as_ref()
                    .map(|a| mention_text(a.mention).unwrap_or_else(|| text(a.span)))
            };
            let (source, target) = (actor(&e.source), actor(&e.target));
            let origin = origin(e.span.start);
            self.events.push(EventItem {
                actors_key: key(&source, &target),
                sentence_key: origin.sentence_text.to_lowercase(),
                origin,
                index,
                kind: e.kind.clone(),
                mode: e.mode.clone(),
                span: e.span,
                trigger: text(e.span),
                source,
                target,
                location: actor(&e.location),
                when: e
                    .timex
                    .and_then(|i| doc.timexes.get(i as usize))
                    .map(|t| t.value.clone()),
                negated: e.negated,
                modality: e.modality.clone(),
            });
        }
        for r in &doc.roles {
            if let Some(name) = mention_text(Some(r.mention)) {
                self.roles.entry(name).or_default().push(RoleItem {
                    value: r.value.clone(),
                    doc: doc.id.0.clone(),
                    date: date.clone(),
                    span: r.span,
                });
            }
        }
        let mut in_doc: HashMap<(&str, &'static str), usize> = HashMap::new();
        for mention in &doc.mentions {
            let t = doc.span_text(mention.span);
            if !t.is_empty() {
                *in_doc.entry((t, mention.label.as_str())).or_default() += 1;
            }
        }
        for ((t, label), n) in in_doc {
            let e = self.names.entry((t.to_string(), label)).or_default();
            e.0 += n;
            e.1 += 1;
        }
    }

    /// True when the store holds documents this index has not scanned.
    pub fn behind(&self, store: &Store) -> dossier_store::Result<bool> {
        let last: Option<i64> = store
            .conn()
            .prepare_cached("SELECT max(n) FROM documents")?
            .query_row([], |r| r.get(0))?;
        Ok(last.unwrap_or(0) > self.seen)
    }

    /// Every name, most mentioned first.
    pub fn names(&self) -> &[NameItem] {
        &self.sorted
    }

    fn sort_names(&mut self) {
        let mut v: Vec<NameItem> = self
            .names
            .iter()
            .map(|((name, label), (m, d))| NameItem {
                name: name.clone(),
                label: label.to_string(),
                mentions: *m,
                documents: *d,
            })
            .collect();
        v.sort_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then_with(|| a.name.cmp(&b.name))
        });
        self.sorted = v;
    }
}
