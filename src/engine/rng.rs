//! The one seeded random number generator from which all of a simulation's randomness flows.
//!
//! It is xoshiro256++ (Blackman and Vigna), seeded through SplitMix64: 32 bytes of state, a
//! few instructions per draw, and an output stream fixed by its published definition, so a
//! seed gives the same numbers on every platform and every version of wusim. It is written
//! here, with its samplers (uniform ranges, chances), rather than taken from a crate whose
//! algorithms may change between versions. A PC carries one, so a small state keeps a PC
//! cheap to clone and a fleet of them small.

/// A seeded, cloneable, portable random number generator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimRng {
    state: [u64; 4],
}

/// SplitMix64: one step of the generator that expands a 64-bit seed into xoshiro's state.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl SimRng {
    /// A generator whose whole output is fixed by `seed`.
    pub fn seed_from_u64(seed: u64) -> Self {
        let mut s = seed;
        SimRng {
            state: [
                splitmix64(&mut s),
                splitmix64(&mut s),
                splitmix64(&mut s),
                splitmix64(&mut s),
            ],
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = self.state;
        let result = s0.wrapping_add(s3).rotate_left(23).wrapping_add(s0);
        let t = s1 << 17;
        let s2 = s2 ^ s0;
        let s3 = s3 ^ s1;
        let s1 = s1 ^ s2;
        let s0 = s0 ^ s3;
        let s2 = s2 ^ t;
        let s3 = s3.rotate_left(45);
        self.state = [s0, s1, s2, s3];
        result
    }

    /// A uniform integer in `low..=high` (Lemire's multiply-and-reject method, unbiased).
    ///
    /// # Panics
    /// If `low > high`.
    pub fn range_inclusive(&mut self, low: u64, high: u64) -> u64 {
        assert!(low <= high, "empty range {low}..={high}");
        let span = high - low;
        if span == u64::MAX {
            return self.next_u64();
        }
        let n = span + 1;
        let threshold = n.wrapping_neg() % n;
        loop {
            let product = u128::from(self.next_u64()) * u128::from(n);
            if (product as u64) >= threshold {
                return low + (product >> 64) as u64;
            }
        }
    }

    /// True with probability `numerator / denominator`.
    ///
    /// # Panics
    /// If `denominator` is zero.
    pub fn chance(&mut self, numerator: u64, denominator: u64) -> bool {
        assert!(denominator > 0, "chance with a zero denominator");
        self.range_inclusive(0, denominator - 1) < numerator
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_its_reference_output() {
        // The first outputs of SplitMix64 seeded with 0 (Vigna's reference implementation).
        let mut s = 0;
        assert_eq!(splitmix64(&mut s), 0xE220_A839_7B1D_CDAF);
        assert_eq!(splitmix64(&mut s), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn xoshiro256plusplus_matches_its_reference_output() {
        // xoshiro256++ from the state [1, 2, 3, 4] (the reference C code's first outputs).
        let mut rng = SimRng {
            state: [1, 2, 3, 4],
        };
        let draws: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        assert_eq!(draws, [41_943_041, 58_720_359, 3_588_806_011_781_223]);
    }

    #[test]
    fn same_seed_same_stream() {
        let mut a = SimRng::seed_from_u64(7);
        let mut b = SimRng::seed_from_u64(7);
        let xs: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        let mut c = SimRng::seed_from_u64(8);
        assert_ne!(xs[0], c.next_u64());
    }

    #[test]
    fn stream_is_pinned() {
        // Seeded with 42. If this changes, every recorded transcript and seed-based scenario
        // changes too.
        let mut rng = SimRng::seed_from_u64(42);
        let draws: Vec<u64> = (0..4).map(|_| rng.range_inclusive(0, 999)).collect();
        assert_eq!(draws, PINNED_42);
    }

    /// The first four draws in 0..=999 of a generator seeded with 42 (checked against an
    /// independent Python implementation).
    const PINNED_42: [u64; 4] = [814, 318, 983, 701];

    #[test]
    fn range_stays_in_bounds_and_covers_it() {
        let mut rng = SimRng::seed_from_u64(1);
        let mut seen = [false; 5];
        for _ in 0..500 {
            let x = rng.range_inclusive(10, 14);
            assert!((10..=14).contains(&x));
            seen[(x - 10) as usize] = true;
        }
        assert!(seen.iter().all(|&s| s));
        assert_eq!(rng.range_inclusive(3, 3), 3);
    }

    #[test]
    fn chance_extremes() {
        let mut rng = SimRng::seed_from_u64(2);
        assert!((0..100).all(|_| !rng.chance(0, 10)));
        assert!((0..100).all(|_| rng.chance(10, 10)));
    }
}
