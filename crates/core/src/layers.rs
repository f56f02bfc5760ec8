//! The stand-off layers: every annotation is a span of the clean text plus a payload.

use serde::{Deserialize, Serialize};

use crate::Span;

/// A paragraph-level unit found by the cleaner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub span: Span,
    pub kind: BlockKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Title,
    Heading,
    Paragraph,
    Dateline,
    Byline,
    Quote,
    ListItem,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    Word,
    Number,
    Punct,
    Symbol,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// A sentence: its span and its tokens `[first, last)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub first: u32,
    pub last: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    PER,
    ORG,
    LOC,
    MISC,
}

impl EntityType {
    pub const ALL: [EntityType; 4] = [
        EntityType::PER,
        EntityType::ORG,
        EntityType::LOC,
        EntityType::MISC,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            EntityType::PER => "PER",
            EntityType::ORG => "ORG",
            EntityType::LOC => "LOC",
            EntityType::MISC => "MISC",
        }
    }

    pub fn parse(s: &str) -> Option<EntityType> {
        match s.to_ascii_uppercase().as_str() {
            "PER" | "PERSON" => Some(EntityType::PER),
            "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(EntityType::ORG),
            "LOC" | "LOCATION" | "GPE" => Some(EntityType::LOC),
            "MISC" => Some(EntityType::MISC),
            _ => None,
        }
    }
}

/// A name in the text: "Amir Khan Muttaqi", "ISKP", "Doha".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    pub label: EntityType,
    /// Model confidence, 0.0 to 1.0.
    pub score: f32,
}

/// A title or role attached to a person mention: "Foreign Minister", "the Taliban-appointed spokesman".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub span: Span,
    /// Normalised lower-case form: "foreign minister".
    pub value: String,
    /// Index of the mention it describes.
    pub mention: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[allow(clippy::upper_case_acronyms)]
pub enum TimexType {
    DATE,
    TIME,
    DURATION,
    SET,
}

/// A temporal expression normalised TIMEX3-style.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    pub span: Span,
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// ISO-style value: `2021-10-09`, `2021-10`, `P20Y`, `PRESENT_REF`, `XXXX-08`...
    pub value: String,
    /// TIMEX3 `mod`: `START`, `END`, `APPROX`, `MORE_THAN`...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Partial,
    Indirect,
}

/// A statement attributed (or not yet attributed) to a speaker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The content of the statement.
    pub span: Span,
    pub kind: QuoteKind,
    /// The cue: "said", "told", "according to".
    pub cue: Option<Span>,
    /// The words that name the speaker here: "he", "the official", "Muttaqi".
    pub speaker: Option<Span>,
    /// The mention the speaker resolves to (index into `mentions`), possibly in an earlier sentence.
    pub speaker_mention: Option<u32>,
    /// Who reported the statement when it is not the article itself ("AFP reported Nazary stating").
    pub reported_by: Option<Span>,
}

/// An actor argument of an event: the words and, when known, the mention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    pub span: Span,
    pub mention: Option<u32>,
}

/// The 16 current PLOVER event types.
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// Who did what to whom, PLOVER-coded.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// PLOVER type: `CONSULT`, `REQUEST`, ...
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    /// The trigger words.
    pub span: Span,
    pub sentence: u32,
    pub source: Option<Actor>,
    pub target: Option<Actor>,
    pub location: Option<Actor>,
    /// Index into `timexes` of the expression that dates it.
    pub timex: Option<u32>,
    pub negated: bool,
    /// `asserted`, `hypothetical`, `reported`, ...
    pub modality: String,
    /// Who reports the event when it is told in reported speech ("X said the US agreed ...": X).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_by: Option<Actor>,
}

/// A numeric claim: "at least 46 killed".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub span: Span,
    /// Lowest and highest value the words allow: `at least 46` is 46..`f64::MAX` (not infinity,
    /// which JSON cannot carry).
    pub low: f64,
    pub high: f64,
    pub qualifier: Option<String>,
    /// What is counted: `killed`, `wounded`, `fighters`, `usd`...
    pub measure: String,
    pub sentence: u32,
}
