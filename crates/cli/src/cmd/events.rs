//! `dossier events`: who did what to whom, PLOVER-coded. One record per real-world event: the
//! reports of the same event in the articles of one story are merged, each kept as evidence.

use dossier_corpus::{in_range, ActorFilter, MergeWithin};
use dossier_events::record::{ActorRef, EventRecord};

use super::entities::open_corpus;
use super::facts::for_each_doc;
use super::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only events whose source or target matches this name (any spelling of the entity).
    #[arg(long)]
    pub actor: Option<String>,
    /// Only this PLOVER type (CONSULT, REQUEST, ...).
    #[arg(long = "type")]
    pub kind: Option<String>,
    /// Only events dated on or after this ISO date.
    #[arg(long)]
    pub from: Option<String>,
    /// Only events dated on or before this ISO date.
    #[arg(long)]
    pub to: Option<String>,
    /// Only events of this document (id prefix).
    #[arg(long)]
    pub doc: Option<String>,
    /// Keep every report as its own record instead of merging the reports of one event.
    #[arg(long)]
    pub reports: bool,
    #[arg(long, default_value_t = 1000)]
    pub limit: usize,
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    let (store, corpus) = open_corpus(g)?;
    let actor = a.actor.as_deref().map(|n| ActorFilter::new(&corpus, n));
    let mut reports: Vec<EventRecord> = Vec::new();
    for_each_doc(&store, a.doc.as_deref(), |doc| {
        reports.extend(corpus.event_reports(doc));
    })?;
    let within = if a.reports {
        MergeWithin::Nothing
    } else {
        MergeWithin::Story
    };
    let mut out: Vec<EventRecord> = corpus
        .merge_events(reports, within)
        .into_iter()
        .filter(|e| {
            a.kind
                .as_ref()
                .is_none_or(|k| e.kind.eq_ignore_ascii_case(k))
                && actor.as_ref().is_none_or(|f| {
                    [&e.source, &e.target]
                        .iter()
                        .any(|x| x.as_ref().is_some_and(|x| f.matches_event_actor(x)))
                })
                && in_range(e.date.as_deref(), a.from.as_deref(), a.to.as_deref())
        })
        .collect();
    out.truncate(a.limit);
    if g.json {
        return print_json(&out);
    }
    for e in &out {
        let arg = |x: &Option<ActorRef>| x.as_ref().map_or("?".to_string(), |x| x.name.clone());
        let neg = if e.negated { " (negated)" } else { "" };
        let more = match e.evidence.len() {
            0 | 1 => String::new(),
            n => format!(", {n} reports"),
        };
        println!(
            "{}  {:<9} {} -> {}{neg}  [{}{more}]",
            e.date.as_deref().unwrap_or("----------"),
            e.kind,
            arg(&e.source),
            arg(&e.target),
            e.modality
        );
        println!("    {}", e.sentence.replace('\n', " "));
    }
    Ok(std::process::ExitCode::SUCCESS)
}
