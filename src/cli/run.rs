//! `wusim run <scenario> --script <file|->`: a session fed from a script, printing the
//! transcript (or, with `--json`, the result as data). Exit 0 when the goal is met.
//!
//! A `.bat` or `.cmd` script is copied onto the simulated Desktop and run as a batch file,
//! as a technician would run it (its lines cost no typing time); a `.ps1` script is copied
//! there too and run as `powershell -ExecutionPolicy Bypass -File <path>`; any other script
//! is a list of lines typed one by one.

use std::io::{BufRead, Write};
use std::sync::Arc;

use wusim::scenario::Scenario;
use wusim::session::{Options, Session, State};

use super::progress::Store;
use super::scenarios::resolve_with_text;
use super::sessions::Recording;
use super::{CliError, CliResult, Outcome, write_json};

/// The lines to type for a script: a batch file goes onto the Desktop (into `files`) and is
/// run by its path; a PowerShell script goes there too and is run by `powershell -File`; a
/// text file's lines, or standard input's for `-`, are typed.
pub(crate) fn read_script(
    script: &str,
    files: &mut Vec<(String, String)>,
) -> Result<Vec<String>, CliError> {
    if script == "-" {
        return std::io::stdin()
            .lock()
            .lines()
            .collect::<Result<_, _>>()
            .map_err(|e| CliError::Input(format!("standard input is not text: {e}")));
    }
    let lower = script.to_ascii_lowercase();
    let (name, text) = super::files::read_text_file(script)?;
    if lower.ends_with(".ps1") {
        let line = format!(
            "powershell -ExecutionPolicy Bypass -File \"{}\"",
            wusim::session::desktop_path(&name)
        );
        files.push((name, text));
        return Ok(vec![line]);
    }
    if lower.ends_with(".bat") || lower.ends_with(".cmd") {
        let line = format!("\"{}\"", wusim::session::desktop_path(&name));
        files.push((name, text));
        return Ok(vec![line]);
    }
    Ok(text
        .lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
        .collect())
}

/// Runs `scenario` with `lines`, one command each.
pub(crate) fn run(
    out: &mut impl Write,
    scenario: &str,
    lines: &[String],
    start: Options,
    recording: &Recording,
    json: bool,
) -> CliResult {
    let (scenario, text) = resolve_with_text(scenario).map_err(CliError::Input)?;
    check_variant(&scenario, start.variant.as_deref())?;
    let mut session = Session::start(Arc::new(scenario), start);
    let transcript = session.transcript(lines);
    let saved = record(&session, &text, recording, None);
    let summary = session.summary();
    if json {
        write_json(out, &summary)?;
    } else {
        write!(out, "{transcript}")?;
    }
    let no_goal = session.scenario().goal.is_none();
    if let Err(e) = saved {
        eprintln!("wusim: {e}");
        return Ok(Outcome::NotFound);
    }
    Ok(if summary.solved || no_goal {
        Outcome::Done
    } else {
        Outcome::NotFound
    })
}

/// A `--variant` must name one of the scenario's variants.
pub(crate) fn check_variant(scenario: &Scenario, variant: Option<&str>) -> Result<(), CliError> {
    match variant {
        Some(id) if scenario.variant_index(id).is_none() => {
            let ids: Vec<&str> = scenario
                .variants
                .iter()
                .map(|v| v.spec.id.as_str())
                .collect();
            Err(CliError::Input(if ids.is_empty() {
                format!("scenario '{}' has no variants", scenario.id)
            } else {
                format!(
                    "scenario '{}' has no variant '{id}': its variants are {}",
                    scenario.id,
                    ids.join(", ")
                )
            }))
        }
        _ => Ok(()),
    }
}

/// Saves the attempt: its session file, then the learner's progress, printing any
/// warning; an attempt that cannot be saved is an error naming the reason.
/// Returns the session files written.
pub(crate) fn record(
    session: &Session,
    text: &str,
    recording: &Recording,
    into: Option<&std::path::Path>,
) -> Result<Vec<std::path::PathBuf>, String> {
    let written = super::sessions::save(session, text, recording, into)
        .map_err(|e| format!("error: this attempt was not saved: {e}"))?;
    if session.scenario().goal.is_none()
        || session.state() == State::Playing && session.summary().history.is_empty()
    {
        return Ok(written);
    }
    let summary = session.summary();
    let loaded = Store::open()
        .and_then(|store| {
            store.update(|progress| {
                progress.record(&summary.scenario, summary.solved, summary.score);
            })
        })
        .map_err(|e| format!("error: this attempt was not saved: {e}"))?;
    for warning in loaded.warnings {
        eprintln!("wusim: warning: {warning}");
    }
    Ok(written)
}
