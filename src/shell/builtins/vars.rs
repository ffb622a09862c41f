//! `set`: list, set and remove environment variables, `set /a` arithmetic and `set /p`
//! (which asks for a value).

use super::internal;
use crate::shell::Question;
use crate::shell::cmd::arith::{self, ArithVars};
use crate::shell::cmd::env::Env;
use crate::shell::commands::{Command, Topic};
use crate::shell::context::{Args, Ctx, Reply};

/// The entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[internal(
    &["set"],
    "set [name=[value]] | set /a <expr> | set /p name=",
    "Show or set environment variables; /a calculates",
    Topic::Scripting,
    set,
)];

struct Vars<'a>(&'a mut Env);

impl ArithVars for Vars<'_> {
    fn get(&self, name: &str) -> Option<String> {
        self.0.get(name).map(str::to_string)
    }

    fn set(&mut self, name: &str, value: i32) {
        self.0.set(name, &value.to_string());
    }
}

/// Removes one pair of quotes around `set "name=value"`: the first `"` and the last.
fn unquote(text: &str) -> &str {
    let t = text.trim_start();
    match (t.strip_prefix('"'), t.rfind('"')) {
        (Some(_), Some(end)) if end > 0 => &t[1..end],
        _ => t,
    }
}

fn set(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let raw = args.raw.trim_start();
    let lower = raw.to_ascii_lowercase();
    if lower.starts_with("/a") {
        let expr = &raw[2..];
        return match arith::evaluate(expr, &mut Vars(&mut ctx.con.env)) {
            // In a batch file `set /a` prints nothing; at the prompt, the value.
            Ok(_) if ctx.con.in_batch() => Reply::ok("").keeping_errorlevel(),
            Ok(value) => Reply::ok(format!("{value}\n")),
            Err(error) => Reply::error(format!("{error}\n"), 1),
        };
    }
    if lower.starts_with("/p") {
        let rest = unquote(&raw[2..]);
        let Some((name, prompt)) = rest.split_once('=') else {
            return Reply::error("The syntax of the command is incorrect.\n", 1);
        };
        ctx.question = Some(Question::SetP(name.trim().to_string()));
        return Reply::ok(prompt.to_string());
    }
    let body = unquote(raw);
    match body.split_once('=') {
        Some((name, value)) if !name.is_empty() => {
            ctx.con.env.set(name, value);
            Reply::ok("").keeping_errorlevel()
        }
        Some(_) => Reply::error("The syntax of the command is incorrect.\n", 1),
        None => list(ctx, body.trim()),
    }
}

/// `set` alone (everything) or `set P` (the names starting with P).
fn list(ctx: &Ctx<'_>, prefix: &str) -> Reply {
    let mut out = String::new();
    for (name, value) in ctx.con.env.iter() {
        let shown = name
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix));
        if shown {
            out.push_str(&format!("{name}={value}\n"));
        }
    }
    if out.is_empty() {
        return Reply::error(format!("Environment variable {prefix} not defined\n"), 1);
    }
    Reply::ok(out).keeping_errorlevel()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_around_an_assignment_go() {
        assert_eq!(unquote("\"x=a b\""), "x=a b");
        assert_eq!(unquote("\"x=a\" junk"), "x=a");
        assert_eq!(unquote("x=\"a\""), "x=\"a\"");
    }
}
