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
//! Nearly every bucket holds one document, so a band keeps no list per key: its entries are one
//! sorted run of (key, document) pairs, 12 bytes each, found through a directory of the keys'
//! leading bits, and the latest additions wait in a small map until they are a sixteenth of the
//! run, when they are merged into it (amortised, a fixed number of moves per document).
//!
//! Every hash is xxh3 with a constant seed: signatures can be stored and compared across runs.

use std::collections::HashMap;
use std::fmt;

use dossier_core::hash::FastMap;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
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
    /// One per band: band key -> document numbers, in insertion order (saved as that map).
    bands: Vec<Band>,
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
            bands: vec![Band::default(); BANDS],
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
            self.bands = vec![Band::default(); BANDS];
        }
        let found = self.query(&sig, self.number(id));
        if self.numbers.contains_key(id) {
            return found;
        }
        let n = self.ids.len() as u32;
        for (band, key) in self.bands.iter_mut().zip(sig.band_keys()) {
            band.push(key, n);
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
            band.latest(key, BUCKET_SCAN, &mut seen);
        }
        seen.sort_unstable();
        seen.dedup();
        let mut out: Vec<(String, f64)> = seen
            .into_iter()
            .filter(|&n| Some(n) != skip)
            .filter_map(|n| {
                let j = sig.jaccard(self.signatures.get(n as usize)?);
                (j >= self.threshold).then(|| Some((self.ids.get(n as usize)?.clone(), j)))?
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
}

/// The documents of one band by band key.
///
/// `keys` and `docs` are one run sorted by (key, document); document numbers grow with
/// insertion, so a key's documents lie in insertion order. `dir[i]` is the first position of
/// the run whose key's leading `dir_bits` bits are at least `i` (band keys are hashes, so about
/// four keys fall under each). Documents added since the last merge are in `fresh`, all newer
/// than the run's.
#[derive(Clone, Debug, Default)]
struct Band {
    keys: Vec<u64>,
    docs: Vec<u32>,
    dir: Vec<u32>,
    dir_bits: u32,
    fresh: FastMap<u64, Vec<u32>>,
    fresh_len: usize,
}

/// Entries `fresh` holds at least before it is merged into the run.
const FRESH_MIN: usize = 1024;

impl Band {
    fn push(&mut self, key: u64, doc: u32) {
        self.fresh.entry(key).or_default().push(doc);
        self.fresh_len += 1;
        if self.fresh_len >= FRESH_MIN.max(self.keys.len() / 16) {
            self.merge();
        }
    }

    /// Appends the latest (at most `limit`) documents under `key` to `out`, newest first.
    fn latest(&self, key: u64, limit: usize, out: &mut Vec<u32>) {
        let mut left = limit;
        if let Some(list) = self.fresh.get(&key) {
            let take = list.len().min(left);
            out.extend(list.iter().rev().take(take));
            left -= take;
        }
        if left == 0 {
            return;
        }
        let (lo, hi) = self.range(key);
        out.extend(self.docs[lo..hi].iter().rev().take(left));
    }

    /// The positions of the run that hold `key`.
    fn range(&self, key: u64) -> (usize, usize) {
        if self.keys.is_empty() {
            return (0, 0);
        }
        let slot = (key >> (64 - self.dir_bits)) as usize;
        let (lo, hi) = (self.dir[slot] as usize, self.dir[slot + 1] as usize);
        let within = &self.keys[lo..hi];
        let start = lo + within.partition_point(|&k| k < key);
        let end = lo + within.partition_point(|&k| k <= key);
        (start, end)
    }

    /// Moves the fresh entries into the run and rebuilds the directory.
    fn merge(&mut self) {
        let mut fresh: Vec<(u64, u32)> = self
            .fresh
            .drain()
            .flat_map(|(k, list)| list.into_iter().map(move |d| (k, d)))
            .collect();
        self.fresh_len = 0;
        if fresh.is_empty() {
            return;
        }
        fresh.sort_unstable();
        let n = self.keys.len() + fresh.len();
        let mut keys = Vec::with_capacity(n);
        let mut docs = Vec::with_capacity(n);
        let mut old = self
            .keys
            .iter()
            .copied()
            .zip(self.docs.iter().copied())
            .peekable();
        for (k, d) in fresh {
            while let Some(&(ok, od)) = old.peek() {
                if (ok, od) > (k, d) {
                    break;
                }
                keys.push(ok);
                docs.push(od);
                old.next();
            }
            keys.push(k);
            docs.push(d);
        }
        for (ok, od) in old {
            keys.push(ok);
            docs.push(od);
        }
        self.keys = keys;
        self.docs = docs;
        self.build_dir();
    }

    fn build_dir(&mut self) {
        // About four keys per slot, at least two slots.
        let bits = (usize::BITS - (self.keys.len() / 4).leading_zeros()).clamp(1, 32);
        self.dir_bits = bits;
        let slots = 1usize << bits;
        let mut dir = Vec::with_capacity(slots + 1);
        let mut pos = 0usize;
        for slot in 0..slots {
            while pos < self.keys.len() && ((self.keys[pos] >> (64 - bits)) as usize) < slot {
                pos += 1;
            }
            dir.push(pos as u32);
        }
        dir.push(self.keys.len() as u32);
        self.dir = dir;
    }

    /// Every (key, documents) bucket, in key order, fresh entries included.
    fn buckets(&self) -> Vec<(u64, Vec<u32>)> {
        let mut merged = self.clone();
        merged.merge();
        let mut out: Vec<(u64, Vec<u32>)> = Vec::new();
        for (&k, &d) in merged.keys.iter().zip(&merged.docs) {
            match out.last_mut() {
                Some((last, list)) if *last == k => list.push(d),
                _ => out.push((k, vec![d])),
            }
        }
        out
    }
}

/// Saved as the map it stands for: band key -> document numbers in insertion order.
impl Serialize for Band {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let buckets = self.buckets();
        let mut map = s.serialize_map(Some(buckets.len()))?;
        for (k, list) in &buckets {
            map.serialize_entry(k, list)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Band {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Band, D::Error> {
        struct BandVisitor;
        impl<'de> Visitor<'de> for BandVisitor {
            type Value = Band;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of band keys to document numbers")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Band, A::Error> {
                let mut pairs: Vec<(u64, u32)> = Vec::new();
                while let Some((k, list)) = m.next_entry::<u64, Vec<u32>>()? {
                    pairs.extend(list.into_iter().map(|d| (k, d)));
                }
                // Stable on documents: a key's list keeps its saved order.
                pairs.sort_by_key(|&(k, _)| k);
                let mut band = Band {
                    keys: pairs.iter().map(|p| p.0).collect(),
                    docs: pairs.iter().map(|p| p.1).collect(),
                    ..Band::default()
                };
                band.build_dir();
                Ok(band)
            }
        }
        d.deserialize_map(BandVisitor)
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

    /// A band answers as the map of lists it replaces, across merges, with long lists cut to
    /// their latest entries, and is saved as that map.
    #[test]
    fn band_answers_as_a_map_of_lists() {
        let mut band = Band::default();
        let mut reference: HashMap<u64, Vec<u32>> = HashMap::new();
        let mut state = 7u64;
        let ask = |band: &Band, reference: &HashMap<u64, Vec<u32>>, key: u64| {
            let mut got = Vec::new();
            band.latest(key, BUCKET_SCAN, &mut got);
            let want: Vec<u32> = reference
                .get(&key)
                .map(|l| l.iter().rev().take(BUCKET_SCAN).copied().collect())
                .unwrap_or_default();
            assert_eq!(got, want, "key {key}");
        };
        for doc in 0..6000u32 {
            let (s, r) = splitmix(state);
            state = s;
            // A few keys come back often (lists longer than the scan), some now and then, most
            // once; keys at both ends of the range test the directory's edges.
            let key = match r % 10 {
                0 => r % 3,
                1 => u64::MAX - r % 40,
                2 => (r % 500) << 40,
                _ => r,
            };
            band.push(key, doc);
            reference.entry(key).or_default().push(doc);
            if doc % 499 == 0 || doc == 5999 {
                for &key in reference.keys() {
                    ask(&band, &reference, key);
                }
                for absent in [3, 4, u64::MAX - 41, 1 << 63, r ^ 1] {
                    if !reference.contains_key(&absent) {
                        ask(&band, &reference, absent);
                    }
                }
            }
        }
        assert!(band.keys.len() > FRESH_MIN && !band.fresh.is_empty());
        let json = serde_json::to_string(&band).unwrap();
        let saved: HashMap<u64, Vec<u32>> = serde_json::from_str(&json).unwrap();
        assert_eq!(saved, reference);
        let old = serde_json::to_string(&reference).unwrap();
        let back: Band = serde_json::from_str(&old).unwrap();
        assert!(back.fresh.is_empty());
        for &key in reference.keys() {
            ask(&back, &reference, key);
        }
        let empty: Band = serde_json::from_str("{}").unwrap();
        let mut got = Vec::new();
        empty.latest(5, BUCKET_SCAN, &mut got);
        assert!(got.is_empty());
    }
}
