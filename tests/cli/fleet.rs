//! `wusim fleet`: the report and its formats, the chart, shards and their merge, opening one
//! PC, exercises, and what it does with bad input (before anything runs).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn wusim_in(home: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("wusim"));
    cmd.env("NO_COLOR", "1").env("WUSIM_HOME", home);
    cmd
}

fn exercise(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios/fleet")
        .join(name)
}

#[test]
fn the_example_runs_and_reports_each_ring_and_the_server() {
    let home = tempfile::tempdir().unwrap();
    wusim_in(home.path())
        .args(["fleet", "--pcs", "200", "--days", "10"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Fleet of 200 PCs in 3 site(s), 10 days",
        ))
        .stdout(predicate::str::contains("released on day 1 (2025-06-10)"))
        .stdout(predicate::str::contains("Pilot"))
        .stdout(predicate::str::contains("Broad"))
        .stdout(predicate::str::contains(
            "Server (Windows Update, capacity 600 requests/hour)",
        ))
        .stdout(predicate::str::contains(
            "Delivery Optimization peers served",
        ));
    wusim_in(home.path())
        .args(["fleet", "--example"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# A fleet of 2,000 PCs"));
}

#[test]
fn json_and_csv_carry_the_same_figures_and_the_output_is_the_same_on_any_thread_count() {
    let home = tempfile::tempdir().unwrap();
    let run = |threads: &str, format: &str| {
        wusim_in(home.path())
            .args([
                "fleet",
                "--pcs",
                "150",
                "--days",
                "9",
                "--threads",
                threads,
                format,
            ])
            .output()
            .unwrap()
            .stdout
    };
    let json = run("1", "--json");
    assert_eq!(json, run("2", "--json"), "same seed, any thread count");
    let report: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(report["pcs"], 150);
    assert_eq!(report["rings"].as_array().unwrap().len(), 3);
    assert_eq!(report["rings"][0]["days"].as_array().unwrap().len(), 9);
    let csv = String::from_utf8(run("2", "--csv")).unwrap();
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("ring,day,date,pcs,latest_pct")
    );
    assert_eq!(lines.count(), 3 * 9, "one row per ring and day");
    let pilot_day_8 = csv.lines().find(|l| l.starts_with("Pilot,8,")).unwrap();
    let latest: f64 = pilot_day_8.split(',').nth(4).unwrap().parse().unwrap();
    assert_eq!(
        latest,
        report["rings"][0]["days"][8]["latest_pct"]
            .as_f64()
            .unwrap()
    );
}

#[test]
fn plot_writes_an_svg_chart() {
    let home = tempfile::tempdir().unwrap();
    let svg = home.path().join("rings.svg");
    wusim_in(home.path())
        .args(["fleet", "--pcs", "100", "--days", "5", "--plot"])
        .arg(&svg)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.starts_with("<svg") && text.contains("Pilot"),
        "{}",
        &text[..200.min(text.len())]
    );
}

#[test]
fn shards_merge_into_the_single_run_when_no_capacity_couples_them() {
    let home = tempfile::tempdir().unwrap();
    let fleet = home.path().join("fleet.toml");
    std::fs::write(
        &fleet,
        "[fleet]\npcs = 120\ndays = 6\nsites = 4\n\n[[ring]]\nname = \"A\"\nshare = 50\n\n[[ring]]\nname = \"B\"\nshare = 50\nquality-deferral-days = 2\n",
    )
    .unwrap();
    let single = wusim_in(home.path())
        .arg("fleet")
        .arg(&fleet)
        .arg("--json")
        .output()
        .unwrap();
    assert!(single.status.success());
    let mut tallies = Vec::new();
    for k in 0..3 {
        let out = home.path().join(format!("shard-{k}.json"));
        wusim_in(home.path())
            .arg("fleet")
            .arg(&fleet)
            .args(["--shard", &format!("{k}/3"), "--out"])
            .arg(&out)
            .assert()
            .success()
            .stdout("");
        tallies.push(out);
    }
    let merged = wusim_in(home.path())
        .args(["fleet", "merge", "--json", "--fleet"])
        .arg(&fleet)
        .args(&tallies)
        .output()
        .unwrap();
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    assert_eq!(merged.stdout, single.stdout, "byte for byte");
    // A missing shard is named, not silently reported as a smaller fleet.
    wusim_in(home.path())
        .args(["fleet", "merge", "--fleet"])
        .arg(&fleet)
        .args(&tallies[..2])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "merge the shards of one fleet file, all of them",
        ));
}

#[test]
fn open_replays_one_pc_into_the_practice_shell() {
    let home = tempfile::tempdir().unwrap();
    wusim_in(home.path())
        .args(["fleet", "--pcs", "60", "--days", "6", "--open", "WS-0000042", "--day", "4"])
        .write_stdin("sc query usosvc\nreg query HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\nquit\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("WS-0000042 of the fleet, at the end of day 4"))
        .stdout(predicate::str::contains("STATE              : 4  RUNNING"))
        .stdout(predicate::str::contains("ConfigureDeadlineForQualityUpdates"));
}

#[test]
fn exercises_grade_an_answer_and_refuse_a_changed_fleet() {
    let home = tempfile::tempdir().unwrap();
    // The exercise as given fails its goals, with hints.
    wusim_in(home.path())
        .arg("fleet")
        .arg(exercise("02-stop-the-bad-update.toml"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("Exercise: Stop the bad update"))
        .stdout(predicate::str::contains("FAIL: score 0/100"))
        .stdout(predicate::str::contains("Hint: A pilot ring"));
    // The model answer passes.
    wusim_in(home.path())
        .arg("fleet")
        .arg(exercise("answers/02-stop-the-bad-update.toml"))
        .arg("--exercise")
        .arg(exercise("02-stop-the-bad-update.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("PASS: score 100/100"));
    wusim_in(home.path())
        .arg("fleet")
        .arg(exercise("answers/01-spread-the-load.toml"))
        .arg("--exercise")
        .arg(exercise("01-spread-the-load.toml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("PASS: score 100/100"));
    // An answer that changes the fleet itself is refused.
    let cheat = home.path().join("cheat.toml");
    let text = std::fs::read_to_string(exercise("answers/01-spread-the-load.toml")).unwrap();
    std::fs::write(
        &cheat,
        text.replace("gb-per-hour = 150", "gb-per-hour = 15000"),
    )
    .unwrap();
    wusim_in(home.path())
        .arg("fleet")
        .arg(&cheat)
        .arg("--exercise")
        .arg(exercise("01-spread-the-load.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the answer changes [server]"));
}

#[test]
fn bad_input_is_refused_before_anything_runs() {
    let home = tempfile::tempdir().unwrap();
    let bad = home.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[fleet]\npcs = 100\n[[ring]]\nname = \"A\"\nshare = 70\n",
    )
    .unwrap();
    wusim_in(home.path())
        .arg("fleet")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the ring shares add up to 70, not 100",
        ))
        .stderr(predicate::str::contains("bad.toml:3:1"));
    wusim_in(home.path())
        .args(["fleet", "--pcs", "100000000"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--pcs 100000000: use 1 to 50000000",
        ))
        .stderr(predicate::str::contains("about 350 GB"));
    // More than one run holds: refused before anything is built, with the way out.
    wusim_in(home.path())
        .args(["fleet", "--pcs", "3000000"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "3000000 PCs in one run would need about 10 GB",
        ))
        .stderr(predicate::str::contains("--shard K/N with N >= 2"));
    for args in [
        &["fleet", "--shard", "3/2"][..],
        &["fleet", "--shard", "0/9"],
        &["fleet", "--open", "99999", "--day", "1"],
        &["fleet", "--open", "7", "--day", "40"],
        &["fleet", "--days", "0"],
    ] {
        wusim_in(home.path())
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with("wusim: "));
    }
}

#[test]
fn validate_checks_fleet_files_and_plays_each_exercise_s_model_answer() {
    let home = tempfile::tempdir().unwrap();
    wusim_in(home.path())
        .arg("validate")
        .arg(exercise(""))
        .assert()
        .success()
        .stdout(predicate::str::contains("ok    "))
        .stdout(predicate::str::contains("its model answer passes"));
    // An exercise whose model answer misses a goal is reported.
    let dir = home.path().join("ex");
    std::fs::create_dir_all(dir.join("answers")).unwrap();
    let text = std::fs::read_to_string(exercise("02-stop-the-bad-update.toml")).unwrap();
    std::fs::write(dir.join("02.toml"), &text).unwrap();
    let answer = std::fs::read_to_string(exercise("answers/02-stop-the-bad-update.toml")).unwrap();
    std::fs::write(
        dir.join("answers/02.toml"),
        answer
            .replace("share = 4\n", "share = 40\n")
            .replace("share = 96\n", "share = 60\n"),
    )
    .unwrap();
    wusim_in(home.path())
        .arg("validate")
        .arg(dir.join("02.toml"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "the model answer misses: the bad update reaches at most 5 %",
        ));
}
