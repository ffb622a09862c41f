//! The command line: what the user can type (clap derive; each doc comment is the help text)
//! and how each command is carried out.
//!
//! This module and `main.rs` are the only places that touch the outside world: the terminal,
//! files, the environment. They turn what the user typed into library values (a `Pc`, a code),
//! and the library's answers into text or JSON. Colour goes through `anstream`, which drops it
//! when the output is not a terminal or `NO_COLOR` is set.
#![allow(clippy::disallowed_methods)]

mod bar;
mod explain;
mod files;
mod fleet;
mod fleet_plot;
mod grade;
mod graph;
mod gui;
mod list;
mod play;
mod progress;
mod render;
mod run;
mod scenarios;
mod services;
mod sessions;
mod test;
mod validate;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

/// What a command found, which decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// It did what was asked (exit 0).
    Done,
    /// It ran, but the answer is "no": an unknown code, an unsolved scenario, a scenario
    /// with problems (exit 1).
    NotFound,
}

impl Outcome {
    /// The process exit code for this outcome.
    pub(crate) fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Done => ExitCode::SUCCESS,
            Outcome::NotFound => ExitCode::from(1),
        }
    }
}

/// Learn to fix Windows Update by fixing it, on a simulated PC.
///
/// wusim models the Windows Update stack (the Windows Update and Update Orchestrator services,
/// BITS, Cryptographic Services and the rest, under a Service Control Manager) on a simulated
/// PC. It never touches the computer it runs on.
#[derive(Debug, Parser)]
#[command(name = "wusim", version, propagate_version = true)]
pub(crate) struct Args {
    /// Seed for the simulation's randomness: the same seed gives the same run (default: the
    /// scenario's own seed, or 0).
    #[arg(long, global = true, value_name = "N")]
    seed: Option<u64>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Play a scenario in the practice shell: the next unsolved one, a built-in one by id,
    /// or a scenario file.
    ///
    /// Type real Windows commands (sc, net, Get-Service, services.msc, UsoClient,
    /// settings...) at the simulated PC; `help` lists them, `hint` gives a hint, `quit`
    /// leaves. Without a terminal, reads the commands line by line from standard input.
    Play {
        /// A built-in scenario id (see `wusim list`) or a path to a .toml file. A built-in id
        /// wins over a same-named file or folder here; write ./NAME to mean the file.
        scenario: Option<String>,
        /// A file to copy onto the simulated user's Desktop before you start (repeatable):
        /// a .bat or .cmd script to run there, for example. Text only, at most 1 MiB.
        #[arg(long = "file", value_name = "FILE")]
        files: Vec<String>,
        /// Play in the browser instead of the terminal, as `wusim gui` does.
        #[arg(long)]
        gui: bool,
        /// With --gui: the port to listen on at 127.0.0.1 (default: a free one).
        #[arg(long, requires = "gui", value_name = "PORT")]
        port: Option<u16>,
        #[command(flatten)]
        session: SessionArgs,
    },
    /// Play a scenario in your browser: the Services console, Settings > Windows Update, the
    /// troubleshooter, Event Viewer and a terminal, on one simulated PC.
    ///
    /// wusim serves the page on 127.0.0.1 only and prints its address with a secret token;
    /// open it yourself (wusim launches nothing). Every click is a step of the same session
    /// as typed commands: scored, recorded and graded alike. Quit in the page, or close its
    /// last tab, to stop.
    Gui {
        /// A built-in scenario id (see `wusim list`) or a path to a .toml file; the next
        /// unsolved one if none.
        scenario: Option<String>,
        /// A file to copy onto the simulated user's Desktop first (repeatable).
        #[arg(long = "file", value_name = "FILE")]
        files: Vec<String>,
        /// The port to listen on at 127.0.0.1 (default: a free one).
        #[arg(long, value_name = "PORT")]
        port: Option<u16>,
        #[command(flatten)]
        session: SessionArgs,
    },
    /// List the scenarios with your status (not started, attempted, solved and best score).
    List {
        /// Print the list as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Run a scenario non-interactively with the commands of a script, printing the
    /// transcript. Exit code 0 when the ticket is solved: the goal met and the cause diagnosed.
    Run {
        /// A built-in scenario id or a path to a .toml file (a built-in id wins over a
        /// same-named file or folder here; write ./NAME to mean the file).
        scenario: String,
        /// The script: a .bat or .cmd file (copied onto the simulated Desktop and run as a
        /// batch file), a .ps1 file (copied there and run as `powershell -ExecutionPolicy
        /// Bypass -File <path>`), a text file with one command per line, or `-` for standard
        /// input.
        #[arg(long, value_name = "FILE|-", required_unless_present = "commands")]
        script: Option<String>,
        /// A command to run (repeatable); with --script, after it:
        /// `-c "net start usosvc" -c "wait 2h"`.
        #[arg(short = 'c', long = "command", value_name = "COMMAND")]
        commands: Vec<String>,
        /// A file to copy onto the simulated user's Desktop first (repeatable). Text only,
        /// at most 1 MiB.
        #[arg(long = "file", value_name = "FILE")]
        files: Vec<String>,
        /// Print the result (solved, score, commands, time, hints, events, the debrief) as
        /// JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        session: SessionArgs,
    },
    /// Grade session files by replaying them (a stored score is never trusted): one file
    /// prints its score and debrief; several, or a folder, make a class report.
    ///
    /// Every `wusim play` and `wusim run` records a session file in the data folder's
    /// `sessions/` (and where `--record` says). Grading never writes progress.
    Grade {
        /// Session files, or folders of them.
        #[arg(required = true)]
        paths: Vec<std::path::PathBuf>,
        /// One CSV row per file: learner, scenario, solved, score, diagnosis, evidence,
        /// hints, harmful moves, commands, simulated time.
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        /// The rows as JSON, each with its debrief.
        #[arg(long)]
        json: bool,
    },
    /// Test a remediation script (.bat, .cmd, .ps1, or a .txt of lines) on 1,000 drawn
    /// broken PCs: does it fix them, do no harm, run twice safely, run clean?
    ///
    /// Each PC (random faults, Windows version, hardware, disk, network, time) is played
    /// three times: the script then a user's follow-up (check for updates, wait, restart,
    /// check), the script twice then the follow-up, and the follow-up alone (so a fix the
    /// restart would bring gets no credit). Harm is judged as learners are judged. A failing
    /// property is shrunk to the simplest PC that still fails and printed as a scenario file
    /// `wusim play` opens. The same seed gives the same report, whatever the thread count.
    /// Exit 0 when every property holds, 1 when one fails, 2 on usage or script errors.
    /// Writes nothing but the --junit file.
    Test(test::Request),
    /// Plan update rings on a simulated fleet: thousands of PCs on the same model as one, in
    /// Windows Update for Business rings, sharing one update server and their Delivery
    /// Optimization peers.
    ///
    /// Reads a fleet file (the mix of PCs, the rings, the server's capacity, a bad release,
    /// the admin's timed actions; `--example` prints one) and prints, per ring, the share on
    /// the newest update day by day, the days to 50/90/95 %, the failures with their codes,
    /// and the server's load. The same seed gives the same output, whatever the thread count.
    /// A fleet file with an [exercise] table is graded (exit 1 when a goal is missed).
    Fleet(fleet::Request),
    /// Check scenario files: every problem with its place, then play them (the reference
    /// solution must meet the goal; the start and a week of waiting must not).
    ///
    /// With no argument, checks every built-in scenario.
    Validate {
        /// Scenario files or folders of them.
        paths: Vec<std::path::PathBuf>,
    },
    /// Explain a Windows Update or service error code: what it means, where it comes from,
    /// and the usual remedies.
    ///
    /// The code can be hex (0x80070422, 80070422), decimal (2147943458, -2147023838) or a
    /// Win32 error number (1058).
    Explain {
        /// The error code.
        #[arg(allow_negative_numbers = true)]
        code: String,
        /// Print the entry as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List every error code wusim knows.
    Codes {
        /// Print the catalog as JSON.
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// Print the catalog as the book's reference page (Markdown).
        #[arg(long)]
        markdown: bool,
    },
    /// Show the service dependency graph.
    Graph {
        /// Output format: an indented tree, or Graphviz DOT.
        #[arg(long, value_enum, default_value_t = GraphFormat::Text)]
        format: GraphFormat,
    },
    /// List the services of a default, healthy simulated PC as the Services console does.
    Services {
        /// Print the services as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `wusim man > wusim.1`.
    Man,
}

/// The options of a practice session (`play`, `run`).
#[derive(Debug, Clone, clap::Args)]
struct SessionArgs {
    /// Play this variant of the scenario (by id) instead of the one the seed draws.
    #[arg(long, value_name = "ID")]
    variant: Option<String>,
    /// Live coaching notes after harmful or collateral moves (default: on for beginner and
    /// intermediate scenarios); `off` for exams.
    #[arg(long, value_enum, value_name = "on|off")]
    coach: Option<Switch>,
    /// Your name, recorded in the session file for your instructor.
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    /// Also write the session file here (it always goes to the data folder's `sessions/`).
    #[arg(long, value_name = "FILE")]
    record: Option<std::path::PathBuf>,
}

/// On or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Switch {
    /// On.
    On,
    /// Off.
    Off,
}

/// How `wusim graph` prints the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormat {
    /// Each service followed, indented, by the services that depend on it.
    Text,
    /// Graphviz DOT, for `dot -Tsvg`.
    Dot,
}

/// Carries out a command.
pub(crate) fn run(args: Args) -> Result<Outcome, String> {
    let mut out = anstream::stdout().lock();
    let result = match args.command {
        Command::Explain { code, json } => explain::explain(&mut out, &code, json),
        Command::Codes { json, markdown } => explain::list(&mut out, json, markdown),
        Command::Graph { format } => graph::graph(&mut out, format),
        Command::Services { json } => services::services(&mut out, args.seed.unwrap_or(0), json),
        Command::Play {
            scenario,
            files,
            gui: false,
            session,
            ..
        } => read_files(&files).and_then(|files| {
            let start = session.start(args.seed, files);
            play::play(&mut out, scenario.as_deref(), start, &session.recording())
        }),
        Command::Play {
            scenario,
            files,
            port,
            session,
            gui: true,
        }
        | Command::Gui {
            scenario,
            files,
            port,
            session,
        } => read_files(&files).and_then(|files| {
            let start = session.start(args.seed, files);
            gui::gui(
                &mut out,
                scenario.as_deref(),
                start,
                &session.recording(),
                port.unwrap_or(0),
            )
        }),
        Command::List { json } => list::list(&mut out, json),
        Command::Run {
            scenario,
            script,
            commands,
            files,
            json,
            session,
        } => read_files(&files).and_then(|mut files| {
            let mut lines = match script {
                Some(script) => run::read_script(&script, &mut files)?,
                None => Vec::new(),
            };
            lines.extend(commands);
            let start = session.start(args.seed, files);
            run::run(
                &mut out,
                &scenario,
                &lines,
                start,
                &session.recording(),
                json,
            )
        }),
        Command::Grade { paths, csv, json } => {
            let format = if csv {
                grade::Format::Csv
            } else if json {
                grade::Format::Json
            } else {
                grade::Format::Text
            };
            grade::grade(&mut out, &paths, format)
        }
        Command::Validate { paths } => validate::validate(&mut out, &paths),
        Command::Test(request) => test::test(&mut out, request, args.seed),
        Command::Fleet(request) => fleet::fleet(&mut out, request, args.seed),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Args::command(), "wusim", &mut out);
            Ok(Outcome::Done)
        }
        Command::Man => clap_mangen::Man::new(Args::command())
            .render(&mut out)
            .map(|()| Outcome::Done)
            .map_err(CliError::from),
    };
    match result {
        Ok(outcome) => Ok(outcome),
        // The reader went away (`wusim codes | head`): not an error.
        Err(CliError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(Outcome::Done),
        Err(e) => {
            let _ = out.flush();
            Err(e.to_string())
        }
    }
}

impl SessionArgs {
    /// How the session starts.
    fn start(&self, seed: Option<u64>, files: Vec<(String, String)>) -> wusim::session::Options {
        wusim::session::Options {
            seed,
            variant: self.variant.clone(),
            files,
            coach: self.coach.map(|c| c == Switch::On),
        }
    }

    /// Where the session file goes.
    fn recording(&self) -> sessions::Recording {
        sessions::Recording {
            name: self.name.clone(),
            file: self.record.clone(),
        }
    }
}

/// The `--file` files: name and text each.
fn read_files(paths: &[String]) -> Result<Vec<(String, String)>, CliError> {
    paths.iter().map(|p| files::read_text_file(p)).collect()
}

/// What can go wrong in a command.
#[derive(Debug)]
enum CliError {
    /// Bad input, with a message naming what was wrong and what would be right.
    Input(String),
    /// Writing the output failed.
    Io(std::io::Error),
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Io(e)
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Input(message) => f.write_str(message),
            CliError::Io(e) => write!(f, "could not write the output: {e}"),
        }
    }
}

type CliResult = Result<Outcome, CliError>;

/// Writes `value` as pretty JSON and a newline.
fn write_json(out: &mut impl Write, value: &impl serde::Serialize) -> CliResult {
    serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(Outcome::Done)
}

/// A Windows version as scenario files name it (`windows-10-22h2`...).
fn parse_windows(text: &str) -> Result<wusim::device::WindowsVersion, String> {
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .map_err(|_| "give windows-10-22h2, windows-11-23h2 or windows-11-24h2".to_string())
}
