//! Checking a scenario the way `rustlings dev check` checks an exercise: it parses (every
//! problem with its place), its id matches its file name, and — played through a real
//! session — its goal is not met at the start nor by waiting a week, while its reference
//! solution meets it.
//!
//! It sits above both the scenario format and the session it plays, so that the format
//! (`scenario/`) never depends on the session.

use std::path::Path;
use std::sync::Arc;

use crate::scenario::{Scenario, builtin, goal, parse};
use crate::session::{Session, State};

/// All the checks of the scenario file `name` with text `text`; the problems as text.
pub fn check(name: &str, text: &str) -> Result<Scenario, String> {
    let scenario = parse(name, text).map_err(|d| d.to_string())?;
    let mut problems = Vec::new();
    let file = Path::new(name)
        .file_name()
        .and_then(|f| f.to_str())
        .unwrap_or(name);
    if builtin::id_of(file) != scenario.id {
        problems.push(format!(
            "the id `{}` does not match the file name {file}: name the file NN-{}.toml",
            scenario.id, scenario.id
        ));
    }
    problems.extend(play_checks(&scenario));
    if problems.is_empty() {
        Ok(scenario)
    } else {
        Err(problems
            .iter()
            .map(|p| format!("error: {p}"))
            .collect::<Vec<_>>()
            .join("\n"))
    }
}

/// The lowest score a reference solution may get: the reference path is what full marks
/// look like.
pub const REFERENCE_SCORE: u32 = 90;

/// What a format-version 1 file should change to become version 2 (empty for version 2).
pub fn migration_notes(scenario: &Scenario) -> Vec<String> {
    if scenario.format_version >= 2 || scenario.goal.is_none() {
        return Vec::new();
    }
    let mut notes = vec![
        "format-version 1 still loads, but its ticket cannot be graded on evidence; to migrate, write `format-version = 2` and add:".to_string(),
        "  rule = \"...\"  (the one thing to remember from this ticket)".to_string(),
        "  [[evidence]] tables: fact = \"service:UsoSvc\" (or event:<id>, code:<0x...>, proxy...), says = \"...\", key = true on what proves the cause".to_string(),
        "  [[cause]] tables: id, text, right = true on the real cause(s), and plausible distractors".to_string(),
        "  a `diagnose <cause id>` line in the solution".to_string(),
    ];
    if scenario.goal.as_ref().is_some_and(|g| g.answer.is_some()) {
        notes.push(
            "  and remove [goal.answer]: its free-text answers are replaced by the causes"
                .to_string(),
        );
    }
    notes
}

/// The checks that play the scenario: every variant, its reference solution and every
/// alternative fix.
pub fn play_checks(scenario: &Scenario) -> Vec<String> {
    let mut problems = Vec::new();
    for case in scenario.cases() {
        let prefix = case
            .variant
            .as_ref()
            .map(|v| format!("variant `{v}`: "))
            .unwrap_or_default();
        problems.extend(
            case_checks(&case)
                .into_iter()
                .map(|p| format!("{prefix}{p}")),
        );
    }
    problems
}

/// Plays `lines` from the start; the session afterwards.
fn play(scenario: &Arc<Scenario>, lines: &[String]) -> Session {
    let mut session = Session::new(scenario.clone(), None);
    for line in lines {
        if session.input(line).finished {
            break;
        }
    }
    session
}

/// The checks of one way to play the scenario (a variant merged in).
fn case_checks(scenario: &Scenario) -> Vec<String> {
    let mut problems = Vec::new();
    let Some(g) = &scenario.goal else {
        return problems; // free practice: nothing to reach
    };
    let pc = scenario.build_pc(scenario.seed);
    let version = pc.device().os.version;
    for kb in &g.installed {
        if let Some(u) = pc.server().catalog().by_kb(kb.0) {
            if !u.targets.contains(&version) {
                problems.push(format!(
                    "the goal is unreachable: KB{} is not for {} (the scenario's PC)",
                    kb.0,
                    version.label()
                ));
            }
        } else {
            problems.push(format!(
                "the goal is unreachable: KB{} is not on the scenario's server",
                kb.0
            ));
        }
    }
    let arc = Arc::new(scenario.clone());
    let start = Session::new(arc.clone(), None);
    if start.state() == State::Solved {
        problems.push("the goal is already met at the start".to_string());
    }
    if !g.is_diagnosis_only() && goal::unmet(g, start.pc()).is_empty() {
        problems.push("the goal is already met at the start".to_string());
    }
    if let Some(symptom) = &scenario.symptom {
        let mut look = start.clone();
        let shown = look.input(&symptom.command).text;
        for text in &symptom.shows {
            if !shown.contains(text.as_str()) {
                problems.push(format!(
                    "the ticket quotes \"{text}\", but `{}` at the start does not show it:\n{}",
                    symptom.command,
                    shown.trim_end()
                ));
            }
        }
    }
    let mut waiting = start.clone();
    waiting.input("wait 7d");
    if !g.is_diagnosis_only() && goal::unmet(g, waiting.pc()).is_empty() {
        problems.push("waiting a week meets the goal: the scenario needs no fix".to_string());
    }
    let session = play(&arc, &scenario.solution);
    if session.state() != State::Solved {
        let unmet = session.summary().unmet.join(" ");
        problems.push(format!(
            "the reference solution does not meet the goal: {unmet}"
        ));
    } else if scenario.format_version >= 2 && session.score() < REFERENCE_SCORE {
        problems.push(format!(
            "the reference solution scores {} (at least {REFERENCE_SCORE} expected): {}",
            session.score(),
            session
                .debrief()
                .score
                .lines
                .iter()
                .map(|l| l.label.clone())
                .chain(session.debrief().score.capped_by)
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    for (i, fix) in scenario.alternatives.iter().enumerate() {
        let mut lines = fix.clone();
        lines.extend(scenario.diagnosis_line());
        let session = play(&arc, &lines);
        if session.state() != State::Solved {
            problems.push(format!(
                "alternative fix {} does not meet the goal: {}",
                i + 1,
                session.summary().unmet.join(" ")
            ));
        }
    }
    problems
}
