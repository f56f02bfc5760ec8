//! Writes a CoNLL file's lines with the predicted IOB2 tag appended (conlleval input), for
//! looking at errors without the CLI: `--example conll_pred -- GOLD > OUT`.
//! `--stage` tags as the ingest pipeline does instead (each CoNLL document as a text of its
//! tokens joined by spaces, through [`NerStage`] with its title trimming, compound splitting
//! and reader conventions), to measure what those do to CoNLL's labels.

use dossier_core::{Document, Sentence, Span, Stage, Token, TokenKind};
use dossier_ner::{conll, NerStage, Tagger};

/// IOB2 tags of each sentence of `doc` (CoNLL words) as the pipeline stage finds them.
fn stage_tags(stage: &NerStage, doc: &[Vec<&str>]) -> Vec<Vec<String>> {
    let mut d = Document::default();
    for sent in doc {
        let first = d.tokens.len() as u32;
        let start = d.text.len();
        for w in sent {
            if d.text.len() > start {
                d.text.push(' ');
            }
            let a = d.text.len();
            d.text.push_str(w);
            d.tokens.push(Token {
                span: Span::new(a, d.text.len()),
                kind: TokenKind::Word,
            });
        }
        d.sentences.push(Sentence {
            span: Span::new(start, d.text.len()),
            first,
            last: d.tokens.len() as u32,
        });
        d.text.push('\n');
    }
    stage.run(&mut d).expect("ner runs");
    d.sentences
        .iter()
        .map(|s| {
            (s.first..s.last)
                .map(|i| {
                    let t = d.tokens[i as usize].span;
                    let m = d
                        .mentions
                        .iter()
                        .find(|m| m.span.start < t.end && t.start < m.span.end);
                    match m {
                        None => "O".to_string(),
                        Some(m) => {
                            let inside = m.span.start < t.start;
                            format!("{}-{}", if inside { "I" } else { "B" }, m.label.as_str())
                        }
                    }
                })
                .collect()
        })
        .collect()
}

fn main() {
    let stage_mode = std::env::args().any(|a| a == "--stage");
    let path = std::env::args()
        .skip(1)
        .find(|a| a != "--stage")
        .expect("a CoNLL file");
    let text = std::fs::read_to_string(&path).expect("readable");
    let mut docs: Vec<Vec<Vec<&str>>> = Vec::new();
    let mut lines: Vec<Vec<&str>> = Vec::new();
    let (mut sent, mut sent_lines) = (Vec::new(), Vec::new());
    for line in text.lines().chain(std::iter::once("")) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() || cols[0] == "-DOCSTART-" {
            if !sent.is_empty() {
                if docs.is_empty() {
                    docs.push(Vec::new());
                }
                docs.last_mut().unwrap().push(std::mem::take(&mut sent));
                lines.push(std::mem::take(&mut sent_lines));
            }
            if cols.first() == Some(&"-DOCSTART-") {
                docs.push(Vec::new());
            }
            continue;
        }
        sent.push(cols[0]);
        sent_lines.push(line);
    }
    let pred = if stage_mode {
        let stage = NerStage::new().expect("embedded model");
        docs.iter().flat_map(|d| stage_tags(&stage, d)).collect()
    } else {
        conll::predict(Tagger::embedded().unwrap(), &docs)
            .into_iter()
            .map(|s| s.into_iter().map(String::from).collect())
            .collect::<Vec<Vec<String>>>()
    };
    let mut out = String::new();
    for (ls, ps) in lines.iter().zip(&pred) {
        for (l, p) in ls.iter().zip(ps) {
            out.push_str(l);
            out.push(' ');
            out.push_str(p);
            out.push('\n');
        }
        out.push('\n');
    }
    print!("{out}");
}
