//! The commands built into cmd.exe, one file per family, each with its entries in the
//! command table: the console (`echo`, `title`, `pause`...), variables (`set`), folders
//! (`cd`, `md`, `dir`...), files (`type`, `del`, `ren`, `copy`...), the clock (`date`,
//! `time`, `timeout`) and starting things (`start`, `cmd`). The batch words (`call`, `goto`,
//! `exit`, `setlocal`...) live with the batch interpreter (`cmd/batch.rs`); `if` and `for`
//! are syntax (`cmd/parse.rs`).

pub(crate) mod clock;
pub(crate) mod console;
pub(crate) mod dirs;
pub(crate) mod files;
pub(crate) mod launch;
pub(crate) mod vars;

use super::cmd::batch;
use super::commands::{Command, Kind, Run, Topic};

/// Every built-in family's entries.
pub(crate) const FAMILIES: &[&[Command]] = &[
    console::COMMANDS,
    vars::COMMANDS,
    dirs::COMMANDS,
    files::COMMANDS,
    clock::COMMANDS,
    launch::COMMANDS,
    batch::COMMANDS,
    SYNTAX,
];

/// `if` and `for` are parsed as syntax; their entries give them help pages.
const SYNTAX: &[Command] = &[
    internal(
        &["if"],
        "if [not] exist|defined|errorlevel ... <command>",
        "Run a command when a test holds (a==b, EQU, NEQ, LSS, GTR...)",
        Topic::Scripting,
        syntax_only,
    ),
    internal(
        &["for"],
        "for [/d|/r|/l|/f] %i in (set) do <command>",
        "Run a command for each word, file, number or line",
        Topic::Scripting,
        syntax_only,
    ),
];

/// An internal command's entry.
pub(crate) const fn internal(
    names: &'static [&'static str],
    usage: &'static str,
    summary: &'static str,
    topic: Topic,
    run: Run,
) -> Command {
    Command {
        names,
        kind: Kind::Internal,
        usage,
        summary,
        topic,
        help: "",
        changes_state: false,
        words: &[],
        run: Some(run),
    }
}

/// `if` or `for` reaching the command table: only when written incompletely.
fn syntax_only(
    _: &mut super::context::Ctx<'_>,
    _: &super::context::Args<'_>,
) -> super::context::Reply {
    super::context::Reply::error("The syntax of the command is incorrect.\n", 255)
}
