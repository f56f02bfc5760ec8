//! The learned attribution tagger: a cue tagger marking the head word of each cue ("said",
//! "investigating" in "has been investigating"; the cue is the head with the auxiliaries before
//! it), then, for each cue found, a role tagger marking the source and content tokens around it.
//! Both are averaged multiclass perceptrons over hashed features, decoded greedily left to right;
//! besides the words, their shapes and a coarse word class, the features hold the WordNet classes
//! of the word (a verb of communication or cognition the training text never used as a cue still
//! looks like one), and the role tagger also reads distributional word classes learned from
//! unlabelled news (`resources/word-clusters.txt`: "and accused him" ends a content whatever the
//! verb, as "and said" does). The role tagger also knows where other cue heads stand after the
//! cue (the gold ones in training, the cue tagger's in the stage) and where a verb follows a
//! conjunction ("… him divisive and accused him of …"): another clause, seldom this cue's
//! content. The shipped weights are the mean of taggers trained alike on several
//! shuffles of the texts, which depends less on one order than a single perceptron does.
//! Trained on PolNeAR train by `dossier train quotes` (see `models/quotes/MANIFEST.md`).
//!
//! Tagging is arranged for speed: what the features read of a token or a cue is looked up and
//! hashed once (each value to 64 bits; a feature mixes its template and its values' hashes with
//! one multiplication each, and the chains that go on with the same value run together), rows
//! are asked for from memory as soon as they are known, and the weights stay in their stored
//! 16-bit form and are summed as integers. `tests::feature_rows_stay_the_same` pins the rows of
//! a text.

use dossier_core::{Sentence, Span, Token};

use crate::rules::{context, Ctx, CueStrength, Lexicon, Tok};

/// Feature hash width: 2^BITS feature rows per model.
pub const BITS: u32 = 18;
const SIZE: usize = 1 << BITS;
const MAGIC: &[u8; 4] = b"DQT6";

/// Cue labels: outside, the head word of a cue ("investigating" in "has been investigating").
const CUE_O: usize = 0;
const CUE_H: usize = 1;
/// The previous cue label at a sentence's start.
const CUE_START: usize = 2;
/// Role labels around one cue.
const ROLE_O: usize = 0;
const ROLE_S: usize = 1;
const ROLE_C: usize = 2;
/// The role label before a token just after the cue's own tokens.
const ROLE_Q: usize = 3;
const ROLE_NAMES: [&str; 4] = ["O", "S", "C", "Q"];
/// The side of a cue a role token is on.
const SIDES: [&str; 2] = ["L", "R"];
const CUE_NAMES: [&str; 3] = ["O", "H", "<s>"];

/// The multiplier of the feature hashes: odd, with its bits spread.
const MUL: u64 = 0x9e37_79b9_7f4a_7c15;

/// One step of a feature hash: the state with a value, multiplied out to 128 bits and the halves
/// folded together (every bit of the input reaches the upper bits the row is taken from).
#[inline(always)]
const fn mix(h: u64, v: u64) -> u64 {
    let p = ((h ^ v) as u128).wrapping_mul(MUL as u128);
    (p as u64) ^ ((p >> 64) as u64)
}

/// The hash of a string value: its length, then its bytes eight at a time, the last few packed
/// into one word. Every value of a feature is hashed once to 64 bits (most once per token, see
/// [`Words`]) and the feature combines the values with one [`mix`] each. For the tables computed
/// at compile time; [`hs`] gives the same hash faster.
const fn hash_str(b: &[u8]) -> u64 {
    let n = b.len();
    let mut h = STR_SEED ^ (n as u64).wrapping_mul(MUL);
    let mut i = 0;
    while i + 8 <= n {
        let mut x = 0u64;
        let mut k = 0;
        while k < 8 {
            x |= (b[i + k] as u64) << (8 * k);
            k += 1;
        }
        h = mix(h, x);
        i += 8;
    }
    let mut x = 0u64;
    let mut k = 0;
    while i + k < n {
        x |= (b[i + k] as u64) << (8 * k);
        k += 1;
    }
    mix(h, x)
}

const STR_SEED: u64 = 0x243f_6a88_85a3_08d3;

/// [`hash_str`] of a string, reading the bytes a word at a time: the last bytes (fewer than
/// eight) as two overlapping reads, which pack them as the byte loop does.
#[inline]
fn hs(v: &str) -> u64 {
    let b = v.as_bytes();
    let mut h = STR_SEED ^ (b.len() as u64).wrapping_mul(MUL);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = mix(h, u64::from_le_bytes(w));
    }
    let r = chunks.remainder();
    let k = r.len();
    let x = if k >= 4 {
        let lo = u32::from_le_bytes([r[0], r[1], r[2], r[3]]) as u64;
        let hi = u32::from_le_bytes([r[k - 4], r[k - 3], r[k - 2], r[k - 1]]) as u64;
        lo | hi << (8 * (k - 4))
    } else if k > 0 {
        r[0] as u64 | (r[k / 2] as u64) << (8 * (k / 2)) | (r[k - 1] as u64) << (8 * (k - 1))
    } else {
        0
    };
    mix(h, x)
}

/// A count as a feature value: small ones as they are, larger ones in ranges.
fn bucket(v: usize) -> usize {
    match v {
        0..=3 => v,
        4..=5 => 4,
        6..=8 => 5,
        9..=12 => 6,
        13..=20 => 7,
        _ => 8,
    }
}

/// The hashes of the values of [`bucket`].
const BUCKETS: [u64; 9] = {
    let names = ["0", "1", "2", "3", "4-5", "6-8", "9-12", "13-20", "21+"];
    let mut out = [0; 9];
    let mut k = 0;
    while k < 9 {
        out[k] = hash_str(names[k].as_bytes());
        k += 1;
    }
    out
};
/// The hashes of a yes and a no.
const YES: u64 = hash_str(b"y");
const NO: u64 = hash_str(b"n");
/// The hashes of the words and classes before and after a sentence.
const START: u64 = hash_str(b"<s>");
const END: u64 = hash_str(b"</s>");
/// The hash of "none" in the short lists of values ("-").
const NONE: u64 = hash_str(b"-");

/// A feature hash under construction: a template id and its values, each value mixed in.
#[derive(Clone, Copy)]
struct H(u64);

impl H {
    const fn new(t: u8) -> H {
        H(mix(0x1319_8a2e_0370_7344, t as u64 + 1))
    }
    /// With a value already hashed.
    #[inline(always)]
    const fn v(self, x: u64) -> H {
        H(mix(self.0, x))
    }
    fn s(self, v: &str) -> H {
        self.v(hs(v))
    }
    fn n(self, v: usize) -> H {
        self.v(BUCKETS[bucket(v)])
    }
    fn u(self, v: u32) -> H {
        // Apart from any string's hash but by chance.
        self.v((v as u64 | 1 << 40).wrapping_mul(0xc2b2_ae3d_27d4_eb4f))
    }
    fn b(self, v: bool) -> H {
        self.v(if v { YES } else { NO })
    }
    fn get(self) -> u32 {
        (self.0 >> (64 - BITS)) as u32
    }
}

/// The same value mixed into each of `K` states.
#[inline(always)]
fn over<const K: usize>(mut hs: [H; K], v: u64) -> [H; K] {
    for h in &mut hs {
        *h = h.v(v);
    }
    hs
}

/// Templates are numbered below this.
const TEMPLATES: usize = 134;

/// The hash states after a template and a value from a short list, computed at compile time:
/// `PRE[t][k]` is `H::new(t).s(values[k])`.
const fn prefixes<const K: usize>(values: [&str; K]) -> [[u64; K]; TEMPLATES] {
    let mut out = [[0; K]; TEMPLATES];
    let mut t = 0;
    while t < TEMPLATES {
        let mut k = 0;
        while k < K {
            out[t][k] = H::new(t as u8).v(hash_str(values[k].as_bytes())).0;
            k += 1;
        }
        t += 1;
    }
    out
}

/// `H::new(t).s(side)`, `L` then `R`, for the role features.
const SIDE: [[u64; 2]; TEMPLATES] = prefixes(SIDES);
/// `H::new(t).s(side).s(previous role)`, indexed by side then label.
const SIDE_PREV: [[[u64; 4]; 2]; TEMPLATES] = {
    let mut out = [[[0; 4]; 2]; TEMPLATES];
    let mut t = 0;
    while t < TEMPLATES {
        let mut d = 0;
        while d < 2 {
            let mut p = 0;
            while p < 4 {
                out[t][d][p] = mix(SIDE[t][d], hash_str(ROLE_NAMES[p].as_bytes()));
                p += 1;
            }
            d += 1;
        }
        t += 1;
    }
    out
};
/// `H::new(t).s(previous cue label)`, for the cue features.
const CUE_PREV: [[u64; 3]; TEMPLATES] = prefixes(CUE_NAMES);
/// The hashes of the role and cue labels.
const ROLE_H: [u64; 4] = [
    hash_str(b"O"),
    hash_str(b"S"),
    hash_str(b"C"),
    hash_str(b"Q"),
];
const CUE_H_NAMES: [u64; 3] = [hash_str(b"O"), hash_str(b"H"), hash_str(b"<s>")];

/// Linear weights: `labels` scores per hashed feature row.
#[derive(Clone, Debug)]
pub struct Linear {
    labels: usize,
    w: Weights,
}

/// The weights as trained, or as stored: whole steps of one scale. The stored form takes half
/// the memory of floats, so that fewer of the lookups (one per feature and label, scattered over
/// the table) miss the cache; the tagger sums the steps as integers and scales the sum once.
#[derive(Clone, Debug)]
enum Weights {
    Dense(Vec<f32>),
    Steps { q: Vec<i16>, scale: f32 },
}

/// Asks for the cache line at `p` ahead of its use; a no-op where the platform has no hint.
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint: it does not read memory and never faults, whatever `p` is.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p as *const i8);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// The scores of `N` labels: the bias plus each feature's weights. The stored weights are whole
/// steps of one scale, so they are summed as integers (exact, in any order) and scaled once.
#[inline(always)]
fn scores<const N: usize>(feats: &[u32], bias: [f32; 4], q: &[i16], scale: f32) -> [f32; 4] {
    // One running sum per label, in registers.
    let (mut a, mut b, mut c) = (0i32, 0i32, 0i32);
    for &f in feats {
        let row = f as usize * N;
        let w = &q[row..row + N];
        a += w[0] as i32;
        if N > 1 {
            b += w[1] as i32;
        }
        if N > 2 {
            c += w[2] as i32;
        }
    }
    [
        bias[0] + a as f32 * scale,
        bias[1] + b as f32 * scale,
        bias[2] + c as f32 * scale,
        bias[3],
    ]
}

impl Linear {
    fn best(&self, feats: &[u32], bias: [f32; 4], allowed: impl Fn(usize) -> bool) -> usize {
        let s = match &self.w {
            Weights::Steps { q, scale } if self.labels == 2 => scores::<2>(feats, bias, q, *scale),
            Weights::Steps { q, scale } if self.labels == 3 => scores::<3>(feats, bias, q, *scale),
            _ => {
                let mut s = bias;
                for &f in feats {
                    let row = f as usize * self.labels;
                    for (y, v) in s.iter_mut().enumerate().take(self.labels) {
                        *v += self.weight(row + y);
                    }
                }
                s
            }
        };
        (0..self.labels)
            .filter(|&y| allowed(y))
            .max_by(|&a, &b| s[a].total_cmp(&s[b]).then(b.cmp(&a)))
            .unwrap_or(0)
    }

    /// Where the weights start and the bytes of a row, for asking for rows ahead.
    fn rows(&self) -> (*const u8, usize) {
        match &self.w {
            Weights::Steps { q, .. } => (q.as_ptr().cast(), 2 * self.labels),
            Weights::Dense(w) => (w.as_ptr().cast(), 4 * self.labels),
        }
    }

    fn weight(&self, k: usize) -> f32 {
        match &self.w {
            Weights::Dense(w) => w[k],
            Weights::Steps { q, scale } => q[k] as f32 * scale,
        }
    }

    /// Non-zero rows, quantised to i16 with one scale: (labels u8, scale f32, rows u32, then
    /// per row index u32 and `labels` i16).
    fn write(&self, out: &mut Vec<u8>) {
        let (labels, size) = (self.labels, SIZE * self.labels);
        let max = (0..size)
            .fold(0f32, |m, k| m.max(self.weight(k).abs()))
            .max(1e-9);
        let scale = max / 32767.0;
        let rows: Vec<usize> = (0..SIZE)
            .filter(|&r| {
                (r * labels..(r + 1) * labels).any(|k| (self.weight(k) / scale).round() != 0.0)
            })
            .collect();
        out.push(labels as u8);
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for r in rows {
            out.extend_from_slice(&(r as u32).to_le_bytes());
            for k in r * labels..(r + 1) * labels {
                out.extend_from_slice(&((self.weight(k) / scale).round() as i16).to_le_bytes());
            }
        }
    }

    fn read(b: &mut &[u8]) -> Option<Linear> {
        let labels = *b.first()? as usize;
        if !(1..=4).contains(&labels) {
            return None;
        }
        let scale = f32::from_le_bytes(b.get(1..5)?.try_into().ok()?);
        let rows = u32::from_le_bytes(b.get(5..9)?.try_into().ok()?) as usize;
        *b = &b[9..];
        let row_len = 4 + 2 * labels;
        let body = b.get(..rows.checked_mul(row_len)?)?;
        let mut q = vec![0i16; SIZE * labels];
        for c in body.chunks_exact(row_len) {
            let r = u32::from_le_bytes(c[..4].try_into().ok()?) as usize;
            for y in 0..labels {
                *q.get_mut(r * labels + y)? = i16::from_le_bytes([c[4 + 2 * y], c[5 + 2 * y]]);
            }
        }
        *b = &b[rows * row_len..];
        Some(Linear {
            labels,
            w: Weights::Steps { q, scale },
        })
    }
}

/// The two taggers.
#[derive(Clone, Debug)]
pub struct Tagger {
    cue: Linear,
    role: Linear,
    /// Added to the score of a cue's first token: above zero finds more cues.
    pub cue_bias: f32,
    /// A second-stage judge of the attributions the tagger finds (none: all are kept).
    pub post: Option<crate::filter::Post>,
}

impl Tagger {
    /// The shipped model, `models/quotes/quotes.bin` (see `models/quotes/MANIFEST.md`), with
    /// the shipped judge of its finds ([`crate::filter::Post::shipped`]).
    pub fn shipped() -> Option<Tagger> {
        let mut t = Tagger::from_bytes(include_bytes!("../../../models/quotes/quotes.bin"))?;
        t.post = crate::filter::Post::shipped();
        Some(t)
    }

    pub fn from_bytes(b: &[u8]) -> Option<Tagger> {
        let mut body = b.strip_prefix(MAGIC)?;
        let cue_bias = f32::from_le_bytes(body.get(..4)?.try_into().ok()?);
        body = &body[4..];
        let cue = Linear::read(&mut body)?;
        let role = Linear::read(&mut body)?;
        (cue.labels == 2 && role.labels == 3).then_some(Tagger {
            cue,
            role,
            cue_bias,
            post: None,
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend_from_slice(&self.cue_bias.to_le_bytes());
        self.cue.write(&mut out);
        self.role.write(&mut out);
        out
    }
}

/// An attribution the tagger found, over byte spans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tagged {
    pub content: Span,
    pub cue: Span,
    pub source: Option<Span>,
}

fn shape(t: &str) -> &str {
    let mut cs = t.chars();
    match cs.next() {
        Some(c) if c.is_uppercase() => {
            if t.chars().count() > 1 && t.chars().all(|c| !c.is_lowercase()) {
                "XX"
            } else {
                "Xx"
            }
        }
        Some(c) if c.is_lowercase() => "x",
        Some(c) if c.is_numeric() => "d",
        Some(_) if t.len() <= 3 => t,
        _ => "p",
    }
}

/// A crude stem: the word without a verb or plural ending ("says", "said" and "saying" stay apart
/// from "say" only by their ending).
pub(crate) fn stem(w: &str) -> &str {
    for end in ["ing", "ed", "es", "s", "d"] {
        if let Some(s) = w.strip_suffix(end) {
            if s.len() >= 3 {
                return s;
            }
        }
    }
    w
}

fn suffix(w: &str) -> &str {
    let n = w.len();
    let mut s = n.saturating_sub(3);
    while !w.is_char_boundary(s) {
        s -= 1;
    }
    &w[s..]
}

/// A coarse word class from the word's own form, standing in for a part-of-speech tag: closed
/// classes by list, open ones by shape and ending.
pub(crate) fn class(t: &Tok) -> &'static str {
    let w = t.lower.as_ref();
    match w {
        "the" | "a" | "an" | "this" | "these" | "those" | "his" | "her" | "its" | "their"
        | "our" | "my" | "your" | "some" | "any" | "every" | "each" | "no" => "DET",
        "he" | "she" | "they" | "i" | "we" | "you" | "it" => "PRON",
        "him" | "them" | "us" | "me" => "OBJ",
        "is" | "was" | "are" | "were" | "be" | "been" | "being" | "am" | "'s" | "’s" => "BE",
        "has" | "have" | "had" | "having" => "HAVE",
        "will" | "would" | "can" | "could" | "may" | "might" | "should" | "must" | "shall"
        | "do" | "does" | "did" => "MOD",
        "not" | "n't" | "n’t" | "never" => "NEG",
        "to" => "TO",
        "that" => "THAT",
        "who" | "which" | "whom" | "whose" | "what" | "whether" | "if" | "how" | "why" | "when"
        | "where" => "WH",
        "and" | "or" | "but" | "nor" => "CC",
        "in" | "on" | "at" | "of" | "for" | "with" | "by" | "from" | "about" | "against"
        | "over" | "into" | "after" | "before" | "during" | "since" | "under" | "as" | "than"
        | "through" | "without" | "between" | "among" => "IN",
        _ => {
            if t.open_q || t.close_q {
                return "Q";
            }
            match t.text.chars().next() {
                None => "-",
                Some(c) if c.is_uppercase() => "CAP",
                Some(c) if c.is_numeric() => "NUM",
                Some(c) if !c.is_alphanumeric() => match t.text {
                    "," => ",",
                    ":" => ":",
                    "." | "!" | "?" => ".",
                    "—" | "–" | "-" => "DASH",
                    "(" | ")" => "PAR",
                    _ => "P",
                },
                _ if w.ends_with("ly") => "ADV",
                _ if w.ends_with("ing") => "VBG",
                _ if w.ends_with("ed") => "VBD",
                _ if w.ends_with("tion") || w.ends_with("ment") || w.ends_with("ness") => "NN",
                _ if w.ends_with('s') && !w.ends_with("ss") => "S",
                _ => "x",
            }
        }
    }
}

type WordTable = dossier_core::hash::FastMap<&'static str, (u32, u32)>;

/// The word tables: all the forms, and the most frequent ones again (the first lines of the
/// clusters file, which is in order of frequency in news text) in a table small enough to stay
/// in the cache. A form in both has the same classes in both.
struct WordTables {
    all: WordTable,
    hot: WordTable,
}

/// How many of the most frequent forms the small table holds.
const HOT_WORDS: usize = 4096;

/// The WordNet lexicographer classes of a word form (`resources/wordnet-classes.txt`, written by
/// `examples/wordnet_classes.rs`: bits 0–14 a verb sense in verb.body … verb.weather, bits
/// 16–21 a noun sense in communication, cognition, feeling, act, person, group; bits 24–27 one
/// more than the verb class of the most frequent verb sense) and its distributional classes
/// (`resources/word-clusters.txt`, written by `examples/word_clusters.rs` from unlabelled news
/// text), packed as the nested class ids `1 << 24 | c16 << 20 | c128 << 10 | c1024`, 0 for a word
/// with no class; one lookup per token for both.
/// Also whether the cue tagger labels the word outside a cue without scoring it: a word of
/// `resources/cue-skip.txt` (written by `examples/cue_skip.rs`), which the shipped tagger never
/// labelled a cue head in the training texts. The tables mark such a word by [`NEVER_CUE`] in
/// its WordNet classes, so that the one lookup answers this too.
pub(crate) fn word_classes(lower: &str) -> (u32, u32, bool) {
    let tables = word_tables();
    let (wn, cl) = match tables.hot.get(lower) {
        Some(&v) => v,
        None => tables.all.get(lower).copied().unwrap_or_default(),
    };
    (wn & !NEVER_CUE, cl, wn & NEVER_CUE != 0)
}

/// The bit of a form's WordNet classes in the word tables that marks a word of
/// `resources/cue-skip.txt` (the classes use bits 0–27).
const NEVER_CUE: u32 = 1 << 31;

/// The word tables, built on first use from the resource files (see [`word_classes`]).
fn word_tables() -> &'static WordTables {
    static TABLES: std::sync::OnceLock<WordTables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        // Room for every form up front: the table is built once, without growing.
        let mut all = WordTable::with_capacity_and_hasher(
            [WORDNET, CLUSTERS, SKIP_WORDS]
                .iter()
                .map(|f| f.bytes().filter(|&b| b == b'\n').count())
                .sum(),
            Default::default(),
        );
        let wordnet = WORDNET
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (w, m) = l.split_once('\t')?;
                Some((w, u32::from_str_radix(m, 16).ok()?))
            });
        for (w, m) in wordnet {
            all.entry(w).or_default().0 = m;
        }
        let clusters = CLUSTERS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (w, ids) = l.split_once('\t')?;
                let mut it = ids.split(' ').map(|x| x.parse::<u32>().ok());
                let (a, b, c) = (it.next()??, it.next()??, it.next()??);
                Some((w, 1 << 24 | (a & 15) << 20 | (b & 1023) << 10 | (c & 1023)))
            });
        for (w, c) in clusters {
            all.entry(w).or_default().1 = c;
        }
        let skip = SKIP_WORDS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty());
        for w in skip {
            all.entry(w).or_default().0 |= NEVER_CUE;
        }
        let hot = CLUSTERS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .take(HOT_WORDS)
            .filter_map(|(w, _)| Some((w, *all.get(w)?)))
            .collect();
        WordTables { all, hot }
    })
}

/// Builds the tables the stage reads words from (the word classes, the words never scored as
/// a cue head) now rather than on the first document, so that a document's time is its own.
pub(crate) fn load_tables() {
    word_tables();
}

/// The words the cue tagger never scores, one a line (`examples/cue_skip.rs`).
const SKIP_WORDS: &str = include_str!("../resources/cue-skip.txt");

/// The WordNet classes of word forms, one `form\tmask` line each.
const WORDNET: &str = include_str!("../resources/wordnet-classes.txt");

/// The distributional classes the features read (for the model's manifest).
pub const CLUSTERS: &str = include_str!("../resources/word-clusters.txt");

/// The class of a packed cluster at one level: 0 the 16 coarse ones, 1 the 128, 2 the 1024
/// (`u32::MAX` for a word with no class).
pub(crate) fn level(c: u32, k: usize) -> u32 {
    if c == 0 {
        return u32::MAX;
    }
    match k {
        0 => c >> 20 & 15,
        1 => c >> 10 & 1023,
        _ => c & 1023,
    }
}

/// The verb bits and noun bits of a word's WordNet classes its speech key reads (see
/// [`speech_key_at`]), as one index below 256.
const fn speech_index(m: u32) -> usize {
    let v = (m >> 3) & 1
        | ((m >> 2) & 1) << 1
        | ((m >> 8) & 1) << 2
        | ((m >> 10) & 1) << 3
        | ((m >> 12) & 1) << 4;
    (v | ((m >> 16) & 7) << 5) as usize
}

/// Verb classes that hold most attributions: communication, cognition, emotion, perception,
/// social, as one short key; then the noun classes communication, cognition, feeling; by
/// [`speech_index`].
const fn speech_key_at(k: usize) -> &'static str {
    const KEYS: [&str; 32] = [
        "-", "C", "G", "CG", "E", "CE", "GE", "CGE", "P", "CP", "GP", "CGP", "EP", "CEP", "GEP",
        "CGEP", "S", "CS", "GS", "CGS", "ES", "CES", "GES", "CGES", "PS", "CPS", "GPS", "CGPS",
        "EPS", "CEPS", "GEPS", "CGEPS",
    ];
    const NKEYS: [&str; 8] = ["", "n", "N", "nN", "f", "nf", "Nf", "nNf"];
    // Rare enough to share one key per noun set.
    const BOTH: [&str; 8] = ["", "+n", "+N", "+nN", "+f", "+nf", "+Nf", "+nNf"];
    let (v, n) = (k & 31, k >> 5);
    if n == 0 {
        KEYS[v]
    } else if v == 0 {
        NKEYS[n]
    } else {
        BOTH[n]
    }
}

/// The hashes of the keys of [`speech_key_at`], by [`speech_index`].
const SPEECH_H: [u64; 256] = {
    let mut out = [0; 256];
    let mut k = 0;
    while k < 256 {
        out[k] = hash_str(speech_key_at(k).as_bytes());
        k += 1;
    }
    out
};

/// The verb class of a form's most frequent verb sense, as a short key.
const SENSES: [&str; 16] = [
    "-", "body", "change", "cog", "comm", "compet", "consum", "contact", "creat", "emot", "motion",
    "perc", "poss", "soc", "stat", "weath",
];

/// The hash of the verb class of a form's most frequent verb sense (see [`SENSES`]).
fn first_sense(m: u32) -> u64 {
    const H: [u64; 16] = {
        let mut out = [0; 16];
        let mut k = 0;
        while k < 16 {
            out[k] = hash_str(SENSES[k].as_bytes());
            k += 1;
        }
        out
    };
    H[((m >> 24) & 15) as usize]
}

/// Whether WordNet has a word as a person or a group noun, hashed.
fn who(m: u32) -> u64 {
    const H: [u64; 4] = [
        hash_str(b"-"),
        hash_str(b"person"),
        hash_str(b"group"),
        hash_str(b"pg"),
    ];
    H[((m >> 20) & 3) as usize]
}

/// Whether a word class carries content (skipped over when looking for the next content word).
fn is_function(c: &str) -> bool {
    matches!(c, "DET" | "ADV" | "NEG" | "MOD" | "HAVE" | "BE")
}

/// Running counts over a sentence's tokens (see [`Sent::running`]).
struct Runs {
    commas: Vec<u16>,
    breaks: Vec<u16>,
    /// Quotation marks that open or close a stretch.
    edges: Vec<u16>,
    /// Strong cue words outside quotations.
    cues: Vec<u16>,
    /// Verbs just after a conjunction ("and accused him", "but noted"): another clause.
    coords: Vec<u16>,
    /// The heads of cues (the gold ones in training, those the cue tagger found in the stage):
    /// another cue's clause is seldom this one's content.
    heads: Vec<u16>,
}

/// What the features read of every token of a document, looked up once per document, with the
/// hashes of the values the features read (each hashed once per token, see [`hash_str`]).
struct Words {
    /// The word class (see [`class`]).
    cls: Vec<&'static str>,
    /// The WordNet classes (see [`word_classes`]).
    wn: Vec<u32>,
    /// The distributional classes (see [`word_classes`]).
    cl: Vec<u32>,
    /// The word's strength as a cue, as the features read it.
    strength: Vec<&'static str>,
    /// The hashes of the lower-case form, its stem, its last three letters, the word class, the
    /// cue strength, the shape, and the WordNet keys [`speech_key_at`], [`first_sense`] and [`who`].
    h: Vec<TokHashes>,
}

/// The hashes of one token's values (see [`Words`]).
#[derive(Clone, Copy)]
struct TokHashes {
    word: u64,
    stem: u64,
    suffix: u64,
    class: u64,
    strength: u64,
    shape: u64,
    speech: u64,
    sense: u64,
    who: u64,
}

impl Words {
    fn new(ctx: &Ctx) -> Words {
        let n = ctx.toks.len();
        let mut w = Words {
            cls: Vec::with_capacity(n),
            wn: Vec::with_capacity(n),
            cl: Vec::with_capacity(n),
            strength: Vec::with_capacity(n),
            h: Vec::with_capacity(n),
        };
        for t in &ctx.toks {
            let (strength, shape) = (strength(t.cue), shape(t.text));
            let lower: &str = t.lower.as_ref();
            w.cls.push(t.cls);
            w.wn.push(t.wn);
            w.cl.push(t.cl);
            w.strength.push(strength);
            w.h.push(TokHashes {
                word: hs(lower),
                stem: hs(stem(lower)),
                suffix: hs(suffix(lower)),
                class: hs(t.cls),
                strength: strength_hash(t.cue),
                shape: hs(shape),
                speech: SPEECH_H[speech_index(t.wn)],
                sense: first_sense(t.wn),
                who: who(t.wn),
            });
        }
        w
    }
}

/// The hash of [`strength`].
fn strength_hash(s: Option<CueStrength>) -> u64 {
    const H: [u64; 3] = [hash_str(b"strong"), hash_str(b"weak"), hash_str(b"-")];
    H[match s {
        Some(CueStrength::Strong) => 0,
        Some(CueStrength::Weak) => 1,
        None => 2,
    }]
}

fn strength(s: Option<CueStrength>) -> &'static str {
    match s {
        Some(CueStrength::Strong) => "strong",
        Some(CueStrength::Weak) => "weak",
        None => "-",
    }
}

/// The feature rows of one decision. Each row is asked for from memory as soon as its hash is
/// known, so that the lookups overlap the hashing of the features after it.
struct Rows {
    v: Vec<u32>,
    /// Where the weights the rows will be read from start, and the bytes of a row (0 while
    /// training: nothing to ask for).
    table: *const u8,
    stride: usize,
}

impl Rows {
    fn new((table, stride): (*const u8, usize)) -> Rows {
        Rows {
            v: Vec::with_capacity(96),
            table,
            stride,
        }
    }

    fn clear(&mut self) {
        self.v.clear();
    }

    #[inline(always)]
    fn push(&mut self, h: H) {
        let r = h.get();
        prefetch(self.table.wrapping_add(r as usize * self.stride));
        self.v.push(r);
    }
}

/// What the role features read of one cue: its token span, the rules' subject of it, its word
/// class, and for each side (left, right) the hash states of the features whose values before
/// the token's own depend on the cue alone.
struct CueView {
    span: (usize, usize),
    subj: Option<(usize, usize)>,
    /// The hash of the word class of the cue's first token.
    class: u64,
    pre: [CuePre; 2],
}

/// The hash states of [`CueView`], named by template.
struct CuePre {
    f40: H,
    h41: H,
    h45: H,
    h50: H,
    h53: H,
    h54: H,
    h55: H,
    h72: H,
    h77: H,
    h78: H,
    h79: H,
    h80: H,
    h122: H,
}

/// Per-sentence helpers over the shared token view.
struct Sent<'c, 'a> {
    ctx: &'c Ctx<'a>,
    /// The word class of every token of the document, computed once.
    cls: &'c [&'static str],
    /// The WordNet classes of every token (see [`word_classes`]).
    wn: &'c [u32],
    /// The distributional classes of every token (see [`word_classes`]).
    cl: &'c [u32],
    /// The cue strength of every token.
    strength: &'c [&'static str],
    /// The hashes of every token's values.
    h: &'c [TokHashes],
    f: usize,
    l: usize,
    /// Whether the sentence holds a quotation mark.
    quoted: bool,
}

impl<'c, 'a> Sent<'c, 'a> {
    fn new(ctx: &'c Ctx<'a>, words: &'c Words, f: usize, l: usize) -> Sent<'c, 'a> {
        let quoted = ctx.toks[f..l].iter().any(|t| t.open_q || t.close_q);
        Sent {
            ctx,
            cls: &words.cls,
            wn: &words.wn,
            cl: &words.cl,
            strength: &words.strength,
            h: &words.h,
            f,
            l,
            quoted,
        }
    }
}

impl Sent<'_, '_> {
    fn w(&self, i: isize) -> &str {
        if i < self.f as isize {
            "<s>"
        } else if i >= self.l as isize {
            "</s>"
        } else {
            self.ctx.toks[i as usize].lower.as_ref()
        }
    }

    /// The hash of the lower-case form of token `i` (see [`Sent::w`]).
    #[inline(always)]
    fn hw(&self, i: isize) -> u64 {
        if i < self.f as isize {
            START
        } else if i >= self.l as isize {
            END
        } else {
            self.h[i as usize].word
        }
    }

    /// The hash of the word class of token `i` (see [`Sent::c`]).
    #[inline(always)]
    fn hc(&self, i: isize) -> u64 {
        if i < self.f as isize {
            START
        } else if i >= self.l as isize {
            END
        } else {
            self.h[i as usize].class
        }
    }

    /// The packed distributional class of token `i` (0 outside the sentence).
    fn k(&self, i: isize) -> u32 {
        if i < self.f as isize || i >= self.l as isize {
            0
        } else {
            self.cl[i as usize]
        }
    }

    fn c(&self, i: isize) -> &'static str {
        if i < self.f as isize {
            "<s>"
        } else if i >= self.l as isize {
            "</s>"
        } else {
            self.cls[i as usize]
        }
    }

    /// The nearest content word in direction `d` (±1) from token `i`, within four tokens.
    /// As hashes of the word and its class.
    fn content_word(&self, i: usize, d: isize) -> (u64, u64) {
        const FAR: u64 = hash_str(b"<far>");
        let mut j = i as isize + d;
        for _ in 0..4 {
            let c = self.c(j);
            if !is_function(c) {
                return (self.hw(j), self.hc(j));
            }
            j += d;
        }
        (FAR, FAR)
    }

    /// What follows a word within three tokens: a "that", a quotation or colon, a clause-opening
    /// word, or nothing of the sort.
    fn clause_after(&self, i: usize) -> &'static str {
        for j in i + 1..(i + 4).min(self.l) {
            if self.ctx.toks[j].open_q {
                return "quote";
            }
            match self.cls[j] {
                "THAT" => return "that",
                ":" => return "colon",
                "WH" => return "wh",
                "PRON" => return "pron",
                "TO" if j == i + 1 => return "to",
                "." => return "end",
                _ => {}
            }
        }
        "-"
    }

    /// The cue features of token `i`. Each feature mixes its template and the hashes of its
    /// values in turn (`H::new(7).v(w).v(wn)`); the chains that go on with the same value are
    /// carried over it together (see [`over`]), and the rows are given in the order of the
    /// templates.
    fn cue_feats(&self, i: usize, prev: usize, out: &mut Rows) {
        out.clear();
        let t = &self.ctx.toks[i];
        let ii = i as isize;
        let th = &self.h[i];
        let (w, wp, wn) = (th.word, self.hw(ii - 1), self.hw(ii + 1));
        let strength = th.strength;
        let (sh, st) = (th.shape, th.stem);
        let p = CUE_H_NAMES[prev];
        let pv = |t: usize| H(CUE_PREV[t][prev]);
        let (c, cp, cn) = (th.class, self.hc(ii - 1), self.hc(ii + 1));
        let (lw, lc) = self.content_word(i, -1);
        let (rw, rc) = self.content_word(i, 1);
        let clause = hs(self.clause_after(i));
        let (sk, fs) = (th.speech, th.sense);
        let suffix_prev = if i > self.f {
            self.h[i - 1].suffix
        } else {
            START
        };
        let who_prev = if i > self.f { self.h[i - 1].who } else { NONE };
        let h = H::new;
        let [f90, h92, h94, h95, h97, h98] = over([h(90), h(92), h(94), h(95), h(97), h(98)], sk);
        let [f91, h93, h96] = over([h(91), h(93), h(96)], fs);
        let [f4, h6, h19, h24] = over([h(4), h(6), h(19), h(24)], wp);
        let [f1, f6, h7, f12, f16, h19] =
            over([h(1), h6, h(7), pv(12), h(16).b(t.in_quote), h19], w);
        let [f59, h60, h61, f95, f96] = over([h(59), h(60), h(61), h95, h96], clause);
        let [h56, h57, f67, h94] = over([h(56), h(57), h(67).v(self.hc(ii - 2)), h94], cp);
        let [h62, h66, f97] = over([h(62), h(66), h97], lc);
        let [f22, h23, f24, f25, f57, h58, f60, f62, h63, f64, h65] = over(
            [
                h(22),
                h(23),
                h24,
                pv(25),
                h57,
                h(58),
                h60,
                h62,
                h(63),
                h(64).v(lw),
                h(65),
            ],
            st,
        );
        let [h56, h61, h66, f67, h68, h69, f92, f93, f94] = over(
            [
                h56,
                h61,
                h66,
                f67,
                pv(68),
                h(69).b(self.quoted),
                h92,
                h93,
                h94,
            ],
            c,
        );
        let [f5, f7, h10, f15, f19, f23] = over([h(5), h7, h(10), h(15).v(strength), h19, h23], wn);
        let [f14, f18, f61, f69] = over([h(14), h(18).n(self.l - i), h61, h69], strength);
        let [f56, f58] = over([h56, h58], cn);
        let [f63, f66] = over([h63, h66], rc);
        let w2 = self.hw(ii + 2);
        for f in [
            h(0),
            f1,
            h(2).v(th.suffix),
            h(3).v(sh),
            f4,
            f5,
            f6,
            f7,
            h(8).v(self.hw(ii - 2)),
            h(9).v(w2),
            h10.v(w2),
            pv(11),
            f12,
            h(13).b(t.in_quote),
            f14,
            f15,
            f16,
            h(17).n(i - self.f),
            f18,
            f19,
            pv(20).v(sh),
            h(21).v(suffix_prev).v(th.suffix),
            f22,
            f23,
            f24,
            f25,
            f56,
            f57,
            f58,
            f59,
            f60,
            f61,
            f62,
            f63,
            f64,
            h65.v(rw),
            f66,
            f67,
            h68.v(clause),
            f69,
            f90,
            f91,
            f92,
            f93,
            f94,
            f95,
            f96,
            f97,
            h98.v(p),
            h(131).v(who_prev).v(lc).v(sk),
        ] {
            out.push(f);
        }
    }

    /// What the role features read of a cue, once per cue.
    fn cue_view(&self, span: (usize, usize)) -> CueView {
        let word = self.cue_word(span);
        let clause = self.clause_after(span.1 - 1);
        let class = self.c(span.0 as isize);
        let stem = stem(&word);
        let (before, after) = (self.w(span.0 as isize - 1), self.w(span.1 as isize));
        let class_before = self.c(span.0 as isize - 1);
        let kc = level(self.k(span.1 as isize - 1), 1);
        let pre = |d: usize| {
            let sd = |t: usize| H(SIDE[t][d]);
            CuePre {
                f40: sd(40).s(&word),
                h41: sd(41).s(&word),
                h45: sd(45).s(&word),
                h50: sd(50).s(&word),
                h53: sd(53).s(before),
                h54: sd(54).s(after),
                h55: sd(55).s(after),
                h72: sd(72).s(clause),
                h77: sd(77).s(class),
                h78: sd(78).s(stem),
                h79: sd(79).s(clause),
                h80: sd(80).s(class).s(class_before),
                h122: sd(122).u(kc),
            }
        };
        CueView {
            span,
            subj: self.subject(span),
            class: hs(class),
            pre: [pre(0), pre(1)],
        }
    }

    /// The role features of token `i` around a cue. As with [`Sent::cue_feats`], the chains that
    /// go on with the same value are carried over it together; the rows keep the template order.
    fn role_feats(&self, i: usize, cue: &CueView, runs: &Runs, prev: usize, out: &mut Rows) {
        out.clear();
        let t = &self.ctx.toks[i];
        let ii = i as isize;
        let (c0, c1) = cue.span;
        let left = i < c0;
        let d = usize::from(!left);
        let cf = &cue.pre[d];
        // The hash states after the template and the side, and after the previous label too.
        let sd = |t: usize| H(SIDE[t][d]);
        let sp = |t: usize| H(SIDE_PREV[t][d][prev]);
        let dist = if left { c0 - i } else { i + 1 - c1 };
        // Commas and quote edges between the token and the cue.
        let (a, b) = if left { (i, c0) } else { (c1, i) };
        let between = |r: &[u16]| (r[b - self.f] - r[a - self.f]) as usize;
        let nc = between(&runs.commas);
        let qb = between(&runs.edges) > 0;
        let other_cue = between(&runs.cues) > 0;
        let nb = between(&runs.breaks);
        let th = &self.h[i];
        let (w, wp, wn) = (th.word, self.hw(ii - 1), self.hw(ii + 1));
        let sh = th.shape;
        let p = ROLE_H[prev];
        let (c, cp, cn) = (th.class, self.hc(ii - 1), self.hc(ii + 1));
        let edge = if left { i - self.f } else { self.l - 1 - i };
        // Inside the subject the rules find for the cue, or before or after it.
        const AT: [u64; 4] = [
            hash_str(b"none"),
            hash_str(b"before"),
            hash_str(b"after"),
            hash_str(b"in"),
        ];
        let at = AT[match cue.subj {
            None => 0,
            Some((a, _)) if i < a => 1,
            Some((_, b)) if i >= b => 2,
            Some(_) => 3,
        }];
        // A person or group noun names a source; a speech noun or verb tends to be content.
        let who = th.who;
        // Distributional classes (see [`word_classes`]): of the word, of the next word (a verb
        // after "and" starts another clause, whatever verb it is) and of the cue's head.
        let (k, kn) = (self.k(ii), self.k(ii + 1));
        // What follows: another cue word next (", but noted that"), or the shape of a new clause
        // ("and accused him"): where a content ends.
        let next_cue = if i + 1 < self.l {
            self.h[i + 1].strength
        } else {
            strength_hash(self.ctx.lex.get(self.w(ii + 1)))
        };
        // Other cue heads count on the content side only: before the cue a head may stand in
        // the source's own relative clause ("Those who oppose the road said").
        let heads_between = if left { 0 } else { between(&runs.heads) };
        let is_head = !left && runs.heads[i + 1 - self.f] > runs.heads[i - self.f];
        let [f34, h48] = over([sd(34), sd(48)], wp);
        let [f32, f37, f45, f48, f55, h129] =
            over([sd(32), sp(37), cf.h45, h48, cf.h55, sp(129)], w);
        let [f35, f51] = over([sd(35), sp(51)], wn);
        let [f33, f46] = over([sd(33), sp(46)], sh);
        let [h100, h101] = over([sd(100), sd(101)], who);
        let [h81, h82, h83, f101] = over([sd(81), sd(82), H::new(83), h101], at);
        let [f43, f52, f74, f75, h79, f81, f100, f102, f120] = over(
            [
                sd(43).b(qb),
                sd(52).b(t.open_q).b(t.close_q),
                sd(74).n(nb),
                sd(75).n(edge),
                cf.h79,
                h81,
                h100,
                sd(102).v(th.speech),
                sd(120).u(level(k, 1)),
            ],
            p,
        );
        let [f70, f71, h76, h77, f78, f79, f82, f122, h124, h127, h128] = over(
            [
                sd(70),
                sd(71).v(cp),
                sd(76),
                cf.h77,
                cf.h78,
                h79,
                h82,
                cf.h122,
                sp(124),
                sp(127),
                sp(128),
            ],
            c,
        );
        let [f38, h39, f49, f50, f76] =
            over([sd(38), sd(39), sp(49), cf.h50, h76], BUCKETS[bucket(nc)]);
        let [f31, f39, f41, f53, f54, f72, f77, f80, f83, f123] = over(
            [
                sd(31),
                h39,
                cf.h41,
                cf.h53,
                cf.h54,
                cf.h72,
                h77,
                cf.h80,
                h83.v(cue.class),
                sd(123).u(level(k, 0)),
            ],
            BUCKETS[bucket(dist)],
        );
        let [h128, f129] = over([h128, h129], cn);
        for f in [
            sd(30),
            f31,
            f32,
            f33,
            f34,
            f35,
            sp(36),
            f37,
            f38,
            f39,
            cf.f40,
            f41,
            sd(42).b(t.in_quote),
            f43,
            sd(44).b(other_cue),
            f45,
            f46,
            sd(47).b(i == self.f).b(i + 1 == self.l),
            f48,
            f49,
            f50,
            f51,
            f52,
            f53,
            f54,
            f55,
            f70,
            f71,
            f72,
            sd(73).n(nb),
            f74,
            f75,
            f76,
            f77,
            f78,
            f79,
            f80,
            f81,
            f82,
            f83,
            f100,
            f101,
            f102,
            f120,
            sd(121).u(level(k, 2)),
            f122,
            f123,
            h124.u(level(kn, 1)),
            sp(125).u(level(k, 1)),
            sp(126).u(level(k, 1)).u(level(kn, 1)),
            h127.v(next_cue),
            h128.v(self.hc(ii + 2)),
            f129,
            sd(130).n(between(&runs.coords)).v(p),
            sd(132).n(heads_between).v(p),
            sd(133).b(is_head).v(p).v(c),
        ] {
            out.push(f);
        }
    }

    /// Running counts over the sentence: `r[k]` is the number of tokens in `[f, f + k)` that `is`.
    fn running(&self, is: impl Fn(usize) -> bool) -> Vec<u16> {
        let mut out = Vec::with_capacity(self.l - self.f + 1);
        let mut n = 0u16;
        out.push(0);
        for j in self.f..self.l {
            n = n.saturating_add(u16::from(is(j)));
            out.push(n);
        }
        out
    }

    /// The sentence's running counts the role features read; `heads` are the cue labels of the
    /// sentence's tokens.
    fn runs(&self, heads: &[usize]) -> Runs {
        let toks = &self.ctx.toks;
        Runs {
            heads: self.running(|j| heads.get(j - self.f) == Some(&CUE_H)),
            commas: self.running(|j| matches!(toks[j].text, "," | ";" | "—" | "–" | ":")),
            // A clause break: a comma or dash before a conjunction, a relative word or a participle.
            breaks: self.running(|j| {
                j > self.f
                    && matches!(toks[j - 1].text, "," | "—" | ";")
                    && matches!(self.cls[j], "CC" | "WH" | "VBG" | "THAT")
            }),
            edges: self.running(|j| toks[j].open_q || toks[j].close_q),
            cues: self.running(|j| !toks[j].in_quote && self.strength[j] == "strong"),
            coords: self.running(|j| {
                j > self.f
                    && self.cls[j - 1] == "CC"
                    && (self.cls[j] == "ADV"
                        || (self.wn[j] >> 24 & 15 != 0
                            && matches!(self.cls[j], "VBD" | "S" | "x" | "VBG")))
            }),
        }
    }

    /// Where the statement of a cue in a clause set before the sentence's main clause ends at
    /// the latest: a participle opening the sentence ("Citing the flood damage, the mayor said
    /// ...") or a verb of a relative clause after a comma or dash ("An official, who asked not to
    /// be named, said ..."). The clause ends at the last comma or dash before the sentence's next
    /// cue head (the main clause's verb), with any closing quotation marks right after it
    /// ("Citing “obligations in Tennessee,” the spokeswoman told ..."): the statement stays
    /// inside, as every statement of such a cue in PolNeAR train does, and the main clause is
    /// left to its own cue. The first token the statement may not take; `self.l` for any other
    /// cue, or with no such comma before a later cue head.
    fn clause_end(&self, cue: (usize, usize), labels: &[usize]) -> usize {
        let toks = &self.ctx.toks;
        let (f, l) = (self.f, self.l);
        let stop = |t: &Tok| matches!(t.text, "," | "—" | "–");
        let first = &toks[cue.0];
        let participle = cue.0 == f && first.lower.ends_with("ing") && first.lower != "according";
        let relative = cue.0 >= f + 2
            && matches!(toks[cue.0 - 1].lower.as_ref(), "who" | "which")
            && stop(&toks[cue.0 - 2]);
        if !participle && !relative {
            return l;
        }
        let head = |j: usize| {
            labels[j - f] == CUE_H || toks[j].cue == Some(CueStrength::Strong) && !toks[j].in_quote
        };
        let Some(h) = (cue.1..l).find(|&j| head(j)) else {
            return l;
        };
        let Some(k) = (cue.1..h).rev().find(|&j| stop(&toks[j])) else {
            return l;
        };
        let mut end = k + 1;
        while end < h && toks[end].close_q {
            end += 1;
        }
        end
    }

    /// The rules' subject of a cue: the clause-opening noun phrase for a participle after a comma.
    fn subject(&self, cue: (usize, usize)) -> Option<(usize, usize)> {
        let c = cue.0;
        if c > self.f && self.ctx.toks[c].lower.ends_with("ing") && self.ctx.toks[c - 1].text == ","
        {
            self.ctx.np_right(self.f, c)
        } else {
            self.ctx.subject_plain(self.f, c)
        }
    }

    fn cue_word(&self, cue: (usize, usize)) -> std::borrow::Cow<'_, str> {
        let a = &self.ctx.toks[cue.0].lower;
        if cue.1 - cue.0 > 1 {
            format!("{a} {}", self.ctx.toks[cue.1 - 1].lower).into()
        } else {
            a.clone()
        }
    }

    /// The cues of head labels as token ranges (see [`cue_of`]). An auxiliary or an adverb is
    /// never the head but leads to it: "further" in "he further stated" is part of the cue
    /// "further stated".
    fn cue_spans(&self, labels: &[usize]) -> Vec<(usize, usize)> {
        let toks = &self.ctx.toks;
        let leads = |t: &Tok| is_aux(t) || LEADING_ADVERBS.contains(&t.lower.as_ref());
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (k, _) in labels.iter().enumerate().filter(|&(_, &y)| y == CUE_H) {
            let mut h = self.f + k;
            while h + 1 < self.l
                && leads(&toks[h])
                && !toks[h + 1].in_quote
                && toks[h + 1]
                    .text
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
            {
                h += 1;
            }
            let mut cue = cue_of(self.ctx, self.f, self.l, h);
            // A medium ends its noun phrase ("said in a statement on Monday"); "warned in their
            // first direct meeting" is the verb alone.
            if cue.1 == h + 4
                && toks.get(cue.1).is_some_and(|t| {
                    cue.1 < self.l
                        && t.text.chars().next().is_some_and(char::is_alphanumeric)
                        && !matches!(t.cls, "IN" | "THAT" | "CC" | "TO" | "WH")
                })
            {
                cue.1 = h + 1;
            }
            // "All" opening its clause is the subject ("To varying degrees, all agreed").
            if cue.0 < h
                && toks[cue.0].lower == "all"
                && (cue.0 == self.f
                    || !toks[cue.0 - 1]
                        .text
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric))
            {
                cue.0 += 1;
            }
            if out.last() != Some(&cue) {
                out.push(cue);
            }
        }
        out
    }
}

/// The sentences' token ranges in the shared token view.
fn ranges(ctx: &Ctx, sentences: &[Sentence]) -> Vec<(usize, usize)> {
    sentences
        .iter()
        .filter_map(|s| {
            let f = ctx.toks.partition_point(|t| t.span.start < s.span.start);
            let l = ctx.toks.partition_point(|t| t.span.start < s.span.end);
            (f < l).then_some((f, l))
        })
        .collect()
}

impl Tagger {
    /// The attributions the tagger finds in a document.
    #[cfg(test)]
    pub(crate) fn tag(&self, ctx: &Ctx, sentences: &[Sentence]) -> Vec<Tagged> {
        self.tag_except(ctx, sentences, &[])
    }

    /// The attributions the tagger finds in a document, but for those whose cue is one of
    /// `known` (the stage drops a find on a cue the rules already attributed): their roles are
    /// not tagged.
    pub(crate) fn tag_except(
        &self,
        ctx: &Ctx,
        sentences: &[Sentence],
        known: &[Span],
    ) -> Vec<Tagged> {
        let mut out = Vec::new();
        let mut feats = Rows::new(self.cue.rows());
        let mut role_feats = Rows::new(self.role.rows());
        let mut labels = Vec::new();
        let (mut ahead, mut ends) = (Vec::new(), Vec::new());
        let words = Words::new(ctx);
        let skip: Vec<bool> = ctx.toks.iter().map(|t| t.never_cue).collect();
        for (f, l) in ranges(ctx, sentences) {
            let s = Sent::new(ctx, &words, f, l);
            labels.clear();
            // The rows of every token with the previous label it mostly has (no cue head before
            // it) first: their weights are asked for from memory well before they are added up,
            // and only a token after a cue head needs its rows again. A word the tagger never
            // took for a cue head in the training texts (`resources/cue-skip.txt`) is labelled
            // outside a cue unscored: the token after it sees the label it would mostly get.
            let usual = |i: usize| if i == f { CUE_START } else { CUE_O };
            ahead.clear();
            ends.clear();
            for (i, &never) in skip.iter().enumerate().take(l).skip(f) {
                if !never {
                    s.cue_feats(i, usual(i), &mut feats);
                    ahead.extend_from_slice(&feats.v);
                }
                ends.push(ahead.len());
            }
            let mut prev = CUE_START;
            for (i, &never) in skip.iter().enumerate().take(l).skip(f) {
                let k = i - f;
                if never {
                    labels.push(CUE_O);
                    prev = CUE_O;
                    continue;
                }
                let rows = if prev == usual(i) {
                    &ahead[if k == 0 { 0 } else { ends[k - 1] }..ends[k]]
                } else {
                    s.cue_feats(i, prev, &mut feats);
                    &feats.v
                };
                let y = self
                    .cue
                    .best(rows, [0.0, self.cue_bias, 0.0, 0.0], |_| true);
                labels.push(y);
                prev = y;
            }
            let cues = s.cue_spans(&labels);
            if cues.is_empty() {
                continue;
            }
            let runs = s.runs(&labels);
            for &cue in &cues {
                if known.contains(&ctx.span(cue.0, cue.1)) {
                    continue;
                }
                let view = s.cue_view(cue);
                // A participle or relative clause's statement stays inside its clause.
                let end = s.clause_end(cue, &labels);
                let mut roles = vec![ROLE_O; l - f];
                let mut prev = ROLE_O;
                for i in f..l {
                    if i >= cue.0 && i < cue.1 {
                        prev = 3;
                        continue;
                    }
                    s.role_feats(i, &view, &runs, prev, &mut role_feats);
                    let y = self
                        .role
                        .best(&role_feats.v, [0.0; 4], |y| i < end || y != ROLE_C);
                    roles[i - f] = y;
                    prev = y;
                }
                if let Some(t) = assemble(ctx, f, cue, &roles) {
                    out.push(t);
                }
            }
        }
        out
    }
}

impl Tagger {
    /// Per token of a training text: its lower-case form, whether the cue tagger labels it a cue
    /// head (scoring every token) and whether the gold attributions do; for choosing the words
    /// the stage need not score (`examples/cue_skip.rs`); and the word's WordNet classes (see
    /// [`word_classes`]).
    pub fn cue_heads(&self, doc: &TrainDoc, lex: &Lexicon) -> Vec<(String, bool, bool, u32)> {
        let ctx = context(doc.text, doc.tokens, doc.paras, lex, true);
        let golds = gold_of(&ctx, doc.sentences, &doc.attrs);
        let words = Words::new(&ctx);
        let mut out: Vec<(String, bool, bool, u32)> = ctx
            .toks
            .iter()
            .map(|t| (t.lower.to_string(), false, false, t.wn))
            .collect();
        let mut feats = Rows::new(self.cue.rows());
        for g in &golds {
            let s = Sent::new(&ctx, &words, g.f, g.l);
            let mut prev = CUE_START;
            for (i, (o, &gold)) in out[g.f..g.l].iter_mut().zip(&g.cue).enumerate() {
                s.cue_feats(g.f + i, prev, &mut feats);
                let y = self
                    .cue
                    .best(&feats.v, [0.0, self.cue_bias, 0.0, 0.0], |_| true);
                o.1 = y == CUE_H;
                o.2 = gold == CUE_H;
                prev = y;
            }
        }
        out
    }
}

/// The source run nearest the cue, and the content: the C tokens on the side of the cue that has
/// most of them, widened to whole quotation stretches.
fn assemble(ctx: &Ctx, f: usize, cue: (usize, usize), roles: &[usize]) -> Option<Tagged> {
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    for (k, &y) in roles.iter().enumerate() {
        let i = f + k;
        if y == ROLE_O {
            continue;
        }
        match runs.last_mut() {
            Some(r) if r.2 == y && r.1 == i => r.1 = i + 1,
            _ => runs.push((i, i + 1, y)),
        }
    }
    let dist = |r: &(usize, usize, usize)| {
        if r.1 <= cue.0 {
            cue.0 - r.1
        } else {
            r.0.saturating_sub(cue.1)
        }
    };
    // A relative pronoun just before the cue is the source ("officials, who said ..."), as
    // PolNeAR marks it; the noun it stands for is another clause's.
    let source = runs
        .iter()
        .filter(|r| r.2 == ROLE_S)
        .min_by_key(|r| dist(r))
        .map(|&(a, b, _)| {
            let relative = b == cue.0
                && b - a > 1
                && matches!(ctx.toks[b - 1].lower.as_ref(), "who" | "which" | "that");
            if relative {
                ctx.span(b - 1, b)
            } else {
                ctx.span(a, b)
            }
        });
    let count = |left: bool| -> usize {
        runs.iter()
            .filter(|r| r.2 == ROLE_C && (r.1 <= cue.0) == left)
            .map(|r| r.1 - r.0)
            .sum()
    };
    let left = count(true) > count(false);
    let cs: Vec<&(usize, usize, usize)> = runs
        .iter()
        .filter(|r| r.2 == ROLE_C && (r.1 <= cue.0) == left)
        .collect();
    let (a, b) = (cs.first()?.0, cs.last()?.1);
    let mut content = ctx.span(a, b);
    let cue_span = ctx.span(cue.0, cue.1);
    // A quotation that holds the cue is not its statement (a block quote with its own
    // attributions inside), so the content is widened only to quotations outside the cue.
    let apart = |q: Span| q.end <= cue_span.start || q.start >= cue_span.end;
    if ctx.toks[a].open_q {
        if let Some(q) = ctx
            .quote_opening(ctx.toks[a].span.start)
            .filter(|&q| apart(q))
        {
            content.end = content.end.max(q.end);
        }
    }
    if ctx.toks[b - 1].close_q {
        if let Some(q) = ctx.quote_closing_at(b - 1).filter(|&q| apart(q)) {
            content.start = content.start.min(q.start);
        }
    }
    Some(Tagged {
        content,
        cue: cue_span,
        source,
    })
}

/// One training text: its segmentation and its gold attributions over byte spans.
pub struct TrainDoc<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub sentences: &'a [Sentence],
    pub paras: &'a [Span],
    pub attrs: Vec<GoldAttr>,
}

/// A gold attribution over byte spans (each role may be in several pieces).
#[derive(Clone, Debug, Default)]
pub struct GoldAttr {
    pub content: Vec<Span>,
    pub cue: Vec<Span>,
    pub source: Vec<Span>,
}

impl GoldAttr {
    /// From the byte offsets of its content, cue and source pieces.
    pub fn from_offsets([content, cue, source]: &[Vec<(usize, usize)>; 3]) -> GoldAttr {
        let spans = |v: &[(usize, usize)]| v.iter().map(|&(a, b)| Span::new(a, b)).collect();
        GoldAttr {
            content: spans(content),
            cue: spans(cue),
            source: spans(source),
        }
    }
}

/// Training settings.
#[derive(Clone, Copy, Debug)]
pub struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
    /// Taggers trained on other shuffles of the texts (seeds `seed`, `seed + 1`, …) and averaged.
    pub shuffles: usize,
}

/// An averaged multiclass perceptron.
struct Trainer {
    labels: usize,
    w: Vec<f32>,
    total: Vec<f32>,
    stamp: Vec<u32>,
    step: u32,
}

impl Trainer {
    fn new(labels: usize) -> Trainer {
        Trainer {
            labels,
            w: vec![0.0; SIZE * labels],
            total: vec![0.0; SIZE * labels],
            stamp: vec![0; SIZE * labels],
            step: 1,
        }
    }

    /// The current (not averaged) scores of every label.
    fn scores(&self, feats: &[u32]) -> [f32; 4] {
        let mut s = [0f32; 4];
        for &f in feats {
            let row = f as usize * self.labels;
            for (y, v) in s.iter_mut().enumerate().take(self.labels) {
                *v += self.w[row + y];
            }
        }
        s
    }

    fn predict(&self, feats: &[u32]) -> usize {
        let s = self.scores(feats);
        (0..self.labels)
            .max_by(|&a, &b| s[a].total_cmp(&s[b]).then(b.cmp(&a)))
            .unwrap_or(0)
    }

    /// Predicts and, when wrong, moves the weights towards `gold`; returns whether it was right.
    fn learn(&mut self, feats: &[u32], gold: usize) -> bool {
        let pred = self.predict(feats);
        if pred != gold {
            for &f in feats {
                for (y, d) in [(gold, 1.0), (pred, -1.0)] {
                    let k = f as usize * self.labels + y;
                    // Lazy averaging: fold in the time the weight stayed unchanged.
                    self.total[k] += (self.step - self.stamp[k]) as f32 * self.w[k];
                    self.stamp[k] = self.step;
                    self.w[k] += d;
                }
            }
        }
        self.step += 1;
        pred == gold
    }

    /// The averaged weights so far.
    fn average_weights(&self) -> Vec<f32> {
        let n = self.step as f32;
        (0..self.w.len())
            .map(|k| (self.total[k] + (self.step - self.stamp[k]) as f32 * self.w[k]) / n)
            .collect()
    }
}

fn overlaps(t: Span, spans: &[Span]) -> bool {
    spans.iter().any(|s| t.start < s.end && s.start < t.end)
}

/// Gold labels of one text: per sentence, the cue labels and the (cue, role labels) pairs.
struct Gold {
    f: usize,
    l: usize,
    cue: Vec<usize>,
    roles: Vec<((usize, usize), Vec<usize>)>,
}

/// Adverbs with no "-ly" that stand before a cue's head ("he further stated").
const LEADING_ADVERBS: &[&str] = &["further", "too", "first", "ever", "instead", "likewise"];

/// A word that leads up to a cue's head: an auxiliary, a modal, a negation, an adverb, "to", an
/// article.
pub(crate) fn is_aux(t: &Tok) -> bool {
    matches!(t.cls, "BE" | "HAVE" | "MOD" | "NEG" | "ADV" | "TO" | "DET")
        || matches!(
            t.lower.as_ref(),
            "also"
                | "again"
                | "once"
                | "still"
                | "even"
                | "never"
                | "already"
                | "just"
                | "now"
                | "then"
                | "soon"
                | "later"
                | "often"
                | "all"
        )
}

/// The tokens of a cue whose head is `h` in the sentence `[f, l)`: the head with the auxiliaries
/// just before it, and after it the "to" of "according to" or a medium ("said in a statement").
fn cue_of(ctx: &Ctx, f: usize, l: usize, h: usize) -> (usize, usize) {
    let mut a = h;
    while a > f
        && !ctx.toks[a - 1].in_quote
        && is_aux(&ctx.toks[a - 1])
        && ctx.toks[a - 1].cls != "DET"
    {
        a -= 1;
    }
    let word = |i: usize| ctx.toks.get(i).filter(|_| i < l).map(|t| t.lower.as_ref());
    let b = if ctx.toks[h].lower == "according" && word(h + 1) == Some("to") {
        h + 2
    } else if word(h + 1) == Some("in")
        && matches!(
            word(h + 2),
            Some("a" | "an" | "the" | "his" | "her" | "its" | "their")
        )
        && word(h + 3).is_some()
        && ctx.toks[h + 3].wn & 1 << 16 != 0
    {
        h + 4
    } else {
        h + 1
    };
    (a, b)
}

fn gold_of(ctx: &Ctx, sentences: &[Sentence], attrs: &[GoldAttr]) -> Vec<Gold> {
    let mut out = Vec::new();
    for (f, l) in ranges(ctx, sentences) {
        let mut cue = vec![CUE_O; l - f];
        let mut roles = Vec::new();
        for a in attrs {
            // The first piece of the cue is the cue the tagger learns to find.
            let Some(&piece) = a.cue.iter().min_by_key(|s| s.start) else {
                continue;
            };
            let toks: Vec<usize> = (f..l)
                .filter(|&i| overlaps(ctx.toks[i].span, &[piece]))
                .collect();
            let (Some(&a0), Some(&a1)) = (toks.first(), toks.last()) else {
                continue;
            };
            // The tagger learns the cue's head word; the role tagger learns around the span the
            // tagger reports for that head.
            let h = (a0..=a1).find(|&i| !is_aux(&ctx.toks[i])).unwrap_or(a0);
            cue[h - f] = CUE_H;
            let (a0, b) = cue_of(ctx, f, l, h);
            let a1 = b - 1;
            let r = (f..l)
                .map(|i| {
                    let s = ctx.toks[i].span;
                    if i >= a0 && i <= a1 {
                        ROLE_O
                    } else if overlaps(s, &a.source) {
                        ROLE_S
                    } else if overlaps(s, &a.content) {
                        ROLE_C
                    } else {
                        ROLE_O
                    }
                })
                .collect();
            roles.push(((a0, a1 + 1), r));
        }
        out.push(Gold { f, l, cue, roles });
    }
    out
}

/// Trains both taggers; `log` hears progress.
pub fn train(
    docs: &[TrainDoc],
    lex: &Lexicon,
    cfg: TrainConfig,
    log: &mut dyn FnMut(&str),
) -> Tagger {
    train_with(docs, lex, cfg, log, &mut |_, _| {})
}

/// Trains both taggers; `log` hears progress and `each_epoch` gets the averaged model after
/// every epoch (for choosing the number of epochs on held-out texts).
pub fn train_with(
    docs: &[TrainDoc],
    lex: &Lexicon,
    cfg: TrainConfig,
    log: &mut dyn FnMut(&str),
    each_epoch: &mut dyn FnMut(usize, &Tagger),
) -> Tagger {
    // Per text: its token view, word classes, WordNet classes and gold labels.
    type Prepared<'a> = (Ctx<'a>, Words, Vec<Gold>);
    let ctxs: Vec<Prepared> = docs
        .iter()
        .map(|d| {
            let ctx = context(d.text, d.tokens, d.paras, lex, true);
            let g = gold_of(&ctx, d.sentences, &d.attrs);
            let words = Words::new(&ctx);
            (ctx, words, g)
        })
        .collect();
    // One pair of trainers per shuffle, trained in step so that every epoch has a snapshot.
    let mut runs: Vec<Run> = (0..cfg.shuffles.max(1))
        .map(|k| Run {
            cue: Trainer::new(2),
            role: Trainer::new(3),
            order: (0..ctxs.len()).collect(),
            state: cfg.seed.wrapping_add(k as u64),
        })
        .collect();
    let mut feats = Rows::new((std::ptr::null(), 0));
    for epoch in 0..cfg.epochs {
        let (mut cue_err, mut cue_n, mut role_err, mut role_n) = (0, 0, 0, 0);
        for run in &mut runs {
            let Run {
                cue: cue_t,
                role: role_t,
                order,
                state,
            } = run;
            // Fisher-Yates with a fixed linear congruential generator: the same model every run.
            for i in (1..order.len()).rev() {
                *state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                order.swap(i, (*state >> 33) as usize % (i + 1));
            }
            for &k in order.iter() {
                let (ctx, words, golds) = &ctxs[k];
                for g in golds {
                    let s = Sent::new(ctx, words, g.f, g.l);
                    // Gold previous labels while training (the usual shortcut for greedy taggers).
                    let mut prev = CUE_START;
                    for i in g.f..g.l {
                        s.cue_feats(i, prev, &mut feats);
                        let y = g.cue[i - g.f];
                        cue_err += usize::from(!cue_t.learn(&feats.v, y));
                        cue_n += 1;
                        prev = y;
                    }
                    if g.roles.is_empty() {
                        continue;
                    }
                    let runs = s.runs(&g.cue);
                    for (cue, r) in &g.roles {
                        let view = s.cue_view(*cue);
                        let mut prev = ROLE_O;
                        for i in g.f..g.l {
                            if i >= cue.0 && i < cue.1 {
                                prev = ROLE_Q;
                                continue;
                            }
                            s.role_feats(i, &view, &runs, prev, &mut feats);
                            let y = r[i - g.f];
                            role_err += usize::from(!role_t.learn(&feats.v, y));
                            role_n += 1;
                            prev = y;
                        }
                    }
                }
            }
        }
        log(&format!(
            "epoch {}: cue token errors {cue_err}/{cue_n}, role token errors {role_err}/{role_n}",
            epoch + 1
        ));
        let snapshot = average(&runs);
        each_epoch(epoch + 1, &snapshot);
        if epoch + 1 == cfg.epochs {
            return snapshot;
        }
    }
    average(&runs)
}

/// One shuffle's trainers and its order of the training texts.
struct Run {
    cue: Trainer,
    role: Trainer,
    order: Vec<usize>,
    state: u64,
}

/// The mean of the shuffles' averaged weights (`runs` is not empty): a tagger less dependent
/// on one order of the training texts.
fn average(runs: &[Run]) -> Tagger {
    let mean = |get: fn(&Run) -> &Trainer| {
        let mut m = get(&runs[0]).average_weights();
        for r in &runs[1..] {
            let o = get(r).average_weights();
            m.iter_mut().zip(&o).for_each(|(a, b)| *a += b);
        }
        let n = runs.len() as f32;
        m.iter_mut().for_each(|v| *v /= n);
        Linear {
            labels: get(&runs[0]).labels,
            w: Weights::Dense(m),
        }
    };
    Tagger {
        cue: mean(|r| &r.cue),
        role: mean(|r| &r.role),
        cue_bias: 0.0,
        post: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_core::TokenKind;

    /// Whitespace tokens and one sentence per line, enough for the taggers.
    fn segment(text: &str) -> (Vec<Token>, Vec<Sentence>) {
        let mut tokens = Vec::new();
        let mut sentences = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let first = tokens.len() as u32;
            let mut start = None;
            for (i, c) in line
                .char_indices()
                .chain(std::iter::once((line.len(), ' ')))
            {
                match (c.is_whitespace(), start) {
                    (false, None) => start = Some(i),
                    (true, Some(s)) => {
                        tokens.push(Token {
                            span: Span::new(at + s, at + i),
                            kind: TokenKind::Word,
                        });
                        start = None;
                    }
                    _ => {}
                }
            }
            let end = at + line.trim_end().len();
            sentences.push(Sentence {
                span: Span::new(at, end),
                first,
                last: tokens.len() as u32,
            });
            at += line.len();
        }
        (tokens, sentences)
    }

    fn span_of(text: &str, part: &str) -> Span {
        let s = text.find(part).expect("part of the text");
        Span::new(s, s + part.len())
    }

    #[test]
    fn learns_cues_and_roles_and_round_trips() {
        let text = "Mayor Lee said the bridge will reopen soon\n\
                    The river rose fast , officials said\n\
                    The council met on Monday\n";
        let (tokens, sentences) = segment(text);
        let paras = crate::marks::paragraphs(text);
        let attrs = vec![
            GoldAttr {
                content: vec![span_of(text, "the bridge will reopen soon")],
                cue: vec![span_of(text, "said the")],
                source: vec![span_of(text, "Mayor Lee")],
            },
            GoldAttr {
                content: vec![span_of(text, "The river rose fast")],
                cue: vec![span_of(text, "said\nThe council")],
                source: vec![span_of(text, "officials")],
            },
        ];
        // The cue spans above run one word over; keep only their first word.
        let attrs: Vec<GoldAttr> = attrs
            .into_iter()
            .map(|mut a| {
                a.cue[0].end = a.cue[0].start + 4;
                a
            })
            .collect();
        let doc = TrainDoc {
            text,
            tokens: &tokens,
            sentences: &sentences,
            paras: &paras,
            attrs,
        };
        let lex = Lexicon::parse("said\n");
        let cfg = TrainConfig {
            epochs: 5,
            seed: 1,
            shuffles: 2,
        };
        let model = train(std::slice::from_ref(&doc), &lex, cfg, &mut |_| {});
        let back = Tagger::from_bytes(&model.to_bytes()).expect("readable");
        let ctx = context(text, &tokens, &paras, &lex, true);
        let found = back.tag(&ctx, &sentences);
        let show = |s: Span| s.text(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(show(found[0].content), "the bridge will reopen soon");
        assert_eq!(found[0].source.map(show), Some("Mayor Lee"));
        assert_eq!(show(found[1].content), "The river rose fast");
        assert_eq!(found[1].source.map(show), Some("officials"));
        assert!(Tagger::from_bytes(b"DQT5").is_none());
        assert!(Tagger::from_bytes(&[]).is_none());
    }

    /// Every feature row the taggers read on a text (cue rows with each previous label, role
    /// rows around every cue the tagger could report, with each previous label), folded into one
    /// digest. The model was trained on these rows: a faster way of computing them must give
    /// the same ones, in the same order (the order of the float sums).
    fn feature_digest(text: &str) -> (u64, usize) {
        let lex = Lexicon::shipped();
        let paras = crate::marks::paragraphs(text);
        let blocks = crate::marks::blocks(&paras);
        let (tokens, sentences) = dossier_segment::segment(text, &blocks);
        let ctx = context(text, &tokens, &paras, &lex, true);
        let words = Words::new(&ctx);
        let mut digest = 0xcbf2_9ce4_8422_2325u64;
        let mut n = 0;
        let mut fold = |rows: &[u32]| {
            for &r in rows {
                digest = (digest ^ r as u64).wrapping_mul(0x0100_0000_01b3);
                n += 1;
            }
            digest = digest.rotate_left(7) ^ rows.len() as u64;
        };
        let mut feats = Rows::new((std::ptr::null(), 0));
        for (f, l) in ranges(&ctx, &sentences) {
            let s = Sent::new(&ctx, &words, f, l);
            for i in f..l {
                for prev in [CUE_O, CUE_H, CUE_START] {
                    s.cue_feats(i, prev, &mut feats);
                    fold(&feats.v);
                }
            }
            // Every head a cue could have, as the tagger would widen it.
            let heads: Vec<usize> = (f..l)
                .map(|i| usize::from(i % 3 == 0 || ctx.lex.get(&ctx.toks[i].lower).is_some()))
                .collect();
            let runs = s.runs(&heads);
            for cue in s.cue_spans(&heads) {
                let view = s.cue_view(cue);
                for i in (f..l).filter(|&i| i < cue.0 || i >= cue.1) {
                    for prev in [ROLE_O, ROLE_S, ROLE_C, ROLE_Q] {
                        s.role_feats(i, &view, &runs, prev, &mut feats);
                        fold(&feats.v);
                    }
                }
            }
        }
        (digest, n)
    }

    #[test]
    fn the_fast_string_hash_is_the_table_one() {
        for v in [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "said",
            "<s>",
            "</s>",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "investigating",
            "ça va",
            "reporters’",
            "13-20",
        ] {
            assert_eq!(hs(v), hash_str(v.as_bytes()), "{v:?}");
        }
        assert_ne!(hs("ab"), hs("ab\0"));
        assert_ne!(hs("said"), hs("says"));
    }

    #[test]
    fn feature_rows_stay_the_same() {
        let text = "WASHINGTON (Reuters) - The U.S. Senate voted 52-48 on Tuesday, officials said.\n\n\
                    “We will not back down,” Senator Jane O’Neill told reporters, adding that the \
                    vote was “a first step.”\n\n\
                    According to the report, prices rose 3.5% in May; analysts expect further gains.\n\n\
                    He further stated: “Nobody knows.” The ministry, which denied the claims, has \
                    been investigating since 2019 — and said in a statement it would respond.\n\n\
                    Citing sources, the paper reported that the deal fell through. Ça va? Yes!\n";
        let (digest, rows) = feature_digest(text);
        // Changed on purpose with the model DQT6: the values hashed to 64 bits once and mixed
        // with one multiplication each, instead of FNV-1a over their bytes (the same features).
        assert_eq!((digest, rows), (5774992472806155684, 174642));
    }
}
