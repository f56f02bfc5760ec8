//! `dossier events`: who did what to whom, PLOVER-coded. One record per real-world event: the
//! reports of the same event in the articles of one story are merged, each kept as evidence.

use dossier_corpus::{select_events, EventQuery, MergeWithin};
use dossier_events::record::{ActorRef, EventRecord};

use super::entities::open_corpus;
use super::facts::for_each_doc;
use super::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only events whose source or target matches this name (any spelling of the entity;
    /// `e<id>` names one entity exactly).
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
    let mut reports: Vec<EventRecord> = Vec::new();
    for_each_doc(&store, a.doc.as_deref(), |doc| {
        reports.extend(corpus.event_reports(doc));
    })?;
    let within = if a.reports {
        MergeWithin::Nothing
    } else {
        MergeWithin::Story
    };
    let all = corpus.merge_events(reports, within);
    let query = EventQuery {
        actor: a.actor,
        kind: a.kind,
        from: a.from,
        to: a.to,
    };
    let mut out: Vec<&EventRecord> = select_events(&corpus, &all, &query);
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
