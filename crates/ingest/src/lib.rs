//! Ingest: paths in, raw documents out.
//!
//! A reader turns an input (a file, a directory walked recursively, or `-` for stdin) into a
//! stream of [`Item`]s: a [`RawDoc`] — the original bytes of one article, what kind of bytes
//! they are, and whatever metadata the input itself carries — or a [`ReadError`] naming the
//! file (and line or record) and the reason. One bad file or line never stops the batch.
//!
//! Readers do not decode or clean: that is the clean stage's job. To add a reader, add a module
//! with a function that pushes items into the sink, and a case in [`Format::of_path`] and
//! [`read_bytes`].

mod feed;
mod gz;
mod jsonl;
mod sniff;
mod warc;

use std::io::Read;
use std::path::{Path, PathBuf};

use dossier_core::DocId;
pub use sniff::{binary_kind, Format};

/// The largest single document accepted. Larger inputs get a clear error, not an out-of-memory.
pub const MAX_DOC_BYTES: usize = 32 << 20;

/// What the bytes of a raw document are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
}

/// Metadata that came with the input (JSONL fields, WARC headers, feed items).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InputFields {
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    /// A declared character set (HTTP header, XML prolog, JSONL `charset`).
    pub charset: Option<String>,
    /// Fields the reader did not interpret, kept as given.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// One article's original bytes, before decoding and cleaning.
#[derive(Clone, Debug)]
pub struct RawDoc {
    pub id: DocId,
    /// File path as given (or `-`).
    pub path: String,
    /// 1-based line of a JSONL file, or record number in an archive or feed.
    pub record: Option<u64>,
    /// Input format name: `txt`, `html`, `jsonl`, `warc`, `rss`.
    pub format: &'static str,
    pub kind: Kind,
    pub bytes: Vec<u8>,
    pub fields: InputFields,
}

impl RawDoc {
    pub fn new(
        path: &str,
        record: Option<u64>,
        format: &'static str,
        kind: Kind,
        bytes: Vec<u8>,
        fields: InputFields,
    ) -> RawDoc {
        RawDoc {
            id: DocId::of_bytes(&bytes),
            path: path.to_string(),
            record,
            format,
            kind,
            bytes,
            fields,
        }
    }
}

/// Why an input, or one record of it, could not be read.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{}: {message}", where_(.path, .record))]
pub struct ReadError {
    pub path: String,
    pub record: Option<u64>,
    pub message: String,
}

fn where_(path: &str, record: &Option<u64>) -> String {
    match record {
        Some(r) => format!("{path}:{r}"),
        None => path.to_string(),
    }
}

impl ReadError {
    pub fn new(path: &str, record: Option<u64>, message: impl Into<String>) -> ReadError {
        ReadError {
            path: path.to_string(),
            record,
            message: message.into(),
        }
    }
}

/// What a reader yields. Items go to the sink one at a time and nearly all are documents, so the
/// document is not boxed.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Item {
    Doc(RawDoc),
    Error(ReadError),
    /// A record deliberately passed over (a WARC request record, say), with the reason.
    Skipped {
        path: String,
        reason: String,
    },
}

/// Reads every path (files, directories recursively, `-` for stdin) and passes each item to
/// `sink` as soon as it is read, so memory stays flat however large the batch.
pub fn read_paths(paths: &[PathBuf], sink: &mut dyn FnMut(Item)) {
    for p in paths {
        if p.as_os_str() == "-" {
            read_stdin(sink);
        } else if p.is_dir() {
            read_dir(p, sink);
        } else {
            read_file(p, sink);
        }
    }
}

fn read_dir(dir: &Path, sink: &mut dyn FnMut(Item)) {
    let entries = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    for entry in entries {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let name = e.file_name().to_string_lossy();
                if name.starts_with('.') {
                    continue;
                }
                read_file(e.path(), sink)
            }
            Ok(_) => {}
            Err(err) => {
                let path = err
                    .path()
                    .map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
                let msg = err
                    .io_error()
                    .map_or_else(|| err.to_string(), |e| e.to_string());
                sink(Item::Error(ReadError::new(
                    &path,
                    None,
                    format!("cannot read: {msg}"),
                )));
            }
        }
    }
}

fn read_stdin(sink: &mut dyn FnMut(Item)) {
    let mut bytes = Vec::new();
    let stdin = std::io::stdin();
    let mut limited = stdin.lock().take(MAX_DOC_BYTES as u64 + 1);
    if let Err(e) = limited.read_to_end(&mut bytes) {
        sink(Item::Error(ReadError::new(
            "-",
            None,
            format!("cannot read stdin: {e}"),
        )));
        return;
    }
    let format = Format::sniff(&bytes);
    read_bytes("-", format, bytes, sink);
}

/// Reads one file, whatever its format.
pub fn read_file(path: &Path, sink: &mut dyn FnMut(Item)) {
    let name = path.display().to_string();
    let format = Format::of_path(path);
    // Formats that stream (JSONL, gzip) must not be read whole.
    if let Some(stream @ (Format::Jsonl | Format::Gzip | Format::Warc | Format::Feed)) = format {
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => {
                return sink(Item::Error(ReadError::new(
                    &name,
                    None,
                    format!("cannot open: {e}"),
                )))
            }
        };
        return match stream {
            Format::Jsonl => jsonl::read_reader(&name, file, sink),
            Format::Gzip => {
                let inner = Format::of_path(&path.with_extension(""));
                gz::read_decoder(&name, inner, file, sink)
            }
            Format::Warc => warc::read_reader(&name, file, sink),
            _ => feed::read_reader(&name, file, sink),
        };
    }
    let bytes = match read_capped(path) {
        Ok(b) => b,
        Err(msg) => return sink(Item::Error(ReadError::new(&name, None, msg))),
    };
    let format = format.unwrap_or_else(|| Format::sniff(&bytes));
    read_bytes(&name, format, bytes, sink);
}

fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    if let Ok(m) = file.metadata() {
        if m.len() > MAX_DOC_BYTES as u64 {
            return Err(too_big(m.len()));
        }
    }
    let mut bytes = Vec::new();
    file.take(MAX_DOC_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() > MAX_DOC_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

pub(crate) fn too_big(len: u64) -> String {
    format!(
        "document is {:.1} MB, over the {} MB limit for one article; split it into articles (JSONL: one per line)",
        len as f64 / 1e6,
        MAX_DOC_BYTES >> 20
    )
}

/// Turns a whole input already in memory into items.
pub fn read_bytes(path: &str, format: Format, bytes: Vec<u8>, sink: &mut dyn FnMut(Item)) {
    if bytes.len() > MAX_DOC_BYTES {
        return sink(Item::Error(ReadError::new(
            path,
            None,
            too_big(bytes.len() as u64),
        )));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return sink(Item::Error(ReadError::new(
            path,
            None,
            "empty input: no text to ingest",
        )));
    }
    match format {
        Format::Text | Format::Html => {
            if let Some(kind) = binary_kind(&bytes) {
                return sink(Item::Error(ReadError::new(
                    path,
                    None,
                    format!("binary data ({kind}), not an article"),
                )));
            }
            let (kind, name) = if format == Format::Html {
                (Kind::Html, "html")
            } else {
                (Kind::Text, "txt")
            };
            sink(Item::Doc(RawDoc::new(
                path,
                None,
                name,
                kind,
                bytes,
                InputFields::default(),
            )))
        }
        Format::Jsonl => jsonl::read_reader(path, &bytes[..], sink),
        Format::Gzip => gz::read_reader(path, &bytes[..], sink),
        Format::Warc => warc::read_reader(path, &bytes[..], sink),
        Format::Feed => feed::read_bytes(path, &bytes, sink),
    }
}
