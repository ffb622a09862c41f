//! The pending-event set: a monotone radix heap keyed by `(time, sequence)`.
//!
//! Simulated time never goes backwards, so the queue only has to hand out keys that are not
//! smaller than the last one it popped. A radix heap uses that: each entry sits in the bucket
//! named by the highest bit in which its key differs from the last popped key, so a push is
//! O(1) and a pop touches each entry O(log key-range) times over its life, with mostly
//! sequential memory access. At a million pending events it is about three times faster than
//! a binary heap here (see `benches/engine.rs`).
//!
//! Keys are `u128`: the time in the high 64 bits and a sequence number, unique per queue, in
//! the low 64. Keys are therefore unique and totally ordered, which is what makes ties
//! deterministic: two events due in the same millisecond pop in the order they were pushed.
//! Payloads are stored inline beside their keys; nothing is boxed.
//!
//! A queue starts small: while at most [`SMALL`] events are pending (a PC rarely has more
//! than a handful) they sit in one vector sorted by key, which is faster than the buckets
//! at that size and costs a few hundred bytes instead of the buckets' three kilobytes —
//! what keeps a fleet of a million PCs in memory. The first push beyond it moves every
//! entry into the radix heap, for good.

use super::time::SimTime;

/// Number of buckets. `last` is the smallest key of the other buckets when they were last
/// refilled; bucket 0 holds keys not greater than `last`, sorted largest first, and bucket `i`
/// (1..=128) keys greater than `last` whose highest bit differing from it is bit `i - 1`. Keys in
/// bucket 0 are therefore the smallest in the queue, and it usually holds one or two.
const BUCKETS: usize = 129;

/// The most events the small form holds before the queue becomes a radix heap.
const SMALL: usize = 32;

/// A queue of events of type `E`, popped in `(time, push order)` order.
///
/// Pushing an event earlier than the last popped one is a logic error of the caller (the
/// engine's [`crate::engine::Sim`] never does it): it is delivered next, with its own time.
#[derive(Clone, Debug)]
pub struct EventQueue<E> {
    /// While no bucket exists: every pending entry, sorted by key, largest first.
    small: Vec<(u128, E)>,
    buckets: Vec<Vec<(u128, E)>>,
    /// Bit `i - 1` is set when bucket `i` (1..=128) is not empty, so finding the lowest
    /// non-empty bucket is one `trailing_zeros`.
    occupied: u128,
    last: u128,
    next_seq: u64,
    len: usize,
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E> EventQueue<E> {
    /// Bytes the queue holds on the heap (its buckets' capacities).
    pub fn heap_bytes(&self) -> usize {
        self.small.capacity() * std::mem::size_of::<(u128, E)>()
            + self.buckets.capacity() * std::mem::size_of::<Vec<(u128, E)>>()
            + self
                .buckets
                .iter()
                .map(|b| b.capacity() * std::mem::size_of::<(u128, E)>())
                .sum::<usize>()
    }

    /// An empty queue. Allocates nothing until the first push.
    pub fn new() -> Self {
        EventQueue {
            small: Vec::new(),
            buckets: Vec::new(),
            occupied: 0,
            last: 0,
            next_seq: 0,
            len: 0,
        }
    }

    /// Number of pending events.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when nothing is pending.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Schedules `event` at `time`.
    pub fn push(&mut self, time: SimTime, event: E) {
        let key = u128::from(time.as_millis()) << 64 | u128::from(self.next_seq);
        self.next_seq += 1;
        self.len += 1;
        if self.buckets.is_empty() {
            if self.small.len() < SMALL {
                insert_sorted(&mut self.small, key, event);
                return;
            }
            self.buckets.resize_with(BUCKETS, Vec::new);
            for (key, event) in std::mem::take(&mut self.small) {
                self.file(key, event);
            }
        }
        self.file(key, event);
    }

    /// Files an entry in the radix heap.
    fn file(&mut self, key: u128, event: E) {
        if key <= self.last {
            // Due no later than the current minimum: bucket 0, kept sorted largest first.
            insert_sorted(&mut self.buckets[0], key, event);
        } else {
            self.put(key, event);
        }
    }

    /// Files an entry with a key greater than `last` into its bucket.
    fn put(&mut self, key: u128, event: E) {
        let bucket = bucket_of(key, self.last);
        self.buckets[bucket].push((key, event));
        self.occupied |= 1 << (bucket - 1);
    }

    /// The time of the next event, if any, without removing it.
    pub fn peek_time(&mut self) -> Option<SimTime> {
        let next = if self.buckets.is_empty() {
            self.small.last()
        } else {
            self.refill();
            self.buckets[0].last()
        };
        next.map(|&(key, _)| SimTime::from_millis((key >> 64) as u64))
    }

    /// Removes and returns the next event with its time.
    pub fn pop(&mut self) -> Option<(SimTime, E)> {
        let (key, event) = if self.buckets.is_empty() {
            let entry = self.small.pop()?;
            // The radix heap, if it comes, starts from the last key handed out.
            self.last = self.last.max(entry.0);
            entry
        } else {
            self.refill();
            self.buckets[0].pop()?
        };
        self.len -= 1;
        Some((SimTime::from_millis((key >> 64) as u64), event))
    }

    /// Removes every pending event, keeping the allocations for reuse.
    pub fn clear(&mut self) {
        self.small.clear();
        for bucket in &mut self.buckets {
            bucket.clear();
        }
        self.occupied = 0;
        self.len = 0;
    }

    /// Makes sure bucket 0 holds the minimum key when the queue is not empty.
    fn refill(&mut self) {
        if self.len == 0 || !self.buckets[0].is_empty() {
            return;
        }
        if self.occupied == 0 {
            return;
        }
        let index = self.occupied.trailing_zeros() as usize + 1;
        self.occupied &= !(1 << (index - 1));
        let min = self.buckets[index]
            .iter()
            .map(|&(key, _)| key)
            .min()
            .expect("an occupied bucket is not empty");
        self.last = min;
        // Every key in this bucket shares its bits above `index - 1` with the new minimum, so
        // each lands in a lower bucket; the minimum itself, alone, in bucket 0.
        let mut moving = std::mem::take(&mut self.buckets[index]);
        for (key, event) in moving.drain(..) {
            if key == min {
                self.buckets[0].push((key, event));
            } else {
                self.put(key, event);
            }
        }
        // Give the (now empty) allocation back so the bucket does not have to grow again.
        self.buckets[index] = moving;
    }
}

/// Inserts an entry into a vector kept sorted by key, largest first.
fn insert_sorted<E>(sorted: &mut Vec<(u128, E)>, key: u128, event: E) {
    let at = sorted.partition_point(|&(k, _)| k > key);
    sorted.insert(at, (key, event));
}

/// The bucket of `key` relative to the last popped key.
fn bucket_of(key: u128, last: u128) -> usize {
    (128 - (key ^ last).leading_zeros()) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(ms: u64) -> SimTime {
        SimTime::from_millis(ms)
    }

    #[test]
    fn pops_in_time_order_and_ties_in_push_order() {
        let mut q = EventQueue::new();
        q.push(t(30), 'c');
        q.push(t(10), 'a');
        q.push(t(20), 'b');
        q.push(t(10), 'A');
        let order: Vec<_> = std::iter::from_fn(|| q.pop()).collect();
        assert_eq!(
            order,
            vec![(t(10), 'a'), (t(10), 'A'), (t(20), 'b'), (t(30), 'c')]
        );
        assert!(q.is_empty());
    }

    #[test]
    fn interleaved_push_and_pop_stay_ordered() {
        let mut q = EventQueue::new();
        let mut out = Vec::new();
        q.push(t(5), 5);
        q.push(t(1), 1);
        out.push(q.pop().unwrap().1);
        q.push(t(3), 3);
        q.push(t(1), 11); // due now, after the event just popped
        out.push(q.pop().unwrap().1);
        out.push(q.pop().unwrap().1);
        q.push(t(4), 4);
        while let Some((_, e)) = q.pop() {
            out.push(e);
        }
        assert_eq!(out, vec![1, 11, 3, 4, 5]);
    }

    #[test]
    fn an_event_due_before_a_peeked_one_still_comes_first() {
        let mut q = EventQueue::new();
        q.push(t(100), 'z');
        assert_eq!(q.peek_time(), Some(t(100)));
        q.push(t(50), 'a');
        q.push(t(50), 'b');
        q.push(t(70), 'c');
        let order: Vec<_> = std::iter::from_fn(|| q.pop()).map(|(_, e)| e).collect();
        assert_eq!(order, vec!['a', 'b', 'c', 'z']);
    }

    #[test]
    fn peek_time_does_not_remove() {
        let mut q = EventQueue::new();
        assert_eq!(q.peek_time(), None);
        q.push(t(7), ());
        assert_eq!(q.peek_time(), Some(t(7)));
        assert_eq!(q.len(), 1);
    }

    #[test]
    fn clear_empties_the_queue() {
        let mut q = EventQueue::new();
        q.push(t(7), ());
        q.clear();
        assert!(q.pop().is_none());
    }

    proptest::proptest! {
        #[test]
        fn matches_a_sorted_reference(times in proptest::collection::vec(0u64..1_000, 0..200)) {
            let mut q = EventQueue::new();
            for (i, &ms) in times.iter().enumerate() {
                q.push(t(ms), i);
            }
            let mut expected: Vec<(u64, usize)> =
                times.iter().enumerate().map(|(i, &ms)| (ms, i)).collect();
            expected.sort();
            let got: Vec<(u64, usize)> =
                std::iter::from_fn(|| q.pop()).map(|(t, i)| (t.as_millis(), i)).collect();
            proptest::prop_assert_eq!(got, expected);
        }

        /// A simulation's use: pop the next event, push new ones at or after its time.
        #[test]
        fn interleaved_use_matches_a_sorted_reference(
            ops in proptest::collection::vec((0u64..3, 0u64..500), 1..300)
        ) {
            let mut q = EventQueue::new();
            let mut reference = std::collections::BTreeSet::new();
            let (mut now, mut seq) = (0u64, 0u64);
            for (pushes, delay) in ops {
                for i in 0..pushes {
                    let time = now + delay * i;
                    q.push(t(time), seq);
                    reference.insert((time, seq));
                    seq += 1;
                }
                let expected = reference.pop_first();
                let got = q.pop().map(|(t, e)| (t.as_millis(), e));
                proptest::prop_assert_eq!(got, expected);
                if let Some((time, _)) = got {
                    now = time;
                }
            }
        }
    }
}
