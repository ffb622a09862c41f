//! The practice shell: the language learners type at the simulated PC.
//!
//! A [`Shell`] takes one line of text — a real Windows command such as `sc query wuauserv`,
//! `net stop bits`, `Get-Service wu*` or `DISM /Online /Cleanup-Image /RestoreHealth` — and
//! turns it into operations on a [`Pc`] and the text Windows would print. It is pure: a line
//! and a PC in, a [`Reply`] out. It never touches the computer it runs on (no files, no
//! processes, no clock); a path such as `C:\Windows\SoftwareDistribution` names a folder of
//! the simulated PC, and any other path "cannot be found".
//!
//! Like Windows, command names, options and service names ignore case, `sc.exe` and `sc`
//! are the same program, and quotes group words (`"Windows Update"`). cmd commands and
//! PowerShell cmdlets share one prompt: `sc` always means `sc.exe` (in real PowerShell bare
//! `sc` is the `Set-Content` alias).
//!
//! Simulated time passes where the real command takes time (`net start` waits for the
//! service, DISM takes its minutes, a restart takes the PC down and up again), and after
//! every non-empty line [`TYPING_TIME`] passes: the moment a person takes to read the output
//! and type the next line, so a service started with `sc start` is running by the next
//! `sc query`, as it would be at a real keyboard.
//!
//! The work follows the text: `parse` (with `cmdlet` for PowerShell's parameter binding)
//! reads a line into a `command`; `run` carries it out, with `services`, `console`,
//! `powershell`, `logs` and `files` for the bigger families; `render` writes
//! Windows-shaped text; `help` holds the help pages; `names` resolves service names and
//! folder paths. Between lines the shell remembers `%ERRORLEVEL%` and, at most, one question
//! waiting for its answer: `net stop`'s "Do you want to continue this operation? (Y/N)
//! \[N\]:", `rd /s`'s "Are you sure (Y/N)?" and their like.
//!
//! ```
//! use wusim::pc::Pc;
//! use wusim::shell::Shell;
//!
//! let mut pc = Pc::builder().seed(1).build();
//! let mut shell = Shell::new();
//! let reply = shell.execute(&mut pc, "net stop wuauserv");
//! assert_eq!(
//!     reply.text,
//!     "The Windows Update service is not started.\n\nMore help is available by typing NET HELPMSG 3521.\n\n"
//! );
//! assert_eq!(reply.exit_code, 2);
//! ```

mod cmdlet;
mod command;
mod console;
mod files;
mod harm;
mod help;
mod logs;
mod names;
mod parse;
mod powershell;
mod render;
mod run;
mod services;

#[cfg(test)]
mod tests;

pub use harm::Harm;

use crate::engine::SimDuration;
use crate::pc::Pc;
use crate::scm::ServiceId;

/// The simulated time a line takes to read and type: it passes after each non-empty line,
/// so `sc start wuauserv` followed by `sc query wuauserv` finds the service running, as it
/// would at a real keyboard.
pub const TYPING_TIME: SimDuration = SimDuration::from_secs(2);

/// What the shell answers to one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// Exactly what the console shows. Empty for commands that print nothing (`UsoClient`);
    /// otherwise it ends with `'\n'` — except a question (see [`Shell::awaiting_answer`]),
    /// which ends with the prompt itself, such as `(Y/N) [N]: `, as a console leaves it.
    pub text: String,
    /// False for a command the shell does not know (so the session can count it apart).
    pub recognized: bool,
    /// A harmful move this command made, for scoring.
    pub harm: Option<Harm>,
    /// `%ERRORLEVEL%`: 0 for success; the Win32 code for `sc` failures (1060, 1056...); 2 for
    /// `net` failures; 1 for PowerShell errors; 9009 for an unknown command.
    pub exit_code: i32,
}

impl Reply {
    /// A recognized command's text and exit code.
    pub(crate) fn new(text: impl Into<String>, exit_code: i32) -> Reply {
        Reply {
            text: text.into(),
            recognized: true,
            harm: None,
            exit_code,
        }
    }

    /// Success (`%ERRORLEVEL%` 0).
    pub(crate) fn ok(text: impl Into<String>) -> Reply {
        Reply::new(text, 0)
    }

    /// The same reply, recording a harmful move.
    pub(crate) fn with_harm(mut self, harm: Option<Harm>) -> Reply {
        self.harm = self.harm.or(harm);
        self
    }
}

/// A question the shell has asked and waits to have answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Question {
    /// `net stop` of a service with running dependents: stop them all?
    NetStop(ServiceId),
    /// The Services console's "Stop Other Services" dialog.
    ConsoleStop(ServiceId),
    /// `rd /s` or `del` without `/q`, or `Remove-Item` without `-Recurse`: delete?
    /// `default_yes` for PowerShell's confirmation, whose default is Yes.
    Remove {
        /// The full path.
        path: String,
        /// Pressing Enter alone means yes.
        default_yes: bool,
    },
}

/// The practice shell. Cheap to create and to clone; holds `%ERRORLEVEL%` and, at most, one
/// pending question.
#[derive(Clone, Debug, Default)]
pub struct Shell {
    question: Option<Question>,
    last_exit: i32,
}

impl Shell {
    /// A shell with nothing pending.
    pub fn new() -> Self {
        Shell::default()
    }

    /// Runs one line against the PC. Never panics, whatever the line. After a non-empty line,
    /// [`TYPING_TIME`] passes on the PC.
    pub fn execute(&mut self, pc: &mut Pc, line: &str) -> Reply {
        let reply = match self.question.take() {
            Some(question) => run::answer(pc, question, line),
            None => {
                let (reply, question) = run::execute(pc, line, self.last_exit);
                self.question = question;
                reply
            }
        };
        self.last_exit = reply.exit_code;
        if !line.trim().is_empty() {
            pc.run_for(TYPING_TIME);
        }
        reply
    }

    /// True while the shell waits for the answer to a question (the `net stop` Y/N prompt):
    /// the next [`Shell::execute`] takes its line as the answer.
    pub fn awaiting_answer(&self) -> bool {
        self.question.is_some()
    }

    /// Command names for tab completion: lower-case first words, and well-known multiword
    /// forms such as `sc query` and `Get-Service`.
    pub fn command_names() -> &'static [&'static str] {
        help::COMMAND_NAMES
    }
}
