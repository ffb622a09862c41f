//! The one seeded random number generator from which all of a simulation's randomness flows.
//!
//! It is ChaCha8 (`rand_chacha`), whose output stream is fixed by its specification, so a seed
//! gives the same numbers on every platform and every version of wusim built against the same
//! `rand_chacha` major. The samplers (uniform ranges, chances) are written here rather than
//! taken from `rand`, whose distribution algorithms may change between versions.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

/// A seeded, cloneable, portable random number generator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimRng {
    inner: ChaCha8Rng,
}

impl SimRng {
    /// A generator whose whole output is fixed by `seed`.
    pub fn seed_from_u64(seed: u64) -> Self {
        SimRng {
            inner: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
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
        // ChaCha8 seeded with 42. If this changes, every recorded transcript and seed-based scenario changes too.
        let mut rng = SimRng::seed_from_u64(42);
        let draws: Vec<u64> = (0..4).map(|_| rng.range_inclusive(0, 999)).collect();
        assert_eq!(draws, [681, 950, 427, 627]);
    }

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
