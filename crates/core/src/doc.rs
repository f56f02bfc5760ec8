//! One article: its original bytes, its clean text, its metadata and its layers.

use serde::{Deserialize, Serialize};

use crate::layers::*;
use crate::stage::Layers;
use crate::{OffsetMap, Span};

/// A document id: the hex xxh3-128 digest of the document's original bytes, so the same input
/// always gets the same id and re-ingesting it adds nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(pub String);

impl DocId {
    pub fn of_bytes(bytes: &[u8]) -> DocId {
        DocId(format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DocId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where a document came from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Origin {
    /// File path as given on the command line (or `-` for stdin).
    pub path: String,
    /// 1-based line of a JSONL file, or record number of a WARC or feed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    /// Input format: `txt`, `html`, `jsonl`, `warc`, `rss`, ...
    pub format: String,
    /// The character encoding the source bytes were decoded from.
    pub encoding: String,
}

/// One metadata value with where it came from and how sure we are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field<T> {
    pub value: T,
    /// How it was found, e.g. `input:title`, `text:headline`, `html:og:title`.
    pub origin: String,
    /// 0.0 to 1.0.
    pub confidence: f32,
    /// Byte span in the *source* bytes, when the value was read from them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_span: Option<Span>,
}

impl<T> Field<T> {
    pub fn new(value: T, origin: impl Into<String>, confidence: f32) -> Field<T> {
        Field {
            value,
            origin: origin.into(),
            confidence,
            source_span: None,
        }
    }

    pub fn at(mut self, source_span: Span) -> Field<T> {
        self.source_span = Some(source_span);
        self
    }
}

/// Title, date, outlet, author and the rest, each with provenance.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Option<Field<String>>,
    /// Publication date as ISO 8601 (`2021-10-11`, or `2021-10-11T08:30:00Z` when known).
    pub date: Option<Field<String>>,
    pub outlet: Option<Field<String>>,
    pub author: Option<Field<String>>,
    pub url: Option<Field<String>>,
    pub language: Option<Field<String>>,
    /// Input fields that dossier does not interpret, kept as given.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// An article with its two views and its stand-off layers.
#[derive(Clone, Debug, Default)]
pub struct Document {
    pub id: DocId,
    pub origin: Origin,
    /// The original bytes, exactly as read.
    pub source: Vec<u8>,
    /// The clean text; immutable once the clean stage has run.
    pub text: String,
    /// Clean-text offsets to `source` offsets.
    pub map: OffsetMap,
    pub meta: Metadata,
    /// Which layers are filled.
    pub layers: Layers,
    pub blocks: Vec<Block>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub mentions: Vec<Mention>,
    pub roles: Vec<Role>,
    pub timexes: Vec<Timex>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    pub claims: Vec<Claim>,
}

impl Document {
    /// The clean text of a span.
    pub fn span_text(&self, span: Span) -> &str {
        span.text(&self.text)
    }

    /// The sentence that holds byte offset `at` of the clean text.
    pub fn sentence_at(&self, at: u32) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= at);
        (i < self.sentences.len() && self.sentences[i].span.start <= at).then_some(i)
    }

    /// Tokens inside a span, as an index range.
    pub fn tokens_in(&self, span: Span) -> std::ops::Range<usize> {
        let a = self.tokens.partition_point(|t| t.span.end <= span.start);
        let b = self.tokens.partition_point(|t| t.span.start < span.end);
        a..b.max(a)
    }
}
