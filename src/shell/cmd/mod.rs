//! cmd.exe, the interpreter: how a line typed at the prompt or read from a batch file runs.
//!
//! A line goes through cmd's phases:
//! 1. `%VAR%` expansion when the line is read ([`expand::percent`]; a block of several lines
//!    is read, and expanded, as one);
//! 2. parsing into a tree of commands, operators and redirections ([`parse`]);
//! 3. running the tree ([`run_node`]): `&`, `&&`, `||`, pipes, blocks, `IF`, `FOR`; each
//!    simple command gets its FOR variables and `!VAR!` substituted, its redirections set
//!    up, and is looked up in the command table ([`crate::shell::commands`]) or run as a
//!    batch file ([`batch`]).
//!
//! Output is collected as a [`Sink`] of standard-output and standard-error pieces in the
//! order they were written, so that `>nul 2>&1` can send each where it belongs and the
//! console shows the rest in order. `%ERRORLEVEL%` is set by every command as Windows sets
//! it (some built-ins leave it alone). A line may run at most [`MAX_STEPS`] commands: a
//! `goto` loop or a huge `for /l` is cut off with a note, never hangs.

pub(crate) mod arith;
pub(crate) mod batch;
pub(crate) mod env;
pub(crate) mod expand;
mod for_loop;
pub(crate) mod parse;

use env::View;
use expand::{Source, Vars};
use parse::{Compare, Node, Op, Redirect, Target, Test};

use super::commands::{self, Kind};
use super::context::{Args, Control, Ctx, Reply};
use super::{Question, answer_question, default_answer};
use crate::world::{files, path};

/// The most commands one line (and the batch files it runs) may run.
pub(crate) const MAX_STEPS: u32 = 20_000;

/// Which stream a piece of output was written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stream {
    /// Standard output.
    Out,
    /// Standard error.
    Err,
}

/// Output in the order it was written.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sink {
    pub(crate) chunks: Vec<(Stream, String)>,
}

impl Sink {
    pub(crate) fn out(&mut self, text: &str) {
        self.push(Stream::Out, text);
    }

    pub(crate) fn err(&mut self, text: &str) {
        self.push(Stream::Err, text);
    }

    fn push(&mut self, stream: Stream, text: &str) {
        if !text.is_empty() {
            self.chunks.push((stream, text.to_string()));
        }
    }

    /// Everything, both streams, in order.
    pub(crate) fn text(&self) -> String {
        self.chunks.iter().map(|(_, t)| t.as_str()).collect()
    }

    /// Standard output alone.
    pub(crate) fn stdout(&self) -> String {
        self.chunks
            .iter()
            .filter(|(s, _)| *s == Stream::Out)
            .map(|(_, t)| t.as_str())
            .collect()
    }
}

/// What expansion sees now.
pub(crate) fn view<'a>(ctx: &'a Ctx<'_>, random: u16) -> View<'a> {
    View {
        env: &ctx.con.env,
        cwd: &ctx.con.cwd,
        errorlevel: ctx.con.errorlevel,
        clock: ctx.pc.clock(),
        millis: ctx.pc.now().as_millis() % 1_000,
        random,
    }
}

/// A value for `%RANDOM%`, drawn from the PC's RNG only when the text asks for one.
fn random_for(ctx: &mut Ctx<'_>, text: &str) -> u16 {
    if text.to_ascii_lowercase().contains("random") {
        ctx.pc.draw(0, 32_767) as u16
    } else {
        0
    }
}

/// Phase 1 on a line read at `source`.
pub(crate) fn expand_line(ctx: &mut Ctx<'_>, line: &str, source: &Source<'_>) -> String {
    let random = random_for(ctx, line);
    expand::percent(line, &view(ctx, random), source)
}

/// Runs a line typed at the prompt (already expanded or not: this expands it).
pub(crate) fn run_typed(ctx: &mut Ctx<'_>, line: &str, sink: &mut Sink) {
    let expanded = expand_line(ctx, line, &Source::Prompt);
    run_expanded(ctx, &expanded, sink);
}

/// Parses and runs a line whose `%VAR%` are expanded.
pub(crate) fn run_expanded(ctx: &mut Ctx<'_>, line: &str, sink: &mut Sink) {
    match &*parse::parse_cached(line) {
        Ok(node) => {
            // Only a single command typed at the prompt can wait for an answer.
            if !matches!(node, Node::Simple { .. }) {
                ctx.interactive = false;
            }
            run_node(ctx, node, sink);
        }
        Err(parse::SyntaxError(message)) => {
            sink.err(&format!("{message}\n"));
            ctx.con.errorlevel = 255;
        }
    }
}

/// True when the running batch file (or the line) must stop: a `goto`, an `exit`, the step
/// limit.
fn interrupted(ctx: &Ctx<'_>) -> bool {
    ctx.con.control != Control::Next
}

/// Runs a tree; its exit code.
pub(crate) fn run_node(ctx: &mut Ctx<'_>, node: &Node, sink: &mut Sink) -> i32 {
    match node {
        Node::Empty => ctx.con.errorlevel,
        Node::Simple { text, redirects } => {
            let text = if ctx.con.delayed && text.contains('!') {
                let random = random_for(ctx, text);
                expand::delayed(text, &view(ctx, random))
            } else {
                text.clone()
            };
            with_redirects(ctx, redirects, sink, |ctx, sink| {
                run_command(ctx, &text, sink)
            })
        }
        Node::Seq(left, op, right) => {
            let code = run_node(ctx, left, sink);
            if interrupted(ctx) {
                return code;
            }
            let go = match op {
                Op::Then => true,
                Op::And => code == 0,
                Op::Or => code != 0,
            };
            if go { run_node(ctx, right, sink) } else { code }
        }
        Node::Pipe(left, right) => {
            let mut first = Sink::default();
            run_node(ctx, left, &mut first);
            let mut piped = String::new();
            for (stream, text) in first.chunks {
                match stream {
                    Stream::Out => piped.push_str(&text),
                    Stream::Err => sink.err(&text),
                }
            }
            let saved = ctx.stdin.replace(piped);
            let code = run_node(ctx, right, sink);
            ctx.stdin = saved;
            code
        }
        Node::Block(body, redirects) => with_redirects(ctx, redirects, sink, |ctx, sink| {
            let mut code = ctx.con.errorlevel;
            for node in body {
                code = run_node(ctx, node, sink);
                if interrupted(ctx) {
                    break;
                }
            }
            code
        }),
        Node::If {
            test,
            negate,
            then,
            otherwise,
        } => {
            let test = if ctx.con.delayed {
                delay_test(ctx, test)
            } else {
                test.clone()
            };
            let holds = evaluate(ctx, &test) != *negate;
            match (holds, otherwise) {
                (true, _) => run_node(ctx, then, sink),
                (false, Some(other)) => run_node(ctx, other, sink),
                (false, None) => ctx.con.errorlevel,
            }
        }
        Node::For {
            kind,
            var,
            set,
            body,
            shown,
        } => for_loop::run(ctx, kind, *var, set, (body, shown), sink),
    }
}

fn delay_test(ctx: &mut Ctx<'_>, test: &Test) -> Test {
    let node = Node::If {
        test: test.clone(),
        negate: false,
        then: Box::new(Node::Empty),
        otherwise: None,
    };
    let random = random_for(ctx, "");
    let view = view(ctx, random);
    match node.map_text(&|t| expand::delayed(t, &view)) {
        Node::If { test, .. } => test,
        _ => test.clone(),
    }
}

/// Whether an `IF` test holds.
fn evaluate(ctx: &Ctx<'_>, test: &Test) -> bool {
    match test {
        Test::Exist(typed) => exists(ctx, &typed.replace('"', "")),
        Test::Defined(name) => {
            let view = view(ctx, 0);
            view.var(name).is_some()
        }
        Test::ErrorLevel(n) => n
            .trim()
            .parse::<i32>()
            .is_ok_and(|n| ctx.con.errorlevel >= n),
        Test::Compare {
            left,
            op,
            right,
            ignore_case,
        } => compare(left, *op, right, *ignore_case),
    }
}

/// `IF EXIST`: a file or folder, a wildcard that matches something, `folder\` or
/// `folder\nul` for a folder.
fn exists(ctx: &Ctx<'_>, typed: &str) -> bool {
    let fs = &ctx.pc.world().fs;
    let trimmed = typed.trim();
    let (typed, want_dir) =
        match path::strip_prefix(&trimmed.chars().rev().take(4).collect::<String>(), "lun\\") {
            Some(_) => (&trimmed[..trimmed.len() - 4], true),
            None => (trimmed, trimmed.ends_with('\\')),
        };
    let Ok(full) = ctx.resolve(typed) else {
        return false;
    };
    let name = path::file_name(&full);
    if path::has_wildcard(name) {
        let dir = path::parent(&full).unwrap_or(path::ROOT);
        return fs
            .children(dir)
            .any(|(p, _)| path::matches(name, path::file_name(p)));
    }
    match fs.get(&full) {
        Some(node) => !want_dir || node.is_dir(),
        None => false,
    }
}

/// `==` compares the text (quotes included); `EQU`... compare numbers when both sides are
/// numbers, else text.
fn compare(left: &str, op: Compare, right: &str, ignore_case: bool) -> bool {
    let number = |s: &str| s.trim().parse::<i64>().ok();
    let order = match (number(left), number(right)) {
        (Some(a), Some(b)) if op != Compare::Same => a.cmp(&b),
        _ if ignore_case => left.to_lowercase().cmp(&right.to_lowercase()),
        _ => left.cmp(right),
    };
    use std::cmp::Ordering::{Equal, Greater, Less};
    match op {
        Compare::Same | Compare::Equ => order == Equal,
        Compare::Neq => order != Equal,
        Compare::Lss => order == Less,
        Compare::Leq => order != Greater,
        Compare::Gtr => order == Greater,
        Compare::Geq => order != Less,
    }
}

/// Where a handle writes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Dest {
    Console(Stream),
    Nul,
    File(String),
}

/// Runs `body` with the redirections applied.
fn with_redirects(
    ctx: &mut Ctx<'_>,
    redirects: &[Redirect],
    sink: &mut Sink,
    body: impl FnOnce(&mut Ctx<'_>, &mut Sink) -> i32,
) -> i32 {
    if redirects.is_empty() {
        return body(ctx, sink);
    }
    let mut dests = [
        Dest::Console(Stream::Out),
        Dest::Console(Stream::Out),
        Dest::Console(Stream::Err),
    ];
    let mut input = None;
    for r in redirects {
        let slot = usize::from(r.handle.min(2));
        match &r.target {
            Target::Handle(other) => dests[slot] = dests[usize::from((*other).min(2))].clone(),
            Target::Read(typed) => match read_input(ctx, typed) {
                Ok(text) => input = Some(text),
                Err(message) => {
                    sink.err(message);
                    return 1;
                }
            },
            Target::Write(typed) | Target::Append(typed) => {
                let append = matches!(r.target, Target::Append(_));
                match open_output(ctx, typed, append) {
                    Ok(dest) => dests[slot] = dest,
                    Err(message) => {
                        sink.err(message);
                        return 1;
                    }
                }
            }
        }
    }
    let mut inner = Sink::default();
    let saved = match input {
        Some(text) => ctx.stdin.replace(text),
        None => ctx.stdin.clone(),
    };
    let code = body(ctx, &mut inner);
    ctx.stdin = saved;
    for (stream, text) in inner.chunks {
        let dest = match stream {
            Stream::Out => &dests[1],
            Stream::Err => &dests[2],
        };
        match dest {
            Dest::Console(Stream::Out) => sink.out(&text),
            Dest::Console(Stream::Err) => sink.err(&text),
            Dest::Nul => {}
            Dest::File(full) => {
                let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
                let _ = ctx.pc.act(|w| files::write_text(w, full, &crlf, true));
            }
        }
    }
    code
}

fn is_nul(typed: &str) -> bool {
    let t = typed.trim().trim_end_matches(':').to_ascii_lowercase();
    t == "nul" || t.ends_with("\\nul")
}

/// Opens an output file (`>` empties it; `>>` keeps it), or `nul`.
fn open_output(ctx: &mut Ctx<'_>, typed: &str, append: bool) -> Result<Dest, &'static str> {
    if is_nul(typed) {
        return Ok(Dest::Nul);
    }
    if typed.trim().eq_ignore_ascii_case("con") {
        return Ok(Dest::Console(Stream::Out));
    }
    let full = ctx.resolve(typed).map_err(|_| PATH_NOT_FOUND)?;
    let opened = if append && ctx.pc.world().fs.exists(&full) {
        Ok(())
    } else {
        ctx.pc.act(|w| files::write_text(w, &full, "", false))
    };
    match opened {
        Ok(()) => Ok(Dest::File(full)),
        Err(files::FileError::PathNotFound) => Err(PATH_NOT_FOUND),
        Err(_) => Err("Access is denied.\n"),
    }
}

/// The text `< file` feeds a command.
fn read_input(ctx: &Ctx<'_>, typed: &str) -> Result<String, &'static str> {
    if is_nul(typed) {
        return Ok(String::new());
    }
    let full = ctx.resolve(typed).map_err(|_| FILE_NOT_FOUND)?;
    files::read_text(ctx.pc.world(), &full)
        .map(|t| t.replace("\r\n", "\n"))
        .map_err(|_| FILE_NOT_FOUND)
}

const PATH_NOT_FOUND: &str = "The system cannot find the path specified.\n";
const FILE_NOT_FOUND: &str = "The system cannot find the file specified.\n";

/// The internal commands whose name may be followed directly by one of `.(/\:;,=+[]`
/// (`echo.`, `cd..`, `dir/w`).
const GLUED: &[&str] = &[
    "echo", "cd", "chdir", "dir", "md", "mkdir", "rd", "rmdir", "type", "cls", "ver", "title",
    "pause",
];

/// The command word and the rest of a command's text: `echo.` → (`echo`, ``) with the `.`
/// eaten (echo's quirk), `cd..` → (`cd`, `..`), `"C:\x y\a.bat" 1` → (`C:\x y\a.bat`, `1`).
pub(crate) fn split_command(text: &str) -> (String, &str) {
    let (name, rest, _) = split_glued(text);
    (name, rest)
}

/// [`split_command`], and whether the word was glued to a separator (`echo.`, `cd\`).
pub(crate) fn split_glued(text: &str) -> (String, &str, bool) {
    let text = text.trim_start();
    if let Some(rest) = text.strip_prefix('"') {
        let end = rest.find('"').unwrap_or(rest.len());
        let after = rest.get(end + 1..).unwrap_or_default();
        return (rest[..end].to_string(), after.trim_start(), false);
    }
    let end = text.find(|c: char| c.is_whitespace()).unwrap_or(text.len());
    let word = &text[..end];
    let lower = word.to_ascii_lowercase();
    if commands::find(&commands::program_name(word)).is_none() || lower.contains(['\\', '/']) {
        for name in GLUED {
            if let Some(after) = lower.strip_prefix(name)
                && after.starts_with(['.', '(', '/', '\\', ':', ';', ',', '=', '+', '[', ']'])
            {
                let cut = name.len();
                let rest = &text[cut..];
                return if *name == "echo" {
                    (text[..cut].to_string(), &rest[1..], true)
                } else {
                    (text[..cut].to_string(), rest, true)
                };
            }
        }
    }
    let rest = &text[end..];
    (
        word.to_string(),
        rest.strip_prefix([' ', '\t']).unwrap_or(rest),
        false,
    )
}

/// Runs one simple command: a built-in, a program, a batch file, or the unknown-command
/// message.
fn run_command(ctx: &mut Ctx<'_>, text: &str, sink: &mut Sink) -> i32 {
    ctx.con.steps += 1;
    if ctx.con.steps > MAX_STEPS {
        if ctx.con.control != Control::Abort {
            sink.err(&format!(
                "(wusim: stopped after {MAX_STEPS} commands on one line: is the script looping? Nothing else was run.)\n"
            ));
        }
        ctx.con.control = Control::Abort;
        return 1;
    }
    let (name, rest, glued) = split_glued(text);
    if name.is_empty() || name.starts_with(':') {
        return ctx.con.errorlevel;
    }
    if let Some(code) = batch::run_if_batch(ctx, &name, rest, sink) {
        return code;
    }
    let mut args = Args::new(&name, rest);
    args.glued = glued;
    let reply = dispatch(ctx, &args);
    finish(ctx, reply, sink)
}

/// Looks a command up and runs it.
fn dispatch(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let program = commands::program_name(args.name);
    let found = commands::find(&program).filter(|c| c.kind != Kind::Cmdlet);
    let Some(command) = found else {
        return unknown(ctx, args.name);
    };
    if args.name.contains(['\\', '/']) && command.kind == Kind::Internal {
        return unknown(ctx, args.name);
    }
    if args.asks_help() {
        return Reply::ok(commands::page(command));
    }
    ctx.changed |= command.changes_state;
    match command.run {
        Some(run) => run(ctx, args),
        None => commands::not_simulated(args.name),
    }
}

/// cmd's answer to a name that is no command: the path's folder is missing, or it is not
/// recognized.
fn unknown(ctx: &Ctx<'_>, name: &str) -> Reply {
    // A PowerShell script typed at cmd's prompt opens in its editor (Notepad).
    if name
        .to_ascii_lowercase()
        .trim_matches('"')
        .ends_with(".ps1")
        && let Ok(full) = ctx.resolve(name.trim_matches('"'))
        && ctx.pc.world().fs.get(&full).is_some_and(|n| !n.is_dir())
    {
        return Reply::ok(format!(
            "(wusim: on Windows, a .ps1 file started from cmd opens in Notepad: nothing runs. To run it, type powershell -ExecutionPolicy Bypass -File \"{}\".)\n",
            ctx.pc.world().fs.canonical(&full)
        ));
    }
    if name.contains('\\')
        && let Ok(full) = ctx.resolve(name)
        && let Some(parent) = path::parent(&full)
        && !ctx.pc.world().fs.is_dir(parent)
    {
        return Reply {
            recognized: false,
            ..Reply::error(PATH_NOT_FOUND, 3)
        };
    }
    let mut text = super::render::cmd_not_recognized(name);
    if super::powershell::is_cmdlet_name(name)
        || super::powershell::is_cmdlet(name) && name.contains('-')
    {
        text.push_str(&format!(
            "(wusim: {name} is a PowerShell cmdlet: type powershell first.)\n"
        ));
    } else if name.eq_ignore_ascii_case("pwsh") || name.eq_ignore_ascii_case("pwsh.exe") {
        text.push_str("(wusim: pwsh is PowerShell 7, which Windows does not include; Windows PowerShell 5.1 is powershell.)\n");
    } else if ctx.interactive && !ctx.con.in_batch() {
        text.push_str("(wusim: type 'help' to see the commands you can use.)\n");
    }
    Reply {
        recognized: false,
        ..Reply::error(text, 9009)
    }
}

/// Writes a reply's output, answers its question if it cannot wait, sets `%ERRORLEVEL%`.
pub(crate) fn finish(ctx: &mut Ctx<'_>, reply: Reply, sink: &mut Sink) -> i32 {
    let reply = settle_question(ctx, reply);
    sink.out(&reply.text);
    sink.err(&reply.err);
    ctx.harms.extend(reply.harm);
    ctx.unrecognized |= !reply.recognized;
    if reply.sets_errorlevel {
        ctx.con.errorlevel = reply.exit_code;
    }
    reply.exit_code
}

/// A question asked where nobody can answer it at once: from piped input if there is any,
/// else its default, with a note.
fn settle_question(ctx: &mut Ctx<'_>, mut reply: Reply) -> Reply {
    let Some(question) = ctx.question.take() else {
        return reply;
    };
    let answer_line = match ctx.stdin.as_mut() {
        Some(input) => {
            let line = input.lines().next().unwrap_or_default().to_string();
            let rest = input.split_once('\n').map(|(_, r)| r.to_string());
            *input = rest.unwrap_or_default();
            reply.text.push_str(&line);
            reply.text.push('\n');
            line
        }
        None if ctx.interactive && !ctx.con.in_batch() => {
            ctx.question = Some(question);
            return reply;
        }
        None if question == Question::Pause => {
            reply.text.push('\n');
            return reply;
        }
        None => {
            let default = default_answer(&question);
            reply.text.push_str(default);
            reply.text.push('\n');
            reply.text.push_str(&format!(
                "(wusim: a script cannot wait for your answer, so wusim gave the default one: '{}'.)\n",
                if default.is_empty() { "Enter" } else { default }
            ));
            default.to_string()
        }
    };
    let answered = answer_question(ctx, question, &answer_line);
    reply.text.push_str(&answered.text);
    reply.err.push_str(&answered.err);
    reply.exit_code = answered.exit_code;
    reply.harm = reply.harm.or(answered.harm);
    reply
}

#[cfg(test)]
mod tests;
