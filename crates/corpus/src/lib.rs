//! Corpus: what dossier knows across documents, kept in the store and grown as documents arrive.
//!
//! Takes analysed documents (mentions, quotes, events, claims filled by the per-document
//! pipeline) and the user's judgements; keeps a [`state::State`] in the store (`state` keys
//! `corpus` and `corpus.indexes`): the entity resolver, the near-copy index, the story clusters
//! and, per document, its story, copies, mention-to-entity map and numeric claims. `dossier ingest` calls
//! [`update`] after writing each run's documents, so a query never re-reads the corpus; readers
//! call [`Corpus::open`], which catches up in memory on anything the state lacks (an interrupted
//! ingest, new judgements).
//!
//! It also defines the records every front end prints ([`records`], [`views`]): the CLI's
//! `--json` and the HTTP API serialise the same structs.
//!
//! It does not analyse text (the stages do) nor decide what is the same entity or story (the
//! `resolve` and `stories` crates do); it orders their work and keeps their results.

pub mod events;
pub mod highlights;
pub mod records;
pub mod state;
pub mod views;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use dossier_core::DocId;
use dossier_resolve::{Entity, Judgements};
use dossier_store::Store;

pub use events::{select_events, EventQuery, MergeWithin};
pub use records::{
    in_range, name_matches, quotes_of, select_quotes, timeline, timeline_fact, ActorRef, FactIx,
    QuoteFilter, QuoteQuery, QuoteRecord, TimelineFact, TimelineQuery,
};
pub use state::{DocInfo, State};
pub use views::{DocLine, EntityBrief, EntityPage, EntityRow, Sort, StoryLine, StoryPage};

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error(transparent)]
    Store(#[from] dossier_store::StoreError),
    #[error("corpus state in the store is unreadable: {0}")]
    State(#[from] serde_json::Error),
    #[error("no story {0} (see `dossier stories`)")]
    NoStory(String),
    #[error("{path}: {reason}")]
    Judgements { path: PathBuf, reason: String },
}

/// The file of user judgements (merge, split, not-same) inside a data directory.
pub const JUDGEMENTS_FILE: &str = "judgements.tsv";

pub fn judgements_path(data: &Path) -> PathBuf {
    data.join(JUDGEMENTS_FILE)
}

/// The judgements of a data directory (none when the file does not exist).
pub fn read_judgements(data: &Path) -> Result<Judgements> {
    let path = judgements_path(data);
    let fail = |reason: String| CorpusError::Judgements {
        path: path.clone(),
        reason,
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => Judgements::parse(&text).map_err(fail),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Judgements::default()),
        Err(e) => Err(fail(e.to_string())),
    }
}

pub type Result<T> = std::result::Result<T, CorpusError>;

/// The store lock held while the corpus state is read, updated and saved.
const LOCK: &str = "corpus";

/// The corpus state with the user's judgements applied, ready to answer queries.
pub struct Corpus {
    state: State,
    /// Whether the state differs from what the store holds.
    dirty: bool,
    /// The store's save counter when the state was read (see [`stored_generation`]).
    generation: u64,
}

/// What [`update`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Update {
    /// Documents added to the corpus state.
    pub added: usize,
    /// Whether every document was resolved again because the judgements changed.
    pub reresolved: bool,
}

/// The state readers need (without the indexes), or None when there is none of this version.
fn load_state(store: &Store) -> Result<Option<State>> {
    let Some(bytes) = store.get_state(state::STATE_KEY)? else {
        return Ok(None);
    };
    // an older state has other fields: look at its version before reading it as this one
    #[derive(serde::Deserialize)]
    struct Version {
        version: u32,
    }
    if serde_json::from_slice::<Version>(&bytes)?.version != state::STATE_VERSION {
        return Ok(None);
    }
    let mut s: State = serde_json::from_slice(&bytes)?;
    s.reindex();
    Ok(Some(s))
}

/// Loads the indexes saved with `s`; false when they are missing or hold other documents.
fn attach_indexes(store: &Store, s: &mut State) -> Result<bool> {
    if s.has_indexes() {
        return Ok(true);
    }
    let Some(bytes) = store.get_state(state::INDEXES_KEY)? else {
        return Ok(false);
    };
    Ok(match serde_json::from_slice::<state::Indexes>(&bytes) {
        Ok(ix) => s.attach(ix),
        Err(_) => false,
    })
}

/// The whole state, ready to add documents to: a new one when none is stored or its parts
/// disagree (the documents are then added again from the store by [`catch_up`]).
fn load_for_writing(store: &Store, judgements: &Judgements) -> Result<State> {
    if let Some(mut s) = load_state(store)? {
        if attach_indexes(store, &mut s)? {
            return Ok(s);
        }
    }
    Ok(State::new(judgements.clone()))
}

/// Saves the indexes first, then the state: a run stopped in between leaves indexes that hold
/// more documents than the state, which the next load notices.
fn save_state(store: &Store, s: &State) -> Result<()> {
    if let Some(ix) = s.indexes() {
        store.put_state(state::INDEXES_KEY, &serde_json::to_vec(ix)?)?;
    }
    store.put_state(state::STATE_KEY, &serde_json::to_vec(s)?)?;
    Ok(())
}

/// Brings `state` up to date: every stored document in it (those in `fresh` without reading
/// them back), resolved under `judgements`. Returns what changed.
fn catch_up(
    store: &Store,
    state: &mut State,
    judgements: Judgements,
    fresh: &[dossier_core::Document],
) -> Result<Update> {
    let mut up = Update::default();
    let ids = store.ids()?;
    let lacking = fresh.iter().any(|d| !state.contains(d.id.as_str()))
        || ids.iter().any(|id| !state.contains(id.as_str()));
    if lacking && !attach_indexes(store, state)? {
        // the indexes do not go with this state: build it again from the documents
        *state = State::new(judgements.clone());
    }
    if state.judgements != judgements.to_string() {
        state.reresolve(judgements, |id| store.load(&DocId(id.to_string())))?;
        up.reresolved = true;
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for doc in fresh {
        seen.insert(doc.id.as_str());
        if state.add(doc) {
            up.added += 1;
        }
    }
    let missing: Vec<DocId> = ids
        .into_iter()
        .filter(|id| !state.contains(id.as_str()) && !seen.contains(id.as_str()))
        .collect();
    for id in missing {
        if state.add(&store.load(&id)?) {
            up.added += 1;
        }
    }
    if up.added > 0 {
        state.refresh_stories();
    }
    Ok(up)
}

/// Adds `fresh` (documents just written to `store`) and any stored document the corpus state
/// lacks, re-resolving everything when the judgements changed, and saves the state. Holds the
/// store's `corpus` lock throughout, so concurrent ingest processes take turns.
pub fn update(
    store: &Store,
    judgements: Judgements,
    fresh: &[dossier_core::Document],
) -> Result<Update> {
    let _turn = store.lock(LOCK)?;
    let mut state = load_for_writing(store, &judgements)?;
    let up = catch_up(store, &mut state, judgements, fresh)?;
    if up.added > 0 || up.reresolved {
        save_generation(store, &state, generation(store)?)?;
    }
    Ok(up)
}

/// The store key of a counter bumped by every save of the corpus state, so that a writer can
/// tell whether someone else saved since it loaded.
const GENERATION_KEY: &str = "corpus.generation";

/// How many times the corpus state of `store` was saved: a reader that kept a [`Corpus`] compares
/// it with [`Corpus::generation`] to tell whether to open it again.
pub fn stored_generation(store: &Store) -> Result<u64> {
    generation(store)
}

fn generation(store: &Store) -> Result<u64> {
    Ok(store
        .get_state(GENERATION_KEY)?
        .and_then(|b| <[u8; 8]>::try_from(b.as_slice()).ok())
        .map_or(0, u64::from_le_bytes))
}

fn save_generation(store: &Store, s: &State, previous: u64) -> Result<u64> {
    save_state(store, s)?;
    let next = previous + 1;
    store.put_state(GENERATION_KEY, &next.to_le_bytes())?;
    Ok(next)
}

/// An ingest run's hold on the corpus state: documents written by the run join it at each save
/// (every few thousand documents and at the end), in publication-date order. Saving seldom loses nothing: a document
/// stored but not yet in the saved state is added by the next run or reader. When another
/// process saved in between, its state is taken and this run's documents are added to it again
/// from the store, so concurrent runs never overwrite each other.
pub struct Session {
    state: State,
    judgements: Judgements,
    generation: u64,
    /// Documents written since the last save, as (publication date, id): they join the state at
    /// the save, in that order, so that the result does not depend on which worker thread
    /// finished first.
    pending: Vec<(String, DocId)>,
}

impl Session {
    /// Loads the state (under the corpus lock), bringing it up to date with the store first.
    pub fn open(store: &Store, judgements: Judgements) -> Result<Session> {
        let _turn = store.lock(LOCK)?;
        let mut generation = generation(store)?;
        let mut state = load_for_writing(store, &judgements)?;
        let up = catch_up(store, &mut state, judgements.clone(), &[])?;
        if up.added > 0 || up.reresolved {
            generation = save_generation(store, &state, generation)?;
        }
        Ok(Session {
            state,
            judgements,
            generation,
            pending: Vec::new(),
        })
    }

    /// Takes note of documents just written to the store; they join the state at the next save.
    pub fn add(&mut self, docs: &[dossier_core::Document]) -> usize {
        let before = self.pending.len();
        for d in docs.iter().filter(|d| !self.state.contains(d.id.as_str())) {
            let date = d.meta.date.as_ref().map(|f| f.value.clone());
            self.pending.push((date.unwrap_or_default(), d.id.clone()));
        }
        self.pending.len() - before
    }

    /// Documents noted since the last save.
    pub fn unsaved(&self) -> usize {
        self.pending.len()
    }

    /// Saves the state (under the corpus lock).
    pub fn save(&mut self, store: &Store) -> Result<()> {
        let _turn = store.lock(LOCK)?;
        let stored = generation(store)?;
        if stored == self.generation && self.pending.is_empty() {
            return Ok(());
        }
        if stored != self.generation {
            // someone else saved: start from theirs
            self.state = load_for_writing(store, &self.judgements)?;
        }
        let mut pending = std::mem::take(&mut self.pending);
        pending.sort();
        for (_, id) in &pending {
            if !self.state.contains(id.as_str()) {
                self.state.add(&store.load(id)?);
            }
        }
        self.state.refresh_stories();
        if stored != self.generation {
            // and whatever else is stored but missing from it
            catch_up(store, &mut self.state, self.judgements.clone(), &[])?;
        }
        self.generation = save_generation(store, &self.state, stored)?;
        Ok(())
    }
}

impl Corpus {
    /// The corpus of `store` under `judgements`. When the saved state lags behind the documents
    /// or the judgements, the difference is computed in memory (see [`Corpus::save`]).
    pub fn open(store: &Store, judgements: Judgements) -> Result<Corpus> {
        // read first: a save between the two reads makes the reader look again, never miss it
        let generation = generation(store)?;
        let (mut state, mut dirty) = match load_state(store)? {
            Some(s) => (s, false),
            None => (State::new(judgements.clone()), true),
        };
        let up = catch_up(store, &mut state, judgements, &[])?;
        dirty |= up.added > 0 || up.reresolved;
        Ok(Corpus {
            state,
            dirty,
            generation,
        })
    }

    /// The store's save counter when this corpus was read.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether `open` had to bring the saved state up to date.
    pub fn is_stale(&self) -> bool {
        self.dirty
    }

    /// Saves the state when `open` had to bring it up to date, so the next reader need not.
    /// A state saved meanwhile by someone who knows more documents is kept.
    pub fn save(&mut self, store: &Store) -> Result<()> {
        if !self.dirty {
            return Ok(());
        }
        let _turn = store.lock(LOCK)?;
        let newer = load_state(store)?.is_some_and(|s| s.docs.len() > self.state.docs.len());
        if !newer {
            save_generation(store, &self.state, generation(store)?)?;
        }
        self.dirty = false;
        Ok(())
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// Number of documents in the corpus.
    pub fn len(&self) -> usize {
        self.state.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.state.docs.is_empty()
    }

    pub fn doc(&self, id: &str) -> Option<&DocInfo> {
        self.state.doc(id)
    }

    /// The live entity (after merges) of mention `mention` of document `doc`.
    pub fn entity_of(&self, doc: &str, mention: usize) -> Option<&Entity> {
        let id = self.doc(doc)?.entities.get(mention).copied().flatten()?;
        let r = &self.state.resolver;
        r.get(r.canonical(id))
    }

    pub fn entity(&self, id: u32) -> Option<&Entity> {
        let r = &self.state.resolver;
        r.get(r.canonical(id))
    }

    /// Live entities (merged-away ones left out).
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.state
            .resolver
            .entities()
            .filter(|e| e.merged_into.is_none() && !e.aliases.is_empty())
    }

    /// Entities a typed name may mean, best first (any spelling, partial, case-insensitive).
    pub fn lookup(&self, name: &str) -> Vec<&Entity> {
        let mut out: Vec<&Entity> = Vec::new();
        for id in self.state.resolver.lookup(name) {
            if let Some(e) = self.entity(id) {
                if !out.iter().any(|o| o.id == e.id) {
                    out.push(e);
                }
            }
        }
        if out.is_empty() {
            // a name the resolver chose but never saw written ("United Kingdom" for "U.K.")
            let want = name.trim();
            out.extend(
                self.entities()
                    .filter(|e| e.name.eq_ignore_ascii_case(want)),
            );
        }
        out
    }
}

/// Who a query names, for filtering facts by actor: the entity the name means best, else the
/// words themselves. `e<id>` (as event records key actors) names entity `id` exactly.
pub struct ActorFilter {
    ids: Vec<u32>,
    query: String,
    /// The query was an entity id: only that entity matches, never words.
    exact: bool,
}

/// The entity id of `e<id>` (or a bare number), when `query` is one.
pub fn entity_id_arg(query: &str) -> Option<u32> {
    let q = query.trim();
    q.strip_prefix('e').unwrap_or(q).parse().ok()
}

impl ActorFilter {
    pub fn new(corpus: &Corpus, query: &str) -> ActorFilter {
        let q = query.trim();
        if let Some(id) = q
            .strip_prefix('e')
            .and_then(|n| n.parse::<u32>().ok())
            .and_then(|n| corpus.entity(n))
        {
            return ActorFilter {
                ids: vec![id.id],
                query: query.to_string(),
                exact: true,
            };
        }
        ActorFilter {
            ids: corpus
                .lookup(query)
                .first()
                .map(|e| e.id)
                .into_iter()
                .collect(),
            query: query.to_string(),
            exact: false,
        }
    }

    /// Whether the query named an entity by id (`e<id>`), so that words never match.
    pub fn is_exact(&self) -> bool {
        self.exact
    }

    pub fn matches(&self, a: &ActorRef) -> bool {
        self.matches_parts(a.id, &a.name, &a.text)
    }

    /// The same for an actor of an event record (keyed `e<id>` when resolved).
    pub fn matches_event_actor(&self, a: &dossier_events::record::ActorRef) -> bool {
        let id = a.id.strip_prefix('e').and_then(|n| n.parse().ok());
        self.matches_parts(id, &a.name, &a.text)
    }

    fn matches_parts(&self, id: Option<u32>, name: &str, text: &str) -> bool {
        match id {
            Some(id) if !self.ids.is_empty() => self.ids.contains(&id),
            _ if self.exact => false,
            _ => name_matches(name, &self.query) || name_matches(text, &self.query),
        }
    }

    /// Whether words written in a text (a speaker as quoted: "the minister") match the query.
    pub fn matches_words(&self, words: &str) -> bool {
        !self.exact && name_matches(words, &self.query)
    }
}

#[cfg(test)]
mod tests;
