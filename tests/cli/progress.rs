//! The progress store under pressure: two processes saving at once, and processes that die
//! at each point of a save (through the debug build's crash hook, not timing luck).

use std::path::Path;
use std::process::{Command, Stdio};

/// The reference solutions of two scenarios, as typed lines.
const STOPPED: (&str, &str) = (
    "orchestrator-stopped",
    "net start usosvc\nnet stop wuauserv\nnet start wuauserv\nsettings check\nwait 7h\ndiagnose orchestrator-not-running\n",
);
const DISABLED: (&str, &str) = (
    "windows-update-disabled",
    "sc config wuauserv start= demand\nnet start wuauserv\nsettings check\nwait 1h\nshutdown /r /t 0\ndiagnose wuauserv-disabled\n",
);

fn spawn(home: &Path, (id, lines): (&str, &str), crash_at: Option<&str>) -> std::process::Child {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("wusim"));
    cmd.env("NO_COLOR", "1")
        .env("WUSIM_HOME", home)
        .args(["run", id, "--script", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if let Some(point) = crash_at {
        cmd.env("WUSIM_TEST_CRASH_AT", point);
    }
    let mut child = cmd.spawn().expect("wusim runs");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("a pipe")
        .write_all(lines.as_bytes())
        .expect("the lines go in");
    child
}

fn progress(home: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(home.join("progress.json")).expect("a progress file");
    serde_json::from_str(&text).expect("complete JSON")
}

fn solved(progress: &serde_json::Value, id: &str) -> bool {
    progress["scenarios"][id]["solved"] == serde_json::Value::Bool(true)
}

#[test]
fn two_processes_saving_at_once_both_keep_their_solve() {
    for round in 0..12 {
        let home = tempfile::tempdir().unwrap();
        let a = spawn(home.path(), STOPPED, None);
        let b = spawn(home.path(), DISABLED, None);
        assert!(a.wait_with_output().unwrap().status.success());
        assert!(b.wait_with_output().unwrap().status.success());
        let p = progress(home.path());
        assert!(
            solved(&p, STOPPED.0) && solved(&p, DISABLED.0),
            "round {round}: {p}"
        );
    }
}

#[test]
fn a_process_killed_anywhere_in_a_save_leaves_a_whole_file_and_the_next_run_cleans_up() {
    for point in ["locked", "half-written", "written", "renamed"] {
        let home = tempfile::tempdir().unwrap();
        assert!(spawn(home.path(), STOPPED, None).wait().unwrap().success());
        let crashed = spawn(home.path(), DISABLED, Some(point)).wait().unwrap();
        assert!(!crashed.success(), "{point}: the hook must abort");
        let p = progress(home.path());
        assert!(solved(&p, STOPPED.0), "{point}: the old solve is kept: {p}");
        assert_eq!(
            solved(&p, DISABLED.0),
            point == "renamed",
            "{point}: the new solve is there exactly when the rename happened"
        );
        assert!(spawn(home.path(), DISABLED, None).wait().unwrap().success());
        let p = progress(home.path());
        assert!(
            solved(&p, STOPPED.0) && solved(&p, DISABLED.0),
            "{point}: {p}"
        );
        let leftovers: Vec<String> = std::fs::read_dir(home.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{point}: {leftovers:?}");
    }
}
