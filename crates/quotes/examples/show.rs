//! Prints the quotes the stage finds in a text read from stdin (segmentation by `dossier-segment`,
//! no mentions): `echo '“We won,” she said.' | cargo run -p dossier-quotes --example show`.

use std::io::Read;

use dossier_core::{Block, BlockKind, Document};
use dossier_quotes::{marks, QuoteStage};

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        eprintln!("stdin is not UTF-8 text");
        return;
    }
    let blocks: Vec<Block> = marks::paragraphs(&text)
        .into_iter()
        .map(|span| Block {
            span,
            kind: BlockKind::Paragraph,
        })
        .collect();
    let (tokens, sentences) = dossier_segment::segment(&text, &blocks);
    let doc = Document {
        text,
        blocks,
        tokens,
        sentences,
        ..Document::default()
    };
    for q in QuoteStage::new().quotes(&doc) {
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
