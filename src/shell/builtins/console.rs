//! The console's own built-ins: `echo` (and `echo on`/`off`, `echo.`), `rem`, `title`,
//! `color`, `cls`, `pause`, `ver` and `vol`.

use super::internal;
use crate::shell::Question;
use crate::shell::commands::{Command, Topic};
use crate::shell::context::{Args, Ctx, Reply};

/// The entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[
    internal(
        &["echo"],
        "echo <text> | echo on|off | echo.",
        "Print text (echo. an empty line); turn a batch file's echo on or off",
        Topic::Scripting,
        echo,
    ),
    internal(
        &["rem"],
        "rem <comment>",
        "A comment (also :: in a batch file)",
        Topic::Scripting,
        rem,
    ),
    internal(
        &["title"],
        "title <text>",
        "Set the window title",
        Topic::Scripting,
        title,
    ),
    internal(
        &["color"],
        "color <bg><fg>",
        "Set the console colours (color 0a)",
        Topic::Scripting,
        color,
    ),
    internal(&["cls"], "cls", "Clear the screen", Topic::Scripting, cls),
    internal(
        &["pause"],
        "pause",
        "Wait for a key",
        Topic::Scripting,
        pause,
    ),
    internal(
        &["ver"],
        "ver",
        "The Windows version and build",
        Topic::System,
        ver,
    ),
    internal(
        &["vol"],
        "vol",
        "The volume label and serial number of C:",
        Topic::Files,
        vol,
    ),
];

/// The volume serial number `dir` and `vol` show (fictional).
pub(crate) const SERIAL: &str = "4C2A-1F7E";

fn echo(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    if args.glued {
        return Reply::ok(format!("{}\n", args.raw)).keeping_errorlevel();
    }
    let text = args.raw;
    match text.trim().to_ascii_lowercase().as_str() {
        "" => {
            let state = if ctx.con.echo { "on" } else { "off" };
            Reply::ok(format!("ECHO is {state}.\n")).keeping_errorlevel()
        }
        "on" => {
            ctx.con.echo = true;
            Reply::ok("").keeping_errorlevel()
        }
        "off" => {
            ctx.con.echo = false;
            Reply::ok("").keeping_errorlevel()
        }
        _ => Reply::ok(format!("{text}\n")).keeping_errorlevel(),
    }
}

fn rem(_: &mut Ctx<'_>, _: &Args<'_>) -> Reply {
    Reply::ok("").keeping_errorlevel()
}

fn title(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    ctx.con.title = args.raw.trim().to_string();
    Reply::ok("").keeping_errorlevel()
}

fn color(_: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let Some(spec) = args.words.first() else {
        return Reply::ok("");
    };
    let digits: Vec<char> = spec.chars().collect();
    let valid = digits.len() <= 2 && digits.iter().all(char::is_ascii_hexdigit);
    // The same colour twice (or a code that is not one) changes nothing: errorlevel 1.
    if !valid || (digits.len() == 2 && digits[0].eq_ignore_ascii_case(&digits[1])) {
        return Reply::new("", 1);
    }
    Reply::ok("")
}

fn cls(_: &mut Ctx<'_>, _: &Args<'_>) -> Reply {
    Reply::ok("").keeping_errorlevel()
}

fn pause(ctx: &mut Ctx<'_>, _: &Args<'_>) -> Reply {
    ctx.question = Some(Question::Pause);
    Reply::ok("Press any key to continue . . . ").keeping_errorlevel()
}

fn ver(ctx: &mut Ctx<'_>, _: &Args<'_>) -> Reply {
    Reply::ok(format!(
        "\nMicrosoft Windows [Version 10.0.{}]\n",
        ctx.pc.device().os.build_string()
    ))
}

fn vol(_: &mut Ctx<'_>, _: &Args<'_>) -> Reply {
    Reply::ok(format!(
        " Volume in drive C has no label.\n Volume Serial Number is {SERIAL}\n"
    ))
}
