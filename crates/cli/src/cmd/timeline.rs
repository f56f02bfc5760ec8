//! `dossier timeline`: dated facts (quotes and events) in order, each with its evidence.

use dossier_corpus::{quotes_of, timeline, timeline_fact, TimelineFact, TimelineQuery};

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

pub fn run(g: &Global, a: Args) -> CmdResult {
    let (store, corpus) = open_corpus(g)?;
    let (mut quotes, mut reports) = (Vec::new(), Vec::new());
    for_each_doc(&store, None, |doc| {
        quotes.extend(quotes_of(Some(&corpus), doc));
        reports.extend(corpus.event_reports(doc));
    })?;
    let query = TimelineQuery {
        entity: a.entity,
        from: a.from,
        to: a.to,
    };
    let facts: Vec<TimelineFact> = timeline(&corpus, &quotes, &reports, &query)
        .into_iter()
        .map(|ix| timeline_fact(&quotes, &reports, ix))
        .collect();
    if g.json {
        return print_json(&facts);
    }
    for f in &facts {
        println!("{}  {:<8} {}", f.date, f.kind, f.summary.replace('\n', " "));
    }
    Ok(std::process::ExitCode::SUCCESS)
}
