//! [`Sim`]: the clock, the queue and the RNG of one simulation, moved together.

use super::{EventQueue, SimDuration, SimRng, SimTime};

/// The engine of one simulation, generic over the model's event type `E`.
///
/// Cloning a `Sim` clones its pending events and its RNG state, so a clone continues exactly
/// as the original would: the basis of cheap what-if runs, undo and fleet copies.
#[derive(Clone, Debug)]
pub struct Sim<E> {
    now: SimTime,
    queue: EventQueue<E>,
    rng: SimRng,
}

impl<E> Sim<E> {
    /// Bytes the simulation holds on the heap (its queue).
    pub fn heap_bytes(&self) -> usize {
        self.queue.heap_bytes()
    }

    /// A simulation at time zero with nothing pending, its randomness fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        Sim {
            now: SimTime::ZERO,
            queue: EventQueue::new(),
            rng: SimRng::seed_from_u64(seed),
        }
    }

    /// The current simulated time.
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// The simulation's random number generator.
    pub fn rng(&mut self) -> &mut SimRng {
        &mut self.rng
    }

    /// Plans `event` to happen `delay` from now.
    pub fn schedule(&mut self, delay: SimDuration, event: impl Into<E>) {
        self.queue.push(self.now + delay, event.into());
    }

    /// Plans `event` at the absolute time `at` (now, if `at` has passed).
    pub fn schedule_at(&mut self, at: SimTime, event: impl Into<E>) {
        self.queue.push(at.max(self.now), event.into());
    }

    /// The time of the next pending event.
    pub fn next_time(&mut self) -> Option<SimTime> {
        self.queue.peek_time()
    }

    /// Takes the next event if it is due at or before `limit`, advancing the clock to it.
    pub fn pop_until(&mut self, limit: SimTime) -> Option<E> {
        if self.queue.peek_time()? > limit {
            return None;
        }
        let (time, event) = self.queue.pop()?;
        self.now = time;
        Some(event)
    }

    /// Moves the clock forward to `time` (never backwards). Used once no event is due before it.
    pub fn advance_to(&mut self, time: SimTime) {
        self.now = self.now.max(time);
    }

    /// Number of pending events.
    pub fn pending(&self) -> usize {
        self.queue.len()
    }

    /// Drops every pending event (a reboot forgets all in-flight work).
    pub fn clear_pending(&mut self) {
        self.queue.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pop_until_respects_the_limit_and_moves_the_clock() {
        let mut sim: Sim<u8> = Sim::new(1);
        sim.schedule(SimDuration::from_secs(10), 1);
        sim.schedule(SimDuration::from_secs(20), 2);
        assert_eq!(sim.pop_until(SimTime::from_millis(15_000)), Some(1));
        assert_eq!(sim.now(), SimTime::from_millis(10_000));
        assert_eq!(sim.pop_until(SimTime::from_millis(15_000)), None);
        sim.advance_to(SimTime::from_millis(15_000));
        assert_eq!(sim.now(), SimTime::from_millis(15_000));
        sim.schedule_at(SimTime::ZERO, 3); // in the past: due now
        assert_eq!(sim.pop_until(sim.now()), Some(3));
        assert_eq!(sim.now(), SimTime::from_millis(15_000));
    }
}
