//! The end of a session, as data ([`Summary`], what `--json` prints) and as text: what is
//! still unmet, the score line by line, the learner's path beside the reference path with
//! each step marked, the evidence seen and missed, the diagnosis, and the ticket's rule.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Session, State, Typed};
use crate::assess::rubric::{self, Score};
use crate::assess::{Fact, Finding, Mark};
use crate::engine::SimDuration;
use crate::shell::Harm;

/// One step of the learner's path, marked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PathStep {
    /// The line.
    pub line: String,
    /// Evidence, fix, unneeded, harmful — or `neutral` for looking and waiting.
    pub mark: Mark,
    /// Why, in one line (empty for neutral steps).
    pub why: String,
}

/// A piece of the scenario's evidence and whether the learner saw it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EvidenceSeen {
    /// The fact.
    pub fact: Fact,
    /// What it shows.
    pub says: String,
    /// Key evidence.
    pub key: bool,
    /// Seen at all.
    pub seen: bool,
    /// Seen before the first change.
    pub before_first_change: bool,
}

/// The diagnosis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnosis {
    /// The right causes, in words.
    pub right_causes: Vec<String>,
    /// All right causes were picked.
    pub right: bool,
    /// Wrong causes picked, in words.
    pub wrong_picks: Vec<String>,
}

/// What the debrief says, as data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Debrief {
    /// The score and each line of it.
    pub score: Score,
    /// The learner's path.
    pub path: Vec<PathStep>,
    /// The reference path.
    pub reference: Vec<String>,
    /// The scenario's evidence.
    pub evidence: Vec<EvidenceSeen>,
    /// The diagnosis, if the scenario asks for one.
    pub diagnosis: Option<Diagnosis>,
    /// Every finding (harm, collateral, best practice, side effect).
    pub findings: Vec<Finding>,
    /// The one rule to take away.
    pub rule: String,
}

/// The end of a session, as data (`wusim run --json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The scenario's id.
    pub scenario: String,
    /// The scenario's version (a hash of its file).
    pub scenario_version: String,
    /// The variant played, if the scenario has variants.
    pub variant: Option<String>,
    /// The seed.
    pub seed: u64,
    /// True when the goal was met and the ticket closed.
    pub solved: bool,
    /// 0–100; 0 when not solved.
    pub score: u32,
    /// Commands that acted on the PC (session commands such as `hint` do not count).
    pub commands: u32,
    /// The par's commands, if the scenario has a par.
    pub par_commands: Option<u32>,
    /// Simulated time used, in milliseconds.
    pub simulated_ms: u64,
    /// Simulated time used, for people (`2h15m`).
    pub simulated_time: String,
    /// The par's time, in milliseconds.
    pub par_ms: Option<u64>,
    /// Hints revealed.
    pub hints_used: usize,
    /// Harmful moves, in words.
    pub harmful_moves: Vec<String>,
    /// What is still open (empty when solved).
    pub unmet: Vec<String>,
    /// Event log entries written during the session.
    pub events: usize,
    /// Every line typed.
    pub history: Vec<Typed>,
    /// The debrief (for scenarios with a goal).
    pub debrief: Option<Debrief>,
}

fn why(step: &super::Step, evidence: &[crate::scenario::Evidence]) -> String {
    if let Some(finding) = step.findings.first() {
        return format!("{}: {}", finding.what, finding.why);
    }
    match step.mark {
        Mark::Evidence => step
            .evidence
            .iter()
            .filter_map(|f| evidence.iter().find(|e| e.fact == *f))
            .map(|e| e.says.trim_end_matches('.').to_string())
            .collect::<Vec<_>>()
            .join("; "),
        Mark::Fix => step
            .changed
            .iter()
            .map(|c| c.describe())
            .collect::<Vec<_>>()
            .join("; "),
        Mark::Unneeded if step.changed.is_empty() => {
            "a repair that found nothing to repair".to_string()
        }
        Mark::Unneeded => "changed nothing that was broken".to_string(),
        Mark::Harmful | Mark::Neutral => String::new(),
    }
}

impl Session {
    /// The debrief, as data.
    pub fn debrief(&self) -> Debrief {
        let s = &self.scenario;
        let before = self.seen_before_change.as_ref().unwrap_or(&self.seen);
        let cause_text = |id: &String| {
            s.causes
                .iter()
                .find(|c| &c.id == id)
                .map(|c| c.text.clone())
                .unwrap_or_default()
        };
        Debrief {
            score: self.rubric(),
            path: self
                .steps
                .iter()
                .map(|step| PathStep {
                    line: step.line.clone(),
                    mark: step.mark,
                    why: why(step, &s.evidence),
                })
                .collect(),
            reference: s.solution.clone(),
            evidence: s
                .evidence
                .iter()
                .map(|e| EvidenceSeen {
                    fact: e.fact,
                    says: e.says.clone(),
                    key: e.key,
                    seen: self.seen.contains(&e.fact),
                    before_first_change: before.contains(&e.fact),
                })
                .collect(),
            diagnosis: (!s.causes.is_empty()).then(|| Diagnosis {
                right_causes: s
                    .causes
                    .iter()
                    .filter(|c| c.right)
                    .map(|c| c.text.clone())
                    .collect(),
                right: self.diagnosed(),
                wrong_picks: self.wrong_picks.iter().map(cause_text).collect(),
            }),
            findings: self.findings(),
            rule: s.rule.clone(),
        }
    }

    /// The session so far, as data.
    pub fn summary(&self) -> Summary {
        Summary {
            scenario: self.scenario.id.clone(),
            scenario_version: self.scenario.version.clone(),
            variant: self.scenario.variant.clone(),
            seed: self.seed,
            solved: self.state == State::Solved,
            score: self.score(),
            commands: self.commands,
            par_commands: self.scenario.par.as_ref().map(|p| p.commands),
            simulated_ms: self.elapsed().as_millis(),
            simulated_time: self.elapsed().round_to_secs().to_string(),
            par_ms: self.scenario.par.as_ref().map(|p| p.time.as_millis()),
            hints_used: self.hints_shown.len(),
            harmful_moves: self.harms.iter().map(Harm::describe).collect(),
            unmet: self.ticket_unmet(),
            events: self.pc.log().len(),
            history: self.history.clone(),
            debrief: self.scenario.goal.is_some().then(|| self.debrief()),
        }
    }

    /// The summary and debrief as text.
    pub fn summary_text(&self) -> String {
        let s = self.summary();
        let mut t = String::new();
        let Some(debrief) = &s.debrief else {
            let _ = writeln!(
                t,
                "Commands: {}. Simulated time: {}.",
                s.commands, s.simulated_time
            );
            return t;
        };
        if s.solved {
            let _ = writeln!(t, "\n*** Goal met: {} ***", self.scenario.title);
        } else {
            let _ = writeln!(t, "\nNot solved. Still to do:");
            for m in &s.unmet {
                let _ = writeln!(t, "  - {m}");
            }
        }
        let par = |v: Option<String>| v.map(|p| format!(" (par {p})")).unwrap_or_default();
        let _ = writeln!(
            t,
            "Commands: {}{}",
            s.commands,
            par(s.par_commands.map(|c| c.to_string()))
        );
        let _ = writeln!(
            t,
            "Simulated time: {}{}",
            s.simulated_time,
            par(s.par_ms.map(|ms| SimDuration::from_millis(ms).to_string()))
        );
        let _ = writeln!(t, "Hints used: {}", s.hints_used);
        if s.harmful_moves.is_empty() {
            let _ = writeln!(t, "Harmful moves: none");
        } else {
            let _ = writeln!(t, "Harmful moves: {}", s.harmful_moves.join("; "));
        }
        render_debrief(&mut t, debrief, s.solved);
        t
    }
}

fn render_debrief(t: &mut String, d: &Debrief, solved: bool) {
    let marked: Vec<&PathStep> = d.path.iter().filter(|p| p.mark != Mark::Neutral).collect();
    if !marked.is_empty() {
        let _ = writeln!(
            t,
            "\nYour path (steps that showed no evidence and changed nothing are left out):"
        );
        for step in marked {
            let _ = writeln!(t, "  {:<10} {}", step.mark.label(), step.line);
            if !step.why.is_empty() {
                let _ = writeln!(t, "  {:<10}   {}", "", step.why);
            }
        }
    }
    if !d.reference.is_empty() {
        let _ = writeln!(t, "\nThe reference path: {}", d.reference.join(" | "));
    }
    if !d.evidence.is_empty() {
        let _ = writeln!(t, "\nEvidence:");
        for e in &d.evidence {
            let when = if e.before_first_change {
                "seen before your first change"
            } else if e.seen {
                "seen, but only after your first change"
            } else {
                "not looked at"
            };
            let key = if e.key { " (key)" } else { "" };
            let _ = writeln!(t, "  - {}{key}: {when}. {}", e.fact, e.says);
        }
    }
    if let Some(diagnosis) = &d.diagnosis {
        let verdict = match (diagnosis.right, diagnosis.wrong_picks.is_empty()) {
            (true, _) => "right",
            (false, false) => "wrong",
            (false, true) => "not given",
        };
        let _ = writeln!(
            t,
            "\nDiagnosis: {verdict}. The cause: {}.",
            diagnosis.right_causes.join("; ")
        );
        for wrong in &diagnosis.wrong_picks {
            let _ = writeln!(t, "  wrong pick: {wrong}");
        }
    }
    let end_state: Vec<&Finding> = d
        .findings
        .iter()
        .filter(|f| f.severity >= crate::assess::Severity::BestPractice)
        .collect();
    for f in end_state {
        let _ = writeln!(t, "  {}: {} — {}.", f.severity.label(), f.what, f.why);
    }
    if !d.rule.is_empty() {
        let _ = writeln!(t, "\nTo remember: {}", d.rule.trim_end());
    }
    if solved {
        let _ = writeln!(t, "\nScore: {}/100", d.score.total);
        for line in &d.score.lines {
            let _ = writeln!(t, "  -{:<3} {}", line.points, line.label);
        }
        for why in &d.score.capped_by {
            let _ = writeln!(t, "  capped at {}: {why}", rubric::CAP);
        }
    }
}
