//! The embedded back-end: one SQLite file in the data directory, WAL mode, FTS5.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::{
    sqlite_schema, CoName, DocRow, DocSummary, Hit, MentionRow, NameMention, Result, StoreError,
    DB_FILE,
};

/// How long a writer waits for another one before giving up.
const BUSY: Duration = Duration::from_secs(30);

/// Puts the file in WAL mode. The switch needs the file alone for a moment, and SQLite answers
/// "database is locked" at once, without its busy handler, when several processes open a new
/// store together: so wait and retry, as long as a writer would wait.
fn wal(conn: &Connection) -> Result<()> {
    let start = Instant::now();
    loop {
        let mode: String = match conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)) {
            Ok(m) => m,
            Err(e) if busy(&e) && start.elapsed() < BUSY => {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        if mode.eq_ignore_ascii_case("wal") {
            return Ok(());
        }
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Ok(()) => return Ok(()),
            Err(e) if busy(&e) && start.elapsed() < BUSY => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

fn busy(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

pub(crate) struct Sqlite {
    pub(crate) conn: Connection,
}

impl Sqlite {
    pub fn open(dir: &Path) -> Result<Sqlite> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Dir {
            path: dir.to_path_buf(),
            source,
        })?;
        let conn = Connection::open(dir.join(DB_FILE))?;
        conn.busy_timeout(BUSY)?;
        wal(&conn)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        sqlite_schema::migrate(&conn, dir)?;
        Ok(Sqlite { conn })
    }

    pub fn open_readonly(dir: &Path) -> Result<Sqlite> {
        let path = dir.join(DB_FILE);
        if !path.exists() {
            return Err(StoreError::Missing(dir.to_path_buf()));
        }
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(BUSY)?;
        sqlite_schema::check_version(&conn, dir)?;
        Ok(Sqlite { conn })
    }

    pub fn contains(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
            .exists([id])?)
    }

    pub fn count(&self) -> Result<usize> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))?
            as usize)
    }

    pub fn insert_rows(&mut self, rows: &[DocRow]) -> Result<Vec<bool>> {
        // IMMEDIATE takes the write lock up front (waiting up to the busy timeout): a deferred
        // transaction that read first would fail at once when another process wrote meanwhile.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut fresh = Vec::with_capacity(rows.len());
        {
            let mut ins = tx.prepare_cached(
                "INSERT OR IGNORE INTO documents (id, path, record, format, encoding, title, date, outlet, author, url, meta, text, source, map, layers, pipeline, ingested_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, coalesce(?17, strftime('%Y-%m-%dT%H:%M:%SZ','now')))",
            )?;
            let mut fts =
                tx.prepare_cached("INSERT INTO doc_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?;
            let mut men = tx.prepare_cached("INSERT INTO mentions (doc, idx, start, end, label, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
            for d in rows {
                let n = ins.execute(params![
                    d.id,
                    d.path,
                    d.record,
                    d.format,
                    d.encoding,
                    d.title,
                    d.date,
                    d.outlet,
                    d.author,
                    d.url,
                    d.meta,
                    d.text,
                    d.source,
                    d.map,
                    d.layers,
                    d.pipeline,
                    d.ingested_at,
                ])?;
                fresh.push(n == 1);
                if n == 1 {
                    let row = tx.last_insert_rowid();
                    fts.execute(params![row, d.title.as_deref().unwrap_or(""), d.text])?;
                    for (i, m) in d.mentions.iter().enumerate() {
                        men.execute(params![row, i as i64, m.start, m.end, m.label, m.text])?;
                    }
                }
            }
        }
        tx.commit()?;
        Ok(fresh)
    }

    pub fn documents(&self, limit: usize, offset: usize) -> Result<Vec<DocSummary>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, title, date, outlet, author, url, path, record, format, encoding, length(CAST(text AS BLOB))
             FROM documents
             WHERE n >= (SELECT n FROM documents INDEXED BY documents_order ORDER BY n LIMIT 1 OFFSET ?2)
             ORDER BY n LIMIT ?1",
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

    pub fn ids_between(&self, lo: &str, hi: &str) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE id >= ?1 AND id < ?2 LIMIT 2")?;
        let ids = st.query_map(params![lo, hi], |r| r.get(0))?;
        Ok(ids.collect::<std::result::Result<_, _>>()?)
    }

    /// The stored row of one document; `mentions` left empty (they repeat the layers).
    pub fn row(&self, id: &str) -> Result<Option<DocRow>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM documents WHERE id = ?1"
        ))?;
        Ok(st.query_row([id], read_row).optional()?.map(|(_, r)| r))
    }

    /// Up to `limit` whole rows (mentions included) after sequence number `after`, in order.
    pub fn rows_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, DocRow)>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM documents WHERE n > ?1 ORDER BY n LIMIT ?2"
        ))?;
        let mut rows: Vec<(i64, DocRow)> = st
            .query_map(params![after, limit as i64], read_row)?
            .collect::<std::result::Result<_, _>>()?;
        let mut men = self.conn.prepare_cached(
            "SELECT start, end, label, text FROM mentions WHERE doc = ?1 ORDER BY idx",
        )?;
        for (n, row) in &mut rows {
            row.mentions = men
                .query_map([*n], |r| {
                    Ok(MentionRow {
                        start: r.get(0)?,
                        end: r.get(1)?,
                        label: r.get(2)?,
                        text: r.get(3)?,
                    })
                })?
                .collect::<std::result::Result<_, _>>()?;
        }
        Ok(rows)
    }

    pub fn ids_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, String)>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT n, id FROM documents WHERE n > ?1 ORDER BY n LIMIT ?2")?;
        let rows = st.query_map(params![after, limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn last_seq(&self) -> Result<i64> {
        let n: Option<i64> = self
            .conn
            .prepare_cached("SELECT max(n) FROM documents")?
            .query_row([], |r| r.get(0))?;
        Ok(n.unwrap_or(0))
    }

    pub fn ids(&self) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id FROM documents ORDER BY n")?;
        let ids = st.query_map([], |r| r.get::<_, String>(0))?;
        Ok(ids.collect::<std::result::Result<_, _>>()?)
    }

    pub fn get_state(&self, key: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM state WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    pub fn put_state(&self, key: &str, value: &[u8]) -> Result<()> {
        self.conn.prepare_cached("INSERT INTO state (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")?.execute(params![key, value])?;
        Ok(())
    }

    pub fn state_keys(&self) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT key FROM state ORDER BY key")?;
        let keys = st.query_map([], |r| r.get::<_, String>(0))?;
        Ok(keys.collect::<std::result::Result<_, _>>()?)
    }

    /// The `window` most recent matches (FTS5 walks its postings by rowid, newest first, and
    /// stops there), ranked among themselves by BM25; the page is cut from that ranking and
    /// only its rows get snippets. `ORDER BY rank` over every match would score the whole
    /// posting list of a common word, most of the corpus. Gives the page and how many matches
    /// were ranked (fewer than `window` means all of them).
    pub fn search(
        &self,
        query: &str,
        raw: bool,
        limit: usize,
        offset: usize,
        window: usize,
    ) -> Result<(Vec<Hit>, usize)> {
        let q = fts_query(query, raw);
        if q.is_empty() || window == 0 {
            return Ok((Vec::new(), 0));
        }
        let mut st = self.conn.prepare_cached(
            "SELECT rowid, bm25(doc_fts, 2.0, 1.0) FROM doc_fts WHERE doc_fts MATCH ?1
             ORDER BY rowid DESC LIMIT ?2",
        )?;
        let mut ranked = st
            .query_map(params![q, window as i64], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?))
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let n = ranked.len();
        ranked.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        let page: Vec<(i64, f64)> = ranked.into_iter().skip(offset).take(limit).collect();
        let (Some(lo), Some(hi)) = (
            page.iter().map(|p| p.0).min(),
            page.iter().map(|p| p.0).max(),
        ) else {
            return Ok((Vec::new(), n));
        };
        // Snippets of the page's rows in one walk over the postings between them: a lookup
        // by rowid per hit seeks every term's posting list again and costs several times more.
        let wanted = format!(
            "[{}]",
            page.iter()
                .map(|p| p.0.to_string())
                .collect::<Vec<_>>()
                .join(",")
        );
        let mut snippets = std::collections::HashMap::with_capacity(page.len());
        let mut st = self.conn.prepare_cached(
            "SELECT rowid, CASE WHEN rowid IN (SELECT value FROM json_each(?4))
                THEN snippet(doc_fts, 1, '[', ']', '…', 24) END
             FROM doc_fts WHERE doc_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3",
        )?;
        let mut rows = st.query(params![q, lo, hi, wanted])?;
        while let Some(r) = rows.next()? {
            if let Some(snippet) = r.get::<_, Option<String>>(1)? {
                snippets.insert(r.get::<_, i64>(0)?, snippet);
            }
        }
        let mut doc = self
            .conn
            .prepare_cached("SELECT id, title, date, outlet FROM documents WHERE n = ?1")?;
        let hits = page
            .into_iter()
            .map(|(n, rank)| {
                let snippet = snippets.remove(&n).unwrap_or_default();
                Ok(doc.query_row([n], |r| {
                    Ok(Hit {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        date: r.get(2)?,
                        outlet: r.get(3)?,
                        snippet,
                        rank,
                    })
                })?)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((hits, n))
    }

    /// Documents matching `query`, counted up to `cap`: walking postings without scoring them
    /// costs about a tenth of a microsecond a match.
    pub fn count_matches(&self, query: &str, raw: bool, cap: usize) -> Result<usize> {
        let q = fts_query(query, raw);
        if q.is_empty() {
            return Ok(0);
        }
        let n: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM doc_fts WHERE doc_fts MATCH ?1 LIMIT ?2)",
            )?
            .query_row(params![q, cap.min(i64::MAX as usize) as i64], |r| r.get(0))?;
        Ok(n as usize)
    }

    pub fn mentions_of(&self, name: &str, limit: usize) -> Result<Vec<NameMention>> {
        let mut st = self.conn.prepare_cached(
            "SELECT d.id, d.title, d.date, d.outlet, m.start, m.end, m.label
             FROM mentions m JOIN documents d ON d.n = m.doc
             WHERE m.text = ?1 ORDER BY m.doc, m.idx LIMIT ?2",
        )?;
        let rows = st.query_map(params![name, limit as i64], |r| {
            Ok(NameMention {
                doc: r.get(0)?,
                title: r.get(1)?,
                date: r.get(2)?,
                outlet: r.get(3)?,
                start: r.get(4)?,
                end: r.get(5)?,
                label: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn cooccurring(&self, name: &str, docs: usize, limit: usize) -> Result<Vec<CoName>> {
        let mut st = self.conn.prepare_cached(
            "SELECT text, label, count(DISTINCT doc) AS c FROM mentions
             WHERE doc IN (SELECT DISTINCT doc FROM mentions WHERE text = ?1 ORDER BY doc LIMIT ?2)
               AND text <> ?1
             GROUP BY text, label ORDER BY c DESC, text, label LIMIT ?3",
        )?;
        let rows = st.query_map(params![name, docs as i64, limit as i64], |r| {
            Ok(CoName {
                name: r.get(0)?,
                label: r.get(1)?,
                documents: r.get::<_, i64>(2)? as usize,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Distinct mention texts that contain `query` (case-insensitive for ASCII), most
    /// frequent first, with a similarity in 0..=1 (share of the name the query covers).
    pub fn similar_names(&self, query: &str, limit: usize) -> Result<Vec<(String, f64)>> {
        let q = query.trim();
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let pattern = crate::like_pattern(q);
        let mut st = self.conn.prepare_cached(
            "SELECT text, count(*) AS c FROM mentions WHERE text LIKE ?1 ESCAPE '\\'
             GROUP BY text ORDER BY c DESC, text LIMIT ?2",
        )?;
        let rows = st.query_map(params![pattern, limit as i64], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for name in rows {
            let name = name?;
            let sim = q.chars().count() as f64 / name.chars().count().max(1) as f64;
            out.push((name, sim.min(1.0)));
        }
        Ok(out)
    }
}

const ROW_COLUMNS: &str = "n, id, path, record, format, encoding, title, date, outlet, author, url, meta, text, source, map, layers, pipeline, ingested_at";

fn read_row(r: &rusqlite::Row) -> rusqlite::Result<(i64, DocRow)> {
    Ok((
        r.get(0)?,
        DocRow {
            id: r.get(1)?,
            path: r.get(2)?,
            record: r.get(3)?,
            format: r.get(4)?,
            encoding: r.get(5)?,
            title: r.get(6)?,
            date: r.get(7)?,
            outlet: r.get(8)?,
            author: r.get(9)?,
            url: r.get(10)?,
            meta: r.get(11)?,
            text: r.get(12)?,
            source: r.get(13)?,
            map: r.get(14)?,
            layers: r.get(15)?,
            pipeline: r.get(16)?,
            ingested_at: Some(r.get(17)?),
            mentions: Vec::new(),
        },
    ))
}

/// Each whitespace-separated word as a quoted FTS5 string, so punctuation in names ("IS-K",
/// "U.S.") never becomes query syntax.
/// The FTS5 query of a search: as written when `raw`, else each word a quoted term.
fn fts_query(query: &str, raw: bool) -> String {
    if raw {
        query.to_string()
    } else {
        fts_terms(query)
    }
}

fn fts_terms(query: &str) -> String {
    query
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A lock file per name in the data directory, held with `flock` until the guard drops; the
/// kernel releases it when the process dies, so a killed worker never leaves it stuck.
pub(crate) fn lock_file(dir: &Path, name: &str) -> Result<std::fs::File> {
    let path: PathBuf = dir.join(format!("{}.lock", lock_file_name(name)));
    let dir_err = |source| StoreError::Dir {
        path: path.clone(),
        source,
    };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(dir_err)?;
    fs4::FileExt::lock(&file).map_err(dir_err)?;
    Ok(file)
}

/// Letters, digits, '-' and '_' kept; anything else hex-escaped, so any name is a safe file name.
fn lock_file_name(name: &str) -> String {
    let mut s = String::from("lock-");
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02x}"));
        }
    }
    s
}
