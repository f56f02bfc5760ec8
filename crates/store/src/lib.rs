//! Store: documents and their layers, behind one interface with two back-ends.
//!
//! The embedded back-end (default) is one SQLite database inside the data directory; the shared
//! one is a PostgreSQL database (`Store::open_spec("postgres://…")`) that several ingest
//! workers write at once. Either way the original bytes, the clean text, the offset map, the
//! metadata and every annotation layer of a document are written in one transaction per batch,
//! keyed by the content hash, so re-ingesting adds nothing and a killed process leaves no half
//! document. Readers work while a writer writes. Full-text search is FTS5 (SQLite) or a
//! `tsvector` with a GIN index (PostgreSQL). Corpus stages serialise on `Store::lock`.
//!
//! Tokens are not stored: they are cheap to recompute and are most of a document's annotations.
//! It does not interpret corpus state: `get_state`/`put_state` keep opaque bytes.

mod pg;
mod sqlite;
mod sqlite_schema;

use std::path::{Path, PathBuf};

use dossier_core::{
    Block, Claim, DocId, Document, Event, Layers, Mention, Metadata, OffsetMap, Origin, Quote,
    Role, Sentence, Timex,
};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

pub use postgres;
pub use rusqlite;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("PostgreSQL error: {0}")]
    Pg(#[from] postgres::Error),
    #[error("no dossier store in {0} (run `dossier ingest --store …` first)")]
    Empty(String),
    #[error("cannot use data directory {path}: {source}")]
    Dir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no data directory at {0} (run `dossier ingest` first, or pass --data)")]
    Missing(PathBuf),
    #[error("the store at {path} has schema version {found}, newer than this dossier knows ({known}); upgrade dossier")]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    #[error("no document matches {0:?}")]
    NoDoc(String),
    #[error("{0:?} matches several documents; give more characters of the id")]
    Ambiguous(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The file name of the database inside the data directory.
pub const DB_FILE: &str = "dossier.db";

/// Everything of a document that is stored besides its text and bytes.
#[derive(Debug, Default, Serialize, Deserialize)]
struct StoredLayers {
    #[serde(default)]
    layers: Layers,
    #[serde(default)]
    blocks: Vec<Block>,
    #[serde(default)]
    sentences: Vec<Sentence>,
    #[serde(default)]
    mentions: Vec<Mention>,
    #[serde(default)]
    roles: Vec<Role>,
    #[serde(default)]
    timexes: Vec<Timex>,
    #[serde(default)]
    quotes: Vec<Quote>,
    #[serde(default)]
    events: Vec<Event>,
    #[serde(default)]
    claims: Vec<Claim>,
}

/// One line of `dossier docs`.
#[derive(Clone, Debug, Serialize)]
pub struct DocSummary {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    pub format: String,
    pub encoding: String,
    /// Bytes of clean text.
    pub length: usize,
}

/// One mention of a name, with the document it is in (see `Store::mentions_of`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NameMention {
    pub doc: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub start: i64,
    pub end: i64,
    pub label: String,
}

/// A name that occurs in documents with another (see `Store::cooccurring`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoName {
    pub name: String,
    pub label: String,
    pub documents: usize,
}

/// One search result.
#[derive(Clone, Debug, Serialize)]
pub struct Hit {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    /// A passage with the matched terms between `[` and `]`.
    pub snippet: String,
    /// BM25 score; lower is better, as SQLite reports it.
    pub rank: f64,
}

/// Most matches of a search ranked to choose its hits (see [`Store::search_found`]).
pub const SEARCH_DEPTH: usize = 1000;
/// Most matches of a search counted; past it the count is a lower bound.
pub const SEARCH_COUNT_CAP: usize = 10_000;

/// How many of the most recent matches a search ranks to serve a page: `depth`, or as many as
/// the page reaches; no more than an SQL `LIMIT` takes.
fn search_window(limit: usize, offset: usize, depth: usize) -> usize {
    depth
        .max(offset.saturating_add(limit))
        .min(i64::MAX as usize)
}

/// One page of a search (see [`Store::search_found`]).
#[derive(Clone, Debug)]
pub struct Found {
    pub hits: Vec<Hit>,
    /// Matches ranked to choose the hits: all of them when fewer than the depth match.
    pub ranked: usize,
    /// Documents that match, counted up to [`SEARCH_COUNT_CAP`].
    pub total: usize,
    /// More documents match than `total` (the count stopped at the cap).
    pub capped: bool,
}

/// One document as stored, column for column: what `dossier migrate` copies, byte for byte.
#[derive(Clone, Debug, PartialEq)]
pub struct DocRow {
    pub id: String,
    pub path: String,
    pub record: Option<i64>,
    pub format: String,
    pub encoding: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    /// `Metadata` as JSON.
    pub meta: String,
    pub text: String,
    pub source: Vec<u8>,
    /// `OffsetMap::to_bytes`.
    pub map: Vec<u8>,
    /// Every stored layer as JSON.
    pub layers: String,
    pub pipeline: String,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`; `None` when writing means now.
    pub ingested_at: Option<String>,
    /// The mention index rows, in layer order.
    pub mentions: Vec<MentionRow>,
}

/// One row of the mention index: a name as written, where, and its type.
#[derive(Clone, Debug, PartialEq)]
pub struct MentionRow {
    pub start: i64,
    pub end: i64,
    pub label: String,
    pub text: String,
}

// One value per open store: its size does not matter.
#[allow(clippy::large_enum_variant)]
enum Backend {
    Sqlite(sqlite::Sqlite),
    /// The in-memory SQLite database `conn()` hands out for a PostgreSQL store: empty, so raw
    /// SQLite queries fail with an error instead of reaching the wrong engine.
    Pg(pg::Pg, Connection),
}

pub struct Store {
    back: Backend,
    dir: PathBuf,
    spec: String,
}

/// Held while a corpus stage runs; other processes asking for the same name wait. Dropping it
/// (or the death of the process) releases the lock.
pub struct LockGuard {
    held: Held,
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        // Closing the file or the connection releases the lock too; unlocking first just
        // makes it immediate. Errors here cannot be reported and change nothing.
        match &mut self.held {
            Held::File(f) => {
                let _ = fs4::FileExt::unlock(f);
            }
            Held::Pg(c) => {
                let _ = c.batch_execute("SELECT pg_advisory_unlock_all()");
            }
        }
    }
}

// One value per open store: its size does not matter.
#[allow(clippy::large_enum_variant)]
enum Held {
    File(std::fs::File),
    Pg(postgres::Client),
}

/// True when `spec` names a PostgreSQL database rather than a data directory.
pub fn is_postgres(spec: &str) -> bool {
    spec.starts_with("postgres://") || spec.starts_with("postgresql://")
}

/// The spec with any password replaced by `***`, for messages.
pub fn redact(spec: &str) -> String {
    if !is_postgres(spec) {
        return spec.to_string();
    }
    let scheme_end = spec.find("://").map_or(0, |i| i + 3);
    let rest = &spec[scheme_end..];
    let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
    match rest[..auth_end].rfind('@') {
        Some(at) => match rest[..at].find(':') {
            Some(colon) => format!(
                "{}{}:***{}",
                &spec[..scheme_end],
                &rest[..colon],
                &rest[at..]
            ),
            None => spec.to_string(),
        },
        None => spec.to_string(),
    }
}

/// A LIKE pattern matching `q` anywhere, with `\` escaping the wildcards.
pub(crate) fn like_pattern(q: &str) -> String {
    format!(
        "%{}%",
        q.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

impl Store {
    /// Opens the store in `dir` for reading and writing, creating it when needed.
    pub fn open(dir: &Path) -> Result<Store> {
        Ok(Store::sqlite(sqlite::Sqlite::open(dir)?, dir))
    }

    /// Opens an existing store for reading only; never blocks on a writer.
    pub fn open_readonly(dir: &Path) -> Result<Store> {
        Ok(Store::sqlite(sqlite::Sqlite::open_readonly(dir)?, dir))
    }

    /// Opens the store `spec` names, creating or upgrading its schema: a `postgres://` URL, or
    /// else a data directory.
    pub fn open_spec(spec: &str) -> Result<Store> {
        if is_postgres(spec) {
            Store::pg(pg::Pg::open(spec)?, spec)
        } else {
            Store::open(Path::new(spec))
        }
    }

    /// Opens the existing store `spec` names for reading only.
    pub fn open_spec_readonly(spec: &str) -> Result<Store> {
        if is_postgres(spec) {
            Store::pg(pg::Pg::open_readonly(spec)?, spec)
        } else {
            Store::open_readonly(Path::new(spec))
        }
    }

    fn sqlite(s: sqlite::Sqlite, dir: &Path) -> Store {
        Store {
            back: Backend::Sqlite(s),
            dir: dir.to_path_buf(),
            spec: dir.to_string_lossy().into_owned(),
        }
    }

    fn pg(p: pg::Pg, spec: &str) -> Result<Store> {
        Ok(Store {
            back: Backend::Pg(p, Connection::open_in_memory()?),
            dir: PathBuf::new(),
            spec: spec.to_string(),
        })
    }

    /// The data directory of an embedded store; empty for PostgreSQL.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where the store lives, for messages (a URL's password hidden).
    pub fn spec(&self) -> String {
        redact(&self.spec)
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self.back, Backend::Pg(..))
    }

    /// The SQLite connection, for modules that query it directly. SQLite only: a PostgreSQL
    /// store answers with an empty in-memory database where every query fails; use the typed
    /// methods (`ids_after`, `last_seq`, `similar_names`, …) to work with both.
    pub fn conn(&self) -> &Connection {
        match &self.back {
            Backend::Sqlite(s) => &s.conn,
            Backend::Pg(_, empty) => empty,
        }
    }

    pub fn contains(&self, id: &DocId) -> Result<bool> {
        match &self.back {
            Backend::Sqlite(s) => s.contains(id.as_str()),
            Backend::Pg(p, _) => p.contains(id.as_str()),
        }
    }

    pub fn count(&self) -> Result<usize> {
        match &self.back {
            Backend::Sqlite(s) => s.count(),
            Backend::Pg(p, _) => p.count(),
        }
    }

    /// Writes documents in one transaction; returns, for each, whether it was new.
    pub fn write_batch(&mut self, docs: &[Document], pipeline: &str) -> Result<Vec<bool>> {
        let rows = docs
            .iter()
            .map(|d| to_row(d, pipeline))
            .collect::<Result<Vec<_>>>()?;
        self.write_rows(&rows)
    }

    /// Writes stored rows as they are (see `rows_after`); returns, for each, whether it was new.
    pub fn write_rows(&mut self, rows: &[DocRow]) -> Result<Vec<bool>> {
        match &mut self.back {
            Backend::Sqlite(s) => s.insert_rows(rows),
            Backend::Pg(p, _) => p.insert_rows(rows),
        }
    }

    /// Documents in the order they were ingested.
    pub fn documents(&self, limit: usize, offset: usize) -> Result<Vec<DocSummary>> {
        match &self.back {
            Backend::Sqlite(s) => s.documents(limit, offset),
            Backend::Pg(p, _) => p.documents(limit, offset),
        }
    }

    /// The full id of the one document whose id starts with `prefix`.
    pub fn resolve_id(&self, prefix: &str) -> Result<DocId> {
        let p = prefix.trim().to_ascii_lowercase();
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(StoreError::NoDoc(prefix.to_string()));
        }
        let upper = format!("{p}g");
        let ids = match &self.back {
            Backend::Sqlite(s) => s.ids_between(&p, &upper)?,
            Backend::Pg(pg, _) => pg.ids_between(&p, &upper)?,
        };
        let mut ids = ids.into_iter();
        match (ids.next(), ids.next()) {
            (None, _) => Err(StoreError::NoDoc(prefix.to_string())),
            (Some(id), None) => Ok(DocId(id)),
            _ => Err(StoreError::Ambiguous(prefix.to_string())),
        }
    }

    /// Loads a whole document (tokens excepted).
    pub fn load(&self, id: &DocId) -> Result<Document> {
        let row = match &self.back {
            Backend::Sqlite(s) => s.row(id.as_str())?,
            Backend::Pg(p, _) => p.row(id.as_str())?,
        };
        from_row(row.ok_or_else(|| StoreError::NoDoc(id.to_string()))?)
    }

    /// Ids of all documents in ingest order.
    pub fn ids(&self) -> Result<Vec<DocId>> {
        let ids = match &self.back {
            Backend::Sqlite(s) => s.ids()?,
            Backend::Pg(p, _) => p.ids()?,
        };
        Ok(ids.into_iter().map(DocId).collect())
    }

    /// Up to `limit` whole stored rows after sequence number `after` (0 = from the start),
    /// with their sequence numbers, in ingest order: for copying a store.
    pub fn rows_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, DocRow)>> {
        match &self.back {
            Backend::Sqlite(s) => s.rows_after(after, limit),
            Backend::Pg(p, _) => p.rows_after(after, limit),
        }
    }

    /// Up to `limit` (sequence number, id) pairs after `after`, in ingest order: for readers
    /// that catch up on what was added since they last looked.
    pub fn ids_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, DocId)>> {
        let rows = match &self.back {
            Backend::Sqlite(s) => s.ids_after(after, limit)?,
            Backend::Pg(p, _) => p.ids_after(after, limit)?,
        };
        Ok(rows.into_iter().map(|(n, id)| (n, DocId(id))).collect())
    }

    /// The sequence number of the last document written (0 when empty).
    pub fn last_seq(&self) -> Result<i64> {
        match &self.back {
            Backend::Sqlite(s) => s.last_seq(),
            Backend::Pg(p, _) => p.last_seq(),
        }
    }

    /// A corpus stage's saved state (e.g. `"resolve"`, `"stories"`), if any.
    pub fn get_state(&self, key: &str) -> Result<Option<Vec<u8>>> {
        match &self.back {
            Backend::Sqlite(s) => s.get_state(key),
            Backend::Pg(p, _) => p.get_state(key),
        }
    }

    /// Saves a corpus stage's state, replacing the previous one.
    pub fn put_state(&self, key: &str, value: &[u8]) -> Result<()> {
        match &self.back {
            Backend::Sqlite(s) => s.put_state(key, value),
            Backend::Pg(p, _) => p.put_state(key, value),
        }
    }

    /// The keys of all saved states, sorted.
    pub fn state_keys(&self) -> Result<Vec<String>> {
        match &self.back {
            Backend::Sqlite(s) => s.state_keys(),
            Backend::Pg(p, _) => p.state_keys(),
        }
    }

    /// Full-text search over titles and texts, best first. Each word of `query` must occur;
    /// `raw` passes the query as written: FTS5 syntax for SQLite (phrases, OR, NEAR, prefix*),
    /// web-search syntax for PostgreSQL ("phrases", or, -word). "Best" is among the
    /// [`SEARCH_DEPTH`] most recently stored matches when more match (see [`Store::search_found`]).
    pub fn search(&self, query: &str, raw: bool, limit: usize) -> Result<Vec<Hit>> {
        self.search_page(query, raw, limit, 0)
    }

    /// The hits of [`Store::search`] from the `offset`-th best on, at most `limit` of them: one
    /// page of results, without making snippets for the pages before it.
    pub fn search_page(
        &self,
        query: &str,
        raw: bool,
        limit: usize,
        offset: usize,
    ) -> Result<Vec<Hit>> {
        Ok(self.ranked(query, raw, limit, offset, SEARCH_DEPTH)?.0)
    }

    /// One page of a search and how many documents match. Scoring is what a search costs, so
    /// only the `max(depth, offset + limit)` most recently stored matches are ranked (all of
    /// them when fewer match): a word found in most of the corpus costs as much as one found
    /// in `depth` documents, and its best hits are the best of the recent ones. Matches are
    /// counted exactly up to [`SEARCH_COUNT_CAP`].
    pub fn search_found(
        &self,
        query: &str,
        raw: bool,
        limit: usize,
        offset: usize,
        depth: usize,
    ) -> Result<Found> {
        let window = search_window(limit, offset, depth);
        let (hits, ranked) = self.ranked(query, raw, limit, offset, depth)?;
        if ranked < window {
            return Ok(Found {
                hits,
                ranked,
                total: ranked,
                capped: false,
            });
        }
        // A window past the cap (a very deep page) is counted at least as far.
        let cap = SEARCH_COUNT_CAP.max(window);
        let counted = match &self.back {
            Backend::Sqlite(s) => s.count_matches(query, raw, cap.saturating_add(1))?,
            Backend::Pg(p, _) => p.count_matches(query, raw, cap.saturating_add(1))?,
        };
        Ok(Found {
            hits,
            ranked,
            total: counted.min(cap).max(ranked),
            capped: counted > cap,
        })
    }

    /// A page of the ranking of the `max(depth, offset + limit)` most recent matches, and how
    /// many matches were ranked.
    fn ranked(
        &self,
        query: &str,
        raw: bool,
        limit: usize,
        offset: usize,
        depth: usize,
    ) -> Result<(Vec<Hit>, usize)> {
        let window = search_window(limit, offset, depth);
        match &self.back {
            Backend::Sqlite(s) => s.search(query, raw, limit, offset, window),
            Backend::Pg(p, _) => p.search(query, raw, limit, offset, window),
        }
    }

    /// Up to `limit` mentions written exactly `name`, in ingest order of their documents.
    pub fn mentions_of(&self, name: &str, limit: usize) -> Result<Vec<NameMention>> {
        match &self.back {
            Backend::Sqlite(s) => s.mentions_of(name, limit),
            Backend::Pg(p, _) => p.mentions_of(name, limit),
        }
    }

    /// The `limit` names found in most of the (first `docs`) documents that mention `name`.
    pub fn cooccurring(&self, name: &str, docs: usize, limit: usize) -> Result<Vec<CoName>> {
        match &self.back {
            Backend::Sqlite(s) => s.cooccurring(name, docs, limit),
            Backend::Pg(p, _) => p.cooccurring(name, docs, limit),
        }
    }

    /// Names as written in the documents that resemble `query`, best first, with a
    /// similarity in 0..=1: trigram similarity on PostgreSQL, substring match on SQLite.
    pub fn similar_names(&self, query: &str, limit: usize) -> Result<Vec<(String, f64)>> {
        match &self.back {
            Backend::Sqlite(s) => s.similar_names(query, limit),
            Backend::Pg(p, _) => p.similar_names(query, limit),
        }
    }

    /// Waits for, then holds, the lock called `name` across processes (e.g. `"corpus"` while
    /// a corpus stage reads, updates and saves its state). PostgreSQL: an advisory lock;
    /// SQLite: a lock file in the data directory.
    pub fn lock(&self, name: &str) -> Result<LockGuard> {
        let held = match &self.back {
            Backend::Sqlite(_) => Held::File(sqlite::lock_file(&self.dir, name)?),
            Backend::Pg(p, _) => Held::Pg(p.lock(name)?),
        };
        Ok(LockGuard { held })
    }
}
/// What `Store::copy_into` did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CopyReport {
    /// Documents the target did not have.
    pub copied: usize,
    /// Documents the target already had (left as they were).
    pub present: usize,
    /// Corpus states written to the target.
    pub states: usize,
    /// Documents in the target afterwards.
    pub target_documents: usize,
}

impl Store {
    /// Copies every document (stored rows as they are: bytes, text, map, metadata, layers,
    /// mention index, ingest time) and every corpus state into `to`, in ingest order, `batch`
    /// documents per transaction. Documents the target has are left alone, so a copy that was
    /// interrupted or is repeated finishes without duplicates. States are written under the
    /// target's `"corpus"` lock, replacing the target's.
    pub fn copy_into(
        &self,
        to: &mut Store,
        batch: usize,
        mut progress: impl FnMut(&CopyReport),
    ) -> Result<CopyReport> {
        let mut report = CopyReport::default();
        let mut after = 0;
        loop {
            let rows = self.rows_after(after, batch.max(1))?;
            let Some(last) = rows.last().map(|r| r.0) else {
                break;
            };
            after = last;
            let rows: Vec<DocRow> = rows.into_iter().map(|r| r.1).collect();
            let fresh = to.write_rows(&rows)?;
            let new = fresh.iter().filter(|&&f| f).count();
            report.copied += new;
            report.present += fresh.len() - new;
            progress(&report);
        }
        let _guard = to.lock("corpus")?;
        for key in self.state_keys()? {
            if let Some(value) = self.get_state(&key)? {
                to.put_state(&key, &value)?;
                report.states += 1;
            }
        }
        report.target_documents = to.count()?;
        Ok(report)
    }
}

/// A document as its stored row.
fn to_row(d: &Document, pipeline: &str) -> Result<DocRow> {
    let m = &d.meta;
    let layers = StoredLayers {
        layers: d.layers,
        blocks: d.blocks.clone(),
        sentences: d.sentences.clone(),
        mentions: d.mentions.clone(),
        roles: d.roles.clone(),
        timexes: d.timexes.clone(),
        quotes: d.quotes.clone(),
        events: d.events.clone(),
        claims: d.claims.clone(),
    };
    let json = |e: serde_json::Error| StoreError::Corrupt(e.to_string());
    let field = |f: &Option<dossier_core::Field<String>>| f.as_ref().map(|f| f.value.clone());
    Ok(DocRow {
        id: d.id.0.clone(),
        path: d.origin.path.clone(),
        record: d.origin.record.map(|r| r as i64),
        format: d.origin.format.clone(),
        encoding: d.origin.encoding.clone(),
        title: field(&m.title),
        date: field(&m.date),
        outlet: field(&m.outlet),
        author: field(&m.author),
        url: field(&m.url),
        meta: serde_json::to_string(m).map_err(json)?,
        text: d.text.clone(),
        source: d.source.clone(),
        map: d.map.to_bytes(),
        layers: serde_json::to_string(&layers).map_err(json)?,
        pipeline: pipeline.to_string(),
        ingested_at: None,
        mentions: d
            .mentions
            .iter()
            .map(|x| MentionRow {
                start: x.span.start as i64,
                end: x.span.end as i64,
                label: x.label.as_str().to_string(),
                text: d.span_text(x.span).to_string(),
            })
            .collect(),
    })
}

/// A stored row as the document it holds (tokens excepted).
fn from_row(row: DocRow) -> Result<Document> {
    let id = row.id;
    let corrupt = |what: &str| StoreError::Corrupt(format!("document {id}: {what}"));
    let meta: Metadata = serde_json::from_str(&row.meta).map_err(|_| corrupt("metadata"))?;
    let map = OffsetMap::from_bytes(&row.map).ok_or_else(|| corrupt("offset map"))?;
    let l: StoredLayers = serde_json::from_str(&row.layers).map_err(|_| corrupt("layers"))?;
    Ok(Document {
        id: DocId(id.clone()),
        origin: Origin {
            path: row.path,
            record: row.record.map(|r| r as u64),
            format: row.format,
            encoding: row.encoding,
        },
        source: row.source,
        text: row.text,
        map,
        meta,
        layers: Layers(l.layers.0 & !Layers::TOKENS.0),
        blocks: l.blocks,
        tokens: Vec::new(),
        sentences: l.sentences,
        mentions: l.mentions,
        roles: l.roles,
        timexes: l.timexes,
        quotes: l.quotes,
        events: l.events,
        claims: l.claims,
    })
}

#[cfg(test)]
mod tests;
