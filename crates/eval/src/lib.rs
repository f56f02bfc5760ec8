//! Gold-data readers and scorers for every benchmark dossier is measured on. Each module reads
//! one public format and computes that task's standard scores; `dossier eval` prints them and
//! writes predictions that the independent scorers in `../shared/scorers` can read.

pub mod coref;
pub mod events;
pub mod extract;
pub mod names;
pub mod ner;
pub mod quotes;
pub mod stories;
pub mod time;
