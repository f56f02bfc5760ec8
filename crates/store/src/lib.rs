//! Store: documents and their layers in one SQLite database inside the data directory.
//!
//! The original bytes, the clean text, the offset map, the metadata and every annotation layer
//! of a document are written in one transaction, keyed by the content hash, so re-ingesting adds
//! nothing and a killed process leaves no half document. WAL mode lets readers (`serve`, a
//! second CLI) work while an ingest writes. Full-text search is FTS5 over title and text.
//!
//! Tokens are not stored: they are cheap to recompute and are most of a document's annotations.

mod schema;

use std::path::{Path, PathBuf};

use dossier_core::{
    Block, Claim, DocId, Document, Event, Layers, Mention, Metadata, OffsetMap, Origin, Quote,
    Role, Sentence, Timex,
};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};

pub use rusqlite;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
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

pub struct Store {
    conn: Connection,
    dir: PathBuf,
}

impl Store {
    /// Opens the store in `dir` for reading and writing, creating it when needed.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Dir {
            path: dir.to_path_buf(),
            source,
        })?;
        let conn = Connection::open(dir.join(DB_FILE))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        schema::migrate(&conn, dir)?;
        Ok(Store {
            conn,
            dir: dir.to_path_buf(),
        })
    }

    /// Opens an existing store for reading only; never blocks on a writer.
    pub fn open_readonly(dir: &Path) -> Result<Store> {
        let path = dir.join(DB_FILE);
        if !path.exists() {
            return Err(StoreError::Missing(dir.to_path_buf()));
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        schema::check_version(&conn, dir)?;
        Ok(Store {
            conn,
            dir: dir.to_path_buf(),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The connection, for stage modules that keep tables of their own.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn contains(&self, id: &DocId) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
            .exists([id.as_str()])?)
    }

    pub fn count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))?
            as usize)
    }

    /// Writes documents in one transaction; returns, for each, whether it was new.
    pub fn write_batch(&mut self, docs: &[Document], pipeline: &str) -> Result<Vec<bool>> {
        let tx = self.conn.transaction()?;
        let mut fresh = Vec::with_capacity(docs.len());
        {
            let mut ins = tx.prepare_cached(
                "INSERT OR IGNORE INTO documents (id, path, record, format, encoding, title, date, outlet, author, url, meta, text, source, map, layers, pipeline, ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
            )?;
            let mut fts =
                tx.prepare_cached("INSERT INTO doc_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?;
            let mut men = tx.prepare_cached("INSERT INTO mentions (doc, idx, start, end, label, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
            for d in docs {
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
                let title = m.title.as_ref().map(|f| f.value.as_str());
                let n = ins.execute(params![
                    d.id.as_str(),
                    d.origin.path,
                    d.origin.record.map(|r| r as i64),
                    d.origin.format,
                    d.origin.encoding,
                    title,
                    m.date.as_ref().map(|f| &f.value),
                    m.outlet.as_ref().map(|f| &f.value),
                    m.author.as_ref().map(|f| &f.value),
                    m.url.as_ref().map(|f| &f.value),
                    serde_json::to_string(m).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    d.text,
                    d.source,
                    d.map.to_bytes(),
                    serde_json::to_string(&layers)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    pipeline,
                ])?;
                fresh.push(n == 1);
                if n == 1 {
                    let row = tx.last_insert_rowid();
                    fts.execute(params![row, title.unwrap_or(""), d.text])?;
                    for (i, mention) in d.mentions.iter().enumerate() {
                        men.execute(params![
                            row,
                            i as i64,
                            mention.span.start,
                            mention.span.end,
                            mention.label.as_str(),
                            d.span_text(mention.span)
                        ])?;
                    }
                }
            }
        }
        tx.commit()?;
        Ok(fresh)
    }

    /// Documents in the order they were ingested.
    pub fn documents(&self, limit: usize, offset: usize) -> Result<Vec<DocSummary>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, title, date, outlet, author, url, path, record, format, encoding, length(CAST(text AS BLOB))
             FROM documents ORDER BY n LIMIT ?1 OFFSET ?2",
        )?;
        let rows = st.query_map(params![limit as i64, offset as i64], |r| {
            Ok(DocSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                date: r.get(2)?,
                outlet: r.get(3)?,
                author: r.get(4)?,
                url: r.get(5)?,
                path: r.get(6)?,
                record: r.get::<_, Option<i64>>(7)?.map(|x| x as u64),
                format: r.get(8)?,
                encoding: r.get(9)?,
                length: r.get::<_, i64>(10)? as usize,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The full id of the one document whose id starts with `prefix`.
    pub fn resolve_id(&self, prefix: &str) -> Result<DocId> {
        let p = prefix.trim().to_ascii_lowercase();
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(StoreError::NoDoc(prefix.to_string()));
        }
        let mut st = self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE id >= ?1 AND id < ?2 LIMIT 2")?;
        let upper = format!("{p}g");
        let ids: Vec<String> = st
            .query_map(params![p, upper], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        match ids.len() {
            0 => Err(StoreError::NoDoc(prefix.to_string())),
            1 => Ok(DocId(ids.into_iter().next().unwrap())),
            _ => Err(StoreError::Ambiguous(prefix.to_string())),
        }
    }

    /// Loads a whole document (tokens excepted).
    pub fn load(&self, id: &DocId) -> Result<Document> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, path, record, format, encoding, meta, text, source, map, layers FROM documents WHERE id = ?1",
        )?;
        let row = st
            .query_row([id.as_str()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, Vec<u8>>(7)?,
                    r.get::<_, Vec<u8>>(8)?,
                    r.get::<_, String>(9)?,
                ))
            })
            .optional()?
            .ok_or_else(|| StoreError::NoDoc(id.to_string()))?;
        let (id, path, record, format, encoding, meta, text, source, map, layers) = row;
        let corrupt = |what: &str| StoreError::Corrupt(format!("document {id}: {what}"));
        let meta: Metadata = serde_json::from_str(&meta).map_err(|_| corrupt("metadata"))?;
        let map = OffsetMap::from_bytes(&map).ok_or_else(|| corrupt("offset map"))?;
        let l: StoredLayers = serde_json::from_str(&layers).map_err(|_| corrupt("layers"))?;
        Ok(Document {
            id: DocId(id.clone()),
            origin: Origin {
                path,
                record: record.map(|r| r as u64),
                format,
                encoding,
            },
            source,
            text,
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

    /// Ids of all documents in ingest order.
    pub fn ids(&self) -> Result<Vec<DocId>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id FROM documents ORDER BY n")?;
        let ids = st.query_map([], |r| r.get::<_, String>(0).map(DocId))?;
        Ok(ids.collect::<std::result::Result<_, _>>()?)
    }

    /// A corpus stage's saved state (e.g. `"resolve"`, `"stories"`), if any.
    pub fn get_state(&self, key: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM state WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// Saves a corpus stage's state, replacing the previous one.
    pub fn put_state(&self, key: &str, value: &[u8]) -> Result<()> {
        self.conn.prepare_cached("INSERT INTO state (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")?.execute(params![key, value])?;
        Ok(())
    }

    /// Full-text search over titles and texts, best first. Each word of `query` must occur;
    /// `raw` passes the query to FTS5 as written (phrases, OR, NEAR, prefix*).
    pub fn search(&self, query: &str, raw: bool, limit: usize) -> Result<Vec<Hit>> {
        let q = if raw {
            query.to_string()
        } else {
            fts_terms(query)
        };
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let mut st = self.conn.prepare_cached(
            "SELECT d.id, d.title, d.date, d.outlet, snippet(doc_fts, 1, '[', ']', '…', 24), bm25(doc_fts, 2.0, 1.0) AS score
             FROM doc_fts JOIN documents d ON d.n = doc_fts.rowid
             WHERE doc_fts MATCH ?1 ORDER BY score LIMIT ?2",
        )?;
        let hits = st.query_map(params![q, limit as i64], |r| {
            Ok(Hit {
                id: r.get(0)?,
                title: r.get(1)?,
                date: r.get(2)?,
                outlet: r.get(3)?,
                snippet: r.get(4)?,
                rank: r.get(5)?,
            })
        })?;
        Ok(hits.collect::<std::result::Result<_, _>>()?)
    }
}

/// Each whitespace-separated word as a quoted FTS5 string, so punctuation in names ("IS-K",
/// "U.S.") never becomes query syntax.
fn fts_terms(query: &str) -> String {
    query
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests;
