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
//! `resources/ends.bin`; see `resources/ends.manifest`).

use dossier_core::{Quote, Sentence, Span, Token};

use crate::learn::{class, level, stem, word_classes, GoldAttr, TrainDoc};
use crate::rules::{context, kind_of, Ctx, CueStrength, Lexicon};

/// Feature hash width: 2^BITS weights.
pub const BITS: u32 = 16;
const SIZE: usize = 1 << BITS;
const MAGIC: &[u8; 4] = b"DQE1";

/// The bonus of the end already chosen, in the ranker's scores.
pub const KEEP_BONUS: f32 = 8.0;

/// How much an end's own probability adds to its chance of overlapping the true one by half.
pub const EXACT_WEIGHT: f32 = 0.0;

/// The ranker's weights.
#[derive(Clone, Debug)]
pub struct Ends {
    w: Vec<f32>,
    /// Added to the score of the end already chosen.
    pub keep: f32,
    /// Pick the end most likely to overlap the true one by half, not the likeliest end.
    pub risk: bool,
    /// How much the end's own probability adds to its chance of a half overlap.
    pub exact: f32,
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

/// One content to place the end of: the end `l` of its sentence, the cue's head token, the
/// content's first token `s`.
struct Site {
    l: usize,
    head: usize,
    s: usize,
}

fn is_punct(t: &str) -> bool {
    !t.chars().next().is_some_and(char::is_alphanumeric)
}

/// The token ends `e` (content `[s, e)`) a content may have: where a phrase or clause that a
/// statement may leave out begins (a comma before a clause, an apposition or a report, a dash
/// or bracket, a quotation, a preposition or conjunction of an adjunct: "in", "during",
/// "since", "while"; a relative word; "and"/"but" after a comma or before a verb) or at the
/// sentence's end; never after a function word or an adverb ("… LBC, when"), nor inside a
/// quotation, nor past another report's cue ("…, Southern said this will …"). The end already
/// chosen, `keep`, is always one.
fn candidates(ctx: &Ctx, site: &Site, keep: usize) -> Vec<usize> {
    let toks = &ctx.toks;
    // Another report's cue outside quotations: a content never grows over one.
    let cue_at =
        |j: usize| !toks[j].in_quote && ctx.lex.get(&toks[j].lower) == Some(CueStrength::Strong);
    let first_cue = (keep.min(site.l)..site.l)
        .find(|&j| cue_at(j))
        .unwrap_or(site.l);
    (site.s + 1..=site.l)
        .filter(|&e| {
            if e == keep {
                return true;
            }
            if e > keep && e > first_cue {
                return false;
            }
            let p = &toks[e - 1];
            let inside =
                e < site.l && (toks[e].in_quote || toks[e].close_q) && (p.in_quote || p.open_q);
            let dangling = !p.close_q && is_punct(p.text) && !matches!(p.text, ")" | "%" | "$");
            let function =
                matches!(
                    class(p),
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
                ) || matches!(p.lower.as_str(), "even" | "only" | "just" | "also" | "very");
            // A verb after a modal or "to" ("will result", "to buy") wants what follows it.
            let verb = e >= site.s + 2 && matches!(class(&toks[e - 2]), "MOD" | "TO");
            if inside || dangling || function || verb {
                return false;
            }
            if e >= site.l || toks[e].open_q {
                return true;
            }
            let t = &toks[e];
            // A comma ends a statement before a clause or phrase of its own kind (", which",
            // ", but", ", a company that", ", the spokesman said"), not in the middle of one
            // (", other than those …, will be entitled").
            if t.text == "," {
                let Some(n) = toks.get(e + 1).filter(|_| e + 1 < site.l) else {
                    return true;
                };
                let report = (e + 1..(e + 5).min(site.l))
                    .take_while(|&j| toks[j].text != ",")
                    .any(cue_at);
                return report
                    || n.open_q
                    || ADJUNCT_OPENERS.contains(&n.lower.as_str())
                    || matches!(class(n), "CC" | "WH" | "VBG" | "THAT" | "DET")
                    || matches!(n.lower.as_str(), "so" | "even" | "then" | "citing");
            }
            if BOUNDARY_MARKS.contains(&t.text) {
                return true;
            }
            let verb_next = toks.get(e + 1).filter(|_| e + 1 < site.l).is_some_and(|n| {
                matches!(class(n), "VBD" | "S" | "ADV" | "MOD" | "BE" | "HAVE")
                    && word_classes(&n.lower).0 >> 24 & 15 != 0
            });
            ADJUNCT_OPENERS.contains(&t.lower.as_str())
                || class(t) == "WH"
                || (class(t) == "CC" && (p.text == "," || verb_next))
        })
        .collect()
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

fn word<'a>(ctx: &'a Ctx, site: &Site, i: usize) -> &'a str {
    if i >= site.l {
        "</s>"
    } else {
        ctx.toks[i].lower.as_str()
    }
}

fn cls(ctx: &Ctx, site: &Site, i: usize) -> &'static str {
    if i >= site.l {
        "</s>"
    } else {
        class(&ctx.toks[i])
    }
}

fn clus(ctx: &Ctx, site: &Site, i: usize) -> String {
    if i >= site.l {
        return "</s>".into();
    }
    level(word_classes(&ctx.toks[i].lower).1, 1).to_string()
}

/// The features of the end `e`.
fn features(ctx: &Ctx, site: &Site, e: usize, last: usize, out: &mut Vec<u32>) {
    out.clear();
    let toks = &ctx.toks;
    let s = site.s;
    let (nx, nx2, pv) = (
        cls(ctx, site, e),
        cls(ctx, site, e + 1),
        cls(ctx, site, e - 1),
    );
    let (wn, wn2, wp) = (
        word(ctx, site, e),
        word(ctx, site, e + 1),
        word(ctx, site, e - 1),
    );
    let len = bucket(e - s);
    let rest = bucket(last.saturating_sub(e));
    let at_end = if e >= last { "end" } else { "mid" };
    let cue = stem(&toks[site.head].lower);
    let first = match class(&toks[s]) {
        "THAT" | "TO" | "WH" | "Q" => toks[s].lower.as_str(),
        c => c,
    };
    let between = |is: &dyn Fn(usize) -> bool| (s..e).filter(|&j| is(j)).count();
    let commas = bucket(between(&|j| toks[j].text == ","));
    let breaks = bucket(between(&|j| {
        j > s && matches!(toks[j - 1].text, "," | "—" | ";") && {
            let c = class(&toks[j]);
            matches!(c, "CC" | "WH" | "VBG" | "THAT")
        }
    }));
    // How far the stretch after the end runs before the next comma or the sentence's end.
    let next_break = (e..last)
        .find(|&j| matches!(toks[j].text, "," | ";" | "—" | "–" | ":"))
        .unwrap_or(last.max(e));
    let stretch = bucket(next_break - e);
    let cue_next = if e < site.l && ctx.lex.get(wn) == Some(CueStrength::Strong) {
        "cue"
    } else {
        "-"
    };
    let quote_edge = match (e < site.l && toks[e].open_q, toks[e - 1].close_q) {
        (true, true) => "both",
        (true, false) => "opens",
        (false, true) => "closed",
        _ => "-",
    };
    let (kn, kp) = (clus(ctx, site, e), clus(ctx, site, e - 1));
    // A content that holds a clause of its own ("that X did Y", "to do Y", "X was Y") keeps the
    // adjuncts of its own verb; an object noun phrase leaves out those of the cue's.
    let clausal = if matches!(first, "that" | "to" | "WH") {
        first
    } else if (s..e).any(|j| matches!(class(&toks[j]), "BE" | "MOD" | "HAVE" | "PRON")) {
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
        h(16, &[&kn]),
        h(17, &[&kp]),
        h(18, &[&kn, pv]),
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

    /// Reads the stored form: magic, then (index u32, weight f32) pairs, little-endian.
    pub fn from_bytes(b: &[u8]) -> Option<Ends> {
        // An empty table is no ranker.
        if b.len() <= MAGIC.len() {
            return None;
        }
        let w = crate::filter::read_sparse(b, MAGIC, SIZE)?;
        Some(Ends {
            w,
            keep: KEEP_BONUS,
            risk: true,
            exact: EXACT_WEIGHT,
        })
    }

    /// The stored form of the non-zero weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        crate::filter::write_sparse(MAGIC, &self.w)
    }

    fn score(&self, feats: &[u32]) -> f32 {
        feats.iter().map(|&f| self.w[f as usize]).sum()
    }

    /// The end to give a content `[site.s, cur)`.
    fn choose(&self, ctx: &Ctx, site: &Site, cur: usize) -> usize {
        let cands = candidates(ctx, site, cur);
        if cands.len() < 2 || !cands.contains(&cur) {
            return cur;
        }
        let last = sentence_end(ctx, site);
        let mut feats = Vec::with_capacity(32);
        let mut p: Vec<f32> = cands
            .iter()
            .map(|&e| {
                features(ctx, site, e, last, &mut feats);
                self.score(&feats) + if e == cur { self.keep } else { 0.0 }
            })
            .collect();
        softmax(&mut p);
        let start = ctx.toks[site.s].span.start;
        let len = |e: usize| (ctx.toks[e - 1].span.end - start) as f32;
        let gain: Vec<f32> = if self.risk {
            cands
                .iter()
                .map(|&e| {
                    cands
                        .iter()
                        .zip(&p)
                        .filter(|(&g, _)| {
                            let (a, b) = (len(e), len(g));
                            a.min(b) >= 0.5 * a.max(b)
                        })
                        .map(|(_, &q)| q)
                        .sum()
                })
                .zip(&p)
                .map(|(g, &q): (f32, &f32)| g + self.exact * q)
                .collect()
        } else {
            p
        };
        let k = cands.iter().position(|&e| e == cur).unwrap_or(0);
        let mut best = k;
        for (j, &g) in gain.iter().enumerate() {
            if g > gain[best] + 1e-6 {
                best = j;
            }
        }
        cands[best]
    }

    /// Moves the ends of the indirect contents after their cue in `quotes`.
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
        for q in quotes.iter_mut() {
            let Some(site) = site_of(&ctx, sentences, q.cue, q.span) else {
                continue;
            };
            let cur = ctx.toks.partition_point(|t| t.span.start < q.span.end);
            let e = self.choose(&ctx, &site, cur);
            if e != cur {
                q.span = Span::new(q.span.start as usize, ctx.toks[e - 1].span.end as usize);
                q.kind = kind_of(&ctx, q.span);
            }
        }
    }
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
    Some(Site { l, head, s })
}

/// Trains the ranker on the gold contents after their cue of `docs`: `epochs` passes of
/// stochastic gradient on the candidates' softmax in a seeded order, weights averaged. Gives the
/// ranker and the number of examples it learned from.
pub fn train(docs: &[TrainDoc], lex: &Lexicon, epochs: usize, seed: u64) -> (Ends, usize) {
    // Per example: the candidates' features and the gold candidate.
    let mut examples: Vec<(Vec<Vec<u32>>, usize)> = Vec::new();
    for d in docs {
        let ctx = context(d.text, d.tokens, d.paras, lex, true);
        for a in &d.attrs {
            if let Some(x) = example(&ctx, d.sentences, a) {
                examples.push(x);
            }
        }
    }
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
                .map(|f| f.iter().map(|&j| w[j as usize]).sum())
                .collect();
            softmax(&mut p);
            for (j, f) in cands.iter().enumerate() {
                let g = if j == *gold { 1.0 } else { 0.0 };
                let d = rate * (g - p[j]);
                if d.abs() > 1e-6 {
                    for &x in f {
                        w[x as usize] += d;
                    }
                }
            }
            steps += 1.0;
            for (t, v) in total.iter_mut().zip(&w) {
                *t += v;
            }
        }
    }
    let w = total.iter().map(|t| t / steps.max(1.0)).collect();
    let model = Ends {
        w,
        keep: KEEP_BONUS,
        risk: true,
        exact: EXACT_WEIGHT,
    };
    (model, examples.len())
}

/// A gold content after its cue, in one piece in the cue's sentence, as a training example.
fn example(ctx: &Ctx, sentences: &[Sentence], a: &GoldAttr) -> Option<(Vec<Vec<u32>>, usize)> {
    let cue = *a.cue.iter().min_by_key(|s| s.start)?;
    if a.content.len() != 1 {
        return None;
    }
    let content = a.content[0];
    let site = site_of(ctx, sentences, Some(cue), content)?;
    let ge = ctx.toks.partition_point(|t| t.span.start < content.end);
    // The gold end without the punctuation a content may keep at its end.
    let mut ge2 = ge;
    while ge2 > site.s + 1 && is_punct(ctx.toks[ge2 - 1].text) && !ctx.toks[ge2 - 1].close_q {
        ge2 -= 1;
    }
    let cands = candidates(ctx, &site, usize::MAX);
    let gold = cands.iter().position(|&e| e == ge || e == ge2)?;
    if cands.len() < 2 {
        return None;
    }
    let last = sentence_end(ctx, &site);
    let feats = cands
        .iter()
        .map(|&e| {
            let mut v = Vec::new();
            features(ctx, &site, e, last, &mut v);
            v
        })
        .collect();
    Some((feats, gold))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_loads_and_round_trips() {
        let m = Ends::shipped().expect("shipped ranker");
        let back = Ends::from_bytes(&m.to_bytes()).expect("readable");
        assert_eq!(back.w, m.w);
        assert!(Ends::from_bytes(b"DQE1").is_none());
        assert!(Ends::from_bytes(b"nope").is_none());
    }

    #[test]
    fn moves_only_indirect_contents_after_their_cue() {
        use dossier_core::{Block, BlockKind, QuoteKind};
        let text = "The mayor said “the bridge will reopen soon in the spring.”\n";
        let paras = crate::marks::paragraphs(text);
        let blocks: Vec<Block> = paras
            .iter()
            .map(|&span| Block {
                span,
                kind: BlockKind::Paragraph,
            })
            .collect();
        let (tokens, sentences) = dossier_segment::segment(text, &blocks);
        let at = |s: &str| {
            let a = text.find(s).expect("in the text");
            Span::new(a, a + s.len())
        };
        let quote = Quote {
            span: at("“the bridge will reopen soon in the spring.”"),
            kind: QuoteKind::Direct,
            cue: Some(at("said")),
            speaker: Some(at("The mayor")),
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
        assert_eq!(quotes, vec![quote]);
    }
}
