//! The shallow-syntax view of one sentence: each token with its lemma id in the lexicon, its
//! inflection, its capitalisation and its function-word class. No allocation per token: words
//! are lower-cased into one reused buffer.

use dossier_core::{Document, Span, TokenKind};

use crate::lemma::{self, Form};
use crate::lexicon::Lexicon;

/// Closed-class roles that the clause and argument rules look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fc {
    Content,
    Det,
    Prep,
    /// Prepositions of place ("in", "at", "near"): their object is a location, not a target.
    PlacePrep,
    By,
    /// "with", "against": they name the other party of a noun event.
    With,
    Between,
    Without,
    To,
    Be,
    Have,
    Do,
    /// "would", "could", "might", "may", "should", "can", "must".
    Modal,
    /// "will", "shall".
    Will,
    Neg,
    And,
    But,
    /// Adverbial subordinators that open background clauses ("after", "because", "since").
    Sub,
    /// "if", "unless".
    Cond,
    /// Relative pronouns ("who", "which", "where").
    Rel,
    That,
    Pron,
    /// Expletive "there" ("there would be no talks"): a subject that names no actor.
    Expl,
    Adv,
    /// Day and month names, "yesterday", "today".
    Time,
    /// "according" (as in "according to").
    According,
    /// Clause-breaking punctuation: `,` `;` `:` dashes.
    Comma,
    Semi,
    /// The possessive clitic "'s".
    Poss,
    /// Other punctuation and symbols.
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct W {
    pub span: Span,
    pub lemma: Option<u32>,
    pub form: Form,
    /// Starts with an upper-case letter.
    pub cap: bool,
    pub fc: Fc,
    /// Inside brackets: ignored by the argument rules.
    pub paren: bool,
}

impl W {
    pub fn is_aux(&self) -> bool {
        matches!(self.fc, Fc::Be | Fc::Have | Fc::Do | Fc::Modal | Fc::Will)
    }
    pub fn is_punct(&self) -> bool {
        matches!(self.fc, Fc::Comma | Fc::Semi | Fc::Punct | Fc::Poss)
    }
}

fn classify(lower: &str, cap: bool) -> Fc {
    match lower {
        "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "this" | "these"
        | "those" | "some" | "any" | "several" | "many" | "each" | "another" | "both" | "all"
        | "further" | "other" | "such" => Fc::Det,
        "of" | "on" | "for" | "from" | "into" | "over" | "under" | "about" | "toward"
        | "towards" | "across" | "through" | "during" | "upon" | "onto" | "despite" | "via"
        | "amid" | "among" | "after" | "before" | "since" | "until" | "following" => {
            if matches!(lower, "after" | "before" | "since" | "until" | "following") {
                Fc::Sub
            } else {
                Fc::Prep
            }
        }
        "in" | "at" | "near" | "outside" | "inside" | "within" => Fc::PlacePrep,
        "by" => Fc::By,
        "with" | "against" => Fc::With,
        "between" => Fc::Between,
        "without" => Fc::Without,
        "to" => Fc::To,
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "am" => Fc::Be,
        "has" | "have" | "had" | "having" => Fc::Have,
        "do" | "does" | "did" => Fc::Do,
        "would" | "could" | "might" | "should" | "can" | "must" => Fc::Modal,
        "may" if !cap => Fc::Modal,
        "will" | "shall" => Fc::Will,
        "not" | "n't" | "n’t" | "never" | "no" | "nor" | "didn" | "doesn" | "don" | "wasn"
        | "weren" | "couldn" | "wouldn" | "isn" | "aren" | "hasn" | "haven" | "hadn"
        | "shouldn" | "cannot" => Fc::Neg,
        "and" | "or" => Fc::And,
        "but" | "yet" => Fc::But,
        "because" | "although" | "though" | "whereas" | "while" | "when" | "once" | "whenever" => {
            Fc::Sub
        }
        "if" | "unless" => Fc::Cond,
        "who" | "which" | "whom" | "whose" | "where" | "what" => Fc::Rel,
        "that" => Fc::That,
        "he" | "she" | "they" | "it" | "we" | "i" | "you" => Fc::Pron,
        "there" => Fc::Expl,
        "also" | "again" | "already" | "still" | "now" | "later" | "then" | "even" | "just"
        | "soon" | "reportedly" | "jointly" | "recently" | "finally" | "formally"
        | "officially" | "allegedly" | "reluctantly" | "quickly" | "publicly" | "repeatedly"
        | "personally" | "last" | "t" | "earlier" | "however" | "meanwhile" | "separately"
        | "instead" | "moreover" | "furthermore" | "nonetheless" | "nevertheless" => Fc::Adv,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
        | "january" | "february" | "march" | "april" | "june" | "july" | "august" | "september"
        | "october" | "november" | "december" | "today" | "yesterday" | "tomorrow" | "tonight"
        | "weekend" => {
            // "march" and "may" are also a protest and a modal when lower-case.
            if !cap && lower == "march" {
                Fc::Content
            } else {
                Fc::Time
            }
        }
        "according" => Fc::According,
        _ => Fc::Content,
    }
}

/// The words of one sentence.
pub struct Sentence {
    pub words: Vec<W>,
}

/// Builds the word view of the tokens `first..last` of `doc`.
pub fn sentence(
    doc: &Document,
    lx: &Lexicon,
    first: usize,
    last: usize,
    lower: &mut String,
    buf: &mut String,
) -> Sentence {
    let last = last.min(doc.tokens.len());
    let mut words = Vec::with_capacity(last.saturating_sub(first));
    let mut depth = 0u32;
    for t in doc.tokens.get(first..last).unwrap_or(&[]) {
        let text = doc.span_text(t.span);
        let is_word = matches!(t.kind, TokenKind::Word | TokenKind::Number)
            && text.chars().next().is_some_and(|c| c.is_alphanumeric());
        if !is_word {
            let fc = match text {
                "'s" | "’s" | "'" | "’" => Fc::Poss,
                "," => Fc::Comma,
                // A free-standing hyphen is a dash ("MOSCOW (Reuters) - Russia agreed"); the
                // segmenter keeps hyphenated words whole.
                ";" | ":" | "—" | "–" | "--" | "-" => Fc::Semi,
                _ => Fc::Punct,
            };
            let open = text == "(" || text == "[";
            let close = text == ")" || text == "]";
            if open {
                depth += 1;
            }
            words.push(W {
                span: t.span,
                lemma: None,
                form: Form::Base,
                cap: false,
                fc,
                paren: open || close || depth > 0,
            });
            if close {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        lower.clear();
        if text.is_ascii() {
            lower.push_str(text);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(text.chars().flat_map(char::to_lowercase));
        }
        let cap = text.chars().next().is_some_and(char::is_uppercase);
        let fc = classify(lower, cap);
        let fc = if fc == Fc::Content
            && !cap
            && lower.len() > 4
            && lower.ends_with("ly")
            && lower != "family"
            && lower != "rally"
            && lower != "supply"
            && lower != "ally"
        {
            Fc::Adv
        } else {
            fc
        };
        let (lemma, form) = match lemma::lemmatise(lower, buf, |c| lx.id(c)) {
            Some((id, form)) => (Some(id), form),
            None => (None, lemma::guess_form(lower)),
        };
        words.push(W {
            span: t.span,
            lemma,
            form,
            cap,
            fc,
            paren: depth > 0,
        });
    }
    // A title-case headline ("Minister Rejects Talks, Calls Past Talks ‘Bitter Experience’")
    // capitalises its verbs and nouns: the words the lexicon knows lose their capital so that
    // they can be triggers, and so does every word outside a name the NER found, so that no
    // capitalised common word ("Past", "Bitter Experience") is taken for an actor.
    let content = words.iter().filter(|w| w.fc == Fc::Content).count();
    let caps = words
        .iter()
        .filter(|w| w.fc == Fc::Content && w.cap)
        .count();
    if content >= 4 && caps * 10 >= content * 7 {
        let in_name = |s: Span| {
            doc.mentions
                .iter()
                .any(|m| m.span.start <= s.start && s.end <= m.span.end)
        };
        for w in words.iter_mut() {
            if w.cap
                && (w
                    .lemma
                    .is_some_and(|id| lx.is_verb_head(id) || lx.is_noun_head(id))
                    || !in_name(w.span))
            {
                w.cap = false;
            }
        }
    }
    Sentence { words }
}
