//! `dossier merge A B`, `dossier split ENTITY --alias X`, `dossier not-same A B`: user judgements
//! appended to `judgements.tsv` in the data directory (plain tab-separated lines, easy to diff,
//! review and share) and applied on every later resolution.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use dossier_resolve::Judgement;

use crate::Global;

use super::{print_json, CmdResult};
use dossier_corpus::{judgements_path, read_judgements};

#[derive(clap::Args, Debug)]
pub struct MergeArgs {
    pub a: String,
    pub b: String,
}

#[derive(clap::Args, Debug)]
pub struct SplitArgs {
    pub entity: String,
    #[arg(long)]
    pub alias: String,
}

#[derive(clap::Args, Debug)]
pub struct NotSameArgs {
    pub a: String,
    pub b: String,
}

fn record(g: &Global, j: Judgement) -> CmdResult {
    let data: &Path = &g.data;
    std::fs::create_dir_all(data).with_context(|| format!("creating {}", data.display()))?;
    let mut all = read_judgements(data)?;
    let line = j.to_string();
    let added = all.add(j);
    let path = judgements_path(data);
    if added {
        let text = format!(
            "# dossier judgements: VERB<TAB>NAME<TAB>NAME, applied on every resolution\n{all}"
        );
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        // resolve again now, so that the next listing is as quick as ever
        if let Ok(store) = g.open_store() {
            dossier_corpus::update(&store, all.clone(), &[])?;
        }
    }
    if g.json {
        return print_json(&serde_json::json!({ "judgement": line, "added": added, "file": path }));
    }
    if added {
        println!(
            "recorded in {}: {}",
            path.display(),
            line.replace('\t', "  ")
        );
    } else {
        println!(
            "already recorded in {}: {}",
            path.display(),
            line.replace('\t', "  ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn merge(g: &Global, a: MergeArgs) -> CmdResult {
    record(g, Judgement::Merge(a.a, a.b))
}

pub fn split(g: &Global, a: SplitArgs) -> CmdResult {
    record(g, Judgement::Split(a.entity, a.alias))
}

pub fn not_same(g: &Global, a: NotSameArgs) -> CmdResult {
    record(g, Judgement::NotSame(a.a, a.b))
}
