//! Document-level constraints, applied by re-decoding sentences with some labels forbidden
//! rather than by editing labels, so the other names of a sentence can adapt.
//!
//! - After the first pass, an acronym defined in the article ("National Resistance Front
//!   (NRF)", "Islamic State in Khorasan Province, ISKP") makes its long form one name and the
//!   acronym a whole name of one type wherever it is written so: "NRF" is not the first word of
//!   "NRF Ali Nazary", and the words after it are scored without it as context.
//! - After the second pass, one type per name string on a clear majority of the body's
//!   mentions (a group is not an organisation in one paragraph and a place in the next), and a
//!   word known only as a person's name joins the person's name right after it.
//! - A name does not run past a word whose tail is not part of it ("Taliban-ruled",
//!   "Taliban’s"): callers mark such tokens as name ends.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::decode::{self, Pos, Transitions, Viterbi, N_LABELS};
use crate::features::{hash_str, mix, Caps, TokInfo};
use crate::hashmap::IdBuild;
use crate::tagger::{Decoded, Prepared};

/// Subtracted from the emission of a forbidden label: far beyond any learned score, finite so
/// margins stay defined.
pub const FORBID: f32 = 1.0e5;

/// Bit set of allowed labels.
type Allowed = u32;

fn only(labels: &[usize]) -> Allowed {
    labels.iter().fold(0, |m, &l| m | 1 << l)
}

fn type_labels(ty: usize) -> Allowed {
    only(&[
        decode::label(Pos::B, ty),
        decode::label(Pos::I, ty),
        decode::label(Pos::L, ty),
        decode::label(Pos::U, ty),
    ])
}

/// Forbids, at token `i`, every label outside `allowed`.
pub fn restrict(emit: &mut [f32], i: usize, allowed: Allowed) {
    for (l, e) in emit[i * N_LABELS..(i + 1) * N_LABELS]
        .iter_mut()
        .enumerate()
    {
        if allowed & (1 << l) == 0 {
            *e -= FORBID;
        }
    }
}

/// Forbids B and I (a name going on) at the tokens marked as name ends.
pub fn mask_ends(emit: &mut [f32], ends: &[bool]) {
    let stop = !only(&[1, 2, 5, 6, 9, 10, 13, 14]);
    for (i, &e) in ends.iter().enumerate() {
        if e && (i + 1) * N_LABELS <= emit.len() {
            restrict(emit, i, stop);
        }
    }
}

/// Words joining the capitalised words of a long form ("Islamic State in Khorasan").
const JOINERS: [&str; 8] = ["of", "in", "for", "and", "the", "on", "de", "al"];

/// The capital letters of an acronym token ("IS-K" → "ISK"), if it looks like one: two to
/// eight capitals, maybe with hyphens, nothing else.
fn acronym_letters(w: &str) -> Option<Vec<char>> {
    let mut letters = Vec::new();
    for c in w.chars() {
        match c {
            'A'..='Z' => letters.push(c),
            '-' | '.' => {}
            _ => return None,
        }
    }
    (2..=8).contains(&letters.len()).then_some(letters)
}

/// The start of the long form ending at token `end` (inclusive) whose capitalised words'
/// initials spell `letters`, if there is one.
fn long_form(words: &[&str], infos: &[TokInfo], end: usize, letters: &[char]) -> Option<usize> {
    let mut need = letters.len();
    let mut i = end + 1;
    while i > 0 && need > 0 {
        i -= 1;
        let w = words[i];
        match infos[i].caps {
            Caps::Init | Caps::All | Caps::Single | Caps::Mixed => {
                let c = w.chars().next()?;
                if c != letters[need - 1] {
                    return None;
                }
                need -= 1;
            }
            _ if i < end && JOINERS.contains(&w) => {}
            _ => return None,
        }
    }
    (need == 0 && i < end).then_some(i)
}

/// Majority type among counts, if one is strictly ahead of the others.
fn majority(counts: &[u16; 4]) -> Option<usize> {
    let (best, &n) = counts
        .iter()
        .enumerate()
        .max_by_key(|(k, c)| (**c, 4 - *k))?;
    let ahead = counts.iter().enumerate().all(|(k, &c)| k == best || c < n);
    (n > 0 && ahead).then_some(best)
}

fn seq_key(infos: &[TokInfo]) -> u64 {
    infos.iter().fold(0x5cu64, |h, t| mix(h, t.lower))
}

/// Applies the acronyms an article defines to first-pass output (before the second pass, so
/// that pass learns nothing from a name glued to an acronym); `sentences` are the tagged words.
///
/// `rescore(p, j, emit)` recomputes the local scores of the tokens that see token `j - 1` in
/// their context window as if the sentence started at `j`.
pub fn acronyms<S: AsRef<str>>(
    prepared: &[Prepared],
    sentences: &[Vec<S>],
    out: &mut [Decoded],
    trans: &Transitions,
    rescore: &dyn Fn(&Prepared, usize, &mut [f32]),
) {
    let mut vit = Viterbi::default();
    let mut words: Vec<&str> = Vec::new();
    // Acronyms the article defines: (sentence, long form, acronym key, the long form's type).
    let mut defs: Vec<(usize, usize, usize, u64, Option<usize>)> = Vec::new();
    for (si, ((p, s), d)) in prepared.iter().zip(sentences).zip(out.iter()).enumerate() {
        if p.headline || p.title_case {
            continue;
        }
        words.clear();
        words.extend(s.iter().map(|w| w.as_ref()));
        // The name around each token, found in constant time (sentences can be long).
        let mut around: Vec<Option<(usize, usize, usize)>> = vec![None; words.len()];
        for sp in decode::spans(&d.labels) {
            for a in around.iter_mut().take(sp.1).skip(sp.0) {
                *a = Some(sp);
            }
        }
        let span_at = |i: usize| around.get(i).copied().flatten();
        for j in 2..words.len() {
            if !matches!(words[j - 1], "(" | ",") {
                continue;
            }
            let Some(letters) = acronym_letters(words[j]) else {
                continue;
            };
            let next = words.get(j + 1).copied();
            let closed = if words[j - 1] == "(" {
                next == Some(")")
            } else {
                next.is_none_or(|w| matches!(w, "," | "(" | "."))
            };
            if !closed {
                continue;
            }
            let end = j - 2;
            let Some(mut start) = long_form(&words, &p.infos, end, &letters) else {
                continue;
            };
            // The letters may spell only the end of a longer name the tagger found whole
            // ("Rally for the Return of Refugees and Democracy in Rwanda (RDR)").
            if let Some(sp) = span_at(end).filter(|sp| sp.1 == end + 1 && sp.0 < start) {
                start = sp.0;
            }
            if end == start {
                continue;
            }
            // The long form's type when the tagger saw it as one name.
            let whole = span_at(start).filter(|sp| sp.0 == start && sp.1 == end + 1);
            defs.push((si, start, end + 1, p.infos[j].lower, whole.map(|sp| sp.2)));
        }
    }
    if defs.is_empty() {
        return;
    }
    // An acronym's type: the majority of its own mentions and its long forms found whole
    // ("NLD" tagged an organisation seven times outweighs one long form taken for something
    // else; a long form cut into several names says little).
    let mut counts: HashMap<u64, [u16; 4], IdBuild> = HashMap::default();
    for &(_, _, _, key, long_ty) in &defs {
        let c = counts.entry(key).or_default();
        if let Some(t) = long_ty {
            c[t] = c[t].saturating_add(1);
        }
    }
    for (p, d) in prepared.iter().zip(out.iter()) {
        for (s, e, ty) in decode::spans(&d.labels) {
            if e == s + 1 && p.infos[s].caps == Caps::All {
                if let Some(c) = counts.get_mut(&p.infos[s].lower) {
                    c[ty] = c[ty].saturating_add(1);
                }
            }
        }
    }
    let acronyms: HashMap<u64, usize, IdBuild> = counts
        .iter()
        .filter_map(|(&k, c)| majority(c).map(|t| (k, t)))
        .collect();
    let mut forced: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); out.len()];
    for &(si, start, end, key, _) in &defs {
        if let Some(&ty) = acronyms.get(&key) {
            forced[si].push((start, end, ty));
        }
    }
    // Every acronym written in capitals is a whole name of its type.
    for (p, f) in prepared.iter().zip(forced.iter_mut()) {
        // Only the long forms (pushed first) can hold an acronym token.
        let long_forms = f.len();
        for (i, t) in p.infos.iter().enumerate() {
            let Some(&ty) = acronyms.get(&t.lower) else {
                continue;
            };
            if t.caps == Caps::All && !f[..long_forms].iter().any(|x| x.0 <= i && i < x.1) {
                f.push((i, i + 1, ty));
            }
        }
    }
    for ((f, d), p) in forced.iter().zip(out.iter_mut()).zip(prepared) {
        if f.is_empty() {
            continue;
        }
        force_spans(&mut d.emit, f);
        // The word after an acronym that is a name of its own starts afresh: its scores were
        // computed with the acronym as context, as if the two were one name.
        for &(s, e, _) in f {
            if e == s + 1 && p.infos.get(e).is_some_and(|t| t.caps == Caps::Init) {
                rescore(p, e, &mut d.emit);
            }
        }
        vit.decode(&d.emit, trans, &mut d.labels);
    }
}

/// After the second pass: one type per name string, given names joined to the names after them.
pub fn settle(prepared: &[Prepared], out: &mut [Decoded], trans: &Transitions) {
    let mut vit = Viterbi::default();
    vote(prepared, out, trans, &mut vit);
    given_names(prepared, out, trans, &mut vit);
}

/// A capitalised word tagged a name of its own right before a person's name, that the training
/// names never show alone as anything but a person (unlike "American" in "American Tom
/// Johnson"), is part of that name: the tagger may cut a given name off after an acronym, as
/// in "… the NRF Ali Karimi". A person's name, a patronymic particle and a name right after
/// it are one name ("Faisal bin Nasser").
fn given_names(prepared: &[Prepared], out: &mut [Decoded], trans: &Transitions, vit: &mut Viterbi) {
    const PER: usize = 0;
    static PARTICLES: OnceLock<[u64; 4]> = OnceLock::new();
    let particles = PARTICLES.get_or_init(|| ["bin", "ibn", "bint", "ben"].map(hash_str));
    let alone = |ty: usize| 1u16 << (4 * ty + 3);
    for (p, d) in prepared.iter().zip(out.iter_mut()) {
        let spans = decode::spans(&d.labels);
        let mut joined: Vec<(usize, usize, usize)> = Vec::new();
        for w in spans.windows(2) {
            let (a, b) = (w[0], w[1]);
            let g = p.gaz[a.0];
            let given = a.1 == b.0
                && b.2 == PER
                && a.2 != PER
                && a.1 - a.0 == 1
                && p.infos[a.0].caps == Caps::Init
                && (1..4).all(|ty| g & alone(ty) == 0);
            let patronymic = a.2 == PER
                && b.0 == a.1 + 1
                && p.infos[a.1].caps == Caps::Lower
                && particles.contains(&p.infos[a.1].lower)
                && p.infos[b.0].caps == Caps::Init;
            if given || patronymic {
                // Chains ("Ali bin Faisal bin Nasser") extend the last join.
                match joined.last_mut() {
                    Some(last) if last.1 == a.1 => last.1 = b.1,
                    _ => joined.push((a.0, b.1, PER)),
                }
            }
        }
        if !joined.is_empty() {
            force_spans(&mut d.emit, &joined);
            vit.decode(&d.emit, trans, &mut d.labels);
        }
    }
}

/// Forbids at each span's tokens every label but the span's own BILOU sequence.
fn force_spans(emit: &mut [f32], spans: &[(usize, usize, usize)]) {
    let n = emit.len() / N_LABELS;
    for &(s, e, ty) in spans {
        if e > n || s >= e {
            continue;
        }
        for i in s..e {
            let pos = match (i == s, i + 1 == e) {
                (true, true) => Pos::U,
                (true, false) => Pos::B,
                (false, true) => Pos::L,
                (false, false) => Pos::I,
            };
            restrict(emit, i, only(&[decode::label(pos, ty)]));
        }
    }
}

/// One type per name string: mentions whose string has another majority type in the body of
/// the article take it (their tokens are held inside a name of that type and re-decoded).
fn vote(prepared: &[Prepared], out: &mut [Decoded], trans: &Transitions, vit: &mut Viterbi) {
    let mut counts: HashMap<u64, [u16; 4], IdBuild> = HashMap::default();
    for (p, d) in prepared.iter().zip(out.iter()) {
        if p.headline || p.title_case {
            continue;
        }
        for (s, e, ty) in decode::spans(&d.labels) {
            let c = counts.entry(seq_key(&p.infos[s..e])).or_default();
            c[ty] = c[ty].saturating_add(1);
        }
    }
    // Capitalised headlines ("CHICAGO AT TORONTO") name teams after places; they keep theirs.
    for (p, d) in prepared.iter().zip(out.iter_mut()) {
        if p.headline {
            continue;
        }
        let mut changed = false;
        for (s, e, ty) in decode::spans(&d.labels) {
            let Some(c) = counts.get(&seq_key(&p.infos[s..e])) else {
                continue;
            };
            let Some(m) = consensus(c).filter(|&m| m != ty) else {
                continue;
            };
            for i in s..e {
                restrict(&mut d.emit, i, type_labels(m));
            }
            changed = true;
        }
        if changed {
            vit.decode(&d.emit, trans, &mut d.labels);
        }
    }
}

/// The type most of a name string's mentions have, when it is clear: at least three mentions
/// and three quarters of them. A city's name may well be its team's elsewhere in a sports
/// report ("Milwaukee" both), and then neither side has such a lead.
fn consensus(counts: &[u16; 4]) -> Option<usize> {
    let m = majority(counts)?;
    let total: u32 = counts.iter().map(|&c| c as u32).sum();
    let n = counts[m] as u32;
    (n >= 3 && 4 * n >= 3 * total).then_some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::clusters::Clusters;
    use crate::gazetteer::Gazetteer;
    use crate::tagger::prepare_document;

    /// Sentences decoded as `labels`, with emissions that favour exactly those labels.
    fn decoded(labels: &[Vec<usize>]) -> Vec<Decoded> {
        labels
            .iter()
            .map(|l| {
                let mut emit = vec![0.0; l.len() * N_LABELS];
                for (i, &x) in l.iter().enumerate() {
                    emit[i * N_LABELS + x] = 5.0;
                }
                Decoded {
                    labels: l.clone(),
                    emit,
                }
            })
            .collect()
    }

    fn words(s: &str) -> Vec<&str> {
        s.split(' ').collect()
    }

    #[test]
    fn clear_majority_sets_the_type() {
        let org = decode::label(Pos::U, 1);
        let loc = decode::label(Pos::U, 2);
        let sents: Vec<Vec<&str>> = (0..4).map(|_| words("the Harakat said")).collect();
        let prepared = prepare_document(&sents, &Gazetteer::default(), &Clusters::default());
        let mut out = decoded(&[
            vec![0, org, 0],
            vec![0, org, 0],
            vec![0, org, 0],
            vec![0, loc, 0],
        ]);
        settle(&prepared, &mut out, &Transitions::default());
        assert!(out.iter().all(|d| d.labels == vec![0, org, 0]));
        // Two against one is no consensus.
        let mut out = decoded(&[vec![0, org, 0], vec![0, org, 0], vec![0, loc, 0]]);
        settle(&prepared[..3], &mut out, &Transitions::default());
        assert_eq!(out[2].labels, vec![0, loc, 0]);
    }

    #[test]
    fn defined_acronym_is_a_whole_name() {
        let (b, i, l, u) = (
            |t| decode::label(Pos::B, t),
            |t| decode::label(Pos::I, t),
            |t| decode::label(Pos::L, t),
            |t| decode::label(Pos::U, t),
        );
        let sents = vec![
            words("the Free Highlands Movement ( FHM ) met with village elders today"),
            words("the FHM Jawid Karimzada said"),
        ];
        let prepared = prepare_document(&sents, &Gazetteer::default(), &Clusters::default());
        let mut out = decoded(&[
            vec![0, b(1), l(1), u(2), 0, u(1), 0, 0, 0, 0, 0, 0],
            vec![0, b(1), i(1), l(1), 0],
        ]);
        acronyms(
            &prepared,
            &sents,
            &mut out,
            &Transitions::default(),
            &|_, _, _| {},
        );
        assert_eq!(
            out[0].labels,
            vec![0, b(1), i(1), l(1), 0, u(1), 0, 0, 0, 0, 0, 0]
        );
        assert_eq!(out[1].labels[1], u(1));
    }

    #[test]
    fn acronym_shapes() {
        assert_eq!(acronym_letters("IS-K"), Some(vec!['I', 'S', 'K']));
        assert_eq!(acronym_letters("KWA"), Some(vec!['K', 'W', 'A']));
        assert_eq!(acronym_letters("A"), None);
        assert_eq!(acronym_letters("Kabul"), None);
        assert_eq!(acronym_letters("G7"), None);
    }

    #[test]
    fn majority_needs_a_lead() {
        assert_eq!(majority(&[0, 3, 1, 1]), Some(1));
        assert_eq!(majority(&[2, 2, 0, 0]), None);
        assert_eq!(majority(&[0, 0, 0, 0]), None);
        assert_eq!(consensus(&[0, 11, 1, 1]), Some(1));
        assert_eq!(consensus(&[0, 3, 4, 0]), None);
        assert_eq!(consensus(&[0, 2, 0, 0]), None);
    }
}
