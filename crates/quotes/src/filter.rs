//! The trained filter: a linear model over hashed features that keeps or drops each attribution
//! the rules propose. Trained as an averaged perceptron (`examples/train_filter.rs`).

/// Feature hash width: 2^BITS weights.
pub const BITS: u32 = 16;
const SIZE: usize = 1 << BITS;
const MAGIC: &[u8; 4] = b"DQF1";

/// Proposals scoring at least this are kept (chosen on the PolNeAR dev split: below zero trades
/// some precision for recall).
pub const KEEP_AT: f32 = -4.0;

/// Hashes a feature template and its value into a weight index.
pub fn feature(template: u8, value: &str) -> u32 {
    // FNV-1a: stable across platforms and releases, unlike the std hasher.
    let mut h: u32 = 0x811c_9dc5 ^ template as u32;
    h = h.wrapping_mul(0x0100_0193);
    for b in value.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h & (SIZE as u32 - 1)
}

/// Linear weights over hashed features.
#[derive(Clone, Debug)]
pub struct Filter {
    w: Vec<f32>,
}

impl Filter {
    /// The shipped model, `resources/filter.bin` (see `resources/filter.manifest`).
    pub fn shipped() -> Option<Filter> {
        Filter::from_bytes(include_bytes!("../resources/filter.bin"))
    }

    /// Reads the stored form: magic, then (index u32, weight f32) pairs, little-endian.
    pub fn from_bytes(b: &[u8]) -> Option<Filter> {
        let w = read_sparse(b, MAGIC, SIZE)?;
        Some(Filter { w })
    }

    /// The stored form of the non-zero weights.
    pub fn to_bytes(&self) -> Vec<u8> {
        write_sparse(MAGIC, &self.w)
    }

    pub fn score(&self, features: &[u32]) -> f32 {
        features
            .iter()
            .map(|&f| self.w[f as usize & (SIZE - 1)])
            .sum()
    }
}

/// Where the features of each attribution the tagger finds go, with its cue, when a
/// [`Post`] logs them (for training it).
pub type Log = std::sync::Arc<std::sync::Mutex<Vec<(dossier_core::Span, Vec<u32>)>>>;

/// The tagger's attributions scoring below this are dropped by the shipped [`Post`] (chosen on
/// held-out tenths 0-3 of PolNeAR train, confirmed on tenths 4-9; see
/// `resources/tagger_filter.manifest`).
pub const POST_KEEP_AT: f32 = -10.0;

/// A second-stage judge of the tagger's attributions, over features the token tagger cannot
/// see (the source's shape, the whole cue, whether a rule proposed the same cue): those
/// scoring below `keep_at` are dropped. `log` receives every attribution's cue and features.
#[derive(Clone, Debug)]
pub struct Post {
    pub filter: Option<Filter>,
    pub keep_at: f32,
    pub log: Option<Log>,
}

impl Post {
    /// The shipped judge, `resources/tagger_filter.bin` (see `resources/tagger_filter.manifest`).
    pub fn shipped() -> Option<Post> {
        Some(Post {
            filter: Some(Filter::from_bytes(include_bytes!(
                "../resources/tagger_filter.bin"
            ))?),
            keep_at: POST_KEEP_AT,
            log: None,
        })
    }
}

/// An averaged perceptron trainer for [`Filter`].
pub struct Trainer {
    w: Vec<f32>,
    total: Vec<f32>,
    stamp: Vec<u32>,
    step: u32,
}

impl Default for Trainer {
    fn default() -> Self {
        Trainer {
            w: vec![0.0; SIZE],
            total: vec![0.0; SIZE],
            stamp: vec![0; SIZE],
            step: 1,
        }
    }
}

impl Trainer {
    /// One example: features and whether the attribution is right.
    pub fn learn(&mut self, features: &[u32], positive: bool) {
        let s: f32 = features.iter().map(|&f| self.w[f as usize]).sum();
        let y = if positive { 1.0 } else { -1.0 };
        if s * y <= 0.0 {
            for &f in features {
                let f = f as usize;
                // Lazy averaging: fold in the time the weight stayed unchanged.
                self.total[f] += (self.step - self.stamp[f]) as f32 * self.w[f];
                self.stamp[f] = self.step;
                self.w[f] += y;
            }
        }
        self.step += 1;
    }

    /// The averaged weights.
    pub fn finish(mut self) -> Filter {
        for f in 0..SIZE {
            self.total[f] += (self.step - self.stamp[f]) as f32 * self.w[f];
        }
        let n = self.step as f32;
        Filter {
            w: self.total.iter().map(|t| t / n).collect(),
        }
    }
}

/// Reads weights stored as `magic`, then `(index: u32, weight: f32)` pairs in little endian,
/// into a table of `size` weights; `None` when the form is wrong or an index is out of range.
pub(crate) fn read_sparse(b: &[u8], magic: &[u8], size: usize) -> Option<Vec<f32>> {
    let body = b.strip_prefix(magic)?;
    if body.len() % 8 != 0 {
        return None;
    }
    let mut w = vec![0.0; size];
    for c in body.chunks_exact(8) {
        let i = u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize;
        *w.get_mut(i)? = f32::from_le_bytes([c[4], c[5], c[6], c[7]]);
    }
    Some(w)
}

/// The stored form of a weight table read by [`read_sparse`]: its non-zero weights.
pub(crate) fn write_sparse(magic: &[u8], w: &[f32]) -> Vec<u8> {
    let mut out = magic.to_vec();
    for (i, &v) in w.iter().enumerate() {
        if v != 0.0 {
            out.extend_from_slice(&(i as u32).to_le_bytes());
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_rule_and_round_trips() {
        let mut t = Trainer::default();
        let (good, bad, bias) = (feature(1, "said"), feature(1, "the"), feature(0, ""));
        for _ in 0..5 {
            t.learn(&[bias, good], true);
            t.learn(&[bias, bad], false);
        }
        let m = t.finish();
        assert!(m.score(&[bias, good]) > 0.0 && m.score(&[bias, bad]) < 0.0);
        let back = Filter::from_bytes(&m.to_bytes()).expect("readable");
        assert_eq!(back.score(&[bias, good]), m.score(&[bias, good]));
        assert!(Filter::from_bytes(b"nope").is_none());
    }
}
