//! `dossier entities` and `dossier entity NAME`: the corpus entities the resolver builds from the
//! stored documents' mentions, with the user's judgements (`judgements.tsv` in the data
//! directory) applied. The resolved state is cached in `entities.json` next to the store and
//! rebuilt when the documents or the judgements change.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use dossier_core::{DocId, EntityType};
use dossier_resolve::{Entity, Judgements, Resolver};
use dossier_store::Store;
use serde::{Deserialize, Serialize};

use crate::Global;

use super::{print_json, CmdResult};

/// The judgements file inside the data directory.
pub const JUDGEMENTS_FILE: &str = "judgements.tsv";
const CACHE_FILE: &str = "entities.json";

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Only entities of this type: PER, ORG, LOC, MISC.
    #[arg(long = "type")]
    pub kind: Option<String>,
    /// Order by mention count or by document count.
    #[arg(long, default_value = "mentions", value_parser = ["mentions", "documents"])]
    pub sort: String,
    /// At most this many entities.
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
}

#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// Any name of the entity, typed as you like it.
    pub name: String,
}

#[derive(Serialize, Deserialize)]
struct Cache {
    fingerprint: String,
    resolver: Resolver,
}

pub fn judgements_path(data: &Path) -> PathBuf {
    data.join(JUDGEMENTS_FILE)
}

/// The judgements of the data directory (none when the file does not exist).
pub fn read_judgements(data: &Path) -> anyhow::Result<Judgements> {
    let path = judgements_path(data);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            Judgements::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Judgements::default()),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

/// The resolver over every stored document, in publication-date order, from the cache when it is
/// current.
pub fn load_resolver(data: &Path) -> anyhow::Result<Resolver> {
    let store = Store::open_readonly(data)?;
    let judgements = read_judgements(data)?;
    let ids = store.ids()?;
    let mut all = String::new();
    for id in &ids {
        all.push_str(id.as_str());
        all.push('\n');
    }
    all.push_str(&judgements.to_string());
    all.push_str(env!("CARGO_PKG_VERSION"));
    let fingerprint = DocId::of_bytes(all.as_bytes()).0;
    let cache_path = data.join(CACHE_FILE);
    if let Ok(text) = std::fs::read_to_string(&cache_path) {
        if let Ok(c) = serde_json::from_str::<Cache>(&text) {
            if c.fingerprint == fingerprint {
                return Ok(c.resolver);
            }
        }
    }
    let mut dated = Vec::with_capacity(ids.len());
    for id in &ids {
        let doc = store.load(id)?;
        let date = doc
            .meta
            .date
            .as_ref()
            .map(|d| d.value.clone())
            .unwrap_or_default();
        dated.push((date, id.clone()));
    }
    dated.sort();
    let mut resolver = Resolver::new(judgements);
    for (_, id) in &dated {
        let doc = store.load(id)?;
        resolver.resolve(&doc);
    }
    let cache = Cache {
        fingerprint,
        resolver,
    };
    // the cache only saves time: failing to write it is not an error
    if let Ok(text) = serde_json::to_string(&cache) {
        let _ = std::fs::write(&cache_path, text);
    }
    Ok(cache.resolver)
}

/// Drops the cached entities so the next command re-resolves.
pub fn invalidate(data: &Path) {
    let _ = std::fs::remove_file(data.join(CACHE_FILE));
}

fn top(map: &std::collections::BTreeMap<String, u32>, n: usize) -> Vec<(&str, u32)> {
    let mut v: Vec<(&str, u32)> = map.iter().map(|(k, c)| (k.as_str(), *c)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.truncate(n);
    v
}

fn type_str(e: &Entity) -> &'static str {
    e.label.map(|l| l.as_str()).unwrap_or("-")
}

#[derive(Serialize)]
struct Row<'a> {
    id: u32,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    mentions: u64,
    documents: usize,
    aliases: &'a std::collections::BTreeMap<String, u32>,
    roles: &'a std::collections::BTreeMap<String, u32>,
    first_seen: &'a Option<String>,
    last_seen: &'a Option<String>,
}

fn row(e: &Entity) -> Row<'_> {
    Row {
        id: e.id,
        name: &e.name,
        kind: type_str(e),
        mentions: e.mentions,
        documents: e.documents.len(),
        aliases: &e.aliases,
        roles: &e.roles,
        first_seen: &e.first_seen,
        last_seen: &e.last_seen,
    }
}

pub fn list(g: &Global, a: ListArgs) -> CmdResult {
    let want = match &a.kind {
        Some(t) => Some(
            EntityType::parse(t)
                .ok_or_else(|| anyhow::anyhow!("unknown type {t:?} (PER, ORG, LOC, MISC)"))?,
        ),
        None => None,
    };
    let r = load_resolver(&g.data)?;
    let mut es: Vec<&Entity> = r
        .entities()
        .filter(|e| want.is_none() || e.label == want)
        .collect();
    if a.sort == "documents" {
        es.sort_by(|x, y| {
            y.documents
                .len()
                .cmp(&x.documents.len())
                .then(y.mentions.cmp(&x.mentions))
                .then(x.id.cmp(&y.id))
        });
    } else {
        es.sort_by(|x, y| {
            y.mentions
                .cmp(&x.mentions)
                .then(y.documents.len().cmp(&x.documents.len()))
                .then(x.id.cmp(&y.id))
        });
    }
    es.truncate(a.limit);
    if g.json {
        return print_json(&es.iter().map(|e| row(e)).collect::<Vec<_>>());
    }
    println!(
        "{:>6}  {:<4} {:>8} {:>5}  {:<32} aliases",
        "id", "type", "mentions", "docs", "name"
    );
    for e in es {
        let aliases: Vec<String> = top(&e.aliases, 4)
            .iter()
            .filter(|(a, _)| *a != e.name)
            .map(|(a, c)| format!("{a} ({c})"))
            .collect();
        println!(
            "{:>6}  {:<4} {:>8} {:>5}  {:<32} {}",
            e.id,
            type_str(e),
            e.mentions,
            e.documents.len(),
            e.name,
            aliases.join(", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn show(g: &Global, a: ShowArgs) -> CmdResult {
    let r = load_resolver(&g.data)?;
    let found = r.lookup(&a.name);
    let Some(&best) = found.first() else {
        if g.json {
            print_json(&serde_json::Value::Null)?;
        } else {
            eprintln!("no entity matches {:?}", a.name);
        }
        return Ok(ExitCode::FAILURE);
    };
    let e = r.get(best).context("entity vanished")?;
    let others: Vec<&Entity> = found[1..]
        .iter()
        .take(5)
        .filter_map(|&id| r.get(id))
        .collect();
    if g.json {
        return print_json(&serde_json::json!({
            "entity": row(e),
            "documents": e.documents,
            "also": others.iter().map(|o| serde_json::json!({"id": o.id, "name": o.name, "type": type_str(o)})).collect::<Vec<_>>(),
        }));
    }
    println!("{} [{}] id {}", e.name, type_str(e), e.id);
    println!(
        "  mentions {} in {} documents",
        e.mentions,
        e.documents.len()
    );
    if e.first_seen.is_some() {
        println!(
            "  seen {} .. {}",
            e.first_seen.as_deref().unwrap_or("?"),
            e.last_seen.as_deref().unwrap_or("?")
        );
    }
    let aliases: Vec<String> = top(&e.aliases, 50)
        .iter()
        .map(|(a, c)| format!("{a} ({c})"))
        .collect();
    println!("  aliases: {}", aliases.join(", "));
    if !e.roles.is_empty() {
        let roles: Vec<String> = top(&e.roles, 20)
            .iter()
            .map(|(a, c)| format!("{a} ({c})"))
            .collect();
        println!("  roles: {}", roles.join(", "));
    }
    for d in e.documents.iter().take(20) {
        println!("  doc {d}");
    }
    if !others.is_empty() {
        let names: Vec<String> = others
            .iter()
            .map(|o| format!("{} [{}] id {}", o.name, type_str(o), o.id))
            .collect();
        println!("  also matching: {}", names.join("; "));
    }
    Ok(ExitCode::SUCCESS)
}
