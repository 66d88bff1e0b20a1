//! The ordered map and set gosim uses instead of the standard `BTreeMap`
//! and `BTreeSet`: Go maps (which gosim iterates in key order), the timer
//! queue, `sync.Map`'s maps and explore's step footprints.
//!
//! Why it exists: wasm size. Every `BTreeMap<K, V>` instantiation stamps out
//! its own node search, insert, split, merge, clone and drop code; seven of
//! them cost about 41 KB of the web app's raw wasm. This map is a list of
//! sorted chunks (each at most `CHUNK` entries, none empty): a lookup is a
//! binary search over the chunks' last keys and then within one chunk, and
//! an insert or remove shifts at most one chunk, so a Go program filling a
//! map with 100,000 random keys stays fast, while the code per instantiation
//! is a few hundred bytes of `Vec` operations.
//!
//! Equality, hashing and `Debug` see only the entries in key order, never
//! how they happen to be chunked, so two maps with the same contents are
//! equal and hash alike whatever their insertion history (explore's state
//! hashing relies on that).

use serde::{Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

/// Most entries a chunk holds; a chunk that grows past it splits in two.
const CHUNK: usize = 64;

/// An ordered map (see the module docs).
#[derive(Clone)]
pub struct SortedMap<K, V> {
    /// Sorted, non-empty chunks; every key of a chunk is below every key of
    /// the next one.
    chunks: Vec<Vec<(K, V)>>,
    len: usize,
}

impl<K, V> SortedMap<K, V> {
    pub const fn new() -> Self {
        SortedMap {
            chunks: Vec::new(),
            len: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn clear(&mut self) {
        self.chunks.clear();
        self.len = 0;
    }

    /// Entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> + '_ {
        self.chunks.iter().flatten().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> + '_ {
        self.chunks.iter().flatten().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> + '_ {
        self.chunks.iter().flatten().map(|(_, v)| v)
    }

    /// The entry with the smallest key.
    pub fn first(&self) -> Option<(&K, &V)> {
        self.chunks.first()?.first().map(|(k, v)| (k, v))
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// The chunk where `k` is or would go, and its position there (`Err`:
    /// where to insert it). The chunks must not be empty. Both searches
    /// stop at the first equal key: Go map keys can be long arrays, and
    /// only an equal pair is compared to the end.
    fn locate(&self, k: &K) -> (usize, Result<usize, usize>) {
        // The first chunk whose last key is not below `k`; keys above
        // every chunk go to the last one.
        let (mut lo, mut hi) = (0, self.chunks.len() - 1);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let ch = &self.chunks[mid];
            match ch[ch.len() - 1].0.cmp(k) {
                Ordering::Less => lo = mid + 1,
                Ordering::Equal => return (mid, Ok(ch.len() - 1)),
                Ordering::Greater => hi = mid,
            }
        }
        let ch = &self.chunks[lo];
        let (mut a, mut b) = (0, ch.len());
        while a < b {
            let mid = a + (b - a) / 2;
            match ch[mid].0.cmp(k) {
                Ordering::Less => a = mid + 1,
                Ordering::Equal => return (lo, Ok(mid)),
                Ordering::Greater => b = mid,
            }
        }
        (lo, Err(a))
    }

    fn find(&self, k: &K) -> Option<(usize, usize)> {
        if self.chunks.is_empty() {
            return None;
        }
        match self.locate(k) {
            (c, Ok(i)) => Some((c, i)),
            _ => None,
        }
    }

    pub fn get(&self, k: &K) -> Option<&V> {
        let (c, i) = self.find(k)?;
        Some(&self.chunks[c][i].1)
    }

    pub fn get_mut(&mut self, k: &K) -> Option<&mut V> {
        let (c, i) = self.find(k)?;
        Some(&mut self.chunks[c][i].1)
    }

    pub fn contains_key(&self, k: &K) -> bool {
        self.find(k).is_some()
    }

    /// Inserts or replaces; returns the previous value. Like `BTreeMap`, a
    /// replacement keeps the key already stored.
    pub fn insert(&mut self, k: K, v: V) -> Option<V> {
        if self.chunks.is_empty() {
            self.chunks.push(vec![(k, v)]);
            self.len = 1;
            return None;
        }
        let (c, pos) = self.locate(&k);
        let chunk = &mut self.chunks[c];
        match pos {
            Ok(i) => Some(std::mem::replace(&mut chunk[i].1, v)),
            Err(i) => {
                chunk.insert(i, (k, v));
                self.len += 1;
                if chunk.len() > CHUNK {
                    let tail = chunk.split_off(chunk.len() / 2);
                    self.chunks.insert(c + 1, tail);
                }
                None
            }
        }
    }

    pub fn remove(&mut self, k: &K) -> Option<V> {
        let (c, i) = self.find(k)?;
        let (_, v) = self.chunks[c].remove(i);
        if self.chunks[c].is_empty() {
            self.chunks.remove(c);
        }
        self.len -= 1;
        Some(v)
    }
}

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap::new()
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut m = SortedMap::new();
        for (k, v) in iter {
            m.insert(k, v);
        }
        m
    }
}

impl<K: PartialEq, V: PartialEq> PartialEq for SortedMap<K, V> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl<K: Eq, V: Eq> Eq for SortedMap<K, V> {}

impl<K: Hash, V: Hash> Hash for SortedMap<K, V> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        h.write_usize(self.len);
        for (k, v) in self.iter() {
            k.hash(h);
            v.hash(h);
        }
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for SortedMap<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K: Serialize, V: Serialize> Serialize for SortedMap<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

/// An ordered set: a [`SortedMap`] with no values.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct SortedSet<T>(SortedMap<T, ()>);

impl<T> SortedSet<T> {
    pub const fn new() -> Self {
        SortedSet(SortedMap::new())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Elements in order.
    pub fn iter(&self) -> impl Iterator<Item = &T> + '_ {
        self.0.keys()
    }

    /// The smallest element.
    pub fn first(&self) -> Option<&T> {
        self.0.first().map(|(k, _)| k)
    }
}

impl<T: Ord> SortedSet<T> {
    /// Adds `x`; true if it was not there yet.
    pub fn insert(&mut self, x: T) -> bool {
        self.0.insert(x, ()).is_none()
    }

    /// Removes `x`; true if it was there.
    pub fn remove(&mut self, x: &T) -> bool {
        self.0.remove(x).is_some()
    }

    pub fn contains(&self, x: &T) -> bool {
        self.0.contains_key(x)
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        SortedSet(iter.into_iter().map(|x| (x, ())).collect())
    }
}

impl<T: Ord> Extend<T> for SortedSet<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for x in iter {
            self.insert(x);
        }
    }
}

impl<T: fmt::Debug> fmt::Debug for SortedSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<T: Serialize> Serialize for SortedSet<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::splitmix::SplitMix;
    use std::collections::hash_map::DefaultHasher;
    use std::collections::{BTreeMap, BTreeSet};

    fn hash_of<T: Hash>(x: &T) -> u64 {
        let mut h = DefaultHasher::new();
        x.hash(&mut h);
        h.finish()
    }

    /// Checks the chunk invariants the lookups rely on.
    fn check_shape<K: Ord, V>(m: &SortedMap<K, V>) {
        let mut n = 0;
        for ch in &m.chunks {
            assert!(!ch.is_empty() && ch.len() <= CHUNK);
            n += ch.len();
        }
        assert_eq!(n, m.len());
        let keys: Vec<&K> = m.keys().collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn matches_btreemap_under_random_operations() {
        // Key ranges small and large: dense ranges exercise replacement and
        // removal, wide ones exercise chunk splits.
        for (seed, range) in [(1u64, 50u64), (2, 1_000), (3, 1 << 40)] {
            let mut rng = SplitMix(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let mut ours: SortedMap<u64, u64> = SortedMap::new();
            let mut std_map: BTreeMap<u64, u64> = BTreeMap::new();
            for step in 0..20_000u64 {
                let k = rng.below(range);
                match rng.below(8) {
                    0..=4 => assert_eq!(ours.insert(k, step), std_map.insert(k, step)),
                    5 | 6 => assert_eq!(ours.remove(&k), std_map.remove(&k)),
                    _ => {
                        if let Some(v) = ours.get_mut(&k) {
                            *v += 1;
                        }
                        if let Some(v) = std_map.get_mut(&k) {
                            *v += 1;
                        }
                    }
                }
                assert_eq!(ours.get(&k), std_map.get(&k));
                assert_eq!(ours.contains_key(&k), std_map.contains_key(&k));
                assert_eq!(ours.len(), std_map.len());
                assert_eq!(ours.first(), std_map.first_key_value());
                if step % 1_000 == 0 {
                    check_shape(&ours);
                    assert!(ours.iter().eq(std_map.iter()));
                }
            }
            check_shape(&ours);
            assert!(ours.iter().eq(std_map.iter()));
            assert!(ours.values().eq(std_map.values()));
            ours.clear();
            assert!(ours.is_empty() && ours.iter().next().is_none() && ours.first().is_none());
        }
    }

    #[test]
    fn set_matches_btreeset() {
        let mut rng = SplitMix(77);
        let mut ours = SortedSet::new();
        let mut std_set = BTreeSet::new();
        for _ in 0..5_000 {
            let x = (rng.below(300), rng.next_u64().is_multiple_of(2));
            if rng.next_u64().is_multiple_of(3) {
                assert_eq!(ours.remove(&x), std_set.remove(&x));
            } else {
                assert_eq!(ours.insert(x), std_set.insert(x));
            }
            assert_eq!(ours.contains(&x), std_set.contains(&x));
            assert_eq!(ours.first(), std_set.first());
            assert_eq!(ours.len(), std_set.len());
        }
        assert!(ours.iter().eq(std_set.iter()));
        let collected: SortedSet<_> = std_set.iter().copied().collect();
        assert_eq!(collected, ours);
    }

    #[test]
    fn equal_contents_are_equal_and_hash_alike_whatever_the_history() {
        // Ascending inserts split chunks differently from descending ones,
        // and the removals leave a different chunking again.
        let up: SortedMap<u32, u32> = (0..1_000).map(|k| (k, k * 2)).collect();
        let mut down = SortedMap::new();
        for k in (0..1_500).rev() {
            down.insert(k, k * 2);
        }
        for k in 1_000..1_500 {
            down.remove(&k);
        }
        assert_ne!(up.chunks.len(), 0);
        assert_eq!(up, down);
        assert_eq!(hash_of(&up), hash_of(&down));
        assert_eq!(format!("{up:?}"), format!("{down:?}"));
        down.insert(3, 0);
        assert_ne!(up, down);
        assert_ne!(hash_of(&up), hash_of(&down));
    }

    #[test]
    fn replacing_keeps_the_stored_key() {
        // Keys equal under Ord but distinguishable, like BTreeMap's contract.
        #[derive(Debug)]
        struct K(u8, &'static str);
        impl PartialEq for K {
            fn eq(&self, o: &Self) -> bool {
                self.0 == o.0
            }
        }
        impl Eq for K {}
        impl PartialOrd for K {
            fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(o))
            }
        }
        impl Ord for K {
            fn cmp(&self, o: &Self) -> std::cmp::Ordering {
                self.0.cmp(&o.0)
            }
        }
        let mut m = SortedMap::new();
        assert_eq!(m.insert(K(1, "first"), 10), None);
        assert_eq!(m.insert(K(1, "second"), 20), Some(10));
        assert_eq!(m.iter().next().map(|(k, v)| (k.1, *v)), Some(("first", 20)));
    }
}
