//! The same articles ingested into the embedded store and into PostgreSQL give the same JSON
//! from the fact commands, ids aside; `migrate` copies either way losing nothing. Needs a
//! server where databases may be created, named by `DOSSIER_TEST_PG` (scripts/pg-test.sh).

mod common;

use std::path::Path;

use common::{json, repo, stderr};
use dossier_store::postgres::{Client, NoTls};
use serde_json::Value;

/// The fact commands whose `--json` must not depend on the back-end.
const COMMANDS: &[&[&str]] = &[
    &["entities"],
    &["quotes"],
    &["events"],
    &["stories"],
    &["conflicts"],
];

fn dossier(data: &Path, store: Option<&str>) -> assert_cmd::Command {
    let mut c = common::dossier(data);
    c.env_remove("DOSSIER_STORE");
    if let Some(s) = store {
        c.arg("--store").arg(s);
    }
    c
}

/// A new database on the test server, dropped when the guard goes.
struct Db {
    admin: String,
    name: String,
    url: String,
}

impl Db {
    fn new(admin: &str, tag: &str) -> Db {
        let name = format!("dossier_cli_{tag}_{}", std::process::id());
        let mut c = Client::connect(admin, NoTls).expect("DOSSIER_TEST_PG reachable");
        c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .unwrap();
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        let (base, _) = admin.rsplit_once('/').expect("URL with a database");
        Db {
            admin: admin.to_string(),
            url: format!("{base}/{name}"),
            name,
        }
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Ok(mut c) = Client::connect(&self.admin, NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

fn pg() -> Option<String> {
    let url = std::env::var("DOSSIER_TEST_PG").ok();
    if url.is_none() {
        eprintln!("skipped: PostgreSQL not available (DOSSIER_TEST_PG unset)");
    }
    url
}

/// Drops every member named `id` or ending in `_id`/`_ids`, recursively.
fn without_ids(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(k, _)| k != "id" && !k.ends_with("_id") && !k.ends_with("_ids"))
                .map(|(k, v)| (k, without_ids(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(without_ids).collect()),
        other => other,
    }
}

fn facts(data: &Path, store: Option<&str>) -> Vec<Value> {
    COMMANDS
        .iter()
        .map(|args| {
            let o = dossier(data, store)
                .args(*args)
                .arg("--json")
                .output()
                .unwrap();
            assert!(o.status.success(), "{args:?}: {}", stderr(&o));
            without_ids(json(&o))
        })
        .collect()
}

fn ingest(data: &Path, store: Option<&str>) {
    let o = dossier(data, store)
        .args(["ingest", "--quiet", "--jobs", "1"])
        .arg(repo().join("demo"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn same_facts_from_sqlite_and_postgres() {
    let Some(admin) = pg() else { return };
    let db = Db::new(&admin, "same");
    let t = tempfile::tempdir().unwrap();
    let (lite, shared) = (t.path().join("lite"), t.path().join("shared"));
    ingest(&lite, None);
    ingest(&shared, Some(&db.url));
    let a = facts(&lite, None);
    let b = facts(&shared, Some(&db.url));
    for ((args, a), b) in COMMANDS.iter().zip(&a).zip(&b) {
        assert_eq!(a, b, "{args:?} differs between SQLite and PostgreSQL");
    }
    assert!(
        a.iter()
            .any(|v| v.as_array().is_some_and(|x| !x.is_empty())),
        "the demo corpus gives some facts"
    );
}

#[test]
fn migrate_round_trip_keeps_everything() {
    let Some(admin) = pg() else { return };
    let db = Db::new(&admin, "migrate");
    let t = tempfile::tempdir().unwrap();
    let (lite, back) = (t.path().join("lite"), t.path().join("back"));
    ingest(&lite, None);
    for _ in 0..2 {
        let o = dossier(&lite, None)
            .args(["migrate", "--from"])
            .arg(&lite)
            .args(["--to", &db.url])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let o = dossier(&back, None)
        .args(["migrate", "--from", &db.url, "--to"])
        .arg(&back)
        .arg("--json")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let n = json(&o)["target_documents"].as_u64().unwrap();
    let docs = |data: &Path, store: Option<&str>| {
        let o = dossier(data, store)
            .args(["docs", "--json"])
            .output()
            .unwrap();
        json(&o)
    };
    assert_eq!(docs(&lite, None).as_array().unwrap().len() as u64, n);
    assert_eq!(docs(&lite, None), docs(&lite, Some(&db.url)));
    assert_eq!(docs(&lite, None), docs(&back, None));
    assert_eq!(facts(&lite, None), facts(&back, None));
}
