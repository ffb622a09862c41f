//! The ticket: when it is closed (the goal met, the right causes picked, and — for a ticket
//! that is only a diagnosis — the key evidence seen), `diagnose`, and the score the rubric
//! gives the path so far.

use std::fmt::Write as _;

use super::{Session, State, diagnose};
use crate::assess::{self, Fact, Finding};
use crate::scenario::goal;

impl Session {
    pub(super) fn diagnose(&mut self, rest: &str) -> String {
        if self.scenario.causes.is_empty() {
            return "This scenario does not ask for a diagnosis.\n".to_string();
        }
        if rest.is_empty() {
            return diagnose::list(&self.scenario, self.seed);
        }
        let picks = match diagnose::read(&self.scenario, self.seed, rest) {
            diagnose::Picks::Causes(picks) => picks,
            diagnose::Picks::Invalid(text) => return text,
        };
        let cause = |id: &str| {
            self.scenario
                .causes
                .iter()
                .find(|c| c.id == id)
                .expect("picked from the list")
        };
        let (right, wrong): (Vec<String>, Vec<String>) =
            picks.into_iter().partition(|id| cause(id).right);
        let mut text = String::new();
        for id in &wrong {
            let cost = if self.wrong_picks.contains(id) {
                "picked before, so it costs nothing more".to_string()
            } else {
                self.wrong_picks.push(id.clone());
                format!("-{} points", assess::rubric::WRONG_CAUSE)
            };
            let _ = writeln!(
                text,
                "No: \"{}\" is not what is wrong here ({cost}). Look at the evidence again.",
                cause(id).text,
            );
        }
        if right.is_empty() {
            return text;
        }
        if self.diagnosis_only() && !self.key_evidence_seen() {
            let _ = writeln!(
                text,
                "Maybe — but you have not seen the evidence that proves it yet. Find it first: a ticket is closed on evidence, not on a guess."
            );
            return text;
        }
        for id in right {
            if !self.right_picks.contains(&id) {
                self.right_picks.push(id);
            }
        }
        let missing = self
            .scenario
            .causes
            .iter()
            .filter(|c| c.right && !self.right_picks.contains(&c.id))
            .count();
        if missing > 0 {
            let _ = writeln!(
                text,
                "Right, as far as it goes: there is more than one thing behind this ticket ({missing} more to find)."
            );
        } else {
            let _ = writeln!(text, "Right.");
            if !self.outcome_met() {
                let _ = writeln!(text, "Now fix it: the user's problem is still there.");
            }
        }
        text
    }

    /// The scenario's goal asks for no change: the ticket is a diagnosis.
    pub(super) fn diagnosis_only(&self) -> bool {
        self.scenario
            .goal
            .as_ref()
            .is_some_and(|g| g.is_diagnosis_only() && g.answer.is_none())
    }

    pub(super) fn key_evidence_seen(&self) -> bool {
        self.scenario
            .key_evidence()
            .all(|e| self.seen.contains(&e.fact))
    }

    /// The right causes have all been picked.
    pub(super) fn diagnosed(&self) -> bool {
        self.scenario
            .causes
            .iter()
            .filter(|c| c.right)
            .all(|c| self.right_picks.contains(&c.id))
    }

    pub(super) fn outcome_met(&self) -> bool {
        self.scenario
            .goal
            .as_ref()
            .is_some_and(|g| goal::unmet(g, &self.pc).is_empty())
    }

    /// Every part of the ticket still open: the goal's unmet parts, then the diagnosis.
    pub(super) fn ticket_unmet(&self) -> Vec<String> {
        let Some(g) = self.scenario.goal.as_ref() else {
            return Vec::new();
        };
        let mut missing = goal::unmet(g, &self.pc);
        if self.diagnosis_only() && !self.key_evidence_seen() {
            missing
                .push("You have not seen the evidence that shows what is wrong yet.".to_string());
        }
        if !self.scenario.causes.is_empty() && !self.diagnosed() {
            missing.push(
                "The ticket is not closed: `diagnose` lists the possible causes; pick the right one."
                    .to_string(),
            );
        }
        missing
    }

    pub(super) fn ticket_closed(&self) -> bool {
        self.scenario.goal.is_some() && self.ticket_unmet().is_empty()
    }

    /// The score: see [`assess::rubric`].
    pub fn score(&self) -> u32 {
        self.rubric().total
    }

    /// Every finding: the path's, then the end state's best practice.
    pub(super) fn findings(&self) -> Vec<Finding> {
        let mut findings: Vec<Finding> = self
            .steps
            .iter()
            .flat_map(|s| s.findings.iter().cloned())
            .collect();
        findings.extend(assess::moves::best_practice(&self.pc));
        findings
    }

    pub(super) fn rubric(&self) -> assess::rubric::Score {
        let findings = self.findings();
        let key: Vec<Fact> = self.scenario.key_evidence().map(|e| e.fact).collect();
        let before = self.seen_before_change.as_ref().unwrap_or(&self.seen);
        assess::rubric::score(&assess::rubric::Record {
            solved: self.state == State::Solved,
            hints: self.hints_shown.len() as u32,
            wrong_causes: self.wrong_picks.len() as u32,
            undos: self.undos,
            findings: &findings,
            has_evidence: !key.is_empty(),
            evidence_first: key.iter().all(|f| before.contains(f)),
            has_causes: !self.scenario.causes.is_empty(),
            diagnosed: self.diagnosed(),
        })
    }
}
