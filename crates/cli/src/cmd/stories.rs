use crate::Global;

use super::{not_built, CmdResult};

#[derive(clap::Args, Debug)]
pub struct ListArgs {}

#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    pub id: String,
}

#[derive(clap::Args, Debug)]
pub struct ConflictArgs {}

pub fn list(_g: &Global, _a: ListArgs) -> CmdResult {
    not_built("dossier stories")
}

pub fn show(_g: &Global, _a: ShowArgs) -> CmdResult {
    not_built("dossier story")
}

pub fn conflicts(_g: &Global, _a: ConflictArgs) -> CmdResult {
    not_built("dossier conflicts")
}
