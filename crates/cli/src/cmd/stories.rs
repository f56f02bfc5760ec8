//! `dossier stories`, `dossier story ID`, `dossier conflicts`: story clusters, copies and
//! disagreeing figures, as ingest grouped them (see `dossier-corpus`). Story ids are stable as
//! long as documents are only added.

use dossier_corpus::StoryLine;
use dossier_stories::Conflict;

use super::entities::open_corpus;
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

pub fn list(g: &Global, a: ListArgs) -> CmdResult {
    let (_store, c) = open_corpus(g)?;
    let lines: Vec<StoryLine> = c.story_lines(a.no_copies, a.min_docs);
    if g.json {
        return print_json(&lines);
    }
    for l in &lines {
        let span = match (&l.start, &l.end) {
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
                &l.title
            }
        );
    }
    if lines.is_empty() {
        eprintln!("no stories in {}", g.data.display());
    }
    Ok(std::process::ExitCode::SUCCESS)
}

pub fn show(g: &Global, a: ShowArgs) -> CmdResult {
    let (store, c) = open_corpus(g)?;
    let view = c.story_page(&a.id, |d| c.story_facts(&store, d))?;
    if g.json {
        return print_json(&view);
    }
    let s = &view.story;
    println!("story {}: {}", s.id, s.title);
    if let (Some(a), Some(b)) = (&s.start, &s.end) {
        println!("  {a} .. {b}");
    }
    let names: Vec<String> = s
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
            short(&d.id),
            super::day(d.date.as_deref()),
            d.outlet.as_deref().unwrap_or("-"),
            d.title.as_deref().unwrap_or("(no title)")
        );
    }
    if !view.key_quotes.is_empty() {
        println!("  key quotes:");
    }
    for q in &view.key_quotes {
        let speaker = q.speaker.as_ref().map_or("(unknown)", |s| s.name.as_str());
        println!(
            "    {}  {speaker}: {}",
            q.date.as_deref().unwrap_or("----------"),
            q.text.replace('\n', " ")
        );
    }
    if !view.key_events.is_empty() {
        println!("  key events:");
    }
    for e in &view.key_events {
        let actor = |x: &Option<dossier_events::record::ActorRef>| {
            x.as_ref().map_or("?".to_string(), |x| x.name.clone())
        };
        let reports = match e.evidence.len() {
            1 => "1 report".to_string(),
            n => format!("{n} reports"),
        };
        println!(
            "    {}  {} {} -> {} ({reports})",
            e.date.as_deref().unwrap_or("----------"),
            e.kind,
            actor(&e.source),
            actor(&e.target),
        );
    }
    print_conflicts(&view.conflicts);
    Ok(std::process::ExitCode::SUCCESS)
}

pub fn conflicts(g: &Global, a: ConflictArgs) -> CmdResult {
    let (_store, c) = open_corpus(g)?;
    let found: Vec<Conflict> = c.conflicts(a.story.as_deref())?;
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
                super::day(cl.date.as_deref()),
                cl.outlet.as_deref().unwrap_or("-"),
                cl.sentence
            );
        }
    }
}
