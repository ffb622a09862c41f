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
pub use schema::{
    Cause, DesktopFile, Difficulty, Evidence, GoalSpec, Hint, Par, PcSpec, ServerSpec, StartShell,
    Symptom, VariantSpec,
};

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
    pub hints: Vec<Hint>,
    /// A reference solution: shell commands that reach the goal.
    pub solution: Vec<String>,
    /// The score's reference point.
    pub par: Option<Par>,
    /// Notes for instructors (not shown to learners).
    pub notes: String,
    /// The scenario's version: a hash (64-bit FNV-1a) of its file's text, so a recorded
    /// session can tell whether it was played on the same scenario.
    pub version: String,
    /// The one transferable rule of the ticket, for the debrief.
    pub rule: String,
    /// Live coaching notes after harmful or collateral moves (default true; an exam turns
    /// it off).
    pub coach: bool,
    /// Lines the user ran before the learner arrives (pressing Check for updates...): they
    /// shape the starting state and are not the learner's.
    pub before_arrival: Vec<String>,
    /// What the ticket quotes, checked at the start by `validate`.
    pub symptom: Option<Symptom>,
    /// The facts that show what is wrong.
    pub evidence: Vec<Evidence>,
    /// The candidate causes `diagnose` lists.
    pub causes: Vec<Cause>,
    /// Other fixes that work (each a list of lines); `validate` plays each.
    pub alternatives: Vec<Vec<String>>,
    /// Causes behind the same symptom, drawn by the seed (empty: one fixed cause).
    pub variants: Vec<Variant>,
    /// The variant this scenario was drawn as ([`Scenario::for_seed`]), if any.
    pub variant: Option<String>,
    /// Files on the user's Desktop at the start (`[[file]]`).
    pub files: Vec<DesktopFile>,
}

/// A variant of a scenario: its spec and its own faults.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Variant {
    /// What the file says.
    pub spec: VariantSpec,
    /// Its faults (added to the scenario's).
    pub faults: Vec<ScheduledFault>,
}

impl Scenario {
    /// The variant `seed` draws, if the scenario has variants.
    pub fn pick_variant(&self, seed: u64) -> Option<usize> {
        if self.variants.is_empty() {
            return None;
        }
        let drawn = crate::engine::SimRng::seed_from_u64(seed).next_u64();
        Some((drawn % self.variants.len() as u64) as usize)
    }

    /// The index of the variant named `id`.
    pub fn variant_index(&self, id: &str) -> Option<usize> {
        self.variants.iter().position(|v| v.spec.id == id)
    }

    /// The scenario as played with `seed`: the variant it draws merged in.
    pub fn for_seed(&self, seed: u64) -> Scenario {
        match self.pick_variant(seed) {
            Some(index) => self.with_variant(index),
            None => self.clone(),
        }
    }

    /// The scenario with variant `index` merged in: its faults and evidence added, its
    /// right causes marked, its solution, alternatives, hints and symptom in place; no
    /// variants left.
    pub fn with_variant(&self, index: usize) -> Scenario {
        let mut flat = self.clone();
        flat.variants.clear();
        let Some(variant) = self.variants.get(index) else {
            return flat;
        };
        let spec = &variant.spec;
        flat.faults.extend(variant.faults.iter().copied());
        flat.evidence.extend(spec.evidence.iter().cloned());
        for cause in &mut flat.causes {
            cause.right = spec.right.contains(&cause.id);
        }
        flat.solution = spec.solution.clone();
        flat.alternatives = spec.alternatives.clone();
        if let Some(hints) = &spec.hints {
            flat.hints = hints.clone();
        }
        if let Some(symptom) = &spec.symptom {
            flat.symptom = Some(symptom.clone());
        }
        flat.variant = Some(spec.id.clone());
        flat
    }

    /// Every way the scenario can be played: each variant merged in, or the scenario alone.
    pub fn cases(&self) -> Vec<Scenario> {
        if self.variants.is_empty() {
            vec![self.clone()]
        } else {
            (0..self.variants.len())
                .map(|i| self.with_variant(i))
                .collect()
        }
    }

    /// The line that closes the ticket with the right causes (`diagnose a b`), if the
    /// scenario asks for a diagnosis.
    pub fn diagnosis_line(&self) -> Option<String> {
        let ids: Vec<&str> = self
            .causes
            .iter()
            .filter(|c| c.right)
            .map(|c| c.id.as_str())
            .collect();
        (!ids.is_empty()).then(|| format!("diagnose {}", ids.join(" ")))
    }

    /// The key evidence.
    pub fn key_evidence(&self) -> impl Iterator<Item = &Evidence> {
        self.evidence.iter().filter(|e| e.key)
    }
}

/// The 64-bit FNV-1a hash of `text`, in hex: stable across platforms and releases.
pub fn version_of(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}
