//! The per-document pipeline: which stages run, in which order. Stages are checked against
//! each other when the pipeline is built (`Pipeline::new`), not when a document fails.

use std::time::{Duration, Instant};

use dossier_core::{Document, Pipeline, Stage};
use dossier_ingest::RawDoc;

/// Bumped when a stage changes what it stores, so stores can tell old analyses from new.
pub const VERSION: &str = "dossier-pipeline-1";

pub fn build() -> anyhow::Result<Pipeline> {
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(dossier_segment::Segmenter),
        Box::new(dossier_ner::NerStage::new()?),
        Box::new(dossier_time::TimeStage),
        Box::new(dossier_quotes::QuoteStage::new()),
        Box::new(dossier_stories::ClaimStage),
        Box::new(dossier_events::EventStage::new()),
    ];
    Ok(Pipeline::new(dossier_clean::PRODUCES, stages)?)
}

/// Cleans a raw document and runs every stage on it. `timings` has one slot for cleaning, then
/// one per stage.
pub fn process(p: &Pipeline, raw: RawDoc, timings: &mut [Duration]) -> Result<Document, String> {
    let start = Instant::now();
    process_with_clock(p, raw, timings, &|| start.elapsed())
}

/// As [`process`], timing with `clock`.
pub fn process_with_clock(
    p: &Pipeline,
    raw: RawDoc,
    timings: &mut [Duration],
    clock: &dyn Fn() -> Duration,
) -> Result<Document, String> {
    let t = clock();
    let mut doc = dossier_clean::clean(raw).map_err(|e| e.to_string())?;
    timings[0] += clock().saturating_sub(t);
    p.run_with_clock(&mut doc, &mut timings[1..], clock)
        .map_err(|e| e.to_string())?;
    Ok(doc)
}
