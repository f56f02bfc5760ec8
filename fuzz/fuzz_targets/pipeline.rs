//! Any bytes through the whole per-document pipeline: format sniffed, read, cleaned, then every
//! analysis stage. The stage list mirrors crates/cli/src/pipeline.rs (a binary crate, so not
//! importable).
#![no_main]

use std::sync::OnceLock;
use std::time::Duration;

use dossier_core::{Pipeline, Stage};
use dossier_ingest::{Format, Item};
use libfuzzer_sys::fuzz_target;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        let stages: Vec<Box<dyn Stage>> = vec![
            Box::new(dossier_segment::Segmenter),
            Box::new(dossier_ner::NerStage::new().expect("NER model")),
            Box::new(dossier_time::TimeStage),
            Box::new(dossier_quotes::QuoteStage::new()),
            Box::new(dossier_stories::ClaimStage),
            Box::new(dossier_events::EventStage::new()),
        ];
        Pipeline::new(dossier_clean::PRODUCES, stages).expect("stages fit")
    })
}

fuzz_target!(|data: &[u8]| {
    let p = pipeline();
    let format = Format::sniff(data);
    dossier_ingest::read_bytes("f", format, data.to_vec(), &mut |item| {
        if let Item::Doc(raw) = item {
            if let Ok(mut doc) = dossier_clean::clean(raw) {
                dossier_fuzz::check_doc(&doc);
                let mut t = vec![Duration::ZERO; p.stage_names().len()];
                let _ = p.run(&mut doc, &mut t);
            }
        }
    });
});
