//! `dossier serve`: the web UI and JSON API over the store (`--store`, else the data
//! directory; see `dossier_serve`).

use std::net::SocketAddr;
use std::process::ExitCode;

use dossier_serve::Config;

use super::CmdResult;
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Address to listen on. Anything but loopback exposes the data to the network.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Accept corrections (merge, split, not-same) from requests bearing this token; without
    /// it the server is read-only.
    #[arg(long, env = "DOSSIER_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    let spec = g.store_spec();
    if !dossier_store::is_postgres(&spec) && !g.data.join(dossier_store::DB_FILE).exists() {
        eprintln!(
            "note: no store in {} yet; pages will be empty until `dossier ingest` writes one",
            g.data.display()
        );
    }
    if !a.addr.ip().is_loopback() {
        eprintln!(
            "warning: listening on {}, reachable from other machines; anyone who can connect can read every document",
            a.addr
        );
    }
    let token = a.token.filter(|t| !t.is_empty());
    let writable = token.is_some();
    let shown = dossier_store::redact(&spec);
    eprintln!("dossier: reading the corpus of {shown}…");
    let cfg = Config {
        store: spec,
        data: g.data.clone(),
        token,
    };
    dossier_serve::run(a.addr, cfg, |bound| {
        let host = if bound.ip().is_unspecified() {
            format!("127.0.0.1:{}", bound.port())
        } else {
            bound.to_string()
        };
        eprintln!(
            "dossier: serving {shown} at http://{host}/ ({}; Ctrl-C stops)",
            if writable {
                "corrections need the token"
            } else {
                "read-only"
            }
        );
    })?;
    Ok(ExitCode::SUCCESS)
}
