//! Session files and `wusim grade`: every attempt is recorded, grading replays it (never
//! trusting the stored score), a class report has one row per file, bad files are listed
//! and the good ones graded, and grading never writes progress.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn wusim_in(home: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("wusim"));
    cmd.env("NO_COLOR", "1").env("WUSIM_HOME", home);
    cmd
}

/// Plays orchestrator-stopped's reference path (its default variant), recording to `file`.
fn record(home: &Path, file: &Path, name: &str) {
    wusim_in(home)
        .args(["run", "orchestrator-stopped", "--name", name, "--record"])
        .arg(file)
        .write_stdin(
            "sc query usosvc\nnet start usosvc\nnet stop wuauserv\nnet start wuauserv\nsettings check\nwait 7h\ndiagnose orchestrator-not-running\n",
        )
        .args(["--script", "-"])
        .assert()
        .success();
}

#[test]
fn a_recorded_attempt_is_graded_by_replaying_it() {
    let home = tempfile::tempdir().unwrap();
    let class = tempfile::tempdir().unwrap();
    let ana = class.path().join("ana.json");
    record(home.path(), &ana, "Ana");
    let sessions = std::fs::read_dir(home.path().join("sessions"))
        .unwrap()
        .count();
    assert_eq!(sessions, 1, "the data folder keeps a copy");
    let progress = std::fs::read_to_string(home.path().join("progress.json")).unwrap();
    wusim_in(home.path())
        .arg("grade")
        .arg(&ana)
        .assert()
        .success()
        .stdout(predicate::str::contains("orchestrator-stopped"))
        .stdout(predicate::str::contains("Ana"))
        .stdout(predicate::str::contains("*** Goal met"));
    assert_eq!(
        std::fs::read_to_string(home.path().join("progress.json")).unwrap(),
        progress,
        "grading never writes progress"
    );
}

#[test]
fn a_claimed_score_is_replaced_by_the_replayed_one() {
    let home = tempfile::tempdir().unwrap();
    let class = tempfile::tempdir().unwrap();
    let file = class.path().join("bold.json");
    record(home.path(), &file, "Bold");
    let text = std::fs::read_to_string(&file).unwrap();
    let claimed: serde_json::Value = serde_json::from_str(&text).unwrap();
    let real = claimed["claimed"]["score"].as_u64().unwrap();
    let forged = text.replace(&format!("\"score\": {real}"), "\"score\": 1000");
    assert_ne!(forged, text);
    std::fs::write(&file, forged).unwrap();
    let output = wusim_in(home.path())
        .args(["grade", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rows[0]["score"].as_u64(), Some(real));
    assert!(
        rows[0]["note"]
            .as_str()
            .unwrap()
            .contains("claims solved with 1000")
    );
}

#[test]
fn a_folder_with_bad_files_grades_the_good_ones_and_lists_the_bad() {
    let home = tempfile::tempdir().unwrap();
    let class = tempfile::tempdir().unwrap();
    record(home.path(), &class.path().join("ana.json"), "Ana");
    record(home.path(), &class.path().join("ben.json"), "Ben, Jr.");
    std::fs::write(
        class.path().join("cut.json"),
        "{ \"kind\": \"wusim-session\", ",
    )
    .unwrap();
    let text = std::fs::read_to_string(class.path().join("ana.json")).unwrap();
    let edited = text.replace("orchestrator-stopped\\\"", "orchestrator-stopped-x\\\"");
    assert_ne!(edited, text);
    std::fs::write(class.path().join("edited.json"), edited).unwrap();
    let old = text.replace("\"model_version\": 1", "\"model_version\": 0");
    std::fs::write(class.path().join("old.json"), old).unwrap();
    wusim_in(home.path())
        .args(["grade", "--csv"])
        .arg(class.path())
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "file,learner,scenario,variant,solved,score",
        ))
        .stdout(predicate::str::contains(",Ana,orchestrator-stopped,"))
        .stdout(predicate::str::contains(
            ",\"Ben, Jr.\",orchestrator-stopped,",
        ))
        .stderr(predicate::str::contains("cut.json:1:"))
        .stderr(predicate::str::contains(
            "edited.json: the scenario text does not match",
        ))
        .stderr(predicate::str::contains("old.json: recorded with wusim"));
}

#[test]
fn grade_needs_files() {
    let home = tempfile::tempdir().unwrap();
    wusim_in(home.path()).arg("grade").assert().code(2);
    let empty = tempfile::tempdir().unwrap();
    wusim_in(home.path())
        .arg("grade")
        .arg(empty.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("no session files"));
}

#[test]
fn an_unknown_variant_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    wusim_in(home.path())
        .args([
            "run",
            "orchestrator-stopped",
            "--variant",
            "nope",
            "-c",
            "quit",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("its variants are"));
}
