//! Stories: copies, story clusters, numeric claims and the conflicts between them.
//!
//! Takes documents' clean text, title, date and entity names (and, for claims, the sentence
//! layer); gives
//! - [`copies::CopyIndex`]: MinHash + banded LSH near-duplicate detection (syndicated copies,
//!   re-headlined or trimmed wire stories), flat cost per added document;
//! - [`cluster::StoryIndex`]: incremental story clustering (TF-IDF + entities + time window,
//!   with an inverted index for blocking), never re-clustering; `add_document` also reads the
//!   document's layers ([`cluster::Anchors`]: mention kinds, timex dates, the lead), so that
//!   only rare persons, organisations and places anchor a document to a story, and a story
//!   whose main event is another one (an interview against reports of what it talks about,
//!   leads naming dates far apart) is joined only on a much stronger likeness, and who the main
//!   event is about is compared ([`participants`]: the most named person of each side; the same
//!   protagonist raises the likeness, each side's protagonist a minor figure of the other lowers it);
//! - [`claims::ClaimStage`]: a per-document stage that fills `doc.claims` with numeric claims
//!   (killed, wounded, arrested, displaced, troops, fighters, money, percent);
//! - [`conflicts::find_conflicts`]: claims of one story about the same measure that disagree,
//!   told apart from figures that rise over time.
//!
//! It does not store anything: every structure serialises with serde so that the store can
//! keep it. It does not decide which event a figure is about beyond "same story, same measure".

pub mod claims;
pub mod cluster;
pub mod conflicts;
pub mod copies;
pub mod participants;
pub mod text;

pub use claims::ClaimStage;
pub use cluster::{
    Anchors, Candidate, Story, StoryConfig, StoryIndex, StoryInput, LINK_FEATURES,
    LINK_FEATURE_NAMES,
};
pub use conflicts::{find_conflicts, ClaimSource, Conflict, ConflictKind, ReportedClaim};
pub use copies::{CopyIndex, Signature};
