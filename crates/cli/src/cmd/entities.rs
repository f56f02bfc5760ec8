use crate::Global;

use super::{not_built, CmdResult};

#[derive(clap::Args, Debug)]
pub struct ListArgs {}

#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// Any name of the entity, typed as you like it.
    pub name: String,
}

pub fn list(_g: &Global, _a: ListArgs) -> CmdResult {
    not_built("dossier entities")
}

pub fn show(_g: &Global, _a: ShowArgs) -> CmdResult {
    not_built("dossier entity")
}
