//! Observation features: each token gets a list of 64-bit feature keys.
//!
//! Strings are hashed once per token with xxh3 under a fixed seed; templates and conjunctions
//! combine those hashes with a fixed integer mixer, so keys are stable across platforms and
//! builds (they are persisted in the model file). No strings are allocated per token.

use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::clusters::Clusters;
use crate::gazetteer::Gazetteer;

/// Bumped whenever a template, the normalisation or a hash changes: models record it and a
/// model of another version is refused.
pub const FEATURE_VERSION: u32 = 2;

const SEED: u64 = 0x6e65_725f_7631_2026;

/// Hash of a string under the fixed seed.
pub fn hash_str(s: &str) -> u64 {
    xxh3_64_with_seed(s.as_bytes(), SEED)
}

/// A 128-bit digest of bytes (training-data fingerprints).
pub fn digest128(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// splitmix64's finaliser: a fixed, well-mixed combination of integers.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let mut z = a.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ b.rotate_left(29) ^ 0x5851_f42d_4c95_7f2d;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[inline]
fn key(template: u64, a: u64) -> u64 {
    mix(template, a)
}

#[inline]
fn key2(template: u64, a: u64, b: u64) -> u64 {
    mix(mix(template, a), b)
}

/// How a word is capitalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caps {
    /// No letters.
    None,
    Lower,
    /// First letter upper, some lower after it.
    Init,
    /// All letters upper (two or more letters).
    All,
    /// One upper-case letter alone ("A", "I").
    Single,
    Mixed,
}

/// What the features need to know about one token, computed once.
#[derive(Clone, Copy, Debug)]
pub struct TokInfo {
    pub exact: u64,
    /// Lower case, curly quotes straightened, digits as `0`.
    pub lower: u64,
    pub shape: u64,
    pub short: u64,
    pub prefix: [u64; 4],
    pub suffix: [u64; 4],
    pub caps: Caps,
    pub has_digit: bool,
    /// Length in characters (saturating).
    pub len: u8,
    /// Path of the word's cluster (0 when it has none).
    pub cluster: u32,
    pub cluster_len: u8,
}

/// Normalises a word for lookup: curly quotes to ASCII, lower case, digits to `0`.
pub fn normalise_lower(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '`' | '\u{00b4}' => out.push('\''),
            '\u{201c}' | '\u{201d}' => out.push('"'),
            '0'..='9' => out.push('0'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// The word with curly quotes straightened (case kept).
fn normalise_exact(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '`' | '\u{00b4}' => out.push('\''),
            '\u{201c}' | '\u{201d}' => out.push('"'),
            c => out.push(c),
        }
    }
}

fn char_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() || c.is_alphabetic() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        match c {
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        }
    }
}

pub fn caps_of(word: &str) -> Caps {
    let (mut upper, mut lower, mut first_upper, mut first) = (0usize, 0usize, false, true);
    for c in word.chars() {
        if c.is_uppercase() {
            upper += 1;
            if first {
                first_upper = true;
            }
            first = false;
        } else if c.is_alphabetic() {
            // Lower case, or a script without case.
            lower += 1;
            first = false;
        }
    }
    match (upper, lower) {
        (0, 0) => Caps::None,
        (0, _) => Caps::Lower,
        (1, 0) => Caps::Single,
        (_, 0) => Caps::All,
        (1, _) if first_upper => Caps::Init,
        _ if first_upper && upper <= 3 => Caps::Init,
        _ => Caps::Mixed,
    }
}

/// Scratch buffers reused across tokens.
#[derive(Default)]
pub struct Scratch {
    a: String,
    b: String,
}

/// Computes a token's [`TokInfo`].
pub fn tok_info(word: &str, clusters: Option<&Clusters>, s: &mut Scratch) -> TokInfo {
    normalise_exact(word, &mut s.a);
    let exact = hash_str(&s.a);
    normalise_lower(word, &mut s.a);
    let lower = hash_str(&s.a);
    let mut prefix = [0u64; 4];
    let mut suffix = [0u64; 4];
    let lw = s.a.as_str();
    // Prefixes: the first 1..=4 characters; suffixes: the last 1..=4.
    for (n, (i, c)) in lw.char_indices().take(4).enumerate() {
        prefix[n] = key(0x70 + n as u64, hash_str(&lw[..i + c.len_utf8()]));
    }
    for (n, (i, _)) in lw.char_indices().rev().take(4).enumerate() {
        suffix[n] = key(0x80 + n as u64, hash_str(&lw[i..]));
    }
    // Shape: character classes with runs longer than 3 cut; short shape: runs collapsed.
    s.b.clear();
    let (mut last, mut run) = ('\0', 0);
    for c in word.chars() {
        let k = char_class(c);
        if k == last {
            run += 1;
            if run > 3 {
                continue;
            }
        } else {
            last = k;
            run = 1;
        }
        s.b.push(k);
    }
    let shape = hash_str(&s.b);
    s.a.clear();
    let mut last = '\0';
    for c in s.b.chars() {
        if c != last {
            s.a.push(c);
            last = c;
        }
    }
    let short = hash_str(&s.a);
    let (cluster, cluster_len) = clusters.and_then(|c| c.get(lower)).unwrap_or((0, 0));
    TokInfo {
        exact,
        lower,
        shape,
        short,
        prefix,
        suffix,
        caps: caps_of(word),
        has_digit: word.chars().any(|c| c.is_numeric()),
        len: word.chars().count().min(255) as u8,
        cluster,
        cluster_len,
    }
}

/// What is known about a word across its whole document.
#[derive(Clone, Copy, Debug, Default)]
pub struct DocWord {
    /// Seen with an initial capital where capitals are informative (not sentence-first, not a headline).
    pub cap_inside: bool,
    /// Seen in lower case.
    pub lower: bool,
}

/// Labels predicted earlier in the document for a word: counts per entity type.
#[derive(Clone, Copy, Debug, Default)]
pub struct History {
    pub counts: [u16; 4],
}

/// A sentence counts as a headline when most of its letters are capitals.
pub fn is_headline(infos: &[TokInfo]) -> bool {
    let (mut all, mut words) = (0, 0);
    for t in infos {
        match t.caps {
            Caps::All | Caps::Single => {
                all += 1;
                words += 1
            }
            Caps::Lower | Caps::Init | Caps::Mixed => words += 1,
            Caps::None => {}
        }
    }
    words >= 2 && all * 10 >= words * 8
}

/// True for title-case lines: most words with four or more letters are capitalised.
pub fn is_title_case(words: &[&str], infos: &[TokInfo]) -> bool {
    let (mut cap, mut long) = (0, 0);
    for (w, t) in words.iter().zip(infos) {
        if w.chars().count() >= 4 && matches!(t.caps, Caps::Init | Caps::Lower | Caps::Mixed) {
            long += 1;
            if t.caps == Caps::Init {
                cap += 1;
            }
        }
    }
    long >= 3 && cap * 10 >= long * 8
}

/// Per-sentence inputs beyond the tokens.
pub struct SentenceCtx<'a> {
    pub infos: &'a [TokInfo],
    /// Gazetteer marks per token: bit `4*type + pos` with pos 0=B,1=I,2=L,3=U.
    pub gaz: &'a [u16],
    /// Document-wide facts per token.
    pub doc: &'a [DocWord],
    pub headline: bool,
    pub title_case: bool,
}

const BOS: u64 = 0x1111;
const EOS: u64 = 0x2222;

/// Appends the static feature keys of token `i` to `out`.
pub fn token_features(ctx: &SentenceCtx, i: usize, out: &mut Vec<u64>) {
    let t = &ctx.infos;
    let n = t.len();
    let at = |j: isize| -> Option<&TokInfo> {
        if j < 0 || j as usize >= n {
            None
        } else {
            Some(&t[j as usize])
        }
    };
    let ii = i as isize;
    let w = &t[i];
    let lower = |j: isize| at(ii + j).map_or(if j < 0 { BOS } else { EOS }, |x| x.lower);
    let short = |j: isize| at(ii + j).map_or(if j < 0 { BOS } else { EOS }, |x| x.short);
    let caps = |j: isize| at(ii + j).map_or(if j < 0 { 7 } else { 8 }, |x| x.caps as u64);
    let mode = if ctx.headline {
        1
    } else if ctx.title_case {
        2
    } else {
        0
    };

    out.push(key(2, w.exact));
    out.push(key(3, w.lower));
    out.push(key2(14, lower(-1), w.lower));
    out.push(key2(15, w.lower, lower(1)));
    out.push(key2(20, mode, w.lower));
    out.push(key(1, 0));
    out.push(key(4, lower(-1)));
    out.push(key(5, lower(1)));
    out.push(key(6, lower(-2)));
    out.push(key(7, lower(2)));
    out.push(key(8, w.shape));
    out.push(key(9, short(-1)));
    out.push(key(10, short(1)));
    out.push(key2(11, short(-1), w.short));
    out.push(key2(12, w.short, short(1)));
    out.push(key2(13, key2(0, short(-1), w.short), short(1)));
    out.extend_from_slice(&w.prefix);
    out.extend_from_slice(&w.suffix);
    out.push(key(16, at(ii - 1).map_or(BOS, |x| x.exact)));
    out.push(key(17, at(ii + 1).map_or(EOS, |x| x.exact)));
    out.push(key2(18, (i == 0) as u64, w.short));
    out.push(key2(19, mode, w.short));
    out.push(key2(21, key2(0, caps(-1), w.caps as u64), caps(1)));
    out.push(key2(22, mode, key2(0, caps(-1), w.caps as u64)));
    out.push(key2(23, w.has_digit as u64, w.caps as u64));
    out.push(key(24, ((n > 1) as u64) << 1 | (i + 1 == n) as u64));

    // Document-wide casing: tells a capitalised headline or sentence-first word from a name.
    let d = ctx.doc[i];
    let first_or_head = (i == 0 || mode != 0) as u64;
    out.push(key2(
        25,
        key2(first_or_head, d.cap_inside as u64, d.lower as u64),
        w.caps as u64,
    ));

    // Gazetteer marks, alone and with the word's capitals.
    let g = ctx.gaz[i];
    if g != 0 {
        for b in 0..16u64 {
            if g & (1 << b) != 0 {
                out.push(key(26, b));
                out.push(key2(27, b, w.caps as u64));
            }
        }
    } else {
        out.push(key(26, 99));
    }
    let gn = |j: isize| at(ii + j).map_or(0, |_| ctx.gaz[(ii + j) as usize]) as u64;
    out.push(key2(28, gn(-1), gn(1)));

    // Cluster paths at several depths, for this word and its neighbours.
    if w.cluster_len > 0 {
        for depth in [4u8, 6, 10, 14, 20] {
            let d = depth.min(w.cluster_len);
            out.push(key2(
                30 + depth as u64,
                d as u64,
                (w.cluster >> (w.cluster_len - d)) as u64,
            ));
        }
    } else {
        out.push(key(29, 0));
    }
    for (tpl, j) in [(51u64, -1isize), (52, 1)] {
        let c = at(ii + j).map_or(0, |x| {
            if x.cluster_len >= 8 {
                (x.cluster >> (x.cluster_len - 8)) as u64 + 1
            } else {
                0
            }
        });
        out.push(key(tpl, c));
    }
}

/// The dynamic keys of a token from what was predicted for its word earlier in the document.
pub fn history_features(h: &History, caps: Caps, out: &mut Vec<u64>) {
    let total: u32 = h.counts.iter().map(|&c| c as u32).sum();
    if total == 0 {
        return;
    }
    let (best, _) = h
        .counts
        .iter()
        .enumerate()
        .max_by_key(|(i, c)| (**c, 4 - *i))
        .unwrap_or((0, &0));
    out.push(key(60, best as u64));
    out.push(key2(61, best as u64, caps as u64));
    for (ty, &c) in h.counts.iter().enumerate() {
        if c > 0 {
            out.push(key(62, ty as u64));
        }
    }
}

/// Every key [`history_features`] can produce.
pub fn all_history_keys() -> Vec<u64> {
    let caps = [
        Caps::None,
        Caps::Lower,
        Caps::Init,
        Caps::All,
        Caps::Single,
        Caps::Mixed,
    ];
    let mut out = Vec::new();
    for ty in 0..4u64 {
        out.push(key(60, ty));
        out.push(key(62, ty));
        for c in caps {
            out.push(key2(61, ty, c as u64));
        }
    }
    out
}

/// Gazetteer marks for a sentence of lower-case word hashes.
pub fn gazetteer_marks(gaz: &Gazetteer, infos: &[TokInfo], out: &mut Vec<u16>) {
    out.clear();
    out.resize(infos.len(), 0);
    for i in 0..infos.len() {
        let mut h = 0u64;
        for n in 1..=gaz.max_len().min(infos.len() - i) {
            h = mix(h, infos[i + n - 1].lower);
            let Some(types) = gaz.get(h) else { continue };
            for ty in 0..4 {
                if types & (1 << ty) == 0 {
                    continue;
                }
                let base = 4 * ty;
                if n == 1 {
                    out[i] |= 1 << (base + 3);
                } else {
                    out[i] |= 1 << base;
                    for m in &mut out[i + 1..i + n - 1] {
                        *m |= 1 << (base + 1);
                    }
                    out[i + n - 1] |= 1 << (base + 2);
                }
            }
        }
    }
}

/// The key of a word sequence in the gazetteer, as [`gazetteer_marks`] computes it.
pub fn sequence_key(infos: &[TokInfo]) -> u64 {
    infos.iter().fold(0u64, |h, t| mix(h, t.lower))
}
