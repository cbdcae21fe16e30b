//! The random numbers behind question draws and choice shuffles, specified here so that the
//! server and every build of the player draw the same quiz from the same seed, forever.
//!
//! - Generator: SplitMix64 (Steele, Lea and Flood, 2014), as in Java's `SplittableRandom`:
//!   the state advances by `0x9E3779B97F4A7C15`, and each output is the state mixed by
//!   `z = (z ^ z >> 30) * 0xBF58476D1CE4E5B9; z = (z ^ z >> 27) * 0x94D049BB133111EB;
//!   z ^ z >> 31`.
//! - Bounded integers: Lemire's multiply-and-reject method, which is unbiased.
//! - Sub-seeds: `seed ^ FNV-1a-64(domain tag + name)`, passed once through SplitMix64, so
//!   each pool and each question shuffles independently of the others.
//!
//! Changing anything here changes every quiz drawn from a stored seed: don't.

/// The SplitMix64 generator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// A generator for the part of a quiz called `name` in `domain` (like "pool").
    pub fn derived(seed: u64, domain: &str, name: &str) -> SplitMix64 {
        let tag = fnv1a64(domain.bytes().chain([b':']).chain(name.bytes()));
        SplitMix64::new(SplitMix64::new(seed ^ tag).next_u64())
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniformly distributed integer in `0..bound`; 0 when `bound` is 0.
    pub fn below(&mut self, bound: u64) -> u64 {
        if bound == 0 {
            return 0;
        }
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let product = u128::from(self.next_u64()) * u128::from(bound);
            // The low half decides acceptance, the high half is the value.
            if (product as u64) >= threshold {
                return (product >> 64) as u64;
            }
        }
    }

    /// Shuffles `items` in place (Fisher–Yates, from the last position down).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for last in (1..items.len()).rev() {
            let bound = u64::try_from(last + 1).unwrap_or(u64::MAX);
            let pick = usize::try_from(self.below(bound)).unwrap_or(last);
            items.swap(last, pick.min(last));
        }
    }
}

/// The 64-bit FNV-1a hash.
pub fn fnv1a64(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xCBF2_9CE4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01B3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn below_stays_in_bounds() {
        let mut rng = SplitMix64::new(7);
        for bound in [1, 2, 3, 10, u64::MAX] {
            for _ in 0..100 {
                assert!(rng.below(bound) < bound);
            }
        }
        assert_eq!(rng.below(0), 0);
    }

    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        // From the FNV reference test suite.
        assert_eq!(fnv1a64(*b""), 0xCBF2_9CE4_8422_2325);
        assert_eq!(fnv1a64(*b"a"), 0xAF63_DC4C_8601_EC8C);
        assert_eq!(fnv1a64(*b"foobar"), 0x8594_4171_F739_67E8);
    }
}
