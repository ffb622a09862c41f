//! Files: `type`, `del`, `rd`, `ren`, `copy` and `move`, with Windows' messages and the
//! rules of [`crate::world::files`] (a folder in use cannot be renamed or removed...).
//!
//! Renaming `SoftwareDistribution` or `catroot2` is the documented reset; deleting their
//! databases works too, but throws away the update history, so the shell records it as a
//! harmful move.

use super::internal;
use crate::remedy::Folder;
use crate::shell::commands::{Command, Topic};
use crate::shell::context::{Args, Ctx, Reply};
use crate::shell::render::win32_message;
use crate::shell::{Harm, Question};
use crate::win32::Win32Error;
use crate::world::default_fs::{CATDB, DATASTORE_EDB};
use crate::world::files::{self, FileError};
use crate::world::{World, path};

/// The entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[
    internal(
        &["type"],
        "type <file>",
        "Print a text file",
        Topic::Files,
        type_,
    ),
    internal(
        &["del", "erase"],
        "del [/f] [/s] [/q] <file|folder|wildcard>",
        "Delete files",
        Topic::Files,
        del,
    ),
    internal(
        &["rd", "rmdir"],
        "rd [/s] [/q] <folder>",
        "Remove a folder (/s with everything in it)",
        Topic::Files,
        rd,
    ),
    internal(
        &["ren", "rename"],
        "ren <path> <new name>",
        "Rename a file or folder (the reset of SoftwareDistribution)",
        Topic::Files,
        ren,
    ),
    internal(
        &["copy"],
        "copy [/y] <file> <destination>",
        "Copy files",
        Topic::Files,
        copy,
    ),
    internal(
        &["move"],
        "move [/y] <path> <destination>",
        "Move files or folders",
        Topic::Files,
        move_,
    ),
];

const SYNTAX: &str = "The syntax of the command is incorrect.\n";

fn message(error: FileError) -> String {
    format!("{}\n", win32_message(Win32Error(error.code())))
}

/// The harm of removing what `doomed` lists: the data store or the catalog database gone
/// for good.
fn deletion_harm(doomed: &[String]) -> Option<Harm> {
    if doomed.iter().any(|p| path::is_within(DATASTORE_EDB, p)) {
        Some(Harm::DeletedFolder(Folder::SoftwareDistribution))
    } else if doomed.iter().any(|p| path::is_within(CATDB, p)) {
        Some(Harm::DeletedFolder(Folder::Catroot2))
    } else {
        None
    }
}

fn type_(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let Some(typed) = args.words.first() else {
        return Reply::error(SYNTAX, 1);
    };
    let Ok(full) = ctx.resolve(typed) else {
        return Reply::error(message(FileError::PathNotFound), 1);
    };
    match files::read_text(ctx.pc.world(), &full) {
        Ok(text) => {
            let mut text = text.replace("\r\n", "\n");
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            Reply::ok(text)
        }
        Err(FileError::AccessDenied) => Reply::error(message(FileError::AccessDenied), 1),
        Err(_) => Reply::error(message(FileError::NotFound), 1),
    }
}

/// Files to delete for one `del` argument: a file, every file in a folder, or the files a
/// wildcard matches (in subfolders too with `/s`). `None` when nothing is there.
fn del_targets<E>(w: &World<E>, full: &str, recurse: bool) -> Option<(Vec<String>, bool)> {
    let fs = &w.fs;
    let (folder, pattern) = if fs.is_dir(full) {
        (full.to_string(), "*".to_string())
    } else if path::has_wildcard(path::file_name(full)) {
        let parent = path::parent(full).unwrap_or(path::ROOT);
        (parent.to_string(), path::file_name(full).to_string())
    } else {
        return fs.get(full).map(|_| (vec![fs.canonical(full)], false));
    };
    if !fs.is_dir(&folder) {
        return None;
    }
    let folders: Vec<String> = if recurse {
        fs.subtree(&folder)
            .filter(|(_, n)| n.is_dir())
            .map(|(p, _)| p.to_string())
            .collect()
    } else {
        vec![folder.clone()]
    };
    let targets: Vec<String> = folders
        .iter()
        .flat_map(|f| {
            fs.children(f)
                .filter(|(p, n)| !n.is_dir() && path::matches(&pattern, path::file_name(p)))
                .map(|(p, _)| p.to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let asks = pattern == "*" || pattern == "*.*";
    Some((targets, asks))
}

fn del(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let names: Vec<&String> = args.words.iter().filter(|w| !w.starts_with('/')).collect();
    if names.is_empty() {
        return Reply::error(SYNTAX, 1);
    }
    let (force, recurse, quiet) = (args.has("/f"), args.has("/s"), args.has("/q"));
    let mut reply = Reply::ok("");
    let mut doomed = Vec::new();
    let mut ask = None;
    for typed in names {
        let Ok(full) = ctx.resolve(typed) else {
            reply.err.push_str(&message(FileError::PathNotFound));
            continue;
        };
        match del_targets(ctx.pc.world(), &full, recurse) {
            None => reply.err.push_str(&format!("Could Not Find {full}\n")),
            // A wildcard that matches nothing.
            Some((targets, _)) if targets.is_empty() && !ctx.pc.world().fs.is_dir(&full) => {
                reply.err.push_str(&format!("Could Not Find {full}\n"));
            }
            Some((targets, asks)) => {
                if asks && !quiet && ask.is_none() {
                    let shown = if ctx.pc.world().fs.is_dir(&full) {
                        path::child(&full, "*")
                    } else {
                        full.clone()
                    };
                    ask = Some(shown);
                }
                doomed.extend(targets);
            }
        }
    }
    if let Some(shown) = ask {
        ctx.question = Some(Question::Delete {
            files: doomed,
            force,
            recurse,
        });
        reply
            .text
            .push_str(&format!("{shown}, Are you sure (Y/N)? "));
        return reply;
    }
    let result = delete_files(ctx, &doomed, force, recurse);
    reply.text.push_str(&result.text);
    reply.err.push_str(&result.err);
    reply.harm = result.harm;
    // `del` leaves %ERRORLEVEL% at 0 even when nothing was deleted (reference §1.7).
    reply
}

/// Deletes the files (the answer to `del`'s question, or `del /q`).
pub(crate) fn delete_files(
    ctx: &mut Ctx<'_>,
    doomed: &[String],
    force: bool,
    listed: bool,
) -> Reply {
    let mut reply = Reply::ok("");
    let mut gone = Vec::new();
    for file in doomed {
        match ctx.pc.act(|w| files::delete_file(w, file, force)) {
            Ok(_) => {
                if listed {
                    reply.text.push_str(&format!("Deleted file - {file}\n"));
                }
                gone.push(file.clone());
            }
            Err(FileError::InUse(_)) => reply.err.push_str(&format!(
                "{file}\n{}",
                message(FileError::InUse(crate::scm::ServiceId::WUAUSERV))
            )),
            Err(FileError::AccessDenied) => {
                reply
                    .err
                    .push_str(&format!("{file}\n{}", message(FileError::AccessDenied)));
            }
            Err(_) => reply.err.push_str(&format!("Could Not Find {file}\n")),
        }
    }
    reply.harm = deletion_harm(&gone);
    reply
}

fn rd(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let names: Vec<&String> = args.words.iter().filter(|w| !w.starts_with('/')).collect();
    let Some(typed) = names.first() else {
        return Reply::error(SYNTAX, 1);
    };
    let (recurse, quiet) = (args.has("/s"), args.has("/q"));
    let Ok(full) = ctx.resolve(typed) else {
        return Reply::error(message(FileError::PathNotFound), 2);
    };
    let fs = &ctx.pc.world().fs;
    match fs.get(&full) {
        None => return Reply::error(message(FileError::NotFound), 2),
        Some(node) if !node.is_dir() => {
            return Reply::error("The directory name is invalid.\n", 267);
        }
        Some(_) => {}
    }
    if !recurse && fs.children(&full).next().is_some() {
        return Reply::error("The directory is not empty.\n", 145);
    }
    if recurse && !quiet {
        ctx.question = Some(Question::Remove {
            path: fs.canonical(&full),
            default_yes: false,
        });
        return Reply::ok(format!("{typed}, Are you sure (Y/N)? ")).keeping_errorlevel();
    }
    remove_tree(ctx, &full)
}

/// Removes a folder and everything in it (the answer to `rd /s`'s question, or `rd /s /q`).
pub(crate) fn remove_tree(ctx: &mut Ctx<'_>, full: &str) -> Reply {
    let doomed: Vec<String> = ctx
        .pc
        .world()
        .fs
        .subtree(full)
        .map(|(p, _)| p.to_string())
        .collect();
    match ctx.pc.act(|w| files::remove_dir(w, full, true)) {
        Ok(_) => Reply::ok("")
            .keeping_errorlevel()
            .with_harm(deletion_harm(&doomed)),
        Err(FileError::InUse(_)) => Reply::error(
            "The process cannot access the file because it is being used by another process.\n",
            32,
        ),
        Err(error) => Reply::error(message(error), error.code() as i32),
    }
}

fn ren(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let [typed, new_name] = args.words.as_slice() else {
        return Reply::error(SYNTAX, 1);
    };
    if !files::is_valid_name(new_name) {
        return Reply::error(SYNTAX, 1);
    }
    let Ok(full) = ctx.resolve(typed) else {
        return Reply::error(message(FileError::PathNotFound), 1);
    };
    match ctx.pc.act(|w| files::rename(w, &full, new_name)) {
        Ok(_) => Reply::ok(""),
        // A folder a service keeps open: cmd says access is denied.
        Err(FileError::InUse(_) | FileError::AccessDenied) => {
            Reply::error(message(FileError::AccessDenied), 1)
        }
        Err(FileError::AlreadyExists) => Reply::error(
            "A duplicate file name exists, or the file\ncannot be found.\n",
            1,
        ),
        Err(FileError::PathNotFound) => Reply::error(message(FileError::PathNotFound), 1),
        Err(_) => Reply::error(message(FileError::NotFound), 1),
    }
}

/// The full destination of a copy or move: into a folder keeps the name.
fn destination<E>(w: &World<E>, source: &str, dest: &str) -> String {
    if w.fs.is_dir(dest) {
        path::child(&w.fs.canonical(dest), path::file_name(source))
    } else {
        dest.to_string()
    }
}

fn copy(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let names: Vec<&String> = args.words.iter().filter(|w| !w.starts_with('/')).collect();
    let (from, to) = match names.as_slice() {
        [from] => (from.to_string(), ctx.con.cwd.clone()),
        [from, to] => (from.to_string(), to.to_string()),
        _ => return Reply::error(SYNTAX, 1),
    };
    let (Ok(from), Ok(to)) = (ctx.resolve(&from), ctx.resolve(&to)) else {
        return Reply::error(message(FileError::PathNotFound), 1);
    };
    let sources: Vec<String> = if path::has_wildcard(path::file_name(&from)) {
        del_targets(ctx.pc.world(), &from, false).map_or_else(Vec::new, |(t, _)| t)
    } else {
        vec![from.clone()]
    };
    if sources.is_empty() || !ctx.pc.world().fs.exists(&sources[0]) {
        return Reply::error(
            format!(
                "{}        0 file(s) copied.\n",
                message(FileError::NotFound)
            ),
            1,
        );
    }
    let mut copied = 0;
    let mut reply = Reply::ok("");
    for source in &sources {
        let target = destination(ctx.pc.world(), source, &to);
        if path::eq(&target, source) {
            reply
                .err
                .push_str("The file cannot be copied onto itself.\n");
            continue;
        }
        match ctx.pc.act(|w| files::copy_file(w, source, &target)) {
            Ok(()) => copied += 1,
            Err(error) => reply.err.push_str(&message(error)),
        }
    }
    reply
        .text
        .push_str(&format!("        {copied} file(s) copied.\n"));
    if copied == 0 {
        reply.exit_code = 1;
    }
    reply
}

fn move_(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let names: Vec<&String> = args.words.iter().filter(|w| !w.starts_with('/')).collect();
    let [from, to] = names.as_slice() else {
        return Reply::error(SYNTAX, 1);
    };
    let (Ok(from), Ok(to)) = (ctx.resolve(from), ctx.resolve(to)) else {
        return Reply::error(message(FileError::PathNotFound), 1);
    };
    let is_dir = ctx.pc.world().fs.is_dir(&from);
    let target = destination(ctx.pc.world(), &from, &to);
    let replace = !is_dir && ctx.pc.world().fs.get(&target).is_some_and(|n| !n.is_dir());
    let result = ctx.pc.act(|w| {
        if replace {
            files::delete_file(w, &target, false)?;
        }
        files::move_to(w, &from, &target)
    });
    match result {
        Ok(()) if is_dir => Reply::ok("        1 dir(s) moved.\n"),
        Ok(()) => Reply::ok("        1 file(s) moved.\n"),
        Err(FileError::InUse(_)) => Reply::error(message(FileError::AccessDenied), 1),
        Err(FileError::NotFound) => Reply::error(message(FileError::NotFound), 1),
        Err(error) => Reply::error(message(error), 1),
    }
}
