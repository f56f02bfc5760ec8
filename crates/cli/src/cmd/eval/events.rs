use crate::cmd::{not_built, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_g: &Global, _a: Args) -> CmdResult {
    not_built("dossier eval events")
}
