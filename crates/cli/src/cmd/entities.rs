//! `dossier entities` and `dossier entity NAME`: the corpus entities that ingest resolved, with
//! the user's judgements (`judgements.tsv` in the data directory) applied.

use std::collections::BTreeMap;
use std::process::ExitCode;

use dossier_core::EntityType;
use dossier_corpus::{Corpus, EntityRow, Sort};
use dossier_store::Store;

use crate::Global;

use super::{print_json, CmdResult};

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
    /// Any name of the entity, typed as you like it, or its id (as `dossier entities` lists it).
    pub name: String,
}

/// The corpus of the data directory, brought up to date (and saved, when the store is writable)
/// if an interrupted ingest or new judgements left it behind.
pub fn open_corpus(g: &Global) -> anyhow::Result<(Store, Corpus)> {
    let store = g.open_store_readonly()?;
    let judgements = dossier_corpus::read_judgements(&g.data)?;
    let mut corpus = Corpus::open(&store, judgements)?;
    // saving only spares the next reader the same work: a read-only store is not an error
    if corpus.is_stale() {
        if let Ok(w) = g.open_store() {
            let _ = corpus.save(&w);
        }
    }
    Ok((store, corpus))
}

fn top(map: &BTreeMap<String, u32>, n: usize) -> Vec<(&str, u32)> {
    let mut v: Vec<(&str, u32)> = map.iter().map(|(k, c)| (k.as_str(), *c)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.truncate(n);
    v
}

fn counted(v: &[(&str, u32)]) -> String {
    v.iter()
        .map(|(a, c)| format!("{a} ({c})"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn list(g: &Global, a: ListArgs) -> CmdResult {
    let want = match &a.kind {
        Some(t) => Some(
            EntityType::parse(t)
                .ok_or_else(|| anyhow::anyhow!("unknown type {t:?} (PER, ORG, LOC, MISC)"))?,
        ),
        None => None,
    };
    let sort = if a.sort == "documents" {
        Sort::Documents
    } else {
        Sort::Mentions
    };
    let (_store, corpus) = open_corpus(g)?;
    let rows: Vec<EntityRow> = corpus.entity_rows(want, sort, a.limit, 0);
    if g.json {
        return print_json(&rows);
    }
    println!(
        "{:>6}  {:<4} {:>8} {:>5}  {:<32} aliases",
        "id", "type", "mentions", "docs", "name"
    );
    for e in &rows {
        let aliases: Vec<(&str, u32)> = top(&e.aliases, 5)
            .into_iter()
            .filter(|(a, _)| *a != e.name)
            .take(4)
            .collect();
        println!(
            "{:>6}  {:<4} {:>8} {:>5}  {:<32} {}",
            e.id,
            e.kind,
            e.mentions,
            e.documents,
            e.name,
            counted(&aliases)
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn show(g: &Global, a: ShowArgs) -> CmdResult {
    let (_store, corpus) = open_corpus(g)?;
    let Some(page) = corpus.entity_page_for(&a.name) else {
        if g.json {
            print_json(&serde_json::Value::Null)?;
        } else {
            eprintln!("no entity matches {:?}", a.name);
        }
        return Ok(ExitCode::FAILURE);
    };
    if g.json {
        return print_json(&page);
    }
    let e = &page.entity;
    println!("{} [{}] id {}", e.name, e.kind, e.id);
    println!("  mentions {} in {} documents", e.mentions, e.documents);
    if e.first_seen.is_some() {
        println!(
            "  seen {} .. {}",
            e.first_seen.as_deref().unwrap_or("?"),
            e.last_seen.as_deref().unwrap_or("?")
        );
    }
    println!("  aliases: {}", counted(&top(&e.aliases, 50)));
    if !e.roles.is_empty() {
        println!("  roles: {}", counted(&top(&e.roles, 20)));
    }
    if !page.related.is_empty() {
        let seen: Vec<(&str, u32)> = page
            .related
            .iter()
            .take(10)
            .map(|r| (r.name.as_str(), r.count))
            .collect();
        println!("  seen with: {}", counted(&seen));
    }
    for d in page.docs.iter().take(20) {
        println!(
            "  {}  {:<10}  {:<14}  {}",
            d.id.get(..12).unwrap_or(&d.id),
            super::day(d.date.as_deref()),
            d.outlet.as_deref().unwrap_or("-"),
            d.title.as_deref().unwrap_or("(no title)")
        );
    }
    if !page.also.is_empty() {
        let names: Vec<String> = page
            .also
            .iter()
            .map(|o| format!("{} [{}] id {}", o.name, o.kind, o.id))
            .collect();
        println!("  also matching: {}", names.join("; "));
    }
    Ok(ExitCode::SUCCESS)
}
