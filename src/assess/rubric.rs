//! The score, written down once. [`RUBRIC`] is the text `help scoring` and the book show;
//! [`score`] applies it and returns every line, so the debrief can show where each point
//! went.

use serde::Serialize;

use super::moves::{Finding, Severity};

/// Points a solved ticket starts from.
pub const FULL: u32 = 100;
/// Each hint revealed.
pub const HINT: u32 = 5;
/// Each wrong cause picked with `diagnose`.
pub const WRONG_CAUSE: u32 = 10;
/// Each harmful move.
pub const HARM: u32 = 15;
/// Each collateral change.
pub const COLLATERAL: u32 = 5;
/// Each best-practice item unmet at the end.
pub const BEST_PRACTICE: u32 = 3;
/// Each `undo`.
pub const UNDO: u32 = 2;
/// The most a ticket scores without the key evidence seen before the first change and a
/// right diagnosis.
pub const CAP: u32 = 60;
/// The least a solved ticket scores.
pub const FLOOR: u32 = 10;

/// The rubric in words, as `help scoring` prints it.
pub const RUBRIC: &str = "\
How a ticket is scored

A ticket is solved when the user's problem is gone (the goal is met) and you have closed it
with `diagnose`: what was wrong. An unsolved ticket scores 0. A solved one starts at 100:

  - 5   for each hint revealed
  - 10  for each wrong cause picked with `diagnose`
  - 15  for each harmful move (a service left Disabled or deleted, a folder deleted
        instead of renamed, a restart during an install)
  - 5   for each collateral change (something that was not broken, changed: a reset,
        a start type, a policy, a restart that was not needed)
  - 3   for each service left on a start type that works but is not Windows' default
  - 2   for each `undo`
  - 0   for looking: queries, logs, Settings, `help`, `explain`, `timeline`, `wait`
  - 0   for side effects Microsoft's own procedures accept (the update history emptied
        by renaming SoftwareDistribution)

At most 60 without the key evidence seen before your first change, and at most 60 without
a right diagnosis: a guess that happens to work is not a repair. A solved ticket scores at
least 10.
";

/// The record a score is computed from.
#[derive(Clone, Debug, Default)]
pub struct Record<'a> {
    /// The goal is met and the ticket closed.
    pub solved: bool,
    /// Hints revealed.
    pub hints: u32,
    /// Wrong causes picked.
    pub wrong_causes: u32,
    /// `undo`s.
    pub undos: u32,
    /// Every finding of the path and the end state.
    pub findings: &'a [Finding],
    /// The scenario names key evidence.
    pub has_evidence: bool,
    /// The key evidence was seen before the first change.
    pub evidence_first: bool,
    /// The scenario asks for a diagnosis.
    pub has_causes: bool,
    /// The right causes were given.
    pub diagnosed: bool,
}

/// One line of the score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    /// What it is for.
    pub label: String,
    /// Points taken off (0 for lines that only inform).
    pub points: u32,
}

/// A score and how it came about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Score {
    /// The deductions, in the rubric's order.
    pub lines: Vec<Line>,
    /// Why the score is capped, if it is.
    pub capped_by: Vec<String>,
    /// 0–100.
    pub total: u32,
}

/// Applies the rubric to `record`.
pub fn score(record: &Record<'_>) -> Score {
    let mut lines = Vec::new();
    let mut each = |count: u32, per: u32, label: &str| {
        if count > 0 {
            lines.push(Line {
                label: format!("{label} ({count} × {per})"),
                points: count * per,
            });
        }
    };
    let count = |severity: Severity| {
        record
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count() as u32
    };
    each(record.hints, HINT, "hints");
    each(record.wrong_causes, WRONG_CAUSE, "wrong causes picked");
    each(count(Severity::Harm), HARM, "harmful moves");
    each(
        count(Severity::Collateral),
        COLLATERAL,
        "collateral changes",
    );
    each(
        count(Severity::BestPractice),
        BEST_PRACTICE,
        "start types not at their default",
    );
    each(record.undos, UNDO, "undos");
    let mut capped_by = Vec::new();
    if record.has_evidence && !record.evidence_first {
        capped_by.push("the key evidence was not seen before the first change".to_string());
    }
    if record.has_causes && !record.diagnosed {
        capped_by.push("no right diagnosis".to_string());
    }
    let total = if record.solved {
        let deducted: u32 = lines.iter().map(|l| l.points).sum();
        let mut total = FULL.saturating_sub(deducted);
        if !capped_by.is_empty() {
            total = total.min(CAP);
        }
        total.max(FLOOR)
    } else {
        0
    };
    Score {
        lines,
        capped_by,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(severity: Severity) -> Finding {
        Finding {
            severity,
            what: String::new(),
            why: String::new(),
        }
    }

    fn solved() -> Record<'static> {
        Record {
            solved: true,
            has_evidence: true,
            evidence_first: true,
            has_causes: true,
            diagnosed: true,
            ..Record::default()
        }
    }

    #[test]
    fn the_reference_path_scores_full_marks() {
        assert_eq!(score(&solved()).total, 100);
    }

    #[test]
    fn a_guess_is_capped_even_when_clean() {
        let record = Record {
            evidence_first: false,
            ..solved()
        };
        assert_eq!(score(&record).total, CAP);
        let record = Record {
            diagnosed: false,
            ..solved()
        };
        assert_eq!(score(&record).total, CAP);
    }

    #[test]
    fn each_line_costs_what_the_rubric_says() {
        let findings = [
            finding(Severity::Harm),
            finding(Severity::Collateral),
            finding(Severity::BestPractice),
            finding(Severity::SideEffect),
        ];
        let record = Record {
            hints: 1,
            wrong_causes: 1,
            undos: 1,
            findings: &findings,
            ..solved()
        };
        let s = score(&record);
        assert_eq!(
            s.total,
            100 - HINT - WRONG_CAUSE - UNDO - HARM - COLLATERAL - BEST_PRACTICE
        );
        assert_eq!(s.lines.len(), 6);
    }

    #[test]
    fn unsolved_scores_nothing_and_solved_at_least_the_floor() {
        assert_eq!(score(&Record::default()).total, 0);
        let record = Record {
            hints: 40,
            ..solved()
        };
        assert_eq!(score(&record).total, FLOOR);
    }
}
