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
pub use sentences::{split_final_stops, split_sentences, MAX_SENTENCE_TOKENS};
pub use tokenize::{tokenize, tokenize_into};

/// Tokens and sentences of `text`; `blocks` (may be empty) are hard sentence breaks.
///
/// An abbreviation that ends a sentence gives up its full stop as a token of its own
/// (see [`split_final_stops`]); everywhere else it stays whole.
pub fn segment(text: &str, blocks: &[Block]) -> (Vec<Token>, Vec<Sentence>) {
    let mut tokens = tokenize(text);
    let mut sentences = split_sentences(text, &tokens, blocks);
    split_final_stops(text, &mut tokens, &mut sentences);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_tokens(text: &str) -> Vec<Vec<&str>> {
        let (tokens, sentences) = segment(text, &[]);
        sentences
            .iter()
            .map(|s| {
                tokens[s.first as usize..s.last as usize]
                    .iter()
                    .map(|t| t.span.text(text))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn sentence_final_abbreviations_give_up_their_stop() {
        assert_eq!(
            sentence_tokens("He joined Acme Corp. The firm grew."),
            [
                vec!["He", "joined", "Acme", "Corp", "."],
                vec!["The", "firm", "grew", "."]
            ]
        );
        assert_eq!(
            sentence_tokens("She moved to the U.S. He stayed in the U.S."),
            [
                vec!["She", "moved", "to", "the", "U.S", "."],
                vec!["He", "stayed", "in", "the", "U.S", "."]
            ]
        );
        assert_eq!(
            sentence_tokens("(Made in the U.S.) Then"),
            [
                vec!["(", "Made", "in", "the", "U.S", ".", ")"],
                vec!["Then"]
            ]
        );
    }

    #[test]
    fn mid_sentence_abbreviations_stay_whole() {
        assert_eq!(
            sentence_tokens("U.S. officials met Gen. Aziz on Jan. 5."),
            [vec![
                "U.S.",
                "officials",
                "met",
                "Gen.",
                "Aziz",
                "on",
                "Jan.",
                "5",
                "."
            ]]
        );
    }

    #[test]
    fn stage_fills_both_layers() {
        let text = "Storm Hits Coast\n\nThe storm hit at dawn. Roads closed.".to_string();
        let mut doc = Document {
            text,
            ..Document::default()
        };
        Segmenter.run(&mut doc).unwrap();
        assert_eq!(doc.tokens.len(), 12);
        assert_eq!(doc.sentences.len(), 3);
    }
}
