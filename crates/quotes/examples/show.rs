//! Prints the quotes the stage finds in a text read from stdin (segmentation by `dossier-segment`,
//! no mentions): `echo '“We won,” she said.' | cargo run -p dossier-quotes --example show`
//! (`MODEL=path CUE_BIAS=8` for another tagger, with the shipped judge of its finds).

use std::io::Read;

use dossier_core::Document;
use dossier_quotes::{marks, QuoteStage};

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        eprintln!("stdin is not UTF-8 text");
        return;
    }
    let blocks = marks::blocks(&marks::paragraphs(&text));
    let (tokens, sentences) = dossier_segment::segment(&text, &blocks);
    let doc = Document {
        text,
        blocks,
        tokens,
        sentences,
        ..Document::default()
    };
    // Another tagger than the shipped one: `MODEL=path`, with `CUE_BIAS`.
    // The rules alone: `RULES=1`.
    let mut stage = if std::env::var_os("RULES").is_some() {
        QuoteStage::rules_only()
    } else {
        QuoteStage::new()
    };
    if let Ok(m) = std::env::var("MODEL") {
        let mut tagger = std::fs::read(m)
            .ok()
            .and_then(|b| dossier_quotes::learn::Tagger::from_bytes(&b));
        if let (Some(t), Ok(b)) = (tagger.as_mut(), std::env::var("CUE_BIAS")) {
            t.cue_bias = b.parse().unwrap_or(0.0);
        }
        // With the shipped judge of its finds, as the stage has it.
        if let Some(t) = tagger.as_mut() {
            t.post = dossier_quotes::filter::Post::shipped();
        }
        stage = stage.with_tagger(tagger, dossier_quotes::Mix::Precise);
    }
    for q in stage.quotes(&doc) {
        let t = |s: Option<dossier_core::Span>| s.map_or("-", |s| doc.span_text(s));
        println!(
            "{:?} [{}] cue=[{}] speaker=[{}] reported_by=[{}]",
            q.kind,
            doc.span_text(q.span),
            t(q.cue),
            t(q.speaker),
            t(q.reported_by)
        );
    }
}
