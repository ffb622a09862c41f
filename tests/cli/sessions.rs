//! `wusim play`, `run`, `list` and `validate` through the binary, with a private data folder.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use wusim::scenario::builtin;

/// The binary with colour off and its data folder in `home`.
fn wusim_in(home: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("wusim"));
    cmd.env("NO_COLOR", "1").env("WUSIM_HOME", home);
    cmd
}

#[test]
fn list_json_shows_the_sandbox_and_sixteen_scenarios() {
    let home = tempfile::tempdir().unwrap();
    let output = wusim_in(home.path())
        .args(["list", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert!(rows.iter().any(|r| r["id"] == "sandbox"));
    assert!(rows.len() >= 17, "{} rows", rows.len());
    assert!(rows.iter().all(|r| r["status"] == "not started"));
}

#[test]
fn every_built_in_scenario_is_solved_by_its_solution_through_run() {
    let home = tempfile::tempdir().unwrap();
    for scenario in builtin::all().iter().flat_map(|s| s.cases()) {
        let script = scenario.solution.join("\n") + "\n";
        let mut args = vec!["run", &scenario.id, "--script", "-"];
        if let Some(variant) = &scenario.variant {
            args.extend(["--variant", variant]);
        }
        let assert = wusim_in(home.path())
            .args(&args)
            .write_stdin(script)
            .assert();
        if scenario.goal.is_some() {
            assert
                .success()
                .stdout(predicate::str::contains("*** Goal met"));
        } else {
            assert.success();
        }
    }
    let output = wusim_in(home.path())
        .args(["list", "--json"])
        .output()
        .unwrap();
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let solved = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["solved"] == true)
        .count();
    assert!(solved >= 16, "progress records the solved scenarios");
}

#[test]
fn quitting_at_once_exits_non_zero() {
    let home = tempfile::tempdir().unwrap();
    wusim_in(home.path())
        .args(["run", "orchestrator-stopped", "--script", "-"])
        .write_stdin("quit\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Not solved."));
}

#[test]
fn run_json_is_the_result_as_data() {
    let home = tempfile::tempdir().unwrap();
    let output = wusim_in(home.path())
        .args(["run", "orchestrator-stopped", "--script", "-", "--json"])
        .write_stdin(
            "hint\nnet start usosvc\npowershell -Command Restart-Service wuauserv\nsettings check\nwait 2h\nshutdown /r /t 0\nwait 10m\ndiagnose orchestrator-not-running\n",
        )
        .output()
        .unwrap();
    assert!(output.status.success());
    let v: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(v["solved"], true);
    assert_eq!(v["hints_used"], 1);
    assert_eq!(v["commands"], 6);
    assert!(v["score"].as_u64().unwrap() > 0);
    assert!(v["events"].as_u64().unwrap() > 0);
    assert_eq!(v["history"].as_array().unwrap().len(), 8);
    let debrief = &v["debrief"];
    assert_eq!(debrief["diagnosis"]["right"], true);
    assert_eq!(
        debrief["score"]["capped_by"][0], "the key evidence was not seen before the first change",
        "it changed things before looking"
    );
    assert_eq!(v["score"], 60);
    assert!(
        debrief["path"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["mark"] == "fix")
    );
}

#[test]
fn the_sandbox_runs_and_exits_zero() {
    let home = tempfile::tempdir().unwrap();
    wusim_in(home.path())
        .args(["run", "sandbox", "--script", "-"])
        .write_stdin("settings check\nwait 1h\nsettings\nquit\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("Windows Update"));
}

#[test]
fn play_reads_piped_commands_and_starts_the_first_scenario() {
    let home = tempfile::tempdir().unwrap();
    let first = builtin::all()
        .into_iter()
        .find(|s| s.goal.is_some())
        .unwrap();
    wusim_in(home.path())
        .arg("play")
        .write_stdin("hint\nquit\n")
        .assert()
        .success()
        .stdout(predicate::str::contains(first.title.as_str()))
        .stdout(predicate::str::contains("Hint 1 of"));
    assert!(home.path().join("progress.json").exists());
}

#[test]
fn an_unknown_scenario_is_a_clear_error() {
    let home = tempfile::tempdir().unwrap();
    wusim_in(home.path())
        .args(["play", "orchestrator-stoped"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "Did you mean `orchestrator-stopped`?",
        ));
}

#[test]
fn validate_passes_on_every_built_in_scenario() {
    let home = tempfile::tempdir().unwrap();
    wusim_in(home.path())
        .arg("validate")
        .assert()
        .success()
        .stdout(predicate::str::contains(" 0 with problems."));
    wusim_in(home.path())
        .args(["validate", "scenarios"])
        .assert()
        .success();
}

#[test]
fn validate_points_at_a_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("01-broken.toml");
    std::fs::write(
        &file,
        "format-version = 1\nid = \"broken\"\ntitle = \"x\ndifficulty = \"beginner\"\n",
    )
    .unwrap();
    wusim_in(dir.path())
        .args(["validate", file.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("01-broken.toml:3:"))
        .stdout(predicate::str::contains("^"));
}

#[test]
fn validate_reports_every_problem_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("02-many.toml");
    std::fs::write(
        &file,
        "format-version = 1\nid = \"many\"\ntitle = \"t\"\ndifficulty = \"expert\"\nbriefing = \"b\"\nstat = 1\nhints = [\"h\"]\nsolution = [\"wait 1h\"]\npar = { commands = 1, time = \"1 hour\" }\n\n[[fault]]\nkind = \"service-disabled\"\nservice = \"wuaserv\"\n\n[goal]\ninstalled = [\"KB1234567\"]\n",
    )
    .unwrap();
    let output = wusim_in(dir.path())
        .args(["validate", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "unknown variant `expert`",
        "unknown key `stat`",
        "not a duration",
        "unknown service 'wuaserv'",
        "KB1234567 is not in wusim's catalog",
        "02-many.toml:4:",
        "02-many.toml:6:1",
        "02-many.toml:13:11",
        "did you mean `wuauserv`?",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
}

/// The reference solution of `orchestrator-stopped`.
const SOLVE_ORCHESTRATOR_STOPPED: &str = "net start usosvc\nnet stop wuauserv\nnet start wuauserv\nsettings check\nwait 7h\ndiagnose orchestrator-not-running\n";

#[test]
fn an_unreadable_progress_file_is_kept_aside_every_time_and_the_solve_recorded() {
    let home = tempfile::tempdir().unwrap();
    for round in 1..=2 {
        std::fs::write(home.path().join("progress.json"), "{ not json").unwrap();
        wusim_in(home.path())
            .args(["run", "orchestrator-stopped", "--script", "-"])
            .write_stdin(SOLVE_ORCHESTRATOR_STOPPED)
            .assert()
            .code(0)
            .stderr(predicate::str::contains("was unreadable"));
        assert_eq!(
            std::fs::read_to_string(home.path().join(format!("progress.json.bak.{round}")))
                .unwrap(),
            "{ not json",
            "round {round}: an older backup is never overwritten"
        );
        let fresh = std::fs::read_to_string(home.path().join("progress.json")).unwrap();
        assert!(fresh.contains("\"solved\": true"), "{fresh}");
    }
    // `list` warns too.
    std::fs::write(home.path().join("progress.json"), [0xff, 0xfe, 0x00]).unwrap();
    wusim_in(home.path())
        .arg("list")
        .assert()
        .success()
        .stderr(predicate::str::contains("not UTF-8"));
}

#[test]
fn a_data_folder_that_cannot_hold_progress_is_an_error_for_run() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    wusim_in(&file)
        .args(["run", "orchestrator-stopped", "--script", "-"])
        .write_stdin(SOLVE_ORCHESTRATOR_STOPPED)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("this attempt was not saved"));
}

#[test]
fn an_empty_wusim_home_is_unset_not_the_current_folder() {
    let cwd = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    Command::new(assert_cmd::cargo::cargo_bin!("wusim"))
        .current_dir(cwd.path())
        .env("WUSIM_HOME", "")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .args(["run", "orchestrator-stopped", "--script", "-"])
        .write_stdin("quit\n")
        .assert()
        .code(1);
    assert_eq!(std::fs::read_dir(cwd.path()).unwrap().count(), 0);
}

/// The shell never runs anything on the host and never writes outside WUSIM_HOME: a session
/// full of commands that would change a real PC leaves the working folder untouched.
#[test]
fn the_shell_touches_nothing_outside_its_data_folder() {
    let work = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let script = [
        "net stop wuauserv",
        "net stop bits",
        "ren %windir%\\SoftwareDistribution SoftwareDistribution.old",
        "rd /s /q C:\\Windows\\System32\\catroot2",
        "del C:\\Windows\\SoftwareDistribution",
        "sc config wuauserv start= disabled",
        "powershell -Command Get-WindowsUpdateLog",
        "DISM /Online /Cleanup-Image /RestoreHealth",
        "sfc /scannow",
        "netsh winhttp reset proxy",
        "w32tm /resync",
        "cleanmgr",
        "shutdown /r /t 0",
        "powershell -Command Restart-Computer",
        "powershell",
        "Get-Service | Out-File C:\\Users\\Admin\\services.txt",
        "exit",
        "notepad.exe",
        "cmd /c echo hi > out.txt",
        "powershell -Command Remove-Item C:\\",
        "quit",
    ]
    .join("\n");
    wusim_in(home.path())
        .current_dir(work.path())
        .args(["run", "sandbox", "--script", "-"])
        .write_stdin(script)
        .assert()
        .success();
    let left: Vec<_> = std::fs::read_dir(work.path()).unwrap().collect();
    assert!(
        left.is_empty(),
        "the working folder was written to: {left:?}"
    );
    for entry in std::fs::read_dir(home.path()).unwrap() {
        let name = entry.unwrap().file_name();
        assert!(
            name == "progress.json" || name == "sessions",
            "unexpected file in WUSIM_HOME: {name:?}"
        );
    }
}

/// No code of wusim's can start a process: the source never names the APIs that do.
#[test]
fn the_source_never_spawns_a_process() {
    fn scan(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                scan(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for needle in [
                    "process::Command",
                    "process::Child",
                    "libc::fork",
                    "libc::exec",
                ] {
                    if text.contains(needle) {
                        found.push(format!("{}: {needle}", path.display()));
                    }
                }
            }
        }
    }
    let mut found = Vec::new();
    scan(Path::new("src"), &mut found);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn input_that_ends_at_a_question_closes_its_line() {
    let home = tempfile::tempdir().unwrap();
    wusim_in(home.path())
        .args(["run", "sandbox", "-c", "time"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Enter the new time: \nCommands: 1.",
        ));
}

#[test]
fn piped_input_that_ends_at_a_question_closes_its_line() {
    let home = tempfile::tempdir().unwrap();
    wusim_in(home.path())
        .args(["play", "sandbox"])
        .write_stdin("time\n")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Enter the new time: \nCommands: 1.",
        ));
}

#[test]
fn piped_input_that_is_not_utf8_is_named_as_such() {
    let home = tempfile::tempdir().unwrap();
    wusim_in(home.path())
        .args(["play", "sandbox"])
        .write_stdin(vec![b'v', b'e', b'r', 0xff, b'\n'])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("standard input is not UTF-8 text"));
}

/// The loader's reproductions: a same-named folder does not hide a built-in scenario; a
/// folder, a device, a FIFO, a symlink loop, a non-UTF-8 file and an empty folder each get
/// an error naming the real problem.
#[test]
fn the_loader_names_the_real_problem() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sandbox")).unwrap();
    let in_dir = |args: &[&str]| {
        let mut cmd = wusim_in(dir.path());
        cmd.current_dir(dir.path()).args(args);
        cmd
    };
    in_dir(&["run", "sandbox", "-c", "ver"]).assert().success();
    in_dir(&["run", "./sandbox", "-c", "ver"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a folder"));
    in_dir(&["validate", "sandbox"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("has no .toml files"));
    std::fs::write(
        dir.path().join("bad.toml"),
        b"id = \"x\"\ntitle = \"\xff\"\n",
    )
    .unwrap();
    in_dir(&["validate", "bad.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad.toml:2:10: the scenario is not UTF-8",
        ));
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("loop.toml", dir.path().join("loop.toml")).unwrap();
        in_dir(&["validate", "loop.toml"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("a loop of symbolic links"));
        in_dir(&["run", "/dev/zero", "-c", "ver"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("not a regular file"));
        let fifo = dir.path().join("fifo.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            in_dir(&["run", "fifo.toml", "-c", "ver"])
                .timeout(std::time::Duration::from_secs(20))
                .assert()
                .code(2)
                .stderr(predicate::str::contains("not a regular file"));
        }
    }
}
