//! `wusim test <script>`: a script's properties on the built-in tickets, with exit codes for
//! CI, and nothing written to the data folder.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn wusim_in(home: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("wusim"));
    cmd.env("NO_COLOR", "1").env("WUSIM_HOME", home);
    cmd
}

#[test]
fn a_careful_script_passes_and_a_web_script_fails_with_its_harm_named() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("enable.bat");
    std::fs::write(
        &good,
        "@echo off\r\nsc config wuauserv start= demand >nul\r\nnet start wuauserv >nul\r\n",
    )
    .unwrap();
    wusim_in(home.path())
        .args(["test", "--scenario", "windows-update-disabled"])
        .arg(&good)
        .assert()
        .success()
        .stdout(predicate::str::contains("windows-update-disabled"))
        .stdout(predicate::str::contains(
            "1 case(s), 0 with a failed property.",
        ));
    let bad = dir.path().join("web.bat");
    std::fs::write(&bad, "net stop wuauserv\r\nrd /s /q C:\\Windows\\SoftwareDistribution\r\nsc config wuauserv start= auto\r\nnet start wuauserv\r\n").unwrap();
    let output = wusim_in(home.path())
        .args(["test", "--scenario", "windows-update-disabled", "--json"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let failure = &rows[0]["failures"][0];
    assert_eq!(failure["property"], "does-no-harm");
    assert!(
        failure["reason"]
            .as_str()
            .unwrap()
            .contains("deleted SoftwareDistribution")
    );
    assert_eq!(
        std::fs::read_dir(home.path()).unwrap().count(),
        0,
        "test writes no progress and no session file"
    );
}

#[test]
fn usage_errors_exit_two() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("s.txt");
    std::fs::write(&script, "sc query wuauserv\n").unwrap();
    wusim_in(home.path())
        .args(["test", "--scenario", "no-such-ticket"])
        .arg(&script)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no built-in ticket called 'no-such-ticket'",
        ));
    wusim_in(home.path())
        .args(["test", "missing.bat"])
        .assert()
        .code(2);
}
