//! Where an indirect statement after its cue ends: a learned ranker over the places a content
//! could stop in its sentence ("attacked Machado | in early-morning tweets", "headed to the
//! venue | , which she was doing …"). PolNeAR leaves a trailing adjunct out about half the time
//! and a coordinated clause in about as often, so the choice is made for the eval's match: the
//! end whose content most likely overlaps the true one by half (a minimum-risk choice over the
//! ranker's probabilities), with a bonus for the end the tagger or the rules chose.
//!
//! The ranker is a log-linear model over hashed features of each candidate end (the words and
//! classes on both sides of it, the content's length, what the rest of the sentence holds, the
//! cue), trained on the gold contents of PolNeAR train (`examples/train_ends.rs`, writing
//! `resources/ends.bin`; see `resources/ends.manifest`). An end never cuts a subject from its
//! verb ([`cuts_clause`]).
//!
//! A second table of the same kind chooses first where a content after its cue starts (not a
//! direct quotation): at the cue, or up to [`MAX_SKIP`] tokens past it ("told | his advisers to
//! …", "told his advisers | to …"), by the same minimum-risk rule with its own bonus for the start
//! already chosen ([`START_KEEP_BONUS`]).

use dossier_core::{Quote, QuoteKind, Sentence, Span, Token};

use crate::learn::{level, stem, GoldAttr, TrainDoc};
use crate::rules::{context, kind_of, Ctx, CueStrength, Lexicon};

/// Feature hash width: 2^BITS weights.
pub const BITS: u32 = 16;
const SIZE: usize = 1 << BITS;
const MAGIC: &[u8; 4] = b"DQE2";
/// The form of a model with an end table only.
const MAGIC_ENDS: &[u8; 4] = b"DQE1";

/// The bonus of the end already chosen, in the ranker's scores.
pub const KEEP_BONUS: f32 = 8.0;

/// The bonus of the start already chosen, in the ranker's scores.
pub const START_KEEP_BONUS: f32 = 16.0;

/// Whether the start is the one most likely to overlap the true one by half.
pub const START_RISK: bool = true;

/// How much an end's own probability adds to its chance of overlapping the true one by half.
pub const EXACT_WEIGHT: f32 = 0.0;

/// The ranker's weights.
#[derive(Clone, Debug)]
pub struct Ends {
    /// The end table, then the start table (2 * 2^BITS weights).
    w: Vec<f32>,
    /// Added to the score of the end already chosen.
    pub keep: f32,
    /// Pick the end most likely to overlap the true one by half, not the likeliest end.
    pub risk: bool,
    /// How much the end's own probability adds to its chance of a half overlap.
    pub exact: f32,
    /// Choose starts too (when the start table is trained).
    pub starts: bool,
    /// Added to the score of the start already chosen.
    pub start_keep: f32,
    /// Pick the start most likely to overlap the true one by half, not the likeliest start.
    pub start_risk: bool,
}

fn h(t: u8, parts: &[&str]) -> u32 {
    let mut x: u32 = 0x811c_9dc5 ^ t as u32;
    x = x.wrapping_mul(0x0100_0193);
    for p in parts {
        for b in p.bytes() {
            x = (x ^ b as u32).wrapping_mul(0x0100_0193);
        }
        x = (x ^ 0xff).wrapping_mul(0x0100_0193);
    }
    x ^= x >> 15;
    x = x.wrapping_mul(0x2c1b_3c6d);
    x ^= x >> 12;
    x & (SIZE as u32 - 1)
}

fn bucket(v: usize) -> &'static str {
    match v {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=5 => "4-5",
        6..=8 => "6-8",
        9..=12 => "9-12",
        13..=20 => "13-20",
        21..=30 => "21-30",
        _ => "31+",
    }
}

/// One content to place the end of: its sentence `[f, l)`, the cue's head token, the content's
/// first token `s`.
struct Site {
    f: usize,
    l: usize,
    head: usize,
    s: usize,
}

fn is_punct(t: &str) -> bool {
    !t.chars().next().is_some_and(char::is_alphanumeric)
}

/// What the ranker reads of one token, looked up once per sentence.
#[derive(Clone, Copy)]
struct Info {
    cls: &'static str,
    /// A strong cue word (inside a quotation or not).
    strong: bool,
    /// A form with a verb sense in WordNet.
    verb: bool,
    /// The distributional class at level 1, as decimal digits.
    clus: [u8; 10],
    clus_len: u8,
}

impl Info {
    fn clus(&self) -> &str {
        std::str::from_utf8(&self.clus[..self.clus_len as usize]).unwrap_or("")
    }
}

/// The decimal digits of `v`.
fn digits(mut v: u32) -> ([u8; 10], u8) {
    let mut buf = [0u8; 10];
    let mut n = 0;
    loop {
        buf[n] = b'0' + (v % 10) as u8;
        n += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    buf[..n].reverse();
    (buf, n as u8)
}

/// The facts of one sentence `[f, l)` the candidates and features read: each token's
/// [`Info`], and running counts (from `f`) of commas, of clause breaks (a comma, dash or
/// semicolon before a conjunction, a relative word, a participle or "that") and of the words
/// that make a clause (a form of "be", "have", a modal, a subject pronoun); where the next
/// break mark is.
#[derive(Default)]
struct Facts {
    f: usize,
    l: usize,
    info: Vec<Info>,
    commas: Vec<u32>,
    breaks: Vec<u32>,
    clause: Vec<u32>,
    next_mark: Vec<usize>,
}

impl Facts {
    /// Fills the facts of the sentence `[f, l)`, unless they are already those.
    fn fill(&mut self, ctx: &Ctx, f: usize, l: usize) {
        if self.f == f && self.l == l && self.info.len() == l - f {
            return;
        }
        self.f = f;
        self.l = l;
        self.info.clear();
        for t in &ctx.toks[f..l] {
            let (clus, clus_len) = digits(level(t.cl, 1));
            self.info.push(Info {
                cls: t.cls,
                strong: t.cue == Some(CueStrength::Strong),
                verb: t.wn >> 24 & 15 != 0,
                clus,
                clus_len,
            });
        }
        let n = l - f;
        self.commas.clear();
        self.breaks.clear();
        self.clause.clear();
        let (mut c, mut b, mut k) = (0, 0, 0);
        for j in 0..n {
            self.commas.push(c);
            self.breaks.push(b);
            self.clause.push(k);
            let t = &ctx.toks[f + j];
            c += u32::from(t.text == ",");
            b += u32::from(
                j > 0
                    && matches!(ctx.toks[f + j - 1].text, "," | "—" | ";")
                    && matches!(self.info[j].cls, "CC" | "WH" | "VBG" | "THAT"),
            );
            k += u32::from(matches!(self.info[j].cls, "BE" | "MOD" | "HAVE" | "PRON"));
        }
        self.commas.push(c);
        self.breaks.push(b);
        self.clause.push(k);
        self.next_mark.clear();
        self.next_mark.resize(n + 1, l);
        for j in (0..n).rev() {
            self.next_mark[j] = if matches!(ctx.toks[f + j].text, "," | ";" | "—" | "–" | ":") {
                f + j
            } else {
                self.next_mark[j + 1]
            };
        }
    }

    /// Forgets the sentence (for another text).
    fn clear(&mut self) {
        self.info.clear();
    }

    fn at(&self, i: usize) -> &Info {
        &self.info[i - self.f]
    }

    /// A strong cue outside quotations at token `i`.
    fn cue_at(&self, ctx: &Ctx, i: usize) -> bool {
        !ctx.toks[i].in_quote && self.at(i).strong
    }
}

/// The token ends `e` (content `[s, e)`) a content may have, into `out`: where a phrase or
/// clause that a statement may leave out begins (a comma before a clause, an apposition or a
/// report, a dash or bracket, a quotation, a preposition or conjunction of an adjunct: "in",
/// "during", "since", "while"; a relative word; "and"/"but" after a comma or before a verb) or at
/// the sentence's end; never after a function word or an adverb ("… LBC, when"), nor inside a
/// quotation, nor past another report's cue ("…, Southern said this will …"). The end already
/// chosen, `keep`, is always one.
fn candidates(ctx: &Ctx, fa: &Facts, site: &Site, keep: usize, out: &mut Vec<usize>) {
    out.clear();
    let toks = &ctx.toks;
    // Another report's cue outside quotations: a content never grows over one.
    let first_cue = (keep.min(site.l)..site.l)
        .find(|&j| fa.cue_at(ctx, j))
        .unwrap_or(site.l);
    for e in site.s + 1..=site.l {
        if e == keep && !parenthetical_cut(ctx, fa, site, e) {
            out.push(e);
            continue;
        }
        if e > keep && e > first_cue {
            continue;
        }
        let p = &toks[e - 1];
        let pc = fa.at(e - 1).cls;
        let inside =
            e < site.l && (toks[e].in_quote || toks[e].close_q) && (p.in_quote || p.open_q);
        let dangling = !p.close_q && is_punct(p.text) && !matches!(p.text, ")" | "%" | "$");
        let function = matches!(
            pc,
            "DET"
                | "IN"
                | "CC"
                | "TO"
                | "THAT"
                | "WH"
                | "BE"
                | "HAVE"
                | "MOD"
                | "NEG"
                | "ADV"
                | "VBG"
        ) || matches!(p.lower.as_ref(), "even" | "only" | "just" | "also" | "very");
        // A verb after a modal or "to" ("will result", "to buy") wants what follows it.
        let verb = e >= site.s + 2 && matches!(fa.at(e - 2).cls, "MOD" | "TO");
        if inside || dangling || function || verb {
            continue;
        }
        if e >= site.l || toks[e].open_q {
            out.push(e);
            continue;
        }
        let t = &toks[e];
        let tc = fa.at(e).cls;
        // A comma ends a statement before a clause or phrase of its own kind (", which",
        // ", but", ", a company that", ", the spokesman said"), not in the middle of one
        // (", other than those …, will be entitled").
        if t.text == "," {
            if e + 1 >= site.l {
                out.push(e);
                continue;
            }
            let n = &toks[e + 1];
            let report = (e + 1..(e + 5).min(site.l))
                .take_while(|&j| toks[j].text != ",")
                .any(|j| fa.cue_at(ctx, j));
            if (report
                || n.open_q
                || ADJUNCT_OPENERS.contains(&n.lower.as_ref())
                || matches!(fa.at(e + 1).cls, "CC" | "WH" | "VBG" | "THAT" | "DET")
                || matches!(n.lower.as_ref(), "so" | "even" | "then" | "citing"))
                && !cuts_clause(ctx, fa, site, e)
            {
                out.push(e);
            }
            continue;
        }
        if BOUNDARY_MARKS.contains(&t.text) {
            out.push(e);
            continue;
        }
        let verb_next = e + 1 < site.l && {
            let n = fa.at(e + 1);
            matches!(n.cls, "VBD" | "S" | "ADV" | "MOD" | "BE" | "HAVE") && n.verb
        };
        if (ADJUNCT_OPENERS.contains(&t.lower.as_ref())
            || tc == "WH"
            || (tc == "CC" && (p.text == "," || verb_next)))
            && !cuts_clause(ctx, fa, site, e)
        {
            out.push(e);
        }
    }
}

/// Whether the end `e` (at a word, or at a comma before a relative word) cuts a clause from its
/// verb: a subject with no verb of its own before a relative clause that a verb follows ("new
/// rules of the Board | , which are effective in January, require …", "others | who see … as
/// unacceptable, is likely …"), or a short clause after "if" or "because" before its verb's
/// complement ("if he brings | in a budget").
fn cuts_clause(ctx: &Ctx, fa: &Facts, site: &Site, e: usize) -> bool {
    let toks = &ctx.toks;
    let l = site.l;
    let at = |v: &[u32], i: usize| v[i - fa.f];
    let relative = match fa.at(e).cls {
        "WH" => Some(e + 1),
        "," if e + 1 < l && matches!(fa.at(e + 1).cls, "WH" | "THAT") => Some(e + 2),
        _ => None,
    };
    if let Some(r) = relative.filter(|_| at(&fa.clause, e) == at(&fa.clause, site.s)) {
        // The comma that closes the relative clause, then a verb.
        let close = fa.next_mark[r.min(l) - fa.f];
        if close + 1 < l && toks[close].text == "," && sure_verb(ctx, fa, close + 1) {
            return true;
        }
    }
    if is_punct(toks[e].text) || e < site.s + 3 {
        return false;
    }
    let last = fa.at(e - 1);
    let verb_last = matches!(last.cls, "BE" | "HAVE")
        || (matches!(last.cls, "S" | "VBD" | "x") && last.verb && !last.strong);
    verb_last
        && (e.saturating_sub(3).max(site.s)..e - 1).any(|j| {
            SUBORDINATORS.contains(&toks[j].lower.as_ref())
                && toks.get(j + 1).is_some_and(|n| n.lower != "of")
        })
}

/// Whether the end `e`, at a comma, leaves a subject with no verb of its own before a phrase set
/// off by commas that a verb follows ("this acquisition | , coupled with its purchase of Kelly,
/// contributes …").
fn parenthetical_cut(ctx: &Ctx, fa: &Facts, site: &Site, e: usize) -> bool {
    let toks = &ctx.toks;
    let l = site.l;
    let at = |v: &[u32], i: usize| v[i - fa.f];
    if e + 1 >= l || toks[e].text != "," || at(&fa.clause, e) != at(&fa.clause, site.s) {
        return false;
    }
    let close = fa.next_mark[e + 1 - fa.f];
    close + 1 < l && close - e <= 12 && toks[close].text == "," && sure_verb(ctx, fa, close + 1)
}

/// Words that open a clause of its own (not a preposition's phrase).
const SUBORDINATORS: &[&str] = &[
    "if", "when", "because", "although", "though", "unless", "whereas", "while",
];

/// A word that is surely the verb of a clause: a form of "be" or "have", a modal, or a
/// lower-case form with a verb sense that is not a cue word ("require", "remains").
fn sure_verb(ctx: &Ctx, fa: &Facts, i: usize) -> bool {
    let n = fa.at(i);
    match n.cls {
        "BE" | "HAVE" | "MOD" => true,
        "x" | "S" | "VBD" => {
            n.verb
                && !n.strong
                && !ADJUNCT_OPENERS.contains(&ctx.toks[i].lower.as_ref())
                && ctx.toks[i]
                    .text
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
        }
        _ => false,
    }
}

/// Marks that may stand where a statement ends (not the "'s" of a possessive).
const BOUNDARY_MARKS: &[&str] = &[
    ",", ";", ":", "—", "–", "--", "-", "(", ".", "!", "?", "\"", "“", "”", "‘", "’", "'",
];

/// Words that open an adjunct a statement may leave out (not "of", "for", "to" or "by", whose
/// phrases mostly belong to the words before them).
const ADJUNCT_OPENERS: &[&str] = &[
    "in",
    "on",
    "at",
    "during",
    "since",
    "after",
    "before",
    "while",
    "as",
    "amid",
    "despite",
    "because",
    "although",
    "though",
    "until",
    "through",
    "via",
    "without",
    "following",
    "including",
    "unless",
    "if",
    "whereas",
    "with",
    "over",
];

/// The end that leaves out only the punctuation at the sentence's end.
fn sentence_end(ctx: &Ctx, site: &Site) -> usize {
    let mut e = site.l;
    while e > site.s + 1 && is_punct(ctx.toks[e - 1].text) && !ctx.toks[e - 1].close_q {
        e -= 1;
    }
    e
}

/// What the features of every end of one site share.
struct SiteFacts<'a> {
    last: usize,
    cue: &'a str,
    first: &'a str,
}

impl<'a> SiteFacts<'a> {
    fn new(ctx: &'a Ctx, fa: &Facts, site: &Site) -> SiteFacts<'a> {
        let s = site.s;
        let first = match fa.at(s).cls {
            "THAT" | "TO" | "WH" | "Q" => ctx.toks[s].lower.as_ref(),
            c => c,
        };
        SiteFacts {
            last: sentence_end(ctx, site),
            cue: stem(&ctx.toks[site.head].lower),
            first,
        }
    }
}

/// The features of the end `e`.
fn features(ctx: &Ctx, fa: &Facts, site: &Site, sf: &SiteFacts, e: usize, out: &mut Vec<u32>) {
    out.clear();
    let toks = &ctx.toks;
    let (s, l, last) = (site.s, site.l, sf.last);
    let word = |i: usize| {
        if i >= l {
            "</s>"
        } else {
            toks[i].lower.as_ref()
        }
    };
    let cls = |i: usize| if i >= l { "</s>" } else { fa.at(i).cls };
    let clus = |i: usize| if i >= l { "</s>" } else { fa.at(i).clus() };
    let (nx, nx2, pv) = (cls(e), cls(e + 1), cls(e - 1));
    let (wn, wn2, wp) = (word(e), word(e + 1), word(e - 1));
    let len = bucket(e - s);
    let rest = bucket(last.saturating_sub(e));
    let at_end = if e >= last { "end" } else { "mid" };
    let (cue, first) = (sf.cue, sf.first);
    let at = |v: &[u32], i: usize| v[i - fa.f];
    let commas = bucket((at(&fa.commas, e) - at(&fa.commas, s)) as usize);
    let breaks = bucket((at(&fa.breaks, e) - at(&fa.breaks, s + 1)) as usize);
    // How far the stretch after the end runs before the next comma or the sentence's end.
    let next_break = if e >= last {
        e
    } else {
        at_next(fa, e).min(last)
    };
    let stretch = bucket(next_break - e);
    let cue_next = if e < l && fa.at(e).strong { "cue" } else { "-" };
    let quote_edge = match (e < l && toks[e].open_q, toks[e - 1].close_q) {
        (true, true) => "both",
        (true, false) => "opens",
        (false, true) => "closed",
        _ => "-",
    };
    let (kn, kp) = (clus(e), clus(e - 1));
    // A content that holds a clause of its own ("that X did Y", "to do Y", "X was Y") keeps the
    // adjuncts of its own verb; an object noun phrase leaves out those of the cue's.
    let clausal = if matches!(first, "that" | "to" | "WH") {
        first
    } else if at(&fa.clause, e) > at(&fa.clause, s) {
        "clause"
    } else {
        "np"
    };
    for f in [
        h(0, &[]),
        h(1, &[nx]),
        h(2, &[wn]),
        h(3, &[pv]),
        h(4, &[wp]),
        h(5, &[pv, nx]),
        h(6, &[nx, nx2]),
        h(7, &[wn, wn2]),
        h(8, &[len]),
        h(9, &[rest]),
        h(10, &[at_end]),
        h(11, &[cue, nx]),
        h(12, &[cue, at_end]),
        h(13, &[first, nx]),
        h(14, &[commas, nx]),
        h(15, &[cue_next]),
        h(16, &[kn]),
        h(17, &[kp]),
        h(18, &[kn, pv]),
        h(19, &[breaks, nx]),
        h(20, &[nx, len]),
        h(21, &[quote_edge]),
        h(22, &[stretch, nx]),
        h(23, &[wn, len]),
        h(24, &[first, at_end]),
        h(25, &[len, at_end]),
        h(26, &[wp, nx]),
        h(27, &[cue, wn]),
        h(28, &[rest, nx]),
        h(29, &[clausal, nx]),
        h(30, &[clausal, wn]),
        h(31, &[clausal, at_end]),
        h(32, &[clausal, len, nx]),
    ] {
        out.push(f);
    }
}

/// The first break mark at or after token `e` of the sentence (its end when none).
fn at_next(fa: &Facts, e: usize) -> usize {
    fa.next_mark[e - fa.f]
}

/// How many tokens past its cue (or a speaker after it) a content may start.
pub const MAX_SKIP: usize = 10;

/// One content to place the start of: its sentence `[f, l)`, the cue's head token, the first
/// token it may start at `lo` (after the cue, and after a speaker named after the cue), its end
/// `e` (exclusive).
struct StartSite {
    f: usize,
    l: usize,
    head: usize,
    lo: usize,
    e: usize,
}

/// The site of a content after its cue in the cue's sentence, for its start.
fn start_site(
    ctx: &Ctx,
    sentences: &[Sentence],
    cue: Option<Span>,
    speaker: Option<Span>,
    content: Span,
) -> Option<(StartSite, usize)> {
    let cue = cue?;
    if content.start < cue.end {
        return None;
    }
    let si = sentences.partition_point(|x| x.span.end <= cue.start);
    let sent = sentences.get(si)?;
    if content.end > sent.span.end || sent.span.start > cue.start {
        return None;
    }
    let at = |b: u32| ctx.toks.partition_point(|t| t.span.start < b);
    let (f, l) = (at(sent.span.start), at(sent.span.end));
    let (c0, c1) = (at(cue.start), at(cue.end));
    let (s, e) = (at(content.start), at(content.end));
    if !(f <= c0 && c1 <= s && s < e && e <= l) || ctx.toks[s].span.start != content.start {
        return None;
    }
    let mut lo = c1;
    if let Some(sp) = speaker.filter(|sp| sp.start >= cue.end && sp.end <= content.start) {
        lo = at(sp.end);
    }
    if lo > s {
        return None;
    }
    let head = (c0..c1)
        .find(|&i| !crate::learn::is_aux(&ctx.toks[i]))
        .unwrap_or(c0);
    Some((StartSite { f, l, head, lo, e }, s))
}

/// The token starts `x` (content `[x, e)`) a content after its cue may have: up to
/// [`MAX_SKIP`] tokens past where it may first start, at a word or an opening quotation mark,
/// never inside a quotation nor after a determiner, a possessive "'s" or a bare word before a
/// noun ("natural | gas exports", not a time: "said today | prices …"). The start already
/// chosen, `keep`, is always one.
fn start_candidates(ctx: &Ctx, fa: &Facts, site: &StartSite, keep: usize, out: &mut Vec<usize>) {
    out.clear();
    let toks = &ctx.toks;
    let top = (site.lo + MAX_SKIP).min(site.e - 1);
    for x in site.lo..site.e {
        if x == keep {
            out.push(x);
            continue;
        }
        if x > top {
            continue;
        }
        let t = &toks[x];
        if !t.open_q && (is_punct(t.text) || t.in_quote) {
            continue;
        }
        if x > site.lo {
            let p = &toks[x - 1];
            if fa.at(x - 1).cls == "DET" || matches!(p.lower.as_ref(), "'s" | "’s") || p.open_q {
                continue;
            }
            // Nor inside a noun phrase, after a bare word before a noun ("natural | gas", "gas
            // | exports"), unless the word is a time ("said today | prices will rise").
            if matches!(fa.at(x - 1).cls, "x" | "S" | "NN")
                && matches!(fa.at(x).cls, "x" | "S" | "NN")
                && !TIMES.contains(&p.lower.as_ref())
            {
                continue;
            }
        }
        out.push(x);
    }
}

/// Words of time that may stand between a cue and its content.
const TIMES: &[&str] = &[
    "today",
    "yesterday",
    "tonight",
    "now",
    "week",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "night",
    "earlier",
    "later",
];

/// The features of the start `x`, in the start table (indices from `SIZE`).
fn start_features(ctx: &Ctx, fa: &Facts, site: &StartSite, x: usize, out: &mut Vec<u32>) {
    out.clear();
    let toks = &ctx.toks;
    let (lo, e) = (site.lo, site.e);
    let cls = |i: usize| fa.at(i).cls;
    let (cx, cp) = (cls(x), cls(x - 1));
    let (wx, wp) = (toks[x].lower.as_ref(), toks[x - 1].lower.as_ref());
    let kx = fa.at(x).clus();
    let skip = bucket(x - lo);
    let len = bucket(e - x);
    let cue = stem(&toks[site.head].lower);
    let at = |v: &[u32], i: usize| v[i - fa.f];
    // What the words left out before the start hold.
    let skipped: [&str; 3] = std::array::from_fn(|k| {
        if lo + k < x {
            if k == 2 && x - lo > 3 {
                "more"
            } else {
                cls(lo + k)
            }
        } else {
            "-"
        }
    });
    let skip_clause = if at(&fa.clause, x) > at(&fa.clause, lo) {
        "clause"
    } else {
        "-"
    };
    let skip_comma = if at(&fa.commas, x) > at(&fa.commas, lo) {
        "comma"
    } else {
        "-"
    };
    let skip_cue = if (lo..x).any(|j| fa.cue_at(ctx, j)) {
        "cue"
    } else {
        "-"
    };
    let clausal = if matches!(cx, "THAT" | "TO" | "WH") {
        cx
    } else if at(&fa.clause, e) > at(&fa.clause, x) {
        "clause"
    } else {
        "np"
    };
    let first = if lo < e { cls(lo) } else { "-" };
    for f in [
        h(40, &[]),
        h(41, &[skip]),
        h(42, &[cx]),
        h(43, &[wx]),
        h(44, &[cp]),
        h(45, &[wp]),
        h(46, &[cp, cx]),
        h(47, &[wp, wx]),
        h(48, &[wp, cx]),
        h(49, &[kx]),
        h(50, &[cue, cx]),
        h(51, &[cue, wx]),
        h(52, &[cue, skip]),
        h(53, &[cx, skip]),
        h(54, &[len]),
        h(55, &[skipped[0], skipped[1], skipped[2]]),
        h(56, &[skip_clause, clausal, cx]),
        h(57, &[skip_comma, cx]),
        h(58, &[skip_cue, skip]),
        h(59, &[first, skip]),
        h(60, &[clausal, len]),
        h(61, &[skipped[0], cx]),
        h(62, &[cue, skipped[0], skip]),
    ] {
        out.push(f + SIZE as u32);
    }
}

/// The candidates' scores turned into probabilities, in place.
fn softmax(z: &mut [f32]) {
    let m = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in z.iter_mut() {
        *v = (*v - m).exp();
        sum += *v;
    }
    for v in z.iter_mut() {
        *v /= sum;
    }
}

impl Ends {
    /// The shipped model, `resources/ends.bin` (see `resources/ends.manifest`).
    pub fn shipped() -> Option<Ends> {
        Ends::from_bytes(include_bytes!("../resources/ends.bin"))
    }

    /// Reads the stored form: magic, then (index u32, weight f32) pairs, little-endian (the end
    /// table's indices first, the start table's from 2^BITS).
    pub fn from_bytes(b: &[u8]) -> Option<Ends> {
        // An empty table is no ranker.
        if b.len() <= MAGIC.len() {
            return None;
        }
        let w = match crate::filter::read_sparse(b, MAGIC, 2 * SIZE) {
            Some(w) => w,
            None => {
                let mut w = crate::filter::read_sparse(b, MAGIC_ENDS, SIZE)?;
                w.resize(2 * SIZE, 0.0);
                w
            }
        };
        let starts = w[SIZE..].iter().any(|&v| v != 0.0);
        Some(Ends {
            w,
            keep: KEEP_BONUS,
            risk: true,
            exact: EXACT_WEIGHT,
            starts,
            start_keep: START_KEEP_BONUS,
            start_risk: START_RISK,
        })
    }

    /// The stored form of the non-zero weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        crate::filter::write_sparse(MAGIC, &self.w)
    }

    /// The ranker with the start table of `other`.
    pub fn with_starts_of(mut self, other: &Ends) -> Ends {
        self.w[SIZE..].copy_from_slice(&other.w[SIZE..]);
        self.starts = other.starts;
        self
    }

    fn score(&self, feats: &[u32]) -> f32 {
        feats.iter().map(|&f| self.w[f as usize]).sum()
    }

    /// The start to give a content `[cur, site.e)`.
    fn choose_start(
        &self,
        ctx: &Ctx,
        fa: &Facts,
        site: &StartSite,
        cur: usize,
        sc: &mut Scratch,
    ) -> usize {
        start_candidates(ctx, fa, site, cur, &mut sc.cands);
        if sc.cands.len() < 2 || !sc.cands.contains(&cur) {
            return cur;
        }
        sc.p.clear();
        for &x in &sc.cands {
            start_features(ctx, fa, site, x, &mut sc.feats);
            sc.p.push(self.score(&sc.feats) + if x == cur { self.start_keep } else { 0.0 });
        }
        softmax(&mut sc.p);
        let end = ctx.toks[site.e - 1].span.end;
        let len = |x: usize| (end - ctx.toks[x].span.start) as f32;
        let k = sc.cands.iter().position(|&x| x == cur).unwrap_or(0);
        if !self.start_risk {
            return sc.cands[argmax(&sc.p, k)];
        }
        half_overlap_gain(&sc.cands, &sc.p, len, 0.0, &mut sc.gain);
        sc.cands[argmax(&sc.gain, k)]
    }

    /// The end to give a content `[site.s, cur)`.
    fn choose(&self, ctx: &Ctx, fa: &Facts, site: &Site, cur: usize, sc: &mut Scratch) -> usize {
        candidates(ctx, fa, site, cur, &mut sc.cands);
        // An end found elsewhere that cuts a subject from its verb across a phrase set off by
        // commas is not kept: another candidate replaces it.
        let cut = parenthetical_cut(ctx, fa, site, cur);
        if sc.cands.is_empty() || (!cut && (sc.cands.len() < 2 || !sc.cands.contains(&cur))) {
            return cur;
        }
        let sf = SiteFacts::new(ctx, fa, site);
        sc.p.clear();
        for &e in &sc.cands {
            features(ctx, fa, site, &sf, e, &mut sc.feats);
            sc.p.push(self.score(&sc.feats) + if e == cur { self.keep } else { 0.0 });
        }
        softmax(&mut sc.p);
        let start = ctx.toks[site.s].span.start;
        let len = |e: usize| (ctx.toks[e - 1].span.end - start) as f32;
        let k = sc.cands.iter().position(|&e| e == cur).unwrap_or(0);
        if !self.risk {
            return sc.cands[argmax(&sc.p, k)];
        }
        half_overlap_gain(&sc.cands, &sc.p, len, self.exact, &mut sc.gain);
        sc.cands[argmax(&sc.gain, k)]
    }

    /// Moves the starts (with a start table) and the ends of the contents after their cue in
    /// `quotes`: a start among the places up to [`MAX_SKIP`] tokens past the cue (not of a direct
    /// quotation), then the end of an indirect content.
    #[allow(clippy::too_many_arguments)]
    pub fn adjust(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        paras: &[Span],
        lex: &Lexicon,
        quotes: &mut [Quote],
    ) {
        if quotes.is_empty() {
            return;
        }
        let ctx = context(text, tokens, paras, lex, true);
        self.adjust_in(&ctx, sentences, quotes);
    }

    /// [`Ends::adjust`] with the rules' reading of the text.
    pub(crate) fn adjust_in(&self, ctx: &Ctx, sentences: &[Sentence], quotes: &mut [Quote]) {
        let mut fa = Facts::default();
        let mut sc = Scratch::default();
        for q in quotes.iter_mut() {
            if self.starts && q.kind != QuoteKind::Direct {
                if let Some((site, cur)) = start_site(ctx, sentences, q.cue, q.speaker, q.span) {
                    fa.fill(ctx, site.f, site.l);
                    let x = self.choose_start(ctx, &fa, &site, cur, &mut sc);
                    if x != cur {
                        q.span = Span::new(ctx.toks[x].span.start as usize, q.span.end as usize);
                        q.kind = kind_of(ctx, q.span);
                    }
                }
            }
            let Some(site) = site_of(ctx, sentences, q.cue, q.span) else {
                continue;
            };
            fa.fill(ctx, site.f, site.l);
            let cur = ctx.toks.partition_point(|t| t.span.start < q.span.end);
            let e = self.choose(ctx, &fa, &site, cur, &mut sc);
            if e != cur {
                q.span = Span::new(q.span.start as usize, ctx.toks[e - 1].span.end as usize);
                q.kind = kind_of(ctx, q.span);
            }
        }
    }
}

/// For each candidate, its chance of overlapping the true one by half (the candidates'
/// probabilities `p` summed over those whose length, by `len`, is within half of its own; the
/// contents share their other edge), plus `exact` times its own.
fn half_overlap_gain(
    cands: &[usize],
    p: &[f32],
    len: impl Fn(usize) -> f32,
    exact: f32,
    out: &mut Vec<f32>,
) {
    out.clear();
    for (&e, &q) in cands.iter().zip(p) {
        let a = len(e);
        let g: f32 = cands
            .iter()
            .zip(p)
            .filter(|(&g, _)| {
                let b = len(g);
                a.min(b) >= 0.5 * a.max(b)
            })
            .map(|(_, &q)| q)
            .sum();
        out.push(g + exact * q);
    }
}

/// The first of the highest values, `k`'s unless another is higher.
fn argmax(v: &[f32], k: usize) -> usize {
    let mut best = k;
    for (j, &g) in v.iter().enumerate() {
        if g > v[best] + 1e-6 {
            best = j;
        }
    }
    best
}

/// Buffers one document's choices reuse.
#[derive(Default)]
struct Scratch {
    cands: Vec<usize>,
    feats: Vec<u32>,
    p: Vec<f32>,
    gain: Vec<f32>,
}

/// The site of a content after its cue, in the cue's sentence, not opening with a quotation.
fn site_of(ctx: &Ctx, sentences: &[Sentence], cue: Option<Span>, content: Span) -> Option<Site> {
    let cue = cue?;
    if content.start < cue.end {
        return None;
    }
    let si = sentences.partition_point(|x| x.span.end <= cue.start);
    let sent = sentences.get(si)?;
    if content.end > sent.span.end || sent.span.start > cue.start {
        return None;
    }
    let f = ctx.toks.partition_point(|t| t.span.start < sent.span.start);
    let l = ctx.toks.partition_point(|t| t.span.start < sent.span.end);
    let s = ctx.toks.partition_point(|t| t.span.start < content.start);
    let c0 = ctx.toks.partition_point(|t| t.span.start < cue.start);
    let c1 = ctx.toks.partition_point(|t| t.span.start < cue.end);
    if !(f <= c0 && c1 <= s && s < l)
        || ctx.toks[s].open_q
        || ctx.toks[s].span.start != content.start
    {
        return None;
    }
    let head = (c0..c1)
        .find(|&i| !crate::learn::is_aux(&ctx.toks[i]))
        .unwrap_or(c0);
    Some(Site { f, l, head, s })
}

/// Trains the ranker on the gold contents after their cue of `docs`: `epochs` passes of
/// stochastic gradient on the candidates' softmax in a seeded order, weights averaged; the end
/// table, and the start table when `starts`. Gives the ranker and the number of examples it
/// learned from (ends, starts).
pub fn train(
    docs: &[TrainDoc],
    lex: &Lexicon,
    epochs: usize,
    seed: u64,
    starts: bool,
) -> (Ends, usize, usize) {
    // Per example: the candidates' features and the gold candidate.
    let mut examples: Vec<Example> = Vec::new();
    let mut start_examples: Vec<Example> = Vec::new();
    let mut fa = Facts::default();
    for d in docs {
        let ctx = context(d.text, d.tokens, d.paras, lex, true);
        // The facts are kept by sentence, within one text.
        fa.clear();
        for a in &d.attrs {
            if let Some(x) = example(&ctx, &mut fa, d.sentences, a) {
                examples.push(x);
            }
            if starts {
                if let Some(x) = start_example(&ctx, &mut fa, d.sentences, a) {
                    start_examples.push(x);
                }
            }
        }
    }
    let mut w = fit(&examples, epochs, seed, 0);
    if starts {
        w.extend(fit(&start_examples, epochs, seed, SIZE));
    } else {
        w.resize(2 * SIZE, 0.0);
    }
    let model = Ends {
        w,
        keep: KEEP_BONUS,
        risk: true,
        exact: EXACT_WEIGHT,
        starts,
        start_keep: START_KEEP_BONUS,
        start_risk: START_RISK,
    };
    (model, examples.len(), start_examples.len())
}

/// The candidates' features and the gold candidate's place among them.
type Example = (Vec<Vec<u32>>, usize);

/// Stochastic gradient on the candidates' softmax, `epochs` passes in a seeded order; the
/// weights of the table from `offset` (2^BITS of them), averaged over the steps.
fn fit(examples: &[Example], epochs: usize, seed: u64, offset: usize) -> Vec<f32> {
    let mut w = vec![0f32; SIZE];
    let mut total = vec![0f32; SIZE];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut state = seed;
    let mut steps = 0f32;
    for epoch in 0..epochs {
        for i in (1..order.len()).rev() {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            order.swap(i, (state >> 33) as usize % (i + 1));
        }
        let rate = 0.5 / (1.0 + epoch as f32);
        for &k in &order {
            let (cands, gold) = &examples[k];
            let mut p: Vec<f32> = cands
                .iter()
                .map(|f| f.iter().map(|&j| w[j as usize - offset]).sum())
                .collect();
            softmax(&mut p);
            for (j, f) in cands.iter().enumerate() {
                let g = if j == *gold { 1.0 } else { 0.0 };
                let d = rate * (g - p[j]);
                if d.abs() > 1e-6 {
                    for &x in f {
                        w[x as usize - offset] += d;
                    }
                }
            }
            steps += 1.0;
            for (t, v) in total.iter_mut().zip(&w) {
                *t += v;
            }
        }
    }
    total.iter().map(|t| t / steps.max(1.0)).collect()
}

/// A gold content after its cue, in one piece in the cue's sentence, as an example of where it
/// starts.
fn start_example(
    ctx: &Ctx,
    fa: &mut Facts,
    sentences: &[Sentence],
    a: &GoldAttr,
) -> Option<Example> {
    let cue = *a.cue.iter().min_by_key(|s| s.start)?;
    if a.content.len() != 1 {
        return None;
    }
    let content = a.content[0];
    let source = a.source.first().copied();
    let (site, gs) = start_site(ctx, sentences, Some(cue), source, content)?;
    fa.fill(ctx, site.f, site.l);
    let mut cands = Vec::new();
    start_candidates(ctx, fa, &site, usize::MAX, &mut cands);
    let gold = cands.iter().position(|&x| x == gs)?;
    if cands.len() < 2 {
        return None;
    }
    let feats = cands
        .iter()
        .map(|&x| {
            let mut v = Vec::new();
            start_features(ctx, fa, &site, x, &mut v);
            v
        })
        .collect();
    Some((feats, gold))
}

/// A gold content after its cue, in one piece in the cue's sentence, as a training example.
fn example(ctx: &Ctx, fa: &mut Facts, sentences: &[Sentence], a: &GoldAttr) -> Option<Example> {
    let cue = *a.cue.iter().min_by_key(|s| s.start)?;
    if a.content.len() != 1 {
        return None;
    }
    let content = a.content[0];
    let site = site_of(ctx, sentences, Some(cue), content)?;
    fa.fill(ctx, site.f, site.l);
    let ge = ctx.toks.partition_point(|t| t.span.start < content.end);
    // The gold end without the punctuation a content may keep at its end.
    let mut ge2 = ge;
    while ge2 > site.s + 1 && is_punct(ctx.toks[ge2 - 1].text) && !ctx.toks[ge2 - 1].close_q {
        ge2 -= 1;
    }
    let mut cands = Vec::new();
    candidates(ctx, fa, &site, usize::MAX, &mut cands);
    let gold = cands.iter().position(|&e| e == ge || e == ge2)?;
    if cands.len() < 2 {
        return None;
    }
    let sf = SiteFacts::new(ctx, fa, &site);
    let feats = cands
        .iter()
        .map(|&e| {
            let mut v = Vec::new();
            features(ctx, fa, &site, &sf, e, &mut v);
            v
        })
        .collect();
    Some((feats, gold))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_core::QuoteKind;

    #[test]
    fn shipped_loads_and_round_trips() {
        let m = Ends::shipped().expect("shipped ranker");
        let back = Ends::from_bytes(&m.to_bytes()).expect("readable");
        assert_eq!(back.w, m.w);
        assert!(Ends::from_bytes(b"DQE1").is_none());
        assert!(Ends::from_bytes(b"nope").is_none());
    }

    /// The quote with `content`, `cue` and `speaker` (words of `text`) after the shipped
    /// ranker moved it, and the quote before.
    fn adjusted(
        text: &str,
        kind: QuoteKind,
        content: &str,
        cue: &str,
        speaker: &str,
    ) -> (Quote, Quote) {
        let paras = crate::marks::paragraphs(text);
        let blocks = crate::marks::blocks(&paras);
        let (tokens, sentences) = dossier_segment::segment(text, &blocks);
        let at = |s: &str| {
            let a = text.find(s).expect("in the text");
            Span::new(a, a + s.len())
        };
        let quote = Quote {
            span: at(content),
            kind,
            cue: Some(at(cue)),
            speaker: Some(at(speaker)),
            speaker_mention: None,
            reported_by: None,
        };
        let mut quotes = vec![quote.clone()];
        let lex = Lexicon::shipped();
        Ends::shipped().expect("shipped ranker").adjust(
            text,
            &tokens,
            &sentences,
            &paras,
            &lex,
            &mut quotes,
        );
        (quotes.remove(0), quote)
    }

    #[test]
    fn moves_only_indirect_contents_after_their_cue() {
        let text = "The mayor said “the bridge will reopen soon in the spring.”\n";
        let content = "“the bridge will reopen soon in the spring.”";
        let (after, before) = adjusted(text, QuoteKind::Direct, content, "said", "The mayor");
        assert_eq!(after, before);
    }

    #[test]
    fn an_end_found_elsewhere_does_not_cut_a_subject_from_its_verb() {
        let text = "MONY said this acquisition, coupled with its purchase of Kelly Associates in 1985, contributes to its goal of expanding its group business.\n";
        // The tagger's content stops before the phrase between commas, its verb left behind.
        let (q, _) = adjusted(
            text,
            QuoteKind::Indirect,
            "this acquisition",
            "said",
            "MONY",
        );
        let content = &text[q.span.start as usize..q.span.end as usize];
        assert!(
            content.starts_with("this acquisition, coupled"),
            "{content}"
        );
        assert!(content.contains("contributes to its goal"), "{content}");
    }

    /// The tokens of `text` as the stage reads them, with its sentences.
    fn read(text: &str) -> (Vec<Token>, Vec<Sentence>, Vec<Span>) {
        let paras = crate::marks::paragraphs(text);
        let blocks = crate::marks::blocks(&paras);
        let (tokens, sentences) = dossier_segment::segment(text, &blocks);
        (tokens, sentences, paras)
    }

    fn span_of(text: &str, s: &str) -> Span {
        let a = text.find(s).expect("in the text");
        Span::new(a, a + s.len())
    }

    /// The texts a content after `cue` that starts with `content` may end with.
    fn ends_of(text: &str, cue: &str, content: &str) -> Vec<String> {
        let (tokens, sentences, paras) = read(text);
        let lex = Lexicon::shipped();
        let ctx = context(text, &tokens, &paras, &lex, true);
        let site = site_of(
            &ctx,
            &sentences,
            Some(span_of(text, cue)),
            span_of(text, content),
        )
        .expect("a site");
        let mut fa = Facts::default();
        fa.fill(&ctx, site.f, site.l);
        let mut out = Vec::new();
        candidates(&ctx, &fa, &site, usize::MAX, &mut out);
        let start = ctx.toks[site.s].span.start as usize;
        out.iter()
            .map(|&e| text[start..ctx.toks[e - 1].span.end as usize].to_string())
            .collect()
    }

    #[test]
    fn no_end_between_a_subject_and_its_verb() {
        let text = "Southern said new rules of the Financial Accounting Standards Board, which are effective in January 1988, require any costs to be charged against earnings.\n";
        let ends = ends_of(text, "said", "new rules");
        assert!(!ends.iter().any(|e| e.ends_with("Standards Board")));
        assert!(ends.iter().any(|e| e.ends_with("against earnings")));
        let text = "But diplomats said the gap between ministers like Kiechle and others who see runaway farm spending as unacceptable, is likely to prove difficult to bridge.\n";
        let ends = ends_of(text, "said", "the gap");
        assert!(!ends.iter().any(|e| e.ends_with("and others")));
        let text = "Commentators say Haughey could cling to power for two years if he brings in a belt-tightening budget next week.\n";
        let ends = ends_of(text, "say", "Haughey");
        assert!(!ends.iter().any(|e| e.ends_with("if he brings")));
        assert!(ends.iter().any(|e| e.ends_with("for two years")));
        // An object before a relative clause with no verb after it may still end there.
        let text = "The mayor praised the bridge, which opened in May, in a speech on Friday.\n";
        let ends = ends_of(text, "praised", "the bridge");
        assert!(ends.iter().any(|e| e == "the bridge"));
    }

    #[test]
    fn starts_are_words_past_the_cue_not_after_a_determiner() {
        let text = "Obama told his advisers to figure out how to cut emissions.\n";
        let (tokens, sentences, paras) = read(text);
        let lex = Lexicon::shipped();
        let ctx = context(text, &tokens, &paras, &lex, true);
        let content = span_of(text, "how to cut emissions");
        let (site, cur) = start_site(&ctx, &sentences, Some(span_of(text, "told")), None, content)
            .expect("a site");
        let mut fa = Facts::default();
        fa.fill(&ctx, site.f, site.l);
        let mut out = Vec::new();
        start_candidates(&ctx, &fa, &site, cur, &mut out);
        let words: Vec<&str> = out.iter().map(|&x| ctx.toks[x].text).collect();
        // Not inside "figure out" nor before the noun of "cut emissions".
        assert_eq!(words, ["his", "to", "figure", "how", "to", "cut"]);
        let text = "Irna made no mention of natural gas exports to the Soviet Union.\n";
        let (tokens, sentences, paras) = read(text);
        let ctx = context(text, &tokens, &paras, &lex, true);
        let (site, cur) = start_site(
            &ctx,
            &sentences,
            Some(span_of(text, "made")),
            None,
            span_of(text, "natural gas exports to the Soviet Union"),
        )
        .expect("a site");
        fa.clear();
        fa.fill(&ctx, site.f, site.l);
        start_candidates(&ctx, &fa, &site, cur, &mut out);
        assert!(out
            .iter()
            .all(|&x| !matches!(ctx.toks[x].text, "gas" | "exports")));
        // A speaker named after the cue is never part of the content.
        let text = "“It works,” said Mr. Smith, the mayor of the town.\n";
        let (tokens, sentences, paras) = read(text);
        let ctx = context(text, &tokens, &paras, &lex, true);
        let got = start_site(
            &ctx,
            &sentences,
            Some(span_of(text, "said")),
            Some(span_of(text, "Mr. Smith")),
            span_of(text, "the mayor of the town"),
        );
        assert!(got.is_some_and(|(site, _)| ctx.toks[site.lo].text == ","));
    }
}
