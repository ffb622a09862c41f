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

/// Every way of playing every scenario with a goal: each variant merged in.
fn scenarios_with_goals() -> Vec<Scenario> {
    builtin::all()
        .into_iter()
        .filter(|s| s.goal.is_some())
        .flat_map(|s| s.cases())
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

/// A minimal valid scenario with `extra` lines in its `[pc]` table and `top` lines at the top.
fn with(top: &str, pc: &str, fault: &str) -> String {
    format!(
        "format-version = 1\nid = \"x\"\ntitle = \"x\"\ndifficulty = \"beginner\"\nbriefing = \"x\"\n{top}\nhints = [\"x\"]\nsolution = [\"settings check\"]\npar = {{ commands = 4, time = \"2h\" }}\n\n[pc]\n{pc}\n{fault}\n[goal]\nup-to-date = true\n"
    )
}

/// Every number of the format is range-checked where it is written, and nothing wraps.
#[test]
fn numbers_out_of_range_are_errors_at_their_place() {
    for (top, pc, fault, expected) in [
        (
            "",
            "bandwidth-mbps = 4294968",
            "",
            "pc.bandwidth-mbps = 4294968 is out of range",
        ),
        (
            "start = \"0000-01-01\"",
            "",
            "",
            "start (year) = 0 is out of range",
        ),
        ("", "ram-gb = 0", "", "pc.ram-gb = 0 is out of range"),
        (
            "",
            "disk-gb = 64\ndisk-free-gb = 500",
            "",
            "is more than the drive holds",
        ),
        (
            "",
            "name = \"MY PC!\"",
            "",
            "is not a Windows computer name",
        ),
        (
            "",
            "",
            "[[fault]]\nkind = \"clock-skew\"\ndays = 2147483647\n",
            "fault.days (clock-skew) = 2147483647 is out of range",
        ),
        ("start = 2025-06-10", "", "", "write the date in quotes"),
        (
            "",
            "last-scan = \"99999d\"",
            "",
            "pc.last-scan = 99999 is out of range",
        ),
    ] {
        let text = with(top, pc, fault);
        let problems = wusim::scenario::parse("x.toml", &text).expect_err(expected);
        let rendered = problems.to_string();
        assert!(rendered.contains(expected), "{expected}:\n{rendered}");
        assert!(
            problems.items.iter().all(|d| d.span.is_some()),
            "{expected}: every problem has a place:\n{rendered}"
        );
    }
}

/// The book prints the ranges from the same table the parser uses.
#[test]
fn the_format_reference_prints_the_parsers_ranges() {
    let book = std::fs::read_to_string("book/src/reference/scenario-format.md").unwrap();
    assert!(
        book.contains(&wusim::scenario::limits::markdown()),
        "book/src/reference/scenario-format.md must contain this table (wusim::scenario::limits::markdown()):\n{}",
        wusim::scenario::limits::markdown()
    );
}

/// A huge file of hostile TOML is refused quickly with bounded work and no panic.
#[test]
fn hostile_files_are_refused_without_panicking() {
    let wide = format!("format-version = 1\nid = \"{}\" junk\n", "A".repeat(70_000));
    let hints = format!("hints = [{}5]\n", "\"a\", ".repeat(20_000));
    let deep = format!("x = {}{}\n", "[".repeat(5_000), "]".repeat(5_000));
    for text in [wide, hints, deep] {
        let problems = wusim::scenario::parse("hostile.toml", &text).expect_err("refused");
        let _ = problems.to_string();
    }
}

/// A value of a range at its edges or inside it.
fn edge(limit: wusim::scenario::limits::Limit) -> impl Strategy<Value = i64> {
    prop_oneof![Just(limit.min), Just(limit.max), limit.min..=limit.max,]
}

/// A `[pc]` line for a number of the limits table, or nothing.
fn pc_line(field: &'static str, key: &'static str) -> impl Strategy<Value = String> {
    prop::option::of(edge(wusim::scenario::limits::of(field)))
        .prop_map(move |v| v.map_or(String::new(), |v| format!("{key} = {v}\n")))
}

/// Valid scenario files with every number somewhere in its range, often at an edge, and
/// faults with extreme parameters.
fn extreme_file() -> impl Strategy<Value = String> {
    use wusim::scenario::limits::of;
    let pc = (
        pc_line("pc.revision", "revision"),
        pc_line("pc.ram-gb", "ram-gb"),
        pc_line("pc.bandwidth-mbps", "bandwidth-mbps"),
        edge(of("pc.disk-gb")),
        0u64..=100,
        edge(of("pc.last-scan")),
    )
        .prop_map(|(revision, ram, bandwidth, disk, free_percent, scan)| {
            let free = disk.max(0) as u64 * free_percent / 100;
            format!(
                "{revision}{ram}{bandwidth}disk-gb = {disk}\ndisk-free-gb = {free}\ncleanup-gb = {free}\nlast-scan = \"{scan}d\"\n"
            )
        });
    let fault = prop_oneof![
        edge(of("fault.days (clock-skew)"))
            .prop_map(|d| format!("[[fault]]\nkind = \"clock-skew\"\ndays = {d}\n")),
        Just("[[fault]]\nkind = \"disk-full\"\n".to_string()),
        Just("[[fault]]\nkind = \"corrupt-datastore\"\n".to_string()),
        Just("[[fault]]\nkind = \"wuauserv-crash-loop\"\n".to_string()),
        Just("[[fault]]\nkind = \"network-offline\"\n".to_string()),
        (
            edge(of("fault.at")),
            prop::sample::select(vec!["wuauserv", "UsoSvc", "BITS"])
        )
            .prop_map(|(at, s)| format!(
                "[[fault]]\nkind = \"service-hung\"\nservice = \"{s}\"\nat = \"{at}d\"\n"
            )),
    ];
    (
        prop_oneof![Just(2015i64), Just(2035i64), 2015i64..=2035],
        pc,
        prop::collection::vec(fault, 0..4),
        edge(of("par.commands")),
    )
        .prop_map(|(year, pc, faults, commands)| {
            format!(
                "format-version = 1\nid = \"extreme\"\ntitle = \"x\"\ndifficulty = \"capstone\"\nbriefing = \"x\"\nstart = \"{year}-12-31T23:59\"\nhints = [\"x\"]\nsolution = [\"settings check\"]\npar = {{ commands = {commands}, time = \"365d\" }}\n\n[pc]\n{pc}\n{}\n[goal]\nup-to-date = true\n",
                faults.join("\n")
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every file within the ranges loads, and its PC builds and lives two days without
    /// panicking or overflowing.
    #[test]
    fn valid_but_extreme_files_load_and_run(text in extreme_file(), seed in any::<u64>()) {
        let scenario = wusim::scenario::parse("extreme.toml", &text)
            .map_err(|d| TestCaseError::fail(format!("{d}\n{text}")))?;
        let mut session = Session::new(Arc::new(scenario), Some(seed));
        for line in ["settings check", "wait 1d", "shutdown /r /t 0", "wait 1d", "settings"] {
            let _ = session.input(line);
        }
    }
}

/// A minimal format-2 scenario with `extra` added at the top and `goal` as its goal.
fn v2(extra: &str, goal: &str) -> String {
    format!(
        "format-version = 2\nid = \"x\"\ntitle = \"x\"\ndifficulty = \"beginner\"\nbriefing = \"x\"\nhints = [\"x\"]\nsolution = [\"sc query usosvc\", \"sc config usosvc start= delayed-auto\", \"net start usosvc\", \"diagnose stopped\"]\npar = {{ commands = 3, time = \"1h\" }}\n{extra}\n[[fault]]\nkind = \"service-disabled\"\nservice = \"UsoSvc\"\n\n{goal}"
    )
}

const ASSESSMENT: &str = "rule = \"Look before you leap.\"\n[symptom]\ncommand = \"sc query usosvc\"\nshows = [\"STOPPED\"]\n[[evidence]]\nfact = \"service:UsoSvc\"\nsays = \"UsoSvc is stopped\"\nkey = true\n[[cause]]\nid = \"stopped\"\ntext = \"The Orchestrator is stopped\"\nright = true\n[[cause]]\nid = \"proxy\"\ntext = \"The proxy is broken\"\n";

#[test]
fn format_two_needs_a_rule_evidence_and_causes() {
    let text = v2("", "[goal]\nrunning = [\"UsoSvc\"]\n");
    let problems = wusim::scenario::parse("x.toml", &text)
        .unwrap_err()
        .to_string();
    for needed in [
        "needs its `rule`",
        "needs candidate causes",
        "needs key evidence",
        "needs its `[symptom]`",
    ] {
        assert!(problems.contains(needed), "{needed}:\n{problems}");
    }
    let text = v2(ASSESSMENT, "[goal]\nrunning = [\"UsoSvc\"]\n");
    let scenario = wusim::scenario::parse("x.toml", &text).unwrap();
    assert_eq!(scenario.causes.len(), 2);
    assert!(
        check::play_checks(&scenario).is_empty(),
        "{:?}",
        check::play_checks(&scenario)
    );
    // A ticket that quotes what the start does not show is caught.
    let wrong = text.replace("shows = [\"STOPPED\"]", "shows = [\"RUNNING\"]");
    let scenario = wusim::scenario::parse("x.toml", &wrong).unwrap();
    let problems = check::play_checks(&scenario).join("\n");
    assert!(
        problems.contains("the ticket quotes \"RUNNING\""),
        "{problems}"
    );
}

#[test]
fn a_free_text_answer_is_format_one_only_and_version_one_files_still_load() {
    let answer = "[goal]\nrunning = [\"UsoSvc\"]\n[goal.answer]\naccept = [\"stopped\"]\nexplanation = \"The Orchestrator was stopped.\"\n";
    let problems = wusim::scenario::parse("x.toml", &v2(ASSESSMENT, answer))
        .unwrap_err()
        .to_string();
    assert!(
        problems.contains("`[goal.answer]` is format version 1"),
        "{problems}"
    );
    assert!(problems.contains("[[cause]]"), "{problems}");
    let old = v2("", answer).replace("format-version = 2", "format-version = 1");
    let scenario = wusim::scenario::parse("x.toml", &old).unwrap();
    assert_eq!(
        scenario.causes.len(),
        1,
        "the answer becomes the one cause to pick"
    );
    let notes = check::migration_notes(&scenario).join("\n");
    assert!(
        notes.contains("format-version = 2") && notes.contains("[[cause]]"),
        "{notes}"
    );
}

#[test]
fn variants_name_known_causes_and_each_has_key_evidence() {
    let variants = "rule = \"r\"\n[[cause]]\nid = \"stopped\"\ntext = \"a\"\n[[cause]]\nid = \"proxy\"\ntext = \"b\"\n[[variant]]\nid = \"one\"\nright = [\"stoped\"]\nsolution = [\"net start usosvc\"]\n";
    let problems =
        wusim::scenario::parse("x.toml", &v2(variants, "[goal]\nrunning = [\"UsoSvc\"]\n"))
            .unwrap_err()
            .to_string();
    assert!(problems.contains("unknown cause `stoped`"), "{problems}");
    assert!(problems.contains("did you mean `stopped`?"), "{problems}");
    assert!(
        problems.contains("variant `one` has no key evidence"),
        "{problems}"
    );
}
