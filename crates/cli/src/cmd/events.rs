//! `dossier events`: who did what to whom, PLOVER-coded, each with its sentence.

use super::facts::{events_of, for_each_doc, in_range, name_matches, EventRecord};
use super::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only events whose source or target matches this name.
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
    #[arg(long)]
    pub doc: Option<String>,
    #[arg(long, default_value_t = 1000)]
    pub limit: usize,
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    let store = g.open_store_readonly()?;
    let mut out: Vec<EventRecord> = Vec::new();
    for_each_doc(&store, a.doc.as_deref(), |doc| {
        out.extend(events_of(doc).into_iter().filter(|e| {
            a.kind
                .as_ref()
                .is_none_or(|k| e.kind.eq_ignore_ascii_case(k))
                && a.actor.as_ref().is_none_or(|n| {
                    [&e.source, &e.target]
                        .iter()
                        .any(|x| x.as_ref().is_some_and(|x| name_matches(&x.text, n)))
                })
                && in_range(e.date.as_deref(), a.from.as_deref(), a.to.as_deref())
        }));
    })?;
    out.truncate(a.limit);
    if g.json {
        return print_json(&out);
    }
    for e in &out {
        let arg =
            |x: &Option<super::facts::Arg>| x.as_ref().map_or("?".to_string(), |x| x.text.clone());
        let neg = if e.negated { " (negated)" } else { "" };
        println!(
            "{}  {:<9} {} -> {}{neg}  [{}]",
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
