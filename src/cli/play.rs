//! `wusim play [scenario]`: the interactive practice shell. With a terminal it has line
//! editing, history and tab completion (rustyline); without one (`printf 'hint\nquit\n' |
//! wusim play`) it reads commands line by line and echoes them, like `wusim run`.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::Arc;

use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{Context, Editor, Helper, Highlighter, Hinter, Validator};

use wusim::scenario::{Scenario, builtin};
use wusim::scm::ServiceId;
use wusim::session::{Options, Session};
use wusim::shell::Shell;

use super::progress::load_for_display;
use super::run::{check_variant, record};
use super::scenarios::resolve_with_text;
use super::sessions::Recording;
use super::{CliError, CliResult, Outcome};

/// Plays `scenario`, or the next unsolved built-in one.
pub(crate) fn play(
    out: &mut impl Write,
    scenario: Option<&str>,
    mut start: Options,
    recording: &Recording,
) -> CliResult {
    let (scenario, text) = match scenario {
        Some(what) => resolve_with_text(what).map_err(CliError::Input)?,
        None => next_unsolved(),
    };
    check_variant(&scenario, start.variant.as_deref())?;
    // A fresh seed by default, so a scenario with variants is not the same puzzle every
    // time; it is recorded in the session file, so the attempt still replays exactly.
    let drawn = start.seed.is_none();
    start.seed = start.seed.or_else(|| Some(super::sessions::fresh_seed()));
    let mut session = Session::start(Arc::new(scenario), start);
    write!(out, "{}", session.intro())?;
    if drawn && session.scenario().goal.is_some() {
        writeln!(
            out,
            "(This PC was drawn with seed {seed}: `wusim play {id} --seed {seed}` gives the same one again.)",
            seed = session.seed(),
            id = session.scenario().id
        )?;
    }
    out.flush()?;
    drive(out, &mut session)?;
    if session.state() == wusim::session::State::Playing {
        write!(out, "{}", session.summary_text())?;
    }
    match record(&session, &text, recording, None) {
        Ok(written) => {
            if let Some(file) = written.last() {
                writeln!(
                    out,
                    "\nYour attempt is recorded in {} (`wusim grade` replays it).",
                    file.display()
                )?;
            }
        }
        Err(e) => {
            eprintln!("wusim: {e}");
            return Ok(Outcome::NotFound);
        }
    }
    Ok(Outcome::Done)
}

/// The first built-in scenario with a goal that the learner has not solved (the sandbox if
/// all are solved).
pub(super) fn next_unsolved() -> (Scenario, String) {
    let progress = load_for_display();
    let all = builtin::all();
    let index = all
        .iter()
        .position(|s| s.goal.is_some() && !progress.scenarios.get(&s.id).is_some_and(|r| r.solved))
        .unwrap_or(0);
    (all[index].clone(), builtin::FILES[index].1.to_string())
}

/// Takes the session's input from the terminal (line editing, history, completion) or, when
/// standard input is not one, line by line.
pub(super) fn drive(out: &mut impl Write, session: &mut Session) -> Result<(), CliError> {
    if std::io::stdin().is_terminal() {
        interactive(out, session)
    } else {
        piped(out, session)
    }
}

fn piped(out: &mut impl Write, session: &mut Session) -> Result<(), CliError> {
    for line in std::io::stdin().lock().lines() {
        let line = line.map_err(|e| match e.kind() {
            std::io::ErrorKind::InvalidData => {
                CliError::Input("standard input is not UTF-8 text".to_string())
            }
            _ => CliError::Input(format!("cannot read standard input: {e}")),
        })?;
        write!(out, "{}", session.echo(&line))?;
        let answer = session.input(&line);
        write!(out, "{}", answer.text)?;
        if answer.finished {
            return Ok(());
        }
    }
    write!(out, "{}", session.end_of_input())?;
    Ok(())
}

fn interactive(out: &mut impl Write, session: &mut Session) -> Result<(), CliError> {
    let mut editor: Editor<Completion, DefaultHistory> =
        Editor::new().map_err(|e| CliError::Input(format!("cannot open the terminal: {e}")))?;
    editor.set_helper(Some(Completion));
    loop {
        match editor.readline(&session.prompt_line()) {
            Ok(line) => {
                let _ = editor.add_history_entry(line.as_str());
                let answer = session.input(&line);
                write!(out, "{}", answer.text)?;
                out.flush()?;
                if answer.finished {
                    return Ok(());
                }
            }
            Err(ReadlineError::Interrupted | ReadlineError::Eof) => {
                write!(out, "{}", session.input("quit").text)?;
                return Ok(());
            }
            Err(e) => {
                return Err(CliError::Input(format!(
                    "cannot read from the terminal: {e}"
                )));
            }
        }
    }
}

/// Tab completion: the next word of a command (`sc` then `query`), then service names.
#[derive(Helper, Highlighter, Hinter, Validator)]
struct Completion;

/// The words that can follow `typed` (the complete words before the cursor).
fn next_words(typed: &[&str]) -> Vec<String> {
    let mut words: Vec<String> = Shell::command_names()
        .iter()
        .filter_map(|command| {
            let parts: Vec<&str> = command.split_whitespace().collect();
            let matches = parts.len() > typed.len()
                && parts
                    .iter()
                    .zip(typed)
                    .all(|(a, b)| a.eq_ignore_ascii_case(b));
            matches.then(|| parts[typed.len()].to_string())
        })
        .collect();
    if !typed.is_empty() {
        words.extend(ServiceId::all().map(|s| s.name().to_string()));
    }
    words
}

impl Completer for Completion {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = &line[..pos];
        let start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let word = &before[start..].to_ascii_lowercase();
        let typed: Vec<&str> = before[..start].split_whitespace().collect();
        let words = next_words(&typed);
        let mut matches: Vec<Pair> = words
            .into_iter()
            .filter(|w| w.to_ascii_lowercase().starts_with(word.as_str()))
            .map(|w| Pair {
                display: w.clone(),
                replacement: w,
            })
            .collect();
        matches.sort_by_key(|a| a.display.to_ascii_lowercase());
        matches.dedup_by(|a, b| a.display.eq_ignore_ascii_case(&b.display));
        Ok((start, matches))
    }
}

#[cfg(test)]
mod tests {
    use super::next_words;

    #[test]
    fn completion_offers_the_next_word_then_services() {
        let first = next_words(&[]);
        assert!(first.iter().any(|w| w == "sc") && first.iter().any(|w| w == "hint"));
        assert!(!first.iter().any(|w| w == "wuauserv"));
        let after_sc = next_words(&["SC"]);
        assert!(after_sc.iter().any(|w| w == "query"));
        assert!(after_sc.iter().any(|w| w == "wuauserv"));
    }
}
