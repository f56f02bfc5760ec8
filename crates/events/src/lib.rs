//! Events: who did what to whom, PLOVER-coded, each tied to its sentence.
//!
//! Takes tokens, sentences and mentions (and time expressions and quotes when present: "we" in a
//! quotation is its speaker); gives `doc.events`.
//! A lexicon of predicate patterns (`data/lexicon.txt`: verbs, phrases and nouns per PLOVER type,
//! with control verbs such as "refuse to", "urge ... to", "prepare to") is matched over a shallow
//! syntax of each sentence: clauses split at punctuation, subordinators, relative pronouns and
//! reporting verbs; one main event per clause; its source is the subject before the verb group
//! (or the agent of a passive, or the subject of a light verb or of an earlier clause), its
//! target the first actor-like phrase after it ("A and B met": one meets the other; "between A
//! and B"), its location a place phrase ("in Doha"). Negation, hypotheticals, intentions,
//! reported speech (with its reporter: "X said the US agreed" is the US's AGREE, reported by X)
//! and background clauses are marked on the event. REQUEST and REJECT carry as mode the type of
//! what is asked for or refused ("asked the US to lift the ban": REQUEST/concede).
//!
//! Gives also, over the coded layer: event records ([`record::records`]: actors with node keys,
//! date, sentence, killed/wounded counts from the claims layer, a failed-talks outcome, evidence
//! spans), the merge of several reports of one event into one record with several evidence links
//! ([`record::merge`], within a document or any grouping such as a story), and writers for JSON
//! Lines, CSV and the GraphML actor network ([`export`]).
//!
//! Does not: resolve actors across documents (the resolve stage does; [`record::ActorKeys`] takes
//! its answer), find casualty figures itself (the claims layer does), or date events beyond their
//! own sentence and the publication date.

mod actors;
mod code;
pub mod export;
mod lemma;
pub mod lexicon;
pub mod record;
mod words;

pub use actors::capitalised_mentions;
pub use lexicon::{Lexicon, PLOVER};

use dossier_core::{Document, Layers, Stage, StageError};

/// The event coding stage.
pub struct EventStage {
    lexicon: Lexicon,
}

impl Default for EventStage {
    fn default() -> Self {
        EventStage::new()
    }
}

impl EventStage {
    /// The stage with the shipped lexicon.
    pub fn new() -> EventStage {
        EventStage {
            lexicon: Lexicon::builtin(),
        }
    }

    pub fn with_lexicon(lexicon: Lexicon) -> EventStage {
        EventStage { lexicon }
    }

    /// Codes the events of a document whose tokens, sentences and mentions are filled.
    pub fn code(&self, doc: &Document) -> Vec<dossier_core::Event> {
        let mut out = Vec::new();
        let mut lower = String::new();
        let mut buf = String::new();
        for (si, s) in doc.sentences.iter().enumerate() {
            let sent = words::sentence(
                doc,
                &self.lexicon,
                s.first as usize,
                s.last as usize,
                &mut lower,
                &mut buf,
            );
            code::code_sentence(doc, &self.lexicon, si, &sent.words, &mut out);
        }
        out
    }
}

impl Stage for EventStage {
    fn name(&self) -> &'static str {
        "events"
    }
    fn requires(&self) -> Layers {
        Layers::TOKENS | Layers::SENTENCES | Layers::MENTIONS
    }
    fn produces(&self) -> Layers {
        Layers::EVENTS
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.events = self.code(doc);
        doc.layers |= Layers::EVENTS;
        Ok(())
    }
}
