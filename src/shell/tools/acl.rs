//! Ownership and attributes: `takeown`, `icacls` and `attrib` — what reset scripts run on
//! `SoftwareDistribution`, `catroot2` or `WinSxS` before renaming them, and what a technician
//! uses to see or clear a read-only, hidden or system file.
//!
//! `attrib` really changes the simulated drive: `+r`/`-r`, `+h`/`-h`, `+s`/`-s` set or clear
//! the attributes the file system keeps (a read-only file then needs `del /f`, a hidden one
//! leaves `dir`'s list), on one file, a folder, or what a wildcard matches (`/s` in subfolders
//! too, `/d` with folders). Without a switch it lists the attributes.
//!
//! The simulated drive has no owners and no access control lists, so `takeown` and `icacls`
//! change nothing: they print Windows' success texts (reference §4.9) for each item they
//! would process — with `/r` or `/t`, every item of the subtree — or the missing-file text
//! for a path that names nothing. What the scripts use them for (to rename or delete a
//! folder Windows protects) is decided by the file system's own rules, not by permissions.
//!
//! Simplifications (the book lists these):
//! - `takeown` always names the signed-in user, `<COMPUTER>\Admin` (with `/a` a note says
//!   Windows would name the Administrators group); it prints a blank line before each
//!   SUCCESS line. `icacls <path>` with no action has no permissions to show: a
//!   `(wusim: ...)` note stands where the access control entries would be.
//! - The missing-file answers (`ERROR: The system cannot find the file specified.` for
//!   takeown, `<path>: The system cannot find the file specified.` for icacls, as the
//!   reference's `<path>: Access is denied.`; `File not found - <path>` for attrib) and the
//!   exit codes of failures (1 for takeown and attrib, 2 for icacls) are modelled plainly;
//!   the reference does not record them.
//! - `attrib`'s listing layout is not in the reference: wusim prints the letters R, H and S
//!   in three fixed columns, then the full path. wusim has no archive (`A`) or
//!   not-content-indexed (`I`) attribute: `+a`, `-a`, `+i`, `-i` change nothing, with a note.
//! - `attrib` refuses to change a hidden or system file unless the same command sets or
//!   clears that attribute too (`Not resetting hidden file - <path>`), which is why scripts
//!   write `attrib -r -s -h` together; the wording is from memory, not the reference.
//! - `attrib /s` with a folder's path works on the folder's contents (Windows searches the
//!   subfolders for items named like the folder).
//! - A switch wusim does not simulate gets a `(wusim: ...)` note, not Windows' error text.

use std::fmt::Write as _;

use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply};
use crate::shell::render::win32_message;
use crate::win32::Win32Error;
use crate::world::fs::{FileSystem, Node};
use crate::world::path;

/// The entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[
    Command {
        names: &["takeown"],
        kind: Kind::Program,
        usage: "takeown /f <path> [/r /d y]",
        summary: "Take ownership of a file or folder (no owners are modelled)",
        topic: Topic::Files,
        help: TAKEOWN_HELP,
        changes_state: true,
        words: &["/f"],
        run: Some(takeown),
    },
    Command {
        names: &["icacls"],
        kind: Kind::Program,
        usage: "icacls <path> [/grant user:F | /reset] [/t /c /q]",
        summary: "Show or change permissions (no permissions are modelled)",
        topic: Topic::Files,
        help: ICACLS_HELP,
        changes_state: true,
        words: &[],
        run: Some(icacls),
    },
    Command {
        names: &["attrib"],
        kind: Kind::Program,
        usage: "attrib [+r|-r] [+h|-h] [+s|-s] [<path>] [/s] [/d]",
        summary: "Show or change read-only, hidden and system attributes",
        topic: Topic::Files,
        help: ATTRIB_HELP,
        changes_state: true,
        words: &["-r -s -h"],
        run: Some(attrib),
    },
];

/// The items a path names: the entry itself, or what a wildcard in its last name matches in
/// its folder; with `recurse`, each folder's contents too. `None` when nothing is there.
fn items(fs: &FileSystem, full: &str, recurse: bool) -> Option<Vec<String>> {
    let name = path::file_name(full);
    let roots: Vec<(String, bool)> = if path::has_wildcard(name) {
        let parent = path::parent(full)?;
        fs.children(parent)
            .filter(|(p, _)| path::matches(name, path::file_name(p)))
            .map(|(p, n)| (p.to_string(), n.is_dir()))
            .collect()
    } else {
        let (p, n) = fs.entry(full)?;
        vec![(p.to_string(), n.is_dir())]
    };
    if roots.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for (root, is_dir) in roots {
        if recurse && is_dir {
            out.extend(fs.subtree(&root).map(|(p, _)| p.to_string()));
        } else {
            out.push(root);
        }
    }
    Some(out)
}

/// The full path a typed one names, or `None` if it cannot name anything on the drive.
fn resolve(ctx: &Ctx<'_>, typed: &str) -> Option<String> {
    ctx.resolve(typed).ok()
}

/// A note for a switch or a form wusim does not simulate.
fn not_simulated(program: &str, what: &str) -> Reply {
    Reply::error(
        format!(
            "(wusim: the practice shell's {program} does not simulate {what}. Type '{program} /?' for the forms it knows.)\n"
        ),
        1,
    )
}

/// `takeown` arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct TakeOwn {
    path: Option<String>,
    recurse: bool,
    admins: bool,
}

fn parse_takeown(words: &[String]) -> Result<TakeOwn, String> {
    let mut t = TakeOwn::default();
    let mut i = 0;
    while i < words.len() {
        match words[i].to_ascii_lowercase().as_str() {
            "/f" => {
                t.path = Some(words.get(i + 1).ok_or("/f without a path")?.clone());
                i += 1;
            }
            "/r" => t.recurse = true,
            "/a" => t.admins = true,
            "/d" => {
                match words.get(i + 1).map(|w| w.to_ascii_lowercase()).as_deref() {
                    Some("y" | "n") => {}
                    _ => return Err("/d without y or n".to_string()),
                }
                i += 1;
            }
            _ => return Err(format!("'{}'", words[i])),
        }
        i += 1;
    }
    Ok(t)
}

fn takeown(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let t = match parse_takeown(&args.words) {
        Ok(t) => t,
        Err(what) => return not_simulated("takeown", &what),
    };
    let Some(typed) = t.path else {
        return Reply::error(
            "ERROR: Invalid syntax.\n(wusim: write 'takeown /f <path>', and '/r /d y' for a folder and everything in it.)\n",
            1,
        );
    };
    let found = resolve(ctx, &typed).and_then(|full| items(&ctx.pc.world().fs, &full, t.recurse));
    let Some(found) = found else {
        return Reply::error(format!("ERROR: {}\n", win32_message(Win32Error(2))), 1);
    };
    let owner = format!("{}\\Admin", ctx.pc.device().name.as_str());
    let mut out = String::new();
    for item in &found {
        let _ = write!(
            out,
            "\nSUCCESS: The file (or folder): \"{item}\" now owned by user \"{owner}\".\n"
        );
    }
    if t.admins {
        out.push_str(
            "(wusim: with /a, Windows gives ownership to the Administrators group and says so.)\n",
        );
    }
    out.push_str("(wusim: the simulated drive has no owners, so nothing changed.)\n");
    Reply::ok(out)
}

/// `icacls` arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Icacls {
    path: String,
    /// An action was given (`/grant`, `/reset`...): icacls changes, rather than shows.
    changes: bool,
    recurse: bool,
    quiet: bool,
}

fn parse_icacls(words: &[String]) -> Result<Icacls, String> {
    let Some((path, rest)) = words.split_first() else {
        return Err("icacls without a path".to_string());
    };
    if path.starts_with('/') {
        return Err(format!("'{path}' before the path"));
    }
    let mut c = Icacls {
        path: path.clone(),
        ..Icacls::default()
    };
    let mut i = 0;
    while i < rest.len() {
        let word = rest[i].to_ascii_lowercase();
        let takes_values = [
            "/grant",
            "/grant:r",
            "/deny",
            "/remove",
            "/remove:g",
            "/remove:d",
        ]
        .contains(&word.as_str());
        if takes_values {
            let values = rest[i + 1..]
                .iter()
                .take_while(|w| !w.starts_with('/'))
                .count();
            if values == 0 {
                return Err(format!("{word} without a user and permission"));
            }
            c.changes = true;
            i += values;
        } else {
            match word.as_str() {
                "/setowner" => {
                    if rest.get(i + 1).is_none_or(|w| w.starts_with('/')) {
                        return Err("/setowner without a user".to_string());
                    }
                    c.changes = true;
                    i += 1;
                }
                "/reset" | "/inheritance:e" | "/inheritance:d" | "/inheritance:r" => {
                    c.changes = true;
                }
                "/t" => c.recurse = true,
                "/q" => c.quiet = true,
                "/c" | "/l" => {}
                _ => return Err(format!("'{}'", rest[i])),
            }
        }
        i += 1;
    }
    Ok(c)
}

fn icacls(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let c = match parse_icacls(&args.words) {
        Ok(c) => c,
        Err(what) => return not_simulated("icacls", &what),
    };
    let full = resolve(ctx, &c.path);
    let found = full
        .as_deref()
        .and_then(|full| items(&ctx.pc.world().fs, full, c.recurse));
    let Some(found) = found else {
        let shown = full.unwrap_or(c.path);
        return Reply::new(
            format!(
                "{shown}: {}\nSuccessfully processed 0 files; Failed processing 1 files\n",
                win32_message(Win32Error(2))
            ),
            2,
        );
    };
    let mut out = String::new();
    if !c.changes {
        for item in &found {
            let _ = writeln!(
                out,
                "{item} (wusim: the simulated drive keeps no permissions, so there are none to show.)"
            );
        }
        let _ = write!(
            out,
            "\nSuccessfully processed {} files; Failed processing 0 files\n",
            found.len()
        );
        return Reply::ok(out);
    }
    if !c.quiet {
        for item in &found {
            let _ = writeln!(out, "processed file: {item}");
        }
    }
    let _ = writeln!(
        out,
        "Successfully processed {} files; Failed processing 0 files",
        found.len()
    );
    out.push_str("(wusim: the simulated drive keeps no permissions, so nothing changed.)\n");
    Reply::ok(out)
}

/// A change `attrib` makes to one attribute: set (`+`) or clear (`-`).
type Change = Option<bool>;

/// `attrib` arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Attrib {
    read_only: Change,
    hidden: Change,
    system: Change,
    /// `+a`, `-a`, `+i`, `-i`: attributes wusim does not keep.
    unmodelled: bool,
    recurse: bool,
    dirs: bool,
    paths: Vec<String>,
}

impl Attrib {
    fn changes(&self) -> bool {
        self.read_only.is_some() || self.hidden.is_some() || self.system.is_some()
    }
}

fn parse_attrib(words: &[String]) -> Result<Attrib, String> {
    let mut a = Attrib::default();
    for word in words {
        let lower = word.to_ascii_lowercase();
        let mut chars = lower.chars();
        let (first, letter, rest) = (chars.next(), chars.next(), chars.next());
        match (first, letter, rest) {
            (Some(sign @ ('+' | '-')), Some(letter), None) => {
                let set = Some(sign == '+');
                match letter {
                    'r' => a.read_only = set,
                    'h' => a.hidden = set,
                    's' => a.system = set,
                    'a' | 'i' => a.unmodelled = true,
                    _ => return Err(format!("'{word}'")),
                }
            }
            (Some('/'), Some('s'), None) => a.recurse = true,
            (Some('/'), Some('d'), None) => a.dirs = true,
            (Some('/' | '+' | '-'), _, _) => return Err(format!("'{word}'")),
            _ => a.paths.push(word.clone()),
        }
    }
    Ok(a)
}

/// The items one `attrib` path names: a file, a folder (itself), or a wildcard's matches
/// (files; folders with `/d`; in subfolders with `/s`).
fn attrib_items(fs: &FileSystem, full: &str, a: &Attrib) -> Vec<(String, Node)> {
    let name = path::file_name(full);
    let (folder, pattern) = if path::has_wildcard(name) {
        (
            path::parent(full).unwrap_or(path::ROOT).to_string(),
            name.to_string(),
        )
    } else if a.recurse && fs.is_dir(full) {
        (full.to_string(), "*".to_string())
    } else {
        return fs
            .entry(full)
            .map(|(p, n)| vec![(p.to_string(), n.clone())])
            .unwrap_or_default();
    };
    if !fs.is_dir(&folder) {
        return Vec::new();
    }
    let wanted =
        |p: &str, n: &Node| (a.dirs || !n.is_dir()) && path::matches(&pattern, path::file_name(p));
    if a.recurse {
        fs.subtree(&folder)
            .filter(|(p, n)| !path::eq(p, &folder) && wanted(p, n))
            .map(|(p, n)| (p.to_string(), n.clone()))
            .collect()
    } else {
        fs.children(&folder)
            .filter(|(p, n)| wanted(p, n))
            .map(|(p, n)| (p.to_string(), n.clone()))
            .collect()
    }
}

/// One line of `attrib`'s listing: R, H and S in fixed columns, then the path.
fn attrib_line(p: &str, n: &Node) -> String {
    let flag = |on: bool, c: char| if on { c } else { ' ' };
    let at = n.attributes;
    format!(
        "{}{}{}          {p}",
        flag(at.read_only, 'R'),
        flag(at.hidden, 'H'),
        flag(at.system, 'S')
    )
}

fn attrib(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let a = match parse_attrib(&args.words) {
        Ok(a) => a,
        Err(what) => return not_simulated("attrib", &what),
    };
    let typed: Vec<String> = if a.paths.is_empty() {
        vec!["*".to_string()]
    } else {
        a.paths.clone()
    };
    let mut out = String::new();
    let mut exit = 0;
    let mut changes: Vec<(String, Node)> = Vec::new();
    for t in &typed {
        let found = resolve(ctx, t)
            .map(|full| attrib_items(&ctx.pc.world().fs, &full, &a))
            .unwrap_or_default();
        if found.is_empty() {
            let shown = resolve(ctx, t).unwrap_or_else(|| t.clone());
            let _ = writeln!(out, "File not found - {shown}");
            exit = 1;
            continue;
        }
        for (p, node) in found {
            if !a.changes() && !a.unmodelled {
                out.push_str(&attrib_line(&p, &node));
                out.push('\n');
                continue;
            }
            let at = node.attributes;
            if !a.changes() {
                continue;
            }
            if at.system && a.system.is_none() {
                let _ = writeln!(out, "Not resetting system file - {p}");
                continue;
            }
            if at.hidden && a.hidden.is_none() {
                let _ = writeln!(out, "Not resetting hidden file - {p}");
                continue;
            }
            let mut node = node;
            let attributes = &mut node.attributes;
            attributes.read_only = a.read_only.unwrap_or(attributes.read_only);
            attributes.hidden = a.hidden.unwrap_or(attributes.hidden);
            attributes.system = a.system.unwrap_or(attributes.system);
            changes.push((p, node));
        }
    }
    if !changes.is_empty() {
        ctx.pc.act(|w| {
            for (p, node) in changes {
                w.fs.put(&p, node);
            }
        });
    }
    if a.unmodelled {
        out.push_str("(wusim: the simulated drive has no archive or not-content-indexed attribute: +a, -a, +i and -i change nothing.)\n");
    }
    Reply::new(out, exit)
}

const TAKEOWN_HELP: &str = "takeown /f <path> [/r /d y] [/a]
  In the simulation: the simulated drive has no owners. takeown prints Windows' SUCCESS
  line for the file or folder (with /r, for everything in it) and changes nothing; a path
  that names nothing gets the missing-file error. Renaming or deleting a folder is decided
  by whether a service holds it and whether Windows protects it, not by its owner.
  On Windows: makes you (or with /a the Administrators group) the owner, so that you can
  then change its permissions with icacls.
";

const ICACLS_HELP: &str = "icacls <path> [/grant <user>:<perm>] [/deny ...] [/remove ...] [/reset] [/setowner <user>] [/t] [/c] [/q]
  In the simulation: the simulated drive has no permissions. With an action, icacls prints
  'processed file:' for the item (with /t, for everything in it; /q leaves these lines out)
  and the count, and changes nothing; without one it has no permissions to show. A path
  that names nothing gets the missing-file error.
  On Windows: shows or changes access control lists; /reset /t puts back the inherited
  permissions, which repair guides use on SoftwareDistribution and WinSxS.
";

const ATTRIB_HELP: &str = "attrib [+r|-r] [+h|-h] [+s|-s] [<path>...] [/s] [/d]
  In the simulation: really changes the read-only (R), hidden (H) and system (S) attributes
  of the simulated drive's files: a read-only file needs del /f, a hidden one is left out of
  dir. Without a switch it lists them (R, H and S in three columns, then the path; wusim's
  own layout). A wildcard takes the files it matches (/s in subfolders too, /d with
  folders). A hidden or system file is changed only if the same command sets or clears that
  attribute too (attrib -r -s -h). wusim has no archive attribute.
  On Windows: the same; it prints nothing when it succeeds.
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pc::Pc;
    use crate::shell::Shell;

    fn shell() -> (Pc, Shell) {
        let pc = Pc::builder().seed(1).build();
        let sh = Shell::new(&pc);
        (pc, sh)
    }

    fn w(s: &str) -> Vec<String> {
        crate::shell::context::words(s)
    }

    #[test]
    fn attrib_lines_parse_as_a_table() {
        let rows: [(&str, Result<Attrib, String>); 6] = [
            (
                "-r -s -h C:\\x /s /d",
                Ok(Attrib {
                    read_only: Some(false),
                    hidden: Some(false),
                    system: Some(false),
                    recurse: true,
                    dirs: true,
                    paths: vec!["C:\\x".into()],
                    ..Attrib::default()
                }),
            ),
            (
                "+R file.txt",
                Ok(Attrib {
                    read_only: Some(true),
                    paths: vec!["file.txt".into()],
                    ..Attrib::default()
                }),
            ),
            ("", Ok(Attrib::default())),
            (
                "+a",
                Ok(Attrib {
                    unmodelled: true,
                    ..Attrib::default()
                }),
            ),
            ("+x", Err("'+x'".into())),
            ("/q", Err("'/q'".into())),
        ];
        for (line, expected) in rows {
            assert_eq!(parse_attrib(&w(line)), expected, "{line}");
        }
    }

    #[test]
    fn icacls_and_takeown_lines_parse_as_tables() {
        let ok = |path: &str, changes, recurse, quiet| {
            Ok(Icacls {
                path: path.into(),
                changes,
                recurse,
                quiet,
            })
        };
        let rows: [(&str, Result<Icacls, String>); 7] = [
            (
                "C:\\x /grant Administrators:F",
                ok("C:\\x", true, false, false),
            ),
            (
                "\"%windir%\\WinSxS\" /reset /t /c /q",
                ok("%windir%\\WinSxS", true, true, true),
            ),
            (
                "C:\\x /setowner \"NT SERVICE\\TrustedInstaller\" /t /c /q",
                ok("C:\\x", true, true, true),
            ),
            ("C:\\x", ok("C:\\x", false, false, false)),
            (
                "C:\\x /grant",
                Err("/grant without a user and permission".into()),
            ),
            ("/reset", Err("'/reset' before the path".into())),
            ("C:\\x /zap", Err("'/zap'".into())),
        ];
        for (line, expected) in rows {
            assert_eq!(parse_icacls(&w(line)), expected, "{line}");
        }
        assert_eq!(
            parse_takeown(&w("/f C:\\x /r /d y")),
            Ok(TakeOwn {
                path: Some("C:\\x".into()),
                recurse: true,
                admins: false
            })
        );
        assert!(parse_takeown(&w("/f")).is_err());
        assert!(parse_takeown(&w("/f x /d maybe")).is_err());
    }

    #[test]
    fn takeown_prints_a_line_per_item_and_changes_nothing() {
        let (mut pc, mut sh) = shell();
        let before = pc.world().fs.clone();
        let owner = format!("{}\\Admin", pc.device().name.as_str());
        let one = sh.execute(&mut pc, "takeown /f C:\\Windows\\SoftwareDistribution");
        assert_eq!(
            one.text,
            format!(
                "\nSUCCESS: The file (or folder): \"C:\\Windows\\SoftwareDistribution\" now owned by user \"{owner}\".\n(wusim: the simulated drive has no owners, so nothing changed.)\n"
            )
        );
        assert_eq!(one.exit_code, 0);
        let all = sh.execute(&mut pc, "takeown /f %windir%\\softwaredistribution /r /d y");
        let count = pc
            .world()
            .fs
            .subtree("C:\\Windows\\SoftwareDistribution")
            .count();
        assert!(count > 2);
        assert_eq!(all.text.matches("SUCCESS: ").count(), count);
        assert!(
            all.text
                .contains("\"C:\\Windows\\SoftwareDistribution\\DataStore\\DataStore.edb\"")
        );
        let missing = sh.execute(&mut pc, "takeown /f C:\\nope");
        assert_eq!(
            missing.text,
            "ERROR: The system cannot find the file specified.\n"
        );
        assert_eq!(missing.exit_code, 1);
        assert_eq!(pc.world().fs, before);
    }

    #[test]
    fn icacls_prints_each_item_processed_and_changes_nothing() {
        let (mut pc, mut sh) = shell();
        let before = pc.world().fs.clone();
        let grant = sh.execute(
            &mut pc,
            "icacls C:\\Windows\\SoftwareDistribution /grant Administrators:F",
        );
        assert_eq!(
            grant.text,
            "processed file: C:\\Windows\\SoftwareDistribution\nSuccessfully processed 1 files; Failed processing 0 files\n(wusim: the simulated drive keeps no permissions, so nothing changed.)\n"
        );
        let count = pc
            .world()
            .fs
            .subtree("C:\\Windows\\SoftwareDistribution")
            .count();
        let reset = sh.execute(
            &mut pc,
            "icacls C:\\Windows\\SoftwareDistribution /reset /t /c",
        );
        assert_eq!(reset.text.matches("processed file: ").count(), count);
        assert!(reset.text.contains(&format!(
            "Successfully processed {count} files; Failed processing 0 files\n"
        )));
        let quiet = sh.execute(
            &mut pc,
            "icacls C:\\Windows\\SoftwareDistribution /reset /t /c /q",
        );
        assert!(
            quiet
                .text
                .starts_with(&format!("Successfully processed {count} files"))
        );
        let show = sh.execute(&mut pc, "icacls C:\\Windows\\SoftwareDistribution");
        assert!(
            show.text
                .starts_with("C:\\Windows\\SoftwareDistribution (wusim: ")
        );
        assert!(
            show.text
                .ends_with("\n\nSuccessfully processed 1 files; Failed processing 0 files\n")
        );
        let missing = sh.execute(&mut pc, "icacls C:\\nope /reset");
        assert_eq!(
            missing.text,
            "C:\\nope: The system cannot find the file specified.\nSuccessfully processed 0 files; Failed processing 1 files\n"
        );
        assert_eq!(missing.exit_code, 2);
        assert_eq!(pc.world().fs, before);
    }

    #[test]
    fn attrib_sets_and_clears_attributes_for_real() {
        let (mut pc, mut sh) = shell();
        sh.execute(&mut pc, "cd C:\\Users\\Admin\\Desktop");
        sh.execute(&mut pc, "echo hi> note.txt");
        let file = "C:\\Users\\Admin\\Desktop\\note.txt";
        assert_eq!(
            sh.execute(&mut pc, "attrib note.txt").text,
            format!("             {file}\n")
        );
        let set = sh.execute(&mut pc, "attrib +r +h note.txt");
        assert_eq!(set.text, "");
        assert_eq!(set.exit_code, 0);
        let at = pc.world().fs.get(file).expect("the file").attributes;
        assert!(at.read_only && at.hidden && !at.system);
        assert_eq!(
            sh.execute(&mut pc, "attrib note.txt").text,
            format!("RH           {file}\n")
        );
        // Read-only: del refuses; hidden: dir leaves it out.
        sh.execute(&mut pc, "del note.txt");
        assert!(pc.world().fs.exists(file));
        assert!(!sh.execute(&mut pc, "dir").text.contains("note.txt"));
        // A hidden file is changed only with -h (or +h) in the same command.
        let refused = sh.execute(&mut pc, "attrib -r note.txt");
        assert_eq!(
            refused.text,
            format!("Not resetting hidden file - {file}\n")
        );
        assert!(
            pc.world()
                .fs
                .get(file)
                .expect("the file")
                .attributes
                .read_only
        );
        sh.execute(&mut pc, "attrib -r -h note.txt");
        let at = pc.world().fs.get(file).expect("the file").attributes;
        assert!(!at.read_only && !at.hidden);
        sh.execute(&mut pc, "del note.txt");
        assert!(!pc.world().fs.exists(file));
    }

    #[test]
    fn attrib_wildcards_subfolders_and_missing_files() {
        let (mut pc, mut sh) = shell();
        let listing = sh
            .execute(&mut pc, "attrib C:\\Windows\\SoftwareDistribution\\* /s")
            .text;
        let files = pc
            .world()
            .fs
            .subtree("C:\\Windows\\SoftwareDistribution")
            .filter(|(_, n)| !n.is_dir())
            .count();
        assert!(files > 0);
        assert_eq!(listing.lines().count(), files);
        let with_dirs = sh
            .execute(&mut pc, "attrib C:\\Windows\\SoftwareDistribution /s /d")
            .text;
        assert!(with_dirs.lines().count() > files);
        sh.execute(&mut pc, "attrib +r C:\\Windows\\SoftwareDistribution\\* /s");
        assert!(
            pc.world()
                .fs
                .subtree("C:\\Windows\\SoftwareDistribution")
                .filter(|(_, n)| !n.is_dir())
                .all(|(_, n)| n.attributes.read_only)
        );
        let missing = sh.execute(&mut pc, "attrib C:\\nope.txt");
        assert_eq!(missing.text, "File not found - C:\\nope.txt\n");
        assert_eq!(missing.exit_code, 1);
        let note = sh.execute(&mut pc, "attrib -a C:\\Windows");
        assert!(
            note.text
                .starts_with("(wusim: the simulated drive has no archive")
        );
        let bad = sh.execute(&mut pc, "attrib +q");
        assert!(bad.text.starts_with("(wusim: the practice shell's attrib"));
        assert_eq!(bad.exit_code, 1);
    }

    #[test]
    fn odd_input_does_not_panic() {
        let (mut pc, mut sh) = shell();
        let long = "ü".repeat(5_000);
        for line in [
            "takeown".to_string(),
            "takeown /f".to_string(),
            format!("takeown /f {long} /r /d y"),
            "takeown /f D:\\x".to_string(),
            "takeown /f \\\\server\\share".to_string(),
            "icacls".to_string(),
            format!("icacls {long} /grant x:F"),
            "icacls C:\\ /grant".to_string(),
            "attrib -".to_string(),
            "attrib +".to_string(),
            format!("attrib +r {long}"),
            "attrib ? *".to_string(),
            "attrib C:\\".to_string(),
            "attrib D:\\x".to_string(),
        ] {
            let out = sh.execute(&mut pc, &line);
            assert!(out.text.is_empty() || out.text.ends_with('\n'), "{line}");
        }
    }
}
