//! Scenarios: a broken PC, the complaint that comes with it, what "fixed" means, hints, a
//! reference solution and a par — one TOML file each, written for instructors who are not
//! programmers.
//!
//! This module only reads text and builds values: [`parse`] turns a file's text into a
//! [`Scenario`] (or every problem in it, with its place), [`Scenario::build_pc`] makes the
//! simulated PC, and [`goal::unmet`] says which part of the goal is not met yet. Opening files
//! is the CLI's job; the built-in scenarios are embedded ([`builtin`]).
//!
//! A small scenario:
//!
//! ```
//! let text = r#"
//! format-version = 1
//! id = "orchestrator-stopped"
//! title = "The latest update never shows up"
//! difficulty = "beginner"
//! briefing = "My PC says it is up to date, but my colleague's got this month's update days ago."
//! hints = ["Is the Update Orchestrator Service running?"]
//! solution = ["net start usosvc", "wait 2h", "shutdown /r /t 0", "wait 10m"]
//! par = { commands = 4, time = "3h" }
//!
//! [[fault]]
//! kind = "service-stopped"
//! service = "UsoSvc"
//!
//! [goal]
//! installed = ["KB5060999"]
//! "#;
//! let scenario = wusim::scenario::parse("orchestrator-stopped.toml", text).unwrap();
//! assert_eq!(scenario.faults.len(), 1);
//! assert!(scenario.goal.unwrap().default_start_types, "defaults apply");
//! ```

pub mod build;
pub mod builtin;
pub mod diagnostic;
pub mod goal;
pub mod limits;
mod parse;
pub mod schema;

pub use diagnostic::{Diagnostic, Diagnostics};
pub use parse::{closest, parse};
pub use schema::{Difficulty, GoalSpec, Par, PcSpec, ServerSpec, StartShell};

use crate::engine::{CivilDateTime, SimDuration};
use crate::fault::Fault;

/// A fault of a scenario, present at the start or striking later.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ScheduledFault {
    /// The fault.
    pub fault: Fault,
    /// When it strikes, from the start (none: it is there from the start).
    pub at: Option<SimDuration>,
}

/// A checked scenario.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Scenario {
    /// Always 1 so far.
    pub format_version: u32,
    /// Short name, as in `wusim play <id>`; matches the file name without its number.
    pub id: String,
    /// One line.
    pub title: String,
    /// How hard it is.
    pub difficulty: Difficulty,
    /// The user's complaint, as a help-desk ticket would put it.
    pub briefing: String,
    /// The seed of the PC's randomness (default 0).
    pub seed: u64,
    /// Local date and time at the start (default: Patch Tuesday, 10 June 2025, 10:30).
    pub start: CivilDateTime,
    /// The console the learner starts in: `"cmd"` (default) or `"powershell"`.
    pub shell: StartShell,
    /// Changes to the default PC.
    pub pc: PcSpec,
    /// The update server.
    pub server: ServerSpec,
    /// What is broken.
    pub faults: Vec<ScheduledFault>,
    /// What "fixed" means; none for free practice (the sandbox).
    pub goal: Option<GoalSpec>,
    /// Hints, revealed one at a time.
    pub hints: Vec<String>,
    /// A reference solution: shell commands that reach the goal.
    pub solution: Vec<String>,
    /// The score's reference point.
    pub par: Option<Par>,
    /// Notes for instructors (not shown to learners).
    pub notes: String,
    /// The scenario's version: a hash (64-bit FNV-1a) of its file's text, so a recorded
    /// session can tell whether it was played on the same scenario.
    pub version: String,
}

/// The 64-bit FNV-1a hash of `text`, in hex: stable across platforms and releases.
pub(crate) fn version_of(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}
