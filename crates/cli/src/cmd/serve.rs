use crate::Global;

use super::{not_built, CmdResult};

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_g: &Global, _a: Args) -> CmdResult {
    not_built("dossier serve")
}
