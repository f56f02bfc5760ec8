//! Word clusters: each known word (by lower-case hash) has a binary path; prefixes of the path
//! are coarser clusters.
//!
//! Induced from unlabeled text by bisecting spherical 2-means over each word's left and right
//! neighbour counts (a cheap stand-in for Brown clusters: words used in the same contexts, such
//! as surnames, cities or months, end up under the same path prefix).

use std::collections::HashMap;

use crate::hashmap::IdBuild;

#[derive(Clone, Debug, Default)]
pub struct Clusters {
    map: HashMap<u64, (u32, u8), IdBuild>,
}

impl Clusters {
    pub fn get(&self, word: u64) -> Option<(u32, u8)> {
        self.map.get(&word).copied()
    }

    pub fn insert(&mut self, word: u64, path: u32, len: u8) {
        self.map.insert(word, (path, len));
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Entries sorted by word hash, for a deterministic file.
    pub fn entries(&self) -> Vec<(u64, u32, u8)> {
        let mut v: Vec<(u64, u32, u8)> = self.map.iter().map(|(k, (p, l))| (*k, *p, *l)).collect();
        v.sort_unstable();
        v
    }
}

/// Settings for [`induce`].
#[derive(Clone, Debug)]
pub struct InduceConfig {
    /// Words seen fewer times get no cluster.
    pub min_count: u32,
    /// At most this many words (the most frequent) are clustered.
    pub max_words: usize,
    /// Neighbour words used as context dimensions (the most frequent).
    pub contexts: usize,
    /// Depth of the binary tree (path length in bits).
    pub depth: u8,
    pub iterations: usize,
}

impl Default for InduceConfig {
    fn default() -> Self {
        InduceConfig {
            min_count: 3,
            max_words: 60_000,
            contexts: 1_000,
            depth: 12,
            iterations: 8,
        }
    }
}

/// Words (lower-case hashes) that inside sentences are mostly written in lower case: seen in
/// lower case at least `min_count` times and four times as often as with a capital, counting
/// neither sentence-first words nor sentences that are mostly capitalised (headlines).
pub fn lowercase_words<S: AsRef<str>>(sentences: &[Vec<S>], min_count: u32) -> Vec<u64> {
    use crate::features::Caps;
    let mut counts: HashMap<u64, (u32, u32), IdBuild> = HashMap::default();
    let mut buf = String::new();
    for s in sentences {
        let caps: Vec<Caps> = s
            .iter()
            .map(|w| crate::features::caps_of(w.as_ref()))
            .collect();
        let (lower, cap) = caps.iter().fold((0, 0), |(l, c), k| match k {
            Caps::Lower => (l + 1, c),
            Caps::Init | Caps::All | Caps::Mixed => (l, c + 1),
            _ => (l, c),
        });
        if cap >= lower {
            continue;
        }
        for (w, k) in s.iter().zip(&caps).skip(1) {
            let slot = match k {
                Caps::Lower => 0,
                Caps::Init => 1,
                _ => continue,
            };
            crate::features::normalise_lower(w.as_ref(), &mut buf);
            let e = counts.entry(crate::features::hash_str(&buf)).or_default();
            if slot == 0 {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    let mut out: Vec<u64> = counts
        .into_iter()
        .filter(|(_, (l, c))| *l >= min_count && *l >= 4 * *c)
        .map(|(w, _)| w)
        .collect();
    out.sort_unstable();
    out
}

/// Clusters of the words of `sentences` (tokenised text).
pub fn induce<S: AsRef<str>>(sentences: &[Vec<S>], cfg: &InduceConfig) -> Clusters {
    let mut buf = String::new();
    let ids: Vec<Vec<u64>> = sentences
        .iter()
        .map(|s| {
            s.iter()
                .map(|w| {
                    crate::features::normalise_lower(w.as_ref(), &mut buf);
                    crate::features::hash_str(&buf)
                })
                .collect()
        })
        .collect();
    let mut counts: HashMap<u64, u32, IdBuild> = HashMap::default();
    for s in &ids {
        for &w in s {
            *counts.entry(w).or_default() += 1;
        }
    }
    // Most frequent first; ties by hash so the order never depends on the map.
    let mut by_freq: Vec<(u64, u32)> = counts.into_iter().collect();
    by_freq.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let ctx_index: HashMap<u64, u32, IdBuild> = by_freq
        .iter()
        .take(cfg.contexts)
        .enumerate()
        .map(|(i, (w, _))| (*w, i as u32))
        .collect();
    let words: Vec<u64> = by_freq
        .iter()
        .filter(|(_, c)| *c >= cfg.min_count)
        .take(cfg.max_words)
        .map(|(w, _)| *w)
        .collect();
    let word_index: HashMap<u64, u32, IdBuild> = words
        .iter()
        .enumerate()
        .map(|(i, w)| (*w, i as u32))
        .collect();
    let dims = 2 * cfg.contexts;
    let mut rows: Vec<HashMap<u32, f32, IdBuild>> = vec![HashMap::default(); words.len()];
    for s in &ids {
        for (i, w) in s.iter().enumerate() {
            let Some(&wi) = word_index.get(w) else {
                continue;
            };
            if i > 0 {
                if let Some(&c) = ctx_index.get(&s[i - 1]) {
                    *rows[wi as usize].entry(c).or_default() += 1.0;
                }
            }
            if i + 1 < s.len() {
                if let Some(&c) = ctx_index.get(&s[i + 1]) {
                    *rows[wi as usize]
                        .entry(c + cfg.contexts as u32)
                        .or_default() += 1.0;
                }
            }
        }
    }
    // Sparse, log-damped, unit-length vectors.
    let vecs: Vec<Vec<(u32, f32)>> = rows
        .into_iter()
        .map(|r| {
            let mut v: Vec<(u32, f32)> = r.into_iter().map(|(k, c)| (k, (1.0 + c).ln())).collect();
            v.sort_unstable_by_key(|(k, _)| *k);
            let n = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt().max(1e-9);
            v.iter_mut().for_each(|(_, x)| *x /= n);
            v
        })
        .collect();
    let mut paths = vec![0u32; words.len()];
    let mut groups: Vec<Vec<usize>> =
        vec![(0..words.len()).filter(|&i| !vecs[i].is_empty()).collect()];
    let dot = |v: &[(u32, f32)], c: &[f32]| v.iter().map(|&(k, x)| x * c[k as usize]).sum::<f32>();
    for _level in 0..cfg.depth {
        let mut next = Vec::with_capacity(groups.len() * 2);
        for g in groups {
            if g.len() < 2 {
                for &i in &g {
                    paths[i] <<= 1;
                }
                next.push(g);
                continue;
            }
            // The group's principal direction (power iteration on the centred vectors), split
            // at the median projection: a balanced tree, so every level is informative.
            let mut mean = vec![0f32; dims];
            for &i in &g {
                for &(k, x) in &vecs[i] {
                    mean[k as usize] += x / g.len() as f32;
                }
            }
            let mut v: Vec<f32> = (0..dims)
                .map(|k| (crate::features::mix(k as u64, 7) % 2001) as f32 / 1000.0 - 1.0)
                .collect();
            let mut proj = vec![0f32; g.len()];
            for _ in 0..cfg.iterations {
                let mv = mean.iter().zip(&v).map(|(a, b)| a * b).sum::<f32>();
                for (j, &i) in g.iter().enumerate() {
                    proj[j] = dot(&vecs[i], &v) - mv;
                }
                let mut nv = vec![0f32; dims];
                let total: f32 = proj.iter().sum();
                for (j, &i) in g.iter().enumerate() {
                    for &(k, x) in &vecs[i] {
                        nv[k as usize] += proj[j] * x;
                    }
                }
                for (n, m) in nv.iter_mut().zip(&mean) {
                    *n -= m * total;
                }
                let norm = nv.iter().map(|x| x * x).sum::<f32>().sqrt();
                if norm < 1e-12 {
                    break;
                }
                nv.iter_mut().for_each(|x| *x /= norm);
                v = nv;
            }
            let mv = mean.iter().zip(&v).map(|(a, b)| a * b).sum::<f32>();
            for (j, &i) in g.iter().enumerate() {
                proj[j] = dot(&vecs[i], &v) - mv;
            }
            let mut order: Vec<usize> = (0..g.len()).collect();
            order.sort_by(|&a, &b| proj[a].total_cmp(&proj[b]).then(a.cmp(&b)));
            let mut side = vec![false; g.len()];
            for &j in &order[g.len() / 2..] {
                side[j] = true;
            }
            let (mut a, mut b) = (Vec::new(), Vec::new());
            for (j, &i) in g.iter().enumerate() {
                paths[i] = paths[i] << 1 | side[j] as u32;
                if side[j] {
                    b.push(i)
                } else {
                    a.push(i)
                }
            }
            next.push(a);
            next.push(b);
        }
        groups = next;
    }
    let mut out = Clusters::default();
    for (i, w) in words.iter().enumerate() {
        if !vecs[i].is_empty() {
            out.insert(*w, paths[i], cfg.depth);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_prefix() {
        let mut sents = Vec::new();
        for city in ["paris", "rome", "oslo", "lima"] {
            for _ in 0..5 {
                sents.push(vec![
                    "flew".to_string(),
                    "to".into(),
                    city.into(),
                    ".".into(),
                ]);
            }
        }
        for name in ["smith", "jones", "brown", "white"] {
            for _ in 0..5 {
                sents.push(vec!["mr".to_string(), name.into(), ".".into()]);
            }
        }
        let cfg = InduceConfig {
            min_count: 1,
            depth: 3,
            ..Default::default()
        };
        let c = induce(&sents, &cfg);
        let top = |w: &str| {
            c.get(crate::features::hash_str(w))
                .map(|(p, l)| p >> (l - 2))
        };
        assert_eq!(top("paris"), top("oslo"));
        assert_eq!(top("smith"), top("white"));
        assert_ne!(top("paris"), top("smith"));
    }
}
