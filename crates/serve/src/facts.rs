//! An in-memory index of the facts that live inside documents' layers (quotes, events, roles,
//! names), built by scanning the store once and then only the documents added since.
//!
//! Quotes and events are stored per document, so listing them across the corpus would mean
//! loading every document on every request. The index keeps them in vectors and, per name, the
//! positions of its documents, quotes and events, so an entity page costs a few lookups and
//! copies of at most one page of items, never a pass over the corpus. It follows the store's
//! ingest order (the store's sequence numbers), so an ingest running next to the server is picked up at the
//! next request.

use std::collections::HashMap;

use dossier_core::{Document, EntityType, Span};
use dossier_store::Store;
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
    /// Names mentioned inside the quoted words, in order, each once.
    pub about: Vec<String>,
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

/// What the index keeps of one document.
#[derive(Clone, Debug)]
pub struct DocInfo {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    /// The names it mentions (positions in [`FactIndex::name`]), each once.
    pub names: Vec<u32>,
}

/// One document a name occurs in.
#[derive(Clone, Copy, Debug)]
pub struct NameDoc {
    /// Position in [`FactIndex::doc`].
    pub doc: u32,
    pub mentions: u32,
    /// The first mention of the name in the document.
    pub first: Span,
}

/// Everything known about one name, as positions into the index's vectors.
#[derive(Debug, Default)]
pub struct NameEntry {
    pub name: String,
    lower: String,
    pub mentions: usize,
    /// Mentions per label, in [`EntityType::ALL`] order.
    pub labels: [usize; 4],
    /// Documents, by date then id once the index is settled.
    pub docs: Vec<NameDoc>,
    /// Quotes it said and quotes that mention it, by date.
    pub quotes_by: Vec<u32>,
    pub quotes_about: Vec<u32>,
    /// Events it is the source or the target of, by date.
    pub events_as_source: Vec<u32>,
    pub events_as_target: Vec<u32>,
    pub roles: Vec<RoleItem>,
    /// Added to since the lists were last sorted.
    dirty: bool,
}

impl NameEntry {
    /// The label it carries most often.
    pub fn label(&self) -> &'static str {
        let mut best = 0;
        for i in 1..4 {
            if self.labels[i] > self.labels[best] {
                best = i;
            }
        }
        EntityType::ALL[best].as_str()
    }

    pub fn item(&self) -> NameItem {
        NameItem {
            name: self.name.clone(),
            label: self.label().to_string(),
            mentions: self.mentions,
            documents: self.docs.len(),
        }
    }
}

#[derive(Default)]
pub struct FactIndex {
    /// Sequence number of the last document scanned.
    seen: i64,
    /// Every document scanned, in ingest order.
    docs: Vec<DocInfo>,
    pub quotes: Vec<QuoteItem>,
    pub events: Vec<EventItem>,
    names: Vec<NameEntry>,
    by_name: HashMap<String, u32>,
    /// Lower-cased name to the most mentioned name written that way.
    by_lower: HashMap<String, u32>,
    /// Names, most mentioned first, as of the last [`FactIndex::settle`].
    sorted: Vec<u32>,
    pub stories: crate::stories::StoryState,
}

/// Documents loaded per round trip while catching up, so a big backlog does not hold one long
/// read transaction, and readers get the index between two batches.
pub const BATCH: usize = 128;

fn label_slot(l: EntityType) -> usize {
    EntityType::ALL.iter().position(|x| *x == l).unwrap_or(3)
}

impl FactIndex {
    /// Loads the next batch of documents the index has not scanned, without touching the index,
    /// so the slow part (reading and decoding documents) needs no lock. Gives the highest
    /// sequence number read (unchanged when nothing is new) and the documents.
    pub fn next_batch(seen: i64, store: &Store) -> dossier_store::Result<(i64, Vec<Document>)> {
        let rows = store.ids_after(seen, BATCH)?;
        let last = rows.last().map_or(seen, |r| r.0);
        // A document that fails to load is skipped here; its own page reports the error.
        let docs = rows
            .into_iter()
            .filter_map(|(_, id)| store.load(&id).ok())
            .collect();
        Ok((last, docs))
    }

    /// Sequence number of the last document scanned.
    pub fn seen(&self) -> i64 {
        self.seen
    }

    /// Adds a batch from [`FactIndex::next_batch`]. Call [`FactIndex::settle`] before reading.
    pub fn add_batch(&mut self, last: i64, docs: &[Document]) {
        for d in docs {
            self.add(d);
        }
        self.seen = self.seen.max(last);
    }

    /// Scans everything added since the last call, in one go. Returns how many were added.
    pub fn refresh(&mut self, store: &Store) -> dossier_store::Result<usize> {
        let mut added = 0;
        loop {
            let (last, docs) = Self::next_batch(self.seen, store)?;
            if last == self.seen {
                break;
            }
            added += docs.len();
            self.add_batch(last, &docs);
        }
        self.settle();
        Ok(added)
    }

    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.by_name.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        let lower = name.to_lowercase();
        self.by_lower.entry(lower.clone()).or_insert(i);
        self.names.push(NameEntry {
            name: name.to_string(),
            lower,
            ..Default::default()
        });
        self.by_name.insert(name.to_string(), i);
        i
    }

    fn add(&mut self, doc: &Document) {
        let m = &doc.meta;
        let val = |f: &Option<dossier_core::Field<String>>| f.as_ref().map(|f| f.value.clone());
        let (title, date, outlet) = (val(&m.title), val(&m.date), val(&m.outlet));
        let d = self.docs.len() as u32;
        let text = |s: Span| doc.span_text(s).to_string();

        // Names first: quotes and events point at them.
        let mut mention_name: Vec<Option<u32>> = Vec::with_capacity(doc.mentions.len());
        let mut in_doc: Vec<u32> = Vec::new();
        for mention in &doc.mentions {
            let t = doc.span_text(mention.span).trim();
            if t.is_empty() {
                mention_name.push(None);
                continue;
            }
            let n = self.intern(t);
            mention_name.push(Some(n));
            let e = &mut self.names[n as usize];
            e.mentions += 1;
            e.labels[label_slot(mention.label)] += 1;
            e.dirty = true;
            match e.docs.last_mut() {
                Some(nd) if nd.doc == d => nd.mentions += 1,
                _ => {
                    e.docs.push(NameDoc {
                        doc: d,
                        mentions: 1,
                        first: mention.span,
                    });
                    in_doc.push(n);
                }
            }
        }
        let name_of =
            |i: Option<u32>| i.and_then(|i| mention_name.get(i as usize).copied().flatten());

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
        let key = |a: &Option<String>, b: &Option<String>| {
            format!(
                "{}\n{}",
                a.as_deref().unwrap_or(""),
                b.as_deref().unwrap_or("")
            )
            .to_lowercase()
        };
        for (index, q) in doc.quotes.iter().enumerate() {
            let qi = self.quotes.len() as u32;
            let speaker = q.speaker.map(text);
            let speaker_id = name_of(q.speaker_mention);
            let speaker_name = speaker_id.map(|n| self.names[n as usize].name.clone());
            // Names inside the quoted words: what the quote is about.
            let mut about: Vec<u32> = Vec::new();
            for (mi, mention) in doc.mentions.iter().enumerate() {
                if q.span.contains(mention.span) {
                    if let Some(n) = mention_name[mi] {
                        if Some(n) != speaker_id && !about.contains(&n) {
                            about.push(n);
                        }
                    }
                }
            }
            if let Some(n) = speaker_id {
                self.names[n as usize].quotes_by.push(qi);
            }
            for &n in &about {
                self.names[n as usize].quotes_about.push(qi);
            }
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
                about: about
                    .iter()
                    .map(|&n| self.names[n as usize].name.clone())
                    .collect(),
            });
        }
        for (index, e) in doc.events.iter().enumerate() {
            let ei = self.events.len() as u32;
            let actor_id =
                |a: &Option<dossier_core::Actor>| a.as_ref().and_then(|a| name_of(a.mention));
            let actor = |a: &Option<dossier_core::Actor>| {
                a.as_ref().map(|a| match name_of(a.mention) {
                    Some(n) => self.names[n as usize].name.clone(),
                    None => text(a.span),
                })
            };
            let (source, target) = (actor(&e.source), actor(&e.target));
            let location = actor(&e.location);
            if let Some(n) = actor_id(&e.source) {
                self.names[n as usize].events_as_source.push(ei);
            }
            if let Some(n) = actor_id(&e.target) {
                self.names[n as usize].events_as_target.push(ei);
            }
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
                location,
                when: e
                    .timex
                    .and_then(|i| doc.timexes.get(i as usize))
                    .map(|t| t.value.clone()),
                negated: e.negated,
                modality: e.modality.clone(),
            });
        }
        for r in &doc.roles {
            if let Some(n) = name_of(Some(r.mention)) {
                self.names[n as usize].roles.push(RoleItem {
                    value: r.value.clone(),
                    doc: doc.id.0.clone(),
                    date: date.clone(),
                    span: r.span,
                });
            }
        }
        self.stories.add(doc);
        self.docs.push(DocInfo {
            id: doc.id.0.clone(),
            title,
            date,
            outlet,
            names: in_doc,
        });
    }

    /// Sorts what the last batches changed: the name list by mentions and, for each name that
    /// gained facts, its documents and facts by date. Costs only the names touched.
    pub fn settle(&mut self) {
        self.stories.settle();
        let docs = &self.docs;
        let quotes = &self.quotes;
        let events = &self.events;
        let doc_key = |d: u32| {
            let info = &docs[d as usize];
            (info.date.as_deref(), d)
        };
        let mut any = false;
        for e in self.names.iter_mut().filter(|e| e.dirty) {
            any = true;
            e.dirty = false;
            e.docs.sort_by(|a, b| doc_key(a.doc).cmp(&doc_key(b.doc)));
            let by_quote = |&q: &u32| (quotes[q as usize].origin.date.clone(), q);
            e.quotes_by.sort_by_cached_key(by_quote);
            e.quotes_about.sort_by_cached_key(by_quote);
            let by_event = |&i: &u32| (events[i as usize].origin.date.clone(), i);
            e.events_as_source.sort_by_cached_key(by_event);
            e.events_as_target.sort_by_cached_key(by_event);
            e.roles.sort_by(|a, b| a.date.cmp(&b.date));
        }
        if any || self.sorted.len() != self.names.len() {
            let names = &self.names;
            let mut v: Vec<u32> = (0..names.len() as u32).collect();
            v.sort_by(|&a, &b| {
                let (x, y) = (&names[a as usize], &names[b as usize]);
                y.mentions
                    .cmp(&x.mentions)
                    .then_with(|| x.name.cmp(&y.name))
            });
            self.sorted = v;
        }
    }

    /// True when the store holds documents this index has not scanned.
    pub fn behind(&self, store: &Store) -> dossier_store::Result<bool> {
        Ok(last_n(store)? > self.seen)
    }

    /// Names, most mentioned first, filtered by label and a lower-case part of the name.
    pub fn names<'a>(
        &'a self,
        label: Option<&'a str>,
        needle: Option<&'a str>,
    ) -> impl Iterator<Item = &'a NameEntry> + 'a {
        self.sorted
            .iter()
            .map(|&i| &self.names[i as usize])
            .filter(move |n| label.is_none_or(|l| n.label() == l))
            .filter(move |n| needle.is_none_or(|x| n.lower.contains(x)))
    }

    /// The name written exactly so, else the most mentioned one written so in any case.
    pub fn lookup(&self, name: &str) -> Option<&NameEntry> {
        let i = self
            .by_name
            .get(name)
            .or_else(|| self.by_lower.get(&name.to_lowercase()))?;
        self.names.get(*i as usize)
    }

    pub fn name(&self, i: u32) -> &NameEntry {
        &self.names[i as usize]
    }

    pub fn doc(&self, i: u32) -> &DocInfo {
        &self.docs[i as usize]
    }

    pub fn doc_count(&self) -> usize {
        self.docs.len()
    }
}

/// The sequence number of the last document written (0 when empty).
pub fn last_n(store: &Store) -> dossier_store::Result<i64> {
    store.last_seq()
}
