//! The entry points of the fuzz targets (`fuzz/`, run with `cargo fuzz`), kept in the library
//! so that plain `cargo test` replays the fuzz corpus and every crasher ever found through the
//! very same code (`tests/fuzz`). Each takes raw bytes and must never panic, hang or grow
//! without bound, whatever they are.

use std::sync::Arc;

use crate::scenario::builtin;
use crate::session::Session;

/// The largest input worth trying: the loaders refuse bigger files anyway.
const MAX_INPUT: usize = 64 * 1024;
/// At most this many lines of one input are typed into the shell (each may make simulated
/// days pass, so more lines buy little coverage for much time).
const MAX_LINES: usize = 16;

/// A scenario file: parsed, and when it parses, validated (played through a session: the
/// start, a week of waiting, the reference solution).
pub fn scenario_file(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(scenario) = crate::scenario::parse("fuzz.toml", text) {
        let _ = crate::validate::check(&format!("{}.toml", scenario.id), text);
    }
}

/// Lines typed into the practice shell, on the sandbox PC (a fresh copy of one session made
/// once, so each input pays only for its own lines).
pub fn shell_lines(data: &[u8]) {
    thread_local! {
        static SANDBOX: Option<Session> = builtin::find("sandbox")
            .and_then(Result::ok)
            .map(|sandbox| Session::new(Arc::new(sandbox), Some(1)));
    }
    if data.len() > MAX_INPUT {
        return;
    }
    let Some(mut session) = SANDBOX.with(Clone::clone) else {
        return;
    };
    let text = String::from_utf8_lossy(data);
    for line in text.lines().take(MAX_LINES) {
        let answer = session.input(line);
        if answer.finished {
            break;
        }
    }
}
