//! Numeric claims: "killing more than 60 people", "at least 46 were wounded", "3,000 troops",
//! "$1.2 billion", "45 percent", each with the range its words allow.
//!
//! Each sentence is scanned for number expressions (digits with separators and scale words,
//! written numbers such as "forty-six" or "two hundred", and vague quantities such as "dozens"),
//! then for a qualifier just before it ("at least", "more than", "nearly", "up to"...), a range
//! ("between 40 and 50", "40 to 50") and what it counts: a verb just before it ("killed at least
//! 46 ..."), a verb shortly after it ("46 people were killed"), a counted noun ("troops",
//! "deaths", "refugees"), a currency or a percent sign, or a death-toll phrase. A number with no
//! such context is not a claim. Compound modifiers ("two-day", "33-year-old"), years, times,
//! ordinals and day-of-month numbers are not counts.
//!
//! Ranges: an exact figure `n` is `[n, n]`; "at least n" and "more than n" are `[n, OPEN]` (the
//! qualifier keeps the difference); "nearly n" is `[0.9n, n]`; "about n" is `[0.9n, 1.1n]`;
//! "up to n", "fewer than n" are `[0, n]`; "dozens" is `[24, 99]`, "hundreds" `[200, 999]`,
//! "thousands" `[2000, 9999]`.

use dossier_core::{Claim, Document, Layers, Span, Stage, StageError};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Word,
    Num,
    Sym,
    Punct,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    end: usize,
    kind: Kind,
    /// No space between this token and the previous one.
    joined: bool,
}

fn lex(s: &str) -> Vec<Tok> {
    let b = s.as_bytes();
    let mut out: Vec<Tok> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = match s[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        let len = c.len_utf8();
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let joined = out.last().is_some_and(|t| t.end == i);
        let (end, kind) = if c.is_ascii_digit() {
            // Digits with inner separators: 1,200 / 3.5
            let mut j = i + 1;
            while j < b.len() {
                if b[j].is_ascii_digit() {
                    j += 1;
                } else if (b[j] == b',' || b[j] == b'.')
                    && j + 1 < b.len()
                    && b[j + 1].is_ascii_digit()
                {
                    j += 2;
                } else {
                    break;
                }
            }
            (j, Kind::Num)
        } else if c.is_alphabetic() {
            let mut j = i + len;
            for ch in s[j..].chars() {
                if !ch.is_alphabetic() {
                    break;
                }
                j += ch.len_utf8();
            }
            (j, Kind::Word)
        } else if matches!(c, '$' | '€' | '£' | '%') {
            (i + len, Kind::Sym)
        } else {
            (i + len, Kind::Punct)
        };
        out.push(Tok {
            start: i,
            end,
            kind,
            joined,
        });
        i = end;
    }
    out
}

/// One number expression found at a token.
#[derive(Clone, Copy, Debug)]
struct NumExpr {
    low: f64,
    high: f64,
    /// Token after the expression.
    end: usize,
    vague: Option<&'static str>,
}

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

struct Sentence<'a> {
    s: &'a str,
    t: Vec<Tok>,
}

impl<'a> Sentence<'a> {
    fn text(&self, i: usize) -> &'a str {
        self.t.get(i).map_or("", |t| &self.s[t.start..t.end])
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.text(i).eq_ignore_ascii_case(w)
    }

    fn any(&self, i: usize, ws: &[&str]) -> bool {
        let t = self.text(i);
        ws.iter().any(|w| t.eq_ignore_ascii_case(w))
    }

    fn is_month(&self, i: usize) -> bool {
        dossier_core::calendar::month_of(self.text(i)).is_some()
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.t.get(i).map(|t| t.kind)
    }

    fn joined(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.joined)
    }

    fn unit_value(&self, i: usize) -> Option<f64> {
        let w = self.text(i);
        UNITS
            .iter()
            .position(|u| w.eq_ignore_ascii_case(u))
            .map(|v| v as f64)
    }

    fn tens_value(&self, i: usize) -> Option<f64> {
        let w = self.text(i);
        TENS.iter()
            .position(|u| w.eq_ignore_ascii_case(u))
            .map(|v| (v as f64 + 2.0) * 10.0)
    }

    /// A written number below 100 at `i`: "six", "forty", "forty-six", "forty six".
    fn small_written(&self, i: usize) -> Option<(f64, usize)> {
        if let Some(t) = self.tens_value(i) {
            if self.is(i + 1, "-") && self.joined(i + 1) && self.joined(i + 2) {
                if let Some(u) = self.unit_value(i + 2).filter(|u| (1.0..10.0).contains(u)) {
                    return Some((t + u, i + 3));
                }
            }
            if let Some(u) = self.unit_value(i + 1).filter(|u| (1.0..10.0).contains(u)) {
                return Some((t + u, i + 2));
            }
            return Some((t, i + 1));
        }
        self.unit_value(i).map(|u| (u, i + 1))
    }

    fn scale(&self, i: usize) -> Option<f64> {
        let w = self.text(i).to_ascii_lowercase();
        let joined = self.joined(i);
        match w.as_str() {
            "hundred" => Some(1e2),
            "thousand" => Some(1e3),
            "million" | "mln" => Some(1e6),
            "billion" | "bln" | "bn" => Some(1e9),
            "trillion" | "tln" => Some(1e12),
            "m" if joined => Some(1e6),
            "k" if joined => Some(1e3),
            _ => None,
        }
    }

    /// The number expression starting at token `i`.
    fn number(&self, i: usize) -> Option<NumExpr> {
        let exact = |v: f64, end: usize| {
            Some(NumExpr {
                low: v,
                high: v,
                end,
                vague: None,
            })
        };
        let vague = |lo: f64, hi: f64, end: usize, w: &'static str| {
            Some(NumExpr {
                low: lo,
                high: hi,
                end,
                vague: Some(w),
            })
        };
        match self.kind(i)? {
            Kind::Num => {
                let v: f64 = self.text(i).replace(',', "").parse().ok()?;
                let mut v = v;
                let mut end = i + 1;
                while let Some(m) = self.scale(end) {
                    v *= m;
                    end += 1;
                }
                exact(v, end)
            }
            Kind::Word => {
                let w = self.text(i).to_ascii_lowercase();
                match w.as_str() {
                    "dozens" => return vague(24.0, 99.0, i + 1, "dozens"),
                    "scores" => return vague(40.0, 99.0, i + 1, "scores"),
                    "hundreds" if self.is(i + 1, "of") && self.is(i + 2, "thousands") => {
                        return vague(2e5, 999_999.0, i + 3, "hundreds of thousands")
                    }
                    "hundreds" => return vague(200.0, 999.0, i + 1, "hundreds"),
                    "tens" if self.is(i + 1, "of") && self.is(i + 2, "thousands") => {
                        return vague(2e4, 99_999.0, i + 3, "tens of thousands")
                    }
                    "thousands" => return vague(2e3, 9_999.0, i + 1, "thousands"),
                    "millions" => return vague(2e6, 9_999_999.0, i + 1, "millions"),
                    "dozen" => return exact(12.0, i + 1),
                    "a" | "an" => {
                        if self.is(i + 1, "dozen") {
                            return exact(12.0, i + 2);
                        }
                        return match self.scale(i + 1) {
                            Some(m) if !self.joined(i + 1) => exact(m, i + 2),
                            _ => None,
                        };
                    }
                    _ => {}
                }
                let (mut v, mut end) = self.small_written(i)?;
                if self.is(end, "hundred") {
                    v *= 100.0;
                    end += 1;
                    let rest = if self.is(end, "and") { end + 1 } else { end };
                    if let Some((r, e)) = self.small_written(rest).filter(|(r, _)| *r > 0.0) {
                        v += r;
                        end = e;
                    }
                }
                while let Some(m) = self.scale(end).filter(|_| !self.joined(end)) {
                    v *= m;
                    end += 1;
                }
                exact(v, end)
            }
            _ => None,
        }
    }

    /// Whether the number at `i..end` is a year, a time, a date, an ordinal or part of a compound.
    fn not_a_count(&self, i: usize, n: &NumExpr) -> bool {
        // "two-day", "33-year-old", "5-3"
        if self.is(n.end, "-") && self.joined(n.end) && self.joined(n.end + 1) {
            return true;
        }
        // "10:30", "1st", "3rd"
        if (self.is(n.end, ":") || self.is(n.end, "/")) && self.joined(n.end) {
            return true;
        }
        if self.joined(n.end) && self.any(n.end, &["st", "nd", "rd", "th", "s", "am", "pm"]) {
            return true;
        }
        if i > 0 && (self.is_month(i - 1) || self.is(i - 1, "/") && self.joined(i)) {
            return true;
        }
        if self.is_month(n.end) {
            return true;
        }
        // "no one was hurt", "every one of them"
        if i > 0
            && self.is(i, "one")
            && self.any(i - 1, &["no", "every", "any", "the", "this", "that"])
        {
            return true;
        }
        let t = self.text(i);
        let year = self.kind(i) == Some(Kind::Num)
            && n.end == i + 1
            && t.len() == 4
            && (1900.0..=2100.0).contains(&n.low)
            && !(i > 0 && self.kind(i - 1) == Some(Kind::Sym));
        year && !self.any(
            n.end,
            &["people", "troops", "soldiers", "fighters", "refugees"],
        )
    }

    /// A qualifier ending just before token `i`: its first token and canonical words.
    fn qualifier(&self, i: usize) -> Option<(usize, &'static str)> {
        const QUALS: &[(&[&str], &str)] = &[
            (&["at", "least"], "at least"),
            (&["no", "fewer", "than"], "at least"),
            (&["not", "less", "than"], "at least"),
            (&["more", "than"], "more than"),
            (&["upwards", "of"], "more than"),
            (&["in", "excess", "of"], "more than"),
            (&["over"], "more than"),
            (&["above"], "more than"),
            (&["nearly"], "nearly"),
            (&["almost"], "nearly"),
            (&["close", "to"], "nearly"),
            (&["just", "under"], "nearly"),
            (&["about"], "about"),
            (&["around"], "about"),
            (&["approximately"], "about"),
            (&["roughly"], "about"),
            (&["some"], "about"),
            (&["an", "estimated"], "about"),
            (&["estimated"], "about"),
            (&["up", "to"], "up to"),
            (&["as", "many", "as"], "up to"),
            (&["as", "much", "as"], "up to"),
            (&["no", "more", "than"], "up to"),
            (&["at", "most"], "up to"),
            (&["fewer", "than"], "fewer than"),
            (&["less", "than"], "fewer than"),
            (&["under"], "fewer than"),
            (&["below"], "fewer than"),
        ];
        QUALS.iter().find_map(|(words, canon)| {
            let n = words.len();
            (i >= n && words.iter().enumerate().all(|(k, w)| self.is(i - n + k, w)))
                .then(|| (i - n, *canon))
        })
    }
}

/// The `high` of an open range. Not `f64::INFINITY`: JSON has no infinity (serde_json writes
/// `null` and cannot read it back into an `f64`), and claims are stored as JSON.
pub const OPEN: f64 = f64::MAX;

/// Whether a claim's range has no upper end.
pub fn is_open(c: &Claim) -> bool {
    c.high >= OPEN
}

fn range_of(qualifier: Option<&str>, v: f64) -> (f64, f64) {
    match qualifier {
        Some("at least") | Some("more than") => (v, OPEN),
        Some("nearly") => (0.9 * v, v),
        Some("about") => (0.9 * v, 1.1 * v),
        Some("up to") | Some("fewer than") => (0.0, v),
        _ => (v, v),
    }
}

/// The stated figure of a claim: what a reader would quote as "the number".
pub fn point_value(c: &Claim) -> f64 {
    match c.qualifier.as_deref() {
        Some("at least") | Some("more than") => c.low,
        Some("nearly") | Some("up to") | Some("fewer than") => c.high,
        _ if !is_open(c) => (c.low + c.high) / 2.0,
        _ => c.low,
    }
}

/// Whether a claim's figure is a vague quantity ("dozens") rather than a stated number.
pub fn is_vague(c: &Claim) -> bool {
    matches!(
        c.qualifier.as_deref(),
        Some(
            "dozens"
                | "scores"
                | "hundreds"
                | "thousands"
                | "millions"
                | "tens of thousands"
                | "hundreds of thousands"
        )
    )
}

const VERB_BEFORE: &[(&str, &str)] = &[
    ("killed", "killed"),
    ("killing", "killed"),
    ("kills", "killed"),
    ("kill", "killed"),
    ("wounded", "wounded"),
    ("wounding", "wounded"),
    ("wounds", "wounded"),
    ("injured", "wounded"),
    ("injuring", "wounded"),
    ("injures", "wounded"),
    ("arrested", "arrested"),
    ("arresting", "arrested"),
    ("detained", "arrested"),
    ("detaining", "arrested"),
    ("displaced", "displaced"),
    ("displacing", "displaced"),
    ("uprooted", "displaced"),
];

const VERB_AFTER: &[(&str, &str)] = &[
    ("killed", "killed"),
    ("dead", "killed"),
    ("died", "killed"),
    ("perished", "killed"),
    ("wounded", "wounded"),
    ("injured", "wounded"),
    ("hurt", "wounded"),
    ("arrested", "arrested"),
    ("detained", "arrested"),
    ("displaced", "displaced"),
    ("fled", "displaced"),
    ("homeless", "displaced"),
];

const NOUNS: &[(&str, &str)] = &[
    ("deaths", "killed"),
    ("fatalities", "killed"),
    ("lives", "killed"),
    ("bodies", "killed"),
    ("casualties", "casualties"),
    ("injuries", "wounded"),
    ("arrests", "arrested"),
    ("detainees", "arrested"),
    ("refugees", "displaced"),
    ("troops", "troops"),
    ("soldiers", "troops"),
    ("servicemen", "troops"),
    ("marines", "troops"),
    ("peacekeepers", "troops"),
    ("fighters", "fighters"),
    ("militants", "fighters"),
    ("insurgents", "fighters"),
    ("rebels", "fighters"),
    ("combatants", "fighters"),
    ("gunmen", "fighters"),
    ("dollars", "usd"),
    ("dlrs", "usd"),
    ("usd", "usd"),
    ("euros", "eur"),
    ("pounds", "gbp"),
    ("percent", "percent"),
    ("pct", "percent"),
];

/// Words that end the noun phrase after a number.
const STOPS: &[&str] = &[
    "and", "but", "while", "after", "before", "when", "which", "that", "since", "because",
];

fn lookup(table: &[(&str, &'static str)], w: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(k, _)| w.eq_ignore_ascii_case(k))
        .map(|(_, v)| *v)
}

/// The numeric claims of one sentence; spans are relative to `sentence`.
pub fn claims_in(sentence: &str) -> Vec<(Span, f64, f64, Option<String>, String)> {
    let s = Sentence {
        s: sentence,
        t: lex(sentence),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.t.len() {
        let Some(mut n) = s.number(i) else {
            i += 1;
            continue;
        };
        if n.end <= i || s.not_a_count(i, &n) {
            i = n.end.max(i + 1);
            continue;
        }
        // Currency symbol just before, possibly after a qualifier: "more than $1 million".
        let sym_before = i > 0 && s.kind(i - 1) == Some(Kind::Sym) && s.text(i - 1) != "%";
        let lead = if sym_before { i - 1 } else { i };
        let mut qual: Option<&str> = n.vague;
        let mut first = lead;
        if n.vague.is_none() {
            if let Some((q, canon)) = s.qualifier(lead) {
                qual = Some(canon);
                first = q;
            } else if lead >= 1 && s.is(lead - 1, "between") {
                if let Some(m) = (s.is(n.end, "and")).then(|| s.number(n.end + 1)).flatten() {
                    n = NumExpr {
                        low: n.low,
                        high: m.high.max(n.low),
                        end: m.end,
                        vague: None,
                    };
                    qual = Some("between");
                    first = lead - 1;
                }
            }
            if qual.is_none() && (s.is(n.end, "to") || s.is(n.end, "-")) {
                if let Some(m) = s
                    .number(n.end + 1)
                    .filter(|m| m.low >= n.low && m.vague.is_none())
                {
                    n = NumExpr {
                        low: n.low,
                        high: m.high,
                        end: m.end,
                        vague: None,
                    };
                    qual = Some("between");
                }
            }
        }
        let (low, high) = match qual {
            Some("between") | Some("dozens" | "scores" | "hundreds" | "thousands" | "millions") => {
                (n.low, n.high)
            }
            Some(q) if n.vague.is_none() => range_of(Some(q), n.low),
            _ => (n.low, n.high),
        };
        let mut last = n.end;
        let mut measure: Option<&str> = None;
        if sym_before {
            measure = Some(match s.text(i - 1) {
                "€" => "eur",
                "£" => "gbp",
                _ => "usd",
            });
        } else if s.text(n.end) == "%" || s.is(n.end, "percent") || s.is(n.end, "pct") {
            measure = Some("percent");
            last = n.end + 1;
        } else if s.is(n.end, "per") && s.is(n.end + 1, "cent") {
            measure = Some("percent");
            last = n.end + 2;
        }
        // A verb just before: "killed at least 46 ...".
        if measure.is_none() && first > 0 {
            if let Some(m) = lookup(VERB_BEFORE, s.text(first - 1)) {
                measure = Some(m);
                first -= 1;
                // Take the counted noun along in the span: "killing more than 60 people".
                let mut k = n.end;
                while k < s.t.len()
                    && k < n.end + 4
                    && s.kind(k) == Some(Kind::Word)
                    && !s.any(k, STOPS)
                {
                    k += 1;
                    if s.any(k - 1, &["people", "persons", "civilians", "others"])
                        || lookup(NOUNS, s.text(k - 1)).is_some()
                    {
                        last = k;
                        break;
                    }
                }
            }
        }
        // A noun phrase after, then maybe a verb: "46 people were killed", "3,000 US troops".
        if measure.is_none() {
            let mut noun: Option<(&str, usize)> = None;
            let mut k = n.end;
            while k < s.t.len()
                && k < n.end + 7
                && s.kind(k) == Some(Kind::Word)
                && !s.any(k, STOPS)
            {
                if let Some(m) = lookup(VERB_AFTER, s.text(k)) {
                    measure = Some(m);
                    last = k + 1;
                    break;
                }
                if noun.is_none() {
                    if let Some(m) = lookup(NOUNS, s.text(k)) {
                        noun = Some((m, k + 1));
                    }
                }
                k += 1;
            }
            if measure.is_none() {
                if let Some((m, e)) = noun {
                    measure = Some(m);
                    last = e;
                }
            }
        }
        // A death toll: "the death toll rose to 60".
        if measure.is_none() {
            let from = first.saturating_sub(5);
            if (from..first).any(|k| s.is(k, "toll")) {
                measure = Some("killed");
            }
        }
        if let Some(m) = measure {
            let a = s.t[first].start;
            let b =
                s.t.get(last.max(n.end) - 1)
                    .map_or(sentence.len(), |t| t.end);
            out.push((
                Span::new(a, b),
                low,
                high,
                qual.map(str::to_string),
                m.to_string(),
            ));
        }
        i = n.end.max(i + 1);
    }
    out
}

/// The claims of a document, sentence by sentence (the whole text when there are no sentences).
pub fn extract(doc: &Document) -> Vec<Claim> {
    let mut out = Vec::new();
    let whole = [Span::new(0, doc.text.len())];
    let spans: Vec<Span> = if doc.sentences.is_empty() {
        whole.to_vec()
    } else {
        doc.sentences.iter().map(|s| s.span).collect()
    };
    for (k, sp) in spans.iter().enumerate() {
        let Some(text) = doc.text.get(sp.range()) else {
            continue;
        };
        for (span, low, high, qualifier, measure) in claims_in(text) {
            out.push(Claim {
                span: Span {
                    start: sp.start + span.start,
                    end: sp.start + span.end,
                },
                low,
                high,
                qualifier,
                measure,
                sentence: k as u32,
            });
        }
    }
    out
}

/// The claims stage: fills `doc.claims`.
pub struct ClaimStage;

impl Stage for ClaimStage {
    fn name(&self) -> &'static str {
        "claims"
    }
    fn requires(&self) -> Layers {
        Layers::TOKENS | Layers::SENTENCES
    }
    fn produces(&self) -> Layers {
        Layers::CLAIMS
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.claims = extract(doc);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> (String, f64, f64, Option<String>, String) {
        let c = claims_in(s);
        assert_eq!(c.len(), 1, "{s}: {c:?}");
        let (sp, lo, hi, q, m) = c[0].clone();
        (sp.text(s).to_string(), lo, hi, q, m)
    }

    #[test]
    fn tolls_with_qualifiers() {
        let (t, lo, hi, q, m) =
            one("A bomb tore through the market, killing more than 60 people on Sunday.");
        assert_eq!(
            (t.as_str(), lo, hi, q.as_deref(), m.as_str()),
            (
                "killing more than 60 people",
                60.0,
                OPEN,
                Some("more than"),
                "killed"
            )
        );
        let (t, lo, _, q, m) =
            one("On Sunday a gunman killed at least 46 elderly village residents.");
        assert_eq!(
            (t.as_str(), lo, q.as_deref(), m.as_str()),
            ("killed at least 46", 46.0, Some("at least"), "killed")
        );
        let (_, lo, hi, q, m) = one("Nearly 200 people were injured in the blast.");
        assert_eq!(
            (lo, hi, q.as_deref(), m.as_str()),
            (180.0, 200.0, Some("nearly"), "wounded")
        );
        let (_, lo, hi, _, m) = one("Police said forty-six protesters were arrested overnight.");
        assert_eq!((lo, hi, m.as_str()), (46.0, 46.0, "arrested"));
        let (_, lo, hi, q, m) = one("The death toll rose to 112, officials said.");
        assert_eq!((lo, hi, q, m.as_str()), (112.0, 112.0, None, "killed"));
    }

    #[test]
    fn two_claims_and_vague_words() {
        let s = "The blast killed 12 and wounded dozens of shoppers.";
        let c = claims_in(s);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!((c[0].1, c[0].4.as_str()), (12.0, "killed"));
        assert_eq!(
            (c[1].1, c[1].2, c[1].3.as_deref(), c[1].4.as_str()),
            (24.0, 99.0, Some("dozens"), "wounded")
        );
        let (_, lo, hi, _, m) = one("Hundreds of families were displaced by the floods.");
        assert_eq!((lo, hi, m.as_str()), (200.0, 999.0, "displaced"));
    }

    #[test]
    fn troops_money_percent_ranges() {
        let (_, lo, _, _, m) = one("The alliance will send 3,000 more troops to the border.");
        assert_eq!((lo, m.as_str()), (3000.0, "troops"));
        let (_, lo, _, _, m) = one("Donors pledged $1.2 billion for reconstruction.");
        assert_eq!((lo, m.as_str()), (1.2e9, "usd"));
        let (_, lo, _, _, m) = one("Turnout was 45 percent in the capital.");
        assert_eq!((lo, m.as_str()), (45.0, "percent"));
        let (_, lo, hi, q, m) = one("Between 40 and 50 fighters surrendered.");
        assert_eq!(
            (lo, hi, q.as_deref(), m.as_str()),
            (40.0, 50.0, Some("between"), "fighters")
        );
        let (_, lo, hi, _, m) = one("Officials said 30 to 35 people died.");
        assert_eq!((lo, hi, m.as_str()), (30.0, 35.0, "killed"));
        let (_, lo, hi, q, _) = one("Up to two hundred and fifty soldiers were deployed.");
        assert_eq!((lo, hi, q.as_deref()), (0.0, 250.0, Some("up to")));
    }

    #[test]
    fn numbers_that_are_not_counts() {
        for s in [
            "The two-day talks ended on Tuesday.",
            "A 33-year-old man was arrested.",
            "He was killed on March 3 in the city.",
            "In 2019 the talks were held in the capital.",
            "The meeting starts at 10:30 with 12 delegations.",
            "It was the 3rd time the envoys met.",
            "Shares rose after the announcement.",
            "No one was hurt in the fire.",
            "",
        ] {
            assert!(claims_in(s).is_empty(), "{s}: {:?}", claims_in(s));
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        for s in [
            "$",
            "%",
            "1,",
            "killed at least",
            "between 5 and",
            "a",
            "twenty-",
            "é 5 ü killed",
            "9999999999999999999999 dead",
        ] {
            let _ = claims_in(s);
        }
    }
}
