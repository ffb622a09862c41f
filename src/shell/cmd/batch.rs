//! Batch files: how cmd runs a `.bat` or `.cmd` file line by line — reading a block of lines
//! as one, echoing each command while echo is on, `%0`–`%9` and `%~dp0`, labels and `goto`,
//! `call` of another file or of a `:label` subroutine, `exit /b`, `shift`, and `setlocal` /
//! `endlocal` (an unclosed `setlocal` ends with its file).
//!
//! A file runs to its end before the line that started it returns: it never waits for the
//! learner (`pause` continues at once, a question gets its default answer). Lines of a batch
//! file cost no typing time. A batch file started from another without `call` replaces it:
//! the first one does not go on afterwards.

use std::sync::Arc;

use super::expand::Source;
use super::{Sink, expand_line, run_expanded};
use crate::shell::commands::{self, Command, Kind, Topic};
use crate::shell::context::{Args, Control, Ctx, Frame, Reply};
use crate::world::{files, path};

/// The batch built-ins' entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[
    internal(
        &["call"],
        "call <file.bat>|:<label> [args]",
        "Run another batch file (or a subroutine) and come back",
        call,
    ),
    internal(
        &["goto"],
        "goto <label>",
        "Jump to a :label in a batch file (goto :eof ends it)",
        goto,
    ),
    internal(
        &["exit"],
        "exit [/b] [code]",
        "Leave the batch file (/b), or close the console",
        exit,
    ),
    internal(
        &["shift"],
        "shift",
        "Move the batch file's arguments down one (%2 becomes %1)",
        shift,
    ),
    internal(
        &["setlocal"],
        "setlocal [enabledelayedexpansion]",
        "Keep environment changes local to the batch file",
        setlocal,
    ),
    internal(
        &["endlocal"],
        "endlocal",
        "Undo the environment changes since setlocal",
        endlocal,
    ),
];

const fn internal(
    names: &'static [&'static str],
    usage: &'static str,
    summary: &'static str,
    run: crate::shell::commands::Run,
) -> Command {
    Command {
        names,
        kind: Kind::Internal,
        usage,
        summary,
        topic: Topic::Scripting,
        help: "",
        changes_state: false,
        words: &[],
        run: Some(run),
    }
}

/// Runs `name` if it names a batch file (given by path, or found in the current folder);
/// `None` if it does not. A batch file started from a batch file without `call` ends the
/// first one.
pub(crate) fn run_if_batch(
    ctx: &mut Ctx<'_>,
    name: &str,
    rest: &str,
    sink: &mut Sink,
) -> Option<i32> {
    let program = commands::program_name(name);
    let internal = commands::find(&program).is_some_and(|c| c.kind == Kind::Internal);
    if internal && !name.contains(['\\', '/']) {
        return None;
    }
    if !name.contains(['\\', '/', ':']) && !in_current_folder(ctx, name) {
        return None;
    }
    let full = locate(ctx, name)?;
    let mut args = vec![name.to_string()];
    args.extend(arguments(rest));
    let chained = ctx.con.in_batch();
    let code = run_file(ctx, &full, args, sink);
    if chained && ctx.con.control == Control::Next {
        ctx.con.control = Control::ExitBatch;
    }
    Some(code)
}

/// True when the current folder may hold the batch file `name` (with or without its
/// extension): a look-up in the folder's list of batch files, listed again only when the
/// folder or the file system changed.
fn in_current_folder(ctx: &mut Ctx<'_>, name: &str) -> bool {
    let fs = &ctx.pc.world().fs;
    let fresh = ctx
        .con
        .batch_files
        .as_ref()
        .is_some_and(|(revision, dir, _)| *revision == fs.revision() && *dir == ctx.con.cwd);
    if !fresh {
        let dir = fs.canonical(&ctx.con.cwd);
        let names = fs
            .children(&dir)
            .map(|(p, _)| path::file_name(p).to_ascii_lowercase())
            .filter(|n| n.ends_with(".bat") || n.ends_with(".cmd"))
            .collect();
        ctx.con.batch_files = Some((fs.revision(), ctx.con.cwd.clone(), names));
    }
    let lower = name.trim_matches('"').to_ascii_lowercase();
    ctx.con.batch_files.as_ref().is_some_and(|(_, _, names)| {
        names.iter().any(|n| {
            *n == lower
                || n.strip_suffix(".bat")
                    .or_else(|| n.strip_suffix(".cmd"))
                    .is_some_and(|stem| stem == lower)
        })
    })
}

/// The batch file a name refers to: with its `.bat`/`.cmd` extension or without one.
fn locate(ctx: &Ctx<'_>, name: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    let candidates: Vec<String> = if lower.ends_with(".bat") || lower.ends_with(".cmd") {
        vec![name.to_string()]
    } else if path::file_name(&lower).contains('.') {
        Vec::new()
    } else {
        vec![format!("{name}.bat"), format!("{name}.cmd")]
    };
    let fs = &ctx.pc.world().fs;
    candidates.into_iter().find_map(|c| {
        let full = ctx.resolve(&c).ok()?;
        fs.get(&full)
            .is_some_and(|n| !n.is_dir())
            .then(|| fs.canonical(&full))
    })
}

/// A batch file's arguments: separated by spaces, commas, semicolons or `=`; quotes kept.
pub(crate) fn arguments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if !quoted && (c.is_whitespace() || matches!(c, ',' | ';' | '=')) => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The lines of a script as editors save them: CRLF or LF.
pub(crate) fn lines(text: &str) -> Arc<[String]> {
    text.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
        .collect::<Vec<_>>()
        .into()
}

/// Runs the batch file at `full` with `args` (`%0` first) to its end; its exit code.
pub(crate) fn run_file(ctx: &mut Ctx<'_>, full: &str, args: Vec<String>, sink: &mut Sink) -> i32 {
    let text = files::read_text(ctx.pc.world(), full).unwrap_or_default();
    let frame = Frame {
        path: full.to_string(),
        lines: lines(&text),
        next: 0,
        args,
        saved_depth: ctx.con.saved.len(),
    };
    run_frame(ctx, frame, sink)
}

/// Runs a frame (a file, or a subroutine of one) until it ends; undoes its `setlocal`s.
fn run_frame(ctx: &mut Ctx<'_>, frame: Frame, sink: &mut Sink) -> i32 {
    let depth = frame.saved_depth;
    ctx.con.frames.push(frame);
    while let Some(line) = read_line(ctx) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with(':') {
            continue;
        }
        let args = ctx
            .con
            .frames
            .last()
            .map(|f| f.args.clone())
            .unwrap_or_default();
        let expanded = expand_line(ctx, &line, &Source::Batch { args: &args });
        let shown = expanded.trim();
        if ctx.con.echo && !shown.starts_with('@') && !shown.is_empty() {
            sink.out(&format!("\n{}>{shown}\n", ctx.con.cwd));
        }
        run_expanded(ctx, &expanded, sink);
        match std::mem::take(&mut ctx.con.control) {
            Control::Next => {}
            Control::Goto(label) => {
                if !jump(ctx, &label, sink) {
                    break;
                }
            }
            Control::ExitBatch => break,
            other @ (Control::ExitConsole | Control::Abort) => {
                ctx.con.control = other;
                break;
            }
        }
    }
    while ctx.con.saved.len() > depth {
        restore(ctx);
    }
    ctx.con.frames.pop();
    ctx.con.errorlevel
}

/// The next logical line of the running frame: a line ending in `^` goes on on the next
/// one, and a line that opens a block takes the lines up to the block's end.
fn read_line(ctx: &mut Ctx<'_>) -> Option<String> {
    let frame = ctx.con.frames.last_mut()?;
    let mut line = frame.lines.get(frame.next)?.clone();
    frame.next += 1;
    while line.ends_with('^') && !line.ends_with("^^") && frame.next < frame.lines.len() {
        line.pop();
        line.push_str(&frame.lines[frame.next]);
        frame.next += 1;
    }
    while super::parse::is_open(&line) && frame.next < frame.lines.len() {
        line.push('\n');
        line.push_str(&frame.lines[frame.next]);
        frame.next += 1;
    }
    Some(line)
}

/// Moves the running frame to the line after `:label`; false when the frame ends (`:eof`,
/// or a label that is not there).
fn jump(ctx: &mut Ctx<'_>, label: &str, sink: &mut Sink) -> bool {
    if label.eq_ignore_ascii_case("eof") {
        return false;
    }
    let Some(frame) = ctx.con.frames.last_mut() else {
        return false;
    };
    match find_label(&frame.lines, label, frame.next) {
        Some(i) => {
            frame.next = i + 1;
            true
        }
        None => {
            sink.err(&format!(
                "The system cannot find the batch label specified - {label}\n"
            ));
            ctx.con.errorlevel = 1;
            false
        }
    }
}

/// The line of `:label`, searched from `from` to the end and then from the top, as cmd does.
fn find_label(lines: &[String], label: &str, from: usize) -> Option<usize> {
    let is_label = |line: &String| {
        let t = line.trim_start();
        t.strip_prefix(':').is_some_and(|rest| {
            let name = rest
                .split(|c: char| c.is_whitespace() || matches!(c, ':' | '+' | '&' | '|'))
                .next()
                .unwrap_or_default();
            !name.is_empty() && name.eq_ignore_ascii_case(label)
        })
    };
    let from = from.min(lines.len());
    (from..lines.len())
        .chain(0..from)
        .find(|&i| is_label(&lines[i]))
}

fn goto(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let Some(label) = args.words.first() else {
        return Reply::error("No batch label specified to GOTO command.\n", 1);
    };
    let label = label.trim_start_matches(':').to_string();
    if !ctx.con.in_batch() {
        // At the prompt cmd ignores a goto.
        return Reply::ok("").keeping_errorlevel();
    }
    ctx.con.control = Control::Goto(label);
    Reply::ok("").keeping_errorlevel()
}

fn exit(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let batch_only = args.has("/b");
    let code = args
        .words
        .iter()
        .find(|w| !w.starts_with('/'))
        .and_then(|w| w.parse::<i32>().ok());
    ctx.con.control = if batch_only && ctx.con.in_batch() {
        Control::ExitBatch
    } else {
        Control::ExitConsole
    };
    match code {
        Some(code) => Reply::new("", code),
        None => Reply::new("", ctx.con.errorlevel),
    }
}

fn call(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let (target, rest) = super::split_command(args.raw);
    if target.is_empty() {
        return Reply::error("The syntax of the command is incorrect.\n", 1);
    }
    let mut sink = Sink::default();
    if let Some(label) = target.strip_prefix(':') {
        let Some(current) = ctx.con.frames.last() else {
            return Reply::error(
                "Invalid attempt to call batch label outside of batch script.\n",
                1,
            );
        };
        let Some(at) = find_label(&current.lines, label, 0) else {
            return Reply::error(
                format!("The system cannot find the batch label specified - {label}\n"),
                1,
            );
        };
        let mut sub_args = vec![target.clone()];
        sub_args.extend(arguments(rest));
        let frame = Frame {
            path: current.path.clone(),
            lines: current.lines.clone(),
            next: at + 1,
            args: sub_args,
            saved_depth: ctx.con.saved.len(),
        };
        let code = run_frame(ctx, frame, &mut sink);
        return replay(sink, code);
    }
    match locate(ctx, &target) {
        Some(full) => {
            let mut file_args = vec![target.clone()];
            file_args.extend(arguments(rest));
            let code = run_file(ctx, &full, file_args, &mut sink);
            replay(sink, code)
        }
        None => {
            // `call` of a command runs it like any other line.
            let line = format!("{target} {rest}");
            super::run_expanded(ctx, &line, &mut sink);
            let code = ctx.con.errorlevel;
            replay(sink, code)
        }
    }
}

/// What a nested run wrote, as a reply (its pieces keep their streams' order only within
/// each stream: a simplification for `call 2>nul`).
fn replay(sink: Sink, code: i32) -> Reply {
    let mut reply = Reply::new("", code);
    for (stream, text) in sink.chunks {
        match stream {
            super::Stream::Out => reply.text.push_str(&text),
            super::Stream::Err => reply.err.push_str(&text),
        }
    }
    reply
}

fn shift(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let from = args
        .words
        .first()
        .and_then(|w| w.strip_prefix('/'))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(0);
    if let Some(frame) = ctx.con.frames.last_mut()
        && frame.args.len() > from
    {
        frame.args.remove(from);
    }
    Reply::ok("").keeping_errorlevel()
}

fn setlocal(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let mut delayed = ctx.con.delayed;
    for word in args.lower() {
        match word.as_str() {
            "enabledelayedexpansion" => delayed = true,
            "disabledelayedexpansion" => delayed = false,
            "enableextensions" | "disableextensions" => {}
            _ => return Reply::error("Invalid parameter to SETLOCAL command\n", 1),
        }
    }
    if ctx.con.saved.len() >= 32 {
        return Reply::error("Maximum setlocal recursion level reached.\n", 1);
    }
    if ctx.con.in_batch() {
        ctx.con
            .saved
            .push((ctx.con.env.clone(), ctx.con.delayed, ctx.con.cwd.clone()));
        ctx.con.delayed = delayed;
    }
    Reply::ok("")
}

fn endlocal(ctx: &mut Ctx<'_>, _: &Args<'_>) -> Reply {
    let depth = ctx.con.frames.last().map_or(0, |f| f.saved_depth);
    if ctx.con.saved.len() > depth {
        restore(ctx);
    }
    Reply::ok("").keeping_errorlevel()
}

/// Undoes the last `setlocal`.
fn restore(ctx: &mut Ctx<'_>) {
    if let Some((env, delayed, cwd)) = ctx.con.saved.pop() {
        ctx.con.env = env;
        ctx.con.delayed = delayed;
        ctx.con.cwd = cwd;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_split_like_cmd() {
        assert_eq!(
            arguments("a, b;c=d \"e f\""),
            ["a", "b", "c", "d", "\"e f\""]
        );
        assert!(arguments("   ").is_empty());
    }

    #[test]
    fn labels_are_found_ignoring_case_from_the_current_line() {
        let lines: Vec<String> = [":top", "echo", ":End", ":top"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(find_label(&lines, "end", 0), Some(2));
        assert_eq!(find_label(&lines, "TOP", 1), Some(3));
        assert_eq!(find_label(&lines, "top", 4), Some(0));
        assert_eq!(find_label(&lines, "nope", 0), None);
    }

    #[test]
    fn lines_drop_carriage_returns() {
        assert_eq!(&*lines("a\r\nb\nc"), ["a", "b", "c"]);
    }
}
