//! `wusim gui` and `wusim play --gui` as a user meets them before any browser: help, and
//! clear one-line errors for misuse. (The server itself is tested in tests/gui.)

use predicates::prelude::*;

use super::wusim;

#[test]
fn gui_has_help_and_play_offers_it() {
    wusim()
        .args(["gui", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("127.0.0.1"))
        .stdout(predicate::str::contains("--port"));
    wusim()
        .args(["play", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--gui"));
}

#[test]
fn gui_misuse_is_refused_with_one_line() {
    // --port belongs to the browser.
    wusim()
        .args(["play", "--port", "8080"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--gui"));
    // An unknown scenario is named before anything is served.
    let home = tempfile::tempdir().unwrap();
    wusim()
        .env("WUSIM_HOME", home.path())
        .args(["gui", "no-such-scenario", "--port", "0"])
        .assert()
        .failure()
        .stdout(predicate::str::contains("127.0.0.1").not())
        .stderr(predicate::str::contains("no-such-scenario"));
    // A port already taken.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    wusim()
        .env("WUSIM_HOME", home.path())
        .args(["gui", "orchestrator-stopped", "--port", &port])
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!(
            "cannot listen on 127.0.0.1:{port}"
        )));
}
