//! `dossier stories`, `dossier story ID`, `dossier conflicts`: story clusters, copies and
//! disagreeing figures over the stored documents.
//!
//! The indexes of `dossier-stories` are incremental; here they are fed every stored document in
//! ingest order on each call, so story ids are stable as long as documents are only added.

use std::collections::HashMap;

use serde::Serialize;

use dossier_core::{Claim, Layers};
use dossier_stories::{
    claims, find_conflicts, ClaimSource, Conflict, CopyIndex, Story, StoryConfig, StoryIndex,
    StoryInput,
};

use super::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Leave out documents that are copies of an earlier document.
    #[arg(long)]
    pub no_copies: bool,
    /// Only stories with at least this many documents.
    #[arg(long, default_value_t = 1)]
    pub min_docs: usize,
}

#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// Story id (as `dossier stories` lists it).
    pub id: String,
}

#[derive(clap::Args, Debug)]
pub struct ConflictArgs {
    /// Only this story.
    #[arg(long)]
    pub story: Option<String>,
}

/// What is kept of one document.
struct DocInfo {
    id: String,
    title: Option<String>,
    date: Option<String>,
    outlet: Option<String>,
    /// Earlier documents it is a copy of, with estimated Jaccard similarity.
    copy_of: Vec<(String, f64)>,
    /// Claims with their words and sentence.
    claims: Vec<(Claim, String, String)>,
}

struct Corpus {
    docs: Vec<DocInfo>,
    stories: StoryIndex,
}

fn build(g: &Global) -> anyhow::Result<Corpus> {
    let store = g.open_store_readonly()?;
    let mut copies = CopyIndex::default();
    let mut stories = StoryIndex::new(StoryConfig::default());
    let mut docs = Vec::new();
    for id in store.ids()? {
        let doc = store.load(&id)?;
        let copy_of = copies.add(id.as_str(), &doc.text);
        let title = doc.meta.title.as_ref().map(|f| f.value.clone());
        let date = doc.meta.date.as_ref().map(|f| f.value.clone());
        let outlet = doc.meta.outlet.as_ref().map(|f| f.value.clone());
        let entities: Vec<&str> = doc.mentions.iter().map(|m| doc.span_text(m.span)).collect();
        stories.add(&StoryInput {
            id: id.as_str(),
            title: title.as_deref().unwrap_or(""),
            text: &doc.text,
            date: date.as_deref(),
            entities,
        });
        let found = if doc.layers.contains(Layers::CLAIMS) {
            doc.claims.clone()
        } else {
            claims::extract(&doc)
        };
        let claims = found
            .into_iter()
            .map(|c| {
                let words = doc.span_text(c.span).to_string();
                let sentence = doc
                    .sentences
                    .get(c.sentence as usize)
                    .map_or("", |s| doc.span_text(s.span))
                    .trim()
                    .to_string();
                (c, words, sentence)
            })
            .collect();
        docs.push(DocInfo {
            id: id.to_string(),
            title,
            date,
            outlet,
            copy_of,
            claims,
        });
    }
    Ok(Corpus { docs, stories })
}

impl Corpus {
    fn doc(&self, id: &str) -> Option<&DocInfo> {
        self.docs.iter().find(|d| d.id == id)
    }

    fn conflicts(&self, story: &Story) -> Vec<Conflict> {
        let by_id: HashMap<&str, &DocInfo> = self.docs.iter().map(|d| (d.id.as_str(), d)).collect();
        let sources: Vec<ClaimSource> = story
            .documents
            .iter()
            .filter_map(|id| by_id.get(id.as_str()))
            .flat_map(|d| {
                d.claims
                    .iter()
                    .map(move |(c, words, sentence)| ClaimSource {
                        doc: &d.id,
                        date: d.date.as_deref(),
                        outlet: d.outlet.as_deref(),
                        claim: c,
                        text: words,
                        sentence,
                    })
            })
            .collect();
        find_conflicts(story.id, &sources)
    }

    fn story(&self, id: &str) -> anyhow::Result<&Story> {
        let n: u32 = id
            .trim_start_matches(['s', 'S'])
            .parse()
            .map_err(|_| anyhow::anyhow!("not a story id: {id:?}"))?;
        self.stories
            .story(n)
            .ok_or_else(|| anyhow::anyhow!("no story {n} (see `dossier stories`)"))
    }
}

#[derive(Serialize)]
struct EntityCount<'a> {
    name: &'a str,
    count: u32,
}

#[derive(Serialize)]
struct StoryLine<'a> {
    id: u32,
    title: &'a str,
    documents: Vec<&'a str>,
    start: Option<&'a str>,
    end: Option<&'a str>,
    entities: Vec<EntityCount<'a>>,
    /// Member documents that are copies of an earlier document.
    copies: usize,
}

fn story_line<'a>(c: &'a Corpus, s: &'a Story, no_copies: bool) -> StoryLine<'a> {
    let is_copy = |id: &str| c.doc(id).is_some_and(|d| !d.copy_of.is_empty());
    StoryLine {
        id: s.id,
        title: &s.title,
        documents: s
            .documents
            .iter()
            .map(String::as_str)
            .filter(|d| !(no_copies && is_copy(d)))
            .collect(),
        start: s.start.as_deref(),
        end: s.end.as_deref(),
        entities: s
            .top_entities()
            .into_iter()
            .take(20)
            .map(|(name, count)| EntityCount { name, count })
            .collect(),
        copies: s.documents.iter().filter(|d| is_copy(d)).count(),
    }
}

pub fn list(g: &Global, a: ListArgs) -> CmdResult {
    let c = build(g)?;
    let lines: Vec<StoryLine> = c
        .stories
        .stories()
        .map(|s| story_line(&c, s, a.no_copies))
        .filter(|l| l.documents.len() >= a.min_docs)
        .collect();
    if g.json {
        return print_json(&lines);
    }
    for l in &lines {
        let span = match (l.start, l.end) {
            (Some(a), Some(b)) if a != b => format!("{a}..{b}"),
            (Some(a), _) => a.to_string(),
            _ => "-".to_string(),
        };
        println!(
            "{:>5}  {:>3} docs  {:<22}  {}",
            l.id,
            l.documents.len(),
            span,
            if l.title.is_empty() {
                "(no title)"
            } else {
                l.title
            }
        );
    }
    if lines.is_empty() {
        eprintln!("no stories in {}", g.data.display());
    }
    Ok(std::process::ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct DocLine<'a> {
    id: &'a str,
    title: Option<&'a str>,
    date: Option<&'a str>,
    outlet: Option<&'a str>,
    copy_of: Vec<&'a str>,
}

#[derive(Serialize)]
struct StoryView<'a> {
    #[serde(flatten)]
    story: StoryLine<'a>,
    docs: Vec<DocLine<'a>>,
    conflicts: Vec<Conflict>,
}

pub fn show(g: &Global, a: ShowArgs) -> CmdResult {
    let c = build(g)?;
    let s = c.story(&a.id)?;
    let docs: Vec<DocLine> = s
        .documents
        .iter()
        .filter_map(|id| c.doc(id))
        .map(|d| DocLine {
            id: &d.id,
            title: d.title.as_deref(),
            date: d.date.as_deref(),
            outlet: d.outlet.as_deref(),
            copy_of: d.copy_of.iter().map(|(o, _)| o.as_str()).collect(),
        })
        .collect();
    let view = StoryView {
        story: story_line(&c, s, false),
        docs,
        conflicts: c.conflicts(s),
    };
    if g.json {
        return print_json(&view);
    }
    println!("story {}: {}", s.id, s.title);
    if let (Some(a), Some(b)) = (&s.start, &s.end) {
        println!("  {a} .. {b}");
    }
    let names: Vec<String> = view
        .story
        .entities
        .iter()
        .take(10)
        .map(|e| format!("{} ({})", e.name, e.count))
        .collect();
    if !names.is_empty() {
        println!("  entities: {}", names.join(", "));
    }
    for d in &view.docs {
        let copy = d
            .copy_of
            .first()
            .map(|o| format!("  [copy of {}]", short(o)))
            .unwrap_or_default();
        println!(
            "  {}  {:<10}  {:<14}  {}{copy}",
            short(d.id),
            d.date.unwrap_or("-"),
            d.outlet.unwrap_or("-"),
            d.title.unwrap_or("(no title)")
        );
    }
    print_conflicts(&view.conflicts);
    Ok(std::process::ExitCode::SUCCESS)
}

pub fn conflicts(g: &Global, a: ConflictArgs) -> CmdResult {
    let c = build(g)?;
    let found: Vec<Conflict> = match &a.story {
        Some(id) => c.conflicts(c.story(id)?),
        None => c.stories.stories().flat_map(|s| c.conflicts(s)).collect(),
    };
    if g.json {
        return print_json(&found);
    }
    if found.is_empty() {
        eprintln!("no conflicting figures found");
    }
    print_conflicts(&found);
    Ok(std::process::ExitCode::SUCCESS)
}

fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

fn print_conflicts(found: &[Conflict]) {
    for k in found {
        let kind = serde_json::to_value(k.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        println!("story {} · {} · {kind} ({})", k.story, k.about, k.relation);
        for cl in &k.claims {
            println!(
                "  {:<28}  {}  {:<10}  {:<14}  {}",
                cl.text,
                short(&cl.doc),
                cl.date.as_deref().unwrap_or("-"),
                cl.outlet.as_deref().unwrap_or("-"),
                cl.sentence
            );
        }
    }
}
