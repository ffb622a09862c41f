//! Every built-in scenario keeps its promises: it is embedded, it parses, its reference
//! solution solves it, it is neither solved at the start nor by waiting alone; harmless
//! commands before the solution do not stop it; no command line panics a session; and the
//! same seed and script give the same transcript.

#![allow(clippy::disallowed_methods)] // tests read the repository's files

use std::sync::Arc;

use proptest::prelude::*;
use wusim::scenario::{Scenario, builtin};
use wusim::session::{Session, State};
use wusim::validate as check;

fn scenarios_with_goals() -> Vec<Scenario> {
    builtin::all()
        .into_iter()
        .filter(|s| s.goal.is_some())
        .collect()
}

#[test]
fn every_file_in_scenarios_is_built_in_and_the_same() {
    let mut on_disk: Vec<String> = std::fs::read_dir("scenarios")
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    on_disk.sort();
    let built_in: Vec<String> = builtin::FILES.iter().map(|(f, _)| f.to_string()).collect();
    assert_eq!(
        on_disk, built_in,
        "list every scenarios/*.toml in src/scenario/builtin.rs"
    );
    for (file, text) in builtin::FILES {
        assert_eq!(
            std::fs::read_to_string(format!("scenarios/{file}")).unwrap(),
            *text
        );
    }
}

#[test]
fn there_is_a_sandbox_and_at_least_sixteen_scenarios() {
    let all = builtin::all();
    assert!(all.iter().any(|s| s.id == "sandbox" && s.goal.is_none()));
    assert!(
        scenarios_with_goals().len() >= 16,
        "only {}",
        scenarios_with_goals().len()
    );
}

#[test]
fn every_scenario_passes_validation() {
    for (file, text) in builtin::FILES {
        if let Err(problems) = check::check(&format!("scenarios/{file}"), text) {
            panic!("{file}:\n{problems}");
        }
    }
}

#[test]
fn quitting_at_once_does_not_solve_anything() {
    for scenario in scenarios_with_goals() {
        let mut session = Session::new(Arc::new(scenario.clone()), None);
        assert!(session.input("quit").finished);
        assert_eq!(session.state(), State::Quit, "{}", scenario.id);
        assert_eq!(session.summary().score, 0);
    }
}

/// Commands that only look: they must never stop a solution from working.
const HARMLESS: &[&str] = &[
    "sc query wuauserv",
    "sc qc usosvc",
    "sc queryex bits",
    "powershell -Command Get-Service",
    "powershell -Command Get-Service wuauserv",
    "services.msc",
    "settings",
    "netsh winhttp show proxy",
    "powershell -Command Get-HotFix",
    "powershell -Command Get-WinEvent -LogName System -MaxEvents 5",
    "ipconfig",
    "time /t",
    "dir %windir%\\SoftwareDistribution",
    "echo %errorlevel%",
    "help",
    "status",
    "history",
    "explain 0x80070422",
];

fn transcript(scenario: &Scenario, seed: Option<u64>, lines: &[String]) -> (String, State) {
    let mut session = Session::new(Arc::new(scenario.clone()), seed);
    let text = session.transcript(lines);
    (text, session.state())
}

fn scenario() -> impl Strategy<Value = Scenario> {
    prop::sample::select(scenarios_with_goals())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Looking around first never stops the reference solution from solving the scenario.
    #[test]
    fn harmless_commands_before_the_solution_do_not_stop_it(
        scenario in scenario(),
        looks in prop::collection::vec(prop::sample::select(HARMLESS), 0..6),
    ) {
        let lines: Vec<String> = looks.iter().map(|s| s.to_string())
            .chain(scenario.solution.iter().cloned()).collect();
        let (text, state) = transcript(&scenario, None, &lines);
        prop_assert_eq!(state, State::Solved, "{}", text);
    }

    /// No command line, however mangled, panics a session.
    #[test]
    fn random_command_lines_never_panic(
        scenario in scenario(),
        lines in prop::collection::vec(
            prop_oneof![
                any::<String>(),
                "[a-zA-Z=/\\-\" %.\\\\]{0,40}",
                (prop::sample::select(HARMLESS), "[ a-z0-9=/\\-]{0,12}").prop_map(|(c, s)| format!("{c}{s}")),
            ],
            0..12,
        ),
    ) {
        let _ = transcript(&scenario, Some(1), &lines);
    }

    /// The same scenario, seed and script give the same transcript, byte for byte.
    #[test]
    fn same_seed_same_transcript(scenario in scenario(), seed in any::<u64>()) {
        let (a, _) = transcript(&scenario, Some(seed), &scenario.solution);
        let (b, _) = transcript(&scenario, Some(seed), &scenario.solution);
        prop_assert_eq!(a, b);
    }
}
