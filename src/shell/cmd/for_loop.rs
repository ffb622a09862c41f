//! `FOR`: the loops of cmd — over the words of a set (file names where a word has a
//! wildcard), over folders (`/D`), over a folder tree (`/R`), over numbers (`/L`), and over
//! the lines of a file, a string or a command's output (`/F`, with `tokens=`, `delims=`,
//! `skip=`, `eol=` and `usebackq`).
//!
//! The body runs once per value with the loop variable (`%i` at the prompt, `%%i` in a batch
//! file) substituted, path modifiers included (`%~nxi`). Each run counts towards the line's
//! step limit, so `for /l %i in (1,0,2) do ...` stops with a note instead of spinning.

use super::expand;
use super::parse::{ForKind, Node};
use super::{Sink, run_expanded, run_node, view};
use crate::shell::context::{Control, Ctx};
use crate::world::path;

/// The command a loop runs, and its text as written (shown before each run while echo is on;
/// empty when it begins with `@`).
type Body<'a> = (&'a Node, &'a str);

/// Runs a FOR loop; the exit code of the last body run.
pub(crate) fn run(
    ctx: &mut Ctx<'_>,
    kind: &ForKind,
    var: char,
    set: &str,
    body: Body<'_>,
    sink: &mut Sink,
) -> i32 {
    let values: Vec<Vec<String>> = match kind {
        ForKind::Items => items(ctx, set, false)
            .into_iter()
            .map(|v| vec![v])
            .collect(),
        ForKind::Dirs => items(ctx, set, true).into_iter().map(|v| vec![v]).collect(),
        ForKind::Recursive(root) => recursive(ctx, root.as_deref(), set)
            .into_iter()
            .map(|v| vec![v])
            .collect(),
        ForKind::Numbers => match numbers(set) {
            Some((start, step, end)) => {
                return count(ctx, var, (start, step, end), body, sink);
            }
            None => Vec::new(),
        },
        ForKind::Lines(options) => lines(ctx, options, set, sink),
    };
    let mut code = ctx.con.errorlevel;
    for value in values {
        code = run_body(ctx, var, &value, body, sink);
        if ctx.con.control != Control::Next {
            break;
        }
    }
    code
}

/// One run of the body with the variables bound: `var` to the first value, the next
/// letters to the next ones (`tokens=1,2` binds `%a` and `%b`).
fn run_body(
    ctx: &mut Ctx<'_>,
    var: char,
    values: &[String],
    (body, shown): Body<'_>,
    sink: &mut Sink,
) -> i32 {
    ctx.con.steps += 1;
    if ctx.con.steps > super::MAX_STEPS {
        ctx.con.control = Control::Abort;
        sink.err(&format!(
            "(wusim: stopped after {} commands on one line: is the loop endless? Nothing else was run.)\n",
            super::MAX_STEPS
        ));
        return 1;
    }
    let bindings: Vec<(char, String)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let letter = char::from_u32(var as u32 + i as u32)?;
            Some((letter, v.clone()))
        })
        .collect();
    let random = 0;
    let (node, shown) = {
        let view = view(ctx, random);
        let substitute = |text: &str| expand::for_vars(text, &bindings, &view);
        (body.map_text(&substitute), substitute(shown))
    };
    if ctx.con.echo && !shown.is_empty() {
        sink.out(&format!("\n{}>{shown}\n", ctx.con.cwd));
    }
    run_node(ctx, &node, sink)
}

/// The words of a set (split at spaces, commas, semicolons; quotes group), with each
/// wildcard word replaced by the names it matches: files, or folders for `/D`.
fn items(ctx: &Ctx<'_>, set: &str, dirs: bool) -> Vec<String> {
    let mut out = Vec::new();
    for word in super::batch::arguments(set) {
        if !path::has_wildcard(&word) {
            out.push(word);
            continue;
        }
        out.extend(matches(ctx, &word.replace('"', ""), dirs));
    }
    out
}

/// The files (or folders) a wildcard matches, written as the pattern was (relative stays
/// relative).
fn matches(ctx: &Ctx<'_>, pattern: &str, dirs: bool) -> Vec<String> {
    let Ok(full) = ctx.resolve(pattern) else {
        return Vec::new();
    };
    let name = path::file_name(&full).to_string();
    let folder = path::parent(&full).unwrap_or(path::ROOT).to_string();
    let prefix = match pattern.rfind(['\\', '/']) {
        Some(i) => pattern[..=i].to_string(),
        None => String::new(),
    };
    ctx.pc
        .world()
        .fs
        .children(&folder)
        .filter(|(p, n)| n.is_dir() == dirs && path::matches(&name, path::file_name(p)))
        .filter(|(_, n)| !n.attributes.hidden)
        .map(|(p, _)| format!("{prefix}{}", path::file_name(p)))
        .collect()
}

/// `/R`: for each folder under root (root included), each word of the set in that folder
/// (wildcards match files there).
fn recursive(ctx: &Ctx<'_>, root: Option<&str>, set: &str) -> Vec<String> {
    let root = root
        .and_then(|r| ctx.resolve(&r.replace('"', "")).ok())
        .unwrap_or_else(|| ctx.con.cwd.clone());
    let fs = &ctx.pc.world().fs;
    let folders: Vec<String> = fs
        .subtree(&root)
        .filter(|(_, n)| n.is_dir())
        .map(|(p, _)| p.to_string())
        .collect();
    let mut out = Vec::new();
    for folder in folders {
        for word in super::batch::arguments(set) {
            let word = word.replace('"', "");
            if path::has_wildcard(&word) {
                out.extend(
                    fs.children(&folder)
                        .filter(|(p, n)| !n.is_dir() && path::matches(&word, path::file_name(p)))
                        .map(|(p, _)| p.to_string()),
                );
            } else {
                out.push(path::child(&folder, &word));
            }
        }
    }
    out
}

/// `(start,step,end)`.
fn numbers(set: &str) -> Option<(i64, i64, i64)> {
    let parts: Vec<i64> = set
        .split([',', ' ', ';', '='])
        .filter(|p| !p.is_empty())
        .map(|p| p.trim().parse::<i64>().unwrap_or(0))
        .collect();
    match parts.as_slice() {
        [] => None,
        [start] => Some((*start, 0, 0)),
        [start, step] => Some((*start, *step, 0)),
        [start, step, end, ..] => Some((*start, *step, *end)),
    }
}

/// `FOR /L`: counts from start by step while not past end.
fn count(
    ctx: &mut Ctx<'_>,
    var: char,
    (start, step, end): (i64, i64, i64),
    body: Body<'_>,
    sink: &mut Sink,
) -> i32 {
    let mut code = ctx.con.errorlevel;
    let mut i = start;
    loop {
        let past = if step >= 0 { i > end } else { i < end };
        if past {
            return code;
        }
        code = run_body(ctx, var, &[i.to_string()], body, sink);
        if ctx.con.control != Control::Next {
            return code;
        }
        i = i.saturating_add(step);
    }
}

/// The options of `FOR /F`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Options {
    eol: Option<char>,
    skip: usize,
    delims: Vec<char>,
    tokens: Vec<usize>,
    rest: bool,
    usebackq: bool,
}

fn options(text: &str) -> Options {
    let mut o = Options {
        eol: Some(';'),
        skip: 0,
        delims: vec![' ', '\t'],
        tokens: vec![1],
        rest: false,
        usebackq: false,
    };
    let mut rest = text.trim_matches('"');
    while !rest.is_empty() {
        rest = rest.trim_start();
        let lower = rest.to_ascii_lowercase();
        if lower.starts_with("usebackq") {
            o.usebackq = true;
            rest = &rest[8..];
        } else if let Some(v) = lower.strip_prefix("eol=") {
            o.eol = rest[4..].chars().next();
            rest = &rest[4 + o.eol.map_or(0, char::len_utf8)..];
            let _ = v;
        } else if lower.starts_with("skip=") {
            let digits: String = rest[5..].chars().take_while(char::is_ascii_digit).collect();
            o.skip = digits.parse().unwrap_or(0);
            rest = &rest[5 + digits.len()..];
        } else if lower.starts_with("delims=") {
            // delims= takes everything up to the end (a space in it counts when it comes last).
            o.delims = rest[7..].chars().collect();
            rest = "";
        } else if lower.starts_with("tokens=") {
            let spec: String = rest[7..]
                .chars()
                .take_while(|c| !c.is_whitespace())
                .collect();
            rest = &rest[7 + spec.len()..];
            o.tokens.clear();
            for part in spec.split(',') {
                if part == "*" {
                    o.rest = true;
                } else if let Some(p) = part.strip_suffix('*') {
                    if let Ok(n) = p.parse::<usize>() {
                        o.tokens.push(n);
                    }
                    o.rest = true;
                } else if let Some((a, b)) = part.split_once('-') {
                    if let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) {
                        o.tokens.extend(a..=b.min(a + 31));
                    }
                } else if let Ok(n) = part.parse::<usize>() {
                    o.tokens.push(n);
                }
            }
        } else {
            break;
        }
    }
    o
}

/// `FOR /F`: the lines of a command's output (`'cmd'`), a string (`"text"`), or files; each
/// line split into the requested tokens.
fn lines(ctx: &mut Ctx<'_>, options_text: &str, set: &str, sink: &mut Sink) -> Vec<Vec<String>> {
    let o = options(options_text);
    let set = set.trim();
    let (command_quote, string_quote) = if o.usebackq { ('`', '\'') } else { ('\'', '"') };
    let text = if let Some(command) = set
        .strip_prefix(command_quote)
        .and_then(|s| s.strip_suffix(command_quote))
    {
        let mut captured = Sink::default();
        run_expanded(ctx, command, &mut captured);
        for (stream, text) in &captured.chunks {
            if *stream == super::Stream::Err {
                sink.err(text);
            }
        }
        captured.stdout()
    } else if let Some(string) = set
        .strip_prefix(string_quote)
        .and_then(|s| s.strip_suffix(string_quote))
    {
        string.to_string()
    } else {
        let mut all = String::new();
        for file in super::batch::arguments(set) {
            let file = file.replace('"', "");
            let Ok(full) = ctx.resolve(&file) else {
                continue;
            };
            match crate::world::files::read_text(ctx.pc.world(), &full) {
                Ok(t) => all.push_str(&t.replace("\r\n", "\n")),
                Err(_) => {
                    sink.err(&format!("The system cannot find the file {file}.\n"));
                }
            }
        }
        all
    };
    text.lines()
        .skip(o.skip)
        .filter(|l| !l.is_empty())
        .filter(|l| o.eol.is_none_or(|eol| !l.starts_with(eol)))
        .map(|l| tokens(l, &o))
        .filter(|t| !t.is_empty())
        .collect()
}

/// The tokens of one line, as `tokens=` asks: the listed ones in order, then (with `*`) the
/// rest of the line.
fn tokens(line: &str, o: &Options) -> Vec<String> {
    let mut pieces: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        let delim = o.delims.contains(&c);
        match (start, delim) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                pieces.push((s, &line[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        pieces.push((s, &line[s..]));
    }
    let mut wanted = o.tokens.clone();
    wanted.sort_unstable();
    wanted.dedup();
    let mut out: Vec<String> = Vec::new();
    for n in &wanted {
        if let Some((_, piece)) = n.checked_sub(1).and_then(|i| pieces.get(i)) {
            out.push(piece.to_string());
        } else {
            out.push(String::new());
        }
    }
    if o.rest {
        let last = wanted.last().copied().unwrap_or(0);
        let rest = pieces
            .get(last)
            .map(|(at, _)| line[*at..].to_string())
            .unwrap_or_default();
        out.push(rest);
    }
    // The loop runs only when the first token is there.
    if out.first().is_none_or(String::is_empty) {
        return Vec::new();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn for_f_options_and_tokens() {
        let o = options("tokens=3");
        assert_eq!(tokens("        STATE              : 4  RUNNING", &o), ["4"]);
        let o = options("\"tokens=1,2* delims=:\"");
        assert_eq!(tokens("a:b:c:d", &o), ["a", "b", "c:d"]);
        let o = options("skip=1 eol=# tokens=2-3");
        assert_eq!(o.skip, 1);
        assert_eq!(o.eol, Some('#'));
        assert_eq!(tokens("x y z w", &o), ["y", "z"]);
        let o = options("delims=");
        assert_eq!(tokens("  whole line  ", &o), ["  whole line  "]);
        let o = options("tokens=5");
        assert!(tokens("a b", &o).is_empty(), "no first token: no run");
    }

    #[test]
    fn for_l_sets() {
        assert_eq!(numbers("1,1,5"), Some((1, 1, 5)));
        assert_eq!(numbers("10, -2, 0"), Some((10, -2, 0)));
        assert_eq!(numbers(""), None);
    }
}
