//! SplitMix64: the small deterministic generator behind seeded schedules,
//! explore's random runs and the tests' random inputs.
//!
//! One generator for the whole workspace, so a seed means the same thing
//! everywhere. Not for anything that needs unpredictability.

/// A SplitMix64 generator; the field is its state (the seed to start).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A value in `0..n` (0 when `n` is 0), by multiply-and-shift: never
    /// panics, and any bias is negligible for small `n`.
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }
}
