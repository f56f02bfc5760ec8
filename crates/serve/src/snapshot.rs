//! The corpus as the server answers from it: a [`Corpus`] and every quote and event record of
//! the store, built once and replaced whole in the background when the store changes, so a
//! request only ever takes a reference to the current snapshot and never waits for a reload.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock, RwLock};
use std::time::{Duration, Instant};

use dossier_corpus::{
    read_judgements, stored_generation, timeline, Corpus, FactIx, MergeWithin, QuoteRecord, Sort,
    StoryLine, TimelineQuery,
};
use dossier_events::record::EventRecord;
use dossier_store::Store;
use dossier_stories::Conflict;

/// How often the store is asked whether the corpus changed.
pub const CHECK_EVERY: Duration = Duration::from_secs(2);
/// Documents written without a corpus save (an ingest between two saves, or a writer that
/// never saves) are picked up no more often than this, since each reload reads every document.
const NEW_DOCS_EVERY: Duration = Duration::from_secs(60);

/// What one request reads: the corpus and the records the CLI would gather from the store.
pub struct Snapshot {
    pub corpus: Corpus,
    /// Quote records of every document, in ingest order (as `dossier quotes` lists them), and
    /// each document's range of them.
    pub quotes: Vec<QuoteRecord>,
    pub doc_quotes: HashMap<String, Range<usize>>,
    /// Event reports of every document, in ingest order, and each document's range of them.
    pub reports: Vec<EventRecord>,
    pub doc_reports: HashMap<String, Range<usize>>,
    /// Reports merged within stories (as `dossier events` lists them), made on first use (see
    /// [`Snapshot::events`]) with the seconds it took.
    merged: OnceLock<(Vec<EventRecord>, f64)>,
    /// Entity ids by mentions and by documents (the orders of `dossier entities`).
    pub by_mentions: Vec<u32>,
    pub by_documents: Vec<u32>,
    /// Every story, copies counted and left out (`dossier stories`, before `--min-docs`).
    pub stories: Vec<StoryLine>,
    pub stories_no_copies: Vec<StoryLine>,
    /// Conflicts of every story (`dossier conflicts`).
    pub conflicts: Vec<Conflict>,
    /// The whole timeline (`dossier timeline` without filters).
    pub timeline: Vec<FactIx>,
    /// What the snapshot was built from: the corpus generation, the judgements and the last
    /// document's sequence number.
    pub generation: u64,
    pub judgements: String,
    pub last_seq: i64,
    /// Seconds each part of the build took, in order, and the server's resident memory (MB)
    /// after it, where the system tells (for `/api/status`).
    pub timings: Vec<(&'static str, f64, Option<u64>)>,
}

/// Seconds since `t` and the resident memory now; `t` moved to now.
fn lap(t: &mut Instant) -> (f64, Option<u64>) {
    let s = t.elapsed().as_secs_f64();
    *t = Instant::now();
    (s, resident_mb())
}

/// Resident memory of this process in MB (Linux only).
pub fn resident_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

impl Snapshot {
    /// Reads the corpus of `store` and every stored document's records.
    pub fn build(store: &Store, data: &Path) -> Result<Snapshot, String> {
        let mut t = Instant::now();
        let mut timings = Vec::new();
        let judgements = read_judgements(data).map_err(|e| e.to_string())?;
        let last_seq = store.last_seq().map_err(|e| e.to_string())?;
        let corpus = Corpus::open(store, judgements.clone()).map_err(|e| e.to_string())?;
        let (secs, mb) = lap(&mut t);
        timings.push(("corpus", secs, mb));
        let mut quotes = Vec::new();
        let mut reports = Vec::new();
        let mut doc_reports = HashMap::new();
        let mut doc_quotes = HashMap::new();
        for id in store.ids().map_err(|e| e.to_string())? {
            // A document written after the corpus was read is left for the next snapshot.
            if corpus.doc(id.as_str()).is_none() {
                continue;
            }
            let doc = store.load(&id).map_err(|e| e.to_string())?;
            let start = quotes.len();
            quotes.extend(dossier_corpus::quotes_of(Some(&corpus), &doc));
            doc_quotes.insert(id.0.clone(), start..quotes.len());
            let start = reports.len();
            reports.extend(corpus.event_reports(&doc));
            doc_reports.insert(id.0, start..reports.len());
        }
        let (secs, mb) = lap(&mut t);
        timings.push(("records", secs, mb));
        let timeline = timeline(&corpus, &quotes, &reports, &TimelineQuery::default());
        let (secs, mb) = lap(&mut t);
        timings.push(("timeline", secs, mb));
        let by_mentions = corpus.ranked_entities(Sort::Mentions);
        let by_documents = corpus.ranked_entities(Sort::Documents);
        let stories = corpus.story_lines(false, 1);
        let stories_no_copies = corpus.story_lines(true, 1);
        let (secs, mb) = lap(&mut t);
        timings.push(("lists", secs, mb));
        let conflicts = corpus.conflicts(None).map_err(|e| e.to_string())?;
        let (secs, mb) = lap(&mut t);
        timings.push(("conflicts", secs, mb));
        Ok(Snapshot {
            by_mentions,
            by_documents,
            stories,
            stories_no_copies,
            conflicts,
            timings,
            generation: corpus.generation(),
            judgements: corpus.state().judgements.clone(),
            last_seq,
            corpus,
            quotes,
            doc_quotes,
            reports,
            doc_reports,
            merged: OnceLock::new(),
            timeline,
        })
    }

    /// The quote records and event reports of one document (as
    /// [`Corpus::story_facts`] reads them from the store).
    pub fn facts_of(&self, doc: &str) -> (Vec<QuoteRecord>, Vec<EventRecord>) {
        let range = |m: &HashMap<String, Range<usize>>| m.get(doc).cloned().unwrap_or_default();
        (
            self.quotes[range(&self.doc_quotes)].to_vec(),
            self.reports[range(&self.doc_reports)].to_vec(),
        )
    }

    /// Reports merged within stories. Merging is most of what reading a large corpus costs,
    /// so the first snapshot is served before it is done (a thread of its own does it then);
    /// a caller that needs it first waits for it.
    pub fn events(&self) -> &[EventRecord] {
        &self
            .merged
            .get_or_init(|| {
                let t = Instant::now();
                let merged = self
                    .corpus
                    .merge_events(self.reports.clone(), MergeWithin::Story);
                (merged, t.elapsed().as_secs_f64())
            })
            .0
    }

    /// How many merged events there are and the seconds merging took, once it is done.
    pub fn events_done(&self) -> Option<(usize, f64)> {
        self.merged.get().map(|(e, t)| (e.len(), *t))
    }

    /// The event reports of one document.
    pub fn reports_of(&self, doc: &str) -> &[EventRecord] {
        self.doc_reports
            .get(doc)
            .map_or(&[], |r| &self.reports[r.clone()])
    }
}

/// The current snapshot, swapped whole by the reloader.
#[derive(Clone, Default)]
pub struct Current {
    slot: Arc<RwLock<Option<Arc<Snapshot>>>>,
    /// Why the last build failed, while there is no snapshot.
    error: Arc<RwLock<Option<String>>>,
}

impl Current {
    pub fn get(&self) -> Result<Arc<Snapshot>, String> {
        if let Some(s) = self.slot.read().ok().and_then(|s| s.clone()) {
            return Ok(s);
        }
        Err(self
            .error
            .read()
            .ok()
            .and_then(|e| e.clone())
            .unwrap_or_else(|| "the corpus is not loaded yet".to_string()))
    }

    fn set(&self, s: Result<Snapshot, String>) {
        match s {
            Ok(s) => {
                if let Ok(mut slot) = self.slot.write() {
                    *slot = Some(Arc::new(s));
                }
            }
            Err(e) => {
                if let Ok(mut err) = self.error.write() {
                    *err = Some(e);
                }
            }
        }
    }

    /// Builds the first snapshot now, then keeps it fresh from a thread of its own: every
    /// [`CHECK_EVERY`] it asks the store for the corpus generation (bumped by every save of
    /// the corpus state: `dossier ingest`, the judge commands), reads the judgements, and
    /// builds a new snapshot when either changed, or when documents were added and the last
    /// build is older than a while. Requests keep the old snapshot until the new one is whole.
    pub fn start(spec: String, data: std::path::PathBuf) -> Current {
        let current = Current::default();
        let open = move || Store::open_spec_readonly(&spec).map_err(|e| e.to_string());
        // On a thread of its own: the PostgreSQL client blocks on a runtime of its own, which
        // tokio refuses inside one (a caller may already run in one).
        let first = std::thread::scope(|s| {
            s.spawn(|| open().and_then(|store| Snapshot::build(&store, &data)))
                .join()
                .unwrap_or_else(|_| Err("reading the corpus failed".to_string()))
        });
        current.set(first);
        if let Ok(snap) = current.get() {
            let _ = std::thread::Builder::new()
                .name("dossier-merge".into())
                .spawn(move || {
                    snap.events();
                });
        }
        let bg = current.clone();
        std::thread::Builder::new()
            .name("dossier-reload".into())
            .spawn(move || {
                let mut store: Option<Store> = None;
                let mut built = Instant::now();
                loop {
                    std::thread::sleep(CHECK_EVERY);
                    if store.is_none() {
                        store = open().ok();
                    }
                    let Some(s) = store.as_ref() else { continue };
                    if bg.outdated(s, &data, built.elapsed()) {
                        // Whole before it is served: requests keep the old one meanwhile.
                        let next = Snapshot::build(s, &data).inspect(|n| {
                            n.events();
                        });
                        bg.set(next);
                        built = Instant::now();
                    }
                }
            })
            .expect("a thread for reloading the corpus");
        current
    }

    fn outdated(&self, store: &Store, data: &Path, since: Duration) -> bool {
        let Ok(snap) = self.slot.read().map(|s| s.clone()) else {
            return true;
        };
        let Some(snap) = snap else { return true };
        let generation = stored_generation(store).unwrap_or(snap.generation);
        let judgements = read_judgements(data).map(|j| j.to_string());
        let last_seq = store.last_seq().unwrap_or(snap.last_seq);
        generation != snap.generation
            || judgements.is_ok_and(|j| j != snap.judgements)
            || (last_seq != snap.last_seq && since >= NEW_DOCS_EVERY)
    }
}
