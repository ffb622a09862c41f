//! The browser GUI's desktop, as data: the Services console, Settings > Windows Update, the
//! troubleshooter, Event Viewer and a terminal, on the same session as the shell.
//!
//! Three parts, all pure:
//! - [`action`]: what a click means. Each [`Action`] is a line of the practice shell's
//!   vocabulary (`services.msc start "Windows Update"`), so the session takes it as one step:
//!   judged, timed, undone and recorded like the line typed, and graded by replaying it.
//! - [`view`]: what the windows show ([`Desktop`]), computed from the session after every
//!   action and never stored, so the page holds no state of its own.
//! - [`act`] (here): runs an action and says which boxes it opens — the "Service Control"
//!   progress box, an error box with Windows' text, the troubleshooter's report — read from
//!   the very text the console prints for the same line.
//!
//! The web server that serves the page is in the binary (`src/cli/gui/`); this module knows
//! nothing of HTTP.

pub mod action;
pub mod view;

use serde::Serialize;

pub use action::{Action, ActionError};
pub use view::Desktop;

use crate::session::Session;

/// What an action did, beside the new [`Desktop`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Outcome {
    /// The line the action stood for (what the session records).
    pub line: String,
    /// What the step printed, as the terminal would show it.
    pub output: String,
    /// Its exit code (0 for success).
    pub exit_code: i32,
    /// The "Service Control" boxes shown, in order.
    pub progress: Vec<Progress>,
    /// A message box to show.
    pub message: Option<MessageBox>,
    /// The troubleshooter's last page, when the action ran it.
    pub troubleshooter: Option<String>,
    /// The session is over (solved or quit).
    pub finished: bool,
}

/// One "Service Control" box: `Windows is attempting to start the following service on Local
/// Computer...` and the service's name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// `start`, `stop`.
    pub verb: String,
    /// The display name.
    pub service: String,
}

/// A message box: its title, icon and text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MessageBox {
    /// `Services`, `Windows Update`.
    pub title: &'static str,
    /// `error`, `warning` or `information`.
    pub icon: &'static str,
    /// The text, with its line breaks.
    pub text: String,
}

/// Runs `action` on `session` as one step. An action that cannot be taken (a service that
/// does not exist, five weeks and a half, an answer when nothing asks) changes nothing.
pub fn act(session: &mut Session, action: &Action) -> Result<Outcome, ActionError> {
    let line = action.line()?;
    if matches!(action, Action::Answer { .. }) && !session.awaiting_answer() {
        return Err(ActionError("no question waits for an answer".into()));
    }
    if !matches!(action, Action::Answer { .. } | Action::Line { .. }) && session.awaiting_answer() {
        return Err(ActionError(
            "a question waits for its answer: Yes or No first".into(),
        ));
    }
    let answer = if action.is_typed() {
        session.input(&line)
    } else {
        session.input_gui(&line)
    };
    let exit_code = session.last_exit_code();
    let output = answer.text;
    let console = matches!(
        action,
        Action::Service { .. } | Action::Startup { .. } | Action::Answer { .. }
    );
    let message = if console {
        console_box(&output, exit_code, matches!(action, Action::Startup { .. }))
    } else if exit_code != 0 && matches!(action, Action::Settings { .. } | Action::Pause { .. }) {
        Some(MessageBox {
            title: "Windows Update",
            icon: "information",
            text: output.trim().to_string(),
        })
    } else {
        None
    };
    let troubleshooter = matches!(
        action,
        Action::Settings {
            button: action::Button::Troubleshoot
        }
    )
    .then(|| output.clone());
    Ok(Outcome {
        progress: if console {
            progress(&output)
        } else {
            Vec::new()
        },
        line,
        output,
        exit_code,
        message,
        troubleshooter,
        finished: answer.finished,
    })
}

/// The console's "Service Control" boxes in `output`.
fn progress(output: &str) -> Vec<Progress> {
    let mut lines = output.lines();
    let mut boxes = Vec::new();
    while let Some(line) = lines.next() {
        if let Some(rest) = line.strip_prefix("Windows is attempting to ")
            && let Some((verb, _)) = rest.split_once(' ')
        {
            boxes.push(Progress {
                verb: verb.to_string(),
                service: lines.next().unwrap_or_default().to_string(),
            });
        }
    }
    boxes
}

/// The console's message box for a failed action: Windows' error box (`Windows could not
/// start the ... service on Local Computer.` and `Error 1058: ...`), the warning box of a
/// refused Apply (`Access is denied.`), or the note of a greyed action.
fn console_box(output: &str, exit_code: i32, apply: bool) -> Option<MessageBox> {
    if let Some(at) = output.find("Windows could not ") {
        let text = output[at..].split("\n(wusim:").next().unwrap_or_default();
        return Some(MessageBox {
            title: "Services",
            icon: "error",
            text: text.trim().to_string(),
        });
    }
    (exit_code != 0 && !output.trim().is_empty()).then(|| MessageBox {
        title: "Services",
        icon: if apply { "warning" } else { "information" },
        text: output.trim().to_string(),
    })
}
