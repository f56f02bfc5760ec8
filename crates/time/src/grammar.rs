//! The token-pattern grammar: at each token that the lexicon marks as temporal, a few small
//! matchers try to read an expression; the longest reading wins and scanning goes on after it.

use dossier_core::TimexType;
use jiff::civil::Date;

use crate::calendar::{self as cal, Dir};
use crate::lexicon::{
    Feast, Lex, PartOfDay, Unit, DECADE_WORDS, FORWARD_WORDS, HOLIDAYS, NOT_TIME_NOUNS, PAST_VERBS,
    W,
};
use crate::scan::{Kind, Tok};

/// One expression found, in tokens `[start, end)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: TimexType,
    pub value: String,
    pub modifier: Option<&'static str>,
    /// Names a period relative to the quarter under discussion ("a year ago" in an earnings
    /// report is the same quarter a year before); resolved after the scan.
    pub context: Context,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Context {
    #[default]
    None,
    /// A year before the period under discussion.
    YearBefore,
    /// The given year's instance of the period under discussion ("the 1988 period").
    Year(i32),
    /// `k` units after (before, if negative) the last date the text named: "the following
    /// year", "the next morning", "that day". The value found in the scan, from the anchor, is
    /// kept when the text named no date that fine before.
    Anaphor(Unit, i32),
    /// A clock time without a day ("at 10 p.m."): on the last day the text named, if it named
    /// one lately, else on the anchor's day (the value found in the scan).
    Clock,
}

fn found(start: usize, end: usize, kind: TimexType, value: String) -> Option<Found> {
    Some(Found {
        start,
        end,
        kind,
        value,
        modifier: None,
        context: Context::None,
    })
}

use TimexType::{DATE, DURATION, SET, TIME};

/// Words before a capitalised "May" or "March" that make it a month, not a verb.
const MONTH_PREPS: [&str; 16] = [
    "in", "of", "since", "until", "till", "by", "during", "through", "from", "to", "before",
    "after", "early", "late", "mid", "last",
];

pub struct Grammar<'a> {
    text: &'a str,
    t: &'a [Tok],
    dct: Option<Date>,
}

/// How far (in tokens, each way) a weekday name looks for the tense of its sentence.
const WEEKDAY_WINDOW: usize = 20;

/// How far back (in tokens) a quarter still is the period under discussion.
const CONTEXT_TOKENS: usize = 80;

/// A year with, when known, its month and day.
type Ymd = (i32, Option<u8>, Option<u8>);

/// Year, month and day of a DATE or TIME value, as far as it gives them: `1998-10-23T06:00`
/// gives all three, `1998-Q3` only the year.
fn ymd(v: &str) -> Option<Ymd> {
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = v.get(r)?;
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let y = num(0..4)? as i32;
    let dash = |k: usize| v.as_bytes().get(k) == Some(&b'-');
    let m = num(5..7).filter(|m| dash(4) && (1..=12).contains(m));
    let d = num(8..10).filter(|d| m.is_some() && dash(7) && (1..=31).contains(d));
    Some((y, m.map(|m| m as u8), d.map(|d| d as u8)))
}

/// The value `k` units from the date `r` (year, month, day). A date too coarse for the unit
/// gives "that day" as far as it is known (`1998-10-XX`) and nothing for a shift.
fn shift_from(r: Ymd, u: Unit, k: i32) -> Option<String> {
    let full = Date::new(r.0 as i16, r.1.unwrap_or(0) as i8, r.2.unwrap_or(0) as i8).ok();
    match (u, r.1, full) {
        (Unit::Year, _, _) => Some(cal::year(r.0 + k)),
        (Unit::Month, Some(m), _) => {
            Some(cal::months_from(Date::new(r.0 as i16, m as i8, 1).ok(), k))
        }
        (Unit::Day, _, Some(d)) => Some(cal::days_from(Some(d), i64::from(k))),
        (Unit::Week, _, Some(d)) => Some(cal::weeks_from(Some(d), i64::from(k))),
        (Unit::Day, Some(m), None) if k == 0 => Some(format!("{}-{m:02}-XX", cal::year(r.0))),
        (Unit::Day, None, None) if k == 0 => Some(format!("{}-XX-XX", cal::year(r.0))),
        _ => None,
    }
}

/// Resolves [`Context`] readings: quarters against the latest quarter named before them,
/// anaphors against the latest date.
/// "that day" with no date named in the last this many tokens is generic ("losses on trades
/// made that day") and is dropped.
const ANAPHOR_TOKENS: usize = 120;

/// How far back (in tokens) a day named still dates a clock time without one.
const CLOCK_TOKENS: usize = 60;

/// How far ahead (in tokens) a day named right after a clock time dates it: "10:35 a.m. (0735
/// GMT) Friday", "4 in the morning (4 a.m. Thursday)".
const CLOCK_AHEAD_TOKENS: usize = 5;

fn resolve_context(found: &mut Vec<Found>) {
    // The full day of the expression right after each one, when it is close enough to date a
    // clock time; a day named after the clock time wins over one named before it.
    let day_after: Vec<Option<Ymd>> = (0..found.len())
        .map(|idx| {
            let (f, g) = (&found[idx], found.get(idx + 1)?);
            // Only a day the scan valued for good: not another clock time or an anaphor.
            let settled = g.context == Context::None;
            let close = settled && g.start.saturating_sub(f.end) <= CLOCK_AHEAD_TOKENS;
            let r = ymd(&g.value).filter(|r| r.2.is_some())?;
            (close && (g.kind == DATE || g.kind == TIME)).then_some(r)
        })
        .collect();
    let mut last: Option<(usize, i32, u8)> = None;
    let mut named: Option<(usize, Ymd)> = None;
    let mut generic = Vec::new();
    for (idx, f) in found.iter_mut().enumerate() {
        if let Context::Anaphor(u, k) = f.context {
            let near = named.filter(|(end, _)| f.start.saturating_sub(*end) <= ANAPHOR_TOKENS);
            match near {
                Some((_, r)) => {
                    if let Some(v) = shift_from(r, u, k) {
                        f.value = v;
                    }
                }
                None if k == 0 => generic.push(idx),
                None => {}
            }
        }
        if f.context == Context::Clock {
            let day = day_after[idx].or_else(|| {
                named
                    .filter(|(end, _)| f.start.saturating_sub(*end) <= CLOCK_TOKENS)
                    .map(|(_, r)| r)
            });
            if let Some((y, Some(m), Some(d))) = day {
                if let (Ok(d), Some(time)) = (
                    Date::new(y as i16, m as i8, d as i8),
                    f.value.get(10..).map(str::to_string),
                ) {
                    f.value = format!("{}{time}", cal::date(d));
                }
            }
        }
        if f.kind == DATE || f.kind == TIME {
            if let Some(r) = ymd(&f.value) {
                named = Some((f.end, r));
            }
        }
        let q = last.filter(|(end, _, _)| f.start.saturating_sub(*end) <= CONTEXT_TOKENS);
        match (f.context, q) {
            (Context::YearBefore, Some((_, y, n))) => {
                f.value = format!("{}-Q{n}", cal::year(y - 1))
            }
            (Context::Year(y), Some((_, _, n))) => f.value = format!("{}-Q{n}", cal::year(y)),
            _ => {}
        }
        let b = f.value.as_bytes();
        if f.context == Context::None && b.len() == 7 && &b[4..6] == b"-Q" && b[6].is_ascii_digit()
        {
            if let Ok(y) = f.value[..4].parse::<i32>() {
                last = Some((f.end, y, b[6] - b'0'));
            }
        }
    }
    for idx in generic.into_iter().rev() {
        found.remove(idx);
    }
}

impl<'a> Grammar<'a> {
    pub fn new(text: &'a str, t: &'a [Tok], dct: Option<Date>) -> Grammar<'a> {
        Grammar { text, t, dct }
    }

    /// Every expression in the text, in order, without overlaps.
    pub fn run(&self) -> Vec<Found> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.t.len() {
            let tk = &self.t[i];
            let candidate = tk.lex.is_some()
                || tk.kind != Kind::Word && (tk.kind != Kind::Punct || self.is_punct(i, b'\''));
            if candidate {
                if let Some(f) = self.at(i) {
                    if f.end > i && self.is_title(&f) {
                        i = f.end;
                        continue;
                    }
                    if f.end > i {
                        i = f.end;
                        let second = self.conjoined_day(&f);
                        out.push(f);
                        if let Some(g) = second {
                            i = g.end;
                            out.push(g);
                        }
                        continue;
                    }
                }
            }
            i += 1;
        }
        resolve_context(&mut out);
        out
    }

    /// A programme's or a book's title, not a time: a unit word inside the expression written
    /// with a capital ("This Week With David Brinkley", "60 Minutes"), in text not in capitals,
    /// except in a holiday's name ("Thanksgiving Day").
    fn is_title(&self, f: &Found) -> bool {
        let holiday = (f.start..f.end).any(|k| self.lex(k) == Some(Lex::Holiday));
        !holiday
            && (f.start + 1..f.end).any(|k| {
                self.unit(k).is_some()
                    && self.t[k].cap
                    && !self.word(k).bytes().all(|b| b.is_ascii_uppercase())
            })
            && !self.in_title_case_line(f.start)
    }

    /// Whether token `i` stands in a line written in Title Case (a headline: "Talks To Resume
    /// Next Week"), where a capital says nothing about a title: every word of the line begins
    /// with a capital except short function words.
    fn in_title_case_line(&self, i: usize) -> bool {
        const SMALL: [&str; 16] = [
            "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to",
            "vs", "with",
        ];
        let at = self.t[i].start as usize;
        let from = self.text[..at].rfind('\n').map_or(0, |p| p + 1);
        let to = self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |p| at + p);
        let mut words = 0;
        for w in self.text[from..to].split_whitespace() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            match w.chars().next() {
                Some(c) if c.is_lowercase() && !SMALL.contains(&w) => return false,
                Some(c) if c.is_alphabetic() => words += 1,
                _ => {}
            }
        }
        words >= 3
    }

    /// The second day of "April 24 and 25": a bare day number joined to a full date, taking
    /// its month and year (only before punctuation or the end, so "May 3 and 25 people" is not one).
    fn conjoined_day(&self, f: &Found) -> Option<Found> {
        let (y, m, _) = ymd(&f.value).filter(|_| f.kind == DATE && f.value.len() == 10)?;
        let m = m?;
        let e = f.end;
        if !(self.is_word(e, "and") || self.is_word(e, "or")) {
            return None;
        }
        let day = self.day_num(e + 1).filter(|_| self.t[e + 1].ndigits <= 2)?;
        let after = self.t.get(e + 2);
        if after.is_some_and(|t| t.kind != Kind::Punct || self.is_punct(e + 2, b'-')) {
            return None;
        }
        let d = Date::new(y as i16, m as i8, day as i8).ok()?;
        found(e + 1, e + 2, DATE, cal::date(d))
    }

    // ---------------------------------------------------------------- token tests

    fn lex(&self, i: usize) -> Option<Lex> {
        self.t.get(i).and_then(|t| t.lex)
    }

    fn is(&self, i: usize, w: W) -> bool {
        self.lex(i) == Some(Lex::W(w))
    }

    fn word(&self, i: usize) -> &'a str {
        self.t
            .get(i)
            .map_or("", |t| &self.text[t.start as usize..t.end as usize])
    }

    fn is_punct(&self, i: usize, c: u8) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && self.text.as_bytes()[t.start as usize] == c)
    }

    fn glued(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.glued)
    }

    fn unit(&self, i: usize) -> Option<(Unit, bool)> {
        match self.lex(i) {
            Some(Lex::Unit(u, pl)) => Some((u, pl)),
            _ => None,
        }
    }

    /// `i` is the plain number `n`.
    fn is_digit_word(&self, i: usize, n: u32) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.kind == Kind::Digits && t.num == n && t.ndigits == 1)
    }

    /// `i` is a word spelled `w` (case-insensitive): for the few words the lexicon does not hold.
    fn is_word(&self, i: usize, w: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(w)
    }

    /// A plain number token `1..=max` with no decimal part around it.
    fn small_int(&self, i: usize, max: u32) -> Option<u32> {
        let t = self.t.get(i)?;
        if t.kind != Kind::Digits || t.ndigits > 4 || t.num > max {
            return None;
        }
        if self.is_punct(i + 1, b'.')
            && self.glued(i + 1)
            && self
                .t
                .get(i + 2)
                .is_some_and(|n| n.glued && n.kind == Kind::Digits)
        {
            return None;
        }
        if i > 0
            && self.glued(i)
            && (self.is_punct(i - 1, b'.')
                || self.is_punct(i - 1, b',')
                || self.is_punct(i - 1, b'$'))
        {
            return None;
        }
        Some(t.num)
    }

    /// A day of the month: "9", "09", "9th".
    fn day_num(&self, i: usize) -> Option<u8> {
        let t = self.t.get(i)?;
        let d = match t.kind {
            Kind::Digits if t.ndigits <= 2 => self.small_int(i, 31)?,
            Kind::DigitsAlpha if t.ndigits <= 2 => {
                let suf = &self.word(i)[t.ndigits as usize..];
                if !["st", "nd", "rd", "th"]
                    .iter()
                    .any(|s| suf.eq_ignore_ascii_case(s))
                {
                    return None;
                }
                t.num
            }
            _ => return None,
        };
        (1..=31).contains(&d).then_some(d as u8)
    }

    /// A year written out: "1998", "nineteen ninety-six", "two thousand"; returns the end and the year.
    fn year_at(&self, i: usize, lo: u32) -> Option<(usize, i32)> {
        let t = self.t.get(i)?;
        if t.kind == Kind::Digits && t.ndigits == 4 {
            let y = self.small_int(i, 2199)?;
            if y < lo {
                return None;
            }
            if self.is_punct(i + 1, b'-')
                && self.glued(i + 1)
                && self
                    .t
                    .get(i + 2)
                    .is_some_and(|n| n.glued && n.kind == Kind::Digits && n.ndigits != 2)
            {
                return None;
            }
            return Some((i + 1, y as i32));
        }
        match self.lex(i)? {
            Lex::Num(h @ (19 | 18)) => {
                let (j, rest) = self.tens(i + 1)?;
                Some((j, (h * 100 + rest) as i32))
            }
            Lex::Num(2) if self.is(i + 1, W::Thousand) => match self.tens_after_and(i + 2) {
                Some((j, r)) => Some((j, 2000 + r as i32)),
                None => Some((i + 2, 2000)),
            },
            _ => None,
        }
    }

    fn tens_after_and(&self, i: usize) -> Option<(usize, u32)> {
        let i = if self.is(i, W::And) { i + 1 } else { i };
        let (j, v) = self.num_word(i)?;
        (v < 100).then_some((j, v))
    }

    /// "ninety-six", "seventy", "oh five" style two-digit tails of spoken years.
    fn tens(&self, i: usize) -> Option<(usize, u32)> {
        let (j, v) = self.num_word(i)?;
        (10..100).contains(&v).then_some((j, v))
    }

    /// A number in words below a thousand: "twenty four", "twenty-four", "a hundred".
    fn num_word(&self, i: usize) -> Option<(usize, u32)> {
        let Some(Lex::Num(a)) = self.lex(i) else {
            return None;
        };
        let mut j = i + 1;
        let mut v = a;
        if a >= 20 && a % 10 == 0 {
            let k = if self.is_punct(j, b'-') && self.glued(j) {
                j + 1
            } else {
                j
            };
            if let Some(Lex::Num(b)) = self.lex(k) {
                if b < 10 && b > 0 {
                    v += b;
                    j = k + 1;
                }
            }
        }
        if self.is(j, W::Hundred) {
            v *= 100;
            j += 1;
        }
        Some((j, v))
    }

    /// A count before a unit: digits, words, "a", "several"; `None` count for vague ones.
    fn count(&self, i: usize) -> Option<(usize, Option<u32>)> {
        let t = self.t.get(i)?;
        if t.kind == Kind::Digits {
            let n = self.small_int(i, 100_000)?;
            return Some((i + 1, Some(n)));
        }
        match t.lex? {
            Lex::Num(_) => {
                let (j, v) = self.num_word(i)?;
                if self.is(j, W::Thousand) {
                    return Some((j + 1, Some(v * 1000)));
                }
                Some((j, Some(v)))
            }
            Lex::W(W::A) => {
                if self.is(i + 1, W::Few) {
                    Some((i + 2, None))
                } else if self.is(i + 1, W::Couple) && self.is(i + 2, W::Of) {
                    Some((i + 3, Some(2)))
                } else if self.is(i + 1, W::Hundred) {
                    Some((i + 2, Some(100)))
                } else if self.is(i + 1, W::Dozen) {
                    Some((i + 2, Some(12)))
                } else {
                    Some((i + 1, Some(1)))
                }
            }
            Lex::W(W::Several | W::Few | W::Many) => Some((i + 1, None)),
            Lex::W(W::Couple) if self.is(i + 1, W::Of) => Some((i + 2, Some(2))),
            Lex::W(W::Dozen) => Some((i + 1, Some(12))),
            _ => None,
        }
    }

    /// A month name that really is one here: capitalised, and for "May"/"March" or a bare
    /// abbreviation, supported by a number or a preposition. Returns the end (after a period).
    fn month_at(&self, i: usize) -> Option<(usize, u8)> {
        let Some(Lex::Month(m, abbr)) = self.lex(i) else {
            return None;
        };
        let t = &self.t[i];
        if !t.cap {
            return None;
        }
        let mut j = i + 1;
        let dotted = abbr && self.is_punct(j, b'.') && self.glued(j);
        if dotted {
            j += 1;
        }
        let numbered = self.day_num(j).is_some()
            || self.year_at(j, 1000).is_some()
            || self.is(j, W::Of) && self.year_at(j + 1, 1000).is_some();
        let ambiguous = (m == 5 || m == 3) && !abbr;
        if ambiguous || abbr && !dotted {
            let prev = if i > 0 && !(self.is_punct(i - 1, b'-') && self.glued(i)) {
                self.word(i - 1)
            } else {
                "mid"
            };
            let prep = MONTH_PREPS.iter().any(|w| prev.eq_ignore_ascii_case(w))
                || matches!(
                    self.lex(i.wrapping_sub(1)),
                    Some(Lex::W(
                        W::Next | W::This | W::Early | W::Late | W::Mid | W::Last
                    ))
                )
                // "the March accession", "The May elections" (not "The March on Washington").
                || i > 0
                    && self.is(i - 1, W::The)
                    && self.t.get(i + 1).is_some_and(|t| t.kind == Kind::Word)
                    && !["on", "to", "of", "for", "from", "in", "against", "through"]
                        .iter()
                        .any(|w| self.is_word(i + 1, w));
            if !numbered && !prep {
                return None;
            }
        }
        Some((j, m))
    }

    /// Does the sentence around token `i` point to the future? ("will", "next", "expected" before it.)
    fn future_ctx(&self, i: usize) -> bool {
        // A deadline preposition right before: "by February", "through January", "until Friday".
        if i > 0
            && ["by", "through", "until", "till"]
                .iter()
                .any(|w| self.is_word(i - 1, w))
        {
            return true;
        }
        let lo = i.saturating_sub(16);
        for k in (lo..i).rev() {
            if self.sentence_end(k) {
                break;
            }
            // "would be paid in January": a month or quarter after "would" lies ahead (a
            // weekday after it does not: "said he would resign Friday" often reports).
            if self.forward_cue(k) || self.is_word(k, "would") {
                return true;
            }
        }
        false
    }

    /// Token `k` points its clause forward: "will", "plans", "next" (not "next to"), "is to".
    fn forward_cue(&self, k: usize) -> bool {
        let Some(tk) = self.t.get(k) else {
            return false;
        };
        match tk.lex {
            Some(Lex::W(W::FutureCue | W::Tomorrow)) => {
                // "lower-than-expected" and "had been due" look back, not forward.
                let undone = tk.glued && self.is_punct(k.wrapping_sub(1), b'-')
                    || (1..=2).any(|d| k >= d && self.is_word(k - d, "had"));
                // "a record set on Aug. 6", "going back", "due to the storm", "the plans", "as
                // planned": these only look forward as "set to/for", "going to", "due to be",
                // "plans to", "planned to".
                let to = self.is(k + 1, W::To);
                let other_sense = if self.is_word(k, "set") {
                    !(to || self.is_word(k + 1, "for"))
                } else if self.is_word(k, "going") {
                    !to
                } else if self.is_word(k, "due") {
                    to && !self.is_word(k + 2, "be")
                } else if self.is_word(k, "plans") {
                    // "vacation plans for": a noun, unless the verb's object or "to" follows.
                    !to && !matches!(self.lex(k + 1), Some(Lex::W(W::A | W::The)))
                } else {
                    // "as previously planned Saturday night" looks back.
                    self.is_word(k, "planned") && !to
                };
                !undone && !other_sense
            }
            Some(Lex::W(W::Next)) => !self.is(k + 1, W::To),
            Some(Lex::W(W::To)) => {
                k > 0 && (self.is_word(k - 1, "is") || self.is_word(k - 1, "are"))
            }
            _ => {
                FORWARD_WORDS.iter().any(|w| self.is_word(k, w))
                    && (!self.after_determiner(k) || self.is(k + 1, W::To))
            }
        }
    }

    /// Token `k` follows a determiner, so a word like "plan" is a noun there ("the plan").
    fn after_determiner(&self, k: usize) -> bool {
        k > 0
            && [
                "the", "a", "an", "its", "their", "his", "her", "our", "this", "that",
            ]
            .iter()
            .any(|d| self.is_word(k - 1, d))
    }

    /// Which way a weekday name at tokens `[i, end)` points from the anchor: forward after a
    /// deadline word or "as early as", else as the nearest tense cue of its sentence says
    /// (before it on a tie); the past when there is none, since news mostly reports.
    fn weekday_dir(&self, i: usize, end: usize) -> Dir {
        let before = |d: usize, w: &str| i >= d && self.is_word(i - d, w);
        if ["by", "until", "till", "through"]
            .iter()
            .any(|w| before(1, w))
            && !self.sentence_has(i, "had")
        {
            return Dir::Future;
        }
        if before(3, "as") && before(1, "as") && (before(2, "soon") || before(2, "early")) {
            return Dir::Future;
        }
        self.tense_dir(i, end).unwrap_or(Dir::Past)
    }

    /// The nearest tense cue of the sentence around tokens `[i, end)` (before it on a tie):
    /// `Future` or `Past`, `None` when the sentence has none within the window.
    fn tense_dir(&self, i: usize, end: usize) -> Option<Dir> {
        let (mut back_open, mut fwd_open) = (true, true);
        // "would be traveling Thursday" looks ahead from the report; "would have" does not, and
        // a possessive ("would appeal Wednesday's ruling") names what already happened.
        let possessive = self.is_punct(end, b'\'') && self.is_word(end + 1, "s");
        let would =
            |k: usize| !possessive && self.is_word(k, "would") && !self.is_word(k + 1, "have");
        for d in 1..=WEEKDAY_WINDOW {
            if back_open && i >= d {
                let k = i - d;
                if self.sentence_end(k) || self.quote_mark(k) {
                    back_open = false;
                } else if let Some(dir) = self.tense_cue(k) {
                    return Some(dir);
                } else if would(k) {
                    return Some(Dir::Future);
                }
            }
            let k = end + d - 1;
            if fwd_open && k < self.t.len() {
                if self.sentence_end(k) || self.quote_mark(k) {
                    fwd_open = false;
                } else if let Some(dir) = self.tense_cue(k) {
                    return Some(dir);
                }
            }
        }
        None
    }

    /// Which way a month name without a year at `[start, end)` points: forward after a deadline
    /// word, "effective" or a future cue before it; back right after "ended" ("the quarter ended Oct. 31");
    /// else the nearest such month. Other past verbs are poor guides here: "declared a
    /// dividend payable Dec. 1" looks ahead.
    fn month_dir(&self, start: usize) -> Dir {
        let before = |w: &str| start > 0 && self.is_word(start - 1, w);
        // "sales this year through August": the month of that year, not the next August.
        let this_year = start >= 3
            && self.is(start - 3, W::This)
            && self.unit(start - 2) == Some((Unit::Year, false));
        if this_year && ["through", "until", "to", "till"].iter().any(|w| before(w)) {
            return Dir::Same;
        }
        if self.future_ctx(start) || before("effective") {
            Dir::Future
        } else if before("ended") {
            Dir::Past
        } else {
            Dir::Nearest
        }
    }

    /// The sentence around token `i` holds the word `w` (within the weekday window).
    fn sentence_has(&self, i: usize, w: &str) -> bool {
        let lo = i.saturating_sub(WEEKDAY_WINDOW);
        let back = (lo..i)
            .rev()
            .take_while(|&k| !self.sentence_end(k))
            .any(|k| self.is_word(k, w));
        let hi = (i + WEEKDAY_WINDOW).min(self.t.len());
        back || (i..hi)
            .take_while(|&k| !self.sentence_end(k))
            .any(|k| self.is_word(k, w))
    }

    /// The tense token `k` gives its clause: forward for "will", "plans", "next" (not "next to"),
    /// "is to"; past for a past-tense verb, "yesterday", "ago". A past form after "be" is a
    /// passive ("will be held") and gives nothing.
    fn tense_cue(&self, k: usize) -> Option<Dir> {
        let tk = self.t.get(k)?;
        if self.forward_cue(k) {
            return Some(Dir::Future);
        }
        if matches!(tk.lex, Some(Lex::W(W::Yesterday | W::Ago))) {
            return Some(Dir::Past);
        }
        if tk.kind != Kind::Word || tk.cap || tk.lex.is_some() {
            return None;
        }
        let w = self.word(k);
        // "were planning to", "was expected to": the verb after the auxiliary decides.
        if ["was", "were"].iter().any(|a| w.eq_ignore_ascii_case(a)) && self.forward_cue(k + 1) {
            return Some(Dir::Future);
        }
        let past = PAST_VERBS.iter().any(|v| w.eq_ignore_ascii_case(v))
            || w.len() >= 5 && w.ends_with("ed") && !w.ends_with("eed");
        let passive = k > 0 && (self.is_word(k - 1, "be") || self.is_word(k - 1, "being"));
        (past && !passive).then_some(Dir::Past)
    }

    /// Token `k` is a quotation mark (`"`, `''`, ``` `` ```, curly quotes): a quotation has its own
    /// tense ("``He will leave at 4 a.m. Thursday,'' Castro said").
    fn quote_mark(&self, k: usize) -> bool {
        let Some(tk) = self.t.get(k) else {
            return false;
        };
        if tk.kind != Kind::Punct {
            return false;
        }
        let b = self.text.as_bytes();
        let at = tk.start as usize;
        match b[at] {
            b'"' => true,
            b'\'' | b'`' => self
                .t
                .get(k + 1)
                .is_some_and(|n| n.glued && n.kind == Kind::Punct && b[n.start as usize] == b[at]),
            // U+201C and U+201D.
            0xE2 => b.get(at + 1) == Some(&0x80) && matches!(b.get(at + 2), Some(0x9C | 0x9D)),
            _ => false,
        }
    }

    /// Token `k` ends a sentence: `!`, `?`, `;`, or a period after a lower-case word or a number
    /// (not after "Gen" or "P", whose periods are abbreviations).
    fn sentence_end(&self, k: usize) -> bool {
        let tk = &self.t[k];
        if tk.kind != Kind::Punct {
            return false;
        }
        match self.text.as_bytes()[tk.start as usize] {
            b'!' | b'?' | b';' => true,
            b'.' => self
                .t
                .get(k.wrapping_sub(1))
                .is_some_and(|p| p.kind != Kind::Word || (!p.cap && p.end - p.start > 1)),
            _ => false,
        }
    }

    // ---------------------------------------------------------------- the top level

    fn at(&self, i: usize) -> Option<Found> {
        if let Some((j, m, needs_count)) = self.quant_mod(i) {
            let starts_with_count = self.count(j).is_some();
            // "about" is also a preposition: "about the future" is not approximate.
            let preposition = m == "APPROX"
                && !starts_with_count
                && self.t.get(j).is_none_or(|t| t.kind != Kind::Digits)
                && !matches!(
                    self.lex(j),
                    Some(Lex::Month(..) | Lex::W(W::Noon | W::Midnight))
                );
            if (!needs_count || starts_with_count) && !preposition {
                if let Some(mut f) = self.core(j) {
                    if f.kind == DURATION || (f.kind == DATE || f.kind == TIME) && !needs_count {
                        // TimeML practice leaves "about" outside the extent and keeps it as `mod`.
                        if !self.is(i, W::About) {
                            f.start = i;
                        }
                        f.modifier = Some(m);
                        return Some(f);
                    }
                }
            }
        }
        self.core(i)
    }

    /// "more than", "at least", "about": returns where the expression starts, the TIMEX3 mod, and
    /// whether the expression must start with a count (for words that are also prepositions).
    fn quant_mod(&self, i: usize) -> Option<(usize, &'static str, bool)> {
        let Lex::W(w) = self.lex(i)? else { return None };
        Some(match w {
            W::More if self.is(i + 1, W::Than) => (i + 2, "MORE_THAN", false),
            W::Less if self.is(i + 1, W::Than) => (i + 2, "LESS_THAN", false),
            W::At if self.is(i + 1, W::Least) => (i + 2, "EQUAL_OR_MORE", false),
            W::At if self.is(i + 1, W::Most) => (i + 2, "EQUAL_OR_LESS", false),
            W::Up if self.is(i + 1, W::To) => (i + 2, "EQUAL_OR_LESS", true),
            W::No if self.is(i + 1, W::More) && self.is(i + 2, W::Than) => {
                (i + 3, "EQUAL_OR_LESS", false)
            }
            W::About => (i + 1, "APPROX", false),
            W::Nearly => (i + 1, "LESS_THAN", false),
            W::Under => (i + 1, "LESS_THAN", true),
            W::Some => (i + 1, "APPROX", true),
            _ => return None,
        })
    }

    /// The longest reading at `i`, then an optional "or so".
    fn core(&self, i: usize) -> Option<Found> {
        let cands = [
            self.position(i),
            self.absolute(i),
            self.relative(i),
            self.quantity(i),
            self.ordinal(i),
            self.reference(i),
            self.set(i),
            self.clock(i),
            self.year_ago(i),
        ];
        let mut best: Option<Found> = None;
        for c in cands.into_iter().flatten() {
            if best.as_ref().is_none_or(|b| c.end > b.end) {
                best = Some(c);
            }
        }
        let mut f = best?;
        if self.is(f.end, W::Or) && self.is(f.end + 1, W::So) {
            f.end += 2;
            f.modifier = Some("APPROX");
        }
        Some(f)
    }

    // ---------------------------------------------------------------- matchers

    /// "early 2021", "late yesterday", "mid-November", "the end of 1990", "earlier this year".
    fn position(&self, i: usize) -> Option<Found> {
        let (j, m) = match self.lex(i)? {
            Lex::W(W::Early) => (i + 1, "START"),
            Lex::W(W::Late) => (i + 1, "END"),
            Lex::W(W::Mid) => (
                if self.is_punct(i + 1, b'-') {
                    i + 2
                } else {
                    i + 1
                },
                "MID",
            ),
            Lex::W(W::The)
                if matches!(self.lex(i + 1), Some(Lex::W(W::Early | W::Late | W::Mid))) =>
            {
                let mut f = self.position(i + 1)?;
                f.start = i;
                return Some(f);
            }
            Lex::W(W::The) if self.is(i + 2, W::Of) => {
                let m = match self.lex(i + 1)? {
                    Lex::W(W::End) => "END",
                    Lex::W(W::Beginning | W::Start) => "START",
                    Lex::W(W::Middle) => "MID",
                    _ => return None,
                };
                (i + 3, m)
            }
            Lex::W(W::Earlier | W::Later) => {
                let m = if self.is(i, W::Earlier) {
                    "START"
                } else {
                    "END"
                };
                let j = if self.is(i + 1, W::In) && self.is(i + 2, W::The) {
                    let (u, _) = self.unit(i + 3)?;
                    let v = match u {
                        Unit::Year => cal::years_from(self.dct, 0),
                        Unit::Month => cal::months_from(self.dct, 0),
                        Unit::Week => cal::weeks_from(self.dct, 0),
                        _ => return None,
                    };
                    return Some(Found {
                        start: i,
                        end: i + 4,
                        kind: DATE,
                        value: v,
                        modifier: Some(m),
                        context: Context::None,
                    });
                } else if matches!(
                    self.lex(i + 1),
                    Some(Lex::W(
                        W::This | W::That | W::Today | W::Tonight | W::Yesterday
                    ))
                ) {
                    i + 1
                } else {
                    return None;
                };
                let mut f = self.relative(j)?;
                f.start = i;
                f.modifier = Some(m);
                return Some(f);
            }
            _ => return None,
        };
        // "mid-afternoon", "mid-morning yesterday".
        if let (Some(Lex::Pod(p)), "MID") = (self.lex(j), m) {
            return match self.lex(j + 1) {
                Some(Lex::W(w @ (W::Today | W::Yesterday | W::Tomorrow))) => {
                    let k = match w {
                        W::Yesterday => -1,
                        W::Tomorrow => 1,
                        _ => 0,
                    };
                    self.part_of_day(i, j + 2, p, Some(k), Some(m))
                }
                _ => self.part_of_day(i, j + 1, p, None, Some(m)),
            };
        }
        // "by the end of the month", "the end of the decade": the anchor's month, week or decade.
        if self.is(j, W::The) {
            if let Some((u @ (Unit::Month | Unit::Week | Unit::Decade), false)) = self.unit(j + 1) {
                let mut f = found(i, j + 2, DATE, cal::shifted(self.dct, u, 0)?)?;
                f.modifier = Some(m);
                return Some(f);
            }
        }
        let mut f = self.date_core(j)?;
        if f.kind != DATE && f.kind != TIME {
            return None;
        }
        f.start = i;
        f.modifier = Some(m);
        Some(f)
    }

    /// A part of the day as a TIME: of the day `k` days from the anchor when a word gives `k`
    /// ("yesterday"), else of the day the text last named (see [`Context::Clock`]).
    fn part_of_day(
        &self,
        start: usize,
        end: usize,
        p: PartOfDay,
        k: Option<i64>,
        modifier: Option<&'static str>,
    ) -> Option<Found> {
        let day = cal::days_from(self.dct, k.unwrap_or(0));
        let mut f = found(start, end, TIME, format!("{day}T{}", p.code()))?;
        f.modifier = modifier;
        if k.is_none() {
            f.context = Context::Clock;
        }
        Some(f)
    }

    /// A date or time reading starting exactly at `i` (for modifiers that need one).
    fn date_core(&self, i: usize) -> Option<Found> {
        [self.absolute(i), self.relative(i), self.ordinal(i)]
            .into_iter()
            .flatten()
            .max_by_key(|f| f.end)
    }

    /// Calendar names: "Saturday", "Jan. 15, 2022", "15 January", "August 1988", "1990", "the 1990s".
    fn absolute(&self, i: usize) -> Option<Found> {
        match self.lex(i) {
            Some(Lex::Weekday(wd)) => return self.weekday(i, wd),
            Some(Lex::Month(..)) => return self.month(i),
            Some(Lex::Season(_)) => return self.season(i, i, 0, false),
            Some(Lex::Holiday) => return self.holiday(i, i, None),
            // "nineteen ninety-six".
            Some(Lex::Num(18 | 19)) => {
                let (e, y) = self.year_at(i, 1000)?;
                return found(i, e, DATE, cal::year(y));
            }
            Some(Lex::W(W::The)) => {
                if let Some(Lex::Season(_)) = self.lex(i + 1) {
                    return self.season(i, i + 1, 0, true);
                }
                let mut f = self.decade(i + 1).or_else(|| self.century(i + 1))?;
                f.start = i;
                return Some(f);
            }
            Some(Lex::W(W::Fiscal)) => {
                let j = if self.unit(i + 1) == Some((Unit::Year, false)) {
                    i + 2
                } else {
                    i + 1
                };
                let (k, y) = self.year_at(j, 1000)?;
                return found(i, k, DATE, cal::year(y));
            }
            _ => {}
        }
        if let Some(f) = self.decade(i).or_else(|| self.century(i)) {
            return Some(f);
        }
        let t = self.t.get(i)?;
        // Day Month [Year]: "15 January 2022".
        if let Some(day) = self.day_num(i) {
            let j = if self.is(i + 1, W::Of) { i + 2 } else { i + 1 };
            if let Some((k, m)) = self.month_at(j) {
                let y = if self.is_punct(k, b',') { k + 1 } else { k };
                if let Some((e, y)) = self.year_at(y, 1000) {
                    return Date::new(y as i16, m as i8, day as i8)
                        .ok()
                        .and_then(|d| found(i, e, DATE, cal::date(d)));
                }
                return Some(self.with_year(i, k, m, Some(day)));
            }
        }
        if t.kind == Kind::Digits && t.ndigits == 4 {
            // ISO date: 2021-10-09.
            if self.is_punct(i + 1, b'-') && self.glued(i + 1) && self.glued(i + 2) {
                if let (Some(m), true) = (
                    self.small_int(i + 2, 12),
                    self.is_punct(i + 3, b'-') && self.glued(i + 3),
                ) {
                    if let Some(d) = self.day_num(i + 4).filter(|_| self.glued(i + 4)) {
                        if let Ok(dt) = Date::new(t.num as i16, m as i8, d as i8) {
                            return found(i, i + 5, DATE, cal::date(dt));
                        }
                    }
                }
            }
            if self.is_punct(i + 1, b'%')
                || self.is_word(i + 1, "percent")
                || i > 0 && self.is_punct(i - 1, b'$')
            {
                return None;
            }
            let (k, y) = self.year_at(i, 1600)?;
            if y > 2100 {
                return None;
            }
            return found(i, k, DATE, cal::year(y));
        }
        None
    }

    /// "Saturday", "Friday evening", "Saturday, April 25", "Monday, Jan. 3, 2022".
    fn weekday(&self, i: usize, wd: u8) -> Option<Found> {
        let t = &self.t[i];
        if !t.cap || self.named_day(i) {
            return None;
        }
        let mut j = i + 1;
        if self.word(i).len() <= 5 {
            // Abbreviations need their period.
            if !(self.is_punct(j, b'.') && self.glued(j)) {
                return None;
            }
            j += 1;
        }
        // An explicit date after the weekday wins.
        let k = if self.is_punct(j, b',') { j + 1 } else { j };
        if let Some(f) = self.month(k).filter(|f| f.value.len() == 10) {
            return found(i, f.end, DATE, f.value);
        }
        if self.day_num(k).is_some() {
            if let Some(f) = self.absolute(k).filter(|f| f.value.len() == 10) {
                return found(i, f.end, DATE, f.value);
            }
        }
        let pod = match self.lex(j) {
            Some(Lex::Pod(p)) if !self.word(j).ends_with('s') => Some(p),
            _ => None,
        };
        let end = j + usize::from(pod.is_some());
        let dir = self.weekday_dir(i, end);
        let day = cal::weekday(self.dct, wd, dir);
        // "declared Wednesday night" is that night (`...TNI`); after a preposition or a
        // determiner ("on Friday night", "during his Sunday night address") and before a
        // possessive ("Saturday night's debate") news annotation gives the day alone.
        match pod {
            Some(p) if !self.names_the_day(i, end) => {
                found(i, end, DATE, format!("{day}T{}", p.code()))
            }
            _ => found(i, end, DATE, day),
        }
    }

    /// The weekday at `i` ends the name of a day that is not this week's ("Patch Tuesday",
    /// "Super Tuesday", "Black Friday", "Good Friday", "Bloody Sunday"): the name is not a date
    /// seen from the anchor.
    fn named_day(&self, i: usize) -> bool {
        const NAMES: [&str; 14] = [
            "patch", "super", "black", "cyber", "good", "easter", "palm", "ash", "holy", "maundy",
            "shrove", "bloody", "giving", "fat",
        ];
        i > 0 && self.t[i - 1].cap && NAMES.iter().any(|w| self.is_word(i - 1, w))
    }

    /// A weekday with a part of the day at `[i, end)` stands for the day as a whole: after a
    /// preposition or a determiner, or as a possessive.
    fn names_the_day(&self, i: usize, end: usize) -> bool {
        const BEFORE: [&str; 21] = [
            "on", "of", "in", "during", "until", "till", "by", "since", "from", "through", "after",
            "before", "for", "at", "a", "an", "the", "his", "her", "its", "their",
        ];
        let possessive = self.is_punct(end, b'\'') && self.is_word(end + 1, "s");
        possessive || i > 0 && BEFORE.iter().any(|w| self.is_word(i - 1, w))
    }

    /// "January 15, 2022", "Aug. 9", "August 1988", "June of 1990", "June last year", "August".
    fn month(&self, i: usize) -> Option<Found> {
        let (j, m) = self.month_at(i)?;
        if let Some(day) = self.day_num(j) {
            // Not "May 2021" read as a day: a 4-digit number is a year.
            if self.t[j].ndigits <= 2 {
                let mut k = j + 1;
                if self.is_punct(k, b',') {
                    k += 1;
                }
                if let Some((e, y)) = self.year_at(k, 1000) {
                    return match Date::new(y as i16, m as i8, day as i8) {
                        Ok(d) => found(i, e, DATE, cal::date(d)),
                        Err(_) => None,
                    };
                }
                return Some(self.with_year(i, j + 1, m, Some(day)));
            }
        }
        let k = if self.is_punct(j, b',') || self.is(j, W::Of) {
            j + 1
        } else {
            j
        };
        if let Some((e, y)) = self.year_at(k, 1000) {
            return found(i, e, DATE, cal::month(y, m as i32));
        }
        // "June last year", "January this year".
        if let (Some(Lex::W(w)), Some((Unit::Year, false))) = (self.lex(j), self.unit(j + 1)) {
            let k = match w {
                W::Last => -1,
                W::This => 0,
                W::Next => 1,
                _ => return Some(self.with_year(i, j, m, None)),
            };
            let y = self.dct.map(|d| d.year() as i32 + k);
            return found(
                i,
                j + 2,
                DATE,
                y.map_or_else(|| format!("XXXX-{m:02}"), |y| cal::month(y, m as i32)),
            );
        }
        Some(self.with_year(i, j, m, None))
    }

    /// A month (and day) without a year, resolved from the anchor.
    fn with_year(&self, start: usize, end: usize, m: u8, day: Option<u8>) -> Found {
        let dir = self.month_dir(start);
        let value = match day {
            Some(d) => cal::month_day(self.dct, m, d, dir),
            None => match cal::year_of_month(self.dct, m, dir) {
                Some(y) => cal::month(y, m as i32),
                None => format!("XXXX-{m:02}"),
            },
        };
        Found {
            start,
            end,
            kind: DATE,
            value,
            modifier: None,
            context: Context::None,
        }
    }

    /// "Thanksgiving Day", "Christmas 1998", "Easter week", "last Thanksgiving" (name at `i`,
    /// expression from `start`); `dir` comes from a "last"/"next" before the name, else from the
    /// tense of the sentence.
    fn holiday(&self, start: usize, i: usize, dir: Option<Dir>) -> Option<Found> {
        if !self.t.get(i)?.cap {
            return None;
        }
        let (words, feast) = HOLIDAYS.iter().find(|(words, _)| {
            words
                .iter()
                .enumerate()
                .all(|(d, w)| self.word(i + d).eq_ignore_ascii_case(w))
        })?;
        let mut e = i + words.len();
        // "Christmas tree", "Easter egg": a one-word name before a noun is not a date.
        let noun_next = self
            .t
            .get(e)
            .is_some_and(|n| n.kind == Kind::Word && !n.cap && n.lex.is_none());
        if words.len() == 1 && noun_next {
            return None;
        }
        let y = if self.is(e, W::Of) { e + 1 } else { e };
        let date = match self.year_at(y, 1000) {
            Some((ye, yy)) => {
                e = ye;
                cal::feast_in(*feast, yy as i16)
            }
            None => {
                let dir = dir.unwrap_or_else(|| self.weekday_dir(start, e));
                cal::feast(self.dct, *feast, dir)
            }
        };
        if self.unit(e) == Some((Unit::Week, false)) {
            let v = date.map_or_else(|| "XXXX-WXX".to_string(), cal::week);
            return found(start, e + 1, DATE, v);
        }
        let value = match (date, feast) {
            (Some(d), _) => cal::date(d),
            (None, Feast::Fixed(m, d)) => format!("XXXX-{m:02}-{d:02}"),
            (None, _) => "XXXX-XX-XX".to_string(),
        };
        found(start, e, DATE, value)
    }

    /// "summer", "the winter of 1994", "spring 2020"; `k` shifts the year ("last summer").
    fn season(&self, start: usize, i: usize, k: i32, determined: bool) -> Option<Found> {
        let Some(Lex::Season(code)) = self.lex(i) else {
            return None;
        };
        let j = if self.is(i + 1, W::Of) { i + 2 } else { i + 1 };
        if let Some((e, y)) = self.year_at(j, 1000) {
            return found(start, e, DATE, format!("{}-{code}", cal::year(y)));
        }
        // "fall" and "spring" are verbs and nouns too: alone they need a determiner or "in".
        let opens = |k: usize| self.is(k, W::In) || self.is(k, W::The) || self.is_word(k, "during");
        // "in the early summer": the modifier sits between the season and what licenses it.
        let prev_in = start > 0
            && (opens(start - 1)
                || start > 1
                    && matches!(
                        self.lex(start - 1),
                        Some(Lex::W(W::Early | W::Late | W::Mid))
                    )
                    && opens(start - 2));
        if !determined && !prev_in {
            return None;
        }
        if code == "FA" && !determined {
            return None;
        }
        // "they met in the summer" said in March is last year's summer.
        let not_begun = self.dct.is_some_and(|d| {
            let first = match code {
                "SP" => 3,
                "SU" => 6,
                "FA" => 9,
                _ => 12,
            };
            (d.month() as i32) < first
        });
        let this = self.is(start, W::This);
        let k = if k == 0 && !this && not_begun && self.tense_dir(start, i + 1) == Some(Dir::Past) {
            -1
        } else {
            k
        };
        found(
            start,
            i + 1,
            DATE,
            format!("{}-{code}", self.season_year(code, k)),
        )
    }

    /// The year of a season seen from the anchor: `k` = -1 for "last summer" (the one most
    /// recently over), 0 for "this summer", 1 for "next summer".
    fn season_year(&self, code: &str, k: i32) -> String {
        let Some(d) = self.dct else {
            return "XXXX".into();
        };
        // Months in which each season starts and ends (winter runs from December on).
        let (start, end) = match code {
            "SP" => (3, 5),
            "SU" => (6, 8),
            "FA" => (9, 11),
            _ => (12, 14),
        };
        let (y, m) = (d.year() as i32, d.month() as i32);
        let y = match k {
            -1 if end <= 12 && m > end => y,
            -1 => y - 1,
            1 if m < start => y,
            1 => y + 1,
            _ => y,
        };
        cal::year(y)
    }

    /// Decades: "1990s" and "'80s" (read as the 1980s) are `199` and `198`.
    fn decade(&self, i: usize) -> Option<Found> {
        let t = self.t.get(i)?;
        // "the nineties": decades in words are read in the twentieth century.
        if let Some(k) = DECADE_WORDS
            .iter()
            .position(|w| self.word(i).eq_ignore_ascii_case(w))
        {
            return found(i, i + 1, DATE, format!("19{}", k + 2));
        }
        if self.is_punct(i, b'\'') {
            let n = self.t.get(i + 1)?;
            if n.glued
                && n.kind == Kind::DigitsAlpha
                && n.ndigits == 2
                && self.word(i + 1)[2..].eq_ignore_ascii_case("s")
            {
                return found(i, i + 2, DATE, format!("19{}", n.num / 10));
            }
            return None;
        }
        if t.kind != Kind::DigitsAlpha
            || t.ndigits != 4
            || !self.word(i)[4..].eq_ignore_ascii_case("s")
        {
            return None;
        }
        // "1990's" is tokenised as 1990 ' s; only the plain form is handled here.
        found(i, i + 1, DATE, format!("{:03}", t.num / 10))
    }

    /// "the 20th century", "the eleventh century".
    fn century(&self, i: usize) -> Option<Found> {
        let n = match self.lex(i) {
            Some(Lex::Ord(n)) => n,
            _ => {
                let t = self.t.get(i)?;
                if t.kind != Kind::DigitsAlpha || t.ndigits > 2 {
                    return None;
                }
                self.day_num(i)? as u32
            }
        };
        let j = if self.is_punct(i + 1, b'-') {
            i + 2
        } else {
            i + 1
        };
        if self.unit(j) != Some((Unit::Century, false)) || n == 0 {
            return None;
        }
        found(i, j + 1, DATE, format!("{:02}", n - 1))
    }

    /// Deictic names: "yesterday", "last year", "this week", "next Friday", "last summer", "tonight".
    fn relative(&self, i: usize) -> Option<Found> {
        let dct = self.dct;
        match self.lex(i)? {
            Lex::W(w @ (W::Today | W::Yesterday | W::Tomorrow)) => {
                let k = match w {
                    W::Yesterday => -1,
                    W::Tomorrow => 1,
                    _ => 0,
                };
                let day = cal::days_from(dct, k);
                if let Some(Lex::Pod(p)) = self.lex(i + 1) {
                    return found(i, i + 2, TIME, format!("{day}T{}", p.code()));
                }
                found(i, i + 1, DATE, day)
            }
            Lex::W(W::Tonight) => found(i, i + 1, TIME, format!("{}TNI", cal::days_from(dct, 0))),
            Lex::W(
                w @ (W::Last
                | W::Past
                | W::Previous
                | W::This
                | W::Next
                | W::Coming
                | W::Current
                | W::Latest),
            ) => {
                let mut k: i32 = match w {
                    W::Last | W::Past | W::Previous => -1,
                    W::Next | W::Coming => 1,
                    _ => 0,
                };
                let mut j = i + 1;
                // "this past spring", "this coming Sunday".
                if w == W::This && matches!(self.lex(j), Some(Lex::W(W::Past | W::Coming))) {
                    k = if self.is(j, W::Past) { -1 } else { 1 };
                    j += 1;
                }
                if self.is(j, W::Fiscal) {
                    j += 1;
                }
                match self.lex(j)? {
                    Lex::Unit(u, false) => {
                        let v = match u {
                            Unit::Week => cal::weeks_from(dct, k as i64),
                            Unit::Weekend => self.weekend(k),
                            Unit::Quarter if w == W::Latest => cal::quarters_from(dct, -1),
                            Unit::Year | Unit::Month | Unit::Quarter | Unit::Day | Unit::Decade => {
                                cal::shifted(dct, u, k as i64)?
                            }
                            _ => return None,
                        };
                        if w == W::Latest && u != Unit::Quarter && u != Unit::Year {
                            return None;
                        }
                        let mut f = found(i, j + 1, DATE, v)?;
                        // "last year's quarter" is the quarter under discussion, a year before.
                        if w == W::Last
                            && u == Unit::Year
                            && self.is_punct(j + 1, b'\'')
                            && self.is_word(j + 2, "s")
                            && (self.unit(j + 3) == Some((Unit::Quarter, false))
                                || self.is_word(j + 3, "period"))
                        {
                            f.end = j + 4;
                            f.context = Context::YearBefore;
                        }
                        Some(f)
                    }
                    Lex::Weekday(wd) => {
                        let dir = match k {
                            -1 => Dir::Before,
                            1 => Dir::After,
                            _ => Dir::Same,
                        };
                        found(i, j + 1, DATE, cal::weekday(dct, wd, dir))
                    }
                    Lex::Month(..) => {
                        // "this march" is a march, not March.
                        let (e, m) = self.month_at(j)?;
                        let dir = match k {
                            -1 => Dir::Before,
                            1 => Dir::After,
                            _ => Dir::Same,
                        };
                        // "last Oct. 23": a full date in that direction.
                        if let Some(d) = self.day_num(e).filter(|_| self.t[e].ndigits <= 2) {
                            return found(i, e + 1, DATE, cal::month_day(dct, m, d, dir));
                        }
                        let v = cal::year_of_month(dct, m, dir)
                            .map_or_else(|| format!("XXXX-{m:02}"), |y| cal::month(y, m as i32));
                        found(i, e, DATE, v)
                    }
                    Lex::Season(_) => self.season(i, j, k, true),
                    Lex::Holiday => {
                        let dir = match k {
                            -1 => Dir::Before,
                            1 => Dir::After,
                            _ => Dir::Same,
                        };
                        self.holiday(i, j, Some(dir))
                    }
                    Lex::Pod(p) if w == W::This => found(
                        i,
                        j + 1,
                        TIME,
                        format!("{}T{}", cal::days_from(dct, 0), p.code()),
                    ),
                    Lex::Pod(PartOfDay::Night) if w == W::Last => {
                        found(i, j + 1, TIME, format!("{}TNI", cal::days_from(dct, -1)))
                    }
                    _ => None,
                }
            }
            Lex::W(W::That) => self.anaphor(i, i + 1),
            Lex::W(W::The) if self.is_word(i + 1, "same") => self.anaphor(i, i + 1),
            // "in the morning", "by the afternoon": that part of the day the text last named.
            Lex::W(W::The)
                if i > 0
                    && ["in", "during", "by"]
                        .iter()
                        .any(|w| self.is_word(i - 1, w))
                    && matches!(self.lex(i + 1), Some(Lex::Pod(_)))
                    && !self.word(i + 1).ends_with('s')
                    && !self.is(i + 2, W::Of) =>
            {
                let Some(Lex::Pod(p)) = self.lex(i + 1) else {
                    return None;
                };
                self.part_of_day(i, i + 2, p, None, None)
            }
            // "the next morning", "the following evening": the day after the last date named.
            Lex::W(W::The)
                if matches!(self.lex(i + 1), Some(Lex::W(W::Next | W::Following)))
                    && matches!(self.lex(i + 2), Some(Lex::Pod(_)))
                    && !self.word(i + 2).ends_with('s') =>
            {
                let mut f = found(i, i + 3, DATE, cal::days_from(dct, 1))?;
                f.context = Context::Anaphor(Unit::Day, 1);
                Some(f)
            }
            // "the week of March 6": the week that holds the date.
            Lex::W(W::The)
                if self.unit(i + 1) == Some((Unit::Week, false)) && self.is(i + 2, W::Of) =>
            {
                let f = self.absolute(i + 3).filter(|f| f.kind == DATE)?;
                let d = crate::parse_iso_date(&f.value)?;
                found(i, f.end, DATE, cal::weeks_from(Some(d), 0))
            }
            Lex::W(W::The) => {
                // "the current year", "the latest quarter": the reading without "the", plus it.
                // "the latest period" of a report is its last quarter.
                if self.is(i + 1, W::Latest) && self.is_word(i + 2, "period") {
                    return found(i, i + 3, DATE, cal::quarters_from(dct, -1));
                }
                if matches!(self.lex(i + 1), Some(Lex::W(W::Current | W::Latest))) {
                    let mut f = self.relative(i + 1)?;
                    f.start = i;
                    return Some(f);
                }
                let mut j = i + 1;
                if matches!(self.lex(j), Some(Lex::W(W::Full | W::Fiscal))) {
                    j += 1;
                }
                match self.unit(j)? {
                    (Unit::Quarter, false) if j == i + 1 => {
                        found(i, j + 1, DATE, cal::quarters_from(dct, -1))
                    }
                    (Unit::Weekend, false) if j == i + 1 => found(i, j + 1, DATE, self.weekend(0)),
                    // "the year two thousand".
                    (Unit::Year, false) if self.year_at(j + 1, 1000).is_some() => {
                        let (e, y) = self.year_at(j + 1, 1000)?;
                        found(i, e, DATE, cal::year(y))
                    }
                    // "the year ended March 31": a report's twelve months.
                    (Unit::Year, false)
                        if ["ended", "ending"].iter().any(|w| self.is_word(j + 1, w)) =>
                    {
                        found(i, j + 1, DURATION, "P1Y".into())
                    }
                    (Unit::Year, false) => found(i, j + 1, DATE, cal::years_from(dct, 0)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// "that day", "that same year", "the same week" (from `start`, words from `j`): the period
    /// of the last date the text named.
    fn anaphor(&self, start: usize, j: usize) -> Option<Found> {
        let j = if self.is_word(j, "same") { j + 1 } else { j };
        let (u, false) = self.unit(j)? else {
            return None;
        };
        let v = match u {
            Unit::Day => cal::days_from(self.dct, 0),
            Unit::Week => cal::weeks_from(self.dct, 0),
            Unit::Month => cal::months_from(self.dct, 0),
            Unit::Year => cal::years_from(self.dct, 0),
            _ => return None,
        };
        let mut f = found(start, j + 1, DATE, v)?;
        f.context = Context::Anaphor(u, 0);
        Some(f)
    }

    /// "the weekend" (`k` = 0), "last weekend", "next weekend": a past-tense text means the one
    /// before the anchor unless the anchor is in it.
    fn weekend(&self, k: i32) -> String {
        let back = match self.dct {
            Some(d) if k == 0 && d.weekday().to_monday_one_offset() < 6 => -1,
            _ => 0,
        };
        format!("{}-WE", cal::weeks_from(self.dct, (k + back) as i64))
    }

    /// Counted units: "20 years", "the past three months", "two-day", "a year ago", "5 days later".
    fn quantity(&self, i: usize) -> Option<Found> {
        let mut j = i;
        let the = self.is(j, W::The);
        if the {
            j += 1;
        }
        let mut lead = None;
        if let Some(Lex::W(
            w @ (W::Past
            | W::Last
            | W::Next
            | W::Coming
            | W::Following
            | W::Previous
            | W::Latest
            | W::Recent),
        )) = self.lex(j)
        {
            lead = Some(w);
            j += 1;
        } else if let Some(Lex::Ord(1)) = self.lex(j) {
            if the {
                lead = Some(W::Past);
                j += 1;
            }
        }
        let (mut k, n) = match self.count(j) {
            Some(c) => c,
            // "recent weeks", "the coming months", "the past year".
            None if lead.is_some() => (j, None),
            None => return None,
        };
        let had_count = k > j;
        if !had_count && the && lead.is_none() {
            return None;
        }
        // "5 1/2 hours", "two and a half years".
        let mut half = false;
        if had_count && self.is_digit_word(k, 1) && self.is_punct(k + 1, b'/') {
            if self.glued(k + 1) && self.glued(k + 2) && self.is_digit_word(k + 2, 2) {
                half = true;
                k += 3;
            }
        } else if had_count && self.is(k, W::And) && self.is(k + 1, W::A) && self.is(k + 2, W::Half)
        {
            half = true;
            k += 3;
        }
        // "20 more years", "two full days", "eight trading days".
        if matches!(self.lex(k), Some(Lex::W(W::More | W::Full)))
            || ["additional", "trading", "straight", "consecutive"]
                .iter()
                .any(|w| self.is_word(k, w))
        {
            k += 1;
        }
        let hyphen = had_count && self.is_punct(k, b'-') && self.glued(k) && self.glued(k + 1);
        if hyphen {
            k += 1;
        }
        let (u, plural) = self.unit(k)?;
        // "a decades-long feud": "a" counts the feud, not the decades.
        if plural && n == Some(1) {
            return None;
        }
        // "the 1988 quarter" is a year's quarter, not 1988 of them.
        if !plural && !hyphen && self.t.get(j).is_some_and(|t| t.ndigits == 4) {
            return None;
        }
        // "a year-earlier profit": the adjective is the expression, read at "year".
        if self.is_punct(k + 1, b'-')
            && self.glued(k + 1)
            && (self.is(k + 2, W::Ago) || self.is(k + 2, W::Earlier))
        {
            return None;
        }
        // "three-quarters" is a fraction; "52 years old" an age, which TimeML practice leaves out.
        if hyphen && plural || self.is_word(k + 1, "old") {
            return None;
        }
        // "a second", "one second" followed by a noun is an ordinal ("a second term").
        if u == Unit::Second
            && !plural
            && self
                .t
                .get(k + 1)
                .is_some_and(|n| n.kind == Kind::Word && n.lex.is_none())
        {
            return None;
        }
        let mut end = k + 1;
        // "a minute and a half".
        if !half && self.is(end, W::And) && self.is(end + 1, W::A) && self.is(end + 2, W::Half) {
            half = true;
            end += 3;
        }
        // Ages ("a 20-year-old", "the 6-month-old") are left out like "52 years old".
        if hyphen && self.is_punct(end, b'-') && self.is_word(end + 1, "old") && self.glued(end) {
            return None;
        }
        // Adjectival forms ("the two-day summit") do not take the article.
        let i = if hyphen && lead.is_none() { j } else { i };
        match (had_count, lead) {
            // "recent years" is the past at large; "recent days/weeks/months" a vague length.
            (false, Some(W::Recent)) if u == Unit::Year => {
                return found(i, end, DATE, "PAST_REF".into())
            }
            // "the past year" names last year; "the following month" a month next to another date.
            (false, Some(W::Past | W::Last)) if the && !plural && u == Unit::Year => {
                return found(i, end, DATE, cal::years_from(self.dct, -1))
            }
            (false, Some(w @ (W::Following | W::Previous | W::Next))) if the && !plural => {
                // "the next year" is mostly a length ("over the next year"); "the next day" a date.
                if w == W::Next && u != Unit::Day {
                    return found(i, end, DURATION, u.duration(Some(1)));
                }
                let k = if w == W::Previous { -1 } else { 1 };
                let mut f = found(i, end, DATE, cal::shifted(self.dct, u, i64::from(k))?)?;
                f.context = Context::Anaphor(u, k);
                return Some(f);
            }
            (false, Some(_)) if !plural && !the => return None,
            // "could last weeks": the verb, not "the last weeks".
            (false, Some(W::Last)) if !the => return None,
            (false, None) => return None,
            _ => {}
        }
        let n = if had_count {
            n
        } else if plural {
            None
        } else {
            Some(1)
        };
        // "a year ago", "three days earlier", "two weeks from now", "a week or so ago".
        if !the && had_count {
            let (approx, at) = if self.is(end, W::Or) && self.is(end + 1, W::So) {
                (true, end + 2)
            } else {
                (false, end)
            };
            let sign = if self.is(at, W::Ago) || self.is(at, W::Earlier) {
                Some(-1)
            } else if self.is_word(at, "from") && self.is(at + 1, W::Ref("PRESENT_REF")) {
                Some(1)
            } else {
                None
            };
            if let Some(sign) = sign {
                let e = if sign == 1 { at + 2 } else { at + 1 };
                // "a decade ago" names a year, as "ten years ago" does.
                let (u, n) = match (u, n) {
                    (Unit::Decade, Some(n)) => (Unit::Year, Some(n.saturating_mul(10))),
                    _ => (u, n),
                };
                let value = match n {
                    Some(n) => cal::shifted(self.dct, u, sign * n as i64).unwrap_or_else(|| {
                        if sign < 0 {
                            "PAST_REF".into()
                        } else {
                            "FUTURE_REF".into()
                        }
                    }),
                    None => (if sign < 0 { "PAST_REF" } else { "FUTURE_REF" }).into(),
                };
                let mut f = found(i, e, DATE, value)?;
                if u == Unit::Year && n == Some(1) && sign < 0 {
                    f.context = Context::YearBefore;
                }
                if approx {
                    f.modifier = Some("APPROX");
                }
                return Some(f);
            }
        }
        // "twice a year" is a frequency; "$1.76 a year" and "four flights a week" are rates,
        // which TimeML practice leaves untagged.
        if had_count && n == Some(1) && !the && i > 0 && self.is(i, W::A) {
            if self.is(i - 1, W::Times) || self.is(i - 1, W::Twice) || self.is_word(i - 1, "once") {
                return found(i, end, SET, u.duration(Some(1)));
            }
            if self.rate_before(i - 1) {
                return None;
            }
        }
        let value = match n {
            Some(n) if half => u.duration_and_a_half(n),
            _ => None,
        };
        found(i, end, DURATION, value.unwrap_or_else(|| u.duration(n)))
    }

    /// Token `k` ends a quantity that "a year" / "a week" makes a rate of: "four flights",
    /// "$1.76", "500 million".
    fn rate_before(&self, k: usize) -> bool {
        let Some(t) = self.t.get(k) else { return false };
        if t.kind == Kind::Digits || t.kind == Kind::DigitsAlpha {
            return true;
        }
        let w = self.word(k);
        let plural_noun = t.kind == Kind::Word
            && t.lex.is_none()
            && !t.cap
            && w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss");
        plural_noun
            || ["million", "billion", "thousand", "cents"]
                .iter()
                .any(|m| w.eq_ignore_ascii_case(m))
    }

    /// "year-earlier", "the year-ago quarter", "the comparable year-earlier period", "the 1988
    /// period": periods named by their distance to the one under discussion.
    fn year_ago(&self, i: usize) -> Option<Found> {
        let mut j = i;
        let the = self.is(j, W::The) || self.is_word(j, "its");
        if the {
            j += 1;
        }
        if ["comparable", "corresponding", "same"]
            .iter()
            .any(|w| self.is_word(j, w))
        {
            j += 1;
        }
        let period =
            |k: usize| self.unit(k) == Some((Unit::Quarter, false)) || self.is_word(k, "period");
        // "the corresponding period last year", "the quarter a year ago".
        if the && period(j) {
            let later = self.relative(j + 1).or_else(|| self.quantity(j + 1));
            if let Some(mut f) = later.filter(|f| {
                f.context == Context::YearBefore
                    || self.is(j + 1, W::Last) && self.unit(j + 2) == Some((Unit::Year, false))
            }) {
                f.start = i;
                f.context = Context::YearBefore;
                return Some(f);
            }
        }
        if let Some((e, y)) = self.year_at(j, 1000).filter(|_| the) {
            if period(e) {
                let mut f = found(i, e + 1, DATE, cal::year(y))?;
                f.context = Context::Year(y);
                return Some(f);
            }
            return None;
        }
        if self.unit(j) != Some((Unit::Year, false))
            || !self.is_punct(j + 1, b'-')
            || !self.glued(j + 1)
            || !(self.is(j + 2, W::Ago) || self.is(j + 2, W::Earlier))
        {
            return None;
        }
        let k = j + 3;
        if let Some(mut f) = self.ordinal(k) {
            let y = f.value.get(..4).and_then(|y| y.parse::<i32>().ok());
            if let Some(y) = y {
                f.value = format!("{}{}", cal::year(y - 1), &f.value[4..]);
            }
            f.start = i;
            return Some(f);
        }
        let (start, end) = if period(k) { (i, k + 1) } else { (j, k) };
        let mut f = found(start, end, DATE, cal::years_from(self.dct, -1))?;
        f.context = Context::YearBefore;
        Some(f)
    }

    /// Ordinal periods: "the third quarter", "third-quarter", "the first half of 1990", "fiscal 1990's".
    fn ordinal(&self, i: usize) -> Option<Found> {
        let mut j = i;
        let mut year = None;
        // "this year's third quarter", "next year's first half".
        if let Some(Lex::W(w @ (W::This | W::Last | W::Next))) = self.lex(j) {
            if self.unit(j + 1) != Some((Unit::Year, false))
                || !self.is_punct(j + 2, b'\'')
                || !self.is_word(j + 3, "s")
            {
                return None;
            }
            let k = match w {
                W::Last => -1,
                W::Next => 1,
                _ => 0,
            };
            year = Some(self.dct.map(|d| d.year() as i32 + k));
            j += 4;
        }
        let the = self.is(j, W::The) || self.is_word(j, "its");
        if the {
            j += 1;
        }
        let fiscal = self.is(j, W::Fiscal);
        if fiscal {
            j += 1;
        }
        if year.is_none() {
            if let Some((e, y)) = self.year_at(j, 1000) {
                year = Some(Some(y));
                j = e;
            }
        }
        let Some(Lex::Ord(n)) = self.lex(j) else {
            return None;
        };
        let mut k = j + 1;
        let hyphen = self.is_punct(k, b'-') && self.glued(k);
        if hyphen {
            k += 1;
        }
        let (u, plural) = self.unit(k).map_or((None, false), |(u, p)| (Some(u), p));
        let (letter, max) = match (u, self.is(k, W::Half)) {
            (Some(Unit::Quarter), _) if !plural => ('Q', 4),
            (_, true) => ('H', 2),
            _ => return None,
        };
        if n == 0 || n > max {
            return None;
        }
        let mut end = k + 1;
        if year.is_none() {
            // "of 1998", "of fiscal 1999", "of the year", "of last year".
            let of = self.is(end, W::Of);
            let mut y = if of { end + 1 } else { end };
            if of && self.is(y, W::Fiscal) {
                y += 1;
            }
            if let Some((e, yy)) = self.year_at(y, 1000) {
                year = Some(Some(yy));
                end = e;
            } else if of {
                let k = match self.lex(y) {
                    Some(Lex::W(W::The | W::This)) => Some(0),
                    Some(Lex::W(W::Last)) => Some(-1),
                    Some(Lex::W(W::Next)) => Some(1),
                    _ => None,
                };
                if let (Some(k), Some((Unit::Year, false))) = (k, self.unit(y + 1)) {
                    // "the year" is the current one only without a year named before.
                    let named = k == 0 && self.is(y, W::The);
                    if !named {
                        year = Some(self.dct.map(|d| d.year() as i32 + k));
                    }
                    end = y + 2;
                }
            }
        }
        let y = match (year, self.dct) {
            (Some(Some(y)), _) => cal::year(y),
            (None, Some(d)) => {
                let cur = if letter == 'Q' {
                    cal::quarter_of(d)
                } else {
                    (d.month() as i32 - 1) / 6 + 1
                };
                cal::year(d.year() as i32 - i32::from(n as i32 > cur && !self.future_ctx(i)))
            }
            _ => "XXXX".into(),
        };
        // The adjectival form ("the third-quarter results") leaves the article out.
        let start = if hyphen && the && i + 1 == j - usize::from(fiscal) {
            i + 1
        } else {
            i
        };
        found(start, end, DATE, format!("{y}-{letter}{n}"))
    }

    /// "now", "currently", "recently", "the past", "the future", "these days".
    fn reference(&self, i: usize) -> Option<Found> {
        match self.lex(i)? {
            Lex::W(W::Ref("FUTURE_REF")) if self.is_word(i, "soon") => self.soon(i),
            // "Now, he says..." opens a sentence as a discourse marker, not as a time.
            Lex::W(W::Ref(_))
                if self.t[i].cap && self.is_word(i, "now") && self.is_punct(i + 1, b',') =>
            {
                None
            }
            Lex::W(W::Ref(v)) => found(i, i + 1, DATE, v.into()),
            Lex::W(W::The) => match self.lex(i + 1) {
                Some(Lex::W(W::Past))
                    if self.lex(i + 2).is_none_or(|l| {
                        !matches!(
                            l,
                            Lex::Num(_)
                                | Lex::Unit(..)
                                | Lex::W(W::A | W::Few | W::Several | W::Couple)
                        )
                    }) =>
                {
                    found(i, i + 2, DATE, "PAST_REF".into())
                }
                // "the future" is mostly a noun ("the future of the port"); "in the future" is a time.
                Some(Lex::W(W::Future))
                    if i > 0 && (self.is(i - 1, W::In) || self.is_word(i - 1, "into")) =>
                {
                    found(i, i + 2, DATE, "FUTURE_REF".into())
                }
                Some(Lex::W(W::Present)) => found(i, i + 2, DATE, "PRESENT_REF".into()),
                None if self.is_word(i + 1, "near") && self.is(i + 2, W::Future) => {
                    found(i, i + 3, DATE, "FUTURE_REF".into())
                }
                // "in the near term", "over the long term" (not "near-term", an adjective).
                None if ["near", "short", "long"]
                    .iter()
                    .any(|w| self.is_word(i + 1, w))
                    && self.is_word(i + 2, "term") =>
                {
                    found(i, i + 3, DATE, "FUTURE_REF".into())
                }
                // "in the weeks ahead": a vague length from now on.
                Some(Lex::Unit(u, true)) if self.is_word(i + 2, "ahead") => {
                    found(i, i + 3, DURATION, u.duration(None))
                }
                _ => None,
            },
            // "current market conditions", "a recent filing": TimeBank tags the adjective alone
            // (before a unit, "recent years", other matchers read the longer phrase); "the then
            // current price" is a past time.
            Lex::W(w @ (W::Current | W::Recent)) if self.adjective_of_noun(i) => {
                if w == W::Current && i > 0 && self.is_word(i - 1, "then") {
                    return found(i - 1, i + 1, DATE, "PAST_REF".into());
                }
                let v = if w == W::Current {
                    "PRESENT_REF"
                } else {
                    "PAST_REF"
                };
                found(i, i + 1, DATE, v.into())
            }
            Lex::W(W::A) if self.is_word(i + 1, "later") && self.is_word(i + 2, "date") => {
                found(i, i + 3, DATE, "FUTURE_REF".into())
            }
            Lex::W(W::At) if self.is(i + 1, W::Present) => {
                found(i, i + 2, DATE, "PRESENT_REF".into())
            }
            Lex::Unit(Unit::Day, true) if i > 0 && self.is_word(i - 1, "these") => {
                found(i - 1, i + 1, DATE, "PRESENT_REF".into())
            }
            // "for years", "within weeks": a vague length; so is "after months of talks", but
            // not "in years of drought".
            Lex::Unit(u, true)
                if i > 0
                    && ([
                        "for", "within", "over", "in", "after", "last", "lasted", "lasts", "took",
                        "take", "takes",
                    ]
                    .iter()
                    .any(|w| self.is_word(i - 1, w))
                        && !matches!(self.lex(i + 1), Some(Lex::W(W::Of)))
                        || ["after", "follows", "followed"]
                            .iter()
                            .any(|w| self.is_word(i - 1, w))) =>
            {
                // "weeks or months" is one vague length, valued by its first unit.
                let or_more = self.is(i + 1, W::Or) && matches!(self.unit(i + 2), Some((_, true)));
                let end = if or_more { i + 3 } else { i + 1 };
                found(i, end, DURATION, u.duration(None))
            }
            // "decades-long", "months-long": a vague length.
            Lex::Unit(u, true)
                if self.is_punct(i + 1, b'-')
                    && self.glued(i + 1)
                    && self.glued(i + 2)
                    && self.is_word(i + 2, "long") =>
            {
                found(i, i + 3, DURATION, u.duration(None))
            }
            // "year-end", "year end", "year's end".
            Lex::Unit(Unit::Year, false) => {
                let e = if self.is_punct(i + 1, b'-') && self.glued(i + 1)
                    || self.is_word(i + 1, "'") && self.is_word(i + 2, "s")
                {
                    i + if self.is_punct(i + 1, b'-') { 2 } else { 3 }
                } else {
                    i + 1
                };
                if !self.is(e, W::End) {
                    return None;
                }
                let mut f = found(i, e + 1, DATE, cal::years_from(self.dct, 0))?;
                f.modifier = Some("END");
                Some(f)
            }
            _ => None,
        }
    }

    /// Token `i` ("current", "recent") modifies a noun: a word or a number word follows (a
    /// lower-case one after a capitalised adjective), not a unit, not "of"/"to", and not "most recent" (a superlative of something named).
    fn adjective_of_noun(&self, i: usize) -> bool {
        let Some(n) = self.t.get(i + 1) else {
            return false;
        };
        let next_ok = n.kind == Kind::Word
            && (!n.cap || !self.t[i].cap)
            && matches!(n.lex, None | Some(Lex::Num(_)))
            && !NOT_TIME_NOUNS.iter().any(|w| self.is_word(i + 1, w));
        let most = i > 0 && self.is(i - 1, W::Most);
        next_ok && !most
    }

    /// "soon" looking forward ("will soon begin", "as soon as possible"); not the conjunction "as
    /// soon as", "soon after", nor "soon" in a past narrative ("was soon released").
    fn soon(&self, i: usize) -> Option<Found> {
        let as_soon_as = i > 0 && self.is_word(i - 1, "as") && self.is_word(i + 1, "as");
        if as_soon_as {
            return if self.is_word(i + 2, "possible") {
                found(i - 1, i + 3, DATE, "FUTURE_REF".into())
            } else {
                None
            };
        }
        let narrative = ["after", "before", "afterward", "afterwards", "thereafter"]
            .iter()
            .any(|w| self.is_word(i + 1, w))
            || i > 0
                && ["was", "were", "had"]
                    .iter()
                    .any(|w| self.is_word(i - 1, w))
            || self.tense_cue(i + 1) == Some(Dir::Past);
        if narrative {
            return None;
        }
        found(i, i + 1, DATE, "FUTURE_REF".into())
    }

    /// Frequencies: "every Monday", "each year", "daily", "every two weeks".
    fn set(&self, i: usize) -> Option<Found> {
        match self.lex(i)? {
            Lex::Every(v) => {
                let counted = self.is_word(i, "daily")
                    && (i > 0 && self.is_word(i - 1, "average")
                        || self.t.get(i + 1).is_some_and(|n| {
                            let w = self.word(i + 1);
                            n.kind == Kind::Word
                                && !n.cap
                                && n.lex.is_none()
                                && w.ends_with('s')
                                && !w.ends_with("ss")
                                && !w.eq_ignore_ascii_case("basis")
                        }));
                // "the party daily Granma": a newspaper.
                let paper = self.is_word(i, "daily") && self.t.get(i + 1).is_some_and(|n| n.cap);
                if counted || paper {
                    return None;
                }
                found(i, i + 1, SET, v.into())
            }
            // "Mondays", "Tuesday nights", "Sunday mornings".
            Lex::Weekdays(wd) if self.t[i].cap => found(i, i + 1, SET, format!("XXXX-WXX-{wd}")),
            Lex::Weekday(wd)
                if self.t[i].cap
                    && matches!(self.lex(i + 1), Some(Lex::Pod(_)))
                    && self.word(i + 1).ends_with('s') =>
            {
                let Some(Lex::Pod(p)) = self.lex(i + 1) else {
                    return None;
                };
                found(i, i + 2, SET, format!("XXXX-WXX-{wd}T{}", p.code()))
            }
            Lex::W(W::Every | W::Each | W::Per) => {
                let mut j = i + 1;
                if self.is(j, W::Other) {
                    j += 1;
                }
                let (k, n) = match self.count(j) {
                    Some((k, n)) if !self.is(j, W::A) => (k, n),
                    _ => (j, Some(1)),
                };
                match self.lex(k)? {
                    Lex::Unit(u, _) => found(i, k + 1, SET, u.duration(n)),
                    Lex::Weekday(wd) => found(i, k + 1, SET, format!("XXXX-WXX-{wd}")),
                    Lex::Month(m, _) if self.t[k].cap => {
                        found(i, k + 1, SET, format!("XXXX-{m:02}"))
                    }
                    Lex::Pod(p) => found(i, k + 1, SET, format!("XXXX-XX-XXT{}", p.code())),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Clock times: "5 p.m.", "10:30 a.m. Wednesday", "noon Saturday", "at 19:00".
    fn clock(&self, i: usize) -> Option<Found> {
        let t = self.t.get(i)?;
        let (mut j, hh, mm) = match t.lex {
            // "high noon" is a showdown, not a clock time.
            Some(Lex::W(W::Noon)) if i > 0 && self.is_word(i - 1, "high") => return None,
            Some(Lex::W(W::Noon)) => (i + 1, 12, 0),
            Some(Lex::W(W::Midnight)) => (i + 1, 24, 0),
            _ => {
                if t.kind != Kind::Digits || t.ndigits > 2 || t.num > 24 {
                    return None;
                }
                let mut j = i + 1;
                let mut mm = 0;
                let mut colon = false;
                if self.is_punct(j, b':') && self.glued(j) && self.glued(j + 1) {
                    let m = self.t.get(j + 1)?;
                    if m.kind != Kind::Digits || m.ndigits != 2 || m.num > 59 {
                        return None;
                    }
                    mm = m.num;
                    j += 2;
                    colon = true;
                }
                let mut hh = t.num;
                match self.am_pm(j) {
                    Some((e, pm)) => {
                        j = e;
                        match pm {
                            Some(true) if hh < 12 => hh += 12,
                            Some(false) if hh == 12 => hh = 0,
                            _ => {}
                        }
                    }
                    None if colon && i > 0 && self.is(i - 1, W::At) => {}
                    // "4 in the morning", "8 in the evening".
                    None if (1..=12).contains(&hh)
                        && self.is(j, W::In)
                        && self.is(j + 1, W::The)
                        && !self.word(j + 2).ends_with('s') =>
                    {
                        let Some(Lex::Pod(p)) = self.lex(j + 2) else {
                            return None;
                        };
                        let pm = match p {
                            PartOfDay::Morning => false,
                            PartOfDay::Afternoon | PartOfDay::Evening => true,
                            PartOfDay::Night => hh >= 6,
                        };
                        if pm && hh < 12 {
                            hh += 12;
                        }
                        j += 3;
                    }
                    None => return None,
                }
                (j, hh, mm)
            }
        };
        // A time zone in capitals: "EST", "GMT".
        if self.t.get(j).is_some_and(|z| {
            z.kind == Kind::Word
                && z.end - z.start <= 4
                && self.word(j).bytes().all(|b| b.is_ascii_uppercase())
        }) && self.lex(j).is_none()
        {
            j += 1;
        }
        let mut day = cal::days_from(self.dct, 0);
        let mut context = Context::Clock;
        let k = if self.is(j, W::On) || self.is_punct(j, b',') {
            j + 1
        } else {
            j
        };
        if let Some(f) = self
            .absolute(k)
            .or_else(|| self.relative(k))
            .filter(|f| f.kind == DATE && f.value.len() == 10)
        {
            day = f.value;
            // A bare weekday takes its direction from the whole expression ("until 9 a.m. Tuesday").
            if let (Some(Lex::Weekday(wd)), true) = (self.lex(k), f.end == k + 1) {
                day = cal::weekday(self.dct, wd, self.weekday_dir(i, f.end));
            }
            j = f.end;
            context = Context::None;
        }
        let mut f = found(i, j, TIME, format!("{day}T{hh:02}:{mm:02}"))?;
        f.context = context;
        Some(f)
    }

    /// "a.m.", "p.m.", "am", "pm", "o'clock": the end and whether it is afternoon.
    fn am_pm(&self, j: usize) -> Option<(usize, Option<bool>)> {
        let w = self.word(j);
        if w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("p") {
            if self.is_punct(j + 1, b'.')
                && self.glued(j + 1)
                && self.is_word(j + 2, "m")
                && self.glued(j + 2)
            {
                let e = if self.is_punct(j + 3, b'.') && self.glued(j + 3) {
                    j + 4
                } else {
                    j + 3
                };
                return Some((e, Some(w.eq_ignore_ascii_case("p"))));
            }
            return None;
        }
        match self.lex(j) {
            Some(Lex::W(W::Am)) => Some((j + 1, Some(false))),
            Some(Lex::W(W::Pm)) => Some((j + 1, Some(true))),
            _ if w.eq_ignore_ascii_case("o")
                && self.is_punct(j + 1, b'\'')
                && self.is_word(j + 2, "clock") =>
            {
                Some((j + 3, None))
            }
            _ => None,
        }
    }
}
