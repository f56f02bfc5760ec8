//! Document-level features for the second pass: what the first pass tagged anywhere in the
//! article, before and after the token.
//!
//! A name is usually written in full once and then shortened ("Magna International Inc" then
//! "Magna"), and a club or firm named after a place keeps its type throughout a report. The
//! first pass decides each sentence mostly from local evidence; the second pass adds, for each
//! capitalised word the first pass put inside some name, the types it got across the whole
//! document, the longest name it was part of, and the type the same name string got elsewhere.

use std::collections::HashMap;

use crate::decode;
use crate::features::{mix, Caps, TokInfo};
use crate::hashmap::IdBuild;

/// What the first pass said about one word (by lower-case hash) across a document.
#[derive(Clone, Copy, Debug, Default)]
struct WordStat {
    /// Tokens of this word inside a name, per type.
    counts: [u16; 4],
    /// The longest name (in tokens) the word was part of, and its type.
    longest: (u8, u8),
}

/// First-pass facts about the words and name strings of one document.
#[derive(Default)]
pub struct DocStats {
    words: HashMap<u64, WordStat, IdBuild>,
    /// Name strings (sequence keys of their lower-case words): count per type.
    names: HashMap<u64, [u16; 4], IdBuild>,
}

fn seq_key(infos: &[TokInfo]) -> u64 {
    infos.iter().fold(0x5eu64, |h, t| mix(h, t.lower))
}

impl DocStats {
    /// Adds one sentence's first-pass labels.
    pub fn add(&mut self, infos: &[TokInfo], labels: &[usize]) {
        for (s, e, ty) in decode::spans(labels) {
            let len = (e - s).min(255) as u8;
            let n = self.names.entry(seq_key(&infos[s..e])).or_default();
            n[ty] = n[ty].saturating_add(1);
            for t in &infos[s..e] {
                if matches!(t.caps, Caps::None) {
                    continue;
                }
                let w = self.words.entry(t.lower).or_default();
                w.counts[ty] = w.counts[ty].saturating_add(1);
                if len > w.longest.0 {
                    w.longest = (len, ty as u8);
                }
            }
        }
    }

    /// True when nothing was tagged (the second pass can be skipped).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Appends the document keys of token `i` given its sentence's first-pass labels; returns
    /// false when the token has none.
    ///
    /// `names` holds, per token, the first-pass name `[start, end)` around it (empty for O),
    /// as [`token_names`] computes it.
    pub fn features(
        &self,
        infos: &[TokInfo],
        names: &[(u32, u32, u8)],
        i: usize,
        out: &mut Vec<u64>,
    ) -> bool {
        let t = &infos[i];
        let Some(w) = self.words.get(&t.lower) else {
            return false;
        };
        let total: u32 = w.counts.iter().map(|&c| c as u32).sum();
        if total == 0 {
            return false;
        }
        let (maj, &mc) = w
            .counts
            .iter()
            .enumerate()
            .max_by_key(|(k, c)| (**c, 4 - *k))
            .unwrap_or((0, &0));
        let maj = maj as u64;
        // Share of the majority type, in quarters; how sure the document is.
        let share = (mc as u32 * 4 / total) as u64;
        let (s, e, ty) = names[i];
        let here_len = (e - s) as usize;
        let here = if here_len == 0 { 4 } else { ty as u64 };
        out.push(mix(70, mix(maj, share)));
        out.push(mix(71, mix(maj, t.caps as u64)));
        out.push(mix(72, mix(maj, here)));
        for (ty, &c) in w.counts.iter().enumerate() {
            if c > 0 {
                out.push(mix(73, ty as u64));
            }
        }
        // The longest name the word was part of, against the name it is in here.
        let (long_len, long_ty) = w.longest;
        out.push(mix(74, mix(long_ty as u64, long_len.min(4) as u64)));
        out.push(mix(
            75,
            mix(
                long_ty as u64,
                ((here_len < long_len as usize) as u64) << 3 | here,
            ),
        ));
        // The type the same name string got elsewhere in the document.
        if here_len > 0 {
            if let Some(n) = self.names.get(&seq_key(&infos[s as usize..e as usize])) {
                let nt: u32 = n.iter().map(|&c| c as u32).sum();
                let (nm, &nc) = n
                    .iter()
                    .enumerate()
                    .max_by_key(|(k, c)| (**c, 4 - *k))
                    .unwrap_or((0, &0));
                out.push(mix(76, mix(nm as u64, (nc as u32 * 2 > nt) as u64)));
                out.push(mix(77, mix(nm as u64, here)));
            }
        }
        true
    }
}

/// Per token, the first-pass name around it: `(start, end, type)`, or `(i, i, 0)` outside names.
pub fn token_names(labels: &[usize], out: &mut Vec<(u32, u32, u8)>) {
    out.clear();
    out.extend((0..labels.len()).map(|i| (i as u32, i as u32, 0)));
    for (s, e, ty) in decode::spans(labels) {
        for o in &mut out[s..e] {
            *o = (s as u32, e as u32, ty as u8);
        }
    }
}
