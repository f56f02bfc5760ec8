//! Serve: a local web application and JSON API over one data directory.
//!
//! Takes the data directory of the store (read-only SQLite connections, one per worker thread,
//! so an ingest writing next to it never blocks a request) and an optional token; gives an HTTP
//! server with a JSON API under `/api/` (the same values as the CLI's `--json`, paginated and
//! bounded, described at `/api/openapi.json`) and a web UI embedded in the binary (`ui/`,
//! vanilla JS that renders every piece of article text through `textContent`).
//!
//! Facts that live inside documents' layers (quotes, events, roles, names) are listed from an
//! in-memory index that catches up with the store at each request and keeps, per name, where
//! its documents, quotes and events are ([`facts`]): no request scans the corpus. Until the
//! resolver's entities are stored, an "entity" is a name as written. The only writes are the
//! corrections (merge, split, not-same), appended behind a bearer token to the same
//! `judgements.tsv` as the CLI's. Stories, copies and conflicts come from the same incremental
//! indexes as `dossier stories`, fed alongside the fact index ([`stories`]).

mod api;
pub mod facts;
pub mod stories;
mod ui;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, RwLock};

use axum::Router;

/// What the server needs to know.
#[derive(Clone, Debug)]
pub struct Config {
    /// The data directory (holds `dossier.db`).
    pub data: PathBuf,
    /// When set, corrections are accepted with `Authorization: Bearer <token>`; otherwise the
    /// server is read-only.
    pub token: Option<String>,
}

/// Shared state of the handlers.
#[derive(Clone)]
struct App {
    cfg: Arc<Config>,
    facts: Arc<RwLock<facts::FactIndex>>,
    /// Held by the one request bringing `facts` up to the store.
    catching_up: Arc<Mutex<()>>,
    /// Set once `facts` has caught up with the store at least once.
    ready: Arc<AtomicBool>,
}

/// The whole application: API, UI and the safety layers (size limits, security headers).
pub fn router(cfg: Config) -> Router {
    let app = App {
        cfg: Arc::new(cfg),
        facts: Arc::new(RwLock::new(facts::FactIndex::default())),
        catching_up: Arc::new(Mutex::new(())),
        ready: Arc::new(AtomicBool::new(false)),
    };
    // Warm the fact index so the first quote or event page does not pay for the scan.
    let warm = app.clone();
    std::thread::spawn(move || api::warm(&warm));
    api::routes(app)
}

/// Binds `addr` and serves until Ctrl-C; `ready` gets the bound address (useful with port 0).
pub fn run(addr: SocketAddr, cfg: Config, ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        ready(listener.local_addr()?);
        axum::serve(listener, router(cfg))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })
}
