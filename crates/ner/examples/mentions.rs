//! Prints the mentions of articles, sentence by sentence, as the ingest pipeline would find
//! them (clean, segment, NER): `cargo run --release -p dossier-ner --example mentions -- FILES...`.
//! `--model PATH` tags with another model file.

use std::path::PathBuf;

use dossier_core::Stage;
use dossier_ingest::{read_paths, Item};
use dossier_ner::{NerStage, Tagger};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut stage = NerStage::new().expect("embedded model");
    if let Some(i) = args.iter().position(|a| a == "--model") {
        let path = args.get(i + 1).expect("--model PATH").clone();
        args.drain(i..i + 2);
        let tagger = Tagger::load(std::path::Path::new(&path)).expect("model");
        stage = NerStage::with_tagger(Box::leak(Box::new(tagger)));
    }
    let paths: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
    let mut raws = Vec::new();
    read_paths(&paths, &mut |item| {
        if let Item::Doc(raw) = item {
            raws.push(raw);
        }
    });
    for raw in raws {
        let path = raw.path.clone();
        let Ok(mut doc) = dossier_clean::clean(raw) else {
            continue;
        };
        let (tokens, sentences) = dossier_segment::segment(&doc.text, &doc.blocks);
        doc.tokens = tokens;
        doc.sentences = sentences;
        stage.run(&mut doc).expect("ner runs");
        println!("## {path}");
        for (si, s) in doc.sentences.iter().enumerate() {
            let (a, b) = (s.first as usize, s.last as usize);
            let (start, end) = (
                doc.tokens[a].span.start as usize,
                doc.tokens[b.max(a + 1) - 1].span.end as usize,
            );
            let ms: Vec<String> = doc
                .mentions
                .iter()
                .filter(|m| (m.span.start as usize) >= start && (m.span.end as usize) <= end)
                .map(|m| format!("{}:{}", m.label.as_str(), doc.span_text(m.span)))
                .collect();
            println!("[{si}] {}", &doc.text[start..end]);
            println!("     => {}", ms.join(" | "));
        }
    }
}
