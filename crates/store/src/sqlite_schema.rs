//! SQLite schema versions. Each migration is applied once, in order, inside one transaction; the version
//! lives in `PRAGMA user_version`. A store written by a newer dossier is refused, not damaged.

use std::path::Path;

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::{Result, StoreError};

const MIGRATIONS: &[&str] = &[
    // 1: documents, full-text index, mentions.
    "CREATE TABLE documents (
        n INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL,
        record INTEGER,
        format TEXT NOT NULL,
        encoding TEXT NOT NULL,
        title TEXT,
        date TEXT,
        outlet TEXT,
        author TEXT,
        url TEXT,
        meta TEXT NOT NULL,
        text TEXT NOT NULL,
        source BLOB NOT NULL,
        map BLOB NOT NULL,
        layers TEXT NOT NULL,
        pipeline TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX documents_date ON documents(date);
    CREATE VIRTUAL TABLE doc_fts USING fts5(title, text, content='documents', content_rowid='n', tokenize='unicode61 remove_diacritics 2');
    CREATE TABLE mentions (
        doc INTEGER NOT NULL REFERENCES documents(n),
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        label TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (doc, idx)
    ) WITHOUT ROWID;
    CREATE INDEX mentions_text ON mentions(text);",
    // 2: named state blobs of the corpus stages (resolver, story index), written in the same
    // transaction as the documents they account for.
    "CREATE TABLE state (
        key TEXT PRIMARY KEY,
        value BLOB NOT NULL
    );",
    // 3: the ingest order alone, a few hundred entries a page: a listing's OFFSET is counted
    // there instead of walking the document rows, each a page or more with its text.
    "CREATE INDEX documents_order ON documents(n);",
];

pub const VERSION: i64 = MIGRATIONS.len() as i64;

pub fn check_version(conn: &Connection, dir: &Path) -> Result<i64> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > VERSION {
        return Err(StoreError::TooNew {
            path: dir.to_path_buf(),
            found,
            known: VERSION,
        });
    }
    Ok(found)
}

pub fn migrate(conn: &Connection, dir: &Path) -> Result<()> {
    if check_version(conn, dir)? == VERSION {
        return Ok(());
    }
    // IMMEDIATE, and the version read again inside: two processes opening a new store at
    // once must not both create the tables.
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let found = check_version(&tx, dir)?;
    for sql in MIGRATIONS.iter().skip(found as usize) {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", VERSION)?;
    tx.commit()?;
    Ok(())
}
