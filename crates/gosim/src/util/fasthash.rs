//! The hash maps and sets gosim uses internally, with a small fixed hasher.
//!
//! The standard `HashMap` hashes with SipHash-1-3 under random keys. SipHash
//! is inlined into every key type's `hash_one`, which costs wasm size, and
//! the random keys make iteration order differ from run to run. Here every
//! word of the key is folded in with one multiply (FxHash's idea), and the
//! result is folded once more so that both hashbrown's bucket index (the low
//! bits) and its tag (the top bits) see the whole product.
//!
//! The keys are gosim's own ids, types and the program's identifiers. A Go
//! program's maps are not stored here (`vm::heap` owns them): values a
//! program computes at run time never become keys of these tables.

use std::hash::{BuildHasherDefault, Hasher};

/// `std::collections::HashMap` with [`FastHasher`]; build it with
/// `HashMap::default()`.
pub type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// `std::collections::HashSet` with [`FastHasher`]; build it with
/// `HashSet::default()`.
pub type HashSet<T> = std::collections::HashSet<T, BuildHasherDefault<FastHasher>>;

/// An odd constant with well-spread bits (2^64 / golden ratio).
const K: u64 = 0x9e37_79b9_7f4a_7c15;

/// A multiply-rotate hasher: fast and small, not collision-resistant.
#[derive(Clone, Copy, Default)]
pub struct FastHasher(u64);

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            // The length keeps "a" and "a\0" apart.
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u16(&mut self, i: u16) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // The multiply leaves its best-mixed bits at the top; fold them
        // into the low bits that pick the bucket.
        self.0 ^ (self.0 >> 32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash<T: Hash>(t: &T) -> u64 {
        BuildHasherDefault::<FastHasher>::default().hash_one(t)
    }

    #[test]
    fn equal_keys_hash_equal_and_near_keys_differ() {
        assert_eq!(hash(&"counter"), hash(&String::from("counter")));
        assert_ne!(hash(&"a"), hash(&"a\0"));
        assert_ne!(hash(&"ab"), hash(&"ba"));
        assert_ne!(hash(&(1u32, 2u32)), hash(&(2u32, 1u32)));
        assert_ne!(hash(&"abcdefgh1"), hash(&"abcdefgh2"));
    }

    #[test]
    fn small_ids_spread_over_the_low_bits() {
        // hashbrown picks the bucket from the low bits: consecutive ids
        // (goroutine and object numbers) must not share them.
        let mut seen = [false; 64];
        for i in 0u32..64 {
            seen[(hash(&i) & 63) as usize] = true;
        }
        let distinct = seen.iter().filter(|&&s| s).count();
        assert!(distinct > 32, "only {} of 64 buckets used", distinct);
    }

    #[test]
    fn maps_work_and_iterate_in_the_same_order_every_time() {
        let build = || {
            let mut m: HashMap<String, u32> = HashMap::default();
            for i in 0..100u32 {
                m.insert(format!("v{}", i), i);
            }
            m
        };
        let (a, b) = (build(), build());
        assert_eq!(a.get("v42"), Some(&42));
        assert_eq!(a.len(), 100);
        let ka: Vec<&String> = a.keys().collect();
        let kb: Vec<&String> = b.keys().collect();
        assert_eq!(ka, kb);
    }
}
