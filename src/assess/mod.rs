//! The assessment: what a learner's path is worth, judged the same way for every command.
//!
//! - [`fact`]: what a command showed (observations), so evidence counts whatever command
//!   showed it;
//! - [`change`]: what a line changed on the PC, by component, found by comparing the PC
//!   before and after;
//! - [`moves`]: the one classifier of moves — *harm*, *collateral*, *best practice*, *side
//!   effect* — used by the score, the coach, the debrief and the test harness;
//! - [`rubric`]: the score, written down once, line by line.

pub mod change;
pub mod fact;
pub mod moves;
pub mod rubric;

pub use change::Component;
pub use fact::{Fact, codes_in};
pub use moves::{Finding, Mark, Severity};
