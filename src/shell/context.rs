//! What a command runs with: the PC, the console's state, its standard input, and a place to
//! leave a question for the learner ([`Ctx`]); what it was given ([`Args`]); and what it
//! gives back ([`Reply`]).
//!
//! The [`Console`] is everything a Command Prompt window remembers between lines: the current
//! folder, the environment (with `setlocal` snapshots), `%ERRORLEVEL%`, echo, the `pushd`
//! stack, and — while a batch file runs — its frames. A fresh console is what an elevated
//! Command Prompt opens with.

use super::cmd::env::Env;
use super::powershell::PsState;
use super::{Harm, Question};
use crate::pc::Pc;
use crate::world::default_fs::ELEVATED_START;
use std::sync::Arc;

/// The state of one Command Prompt window.
#[derive(Clone, Debug)]
pub(crate) struct Console {
    /// The current folder, as cmd shows it in the prompt.
    pub(crate) cwd: String,
    /// The environment.
    pub(crate) env: Env,
    /// `setlocal` snapshots: the environment, delayed expansion and the current folder to
    /// restore at `endlocal`.
    pub(crate) saved: Vec<(Env, bool, String)>,
    /// `%ERRORLEVEL%`.
    pub(crate) errorlevel: i32,
    /// Batch files echo their commands.
    pub(crate) echo: bool,
    /// Delayed expansion (`!VAR!`) is on.
    pub(crate) delayed: bool,
    /// `pushd`'s stack.
    pub(crate) dir_stack: Vec<String>,
    /// The batch files running, innermost last.
    pub(crate) frames: Vec<Frame>,
    /// Commands run for the current line (a guard against endless loops).
    pub(crate) steps: u32,
    /// The window title.
    pub(crate) title: String,
    /// A pending `goto` or `exit` that the running batch file must act on.
    pub(crate) control: Control,
    /// The PowerShell running in this window (its variables, functions...), when the
    /// prompt is PowerShell's; `None` at the cmd prompt.
    pub(crate) ps: Option<Box<PsState>>,
    /// The batch files of the current folder, as last listed: (the file system's revision,
    /// the folder, their lower-case names). Every command word is looked up there first,
    /// so the folder is listed again only when it or the file system changed.
    pub(crate) batch_files: Option<(u32, String, Vec<String>)>,
}

/// A jump or an end that a command asks of the batch file running it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) enum Control {
    /// Go on with the next line.
    #[default]
    Next,
    /// `goto <label>` (`:eof` ends the file or subroutine).
    Goto(String),
    /// `exit /b`: leave the batch file (or subroutine).
    ExitBatch,
    /// `exit`: close the console.
    ExitConsole,
    /// The step limit was reached: stop everything.
    Abort,
}

/// A running batch file (or a `call :label` subroutine in one).
#[derive(Clone, Debug)]
pub(crate) struct Frame {
    /// The file's full path.
    pub(crate) path: String,
    /// Its lines.
    pub(crate) lines: Arc<[String]>,
    /// The next line to read.
    pub(crate) next: usize,
    /// `%0`, `%1`...: how it was called, then its arguments.
    pub(crate) args: Vec<String>,
    /// How many `setlocal`s were open when it started (the rest end with it).
    pub(crate) saved_depth: usize,
}

impl Console {
    /// A new elevated Command Prompt on `pc`.
    pub(crate) fn new(pc: &Pc) -> Console {
        Console {
            cwd: ELEVATED_START.to_string(),
            env: Env::defaults(pc),
            saved: Vec::new(),
            errorlevel: 0,
            echo: true,
            delayed: false,
            dir_stack: Vec::new(),
            frames: Vec::new(),
            steps: 0,
            title: "Administrator: Command Prompt".to_string(),
            control: Control::Next,
            ps: None,
            batch_files: None,
        }
    }

    /// True while a batch file runs.
    pub(crate) fn in_batch(&self) -> bool {
        !self.frames.is_empty()
    }
}

/// What a command runs with.
pub(crate) struct Ctx<'a> {
    /// The simulated PC.
    pub(crate) pc: &'a mut Pc,
    /// The console.
    pub(crate) con: &'a mut Console,
    /// Standard input from a pipe or `<`, if any.
    pub(crate) stdin: Option<String>,
    /// A question the command asks.
    pub(crate) question: Option<Question>,
    /// True when a question may wait for the learner's next line (a single command typed
    /// at the prompt); in a script or a compound line it gets its default answer.
    pub(crate) interactive: bool,
    /// Harmful moves made by the commands of this line.
    pub(crate) harms: Vec<Harm>,
    /// True when a command of this line was not recognized (or is not simulated).
    pub(crate) unrecognized: bool,
    /// True when a command of this line can change the PC.
    pub(crate) changed: bool,
    /// What the commands of this line showed, as facts (see [`Ctx::saw`]).
    pub(crate) facts: Vec<crate::assess::Fact>,
    /// True when a command of this line let the PC work on its own: waited (`wait`,
    /// `timeout`, `Start-Sleep`) or asked Windows Update to act (Check for updates,
    /// Download, Install, `UsoClient StartScan`...).
    pub(crate) waited: bool,
    /// True when a command of this line applied a repair (the troubleshooter, DISM, sfc, a
    /// time resync, a proxy or Winsock reset), whether or not it found anything to change.
    pub(crate) remedy: bool,
}

impl Ctx<'_> {
    /// Records that a command showed the learner `fact` (a service's state, an event...).
    pub(crate) fn saw(&mut self, fact: crate::assess::Fact) {
        saw(&mut self.facts, fact);
    }

    /// Resolves a typed path against the current folder.
    pub(crate) fn resolve(&self, typed: &str) -> Result<String, crate::world::path::PathError> {
        crate::world::path::resolve(&self.con.cwd, typed)
    }
}

/// Records `fact` once in `facts`: [`Ctx::saw`] for code that holds the PC and the
/// facts apart (`sc(ctx.pc, &mut ctx.facts, ...)`).
pub(crate) fn saw(facts: &mut Vec<crate::assess::Fact>, fact: crate::assess::Fact) {
    if !facts.contains(&fact) {
        facts.push(fact);
    }
}

/// What a command was given.
#[derive(Clone, Debug)]
pub(crate) struct Args<'a> {
    /// The command as typed (`SC.EXE`, `net`, `C:\Users\Admin\Desktop\reset.bat`).
    pub(crate) name: &'a str,
    /// The arguments, split at spaces; quotes group words and are removed.
    pub(crate) words: Vec<String>,
    /// Everything after the command, as it stands (quotes kept), for `echo`, `set`...
    pub(crate) raw: &'a str,
    /// The command was glued to a separator (`echo.`, `cd\`): `echo.` prints an empty line.
    pub(crate) glued: bool,
}

impl<'a> Args<'a> {
    /// Arguments from the text after the command.
    pub(crate) fn new(name: &'a str, raw: &'a str) -> Args<'a> {
        Args {
            name,
            words: words(raw),
            raw,
            glued: false,
        }
    }

    /// The arguments in lower case.
    pub(crate) fn lower(&self) -> Vec<String> {
        self.words.iter().map(|w| w.to_ascii_lowercase()).collect()
    }

    /// True when one of the words is `flag` (any case; `/` or `-`).
    pub(crate) fn has(&self, flag: &str) -> bool {
        let bare = flag.trim_start_matches(['/', '-']);
        self.words.iter().any(|w| {
            (w.starts_with('/') || w.starts_with('-')) && w[1..].eq_ignore_ascii_case(bare)
        })
    }

    /// True for `<command> /?`.
    pub(crate) fn asks_help(&self) -> bool {
        self.words.first().is_some_and(|w| w == "/?")
    }
}

/// Splits text into words: whitespace separates them; double quotes group and are removed
/// (`"Windows Update"` is one word).
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                in_word = true;
            }
            c if c.is_whitespace() && !quoted => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            c => {
                current.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(current);
    }
    words
}

/// What a command gives back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Reply {
    /// Standard output: exactly what the console shows (or what `>` writes). A question
    /// ends with its prompt, such as `(Y/N) [N]: `, as a console leaves it.
    pub(crate) text: String,
    /// Standard error (`2>` redirects it).
    pub(crate) err: String,
    /// False for a command the shell does not know (so the session can count it apart).
    pub(crate) recognized: bool,
    /// A harmful move this command made, for scoring.
    pub(crate) harm: Option<Harm>,
    /// The exit code: 0 for success; the Win32 code for `sc` failures (1060, 1056...); 2
    /// for `net` failures; 1 for PowerShell errors; 9009 for an unknown command.
    pub(crate) exit_code: i32,
    /// False for the built-ins that leave `%ERRORLEVEL%` as it was (`echo`, `rem`, `if`...).
    pub(crate) sets_errorlevel: bool,
}

impl Reply {
    /// A recognized command's output and exit code.
    pub(crate) fn new(text: impl Into<String>, exit_code: i32) -> Reply {
        Reply {
            text: text.into(),
            err: String::new(),
            recognized: true,
            harm: None,
            exit_code,
            sets_errorlevel: true,
        }
    }

    /// Success (`%ERRORLEVEL%` 0).
    pub(crate) fn ok(text: impl Into<String>) -> Reply {
        Reply::new(text, 0)
    }

    /// A failure whose message goes to standard error.
    pub(crate) fn error(text: impl Into<String>, exit_code: i32) -> Reply {
        Reply {
            err: text.into(),
            ..Reply::new("", exit_code)
        }
    }

    /// The same reply, recording a harmful move.
    pub(crate) fn with_harm(mut self, harm: Option<Harm>) -> Reply {
        self.harm = self.harm.or(harm);
        self
    }

    /// The same reply, leaving `%ERRORLEVEL%` as it was.
    pub(crate) fn keeping_errorlevel(mut self) -> Reply {
        self.sets_errorlevel = false;
        self
    }
}
