//! Segment: clean text in, tokens and sentences out, as byte spans over the clean text.
//!
//! Takes `Document::text` (and `Document::blocks`, when the cleaner found any); gives `tokens`
//! and `sentences`. Tokens follow the Penn Treebank / CoNLL-2003 news conventions that the NER
//! model was trained on: punctuation, quotes and clitics ("’s", "n't") are split off; hyphenated
//! compounds, abbreviations and initials ("U.S.", "Gen.", "J.R.R."), numbers ("1,000", "3.5",
//! "10:57"), URLs and e-mail addresses stay whole. Sentences break at blocks, blank lines and
//! line breaks (headlines and datelines have no full stop), and at `.`, `!`, `?` unless an
//! abbreviation's class or a lower-case next word says otherwise.
//!
//! Does not: change the text, tag parts of speech, find quotations (the quotes stage works on
//! characters), or cut scripts written without spaces (a run of Chinese or Thai is one token).
//! The abbreviation and sentence-starter lists are data in `resources/`.

mod abbrev;
mod chars;
mod sentences;
mod tokenize;

use dossier_core::{Block, Document, Layers, Sentence, Stage, StageError, Token};

pub use abbrev::AbbrevClass;
pub use sentences::{split_sentences, MAX_SENTENCE_TOKENS};
pub use tokenize::{tokenize, tokenize_into};

/// Tokens and sentences of `text`; `blocks` (may be empty) are hard sentence breaks.
pub fn segment(text: &str, blocks: &[Block]) -> (Vec<Token>, Vec<Sentence>) {
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens, blocks);
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
