//! Word clusters: each known word (by lower-case hash) has a binary path; prefixes of the path
//! are coarser clusters.

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

/// Word clusters induced from unlabeled files, with a one-line description of the source.
pub fn induce_from_files(
    paths: &[std::path::PathBuf],
    log: &mut dyn FnMut(&str),
) -> Result<(Clusters, String), String> {
    if paths.is_empty() {
        return Ok((Clusters::default(), "none".to_string()));
    }
    log("cluster induction is not built yet");
    Err("--unlabeled is not supported yet".to_string())
}
