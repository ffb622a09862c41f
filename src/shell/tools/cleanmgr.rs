//! `cleanmgr`: Disk Cleanup. It has no console text on Windows, only windows; the shell shows
//! its one dialog as text. Its switches do what they do on Windows: `/sageset:n` only opens
//! the settings window and saves a choice set, `/sagerun:n` runs a saved set, and
//! `/verylowdisk` and `/autoclean` clean without asking. What it deletes is the temporary
//! files (`%windir%\Temp`, `%TEMP%`), and the space comes back on the drive.

use crate::assess::Fact;
use crate::remedy;
use crate::shell::Question;
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply};
use crate::world::World;
use crate::world::default_fs::TEMP_FOLDERS;

/// Disk Cleanup's entry in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["cleanmgr"],
    kind: Kind::Program,
    usage: "cleanmgr [/sagerun:n | /verylowdisk | /autoclean]",
    summary: "Disk Cleanup: free space on C:",
    topic: Topic::Repair,
    help: HELP,
    changes_state: true,
    words: &["/sageset:1", "/sagerun:1", "/verylowdisk", "/autoclean"],
    run: Some(run),
}];

/// What a `cleanmgr` line asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// No switch (or `/d c:`, `/lowdisk`): the dialog, which asks before deleting.
    Dialog,
    /// `/sageset:n`: the settings window; saves choice set n.
    SageSet(u16),
    /// `/sagerun:n`: runs choice set n without a window.
    SageRun(u16),
    /// `/verylowdisk`, `/autoclean`: cleans without asking.
    Silent,
    /// A switch cleanmgr does not have, or a number out of range.
    Bad,
}

fn parse(words: &[String]) -> Mode {
    let mut mode = Mode::Dialog;
    for word in words {
        let lower = word.to_ascii_lowercase();
        let number = |rest: &str| rest.parse::<u16>().ok().filter(|n| *n <= 9999);
        mode = if let Some(n) = lower.strip_prefix("/sageset:") {
            number(n).map_or(Mode::Bad, Mode::SageSet)
        } else if let Some(n) = lower.strip_prefix("/sagerun:") {
            number(n).map_or(Mode::Bad, Mode::SageRun)
        } else {
            match lower.as_str() {
                "/verylowdisk" | "/autoclean" => Mode::Silent,
                "/lowdisk" | "/d" | "c:" | "/setup" => mode,
                _ => Mode::Bad,
            }
        };
    }
    mode
}

/// The bytes Disk Cleanup can delete now.
fn reclaimable<E>(w: &World<E>) -> u64 {
    TEMP_FOLDERS
        .iter()
        .flat_map(|f| {
            w.fs.subtree(f)
                .filter(|(p, _)| !crate::world::path::eq(p, f))
        })
        .map(|(_, n)| n.bytes())
        .sum()
}

fn gb(bytes: u64) -> String {
    // Windows counts a GB as 1,073,741,824 bytes, as fsutil does.
    format!("{:.1} GB", bytes as f64 / f64::from(1u32 << 30))
}

fn run(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    match parse(&args.words) {
        Mode::Dialog => {
            let bytes = reclaimable(ctx.pc.world());
            ctx.question = Some(Question::Cleanup);
            Reply::ok(format!(
                "Disk Cleanup for (C:)\n\nYou can use Disk Cleanup to free up to {} of disk space on (C:).\n\nFiles to delete:\n  [x] Temporary files  {}\n\nAre you sure you want to permanently delete these files? (Y/N) ",
                gb(bytes),
                gb(bytes)
            ))
        }
        Mode::SageSet(n) => {
            ctx.pc.act(|w| {
                if !w.device.cleanup_sets.contains(&n) {
                    w.device.cleanup_sets.push(n);
                }
            });
            Reply::ok(format!(
                "(wusim: the Disk Cleanup Settings window opened and its choices were saved as set {n}: Temporary files. It deletes nothing: run 'cleanmgr /sagerun:{n}' to clean.)\n"
            ))
        }
        Mode::SageRun(n) => {
            if ctx.pc.device().cleanup_sets.contains(&n) {
                Reply::ok(clean(ctx))
            } else {
                Reply::ok(format!(
                    "(wusim: no choices are saved as set {n}, so Disk Cleanup deleted nothing. 'cleanmgr /sageset:{n}' saves them first.)\n"
                ))
            }
        }
        Mode::Silent => Reply::ok(clean(ctx)),
        Mode::Bad => Reply::new(
            "(wusim: Disk Cleanup showed its usage window: cleanmgr [/d <drive>] [/sageset:n] [/sagerun:n] [/verylowdisk] [/autoclean].)\n",
            1,
        ),
    }
}

/// Deletes the temporary files; the note that says what was freed.
pub(crate) fn clean(ctx: &mut Ctx<'_>) -> String {
    let freed = ctx.pc.act(remedy::disk_cleanup);
    ctx.saw(Fact::Disk);
    format!(
        "(wusim: Disk Cleanup deleted {} of temporary files. (C:) now has {} free.)\n",
        gb(freed),
        gb(ctx.pc.world().disk_free_bytes())
    )
}

/// The answer to the dialog: delete, or not.
pub(crate) fn answer(ctx: &mut Ctx<'_>, yes: bool) -> Reply {
    if yes {
        Reply::ok(clean(ctx))
    } else {
        Reply::ok("")
    }
}

const HELP: &str = "cleanmgr | cleanmgr /sageset:n | cleanmgr /sagerun:n | cleanmgr /verylowdisk | cleanmgr /autoclean
  In the simulation: Disk Cleanup deletes the temporary files (%windir%\\Temp and %TEMP%)
  and the space comes back on (C:). cleanmgr alone shows its dialog and asks; /sageset:n
  only saves choice set n (it opens a settings window on Windows), /sagerun:n runs a saved
  set, /verylowdisk and /autoclean clean without asking.
  On Windows: a window where you choose what to delete; it prints nothing in the console.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_parse_as_a_table() {
        let w = |s: &str| crate::shell::context::words(s);
        let rows = [
            ("", Mode::Dialog),
            ("/d c:", Mode::Dialog),
            ("/sageset:11", Mode::SageSet(11)),
            ("/SAGERUN:11", Mode::SageRun(11)),
            ("/verylowdisk", Mode::Silent),
            ("/autoclean", Mode::Silent),
            ("/sageset:99999", Mode::Bad),
            ("/frob", Mode::Bad),
        ];
        for (line, expected) in rows {
            assert_eq!(parse(&w(line)), expected, "{line}");
        }
    }
}
