//! Windows PowerShell 5.1: the second shell of the practice console.
//!
//! `powershell` at the cmd prompt opens it (its banner, the `PS C:\WINDOWS\system32>`
//! prompt); `exit` goes back. A line typed there is parsed as PowerShell ([`parser`], over
//! the [`lexer`]'s cursor) and run by the interpreter ([`eval`], [`invoke`], [`methods`]):
//! object pipelines, variables, `if`/`foreach`/`while`/`try`, functions, script blocks.
//! Values ([`value`]) are laid out as PowerShell lays them out ([`format`]); errors are
//! PowerShell's blocks ([`errors`]). Names resolve through Windows' [`aliases`] to the
//! [`cmdlets`], or to the programs of the command table (`sc.exe`, `net`...). `.ps1`
//! scripts and `powershell.exe`'s options are in [`script`].
//!
//! The older, text-producing cmdlet code ([`cmdlet`] binds, `services`, `items`, `logs`)
//! still answers the service controls, `Rename-Item` and the logs, through
//! [`cmdlets::legacy`].

pub(crate) mod aliases;
pub(crate) mod cmdlets;
pub(crate) mod errors;
pub(crate) mod eval;
pub(crate) mod format;
pub(crate) mod invoke;
pub(crate) mod lexer;
pub(crate) mod methods;
pub(crate) mod parser;
pub(crate) mod regex;
pub(crate) mod script;
pub(crate) mod value;

pub(crate) mod cmdlet;
mod items;
mod logs;
pub(crate) mod services;

#[cfg(test)]
mod tests;

pub(crate) use eval::PsState;
use eval::{Flow, Interp};

use super::cmd::Sink;
use super::commands::{Command, Kind, Topic};
use super::context::{Args, Control, Ctx, Reply};

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
    Command {
        names: &["powershell"],
        kind: Kind::Program,
        usage: "powershell [-ExecutionPolicy Bypass] [-File x.ps1]",
        summary: "Windows PowerShell 5.1 (exit comes back)",
        topic: Topic::PowerShell,
        help: POWERSHELL,
        changes_state: true,
        words: &["-ExecutionPolicy Bypass -File", "-Command"],
        run: Some(powershell_tool),
    },
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

/// A cmdlet reached through the command table (only PowerShell does: cmd refuses
/// cmdlets): its name and arguments run as a PowerShell line.
fn run(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let statement = format!("{} {}", args.name, args.raw);
    let mut sink = Sink::default();
    let saved = ctx.con.ps.take();
    ctx.con.ps = Some(Box::new(PsState {
        from_cmd: true,
        last_ok: true,
        ..PsState::default()
    }));
    run_line(ctx, statement.trim(), &mut sink);
    let ok = ctx.con.ps.as_ref().is_none_or(|s| s.last_ok);
    ctx.con.ps = saved;
    Reply::new(sink.text(), i32::from(!ok))
}

/// True when `word` names a cmdlet the shell runs (or one of its aliases).
pub(crate) fn is_cmdlet(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    let name = aliases::resolve(&lower).map_or(lower, str::to_ascii_lowercase);
    cmdlets::find(&name).is_some()
}

/// True for a `Verb-Noun` word: a cmdlet name, known or not.
pub(crate) fn is_cmdlet_name(word: &str) -> bool {
    match word.split_once('-') {
        Some((verb, noun)) => {
            verb.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && noun.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && !word.contains(['\\', '/', '.', ':'])
        }
        None => false,
    }
}

/// True when a typed PowerShell line leaves a block, a parenthesis or a string open (the
/// prompt then shows `>> `).
pub(crate) fn is_open(text: &str) -> bool {
    parser::is_open(text)
}

/// Runs a line typed at the PowerShell prompt. `exit` leaves PowerShell: back to cmd when
/// it was started from cmd, else the window closes ([`Control::ExitConsole`]).
pub(crate) fn run_line(ctx: &mut Ctx<'_>, text: &str, sink: &mut Sink) {
    let state = ctx.con.ps.take().map(|b| *b).unwrap_or_else(|| PsState {
        last_ok: true,
        ..PsState::default()
    });
    let mut interp = Interp::new(ctx, state);
    let result = run_text(&mut interp, text);
    let out = std::mem::take(&mut interp.out);
    let mut state = std::mem::take(&mut interp.state);
    drop(interp);
    sink.out(&out);
    match result {
        Err(Flow::Exit(code)) => {
            ctx.con.errorlevel = code;
            if state.nested > 0 {
                state.nested -= 1;
                ctx.con.ps = Some(Box::new(state));
            } else if !state.from_cmd {
                ctx.con.control = Control::ExitConsole;
                ctx.con.ps = Some(Box::new(state));
            }
        }
        _ => {
            ctx.con.errorlevel = i32::from(!state.last_ok);
            ctx.con.ps = Some(Box::new(state));
        }
    }
}

/// Parses and runs PowerShell text at the top level: each statement's output is shown as
/// it ends.
pub(crate) fn run_text(interp: &mut Interp<'_, '_>, text: &str) -> Result<(), Flow> {
    match parser::parse(text) {
        Err(e) => {
            interp.set_ok(false);
            interp.out.push_str(&script::parse_error_text(&e, None));
            Ok(())
        }
        Ok(block) => {
            let single = block.stmts.len() == 1
                && matches!(&block.stmts[0], parser::Stmt::Pipeline(p) if p.elements.len() == 1);
            if !single {
                interp.ctx.interactive = false;
            }
            match script::run_top(interp, &block, None) {
                Err(Flow::Stop) => Ok(()),
                other => other,
            }
        }
    }
}

/// `powershell`/`powershell.exe` at the cmd prompt: opens the PowerShell prompt, or runs
/// `-File`/`-Command` and comes back with its exit code.
fn powershell_tool(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let request = script::Request::read(&args.words);
    if request.is_interactive() {
        ctx.con.ps = Some(Box::new(PsState {
            from_cmd: true,
            last_ok: true,
            ..PsState::default()
        }));
        return Reply::ok(script::BANNER);
    }
    let saved = ctx.con.ps.take();
    let mut interp = Interp::new(
        ctx,
        PsState {
            last_ok: true,
            ..PsState::default()
        },
    );
    interp.ctx.interactive = false;
    let code = script::run_request(&mut interp, &request);
    let out = std::mem::take(&mut interp.out);
    drop(interp);
    ctx.con.ps = saved;
    if ctx.con.control == Control::Abort {
        ctx.con.control = Control::Next;
    }
    Reply::new(out, code)
}

/// The answer to `Remove-Item`'s confirmation.
pub(crate) fn remove_answer(ctx: &mut Ctx<'_>, full: &str, yes: bool) -> Reply {
    if yes {
        crate::shell::builtins::files::remove_tree(ctx, full)
    } else {
        Reply::ok("")
    }
}

#[cfg(test)]
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

const POWERSHELL: &str = "powershell [-NoProfile] [-ExecutionPolicy <policy>] [-File <script.ps1> [args]] [-Command <text>]
  In the simulation: without -File or -Command, opens the Windows PowerShell 5.1 prompt
  (PS C:\\WINDOWS\\system32>); exit comes back to cmd. With -File, runs a .ps1 script
  (refused while the execution policy is Restricted, the default: use -ExecutionPolicy
  Bypass) and comes back with its exit code; -Command runs the text given.
  On Windows: pwsh is PowerShell 7, which Windows does not include.
";

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
