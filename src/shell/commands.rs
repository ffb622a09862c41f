//! The one command table: every command the practice shell knows, declared once — its
//! names, which kind of command it is (a cmd built-in, a program, a PowerShell cmdlet, a
//! word of the simulator or of the session), its usage, summary, help page and help topic,
//! whether it changes the PC, the words that may follow it, and how it runs.
//!
//! Everything else is derived from the table: dispatch ([`find`]), `help` and `<command> /?`
//! ([`help`]), tab completion ([`completions`]), and the list of real Windows commands that
//! wusim does not simulate (entries whose `run` is `None`, answered by [`not_simulated`]).
//! Each family of commands declares its entries beside its code (`tools/`, `builtins/`,
//! `powershell`), the way ripgrep declares each flag beside its parser.

use std::fmt::Write as _;

use super::context::{Args, Ctx, Reply};
use super::{builtins, powershell, tools};

/// How a command runs: from what it was given to what it answers.
pub(crate) type Run = fn(&mut Ctx<'_>, &Args<'_>) -> Reply;

/// One command.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Command {
    /// Names that invoke it, lower case; the first is the one `help` shows.
    pub(crate) names: &'static [&'static str],
    /// What kind of command it is.
    pub(crate) kind: Kind,
    /// How to write it, for `help`'s list.
    pub(crate) usage: &'static str,
    /// What it does, in one line.
    pub(crate) summary: &'static str,
    /// The group `help` lists it under.
    pub(crate) topic: Topic,
    /// Its help page (`help <name>`, `<name> /?`); empty for none.
    pub(crate) help: &'static str,
    /// True when it can change the PC (false for commands that only look).
    pub(crate) changes_state: bool,
    /// Words that may follow it, for tab completion (`sc` → `query`).
    pub(crate) words: &'static [&'static str],
    /// How it runs; `None` for a real Windows command wusim does not simulate.
    pub(crate) run: Option<Run>,
}

/// What kind of command an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A command built into cmd.exe (`echo`, `cd`, `set`...).
    Internal,
    /// A program in `System32` (`sc.exe`, `net.exe`, `DISM.exe`...).
    Program,
    /// A Windows PowerShell cmdlet.
    Cmdlet,
    /// A word of the simulator (`settings`, `wait`...), not a Windows command.
    Wusim,
    /// A word of the practice session (`hint`, `check`...), answered before the shell.
    Session,
}

/// The groups of `help`'s list, in the order it shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Topic {
    /// Services.
    Services,
    /// Windows Update itself.
    WindowsUpdate,
    /// PowerShell cmdlets.
    PowerShell,
    /// Files and folders.
    Files,
    /// Repair tools.
    Repair,
    /// Network and time.
    Network,
    /// The PC.
    System,
    /// cmd's scripting words.
    Scripting,
    /// The simulator's own words.
    Simulator,
    /// The session's words.
    Session,
}

impl Topic {
    fn title(self) -> &'static str {
        match self {
            Topic::Services => "Services",
            Topic::WindowsUpdate => "Windows Update",
            Topic::PowerShell => "PowerShell",
            Topic::Files => "Files and folders",
            Topic::Repair => "Repair tools",
            Topic::Network => "Network and time",
            Topic::System => "The PC",
            Topic::Scripting => "cmd and batch files",
            Topic::Simulator => "Simulator (not Windows commands)",
            Topic::Session => "Session (not Windows commands)",
        }
    }
}

/// Every family's entries, in the order `help` lists them within a topic.
fn families() -> impl Iterator<Item = &'static [Command]> {
    builtins::FAMILIES
        .iter()
        .chain(tools::FAMILIES)
        .chain(std::iter::once(&powershell::COMMANDS))
        .copied()
}

/// Every command.
pub(crate) fn all() -> impl Iterator<Item = &'static Command> {
    families().flatten()
}

/// The command a (lower-case) program name names.
pub(crate) fn find(name: &str) -> Option<&'static Command> {
    all().find(|c| c.names.contains(&name))
}

/// The program a typed word names: lower case, without a folder or a trailing `.exe` or
/// `.com` (`C:\Windows\System32\SC.EXE` is `sc`).
pub(crate) fn program_name(word: &str) -> String {
    let base = word.rsplit(['\\', '/']).next().unwrap_or(word);
    let lower = base.to_ascii_lowercase();
    for ext in [".exe", ".com"] {
        if let Some(stem) = lower.strip_suffix(ext)
            && !stem.is_empty()
        {
            return stem.to_string();
        }
    }
    lower
}

/// The answer to a real Windows command that wusim does not simulate: one consistent note,
/// and nothing changes.
pub(crate) fn not_simulated(name: &str) -> Reply {
    Reply {
        recognized: false,
        ..Reply::error(
            format!(
                "(wusim: '{name}' is a real Windows command, but the practice shell does not simulate it. Nothing was changed. Type 'help' to see the commands you can use.)\n"
            ),
            9009,
        )
    }
}

/// `help` and `help <command>`.
pub(crate) fn help(topic: Option<&str>) -> Reply {
    let Some(topic) = topic.map(str::trim).filter(|t| !t.is_empty()) else {
        return Reply::ok(overview());
    };
    let key = program_name(topic.split_whitespace().next().unwrap_or_default());
    match find(&key) {
        Some(c) if c.run.is_none() => Reply::ok(format!(
            "{} is a real Windows command that the practice shell does not simulate.\n",
            c.names[0]
        )),
        Some(c) => Reply::ok(page(c)),
        None => Reply::new(
            format!(
                "(wusim: there is no help for '{topic}'. Type 'help' to see the commands you can use.)\n"
            ),
            1,
        ),
    }
}

/// A command's help page: its own, or its usage and summary.
pub(crate) fn page(c: &Command) -> String {
    if c.help.is_empty() {
        format!("{}\n  {}.\n", c.usage, c.summary)
    } else {
        c.help.to_string()
    }
}

/// The width of the usage column in the `help` list.
const USAGE_WIDTH: usize = 50;

fn overview() -> String {
    let mut out = String::from(
        "Commands you can type (case does not matter; 'help <command>' or '<command> /?' tells more about one):\n",
    );
    let mut topics: Vec<Topic> = all().filter(|c| c.run.is_some()).map(|c| c.topic).collect();
    topics.sort();
    topics.dedup();
    for topic in topics {
        let _ = write!(out, "\n{}\n", topic.title());
        for c in all().filter(|c| c.topic == topic && c.run.is_some()) {
            let _ = writeln!(out, "  {:<USAGE_WIDTH$} {}", c.usage, c.summary);
        }
    }
    let mut missing: Vec<&str> = all()
        .filter(|c| c.run.is_none())
        .map(|c| c.names[0])
        .collect();
    missing.sort_unstable();
    let _ = write!(
        out,
        "\nReal Windows commands the practice shell knows of but does not simulate:\n  {}\n",
        missing.join(", ")
    );
    out
}

/// Tab completion: each command name, and each name followed by one of its words.
pub(crate) fn completions() -> Vec<String> {
    let mut out = Vec::new();
    for c in all() {
        for name in c.names {
            out.push(name.to_string());
            for word in c.words {
                out.push(format!("{name} {word}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_lower_case_and_names_one_command() {
        let mut seen: Vec<&str> = Vec::new();
        for c in all() {
            assert!(!c.names.is_empty());
            for name in c.names {
                assert_eq!(*name, name.to_ascii_lowercase(), "{name}");
                assert!(!seen.contains(name), "{name} is declared twice");
                seen.push(name);
            }
            assert!(
                c.run.is_none() || !c.usage.is_empty() && !c.summary.is_empty(),
                "{}",
                c.names[0]
            );
        }
    }

    #[test]
    fn every_usage_fits_its_column() {
        for c in all().filter(|c| c.run.is_some()) {
            assert!(c.usage.len() <= USAGE_WIDTH, "{} is too wide", c.usage);
        }
    }

    #[test]
    fn every_simulated_command_is_in_the_help_list_and_has_a_page() {
        let list = overview();
        for c in all().filter(|c| c.run.is_some()) {
            assert!(list.contains(c.usage), "{} missing from help", c.names[0]);
            assert!(help(Some(c.names[0])).exit_code == 0, "{}", c.names[0]);
        }
        for c in all().filter(|c| c.run.is_none()) {
            assert!(
                list.contains(c.names[0]),
                "{} not listed as not simulated",
                c.names[0]
            );
        }
    }

    #[test]
    fn program_names_drop_folders_and_extensions() {
        assert_eq!(program_name("SC.EXE"), "sc");
        assert_eq!(program_name("C:\\Windows\\System32\\net.exe"), "net");
        assert_eq!(program_name("services.msc"), "services.msc");
        assert_eq!(program_name(".exe"), ".exe");
    }
}
