//! File operations with Windows' rules: what `ren`, `rd`, `del`, `md`, `copy`, `move`, `type`
//! and `>` can and cannot do to the simulated PC's drive, and the Win32 error each refusal
//! carries.
//!
//! The rules: a folder kept open by a running service ([`World::in_use_by`]) cannot be
//! renamed, moved or removed; Windows' own folders (the drive's root, `Windows`, `System32`,
//! `WinSxS`, `Program Files`, `Users`...) are protected (`Access is denied.`); a rename gives
//! a new name, never a new place; a name that exists cannot be taken again; a read-only file
//! needs force to be deleted; a folder with something in it is only removed with its
//! contents. Everything else follows from the file system holding one entry per path: a
//! folder renamed away is gone from its old path (a second `ren` fails), and renaming it back
//! restores everything it held. Paths given here are full ([`path::resolve`]).
//!
//! Simplification: a removal that meets a file in use fails as a whole, where Windows deletes
//! what it can and reports each file it cannot.

use super::World;
use super::fs::{Content, Kind, Node};
use super::path;
use crate::scm::ServiceId;
use std::sync::Arc;

/// Why a file operation was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileError {
    /// Win32 error 2: the file does not exist.
    NotFound,
    /// Win32 error 3: a folder on the way does not exist.
    PathNotFound,
    /// Win32 error 5: Windows protects it, or it is read-only.
    AccessDenied,
    /// Win32 error 32: a running service keeps it open.
    InUse(ServiceId),
    /// Win32 error 183: the name is taken.
    AlreadyExists,
    /// Win32 error 145: the folder is not empty.
    NotEmpty,
    /// Win32 error 123: the name is not a valid file name.
    BadName,
    /// It is a folder where a file was expected, or the other way round.
    WrongKind,
}

impl FileError {
    /// The Win32 error number.
    pub fn code(self) -> u32 {
        match self {
            FileError::NotFound => 2,
            FileError::PathNotFound => 3,
            FileError::AccessDenied | FileError::WrongKind => 5,
            FileError::InUse(_) => 32,
            FileError::AlreadyExists => 183,
            FileError::NotEmpty => 145,
            FileError::BadName => 123,
        }
    }
}

/// Folders Windows will not let anyone rename or remove, and folders whose whole contents it
/// protects.
const PROTECTED: [&str; 10] = [
    "C:\\",
    "C:\\Windows",
    "C:\\Windows\\System32",
    "C:\\Windows\\Logs",
    "C:\\Windows\\Temp",
    "C:\\Program Files",
    "C:\\Program Files (x86)",
    "C:\\ProgramData",
    "C:\\Users",
    "C:\\Users\\Admin",
];
const PROTECTED_TREES: [&str; 3] = [
    "C:\\Windows\\WinSxS",
    "C:\\Windows\\System32\\drivers",
    "C:\\pagefile.sys",
];

/// True when Windows refuses to rename or remove `full`.
pub fn is_protected(full: &str) -> bool {
    PROTECTED.iter().any(|p| path::eq(p, full))
        || PROTECTED_TREES.iter().any(|p| path::is_within(full, p))
}

/// True when `name` can be a file name: not empty, and none of `\ / : * ? " < > |`.
pub fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.trim() == name
        && !name.contains(['\\', '/', ':', '*', '?', '"', '<', '>', '|'])
}

/// Checks the folder a new entry goes in.
fn parent_must_exist<E>(w: &World<E>, full: &str) -> Result<(), FileError> {
    match path::parent(full) {
        Some(parent) if w.fs.is_dir(parent) => Ok(()),
        Some(_) => Err(FileError::PathNotFound),
        None => Err(FileError::AccessDenied),
    }
}

fn busy<E>(w: &World<E>, full: &str) -> Result<(), FileError> {
    if is_protected(full) {
        return Err(FileError::AccessDenied);
    }
    match w.in_use_by(full) {
        Some(service) => Err(FileError::InUse(service)),
        None => Ok(()),
    }
}

/// Renames `full` (a file or a folder) to `new_name` in the same folder; returns the new
/// full path.
pub fn rename<E>(w: &mut World<E>, full: &str, new_name: &str) -> Result<String, FileError> {
    if !is_valid_name(new_name) {
        return Err(FileError::BadName);
    }
    if !w.fs.exists(full) {
        parent_must_exist(w, full)?;
        return Err(FileError::NotFound);
    }
    let from = w.fs.canonical(full);
    let parent = path::parent(&from).ok_or(FileError::AccessDenied)?;
    let to = path::child(parent, new_name);
    if path::eq(&to, &from) {
        // Only the case changes: Windows allows it.
        busy(w, &from)?;
        w.fs.move_tree(&from, &to);
        return Ok(to);
    }
    if w.fs.exists(&to) {
        return Err(FileError::AlreadyExists);
    }
    busy(w, &from)?;
    w.fs.move_tree(&from, &to);
    Ok(to)
}

/// Moves `from` to the full path `to` (which must not exist; its folder must).
pub fn move_to<E>(w: &mut World<E>, from: &str, to: &str) -> Result<(), FileError> {
    if !w.fs.exists(from) {
        return Err(FileError::NotFound);
    }
    parent_must_exist(w, to)?;
    if w.fs.exists(to) {
        return Err(FileError::AlreadyExists);
    }
    if path::is_within(to, from) {
        return Err(FileError::AccessDenied);
    }
    busy(w, from)?;
    let from = w.fs.canonical(from);
    w.fs.move_tree(&from, to);
    Ok(())
}

/// Removes a folder: empty unless `recursive`; returns the bytes freed.
pub fn remove_dir<E>(w: &mut World<E>, full: &str, recursive: bool) -> Result<u64, FileError> {
    match w.fs.get(full) {
        None => {
            parent_must_exist(w, full)?;
            return Err(FileError::NotFound);
        }
        Some(node) if !node.is_dir() => return Err(FileError::WrongKind),
        Some(_) => {}
    }
    busy(w, full)?;
    if !recursive && w.fs.children(full).next().is_some() {
        return Err(FileError::NotEmpty);
    }
    let read_only =
        w.fs.subtree(full)
            .any(|(_, n)| n.attributes.read_only && !n.is_dir());
    if read_only {
        return Err(FileError::AccessDenied);
    }
    let full = w.fs.canonical(full);
    Ok(w.fs.remove_tree(&full))
}

/// Deletes one file; a read-only one only with `force`. Returns the bytes freed.
pub fn delete_file<E>(w: &mut World<E>, full: &str, force: bool) -> Result<u64, FileError> {
    let node = match w.fs.get(full) {
        None => return Err(FileError::NotFound),
        Some(node) if node.is_dir() => return Err(FileError::WrongKind),
        Some(node) => node,
    };
    if node.attributes.read_only && !force {
        return Err(FileError::AccessDenied);
    }
    busy(w, full)?;
    let bytes = node.bytes();
    w.fs.remove(full);
    Ok(bytes)
}

/// Makes a folder and any missing folders above it (`md a\b\c`).
pub fn make_dir<E>(w: &mut World<E>, full: &str) -> Result<(), FileError> {
    if w.fs.exists(full) {
        return Err(FileError::AlreadyExists);
    }
    let stamp = w.stamp();
    let mut chain = Vec::new();
    let mut at = Some(full);
    while let Some(p) = at {
        if w.fs.exists(p) {
            if !w.fs.is_dir(p) {
                return Err(FileError::PathNotFound);
            }
            break;
        }
        if !path::file_name(p).is_empty() && !is_valid_name(path::file_name(p)) {
            return Err(FileError::BadName);
        }
        chain.push(p.to_string());
        at = path::parent(p);
    }
    for p in chain.iter().rev() {
        w.fs.put(p, Node::dir(stamp));
    }
    Ok(())
}

/// Writes (or, with `append`, adds to) a text file, as `>` and `>>` do.
pub fn write_text<E>(
    w: &mut World<E>,
    full: &str,
    text: &str,
    append: bool,
) -> Result<(), FileError> {
    if !is_valid_name(path::file_name(full)) {
        return Err(FileError::BadName);
    }
    parent_must_exist(w, full)?;
    let old = match w.fs.get(full) {
        Some(node) if node.is_dir() => return Err(FileError::AccessDenied),
        Some(node) if node.attributes.read_only => return Err(FileError::AccessDenied),
        Some(node) => Some(node.clone()),
        None => None,
    };
    if old.is_some() {
        busy(w, full)?;
    }
    let mut body = String::new();
    if append
        && let Some(Node {
            kind:
                Kind::File {
                    content: Content::Text(t),
                    ..
                },
            ..
        }) = &old
    {
        body.push_str(t);
    }
    body.push_str(text);
    let stamp = w.stamp();
    let path = old
        .as_ref()
        .map_or_else(|| full.to_string(), |_| w.fs.canonical(full));
    let attributes = old.map(|n| n.attributes).unwrap_or_default();
    w.fs.put(
        &path,
        Node {
            kind: Kind::File {
                bytes: body.len() as u64,
                content: Content::Text(Arc::from(body)),
            },
            attributes,
            modified: stamp,
        },
    );
    Ok(())
}

/// Copies a file to the full path `to` (replacing a file there).
pub fn copy_file<E>(w: &mut World<E>, from: &str, to: &str) -> Result<(), FileError> {
    let node = match w.fs.get(from) {
        None => return Err(FileError::NotFound),
        Some(node) if node.is_dir() => return Err(FileError::WrongKind),
        Some(node) => node.clone(),
    };
    parent_must_exist(w, to)?;
    match w.fs.get(to) {
        Some(existing) if existing.is_dir() => return Err(FileError::WrongKind),
        Some(existing) if existing.attributes.read_only => return Err(FileError::AccessDenied),
        Some(_) => busy(w, to)?,
        None => {}
    }
    let path = if w.fs.exists(to) {
        w.fs.canonical(to)
    } else {
        to.to_string()
    };
    w.fs.put(&path, node);
    Ok(())
}

/// The text of a file (`type`): its text, or a few characters standing for binary content.
pub fn read_text<E>(w: &World<E>, full: &str) -> Result<String, FileError> {
    match w.fs.get(full) {
        None => Err(FileError::NotFound),
        Some(node) if node.is_dir() => Err(FileError::AccessDenied),
        Some(node) => Ok(match node.content() {
            Some(Content::Text(t)) => t.to_string(),
            _ => String::new(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pc::Pc;
    use crate::world::default_fs::{DATASTORE_EDB, SOFTWARE_DISTRIBUTION};

    const SD: &str = SOFTWARE_DISTRIBUTION;
    const SD_OLD: &str = "C:\\Windows\\SoftwareDistribution.old";

    fn stopped_pc() -> Pc {
        let mut pc = Pc::default();
        pc.act(|w| {
            for s in [ServiceId::WUAUSERV, ServiceId::BITS] {
                let _ = w.scm.stop(s, true, &mut w.sim, &mut w.log);
            }
        });
        pc.run_for(crate::engine::SimDuration::from_secs(30));
        pc
    }

    #[test]
    fn a_folder_in_use_cannot_be_renamed() {
        let mut pc = Pc::default();
        pc.start_service(ServiceId::WUAUSERV).unwrap();
        pc.run_for(crate::engine::SimDuration::from_secs(10));
        let result = pc.act(|w| rename(w, SD, "SoftwareDistribution.old"));
        assert_eq!(result, Err(FileError::InUse(ServiceId::WUAUSERV)));
    }

    #[test]
    fn a_rename_persists_and_a_second_one_fails() {
        let mut pc = stopped_pc();
        let to = pc
            .act(|w| rename(w, SD, "SoftwareDistribution.old"))
            .unwrap();
        assert_eq!(to, SD_OLD);
        assert!(
            pc.world()
                .fs
                .exists("C:\\Windows\\SoftwareDistribution.old\\DataStore\\DataStore.edb")
        );
        assert_eq!(
            pc.act(|w| rename(w, SD, "SoftwareDistribution.old")),
            Err(FileError::NotFound)
        );
        // Back again: everything it held is restored.
        pc.act(|w| rename(w, SD_OLD, "SoftwareDistribution"))
            .unwrap();
        assert!(pc.world().fs.exists(DATASTORE_EDB));
        assert_eq!(pc.world().fs.changed_entries(), 0);
    }

    #[test]
    fn a_taken_name_and_a_path_as_name_are_refused() {
        let mut pc = stopped_pc();
        pc.act(|w| make_dir(w, SD_OLD)).unwrap();
        assert_eq!(
            pc.act(|w| rename(w, SD, "SoftwareDistribution.old")),
            Err(FileError::AlreadyExists)
        );
        assert_eq!(pc.act(|w| rename(w, SD, "C:\\x")), Err(FileError::BadName));
        assert_eq!(
            pc.act(|w| rename(w, "C:\\Windows", "W")),
            Err(FileError::AccessDenied)
        );
    }

    #[test]
    fn removing_frees_space_and_needs_recursion_for_full_folders() {
        let mut pc = stopped_pc();
        let free = pc.world().disk_free_bytes();
        assert_eq!(
            pc.act(|w| remove_dir(w, SD, false)),
            Err(FileError::NotEmpty)
        );
        let freed = pc.act(|w| remove_dir(w, SD, true)).unwrap();
        assert!(freed > 0);
        assert_eq!(pc.world().disk_free_bytes(), free + freed);
        assert_eq!(
            pc.act(|w| remove_dir(w, SD, true)),
            Err(FileError::NotFound)
        );
    }

    #[test]
    fn text_files_are_written_and_appended() {
        let mut pc = Pc::default();
        let log = "C:\\Users\\Admin\\Desktop\\log.txt";
        pc.act(|w| write_text(w, log, "one\r\n", false)).unwrap();
        pc.act(|w| write_text(w, log, "two\r\n", true)).unwrap();
        assert_eq!(read_text(pc.world(), log).unwrap(), "one\r\ntwo\r\n");
        assert_eq!(
            pc.act(|w| write_text(w, "C:\\Nope\\x.txt", "", false)),
            Err(FileError::PathNotFound)
        );
    }
}
