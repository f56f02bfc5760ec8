//! Names seen in the training labels, as sequences of lower-case word hashes with the entity
//! types they carried.

use std::collections::HashMap;

use crate::hashmap::IdBuild;

#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    map: HashMap<u64, u8, IdBuild>,
    max_len: usize,
}

impl Gazetteer {
    /// Adds a name (its sequence key) with an entity type index 0..4.
    pub fn insert(&mut self, key: u64, len: usize, ty: usize) {
        *self.map.entry(key).or_default() |= 1 << ty;
        self.max_len = self.max_len.max(len);
    }

    /// Type bits of a sequence key.
    pub fn get(&self, key: u64) -> Option<u8> {
        self.map.get(&key).copied()
    }

    pub fn max_len(&self) -> usize {
        self.max_len
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Entries sorted by key, for a deterministic file.
    pub fn entries(&self) -> Vec<(u64, u8)> {
        let mut v: Vec<(u64, u8)> = self.map.iter().map(|(k, t)| (*k, *t)).collect();
        v.sort_unstable();
        v
    }

    pub fn from_entries(entries: impl IntoIterator<Item = (u64, u8)>, max_len: usize) -> Gazetteer {
        let mut map = HashMap::with_hasher(IdBuild::default());
        map.extend(entries);
        Gazetteer { map, max_len }
    }
}
