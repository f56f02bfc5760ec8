//! The corpus state: the resolver, the copy and story indexes and what is kept of each document,
//! grown one document at a time and kept in the store between runs.
//!
//! It is stored in three parts. Readers load only the first (`corpus`: the resolver, the stories
//! as listed and what is kept of each document); the near-copy index (`corpus.copies`: MinHash
//! signatures and bands) and the story index (`corpus.stories`: term vectors and postings) are
//! loaded only by whoever adds documents. Together they were four fifths of the state.

use std::collections::HashMap;

use dossier_core::{Claim, Document, Layers};
use dossier_resolve::{EntityId, Judgements, Resolver};
use dossier_stories::{claims, CopyIndex, Story, StoryConfig, StoryIndex, StoryInput};
use serde::{Deserialize, Serialize};

/// Bumped when the state's shape or meaning changes; an older state is rebuilt from the documents.
pub const STATE_VERSION: u32 = 4;
/// The store's state key of the corpus state (what readers load).
pub const STATE_KEY: &str = "corpus";
/// The store's state key of the indexes only writers load ([`Indexes`]).
pub const INDEXES_KEY: &str = "corpus.indexes";

/// A numeric claim with the words that make it and the sentence that holds it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoredClaim {
    pub claim: Claim,
    pub text: String,
    pub sentence: String,
}

/// What the corpus keeps of one document.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DocInfo {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    /// Earlier documents it is a near-copy of, with the estimated Jaccard similarity.
    pub copy_of: Vec<(String, f64)>,
    pub story: u32,
    /// The corpus entity of each of the document's mentions, as resolved when it arrived (follow
    /// merges with `Resolver::canonical`).
    pub entities: Vec<Option<EntityId>>,
    pub claims: Vec<StoredClaim>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct State {
    pub version: u32,
    /// The judgements the resolver was built with (their text form).
    pub judgements: String,
    pub resolver: Resolver,
    /// The stories as listed, by id, kept in step with the story index.
    pub stories: Vec<Story>,
    /// In the order the documents arrived.
    pub docs: Vec<DocInfo>,
    #[serde(skip)]
    by_id: HashMap<String, usize>,
    /// Loaded (or made) only when documents are to be added.
    #[serde(skip)]
    indexes: Option<Indexes>,
}

/// What only adding documents needs: the near-copy index and the story index, with the number
/// of documents they hold, so that a part saved apart from the state it goes with is noticed.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Indexes {
    pub docs: usize,
    pub copies: CopyIndex,
    pub stories: StoryIndex,
}

impl Default for Indexes {
    fn default() -> Self {
        Indexes {
            docs: 0,
            copies: CopyIndex::default(),
            stories: StoryIndex::new(StoryConfig::default()),
        }
    }
}

impl State {
    pub fn new(judgements: Judgements) -> State {
        State {
            version: STATE_VERSION,
            judgements: judgements.to_string(),
            resolver: Resolver::new(judgements),
            stories: Vec::new(),
            docs: Vec::new(),
            by_id: HashMap::new(),
            indexes: Some(Indexes::default()),
        }
    }

    /// Whether documents can be added (the indexes are loaded).
    pub fn has_indexes(&self) -> bool {
        self.indexes.is_some()
    }

    /// Gives the state its indexes (as saved with it); false when they do not hold the same
    /// documents, in which case the state must be rebuilt.
    pub fn attach(&mut self, indexes: Indexes) -> bool {
        if indexes.docs != self.docs.len() {
            return false;
        }
        self.indexes = Some(indexes);
        true
    }

    pub fn indexes(&self) -> Option<&Indexes> {
        self.indexes.as_ref()
    }

    /// The story with id `id`.
    pub fn story(&self, id: u32) -> Option<&Story> {
        match self.stories.get(id as usize) {
            Some(s) if s.id == id => Some(s),
            _ => self.stories.iter().find(|s| s.id == id),
        }
    }

    /// Copies the story index's stories (and each document's story) into what readers load;
    /// call after adding documents.
    pub fn refresh_stories(&mut self) {
        let Some(ix) = &self.indexes else {
            return;
        };
        self.stories = ix.stories.stories().cloned().collect();
        for d in &mut self.docs {
            if let Some(s) = ix.stories.story_of(&d.id) {
                d.story = s;
            }
        }
    }

    /// Rebuilds what is not serialised; call after deserialising.
    pub fn reindex(&mut self) {
        self.by_id = self
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
    }

    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    pub fn doc(&self, id: &str) -> Option<&DocInfo> {
        self.by_id.get(id).map(|&i| &self.docs[i])
    }

    /// Adds one document to every corpus structure; a document already present is left alone.
    /// Returns whether it was added. The indexes must be loaded ([`State::attach`]); call
    /// [`State::refresh_stories`] once a batch is added.
    pub fn add(&mut self, doc: &Document) -> bool {
        let id = doc.id.as_str();
        if self.contains(id) {
            return false;
        }
        debug_assert!(
            self.indexes.is_some(),
            "documents added without the indexes"
        );
        let resolution = self.resolver.resolve(doc);
        let field = |f: &Option<dossier_core::Field<String>>| f.as_ref().map(|f| f.value.clone());
        let (title, date, outlet) = (
            field(&doc.meta.title),
            field(&doc.meta.date),
            field(&doc.meta.outlet),
        );
        let mut copy_of = self
            .indexes
            .get_or_insert_with(Indexes::default)
            .copies
            .add(id, &doc.text);
        // A short notice ("Qtly div 15 cts vs 15 cts prior, pay April 15") is the same text for
        // every company that sends one and names the company only in its headline: it is a copy
        // of another only under the same headline. An article is a copy under any headline.
        if doc.text.split_whitespace().nth(SHORT_TEXT_WORDS).is_none() {
            copy_of.retain(|(other, _)| {
                let theirs = self.doc(other).and_then(|d| d.title.as_deref());
                same_headline(title.as_deref(), theirs)
            });
        }
        let ix = self.indexes.get_or_insert_with(Indexes::default);
        // Canonical names rather than spellings, so that "Mottaki" and "Muttaqi" count as one
        // shared entity between two articles.
        let names = self.resolver.mention_names(doc, &resolution);
        let input = StoryInput {
            id,
            title: title.as_deref().unwrap_or(""),
            text: &doc.text,
            date: date.as_deref(),
            entities: names,
        };
        // The document's layers give the kind of each name and the dates it names: the anchors
        // that tell two stories of the same kind apart (the path `dossier eval stories` measures).
        let story = ix.stories.add_document(&input, doc);
        ix.docs += 1;
        let found = if doc.layers.contains(Layers::CLAIMS) {
            doc.claims.clone()
        } else {
            claims::extract(doc)
        };
        let claims = found
            .into_iter()
            .map(|claim| StoredClaim {
                text: doc.span_text(claim.span).to_string(),
                sentence: doc
                    .sentences
                    .get(claim.sentence as usize)
                    .map_or("", |s| doc.span_text(s.span))
                    .trim()
                    .to_string(),
                claim,
            })
            .collect();
        self.by_id.insert(id.to_string(), self.docs.len());
        self.docs.push(DocInfo {
            id: id.to_string(),
            title,
            date,
            outlet,
            copy_of,
            story,
            entities: resolution.entity,
            claims,
        });
        true
    }

    /// Resolves every document again under new judgements, in arrival order; `load` gives each
    /// document back by id. Copies and stories do not depend on judgements and are kept.
    pub fn reresolve<E>(
        &mut self,
        judgements: Judgements,
        mut load: impl FnMut(&str) -> Result<Document, E>,
    ) -> Result<(), E> {
        self.judgements = judgements.to_string();
        self.resolver = Resolver::new(judgements);
        for i in 0..self.docs.len() {
            let doc = load(&self.docs[i].id)?;
            self.docs[i].entities = self.resolver.resolve(&doc).entity;
        }
        Ok(())
    }
}

/// Texts of at most this many words are notices, whose copies share their headline.
const SHORT_TEXT_WORDS: usize = 40;

/// Whether two headlines are the same: most of their words shared (case and punctuation aside);
/// a missing headline does not tell them apart.
fn same_headline(a: Option<&str>, b: Option<&str>) -> bool {
    let words = |t: &str| -> std::collections::BTreeSet<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    let (a, b) = (words(a), words(b));
    if a.is_empty() || b.is_empty() {
        return true;
    }
    let shared = a.intersection(&b).count();
    2 * shared >= a.len().max(b.len())
}
