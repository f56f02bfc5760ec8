//! Ordered attribution rules over tokens, sentences and paired quotation marks.

use std::collections::HashMap;

use dossier_core::{EntityType, Mention, Quote, QuoteKind, Sentence, Span, Token};

use crate::filter::{feature, Filter};
use crate::learn::Tagger;
use crate::marks::{self, Quoted};

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
    words: HashMap<String, CueStrength>,
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
        let mut words = HashMap::new();
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

const PRONOUNS_PER: &[&str] = &["he", "she", "him", "her", "i", "we", "you"];
const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "i", "we", "you", "him", "her", "them", "us",
];
/// Verbs that introduce someone else's report: "AFP reported X saying", "X was quoted as saying".
const REPORTING: &[&str] = &[
    "reported", "quoted", "cited", "quotes", "reports", "cites", "quoting", "citing",
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
/// Time words between a cue and its statement.
const WHEN: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
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
];

/// One token with what the rules ask of it.
pub(crate) struct Tok<'a> {
    pub(crate) text: &'a str,
    pub(crate) span: Span,
    pub(crate) lower: String,
    pub(crate) in_quote: bool,
    /// Opens, or closes, a paired quote stretch.
    pub(crate) open_q: bool,
    pub(crate) close_q: bool,
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
        list.contains(&self.lower.as_str())
    }
}

/// A found attribution, before speakers are resolved to mentions.
struct Found {
    content: Span,
    cue: Option<Span>,
    speaker: Option<Span>,
    reported_by: Option<Span>,
    /// Where the attribution's own words end (content, cue and speaker), for quote continuation.
    last: u32,
    /// Which rule found it and at which cue token, for the filter's features.
    rule: Rule,
    cue_tok: usize,
    sentence: (usize, usize),
}

/// The rule that proposed an attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    According,
    StatementFirst,
    CueFirst,
    Participle,
    Implied,
    Learned,
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
        self.lex.get(&t.lower)
    }

    /// Whether a subject-like word: not a stop word, a cue or punctuation.
    fn np_word(&self, i: usize) -> bool {
        let t = &self.toks[i];
        if t.in_list(NP_STOP) || self.lex.get(&t.lower).is_some() {
            return false;
        }
        if t.is_word() {
            return true;
        }
        // Possessive marks, hyphens and the dots of initials stay inside a name.
        matches!(t.text, "'" | "’" | "-" | "." | "&") && i > 0 && self.toks[i - 1].is_word()
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
    fn np_right(&self, start: usize, ceil: usize) -> Option<(usize, usize)> {
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

    /// The subject of a cue at `c`, skipping adverbs and auxiliaries. After a comma the subject
    /// is the noun phrase that opens the clause, with its appositives ("Jane Roe, a senator from
    /// Ohio who chairs the panel, said").
    fn subject(&self, floor: usize, c: usize) -> Option<(usize, usize)> {
        let mut end = c;
        while end > floor && self.toks[end - 1].in_list(BETWEEN) {
            end -= 1;
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
        // "quoted Jane Roe as saying".
        if end > floor && self.toks[end - 1].is("as") {
            return self.np_left(floor, end - 1);
        }
        if end > floor && self.toks[end - 1].is_comma() {
            let comma = end - 1;
            let lo = comma.saturating_sub(40).max(floor);
            let start = (lo..comma)
                .rev()
                .find(|&j| self.toks[j].close_q || matches!(self.toks[j].text, ";" | ":" | "—"))
                .map_or(lo, |j| j + 1);
            if (start..comma).any(|j| self.cue_strength(j).is_some()) {
                return None;
            }
            let (s, e) = self.np_right(start, comma)?;
            return Some((s, if e < comma { comma } else { e }));
        }
        self.np_left(floor, end)
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

    /// The attributions whose cue is in sentence `[f, l)`.
    fn sentence(&self, f: usize, l: usize, out: &mut Vec<Found>) {
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
            if let Some(strength) = self.cue_strength(i) {
                if let Some(mut found) = self.cue(f, i, l, strength) {
                    (found.cue_tok, found.sentence) = (i, (f, l));
                    out.push(found);
                }
            }
            i += 1;
        }
    }

    fn according_to(&self, f: usize, c: usize, l: usize) -> Option<Found> {
        let cue = self.span(c, c + 2);
        let (ss, se) = self.np_right(c + 2, l)?;
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

    /// Statement first: "..., X said." / "...,” said X." — a clause boundary shortly before the
    /// cue and little after it.
    fn statement_first(&self, f: usize, c: usize, l: usize) -> Option<Found> {
        if self.toks[c].lower.ends_with("ing") {
            return None;
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
        if !between_ok || !(q_end.is_some() || before >= 3) || (tail > 10 && !adjacent) {
            return None;
        }
        let content = match q_end.and_then(|q| self.quote_closing_at(q)) {
            Some(q) => q,
            None => {
                let mut e = b;
                while e > f && self.toks[e - 1].is_comma() {
                    e -= 1;
                }
                if e <= f {
                    return None;
                }
                self.span(f, e)
            }
        };
        let speaker = match self.np_left(b + 1, c) {
            Some((s, e)) => Some(self.span(s, e)),
            None => {
                // "..., said Jane Roe, a senator from Ohio."
                let e = (c + 1..l)
                    .find(|&j| self.toks[j].is_comma() || self.toks[j].is_end_punct())
                    .unwrap_or(l);
                // The name must close the clause.
                let (s, ne) = self.np_right(c + 1, e)?;
                if ne + 1 < e && !adjacent {
                    return None;
                }
                Some(self.span(s, ne))
            }
        };
        let mut found =
            Found::new(content, self.toks[c].span, speaker, None).by(Rule::StatementFirst);
        // A quote may go on after the speaker's description: "“A,” said X, a lawyer. “B.”"
        found.last = found.last.max(self.toks[l - 1].span.end);
        (content.end > content.start).then_some(found)
    }

    fn cue(&self, f: usize, c: usize, l: usize, strength: CueStrength) -> Option<Found> {
        if let Some(found) = self.statement_first(f, c, l) {
            return Some(found);
        }
        // Participle after a comma: "X spoke on Monday, saying the talks failed."
        let participle =
            self.toks[c].lower.ends_with("ing") && c > f && self.toks[c - 1].is_comma();
        let (speaker_tok, reported_by) = if participle {
            (self.np_right(f, c), None)
        } else {
            let s = self.subject(f, c);
            (s, s.and_then(|(s, _)| self.reporter(f, s)))
        };
        // Statement after the cue, past the audience of "told" and friends.
        let mut a = c + 1;
        if matches!(
            self.toks[c].lower.as_str(),
            "told" | "tell" | "tells" | "telling" | "asked" | "warned" | "assured"
        ) {
            let ceil = (a + 7).min(l);
            if let Some(j) = (a..ceil).find(|&j| self.toks[j].is("that")) {
                a = j;
            } else if a < l && (self.toks[a].is_cap() || self.toks[a].in_list(AUDIENCE)) {
                a = self.np_right(a, l).map_or(a + 1, |(_, e)| e);
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
        while a < l && matches!(self.toks[a].text, "," | ":" | "—") {
            a += 1;
        }
        // When the statement was made is not what was said: "said on Friday that ...".
        while a < l
            && (self.toks[a].in_list(WHEN)
                || (self.toks[a].is("on") && a + 1 < l && self.toks[a + 1].in_list(WHEN)))
        {
            a += 1;
        }
        if a < l && self.toks[a].in_list(NOT_A_STATEMENT) {
            return None;
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
                let after_comma = self.toks[j - 1].is_comma();
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
                    .trim_start_matches([' ', ',', '.', ':', ';', '\t'])
                    .len();
            let next = (at + skip) as u32;
            if taken.binary_search(&next).is_ok() {
                break;
            }
            let Some(q) = self.quote_opening(next) else {
                break;
            };
            found.content.end = q.end;
            at = q.end as usize;
        }
    }
}

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
            Rule::StatementFirst => "statement-first",
            Rule::CueFirst => "cue-first",
            Rule::Participle => "participle",
            Rule::Implied => "implied",
            Rule::Learned => "learned",
        };
        let word = |i: usize| self.toks.get(i).map_or("<none>", |t| t.lower.as_str());
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

    /// Proposals of the precise rules, kept whatever the filter says: "according to", reported
    /// speech, and a quotation joined to a strong cue.
    fn precise(&self, x: &Found) -> bool {
        let strong = self
            .toks
            .get(x.cue_tok)
            .and_then(|t| self.lex.get(&t.lower))
            == Some(CueStrength::Strong);
        let quoted = self.quote_index_closing(x.content.end).is_some()
            && self
                .toks_in(x.content)
                .next()
                .is_some_and(|j| self.toks[j].open_q);
        x.rule == Rule::According
            || x.reported_by.is_some()
            || (strong && quoted && x.speaker.is_some())
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
        toks.push(Tok {
            text: s,
            span: t.span,
            lower: s.to_lowercase(),
            in_quote,
            open_q,
            close_q,
        });
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

/// "AFP reported X saying ...": the report is the frame of X's statement, not a statement.
fn drop_report_frames(found: &mut Vec<Found>) {
    let reporters: Vec<(Span, Span)> = found
        .iter()
        .filter_map(|f| Some((f.reported_by?, f.content)))
        .collect();
    found.retain(|f| {
        !reporters.iter().any(|&(r, inner)| {
            f.speaker == Some(r)
                && f.content.start <= inner.start
                && inner.end <= f.content.end
                && f.content != inner
        })
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
    let ctx = context(text, tokens, paras, lex, filter.is_some());
    let mut found = propose(&ctx, sentences);
    if let Some(m) = filter {
        found.retain(|f| ctx.precise(f) || m.score(&ctx.features(f)) >= crate::filter::KEEP_AT);
    }
    if let Some((tg, mix)) = tagger {
        match mix {
            Mix::Precise => found.retain(|f| ctx.precise(f)),
            Mix::Rules => {}
            Mix::Tagger => found.clear(),
        }
        let mut extra = Vec::new();
        for t in tg.tag(&ctx, sentences) {
            let clash =
                |f: &Found| f.cue == Some(t.cue) || span_jaccard(f.content, t.content) >= 0.5;
            // A bare word or two ("it", "which") is rarely a statement worth reporting.
            let words = t.content.text(text).split_whitespace().count();
            if words < MIN_LEARNED_WORDS
                || found.iter().chain(extra.iter()).any(clash)
                || in_headline(text, paras, t.cue.start)
            {
                continue;
            }
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
                // After a comma a participle's subject opens the clause: "X spoke, saying ...".
                let participle =
                    c > f && ctx.toks[c].lower.ends_with("ing") && ctx.toks[c - 1].is_comma();
                let (a, b) = if participle {
                    ctx.np_right(f, c)?
                } else {
                    ctx.subject(f, c)?
                };
                let s = ctx.span(a, b);
                (s.end <= t.content.start || s.start >= t.content.end).then_some(s)
            });
            let mut x = Found::new(t.content, t.cue, source, None).by(Rule::Learned);
            x.cue_tok = c;
            x.reported_by = source.and_then(|s| {
                let k = ctx.toks.partition_point(|k| k.span.start < s.start);
                ctx.reporter(sentence_start(s.start).min(k), k)
            });
            extra.push(x);
        }
        found.extend(extra);
        drop_report_frames(&mut found);
    }
    implied(&ctx, paras, &mut found);
    found.sort_by_key(|q| (q.content.start, q.content.end));
    found
        .into_iter()
        .map(|f| {
            let kind = kind_of(&ctx, f.content);
            let speaker_mention = f.speaker.and_then(|s| resolve(text, s, mentions));
            Quote {
                span: f.content,
                kind,
                cue: f.cue,
                speaker: f.speaker,
                speaker_mention,
                reported_by: f.reported_by,
            }
        })
        .collect()
}

/// Whether byte `at` is in a paragraph that reads as a headline (no closing stop): headline
/// wording ("talks against ...") misleads the tagger, and the article body repeats the facts.
fn in_headline(text: &str, paras: &[Span], at: u32) -> bool {
    let k = paras.partition_point(|p| p.end <= at);
    paras.get(k).is_some_and(|p| {
        let t = p.text(text).trim_end();
        !t.ends_with(['.', '!', '?', '"', '”', '’', '\'', ':', ')'])
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
            rule: Rule::Implied,
            cue_tok: 0,
            sentence: (0, 0),
        });
    }
    found.extend(extra);
}

fn kind_of(ctx: &Ctx, content: Span) -> QuoteKind {
    let a = ctx
        .quotes
        .partition_point(|q| q.outer.start < content.start);
    let inside = ctx.quotes[a..]
        .iter()
        .take_while(|q| q.outer.end <= content.end);
    let (mut first, mut last) = (None, None);
    for q in inside {
        first.get_or_insert(q.outer.start);
        last = Some(q.outer.end);
    }
    match (first, last) {
        (Some(a), Some(b)) if a == content.start && b == content.end => QuoteKind::Direct,
        (Some(_), _) => QuoteKind::Partial,
        _ => QuoteKind::Indirect,
    }
}

/// The mention a speaker's words stand for: a mention inside them, or for a pronoun or a
/// description the nearest earlier mention of a compatible type.
fn resolve(text: &str, speaker: Span, mentions: &[Mention]) -> Option<u32> {
    let person_or_org = |m: &Mention| matches!(m.label, EntityType::PER | EntityType::ORG);
    let inside = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.span.start < speaker.end && speaker.start < m.span.end && person_or_org(m)
        })
        .last();
    if let Some((i, _)) = inside {
        return Some(i as u32);
    }
    let words = speaker.text(text);
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
    let wanted: &[EntityType] = if n == 1 && PRONOUNS_PER.contains(&first.as_str()) {
        &[EntityType::PER]
    } else if ORG_HEADS.contains(&last.as_str()) || (n == 1 && first == "it") {
        &[EntityType::ORG]
    } else if n == 1 && PRONOUNS.contains(&first.as_str()) {
        &[EntityType::PER, EntityType::ORG]
    } else {
        &[EntityType::PER]
    };
    let before = mentions.partition_point(|m| m.span.start < speaker.start);
    mentions[..before]
        .iter()
        .rposition(|m| wanted.contains(&m.label))
        .map(|i| i as u32)
}
