//! The stage contract: what each per-document stage needs and produces, checked when the
//! pipeline is built rather than when a document fails.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::Document;

/// A set of layers, as bit flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Layers(pub u32);

impl Layers {
    pub const NONE: Layers = Layers(0);
    pub const TEXT: Layers = Layers(1);
    pub const META: Layers = Layers(1 << 1);
    pub const BLOCKS: Layers = Layers(1 << 2);
    pub const TOKENS: Layers = Layers(1 << 3);
    pub const SENTENCES: Layers = Layers(1 << 4);
    pub const MENTIONS: Layers = Layers(1 << 5);
    pub const ROLES: Layers = Layers(1 << 6);
    pub const TIMEXES: Layers = Layers(1 << 7);
    pub const QUOTES: Layers = Layers(1 << 8);
    pub const EVENTS: Layers = Layers(1 << 9);
    pub const CLAIMS: Layers = Layers(1 << 10);

    const NAMES: [(&'static str, Layers); 11] = [
        ("text", Layers::TEXT),
        ("meta", Layers::META),
        ("blocks", Layers::BLOCKS),
        ("tokens", Layers::TOKENS),
        ("sentences", Layers::SENTENCES),
        ("mentions", Layers::MENTIONS),
        ("roles", Layers::ROLES),
        ("timexes", Layers::TIMEXES),
        ("quotes", Layers::QUOTES),
        ("events", Layers::EVENTS),
        ("claims", Layers::CLAIMS),
    ];

    pub fn contains(self, other: Layers) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn missing(self, wanted: Layers) -> Layers {
        Layers(wanted.0 & !self.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn names(self) -> Vec<&'static str> {
        Layers::NAMES
            .iter()
            .filter(|(_, l)| self.contains(*l))
            .map(|(n, _)| *n)
            .collect()
    }
}

impl std::ops::BitOr for Layers {
    type Output = Layers;
    fn bitor(self, rhs: Layers) -> Layers {
        Layers(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for Layers {
    fn bitor_assign(&mut self, rhs: Layers) {
        self.0 |= rhs.0;
    }
}

#[derive(Debug, thiserror::Error)]
#[error("stage {stage}: {message}")]
pub struct StageError {
    pub stage: &'static str,
    pub message: String,
}

/// A per-document stage: a pure function of the document and the stage's read-only models.
pub trait Stage: Send + Sync {
    fn name(&self) -> &'static str;
    fn requires(&self) -> Layers;
    fn produces(&self) -> Layers;
    fn run(&self, doc: &mut Document) -> Result<(), StageError>;
}

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("stage {stage} needs {missing:?}, which no earlier stage produces")]
    Unmet {
        stage: &'static str,
        missing: Vec<&'static str>,
    },
}

/// An ordered list of stages whose requirements were checked when it was built.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl Pipeline {
    /// Checks that every stage's requirements are produced by an earlier stage, or present in
    /// `given` (what the reader and cleaner fill before the pipeline runs).
    pub fn new(given: Layers, stages: Vec<Box<dyn Stage>>) -> Result<Pipeline, PipelineError> {
        let mut have = given;
        for s in &stages {
            let missing = have.missing(s.requires());
            if !missing.is_empty() {
                return Err(PipelineError::Unmet {
                    stage: s.name(),
                    missing: missing.names(),
                });
            }
            have |= s.produces();
        }
        Ok(Pipeline { stages })
    }

    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs every stage in order; `timings[i]` accumulates the wall time of stage `i`.
    pub fn run(&self, doc: &mut Document, timings: &mut [Duration]) -> Result<(), StageError> {
        let start = Instant::now();
        self.run_with_clock(doc, timings, &|| start.elapsed())
    }

    /// As [`Pipeline::run`], timing with `clock` (a benchmark passes the thread's CPU time, which
    /// a busy machine does not distort).
    pub fn run_with_clock(
        &self,
        doc: &mut Document,
        timings: &mut [Duration],
        clock: &dyn Fn() -> Duration,
    ) -> Result<(), StageError> {
        for (i, s) in self.stages.iter().enumerate() {
            let t = clock();
            s.run(doc)?;
            doc.layers |= s.produces();
            if let Some(slot) = timings.get_mut(i) {
                *slot += clock().saturating_sub(t);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(&'static str, Layers, Layers);
    impl Stage for Fake {
        fn name(&self) -> &'static str {
            self.0
        }
        fn requires(&self) -> Layers {
            self.1
        }
        fn produces(&self) -> Layers {
            self.2
        }
        fn run(&self, _: &mut Document) -> Result<(), StageError> {
            Ok(())
        }
    }

    #[test]
    fn unmet_requirements_are_refused_when_built() {
        let stages: Vec<Box<dyn Stage>> =
            vec![Box::new(Fake("ner", Layers::TOKENS, Layers::MENTIONS))];
        let err = Pipeline::new(Layers::TEXT, stages)
            .err()
            .expect("must fail");
        assert!(err.to_string().contains("tokens"), "{err}");
    }

    #[test]
    fn stages_in_order_are_accepted_and_mark_their_layers() {
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(Fake(
                "segment",
                Layers::TEXT,
                Layers::TOKENS | Layers::SENTENCES,
            )),
            Box::new(Fake("ner", Layers::TOKENS, Layers::MENTIONS)),
        ];
        let p = Pipeline::new(Layers::TEXT, stages).expect("valid");
        let mut doc = Document::default();
        p.run(&mut doc, &mut [Duration::ZERO; 2]).unwrap();
        assert!(doc.layers.contains(Layers::MENTIONS | Layers::TOKENS));
    }
}
