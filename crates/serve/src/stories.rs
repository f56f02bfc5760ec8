//! Stories, copies and conflicting figures, kept up to date with the fact index.
//!
//! The store does not keep story state yet, so the server feeds every document, in ingest
//! order, to the same incremental indexes `dossier stories` uses; story ids therefore match
//! the CLI's, and the records below are the CLI's `--json` shapes. Conflicts are worked out
//! per story when a document joins it, so no request computes them over the corpus.

use std::collections::{HashMap, HashSet};

use dossier_core::{Claim, Document, Layers};
use dossier_stories::{
    claims, find_conflicts, ClaimSource, Conflict, CopyIndex, Story, StoryConfig, StoryIndex,
    StoryInput,
};
use serde::Serialize;

/// What is kept of one document.
struct DocInfo {
    id: String,
    title: Option<String>,
    date: Option<String>,
    outlet: Option<String>,
    /// Earlier documents it is a copy of.
    copy_of: Vec<String>,
    /// Claims with their words and sentence.
    claims: Vec<(Claim, String, String)>,
}

pub struct StoryState {
    copies: CopyIndex,
    index: StoryIndex,
    docs: Vec<DocInfo>,
    by_id: HashMap<String, usize>,
    /// Conflicts per story, for the stories that have any.
    conflicts: HashMap<u32, Vec<Conflict>>,
    /// Stories that gained documents since conflicts were worked out.
    dirty: HashSet<u32>,
}

impl Default for StoryState {
    fn default() -> Self {
        StoryState {
            copies: CopyIndex::default(),
            index: StoryIndex::new(StoryConfig::default()),
            docs: Vec::new(),
            by_id: HashMap::new(),
            conflicts: HashMap::new(),
            dirty: HashSet::new(),
        }
    }
}

#[derive(Clone, Serialize)]
pub struct EntityCount {
    pub name: String,
    pub count: u32,
}

/// A story as `dossier stories --json` lists it.
#[derive(Clone, Serialize)]
pub struct StoryLine {
    pub id: u32,
    pub title: String,
    pub documents: Vec<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub entities: Vec<EntityCount>,
    /// Member documents that are copies of an earlier document.
    pub copies: usize,
}

#[derive(Clone, Serialize)]
pub struct DocLine {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub copy_of: Vec<String>,
}

/// A story as `dossier story ID --json` prints it.
#[derive(Clone, Serialize)]
pub struct StoryView {
    #[serde(flatten)]
    pub story: StoryLine,
    pub docs: Vec<DocLine>,
    pub conflicts: Vec<Conflict>,
}

impl StoryState {
    pub fn add(&mut self, doc: &Document) {
        let id = doc.id.0.as_str();
        if self.by_id.contains_key(id) {
            return;
        }
        let copy_of = self
            .copies
            .add(id, &doc.text)
            .into_iter()
            .map(|(o, _)| o)
            .collect();
        let val = |f: &Option<dossier_core::Field<String>>| f.as_ref().map(|f| f.value.clone());
        let (title, date, outlet) = (
            val(&doc.meta.title),
            val(&doc.meta.date),
            val(&doc.meta.outlet),
        );
        let story = self.index.add(&StoryInput {
            id,
            title: title.as_deref().unwrap_or(""),
            text: &doc.text,
            date: date.as_deref(),
            entities: doc.mentions.iter().map(|m| doc.span_text(m.span)).collect(),
        });
        let found = if doc.layers.contains(Layers::CLAIMS) {
            doc.claims.clone()
        } else {
            claims::extract(doc)
        };
        let claims: Vec<(Claim, String, String)> = found
            .into_iter()
            .map(|c| {
                let words = doc.span_text(c.span).to_string();
                let sentence = doc
                    .sentences
                    .get(c.sentence as usize)
                    .map_or("", |s| doc.span_text(s.span))
                    .trim()
                    .to_string();
                (c, words, sentence)
            })
            .collect();
        if !claims.is_empty() || self.conflicts.contains_key(&story) {
            self.dirty.insert(story);
        }
        self.by_id.insert(id.to_string(), self.docs.len());
        self.docs.push(DocInfo {
            id: id.to_string(),
            title,
            date,
            outlet,
            copy_of,
            claims,
        });
    }

    /// Works out the conflicts of the stories that changed.
    pub fn settle(&mut self) {
        for s in std::mem::take(&mut self.dirty) {
            let found = match self.index.story(s) {
                Some(story) => self.find(story),
                None => Vec::new(),
            };
            if found.is_empty() {
                self.conflicts.remove(&s);
            } else {
                self.conflicts.insert(s, found);
            }
        }
    }

    fn find(&self, story: &Story) -> Vec<Conflict> {
        let sources: Vec<ClaimSource> = story
            .documents
            .iter()
            .filter_map(|id| self.doc(id))
            .flat_map(|d| {
                d.claims
                    .iter()
                    .map(move |(c, words, sentence)| ClaimSource {
                        doc: &d.id,
                        date: d.date.as_deref(),
                        outlet: d.outlet.as_deref(),
                        claim: c,
                        text: words,
                        sentence,
                    })
            })
            .collect();
        find_conflicts(story.id, &sources)
    }

    fn doc(&self, id: &str) -> Option<&DocInfo> {
        self.by_id.get(id).map(|&i| &self.docs[i])
    }

    fn is_copy(&self, id: &str) -> bool {
        self.doc(id).is_some_and(|d| !d.copy_of.is_empty())
    }

    /// Stories in id order (the order the CLI lists them).
    pub fn stories(&self) -> impl Iterator<Item = &Story> {
        self.index.stories()
    }

    pub fn story(&self, id: u32) -> Option<&Story> {
        self.index.story(id)
    }

    /// The story a document was put in.
    pub fn story_of(&self, doc: &str) -> Option<u32> {
        self.index.story_of(doc)
    }

    /// How many documents of a story remain once copies are left out.
    pub fn originals(&self, s: &Story) -> usize {
        s.documents.iter().filter(|d| !self.is_copy(d)).count()
    }

    pub fn line(&self, s: &Story, no_copies: bool) -> StoryLine {
        StoryLine {
            id: s.id,
            title: s.title.clone(),
            documents: s
                .documents
                .iter()
                .filter(|d| !(no_copies && self.is_copy(d)))
                .cloned()
                .collect(),
            start: s.start.clone(),
            end: s.end.clone(),
            entities: s
                .top_entities()
                .into_iter()
                .take(20)
                .map(|(name, count)| EntityCount {
                    name: name.to_string(),
                    count,
                })
                .collect(),
            copies: s.documents.iter().filter(|d| self.is_copy(d)).count(),
        }
    }

    pub fn view(&self, s: &Story) -> StoryView {
        StoryView {
            story: self.line(s, false),
            docs: s
                .documents
                .iter()
                .filter_map(|id| self.doc(id))
                .map(|d| DocLine {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    date: d.date.clone(),
                    outlet: d.outlet.clone(),
                    copy_of: d.copy_of.clone(),
                })
                .collect(),
            conflicts: self.conflicts_of(s.id).to_vec(),
        }
    }

    pub fn conflicts_of(&self, story: u32) -> &[Conflict] {
        self.conflicts.get(&story).map_or(&[], Vec::as_slice)
    }

    /// Every conflict, by story id.
    pub fn all_conflicts(&self) -> Vec<&Conflict> {
        let mut ids: Vec<u32> = self.conflicts.keys().copied().collect();
        ids.sort_unstable();
        ids.iter().flat_map(|s| self.conflicts[s].iter()).collect()
    }
}
