//! The practice shell: an elevated Command Prompt on the simulated PC.
//!
//! A [`Shell`] takes one line as a technician types or pastes it — `sc query wuauserv`,
//! `net stop bits & net stop wuauserv`, `if exist %windir%\SoftwareDistribution.old rd /s /q
//! ...`, `reset.bat` — runs it the way cmd.exe runs it, and answers with the text Windows
//! would print. It is pure: a line and a PC in, an [`Output`] out; it never touches the
//! computer it runs on (no files, no processes, no clock): every path names a file of the
//! simulated PC.
//!
//! How it is built:
//! - [`cmd`] is the interpreter: `%VAR%` expansion, operators, redirections, `IF`, `FOR`,
//!   batch files;
//! - [`commands`] is the one table of every command, which drives dispatch, `help`, tab
//!   completion and the list of real commands wusim does not simulate;
//! - [`builtins`] are cmd's own commands, [`tools`] the Windows programs and the
//!   simulator's words, [`powershell`] the cmdlets; [`render`] writes Windows-shaped text.
//!
//! Simulated time passes where the real command takes time (`net start` waits for the
//! service, DISM takes its minutes, a restart takes the PC down and up again), and after
//! every non-empty line [`TYPING_TIME`] passes: the moment a person takes to read the output
//! and type the next line. Lines run from a batch file cost no typing time.
//!
//! Between lines the shell remembers the console (current folder, environment,
//! `%ERRORLEVEL%`...), at most one question waiting for its answer (`net stop`'s "(Y/N)
//! [N]:", `rd /s`'s "Are you sure (Y/N)?", `pause`...), and an unfinished block (`More?`).
//!
//! ```
//! use wusim::pc::Pc;
//! use wusim::shell::Shell;
//!
//! let mut pc = Pc::builder().seed(1).build();
//! let mut shell = Shell::new(&pc);
//! let output = shell.execute(&mut pc, "net stop wuauserv");
//! assert_eq!(
//!     output.text,
//!     "The Windows Update service is not started.\n\nMore help is available by typing NET HELPMSG 3521.\n\n"
//! );
//! assert_eq!(output.exit_code, 2);
//! ```

pub(crate) mod builtins;
pub(crate) mod cmd;
pub(crate) mod commands;
pub(crate) mod context;
mod harm;
pub(crate) mod names;
pub(crate) mod powershell;
pub(crate) mod render;
pub(crate) mod seen;
pub(crate) mod tools;

#[cfg(test)]
mod facts_tests;

pub use harm::Harm;

use cmd::Sink;
use context::{Console, Control, Ctx, Reply};

use crate::assess::Fact;
use crate::engine::SimDuration;
use crate::pc::Pc;
use crate::scm::ServiceId;

/// The simulated time a line takes to read and type: it passes after each non-empty line,
/// so `sc start wuauserv` followed by `sc query wuauserv` finds the service running, as it
/// would at a real keyboard.
pub const TYPING_TIME: SimDuration = SimDuration::from_secs(2);

/// What the shell answers to one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// Exactly what the console shows. A question ends with its prompt, such as
    /// `(Y/N) [N]: `, as a console leaves it.
    pub text: String,
    /// False when a command of the line was not recognized or is not simulated (so the
    /// session can count it apart).
    pub recognized: bool,
    /// Harmful moves the line made, for scoring.
    pub harms: Vec<Harm>,
    /// True when a command of the line can change the PC (false when all of them only
    /// look, like `sc query` or `dir`).
    pub changes_state: bool,
    /// `%ERRORLEVEL%` after the line.
    pub exit_code: i32,
    /// What the line showed the learner, as facts (a service's state, an event, a code the
    /// PC reported...), for the assessment.
    pub facts: Vec<Fact>,
    /// True when the line let the PC work on its own: waited (`wait`, `timeout`,
    /// `Start-Sleep`) or asked Windows Update to act (Check for updates, Download, Install,
    /// `UsoClient StartScan`...): what changes meanwhile is the simulation's doing.
    pub waited: bool,
    /// True when the line applied a repair (the troubleshooter, DISM, sfc, a time resync, a
    /// proxy or Winsock reset), even one that found nothing to change: a remedy tried is a
    /// move, not a look.
    pub remedy: bool,
}

/// A question the shell has asked and waits to have answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Question {
    /// `net stop` of a service with running dependents: stop them all?
    NetStop(ServiceId),
    /// The Services console's "Stop Other Services" dialog, for a Stop or a Restart.
    ConsoleStop {
        /// The service stopped (or restarted).
        id: ServiceId,
        /// It is a Restart: start it (and its dependents) again after.
        restart: bool,
    },
    /// `rd /s` without `/q`, or `Remove-Item` without `-Recurse`: remove the folder?
    /// `default_yes` for PowerShell's confirmation, whose default is Yes.
    Remove {
        /// The full path.
        path: String,
        /// Pressing Enter alone means yes.
        default_yes: bool,
    },
    /// `del` of a folder's files or of `*`: delete them?
    Delete {
        /// The files.
        files: Vec<String>,
        /// `/f`.
        force: bool,
        /// `/s`: list each file deleted.
        recurse: bool,
    },
    /// Disk Cleanup's confirmation.
    Cleanup,
    /// `pause`: any key.
    Pause,
    /// `date`: the new date (Enter keeps it).
    Date,
    /// `time`: the new time (Enter keeps it).
    Time,
    /// `set /p name=`: a value for the variable.
    SetP(String),
    /// `reg add` or `reg delete` without `/f`: Yes or No.
    Reg(tools::reg::RegQuestion),
}

/// The answer a script gets for a question it cannot wait on: the question's default.
pub(crate) fn default_answer(question: &Question) -> &'static str {
    match question {
        Question::NetStop(_)
        | Question::ConsoleStop { .. }
        | Question::Remove { .. }
        | Question::Delete { .. }
        | Question::Reg(_) => "N",
        Question::Cleanup => "Y",
        Question::Pause | Question::Date | Question::Time | Question::SetP(_) => "",
    }
}

/// Takes a line as the answer to `question`.
pub(crate) fn answer_question(ctx: &mut Ctx<'_>, question: Question, line: &str) -> Reply {
    let answer = line.trim().to_ascii_lowercase();
    let yes = matches!(answer.as_str(), "y" | "yes");
    match question {
        Question::NetStop(id) => tools::net::stop_answer(ctx.pc, id, yes),
        Question::ConsoleStop { id, restart } => {
            tools::services_msc::stop_answer(ctx.pc, id, restart, yes)
        }
        Question::Remove { path, default_yes } => {
            let yes = yes || answer == "a" || (default_yes && answer.is_empty());
            powershell::remove_answer(ctx, &path, yes)
        }
        Question::Delete {
            files,
            force,
            recurse,
        } => {
            if yes {
                builtins::files::delete_files(ctx, &files, force, recurse)
            } else {
                Reply::ok("")
            }
        }
        Question::Cleanup => tools::cleanmgr::answer(ctx, yes),
        Question::Pause => Reply::ok("").keeping_errorlevel(),
        Question::Date => builtins::clock::answer(ctx, true, line),
        Question::Time => builtins::clock::answer(ctx, false, line),
        Question::SetP(name) => {
            if !line.is_empty() {
                ctx.con.env.set(&name, line);
            }
            Reply::ok("")
        }
        Question::Reg(question) => tools::reg::answer(ctx, question, yes),
    }
}

/// The practice shell: one Command Prompt window.
#[derive(Clone, Debug)]
pub struct Shell {
    console: Console,
    question: Option<Question>,
    /// The lines of a block still open (`More?`, or PowerShell's `>>`).
    pending: Option<String>,
    /// The window is Windows PowerShell (a new one opens as PowerShell after `exit`).
    powershell_window: bool,
}

impl Shell {
    /// An elevated Command Prompt on `pc`, in `C:\WINDOWS\system32`.
    pub fn new(pc: &Pc) -> Self {
        Shell {
            console: Console::new(pc),
            question: None,
            pending: None,
            powershell_window: false,
        }
    }

    /// An elevated Windows PowerShell window on `pc`, in `C:\WINDOWS\system32`.
    pub fn new_powershell(pc: &Pc) -> Self {
        let mut shell = Shell::new(pc);
        shell.console.ps = Some(Box::new(powershell::PsState {
            last_ok: true,
            ..powershell::PsState::default()
        }));
        shell.powershell_window = true;
        shell
    }

    /// The prompt before the next line: `C:\WINDOWS\system32>` (cmd),
    /// `PS C:\WINDOWS\system32> ` (PowerShell), `More? ` or `>> ` inside an open block,
    /// nothing while a question waits.
    pub fn prompt(&self) -> String {
        if self.question.is_some() {
            String::new()
        } else if self.pending.is_some() {
            if self.is_powershell() {
                ">> "
            } else {
                "More? "
            }
            .to_string()
        } else if self.is_powershell() {
            format!("PS {}> ", self.console.cwd)
        } else {
            format!("{}>", self.console.cwd)
        }
    }

    /// True at PowerShell's prompt, false at cmd's.
    pub fn is_powershell(&self) -> bool {
        self.console.ps.is_some()
    }

    /// True when the next line is a new command: no question waits and no block is open.
    pub fn at_prompt(&self) -> bool {
        self.question.is_none() && self.pending.is_none()
    }

    /// The current folder.
    pub fn current_dir(&self) -> &str {
        &self.console.cwd
    }

    /// True while the shell waits for the answer to a question: the next
    /// [`Shell::execute`] takes its line as the answer.
    pub fn awaiting_answer(&self) -> bool {
        self.question.is_some()
    }

    /// The service whose "Stop Other Services" box (the Services console's) waits for Yes
    /// or No, if that is the question.
    pub fn console_stop_question(&self) -> Option<crate::scm::ServiceId> {
        match self.question {
            Some(Question::ConsoleStop { id, .. }) => Some(id),
            _ => None,
        }
    }

    /// Runs one line against the PC. Never panics or hangs, whatever the line. After a
    /// non-empty line, [`TYPING_TIME`] passes on the PC.
    pub fn execute(&mut self, pc: &mut Pc, line: &str) -> Output {
        let mut sink = Sink::default();
        let mut ctx = Ctx {
            pc: &mut *pc,
            con: &mut self.console,
            stdin: None,
            question: None,
            interactive: true,
            harms: Vec::new(),
            unrecognized: false,
            changed: false,
            facts: Vec::new(),
            waited: false,
            remedy: false,
        };
        ctx.con.steps = 0;
        ctx.con.control = Control::Next;
        if let Some(question) = self.question.take() {
            let reply = answer_question(&mut ctx, question, line);
            cmd::finish(&mut ctx, reply, &mut sink);
        } else {
            let text = match self.pending.take() {
                Some(mut open) => {
                    open.push('\n');
                    open.push_str(line);
                    open
                }
                None => line.to_string(),
            };
            let open = if ctx.con.ps.is_some() {
                powershell::is_open(&text)
            } else {
                cmd::parse::is_open(&text)
            };
            if open {
                self.pending = Some(text);
            } else {
                run_line(&mut ctx, &text, &mut sink);
            }
        }
        self.question = ctx.question.take();
        let (harms, recognized, changes_state, mut facts, waited, remedy) = (
            std::mem::take(&mut ctx.harms),
            !ctx.unrecognized,
            ctx.changed,
            std::mem::take(&mut ctx.facts),
            ctx.waited,
            ctx.remedy,
        );
        if ctx.con.control == Control::ExitConsole {
            let exit_code = ctx.con.errorlevel;
            self.question = None;
            if self.powershell_window {
                *self = Shell::new_powershell(pc);
                self.console.errorlevel = exit_code;
                sink.out(&format!(
                    "(wusim: exit closed Windows PowerShell. A new one is open, run as administrator.)\n\n{}",
                    powershell::script::BANNER
                ));
            } else {
                self.console = Console::new(pc);
                self.console.errorlevel = exit_code;
                sink.out(&format!(
                    "(wusim: exit closed the Command Prompt. A new one is open, run as administrator.)\n\nMicrosoft Windows [Version 10.0.{}]\n(c) Microsoft Corporation. All rights reserved.\n",
                    pc.device().os.build_string()
                ));
            }
        }
        self.console.control = Control::Next;
        if !line.trim().is_empty() {
            pc.run_for(TYPING_TIME);
        }
        let text = sink.text();
        if !explains(line) {
            facts.extend(crate::assess::codes_in(&text).into_iter().map(Fact::Code));
        }
        facts.sort();
        facts.dedup();
        Output {
            text,
            recognized,
            harms,
            changes_state,
            exit_code: self.console.errorlevel,
            facts,
            waited,
            remedy,
        }
    }

    /// Command names for tab completion: every command, and every command followed by one
    /// of its words (`sc query`).
    pub fn command_names() -> Vec<String> {
        commands::completions()
    }
}

/// True when a line asks wusim to explain a code (`explain 0x80070422`, `help`): the codes
/// it shows come from the learner, not from the PC.
fn explains(line: &str) -> bool {
    let word = line
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(word.as_str(), "explain" | "help" | "get-help")
}

/// A line typed at the prompt: PowerShell's when its prompt is open, else cmd's.
fn run_line(ctx: &mut Ctx<'_>, line: &str, sink: &mut Sink) {
    if ctx.con.ps.is_some() {
        powershell::run_line(ctx, line, sink);
    } else {
        cmd::run_typed(ctx, line.trim_start(), sink);
    }
}
