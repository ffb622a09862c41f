//! Windows PowerShell cmdlets at the practice prompt: `Get-Service`, `Start-Service`,
//! `Stop-Service`, `Restart-Service`, `Set-Service`, `Get-HotFix`, `Get-WinEvent`,
//! `Get-WindowsUpdateLog`, `Restart-Computer`, `Rename-Item`, `Remove-Item`, `Get-Help`.
//!
//! A line typed at the prompt whose first word is a cmdlet is read the PowerShell way
//! (single or double quotes, `-Name` parameters bound as PowerShell binds them, a pipe into
//! `Select-String`, `findstr` or `more`) and answered with PowerShell's text and error
//! blocks. Simplification (until the PowerShell prompt of its own arrives): cmd and
//! PowerShell share the prompt this way; in a batch file cmd does not run cmdlets.
//!
//! [`cmdlet`] binds parameters; [`services`] runs the service cmdlets; [`logs`] the
//! read-only ones; [`items`] the file ones.

pub(crate) mod cmdlet;
mod items;
mod logs;
mod services;

#[cfg(test)]
mod tests;

use cmdlet::CmdletKind;

use super::commands::{Command, Kind, Topic};
use super::context::{Args, Ctx, Reply};
use super::render;

/// The cmdlets' entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[
    cmdlet(
        &["get-service", "gsv"],
        "Get-Service [<name>|wu*]",
        "Services with their status",
        GET_SERVICE,
        false,
    ),
    cmdlet(
        &["start-service", "sasv"],
        "Start-Service <name>",
        "Start a service and wait",
        CONTROL,
        true,
    ),
    cmdlet(
        &["stop-service", "spsv"],
        "Stop-Service <name> [-Force]",
        "Stop a service (-Force: its dependents too)",
        CONTROL,
        true,
    ),
    cmdlet(
        &["restart-service"],
        "Restart-Service <name> [-Force]",
        "Stop a service, then start it again",
        CONTROL,
        true,
    ),
    cmdlet(
        &["set-service"],
        "Set-Service <name> -StartupType <type>",
        "Automatic, Manual, Disabled (5.1 has no delayed start)",
        SET_SERVICE,
        true,
    ),
    cmdlet(
        &["get-hotfix"],
        "Get-HotFix",
        "The installed updates",
        GET_HOTFIX,
        false,
    ),
    cmdlet(
        &["get-winevent"],
        "Get-WinEvent -LogName <log> [-MaxEvents N]",
        "Events: System, Microsoft-Windows-WindowsUpdateClient/Operational",
        GET_WINEVENT,
        false,
    ),
    cmdlet(
        &["get-windowsupdatelog"],
        "Get-WindowsUpdateLog",
        "Build WindowsUpdate.log and show what it says",
        GET_WINDOWS_UPDATE_LOG,
        false,
    ),
    cmdlet(
        &["restart-computer"],
        "Restart-Computer",
        "Restart the PC",
        RESTART_COMPUTER,
        true,
    ),
    cmdlet(
        &["rename-item", "rni"],
        "Rename-Item <path> <new name>",
        "Rename a folder",
        RENAME_ITEM,
        true,
    ),
    cmdlet(
        &["remove-item"],
        "Remove-Item <path> -Recurse",
        "Delete a folder",
        REMOVE_ITEM,
        true,
    ),
    cmdlet(
        &["get-help"],
        "Get-Help <command>",
        "The help page of a command",
        "",
        false,
    ),
];

const fn cmdlet(
    names: &'static [&'static str],
    usage: &'static str,
    summary: &'static str,
    help: &'static str,
    changes_state: bool,
) -> Command {
    Command {
        names,
        kind: Kind::Cmdlet,
        usage,
        summary,
        topic: Topic::PowerShell,
        help,
        changes_state,
        words: &[],
        run: Some(run),
    }
}

/// A cmdlet reached through the command table: its name and arguments as one statement.
fn run(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let statement = format!("{} {}", args.name, args.raw);
    run_line(ctx, statement.trim())
}

/// True when `word` names a cmdlet the shell knows (or one of its aliases).
pub(crate) fn is_cmdlet(word: &str) -> bool {
    CmdletKind::find(&word.to_ascii_lowercase()).is_some()
}

/// True for a `Verb-Noun` word: a cmdlet name, known or not.
pub(crate) fn is_cmdlet_name(word: &str) -> bool {
    match word.split_once('-') {
        Some((verb, noun)) => {
            verb.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && noun.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        }
        None => false,
    }
}

/// Runs a PowerShell line: a cmdlet, possibly piped into a filter.
pub(crate) fn run_line(ctx: &mut Ctx<'_>, line: &str) -> Reply {
    let (left, right) = split_pipe(line);
    let filter = right.map(parse_filter);
    if let Some(Filter::Unsupported(target)) = &filter {
        let mut reply = Reply::new(
            format!(
                "(wusim: the practice shell can pipe a cmdlet's output only into findstr, Select-String or more, not '{target}'.)\n"
            ),
            1,
        );
        reply.recognized = false;
        return reply;
    }
    let words = words(left);
    let statement = left.trim();
    let Some(first) = words.first() else {
        return Reply::ok("");
    };
    let program = first.to_ascii_lowercase();
    let args = &words[1..];
    let reply = match cmdlet::parse(&program, args, statement) {
        Some(cmdlet) => services::run(ctx.pc, &cmdlet, &mut ctx.question),
        None => {
            let mut text = render::ps_not_recognized(first, statement);
            text.push_str("(wusim: type 'help' to see the commands you can use.)\n");
            Reply {
                recognized: false,
                ..Reply::new(text, 1)
            }
        }
    };
    match filter {
        Some(filter) if ctx.question.is_none() => apply_filter(reply, &filter),
        _ => reply,
    }
}

/// What the output of a cmdlet is piped into.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Filter {
    /// `| findstr [/i] text` or `| Select-String text`: only the lines containing the text.
    Lines { pattern: String, ignore_case: bool },
    /// `| more`: everything.
    All,
    /// A pipe into something the practice shell does not simulate.
    Unsupported(String),
}

/// Splits a line into words the PowerShell way: whitespace separates them; double and single
/// quotes group and are removed.
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => current.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                in_word = true;
            }
            None if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            None => {
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

/// The part before the first `|` outside quotes, and the part after it.
fn split_pipe(line: &str) -> (&str, Option<&str>) {
    let mut quote: Option<char> = None;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '|' => return (&line[..i], Some(&line[i + c.len_utf8()..])),
            None => {}
        }
    }
    (line, None)
}

fn parse_filter(text: &str) -> Filter {
    let w = words(text);
    let program = w
        .first()
        .map(|p| super::commands::program_name(p))
        .unwrap_or_default();
    let args: Vec<&String> = w.iter().skip(1).collect();
    match program.as_str() {
        "findstr" => {
            let ignore_case = args.iter().any(|a| a.eq_ignore_ascii_case("/i"));
            match args.iter().find(|a| !a.starts_with('/')) {
                Some(p) => Filter::Lines {
                    pattern: p.to_string(),
                    ignore_case,
                },
                None => Filter::Unsupported(text.trim().to_string()),
            }
        }
        "select-string" | "sls" => match args.iter().find(|a| !a.starts_with('-')) {
            Some(pattern) => Filter::Lines {
                pattern: pattern.to_string(),
                ignore_case: true,
            },
            None => Filter::Unsupported(text.trim().to_string()),
        },
        "more" | "out-host" => Filter::All,
        _ => Filter::Unsupported(text.trim().to_string()),
    }
}

/// Keeps the lines that contain the pattern (`findstr` exits 1 when none do).
fn apply_filter(reply: Reply, filter: &Filter) -> Reply {
    let Filter::Lines {
        pattern,
        ignore_case,
    } = filter
    else {
        return reply;
    };
    let pattern_lower = pattern.to_lowercase();
    let mut text = String::new();
    for l in reply.text.lines() {
        let hit = if *ignore_case {
            l.to_lowercase().contains(&pattern_lower)
        } else {
            l.contains(pattern.as_str())
        };
        if hit {
            text.push_str(l);
            text.push('\n');
        }
    }
    let exit_code = if text.is_empty() { 1 } else { 0 };
    Reply {
        text,
        exit_code,
        ..reply
    }
}

/// The answer to `Remove-Item`'s confirmation.
pub(crate) fn remove_answer(ctx: &mut Ctx<'_>, full: &str, yes: bool) -> Reply {
    if yes {
        crate::shell::builtins::files::remove_tree(ctx, full)
    } else {
        Reply::ok("")
    }
}

const GET_SERVICE: &str = "Get-Service [[-Name] <name>[,<name>...]] [-DisplayName <name>] [-DependentServices] [-RequiredServices]
  In the simulation: a table of Status, Name and DisplayName; names may use wildcards
  (wu*). -DependentServices lists the services that need it, -RequiredServices the ones
  it needs.
  On Windows: the PowerShell way to look at services; it never changes anything.
";

const CONTROL: &str =
    "Start-Service <name> | Stop-Service <name> [-Force] | Restart-Service <name> [-Force]
  In the simulation: controls the service and waits, printing a WARNING line for every two
  seconds it waits. Stopping a service that running services depend on needs -Force, which
  stops them too. Restart-Service stops the service, then starts it again.
  On Windows: the same, through the .NET ServiceController.
";

const SET_SERVICE: &str = "Set-Service <name> -StartupType Automatic|Manual|Disabled
  In the simulation: changes the start type (event 7040 in the System log); prints nothing
  on success. Setting a service Windows Update needs to Disabled counts as a harmful move.
  The Windows Update Medic Service is protected: access is denied.
  On Windows: Windows PowerShell 5.1 has no AutomaticDelayedStart (PowerShell 7 has); use
  sc.exe config <name> start= delayed-auto.
";

const GET_HOTFIX: &str = "Get-HotFix [-Id KB<number>]
  In the simulation: the updates installed on the PC that have a KB number, with the date
  they were installed.
  On Windows: reads the Win32_QuickFixEngineering WMI class.
";

const GET_WINEVENT: &str = "Get-WinEvent [-LogName] System|Microsoft-Windows-WindowsUpdateClient/Operational [-MaxEvents N]
  In the simulation: the PC's event records, newest first, grouped by provider: the
  Service Control Manager's 7000-series events and Windows Update's 19/20/25/26/31/41/43/44.
  Long messages are cut with '...'.
  On Windows: reads any event log; Event Viewer shows the same records.
";

const GET_WINDOWS_UPDATE_LOG: &str = "Get-WindowsUpdateLog
  In the simulation: prints what the real cmdlet prints, then the lines the log would hold,
  built from the PC's Windows Update and Service Control Manager records.
  On Windows: since Windows 10, Windows Update logs in binary ETW files; this cmdlet
  converts them into a readable WindowsUpdate.log on the desktop.
";

const RESTART_COMPUTER: &str = "Restart-Computer
  In the simulation: the PC restarts (about a minute and a half), staged updates are
  committed, and you are signed in again. Restarting while an update is installing is a
  harmful move.
";

const RENAME_ITEM: &str = "Rename-Item <path> <new name>
  In the simulation: renames a file or folder of the simulated drive. Renaming
  SoftwareDistribution or catroot2 resets it: Windows builds a new, empty one. It is refused
  while a service holds it open: stop wuauserv and BITS (SoftwareDistribution) or CryptSvc
  (catroot2) first.
  On Windows: the documented way to reset Windows Update's components.
";

const REMOVE_ITEM: &str = "Remove-Item <path> -Recurse
  In the simulation: deletes a file or folder (asking first without -Recurse). Deleting
  SoftwareDistribution or catroot2 works, but it counts as a harmful move: the update
  history is lost for good. Rename the folder instead.
";
