//! The `wusim` binary, run as a user would: help, explain, codes, graph, services,
//! completions, man, and what it does with bad input.

#![allow(clippy::disallowed_methods)] // tests write fixture files

mod fleet;
mod grade;
mod gui;
mod harness;
mod progress;
mod scripts;
mod sessions;

use assert_cmd::Command;
use predicates::prelude::*;

fn wusim() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("wusim"));
    cmd.env("NO_COLOR", "1");
    cmd
}

#[test]
fn help_and_version() {
    wusim()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Learn to fix Windows Update"))
        .stdout(predicate::str::contains("explain"));
    for sub in [
        "explain",
        "codes",
        "graph",
        "services",
        "completions",
        "man",
    ] {
        wusim()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: wusim"));
    }
    wusim()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("wusim "));
}

#[test]
fn explain_accepts_hex_plain_hex_decimal_and_win32() {
    let first = wusim().args(["explain", "0x80070422"]).output().unwrap();
    assert!(first.status.success());
    let text = String::from_utf8(first.stdout.clone()).unwrap();
    assert!(text.contains("ERROR_SERVICE_DISABLED"), "{text}");
    assert!(text.contains("sc config wuauserv start= demand"), "{text}");
    for form in [
        "80070422",
        "0X80070422",
        "2147943458",
        "-2147023838",
        "1058",
    ] {
        let output = wusim().args(["explain", form]).output().unwrap();
        assert!(output.status.success(), "{form}");
        assert_eq!(
            output.stdout, first.stdout,
            "{form} describes the same error"
        );
    }
}

#[test]
fn explain_json_is_data() {
    let output = wusim()
        .args(["explain", "0x80244022", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["hex"], "0x80244022");
    assert_eq!(value["name"], "WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL");
    assert!(value["remedies"].as_array().is_some_and(|r| !r.is_empty()));
}

#[test]
fn an_unknown_code_fails_cleanly_with_suggestions() {
    wusim()
        .args(["explain", "0xDEADBEEF"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "0xDEADBEEF is not a code wusim knows.",
        ))
        .stdout(predicate::str::contains("nearest known codes"))
        .stderr("");
}

#[test]
fn a_malformed_code_is_bad_input() {
    wusim()
        .args(["explain", "not-a-code"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "wusim: 'not-a-code' is not an error code",
        ))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn bad_flags_exit_non_zero_with_a_reason() {
    wusim()
        .args(["graph", "--format", "png"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'png'"))
        .stderr(predicate::str::contains("dot"));
    wusim()
        .arg("frobnicate")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unrecognized subcommand"));
    wusim().args(["services", "--seed", "x"]).assert().code(2);
}

#[test]
fn codes_lists_at_least_forty() {
    let output = wusim().args(["codes", "--json"]).output().unwrap();
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(value.as_array().unwrap().len() >= 40);
}

#[test]
fn graph_dot_shows_update_services_depending_on_rpcss() {
    let output = wusim().args(["graph", "--format", "dot"]).output().unwrap();
    assert!(output.status.success());
    let dot = String::from_utf8(output.stdout).unwrap();
    assert!(dot.starts_with("digraph {") && dot.trim_end().ends_with('}'));
    let id_of = |name: &str| -> String {
        let line = dot
            .lines()
            .find(|l| l.contains(&format!("\"{name}\\n")))
            .unwrap();
        line.split_whitespace().next().unwrap().to_string()
    };
    let rpcss = id_of("RpcSs");
    for service in ["wuauserv", "UsoSvc", "BITS"] {
        let edge = format!("{} -> {rpcss} ", id_of(service));
        assert!(dot.contains(&edge), "{service} -> RpcSs missing in\n{dot}");
    }
}

#[test]
fn graph_text_is_an_indented_tree() {
    wusim()
        .arg("graph")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "RpcSs (Remote Procedure Call (RPC))\n    BITS",
        ));
}

#[test]
fn services_lists_the_console_columns() {
    let output = wusim().arg("services").output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let header = text.lines().next().unwrap();
    for column in ["Name", "Description", "Status", "Startup Type", "Log On As"] {
        assert!(header.contains(column), "{header}");
    }
    let usosvc = text
        .lines()
        .find(|l| l.starts_with("Update Orchestrator Service"))
        .unwrap();
    assert!(usosvc.contains("Running") && usosvc.contains("Automatic (Delayed Start)"));
    let wu = text
        .lines()
        .find(|l| l.starts_with("Windows Update "))
        .unwrap();
    assert!(!wu.contains("Running") && wu.contains("Manual"));
}

#[test]
fn services_json_and_seeds_are_deterministic() {
    let a = wusim()
        .args(["services", "--json", "--seed", "9"])
        .output()
        .unwrap();
    let b = wusim()
        .args(["--seed", "9", "services", "--json"])
        .output()
        .unwrap();
    assert_eq!(a.stdout, b.stdout);
    let value: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(value.as_array().unwrap().len(), 13);
}

#[test]
fn no_color_means_no_escape_codes() {
    let output = wusim().args(["explain", "0x80070422"]).output().unwrap();
    assert!(!output.stdout.contains(&0x1b));
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        wusim()
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("explain"));
    }
    wusim().args(["completions", "tcsh"]).assert().code(2);
    wusim()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH wusim"));
}
