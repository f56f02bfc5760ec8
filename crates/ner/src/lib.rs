//! Named entities: tokens and sentences in, mentions (PER, ORG, LOC, MISC) and the titles or
//! roles attached to person mentions out.
//!
//! The tagger is a structured averaged perceptron over BILOU labels with constrained Viterbi
//! decoding, trained here by `dossier train ner` on CoNLL-2003 and compiled into the binary.
//! Features are hashed (xxh3, fixed seed) and looked up in a table of quantised weights; they
//! include the word, its shape, affixes, context words, capitals in a window, whether the
//! sentence is a headline, word clusters, a gazetteer of training names and document-level
//! facts (how the word is written elsewhere in the article, what it was tagged earlier).
//!
//! A second pass adds what the first found anywhere in the article (the types a word got, the
//! longest name it was part of, the type of the same name string) and decodes again; it is
//! trained by stacking on first-pass output for held-out folds.
//!
//! Document constraints ([`consistency`]) then apply acronyms the article defines, one type
//! per name string where the body clearly agrees, and name ends at hyphenated or possessive
//! tails.
//!
//! After tagging, names in a capitalised headline take their extent from the body of the
//! article, and in a title-case headline words usually written in lower case that the body
//! never capitalises leave the names they were swept into (a name the body knows part of
//! becomes that part); a byline ("By Staff, Agencies") keeps only names without such words.
//!
//! [`NerStage`] feeds the tagger the name part of hyphenated compounds ("US" of "US-led") and
//! of possessives the tokenizer left whole, so mention spans cover the name only, splits
//! compounds of names the article also writes alone ("US-Taliban") at their hyphens, applies
//! the reader's conventions of [`reader`] (an acting "the X" is an organisation, "the X
//! administration" names a person, an interviewer never named again is an outlet),
//! and attaches titles and roles to person mentions (a word list in `resources/roles.txt`;
//! a title that is as often a given name, "Amir", stays in the name it starts). A name in the
//! possessive right before a person's name ("Al Sahil’s Rana Haddad") is typed an organisation.
//! [`Tagger::tag`] and [`Tagger::tag_document`] serve callers that have words but no document.
//!
//! It does not resolve mentions to entities (the resolve stage does) and does not change tokens.

pub mod clusters;
pub mod conll;
pub mod consistency;
pub mod decode;
pub mod document;
pub mod features;
pub mod gazetteer;
mod hashmap;
pub mod model;
pub mod people;
pub mod reader;
pub mod stage;
pub mod tagger;
pub mod train;

pub use dossier_core::EntityType;
pub use model::{Model, ModelError};
pub use stage::NerStage;
pub use tagger::{Entity, Tagger};
