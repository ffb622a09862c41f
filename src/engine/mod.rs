//! The discrete-event core: simulated time, the event queue and the seeded RNG.
//!
//! Everything in wusim happens at a [`SimTime`], an integer count of milliseconds since the
//! scenario started; nothing ever reads the wall clock. Pending work sits in an [`EventQueue`]
//! ordered by `(time, sequence number)`: the sequence number is handed out in the order events
//! are scheduled, so two events due in the same millisecond run first-scheduled first, on every
//! run and every platform. All randomness comes from one [`SimRng`] seeded by the caller.
//!
//! [`Sim`] bundles the three. A model owns a `Sim<E>` for its own event type `E` (a small
//! `Copy` enum, never a boxed closure), calls [`Sim::schedule`] to plan work and
//! [`Sim::pop`] to take the next due event, which also advances the clock. The engine knows
//! nothing of services or updates: `crate::pc` gives it meaning.

mod queue;
mod rng;
mod sim;
mod time;

pub use queue::EventQueue;
pub use rng::SimRng;
pub use sim::Sim;
pub use time::{CivilDateTime, ParseDurationError, SimDuration, SimTime, hour12, parse_duration};
