//! Starting things: `start` (which never starts a process on the computer wusim runs on:
//! the command runs in this console instead) and `cmd` (`cmd /c` runs a line in a child
//! console whose changes to variables and folder do not come back).

use super::internal;
use crate::shell::cmd::{Sink, run_typed};
use crate::shell::commands::{Command, Topic};
use crate::shell::context::{Args, Ctx, Reply};

/// The entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[
    internal(
        &["start"],
        "start ms-settings:windowsupdate | start <program>",
        "Open a Settings page or a program",
        Topic::System,
        start,
    ),
    internal(
        &["cmd"],
        "cmd /c <command>",
        "Run a command in a new console",
        Topic::Scripting,
        cmd,
    ),
];

fn start(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let mut rest = args.raw.trim();
    // The first quoted argument is the window title.
    if rest.starts_with('"') {
        let end = rest[1..].find('"').map_or(rest.len(), |i| i + 2);
        rest = rest[end.min(rest.len())..].trim_start();
    }
    while rest.starts_with('/') {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let switch = rest[..end].to_ascii_lowercase();
        rest = rest[end..].trim_start();
        if switch == "/d" {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            rest = rest[end..].trim_start();
        }
    }
    if rest.is_empty() {
        return Reply::ok(
            "(wusim: a new Command Prompt window would open; the practice shell has one console.)\n",
        );
    }
    if rest
        .to_ascii_lowercase()
        .starts_with("ms-settings:windowsupdate")
    {
        let page = crate::settings::SettingsPage::of(ctx.pc);
        crate::shell::tools::wusim::saw_page(&mut ctx.facts, &page);
        return Reply::ok(page.to_string());
    }
    let mut sink = Sink::default();
    run_typed(ctx, rest, &mut sink);
    let mut reply = Reply::ok(sink.stdout());
    for (stream, text) in sink.chunks {
        if stream == crate::shell::cmd::Stream::Err {
            reply.err.push_str(&text);
        }
    }
    reply
}

fn cmd(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let raw = args.raw.trim();
    let lower = raw.to_ascii_lowercase();
    let mut rest = raw;
    let mut run = false;
    while rest.starts_with('/') {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let switch = &lower[raw.len() - rest.len()..][..end];
        rest = rest[end..].trim_start();
        if switch == "/c" || switch == "/k" {
            run = true;
            break;
        }
    }
    if !run {
        return Reply::ok(format!(
            "Microsoft Windows [Version 10.0.{}]\n(c) Microsoft Corporation. All rights reserved.\n",
            ctx.pc.device().os.build_string()
        ));
    }
    let line = rest
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(rest);
    // A child console: its variables, folder and echo do not come back.
    let saved = ctx.con.clone();
    ctx.con.frames.clear();
    let mut sink = Sink::default();
    run_typed(ctx, line, &mut sink);
    let code = ctx.con.errorlevel;
    let steps = ctx.con.steps;
    *ctx.con = saved;
    ctx.con.steps = steps;
    let mut reply = Reply::new("", code);
    for (stream, text) in sink.chunks {
        match stream {
            crate::shell::cmd::Stream::Out => reply.text.push_str(&text),
            crate::shell::cmd::Stream::Err => reply.err.push_str(&text),
        }
    }
    reply
}
