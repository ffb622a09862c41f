//! Text filters, mostly used after a pipe: `findstr` and `find` (the lines that contain
//! some text; exit code 1 when none do), `more` (everything) and `sort`. They read their
//! standard input, or the files they are given.

use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply};
use crate::world::files;

/// The filters' entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[
    filter(
        &["findstr"],
        "... | findstr [/i] [/v] <text>",
        "The lines that contain one of the words (or /c:\"a phrase\")",
        findstr,
    ),
    filter(
        &["find"],
        "... | find [/i] [/v] [/c] \"text\"",
        "The lines that contain the text",
        find,
    ),
    filter(
        &["more"],
        "... | more",
        "Show the output a page at a time",
        more,
    ),
    filter(&["sort"], "... | sort", "Sort lines", sort),
];

const fn filter(
    names: &'static [&'static str],
    usage: &'static str,
    summary: &'static str,
    run: crate::shell::commands::Run,
) -> Command {
    Command {
        names,
        kind: Kind::Program,
        usage,
        summary,
        topic: Topic::Scripting,
        help: "",
        changes_state: false,
        words: &[],
        run: Some(run),
    }
}

/// The text to filter: standard input, or the named files.
fn input(ctx: &Ctx<'_>, files_named: &[String]) -> Result<String, Reply> {
    if files_named.is_empty() {
        return Ok(ctx.stdin.clone().unwrap_or_default());
    }
    let mut all = String::new();
    for name in files_named {
        let full = ctx.resolve(name).map_err(|_| cannot_open(name))?;
        let text = files::read_text(ctx.pc.world(), &full).map_err(|_| cannot_open(name))?;
        all.push_str(&text.replace("\r\n", "\n"));
        if !all.ends_with('\n') && !all.is_empty() {
            all.push('\n');
        }
    }
    Ok(all)
}

fn cannot_open(name: &str) -> Reply {
    Reply::error(format!("FINDSTR: Cannot open {name}\n"), 1)
}

fn keep(line: &str, needles: &[String], ignore_case: bool) -> bool {
    if ignore_case {
        let lower = line.to_lowercase();
        needles.iter().any(|n| lower.contains(&n.to_lowercase()))
    } else {
        needles.iter().any(|n| line.contains(n.as_str()))
    }
}

fn findstr(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let mut ignore_case = false;
    let mut invert = false;
    let mut needles: Vec<String> = Vec::new();
    let mut rest: Vec<String> = Vec::new();
    for word in &args.words {
        let lower = word.to_ascii_lowercase();
        if let Some(phrase) = lower.strip_prefix("/c:") {
            needles.push(word[3..].to_string());
            let _ = phrase;
        } else if lower.starts_with('/') {
            ignore_case |= lower.contains('i');
            invert |= lower.contains('v');
        } else {
            rest.push(word.clone());
        }
    }
    if needles.is_empty() {
        let Some(first) = (!rest.is_empty()).then(|| rest.remove(0)) else {
            return Reply::error("FINDSTR: Bad command line\n", 2);
        };
        needles.extend(first.split_whitespace().map(str::to_string));
    }
    let text = match input(ctx, &rest) {
        Ok(t) => t,
        Err(reply) => return reply,
    };
    let out: String = text
        .lines()
        .filter(|l| keep(l, &needles, ignore_case) != invert)
        .map(|l| format!("{l}\n"))
        .collect();
    let code = if out.is_empty() { 1 } else { 0 };
    Reply::new(out, code)
}

fn find(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let lower = args.lower();
    let ignore_case = lower.iter().any(|a| a == "/i");
    let invert = lower.iter().any(|a| a == "/v");
    let count = lower.iter().any(|a| a == "/c");
    // The text must be in quotes; `words` has removed them, so take the first non-switch.
    let mut rest: Vec<String> = args
        .words
        .iter()
        .filter(|w| !w.starts_with('/'))
        .cloned()
        .collect();
    if rest.is_empty() || !args.raw.contains('"') {
        return Reply::error("FIND: Parameter format not correct\n", 2);
    }
    let needle = vec![rest.remove(0)];
    let text = match input(ctx, &rest) {
        Ok(t) => t,
        Err(reply) => return reply,
    };
    let found: Vec<&str> = text
        .lines()
        .filter(|l| keep(l, &needle, ignore_case) != invert)
        .collect();
    let code = if found.is_empty() { 1 } else { 0 };
    if count {
        return Reply::new(format!("{}\n", found.len()), code);
    }
    let out: String = found.iter().map(|l| format!("{l}\n")).collect();
    Reply::new(out, code)
}

fn more(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    match input(ctx, &args.words) {
        Ok(t) => Reply::ok(t),
        Err(reply) => reply,
    }
}

fn sort(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let reverse = args.has("/r");
    let files_named: Vec<String> = args
        .words
        .iter()
        .filter(|w| !w.starts_with('/'))
        .cloned()
        .collect();
    let text = match input(ctx, &files_named) {
        Ok(t) => t,
        Err(reply) => return reply,
    };
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_by_key(|l| l.to_lowercase());
    if reverse {
        lines.reverse();
    }
    Reply::ok(lines.iter().map(|l| format!("{l}\n")).collect::<String>())
}
