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

/// The checks that play the scenario.
pub fn play_checks(scenario: &Scenario) -> Vec<String> {
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
    if goal::unmet(g, &pc, false).is_empty() {
        problems.push("the goal is already met at the start".to_string());
    }
    let arc = Arc::new(scenario.clone());
    let mut waiting = Session::new(arc.clone(), None);
    waiting.input("wait 7d");
    if waiting.state() == State::Solved {
        problems.push("waiting a week meets the goal: the scenario needs no fix".to_string());
    }
    let mut session = Session::new(arc, None);
    for line in &scenario.solution {
        if session.input(line).finished {
            break;
        }
    }
    if session.state() != State::Solved {
        let unmet = session.summary().unmet.join(" ");
        problems.push(format!(
            "the reference solution does not meet the goal: {unmet}"
        ));
    }
    problems
}
