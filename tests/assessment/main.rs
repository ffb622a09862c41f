//! The assessment's promises, over every built-in scenario and every variant:
//! - a blind script (even one that happens to fix the PC and guesses the cause right) scores
//!   at most 60;
//! - the reference path scores at least 90;
//! - a learner who investigates first never scores below one who does not;
//! - `undo` restores the exact prior PC, clock included;
//! - replaying a session file gives the same end and score, byte for byte.

use std::sync::Arc;

use proptest::prelude::*;
use wusim::assess::Mark;
use wusim::assess::rubric::CAP;
use wusim::record::SessionFile;
use wusim::scenario::{Scenario, builtin};
use wusim::session::{Session, State, is_session_line};
use wusim::validate::REFERENCE_SCORE;

/// The blind script of the issue: the troubleshooter, a check, an hour, a restart — twice.
const BLIND: [&str; 8] = [
    "settings troubleshoot",
    "settings check",
    "wait 1h",
    "shutdown /r /t 0",
    "settings troubleshoot",
    "settings check",
    "wait 1h",
    "shutdown /r /t 0",
];

/// A "do everything" script: every popular remedy in a row.
const EVERYTHING: [&str; 14] = [
    "net stop wuauserv",
    "net stop bits",
    "net stop cryptsvc",
    "ren C:\\Windows\\SoftwareDistribution SoftwareDistribution.old",
    "ren C:\\Windows\\System32\\catroot2 catroot2.old",
    "net start cryptsvc",
    "net start bits",
    "net start wuauserv",
    "netsh winhttp reset proxy",
    "w32tm /resync",
    "settings troubleshoot",
    "settings check",
    "wait 2h",
    "shutdown /r /t 0",
];

/// Every way every built-in scenario with a goal can be played.
fn cases() -> Vec<Scenario> {
    builtin::all()
        .into_iter()
        .filter(|s| s.goal.is_some())
        .flat_map(|s| s.cases())
        .collect()
}

fn name(case: &Scenario) -> String {
    match &case.variant {
        Some(v) => format!("{} [{v}]", case.id),
        None => case.id.clone(),
    }
}

fn play(case: &Scenario, lines: &[String]) -> Session {
    let mut session = Session::new(Arc::new(case.clone()), None);
    for line in lines {
        if session.input(line).finished {
            break;
        }
    }
    session
}

/// The reference path's lines before its first change: what an investigator looks at.
fn investigation(case: &Scenario) -> Vec<String> {
    let reference = play(case, &case.solution);
    reference
        .steps()
        .iter()
        .take_while(|s| matches!(s.mark, Mark::Evidence | Mark::Neutral))
        .map(|s| s.line.clone())
        .filter(|l| !is_session_line(l))
        .collect()
}

fn lines(script: &[&str]) -> Vec<String> {
    script.iter().map(|l| l.to_string()).collect()
}

#[test]
fn blind_scripts_score_at_most_the_cap_wherever_they_solve() {
    let mut solved = 0;
    for case in cases() {
        for script in [&BLIND[..], &EVERYTHING[..]] {
            let mut path = lines(script);
            path.extend(case.diagnosis_line()); // the luckiest guess
            let session = play(&case, &path);
            if session.state() == State::Solved {
                solved += 1;
                assert!(
                    session.score() <= CAP,
                    "{}: a blind script scores {} (at most {CAP} expected)\n{}",
                    name(&case),
                    session.score(),
                    session.summary_text()
                );
            }
        }
    }
    assert!(
        solved > 0,
        "the blind scripts solve nothing: the test would prove nothing"
    );
}

#[test]
fn every_reference_path_scores_at_least_ninety() {
    for case in cases() {
        let session = play(&case, &case.solution);
        assert_eq!(
            session.state(),
            State::Solved,
            "{}: {}",
            name(&case),
            session.summary_text()
        );
        assert!(
            session.score() >= REFERENCE_SCORE,
            "{}: the reference path scores {}\n{}",
            name(&case),
            session.score(),
            session.summary_text()
        );
    }
}

#[test]
fn investigating_first_never_scores_below_guessing() {
    for case in cases() {
        for script in [&BLIND[..], &EVERYTHING[..]] {
            let mut guess = lines(script);
            guess.extend(case.diagnosis_line());
            let mut careful = investigation(&case);
            careful.extend(guess.clone());
            let (guess, careful) = (play(&case, &guess), play(&case, &careful));
            if guess.state() == State::Solved && careful.state() == State::Solved {
                assert!(
                    careful.score() >= guess.score(),
                    "{}: investigating first scores {}, guessing {}",
                    name(&case),
                    careful.score(),
                    guess.score()
                );
            }
        }
    }
}

#[test]
fn a_wrong_diagnosis_costs_and_free_text_is_not_graded() {
    let scenario = builtin::find("cryptsvc-disabled").unwrap().unwrap();
    let case = scenario.cases().remove(0);
    let wrong = case.causes.iter().find(|c| !c.right).unwrap().id.clone();
    let mut solution = case.solution.clone();
    let right = solution.pop().unwrap();
    assert!(
        right.starts_with("diagnose"),
        "the reference ends by closing the ticket"
    );
    let mut session = Session::new(Arc::new(case.clone()), None);
    for line in &solution {
        session.input(line);
    }
    let text = session.input("answer the proxy is broken, I think").text;
    assert!(text.contains("by their number"), "{text}");
    assert_eq!(session.state(), State::Playing);
    session.input(&format!("diagnose {wrong}"));
    session.input(&right);
    assert_eq!(session.state(), State::Solved);
    let with_wrong = session.score();
    let clean = play(&case, &case.solution).score();
    assert_eq!(clean - with_wrong, wusim::assess::rubric::WRONG_CAUSE);
}

#[test]
fn undo_at_the_start_and_a_bad_pick_answer_plainly() {
    let scenario = Arc::new(builtin::find("cryptsvc-disabled").unwrap().unwrap());
    let mut session = Session::new(scenario, None);
    assert!(session.input("undo").text.contains("nothing to undo"));
    assert!(session.input("diagnose 99").text.contains("no cause 99"));
    assert_eq!(session.state(), State::Playing);
}

/// Lines a learner might type, changing the PC or not.
fn any_line() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "sc query wuauserv",
        "net start usosvc",
        "net stop wuauserv",
        "sc config wuauserv start= auto",
        "sc config bits start= disabled",
        "wait 30m",
        "settings check",
        "ren C:\\Windows\\SoftwareDistribution SD.old",
        "netsh winhttp set proxy 10.0.0.1:8080",
        "shutdown /r /t 0",
        "step",
        "timeline",
        "dir C:\\Windows",
        "hint",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn undo_restores_the_exact_prior_pc_and_clock(
        index in 0..cases().len(),
        path in prop::collection::vec(any_line(), 1..10),
    ) {
        let case = cases().swap_remove(index);
        let mut session = Session::new(Arc::new(case), None);
        let mut stack = Vec::new();
        for line in &path {
            if session.state() != State::Playing {
                break;
            }
            let before = format!("{:?}", session.pc());
            let depth = session.undo_depth();
            session.input(line);
            if session.undo_depth() > depth {
                stack.push(before);
            }
        }
        if session.state() == State::Playing {
            while let Some(before) = stack.pop() {
                session.input("undo");
                prop_assert_eq!(format!("{:?}", session.pc()), before);
            }
            prop_assert!(session.input("undo").text.contains("nothing to undo"));
        }
    }

    #[test]
    fn a_replayed_session_file_ends_the_same_byte_for_byte(
        index in 0..cases().len(),
        path in prop::collection::vec(any_line(), 0..8),
        seed in 0u64..1000,
    ) {
        let case = cases().swap_remove(index);
        let (file, text) = builtin::FILES
            .iter()
            .find(|(f, _)| builtin::id_of(f) == case.id)
            .unwrap();
        let scenario = Arc::new(wusim::scenario::parse(file, text).unwrap());
        let mut session = Session::new(scenario, Some(seed));
        for line in path.iter().chain(&case.solution) {
            if session.input(line).finished {
                break;
            }
        }
        let record = SessionFile::of(&session, text, Some("Ana".to_string()));
        let json = serde_json::to_string(&record).unwrap();
        let read = SessionFile::read("ana.json", &json).unwrap();
        let replayed = read.replay("ana.json").unwrap();
        prop_assert_eq!(
            serde_json::to_string(&replayed.summary()).unwrap(),
            serde_json::to_string(&session.summary()).unwrap()
        );
        prop_assert_eq!(format!("{:?}", replayed.pc()), format!("{:?}", session.pc()));
    }
}

#[test]
fn a_hint_leading_to_what_was_already_seen_is_skipped() {
    let scenario = Arc::new(builtin::find("restart-pending").unwrap().unwrap());
    let first = scenario.hints[0].clone();
    assert!(first.shows.is_some(), "the first hint leads to a fact");
    let mut fresh = Session::new(scenario.clone(), None);
    assert!(fresh.input("hint").text.contains(&first.text));
    let mut looked = Session::new(scenario, None);
    looked.input("settings");
    let text = looked.input("hint").text;
    assert!(!text.contains(&first.text), "{text}");
    assert!(text.starts_with("Hint 1 of"), "{text}");
}

#[test]
fn timeline_and_step_show_what_the_pc_did_and_count_as_evidence() {
    let scenario = Arc::new(builtin::find("sandbox").unwrap().unwrap());
    let mut session = Session::new(scenario, None);
    assert!(
        session
            .input("timeline")
            .text
            .contains("Nothing has been logged")
    );
    session.input("net start wuauserv");
    let text = session.input("events").text;
    assert!(
        text.contains(
            " 7036  Service Control Manager: The Windows Update service entered the running state."
        ),
        "{text}"
    );
    let before = session.pc().now();
    let text = session.input("step").text;
    assert!(
        text.starts_with("It is now") || text.starts_with("Nothing"),
        "{text}"
    );
    assert!(session.pc().now() >= before);
    assert!(
        session.undo_depth() > 0 || session.pc().now() == before,
        "a step that ran is undoable"
    );

    // The same fact, whichever command shows it: a case whose key evidence is an event.
    let crash = builtin::find("crash-loop").unwrap().unwrap();
    let key: Vec<_> = crash.key_evidence().map(|e| e.fact).collect();
    assert!(key.contains(&wusim::assess::Fact::Event(7034)), "{key:?}");
}
