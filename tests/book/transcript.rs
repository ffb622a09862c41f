//! A small runner for the console transcripts of the book, in the spirit of trycmd but
//! without its path normalisation (which turns every `\` into `/`, wrong for a book about
//! Windows).
//!
//! In a ```` ```console ```` block, `$ ` starts a command and `> ` continues it; the lines up
//! to the next command are the expected output, stdout then stderr. A command must succeed
//! (exit code 0) unless the next step is `$ echo $?`, as a reader would type it in a
//! terminal: that pseudo-command runs nothing, and its one output line is the exit code the
//! command before it must end with (`1`, say). `echo $?` must follow a command in the same
//! block, and the old `? <status>` lines under a command are rejected. In expected output a
//! line `...` matches any number of lines, and `[..]` within a line matches any text.
//! Commands are split like a POSIX shell splits words (quotes group, a backslash escapes
//! outside single quotes, but inside double quotes only before `"` and `\`); `NAME=value`
//! words before the program set its environment; the program `wusim` is the binary under test.
//! There is no shell: no pipes, redirects or `cd`.
//!
//! With `WUSIM_BLESS=1` the runner rewrites each failing output with the actual one, keeping
//! the `...` and `[..]` lines that still match, and rewrites the code after `$ echo $?` (or
//! adds the `$ echo $?` step after a command that now fails).

use std::path::Path;
use std::process::Command;

/// One command of a transcript and what it should print.
struct Step {
    /// Line index (0-based) in the file of the `$` line.
    line: usize,
    command: String,
    /// The expected output lines, with the file lines they occupy.
    expected: Vec<String>,
    output_start: usize,
    output_end: usize,
    /// The `$ echo $?` step after the command, if any.
    status: Option<StatusCheck>,
}

/// A `$ echo $?` step: the exit code it expects, and where its output ends.
struct StatusCheck {
    /// The expected code, or `None` when the output is not one integer.
    code: Option<i32>,
    output_end: usize,
}

impl Step {
    /// The exit code the command must end with.
    fn expected_code(&self) -> Option<i32> {
        self.status.as_ref().map_or(Some(0), |s| s.code)
    }

    /// The last file line (exclusive) of the step, its `echo $?` included.
    fn end(&self) -> usize {
        self.status
            .as_ref()
            .map_or(self.output_end, |s| s.output_end)
    }
}

/// The pseudo-command that shows the previous command's exit code.
const ECHO_STATUS: &str = "echo $?";

/// Is `line` a command line `$ echo $?`?
fn is_echo_status(line: &str) -> bool {
    line.strip_prefix("$ ")
        .is_some_and(|c| c.trim() == ECHO_STATUS)
}

/// The steps of every console block of `text`, and the lines that break the format (line
/// index, message).
fn steps(text: &str) -> (Vec<Step>, Vec<(usize, String)>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut steps: Vec<Step> = Vec::new();
    let mut errors = Vec::new();
    let mut i = 0;
    let mut in_console = false;
    // Can a `$ echo $?` come next (the previous step is a command of this block)?
    let mut after_command = false;
    let output_end = |mut i: usize| {
        while i < lines.len()
            && !lines[i].starts_with("$ ")
            && !lines[i].trim_start().starts_with("```")
        {
            i += 1;
        }
        i
    };
    while i < lines.len() {
        let trimmed = lines[i].trim_start();
        if trimmed.starts_with("```") {
            in_console = !in_console && trimmed.trim_start_matches('`').trim() == "console";
            after_command = false;
            i += 1;
            continue;
        }
        if !in_console || !lines[i].starts_with("$ ") {
            i += 1;
            continue;
        }
        if is_echo_status(lines[i]) {
            let line = i;
            let start = i + 1;
            i = output_end(start);
            let code = match &lines[start..i] {
                [code] => code.trim().parse().ok(),
                _ => None,
            };
            if code.is_none() {
                errors.push((
                    line,
                    format!("`$ {ECHO_STATUS}` must be followed by one line, the exit code"),
                ));
            }
            match steps.last_mut() {
                Some(step) if after_command => {
                    step.status = Some(StatusCheck {
                        code,
                        output_end: i,
                    })
                }
                _ => errors.push((
                    line,
                    format!("`$ {ECHO_STATUS}` must follow a command in the same block"),
                )),
            }
            after_command = false;
            continue;
        }
        let line = i;
        let mut command = lines[i][2..].to_string();
        i += 1;
        while i < lines.len() && lines[i].starts_with("> ") {
            command.push(' ');
            command.push_str(&lines[i][2..]);
            i += 1;
        }
        if i < lines.len() && lines[i].starts_with("? ") {
            errors.push((
                i,
                format!(
                    "`{}` is the old exit-status line: write `$ {ECHO_STATUS}` and the code after the command's output",
                    lines[i]
                ),
            ));
        }
        let output_start = i;
        i = output_end(i);
        steps.push(Step {
            line,
            command,
            expected: lines[output_start..i]
                .iter()
                .map(|l| l.to_string())
                .collect(),
            output_start,
            output_end: i,
            status: None,
        });
        after_command = true;
    }
    (steps, errors)
}

/// Splits a command line into words, POSIX-shell style.
fn words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = command.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    word.push(c);
                }
            }
            '"' => {
                in_word = true;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' if matches!(chars.peek(), Some('"' | '\\')) => {
                            word.push(chars.next().unwrap())
                        }
                        c => word.push(c),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(next) = chars.next() {
                    word.push(next);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// Does the expected line (with `[..]` wildcards) match the actual one?
fn line_matches(expected: &str, actual: &str) -> bool {
    let expected = expected.trim_end();
    let actual = actual.trim_end();
    let parts: Vec<&str> = expected.split("[..]").collect();
    if parts.len() == 1 {
        return expected == actual;
    }
    let mut rest = actual;
    for (k, part) in parts.iter().enumerate() {
        if k == 0 {
            let Some(r) = rest.strip_prefix(part) else {
                return false;
            };
            rest = r;
        } else if k == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            let Some(at) = rest.find(part) else {
                return false;
            };
            rest = &rest[at + part.len()..];
        }
    }
    true
}

/// Matches expected lines (with `...` lines) against actual ones; on success, for each
/// expected line that is not `...`, the actual line it matched.
fn align(expected: &[String], actual: &[&str]) -> Option<Vec<Option<usize>>> {
    fn go(e: &[String], a: &[&str], ei: usize, ai: usize, out: &mut Vec<Option<usize>>) -> bool {
        if ei == e.len() {
            return ai == a.len();
        }
        if e[ei].trim() == "..." {
            out.push(None);
            for skip in ai..=a.len() {
                if go(e, a, ei + 1, skip, out) {
                    return true;
                }
            }
            out.pop();
            return false;
        }
        if ai < a.len() && line_matches(&e[ei], a[ai]) {
            out.push(Some(ai));
            if go(e, a, ei + 1, ai + 1, out) {
                return true;
            }
            out.pop();
        }
        false
    }
    let mut out = Vec::new();
    go(expected, actual, 0, 0, &mut out).then_some(out)
}

/// Runs every step of the markdown file at `path`; returns the failures (and, when
/// blessing, rewrites the file).
pub(crate) fn check_file(
    path: &Path,
    exe: &str,
    env: &[(&str, String)],
    bless: bool,
) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let (steps, errors) = steps(&text);
    let mut failures: Vec<String> = errors
        .into_iter()
        .map(|(line, message)| format!("{}:{}: {message}", path.display(), line + 1))
        .collect();
    // Replace from the end so earlier line numbers stay valid.
    let mut replacements = Vec::new();
    for step in steps {
        let mut argv = words(&step.command);
        let mut vars = Vec::new();
        while argv
            .first()
            .is_some_and(|w| w.contains('=') && !w.starts_with('-'))
        {
            let w = argv.remove(0);
            let (k, v) = w.split_once('=').unwrap();
            vars.push((k.to_string(), v.to_string()));
        }
        let place = format!("{}:{}", path.display(), step.line + 1);
        if argv.first().map(String::as_str) != Some("wusim") {
            failures.push(format!(
                "{place}: only `wusim` can run in a transcript: `{}`",
                step.command
            ));
            continue;
        }
        let output = Command::new(exe)
            .args(&argv[1..])
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .envs(vars)
            .output()
            .unwrap();
        let mut actual = String::from_utf8_lossy(&output.stdout).into_owned();
        actual.push_str(&String::from_utf8_lossy(&output.stderr));
        let actual = actual.replace("\r\n", "\n");
        let actual_lines: Vec<&str> = actual.lines().collect();
        let code = output.status.code().unwrap_or(-1);
        let status_ok = step.expected_code() == Some(code);
        if !status_ok {
            let expected = match (&step.status, step.expected_code()) {
                (None, _) => format!("0 (no `$ {ECHO_STATUS}` follows it)"),
                (Some(_), Some(c)) => format!("{c} (`$ {ECHO_STATUS}`)"),
                (Some(_), None) => format!("a valid `$ {ECHO_STATUS}`"),
            };
            failures.push(format!(
                "{place}: `{}` exited with {code}, expected {expected}",
                step.command
            ));
        }
        let output_ok = align(&step.expected, &actual_lines).is_some();
        if !output_ok {
            failures.push(format!(
                "{place}: `{}` printed something else.\n--- expected\n{}\n--- actual\n{}",
                step.command,
                step.expected.join("\n"),
                actual_lines.join("\n")
            ));
        }
        if bless && !(status_ok && output_ok) {
            // The step's output and its `echo $?`, rewritten as one block.
            let mut new = if output_ok {
                step.expected.clone()
            } else {
                blessed(&step.expected, &actual_lines)
            };
            if step.status.is_some() || code != 0 {
                new.push(format!("$ {ECHO_STATUS}"));
                new.push(code.to_string());
            }
            replacements.push((step.output_start, step.end(), new));
        }
    }
    if bless && !replacements.is_empty() {
        for (start, end, new) in replacements.into_iter().rev() {
            lines.splice(start..end, new);
        }
        let mut out = lines.join("\n");
        out.push('\n');
        std::fs::write(path, out).unwrap();
    }
    failures
}

/// The new expected output: the actual lines, with the old `...` elisions and `[..]` lines
/// kept where they still fit. The old and new lines are aligned at the least cost (a changed,
/// new or dropped line costs; a line an elision covers does not), `\` and `/` taken as the
/// same (trycmd's old normalisation).
fn blessed(expected: &[String], actual: &[&str]) -> Vec<String> {
    #[derive(Clone, Copy)]
    enum Move {
        EndElision,
        Elide,
        Keep,
        Replace,
        Insert,
        Drop,
    }
    let relaxed: Vec<String> = actual.iter().map(|l| l.replace('\\', "/")).collect();
    let (n, m) = (expected.len(), actual.len());
    // cost[i][j]: the least cost of turning expected[i..] into actual[j..].
    let mut cost = vec![vec![usize::MAX; m + 1]; n + 1];
    let mut moves = vec![vec![Move::Insert; m + 1]; n + 1];
    for i in (0..=n).rev() {
        for j in (0..=m).rev() {
            let mut options: Vec<(usize, Move)> = Vec::new();
            if i == n {
                if j < m {
                    options.push((1 + cost[i][j + 1], Move::Insert));
                } else {
                    options.push((0, Move::Insert));
                }
            } else if expected[i].trim() == "..." {
                options.push((cost[i + 1][j], Move::EndElision));
                if j < m {
                    options.push((cost[i][j + 1], Move::Elide));
                }
            } else {
                if j < m {
                    if line_matches(&expected[i], &relaxed[j]) {
                        options.push((cost[i + 1][j + 1], Move::Keep));
                    }
                    options.push((1 + cost[i + 1][j + 1], Move::Replace));
                    options.push((1 + cost[i][j + 1], Move::Insert));
                }
                options.push((2 + cost[i + 1][j], Move::Drop));
            }
            let (c, mv) = options.into_iter().min_by_key(|(c, _)| *c).unwrap();
            cost[i][j] = c;
            moves[i][j] = mv;
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        match moves[i][j] {
            Move::EndElision => {
                out.push(expected[i].clone());
                i += 1;
            }
            Move::Elide => j += 1,
            Move::Keep => {
                let keep = expected[i].contains("[..]") && line_matches(&expected[i], actual[j]);
                out.push(if keep {
                    expected[i].clone()
                } else {
                    actual[j].to_string()
                });
                i += 1;
                j += 1;
            }
            Move::Replace => {
                out.push(actual[j].to_string());
                i += 1;
                j += 1;
            }
            Move::Insert => {
                out.push(actual[j].to_string());
                j += 1;
            }
            Move::Drop => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_like_a_shell() {
        assert_eq!(
            words(r#"wusim run x -c "ren %windir%\SoftwareDistribution a.old""#),
            [
                "wusim",
                "run",
                "x",
                "-c",
                r"ren %windir%\SoftwareDistribution a.old"
            ]
        );
        assert_eq!(words(r#"a 'b c' d\ e "f\"g""#), ["a", "b c", "d e", "f\"g"]);
    }

    #[test]
    fn echo_status_checks_the_command_before_it() {
        let text = "```console\n$ wusim a\n> -c x\nout\n$ echo $?\n1\n$ wusim b\n```\n";
        let (steps, errors) = steps(text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[0].command, "wusim a -c x");
        assert_eq!(steps[0].expected, ["out"]);
        assert_eq!(steps[0].expected_code(), Some(1));
        assert_eq!((steps[0].output_end, steps[0].end()), (4, 6));
        assert_eq!(steps[1].expected_code(), Some(0));
    }

    #[test]
    fn misplaced_status_lines_are_rejected() {
        let old = "```console\n$ wusim a\n? 1\nout\n```\n";
        let (_, errors) = steps(old);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, 2);
        assert!(errors[0].1.contains("old exit-status line"), "{errors:?}");
        let first = "```console\n$ echo $?\n0\n```\n";
        assert_eq!(steps(first).1.len(), 1);
        let twice = "```console\n$ wusim a\n$ echo $?\n1\n$ echo $?\n0\n```\n";
        assert_eq!(steps(twice).1.len(), 1);
        let other_block = "```console\n$ wusim a\n```\n\n```console\n$ echo $?\n1\n```\n";
        assert_eq!(steps(other_block).1.len(), 1);
        let no_code = "```console\n$ wusim a\n$ echo $?\n```\n";
        let (steps, errors) = steps(no_code);
        assert_eq!(errors.len(), 1);
        assert_eq!(steps[0].expected_code(), None);
    }

    #[test]
    fn elisions_match() {
        let e: Vec<String> = ["a", "...", "d[..]f"].map(String::from).to_vec();
        assert!(align(&e, &["a", "b", "c", "def"]).is_some());
        assert!(align(&e, &["a", "dxf"]).is_some());
        assert!(align(&e, &["a", "b"]).is_none());
    }

    #[test]
    fn blessing_keeps_the_elisions_that_still_fit() {
        let e: Vec<String> = [
            "$ header",
            "...",
            "",
            "C:\\>cmd",
            "version [..]",
            "old answer",
        ]
        .map(String::from)
        .to_vec();
        let a = [
            "$ header",
            "briefing",
            "more briefing",
            "",
            "C:\\>cmd",
            "version 42",
            "new answer",
            "extra line",
        ];
        assert_eq!(
            blessed(&e, &a),
            [
                "$ header",
                "...",
                "",
                "C:\\>cmd",
                "version [..]",
                "new answer",
                "extra line"
            ]
        );
    }
}
