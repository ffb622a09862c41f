//! Scripts from the host: `--script reset.bat` runs a batch file on the simulated PC,
//! `--file` puts files on its Desktop, and files that are not text or too large are refused
//! with one line and exit code 2.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn wusim_in(home: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("wusim"));
    cmd.env("NO_COLOR", "1").env("WUSIM_HOME", home);
    cmd
}

const RESET: &str = "@echo off\r\nnet stop bits >nul\r\nnet stop wuauserv >nul\r\nren %windir%\\SoftwareDistribution SoftwareDistribution.old\r\nnet start bits >nul\r\nnet start wuauserv >nul\r\necho Reset done.\r\n";

#[test]
fn a_batch_script_runs_as_a_batch_file_and_c_lines_follow_it() {
    let home = tempfile::tempdir().unwrap();
    let script = home.path().join("reset.bat");
    std::fs::write(&script, RESET).unwrap();
    wusim_in(home.path())
        .args(["run", "download-cache-corrupt", "--script"])
        .arg(&script)
        .args([
            "-c",
            "settings check",
            "-c",
            "wait 1h",
            "-c",
            "shutdown /r /t 0",
            "-c",
            "diagnose download-cache",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "C:\\WINDOWS\\system32>\"C:\\Users\\Admin\\Desktop\\reset.bat\"\nReset done.\n",
        ))
        .stdout(predicate::str::contains("*** Goal met"));
}

#[test]
fn utf16_scripts_with_a_byte_order_mark_run_too() {
    let home = tempfile::tempdir().unwrap();
    let script = home.path().join("reset.cmd");
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(RESET.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(&script, bytes).unwrap();
    wusim_in(home.path())
        .args(["run", "sandbox", "--script"])
        .arg(&script)
        .assert()
        .success()
        .stdout(predicate::str::contains("Reset done."));
}

#[test]
fn files_land_on_the_desktop_for_the_learner_to_run() {
    let home = tempfile::tempdir().unwrap();
    let script = home.path().join("fix.bat");
    std::fs::write(&script, "@echo Hello from the Desktop\n").unwrap();
    wusim_in(home.path())
        .args(["run", "sandbox", "--file"])
        .arg(&script)
        .args([
            "-c",
            "cd %USERPROFILE%\\Desktop",
            "-c",
            "dir /b",
            "-c",
            "fix",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "(Your file fix.bat is on the Desktop",
        ))
        .stdout(predicate::str::contains(
            "C:\\Users\\Admin\\Desktop>dir /b\nfix.bat\n",
        ))
        .stdout(predicate::str::contains("Hello from the Desktop"));
}

#[test]
fn binary_oversized_and_missing_files_are_refused_in_one_line() {
    let home = tempfile::tempdir().unwrap();
    let binary = home.path().join("tool.bat");
    std::fs::write(&binary, [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0xFF, 0x01]).unwrap();
    let big = home.path().join("big.bat");
    std::fs::write(&big, "rem x\n".repeat(200_000)).unwrap();
    let cases = [
        (binary.display().to_string(), "is not a text file"),
        (big.display().to_string(), "may have at most"),
        (
            home.path().join("nope.bat").display().to_string(),
            "cannot read",
        ),
        (home.path().display().to_string(), "is a folder"),
    ];
    for (path, message) in cases {
        let output = wusim_in(home.path())
            .args(["run", "sandbox", "--file", &path, "-c", "ver"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{path}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(message), "{path}: {stderr}");
    }
}

#[test]
fn a_powershell_script_runs_from_the_desktop_with_the_policy_bypassed() {
    let home = tempfile::tempdir().unwrap();
    let script = home.path().join("fix.ps1");
    std::fs::write(
        &script,
        "Start-Service wuauserv\n(Get-Service wuauserv).Status\n",
    )
    .unwrap();
    wusim_in(home.path())
        .args(["run", "sandbox", "--script"])
        .arg(&script)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "C:\\WINDOWS\\system32>powershell -ExecutionPolicy Bypass -File \"C:\\Users\\Admin\\Desktop\\fix.ps1\"\nRunning\n",
        ));
}
