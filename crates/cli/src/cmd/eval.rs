//! `dossier eval TASK`: each task reads gold data in its public format, prints the task's
//! standard scores and can write predictions for the independent scorers in `../shared/scorers`.

use crate::Global;

use super::CmdResult;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    task: Task,
}

#[derive(clap::Subcommand, Debug)]
enum Task {
    /// Main-text extraction on the article-extraction benchmark.
    Extract(extract::Args),
    /// Named entities on CoNLL IOB/IOB2 files.
    Ner(ner::Args),
    /// Temporal expressions on TimeML files.
    Time(time::Args),
    /// Quotes and attribution on the PolNeAR layout.
    Quotes(quotes::Args),
    /// Name-variant matching on name-pair CSV.
    Names(names::Args),
    /// Cross-document entity coreference on ECB+.
    Coref(coref::Args),
    /// PLOVER event coding on record JSONL.
    Events(events::Args),
    /// Story clustering on ECB+.
    Stories(stories::Args),
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    match a.task {
        Task::Extract(a) => extract::run(g, a),
        Task::Ner(a) => ner::run(g, a),
        Task::Time(a) => time::run(g, a),
        Task::Quotes(a) => quotes::run(g, a),
        Task::Names(a) => names::run(g, a),
        Task::Coref(a) => coref::run(g, a),
        Task::Events(a) => events::run(g, a),
        Task::Stories(a) => stories::run(g, a),
    }
}

mod coref;
mod events;
mod extract;
mod names;
mod ner;
pub(crate) mod quotes;
mod stories;
mod time;
