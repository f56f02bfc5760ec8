//! The shared back-end: one PostgreSQL database that several ingest workers write and several
//! readers read. A batch is one statement per table (arrays unnested server-side) inside one
//! transaction; `ON CONFLICT (id) DO NOTHING` makes concurrent and repeated ingests idempotent.
//! Full-text search is a `tsvector` (title weighted above text) under a GIN index; names get a
//! trigram index for forgiving lookup.

use std::collections::HashSet;
use std::sync::{Mutex, MutexGuard};

use postgres::{Client, NoTls, Transaction};

use crate::{CoName, DocRow, DocSummary, Hit, MentionRow, NameMention, Result, StoreError};

/// Schema versions, applied once each, in order, inside one transaction under an advisory
/// lock, so workers starting together do not race. The version lives in `dossier_schema`.
const MIGRATIONS: &[&str] = &[
    // 1: documents with their search vector, mentions, corpus state.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE EXTENSION IF NOT EXISTS unaccent;
    CREATE TEXT SEARCH CONFIGURATION dossier (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION dossier
        ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    CREATE TABLE documents (
        n BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        record BIGINT,
        format TEXT NOT NULL,
        encoding TEXT NOT NULL,
        title TEXT,
        date TEXT,
        outlet TEXT,
        author TEXT,
        url TEXT,
        meta TEXT NOT NULL,
        text TEXT NOT NULL,
        -- The clean text, exactly, when it holds NUL characters (PostgreSQL text cannot);
        -- `text` then has them as spaces.
        text_exact BYTEA,
        source BYTEA NOT NULL,
        map BYTEA NOT NULL,
        layers TEXT NOT NULL,
        pipeline TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        length BIGINT NOT NULL,
        fts TSVECTOR NOT NULL
    );
    CREATE INDEX documents_date ON documents (date);
    CREATE INDEX documents_fts ON documents USING GIN (fts);
    CREATE TABLE mentions (
        doc BIGINT NOT NULL REFERENCES documents (n),
        idx INTEGER NOT NULL,
        start BIGINT NOT NULL,
        \"end\" BIGINT NOT NULL,
        label TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (doc, idx)
    );
    CREATE INDEX mentions_text ON mentions (text);
    CREATE INDEX mentions_trgm ON mentions USING GIN (text gin_trgm_ops);
    CREATE TABLE state (
        key TEXT PRIMARY KEY,
        value BYTEA NOT NULL
    );",
];

pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Text indexed for search per document. A `tsvector` holds at most 1 MB, so very long texts
/// are indexed on their first part only (the whole text is still stored).
const FTS_BYTES: usize = 256 * 1024;

/// Attempts for a batch that PostgreSQL aborted as a deadlock or serialisation failure (two
/// workers inserting the same documents in different orders).
const ATTEMPTS: usize = 5;

pub(crate) struct Pg {
    client: Mutex<Client>,
    url: String,
}

impl Pg {
    pub fn open(url: &str) -> Result<Pg> {
        let mut client = Client::connect(url, NoTls)?;
        migrate(&mut client, url)?;
        Ok(Pg {
            client: Mutex::new(client),
            url: url.to_string(),
        })
    }

    /// A session whose transactions cannot write, on a database that must hold a store.
    pub fn open_readonly(url: &str) -> Result<Pg> {
        let mut client = Client::connect(url, NoTls)?;
        client.batch_execute("SET default_transaction_read_only = on")?;
        let found = version(&mut client)?;
        if found == 0 {
            return Err(StoreError::Empty(crate::redact(url)));
        }
        if found > VERSION {
            return Err(StoreError::TooNew {
                path: crate::redact(url).into(),
                found,
                known: VERSION,
            });
        }
        Ok(Pg {
            client: Mutex::new(client),
            url: url.to_string(),
        })
    }

    fn client(&self) -> Result<MutexGuard<'_, Client>> {
        self.client
            .lock()
            .map_err(|_| StoreError::Corrupt("database connection poisoned".into()))
    }

    pub fn contains(&self, id: &str) -> Result<bool> {
        let mut c = self.client()?;
        Ok(!c
            .query("SELECT 1 FROM documents WHERE id = $1", &[&id])?
            .is_empty())
    }

    pub fn count(&self) -> Result<usize> {
        let mut c = self.client()?;
        let n: i64 = c.query_one("SELECT count(*) FROM documents", &[])?.get(0);
        Ok(n as usize)
    }

    pub fn insert_rows(&mut self, rows: &[DocRow]) -> Result<Vec<bool>> {
        let mut c = self.client()?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut tx = c.transaction()?;
            match insert(&mut tx, rows).and_then(|fresh| tx.commit().map(|_| fresh)) {
                Ok(fresh) => return Ok(fresh),
                Err(e) if attempt < ATTEMPTS && retryable(&e) => continue,
                Err(e) => return Err(e.into()),
            }
        }
    }

    pub fn documents(&self, limit: usize, offset: usize) -> Result<Vec<DocSummary>> {
        let mut c = self.client()?;
        let rows = c.query(
            "SELECT id, title, date, outlet, author, url, path, record, format, encoding, length
             FROM documents ORDER BY n LIMIT $1 OFFSET $2",
            &[&(limit.min(i64::MAX as usize) as i64), &(offset as i64)],
        )?;
        Ok(rows
            .iter()
            .map(|r| DocSummary {
                id: r.get(0),
                title: r.get(1),
                date: r.get(2),
                outlet: r.get(3),
                author: r.get(4),
                url: r.get(5),
                path: r.get(6),
                record: r.get::<_, Option<i64>>(7).map(|x| x as u64),
                format: r.get(8),
                encoding: r.get(9),
                length: r.get::<_, i64>(10) as usize,
            })
            .collect())
    }

    pub fn ids_between(&self, lo: &str, hi: &str) -> Result<Vec<String>> {
        let mut c = self.client()?;
        // COLLATE "C": ids are hex, compared bytewise whatever the database's locale.
        let rows = c.query(
            "SELECT id FROM documents WHERE id COLLATE \"C\" >= $1 AND id COLLATE \"C\" < $2 LIMIT 2",
            &[&lo, &hi],
        )?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    pub fn row(&self, id: &str) -> Result<Option<DocRow>> {
        let mut c = self.client()?;
        let rows = c.query(
            &format!("SELECT {ROW_COLUMNS} FROM documents WHERE id = $1"),
            &[&id],
        )?;
        rows.first()
            .map(read_row)
            .transpose()
            .map(|r| r.map(|r| r.1))
    }

    pub fn rows_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, DocRow)>> {
        let mut c = self.client()?;
        let found = c.query(
            &format!("SELECT {ROW_COLUMNS} FROM documents WHERE n > $1 ORDER BY n LIMIT $2"),
            &[&after, &(limit as i64)],
        )?;
        let mut rows = found.iter().map(read_row).collect::<Result<Vec<_>>>()?;
        let ns: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let men = c.query(
            "SELECT doc, start, \"end\", label, text FROM mentions WHERE doc = ANY($1) ORDER BY doc, idx",
            &[&ns],
        )?;
        let mut at = 0;
        for m in &men {
            let doc: i64 = m.get(0);
            while at < rows.len() && rows[at].0 != doc {
                at += 1;
            }
            if let Some((_, row)) = rows.get_mut(at) {
                row.mentions.push(MentionRow {
                    start: m.get(1),
                    end: m.get(2),
                    label: m.get(3),
                    text: m.get(4),
                });
            }
        }
        Ok(rows)
    }

    pub fn ids_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, String)>> {
        let mut c = self.client()?;
        let rows = c.query(
            "SELECT n, id FROM documents WHERE n > $1 ORDER BY n LIMIT $2",
            &[&after, &(limit as i64)],
        )?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    pub fn last_seq(&self) -> Result<i64> {
        let mut c = self.client()?;
        let n: Option<i64> = c.query_one("SELECT max(n) FROM documents", &[])?.get(0);
        Ok(n.unwrap_or(0))
    }

    pub fn ids(&self) -> Result<Vec<String>> {
        let mut c = self.client()?;
        let rows = c.query("SELECT id FROM documents ORDER BY n", &[])?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    pub fn get_state(&self, key: &str) -> Result<Option<Vec<u8>>> {
        let mut c = self.client()?;
        let rows = c.query("SELECT value FROM state WHERE key = $1", &[&key])?;
        Ok(rows.first().map(|r| r.get(0)))
    }

    pub fn put_state(&self, key: &str, value: &[u8]) -> Result<()> {
        let mut c = self.client()?;
        c.execute(
            "INSERT INTO state (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&key, &value],
        )?;
        Ok(())
    }

    pub fn state_keys(&self) -> Result<Vec<String>> {
        let mut c = self.client()?;
        let rows = c.query("SELECT key FROM state ORDER BY key", &[])?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    /// Each word must occur (`plainto_tsquery`); `raw` reads web-search syntax: "phrases",
    /// `or`, `-word`. As with SQLite, only the `window` most recent matches (by `n`) are
    /// ranked, among themselves; rank is the negated `ts_rank_cd`, so lower is better. Gives
    /// the page and how many matches were ranked (fewer than `window` means all of them).
    pub fn search(
        &self,
        query: &str,
        raw: bool,
        limit: usize,
        offset: usize,
        window: usize,
    ) -> Result<(Vec<Hit>, usize)> {
        let q = no_nul(query);
        if q.trim().is_empty() || window == 0 {
            return Ok((Vec::new(), 0));
        }
        let parse = ts_parser(raw);
        let mut c = self.client()?;
        let rows = c.query(
            &format!(
                "WITH q AS (SELECT {parse}('dossier', $1) AS q),
                 recent AS MATERIALIZED (
                    SELECT d.n FROM documents d, q
                    WHERE d.fts @@ q.q ORDER BY d.n DESC LIMIT $4),
                 best AS (
                    SELECT d.n, ts_rank_cd(d.fts, q.q) AS r, count(*) OVER () AS ranked
                    FROM recent JOIN documents d ON d.n = recent.n, q
                    ORDER BY r DESC, d.n LIMIT $2 OFFSET $3)
                 SELECT d.id, d.title, d.date, d.outlet,
                    ts_headline('dossier', left(d.text, {FTS_BYTES}), q.q,
                        'StartSel=[, StopSel=], MaxWords=24, MinWords=12, ShortWord=1, MaxFragments=1, FragmentDelimiter=…'),
                    best.r, best.ranked
                 FROM best JOIN documents d ON d.n = best.n, q
                 ORDER BY best.r DESC, d.n"
            ),
            &[
                &q.as_ref(),
                &sql_count(limit),
                &sql_count(offset),
                &sql_count(window),
            ],
        )?;
        let mut ranked = rows.first().map_or(0, |r| r.get::<_, i64>(6) as usize);
        if rows.is_empty() && (offset > 0 || limit == 0) {
            // No row to tell how many were ranked (the page is past the end): ask.
            let n: i64 = c
                .query_one(
                    &format!(
                        "SELECT count(*) FROM (SELECT 1 FROM documents d
                         WHERE d.fts @@ {parse}('dossier', $1) ORDER BY d.n DESC LIMIT $2) m"
                    ),
                    &[&q.as_ref(), &sql_count(window)],
                )?
                .get(0);
            ranked = n as usize;
        }
        let hits = rows
            .iter()
            .map(|r| Hit {
                id: r.get(0),
                title: r.get(1),
                date: r.get(2),
                outlet: r.get(3),
                snippet: r.get(4),
                rank: -(r.get::<_, f32>(5) as f64),
            })
            .collect();
        Ok((hits, ranked))
    }

    /// Documents matching `query`, counted up to `cap`.
    pub fn count_matches(&self, query: &str, raw: bool, cap: usize) -> Result<usize> {
        let q = no_nul(query);
        if q.trim().is_empty() {
            return Ok(0);
        }
        let parse = ts_parser(raw);
        let n: i64 = self
            .client()?
            .query_one(
                &format!(
                    "SELECT count(*) FROM (SELECT 1 FROM documents d
                     WHERE d.fts @@ {parse}('dossier', $1) LIMIT $2) m"
                ),
                &[&q.as_ref(), &sql_count(cap)],
            )?
            .get(0);
        Ok(n as usize)
    }

    pub fn mentions_of(&self, name: &str, limit: usize) -> Result<Vec<NameMention>> {
        let mut c = self.client()?;
        let rows = c.query(
            "SELECT d.id, d.title, d.date, d.outlet, m.start, m.\"end\", m.label
             FROM mentions m JOIN documents d ON d.n = m.doc
             WHERE m.text = $1 ORDER BY m.doc, m.idx LIMIT $2",
            &[&no_nul(name).as_ref(), &(limit as i64)],
        )?;
        Ok(rows
            .iter()
            .map(|r| NameMention {
                doc: r.get(0),
                title: r.get(1),
                date: r.get(2),
                outlet: r.get(3),
                start: r.get(4),
                end: r.get(5),
                label: r.get(6),
            })
            .collect())
    }

    pub fn cooccurring(&self, name: &str, docs: usize, limit: usize) -> Result<Vec<CoName>> {
        let mut c = self.client()?;
        // COLLATE "C" orders ties as SQLite does (bytewise), whatever the database's locale.
        let rows = c.query(
            "SELECT text, label, count(DISTINCT doc) AS c FROM mentions
             WHERE doc IN (SELECT DISTINCT doc FROM mentions WHERE text = $1 ORDER BY doc LIMIT $2)
               AND text <> $1
             GROUP BY text, label ORDER BY c DESC, text COLLATE \"C\", label COLLATE \"C\" LIMIT $3",
            &[&no_nul(name).as_ref(), &(docs as i64), &(limit as i64)],
        )?;
        Ok(rows
            .iter()
            .map(|r| CoName {
                name: r.get(0),
                label: r.get(1),
                documents: r.get::<_, i64>(2) as usize,
            })
            .collect())
    }

    /// Distinct mention texts close to `query` by trigram similarity (pg_trgm), best first.
    pub fn similar_names(&self, query: &str, limit: usize) -> Result<Vec<(String, f64)>> {
        let q = no_nul(query.trim());
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let mut c = self.client()?;
        let rows = c.query(
            "SELECT text, max(similarity(text, $1)) AS s FROM mentions
             WHERE text % $1 OR text ILIKE $3
             GROUP BY text ORDER BY s DESC, count(*) DESC, text LIMIT $2",
            &[&q.as_ref(), &(limit as i64), &crate::like_pattern(&q)],
        )?;
        Ok(rows
            .iter()
            .map(|r| (r.get(0), r.get::<_, f32>(1) as f64))
            .collect())
    }

    /// A session-level advisory lock on its own connection: dropping the guard closes the
    /// connection, which releases the lock, and so does the death of the process.
    pub fn lock(&self, name: &str) -> Result<Client> {
        let mut c = Client::connect(&self.url, NoTls)?;
        c.execute(
            "SELECT pg_advisory_lock(hashtextextended($1, 0))",
            &[&format!("dossier:{}", no_nul(name))],
        )?;
        Ok(c)
    }
}

const ROW_COLUMNS: &str = "n, id, path, record, format, encoding, title, date, outlet, author, url, meta, text, text_exact, source, map, layers, pipeline, ingested_at";

fn read_row(r: &postgres::Row) -> Result<(i64, DocRow)> {
    let exact: Option<Vec<u8>> = r.try_get(13)?;
    let text = match exact {
        Some(bytes) => {
            String::from_utf8(bytes).map_err(|_| StoreError::Corrupt("text is not UTF-8".into()))?
        }
        None => r.try_get(12)?,
    };
    Ok((
        r.try_get(0)?,
        DocRow {
            id: r.try_get(1)?,
            path: r.try_get(2)?,
            record: r.try_get(3)?,
            format: r.try_get(4)?,
            encoding: r.try_get(5)?,
            title: r.try_get(6)?,
            date: r.try_get(7)?,
            outlet: r.try_get(8)?,
            author: r.try_get(9)?,
            url: r.try_get(10)?,
            meta: r.try_get(11)?,
            text,
            source: r.try_get(14)?,
            map: r.try_get(15)?,
            layers: r.try_get(16)?,
            pipeline: r.try_get(17)?,
            ingested_at: Some(r.try_get(18)?),
            mentions: Vec::new(),
        },
    ))
}

/// One statement per table for the whole batch; returns, per row, whether it was new (the
/// first of two equal ids in one batch is the new one, as with SQLite).
fn insert(
    tx: &mut Transaction,
    rows: &[DocRow],
) -> std::result::Result<Vec<bool>, postgres::Error> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = rows.iter().map(|d| no_nul(&d.id).into_owned()).collect();
    let path: Vec<String> = rows.iter().map(|d| no_nul(&d.path).into_owned()).collect();
    let record: Vec<Option<i64>> = rows.iter().map(|d| d.record).collect();
    let format: Vec<String> = rows
        .iter()
        .map(|d| no_nul(&d.format).into_owned())
        .collect();
    let encoding: Vec<String> = rows
        .iter()
        .map(|d| no_nul(&d.encoding).into_owned())
        .collect();
    let opt = |f: fn(&DocRow) -> &Option<String>| -> Vec<Option<String>> {
        rows.iter()
            .map(|d| f(d).as_deref().map(|s| no_nul(s).into_owned()))
            .collect()
    };
    let title = opt(|d| &d.title);
    let date = opt(|d| &d.date);
    let outlet = opt(|d| &d.outlet);
    let author = opt(|d| &d.author);
    let url = opt(|d| &d.url);
    let ingested = opt(|d| &d.ingested_at);
    let meta: Vec<String> = rows.iter().map(|d| no_nul(&d.meta).into_owned()).collect();
    let text: Vec<String> = rows.iter().map(|d| no_nul(&d.text).into_owned()).collect();
    let exact: Vec<Option<&[u8]>> = rows
        .iter()
        .map(|d| d.text.contains('\0').then_some(d.text.as_bytes()))
        .collect();
    let fts: Vec<&str> = text.iter().map(|t| prefix(t, FTS_BYTES)).collect();
    let source: Vec<&[u8]> = rows.iter().map(|d| d.source.as_slice()).collect();
    let map: Vec<&[u8]> = rows.iter().map(|d| d.map.as_slice()).collect();
    let layers: Vec<String> = rows
        .iter()
        .map(|d| no_nul(&d.layers).into_owned())
        .collect();
    let pipeline: Vec<String> = rows
        .iter()
        .map(|d| no_nul(&d.pipeline).into_owned())
        .collect();
    let length: Vec<i64> = rows.iter().map(|d| d.text.len() as i64).collect();
    let ord: Vec<i32> = (0..rows.len() as i32).collect();
    let inserted = tx.query(
        "INSERT INTO documents (id, path, record, format, encoding, title, date, outlet, author, url,
            meta, text, text_exact, source, map, layers, pipeline, ingested_at, length, fts)
         SELECT id, path, record, format, encoding, title, date, outlet, author, url,
            meta, text, text_exact, source, map, layers, pipeline,
            coalesce(ingested_at, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')),
            length,
            setweight(to_tsvector('dossier', coalesce(title, '')), 'A')
                || setweight(to_tsvector('dossier', fts), 'B')
         FROM unnest($1::text[], $2::text[], $3::int8[], $4::text[], $5::text[], $6::text[],
            $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
            $13::bytea[], $14::bytea[], $15::bytea[], $16::text[], $17::text[], $18::text[],
            $19::int8[], $20::text[], $21::int4[])
            AS t(id, path, record, format, encoding, title, date, outlet, author, url, meta, text,
                 text_exact, source, map, layers, pipeline, ingested_at, length, fts, ord)
         ORDER BY ord
         ON CONFLICT (id) DO NOTHING
         RETURNING id, n",
        &[
            &ids, &path, &record, &format, &encoding, &title, &date, &outlet, &author, &url,
            &meta, &text, &exact, &source, &map, &layers, &pipeline, &ingested, &length, &fts,
            &ord,
        ],
    )?;
    let new: std::collections::HashMap<String, i64> =
        inserted.iter().map(|r| (r.get(0), r.get(1))).collect();
    let mut fresh = Vec::with_capacity(rows.len());
    let mut seen = HashSet::new();
    let (mut m_doc, mut m_idx, mut m_start, mut m_end, mut m_label, mut m_text) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for (d, id) in rows.iter().zip(&ids) {
        let n = new.get(id).copied().filter(|_| seen.insert(id.as_str()));
        fresh.push(n.is_some());
        if let Some(n) = n {
            for (i, m) in d.mentions.iter().enumerate() {
                m_doc.push(n);
                m_idx.push(i as i32);
                m_start.push(m.start);
                m_end.push(m.end);
                m_label.push(no_nul(&m.label).into_owned());
                m_text.push(no_nul(&m.text).into_owned());
            }
        }
    }
    if !m_doc.is_empty() {
        tx.execute(
            "INSERT INTO mentions (doc, idx, start, \"end\", label, text)
             SELECT * FROM unnest($1::int8[], $2::int4[], $3::int8[], $4::int8[], $5::text[], $6::text[])",
            &[&m_doc, &m_idx, &m_start, &m_end, &m_label, &m_text],
        )?;
    }
    Ok(fresh)
}

fn retryable(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    matches!(
        e.code(),
        Some(c) if *c == SqlState::T_R_DEADLOCK_DETECTED || *c == SqlState::T_R_SERIALIZATION_FAILURE
    )
}

fn version(c: &mut Client) -> Result<i64> {
    let exists: bool = c
        .query_one("SELECT to_regclass('dossier_schema') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        return Ok(0);
    }
    let v: Option<i32> = c
        .query_one("SELECT max(version) FROM dossier_schema", &[])?
        .get(0);
    Ok(v.unwrap_or(0) as i64)
}

fn migrate(c: &mut Client, url: &str) -> Result<()> {
    let mut tx = c.transaction()?;
    tx.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended('dossier:schema', 0))",
        &[],
    )?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS dossier_schema (version INTEGER NOT NULL)")?;
    let found: i64 = tx
        .query_one(
            "SELECT coalesce(max(version), 0)::int8 FROM dossier_schema",
            &[],
        )?
        .get(0);
    if found > VERSION {
        return Err(StoreError::TooNew {
            path: crate::redact(url).into(),
            found,
            known: VERSION,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.batch_execute(sql)?;
        tx.execute(
            "INSERT INTO dossier_schema (version) VALUES ($1)",
            &[&(i as i32 + 1)],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// PostgreSQL text cannot hold NUL: it becomes a space (exact texts are kept in `text_exact`).
/// A count as SQL takes it (`LIMIT`, `OFFSET`): a larger one is as good as unbounded.
fn sql_count(n: usize) -> i64 {
    n.min(i64::MAX as usize) as i64
}

/// The function that reads a search query: all words, or web-search syntax when `raw`.
fn ts_parser(raw: bool) -> &'static str {
    if raw {
        "websearch_to_tsquery"
    } else {
        "plainto_tsquery"
    }
}

fn no_nul(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\0') {
        s.replace('\0', " ").into()
    } else {
        s.into()
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}
