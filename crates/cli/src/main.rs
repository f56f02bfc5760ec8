//! `dossier`: the command-line front of the pipeline. Each subcommand lives in `cmd/`, declares
//! its own arguments and renders its values either as human text or, with `--json`, as one JSON
//! value on stdout. Errors go to stderr and give a non-zero exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;
mod pipeline;

/// Options every command takes.
#[derive(clap::Args, Debug, Clone)]
pub struct Global {
    /// Data directory of the embedded store.
    #[arg(
        long,
        global = true,
        env = "DOSSIER_DATA",
        default_value = "./dossier-data"
    )]
    pub data: PathBuf,
    /// Where documents and corpus state live: a data directory or a `postgres://` URL
    /// (default: the data directory, which still holds judgements.tsv).
    #[arg(long, global = true, env = "DOSSIER_STORE", value_name = "SPEC")]
    pub store: Option<String>,
    /// Print one JSON value on stdout instead of human text.
    #[arg(long, global = true)]
    pub json: bool,
}

impl Global {
    /// The store commands read and write: `--store` when given, else the data directory.
    pub fn store_spec(&self) -> String {
        match &self.store {
            Some(spec) if !spec.trim().is_empty() => spec.clone(),
            _ => self.data.to_string_lossy().into_owned(),
        }
    }

    /// Opens the store for writing, creating it when needed.
    pub fn open_store(&self) -> dossier_store::Result<dossier_store::Store> {
        dossier_store::Store::open_spec(&self.store_spec())
    }

    /// Opens the existing store for reading.
    pub fn open_store_readonly(&self) -> dossier_store::Result<dossier_store::Store> {
        dossier_store::Store::open_spec_readonly(&self.store_spec())
    }
}

#[derive(Parser, Debug)]
#[command(
    name = "dossier",
    version,
    about = "Who said and did what, to whom, when, and according to whom: from raw news articles."
)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read articles (files, directories, '-' for stdin) into the store; re-ingesting is idempotent.
    Ingest(cmd::ingest::Args),
    /// List the stored documents.
    Docs(cmd::docs::Args),
    /// Show one document: metadata and clean text, or its original bytes.
    Show(cmd::show::Args),
    /// Full-text search with highlighted snippets.
    Search(cmd::search::Args),
    /// Entities with their aliases, types, roles and counts.
    Entities(cmd::entities::ListArgs),
    /// One entity, found by any of its names.
    Entity(cmd::entities::ShowArgs),
    /// Quotes with their speakers.
    Quotes(cmd::quotes::Args),
    /// Events: who did what to whom.
    Events(cmd::events::Args),
    /// Dated facts in order.
    Timeline(cmd::timeline::Args),
    /// Story clusters across outlets.
    Stories(cmd::stories::ListArgs),
    /// One story.
    Story(cmd::stories::ShowArgs),
    /// Disagreeing figures within stories.
    Conflicts(cmd::stories::ConflictArgs),
    /// Judge two entities to be the same.
    Merge(cmd::judge::MergeArgs),
    /// Take an alias away from an entity.
    Split(cmd::judge::SplitArgs),
    /// Judge two entities to be different.
    NotSame(cmd::judge::NotSameArgs),
    /// Export the store as JSONL, CSV or GraphML.
    Export(cmd::export::Args),
    /// Reproducible training of the shipped models.
    Train(cmd::train::Args),
    /// Score a stage against gold data in its public format.
    Eval(cmd::eval::Args),
    /// Throughput, memory and time per stage over a corpus.
    Bench(cmd::bench::Args),
    /// Web UI and JSON API over the data directory.
    Serve(cmd::serve::Args),
    /// Copy a store into another (a data directory or a postgres:// URL), losing nothing.
    Migrate(cmd::migrate::Args),
}

fn main() -> ExitCode {
    // Output piped into `head` and closed early ends the program quietly, as for any Unix tool.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    let g = cli.global;
    let result = match cli.command {
        Command::Ingest(a) => cmd::ingest::run(&g, a),
        Command::Docs(a) => cmd::docs::run(&g, a),
        Command::Show(a) => cmd::show::run(&g, a),
        Command::Search(a) => cmd::search::run(&g, a),
        Command::Entities(a) => cmd::entities::list(&g, a),
        Command::Entity(a) => cmd::entities::show(&g, a),
        Command::Quotes(a) => cmd::quotes::run(&g, a),
        Command::Events(a) => cmd::events::run(&g, a),
        Command::Timeline(a) => cmd::timeline::run(&g, a),
        Command::Stories(a) => cmd::stories::list(&g, a),
        Command::Story(a) => cmd::stories::show(&g, a),
        Command::Conflicts(a) => cmd::stories::conflicts(&g, a),
        Command::Merge(a) => cmd::judge::merge(&g, a),
        Command::Split(a) => cmd::judge::split(&g, a),
        Command::NotSame(a) => cmd::judge::not_same(&g, a),
        Command::Export(a) => cmd::export::run(&g, a),
        Command::Train(a) => cmd::train::run(&g, a),
        Command::Eval(a) => cmd::eval::run(&g, a),
        Command::Bench(a) => cmd::bench::run(&g, a),
        Command::Serve(a) => cmd::serve::run(&g, a),
        Command::Migrate(a) => cmd::migrate::run(&g, a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dossier: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
