use crate::Global;

use super::{not_built, CmdResult};

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

pub fn merge(_g: &Global, _a: MergeArgs) -> CmdResult {
    not_built("dossier merge")
}

pub fn split(_g: &Global, _a: SplitArgs) -> CmdResult {
    not_built("dossier split")
}

pub fn not_same(_g: &Global, _a: NotSameArgs) -> CmdResult {
    not_built("dossier not-same")
}
