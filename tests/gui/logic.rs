//! The GUI's logic without a browser or a server: `wusim::gui::act` on a `Session`, and what
//! `Desktop::of` shows after it — the console's enabled actions, its progress and error
//! boxes, Startup type, "Stop Other Services", Settings, the troubleshooter — and that every
//! click is a recorded step which `wusim grade` replays to the same result.

use std::sync::Arc;

use serde_json::{Value, json};
use wusim::gui::view::Verbs;
use wusim::gui::{self, Action, ActionError, Desktop, Outcome};
use wusim::record::{self, SessionFile, StepKind};
use wusim::scenario::builtin;
use wusim::scm::{ServiceState, StartType};
use wusim::session::{Options, Session, State};
use wusim::settings::UpdateStatus;

/// The text of the built-in scenario `id`.
fn scenario_text(id: &str) -> &'static str {
    builtin::FILES
        .iter()
        .find(|(file, _)| {
            file.trim_end_matches(".toml")
                .split_once('-')
                .is_some_and(|(_, rest)| rest == id)
        })
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("no built-in scenario '{id}'"))
}

/// A session of the built-in scenario `id`, with a fixed seed (and `variant` if given).
fn session(id: &str, variant: Option<&str>) -> Session {
    let scenario = builtin::all()
        .into_iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no built-in scenario '{id}'"));
    Session::start(
        Arc::new(scenario),
        Options {
            seed: Some(7),
            variant: variant.map(str::to_string),
            ..Options::default()
        },
    )
}

/// The origin story, in its original variant: UsoSvc crashed, wuauserv stuck in a scan.
fn origin() -> Session {
    session("orchestrator-stopped", Some("crashed"))
}

/// An action as the page sends it.
fn action(json: Value) -> Action {
    Action::from_json(&json.to_string()).unwrap_or_else(|e| panic!("{json}: {e}"))
}

/// Takes the action `json`, which must be accepted.
fn act(session: &mut Session, json: Value) -> Outcome {
    gui::act(session, &action(json.clone())).unwrap_or_else(|e| panic!("{json} refused: {e}"))
}

/// Takes the action `json`, which must be refused.
fn refuse(session: &mut Session, json: Value) -> ActionError {
    match gui::act(session, &action(json.clone())) {
        Ok(outcome) => panic!("{json} was taken: {outcome:?}"),
        Err(error) => error,
    }
}

fn service(verb: &str, name: &str) -> Value {
    json!({"kind": "service", "verb": verb, "service": name})
}

fn startup(name: &str, entry: &str) -> Value {
    json!({"kind": "startup", "service": name, "startup": entry})
}

fn wait(duration: &str) -> Value {
    json!({"kind": "wait", "duration": duration})
}

fn settings(button: &str) -> Value {
    json!({"kind": "settings", "button": button})
}

/// The Services console's row of `name` (the service name).
fn row<'a>(desktop: &'a Desktop, name: &str) -> &'a wusim::gui::view::ServiceRow {
    desktop
        .services
        .iter()
        .find(|r| r.name.eq_ignore_ascii_case(name))
        .unwrap_or_else(|| panic!("no row for {name}"))
}

fn verbs(desktop: &Desktop, name: &str) -> Verbs {
    row(desktop, name).verbs
}

const NONE: Verbs = Verbs {
    start: false,
    stop: false,
    pause: false,
    resume: false,
    restart: false,
};

/// The number (from 1) of the cause `text` in the ticket panel's list.
fn pick(desktop: &Desktop, text: &str) -> u32 {
    let at = desktop
        .ticket
        .causes
        .iter()
        .position(|c| c == text)
        .unwrap_or_else(|| panic!("'{text}' is not among {:?}", desktop.ticket.causes));
    u32::try_from(at + 1).expect("a small list")
}

/// The status of Settings > Windows Update as the page receives it (`checking`...).
fn page_status(session: &Session) -> String {
    let desktop = serde_json::to_value(Desktop::of(session)).expect("the desktop is JSON");
    desktop["settings"]["page"]["status"]
        .as_str()
        .expect("a status word")
        .to_string()
}

#[test]
fn the_console_enables_what_windows_enables() {
    // The rule itself, for every state and start type.
    let states = [
        ServiceState::Stopped,
        ServiceState::StartPending,
        ServiceState::StopPending,
        ServiceState::Running,
    ];
    let types = [
        StartType::Automatic,
        StartType::AutomaticDelayed,
        StartType::Manual,
        StartType::ManualTrigger,
        StartType::Disabled,
    ];
    for state in states {
        for start_type in types {
            for stoppable in [true, false] {
                let v = Verbs::of(state, start_type, stoppable);
                let why = format!("{state:?} {start_type:?} stoppable={stoppable}: {v:?}");
                assert!(!v.pause && !v.resume, "Pause/Resume offered: {why}");
                assert_eq!(
                    v.start,
                    state == ServiceState::Stopped && start_type != StartType::Disabled,
                    "{why}"
                );
                let running = state == ServiceState::Running && stoppable;
                assert_eq!((v.stop, v.restart), (running, running), "{why}");
            }
        }
    }

    // The rows of a real PC: orchestrator-stopped has UsoSvc stopped, BITS stopped and
    // Manual, CryptSvc running, wuauserv running (stuck in its scan).
    let desktop = Desktop::of(&origin());
    let bits = row(&desktop, "BITS");
    assert_eq!((bits.status, bits.startup), ("", "Manual"));
    assert_eq!(
        bits.verbs,
        Verbs {
            start: true,
            ..NONE
        },
        "a stopped Manual service offers Start only"
    );
    assert_eq!(
        verbs(&desktop, "UsoSvc"),
        Verbs {
            start: true,
            ..NONE
        },
        "the crashed Orchestrator offers Start, not Restart"
    );
    let cryptsvc = row(&desktop, "CryptSvc");
    assert_eq!(cryptsvc.status, "Running");
    assert_eq!(
        cryptsvc.verbs,
        Verbs {
            stop: true,
            restart: true,
            ..NONE
        },
        "a running stoppable service offers Stop and Restart, not Start"
    );
    let rpcss = row(&desktop, "RpcSs");
    assert_eq!(rpcss.status, "Running");
    assert_eq!(
        rpcss.verbs, NONE,
        "RPC cannot be stopped: nothing is offered"
    );
    for r in &desktop.services {
        assert!(
            !r.verbs.pause && !r.verbs.resume,
            "{}: {:?}",
            r.name,
            r.verbs
        );
    }

    // A Disabled service offers nothing, not even Start.
    let desktop = Desktop::of(&session("windows-update-disabled", None));
    let wuauserv = row(&desktop, "wuauserv");
    assert_eq!(
        (wuauserv.status, wuauserv.startup, wuauserv.startup_entry),
        ("", "Disabled", "disabled")
    );
    assert_eq!(wuauserv.verbs, NONE);
}

#[test]
fn start_and_restart_show_the_service_control_boxes() {
    let mut s = origin();
    let before = Desktop::of(&s);
    assert_eq!(row(&before, "UsoSvc").status, "");

    let outcome = act(&mut s, service("start", "UsoSvc"));
    assert_eq!(
        outcome.line,
        "services.msc start \"Update Orchestrator Service\""
    );
    assert_eq!(outcome.exit_code, 0, "{}", outcome.output);
    assert_eq!(outcome.progress.len(), 1, "{outcome:?}");
    assert_eq!(outcome.progress[0].verb, "start");
    assert_eq!(outcome.progress[0].service, "Update Orchestrator Service");
    assert_eq!(outcome.message, None);
    assert_eq!(outcome.troubleshooter, None);
    assert!(!outcome.finished);
    let desktop = Desktop::of(&s);
    let uso = row(&desktop, "UsoSvc");
    assert_eq!((uso.status, uso.status_word), ("Running", "Running"));
    assert_eq!(
        uso.verbs,
        Verbs {
            stop: true,
            restart: true,
            ..NONE
        }
    );

    // The display name works as well as the service name.
    let outcome = act(&mut s, service("restart", "Windows Update"));
    assert_eq!(outcome.exit_code, 0, "{}", outcome.output);
    let boxes: Vec<(&str, &str)> = outcome
        .progress
        .iter()
        .map(|p| (p.verb.as_str(), p.service.as_str()))
        .collect();
    assert_eq!(
        boxes,
        [("stop", "Windows Update"), ("start", "Windows Update")]
    );
    assert_eq!(outcome.message, None);
    assert_eq!(row(&Desktop::of(&s), "wuauserv").status, "Running");
}

#[test]
fn starting_a_disabled_service_shows_error_1058() {
    let mut s = session("windows-update-disabled", None);
    let outcome = act(&mut s, service("start", "wuauserv"));
    assert_ne!(outcome.exit_code, 0);
    let message = outcome.message.expect("an error box");
    assert_eq!(message.title, "Services");
    assert_eq!(message.icon, "error");
    assert_eq!(
        message.text,
        "Windows could not start the Windows Update service on Local Computer.\n\nError 1058: The service cannot be started, either because it is disabled or because it has no enabled devices associated with it."
    );
    assert_eq!(row(&Desktop::of(&s), "wuauserv").status, "");
}

#[test]
fn startup_type_apply_enables_start_and_logs_7040() {
    let mut s = session("windows-update-disabled", None);
    let count_7040 = |d: &Desktop| d.events.system.iter().filter(|e| e.id == 7040).count();
    let before = Desktop::of(&s);
    assert!(!verbs(&before, "wuauserv").start);

    let outcome = act(&mut s, startup("wuauserv", "manual"));
    assert_eq!(
        outcome.line,
        "services.msc startup manual \"Windows Update\""
    );
    assert_eq!(outcome.exit_code, 0, "{}", outcome.output);
    assert_eq!(outcome.message, None);
    let after = Desktop::of(&s);
    let wuauserv = row(&after, "wuauserv");
    assert_eq!(
        (wuauserv.startup, wuauserv.startup_entry),
        ("Manual", "manual")
    );
    assert_eq!(
        wuauserv.verbs,
        Verbs {
            start: true,
            ..NONE
        }
    );
    assert_eq!(count_7040(&after), count_7040(&before) + 1);
    let newest = &after.events.system[0];
    assert_eq!(
        (newest.id, newest.source),
        (7040, "Service Control Manager")
    );
    assert!(
        newest.message.contains("Windows Update"),
        "{}",
        newest.message
    );

    // Now Start works.
    let outcome = act(&mut s, service("start", "wuauserv"));
    assert_eq!(outcome.exit_code, 0, "{}", outcome.output);
    assert_eq!(row(&Desktop::of(&s), "wuauserv").status, "Running");
}

#[test]
fn the_medic_service_refuses_a_new_startup_type() {
    let mut s = session("windows-update-disabled", None);
    let before = serde_json::to_value(Desktop::of(&s)).expect("JSON");
    let outcome = act(&mut s, startup("WaaSMedicSvc", "disabled"));
    assert_ne!(outcome.exit_code, 0);
    let message = outcome.message.expect("a warning box");
    assert_eq!((message.title, message.icon), ("Services", "warning"));
    assert_eq!(message.text, "Access is denied.");
    let after = serde_json::to_value(Desktop::of(&s)).expect("JSON");
    assert_eq!(after["services"], before["services"], "the console changed");
    assert_eq!(after["events"], before["events"], "an event was logged");
    assert_eq!(row(&Desktop::of(&s), "WaaSMedicSvc").startup, "Manual");
}

/// Cryptographic Services is the one service with a dependent on a default PC (Application
/// Identity, stopped until started).
#[test]
fn stop_other_services_asks_first() {
    let mut s = origin();
    assert!(Desktop::of(&s).question.is_none());
    assert_eq!(act(&mut s, service("start", "AppIDSvc")).exit_code, 0);
    let running = |s: &Session, name: &str| row(&Desktop::of(s), name).status == "Running";
    assert!(running(&s, "CryptSvc") && running(&s, "AppIDSvc"));

    // Stop asks, and stops nothing yet.
    let outcome = act(&mut s, service("stop", "CryptSvc"));
    assert!(outcome.progress.is_empty(), "{outcome:?}");
    assert_eq!(outcome.message, None);
    let question = Desktop::of(&s).question.expect("Stop Other Services");
    assert_eq!(question.service, "Cryptographic Services");
    assert_eq!(question.dependents, ["Application Identity"]);
    assert!(running(&s, "CryptSvc") && running(&s, "AppIDSvc"));

    // No: nothing stops, the box closes.
    let outcome = act(&mut s, json!({"kind": "answer", "yes": false}));
    assert_eq!(outcome.line, "N");
    assert!(outcome.progress.is_empty(), "{outcome:?}");
    assert!(Desktop::of(&s).question.is_none());
    assert!(running(&s, "CryptSvc") && running(&s, "AppIDSvc"));

    // Ask again, Yes: both stop.
    act(&mut s, service("stop", "Cryptographic Services"));
    assert!(Desktop::of(&s).question.is_some());
    let outcome = act(&mut s, json!({"kind": "answer", "yes": true}));
    assert_eq!(outcome.line, "Y");
    assert_eq!(outcome.exit_code, 0, "{}", outcome.output);
    assert!(
        outcome
            .progress
            .iter()
            .any(|p| p.verb == "stop" && p.service == "Cryptographic Services"),
        "{outcome:?}"
    );
    let desktop = Desktop::of(&s);
    assert!(desktop.question.is_none());
    assert_eq!(row(&desktop, "CryptSvc").status, "");
    assert_eq!(row(&desktop, "AppIDSvc").status, "");
}

#[test]
fn restart_asks_like_stop_and_starts_the_dependents_again() {
    let mut s = origin();
    act(&mut s, service("start", "AppIDSvc"));
    let running = |s: &Session, name: &str| row(&Desktop::of(s), name).status == "Running";
    let outcome = act(&mut s, service("restart", "CryptSvc"));
    assert!(outcome.progress.is_empty(), "{outcome:?}");
    let question = Desktop::of(&s)
        .question
        .expect("Stop Other Services before a Restart");
    assert_eq!(question.dependents, ["Application Identity"]);
    let outcome = act(&mut s, json!({"kind": "answer", "yes": true}));
    assert_eq!(outcome.exit_code, 0, "{}", outcome.output);
    let verbs: Vec<(&str, &str)> = outcome
        .progress
        .iter()
        .map(|p| (p.verb.as_str(), p.service.as_str()))
        .collect();
    assert_eq!(
        verbs,
        [
            ("stop", "Cryptographic Services"),
            ("start", "Cryptographic Services"),
            ("start", "Application Identity"),
        ]
    );
    assert!(running(&s, "CryptSvc") && running(&s, "AppIDSvc"));
}

#[test]
fn advanced_options_switch_downloads_over_metered_connections() {
    let mut s = origin();
    assert!(!Desktop::of(&s).settings.download_over_metered);
    let outcome = act(&mut s, json!({"kind": "metered", "on": true}));
    assert_eq!(outcome.line, "settings metered on");
    assert_eq!(outcome.exit_code, 0, "{}", outcome.output);
    assert!(Desktop::of(&s).settings.download_over_metered);
    act(&mut s, json!({"kind": "metered", "on": false}));
    assert!(!Desktop::of(&s).settings.download_over_metered);
}

/// The origin story through the GUI, from first look to a closed ticket.
fn play_origin_story(s: &mut Session) -> Vec<Action> {
    let cause = pick(
        &Desktop::of(s),
        "The Update Orchestrator Service is not running",
    );
    let actions = vec![
        action(json!({"kind": "line", "text": "sc query usosvc"})),
        action(json!({"kind": "open", "window": "services"})),
        action(service("start", "UsoSvc")),
        action(service("restart", "wuauserv")),
        action(json!({"kind": "open", "window": "settings"})),
        action(settings("check")),
        action(wait("7h")),
        action(json!({"kind": "diagnose", "picks": [cause]})),
    ];
    for a in &actions {
        gui::act(s, a).unwrap_or_else(|e| panic!("{a:?} refused: {e}"));
    }
    actions
}

#[test]
fn clicks_are_recorded_and_replay_to_the_same_grade() {
    let mut live = origin();
    let actions = play_origin_story(&mut live);
    assert_eq!(live.state(), State::Solved, "{}", live.summary_text());
    assert!(Desktop::of(&live).ticket.debrief.is_some());

    // One recorded step per action: the typed line as a line, every click as a GUI step
    // whose text is the line it stands for.
    let steps = live.inputs();
    assert_eq!(steps.len(), actions.len());
    for (step, a) in steps.iter().zip(&actions) {
        let kind = if a.is_typed() {
            StepKind::Line
        } else {
            StepKind::Gui
        };
        assert_eq!(step.kind, kind, "{a:?}");
        assert_eq!(step.text, a.line().expect("a line"), "{a:?}");
    }
    assert_eq!(steps[0].kind, StepKind::Line);
    assert_eq!(
        steps[2].text,
        "services.msc start \"Update Orchestrator Service\""
    );

    // The session file, written and read back, replays to the same summary.
    let file = SessionFile::of(
        &live,
        scenario_text("orchestrator-stopped"),
        Some("Dana".into()),
    );
    let text = serde_json::to_string_pretty(&file).expect("JSON");
    assert!(text.contains("\"kind\": \"gui\""), "{text}");
    let read = SessionFile::read("gui.json", &text).expect("reads back");
    let replayed = read.replay("gui.json").expect("replays");
    let (a, b) = (live.summary(), replayed.summary());
    assert_eq!(
        (b.score, b.solved, b.commands),
        (a.score, a.solved, a.commands)
    );
    assert_eq!(b, a, "the replay differs");
    assert_eq!(
        replayed.inputs(),
        live.inputs(),
        "the replay recorded other steps"
    );
    let (graded, _) = record::grade("gui.json", &read).expect("grades");
    assert_eq!(graded.claim_differs, None);
    assert!(
        graded.summary.solved && graded.summary.score > 0,
        "{:?}",
        graded.summary
    );
}

#[test]
fn refused_actions_change_nothing() {
    let mut s = origin();
    act(&mut s, service("start", "UsoSvc"));
    let snapshot = |s: &Session| {
        (
            s.inputs().to_vec(),
            s.steps().len(),
            s.pc().now(),
            s.undo_depth(),
            s.state(),
            serde_json::to_value(Desktop::of(s)).expect("JSON"),
        )
    };
    let before = snapshot(&s);
    let long_line = "x".repeat(gui::action::MAX_LINE + 1);
    for bad in [
        json!({"kind": "answer", "yes": true}),
        json!({"kind": "answer", "yes": false}),
        json!({"kind": "pause", "weeks": 9}),
        json!({"kind": "pause", "weeks": 0}),
        service("start", "NoSuchService"),
        service("stop", ""),
        startup("Print Spooler", "manual"),
        json!({"kind": "properties", "service": "nope"}),
        wait("forever"),
        json!({"kind": "active-hours", "start": 8, "end": 24}),
        json!({"kind": "diagnose", "picks": []}),
        json!({"kind": "line", "text": long_line}),
    ] {
        let error = refuse(&mut s, bad.clone());
        assert!(!error.0.is_empty(), "{bad}: no reason");
        assert!(snapshot(&s) == before, "{bad} changed the session");
    }

    // While "Stop Other Services" waits, only Yes, No (or a typed line) are taken.
    act(&mut s, service("start", "AppIDSvc"));
    act(&mut s, service("stop", "CryptSvc"));
    let waiting = snapshot(&s);
    assert!(Desktop::of(&s).question.is_some());
    for bad in [
        service("stop", "BITS"),
        settings("check"),
        wait("1h"),
        json!({"kind": "open", "window": "services"}),
    ] {
        refuse(&mut s, bad.clone());
        assert!(snapshot(&s) == waiting, "{bad} changed the session");
    }
}

#[test]
fn settings_hangs_until_both_services_are_fixed() {
    // Checking with the Orchestrator stopped: Settings hangs on "Checking for updates...".
    let mut s = origin();
    assert_eq!(row(&Desktop::of(&s), "UsoSvc").status, "");
    let outcome = act(&mut s, settings("check"));
    assert_eq!(outcome.exit_code, 0);
    assert_eq!(page_status(&s), "checking");
    assert_eq!(
        Desktop::of(&s).settings.page.headline,
        "Checking for updates..."
    );
    act(&mut s, wait("1h"));
    assert_eq!(
        page_status(&s),
        "checking",
        "the stuck scan ended by itself"
    );

    // The reference path: Start the Orchestrator, Restart Windows Update, check, wait.
    let mut s = origin();
    act(&mut s, service("start", "UsoSvc"));
    act(&mut s, service("restart", "wuauserv"));
    act(&mut s, settings("check"));
    let mut seen = Vec::new();
    for _ in 0..14 {
        act(&mut s, wait("30m"));
        let status = page_status(&s);
        if seen.last() != Some(&status) {
            seen.push(status);
        }
    }
    assert!(seen.iter().any(|s| s == "restart-required"), "{seen:?}");
    let desktop = Desktop::of(&s);
    assert_eq!(
        desktop.settings.page.status,
        UpdateStatus::UpToDate,
        "{seen:?}"
    );
    let restart_required = seen.iter().position(|s| s == "restart-required");
    let up_to_date = seen.iter().position(|s| s == "up-to-date");
    assert!(restart_required < up_to_date, "{seen:?}");
}

#[test]
fn settings_shows_restart_required_with_its_headline() {
    let mut s = origin();
    act(&mut s, service("start", "UsoSvc"));
    act(&mut s, service("restart", "wuauserv"));
    act(&mut s, settings("check"));
    act(&mut s, wait("1h"));
    let page = Desktop::of(&s).settings.page;
    assert_eq!(page.status, UpdateStatus::RestartRequired);
    assert_eq!(page.headline, "Restart required");
}

#[test]
fn the_troubleshooter_reports_in_its_own_box() {
    let mut s = session("windows-update-disabled", None);
    let outcome = act(&mut s, settings("check"));
    assert_eq!(outcome.troubleshooter, None);
    let outcome = act(&mut s, settings("troubleshoot"));
    assert_eq!(outcome.line, "settings troubleshoot");
    let report = outcome.troubleshooter.expect("the troubleshooter's page");
    assert!(
        report.starts_with("Troubleshooting has completed"),
        "{report}"
    );
    assert_eq!(report, outcome.output);
    // It puts Windows Update's start type back.
    assert_eq!(row(&Desktop::of(&s), "wuauserv").startup, "Manual");
}
