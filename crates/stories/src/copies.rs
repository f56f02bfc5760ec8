//! Near-duplicate detection: MinHash signatures of word shingles and a banded LSH index.
//!
//! A signature is [`NUM_PERM`] minima of a fixed family of hash functions over the document's
//! word 3-grams; the fraction of equal minima estimates the Jaccard similarity of the two
//! shingle sets. The index cuts each signature into [`BANDS`] bands of [`ROWS`] values; two
//! documents become candidates when one band is identical, which happens with probability
//! `1 - (1 - J^ROWS)^BANDS` (0.99 at J = 0.5, 0.77 at J = 0.33, 0.27 at J = 0.2), and candidates are then checked
//! on the whole signature. Each bucket is scanned for at most [`BUCKET_SCAN`] recent entries,
//! so the cost of adding a document stays flat as the corpus grows.
//!
//! Every hash is xxh3 with a constant seed: signatures can be stored and compared across runs.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use crate::text::{fold_into, words};

/// Number of hash functions in a signature.
pub const NUM_PERM: usize = 120;
/// LSH bands; `BANDS * ROWS == NUM_PERM`.
pub const BANDS: usize = 40;
pub const ROWS: usize = 3;
/// Words per shingle.
pub const SHINGLE: usize = 3;
/// Entries of one bucket looked at when querying (the most recent ones).
pub const BUCKET_SCAN: usize = 256;
/// Default estimated Jaccard similarity from which two documents are copies. A short wire story
/// re-published with a new headline and two lines of site boilerplate keeps about 0.35 of its
/// shingles in common with the original, while unrelated articles sharing that boilerplate
/// stay under 0.3 (measured on the generated Reuters copies of `tests/copies.rs`).
pub const COPY_THRESHOLD: f64 = 0.3;

/// Version of the sketch; signatures of another version must be recomputed.
pub const SKETCH_VERSION: u32 = 1;
const SEED: u64 = 0x0d05_51e4_5eed_0001;

const fn splitmix(state: u64) -> (u64, u64) {
    let s = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = s;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (s, z ^ (z >> 31))
}

/// `(a, b)` of the hash family `h -> (a*h + b) >> 32`, with odd `a`, fixed at compile time.
const COEFFS: [(u64, u64); NUM_PERM] = {
    let mut out = [(0u64, 0u64); NUM_PERM];
    let mut state = SEED;
    let mut i = 0;
    while i < NUM_PERM {
        let (s1, a) = splitmix(state);
        let (s2, b) = splitmix(s1);
        state = s2;
        out[i] = (a | 1, b);
        i += 1;
    }
    out
};

/// A MinHash signature.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Signature(pub Vec<u32>);

impl Signature {
    /// The signature of a text, or `None` when it has no words.
    pub fn of_text(text: &str) -> Option<Signature> {
        let mut buf = String::new();
        let hashes: Vec<u64> = words(text)
            .map(|(a, b)| {
                fold_into(&text[a..b], &mut buf);
                xxh3_64(buf.as_bytes())
            })
            .collect();
        if hashes.is_empty() {
            return None;
        }
        let mut mins = vec![u32::MAX; NUM_PERM];
        let n = SHINGLE.min(hashes.len());
        let mut bytes = [0u8; 8 * SHINGLE];
        for w in hashes.windows(n) {
            for (k, h) in w.iter().enumerate() {
                bytes[8 * k..8 * k + 8].copy_from_slice(&h.to_le_bytes());
            }
            let h = xxh3_64_with_seed(&bytes[..8 * n], SEED);
            for (m, (a, b)) in mins.iter_mut().zip(COEFFS.iter()) {
                let v = (a.wrapping_mul(h).wrapping_add(*b) >> 32) as u32;
                if v < *m {
                    *m = v;
                }
            }
        }
        Some(Signature(mins))
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        let n = self.0.len().min(other.0.len());
        if n == 0 {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / n as f64
    }

    fn band_keys(&self) -> impl Iterator<Item = u64> + '_ {
        self.0
            .chunks_exact(ROWS)
            .take(BANDS)
            .enumerate()
            .map(|(i, band)| {
                let mut bytes = [0u8; 4 * ROWS];
                for (k, v) in band.iter().enumerate() {
                    bytes[4 * k..4 * k + 4].copy_from_slice(&v.to_le_bytes());
                }
                xxh3_64_with_seed(&bytes, SEED ^ i as u64)
            })
    }
}

/// An incremental index of signatures that answers "which earlier documents is this a copy of".
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CopyIndex {
    threshold: f64,
    ids: Vec<String>,
    signatures: Vec<Signature>,
    /// One map per band: band key -> document numbers, in insertion order.
    bands: Vec<HashMap<u64, Vec<u32>>>,
    #[serde(skip)]
    numbers: HashMap<String, u32>,
}

impl Default for CopyIndex {
    fn default() -> Self {
        CopyIndex::new(COPY_THRESHOLD)
    }
}

impl CopyIndex {
    /// An empty index that calls two documents copies from estimated Jaccard `threshold` on.
    pub fn new(threshold: f64) -> CopyIndex {
        CopyIndex {
            threshold,
            ids: Vec::new(),
            signatures: Vec::new(),
            bands: vec![HashMap::new(); BANDS],
            numbers: HashMap::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// The signature stored for a document.
    pub fn signature(&self, id: &str) -> Option<&Signature> {
        self.number(id).map(|n| &self.signatures[n as usize])
    }

    fn number(&self, id: &str) -> Option<u32> {
        if self.numbers.len() == self.ids.len() {
            return self.numbers.get(id).copied();
        }
        // After deserialising, before the first add: the lookup map is rebuilt lazily there.
        self.ids.iter().position(|x| x == id).map(|n| n as u32)
    }

    /// Adds a document and returns the earlier documents it is a copy of, with their estimated
    /// Jaccard similarity, most similar first. A text without words is not indexed.
    pub fn add(&mut self, id: &str, text: &str) -> Vec<(String, f64)> {
        match Signature::of_text(text) {
            Some(sig) => self.add_signature(id, sig),
            None => Vec::new(),
        }
    }

    /// Adds a document by its (stored) signature.
    pub fn add_signature(&mut self, id: &str, sig: Signature) -> Vec<(String, f64)> {
        if self.numbers.len() != self.ids.len() {
            self.numbers = self
                .ids
                .iter()
                .enumerate()
                .map(|(i, s)| (s.clone(), i as u32))
                .collect();
        }
        if self.bands.len() != BANDS {
            self.bands = vec![HashMap::new(); BANDS];
        }
        let found = self.query(&sig, self.number(id));
        if self.numbers.contains_key(id) {
            return found;
        }
        let n = self.ids.len() as u32;
        for (band, key) in self.bands.iter_mut().zip(sig.band_keys()) {
            band.entry(key).or_default().push(n);
        }
        self.ids.push(id.to_string());
        self.numbers.insert(id.to_string(), n);
        self.signatures.push(sig);
        found
    }

    /// The indexed documents that `text` is a copy of, without adding it.
    pub fn copies_of(&self, text: &str) -> Vec<(String, f64)> {
        Signature::of_text(text).map_or_else(Vec::new, |s| self.query(&s, None))
    }

    fn query(&self, sig: &Signature, skip: Option<u32>) -> Vec<(String, f64)> {
        let mut seen: Vec<u32> = Vec::new();
        for (band, key) in self.bands.iter().zip(sig.band_keys()) {
            if let Some(list) = band.get(&key) {
                seen.extend(list.iter().rev().take(BUCKET_SCAN));
            }
        }
        seen.sort_unstable();
        seen.dedup();
        let mut out: Vec<(String, f64)> = seen
            .into_iter()
            .filter(|&n| Some(n) != skip)
            .filter_map(|n| {
                let j = sig.jaccard(&self.signatures[n as usize]);
                (j >= self.threshold).then(|| (self.ids[n as usize].clone(), j))
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "The harbour authority said on Tuesday that the northern pier would close for repairs \
        after storms damaged its pilings, and ferries would use the southern terminal until the work \
        ends in the spring, according to a statement issued by the port office.";

    #[test]
    fn same_text_is_similarity_one_and_stable() {
        let a = Signature::of_text(A).unwrap();
        assert_eq!(a.jaccard(&Signature::of_text(A).unwrap()), 1.0);
        assert_eq!(a.0.len(), NUM_PERM);
        // Case and punctuation do not matter.
        let b = Signature::of_text(&A.to_uppercase().replace(',', " ")).unwrap();
        assert_eq!(a.jaccard(&b), 1.0);
    }

    #[test]
    fn copies_found_and_strangers_not() {
        let mut idx = CopyIndex::default();
        assert!(idx.add("a", A).is_empty());
        let other = "Farmers in the valley expect a late harvest this year because the cold spring \
            delayed planting of maize and beans across most of the district, the cooperative reported.";
        assert!(idx.add("b", other).is_empty());
        let copy = format!(
            "Pier to close for repairs\n{}",
            A.replace("Tuesday", "Wednesday")
        );
        let found = idx.add("c", &copy);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "a");
        assert!(found[0].1 > 0.6);
    }

    #[test]
    fn empty_and_tiny_texts() {
        let mut idx = CopyIndex::default();
        assert!(Signature::of_text("").is_none());
        assert!(idx.add("e", "  ... ").is_empty());
        assert!(idx.add("x", "word").is_empty());
        assert_eq!(idx.add("y", "word"), vec![("x".to_string(), 1.0)]);
    }

    #[test]
    fn survives_serde_round_trip() {
        let mut idx = CopyIndex::default();
        idx.add("a", A);
        let json = serde_json::to_string(&idx).unwrap();
        let mut back: CopyIndex = serde_json::from_str(&json).unwrap();
        assert_eq!(back.copies_of(A), vec![("a".to_string(), 1.0)]);
        assert_eq!(back.add("b", A), vec![("a".to_string(), 1.0)]);
        assert_eq!(back.len(), 2);
    }
}
