//! Ordered attribution rules over tokens, sentences and paired quotation marks.

use dossier_core::hash::FastMap;

use dossier_core::calendar::WEEKDAYS;
use dossier_core::{EntityType, Mention, Quote, QuoteKind, Sentence, Span, Token};

use crate::filter::{feature, Filter};
use crate::learn::{Tagged, Tagger};
use crate::marks::{self, Quoted};
use crate::sex::{self, Sex};

/// How strongly a word signals a reported statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueStrength {
    /// Speech verbs: a cue wherever the clause shape fits.
    Strong,
    /// Verbs of thought, finding or request: a cue only before a "that" clause or a quotation,
    /// or after the statement they close.
    Weak,
}

/// The cue word list.
#[derive(Clone, Debug)]
pub struct Lexicon {
    words: FastMap<String, CueStrength>,
}

impl Lexicon {
    /// The shipped lists: the hand-written `resources/cues.txt`, then the words learned from
    /// PolNeAR (`resources/cues-learned.txt`) that the hand list does not have.
    pub fn shipped() -> Lexicon {
        let mut lex = Lexicon::parse(include_str!("../resources/cues.txt"));
        for (w, s) in Lexicon::parse(include_str!("../resources/cues-learned.txt")).words {
            lex.words.entry(w).or_insert(s);
        }
        lex
    }

    /// Reads a list: one lower-case form a line, `#` comments, `[weak]` starts the weak section.
    pub fn parse(src: &str) -> Lexicon {
        let mut words = FastMap::default();
        let mut strength = CueStrength::Strong;
        for line in src.lines() {
            let w = line.split('#').next().unwrap_or_default().trim();
            if w.is_empty() {
                continue;
            }
            if w == "[weak]" {
                strength = CueStrength::Weak;
                continue;
            }
            words.insert(w.to_lowercase(), strength);
        }
        Lexicon { words }
    }

    pub fn get(&self, lower: &str) -> Option<CueStrength> {
        self.words.get(lower).copied()
    }
}

/// Cues whose object is the audience, not the speaker: "…, she told The Hill".
const TOLD: &[&str] = &["told", "tells", "tell", "asked", "asks", "warned"];

/// Verbs of speech and finding, which bring a speaker of their own into a document's report
/// ("In a statement, the ministry said ...", "In a poll of 800 voters, the group found ...").
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "added",
    "wrote",
    "writes",
    "stated",
    "explained",
    "noted",
    "argued",
    "claimed",
    "insisted",
    "announced",
    "declared",
    "according",
    "found",
    "finds",
    "showed",
    "shows",
    "show",
];

/// Words that may stand between a subject and its cue ("has said", "also told").
const BETWEEN: &[&str] = &[
    "also",
    "has",
    "have",
    "had",
    "previously",
    "reportedly",
    "later",
    "then",
    "once",
    "recently",
    "repeatedly",
    "further",
    "again",
    "never",
    "often",
    "publicly",
    "privately",
    "first",
    "initially",
    "originally",
    "would",
    "will",
    "did",
    "does",
    "do",
    "had",
    "long",
    "earlier",
    "since",
    "had",
    "just",
    "already",
    "now",
    "still",
    "frequently",
    "quickly",
    "flatly",
    "simply",
    "specifically",
    "told",
    "not",
];

/// Words that end a subject noun phrase when walking left from a cue.
const NP_STOP: &[&str] = &[
    "that", "which", "who", "whom", "whose", "and", "or", "but", "if", "when", "because", "while",
    "as", "than", "to", "for", "in", "on", "at", "by", "with", "from", "after", "before", "is",
    "was", "are", "were", "be", "been", "being", "will", "would", "can", "could", "should", "may",
    "might", "must", "not", "so", "where", "what", "how", "why", "there", "here", "this", "these",
    "those", "it", "into", "about", "over", "under", "than", "then", "also", "said", "says",
    "told", "has", "have", "had", "do", "does", "did", "however", "yet", "though", "although",
    "whether", "until", "during", "against", "without",
];

/// Verbs in the past tense that do not end in "-ed", for the clauses that lead into a quotation
/// with a colon.
const PAST: &[&str] = &[
    "made", "put", "gave", "had", "sent", "spoke", "took", "read", "left", "offered", "began",
    "struck", "summed", "came", "went", "got", "kept", "let", "felt", "knew", "thought", "saw",
];

/// Documents that report what their authors found: "In the latest poll, ...".
const DOCUMENTS: &[&str] = &[
    "poll",
    "polls",
    "survey",
    "surveys",
    "report",
    "study",
    "studies",
    "analysis",
    "memo",
    "filing",
    "letter",
    "statement",
    "interview",
    "ruling",
    "complaint",
    "lawsuit",
    "census",
    "findings",
    "review",
    "audit",
];

/// Whether a lower-case word reads as a verb in the past tense.
fn past_tense(w: &str) -> bool {
    (w.len() > 4 && w.ends_with("ed")) || PAST.contains(&w)
}

const PRONOUNS_PER: &[&str] = &["he", "she", "him", "her", "i", "we", "you"];
/// Relative pronouns, which PolNeAR marks as the source of the clause they open.
const RELATIVE: &[&str] = &["who", "which", "that"];
const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "us",
];
/// Verbs that introduce someone else's report: "AFP reported X saying", "X was quoted as saying".
const REPORTING: &[&str] = &[
    "reported", "quoted", "cited", "quotes", "reports", "cites", "quoting", "citing",
];
/// Nouns of a written statement whose author speaks through it: "a statement issued by X read".
const STATEMENT_NOUNS: &[&str] = &[
    "statement",
    "release",
    "communique",
    "communiqué",
    "message",
    "letter",
    "post",
    "tweet",
    "note",
    "declaration",
    "notice",
];
/// Participles that pass a statement on: "said in a statement recorded by X".
const PASSED_ON: &[&str] = &[
    "recorded",
    "reported",
    "quoted",
    "carried",
    "cited",
    "published",
    "broadcast",
    "aired",
    "relayed",
    "obtained",
    "seen",
];
/// Words that make the audience of "told" a news outlet, which then reports the statement.
const OUTLET_WORDS: &[&str] = &[
    "press",
    "agency",
    "news",
    "newspaper",
    "times",
    "post",
    "television",
    "tv",
    "radio",
    "channel",
    "broadcaster",
    "magazine",
    "journal",
    "daily",
    "herald",
    "tribune",
    "gazette",
    "courier",
    "wire",
    "outlet",
    "reporter",
    "correspondent",
];
/// Objects of "told"/"asked" that are the audience, not the statement.
const AUDIENCE: &[&str] = &[
    "reporters",
    "journalists",
    "me",
    "him",
    "her",
    "us",
    "them",
    "you",
    "supporters",
    "the",
];
/// Words that, after a comma, start a clause that is not part of the statement.
const CLAUSE_BREAK: &[&str] = &[
    "and",
    "but",
    "which",
    "while",
    "although",
    "though",
    "contradicting",
    "whereas",
];
/// Time words between a cue and its statement, besides the weekdays.
const WHEN: &[&str] = &[
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "later",
    "night",
    "morning",
    "afternoon",
    "evening",
];
/// Adverbs that open a sentence, set off by a comma, before its subject ("Instead, the senator
/// is …").
const OPENERS: &[&str] = &[
    "instead",
    "however",
    "meanwhile",
    "still",
    "back",
    "now",
    "then",
    "indeed",
    "afterward",
    "afterwards",
    "moreover",
    "also",
    "yet",
    "again",
    "first",
    "second",
    "third",
    "finally",
    "separately",
    "likewise",
    "nonetheless",
    "nevertheless",
    "otherwise",
    "thus",
    "so",
    "here",
    "there",
    "elsewhere",
    "overall",
    "later",
    "earlier",
    "today",
    "yesterday",
    "previously",
];

/// Words that open a subordinate clause after a cue's clause: "said, as they left".
const SUBORDINATE: &[&str] = &[
    "as", "while", "after", "before", "when", "because", "since", "although", "though", "amid",
    "during", "even",
];
/// Words that open an adverbial after a cue, not a statement.
const NOT_A_STATEMENT: &[&str] = &[
    "as", "when", "while", "after", "before", "during", "in", "at", "on", "to", "of", "for",
    "from", "with", "by", "since", "until", "into",
];
/// Nouns in a description that make it an organisation.
const ORG_HEADS: &[&str] = &[
    "group",
    "ministry",
    "government",
    "party",
    "campaign",
    "committee",
    "department",
    "agency",
    "company",
    "office",
    "council",
    "administration",
    "commission",
    "court",
    "police",
    "army",
    "military",
    "taliban",
    "organization",
    "organisation",
    "union",
    "bank",
    "embassy",
    "firm",
    "network",
    "newspaper",
    "paper",
    "delegation",
    "forces",
    "troops",
    "authorities",
    "movement",
    "front",
    "board",
    "bureau",
    "institute",
    "university",
    "regulator",
    "automaker",
    "carmaker",
    "maker",
    "retailer",
    "insurer",
    "lender",
    "airline",
    "club",
    "team",
];

/// Offices whose holder both speaks for the body named before them ("a Benetton
/// spokeswoman") and is the person a later "he", "she" or "the <noun>" stands for.
const OFFICES: &[&str] = &[
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "envoy",
    "diplomat",
    "leader",
    "chief",
    "commander",
    "ambassador",
    "secretary",
    "adviser",
    "advisor",
    "director",
    "officer",
    "negotiator",
    "chairman",
    "chairwoman",
    "manager",
    "executive",
    "founder",
    "owner",
    "chancellor",
    "premier",
    "head",
    "aide",
    "lawyer",
    "attorney",
];

/// Other nouns for people or parts that speak for the body or person named before them: "the
/// party's leaders", "REPH's board", "the ministry's figures" (and the `OFFICES`).
const SPEAKS_FOR: &[&str] = &[
    "spokespeople",
    "management",
    "representative",
    "delegate",
    "staff",
    "statement",
    "release",
    "report",
    "poll",
    "survey",
    "study",
    "figures",
    "data",
];

/// Whether a head noun (any case) speaks for what qualifies it: one of `SPEAKS_FOR` or
/// `ORG_HEADS`, or the plural of one ("officials", "spokesmen").
fn speaks_for(noun: &str) -> bool {
    let w = noun.to_lowercase();
    let one = w
        .strip_suffix("men")
        .map(|x| format!("{x}man"))
        .or_else(|| w.strip_suffix('s').map(str::to_string))
        .unwrap_or_else(|| w.clone());
    [w, one].iter().any(|x| {
        [OFFICES, SPEAKS_FOR, ORG_HEADS]
            .iter()
            .any(|l| l.contains(&x.as_str()))
    })
}

/// Heads of descriptions that news uses for people it does not name.
const ANONYMOUS_HEADS: &[&str] = &[
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "source",
    "sources",
    "analyst",
    "analysts",
    "diplomat",
    "diplomats",
    "dealer",
    "dealers",
    "trader",
    "traders",
    "banker",
    "bankers",
    "economist",
    "economists",
    "expert",
    "experts",
    "witness",
    "witnesses",
    "resident",
    "residents",
    "aide",
    "aides",
];

/// One token with what the rules ask of it.
pub(crate) struct Tok<'a> {
    pub(crate) text: &'a str,
    pub(crate) span: Span,
    /// The word in lower case: the text itself when it has no upper case letter.
    pub(crate) lower: std::borrow::Cow<'a, str>,
    pub(crate) in_quote: bool,
    /// Opens, or closes, a paired quote stretch.
    pub(crate) open_q: bool,
    pub(crate) close_q: bool,
    /// The word's coarse class ([`crate::learn::class`]), its WordNet and distributional
    /// classes ([`crate::learn::word_classes`]) and its strength as a cue ([`Lexicon::get`]),
    /// looked up once per token.
    pub(crate) cls: &'static str,
    pub(crate) wn: u32,
    pub(crate) cl: u32,
    /// A word the cue tagger labels outside a cue unscored (see [`crate::learn::word_classes`]).
    pub(crate) never_cue: bool,
    pub(crate) cue: Option<CueStrength>,
}

impl Tok<'_> {
    fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }
    fn is_cap(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
    fn is(&self, w: &str) -> bool {
        self.lower == w
    }
    fn is_comma(&self) -> bool {
        self.text == ","
    }
    fn is_end_punct(&self) -> bool {
        matches!(self.text, "." | "!" | "?")
    }
    fn in_list(&self, list: &[&str]) -> bool {
        list.contains(&self.lower.as_ref())
    }

    /// A weekday or another time word that may stand between a cue and its statement.
    fn is_when(&self) -> bool {
        self.in_list(&WEEKDAYS) || self.in_list(WHEN)
    }
}

/// A found attribution, before speakers are resolved to mentions.
#[derive(Clone)]
struct Found {
    content: Span,
    cue: Option<Span>,
    speaker: Option<Span>,
    reported_by: Option<Span>,
    /// Where the attribution's own words end (content, cue and speaker), for quote continuation.
    last: u32,
    /// The content's end before quotes after the attribution's words continued it.
    own_end: Option<u32>,
    /// Which rule found it and at which cue token, for the filter's features.
    rule: Rule,
    cue_tok: usize,
    sentence: (usize, usize),
}

/// The rule that proposed an attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    According,
    /// A quotation, then its speaker described at length, then the cue: "“...,” a statement
    /// issued by X, the ministry's spokesman, read."
    Described,
    /// A quotation signed with a dash: "“...” — Jane Roe, a nurse from Ohio".
    Byline,
    StatementFirst,
    CueFirst,
    Participle,
    Implied,
    Learned,
    /// A statement, a comma, then the cue and a name: "The plant will close, said Jane Roe,
    /// the plant's manager."
    Inverted,
    /// A cue closing its paragraph with a colon, the statement in the next paragraph: "He
    /// said:".
    Colon,
    /// A paragraph led by its speaker's name and a colon: a transcript ("PENCE: Well, ...") or
    /// a headline ("Poll: Clinton and Trump in dead heat").
    Label,
    /// A paraphrase, then a name and its description set off by commas, then the cue closing
    /// the sentence: "Prices will fall, Jane Roe, a former minister, said."
    NamedAfter,
    /// "As Jane Roe put it, ...": a speaker named by the form itself, no cue word.
    PutIt,
}

impl Found {
    fn new(content: Span, cue: Span, speaker: Option<Span>, reported_by: Option<Span>) -> Found {
        let last = content.end.max(cue.end).max(speaker.map_or(0, |s| s.end));
        Found {
            content,
            cue: Some(cue),
            speaker,
            reported_by,
            last,
            own_end: None,
            rule: Rule::CueFirst,
            cue_tok: 0,
            sentence: (0, 0),
        }
    }

    fn by(mut self, rule: Rule) -> Found {
        self.rule = rule;
        self
    }
}

pub(crate) struct Ctx<'a> {
    text: &'a str,
    pub(crate) toks: Vec<Tok<'a>>,
    quotes: Vec<Quoted>,
    pub(crate) lex: &'a Lexicon,
    /// Propose weak cues without a clause too (when a filter will judge them).
    broad: bool,
}

impl Ctx<'_> {
    /// Whether token `i` follows a comma, also one that ends a quotation (`… ago,” adding`).
    fn after_comma(&self, i: usize) -> bool {
        i > 0
            && (self.toks[i - 1].is_comma()
                || i > 1 && self.toks[i - 1].close_q && self.toks[i - 2].is_comma())
    }

    /// Whether token `i` is a participle after a comma (see [`Ctx::after_comma`]).
    fn participle_after_comma(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.lower.ends_with("ing")) && self.after_comma(i)
    }

    pub(crate) fn span(&self, a: usize, b: usize) -> Span {
        Span::new(
            self.toks[a].span.start as usize,
            self.toks[b - 1].span.end as usize,
        )
    }

    fn cue_strength(&self, i: usize) -> Option<CueStrength> {
        let t = &self.toks[i];
        // Cues are lower-case words outside quotes ("States" and "Tell" are not cues).
        if t.in_quote || !t.text.chars().next().is_some_and(char::is_lowercase) {
            return None;
        }
        // After an article the word is a noun ("a statement", "the report").
        if i > 0 && self.toks[i - 1].in_list(&["a", "an", "the"]) {
            return None;
        }
        // "also known as FLM" names, it does not attribute.
        if t.is("known") && self.toks.get(i + 1).is_some_and(|n| n.is("as")) {
            return None;
        }
        t.cue
    }

    /// Whether a subject-like word: not a stop word, a cue or punctuation.
    fn np_word(&self, i: usize) -> bool {
        let t = &self.toks[i];
        // A capitalised cue word is part of a name ("Federal Express", "The Daily Report").
        let cue_word = t.cue.is_some() && !t.text.chars().next().is_some_and(char::is_uppercase);
        if t.in_list(NP_STOP) || cue_word {
            return false;
        }
        if t.is_word() {
            return true;
        }
        // Possessive marks, hyphens and the dots of initials stay inside a name; a possessive
        // "’s" only before the noun it leads to ("Afghanistan’s acting foreign minister").
        let owner = matches!(t.text, "'s" | "’s")
            && self
                .toks
                .get(i + 1)
                .is_some_and(|n| n.is_word() && n.cue.is_none());
        (owner || matches!(t.text, "'" | "’" | "-" | "." | "&"))
            && i > 0
            && self.toks[i - 1].is_word()
    }

    /// The noun phrase that opens the clause `[f, c)`, after an opening adverbial set off by a
    /// comma ("In August, several groups granted …, saying").
    fn clause_subject(&self, f: usize, c: usize) -> Option<(usize, usize)> {
        // An opening adverb set off by a comma is no subject: "Instead, the senator is …".
        let opener = |(a, b): &(usize, usize)| {
            *b == a + 1
                && *b < c
                && self.toks[*b].is_comma()
                && (self.toks[*a].in_list(OPENERS)
                    || self.toks[*a].is_when()
                    || self.toks[*a].lower.ends_with("ly") && self.toks[*a].lower.len() > 4)
        };
        let np = self.np_right(f, c);
        let open = np.as_ref().is_some_and(opener);
        np.filter(|_| !open).or_else(|| {
            // a short opening phrase of time or place: "In August,", "On Monday,"
            let t = &self.toks[f];
            if t.in_quote || !(t.in_list(NP_STOP) || open) {
                return None;
            }
            let comma = (f + 1..c.min(f + 5)).find(|&j| self.toks[j].is_comma())?;
            let (a, b) = self.np_right(comma + 1, c)?;
            // the phrase runs on over the verb ("groups granted Mr. Clarke"): end before it
            let verb = (a + 1..b).find(|&j| {
                let t = &self.toks[j];
                t.lower.ends_with("ed") && !t.is_cap()
            });
            Some((a, verb.unwrap_or(b)))
        })
    }

    /// The subject noun phrase that ends just before token `end`, within `[floor, end)`.
    fn np_left(&self, floor: usize, end: usize) -> Option<(usize, usize)> {
        let mut i = end;
        while i > floor && end - i < 12 {
            if self.np_word(i - 1) {
                i -= 1;
            } else if self.toks[i - 1].text == ")" {
                // A parenthetical inside a name: "Jane Roe (R-Ohio) said".
                match (floor..i - 1)
                    .rev()
                    .take(8)
                    .find(|&j| self.toks[j].text == "(")
                {
                    Some(j) if j > floor && self.np_word(j - 1) => i = j,
                    _ => break,
                }
            } else {
                break;
            }
        }
        while i < end && !self.toks[i].is_word() {
            i += 1;
        }
        (i < end).then_some((i, end))
    }

    /// A noun phrase that starts at token `start`, within `[start, ceil)`.
    pub(crate) fn np_right(&self, start: usize, ceil: usize) -> Option<(usize, usize)> {
        let mut i = start;
        while i < ceil && self.np_word(i) && i - start < 8 {
            i += 1;
        }
        let mut e = i;
        while e > start && !self.toks[e - 1].is_word() {
            e -= 1;
        }
        (e > start).then_some((start, e))
    }

    /// The subject of a cue at `c` past a time between them: "Jane Roe on Tuesday said", "X
    /// last week said". The tagger reads [`Ctx::subject_plain`], as it was trained with.
    /// A verb coordinated before the cue shares its subject: "I laughed and said", "she paused
    /// and added".
    pub(crate) fn subject(&self, floor: usize, c: usize) -> Option<(usize, usize)> {
        let mut end = c;
        while end > floor && self.toks[end - 1].in_list(BETWEEN) {
            end -= 1;
        }
        let j = self.time_before(floor, end);
        let mut at = if j < end && j > floor { j } else { c };
        if at == c && end > floor + 2 && self.toks[end - 1].is("and") {
            let v = &self.toks[end - 2];
            if v.text.len() > 4
                && v.text.ends_with("ed")
                && v.text.chars().all(|ch| ch.is_ascii_lowercase())
            {
                at = end - 2;
            }
        }
        self.subject_plain(floor, at)
    }

    /// Where a time that ends at token `end` starts ("on Tuesday", "Monday", "last week",
    /// "this year"), within `[floor, end)`: `end` when there is none.
    fn time_before(&self, floor: usize, end: usize) -> usize {
        let mut j = end;
        if j > floor + 1 && self.toks[j - 1].in_list(&WEEKDAYS) {
            j -= 1;
            if self.toks[j - 1].in_list(&["on", "last", "this"]) {
                j -= 1;
            }
        } else if j > floor + 2
            && self.toks[j - 1].in_list(&["week", "month", "weekend", "year"])
            && self.toks[j - 2].in_list(&["last", "this"])
        {
            j -= 2;
        }
        j
    }

    /// The subject of a cue at `c`, skipping adverbs and auxiliaries, a time between them read
    /// as part of it. After a comma the subject is the noun phrase that opens the clause, with
    /// its appositives ("Jane Roe, a senator from Ohio who chairs the panel, said").
    pub(crate) fn subject_plain(&self, floor: usize, c: usize) -> Option<(usize, usize)> {
        let mut end = c;
        while end > floor && self.toks[end - 1].in_list(BETWEEN) {
            end -= 1;
        }
        // "The film ― which weaves together … ― explains": the subject is before the aside.
        if end > floor + 1 && matches!(self.toks[end - 1].text, "―" | "—" | "–" | "--") {
            let dash = self.toks[end - 1].text;
            if let Some(j) = (floor..end - 1)
                .rev()
                .take(40)
                .find(|&j| self.toks[j].text == dash)
            {
                end = j;
            }
        }
        // "X continues to insist", "X declined to say": the subject is the first verb's.
        if end > floor + 2
            && self.toks[end - 1].is("to")
            && self.toks[end - 2].text.chars().all(char::is_lowercase)
        {
            end -= 2;
            while end > floor && self.toks[end - 1].in_list(BETWEEN) {
                end -= 1;
            }
        }
        // "quoted Jane Roe as saying"; "Jane Roe was quoted as saying".
        if end > floor && self.toks[end - 1].is("as") {
            if let Some((be, _)) = self.quoted_passive(floor, end - 1) {
                let mut e = be;
                while e > floor && self.toks[e - 1].in_list(BETWEEN) {
                    e -= 1;
                }
                return self.np_left(floor, e);
            }
            return self.np_left(floor, end - 1);
        }
        if end > floor && self.toks[end - 1].is_comma() {
            let comma = end - 1;
            let lo = comma.saturating_sub(40).max(floor);
            let start = (lo..comma)
                .rev()
                .find(|&j| self.toks[j].close_q || matches!(self.toks[j].text, ";" | ":" | "—"))
                .map_or(lo, |j| j + 1);
            if let Some(x) = self.statement_agent(start, comma) {
                return Some(x);
            }
            if (start..comma).any(|j| self.cue_strength(j).is_some()) {
                return None;
            }
            let (s, e) = self.np_right(start, comma)?;
            return Some((s, if e < comma { comma } else { e }));
        }
        self.np_left(floor, end)
    }

    /// "Jane Roe was quoted (by the agency) as saying": for the "as" at `as_`, the token of the
    /// passive's "was" and the agent of "quoted by", when the words before `as_` have that shape.
    fn quoted_passive(&self, floor: usize, as_: usize) -> Option<(usize, Option<(usize, usize)>)> {
        let q = (floor..as_)
            .rev()
            .take(8)
            .find(|&j| self.toks[j].in_list(&["quoted", "cited"]))?;
        let by = if q + 1 == as_ {
            None
        } else if self.toks[q + 1].is("by") {
            let (a, b) = self.np_right(q + 2, as_)?;
            (b == as_).then_some((a, b))?;
            Some((a, b))
        } else {
            return None;
        };
        let mut be = q;
        while be > floor && self.toks[be - 1].in_list(&["also", "widely", "later", "reportedly"]) {
            be -= 1;
        }
        (be > floor && self.toks[be - 1].in_list(&["was", "were", "is", "are", "been", "being"]))
            .then_some((be - 1, by))
    }

    /// The author of a written statement named in `[s, e)`: "a statement issued by X" gives X.
    fn statement_agent(&self, s: usize, e: usize) -> Option<(usize, usize)> {
        let mut i = s;
        if i < e && self.toks[i].in_list(&["a", "an", "the", "its", "his", "her", "their"]) {
            i += 1;
        }
        // "a written statement", "a joint statement".
        if i + 1 < e
            && !self.toks[i].in_list(STATEMENT_NOUNS)
            && self.toks[i + 1].in_list(STATEMENT_NOUNS)
        {
            i += 1;
        }
        if i >= e || !self.toks[i].in_list(STATEMENT_NOUNS) {
            return None;
        }
        let by = (i + 1..(i + 4).min(e)).find(|&j| self.toks[j].is("by"))?;
        self.np_right(by + 1, e)
    }

    /// The audience of "told" starting at `a`: a noun phrase that ends before the statement's
    /// own subject ("told the Daily Courier the deadline ...", "told Okafor he ...").
    fn audience(&self, a: usize, ceil: usize) -> Option<(usize, usize)> {
        // Cue words may name the audience ("the state news agency"), so not `np_right`.
        let s = a;
        let mut e = a;
        while e < ceil && e - s < 8 && self.toks[e].is_word() && !self.toks[e].in_list(NP_STOP) {
            e += 1;
        }
        let cut = (s + 1..e)
            .find(|&j| {
                self.toks[j].in_list(&["the", "a", "an", "he", "she", "they", "we", "i", "it"])
            })
            .unwrap_or(e);
        let mut e = cut;
        while e > s && !self.toks[e - 1].is_word() {
            e -= 1;
        }
        (e > s).then_some((s, e))
    }

    /// Who passed on a statement whose cue is at `c`: "said in a statement recorded by X".
    fn passed_on_by(&self, c: usize, l: usize) -> Option<(usize, usize)> {
        let ceil = (c + 8).min(l);
        // The participle follows the statement's noun: "in a statement recorded by", not "said
        // the letter was published by".
        let by = (c + 3..ceil).find(|&j| {
            self.toks[j].is("by")
                && self.toks[j - 1].in_list(PASSED_ON)
                && (self.toks[j - 2].in_list(STATEMENT_NOUNS)
                    || self.toks[j - 2].in_list(&[
                        "interview",
                        "remarks",
                        "comments",
                        "speech",
                        "video",
                    ]))
        })?;
        self.np_right(by + 1, l)
    }

    /// The news outlet a statement was told to ("X told The Daily Courier ..."): the audience
    /// of a cue "told" when it names an outlet by an outlet word or an acronym.
    fn told_outlet(&self, c: usize, l: usize) -> Option<(usize, usize)> {
        if !self.toks[c].in_list(&["told", "tell", "tells", "telling"]) || c + 1 >= l {
            return None;
        }
        let ceil = (c + 1..(c + 9).min(l))
            .find(|&j| self.toks[j].is("that") || self.toks[j].open_q)
            .unwrap_or(l);
        let (a, e) = self.audience(c + 1, ceil)?;
        let t = &self.toks[a];
        let acronym = e == a + 1
            && (2..=5).contains(&t.text.len())
            && t.text.chars().all(|ch| ch.is_ascii_uppercase());
        let outlet = (a..e).any(|j| self.toks[j].in_list(OUTLET_WORDS));
        let named = (a..e).any(|j| self.toks[j].is_cap());
        (acronym || outlet && (named || self.toks[a].in_list(&["the", "a", "an"])))
            .then_some((a, e))
    }

    /// "“...” — Jane Roe, a nurse from Ohio": a closed quotation, a dash at token `c`, then a
    /// name closing the sentence (with its description after a comma).
    fn byline(&self, c: usize, l: usize) -> Option<Found> {
        if c == 0 || !matches!(self.toks[c].text, "―" | "—" | "–") || !self.toks[c - 1].close_q
        {
            return None;
        }
        let (a, e) = self.np_right(c + 1, l)?;
        let closes =
            e == l || self.toks[e].is_comma() || (self.toks[e].is_end_punct() && e + 1 == l);
        if !closes || !self.toks[a].is_cap() || e - a > 5 {
            return None;
        }
        let content = self.quote_closing_at(c - 1)?;
        if !is_statement(self.text, content) {
            return None;
        }
        Some(Found::new(content, self.toks[c].span, Some(self.span(a, e)), None).by(Rule::Byline))
    }

    /// "“...,” a statement issued by X, the ministry's spokesman, read." / "“...,” Jane Roe, a
    /// senator from Ohio, said.": a closed quotation, its speaker with appositives, then the cue
    /// closing the sentence.
    fn described(&self, f: usize, c: usize, l: usize) -> Option<Found> {
        if c <= f + 1 || !self.toks[c - 1].is_comma() {
            return None;
        }
        let tail = (c + 1..l)
            .filter(|&j| {
                let t = &self.toks[j];
                t.is_word()
                    && !t.is_when()
                    && !(t.in_list(&["on", "at"]) && j + 1 < l && self.toks[j + 1].is_when())
            })
            .count();
        // "…, told The Hill.": the audience of "told" and friends may close the sentence.
        let audience_only = || {
            self.toks[c].in_list(TOLD)
                && self.audience(c + 1, l).is_some_and(|(_, e)| {
                    (e..l).all(|j| !self.toks[j].is_word()) && e - c - 1 == tail
                })
        };
        if tail > 0 && !audience_only() {
            return None;
        }
        let qe = (f..c - 1).rev().find(|&j| self.toks[j].close_q)?;
        let mut s = qe + 1;
        while s < c - 1 && matches!(self.toks[s].text, "," | "—") {
            s += 1;
        }
        if (s..c)
            .any(|j| self.toks[j].in_quote || self.toks[j].open_q || self.toks[j].is_end_punct())
        {
            return None;
        }
        let (a, e) = match self.statement_agent(s, c - 1) {
            Some(x) => x,
            None => {
                let (a, e) = self.np_right(s, c - 1)?;
                // The name must end at the appositive's comma.
                if e >= c || !self.toks[e].is_comma() || !self.toks[a].is_cap() {
                    return None;
                }
                (a, e)
            }
        };
        let content = self.quote_closing_at(qe)?;
        let mut found =
            Found::new(content, self.toks[c].span, Some(self.span(a, e)), None).by(Rule::Described);
        found.last = found.last.max(self.toks[l - 1].span.end);
        Some(found)
    }

    fn quote_index_closing(&self, end: u32) -> Option<usize> {
        let k = self.quotes.partition_point(|q| q.outer.end < end);
        (k < self.quotes.len() && self.quotes[k].closed && self.quotes[k].outer.end == end)
            .then_some(k)
    }

    /// The quote stretch (with the ones it continues) whose closing mark is token `i`.
    pub(crate) fn quote_closing_at(&self, i: usize) -> Option<Span> {
        let k = self.quote_index_closing(self.toks[i].span.end)?;
        let mut j = k;
        while j > 0 && self.quotes[j].continues && !self.quotes[j - 1].closed {
            j -= 1;
        }
        Some(Span {
            start: self.quotes[j].outer.start,
            end: self.quotes[k].outer.end,
        })
    }

    /// A quotation the sentence's own words lead into is part of a larger statement: "Her plans
    /// send a clear message that a top priority ''is raising taxes,'' Mr. Kamin said." states
    /// the whole clause, not only the quoted words. `f` is the sentence's first token, `q` the
    /// quotation.
    fn with_lead_in(&self, f: usize, q: Span) -> Span {
        let Some(o) = (f..self.toks.len()).find(|&j| self.toks[j].span.start >= q.start) else {
            return q;
        };
        let led_in = o > f
            && self.toks[o].open_q
            && self.toks[o - 1].is_word()
            && (f..o).filter(|&j| self.toks[j].is_word()).count() >= 3
            // "X regretted it, saying he had “...,” a spokesman said": the nearer cue's.
            && (f..o).all(|j| self.cue_strength(j) != Some(CueStrength::Strong))
            && (f..o)
                .all(|j| !self.toks[j].in_quote && !self.toks[j].open_q && !self.toks[j].close_q);
        if led_in {
            Span {
                start: self.toks[f].span.start,
                end: q.end,
            }
        } else {
            q
        }
    }

    /// The quote stretch opening at byte `start`, through the paragraphs it continues over.
    pub(crate) fn quote_opening(&self, start: u32) -> Option<Span> {
        let k = self.quotes.partition_point(|q| q.outer.start < start);
        if k >= self.quotes.len() || self.quotes[k].outer.start != start {
            return None;
        }
        let mut j = k;
        while j + 1 < self.quotes.len() && !self.quotes[j].closed && self.quotes[j + 1].continues {
            j += 1;
        }
        Some(Span {
            start,
            end: self.quotes[j].outer.end,
        })
    }

    /// Content from token `a` to the end of the sentence `[.., l)`, without the final stop.
    fn rest_of_sentence(&self, a: usize, l: usize) -> Option<Span> {
        let mut e = l;
        while e > a && (self.toks[e - 1].is_end_punct() || self.toks[e - 1].is_comma()) {
            e -= 1;
        }
        let words = (a..e).filter(|&j| self.toks[j].is_word()).count();
        (words >= 3).then(|| self.span(a, e))
    }

    /// Where sentence `[f, l)` starts after its wire dateline ("ALMATY, March 16 (Wire) - "),
    /// as [`dossier_core::dateline_end`] defines it: `f` when it has none or nothing follows.
    fn after_dateline(&self, f: usize, l: usize) -> usize {
        if f >= l {
            return f;
        }
        let from = self.toks[f].span.start as usize;
        let to = self.toks[l - 1].span.end as usize;
        let Some(end) = self.text.get(from..to).and_then(dossier_core::dateline_end) else {
            return f;
        };
        let j = f + self.toks[f..l].partition_point(|t| (t.span.start as usize) < from + end);
        if j < l {
            j
        } else {
            f
        }
    }

    /// The attributions whose cue is in sentence `[f, l)`.
    fn sentence(&self, f: usize, l: usize, out: &mut Vec<Found>) {
        let f = self.after_dateline(f, l);
        let mut i = f;
        while i < l {
            let t = &self.toks[i];
            if !t.in_quote && t.is("according") && i + 1 < l && self.toks[i + 1].is("to") {
                if let Some(mut found) = self.according_to(f, i, l) {
                    (found.cue_tok, found.sentence) = (i, (f, l));
                    out.push(found);
                }
                i += 2;
                continue;
            }
            if let Some(mut found) = self.as_put_it(f, i, l) {
                (found.cue_tok, found.sentence) = (i, (f, l));
                out.push(found);
            }
            if let Some(mut found) = self.byline(i, l) {
                (found.cue_tok, found.sentence) = (i, (f, l));
                out.push(found);
            }
            if let Some(strength) = self.cue_strength(i) {
                if let Some(mut found) = self.cue(f, i, l, strength) {
                    found.cue_tok = if found.cue_tok == 0 { i } else { found.cue_tok };
                    found.sentence = (f, l);
                    out.push(found);
                }
            }
            i += 1;
        }
        // "In the latest poll, 71 percent of voters approved of ...": the poll reports the rest
        // of the sentence, and a cue word inside it (not a speech verb) opens no statement.
        if let Some(doc) = self.in_document(f, l) {
            out.retain(|x| {
                x.sentence != (f, l) || self.toks[x.cue_tok].span.start < doc.content.start
            });
        }
        let had = out.iter().any(|x| x.sentence == (f, l));
        if let Some(mut found) = self
            .lead_in_colon(f, l)
            .or_else(|| self.in_document(f, l))
            .filter(|_| !had)
        {
            found.sentence = (f, l);
            out.push(found);
        }
    }

    /// "As Jane Roe put it, the plan is dead." / "The plan is, as one official put it, dead on
    /// arrival." / "The plan is dead, as she put it.": "put it" is no cue word, but "as X put it"
    /// attributes the words it is set off from. For the "as" at `a`: the speaker is what stands
    /// between "as" and "put it" (a name with its description set off by commas too), the cue
    /// "put it"; the statement follows the clause, or, when the clause closes the sentence,
    /// precedes it.
    fn as_put_it(&self, f: usize, a: usize, l: usize) -> Option<Found> {
        let t = &self.toks[a];
        if !t.is("as") || t.in_quote {
            return None;
        }
        let opens = a == f
            || self.toks[a - 1].is_comma()
            || self.toks[a - 1].text == "—"
            || (a == f + 1 && self.toks[f].in_list(&["but", "and", "or", "so"]))
            || (a == f + 2 && self.toks[f].is_word() && self.toks[f + 1].is_comma());
        if !opens {
            return None;
        }
        let p = (a + 2..(a + 16).min(l)).find(|&j| {
            self.toks[j].in_list(&["put", "puts"]) && j + 1 < l && self.toks[j + 1].is("it")
        })?;
        let np = |j: usize| self.np_word(j) || self.toks[j].is_comma();
        if !(a + 1..p).all(np) || self.toks[a + 1].is_comma() {
            return None;
        }
        // "as she recently put it": the adverb belongs to the cue.
        let adverb = p > a + 2 && {
            let t = &self.toks[p - 1];
            t.lower.ends_with("ly") && !t.is_cap()
        };
        let v = if adverb { p - 1 } else { p };
        let mut se = v;
        while se > a + 1 && self.toks[se - 1].is_comma() {
            se -= 1;
        }
        let speaker = Some(self.span(a + 1, se));
        let cue = self.span(v, p + 2);
        // Past "put it" ("put it in a statement on Wednesday") to the comma or colon that closes
        // the clause, or to the end of the sentence.
        let close = (p + 2..l)
            .find(|&j| self.toks[j].is_comma() || self.toks[j].text == ":" || self.toks[j].open_q)
            .filter(|&j| j <= p + 16);
        let content = match close {
            Some(j) => {
                let b = if self.toks[j].open_q { j } else { j + 1 };
                match self.toks.get(b).filter(|t| b < l && t.open_q) {
                    Some(q) => self.quote_opening(q.span.start)?,
                    None => self.rest_of_sentence(b, l)?,
                }
            }
            None if a > f => {
                // The clause closes the sentence: the statement is what precedes it.
                let mut e = a;
                while e > f && (self.toks[e - 1].is_comma() || self.toks[e - 1].text == "—") {
                    e -= 1;
                }
                if e > f && self.toks[e - 1].close_q {
                    self.quote_closing_at(e - 1).unwrap_or(self.span(f, e))
                } else if (f..e).filter(|&j| self.toks[j].is_word()).count() >= 3 {
                    self.span(f, e)
                } else {
                    return None;
                }
            }
            None => return None,
        };
        Some(Found::new(content, cue, speaker, None).by(Rule::PutIt))
    }

    /// "In the latest poll, conducted in early September, Jane Roe led by five points.": a
    /// sentence opening with "In" and a poll, a report or another document reports the rest of
    /// it, on that document's word. The document is the source, "In" the cue.
    fn in_document(&self, f: usize, l: usize) -> Option<Found> {
        if !(f + 3 < l && self.toks[f].is("in")) {
            return None;
        }
        let comma = (f + 1..(f + 16).min(l)).find(|&j| self.toks[j].is_comma())?;
        // Names joined by a slash are one ("the YouGov/Economist survey").
        let np = |j: usize| {
            self.np_word(j)
                || j == f + 1 && self.toks[j].in_list(&["this", "these"])
                || self.toks[j].text == "/" && j > f + 1 && self.toks[j - 1].is_word()
        };
        let head = (f + 1..comma)
            .rev()
            .find(|&j| self.toks[j].in_list(DOCUMENTS))?;
        if head - f > 11 || !(f + 1..head).all(np) {
            return None;
        }
        // After the document, before the comma, a short phrase of when or how it was made:
        // "released Monday", "last month", "the same month", "of 800 likely voters".
        if head + 1 < comma {
            let t = &self.toks[head + 1];
            let opens = (t.lower.ends_with("ed") && !t.is_cap())
                || t.is_when()
                || t.in_list(&["taken", "last", "this", "the", "of"]);
            let rest_ok = (head + 1..comma).all(|j| {
                let t = &self.toks[j];
                !t.open_q && !t.in_quote && (t.is_word() || np(j))
            });
            if !opens || !rest_ok || comma - head > 8 {
                return None;
            }
        }
        // A participle phrase describing the document is part of it: ", conducted in ...,".
        let mut e = comma;
        if e + 2 < l && self.toks[e + 1].lower.ends_with("ed") && !self.toks[e + 1].is_cap() {
            e = (e + 2..(e + 10).min(l)).find(|&j| self.toks[j].is_comma())?;
        }
        let content = self.rest_of_sentence(e + 1, l)?;
        // "In a statement, the ministry said ...": a cue in the rest has its own speaker, but
        // in a poll only a verb of speech does ("In the poll, 71 percent approved of ...").
        let poll = self.toks[head].in_list(&["poll", "polls", "survey", "surveys"]);
        let speech = |j: usize| {
            self.cue_strength(j).is_some()
                && (!poll || self.toks[j].in_list(TOLD) || self.toks[j].in_list(SPEECH))
        };
        if (e + 1..l).any(|j| self.toks[j].open_q || speech(j)) {
            return None;
        }
        let speaker = Some(self.span(f + 1, e));
        let mut found = Found::new(content, self.toks[f].span, speaker, None).by(Rule::According);
        found.cue_tok = f;
        Some(found)
    }

    /// "Jane Roe made the following comment: “...”", "The mayor put it this way: “...”": a
    /// short clause with a subject and a verb in the past, closed by a colon and followed by a
    /// quotation (in the same sentence or opening the next paragraph), introduces what its
    /// subject said though no word of it is a cue. The cue is the verb phrase with its colon.
    fn lead_in_colon(&self, f: usize, l: usize) -> Option<Found> {
        let k = (f..l).find(|&j| self.toks[j].text == ":")?;
        if (f..k).any(|j| self.toks[j].in_quote || self.toks[j].open_q || self.toks[j].close_q) {
            return None;
        }
        let content = if k + 1 < l {
            let t = &self.toks[k + 1];
            if !t.open_q {
                return None;
            }
            self.quote_opening(t.span.start)?
        } else {
            let next = self.toks.get(l).filter(|t| t.open_q)?;
            let gap = self
                .text
                .get(self.toks[k].span.end as usize..next.span.start as usize)?;
            if !gap.contains('\n') {
                return None;
            }
            self.quote_opening(next.span.start)?
        };
        // The verb: the first lower-case word in the past tense; the subject before it, past an
        // opening phrase of time or place ("On July 6, 2015,").
        let past = |t: &Tok| {
            let w = t.lower.as_ref();
            !t.is_cap() && (past_tense(w) || w.ends_with("ote"))
        };
        let v = (f..k).find(|&j| past(&self.toks[j]))?;
        if k - v > 8 {
            return None;
        }
        let mut s = f;
        if let Some(comma) = (f..v).rev().find(|&j| self.toks[j].is_comma()) {
            if !self.toks[f].in_list(NP_STOP) || comma > f + 8 {
                return None;
            }
            s = comma + 1;
        }
        let pronoun = v == s + 1 && self.toks[s].in_list(&["he", "she", "they", "we", "i"]);
        let named = v > s
            && v - s <= 6
            && (s..v).all(|j| self.np_word(j))
            && (s..v)
                .any(|j| self.toks[j].is_cap() && j > s || self.toks[j].is_word() && j + 1 == v);
        if !pronoun && !named {
            return None;
        }
        let speaker = Some(self.span(s, v));
        let cue = self.span(v, k + 1);
        let mut found = Found::new(content, cue, speaker, None).by(Rule::Colon);
        found.cue_tok = v;
        Some(found)
    }

    fn according_to(&self, f: usize, c: usize, l: usize) -> Option<Found> {
        let cue = self.span(c, c + 2);
        let (mut ss, mut se) = self.np_right(c + 2, l)?;
        // "according to a statement from the ministry", "a report by X": whoever issued it.
        if se + 1 < l
            && self.toks[se].cue.is_some()
            && ["from", "by", "of"].iter().any(|w| self.toks[se + 1].is(w))
        {
            if let Some((a, b)) = self.np_right(se + 2, l) {
                (ss, se) = (a, b);
            }
        }
        // A determiner alone names nobody.
        if (ss..se).all(|j| !self.toks[j].is_word() || self.toks[j].in_list(&["a", "an", "the"])) {
            return None;
        }
        let speaker = Some(self.span(ss, se));
        let lead = (f..c).filter(|&j| self.toks[j].is_word()).count();
        let content = if lead == 0 {
            // "According to X, the talks failed."
            let after = (se..l)
                .find(|&j| self.toks[j].is_comma())
                .map_or(se, |j| j + 1);
            match self.toks.get(after).filter(|t| after < l && t.open_q) {
                Some(t) => self.quote_opening(t.span.start)?,
                None => self.rest_of_sentence(after, l)?,
            }
        } else if let Some(b) = self.after_medial_source(f, c, se, l) {
            // "At the heart of the trouble, according to X, was a decision by ...": the
            // statement runs on around its cue and source, which the eval leaves out of it.
            let e = self.rest_of_sentence(b, l)?;
            self.span(f, c).cover(e)
        } else {
            // "The talks failed, according to X."
            let mut e = c;
            while e > f && (self.toks[e - 1].is_comma() || self.toks[e - 1].text == "—") {
                e -= 1;
            }
            if e > f && self.toks[e - 1].close_q {
                self.quote_closing_at(e - 1).unwrap_or(self.span(f, e))
            } else if e > f + 1 {
                self.span(f, e)
            } else {
                return None;
            }
        };
        Some(Found::new(content, cue, speaker, None).by(Rule::According))
    }

    /// Where a statement resumes after "according to" at `c` and its source ending at `se`, set
    /// off by commas inside sentence `[f, l)` ("A, according to X, a former envoy, B"): the
    /// first token of B, when B is no clause of its own ("and", "who", "as", a participle) and
    /// A opens the sentence with no quotation or cue of its own.
    fn after_medial_source(&self, f: usize, c: usize, se: usize, l: usize) -> Option<usize> {
        if c < f + 2 || !self.toks[c - 1].is_comma() || se >= l || !self.toks[se].is_comma() {
            return None;
        }
        if (f..c).any(|j| {
            let t = &self.toks[j];
            t.open_q || t.close_q || t.in_quote || self.cue_strength(j).is_some()
        }) {
            return None;
        }
        // An appositive of the source: ", another former American special envoy,".
        let mut k = se;
        if let Some(k2) = (k + 1..(k + 10).min(l)).find(|&j| self.toks[j].is_comma()) {
            if (k + 1..k2).all(|j| self.np_word(j)) {
                k = k2;
            }
        }
        let b = k + 1;
        let t = self.toks.get(b).filter(|_| b < l)?;
        let opens_clause = t.in_list(CLAUSE_BREAK)
            || t.in_list(SUBORDINATE)
            || t.in_list(RELATIVE)
            || t.lower.ends_with("ing")
            || t.open_q
            || !t.is_word();
        (!opens_clause).then_some(b)
    }

    /// Statement first: "..., X said." / "...,” said X." — a clause boundary shortly before the
    /// cue and little after it.
    fn statement_first(&self, f: usize, c: usize, l: usize) -> Option<Found> {
        if self.toks[c].lower.ends_with("ing") {
            return None;
        }
        if let Some(found) = self.described_speaker_first(f, c, l) {
            return Some(found);
        }
        let lo = c.saturating_sub(9).max(f);
        let b = (lo..c).rev().find(|&j| {
            let t = &self.toks[j];
            t.is_comma() || t.close_q || t.text == "—"
        })?;
        let tail = (c + 1..l).filter(|&j| self.toks[j].is_word()).count();
        let between_ok = (b + 1..c).all(|j| self.np_word(j) || self.toks[j].in_list(BETWEEN));
        let q_end = if self.toks[b].close_q {
            Some(b)
        } else {
            (b > f && self.toks[b - 1].close_q).then(|| b - 1)
        };
        let before = (f..b).filter(|&j| self.toks[j].is_word()).count();
        // A quote closing right before the cue is its statement however long the speaker's
        // description after it: "“...,” said Jane Roe, a lawyer who has argued such cases."
        let adjacent = q_end.is_some_and(|q| q + 2 >= c);
        // "..., said Jane Roe, an adviser to the board who ...": the cue inverted after a comma,
        // then a name closing its clause, however long the description after it.
        // Not after "told" or "asked", whose object is the audience ("..., she told The Hill"),
        // nor for words the sentence splitter cut from a quotation.
        let inverted = b + 1 == c
            && !self.toks[c].in_list(TOLD)
            && !self.toks[f].in_quote
            && self.inverted_speaker(c, l).is_some();
        // "“Subpoenas are not optional,” Jane Roe said after the witness failed to appear at
        // the hearing he was called to.": a quotation closed by a comma (or a question or an
        // exclamation) before its speaker is the statement, however long the adjuncts after
        // the cue, unless the cue goes on with a clause of its own ("said that ...").
        let quote_first = q_end
            .and_then(|q| self.quote_index_closing(self.toks[q].span.end))
            .is_some_and(|k| {
                self.quotes[k]
                    .inner
                    .text(self.text)
                    .trim_end()
                    .ends_with([',', '?', '!'])
            })
            && !(c + 1 < l && (self.toks[c + 1].is("that") || self.toks[c + 1].open_q));
        // "The latest test, North Korea said, was its biggest yet, ...": a cue set off by
        // commas after a noun phrase alone, which the statement goes on from.
        let set_off = q_end.is_none()
            && c + 2 < l
            && self.toks[c + 1].is_comma()
            && (f..b).all(|j| self.np_word(j))
            && !self.toks[c + 2].in_list(CLAUSE_BREAK)
            && !self.toks[c + 2].lower.ends_with("ing");
        // "..., lawmakers said Friday, as they bristled at …": after the cue and its time, a
        // comma and a subordinate clause, which is no statement of the cue's own.
        let adjunct = {
            let mut j = c + 1;
            while j < l && j <= c + 4 && (self.toks[j].is_when() || self.toks[j].is("on")) {
                j += 1;
            }
            j + 1 < l && self.toks[j].is_comma() && self.toks[j + 1].in_list(SUBORDINATE)
        };
        if !between_ok
            || !(q_end.is_some() || before >= 3)
            || (tail > 10 && !adjacent && !inverted && !quote_first && !set_off && !adjunct)
        {
            return None;
        }
        let content = match q_end.and_then(|q| self.quote_closing_at(q)) {
            Some(q) => self.with_lead_in(f, q),
            None => {
                let mut e = b;
                while e > f && self.toks[e - 1].is_comma() {
                    e -= 1;
                }
                if e <= f {
                    return None;
                }
                // "But to prevent problems, he said, officials should be vigilant.": the cue
                // set off by commas inside the statement, which runs on to the end.
                let on = c + 2;
                let runs_on = on < l
                    && self.toks[c + 1].is_comma()
                    && !self.toks[on].in_list(CLAUSE_BREAK)
                    && !self.toks[on].lower.ends_with("ing")
                    && self.cue_strength(on).is_none()
                    && (on..l).all(|j| !self.toks[j].open_q && !self.toks[j].close_q);
                // It ends before a concessive clause: "..., although it may take days to ...".
                let stop = (on + 1..l)
                    .find(|&j| {
                        self.toks[j - 1].is_comma()
                            && self.toks[j].in_list(&["although", "though", "whereas", "but"])
                    })
                    .map_or(l, |j| j - 1);
                match runs_on.then(|| self.rest_of_sentence(on, stop)).flatten() {
                    Some(rest) => Span {
                        start: self.toks[f].span.start,
                        end: rest.end,
                    },
                    None => self.span(f, e),
                }
            }
        };
        let mut content = content;
        // "..., said a senior official in the ministry.": a description after an inverted cue.
        let mut described_after = false;
        // "..., Finance Minister Jane Roe has told parliament.": past "has", "also" and friends.
        let mut ce = c;
        while ce > b + 1 && self.toks[ce - 1].in_list(BETWEEN) {
            ce -= 1;
        }
        let speaker = match self.np_left(b + 1, ce) {
            // "..., Jane Roe, chairman of the board, told reporters": the name set off by
            // commas before the description is the speaker's too, and not the statement's.
            Some((s, e)) if s == b + 1 && q_end.is_none() => {
                let k = (f..b)
                    .rev()
                    .take_while(|&j| self.toks[j].is_cap() && self.np_word(j))
                    .last();
                match k.filter(|&k| k > f + 1 && b - k <= 4 && self.toks[k - 1].is_comma()) {
                    Some(k) if self.span(f, k - 1).end > content.start => {
                        content = self.span(f, k - 1);
                        Some(self.span(k, e))
                    }
                    _ => Some(self.span(s, e)),
                }
            }
            Some((s, e)) => Some(self.span(s, e)),
            None => {
                // "..., said Jane Roe, a senator from Ohio.", but not "..., told The Hill.",
                // whose audience follows the cue.
                if self.toks[c].in_list(TOLD) {
                    return None;
                }
                let e = (c + 1..l)
                    .find(|&j| self.toks[j].is_comma() || self.toks[j].is_end_punct())
                    .unwrap_or(l);
                // The name must close the clause, with the places it is of: "..., said a
                // senior official in the ministry."
                let (s, mut ne) = self.np_right(c + 1, e)?;
                let description = b + 1 == c
                    && self.toks[c].in_list(&["said", "says", "added", "adds"])
                    && self.toks[s].in_list(&["a", "an", "the", "one", "another"]);
                while description
                    && ne + 1 < e
                    && self.toks[ne].in_list(&["of", "in", "at", "from", "for"])
                {
                    match self.np_right(ne + 1, e) {
                        Some((_, x)) => ne = x,
                        None => break,
                    }
                }
                if ne + 1 < e && !adjacent {
                    return None;
                }
                described_after = description && ne == e;
                Some(self.span(s, ne))
            }
        };
        let rule = if (inverted || described_after) && q_end.is_none() {
            Rule::Inverted
        } else {
            Rule::StatementFirst
        };
        let mut found = Found::new(content, self.toks[c].span, speaker, None).by(rule);
        // "“...,” AFP reported X saying.": X speaks through the reporter, the subject.
        if self.toks[c].in_list(REPORTING) {
            if let Some((s, e)) = self.np_right(c + 1, l) {
                let v = if e < l && self.toks[e].is("as") {
                    e + 1
                } else {
                    e
                };
                if v < l && self.toks[v].lower.ends_with("ing") && self.cue_strength(v).is_some() {
                    found.reported_by = found.speaker;
                    found.speaker = Some(self.span(s, e));
                    found.cue = Some(self.toks[v].span);
                    found.cue_tok = v;
                }
            }
        }
        // A quote may go on after the speaker's description: "“A,” said X, a lawyer. “B.”", or
        // in the same sentence: "“A,” she said, “B.”" (the next quote after the cue resumes it).
        let until = self.resumed_until(c, l);
        found.last = found.last.max(self.toks[until].span.end);
        (content.end > content.start).then_some(found)
    }

    /// The name right after an inverted cue ("said Jane Roe," / "said Jane Roe."): capitalised,
    /// a few words, and closing the clause.
    fn inverted_speaker(&self, c: usize, l: usize) -> Option<(usize, usize)> {
        let e = (c + 1..l)
            .find(|&j| self.toks[j].is_comma() || self.toks[j].is_end_punct())
            .unwrap_or(l);
        let (s, ne) = self.np_right(c + 1, e)?;
        (ne == e && ne - s <= 5 && self.toks[s].is_cap() && self.toks[ne - 1].is_cap())
            .then_some((s, ne))
    }

    /// The last token of a statement-first attribution's own words: up to the quote that resumes
    /// the statement ("“A,” she said, “B.”"), unless another cue comes first ("“A,” she said,
    /// adding that “B.”": B is the second cue's).
    fn resumed_until(&self, c: usize, l: usize) -> usize {
        for j in c + 2..l {
            if self.toks[j].open_q {
                return j - 1;
            }
            if self.cue_strength(j).is_some() {
                return j - 1;
            }
        }
        l - 1
    }

    /// "“…,” Jane Roe, the city manager, said of the course, which …": a quotation, then only
    /// the speaker with a description set off by commas, then the cue, however long the
    /// sentence goes on after it.
    fn described_speaker_first(&self, f: usize, c: usize, l: usize) -> Option<Found> {
        if c == 0 || !self.toks[c - 1].is_comma() {
            return None;
        }
        let Some(q) = (c.saturating_sub(16).max(f)..c)
            .rev()
            .find(|&j| self.toks[j].close_q)
        else {
            return self.described_speaker_after_paraphrase(f, c, l);
        };
        let words: Vec<usize> = (q + 1..c).filter(|&j| self.toks[j].is_word()).collect();
        let (&a, &b) = (words.first()?, words.last()?);
        let plain = (q + 1..c).all(|j| self.np_word(j) || self.toks[j].is_comma());
        if !plain || !self.toks[a].is_cap() || !(q + 1..c).any(|j| self.toks[j].is_comma() && j > a)
        {
            return None;
        }
        let content = self.quote_closing_at(q)?;
        let mut found = Found::new(content, self.toks[c].span, Some(self.span(a, b + 1)), None)
            .by(Rule::StatementFirst);
        let until = self.resumed_until(c, l);
        found.last = found.last.max(self.toks[until].span.end);
        Some(found)
    }

    /// "Prices will fall, Jane Roe, now president of the Example Group, a consulting firm,
    /// said.": a paraphrase, then a name set off by commas with its description, then the cue
    /// closing the sentence. The name is the last run of capitalised words between commas.
    fn described_speaker_after_paraphrase(&self, f: usize, c: usize, l: usize) -> Option<Found> {
        // The cue closes the sentence, but for when or where: "said on Tuesday".
        let tail = (c + 1..l).filter(|&j| self.toks[j].is_word()).count();
        let adjunct = c + 1 < l
            && (self.toks[c + 1].is_when()
                || self.toks[c + 1]
                    .in_list(&["on", "in", "at", "last", "late", "earlier", "this"]));
        if tail > 0 && !(tail <= 3 && adjunct) {
            return None;
        }
        let lo = c.saturating_sub(18).max(f + 1);
        let (n, m) = (lo..c - 1).rev().find_map(|n| {
            if !self.toks[n - 1].is_comma() || !self.toks[n].is_cap() {
                return None;
            }
            let m = (n..c - 1).find(|&j| !self.toks[j].is_cap() || !self.np_word(j))?;
            (self.toks[m].is_comma() && m - n <= 4).then_some((n, m))
        })?;
        // Only the name's description lies between it and the cue.
        if !(m..c).all(|j| self.np_word(j) || self.toks[j].is_comma()) {
            return None;
        }
        let mut e = n - 1;
        while e > f && self.toks[e - 1].is_comma() {
            e -= 1;
        }
        if (f..e).filter(|&j| self.toks[j].is_word()).count() < 3 {
            return None;
        }
        let content = self.span(f, e);
        Some(
            Found::new(content, self.toks[c].span, Some(self.span(n, m)), None)
                .by(Rule::NamedAfter),
        )
    }

    fn cue(&self, f: usize, c: usize, l: usize, strength: CueStrength) -> Option<Found> {
        let passed = self.passed_on_by(c, l);
        let passed_span = passed.map(|(a, b)| self.span(a, b));
        // "“Why now?” she asked.": a quotation ending in a question or an exclamation closes its
        // own sentence, and the cue's sentence opens right after its mark.
        // The quotation's own words end in the mark: two apostrophes close it in some copy
        // ("''Can we win?'' Mr. Manafort asked.").
        let asked = f > 0
            && self.toks[f - 1].close_q
            // In the same paragraph: "“Resign!”\n\nGinsburg said in an interview …" is another's.
            && !self
                .text
                .get(self.toks[f - 1].span.end as usize..self.toks[f].span.start as usize)
                .is_some_and(|gap| gap.contains('\n'))
            && self
                .quote_index_closing(self.toks[f - 1].span.end)
                .is_some_and(|k| {
                    self.quotes[k]
                        .inner
                        .text(self.text)
                        .trim_end()
                        .ends_with(['?', '!'])
                })
            // A short cue sentence, or one whose cue after a short speaker goes on with adjuncts
            // alone ("LeVell declared, a point he likes to make after …", "McDonough wrote in
            // an email to …"), not a clause of its own ("Critics said the plan would fail").
            && ((c + 1..l).filter(|&j| self.toks[j].is_word()).count() <= 6
                || c - f <= 4
                    && self.toks.get(c + 1).is_some_and(|t| {
                        t.is_comma()
                            || t.in_list(&[
                                "in", "on", "at", "during", "after", "before", "of", "while",
                                "from", "outside",
                            ])
                    }));
        let fq = if asked { f - 1 } else { f };
        if let Some(mut found) = self
            .described(fq, c, l)
            .or_else(|| self.statement_first(fq, c, l))
        {
            let outlet = self.told_outlet(c, l).map(|(a, b)| self.span(a, b));
            found.reported_by = found.reported_by.or(outlet).or(passed_span);
            return Some(found);
        }
        // Participle after a comma: "X spoke on Monday, saying the talks failed."
        let participle = c > f && self.participle_after_comma(c);
        let (speaker_tok, reported_by) = if participle {
            (self.clause_subject(f, c), None)
        } else {
            let s = self.subject(f, c);
            // "Jane Roe was quoted by the agency as saying": the agency reports it.
            let quoted_by = (c > f + 1 && self.toks[c - 1].is("as"))
                .then(|| self.quoted_passive(f, c - 1))
                .flatten()
                .and_then(|(_, by)| by)
                .map(|(a, b)| self.span(a, b));
            let reporter = s.and_then(|(s, _)| self.reporter(f, s)).or(quoted_by);
            let outlet = self.told_outlet(c, l).map(|(a, b)| self.span(a, b));
            (s, reporter.or(outlet).or(passed_span))
        };
        // "The plan, Jane Roe said, would cost more": a speaker and cue set off by commas
        // inside the sentence; the statement runs on around them, as around "according to X".
        // Not when the rest holds a cue of its own ("During ..., X said, most voters have come
        // to believe ...": the rest is the statement), nor after a lone "But" or "And". After
        // ", which" the statement is the relative clause's.
        if let Some((s, e)) = speaker_tok.filter(|&(_, e)| !participle && e == c) {
            if c + 1 < l && self.toks[c + 1].is_comma() {
                let b = self
                    .after_medial_source(f, s, c + 1, l)
                    .filter(|&b| (b..l).all(|j| self.cue_strength(j) != Some(CueStrength::Strong)));
                let words = (f..s).filter(|&j| self.toks[j].is_word()).count();
                if let Some(b) = b.filter(|_| words >= 2) {
                    let rest = self.rest_of_sentence(b, l)?;
                    let a = (f + 1..s - 1)
                        .rev()
                        .find(|&j| self.toks[j].in_list(RELATIVE) && self.toks[j - 1].is_comma())
                        .unwrap_or(f);
                    let content = self.span(a, s).cover(rest);
                    let speaker = Some(self.span(s, e));
                    let found = Found::new(content, self.toks[c].span, speaker, reported_by);
                    return Some(found.by(Rule::StatementFirst));
                }
            }
        }
        // Statement after the cue, past the audience of "told" and friends.
        let mut a = c + 1;
        if matches!(
            self.toks[c].lower.as_ref(),
            "told" | "tell" | "tells" | "telling" | "asked" | "warned" | "assured"
        ) {
            let ceil = (a + 7).min(l);
            if let Some(j) = (a..ceil).find(|&j| self.toks[j].is("that")) {
                a = j;
            } else if a < l && (self.toks[a].is_cap() || self.toks[a].in_list(AUDIENCE)) {
                a = self.audience(a, l).map_or(a + 1, |(_, e)| e);
            }
        }
        // "said in a statement", "said in an interview", "wrote on Twitter": part of the cue.
        let mut cue = self.toks[c].span;
        if a + 1 < l && self.toks[a].in_list(&["in", "on"]) {
            let det = usize::from(
                a + 2 < l
                    && self.toks[a + 1].in_list(&["a", "an", "the", "his", "her", "their", "its"]),
            );
            let noun = a + 1 + det;
            let after = noun + 1;
            if noun < l
                && self.toks[noun].is_word()
                && (after >= l
                    || self.toks[after].is("that")
                    || self.toks[after].open_q
                    || matches!(self.toks[after].text, "," | ":"))
            {
                cue.end = self.toks[noun].span.end;
                a = after;
            }
        }
        if let Some((_, e)) = passed.filter(|&(p, _)| p <= a + 3) {
            a = a.max(e);
        }
        while a < l && matches!(self.toks[a].text, "," | ":" | "—") {
            a += 1;
        }
        // When the statement was made is not what was said: "said on Friday that ...".
        while a < l
            && (self.toks[a].is_when()
                || (self.toks[a].is("on") && a + 1 < l && self.toks[a + 1].is_when()))
        {
            a += 1;
        }
        if a < l && self.toks[a].in_list(NOT_A_STATEMENT) {
            return None;
        }
        // "He said:" closing its paragraph: the next paragraph is the statement, quoted or not.
        if a == l && self.toks[l - 1].text == ":" && speaker_tok.is_some() && !participle {
            let speaker = speaker_tok.map(|(s, e)| self.span(s, e));
            let content = self.next_paragraph(l)?;
            return Some(Found::new(content, cue, speaker, reported_by).by(Rule::Colon));
        }
        let quote = (a < l && self.toks[a].open_q)
            .then(|| self.quote_opening(self.toks[a].span.start))
            .flatten();
        let followed_by_clause = quote.is_some() || (a < l && self.toks[a].is("that"));
        // Without the filter a weak cue needs a clause or a quote; the filter weighs it instead.
        if strength == CueStrength::Weak && !followed_by_clause && !self.broad {
            return None;
        }
        // A participle cue after a comma starts its own statement: "X denied it, saying ...".
        // So does a new clause: ", and criticized ...", ", which ...", "and said ...".
        let stop = (a + 1..l)
            .find(|&j| {
                let t = &self.toks[j];
                let after_comma = self.after_comma(j);
                (after_comma && t.lower.ends_with("ing") && self.cue_strength(j).is_some())
                    || (after_comma && t.in_list(CLAUSE_BREAK))
                    || (t.in_list(&["and", "but"])
                        && j + 1 < l
                        && self.cue_strength(j + 1).is_some())
            })
            .unwrap_or(l);
        let content = match quote {
            Some(q) => q,
            None => self.rest_of_sentence(a, stop)?,
        };
        let speaker = speaker_tok.map(|(s, e)| self.span(s, e));
        let rule = if participle {
            Rule::Participle
        } else {
            Rule::CueFirst
        };
        Some(Found::new(content, cue, speaker, reported_by).by(rule))
    }

    /// The paragraph that starts at token `i` when a line break comes before it: its quotation
    /// (with the paragraphs it runs over) when it opens with one, else the paragraph's words.
    fn next_paragraph(&self, i: usize) -> Option<Span> {
        let t = self.toks.get(i)?;
        let gap = self
            .text
            .get(self.toks[i - 1].span.end as usize..t.span.start as usize)?;
        if !gap.contains('\n') {
            return None;
        }
        if t.open_q {
            return self.quote_opening(t.span.start);
        }
        let rest = self.text.get(t.span.start as usize..)?;
        let line = rest.split('\n').next().unwrap_or_default().trim_end();
        (line.split_whitespace().count() >= 3)
            .then(|| Span::new(t.span.start as usize, t.span.start as usize + line.len()))
    }

    /// "AFP reported X saying" / "AFP quoted X as saying": the reporting source left of the
    /// subject that starts at token `s`.
    fn reporter(&self, f: usize, s: usize) -> Option<Span> {
        let mut v = s;
        if v > f && self.toks[v - 1].is("as") {
            v -= 1;
        }
        if v > f && self.toks[v - 1].in_list(REPORTING) {
            return self.np_left(f, v - 1).map(|(a, b)| self.span(a, b));
        }
        None
    }

    /// News style splits a quote around its cue: "“We won,” she said. “They lost.”" The quote
    /// stretches that follow an attribution's words in the same paragraph belong to it, unless
    /// they start another attribution (`taken`, sorted).
    fn continue_quote(&self, found: &mut Found, taken: &[u32]) {
        if self.quote_index_closing(found.content.end).is_none() {
            return;
        }
        let mut at = found.last as usize;
        while let Some(rest) = self.text.get(at..) {
            let skip = rest.len()
                - rest
                    .trim_start_matches([' ', '\u{a0}', ',', '.', ':', ';', '\t'])
                    .len();
            let mut next = (at + skip) as u32;
            if self.quote_opening(next).is_none() {
                // The cue's sentence may go on ("she said on Saturday at the gala."); a quote
                // opening the next sentence of the paragraph still continues the statement.
                match self.after_sentence(next as usize) {
                    Some(n) => next = n,
                    None => break,
                }
            }
            if taken.binary_search(&next).is_ok() {
                break;
            }
            let Some(q) = self.quote_opening(next) else {
                break;
            };
            found.own_end.get_or_insert(found.content.end);
            found.content.end = q.end;
            at = q.end as usize;
        }
    }
}

impl Ctx<'_> {
    /// Where the next sentence starts when the rest of this one, from byte `at`, is plain words
    /// (no quotation mark, no line break, not long) ending in a full stop.
    fn after_sentence(&self, at: usize) -> Option<u32> {
        let rest = self.text.get(at..)?;
        let rest = &rest[..rest.floor_char_boundary(MAX_TAIL)];
        for (stop, c) in rest.char_indices() {
            match c {
                '\n' | '"' | '“' | '”' | '‘' | '«' | '»' => return None,
                '.' | '!' | '?' => {
                    // Nor does a stop inside a word or number: "(D-S.C.)", "3.5 percent",
                    // "Politico.com".
                    if rest[stop + 1..]
                        .chars()
                        .next()
                        .is_some_and(|n| !n.is_whitespace())
                    {
                        continue;
                    }
                    // "Mrs." or "U.S." ends no sentence: a short capitalised word before the dot.
                    let word = rest[..stop]
                        .rsplit([' ', '\u{a0}', '.'])
                        .next()
                        .unwrap_or_default();
                    if c == '.' && word.len() <= 3 && word.starts_with(char::is_uppercase) {
                        continue;
                    }
                    let tail = &rest[stop + 1..];
                    let ws = tail.len() - tail.trim_start_matches([' ', '\u{a0}', '\t']).len();
                    return (ws > 0).then(|| (at + stop + 1 + ws) as u32);
                }
                _ => {}
            }
        }
        None
    }
}

/// Words that never open or close a speaker's words: "despite", "of" and "meanwhile" are the
/// clause around the speaker.
const SOURCE_EDGES: &[&str] = &[
    "of",
    "despite",
    "while",
    "meanwhile",
    "perhaps",
    "together",
    "lest",
    "because",
    "although",
    "though",
    "if",
    "unless",
    "whether",
    "amid",
    "with",
    "without",
    "from",
    "into",
    "about",
];

impl Ctx<'_> {
    /// A tagged source without the adverbs, conjunctions and participles at its edges
    /// ("clearly", "Sanders presumably", "misspoke but"); none when nothing else is left.
    fn trim_source(&self, s: Span) -> Option<Span> {
        let r = self.toks_in(s);
        let loose = |t: &Tok| {
            let w = t.lower.as_ref();
            // Names end in "-ly" too ("Kelly"), so only lower-case words are loose.
            (!t.is_cap()
                && (w.len() > 4 && (w.ends_with("ly") || w.ends_with("ing"))
                    || matches!(w, "but" | "and" | "or" | "so" | "yet" | "then" | "also")))
                || t.in_list(SOURCE_EDGES)
        };
        let (mut a, mut b) = (r.start, r.end);
        // A speaker never runs over a colon: "Terrorist threat: The agreement ..." is a heading
        // before the speaker.
        if let Some(j) = (a..b)
            .rev()
            .find(|&j| matches!(self.toks[j].text, ":" | ";"))
        {
            a = j + 1;
        }
        // Nor over an opening adverb and its comma: "Instead, the senator".
        if a + 2 < b && self.toks[a].in_list(OPENERS) && self.toks[a + 1].is_comma() {
            a += 2;
        }
        // Nor over another cue: in "X said the Taliban had warned" the speaker of "warned" is
        // "the Taliban".
        if let Some(j) = (a..b).rev().find(|&j| {
            let t = &self.toks[j];
            !t.is_cap() && !t.in_quote && t.cue == Some(CueStrength::Strong)
        }) {
            a = j + 1;
        }
        // A relative word left dangling at the end ("An official, who | asked not to be named,
        // said"): the speaker is the noun phrase its clause hangs on.
        if b >= a + 3
            && self.toks[b - 1].in_list(RELATIVE)
            && matches!(self.toks[b - 2].text, "," | "—" | "–")
        {
            b -= 2;
        }
        while a < b && loose(&self.toks[a]) {
            a += 1;
        }
        while b > a && loose(&self.toks[b - 1]) {
            b -= 1;
        }
        (a < b).then(|| self.span(a, b))
    }
}

impl Ctx<'_> {
    /// "The birth is expected to coincide with …", "No candidate seems willing to …": before a
    /// passive or a verb of seeming the subject is part of what is expected, not its source.
    /// The content then runs from that subject (its own cue is left out when scored).
    /// "McConnell came away convinced that ...", "they could not resist pointing out that ...":
    /// a tagged source of lower-case words that is a verb (in the past tense, or after a modal
    /// or "not") right before its cue is part of the cue, and the speaker is the subject before
    /// it. `f` is the first token of the sentence.
    fn verb_source_into_cue(
        &self,
        cue: Span,
        source: Option<Span>,
        f: usize,
    ) -> (Span, Option<Span>) {
        let Some(s) = source else {
            return (cue, source);
        };
        let r = self.toks_in(s);
        let c = self.toks_in(cue);
        if r.is_empty() || r.len() > 3 || r.end != c.start || r.start <= f {
            return (cue, source);
        }
        let lower = r.clone().all(|j| {
            let t = &self.toks[j];
            t.is_word() && !t.is_cap() && !t.in_list(PRONOUNS) && !t.in_list(RELATIVE)
        });
        let first = &self.toks[r.start];
        let w = first.lower.as_ref();
        let past = past_tense(w);
        let modal = |j: usize| {
            self.toks[j].in_list(&[
                "not", "could", "would", "can", "will", "may", "might", "should", "must", "did",
                "never",
            ])
        };
        if !lower || !(past || modal(r.start - 1)) {
            return (cue, source);
        }
        let mut end = r.start;
        while end > f && modal(end - 1) {
            end -= 1;
        }
        let Some((a, b)) = self.subject(f, end) else {
            return (cue, source);
        };
        if b > r.start {
            return (cue, source);
        }
        (
            Span::new(s.start as usize, cue.end as usize),
            Some(self.span(a, b)),
        )
    }

    /// "She appeared to suggest that …", "X seems set to veto …": a verb of speech or thought
    /// after "seem to" or "appear to" is the cue and its subject the speaker, not a raised
    /// subject inside the statement. Gives the cue through that verb, the content after it, and
    /// as source the subject the content held before the cue when it has none.
    fn seeming_to_say(
        &self,
        cue: Span,
        content: Span,
        source: Option<Span>,
    ) -> (Span, Span, Option<Span>) {
        let same = (cue, content, source);
        let r = self.toks_in(cue);
        let seeming = r.len() == 1
            && self.toks[r.start]
                .in_list(&["seem", "seems", "seemed", "appear", "appears", "appeared"]);
        let c = self.toks_in(content);
        if !seeming || c.end <= r.end || (c.start < r.end && c.start >= r.start) {
            return same;
        }
        let mut k = r.end;
        if k < c.end && self.toks[k].in_list(&["set", "ready"]) {
            k += 1;
        }
        let say = k + 1;
        if say + 1 >= c.end || !self.toks[k].is("to") || self.cue_strength(say).is_none() {
            return same;
        }
        // The content held the subject: "he appeared to suggest that …" as one statement.
        let source = if c.start < r.start {
            match (source, self.np_right(c.start, r.start)) {
                (None, Some((a, b))) if b == r.start => Some(self.span(a, b)),
                (Some(s), _) => Some(s),
                _ => return same,
            }
        } else {
            source
        };
        (
            Span::new(cue.start as usize, self.toks[say].span.end as usize),
            Span::new(self.toks[say + 1].span.start as usize, content.end as usize),
            source,
        )
    }

    fn raised_subject(
        &self,
        content: Span,
        cue: Span,
        source: Option<Span>,
    ) -> (Span, Option<Span>) {
        let Some(s) = source else {
            return (content, source);
        };
        let r = self.toks_in(cue);
        if r.is_empty() || s.end > cue.start || content.start < cue.end {
            return (content, source);
        }
        let first = &self.toks[r.start];
        let last = &self.toks[r.end - 1];
        // "is expected", "has been harshly criticized for", "is not thought": a form of "be"
        // (or "has been") opening the cue, a participle closing it, before its preposition.
        let be = ["is", "was", "are", "were", "be", "been", "being"];
        let verb = if r.len() > 2 && last.in_list(&["for", "as", "of", "with", "about"]) {
            &self.toks[r.end - 2]
        } else {
            last
        };
        let passive = r.len() > 1
            && (first.in_list(&be)
                || first.in_list(&["has", "have", "had"])
                    && r.clone().any(|j| self.toks[j].is("been")))
            && (verb.lower.ends_with("ed")
                || verb.in_list(&["thought", "known", "seen", "held", "shown", "given", "told"]));
        // "He seems content", "the race has seemed to ...": whoever seems so holds no view.
        let seeming = last.in_list(&["seem", "seems", "seemed", "appear", "appears", "appeared"]);
        // The subject stands right before the cue, with at most an adverb or modal between
        // (and a time: "neither contest this year appears").
        let gap = self
            .toks_in(Span::new(s.end as usize, cue.start as usize))
            .filter(|&j| {
                let t = &self.toks[j];
                !(t.in_list(&WEEKDAYS)
                    || t.in_list(&["on", "last", "this", "week", "month", "weekend", "year"]))
            })
            .count();
        // A person's state of mind stays theirs: "they are convinced that …".
        let person = self
            .toks_in(s)
            .all(|j| self.toks[j].in_list(&["he", "she", "they", "i", "we", "you"]));
        let feeling = last.in_list(&[
            "convinced",
            "concerned",
            "worried",
            "pleased",
            "surprised",
            "disappointed",
            "frustrated",
            "alarmed",
            "determined",
            "committed",
            "opposed",
            "prepared",
        ]);
        if (passive && !feeling && !person || seeming) && gap <= 1 {
            (Span::new(s.start as usize, content.end as usize), None)
        } else {
            (content, source)
        }
    }
}

/// A statement after its cue ends before a clause that opens with "but" (or "while", "whereas",
/// "although") after a comma and holds another attribution, its cue and its speaker: in "ruled
/// that the claim is “true,” but they could not resist pointing out that ...", the ruling is
/// the claim's truth.
fn end_before_other_statements(ctx: &Ctx, found: &mut [Found]) {
    let others: Vec<(Span, Option<Span>)> = found
        .iter()
        .filter_map(|f| f.cue.map(|c| (c, f.speaker)))
        .collect();
    for f in found.iter_mut() {
        let Some(cue) = f.cue else { continue };
        let r = ctx.toks_in(f.content);
        if f.content.start < cue.end || r.len() < 2 {
            continue;
        }
        let content = f.content;
        let opens_other = |j: usize| {
            let at = ctx.toks[j].span.start;
            // "…, but pledged to remain civil": a cue coordinated with this one, no subject of
            // its own (`inherit_coordinated_speakers` gives it this speaker).
            let verb = coordinated_verb(ctx, j + 1);
            ctx.after_comma(j)
                && (ctx.toks[j].in_list(&["but", "while", "whereas", "although", "though", "and"])
                    && others.iter().any(|(c, s)| {
                        at < c.start && c.end <= content.end && s.is_some_and(|s| s.start > at)
                    })
                    || ctx.toks[j].in_list(COORDINATORS)
                        && others.iter().any(|(c, s)| {
                            c.end <= content.end
                                && s.is_none()
                                && ctx.toks.get(verb).is_some_and(|v| v.span.start == c.start)
                        }))
        };
        let Some(b) = r.clone().skip(1).find(|&j| opens_other(j)) else {
            continue;
        };
        let mut e = b;
        while e > r.start && !ctx.toks[e - 1].is_word() && !ctx.toks[e - 1].close_q {
            e -= 1;
        }
        if e > r.start {
            f.content = ctx.span(r.start, e);
        }
    }
}

/// "X said …, adding …": a participle after a comma with no speaker of its own speaks for the
/// nearest earlier attribution with a speaker in the same sentence.
fn inherit_participle_speakers(ctx: &Ctx, sentences: &[Sentence], found: &mut [Found]) {
    let sentence_of = |at: u32| sentences.partition_point(|x| x.span.end <= at);
    let cues: Vec<(u32, usize, Option<Span>)> = found
        .iter()
        .filter_map(|f| Some((f.cue?.start, sentence_of(f.cue?.start), f.speaker)))
        .collect();
    for f in found.iter_mut() {
        let Some(cue) = f.cue else { continue };
        if f.speaker.is_some() {
            continue;
        }
        let c = ctx.toks.partition_point(|k| k.span.start < cue.start);
        if !ctx.participle_after_comma(c) {
            continue;
        }
        let si = sentence_of(cue.start);
        f.speaker = cues
            .iter()
            .filter(|&&(at, s, sp)| s == si && at < cue.start && sp.is_some())
            .max_by_key(|x| x.0)
            .and_then(|x| x.2);
    }
}

/// "He stated that X, and added that Y": a speech verb joined by "and" right after another
/// statement shares its speaker, also where the tagger took a word of that statement ("X").
/// Conjunctions that join a second verb phrase to a clause: "said …, but pledged …".
const COORDINATORS: &[&str] = &["and", "but", "yet"];

/// The first token at or after `k` past adverbs that may stand between a conjunction and its
/// verb ("and also said").
fn coordinated_verb(ctx: &Ctx, mut k: usize) -> usize {
    while ctx
        .toks
        .get(k)
        .is_some_and(|t| t.in_list(&["also", "then", "further", "later"]))
    {
        k += 1;
    }
    k
}

fn inherit_coordinated_speakers(ctx: &Ctx, found: &mut [Found]) {
    let mut ends: Vec<(u32, Option<Span>, Span)> = found
        .iter()
        .filter(|f| f.cue.is_some_and(|c| c.end <= f.content.start))
        .map(|f| (f.content.end, f.speaker, f.content))
        .collect();
    ends.sort_by_key(|e| e.0);
    for f in found.iter_mut() {
        let Some(cue) = f.cue else { continue };
        let mut k = ctx.toks.partition_point(|t| t.span.start < cue.start);
        while k > 0 && ctx.toks[k - 1].in_list(&["also", "then", "further", "later"]) {
            k -= 1;
        }
        if k == 0 || !ctx.toks[k - 1].in_list(COORDINATORS) {
            continue;
        }
        let and = ctx.toks[k - 1].span.start;
        // The statement that ends nearest before "and", with nothing but a comma between.
        let k = ends.partition_point(|e| e.0 <= and);
        let Some(&(_, Some(sp), before)) = k.checked_sub(1).map(|k| &ends[k]).filter(|e| {
            ctx.text
                .get(e.0 as usize..and as usize)
                .is_some_and(|gap| gap.chars().all(|c| c.is_whitespace() || c == ','))
        }) else {
            continue;
        };
        let inside = f
            .speaker
            .is_some_and(|s| before.start <= s.start && s.end <= before.end);
        if f.speaker.is_none() || inside {
            f.speaker = Some(sp);
        }
    }
}

/// How far after a cue a sentence may go on before a quote resumes the statement.
const MAX_TAIL: usize = 240;

/// A quote stretch long enough to be a statement rather than a quoted term or title.
fn is_statement(text: &str, inner: Span) -> bool {
    let t = inner.text(text);
    t.split_whitespace().count() >= 5 || t.trim_end().ends_with(['.', '!', '?', ','])
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2..=3 => "2-3",
        4..=7 => "4-7",
        8..=15 => "8-15",
        16..=30 => "16-30",
        _ => "31+",
    }
}

impl Ctx<'_> {
    /// Hashed features of a proposed attribution, for the filter.
    fn features(&self, x: &Found) -> Vec<u32> {
        let rule = match x.rule {
            Rule::According => "according",
            Rule::Described => "described",
            Rule::Byline => "byline",
            // The filter was trained before this rule had its own name; it never judges it.
            Rule::StatementFirst | Rule::NamedAfter => "statement-first",
            Rule::CueFirst => "cue-first",
            Rule::Participle => "participle",
            Rule::Implied => "implied",
            Rule::Learned => "learned",
            Rule::Label => "label",
            // Precise, so never judged by the filter.
            Rule::Colon | Rule::PutIt => "colon",
            Rule::Inverted => "inverted",
        };
        let word = |i: usize| self.toks.get(i).map_or("<none>", |t| t.lower.as_ref());
        let c = x.cue_tok;
        let (f, l) = x.sentence;
        let cue = word(c);
        let strength = match self.lex.get(cue) {
            Some(CueStrength::Strong) => "strong",
            Some(CueStrength::Weak) => "weak",
            None => "none",
        };
        let content = self.toks_in(x.content);
        let first = content.clone().next().map_or("<none>", word);
        let words = content.clone().filter(|&j| self.toks[j].is_word()).count();
        let quote_first = content.clone().next().is_some_and(|j| self.toks[j].open_q);
        let has_quote = content.clone().any(|j| self.toks[j].open_q);
        let (sp_kind, sp_first, sp_len) = match x.speaker {
            None => ("none", "<none>", 0),
            Some(s) => {
                let r = self.toks_in(s);
                let n = r.len();
                let head = r.clone().next().map_or("<none>", word);
                let last = r.clone().last().map_or("<none>", word);
                let kind = if n == 1 && PRONOUNS.contains(&head) {
                    "pronoun"
                } else if r.clone().last().is_some_and(|j| self.toks[j].is_cap()) {
                    "name"
                } else {
                    "description"
                };
                (kind, last, n)
            }
        };
        let before_cue = if c > f { word(c - 1) } else { "<start>" };
        let after_cue = if c + 1 < l { word(c + 1) } else { "<end>" };
        let mut out = Vec::with_capacity(24);
        let mut add = |t: u8, v: &str| out.push(feature(t, v));
        add(0, "");
        add(1, rule);
        add(2, cue);
        add(3, &format!("{rule}|{cue}"));
        add(4, &format!("{rule}|{strength}"));
        add(5, before_cue);
        add(6, after_cue);
        add(7, &format!("{cue}|{after_cue}"));
        add(8, first);
        add(9, &format!("{rule}|{first}"));
        add(10, bucket(words));
        add(11, &format!("{rule}|{}", bucket(words)));
        add(12, &format!("{quote_first}|{has_quote}"));
        add(13, &format!("{rule}|{sp_kind}"));
        add(14, sp_first);
        add(15, bucket(sp_len));
        add(16, &format!("{cue}|{sp_kind}"));
        add(17, &format!("{rule}|{quote_first}"));
        add(18, bucket(c - f));
        add(19, bucket(l - c));
        add(20, &format!("{strength}|{first}"));
        out
    }

    /// [`Ctx::features`] of an attribution the tagger found, with what only a whole
    /// attribution shows: its source's shape, the whole cue, and whether a rule proposed the
    /// same cue (`same`).
    fn learned_features(&self, x: &Found, same: bool) -> Vec<u32> {
        let mut out = self.features(x);
        let word = |i: usize| self.toks.get(i).map_or("<none>", |t| t.lower.as_ref());
        let shape = match x.speaker {
            None => "none",
            Some(s) => {
                let r = self.toks_in(s);
                let head = r.clone().next().map_or("<none>", word);
                if r.len() == 1 && ["who", "which", "that", "whom"].contains(&head) {
                    "relative"
                } else if r.len() == 1 && PRONOUNS.contains(&head) {
                    "pronoun"
                } else if r.clone().any(|j| self.toks[j].is_cap()) {
                    "name"
                } else {
                    "description"
                }
            }
        };
        let cue: Vec<&str> = self.toks_in(x.cue.unwrap_or_default()).map(word).collect();
        let cue = cue.join(" ");
        let strength = match self.lex.get(word(x.cue_tok)) {
            Some(CueStrength::Strong) => "strong",
            Some(CueStrength::Weak) => "weak",
            None => "none",
        };
        let content = self.toks_in(x.content);
        let first = content.clone().next().map_or("<none>", word);
        let opens = if first == "that" {
            "that"
        } else if content.clone().next().is_some_and(|j| self.toks[j].open_q) {
            "quote"
        } else {
            "other"
        };
        let words = bucket(content.filter(|&j| self.toks[j].is_word()).count());
        let mut add = |t: u8, v: &str| out.push(feature(t, v));
        add(40, shape);
        add(41, &format!("{shape}|{strength}"));
        add(42, &cue);
        add(43, &format!("{same}"));
        add(44, &format!("{same}|{strength}"));
        add(45, &format!("{same}|{shape}"));
        add(46, &format!("{opens}|{strength}"));
        add(47, &format!("{opens}|{shape}"));
        add(48, &format!("{words}|{shape}"));
        add(49, &format!("{words}|{opens}"));
        out
    }

    /// "X said that ...": a cue verb with its subject and a "that" clause, which the rules
    /// trust where the tagger found nothing.
    fn that_clause(&self, x: &Found) -> bool {
        let strong = self.toks.get(x.cue_tok).and_then(|t| t.cue) == Some(CueStrength::Strong);
        // "The plant will close in May, the company said.": the statement then its speaker.
        let closing = x.rule == Rule::StatementFirst && strong;
        (x.rule == Rule::CueFirst
            && self
                .toks_in(x.content)
                .next()
                .is_some_and(|j| self.toks[j].is("that"))
            || closing)
            && x.speaker.is_some()
    }

    /// Proposals of the precise rules, kept whatever the filter says: "according to", reported
    /// speech, and a quotation joined to a strong cue.
    fn precise(&self, x: &Found) -> bool {
        let strong = self.toks.get(x.cue_tok).and_then(|t| t.cue) == Some(CueStrength::Strong);
        let quoted = self.quote_index_closing(x.content.end).is_some()
            && self
                .toks_in(x.content)
                .next()
                .is_some_and(|j| self.toks[j].open_q);
        // "“Why now?” she asked.": a question or an exclamation closed by its speaker and a
        // weak cue ("asked", "wondered") is as sure as one closed by "said".
        let k = self
            .quotes
            .partition_point(|q| q.outer.start < x.content.start);
        let question = self.quotes.get(k).is_some_and(|q| {
            q.outer.start == x.content.start
                && q.inner.text(self.text).trim_end().ends_with(['?', '!'])
        });
        // "Jane Roe was quoted as saying ...": the speaker is named by the form itself.
        let quoted_as = x.speaker.is_some()
            && x.cue_tok > 1
            && self.toks[x.cue_tok - 1].is("as")
            && self.quoted_passive(0, x.cue_tok - 1).is_some();
        x.rule == Rule::According
            || quoted_as
            || x.rule == Rule::Label
            || x.rule == Rule::Colon
            || x.rule == Rule::PutIt
            || x.rule == Rule::Inverted && strong
            || x.rule == Rule::NamedAfter && strong
            || x.rule == Rule::Described
            || x.rule == Rule::Byline
            || x.reported_by.is_some()
            || ((strong || x.rule == Rule::StatementFirst && question)
                && quoted
                && x.speaker.is_some())
            // A statement the sentence leads into a closing quotation, its speaker after it.
            // ... or around its cue: "But to prevent problems, he said, officials should ...".
            || (x.rule == Rule::StatementFirst
                && strong
                && x.speaker.is_some()
                && (self.quote_index_closing(x.content.end).is_some()
                    || x.cue.is_some_and(|c| x.content.start < c.start && c.end < x.content.end)))
    }

    /// A statement before its cue starts after a colon of its own words: "At the same time,
    /// the tax has not made the U.K. less attractive: London was the financial capital of the
    /// world, according to one index" (the colon not in a quotation, two words or more after it).
    fn after_colon(&self, content: Span, cue: Option<Span>) -> Span {
        let Some(cue) = cue else { return content };
        if content.end > cue.start {
            return content;
        }
        let r = self.toks_in(content);
        if r.is_empty() || self.toks[r.start].open_q {
            return content;
        }
        let Some(j) = r
            .clone()
            .rev()
            .find(|&j| self.toks[j].text == ":" && !self.toks[j].in_quote)
        else {
            return content;
        };
        let words = (j + 1..r.end).filter(|&k| self.toks[k].is_word()).count();
        if words < 2 {
            return content;
        }
        Span::new(self.toks[j + 1].span.start as usize, content.end as usize)
    }

    /// A statement before its cue without the conjunction or linking adverb that joins its
    /// sentence to the one before: "But | the talks failed, the official said", "Still, | ...".
    fn without_opener(&self, content: Span, cue: Option<Span>) -> Span {
        let Some(cue) = cue else { return content };
        if content.end > cue.start {
            return content;
        }
        let r = self.toks_in(content);
        if r.len() < 4 {
            return content;
        }
        let a = r.start;
        let skip = if self.toks[a].in_list(&["but", "and", "yet"]) && !self.toks[a + 1].is_comma() {
            1
        } else if self.toks[a].in_list(&["still", "however", "meanwhile", "indeed"])
            && self.toks[a + 1].is_comma()
        {
            2
        } else if self.toks[a].is("in")
            && self.toks[a + 1].is("fact")
            && self.toks[a + 2].is_comma()
        {
            3
        } else {
            0
        };
        if skip == 0 || a + skip + 2 > r.end {
            return content;
        }
        Span::new(
            self.toks[a + skip].span.start as usize,
            content.end as usize,
        )
    }

    fn toks_in(&self, s: Span) -> std::ops::Range<usize> {
        let a = self.toks.partition_point(|t| t.span.start < s.start);
        let b = self.toks.partition_point(|t| t.span.start < s.end);
        a..b.max(a)
    }
}

pub(crate) fn context<'a>(
    text: &'a str,
    tokens: &[Token],
    paras: &[Span],
    lex: &'a Lexicon,
    broad: bool,
) -> Ctx<'a> {
    let quotes = marks::find(text, paras);
    let mut toks = Vec::with_capacity(tokens.len());
    let mut qi = 0;
    for t in tokens {
        let Some(s) = text.get(t.span.start as usize..t.span.end as usize) else {
            continue;
        };
        while qi < quotes.len() && quotes[qi].outer.end <= t.span.start {
            qi += 1;
        }
        let q = quotes.get(qi);
        let in_quote =
            q.is_some_and(|q| q.inner.start <= t.span.start && t.span.end <= q.inner.end);
        let open_q = q.is_some_and(|q| q.outer.start == t.span.start);
        let close_q = q.is_some_and(|q| q.closed && q.outer.end == t.span.end);
        // Most words are written in lower case already: no copy of them.
        let lower = if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
            std::borrow::Cow::Owned(s.to_lowercase())
        } else {
            std::borrow::Cow::Borrowed(s)
        };
        let (wn, cl, never_cue) = crate::learn::word_classes(&lower);
        let cue = lex.get(&lower);
        let mut tok = Tok {
            text: s,
            span: t.span,
            lower,
            in_quote,
            open_q,
            close_q,
            cls: "",
            wn,
            cl,
            never_cue,
            cue,
        };
        tok.cls = crate::learn::class(&tok);
        toks.push(tok);
    }
    Ctx {
        text,
        toks,
        quotes,
        lex,
        broad,
    }
}

/// What the rules propose, before the filter, the implied speakers and the mentions.
fn propose(ctx: &Ctx, sentences: &[Sentence]) -> Vec<Found> {
    let mut found = Vec::new();
    for s in sentences {
        // Token ranges are re-read from spans, since unreadable tokens were skipped.
        let f = ctx.toks.partition_point(|t| t.span.start < s.span.start);
        let l = ctx.toks.partition_point(|t| t.span.start < s.span.end);
        if f < l {
            ctx.sentence(f, l, &mut found);
        }
    }
    let mut taken: Vec<u32> = found.iter().map(|f| f.content.start).collect();
    taken.sort_unstable();
    for x in &mut found {
        ctx.continue_quote(x, &taken);
    }
    drop_report_frames(&mut found);
    found.sort_by_key(|q| (q.content.start, q.content.end));
    found.dedup_by(|a, b| a.content == b.content);
    found
}

/// Verbs of wanting and intending: what someone wants or seeks is no statement of theirs.
const INTENTION: &[&str] = &[
    "want",
    "wants",
    "wanted",
    "wanting",
    "wish",
    "wishes",
    "wished",
    "wishing",
    "seek",
    "seeks",
    "sought",
    "seeking",
    "intend",
    "intends",
    "intended",
    "intending",
    "desire",
    "desires",
    "desired",
    "aim",
    "aims",
    "aimed",
    "aiming",
];

/// A label before a colon that names no speaker: a teaser ("LOOK: …", "Revealed: …", "STAT OF
/// THE WEEK: …"), or a heading over a list of names ("Iowa: Tim Albrecht, Brad Anderson, …").
fn teaser_label(text: &str, f: &Found) -> bool {
    let (Some(cue), Some(s)) = (f.cue, f.speaker) else {
        return false;
    };
    if cue.text(text) != ":" {
        return false;
    }
    let who = s.text(text).trim().to_lowercase();
    let teaser = matches!(
        who.as_str(),
        "look"
            | "boom"
            | "wow"
            | "revealed"
            | "watch"
            | "breaking"
            | "exclusive"
            | "update"
            | "video"
            | "photos"
            | "listen"
            | "stat of the week"
            | "point"
            | "counterpoint"
    );
    // Four or more capitalised items of at most three words, split by commas.
    let items: Vec<&str> = f.content.text(text).split(',').map(str::trim).collect();
    let names = items.len() >= 4
        && items.iter().all(|i| {
            let w: Vec<&str> = i.split_whitespace().collect();
            (1..=4).contains(&w.len())
                && w.iter().all(|x| {
                    x.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || *x == "and"
                })
        });
    teaser || names
}

/// Whether a content is only a request not to be named ("who asked not to be named", "spoke on
/// condition of anonymity"): how a source is described, not something it said.
fn anonymity(content: &str) -> bool {
    let c = content.trim().trim_end_matches([',', '.']).to_lowercase();
    let c = c.strip_prefix("not ").unwrap_or(&c);
    let c = c.strip_prefix("publicly ").unwrap_or(c);
    matches!(
        c,
        "to be named" | "to be identified" | "to be quoted" | "to be publicly identified"
    ) || matches!(
        c.trim_start_matches("on ")
            .trim_start_matches("the ")
            .trim_start_matches("condition of "),
        "anonymity"
    )
}

impl Ctx<'_> {
    /// Whether an attribution is only the object of a verb of wanting ("seeks mutual progress",
    /// "who wish to live in peace"): kept only when what follows is a "that" clause or a
    /// quotation, which someone said.
    fn intention(&self, x: &Found) -> bool {
        let Some(cue) = x.cue else { return false };
        let Some(h) = self.toks_in(cue).rev().find(|&j| self.toks[j].is_word()) else {
            return false;
        };
        if !self.toks[h].in_list(INTENTION) {
            return false;
        }
        let said = self
            .toks_in(x.content)
            .next()
            .is_some_and(|j| self.toks[j].open_q || self.toks[j].is("that"));
        let relative = x.speaker.is_none_or(|s| {
            matches!(
                s.text(self.text).to_lowercase().as_str(),
                "who" | "which" | "that"
            )
        });
        let plan = !relative
            && self
                .toks_in(x.content)
                .next()
                .is_some_and(|j| self.toks[j].is("to"));
        !said && !plan
    }
}

impl Ctx<'_> {
    /// In a relative clause ("those who oppose the deal said ...", "a man who witnessed the
    /// attack told ...") the object of the clause's verb ends where the main clause's speech verb
    /// begins: that verb and what follows it are another statement, not this one's content.
    fn relative_object(&self, mut t: Tagged) -> Option<Tagged> {
        let Some(s) = t.source else { return Some(t) };
        let r = self.toks_in(s);
        let relative = r
            .clone()
            .last()
            .is_some_and(|j| self.toks[j].in_list(&["who", "which", "that"]));
        if !relative || t.content.start < t.cue.end {
            return Some(t);
        }
        let content = self.toks_in(t.content);
        let first = content.start;
        if content.is_empty() || self.toks[first].open_q || self.toks[first].is("that") {
            return Some(t);
        }
        let Some(main) = content
            .clone()
            .skip(1)
            .find(|&j| !self.toks[j].in_quote && self.cue_strength(j) == Some(CueStrength::Strong))
        else {
            return Some(t);
        };
        let mut e = main;
        while e > first && !self.toks[e - 1].is_word() {
            e -= 1;
        }
        (e > first).then(|| {
            t.content = self.span(first, e);
            t
        })
    }
}

impl Ctx<'_> {
    /// "Output may fall, Jane Roe, chairman of the association, told reporters": a statement
    /// that ends in a name set off by commas, right before a speaker's description, ends
    /// before the name, and the name opens the speaker's words.
    fn name_before_description(&self, content: Span, source: Span) -> Option<(Span, Span)> {
        let r = self.toks_in(content);
        let gap = self.text.get(content.end as usize..source.start as usize)?;
        // Two to four capitalised words of letters: a person's name, not "Fairfax, S.C.".
        let named = |a: usize, b: usize| {
            (2..=4).contains(&(b - a))
                && (a..b).all(|j| {
                    self.toks[j].is_cap()
                        && self.np_word(j)
                        && self.toks[j]
                            .text
                            .chars()
                            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
                })
        };
        // "..., Jane Roe, chairman of ...": the name left between statement and description.
        let g = self.toks_in(Span::new(content.end as usize, source.start as usize));
        if g.len() >= 4
            && self.toks[g.start].is_comma()
            && self.toks[g.end - 1].is_comma()
            && named(g.start + 1, g.end - 1)
        {
            let name = self.toks[g.start + 1].span.start;
            return Some((content, Span::new(name as usize, source.end as usize)));
        }
        // The statement may keep the comma after the name ("..., Jane Roe," chairman of ...).
        let mut end = r.end;
        while end > r.start && self.toks[end - 1].is_comma() {
            end -= 1;
        }
        let comma = end < r.end || gap.trim() == ",";
        if !comma || !gap.trim().trim_start_matches(',').is_empty() || end - r.start < 4 {
            return None;
        }
        let k = (r.start..end)
            .rev()
            .take_while(|&j| self.toks[j].is_cap() && self.np_word(j))
            .last()?;
        if k < r.start + 2 || !named(k, end) || !self.toks[k - 1].is_comma() {
            return None;
        }
        let name = self.toks[k].span.start;
        Some((
            self.span(r.start, k - 1),
            Span::new(name as usize, source.end as usize),
        ))
    }

    /// "He said that X and added that Y", "said X and warned against Y": a second speech verb
    /// joined by "and" to the cue's clause reports another statement, so an unquoted content
    /// after its cue ends before it.
    fn end_at_next_report(&self, content: Span, cue: Span) -> Span {
        let r = self.toks_in(content);
        if content.start < cue.end || r.clone().any(|j| self.toks[j].open_q) {
            return content;
        }
        let first = r.start;
        let past = |w: &str| w.ends_with("ed") || matches!(w, "said" | "told" | "wrote");
        let Some(and) = r.clone().skip(1).find(|&j| {
            if !self.toks[j].is("and") {
                return false;
            }
            let mut k = j + 1;
            while k < r.end && self.toks[k].in_list(&["also", "then", "further", "later"]) {
                k += 1;
            }
            k < r.end && past(&self.toks[k].lower) && self.toks[k].cue == Some(CueStrength::Strong)
        }) else {
            return content;
        };
        let mut e = and;
        while e > first && !self.toks[e - 1].is_word() {
            e -= 1;
        }
        if e > first {
            self.span(first, e)
        } else {
            content
        }
    }
}

impl Ctx<'_> {
    /// Whether an attribution is a relative clause inside another statement (`held`: another
    /// content holds its content) with a plain noun
    /// phrase after its verb ("... that those who oppose the government live abroad"): with no
    /// clause marking where its object ends, the verb of the clause around it gets read as part
    /// of it, and the words are a description of people, not something they said.
    fn relative_inside(&self, x: &Found, held: bool) -> bool {
        let Some(s) = x.speaker.filter(|_| held) else {
            return false;
        };
        if !matches!(
            s.text(self.text).to_lowercase().as_str(),
            "who" | "which" | "that"
        ) {
            return false;
        }
        let Some(first) = self.toks_in(x.content).next() else {
            return false;
        };
        let t = &self.toks[first];
        let clause = t.open_q
            || t.in_list(&[
                "that", "to", "whether", "if", "how", "why", "what", "who", "when", "where",
            ]);
        !clause
    }
}

/// Labels that lead a paragraph with a colon but name no speaker ("Read: ...", "Update: ...").
const NOT_SPEAKER_LABELS: &[&str] = &[
    "read",
    "watch",
    "see",
    "listen",
    "related",
    "update",
    "updated",
    "breaking",
    "note",
    "notes",
    "photos",
    "photo",
    "video",
    "source",
    "sources",
    "editor",
    "correction",
    "disclaimer",
    "warning",
    "advertisement",
    "also",
    "more",
    "exclusive",
    "live",
    "opinion",
    "analysis",
    "latest",
    "clarification",
    "contributing",
];

/// Whether the words before a colon head a section or a turn without naming anyone: "Q:" and
/// "A:" in an interview, "The Latest:", "Contributing:".
fn unnamed_label(label: &[Tok]) -> bool {
    label.iter().any(|t| t.in_list(NOT_SPEAKER_LABELS))
        || (label.len() == 1 && label[0].text.chars().count() == 1)
}

/// Paragraphs that open with a speaker's label and a colon: "PENCE: Well, ...", "Q: ...",
/// "Elizabeth Warren: Donald Trump Is a ‘Proven Failure’". The label is a name (one to four
/// capitalised words, or a word in capitals, and not a place) right at the paragraph's start
/// (after a mark that opens a quoted paragraph); the statement is the rest of the paragraph.
fn labelled(ctx: &Ctx, paras: &[Span], mentions: &[Mention]) -> Vec<Found> {
    let mut out = Vec::new();
    for p in paras {
        let a = ctx.toks.partition_point(|t| t.span.start < p.start);
        let b = ctx.toks.partition_point(|t| t.span.start < p.end);
        let mut f = a;
        if f < b && matches!(ctx.toks[f].text, "\"" | "“" | "‘" | "'") {
            f += 1;
        }
        let Some(colon) = (f..b.min(f + 5)).find(|&j| ctx.toks[j].text == ":") else {
            continue;
        };
        let label = &ctx.toks[f..colon];
        let named = !label.is_empty()
            && label.iter().all(|t| t.is_word() && t.is_cap())
            && !unnamed_label(label)
            && !label.iter().any(|t| t.in_list(PRONOUNS));
        // A statement of a few words follows on the same paragraph.
        let words = (colon + 1..b).filter(|&j| ctx.toks[j].is_word()).count();
        // A place is a dateline ("KABUL: The Taliban said ..."), not a speaker.
        let (ls, le) = (ctx.toks[f].span.start, ctx.toks[colon - 1].span.end);
        let k = mentions.partition_point(|m| m.span.end <= ls);
        let place = mentions[k..]
            .iter()
            .take_while(|m| m.span.start < le)
            .any(|m| m.label == EntityType::LOC);
        if !named || place || words < 3 {
            continue;
        }
        // The statement ends where the paragraph does, without a mark left open at its end.
        let mut e = b;
        while e > colon + 1 && ctx.toks[e - 1].open_q {
            e -= 1;
        }
        let content = ctx.span(colon + 1, e);
        let mut x = Found::new(
            content,
            ctx.toks[colon].span,
            Some(ctx.span(f, colon)),
            None,
        )
        .by(Rule::Label);
        x.cue_tok = colon;
        x.sentence = (a, b);
        out.push(x);
    }
    out
}

/// "AFP reported X saying ...": the report is the frame of X's statement, not a statement.
fn drop_report_frames(found: &mut Vec<Found>) {
    let reporters: Vec<(Span, Span, Option<Span>)> = found
        .iter()
        .filter_map(|f| Some((f.reported_by?, f.content, f.cue)))
        .collect();
    found.retain(|f| {
        !reporters.iter().any(|&(r, inner, cue)| {
            f.speaker == Some(r)
                && f.content.start < inner.end
                && inner.start < f.content.end
                && f.cue != cue
        })
    });
}

/// "wanted to hold meetings to discuss the crisis": an infinitive inside another statement is
/// what that statement is about, not a statement of its own.
fn drop_purposes(ctx: &Ctx, found: &mut Vec<Found>) {
    let contents: Vec<Span> = found.iter().map(|f| f.content).collect();
    found.retain(|f| {
        let Some(cue) = f.cue else { return true };
        if f.rule != Rule::Learned {
            return true;
        }
        let c = ctx.toks.partition_point(|k| k.span.start < cue.start);
        let infinitive =
            c > 0 && ctx.toks[c - 1].is("to") || c < ctx.toks.len() && ctx.toks[c].is("to");
        !(infinitive
            && contents
                .iter()
                .any(|&g| g != f.content && g.start <= cue.start && cue.end <= g.end))
    });
}

/// A proposed attribution with its filter features, for training the filter.
pub struct Candidate {
    pub content: Span,
    pub cue: Option<Span>,
    pub speaker: Option<Span>,
    pub features: Vec<u32>,
}

/// Everything the rules propose, unfiltered, with features.
pub fn candidates(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    paras: &[Span],
    lex: &Lexicon,
) -> Vec<Candidate> {
    let ctx = context(text, tokens, paras, lex, true);
    propose(&ctx, sentences)
        .into_iter()
        .map(|f| Candidate {
            features: ctx.features(&f),
            content: f.content,
            cue: f.cue,
            speaker: f.speaker,
        })
        .collect()
}

/// Fewest words in a statement the tagger proposes.
const MIN_LEARNED_WORDS: usize = 2;

/// How the rules and the learned tagger are combined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mix {
    /// The rules' precise proposals, then the tagger's where they do not overlap.
    Precise,
    /// All kept rule proposals, then the tagger's where they do not overlap.
    Rules,
    /// The tagger alone (plus the implied speakers of bare quotes).
    Tagger,
}

/// All attributed statements of a document; `filter` drops doubtful rule proposals, `tagger`
/// adds what the learned tagger finds.
#[allow(clippy::too_many_arguments)]
pub fn extract(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    mentions: &[Mention],
    paras: &[Span],
    lex: &Lexicon,
    filter: Option<&Filter>,
    tagger: Option<(&Tagger, Mix)>,
) -> Vec<Quote> {
    extract_with(
        text, tokens, sentences, mentions, paras, lex, filter, tagger, None,
    )
}

/// [`extract`], then the contents' starts and ends chosen again by `ends` on the same reading
/// of the text.
#[allow(clippy::too_many_arguments)]
pub(crate) fn extract_with(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    mentions: &[Mention],
    paras: &[Span],
    lex: &Lexicon,
    filter: Option<&Filter>,
    tagger: Option<(&Tagger, Mix)>,
    ends: Option<&crate::ends::Ends>,
) -> Vec<Quote> {
    let ctx = context(text, tokens, paras, lex, filter.is_some());
    let mut found = propose(&ctx, sentences);
    let mut labels = labelled(&ctx, paras, mentions);
    // A statement with its own cue that runs from before the label into its paragraph ("Al
    // Jazeera: X did Y, according to Z") is Z's, reported by the label: it loses the label, and
    // the label is its reporting source instead of a statement of its own.
    // The proposals are in order of their start; only those that start in the label's paragraph
    // are looked at.
    labels.retain(|l| {
        let inside = |c: Span| l.content.start <= c.start && c.end <= l.content.end;
        let para = ctx.toks[l.sentence.0].span.start;
        let a = found.partition_point(|f| f.content.start < para);
        let b = found.partition_point(|f| f.content.start < l.content.start);
        let Some(f) = found[a..b.max(a)].iter_mut().find(|f| {
            f.cue.is_some_and(inside)
                && f.content.start < l.content.start
                && f.content.end > l.content.start
                && f.content.end <= l.content.end
        }) else {
            return true;
        };
        f.content.start = l.content.start;
        f.reported_by = f.reported_by.or(l.speaker);
        false
    });
    // A labelled paragraph is one statement: the rules' proposals that run over its edges read
    // the marks of a quoted transcript as one long quotation.
    // Labels are paragraphs, apart and in order: the first one a proposal overlaps decides.
    found.retain(|f| {
        let k = labels.partition_point(|l| l.content.end <= f.content.start);
        !labels.get(k).is_some_and(|l| {
            l.content.start < f.content.end
                && (f.content.start < l.content.start || f.content.end > l.content.end)
        })
    });
    found.extend(labels);
    found.sort_by_key(|q| (q.content.start, q.content.end));
    for f in &mut found {
        if let Some(cue) = f.cue {
            f.content = ctx.end_at_next_report(f.content, cue);
        }
    }
    // Also "Federal Express said it ...": a speech verb right after a name, but not
    // in a headline, whose wording misleads (a long lead paragraph that lost its
    // full stop is no headline).
    let headline = |at: u32| {
        let k = paras.partition_point(|p| p.end <= at);
        in_headline(text, paras, at)
            && paras
                .get(k)
                .is_some_and(|p| p.text(text).split_whitespace().count() <= 20)
    };
    let named = |f: &Found| {
        f.rule == Rule::CueFirst
            && !headline(f.content.start)
            // Only verbs that always report speech: "maintained its ceiling" reports none.
            && ctx.toks[f.cue_tok].in_list(&["said", "says", "say", "added", "adds", "stated"])
            && f.speaker.is_some_and(|s| {
                mentions.iter().any(|m| {
                    matches!(m.label, EntityType::PER | EntityType::ORG)
                        && m.span.start <= s.start
                        && s.end <= m.span.end
                })
            })
    };
    if let Some(m) = filter {
        found.retain(|f| {
            ctx.precise(f) || named(f) || m.score(&ctx.features(f)) >= crate::filter::KEEP_AT
        });
    }
    if let Some((tg, mix)) = tagger {
        // The cues the rules proposed, for the second-stage judge of the tagger's finds.
        let rule_cues: Vec<Span> = if tg.post.is_some() {
            found.iter().filter_map(|f| f.cue).collect()
        } else {
            Vec::new()
        };
        let mut fallback = Vec::new();
        match mix {
            Mix::Precise => {
                let (keep, rest): (Vec<Found>, Vec<Found>) =
                    found.into_iter().partition(|f| ctx.precise(f));
                found = keep;
                fallback = rest
                    .into_iter()
                    .filter(|f| ctx.that_clause(f) || named(f))
                    .collect();
            }
            Mix::Rules => {}
            Mix::Tagger => found.clear(),
        }
        let mut extra = Vec::new();
        // A find on a cue the rules kept clashes with that statement (below): the tagger need
        // not tag its roles.
        let kept_cues: Vec<Span> = found.iter().filter_map(|f| f.cue).collect();
        for t in tg.tag_except(&ctx, sentences, &kept_cues) {
            let Some(mut t) = ctx.relative_object(t) else {
                continue;
            };
            // "also known as FLM" names, it does not attribute.
            let ci = ctx
                .toks
                .partition_point(|k| k.span.start < t.cue.end)
                .saturating_sub(1);
            if ctx.toks.get(ci).is_some_and(|k| k.is("known"))
                && ctx.toks.get(ci + 1).is_some_and(|k| k.is("as"))
            {
                continue;
            }
            // A word of a name is no cue ("Federal Express said": not "Express").
            if mentions
                .iter()
                .any(|m| m.span.start < t.cue.end && t.cue.start < m.span.end)
            {
                continue;
            }
            // The tagger reads "Q:" as a speaker's label too.
            if t.cue.text(text) == ":"
                && t.source
                    .is_some_and(|s| unnamed_label(&ctx.toks[ctx.toks_in(s)]))
            {
                continue;
            }
            // A wire dateline opening the sentence is neither statement nor speaker.
            let si = sentences.partition_point(|x| x.span.end <= t.cue.start);
            if let Some(sent) = sentences.get(si) {
                let f = ctx.toks.partition_point(|k| k.span.start < sent.span.start);
                let l = ctx.toks.partition_point(|k| k.span.start < sent.span.end);
                let d = if f < l { ctx.after_dateline(f, l) } else { f };
                if d > f {
                    let from = ctx.toks[d].span.start;
                    if t.content.start < from {
                        t.content.start = from.min(t.content.end);
                    }
                    t.source = t
                        .source
                        .filter(|s| s.end > from)
                        .map(|s| Span::new(s.start.max(from) as usize, s.end as usize));
                }
            }
            t.content = ctx.end_at_next_report(t.content, t.cue);
            // Also a clash: a content that runs from another statement's start over its cue
            // ("“A,” Obama said at the dinner, where Clinton also spoke").
            let clash = |f: &Found| {
                f.cue == Some(t.cue)
                    || span_jaccard(f.content, t.content) >= 0.5
                    || f.content.start == t.content.start
                        && f.cue
                            .is_some_and(|c| t.content.start <= c.start && c.end <= t.content.end)
            };
            // A bare word or two ("it", "which") is rarely a statement worth reporting.
            let words = t.content.text(text).split_whitespace().count();
            // A place after "in" or "at" ("stepped up attacks in [the valley]") is no statement.
            let ks = ctx.toks.partition_point(|k| k.span.start < t.content.start);
            let place = ks > 0 && ctx.toks[ks - 1].in_list(&["in", "at", "into"]);
            // Nor does a statement open with a comma (", as they bristled at …").
            let comma = ctx.toks.get(ks).is_some_and(|k| k.is_comma());
            // Nor whom or where someone spoke to, before or at ("spoke to a gathering of
            // industry leaders", "spoke for about five minutes"): only what they spoke about is.
            let spoke_to = ks > 0
                && ctx.toks[ks - 1].in_list(&[
                    "to", "before", "with", "from", "for", "during", "after", "outside", "inside",
                    "near", "against",
                ])
                && ctx.toks_in(t.cue).any(|j| {
                    ctx.toks[j].in_list(&["speak", "speaks", "spoke", "spoken", "speaking"])
                });
            if words < MIN_LEARNED_WORDS
                || place
                || comma
                || spoke_to
                || found.iter().chain(extra.iter()).any(clash)
                || in_headline(text, paras, t.cue.start)
            {
                continue;
            }
            // Where the sentence that holds `at` ends.
            let sentence_end = |at: u32| {
                let si = sentences.partition_point(|x| x.span.end <= at);
                sentences.get(si).map_or(at, |x| x.span.end)
            };
            // The first token of the sentence that holds `at`.
            let sentence_start = |at: u32| {
                let si = sentences.partition_point(|x| x.span.end <= at);
                let start = sentences.get(si).map_or(at, |x| x.span.start);
                ctx.toks.partition_point(|k| k.span.start < start)
            };
            let c = ctx.toks.partition_point(|k| k.span.start < t.cue.start);
            // With no source tagged, the rules' subject of the cue, when the content is not there.
            let source = t.source.or_else(|| {
                let f = sentence_start(t.cue.start).min(c);
                // "Citing the report, the mayor said ...": a participle opening the sentence
                // speaks for the subject of the clause after its comma.
                if c == f && ctx.toks[c].lower.ends_with("ing") {
                    let l = ctx
                        .toks
                        .partition_point(|k| k.span.start < sentence_end(t.cue.start));
                    let from = ctx.toks.partition_point(|k| k.span.start < t.content.end);
                    let comma = (from.max(c + 1)..l).find(|&j| ctx.toks[j].is_comma())?;
                    let (a, b) = ctx.np_right(comma + 1, l)?;
                    return Some(ctx.span(a, b));
                }
                // After a comma a participle's subject opens the clause: "X spoke, saying ...".
                let participle = c > f && ctx.participle_after_comma(c);
                // "..., Ruritel said, adding ...": after another cue the participle speaks for
                // that cue's speaker, which `inherit_participle_speakers` gives it.
                if participle && (f..c).any(|j| ctx.cue_strength(j) == Some(CueStrength::Strong)) {
                    return None;
                }
                let (a, b) = if participle {
                    ctx.clause_subject(f, c)?
                } else {
                    ctx.subject(f, c)?
                };
                let s = ctx.span(a, b);
                (s.end <= t.content.start || s.start >= t.content.end).then_some(s)
            });
            let (cue, source) =
                ctx.verb_source_into_cue(t.cue, source, sentence_start(t.cue.start));
            t.cue = cue;
            let (cue, content, source) = ctx.seeming_to_say(t.cue, t.content, source);
            t.cue = cue;
            let (content, source) = ctx.raised_subject(content, t.cue, source);
            let (content, source) =
                match source.and_then(|s| ctx.name_before_description(content, s)) {
                    Some((c, s)) => (c, Some(s)),
                    None => (content, source),
                };
            let mut x = Found::new(content, t.cue, source, None).by(Rule::Learned);
            x.cue_tok = c;
            let si = sentences.partition_point(|x| x.span.end <= t.cue.start);
            let l = sentences
                .get(si)
                .map_or(ctx.toks.len(), |x| {
                    ctx.toks.partition_point(|k| k.span.start < x.span.end)
                })
                .max(c + 1)
                .min(ctx.toks.len());
            let outlet = ctx
                .told_outlet(c, l)
                .or_else(|| ctx.passed_on_by(c, l))
                .map(|(a, b)| ctx.span(a, b))
                .filter(|o| o.end <= t.content.start || o.start >= t.content.end);
            x.reported_by = source
                .and_then(|s| {
                    let k = ctx.toks.partition_point(|k| k.span.start < s.start);
                    ctx.reporter(sentence_start(s.start).min(k), k)
                })
                .or(outlet);
            if let Some(post) = &tg.post {
                let mut y = x.clone();
                y.sentence = (sentence_start(t.cue.start), l);
                let same = rule_cues
                    .iter()
                    .any(|r| r.start < t.cue.end && t.cue.start < r.end);
                let feats = ctx.learned_features(&y, same);
                if let Some(log) = &post.log {
                    if let Ok(mut v) = log.lock() {
                        v.push((t.cue, feats.clone()));
                    }
                }
                if post
                    .filter
                    .as_ref()
                    .is_some_and(|m| m.score(&feats) < post.keep_at)
                {
                    continue;
                }
            }
            extra.push(x);
        }
        let mut taken: Vec<u32> = found
            .iter()
            .chain(extra.iter())
            .map(|f| f.content.start)
            .collect();
        taken.sort_unstable();
        for x in &mut extra {
            ctx.continue_quote(x, &taken);
        }
        // A statement the rules continued over a quote that a tagged attribution starts stops
        // before it: "“A,” Roe said. “B” to C, she said": B is the second cue's.
        for x in &mut found {
            let Some(own) = x.own_end else { continue };
            if extra.iter().any(|e| {
                own <= e.content.start
                    && e.content.start < x.content.end
                    && e.cue.is_some_and(|c| c.start >= x.last)
            }) {
                x.content.end = own;
                x.own_end = None;
                ctx.continue_quote(x, &taken);
            }
        }
        found.extend(extra);
        for f in fallback {
            let clash =
                |g: &Found| f.content.start < g.content.end && g.content.start < f.content.end;
            if !found.iter().any(clash) {
                found.push(f);
                continue;
            }
            // "X and Y discussed “A” during B, the group said.": where the tagger's statement on
            // the same cue starts inside the rules' one ("Y discussed ...", "“A” during B"),
            // the rules' whole clause before the cue is the statement.
            if f.rule == Rule::StatementFirst {
                let inside = |g: &Found| {
                    g.rule == Rule::Learned
                        && g.cue == f.cue
                        && f.content.start < g.content.start
                        && g.content.end <= f.content.end
                };
                if let Some(g) = found.iter_mut().find(|g| inside(g)) {
                    g.content = f.content;
                }
            }
        }
        drop_report_frames(&mut found);
        drop_purposes(&ctx, &mut found);
    }
    for f in &mut found {
        // A statement before its cue starts after a colon of its own words and past the word
        // joining its sentence to the one before.
        f.content = ctx.without_opener(ctx.after_colon(f.content, f.cue), f.cue);
        f.speaker = f.speaker.and_then(|s| ctx.trim_source(s));
        // A time that closes the speaker right before its cue is no part of it: "The governor
        // last week | said"; but a poll "released Monday" is named by its date.
        if let (Some(s), Some(c)) = (f.speaker, f.cue) {
            let r = ctx.toks_in(s);
            let j = ctx.time_before(r.start, r.end);
            let next = ctx.toks.get(r.end).is_some_and(|t| t.span.start == c.start);
            if next && j < r.end && j > r.start && !ctx.toks[j - 1].lower.ends_with("ed") {
                f.speaker = Some(ctx.span(r.start, j));
            }
        }
    }
    found.retain(|f| {
        !ctx.intention(f) && !anonymity(f.content.text(text)) && !teaser_label(text, f)
    });
    let mut contents: Vec<(u32, u32)> = found
        .iter()
        .map(|f| (f.content.start, f.content.end))
        .collect();
    contents.sort_unstable();
    // The furthest end of the contents up to each one, in order of start.
    let reach: Vec<u32> = contents
        .iter()
        .scan(0, |m, &(_, e)| {
            *m = (*m).max(e);
            Some(*m)
        })
        .collect();
    // Whether another content holds this one.
    let held = |c: Span| {
        let k = contents.partition_point(|&(s, _)| s < c.start);
        let k2 = contents.partition_point(|&(s, _)| s <= c.start);
        (k > 0 && reach[k - 1] >= c.end) || (k2 > k && contents[k2 - 1].1 > c.end)
    };
    found.retain(|f| !ctx.relative_inside(f, held(f.content)));
    end_before_other_statements(&ctx, &mut found);
    inherit_participle_speakers(&ctx, sentences, &mut found);
    inherit_coordinated_speakers(&ctx, &mut found);
    implied(&ctx, paras, &mut found);
    found.sort_by_key(|q| (q.content.start, q.content.end));
    let sexes = crate::sex::sexes(text, mentions);
    let mut quotes: Vec<Quote> = Vec::with_capacity(found.len());
    for f in found {
        let kind = kind_of(&ctx, f.content);
        let speaker_mention = f.speaker.and_then(|s| {
            // "I don't see the downside", "you could read these numbers as ...": outside a
            // quotation the writer or the reader, whom no mention names.
            let narrator = matches!(
                s.text(text).to_lowercase().as_str(),
                "i" | "me" | "we" | "us" | "you"
            ) && !ctx.toks_in(s).any(|j| ctx.toks[j].in_quote);
            if narrator {
                return None;
            }
            // "It shows that ...", "it would also allow ...": what shows or allows is a thing
            // (a poll, a result, a plan), not the body named before.
            let thing = s.text(text).eq_ignore_ascii_case("it")
                && f.cue.is_some_and(|c| {
                    c.text(text).split_whitespace().any(|w| {
                        EVIDENCE_VERBS
                            .contains(&w.to_lowercase().trim_matches(|c: char| !c.is_alphabetic()))
                    })
                });
            if thing {
                return None;
            }
            // "The company, whose stock trades on the American Stock Exchange,": a relative
            // clause describes the speaker, and the names in it are not the speaker.
            let words = s.text(text);
            let s = [", who", ", whose", ", whom", ", which"]
                .iter()
                .filter_map(|r| words.find(r))
                .min()
                .filter(|&k| k > 0)
                .map_or(s, |k| Span::new(s.start as usize, s.start as usize + k));
            same_speaker(text, s, paras, &quotes, mentions, &sexes).unwrap_or_else(|| {
                // A name inside a quotation is not who speaks it; a paraphrase names its
                // speaker as often as not ("Roe would not quit, she said").
                let direct = kind == QuoteKind::Direct;
                resolve(
                    text,
                    s,
                    (f.content, direct),
                    &quotes,
                    mentions,
                    &sexes,
                    sentences,
                )
            })
        });
        quotes.push(Quote {
            span: f.content,
            kind,
            cue: f.cue,
            speaker: f.speaker,
            speaker_mention,
            reported_by: f.reported_by,
        });
    }
    if let Some(e) = ends {
        e.adjust_in(&ctx, sentences, &mut quotes);
    }
    close_open_quotations(&ctx, &mut quotes);
    one_reading_per_statement(&mut quotes);
    quotes
}

/// One statement is listed once: two readings of it can end with the same content (the rules'
/// "“A,” Roe said" and the tagger's "Roe said in a statement", each continued over "“B.”"; or an
/// end moved onto another's). The reading kept is the one whose speaker resolved to a mention,
/// else the one with speaker words, else the one whose cue comes first (the cue beside the
/// quotation, not one further on: "“A,” Roe said after Doe stated ..."), else the longer cue
/// ("said in a statement" over the "said" it holds).
fn one_reading_per_statement(quotes: &mut Vec<Quote>) {
    if quotes.len() < 2 {
        return;
    }
    let better = |a: &Quote, b: &Quote| {
        let key = |q: &Quote| {
            let cue = q.cue.map_or((u32::MAX, 0), |c| (c.start, c.end - c.start));
            (
                q.speaker_mention.is_some(),
                q.speaker.is_some(),
                std::cmp::Reverse(cue.0),
                cue.1,
            )
        };
        key(a) > key(b)
    };
    let mut order: Vec<usize> = (0..quotes.len()).collect();
    order.sort_by_key(|&i| (quotes[i].span.start, quotes[i].span.end, i));
    let mut drop = vec![false; quotes.len()];
    let mut k = 0;
    while k < order.len() {
        let span = quotes[order[k]].span;
        let mut best = order[k];
        let mut j = k + 1;
        while j < order.len() && quotes[order[j]].span == span {
            let i = order[j];
            if better(&quotes[i], &quotes[best]) {
                drop[best] = true;
                best = i;
            } else {
                drop[i] = true;
            }
            j += 1;
        }
        k = j;
    }
    let mut i = 0;
    quotes.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}

/// Verbs whose subject is evidence or a means, not a speaker: "the poll shows", "the plan would
/// allow".
const EVIDENCE_VERBS: [&str; 22] = [
    "show",
    "shows",
    "showed",
    "shown",
    "showing",
    "mean",
    "means",
    "meant",
    "prove",
    "proves",
    "proved",
    "proven",
    "demonstrate",
    "demonstrates",
    "demonstrated",
    "allow",
    "allows",
    "allowed",
    "reflect",
    "reflects",
    "reflected",
    "illustrates",
];

/// A statement that opens a quotation goes on to its close when the close is in the same
/// paragraph and no other statement starts or has its cue on the way: "Trump said that
/// “ethanol people” “do a fantastic job. And it’s so important.”" is not cut at "job".
fn close_open_quotations(ctx: &Ctx, quotes: &mut [Quote]) {
    let starts: Vec<u32> = quotes
        .iter()
        .flat_map(|q| [Some(q.span.start), q.cue.map(|c| c.start)])
        .flatten()
        .collect();
    for q in quotes.iter_mut() {
        let (s, e) = (q.span.start, q.span.end);
        let a = ctx.quotes.partition_point(|m| m.outer.start < s);
        let Some(open) = ctx.quotes[a..]
            .iter()
            .take_while(|m| m.outer.start < e)
            .find(|m| m.outer.end > e)
        else {
            continue;
        };
        let to = open.outer.end;
        let gap = ctx.text.get(e as usize..to as usize).unwrap_or("\n");
        if gap.contains('\n') || starts.iter().any(|&x| e <= x && x < to) {
            continue;
        }
        q.span.end = to;
        q.kind = kind_of(ctx, q.span);
    }
}

/// Words after a name that close or extend the name rather than a noun phrase it qualifies:
/// "Jane Roe of the bank", "Jane Roe and her lawyer", "Jane Roe who ...".
const NAME_GOES_ON: &[&str] = &[
    "of",
    "and",
    "or",
    "who",
    "whom",
    "whose",
    "which",
    "that",
    "in",
    "at",
    "from",
    "for",
    "on",
    "with",
    "to",
    "by",
    "as",
    "himself",
    "herself",
    "itself",
    "themselves",
    "jr",
    "jr.",
    "sr",
    "sr.",
    "also",
    "later",
    "earlier",
    "instead",
    "then",
    "now",
    "again",
    "still",
    "too",
    "once",
    "today",
    "yesterday",
    "tonight",
    "however",
    "has",
    "had",
    "have",
    "was",
    "is",
    "will",
    "would",
];

/// Other nouns for a person whose later "he", "she" or "the <noun>" stands for them (and the
/// `OFFICES`).
const PERSON_HEADS: &[&str] = &[
    "analyst",
    "correspondent",
    "reporter",
    "mayor",
    "governor",
    "senator",
    "candidate",
    "nominee",
    "lawmaker",
    "congressman",
    "congresswoman",
    "legislator",
    "judge",
    "prosecutor",
    "general",
    "colonel",
    "captain",
    "coach",
    "king",
    "queen",
    "prince",
    "pope",
    "scientist",
    "researcher",
    "professor",
    "economist",
    "activist",
    "expert",
    "witness",
    "player",
    "businessman",
    "businesswoman",
    "billionaire",
    "mother",
    "father",
    "wife",
    "husband",
    "man",
    "woman",
    "royal",
];

/// Whether a (lower-case) noun is a person's head: one of `OFFICES` or `PERSON_HEADS`.
fn person_head(w: &str) -> bool {
    OFFICES.contains(&w) || PERSON_HEADS.contains(&w)
}

/// Whether a speaker's words, by their first and last word (lower case), are a share or a crowd
/// rather than one person: "51 percent", "most voters", "several observers", "the public".
fn crowd(first: &str, last: &str) -> bool {
    let word = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%')
            .to_string()
    };
    let (first, last) = (word(first), word(last));
    let share = matches!(
        last.as_str(),
        "percent"
            | "majority"
            | "minority"
            | "half"
            | "third"
            | "quarter"
            | "number"
            | "public"
            | "crowd"
            | "audience"
            | "people"
            | "electorate"
    ) || last.ends_with('%');
    let counted = first.starts_with(|c: char| c.is_ascii_digit())
        || matches!(
            first.as_str(),
            "most"
                | "many"
                | "some"
                | "several"
                | "few"
                | "both"
                | "all"
                | "dozens"
                | "hundreds"
                | "thousands"
                | "millions"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
        );
    let plural = last.len() > 3
        && last.ends_with('s')
        && !["ss", "us", "is"].iter().any(|e| last.ends_with(e))
        && !ORG_HEADS.contains(&last.as_str());
    share || counted || plural
}

/// Whether a speaker's words count people rather than name one: "neither man", "both Roe and
/// Doe", "each candidate", "some observers, including Jane Roe,": no single person or body is
/// the speaker, not the nearest one nor one the words list. Not when a quantified object only
/// opens the words before the speaker's name ("some of the things that Jane Roe [has said]",
/// "the ideas Roe [championed]").
fn quantified(text: &str, speaker: Span, mentions: &[Mention]) -> bool {
    let words = speaker.text(text);
    let first = words
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if !matches!(
        first.as_str(),
        "neither"
            | "both"
            | "none"
            | "either"
            | "each"
            | "every"
            | "all"
            | "many"
            | "some"
            | "several"
            | "few"
            | "most"
    ) {
        return false;
    }
    // Two or more joined ("both Roe and Doe", "neither man"), or one at a time: never one.
    if matches!(
        first.as_str(),
        "neither" | "both" | "either" | "none" | "each" | "every"
    ) {
        return true;
    }
    // A name closing the words after a clause opener or a bare noun is the speaker, not one
    // listed among a crowd ("some observers, including professor Jane Roe,").
    let end = speaker.start as usize
        + words
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '—' | '–'))
            .len();
    // The longest such name: "Jane Roe", not the "Roe" inside it.
    let Some(last) = mentions.iter().find(|m| {
        matches!(m.label, EntityType::PER | EntityType::ORG)
            && m.span.end as usize == end
            && m.span.start > speaker.start
    }) else {
        return true;
    };
    let before = text
        .get(speaker.start as usize..last.span.start as usize)
        .unwrap_or_default();
    let listed = before.contains([',', '—', '–', '(']) || {
        let b = before.to_lowercase();
        [" including ", " like ", " such as ", " among "]
            .iter()
            .any(|w| b.contains(w))
    };
    // Past the name's own first words that no mention covers ("Donald" of "Donald Trump").
    let Some(prev) = before
        .split_whitespace()
        .rev()
        .find(|w| !w.starts_with(char::is_uppercase))
        .filter(|_| !listed)
    else {
        return true;
    };
    let prev = prev.to_string();
    if prev.ends_with(|c: char| !c.is_alphanumeric()) {
        return true;
    }
    let opener = matches!(
        prev.as_str(),
        "that" | "when" | "while" | "as" | "which" | "whom" | "after" | "before" | "if"
    );
    let noun = prev.starts_with(char::is_lowercase)
        && !prev.ends_with("ing")
        && !prev.ends_with("ed")
        && !NAME_GOES_ON.contains(&prev.as_str())
        && !matches!(
            prev.as_str(),
            "nor" | "including" | "like" | "the" | "a" | "an" | "of" | "than" | "among" | "but"
        )
        && !prev.eq_ignore_ascii_case(&first);
    !(opener || noun)
}

fn last_word(text: &str, s: Span) -> String {
    s.text(text)
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// News keeps the quoted person as the topic: a pronoun speaker ("he said") within two
/// paragraphs of an earlier quote by a person stands for that person, and a definite
/// description ("the official said") for the earlier speaker with the same head noun.
/// `Some(None)` when the earlier speaker decides that the words stand for no mention: "he" after
/// an unnamed "the official", "they" after "analysts"; `None` when it does not decide.
fn same_speaker(
    text: &str,
    s: Span,
    paras: &[Span],
    earlier: &[Quote],
    mentions: &[Mention],
    sexes: &[Option<Sex>],
) -> Option<Option<u32>> {
    let words = s.text(text);
    let n = words.split_whitespace().count();
    let first = words
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let head = last_word(text, s);
    let para = |at: u32| paras.partition_point(|p| p.end <= at);
    let near = |q: &Quote, ps: Span| para(s.start) <= para(ps.start.min(q.span.start)) + 2;
    if n == 1 && matches!(first.as_str(), "he" | "she" | "him" | "her") {
        let prev = earlier.iter().rev().find(|q| q.speaker.is_some())?;
        let ps = prev.speaker?;
        // "Hillary Clinton said ... “...,” he said": a speaker of the other sex is someone else,
        // whom the nearest agreeing name stands for.
        let prev_sex = prev
            .speaker_mention
            .and_then(|m| sexes.get(m as usize).copied().flatten())
            .or_else(|| sex::of_words(ps.text(text)));
        if !sex::agree(sex::of_pronoun(&first), prev_sex) {
            return None;
        }
        let Some(m) = prev.speaker_mention else {
            // "the official said ... He added": the same unnamed person, not the nearest name.
            let w = ps.text(text);
            let unnamed = w.split_whitespace().count() >= 2
                && person_head(&last_word(text, ps))
                && w.split_whitespace().next().is_some_and(|d| {
                    matches!(d.to_lowercase().as_str(), "the" | "a" | "an" | "one")
                });
            return (unnamed && near(prev, ps)).then_some(None);
        };
        // A person by the mention's type, by a person's head noun ("a spokesperson of the
        // ministry") or by an earlier "he" that stood for them.
        let person = mentions
            .get(m as usize)
            .is_some_and(|x| x.label == EntityType::PER)
            || matches!(
                ps.text(text).to_lowercase().as_str(),
                "he" | "she" | "him" | "her"
            )
            || ps.text(text).split_whitespace().any(|w| {
                person_head(
                    &w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase(),
                )
            });
        return (person && near(prev, ps)).then_some(Some(m));
    }
    // "they" is many: the earlier speaker when that was many too ("Analysts said ... They
    // added", "MITI officials said ... they said"), else nobody the article names, never the
    // nearest single name.
    if n == 1 && matches!(first.as_str(), "they" | "them") {
        let prev = earlier.iter().rev().find(|q| q.speaker.is_some());
        let inherited = prev.and_then(|q| {
            let ps = q.speaker?;
            let w: Vec<&str> = ps.text(text).split_whitespace().collect();
            // A crowd by its head noun ("Analysts", "MITI officials"), not a name in "-s".
            let named_last = mentions
                .iter()
                .any(|m| m.span.start < ps.end && ps.end <= m.span.end);
            let many = (!w.is_empty() && !named_last && crowd(w[0], w[w.len() - 1]))
                || matches!(w.as_slice(), [one] if one.eq_ignore_ascii_case("they"));
            (many && near(q, ps)).then_some(q.speaker_mention)?
        });
        return Some(inherited);
    }
    // "it" after a body that spoke within two paragraphs is that body ("the department said
    // ... it said"), not a body its statement names ("the SEC", "USSR"); so is "the agency"
    // ("Moody's said ... The agency said") unless a body named before holds the word.
    let description = n == 2
        && first == "the"
        && ORG_HEADS.contains(&head.as_str())
        // A company's board is the company's, which need not have spoken last.
        && !matches!(head.as_str(), "company" | "firm" | "board")
        && !mentions.iter().any(|m| {
            m.span.end <= s.start
                && m.label == EntityType::ORG
                && m.span
                    .text(text)
                    .split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case(&head))
        });
    if (n == 1 && first == "it") || description {
        let prev = earlier.iter().rev().find(|q| {
            q.speaker_mention
                .and_then(|m| mentions.get(m as usize))
                .is_some_and(|x| x.label == EntityType::ORG)
        })?;
        let ps = prev.speaker?;
        // For "the agency", the body that spoke is the subject of its attribution ("Moody's
        // said", "a UAW spokesman said") or one described with the same noun ("a group led by
        // X"), not a name deep in it ("a team led by researchers out of NASA's Goddard").
        let subject = || {
            let m = prev.speaker_mention.and_then(|m| mentions.get(m as usize));
            m.is_some_and(|m| {
                text.get(ps.start as usize..m.span.start as usize)
                    .is_some_and(|w| w.split_whitespace().count() <= 2)
            }) || described_as(text, ps, &head)
        };
        return (near(prev, ps) && (!description || subject())).then_some(prev.speaker_mention);
    }
    if n >= 2 && first == "the" && person_head(&head) {
        return earlier
            .iter()
            .rev()
            .filter(|q| q.speaker.is_some_and(|p| described_as(text, p, &head)))
            .find_map(|q| q.speaker_mention)
            .map(Some);
    }
    None
}

/// Whether a speaker's words or the appositive right after them end in `head`: "the official"
/// points back to "Treasury official Jane Roe" and to "Jane Roe, a Treasury official,".
fn described_as(text: &str, speaker: Span, head: &str) -> bool {
    let same = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .eq_ignore_ascii_case(head)
    };
    if last_word(text, speaker) == head || speaker.text(text).split_whitespace().any(same) {
        return true;
    }
    let rest = text.get(speaker.end as usize..).unwrap_or_default();
    let Some(apposition) = rest.strip_prefix(", ") else {
        return false;
    };
    let end = apposition
        .find([',', '.', ';', '\n', '"', '”'])
        .unwrap_or(apposition.len())
        .min(80);
    apposition
        .get(..end)
        .and_then(|a| a.split_whitespace().last())
        .is_some_and(same)
}

/// Whether byte `at` is in a paragraph that reads as a headline (no closing stop): headline
/// wording ("talks against ...") misleads the tagger, and the article body repeats the facts.
fn in_headline(text: &str, paras: &[Span], at: u32) -> bool {
    let k = paras.partition_point(|p| p.end <= at);
    paras.get(k).is_some_and(|p| {
        // Closing quote marks do not end a sentence: "... Calls Talks ‘A Failure’" is a headline.
        let t = p
            .text(text)
            .trim_end()
            .trim_end_matches(['"', '”', '’', '\'', '»']);
        !t.ends_with(['.', '!', '?', ':', ')', ','])
    })
}

fn span_jaccard(a: Span, b: Span) -> f64 {
    let i = a.end.min(b.end).saturating_sub(a.start.max(b.start));
    let u = a.end.max(b.end) - a.start.min(b.start);
    if u == 0 {
        0.0
    } else {
        i as f64 / u as f64
    }
}

/// Bare quoted paragraphs with no cue take the speaker of the statement before them.
fn implied(ctx: &Ctx, paras: &[Span], found: &mut Vec<Found>) {
    let mut extra: Vec<Found> = Vec::new();
    for (k, q) in ctx.quotes.iter().enumerate() {
        if q.continues {
            continue;
        }
        let mut whole = q.outer;
        let mut j = k;
        while j + 1 < ctx.quotes.len() && !ctx.quotes[j].closed && ctx.quotes[j + 1].continues {
            j += 1;
            whole.end = ctx.quotes[j].outer.end;
        }
        let overlaps = |f: &Found| f.content.start < whole.end && whole.start < f.content.end;
        if found.iter().any(overlaps) || !is_statement(ctx.text, q.inner) {
            continue;
        }
        // The quote must open its paragraph.
        let pi = paras.partition_point(|p| p.end <= q.outer.start);
        let Some(p) = paras.get(pi) else { continue };
        if !ctx.text[p.start as usize..q.outer.start as usize]
            .trim()
            .is_empty()
        {
            continue;
        }
        // The nearest earlier statement with a speaker, within the two paragraphs before.
        let prev = found
            .iter()
            .chain(extra.iter())
            .filter(|f| f.content.end <= whole.start && f.speaker.is_some())
            .max_by_key(|f| f.content.end);
        let Some(prev) = prev else { continue };
        let back = paras.partition_point(|p| p.end < prev.content.end);
        if pi > back + 2 {
            continue;
        }
        let (speaker, reported_by) = (prev.speaker, prev.reported_by);
        extra.push(Found {
            content: whole,
            cue: None,
            speaker,
            reported_by,
            last: whole.end,
            own_end: None,
            rule: Rule::Implied,
            cue_tok: 0,
            sentence: (0, 0),
        });
    }
    found.extend(extra);
}

pub(crate) fn kind_of(ctx: &Ctx, content: Span) -> QuoteKind {
    let a = ctx
        .quotes
        .partition_point(|q| q.outer.start < content.start);
    let inside = ctx.quotes[a..]
        .iter()
        .take_while(|q| q.outer.end <= content.end);
    let (mut first, mut last, mut words) = (None, None, 0);
    for q in inside {
        first.get_or_insert(q.outer.start);
        last = Some(q.outer.end);
        words = words.max(q.inner.text(ctx.text).split_whitespace().count());
    }
    match (first, last) {
        (Some(a), Some(b)) if a == content.start && b == content.end => QuoteKind::Direct,
        // A single quoted word inside a paraphrase is a scare quote or a term ("warned against
        // “reckless” spending"), not a quotation of the speaker.
        (Some(_), _) if words >= 2 => QuoteKind::Partial,
        _ => QuoteKind::Indirect,
    }
}

/// The mention a speaker's words stand for: a mention inside them, or for a pronoun or a
/// description the nearest earlier mention of a compatible type (for "the company", a business
/// outside the statement `content`; never one inside it when it is a quotation, `direct`).
fn resolve(
    text: &str,
    speaker: Span,
    (content, direct): (Span, bool),
    earlier: &[Quote],
    mentions: &[Mention],
    sexes: &[Option<Sex>],
    sentences: &[Sentence],
) -> Option<u32> {
    let person_or_org = |m: &Mention| matches!(m.label, EntityType::PER | EntityType::ORG);
    if quantified(text, speaker, mentions) {
        return None;
    }
    let words = speaker.text(text);
    // A country or a city that speaks stands for its government: "China said", "the United
    // States said", "Kabul said". Only when the speaker's words are the place's name.
    let bare = words.trim();
    let bare = bare
        .strip_prefix("the ")
        .or_else(|| bare.strip_prefix("The "))
        .unwrap_or(bare);
    if let Some(i) = mentions.iter().position(|m| {
        m.label == EntityType::LOC
            && speaker.start <= m.span.start
            && m.span.end <= speaker.end
            && m.span.text(text) == bare
    }) {
        return Some(i as u32);
    }
    // Inside the speaker's words the head name comes first and is not a possessive: "Al X's
    // Jane Roe" is Jane Roe, "Jane Roe, the party's leader," is Jane Roe.
    let inside: Vec<(usize, &Mention)> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.span.start < speaker.end && speaker.start < m.span.end && person_or_org(m)
        })
        .collect();
    let possessive = |m: &Mention| {
        text.get(m.span.end as usize..)
            .is_some_and(|r| r.starts_with("'s") || r.starts_with("’s") || r.starts_with('’'))
    };
    // "a Reagan administration official", "Trump adviser Jane Roe": a name followed, within the
    // speaker's words, by more of the noun phrase only qualifies its head. A body's name may
    // still stand for whoever speaks for it ("a Benetton spokeswoman"), a person's never.
    let modifier = |m: &Mention| {
        let rest = text
            .get(m.span.end as usize..speaker.end as usize)
            .unwrap_or_default();
        let next = rest.split_whitespace().next().unwrap_or_default();
        let next = next.to_lowercase();
        rest.starts_with(char::is_whitespace)
            && next.starts_with(char::is_alphanumeric)
            && !NAME_GOES_ON.contains(&next.as_str())
            && !next.ends_with("ly")
            && !dossier_core::legal_forms::is_form_word(&next)
    };
    // The speaker's head noun: the last word before any apposition, bracket, preposition or
    // relative clause ("a spokesman for the bank's office here": "spokesman").
    let head_noun = {
        let w = speaker.text(text);
        let w = &w[..w.find([',', '(']).unwrap_or(w.len())];
        w.split_whitespace()
            .take_while(|x| {
                !NAME_GOES_ON.contains(&x.to_lowercase().as_str())
                    && !matches!(*x, "here" | "there")
            })
            .last()
            .unwrap_or_default()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_string()
    };
    // "a spokesman for the bank", "representatives of the Taliban": a name after a preposition
    // stands for the speaker when the noun before it speaks for it, not "the parent of Liberty
    // Savings Bank" nor "employees of X".
    let governed = |m: &Mention| {
        let pre = text
            .get(speaker.start as usize..m.span.start as usize)
            .unwrap_or_default()
            .trim_end();
        let pre = pre
            .strip_suffix(" the")
            .or_else(|| pre.strip_suffix(" The"))
            .unwrap_or(pre);
        let mut w = pre.split_whitespace().rev();
        match (w.next(), w.next()) {
            (Some("of" | "for" | "at" | "from"), Some(noun)) => {
                noun.starts_with(char::is_uppercase) || speaks_for(noun)
            }
            _ => true,
        }
    };
    let inside: Vec<(usize, &Mention)> = inside.into_iter().filter(|(_, m)| governed(m)).collect();
    let heads: Vec<&(usize, &Mention)> = inside.iter().filter(|(_, m)| !modifier(m)).collect();
    // "a Benetton spokeswoman", "Texaco's management": a name that only qualifies the head stands
    // for it when the head speaks for a body or a person, not "Turkey's NATO allies" nor
    // "Rudolph's supporters".
    let qualified = head_noun.starts_with(char::is_uppercase) || speaks_for(&head_noun);
    let pick = heads
        .iter()
        .find(|(_, m)| m.label == EntityType::PER && !possessive(m))
        .or_else(|| heads.iter().find(|(_, m)| !possessive(m)))
        .copied()
        .or_else(|| {
            inside
                .iter()
                .find(|(_, m)| m.label == EntityType::ORG && !possessive(m))
                .filter(|_| qualified)
        })
        .or(heads.last().copied().filter(|_| qualified));
    if pick.is_none() && !inside.is_empty() {
        return None;
    }
    if let Some((i, _)) = pick {
        return Some(*i as u32);
    }
    let before = mentions.partition_point(|m| m.span.start < speaker.start);
    // "Jane Roe, who said ...": a relative pronoun stands for the name its clause hangs on,
    // and for nobody when it hangs on a noun ("the ruling, which rejected ...")
    if RELATIVE.contains(&words.trim().to_lowercase().as_str()) {
        let i = before.checked_sub(1)?;
        let m = &mentions[i];
        let gap = text.get(m.span.end as usize..speaker.start as usize)?;
        // "Graham, who", "Graham—who"
        let adjacent = gap
            .chars()
            .all(|c| matches!(c, ',' | '—' | '–') || c.is_whitespace());
        if !adjacent {
            return None;
        }
        // "who" is a person's: "Ron Paul of Texas, who", "Jane Roe, an analyst at Acme, who"
        // hang on the person whose place or apposition ends right before it.
        if words.trim().eq_ignore_ascii_case("who") && m.label != EntityType::PER {
            let person = (i.saturating_sub(3)..i).rev().find(|&k| {
                let p = &mentions[k];
                let between = text
                    .get(p.span.end as usize..m.span.start as usize)
                    .unwrap_or_default();
                p.label == EntityType::PER
                    && between.len() <= 80
                    && !between.contains(['.', ';', '"', '“', '”', '(', ')'])
                    && [" of ", " from ", ", a ", ", an ", ", the "]
                        .iter()
                        .any(|w| between.starts_with(w))
                    && between.matches(',').count() <= 1
            });
            if let Some(k) = person {
                return Some(k as u32);
            }
        }
        return person_or_org(m).then_some(i as u32);
    }
    // A name ("US", "The Taliban") names itself: the mention with the same words, or none, never
    // the nearest other name.
    let name = words
        .trim_start_matches("The ")
        .trim_start_matches("the ")
        .trim();
    let pronoun = !words.contains(' ') && PRONOUNS.contains(&words.to_lowercase().as_str());
    if !pronoun
        && words
            .split_whitespace()
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        // ... or a business named before in full by the same first words and a legal form
        // ("Southern" after "Southern Co", "Prime" after "Prime Computer Inc"), unless the words
        // also name a place ("China" is not "China Trust Corp").
        let place = mentions
            .iter()
            .any(|m| m.label == EntityType::LOC && m.span.text(text) == name);
        let short_for = |m: &Mention| {
            let full = m.span.text(text);
            m.label == EntityType::ORG
                && full
                    .strip_prefix(name)
                    .is_some_and(|rest| rest.starts_with(' '))
                && full
                    .split_whitespace()
                    .last()
                    .is_some_and(dossier_core::legal_forms::is_form_word)
        };
        return mentions
            .iter()
            .position(|m| person_or_org(m) && m.span.text(text) == name)
            .or_else(|| {
                (!place && !name.is_empty())
                    .then(|| mentions[..before].iter().rposition(short_for))
                    .flatten()
            })
            .map(|i| i as u32);
    }
    let n = words.split_whitespace().count();
    let first = words
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let last = words
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_lowercase();
    // A name the quotation itself holds is not who spoke it: "“I want to commend Jane Roe,” the
    // governor said", "“...,” he said" after a quote naming someone.
    let in_content =
        |m: &Mention| direct && content.start <= m.span.start && m.span.end <= content.end;
    // "his campaign", "its spokesman": the owner speaks through them, as "Roe's campaign" does,
    // so the possessive stands for a person of its sex named before (for "its", a body);
    // "his wife", "her mother", "their lawyers": someone else the text does not name.
    if n >= 2 && matches!(first.as_str(), "his" | "her" | "its" | "their") {
        let head = last.trim_matches(|c: char| !c.is_alphanumeric());
        if first == "their" || !speaks_for(head) {
            return None;
        }
        let (label, sex) = match first.as_str() {
            "its" => (EntityType::ORG, None),
            "his" => (EntityType::PER, Some(Sex::Male)),
            _ => (EntityType::PER, Some(Sex::Female)),
        };
        let fits = |i: usize| {
            mentions[i].label == label
                && sex::agree(sex, sexes.get(i).copied().flatten())
                && !in_content(&mentions[i])
        };
        // A person's campaign or aides are the person the sentence is about: the first who fits
        // in the speaker's sentence before the words, else in the sentence before ("Roe lost
        // Ohio to its governor, John Doe. But his campaign ..." is Roe's), not the nearest name.
        if label == EntityType::PER {
            let k = sentences.partition_point(|x| x.span.end <= speaker.start);
            for j in [Some(k), k.checked_sub(1)].into_iter().flatten() {
                let Some(sent) = sentences.get(j) else {
                    continue;
                };
                let from = mentions.partition_point(|m| m.span.start < sent.span.start);
                let to = mentions[..before].partition_point(|m| m.span.start < sent.span.end);
                // Not an honorific the tagger split from its name ("Mr." of "Mr. Roe's").
                let name = |i: usize| {
                    let w = mentions[i].span.text(text).trim_end_matches('.');
                    !matches!(
                        w.to_lowercase().as_str(),
                        "mr" | "mrs" | "ms" | "miss" | "dr" | "sen" | "rep" | "gov"
                    )
                };
                if let Some(i) = (from..to.max(from)).find(|&i| fits(i) && name(i)) {
                    return Some(i as u32);
                }
            }
        }
        return (0..before).rev().find(|&i| fits(i)).map(|i| i as u32);
    }
    // "a reporter asked", "one lawmaker called": an indefinite description brings in someone
    // new, never a person or body named before.
    if n >= 2 && matches!(first.as_str(), "a" | "an" | "one" | "another") {
        return None;
    }
    // "The official said": someone the article does not name, unless an earlier speaker was
    // described so (which `same_speaker` found before this), never the nearest name.
    if n >= 2 && ANONYMOUS_HEADS.contains(&last.as_str()) {
        return None;
    }
    // "Fifty-one percent say", "most voters", "critics": a share or a crowd is nobody the
    // article names, so not the nearest person either.
    if !pronoun && crowd(&first, &last) {
        return None;
    }
    // "a press conference", "data", "the description on the website": words that are not a
    // pronoun and whose head is no person's or body's name nobody in the text.
    let head = last.trim_matches(|c: char| !c.is_alphanumeric());
    if !pronoun
        && !matches!(head, "his" | "their")
        && !person_head(head)
        && !ORG_HEADS.contains(&head)
    {
        return None;
    }
    let wanted: &[EntityType] = if n == 1 && PRONOUNS_PER.contains(&first.as_str()) {
        &[EntityType::PER]
    } else if ORG_HEADS.contains(&last.as_str()) || (n == 1 && first == "it") {
        &[EntityType::ORG]
    } else if n == 1 && PRONOUNS.contains(&first.as_str()) {
        &[EntityType::PER, EntityType::ORG]
    } else {
        &[EntityType::PER]
    };
    // "the Kazakh foreign ministry" describes one body: the nearest organisation is only it when
    // its name holds the head word; "the group" points back at the nearest one.
    let specific = n >= 3 && ORG_HEADS.contains(&last.as_str());
    // "The company said": the business that spoke last, else the last one named, a business
    // being named by its legal form ("ALZA Corp"): not the regulator or the buyer it dealt with,
    // nor a business the statement itself names ("Armstrong Tire, a unit, will ...").
    if n <= 2 && matches!(last.as_str(), "company" | "firm") {
        let business = |i: usize| {
            let m = &mentions[i];
            m.label == EntityType::ORG
                && !(content.start <= m.span.start && m.span.end <= content.end)
                && m.span
                    .text(text)
                    .split_whitespace()
                    .last()
                    .is_some_and(dossier_core::legal_forms::is_form_word)
        };
        let spoke = earlier
            .iter()
            .rev()
            .filter_map(|q| q.speaker_mention)
            .find(|&i| (i as usize) < before && business(i as usize));
        if spoke.is_some() {
            return spoke;
        }
        if let Some(i) = (0..before).rev().find(|&i| business(i)) {
            return Some(i as u32);
        }
    }
    // "the department said", after "the U.S. Agriculture Department" and then "its Trade
    // Report": a body whose name holds the head word before the nearest other one.
    let holds_head = |m: &Mention| {
        m.span
            .text(text)
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case(head))
    };
    if wanted == [EntityType::ORG] && !specific {
        if let Some(i) = mentions[..before]
            .iter()
            .rposition(|m| m.label == EntityType::ORG && holds_head(m) && !in_content(m))
        {
            return Some(i as u32);
        }
        // "police said", "troops fired": a bare common noun is a body no name above stands
        // for, not the nearest one.
        if n == 1 && !pronoun {
            return None;
        }
    }
    // "she", "the congresswoman": not a person the text gives the other sex.
    let sex = sex::of_words(words);
    mentions[..before]
        .iter()
        .enumerate()
        .rev()
        .find(|(i, m)| {
            wanted.contains(&m.label)
                && !in_content(m)
                && (!specific || m.span.text(text).to_lowercase().contains(last.as_str()))
                && (m.label != EntityType::PER || sex::agree(sex, sexes.get(*i).copied().flatten()))
        })
        .map(|(i, _)| i as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mentions of `names` in `text` (each occurrence) and the span of `speaker`.
    fn speaker_in(text: &str, speaker: &str, names: &[&str]) -> (Span, Vec<Mention>) {
        let at = text
            .find(speaker)
            .expect("the speaker's words are in the text");
        let mut mentions: Vec<Mention> = names
            .iter()
            .flat_map(|n| {
                text.match_indices(n).map(|(i, _)| Mention {
                    span: Span::new(i, i + n.len()),
                    label: EntityType::PER,
                    score: 1.0,
                })
            })
            .collect();
        mentions.sort_by_key(|m| m.span.start);
        (Span::new(at, at + speaker.len()), mentions)
    }

    #[test]
    fn counted_words_are_quantified_unless_a_name_closes_a_clause() {
        for (text, speaker, counted) in [
            ("Neither man spoke.", "Neither man", true),
            ("Neither Roe nor Doe replied.", "Neither Roe nor Doe", true),
            ("Both Roe and Doe spoke.", "Both Roe and Doe", true),
            (
                "Several aides backing Roe spoke.",
                "Several aides backing Roe",
                true,
            ),
            ("Many donors to Roe spoke.", "Many donors to Roe", true),
            (
                "Some critics, including Roe, spoke.",
                "Some critics, including Roe,",
                true,
            ),
            ("none of them spoke.", "none of them", true),
            ("Many Democrats spoke.", "Many Democrats", true),
            // The quantifier opens an object; the name closing the words speaks.
            (
                "some of the things that Jane Roe has said",
                "some of the things that Jane Roe",
                false,
            ),
            (
                "some of the ideas Roe championed",
                "some of the ideas Roe",
                false,
            ),
            // Only "Doe" is a mention: "Mary" is the name's too.
            (
                "some of the things that Mary Doe said",
                "some of the things that Mary Doe",
                false,
            ),
            (
                "Some cheer when Roe calls for it.",
                "Some cheer when Roe",
                false,
            ),
            // ... but not a name listed in the crowd, nor one of two joined.
            (
                "Some observers, including professor Jane Roe, spoke.",
                "Some observers, including professor Jane Roe,",
                true,
            ),
            (
                "Both the mayor Doe and the governor Jane Roe spoke.",
                "Both the mayor Doe and the governor Jane Roe",
                true,
            ),
            // No quantifier at all.
            ("The mayor spoke.", "The mayor", false),
            ("Jane Roe spoke.", "Jane Roe", false),
        ] {
            let (s, m) = speaker_in(text, speaker, &["Jane Roe", "Roe", "Doe", "Democrats"]);
            assert_eq!(quantified(text, s, &m), counted, "{speaker:?}");
        }
    }

    fn quote(span: (usize, usize), cue: Option<(usize, usize)>, mention: Option<u32>) -> Quote {
        Quote {
            span: Span::new(span.0, span.1),
            kind: QuoteKind::Direct,
            cue: cue.map(|(a, b)| Span::new(a, b)),
            speaker: Some(Span::new(0, 3)),
            speaker_mention: mention,
            reported_by: None,
        }
    }

    #[test]
    fn one_statement_keeps_its_better_reading() {
        // The longer cue that holds the shorter one; a resolved speaker before either; the cue
        // beside the quotation before one further on; other statements untouched.
        let mut q = vec![
            quote((10, 50), Some((20, 24)), Some(0)),
            quote((10, 50), Some((20, 39)), Some(0)),
            quote((60, 90), Some((70, 90)), Some(1)),
            quote((60, 90), Some((65, 69)), None),
            quote((100, 140), Some((130, 135)), Some(2)),
            quote((100, 140), Some((110, 114)), Some(3)),
            quote((150, 160), None, None),
        ];
        one_reading_per_statement(&mut q);
        let kept: Vec<(u32, Option<u32>, Option<u32>)> = q
            .iter()
            .map(|x| (x.span.start, x.cue.map(|c| c.end), x.speaker_mention))
            .collect();
        assert_eq!(
            kept,
            vec![
                (10, Some(39), Some(0)),
                (60, Some(90), Some(1)),
                (100, Some(114), Some(3)),
                (150, None, None),
            ]
        );
    }
}
