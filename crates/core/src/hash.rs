//! FNV-1a hashing for the stages' word tables: short keys looked up several times per token,
//! where the standard SipHash costs more than the lookup and its resistance to chosen keys buys
//! nothing (the keys are the stages' own vocabularies).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<Fnv>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_find_what_they_hold() {
        let mut m: FastMap<&str, u32> = FastMap::default();
        m.insert("said", 1);
        m.insert("told", 2);
        assert_eq!(m.get("said"), Some(&1));
        assert_eq!(m.get("asked"), None);
        // the same bytes hash alike, however they are fed
        let mut a = Fnv::default();
        a.write(b"ab");
        let mut b = Fnv::default();
        b.write(b"a");
        b.write(b"b");
        assert_eq!(a.finish(), b.finish());
    }
}
