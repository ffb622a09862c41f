//! Benchmarks of the discrete-event engine and of creating and cloning a PC.
//!
//! Run them with `cargo bench --bench engine` (optimised `bench` profile, about half a minute
//! on a 2-core machine). Pass a filter to run a subset, e.g. `cargo bench --bench engine -- hold`.
//!
//! What each benchmark measures:
//!
//! - `hold::radix_queue` — raw throughput of [`wusim::engine::EventQueue<u32>`] in the "hold"
//!   pattern of a simulation in steady state: with N events pending (N = 1 000 and
//!   1 000 000), pop the next event and push one new event at `popped time + delay`
//!   (delay uniform in 1..=86 400 000 ms, one simulated day), so N stays constant. One iteration
//!   is a batch of 1 000 000 pop + push pairs; divan reports items/s, i.e. events/s.
//! - `hold::sim_wrapper` — the same through [`wusim::engine::Sim<u32>`] (`pop_until` +
//!   `schedule`) at N = 1 000, to show what the wrapper (clock, `peek` before `pop`) costs.
//! - `hold::binary_heap` — the baseline: a bare `std::collections::BinaryHeap` of
//!   `Reverse<(time, seq, payload)>` (24-byte entries) in the same pattern, at the same N.
//! - `pc::create_default` / `pc::create_seeded` — `Pc::default()` and
//!   `Pc::builder().seed(n).build()`: a booted PC with its services settled.
//! - `pc::clone_after_work` — cloning a default PC that has started BITS, run for 10
//!   simulated seconds and then been asked to start wuauserv, so that both its event log and
//!   its event queue are non-empty. Only the clone is timed.
//!
//! Each queue is filled and then warmed up by 2 N hold steps, outside the timed region, so
//! that the timed batches see the steady state (bucket and heap capacities grown, the initial
//! fill long consumed) rather than the start-up. The samples then run one after the other on
//! that same queue, as one long simulation would. Timing a fresh clone per sample was tried
//! and dropped: it made the 1M-pending radix figure about a third lower (4.9 against 7.2 M
//! events/s median), most likely because a clone's exactly-sized buckets have to regrow
//! during the timed batch. Delays come from a local SplitMix64 (deterministic, a few ns), so
//! the figures do not include the simulation's xoshiro256++ RNG. Drops of benchmark outputs are
//! not timed (divan defers them).
//!
//! Targets (issue, on the 2-core reference machine): at least 5 million events/s with 1 000
//! pending and at least 3 million events/s with 1 000 000 pending; creating a PC under 20 µs;
//! cloning one under 5 µs.

use divan::Bencher;

fn main() {
    divan::main();
}

/// Pop + push pairs timed per iteration of the hold benchmarks.
const BATCH: u64 = 1_000_000;

/// Largest delay drawn for a rescheduled event: one simulated day, in milliseconds.
const MAX_DELAY_MS: u64 = 86_400_000;

/// SplitMix64: a tiny, fast, deterministic generator for the benchmark's delays.
#[derive(Clone, Debug)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A delay in `1..=MAX_DELAY_MS` milliseconds (multiply-high: no division, bias < 2⁻³⁸).
    fn delay_ms(&mut self) -> u64 {
        1 + ((u128::from(self.next_u64()) * u128::from(MAX_DELAY_MS)) >> 64) as u64
    }
}

/// The hold pattern: N events pending, each step pops the next and reschedules it.
mod hold {
    use super::{BATCH, SplitMix64};
    use divan::Bencher;
    use divan::counter::ItemsCount;
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    use wusim::engine::{EventQueue, Sim, SimDuration, SimTime};

    /// A queue is anything that can do one hold step; used to fill and warm up.
    trait Hold {
        fn hold_step(&mut self, rng: &mut SplitMix64);
    }

    impl Hold for EventQueue<u32> {
        #[inline]
        fn hold_step(&mut self, rng: &mut SplitMix64) {
            let (time, event) = self.pop().expect("the queue is never empty");
            self.push(
                SimTime::from_millis(time.as_millis() + rng.delay_ms()),
                event,
            );
        }
    }

    impl Hold for Sim<u32> {
        #[inline]
        fn hold_step(&mut self, rng: &mut SplitMix64) {
            let event = self
                .pop_until(SimTime::from_millis(u64::MAX))
                .expect("the queue is never empty");
            self.schedule(SimDuration::from_millis(rng.delay_ms()), event);
        }
    }

    /// A bare binary heap with `(time, seq)` order, as a baseline.
    #[derive(Clone, Debug, Default)]
    struct Heap {
        heap: BinaryHeap<Reverse<(u64, u64, u32)>>,
        next_seq: u64,
    }

    impl Heap {
        #[inline]
        fn push(&mut self, time: u64, event: u32) {
            self.heap.push(Reverse((time, self.next_seq, event)));
            self.next_seq += 1;
        }
    }

    impl Hold for Heap {
        #[inline]
        fn hold_step(&mut self, rng: &mut SplitMix64) {
            let Reverse((time, _, event)) = self.heap.pop().expect("the heap is never empty");
            self.push(time + rng.delay_ms(), event);
        }
    }

    /// Warms a freshly filled queue up by `2 * pending` hold steps (untimed).
    fn warm_up<Q: Hold>(queue: &mut Q, rng: &mut SplitMix64, pending: usize) {
        for _ in 0..2 * pending {
            queue.hold_step(rng);
        }
    }

    /// Times `BATCH` hold steps per iteration on the one warmed-up queue, which carries on
    /// from sample to sample exactly as a long simulation would.
    fn run<Q: Hold>(bencher: Bencher, mut queue: Q, mut rng: SplitMix64) {
        bencher.counter(ItemsCount::new(BATCH)).bench_local(|| {
            for _ in 0..BATCH {
                queue.hold_step(&mut rng);
            }
        });
    }

    /// `wusim::engine::EventQueue<u32>` (monotone radix heap, `u128` keys).
    #[divan::bench(args = [1_000, 1_000_000], sample_count = 10, sample_size = 1)]
    fn radix_queue(bencher: Bencher, pending: usize) {
        let mut rng = SplitMix64::new(0x5EED ^ pending as u64);
        let mut queue = EventQueue::new();
        for event in 0..pending as u32 {
            queue.push(SimTime::from_millis(rng.delay_ms()), event);
        }
        warm_up(&mut queue, &mut rng, pending);
        assert_eq!(queue.len(), pending);
        run(bencher, queue, rng);
    }

    /// `wusim::engine::Sim<u32>`: `pop_until` + `schedule` over the same queue.
    #[divan::bench(args = [1_000], sample_count = 10, sample_size = 1)]
    fn sim_wrapper(bencher: Bencher, pending: usize) {
        let mut rng = SplitMix64::new(0x5EED ^ pending as u64);
        let mut sim = Sim::new(1);
        for event in 0..pending as u32 {
            sim.schedule(SimDuration::from_millis(rng.delay_ms()), event);
        }
        warm_up(&mut sim, &mut rng, pending);
        assert_eq!(sim.pending(), pending);
        run(bencher, sim, rng);
    }

    /// `std::collections::BinaryHeap<Reverse<(u64, u64, u32)>>`, pop + push.
    #[divan::bench(args = [1_000, 1_000_000], sample_count = 10, sample_size = 1)]
    fn binary_heap(bencher: Bencher, pending: usize) {
        let mut rng = SplitMix64::new(0x5EED ^ pending as u64);
        let mut heap = Heap::default();
        for event in 0..pending as u32 {
            heap.push(rng.delay_ms(), event);
        }
        warm_up(&mut heap, &mut rng, pending);
        assert_eq!(heap.heap.len(), pending);
        run(bencher, heap, rng);
    }
}

/// Creating and cloning a whole PC.
mod pc {
    use super::Bencher;
    use divan::black_box;
    use wusim::engine::SimDuration;
    use wusim::pc::Pc;
    use wusim::scm::ServiceId;

    /// `Pc::default()`.
    #[divan::bench(sample_count = 100)]
    fn create_default() -> Pc {
        black_box(Pc::default())
    }

    /// `Pc::builder().seed(n).build()`.
    #[divan::bench(sample_count = 100)]
    fn create_seeded() -> Pc {
        black_box(Pc::builder().seed(black_box(7)).build())
    }

    /// Cloning a default PC with a non-empty log and a non-empty queue.
    #[divan::bench(sample_count = 100)]
    fn clone_after_work(bencher: Bencher) {
        let mut pc = Pc::default();
        pc.start_service(ServiceId::BITS).expect("BITS starts");
        pc.run_for(SimDuration::from_secs(10));
        // Something in flight too, so the clone copies a non-empty queue.
        pc.start_service(ServiceId::WUAUSERV)
            .expect("wuauserv starts");
        assert!(!pc.log().is_empty(), "the PC has logged something");
        assert!(pc.pending_events() > 0, "the PC has work in flight");
        bencher.bench_local(|| black_box(&pc).clone());
    }
}
