//! Quotes and attribution: who said what, and who reported it.
//!
//! Takes the clean text with its tokens and sentences (and, when present, paragraphs as blocks
//! and name mentions from NER); gives `doc.quotes`: for each statement its content span, its kind
//! (direct, partial or indirect), the cue ("said", "according to"), the words naming the speaker,
//! the mention they resolve to, and who reported it when that is not the article itself.
//!
//! How: quotation marks are paired at the character level ([`marks`]); cue words come from data
//! lists (`resources/cues.txt`, written by hand, and `resources/cues-learned.txt`, learned from
//! PolNeAR train by `examples/learn_cues.rs`); ordered rules read each cue's clause shape
//! (statement then cue, cue then statement, "according to", a participle after a comma, "quoted X
//! as saying", "“...,” a statement issued by X read", a quotation signed with a dash); the
//! precise ones are kept, then the learned [`learn`] tagger (`models/quotes/`; its features
//! include WordNet 3.0 word classes, `resources/wordnet-classes.txt`, written by
//! `examples/wordnet_classes.rs`, and distributional word classes, `resources/word-clusters.txt`,
//! written by `examples/word_clusters.rs`) adds cues and their source and content, then "X said that ..." proposals that the trained linear [`filter`]
//! (`resources/filter.bin`) keeps fill in where the tagger found nothing.
//! Last, the start of each content after its cue (not a direct quotation) and then the end of
//! each indirect one are chosen again by the learned ranker [`ends`] (`resources/ends.bin`,
//! written by `examples/train_ends.rs`), on the rules' reading of the text; an end never cuts a
//! subject from its verb ("new rules of the Board | , which …, require").
//! A quote resumed after its cue ("“A,” she said, “B.”", also when the cue's sentence goes on
//! and the next one opens with the quote) is one statement; a bare quoted
//! paragraph with no cue goes to the previous quote's speaker. Short quoted terms with no cue
//! (scare quotes, titles) are not statements, and a single quoted word does not make a partial
//! quote. The outlet a statement was told to, or that recorded or reported it, is the reporting
//! source, never the speaker. Before a passive or "seems" the subject is part of the statement
//! ("the birth is expected to coincide with …"), not its source; a participle after a comma
//! ("…, adding that …") speaks for the attribution before it in the sentence; a speaker's words
//! lose the adverbs and conjunctions at their edges. Speakers are resolved to mentions: the head name inside the words
//! (not a possessive outlet), "he"/"she" to the person quoted just before when the text does not give them the other sex (else to the nearest earlier person who agrees, `sex.rs`), "the official" to the
//! earlier speaker with that head noun, other pronouns and descriptions to the nearest earlier
//! compatible mention (never one inside the quotation they speak; "a reporter" and "his wife"
//! to none, "his campaign" to the first man of its sentence, else of the sentence before, else the nearest; words that count people, "neither man", "both Roe
//! and Doe", "some critics, including Roe," to none); a name with no mention of its own stays
//! unresolved. With no mentions, the words are kept and the mention is left empty. Two readings
//! that end with the same content ("said" and "said in a statement") are one statement, listed
//! once.
//!
//! Does not: resolve speakers across documents (the resolve stage does), or judge truth.

pub mod ends;
pub mod filter;
pub mod learn;
pub mod marks;
mod rules;
mod sex;

use dossier_core::{Document, Layers, Quote, Span, Stage, StageError};

pub use rules::{candidates, extract, Candidate, CueStrength, Lexicon, Mix};

/// The quote and attribution stage.
pub struct QuoteStage {
    lexicon: Lexicon,
    filter: Option<filter::Filter>,
    tagger: Option<learn::Tagger>,
    mix: Mix,
    ends: Option<ends::Ends>,
}

impl QuoteStage {
    /// The stage with the shipped cue list and filter. The word tables the stage reads are
    /// built here, once per process, so that no document's time holds their building.
    pub fn new() -> QuoteStage {
        learn::load_tables();
        QuoteStage {
            lexicon: Lexicon::shipped(),
            filter: filter::Filter::shipped(),
            tagger: learn::Tagger::shipped(),
            mix: Mix::Precise,
            ends: ends::Ends::shipped(),
        }
    }

    /// The rules alone, without the trained filter and tagger.
    pub fn rules_only() -> QuoteStage {
        learn::load_tables();
        QuoteStage {
            lexicon: Lexicon::shipped(),
            filter: None,
            tagger: None,
            mix: Mix::Precise,
            ends: None,
        }
    }

    /// The stage with another tagger (or none) and way of combining it with the rules.
    pub fn with_tagger(mut self, tagger: Option<learn::Tagger>, mix: Mix) -> QuoteStage {
        self.tagger = tagger;
        self.mix = mix;
        self
    }

    /// The stage with another filter of the rules' proposals (or none).
    pub fn with_filter(mut self, filter: Option<filter::Filter>) -> QuoteStage {
        self.filter = filter;
        self
    }

    /// The stage with another ranker of content ends (or none).
    pub fn with_ends(mut self, ends: Option<ends::Ends>) -> QuoteStage {
        self.ends = ends;
        self
    }

    /// The cue lexicon, for training the filter on the same proposals.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The paragraphs the stage reads: the blocks when given, else the non-blank lines.
    pub fn paragraphs(doc: &Document) -> Vec<Span> {
        if doc.blocks.is_empty() {
            marks::paragraphs(&doc.text)
        } else {
            doc.blocks.iter().map(|b| b.span).collect()
        }
    }

    /// Quotes of a document whose tokens and sentences are filled.
    pub fn quotes(&self, doc: &Document) -> Vec<Quote> {
        let paras = QuoteStage::paragraphs(doc);
        rules::extract_with(
            &doc.text,
            &doc.tokens,
            &doc.sentences,
            &doc.mentions,
            &paras,
            &self.lexicon,
            self.filter.as_ref(),
            self.tagger.as_ref().map(|t| (t, self.mix)),
            self.ends.as_ref(),
        )
    }
}

impl Default for QuoteStage {
    fn default() -> Self {
        QuoteStage::new()
    }
}

impl Stage for QuoteStage {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn requires(&self) -> Layers {
        Layers::TOKENS | Layers::SENTENCES | Layers::MENTIONS
    }
    fn produces(&self) -> Layers {
        Layers::QUOTES
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.quotes = self.quotes(doc);
        Ok(())
    }
}
