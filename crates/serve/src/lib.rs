//! Serve: a local web application and JSON API over one store.
//!
//! Takes a store (a data directory or a `postgres://` URL, opened read-only through the
//! `Store` interface), the data directory that holds `judgements.tsv`, and an optional token;
//! gives an HTTP server with a JSON API under `/api/` and a web UI embedded in the binary
//! (`ui/`, vanilla JS that renders every piece of article text through text nodes).
//!
//! Every `/api/` list and page is the JSON the matching CLI command prints with `--json`
//! (entities, entity, quotes, events, timeline, stories, story, conflicts, export, documents,
//! search), built by the same `dossier-corpus` and `dossier-store` functions; lists are paged
//! with `limit`/`offset` and tell their full length in an `X-Total-Count` header. The corpus
//! and the records of every document are read once into a [`snapshot::Snapshot`] and replaced
//! whole in the background when the store's corpus changes, so requests never wait on a
//! reload and an ingest writing next to the server never blocks it.
//!
//! The only writes are the corrections (merge, split, not-same), appended behind a bearer token
//! to the same `judgements.tsv` as the CLI's. It does not analyse or resolve anything itself.

mod api;
pub mod snapshot;
mod ui;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;

/// What the server needs to know.
#[derive(Clone, Debug)]
pub struct Config {
    /// The store: a data directory or a `postgres://` URL (as the CLI's `--store`).
    pub store: String,
    /// The data directory: holds `judgements.tsv` (and the store, when it is embedded).
    pub data: PathBuf,
    /// When set, corrections are accepted with `Authorization: Bearer <token>`; otherwise the
    /// server is read-only.
    pub token: Option<String>,
}

impl Config {
    /// A read-only server over the embedded store of a data directory.
    pub fn dir(data: impl Into<PathBuf>) -> Config {
        let data = data.into();
        Config {
            store: data.to_string_lossy().into_owned(),
            data,
            token: None,
        }
    }
}

/// Shared state of the handlers.
#[derive(Clone)]
struct App {
    cfg: Arc<Config>,
    current: snapshot::Current,
    searches: api::SearchCache,
}

/// The whole application: API, UI and the safety layers (size limits, security headers). Reads
/// the corpus before it returns (a few seconds for tens of thousands of documents), then keeps
/// it fresh from a thread of its own.
pub fn router(cfg: Config) -> Router {
    let current = snapshot::Current::start(cfg.store.clone(), cfg.data.clone());
    api::routes(App {
        cfg: Arc::new(cfg),
        current,
        searches: Default::default(),
    })
}

/// Binds `addr` and serves until Ctrl-C; `ready` gets the bound address (useful with port 0).
pub fn run(addr: SocketAddr, cfg: Config, ready: impl FnOnce(SocketAddr)) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let app = router(cfg);
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        ready(listener.local_addr()?);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
    })
}
