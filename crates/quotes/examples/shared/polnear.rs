//! PolNeAR texts read for the held-out examples: each text with its segmentation and the gold
//! attributions of every annotator.

use std::path::Path;

use dossier_core::{Document, Sentence, Span, Token};
use dossier_eval::quotes::{gold_files, parse_ann, AnnDoc, ReadStats};
use dossier_quotes::learn::{GoldAttr, TrainDoc};
use dossier_quotes::marks;

/// A text, its segmentation, the gold attributions of each annotator (the scored one first) and
/// the scored annotation.
pub type Raw = (
    String,
    Vec<Token>,
    Vec<Sentence>,
    Vec<Span>,
    Vec<Vec<GoldAttr>>,
    AnnDoc,
);

/// The texts of a split with their segmentation and gold attributions.
pub fn read(root: &Path) -> std::io::Result<Vec<Raw>> {
    let (texts, _) = gold_files(root)?;
    let mut stats = ReadStats::default();
    let mut raw: Vec<Raw> = Vec::new();
    for t in &texts {
        let text = std::fs::read_to_string(&t.text)?;
        let Ok(gold) = parse_ann(&std::fs::read_to_string(&t.ann)?, &text, false, &mut stats)
        else {
            continue;
        };
        let of = |g: &AnnDoc| -> Vec<GoldAttr> {
            g.attrs
                .iter()
                .map(|a| GoldAttr::from_offsets(&a.byte_spans_in(&text)))
                .collect()
        };
        let mut attrs = vec![of(&gold)];
        for other in other_annotators(&t.ann, &t.name)? {
            if let Ok(g) = parse_ann(&std::fs::read_to_string(&other)?, &text, false, &mut stats) {
                attrs.push(of(&g));
            }
        }
        let paras = marks::paragraphs(&text);
        let blocks = marks::blocks(&paras);
        let (tokens, sentences) = dossier_segment::segment(&text, &blocks);
        raw.push((text, tokens, sentences, paras, attrs, gold));
    }
    Ok(raw)
}

/// A text as the stage reads it: its text, paragraphs and segmentation.
pub fn document(r: &Raw) -> Document {
    let (text, tokens, sentences, paras, _, _) = r;
    Document {
        text: text.clone(),
        blocks: marks::blocks(paras),
        tokens: tokens.clone(),
        sentences: sentences.clone(),
        ..Document::default()
    }
}

/// The texts `keep` admits (by their place in `raw`) as training texts: with the scored
/// annotator's attributions, or with `every` annotator's file as a text of its own.
pub fn train_docs(raw: &[Raw], keep: impl Fn(usize) -> bool, every: bool) -> Vec<TrainDoc<'_>> {
    raw.iter()
        .enumerate()
        .filter(|(k, _)| keep(*k))
        .flat_map(|(_, (text, tokens, sentences, paras, attrs, _))| {
            attrs
                .iter()
                .take(if every { attrs.len() } else { 1 })
                .map(|a| TrainDoc {
                    text,
                    tokens,
                    sentences,
                    paras,
                    attrs: a.clone(),
                })
        })
        .collect()
}

/// The other annotators' files of a text beside the scored one (`NAME_ANNOTATOR.ann`), in order.
fn other_annotators(scored: &Path, name: &str) -> std::io::Result<Vec<std::path::PathBuf>> {
    let Some(dir) = scored.parent() else {
        return Ok(Vec::new());
    };
    let mut out: Vec<std::path::PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p != scored
                && p.extension().is_some_and(|x| x == "ann")
                && p.file_stem()
                    .and_then(|s| s.to_str())
                    .and_then(|s| s.rsplit_once('_'))
                    .is_some_and(|(n, _)| n == name)
        })
        .collect();
    out.sort();
    Ok(out)
}
