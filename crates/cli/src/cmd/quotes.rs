//! `dossier quotes`: who said what, where and when.

use dossier_corpus::{quotes_of, select_quotes, QuoteQuery, QuoteRecord};

use super::entities::open_corpus;
use super::facts::for_each_doc;
use super::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only quotes whose speaker matches this name (case, accents and partial words forgiven;
    /// `e<id>` names one entity exactly).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Only quotes whose words name this entity (any spelling; `e<id>` exactly).
    #[arg(long)]
    pub about: Option<String>,
    /// Only quotes of this document (id prefix).
    #[arg(long)]
    pub doc: Option<String>,
    #[arg(long, default_value_t = 1000)]
    pub limit: usize,
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    let (store, corpus) = open_corpus(g)?;
    let mut all: Vec<QuoteRecord> = Vec::new();
    for_each_doc(&store, a.doc.as_deref(), |doc| {
        all.extend(quotes_of(Some(&corpus), doc));
    })?;
    let query = QuoteQuery {
        speaker: a.speaker,
        about: a.about,
        doc: None,
    };
    let mut out = select_quotes(&corpus, &all, &query);
    out.truncate(a.limit);
    if g.json {
        return print_json(&out);
    }
    for q in &out {
        let who = q.speaker.as_ref().map_or("(unknown)", |s| s.name.as_str());
        let via = q
            .reported_by
            .as_ref()
            .map(|r| format!(", via {r}"))
            .unwrap_or_default();
        println!(
            "{}  {} [{:?}{}] {}",
            q.date.as_deref().unwrap_or("----------"),
            who,
            q.kind,
            via,
            q.cue.as_deref().unwrap_or("-")
        );
        // Direct quotes carry their own marks; reported speech is shown as
        // written, unquoted, so that it never reads as verbatim.
        println!("    {}", q.text.replace('\n', " "));
        println!("    {}", q.id);
    }
    Ok(std::process::ExitCode::SUCCESS)
}
