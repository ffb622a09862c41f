//! PowerShell's file cmdlets: `Rename-Item` and `Remove-Item`, with Windows' rules from
//! [`crate::world::files`] and PowerShell's error blocks.
//!
//! Renaming is the documented reset; deleting `SoftwareDistribution` or `catroot2` works too
//! but throws away the update history, so the shell records it as a harmful move.

use super::cmdlet::CmdletKind;
use crate::pc::Pc;
use crate::remedy::Folder;
use crate::shell::context::Reply;
use crate::shell::render::{PsError, win32_message};
use crate::shell::{Harm, Question};
use crate::win32::Win32Error;
use crate::world::default_fs::ELEVATED_START;
use crate::world::files::{self, FileError};
use crate::world::path;

/// The full path a typed path names (environment variables the way PowerShell writes them).
pub(crate) fn resolve(typed: &str) -> Option<String> {
    let mut p = typed.trim().trim_matches(['"', '\'']).to_string();
    for var in ["$env:windir", "$env:systemroot", "%windir%", "%systemroot%"] {
        if let Some(rest) = path::strip_prefix(&p, var) {
            p = format!("C:\\Windows{rest}");
        }
    }
    path::resolve(ELEVATED_START, &p).ok()
}

/// `Rename-Item -Path <path> -NewName <name>`.
pub(crate) fn rename_item(pc: &mut Pc, typed: &str, new_name: &str, statement: &str) -> Reply {
    let kind = CmdletKind::RenameItem;
    let error = |message: String, category: String, id: &str| {
        ps_error(kind, message, category, id, statement)
    };
    if !files::is_valid_name(new_name) {
        return error(
            "Cannot rename the specified target, because it represents a path or device name."
                .to_string(),
            "InvalidArgument: (:) [Rename-Item], PSArgumentException".to_string(),
            "Argument",
        );
    }
    let full = resolve(typed).unwrap_or_else(|| typed.to_string());
    match pc.act(|w| files::rename(w, &full, new_name)) {
        Ok(_) => Reply::ok(""),
        Err(FileError::NotFound | FileError::PathNotFound) => error(
            format!("Cannot rename because item at '{typed}' does not exist."),
            "InvalidOperation: (:) [Rename-Item], PSInvalidOperationException".to_string(),
            "InvalidOperation",
        ),
        Err(e) => error(
            win32_message(Win32Error(e.code())).to_string(),
            format!("WriteError: ({full}:String) [Rename-Item], IOException"),
            "RenameItemIOError",
        ),
    }
}

/// `Remove-Item -Path <path> [-Recurse]`: without `-Recurse`, PowerShell asks first.
pub(crate) fn remove_item(
    pc: &mut Pc,
    typed: &str,
    recurse: bool,
    statement: &str,
    question: &mut Option<Question>,
) -> Reply {
    let kind = CmdletKind::RemoveItem;
    let full = resolve(typed).filter(|f| pc.world().fs.exists(f));
    let Some(full) = full else {
        return ps_error(
            kind,
            format!("Cannot find path '{typed}' because it does not exist."),
            format!("ObjectNotFound: ({typed}:String) [Remove-Item], ItemNotFoundException"),
            "PathNotFound",
            statement,
        );
    };
    if !recurse && pc.world().fs.children(&full).next().is_some() {
        let shown = pc.world().fs.canonical(&full);
        *question = Some(Question::Remove {
            path: full,
            default_yes: true,
        });
        return Reply::ok(format!(
            "\nConfirm\nThe item at {shown} has children and the Recurse parameter was not specified. If you continue, all children will be removed with the item. Are you sure you want to continue?\n[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): "
        ));
    }
    let harm = Folder::at(&full).map(Harm::DeletedFolder);
    let shown = pc.world().fs.canonical(&full);
    match pc.act(|w| files::remove_dir(w, &full, true)) {
        Ok(_) => Reply::ok("").with_harm(harm),
        Err(e) => ps_error(
            kind,
            format!(
                "Cannot remove item {shown}: {}",
                win32_message(Win32Error(e.code()))
            ),
            format!("WriteError: ({shown}:DirectoryInfo) [Remove-Item], IOException"),
            "RemoveFileSystemItemIOError",
            statement,
        ),
    }
}

fn ps_error(
    kind: CmdletKind,
    message: String,
    category: String,
    id: &str,
    statement: &str,
) -> Reply {
    let text = PsError {
        source: kind.name(),
        message,
        statement,
        underline: statement.chars().count(),
        category,
        error_id: format!("{id},{}", kind.error_source()),
    }
    .render();
    Reply::new(text, 1)
}
