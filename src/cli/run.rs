//! `wusim run <scenario> --script <file|->`: a session fed from a script, printing the
//! transcript (or, with `--json`, the result as data). Exit 0 when the goal is met.

use std::io::{BufRead, Write};
use std::sync::Arc;

use wusim::session::{Session, State};

use super::progress::{Progress, data_dir};
use super::scenarios::resolve;
use super::{CliError, CliResult, Outcome, write_json};

/// The lines of a script file, or of standard input for `-`.
pub(crate) fn read_script(script: &str) -> Result<Vec<String>, CliError> {
    if script == "-" {
        return Ok(std::io::stdin().lock().lines().collect::<Result<_, _>>()?);
    }
    Ok(std::fs::read_to_string(script)
        .map_err(|e| CliError::Input(format!("cannot read the script {script}: {e}")))?
        .lines()
        .map(str::to_string)
        .collect())
}

/// Runs `scenario` with `lines`, one command each.
pub(crate) fn run(
    out: &mut impl Write,
    scenario: &str,
    lines: &[String],
    seed: Option<u64>,
    json: bool,
) -> CliResult {
    let scenario = Arc::new(resolve(scenario).map_err(CliError::Input)?);
    let mut session = Session::new(scenario, seed);
    let transcript = session.transcript(lines);
    record(&session);
    let summary = session.summary();
    if json {
        write_json(out, &summary)?;
    } else {
        write!(out, "{transcript}")?;
    }
    let no_goal = session.scenario().goal.is_none();
    Ok(if summary.solved || no_goal {
        Outcome::Done
    } else {
        Outcome::NotFound
    })
}

/// Saves the attempt in the learner's progress (a failure to save is a warning only).
pub(crate) fn record(session: &Session) {
    if session.scenario().goal.is_none()
        || session.state() == State::Playing && session.summary().history.is_empty()
    {
        return;
    }
    let Ok(dir) = data_dir() else { return };
    let mut progress = Progress::load(&dir);
    let summary = session.summary();
    progress.record(&summary.scenario, summary.solved, summary.score);
    if let Err(e) = progress.save(&dir) {
        eprintln!("wusim: warning: {e}");
    }
}
