//! `dossier timeline`: dated facts (quotes and events) in order, each with its evidence.

use dossier_corpus::{in_range, quotes_of, ActorFilter};
use serde::Serialize;

use super::entities::open_corpus;
use super::facts::for_each_doc;
use super::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only facts involving this name (speaker, source or target).
    #[arg(long)]
    pub entity: Option<String>,
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long)]
    pub to: Option<String>,
}

#[derive(Serialize)]
struct Fact {
    date: String,
    date_from: &'static str,
    kind: String,
    summary: String,
    doc: String,
    id: String,
    sentence: String,
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    let (store, corpus) = open_corpus(g)?;
    let filter = a.entity.as_deref().map(|n| ActorFilter::new(&corpus, n));
    let mut facts = Vec::new();
    for_each_doc(&store, None, |doc| {
        for q in quotes_of(Some(&corpus), doc) {
            let who = q.speaker.as_ref().map(|s| s.name.as_str());
            let involved = filter
                .as_ref()
                .is_none_or(|f| q.speaker.as_ref().is_some_and(|s| f.matches(s)));
            if !involved || !in_range(q.date.as_deref(), a.from.as_deref(), a.to.as_deref()) {
                continue;
            }
            let Some(date) = q.date.clone() else { continue };
            facts.push(Fact {
                date,
                date_from: q.date_from,
                kind: "QUOTE".into(),
                summary: format!("{} said “{}”", who.unwrap_or("someone"), q.text),
                doc: q.doc.clone(),
                id: q.id.clone(),
                sentence: q.sentence.clone(),
            });
        }
        for e in corpus.event_reports(doc) {
            let (s, t) = (
                e.source.as_ref().map(|x| x.name.as_str()),
                e.target.as_ref().map(|x| x.name.as_str()),
            );
            let involved = filter.as_ref().is_none_or(|f| {
                [&e.source, &e.target]
                    .iter()
                    .any(|x| x.as_ref().is_some_and(|x| f.matches_event_actor(x)))
            });
            if !involved || !in_range(e.date.as_deref(), a.from.as_deref(), a.to.as_deref()) {
                continue;
            }
            let Some(date) = e.date.clone() else { continue };
            let neg = if e.negated { "not " } else { "" };
            facts.push(Fact {
                date,
                date_from: e.date_from,
                kind: e.kind.clone(),
                summary: format!("{} {neg}{} {}", s.unwrap_or("?"), e.kind, t.unwrap_or("?")),
                doc: e.doc.clone(),
                id: e.id.clone(),
                sentence: e.sentence.clone(),
            });
        }
    })?;
    facts.sort_by(|x, y| x.date.cmp(&y.date).then(x.id.cmp(&y.id)));
    if g.json {
        return print_json(&facts);
    }
    for f in &facts {
        println!("{}  {:<8} {}", f.date, f.kind, f.summary.replace('\n', " "));
    }
    Ok(std::process::ExitCode::SUCCESS)
}
