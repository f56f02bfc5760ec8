//! The model file: header, transitions, gazetteer, clusters and quantised feature weights.
//!
//! Layout (little-endian): magic `DSNER01\0`; feature version u32; label count u32 and the
//! label names (u8 length + bytes); metadata text (u32 length + `key=value` lines); scale f32;
//! transitions (N*N + 2N f32); gazetteer (max length u32, count u32, then key u64 + type bits
//! u8); clusters (count u32, then word u64 + path u32 + length u8); common lower-case words
//! (count u32, then word u64, sorted); rows (count u32, keys u64
//! sorted, then N i16 weights per row); an xxh3-64 checksum of everything before it.

use std::collections::{BTreeMap, HashSet};

use crate::clusters::Clusters;
use crate::decode::{Transitions, LABEL_NAMES, N_LABELS};
use crate::features::FEATURE_VERSION;
use crate::gazetteer::Gazetteer;
use crate::hashmap::IdBuild;

const MAGIC: &[u8; 8] = b"DSNER01\0";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ner model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

#[derive(Clone, Copy)]
struct Slot {
    key: u64,
    row: u32,
}

const EMPTY: u32 = u32::MAX;

/// A loaded model, ready to score features.
pub struct Model {
    pub meta: BTreeMap<String, String>,
    /// Transition scores in the units of dequantised emission scores.
    pub trans: Transitions,
    pub gaz: Gazetteer,
    pub clusters: Clusters,
    /// Words (lower-case hashes) mostly written in lower case inside sentences: in a title-case
    /// headline their capital says nothing.
    pub lower_words: HashSet<u64, IdBuild>,
    inv_scale: f32,
    table: Vec<Slot>,
    mask: usize,
    weights: Vec<i16>,
}

impl Model {
    /// The weight row of a feature key.
    #[inline]
    pub fn row(&self, key: u64) -> Option<&[i16]> {
        let mut i = (key as usize ^ (key >> 32) as usize) & self.mask;
        loop {
            let s = self.table[i];
            if s.row == EMPTY {
                return None;
            }
            if s.key == key {
                let at = s.row as usize * N_LABELS;
                return Some(&self.weights[at..at + N_LABELS]);
            }
            i = (i + 1) & self.mask;
        }
    }

    pub fn inv_scale(&self) -> f32 {
        self.inv_scale
    }

    pub fn rows(&self) -> usize {
        self.weights.len() / N_LABELS
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < MAGIC.len() + 8 || &bytes[..8] != MAGIC {
            return Err(ModelError("not a dossier NER model (bad magic)".into()));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        let want = u64::from_le_bytes(sum.try_into().unwrap_or([0; 8]));
        if xxhash_rust::xxh3::xxh3_64(body) != want {
            return Err(ModelError(
                "checksum mismatch (truncated or corrupt file)".into(),
            ));
        }
        let mut r = Reader {
            b: body,
            at: MAGIC.len(),
        };
        let fv = r.u32()?;
        if fv != FEATURE_VERSION {
            return Err(ModelError(format!(
                "feature version {fv}, this build needs {FEATURE_VERSION}; retrain"
            )));
        }
        let nl = r.u32()? as usize;
        if nl != N_LABELS {
            return Err(ModelError(format!("{nl} labels, expected {N_LABELS}")));
        }
        for want in LABEL_NAMES {
            let len = r.u8()? as usize;
            if r.take(len)? != want.as_bytes() {
                return Err(ModelError("label set differs from this build's".into()));
            }
        }
        let meta_len = r.u32()? as usize;
        let meta_text = std::str::from_utf8(r.take(meta_len)?)
            .map_err(|_| ModelError("metadata is not UTF-8".into()))?;
        let meta = meta_text
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let scale = r.f32()?;
        let inv_scale = if scale > 0.0 { 1.0 / scale } else { 0.0 };
        let mut trans = Transitions::default();
        for v in trans
            .trans
            .iter_mut()
            .chain(trans.start.iter_mut())
            .chain(trans.end.iter_mut())
        {
            *v = r.f32()? * inv_scale;
        }
        let gaz_max = r.u32()? as usize;
        let ng = r.u32()? as usize;
        let mut gaz_entries = Vec::with_capacity(ng.min(1 << 24));
        for _ in 0..ng {
            gaz_entries.push((r.u64()?, r.u8()?));
        }
        let gaz = Gazetteer::from_entries(gaz_entries, gaz_max.min(16));
        let nc = r.u32()? as usize;
        let mut clusters = Clusters::default();
        for _ in 0..nc {
            let (w, p, l) = (r.u64()?, r.u32()?, r.u8()?);
            clusters.insert(w, p, l.min(32));
        }
        let nw = r.u32()? as usize;
        let mut lower_words =
            HashSet::with_capacity_and_hasher(nw.min(1 << 20), IdBuild::default());
        for _ in 0..nw {
            lower_words.insert(r.u64()?);
        }
        let nr = r.u32()? as usize;
        let keys = r.take(
            nr.checked_mul(8)
                .ok_or_else(|| ModelError("row count overflows".into()))?,
        )?;
        let wbytes = r.take(nr * N_LABELS * 2)?;
        if r.at != body.len() {
            return Err(ModelError("trailing bytes".into()));
        }
        let weights: Vec<i16> = wbytes
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        let size = (nr * 2).next_power_of_two().max(16);
        let mut table = vec![Slot { key: 0, row: EMPTY }; size];
        let mask = size - 1;
        for (row, k) in keys.chunks_exact(8).enumerate() {
            let key = u64::from_le_bytes(k.try_into().unwrap_or([0; 8]));
            let mut i = (key as usize ^ (key >> 32) as usize) & mask;
            while table[i].row != EMPTY {
                i = (i + 1) & mask;
            }
            table[i] = Slot {
                key,
                row: row as u32,
            };
        }
        Ok(Model {
            meta,
            trans,
            gaz,
            clusters,
            lower_words,
            inv_scale,
            table,
            mask,
            weights,
        })
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or_else(|| ModelError("truncated".into()))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or([0; 4]),
        ))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or([0; 8]),
        ))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or([0; 4]),
        ))
    }
}

/// Everything a trained model holds, before quantisation.
pub struct ModelParts {
    pub meta: BTreeMap<String, String>,
    pub trans: Transitions,
    pub gaz: Gazetteer,
    pub clusters: Clusters,
    /// See [`Model::lower_words`]; any order.
    pub lower_words: Vec<u64>,
    /// Feature key and its averaged weight per label, in any order.
    pub rows: Vec<(u64, [f32; N_LABELS])>,
}

impl ModelParts {
    /// The file bytes: weights scaled so the largest is ±32767 and rounded; rows that round to
    /// all zeros are dropped.
    pub fn to_bytes(&self) -> Vec<u8> {
        let max = self
            .rows
            .iter()
            .flat_map(|(_, w)| w.iter())
            .fold(0f32, |m, &x| m.max(x.abs()));
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let mut rows: Vec<(u64, [i16; N_LABELS])> = self
            .rows
            .iter()
            .map(|(k, w)| {
                (
                    *k,
                    w.map(|x| (x * scale).round().clamp(-32767.0, 32767.0) as i16),
                )
            })
            .filter(|(_, q)| q.iter().any(|&x| x != 0))
            .collect();
        rows.sort_unstable_by_key(|(k, _)| *k);
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        out.extend_from_slice(&(N_LABELS as u32).to_le_bytes());
        for l in LABEL_NAMES {
            out.push(l.len() as u8);
            out.extend_from_slice(l.as_bytes());
        }
        let meta: String = self
            .meta
            .iter()
            .map(|(k, v)| format!("{k}={}\n", v.replace('\n', " ")))
            .collect();
        out.extend_from_slice(&(meta.len() as u32).to_le_bytes());
        out.extend_from_slice(meta.as_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        // Transitions stay in the same units as the emission weights.
        for v in self
            .trans
            .trans
            .iter()
            .chain(&self.trans.start)
            .chain(&self.trans.end)
        {
            out.extend_from_slice(&(v * scale).to_le_bytes());
        }
        let gaz = self.gaz.entries();
        out.extend_from_slice(&(self.gaz.max_len() as u32).to_le_bytes());
        out.extend_from_slice(&(gaz.len() as u32).to_le_bytes());
        for (k, t) in gaz {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(t);
        }
        let cl = self.clusters.entries();
        out.extend_from_slice(&(cl.len() as u32).to_le_bytes());
        for (w, p, l) in cl {
            out.extend_from_slice(&w.to_le_bytes());
            out.extend_from_slice(&p.to_le_bytes());
            out.push(l);
        }
        let mut lw = self.lower_words.clone();
        lw.sort_unstable();
        lw.dedup();
        out.extend_from_slice(&(lw.len() as u32).to_le_bytes());
        for w in lw {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (k, _) in &rows {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for (_, q) in &rows {
            for x in q {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        let sum = xxhash_rust::xxh3::xxh3_64(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_corruption() {
        let mut meta = BTreeMap::new();
        meta.insert("dev_f1".to_string(), "1.0".to_string());
        let mut gaz = Gazetteer::default();
        gaz.insert(42, 2, 1);
        let mut w = [0f32; N_LABELS];
        w[3] = 2.0;
        w[4] = -1.0;
        let parts = ModelParts {
            meta,
            trans: Transitions::default(),
            gaz,
            clusters: Clusters::default(),
            lower_words: vec![5, 3],
            rows: vec![(7, w), (9, [0.0; N_LABELS])],
        };
        let bytes = parts.to_bytes();
        let m = Model::from_bytes(&bytes).unwrap();
        assert_eq!(m.rows(), 1);
        let r = m.row(7).unwrap();
        assert_eq!(r[3], 32767);
        assert!(m.row(9).is_none());
        assert_eq!(m.gaz.get(42), Some(2));
        assert_eq!(m.meta["dev_f1"], "1.0");
        assert!(m.lower_words.contains(&3) && !m.lower_words.contains(&4));
        let mut bad = bytes.clone();
        bad[20] ^= 1;
        assert!(Model::from_bytes(&bad).is_err());
        assert!(Model::from_bytes(&bytes[..bytes.len() - 3]).is_err());
        assert!(Model::from_bytes(b"").is_err());
    }
}
