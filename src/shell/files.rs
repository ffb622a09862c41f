//! Renaming and deleting the Windows Update folders: `ren`, `rd`, `del`, and PowerShell's
//! `Rename-Item` and `Remove-Item`.
//!
//! Only two folders exist for the shell: `%windir%\SoftwareDistribution` and
//! `%windir%\System32\catroot2` (see [`super::names::folder`]); every other path "cannot be
//! found", so nothing typed here can reach the real disk. Renaming is the documented reset;
//! deleting works too but throws away the update history, so the shell records it as a
//! harmful move.

use super::cmdlet::CmdletKind;
use super::command::RemoveTool;
use super::render::{PsError, win32_message};
use super::{Harm, Question, Reply, names};
use crate::pc::Pc;
use crate::remedy::Folder;

const PATH_NOT_FOUND: &str = "The system cannot find the path specified.\n";
const SYNTAX: &str = "The syntax of the command is incorrect.\n";

/// A new name must be a plain name, not a path.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && !name.contains(['\\', '/', ':'])
}

/// `ren <path> <new name>`.
pub(crate) fn ren(pc: &mut Pc, path: &str, new_name: Option<&str>) -> Reply {
    if !new_name.is_some_and(is_plain_name) {
        return Reply::new(SYNTAX, 1);
    }
    let Some(folder) = names::folder(path) else {
        return Reply::new(PATH_NOT_FOUND, 1);
    };
    match pc.rename_folder(folder) {
        Ok(()) => Reply::ok(""),
        Err(error) => Reply::new(format!("{}\n", win32_message(error)), 1),
    }
}

/// `rd [/s] [/q] <path>` and `del [/q] <path>`.
pub(crate) fn remove(
    pc: &mut Pc,
    tool: RemoveTool,
    path: Option<&str>,
    recurse: bool,
    quiet: bool,
    question: &mut Option<Question>,
) -> Reply {
    let Some(path) = path else {
        return Reply::new(SYNTAX, 1);
    };
    let Some(folder) = names::folder(path) else {
        return Reply::new(PATH_NOT_FOUND, 1);
    };
    if !recurse {
        return Reply::new("The directory is not empty.\n", 145);
    }
    if !quiet {
        let shown = match tool {
            RemoveTool::Rd => folder.path().to_string(),
            RemoveTool::Del => format!("{}\\*", folder.path()),
        };
        *question = Some(Question::Remove {
            folder,
            default_yes: false,
        });
        return Reply::ok(format!("{shown}, Are you sure (Y/N)? "));
    }
    delete(pc, folder)
}

/// The answer to a delete confirmation.
pub(crate) fn remove_answer(pc: &mut Pc, folder: Folder, yes: bool) -> Reply {
    if yes {
        delete(pc, folder)
    } else {
        Reply::ok("")
    }
}

fn delete(pc: &mut Pc, folder: Folder) -> Reply {
    match pc.delete_folder(folder) {
        Ok(()) => Reply::ok("").with_harm(Some(Harm::DeletedFolder(folder))),
        Err(error) => Reply::new(format!("{}\n", win32_message(error)), 1),
    }
}

/// `Rename-Item -Path <path> -NewName <name>`.
pub(crate) fn rename_item(pc: &mut Pc, path: &str, new_name: &str, statement: &str) -> Reply {
    let kind = CmdletKind::RenameItem;
    let error = |message: String, category: String, id: &str| {
        ps_error(kind, message, category, id, statement)
    };
    if !is_plain_name(new_name) {
        return error(
            "Cannot rename the specified target, because it represents a path or device name."
                .to_string(),
            "InvalidArgument: (:) [Rename-Item], PSArgumentException".to_string(),
            "Argument",
        );
    }
    let Some(folder) = names::folder(path) else {
        return error(
            format!("Cannot rename because item at '{path}' does not exist."),
            "InvalidOperation: (:) [Rename-Item], PSInvalidOperationException".to_string(),
            "InvalidOperation",
        );
    };
    match pc.rename_folder(folder) {
        Ok(()) => Reply::ok(""),
        Err(e) => error(
            win32_message(e).to_string(),
            format!(
                "WriteError: ({}:String) [Rename-Item], IOException",
                folder.path()
            ),
            "RenameItemIOError",
        ),
    }
}

/// `Remove-Item -Path <path> [-Recurse]`: without `-Recurse`, PowerShell asks first.
pub(crate) fn remove_item(
    pc: &mut Pc,
    path: &str,
    recurse: bool,
    statement: &str,
    question: &mut Option<Question>,
) -> Reply {
    let kind = CmdletKind::RemoveItem;
    let Some(folder) = names::folder(path) else {
        return ps_error(
            kind,
            format!("Cannot find path '{path}' because it does not exist."),
            format!("ObjectNotFound: ({path}:String) [Remove-Item], ItemNotFoundException"),
            "PathNotFound",
            statement,
        );
    };
    if !recurse {
        *question = Some(Question::Remove {
            folder,
            default_yes: true,
        });
        return Reply::ok(format!(
            "\nConfirm\nThe item at {} has children and the Recurse parameter was not specified. If you continue, all children will be removed with the item. Are you sure you want to continue?\n[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): ",
            folder.path()
        ));
    }
    match pc.delete_folder(folder) {
        Ok(()) => Reply::ok("").with_harm(Some(Harm::DeletedFolder(folder))),
        Err(e) => ps_error(
            kind,
            format!("Cannot remove item {}: {}", folder.path(), win32_message(e)),
            format!(
                "WriteError: ({}:DirectoryInfo) [Remove-Item], IOException",
                folder.path()
            ),
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
