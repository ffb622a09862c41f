//! Folders: `cd` (with `/d`; the current folder that relative paths follow), `pushd` and
//! `popd`, `md`, and `dir` with its Windows layout (reference §1.6).

use std::fmt::Write as _;

use super::console::SERIAL;
use super::internal;
use crate::assess::Fact;
use crate::engine::CivilDateTime;
use crate::shell::commands::{Command, Topic};
use crate::shell::context::{Args, Ctx, Reply};
use crate::shell::seen;
use crate::world::{files, path};

/// The entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[
    internal(
        &["cd", "chdir"],
        "cd [/d] [<folder>]",
        "Show or change the current folder",
        Topic::Files,
        cd,
    ),
    internal(
        &["pushd"],
        "pushd <folder>",
        "Remember the current folder and change to another",
        Topic::Files,
        pushd,
    ),
    internal(
        &["popd"],
        "popd",
        "Go back to the folder pushd remembered",
        Topic::Files,
        popd,
    ),
    internal(
        &["md", "mkdir"],
        "md <folder>",
        "Make a folder (and the folders above it)",
        Topic::Files,
        md,
    ),
    internal(
        &["dir"],
        "dir [/a] [/b] [/s] [<path>]",
        "List a folder",
        Topic::Files,
        dir,
    ),
];

const PATH_NOT_FOUND: &str = "The system cannot find the path specified.\n";

/// The folder a typed path names, if it is one (written as on disk).
fn folder(ctx: &Ctx<'_>, typed: &str) -> Option<String> {
    let full = ctx.resolve(typed).ok()?;
    let fs = &ctx.pc.world().fs;
    fs.is_dir(&full).then(|| fs.canonical(&full))
}

fn cd(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let mut target = args.raw.trim();
    if let Some(rest) = target
        .strip_prefix("/d")
        .or_else(|| target.strip_prefix("/D"))
    {
        target = rest.trim();
    }
    let target = target.replace('"', "");
    if target.is_empty() {
        return Reply::ok(format!("{}\n", ctx.con.cwd));
    }
    match folder(ctx, &target) {
        Some(full) => {
            ctx.con.cwd = full;
            Reply::ok("")
        }
        None => Reply::error(PATH_NOT_FOUND, 1),
    }
}

fn pushd(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let target = args.raw.trim().replace('"', "");
    if target.is_empty() {
        return Reply::ok("");
    }
    match folder(ctx, &target) {
        Some(full) => {
            if ctx.con.dir_stack.len() >= 64 {
                return Reply::error(
                    "There are too many directories already in the PUSHD stack.\n",
                    1,
                );
            }
            let here = std::mem::replace(&mut ctx.con.cwd, full);
            ctx.con.dir_stack.push(here);
            Reply::ok("")
        }
        None => Reply::error(PATH_NOT_FOUND, 1),
    }
}

fn popd(ctx: &mut Ctx<'_>, _: &Args<'_>) -> Reply {
    if let Some(previous) = ctx.con.dir_stack.pop() {
        ctx.con.cwd = previous;
    }
    Reply::ok("").keeping_errorlevel()
}

fn md(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    if args.words.is_empty() {
        return Reply::error("The syntax of the command is incorrect.\n", 1);
    }
    let mut reply = Reply::ok("");
    for typed in &args.words {
        let Ok(full) = ctx.resolve(typed) else {
            reply.err.push_str(PATH_NOT_FOUND);
            reply.exit_code = 1;
            continue;
        };
        match ctx.pc.act(|w| files::make_dir(w, &full)) {
            Ok(()) => {}
            Err(files::FileError::AlreadyExists) => {
                reply
                    .err
                    .push_str(&format!("A subdirectory or file {typed} already exists.\n"));
                reply.exit_code = 1;
            }
            Err(files::FileError::BadName) => {
                reply.err.push_str(
                    "The filename, directory name, or volume label syntax is incorrect.\n",
                );
                reply.exit_code = 1;
            }
            Err(_) => {
                reply.err.push_str(PATH_NOT_FOUND);
                reply.exit_code = 1;
            }
        }
    }
    reply
}

/// `MM/DD/YYYY  hh:mm AM`, as an en-US `dir` shows a file time.
fn stamp(seconds: i64) -> String {
    let t = CivilDateTime::from_seconds_since_epoch(seconds);
    let (h, ampm) = t.hour12();
    format!(
        "{:02}/{:02}/{:04}  {:02}:{:02} {ampm}",
        t.month, t.day, t.year, h, t.minute
    )
}

/// A number with thousands separators: `8,643,846,144`.
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A line of a `dir` listing.
struct Row<'a> {
    name: &'a str,
    modified: i64,
    kind: RowKind,
}

enum RowKind {
    Dir,
    File(u64),
    /// A junction and the folder it leads to.
    Junction(&'static str),
}

fn dir(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let mut show_hidden = false;
    let mut bare = false;
    let mut recurse = false;
    let mut targets = Vec::new();
    for word in &args.words {
        let lower = word.to_ascii_lowercase();
        if let Some(flag) = lower.strip_prefix('/') {
            match flag.chars().next() {
                Some('a') => show_hidden = true,
                Some('b') => bare = true,
                Some('s') => recurse = true,
                _ => {}
            }
        } else {
            targets.push(word.clone());
        }
    }
    let typed = targets.first().cloned().unwrap_or_default();
    let full = if typed.is_empty() {
        ctx.con.cwd.clone()
    } else {
        match ctx.resolve(&typed) {
            Ok(full) => full,
            Err(_) => return Reply::error("The system cannot find the path specified.\n", 1),
        }
    };
    let fs = &ctx.pc.world().fs;
    // A folder lists its contents; a file or a wildcard lists what matches in its folder.
    let (folder, pattern) = if fs.is_dir(&full) {
        (fs.canonical(&full), "*".to_string())
    } else {
        let parent = path::parent(&full).unwrap_or(path::ROOT);
        (fs.canonical(parent), path::file_name(&full).to_string())
    };
    if !fs.is_dir(&folder) {
        return Reply::error("The system cannot find the path specified.\n", 1);
    }
    let folders: Vec<String> = if recurse {
        fs.subtree(&folder)
            .filter(|(_, n)| n.is_dir() && (show_hidden || !n.attributes.hidden))
            .map(|(p, _)| p.to_string())
            .collect()
    } else {
        vec![folder.clone()]
    };
    let free = ctx.pc.world().disk_free_bytes();
    let mut listed: Vec<&str> = Vec::new();
    let mut out = String::new();
    if !bare {
        let _ = write!(
            out,
            " Volume in drive C has no label.\n Volume Serial Number is {SERIAL}\n"
        );
    }
    let (mut total_files, mut total_bytes, mut found) = (0u64, 0u64, false);
    for dir_path in &folders {
        let mut rows: Vec<Row<'_>> = fs
            .children(dir_path)
            .filter(|(p, n)| {
                (show_hidden || !n.attributes.hidden) && path::matches(&pattern, path::file_name(p))
            })
            .map(|(p, node)| Row {
                name: if bare && recurse {
                    p
                } else {
                    path::file_name(p)
                },
                modified: node.modified,
                kind: if node.is_dir() {
                    RowKind::Dir
                } else {
                    RowKind::File(node.bytes())
                },
            })
            .collect();
        if show_hidden {
            let here = fs.get(dir_path).map_or(0, |n| n.modified);
            rows.extend(
                path::junctions_in(dir_path)
                    .filter(|(name, _)| path::matches(&pattern, name))
                    .map(|(name, target)| Row {
                        name,
                        modified: here,
                        kind: RowKind::Junction(target),
                    }),
            );
        }
        rows.sort_by_key(|row| path::file_name(row.name).to_ascii_lowercase());
        let dots = !bare && path::parent(dir_path).is_some() && pattern == "*";
        if rows.is_empty() && (recurse || !dots) {
            if !recurse {
                // Empty, or nothing matches: that shows too.
                listed.push(dir_path);
                if !bare {
                    let _ = write!(out, "\n Directory of {dir_path}\n\n");
                }
            }
            continue;
        }
        listed.push(dir_path);
        found = true;
        if bare {
            for row in &rows {
                let _ = writeln!(out, "{}", row.name);
            }
            continue;
        }
        let _ = write!(out, "\n Directory of {dir_path}\n\n");
        let here = fs.get(dir_path).map_or(0, |n| n.modified);
        let (mut dirs, mut files_n, mut bytes) = (0u64, 0u64, 0u64);
        if dots {
            for dot in [".", ".."] {
                let _ = writeln!(out, "{}    <DIR>          {dot}", stamp(here));
                dirs += 1;
            }
        }
        for row in rows {
            let (stamp, name) = (stamp(row.modified), row.name);
            match row.kind {
                RowKind::Dir => {
                    dirs += 1;
                    let _ = writeln!(out, "{stamp}    <DIR>          {name}");
                }
                RowKind::Junction(target) => {
                    dirs += 1;
                    let _ = writeln!(out, "{stamp}    <JUNCTION>     {name} [{target}]");
                }
                RowKind::File(size) => {
                    files_n += 1;
                    bytes += size;
                    let _ = writeln!(out, "{stamp}{:>18} {name}", thousands(size));
                }
            }
        }
        total_files += files_n;
        total_bytes += bytes;
        let _ = writeln!(
            out,
            "{:>16} File(s) {:>14} bytes",
            files_n,
            thousands(bytes)
        );
        if !recurse {
            let _ = writeln!(
                out,
                "{:>16} Dir(s) {:>15} bytes free",
                dirs,
                thousands(free)
            );
        }
    }
    for dir_path in listed {
        seen::folder_listed(&mut ctx.facts, dir_path);
    }
    if found && !bare {
        // The `bytes free` line.
        ctx.saw(Fact::Disk);
    }
    if !found {
        if bare {
            return Reply::error("File Not Found\n", 1);
        }
        if !out.ends_with("\n\n") {
            out.push('\n');
        }
        out.push_str("File Not Found\n");
        return Reply {
            exit_code: 1,
            ..Reply::ok(out)
        };
    }
    if recurse && !bare {
        let _ = write!(
            out,
            "\n     Total Files Listed:\n{:>16} File(s) {:>14} bytes\n{:>16} Dir(s) {:>15} bytes free\n",
            total_files,
            thousands(total_bytes),
            folders.len(),
            thousands(free)
        );
    }
    Reply::ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_times_look_like_dir() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(7_680), "7,680");
        assert_eq!(thousands(8_643_846_144), "8,643,846,144");
        let t = CivilDateTime::new(2026, 10, 5, 5, 58, 0).unwrap();
        assert_eq!(stamp(t.seconds_since_epoch()), "10/05/2026  05:58 AM");
    }
}
