//! cmd.exe's variable expansion: how `%PATH%`, `%1`, `%~dp0`, `!VAR!` and a FOR loop's `%i`
//! turn into text before a command runs.
//!
//! cmd expands a line in separate passes, and each pass here is one function:
//!
//! 1. [`percent`] runs when cmd *reads* a line (a whole parenthesised block counts as one
//!    line, which is why a `set` inside a block is invisible to `%VAR%` later in the same
//!    block). It replaces `%VAR%`, the substring form `%VAR:~10,5%`, the replace form
//!    `%VAR:old=new%` and, in a batch file only, `%0`–`%9`, `%*`, `%~dp0`-style modifiers and
//!    `%%` → `%`. At the interactive prompt an undefined `%NOPE%` stays as typed; in a batch
//!    file it becomes nothing.
//! 2. [`for_vars`] runs for each pass of a FOR loop and replaces the loop's one-letter
//!    variables (`%i`, or `%%i` in a batch file, which step 1 has already turned into `%i`),
//!    with modifiers such as `%~nxi`.
//! 3. [`delayed`] runs just before a command executes when `setlocal EnableDelayedExpansion`
//!    is on: `!VAR!` sees the value the variable has *now*, which is how a loop body reads a
//!    variable it has just changed.
//!
//! [`path_modifiers`] is the shared piece behind `%~dp0` and `%~nxi`: it picks the drive,
//! folder, name or extension out of a path.
//!
//! The shell supplies variables (including the dynamic ones such as `%DATE%` and
//! `%ERRORLEVEL%`) and full paths through [`Vars`]; this module never looks at a disk, a
//! clock or the real environment. Expanded values are never expanded again: a value that
//! contains `%` stays as it is.
//!
//! Simplifications (cmd's behaviour is richer or unverified here):
//! - Undefined `%NOPE%` at the prompt staying literal is the commonly reported behaviour,
//!   not checked against a real console.
//! - Letters compare ignoring ASCII case only, in `%VAR:old=new%` as everywhere; text is
//!   counted in Unicode characters (cmd counts UTF-16 units, which differs only outside the
//!   Basic Multilingual Plane).
//! - Substring offsets are plain decimal integers; an empty offset counts as 0, so
//!   `%VAR:~,3%` is the first 3 characters and `%VAR:~2,%` is empty.
//! - `%*` is the remaining arguments joined by single spaces (cmd keeps the original
//!   spacing, and `shift` does not change it).
//! - A malformed `%~` in a batch file (such as `%~q1`) is read as ordinary text instead of
//!   cmd's "The following usage of the path operator in batch-parameter substitution is
//!   invalid" error.
//! - The `a` (attributes), `t` (time) and `z` (size) modifiers and the `$PATH:` search give
//!   empty text, as cmd does for a file that does not exist: there are no file details here.
//! - `s` (short 8.3 names) is the same as `f`, because the simulated disk has no short names.
//! - `d` is the `C:` drive only; a UNC path (`\\server\share\…`) has no drive and its `p`
//!   part holds everything up to the file name.

/// What expansion needs from the shell: variables and paths.
pub(crate) trait Vars {
    /// The value of a variable, name compared ignoring ASCII case; includes the dynamic
    /// variables (CD, DATE, TIME, RANDOM, ERRORLEVEL, CMDEXTVERSION...), which the shell computes.
    /// A user-defined variable hides a dynamic one (the shell handles that; you just call var()).
    fn var(&self, name: &str) -> Option<String>;
    /// A path made absolute against the current directory, e.g. `reset.bat` -> `C:\Users\Admin\Desktop\reset.bat`
    /// (used by the %~f / %~d / %~p modifiers).
    fn full_path(&self, path: &str) -> String;
}

/// Where a line is being read: at the interactive prompt or from a batch file (with its arguments).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source<'a> {
    /// Typed at the prompt: no batch parameters, and undefined variables stay as typed.
    Prompt,
    /// `args[0]` is the batch file as it was invoked (e.g. `reset.bat` or `"C:\Users\Admin\Desktop\reset.bat"`), then %1..%9 and beyond (already without the shifted-out ones).
    Batch {
        /// The batch file's name as invoked, then its arguments.
        args: &'a [String],
    },
}

/// Phase 1 of cmd's parser: `%VAR%`, `%VAR:~a,b%`, `%VAR:old=new%` (old may start with `*`),
/// `%0`-`%9`, `%*`, `%~dp0`-style modifiers (batch only), and `%%` -> `%` (batch only).
///
/// At the prompt an undefined `%NOPE%` stays as typed; in a batch file it becomes empty. A
/// lone `%` (no closing %) stays (prompt) / is dropped (batch) as cmd does. In a batch file,
/// `%%i` FOR variables survive phase 1 as `%i` (that is what `%%` -> `%` gives).
///
/// When a `%` does not start a reference, cmd carries on scanning from the character after
/// it, so that character may open the next reference: at the prompt `%NOPE%PATH%` is
/// `%NOPE` followed by the value of PATH. In a batch file an undefined variable with a
/// modifier loses only `%NOPE:`, as in cmd (`%NOPE:~0,2%` leaves `~0,2`).
pub(crate) fn percent(text: &str, vars: &dyn Vars, source: &Source<'_>) -> String {
    let args = match source {
        Source::Prompt => None,
        Source::Batch { args } => Some(*args),
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(args) = args
            && let Some((value, used)) = batch_parameter(after, args, vars)
        {
            out.push_str(&value);
            rest = &after[used..];
            continue;
        }
        rest = match reference(after, '%', vars) {
            Reference::Value(value, used) => {
                out.push_str(&value);
                &after[used..]
            }
            Reference::Undefined(used) if args.is_some() => &after[used..],
            Reference::Undefined(_) | Reference::NotOne => {
                if args.is_none() {
                    out.push('%');
                }
                after
            }
        };
    }
    out.push_str(rest);
    out
}

/// Delayed expansion (`setlocal EnableDelayedExpansion`): `!VAR!`, `!VAR:~a,b!`, `!VAR:a=b!`
/// at execution time. Undefined -> empty. A `^!` escapes a literal `!`; a lone `!` is removed.
///
/// As in cmd, text without any `!` is left exactly as it is; text with a `!` has every `^`
/// treated as an escape (`^^` gives `^`, `^x` gives `x`).
pub(crate) fn delayed(text: &str, vars: &dyn Vars) -> String {
    if !text.contains('!') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['^', '!']) {
        out.push_str(&rest[..at]);
        let escape = rest[at..].starts_with('^');
        let after = &rest[at + 1..];
        if escape {
            let mut chars = after.chars();
            if let Some(literal) = chars.next() {
                out.push(literal);
            }
            rest = chars.as_str();
            continue;
        }
        rest = match reference(after, '!', vars) {
            Reference::Value(value, used) => {
                out.push_str(&value);
                &after[used..]
            }
            Reference::Undefined(used) => &after[used..],
            Reference::NotOne => after,
        };
    }
    out.push_str(rest);
    out
}

/// FOR-variable substitution at execution: replaces `%i` and `%~nxi`-style references for
/// each bound variable. Letters are case-sensitive (`%i` and `%I` differ); `bindings` maps
/// letter -> value, and when a letter is bound twice the later binding (the inner loop) wins.
///
/// Modifiers are those of [`path_modifiers`]: f d p n x s a t z and combinations; `a`, `t`
/// and `z` (attributes, time, size) and the `%~$PATH:i` search give empty strings here. As in
/// cmd, modifier letters are read greedily and, when no bound variable follows them, the
/// last one that is itself a bound variable ends the reference (`%~ff` with `%f` bound is
/// the full path of `%f`). A `%` that starts no reference is kept, so `%%i` at the prompt
/// gives `%` followed by the value.
pub(crate) fn for_vars(text: &str, bindings: &[(char, String)], vars: &dyn Vars) -> String {
    if bindings.is_empty() || !text.contains('%') {
        return text.to_string();
    }
    let bound = |letter: char| {
        bindings
            .iter()
            .rev()
            .find(|(bound, _)| *bound == letter)
            .map(|(_, value)| value.as_str())
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('~')
            && let Some(tilde) = tilde_reference(tail, |c| bound(c).is_some())
        {
            let value = bound(tilde.var).unwrap_or_default();
            out.push_str(&tilde.apply(value, vars));
            rest = &tail[tilde.used..];
            continue;
        }
        if let Some(letter) = after.chars().next()
            && let Some(value) = bound(letter)
        {
            out.push_str(value);
            rest = &after[letter.len_utf8()..];
            continue;
        }
        out.push('%');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The path modifiers of `%~dp0` / `%~nxI` applied to a value: `~` alone strips surrounding
/// quotes; f full path (via [`Vars::full_path`]), d drive (`C:`), p path with trailing `\`,
/// n name, x extension (with the dot), s = same as f here (no 8.3 names), combinations in
/// cmd's order (d p n x). Returns the text.
///
/// `modifiers` is the letters after the `~` (a leading `~` is allowed and ignored), in any
/// case. `f` means all four parts; `s` alone means `f` and adds nothing to other letters.
/// `a`, `t` and `z` give empty text (there are no file details to show). Every form strips
/// a leading and a trailing `"`; an empty value stays empty.
pub(crate) fn path_modifiers(value: &str, modifiers: &str, vars: &dyn Vars) -> String {
    let value = strip_quotes(value);
    let modifiers = modifiers.trim_start_matches('~');
    let has = |letter: char| modifiers.chars().any(|m| m.eq_ignore_ascii_case(&letter));
    let full = has('f') || (has('s') && !['d', 'p', 'n', 'x'].into_iter().any(has));
    let wanted = [has('d'), has('p'), has('n'), has('x')].map(|part| part || full);
    let details = ['a', 't', 'z'].into_iter().any(has);
    if !wanted.contains(&true) {
        return if details {
            String::new()
        } else {
            value.to_string()
        };
    }
    if value.is_empty() {
        return String::new();
    }
    let path = vars.full_path(value);
    let parts = split_path(&path);
    let mut out = String::with_capacity(path.len());
    for (part, want) in parts.into_iter().zip(wanted) {
        if want {
            out.push_str(part);
        }
    }
    out
}

/// What the text after a `%` (or `!`) turned out to be.
enum Reference {
    /// A defined variable: its expanded value and the bytes used after the opening sign.
    Value(String, usize),
    /// An undefined variable: the bytes a batch file drops after the opening sign
    /// (`NOPE%`, or `NOPE:` when a modifier follows).
    Undefined(usize),
    /// Not a variable reference: the opening sign is a lone one.
    NotOne,
}

/// Reads `VAR%`, `VAR:~a,b%` or `VAR:old=new%` (with `close` as the closing sign) at the
/// start of `after`, the text following the opening sign.
fn reference(after: &str, close: char, vars: &dyn Vars) -> Reference {
    let Some(stop) = after.find([close, ':', '\n', '\r']) else {
        return Reference::NotOne;
    };
    let name = &after[..stop];
    let tail = &after[stop..];
    if tail.starts_with(close) {
        return lookup(name, vars, stop + close.len_utf8());
    }
    let Some(modifier) = tail.strip_prefix(':') else {
        return Reference::NotOne;
    };
    if modifier.starts_with(close) {
        // `%VAR:%`: the colon belongs to the name.
        return lookup(&after[..=stop], vars, stop + 1 + close.len_utf8());
    }
    let Some(value) = defined(name, vars) else {
        return Reference::Undefined(stop + 1);
    };
    let Some(end) = modifier.find([close, '\n', '\r']) else {
        return Reference::NotOne;
    };
    if !modifier[end..].starts_with(close) {
        return Reference::NotOne;
    }
    match modify(&value, &modifier[..end]) {
        Some(modified) => Reference::Value(modified, stop + 1 + end + close.len_utf8()),
        None => Reference::NotOne,
    }
}

/// A plain `%VAR%` reference that used `used` bytes.
fn lookup(name: &str, vars: &dyn Vars, used: usize) -> Reference {
    match defined(name, vars) {
        Some(value) => Reference::Value(value, used),
        None => Reference::Undefined(used),
    }
}

/// The value of a variable; an empty name is never defined.
fn defined(name: &str, vars: &dyn Vars) -> Option<String> {
    if name.is_empty() {
        None
    } else {
        vars.var(name)
    }
}

/// Applies the text between `:` and the closing sign: `~a,b` takes a substring, `old=new`
/// or `*old=new` replaces. `None` when the text is neither.
fn modify(value: &str, modifier: &str) -> Option<String> {
    if let Some(spec) = modifier.strip_prefix('~') {
        return substring(value, spec);
    }
    let (search, replacement) = modifier.split_once('=')?;
    if let Some(search) = search.strip_prefix('*') {
        if search.is_empty() {
            return None;
        }
        return Some(replace_through_first(value, search, replacement));
    }
    if search.is_empty() {
        return None;
    }
    Some(replace_all(value, search, replacement))
}

/// `%VAR:~start,length%`: a negative start counts from the end, a negative length leaves
/// that many characters off the end, an omitted length means the rest. Out-of-range
/// offsets clamp, giving at worst an empty string. `None` when `spec` is not
/// `[integer][,[integer]]`.
fn substring(value: &str, spec: &str) -> Option<String> {
    let (start, length) = match spec.split_once(',') {
        Some((start, length)) => (start, Some(offset(length)?)),
        None => (spec, None),
    };
    let start = offset(start)?;
    let count = i64::try_from(value.chars().count()).unwrap_or(i64::MAX);
    let from = if start < 0 {
        count.saturating_add(start).max(0)
    } else {
        start.min(count)
    };
    let to = match length {
        None => count,
        Some(length) if length >= 0 => from.saturating_add(length).min(count),
        Some(length) => count.saturating_add(length).max(from),
    };
    let skip = usize::try_from(from).unwrap_or(0);
    let take = usize::try_from(to - from).unwrap_or(0);
    Some(value.chars().skip(skip).take(take).collect())
}

/// A substring offset: an optional sign and decimal digits, or nothing (0). Huge values
/// saturate.
fn offset(text: &str) -> Option<i64> {
    if text.is_empty() {
        return Some(0);
    }
    let (negative, digits) = match text.as_bytes()[0] {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let magnitude = digits.bytes().fold(0i64, |total, digit| {
        total
            .saturating_mul(10)
            .saturating_add(i64::from(digit - b'0'))
    });
    Some(if negative { -magnitude } else { magnitude })
}

/// Replaces every occurrence of `search` (ignoring ASCII case) with `replacement`.
fn replace_all(value: &str, search: &str, replacement: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some((at, end)) = find_ignoring_case(rest, search) {
        out.push_str(&rest[..at]);
        out.push_str(replacement);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `%VAR:*search=replacement%`: everything up to and including the first `search` becomes
/// `replacement`; without a match the value is unchanged.
fn replace_through_first(value: &str, search: &str, replacement: &str) -> String {
    match find_ignoring_case(value, search) {
        Some((_, end)) => format!("{replacement}{}", &value[end..]),
        None => value.to_string(),
    }
}

/// The byte range of the first occurrence of `needle` in `haystack`, ignoring ASCII case.
fn find_ignoring_case(haystack: &str, needle: &str) -> Option<(usize, usize)> {
    haystack
        .char_indices()
        .map(|(at, _)| at)
        .find(|&at| {
            haystack
                .get(at..at + needle.len())
                .is_some_and(|candidate| candidate.eq_ignore_ascii_case(needle))
        })
        .map(|at| (at, at + needle.len()))
}

/// `%%`, `%*`, `%0`–`%9` or `%~…0`–`%~…9` at the start of `after` (a batch file's text after
/// a `%`): the expansion and the bytes used.
fn batch_parameter(after: &str, args: &[String], vars: &dyn Vars) -> Option<(String, usize)> {
    let argument = |digit: u8| {
        args.get(usize::from(digit - b'0'))
            .map_or("", String::as_str)
    };
    match *after.as_bytes().first()? {
        b'%' => Some(("%".to_string(), 1)),
        b'*' => Some((args.get(1..).unwrap_or_default().join(" "), 1)),
        digit @ b'0'..=b'9' => Some((argument(digit).to_string(), 1)),
        b'~' => {
            let tail = &after[1..];
            let tilde = tilde_reference(tail, |c| c.is_ascii_digit())?;
            let digit = u8::try_from(tilde.var).ok()?;
            Some((tilde.apply(argument(digit), vars), 1 + tilde.used))
        }
        _ => None,
    }
}

/// A `%~…X` reference read from the text after the `~`.
struct Tilde<'t> {
    /// The modifier letters (`dp` in `%~dp0`).
    modifiers: &'t str,
    /// Whether the reference searches a variable's folders (`%~$PATH:1`).
    search: bool,
    /// The parameter digit or FOR letter.
    var: char,
    /// Bytes used after the `~`.
    used: usize,
}

impl Tilde<'_> {
    /// The reference's text for the variable's value.
    fn apply(&self, value: &str, vars: &dyn Vars) -> String {
        if self.search {
            // No folders to search: cmd gives empty text when the file is not found.
            String::new()
        } else {
            path_modifiers(value, self.modifiers, vars)
        }
    }
}

/// Reads `[modifiers][$NAME:]X` where `is_var` says which characters are variables. The
/// modifier letters are taken greedily; if no variable follows them, the last modifier
/// letter that is a variable ends the reference instead.
fn tilde_reference(tail: &str, is_var: impl Fn(char) -> bool) -> Option<Tilde<'_>> {
    let run = tail.find(|c| !is_modifier(c)).unwrap_or(tail.len());
    let after_run = &tail[run..];
    if let Some(search) = after_run.strip_prefix('$')
        && let Some(colon) = search.find([':', '%'])
        && search[colon..].starts_with(':')
        && let Some(var) = search[colon + 1..].chars().next()
        && is_var(var)
    {
        return Some(Tilde {
            modifiers: &tail[..run],
            search: true,
            var,
            used: run + 1 + colon + 1 + var.len_utf8(),
        });
    }
    if let Some(var) = after_run.chars().next()
        && is_var(var)
    {
        return Some(Tilde {
            modifiers: &tail[..run],
            search: false,
            var,
            used: run + var.len_utf8(),
        });
    }
    let (at, var) = tail[..run].char_indices().rev().find(|&(_, c)| is_var(c))?;
    Some(Tilde {
        modifiers: &tail[..at],
        search: false,
        var,
        used: at + var.len_utf8(),
    })
}

/// Whether `c` is one of the `%~` modifier letters.
fn is_modifier(c: char) -> bool {
    MODIFIER_LETTERS.contains(c.to_ascii_lowercase())
}

/// A value without one leading and one trailing `"`.
fn strip_quotes(value: &str) -> &str {
    let value = value.strip_prefix('"').unwrap_or(value);
    value.strip_suffix('"').unwrap_or(value)
}

/// A full path's drive (`C:`), folder (`\Users\Admin\`), name and extension (`.bat`).
fn split_path(path: &str) -> [&str; 4] {
    let bytes = path.as_bytes();
    let has_drive = bytes.len() >= 2 && bytes[1] == b':' && bytes[0].is_ascii_alphabetic();
    let (drive, rest) = path.split_at(if has_drive { 2 } else { 0 });
    let (folder, file) = rest.split_at(rest.rfind('\\').map_or(0, |at| at + 1));
    let (name, extension) = file.split_at(file.rfind('.').unwrap_or(file.len()));
    [drive, folder, name, extension]
}

/// The letters `%~` accepts before a parameter digit or FOR letter.
const MODIFIER_LETTERS: &str = "fdpnxsatz";

#[cfg(test)]
mod tests {
    use super::*;

    /// A shell with a few variables, its current folder `C:\Users\Admin\Desktop`.
    struct Env(Vec<(&'static str, &'static str)>);

    impl Vars for Env {
        fn var(&self, name: &str) -> Option<String> {
            self.0
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| (*v).to_string())
        }
        fn full_path(&self, path: &str) -> String {
            let bytes = path.as_bytes();
            if path.starts_with("\\\\") || (bytes.len() >= 2 && bytes[1] == b':') {
                path.to_string()
            } else if let Some(rooted) = path.strip_prefix('\\') {
                format!("C:\\{rooted}")
            } else {
                format!("C:\\Users\\Admin\\Desktop\\{path}")
            }
        }
    }

    fn env() -> Env {
        Env(vec![
            ("USERNAME", "Admin"),
            ("windir", "C:\\Windows"),
            ("DATE", "Sun 11/29/2026"),
            ("TIME", " 9:05:03.41"),
            ("ERRORLEVEL", "0"),
            ("alphabet", "abcdefghijklmnopqrstuvwxyz"),
            ("path", "C:\\Windows\\system32;C:\\Windows"),
            ("greeting", "Hello World hello"),
            ("empty", ""),
            ("my var", "spaced"),
            ("VAR:", "colon"),
            ("=C:", "C:\\Users\\Admin"),
            ("pct", "100%"),
            ("uni", "häßlich ünï"),
            ("SD", "C:\\Windows\\SoftwareDistribution"),
        ])
    }

    fn batch_args() -> Vec<String> {
        [
            "reset.bat",
            "\"C:\\Program Files\\x y\\tool.exe\"",
            "two",
            "3",
        ]
        .map(String::from)
        .to_vec()
    }

    fn at_prompt(text: &str) -> String {
        percent(text, &env(), &Source::Prompt)
    }

    fn in_batch(text: &str) -> String {
        let args = batch_args();
        percent(text, &env(), &Source::Batch { args: &args })
    }

    #[test]
    fn plain_variables_expand_in_both_modes() {
        for (input, expected) in [
            ("echo %USERNAME%", "echo Admin"),
            ("echo %username%", "echo Admin"),
            (
                "%windir%\\SoftwareDistribution",
                "C:\\Windows\\SoftwareDistribution",
            ),
            ("%DATE% %TIME%", "Sun 11/29/2026  9:05:03.41"),
            ("exit /b %ERRORLEVEL%", "exit /b 0"),
            ("[%empty%]", "[]"),
            ("%my var%", "spaced"),
            ("%VAR:%", "colon"),
            ("%=C:%", "C:\\Users\\Admin"),
            ("%pct%", "100%"),
            ("%pct%%pct%", "100%100%"),
            ("no percent here", "no percent here"),
            ("", ""),
            ("ünï %USERNAME% ünï", "ünï Admin ünï"),
        ] {
            assert_eq!(at_prompt(input), expected, "prompt: {input}");
            assert_eq!(in_batch(input), expected, "batch: {input}");
        }
    }

    #[test]
    fn undefined_and_lone_percents_differ_between_prompt_and_batch() {
        for (input, prompt, batch) in [
            ("echo %NOPE%", "echo %NOPE%", "echo "),
            ("echo [%NOPE%]", "echo [%NOPE%]", "echo []"),
            ("100%", "100%", "100"),
            ("50% off", "50% off", "50 off"),
            ("%", "%", ""),
            ("%%", "%%", "%"),
            ("%%%", "%%%", "%"),
            ("%NOPE%USERNAME%", "%NOPEAdmin", "USERNAME"),
            ("%a %USERNAME% c%", "%a Admin c%", "USERNAME"),
            ("%NOPE:~0,2%", "%NOPE:~0,2%", "~0,2"),
            ("%NOPE:a=b%", "%NOPE:a=b%", "a=b"),
            ("%:~%", "%:~%", "~"),
            ("%~", "%~", "~"),
            ("%~z", "%~z", "~z"),
            ("%:", "%:", ""),
            ("%USERNAME", "%USERNAME", "USERNAME"),
            ("%USERNAME:~", "%USERNAME:~", "USERNAME:~"),
            ("%USERNAME:~x%", "%USERNAME:~x%", "USERNAME:~x"),
            ("%USERNAME:=x%", "%USERNAME:=x%", "USERNAME:=x"),
            ("%USERNAME:*=x%", "%USERNAME:*=x%", "USERNAME:*=x"),
            ("%USERNAME:nope%", "%USERNAME:nope%", "USERNAME:nope"),
            ("%USER\nNAME%", "%USER\nNAME%", "USER\nNAME"),
        ] {
            assert_eq!(at_prompt(input), prompt, "prompt: {input:?}");
            assert_eq!(in_batch(input), batch, "batch: {input:?}");
        }
    }

    #[test]
    fn substrings_count_and_clamp_like_cmd() {
        for (input, expected) in [
            ("%alphabet:~10,5%", "klmno"),
            ("%alphabet:~-10%", "qrstuvwxyz"),
            ("%alphabet:~0,-2%", "abcdefghijklmnopqrstuvwx"),
            ("%alphabet:~5%", "fghijklmnopqrstuvwxyz"),
            ("%alphabet:~0,3%", "abc"),
            ("%alphabet:~,3%", "abc"),
            ("%alphabet:~%", "abcdefghijklmnopqrstuvwxyz"),
            ("%alphabet:~-3,2%", "xy"),
            ("%alphabet:~-5,-2%", "vwx"),
            ("%alphabet:~+2,+2%", "cd"),
            ("%alphabet:~2,%", ""),
            ("%alphabet:~26%", ""),
            ("%alphabet:~100%", ""),
            ("%alphabet:~100,5%", ""),
            ("%alphabet:~-100%", "abcdefghijklmnopqrstuvwxyz"),
            ("%alphabet:~-100,2%", "ab"),
            ("%alphabet:~0,-100%", ""),
            ("%alphabet:~20,-10%", ""),
            ("%alphabet:~0,100%", "abcdefghijklmnopqrstuvwxyz"),
            ("%alphabet:~99999999999999999999999,1%", ""),
            ("%alphabet:~-99999999999999999999999,1%", "a"),
            (
                "%alphabet:~0,99999999999999999999999%",
                "abcdefghijklmnopqrstuvwxyz",
            ),
            ("%DATE:~10,4%", "2026"),
            ("%DATE:~4,2%", "11"),
            ("%TIME:~0,2%", " 9"),
            ("%empty:~0,2%", ""),
            ("%uni:~1,3%", "äßl"),
            ("%uni:~-3%", "ünï"),
        ] {
            assert_eq!(at_prompt(input), expected, "prompt: {input}");
            assert_eq!(in_batch(input), expected, "batch: {input}");
        }
    }

    #[test]
    fn malformed_substrings_are_not_references() {
        for (input, prompt, batch) in [
            ("%alphabet:~a%", "%alphabet:~a%", "alphabet:~a"),
            ("%alphabet:~1,b%", "%alphabet:~1,b%", "alphabet:~1,b"),
            ("%alphabet:~1,2,3%", "%alphabet:~1,2,3%", "alphabet:~1,2,3"),
            ("%alphabet:~-%", "%alphabet:~-%", "alphabet:~-"),
            ("%alphabet:~ 1%", "%alphabet:~ 1%", "alphabet:~ 1"),
        ] {
            assert_eq!(at_prompt(input), prompt, "prompt: {input}");
            assert_eq!(in_batch(input), batch, "batch: {input}");
        }
    }

    #[test]
    fn replacements_ignore_case_and_star_cuts_the_front() {
        for (input, expected) in [
            ("%greeting:hello=Bye%", "Bye World Bye"),
            ("%greeting:o=0%", "Hell0 W0rld hell0"),
            ("%greeting: =%", "HelloWorldhello"),
            ("%greeting:l=%", "Heo Word heo"),
            ("%greeting:xyz=abc%", "Hello World hello"),
            ("%greeting:*World=Big%", "Big hello"),
            ("%greeting:*o=%", " World hello"),
            ("%greeting:*nope=x%", "Hello World hello"),
            ("%greeting:ll=l=l%", "Hel=lo World hel=lo"),
            ("%SD:C:\\Windows\\=%", "SoftwareDistribution"),
            ("%path:;=\" \"%", "C:\\Windows\\system32\" \"C:\\Windows"),
            ("%empty:a=b%", ""),
            ("%uni:Ü=U%", "häßlich ünï"),
            ("%uni:ü=u%", "häßlich unï"),
            ("%greeting:HELLO WORLD HELLO=x%", "x"),
            ("%greeting:Hello World hello!=x%", "Hello World hello"),
        ] {
            assert_eq!(at_prompt(input), expected, "prompt: {input}");
            assert_eq!(in_batch(input), expected, "batch: {input}");
        }
    }

    #[test]
    fn batch_parameters_and_percent_escapes() {
        for (input, expected) in [
            ("%0", "reset.bat"),
            ("%1", "\"C:\\Program Files\\x y\\tool.exe\""),
            ("%2-%3", "two-3"),
            ("[%4][%9]", "[][]"),
            ("%*", "\"C:\\Program Files\\x y\\tool.exe\" two 3"),
            ("%~1", "C:\\Program Files\\x y\\tool.exe"),
            ("%~2", "two"),
            ("%~4", ""),
            ("%~dp0", "C:\\Users\\Admin\\Desktop\\"),
            ("%~f0", "C:\\Users\\Admin\\Desktop\\reset.bat"),
            ("%~d0", "C:"),
            ("%~nx0", "reset.bat"),
            ("%~n0", "reset"),
            ("%~x0", ".bat"),
            ("%~DP0", "C:\\Users\\Admin\\Desktop\\"),
            ("%~dp1", "C:\\Program Files\\x y\\"),
            ("%~nx1", "tool.exe"),
            ("%~s0", "C:\\Users\\Admin\\Desktop\\reset.bat"),
            ("%~z1", ""),
            ("%~$PATH:1", ""),
            ("%~dp$PATH:1", ""),
            ("%~dp4", ""),
            ("%12", "\"C:\\Program Files\\x y\\tool.exe\"2"),
            ("100%%", "100%"),
            ("%%i", "%i"),
            ("%%~nxi", "%~nxi"),
            ("for %%i in (*) do echo %%i", "for %i in (*) do echo %i"),
            ("%%USERNAME%%", "%USERNAME%"),
            ("%~dp0reset.log", "C:\\Users\\Admin\\Desktop\\reset.log"),
            ("%~q1", "~q1"),
        ] {
            assert_eq!(in_batch(input), expected, "batch: {input}");
        }
        // The same text at the prompt: no parameters, `%%` stays.
        for (input, expected) in [
            ("%1", "%1"),
            ("%*", "%*"),
            ("%~dp0", "%~dp0"),
            ("%%i", "%%i"),
            ("%%USERNAME%%", "%Admin%"),
            ("%%USERNAME%", "%Admin"),
        ] {
            assert_eq!(at_prompt(input), expected, "prompt: {input}");
        }
    }

    #[test]
    fn a_quoted_script_path_gives_its_folder() {
        let args = vec!["\"C:\\Users\\Admin\\Downloads\\fix wu.cmd\"".to_string()];
        let batch = Source::Batch { args: &args };
        assert_eq!(
            percent("cd /d %~dp0", &env(), &batch),
            "cd /d C:\\Users\\Admin\\Downloads\\"
        );
        assert_eq!(percent("%~n0", &env(), &batch), "fix wu");
        let empty: Vec<String> = Vec::new();
        let bare = Source::Batch { args: &empty };
        assert_eq!(percent("[%0][%*][%~dp0]", &env(), &bare), "[][][]");
    }

    #[test]
    fn delayed_expansion_reads_values_at_execution() {
        for (input, expected) in [
            ("echo !USERNAME!", "echo Admin"),
            ("!alphabet:~-3!", "xyz"),
            ("!alphabet:~0,2!", "ab"),
            ("!greeting:hello=bye!", "bye World bye"),
            ("!greeting:*World=!", " hello"),
            ("[!NOPE!]", "[]"),
            ("[!NOPE:~0,2!]", "[~0,2]"),
            ("Hello!", "Hello"),
            ("a ! b", "a  b"),
            ("!!", ""),
            ("wow^!", "wow!"),
            ("^!USERNAME^!", "!USERNAME!"),
            ("a^^b!", "a^b"),
            ("a^b!", "ab"),
            ("end!^", "end"),
            ("!pct!", "100%"),
            ("%USERNAME% !USERNAME!", "%USERNAME% Admin"),
            ("!alphabet:~x!", "alphabet:~x"),
            ("!VAR:!", "colon"),
            ("ü!USERNAME!ü", "üAdminü"),
            ("!USER\nNAME!", "USER\nNAME"),
        ] {
            assert_eq!(delayed(input, &env()), expected, "{input:?}");
        }
    }

    #[test]
    fn text_without_a_bang_keeps_its_carets() {
        for text in ["a^b", "^^", "echo ^& done", "^"] {
            assert_eq!(delayed(text, &env()), text);
        }
    }

    #[test]
    fn for_variables_substitute_case_sensitively_with_modifiers() {
        let bindings = [
            ('i', "reset.bat".to_string()),
            ('I', "\"C:\\Windows\\System32\\catroot2\"".to_string()),
            ('f', "C:\\Temp\\log.txt".to_string()),
            ('n', "notes.md".to_string()),
        ];
        for (input, expected) in [
            ("echo %i", "echo reset.bat"),
            ("echo %I", "echo \"C:\\Windows\\System32\\catroot2\""),
            ("%i%I", "reset.bat\"C:\\Windows\\System32\\catroot2\""),
            ("%~I", "C:\\Windows\\System32\\catroot2"),
            ("%~nxI", "catroot2"),
            ("%~dpI", "C:\\Windows\\System32\\"),
            ("%~fi", "C:\\Users\\Admin\\Desktop\\reset.bat"),
            ("%~ni", "reset"),
            ("%~xi", ".bat"),
            ("%~ff", "C:\\Temp\\log.txt"),
            ("%~nf", "log"),
            ("%~xn", ".md"),
            ("%~n", "notes.md"),
            ("%~nxn", "notes.md"),
            ("%~zi", ""),
            ("%~ai", ""),
            ("%~ti", ""),
            ("%~$PATH:i", ""),
            ("%~dp$PATH:i", ""),
            ("%j %J", "%j %J"),
            ("%~j", "%~j"),
            ("%%i", "%reset.bat"),
            ("100%", "100%"),
            ("%", "%"),
            ("%~", "%~"),
            ("ü%iü", "üreset.batü"),
        ] {
            assert_eq!(for_vars(input, &bindings, &env()), expected, "{input}");
        }
    }

    #[test]
    fn an_inner_loop_binding_hides_an_outer_one() {
        let bindings = [('x', "outer".to_string()), ('x', "inner".to_string())];
        assert_eq!(for_vars("%x", &bindings, &env()), "inner");
        assert_eq!(for_vars("%x", &[], &env()), "%x");
    }

    #[test]
    fn path_modifiers_pick_parts_in_cmds_order() {
        for (value, modifiers, expected) in [
            ("\"a b.txt\"", "", "a b.txt"),
            ("\"a b.txt\"", "~", "a b.txt"),
            ("a b.txt\"", "", "a b.txt"),
            ("\"a b.txt", "", "a b.txt"),
            ("\"", "", ""),
            ("reset.bat", "f", "C:\\Users\\Admin\\Desktop\\reset.bat"),
            ("reset.bat", "~f", "C:\\Users\\Admin\\Desktop\\reset.bat"),
            ("reset.bat", "s", "C:\\Users\\Admin\\Desktop\\reset.bat"),
            ("reset.bat", "d", "C:"),
            ("reset.bat", "p", "\\Users\\Admin\\Desktop\\"),
            ("reset.bat", "n", "reset"),
            ("reset.bat", "x", ".bat"),
            ("reset.bat", "dp", "C:\\Users\\Admin\\Desktop\\"),
            ("reset.bat", "pd", "C:\\Users\\Admin\\Desktop\\"),
            ("reset.bat", "xn", "reset.bat"),
            ("reset.bat", "nx", "reset.bat"),
            ("reset.bat", "dx", "C:.bat"),
            ("reset.bat", "DPNX", "C:\\Users\\Admin\\Desktop\\reset.bat"),
            ("reset.bat", "fd", "C:\\Users\\Admin\\Desktop\\reset.bat"),
            ("reset.bat", "sn", "reset"),
            ("reset.bat", "a", ""),
            ("reset.bat", "tz", ""),
            ("reset.bat", "zn", "reset"),
            ("C:\\Windows\\", "n", ""),
            ("C:\\Windows\\", "p", "\\Windows\\"),
            ("C:\\", "dp", "C:\\"),
            ("C:\\.gitignore", "n", ""),
            ("C:\\.gitignore", "x", ".gitignore"),
            ("C:\\a.b\\archive.tar.gz", "n", "archive.tar"),
            ("C:\\a.b\\archive.tar.gz", "x", ".gz"),
            ("C:\\a.b\\README", "x", ""),
            ("C:\\a.b\\README", "n", "README"),
            ("\\\\server\\share\\fix.cmd", "dp", "\\\\server\\share\\"),
            ("\\\\server\\share\\fix.cmd", "d", ""),
            (
                "\"C:\\Program Files\\x y\\tool.exe\"",
                "dp",
                "C:\\Program Files\\x y\\",
            ),
            ("", "dp", ""),
            ("\"\"", "f", ""),
            ("ünï.täxt", "n", "ünï"),
            ("ünï.täxt", "x", ".täxt"),
        ] {
            assert_eq!(
                path_modifiers(value, modifiers, &env()),
                expected,
                "{value} ~{modifiers}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn expansion_never_panics(text in "\\PC{0,40}") {
            let _ = at_prompt(&text);
            let _ = in_batch(&text);
            let _ = delayed(&text, &env());
            let _ = for_vars(&text, &[('i', "x.y".to_string())], &env());
        }

        #[test]
        fn expansion_never_panics_on_dense_syntax(text in "[%!~:=*,^0-9a-zA-Z$ü-]{0,30}") {
            let _ = at_prompt(&text);
            let _ = in_batch(&text);
            let _ = delayed(&text, &env());
            let _ = for_vars(&text, &[('i', "x.y".to_string()), ('f', "\"q\"".to_string())], &env());
            let _ = path_modifiers(&text, &text, &env());
        }

        #[test]
        fn text_without_a_percent_is_unchanged(text in "[^%]{0,40}") {
            proptest::prop_assert_eq!(at_prompt(&text), text.clone());
            proptest::prop_assert_eq!(in_batch(&text), text.clone());
            proptest::prop_assert_eq!(for_vars(&text, &[('i', "x".to_string())], &env()), text);
        }

        #[test]
        fn text_without_a_bang_is_unchanged(text in "[^!]{0,40}") {
            proptest::prop_assert_eq!(delayed(&text, &env()), text);
        }

        #[test]
        fn a_split_substring_puts_the_value_back_together(cut in 0i64..40, offset in -40i64..40, length in -40i64..40) {
            let head = at_prompt(&format!("%alphabet:~0,{cut}%"));
            let tail = at_prompt(&format!("%alphabet:~{cut}%"));
            proptest::prop_assert_eq!(format!("{head}{tail}"), "abcdefghijklmnopqrstuvwxyz");
            let piece = at_prompt(&format!("%alphabet:~{offset},{length}%"));
            proptest::prop_assert!("abcdefghijklmnopqrstuvwxyz".contains(&piece));
            proptest::prop_assert!(piece.len() <= usize::try_from(length.max(0)).unwrap_or(0) || length < 0);
        }
    }
}
