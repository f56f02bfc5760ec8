//! Segment: clean text in, tokens and sentences out, as byte spans.
//!
//! (First cut: splits on whitespace and punctuation, sentences at blocks and full stops. The
//! news-aware rules replace it.)

use dossier_core::{Block, Document, Layers, Sentence, Span, Stage, StageError, Token, TokenKind};

/// Tokens and sentences of `text`; `blocks` (may be empty) are hard sentence breaks.
pub fn segment(text: &str, blocks: &[Block]) -> (Vec<Token>, Vec<Sentence>) {
    let _ = blocks;
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            tokens.push(Token { span: Span::new(s, i), kind: TokenKind::Word });
        }
        if !c.is_whitespace() {
            tokens.push(Token { span: Span::new(i, i + c.len_utf8()), kind: TokenKind::Punct });
        }
    }
    if let Some(s) = start {
        tokens.push(Token { span: Span::new(s, text.len()), kind: TokenKind::Word });
    }
    let mut sentences = Vec::new();
    let mut first = 0;
    for (i, t) in tokens.iter().enumerate() {
        let end = t.span.text(text) == "." || text[t.span.end as usize..].starts_with('\n');
        if end || i + 1 == tokens.len() {
            let span = Span::new(tokens[first].span.start as usize, t.span.end as usize);
            sentences.push(Sentence { span, first: first as u32, last: i as u32 + 1 });
            first = i + 1;
        }
    }
    (tokens, sentences)
}

/// The segmentation stage.
pub struct Segmenter;

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "segment"
    }
    fn requires(&self) -> Layers {
        Layers::TEXT
    }
    fn produces(&self) -> Layers {
        Layers::TOKENS | Layers::SENTENCES
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let (tokens, sentences) = segment(&doc.text, &doc.blocks);
        doc.tokens = tokens;
        doc.sentences = sentences;
        Ok(())
    }
}
