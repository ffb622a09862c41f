//! The script corpus (see `README.md` here): every `.bat`, `.cmd` and `.ps1` file is run as a
//! technician would run it — copied onto the Desktop of its scenario's PC and started by its
//! path (a PowerShell script with `powershell -ExecutionPolicy Bypass -File`), then the
//! file's `wusim-after` lines typed — and must (1) get no "is not recognized" (cmd's or
//! PowerShell's) and no "not simulated" answer on any line, and (2) solve its scenario.
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use wusim::scenario::builtin;
use wusim::session::{Session, State, desktop_path};

/// A corpus file and what its header asks for.
#[derive(Clone)]
struct Script {
    path: PathBuf,
    name: String,
    text: String,
    scenario: String,
    before: Vec<String>,
    after: Vec<String>,
}

fn header_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line
        .trim()
        .strip_prefix("REM ")
        .or_else(|| line.trim().strip_prefix("rem "))
        .or_else(|| line.trim().strip_prefix("# "))?;
    rest.strip_prefix(key).map(str::trim)
}

fn corpus() -> Vec<Script> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the corpus folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| {
                e.eq_ignore_ascii_case("bat")
                    || e.eq_ignore_ascii_case("cmd")
                    || e.eq_ignore_ascii_case("ps1")
            })
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a UTF-8 script");
            let mut script = Script {
                name: path.file_name().unwrap().to_string_lossy().into_owned(),
                path: path.clone(),
                scenario: String::new(),
                before: Vec::new(),
                after: Vec::new(),
                text: text.clone(),
            };
            for line in text.lines().take(12) {
                if let Some(id) = header_value(line, "wusim-scenario:") {
                    script.scenario = id.to_string();
                }
                if let Some(l) = header_value(line, "wusim-before:") {
                    script.before.push(l.to_string());
                }
                if let Some(l) = header_value(line, "wusim-after:") {
                    script.after.push(l.to_string());
                }
            }
            assert!(
                !script.scenario.is_empty(),
                "{} names no scenario",
                path.display()
            );
            script
        })
        .collect()
}

/// Runs one script; its transcript and whether it solved the scenario.
fn play(script: &Script) -> (String, State) {
    let scenario = builtin::find(&script.scenario)
        .unwrap_or_else(|| panic!("{}: no scenario {}", script.name, script.scenario))
        .expect("built-in scenarios parse");
    let mut session = Session::with_files(
        Arc::new(scenario),
        None,
        vec![(script.name.clone(), script.text.clone())],
    );
    let mut lines = script.before.clone();
    if script.name.to_ascii_lowercase().ends_with(".ps1") {
        lines.push(format!(
            "powershell -ExecutionPolicy Bypass -File \"{}\"",
            desktop_path(&script.name)
        ));
    } else {
        lines.push(format!("\"{}\"", desktop_path(&script.name)));
    }
    lines.extend(script.after.iter().cloned());
    // The script fixes the PC; the ticket is closed with its cause, as a technician would.
    let right: Vec<&str> = session
        .scenario()
        .causes
        .iter()
        .filter(|c| c.right)
        .map(|c| c.id.as_str())
        .collect();
    if !right.is_empty() {
        lines.push(format!("diagnose {}", right.join(" ")));
    }
    let transcript = session.transcript(&lines);
    (transcript, session.state())
}

/// The answers no line of a corpus script may get.
const REFUSALS: [&str; 4] = [
    "is not recognized as an internal or external command",
    "is not recognized as the name of a cmdlet",
    "is a real Windows command, but the practice shell does not simulate it",
    "was unexpected at this time.",
];

#[test]
fn the_corpus_is_large_enough() {
    let scripts = corpus();
    assert!(scripts.len() >= 20, "{} scripts", scripts.len());
    let scenarios: std::collections::BTreeSet<&str> =
        scripts.iter().map(|s| s.scenario.as_str()).collect();
    assert!(scenarios.len() >= 12, "{scenarios:?}");
    let powershell: Vec<&Script> = scripts
        .iter()
        .filter(|s| s.name.to_ascii_lowercase().ends_with(".ps1"))
        .collect();
    assert!(
        powershell.len() >= 15,
        "{} PowerShell scripts",
        powershell.len()
    );
}

#[test]
fn every_script_is_understood_line_by_line_and_solves_its_scenario() {
    let mut failures = Vec::new();
    for script in corpus() {
        let (transcript, state) = play(&script);
        for refusal in REFUSALS {
            if let Some(at) = transcript.find(refusal) {
                let line_start = transcript[..at].rfind('\n').map_or(0, |i| i + 1);
                let line_end = transcript[at..]
                    .find('\n')
                    .map_or(transcript.len(), |i| at + i);
                failures.push(format!(
                    "{}: {}",
                    script.path.display(),
                    &transcript[line_start..line_end]
                ));
            }
        }
        if state != State::Solved {
            let tail: Vec<&str> = transcript.lines().rev().take(12).collect();
            failures.push(format!(
                "{}: does not solve {}:\n{}",
                script.path.display(),
                script.scenario,
                tail.into_iter().rev().collect::<Vec<_>>().join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn scripts_saved_with_crlf_run_the_same_as_with_lf() {
    for script in corpus().into_iter().take(6) {
        let lf = Script {
            text: script.text.replace("\r\n", "\n"),
            ..script.clone()
        };
        let crlf = Script {
            text: lf.text.replace('\n', "\r\n"),
            ..script.clone()
        };
        assert_eq!(play(&crlf), play(&lf), "{}", script.name);
    }
}
