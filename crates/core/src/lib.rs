//! The small set of types that every dossier stage exchanges.
//!
//! A [`Document`] holds two views of one article: the original bytes exactly as they were read
//! (`source`) and the clean UTF-8 text that every later stage reads (`text`), joined by an
//! [`OffsetMap`]. Everything a stage finds is a stand-off annotation: a [`Span`] of byte offsets
//! into `text` plus a payload, kept in plain vectors (the layers). The text never changes after
//! cleaning, so spans stay valid for the life of the document.
//!
//! This crate has no heavy dependencies and changes rarely; stages depend on it, not on each other.

pub mod calendar;
pub mod dateline;
pub mod doc;
pub mod hash;
pub mod layers;
pub mod legal_forms;
pub mod offsets;
pub mod sex;
pub mod span;
pub mod stage;

pub use dateline::dateline_end;
pub use doc::{DocId, Document, Field, Metadata, Origin};
pub use layers::*;
pub use offsets::{OffsetMap, OffsetMapBuilder};
pub use span::Span;
pub use stage::{Layers, Pipeline, PipelineError, Stage, StageError};
