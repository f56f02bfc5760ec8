//! Entities, stories and conflicts as listed to the user: the JSON of `dossier entities`,
//! `entity`, `stories`, `story` and `conflicts`, and of the matching HTTP endpoints.

use std::collections::{BTreeMap, HashMap};

use dossier_resolve::Entity;
use dossier_stories::{find_conflicts, ClaimSource, Conflict, Story};
use serde::Serialize;

use dossier_core::DocId;
use dossier_events::record::EventRecord;
use dossier_store::Store;

use crate::{quotes_of, Corpus, CorpusError, DocInfo, QuoteRecord, Result};

/// One entity in a listing.
#[derive(Clone, Debug, Serialize)]
pub struct EntityRow {
    pub id: u32,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub mentions: u64,
    pub documents: usize,
    pub aliases: BTreeMap<String, u32>,
    pub roles: BTreeMap<String, u32>,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
}

/// Another entity named in passing: a near match, or one seen alongside.
#[derive(Clone, Debug, Serialize)]
pub struct EntityBrief {
    pub id: u32,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Documents shared with the entity of the page (co-occurrence), or 0 for near matches.
    pub count: u32,
}

/// `dossier entity NAME`: the entity, its documents, the entities seen with it and other
/// entities the name could mean.
#[derive(Clone, Debug, Serialize)]
pub struct EntityPage {
    pub entity: EntityRow,
    pub documents: Vec<String>,
    /// The latest documents (at most [`PAGE_DOCS`]), newest first, with title, date and outlet.
    pub docs: Vec<DocLine>,
    pub related: Vec<EntityBrief>,
    pub also: Vec<EntityBrief>,
}

/// How many documents an entity page describes (`documents` lists them all).
pub const PAGE_DOCS: usize = 100;

/// Orders of an entity listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    Mentions,
    Documents,
}

fn type_str(e: &Entity) -> &'static str {
    e.label.map(|l| l.as_str()).unwrap_or("-")
}

impl EntityRow {
    pub fn of(e: &Entity) -> EntityRow {
        EntityRow {
            id: e.id,
            name: e.name.clone(),
            kind: type_str(e),
            mentions: e.mentions,
            documents: e.documents.len(),
            aliases: shown_aliases(e),
            roles: e.roles.clone(),
            first_seen: e.first_seen.clone(),
            last_seen: e.last_seen.clone(),
        }
    }
}

/// The aliases with the forms written with a title ("Mullah Omar" beside "Omar").
fn shown_aliases(e: &Entity) -> BTreeMap<String, u32> {
    let mut a = e.aliases.clone();
    for (t, c) in &e.titled {
        *a.entry(t.clone()).or_default() += c;
    }
    a
}

fn brief(e: &Entity, count: u32) -> EntityBrief {
    EntityBrief {
        id: e.id,
        name: e.name.clone(),
        kind: type_str(e),
        count,
    }
}

fn doc_line(d: &DocInfo) -> DocLine {
    DocLine {
        id: d.id.clone(),
        title: d.title.clone(),
        date: d.date.clone(),
        outlet: d.outlet.clone(),
        copy_of: d.copy_of.iter().map(|(o, _)| o.clone()).collect(),
    }
}

/// One story in a listing.
#[derive(Clone, Debug, Serialize)]
pub struct StoryLine {
    pub id: u32,
    pub title: String,
    pub documents: Vec<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub entities: Vec<NameCount>,
    /// Member documents that are copies of an earlier document.
    pub copies: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct NameCount {
    pub name: String,
    pub count: u32,
}

/// One document of a story page.
#[derive(Clone, Debug, Serialize)]
pub struct DocLine {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    /// Earlier documents of which this one is a near-copy.
    pub copy_of: Vec<String>,
}

/// `dossier story ID`: the story, its documents by date, its conflicting figures, and its key
/// quotes and events.
#[derive(Clone, Debug, Serialize)]
pub struct StoryPage {
    #[serde(flatten)]
    pub story: StoryLine,
    pub docs: Vec<DocLine>,
    pub conflicts: Vec<Conflict>,
    /// What its protagonists said, most repeated first ([`Corpus::key_quotes`]).
    pub key_quotes: Vec<QuoteRecord>,
    /// Its most reported events ([`Corpus::key_events`]).
    pub key_events: Vec<EventRecord>,
}

impl Corpus {
    /// Entities of `kind` (all when `None`), biggest first.
    pub fn entity_rows(
        &self,
        kind: Option<dossier_core::EntityType>,
        sort: Sort,
        limit: usize,
        offset: usize,
    ) -> Vec<EntityRow> {
        self.entity_rows_in(&self.ranked_entities(sort), kind, limit, offset)
    }

    /// The ids of all live entities, biggest first by `sort` (ties by id): the order of
    /// [`Corpus::entity_rows`], for a reader that lists many pages of one corpus.
    pub fn ranked_entities(&self, sort: Sort) -> Vec<u32> {
        let mut es: Vec<&Entity> = self.entities().collect();
        let key = |e: &Entity| match sort {
            Sort::Mentions => (e.mentions, e.documents.len() as u64),
            Sort::Documents => (e.documents.len() as u64, e.mentions),
        };
        es.sort_by(|x, y| key(y).cmp(&key(x)).then(x.id.cmp(&y.id)));
        es.into_iter().map(|e| e.id).collect()
    }

    /// A page of entities of `kind` (all when `None`) in the order `ranked` gives.
    pub fn entity_rows_in(
        &self,
        ranked: &[u32],
        kind: Option<dossier_core::EntityType>,
        limit: usize,
        offset: usize,
    ) -> Vec<EntityRow> {
        ranked
            .iter()
            .filter_map(|&id| self.entity(id))
            .filter(|e| kind.is_none() || e.label == kind)
            .skip(offset)
            .take(limit)
            .map(EntityRow::of)
            .collect()
    }

    /// How many live entities of `kind` (all when `None`) there are.
    pub fn count_entities(&self, kind: Option<dossier_core::EntityType>) -> usize {
        self.entities()
            .filter(|e| kind.is_none() || e.label == kind)
            .count()
    }

    /// The page of entity `arg` as `dossier entity` takes it: an id (`42` or `e42`) when an
    /// entity has it, else a name.
    pub fn entity_page_for(&self, arg: &str) -> Option<EntityPage> {
        crate::entity_id_arg(arg)
            .and_then(|id| self.entity_page_by_id(id))
            .or_else(|| self.entity_page(arg))
    }

    /// The page of the entity a typed name means best, or `None`.
    pub fn entity_page(&self, name: &str) -> Option<EntityPage> {
        let found = self.lookup(name);
        let e = *found.first()?;
        Some(self.page_of(e, &found[1..]))
    }

    /// The page of entity `id`.
    pub fn entity_page_by_id(&self, id: u32) -> Option<EntityPage> {
        self.entity(id).map(|e| self.page_of(e, &[]))
    }

    fn page_of(&self, e: &Entity, others: &[&Entity]) -> EntityPage {
        // Co-occurring entities, merges followed, most shared first.
        let mut related: HashMap<u32, u32> = HashMap::new();
        for (&other, &n) in &e.context {
            if let Some(o) = self.entity(other) {
                if o.id != e.id {
                    *related.entry(o.id).or_default() += n;
                }
            }
        }
        let mut related: Vec<(u32, u32)> = related.into_iter().collect();
        related.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut docs: Vec<&DocInfo> = e.documents.iter().filter_map(|d| self.doc(d)).collect();
        docs.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
        EntityPage {
            entity: EntityRow::of(e),
            documents: e.documents.iter().cloned().collect(),
            docs: docs.into_iter().take(PAGE_DOCS).map(doc_line).collect(),
            related: related
                .into_iter()
                .take(20)
                .filter_map(|(id, n)| self.entity(id).map(|o| brief(o, n)))
                .collect(),
            also: others.iter().take(5).map(|o| brief(o, 0)).collect(),
        }
    }

    fn is_copy(&self, id: &str) -> bool {
        self.doc(id).is_some_and(|d| !d.copy_of.is_empty())
    }

    pub fn stories(&self) -> impl Iterator<Item = &Story> {
        self.state.stories.iter()
    }

    /// The story an id (`12` or `s12`) names.
    pub fn story(&self, id: &str) -> Result<&Story> {
        id.trim()
            .trim_start_matches(['s', 'S'])
            .parse::<u32>()
            .ok()
            .and_then(|n| self.state.story(n))
            .ok_or_else(|| CorpusError::NoStory(id.to_string()))
    }

    /// A story as listed; `no_copies` leaves out documents that copy an earlier one.
    pub fn story_line(&self, s: &Story, no_copies: bool) -> StoryLine {
        StoryLine {
            id: s.id,
            title: s.title.clone(),
            documents: s
                .documents
                .iter()
                .filter(|d| !no_copies || !self.is_copy(d))
                .cloned()
                .collect(),
            start: s.start.clone(),
            end: s.end.clone(),
            entities: s
                .top_entities()
                .into_iter()
                .take(20)
                .map(|(name, count)| NameCount {
                    name: name.to_string(),
                    count,
                })
                .collect(),
            copies: s.documents.iter().filter(|d| self.is_copy(d)).count(),
        }
    }

    /// Every story with at least `min_docs` documents (copies counted unless `no_copies`).
    pub fn story_lines(&self, no_copies: bool, min_docs: usize) -> Vec<StoryLine> {
        self.stories()
            .map(|s| self.story_line(s, no_copies))
            .filter(|l| l.documents.len() >= min_docs)
            .collect()
    }

    /// The page of story `id`; `facts` gives the quote records and event reports of one member
    /// document by id ([`Corpus::story_facts`] reads them from the store).
    pub fn story_page(
        &self,
        id: &str,
        mut facts: impl FnMut(&str) -> Result<(Vec<QuoteRecord>, Vec<EventRecord>)>,
    ) -> Result<StoryPage> {
        let s = self.story(id)?;
        let (mut quotes, mut reports) = (Vec::new(), Vec::new());
        for d in &s.documents {
            let (q, r) = facts(d)?;
            quotes.extend(q);
            reports.extend(r);
        }
        let mut docs: Vec<DocLine> = s
            .documents
            .iter()
            .filter_map(|id| self.doc(id))
            .map(doc_line)
            .collect();
        docs.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        Ok(StoryPage {
            story: self.story_line(s, false),
            docs,
            conflicts: self.conflicts_of(s),
            key_quotes: self.key_quotes(s, quotes),
            key_events: self.key_events(reports),
        })
    }

    /// The quote records and event reports of a stored document, as `dossier quotes` and
    /// `dossier events` make them.
    pub fn story_facts(
        &self,
        store: &Store,
        doc: &str,
    ) -> Result<(Vec<QuoteRecord>, Vec<EventRecord>)> {
        let doc = store.load(&DocId(doc.to_string()))?;
        Ok((quotes_of(Some(self), &doc), self.event_reports(&doc)))
    }

    /// Figures of one story that disagree.
    pub fn conflicts_of(&self, story: &Story) -> Vec<Conflict> {
        let docs: Vec<&DocInfo> = story
            .documents
            .iter()
            .filter_map(|id| self.doc(id))
            .collect();
        let sources: Vec<ClaimSource> = docs
            .iter()
            .flat_map(|d| {
                d.claims.iter().map(move |c| ClaimSource {
                    doc: &d.id,
                    date: d.date.as_deref(),
                    outlet: d.outlet.as_deref(),
                    claim: &c.claim,
                    text: &c.text,
                    sentence: &c.sentence,
                })
            })
            .collect();
        find_conflicts(story.id, &sources)
    }

    /// Conflicts of one story, or of every story.
    pub fn conflicts(&self, story: Option<&str>) -> Result<Vec<Conflict>> {
        match story {
            Some(id) => Ok(self.conflicts_of(self.story(id)?)),
            None => Ok(self.stories().flat_map(|s| self.conflicts_of(s)).collect()),
        }
    }
}
