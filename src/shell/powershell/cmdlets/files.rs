//! The item cmdlets over PowerShell's two providers wusim models: the file system
//! (`C:\...`) and the registry (`HKLM:\...`). `Get-ChildItem`, `Get-Item`, `Test-Path`,
//! `New-Item`, `Remove-Item`, `Copy-Item`, `Move-Item`, `Set-Location`, `Get-Location`,
//! and the content cmdlets `Get-Content`, `Set-Content` (alias `sc`!), `Add-Content` and
//! `Out-File` (and `>`), `mkdir`.
//!
//! A path in the registry goes to [`super::registry`]'s helpers; a file-system path is
//! resolved against the current folder and acted on with Windows' rules
//! ([`crate::world::files`]). Deleting a folder goes through the same code as before
//! (`Remove-Item` asks without `-Recurse`; deleting SoftwareDistribution is a harmful move).

use super::registry::{self, key_object};
use super::{Spec, aka, announce, s, spec, typed, v};
use crate::assess::Fact;
use crate::engine::CivilDateTime;
use crate::remedy::Folder;
use crate::shell::Harm;
use crate::shell::powershell::errors::ErrorRecord;
use crate::shell::powershell::eval::{Flow, Interp, R};
use crate::shell::powershell::format;
use crate::shell::powershell::invoke::Call;
use crate::shell::powershell::value::{Obj, Value, props};
use crate::shell::render::win32_message;
use crate::shell::seen;
use crate::win32::Win32Error;
use crate::world::files::{self, FileError};
use crate::world::path;

/// The cmdlets of this family.
pub(crate) const SPECS: &[Spec] = &[
    spec(
        "Get-ChildItem",
        &[
            aka("Path", &["PSPath", "LiteralPath"], Some(0)),
            v("Filter", Some(1)),
            v("Include", None),
            v("Exclude", None),
            s("Recurse"),
            s("Force"),
            s("Name"),
            s("Directory"),
            s("File"),
            typed("Depth", "System.UInt32", None),
        ],
        get_child_item,
        false,
    ),
    spec(
        "Get-Item",
        &[aka("Path", &["PSPath", "LiteralPath"], Some(0)), s("Force")],
        get_item,
        false,
    ),
    spec(
        "Test-Path",
        &[
            aka("Path", &["PSPath", "LiteralPath"], Some(0)),
            v("PathType", None),
            s("IsValid"),
        ],
        test_path,
        false,
    ),
    spec(
        "New-Item",
        &[
            aka("Path", &["PSPath"], Some(0)),
            v("Name", None),
            aka("ItemType", &["Type"], None),
            aka("Value", &["Target"], None),
            s("Force"),
        ],
        new_item,
        true,
    ),
    spec(
        "Remove-Item",
        &[
            aka("Path", &["PSPath", "LiteralPath"], Some(0)),
            s("Recurse"),
            s("Force"),
            v("Include", None),
            v("Exclude", None),
            v("Filter", None),
        ],
        remove_item,
        true,
    ),
    spec(
        "Copy-Item",
        &[
            aka("Path", &["PSPath", "LiteralPath"], Some(0)),
            v("Destination", Some(1)),
            s("Recurse"),
            s("Force"),
            s("PassThru"),
        ],
        copy_item,
        true,
    ),
    spec(
        "Move-Item",
        &[
            aka("Path", &["PSPath", "LiteralPath"], Some(0)),
            v("Destination", Some(1)),
            s("Force"),
            s("PassThru"),
        ],
        move_item,
        true,
    ),
    spec(
        "Set-Location",
        &[
            aka("Path", &["PSPath", "LiteralPath"], Some(0)),
            s("PassThru"),
        ],
        set_location,
        false,
    ),
    spec("Get-Location", &[], get_location, false),
    spec(
        "Get-Content",
        &[
            aka("Path", &["PSPath", "LiteralPath"], Some(0)),
            aka("TotalCount", &["First", "Head"], None),
            typed("Tail", "System.Int32", None),
            s("Raw"),
            v("Encoding", None),
        ],
        get_content,
        false,
    ),
    spec(
        "Set-Content",
        &[
            aka("Path", &["PSPath", "LiteralPath"], Some(0)),
            v("Value", Some(1)),
            v("Encoding", None),
            s("Force"),
            s("NoNewline"),
        ],
        set_content,
        true,
    ),
    spec(
        "Add-Content",
        &[
            aka("Path", &["PSPath", "LiteralPath"], Some(0)),
            v("Value", Some(1)),
            v("Encoding", None),
            s("Force"),
            s("NoNewline"),
        ],
        add_content,
        true,
    ),
    spec(
        "Out-File",
        &[
            aka("FilePath", &["Path"], Some(0)),
            v("Encoding", Some(1)),
            s("Append"),
            s("Force"),
            s("NoClobber"),
            typed("Width", "System.Int32", None),
            v("InputObject", None),
        ],
        out_file_cmdlet,
        true,
    ),
    spec(
        "mkdir",
        &[aka("Path", &["PSPath"], Some(0)), s("Force")],
        mkdir,
        true,
    ),
];

/// Where a typed path lives.
pub(crate) enum Place {
    /// A registry key, in the registry's form (`HKLM\SOFTWARE\...`).
    Registry(String),
    /// A full file-system path.
    File(String),
}

/// True for a path of the registry provider.
pub(crate) fn is_registry(typed: &str) -> bool {
    let lower = typed.trim().to_ascii_lowercase();
    [
        "hklm:",
        "hkcu:",
        "registry::",
        "microsoft.powershell.core\\registry::",
        "hkey_",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// Where `typed` points (the current folder for relative paths).
pub(crate) fn place(interp: &Interp<'_, '_>, typed: &str) -> Option<Place> {
    if is_registry(typed) {
        return crate::world::registry::normalize(typed).map(Place::Registry);
    }
    let typed = typed
        .trim()
        .strip_prefix("Microsoft.PowerShell.Core\\FileSystem::")
        .unwrap_or(typed.trim());
    let typed = typed.strip_prefix("FileSystem::").unwrap_or(typed);
    let typed = if typed == "~" || typed.starts_with("~\\") {
        format!("C:\\Users\\Admin{}", &typed[1..])
    } else {
        typed.to_string()
    };
    interp.ctx.resolve(&typed).ok().map(Place::File)
}

/// `Cannot find path '<typed>' because it does not exist.`
pub(crate) fn path_not_found(interp: &Interp<'_, '_>, call: &Call, typed: &str) -> ErrorRecord {
    call.error(
        interp,
        format!("Cannot find path '{typed}' because it does not exist."),
        format!(
            "ObjectNotFound: ({typed}:String) [{}], ItemNotFoundException",
            call.spec.name
        ),
        "PathNotFound",
    )
}

/// A file time as a `System.DateTime`.
pub(crate) fn time_value(seconds: i64) -> Value {
    let t = CivilDateTime::from_seconds_since_epoch(seconds);
    Value::object(Obj {
        text: Some(t.windows()),
        ..Obj::new(
            "System.DateTime",
            props([
                ("Ticks", Value::Int(seconds)),
                ("Year", Value::Int(i64::from(t.year))),
                ("Month", Value::Int(i64::from(t.month))),
                ("Day", Value::Int(i64::from(t.day))),
                ("Hour", Value::Int(i64::from(t.hour))),
                ("Minute", Value::Int(i64::from(t.minute))),
                ("Second", Value::Int(i64::from(t.second))),
            ]),
        )
    })
}

/// A `FileInfo` or `DirectoryInfo` for a file-system entry.
pub(crate) fn item_object(interp: &Interp<'_, '_>, full: &str) -> Option<Value> {
    let fs = &interp.ctx.pc.world().fs;
    let node = fs.get(full)?;
    let shown = fs.canonical(full);
    let name = path::file_name(&shown).to_string();
    let parent = path::parent(&shown).unwrap_or("C:\\").to_string();
    let dir = node.is_dir();
    let t = CivilDateTime::from_seconds_since_epoch(node.modified);
    let (h, ampm) = t.hour12();
    let mut mode = if dir {
        String::from("d-")
    } else {
        String::from("-a")
    };
    mode.push(if node.attributes.read_only { 'r' } else { '-' });
    mode.push_str("---");
    let mut fields = props([
        ("Name", Value::str(&name)),
        ("FullName", Value::str(&shown)),
        ("Mode", Value::str(mode)),
        ("LastWriteTime", time_value(node.modified)),
        ("Date", Value::str(t.windows_date())),
        ("Time", Value::str(format!("{h}:{:02} {ampm}", t.minute))),
        ("PSParentPath", Value::str(&parent)),
        ("PSIsContainer", Value::Bool(dir)),
    ]);
    if !dir {
        fields.insert(
            3,
            (
                "Length".to_string(),
                Value::Int(i64::try_from(node.bytes()).unwrap_or(i64::MAX)),
            ),
        );
    }
    let type_name = if dir {
        "System.IO.DirectoryInfo"
    } else {
        "System.IO.FileInfo"
    };
    Some(Value::object(Obj {
        text: Some(name),
        ..Obj::new(type_name, fields)
    }))
}

/// The paths a call names: `-Path`, or the pipeline's items (`FullName`, `PSPath`).
fn paths(call: &Call, param: &str) -> Vec<String> {
    let mut out = call.texts(param);
    if let Some(input) = &call.input {
        for item in input {
            match item {
                Value::Object(o) => {
                    out.extend(o.get("FullName").or(o.get("PSPath")).map(Value::to_text))
                }
                Value::Null => {}
                other => out.push(other.to_text()),
            }
        }
    }
    out
}

/// Expands a wildcard in a path's last name: the matching entries of its folder.
fn expand(interp: &Interp<'_, '_>, full: &str) -> Vec<String> {
    let name = path::file_name(full);
    if !path::has_wildcard(name) {
        return vec![full.to_string()];
    }
    let Some(parent) = path::parent(full) else {
        return Vec::new();
    };
    interp
        .ctx
        .pc
        .world()
        .fs
        .child_paths(parent)
        .into_iter()
        .filter(|c| path::matches(name, path::file_name(c)))
        .collect()
}

fn fs_error(
    interp: &Interp<'_, '_>,
    call: &Call,
    message: String,
    target: &str,
    kind: &str,
    category: &str,
    id: &str,
) -> ErrorRecord {
    call.error(
        interp,
        message,
        format!(
            "{category}: ({target}:{kind}) [{}], IOException",
            call.spec.name
        ),
        id,
    )
}

fn get_child_item(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let typed = call.texts("Path");
    let typed = if typed.is_empty() {
        vec![".".to_string()]
    } else {
        typed
    };
    let mut out = Vec::new();
    for t in typed {
        match place(interp, &t) {
            Some(Place::Registry(key)) => {
                if !interp.ctx.pc.world().registry.key_exists(&key) {
                    let err = path_not_found(interp, call, &t);
                    interp.write_error(err)?;
                    continue;
                }
                let keys: Vec<String> = if call.switch("Recurse") {
                    interp
                        .ctx
                        .pc
                        .world()
                        .registry
                        .subtree(&key)
                        .skip(1)
                        .map(|(p, _)| p.to_string())
                        .collect()
                } else {
                    interp
                        .ctx
                        .pc
                        .world()
                        .registry
                        .subkeys(&key)
                        .map(|(p, _)| p.to_string())
                        .collect()
                };
                if seen::is_policy_key(&key) {
                    interp.ctx.saw(Fact::Policy);
                }
                for k in keys {
                    let reg = &interp.ctx.pc.world().registry;
                    seen::whole_registry_key(&mut interp.ctx.facts, reg, &k);
                    out.extend(key_object(interp, &k));
                }
            }
            Some(Place::File(full)) => {
                let matches = expand(interp, &full);
                if matches.is_empty() || !matches.iter().any(|m| interp.ctx.pc.world().fs.exists(m))
                {
                    let err = path_not_found(interp, call, &t);
                    interp.write_error(err)?;
                    continue;
                }
                for m in matches {
                    let fs = &interp.ctx.pc.world().fs;
                    if fs.is_dir(&m) {
                        seen::folder_listed(&mut interp.ctx.facts, &m);
                    }
                    let entries: Vec<String> = if fs.is_dir(&m) {
                        if call.switch("Recurse") {
                            fs.subtree(&m).skip(1).map(|(p, _)| p.to_string()).collect()
                        } else {
                            fs.child_paths(&m)
                        }
                    } else {
                        vec![m.clone()]
                    };
                    let filter = call.text("Filter").or_else(|| call.text("Include"));
                    for e in entries {
                        interp.tick()?;
                        let fs = &interp.ctx.pc.world().fs;
                        let is_dir = fs.is_dir(&e);
                        if (call.switch("Directory") && !is_dir) || (call.switch("File") && is_dir)
                        {
                            continue;
                        }
                        if let Some(f) = &filter
                            && !path::matches(f, path::file_name(&e))
                        {
                            continue;
                        }
                        if let Some(parent) = path::parent(&e) {
                            seen::folder_listed(&mut interp.ctx.facts, parent);
                        }
                        if call.switch("Name") {
                            out.push(Value::str(path::file_name(&fs.canonical(&e))));
                        } else {
                            out.extend(item_object(interp, &e));
                        }
                    }
                }
            }
            None => {
                let err = path_not_found(interp, call, &t);
                interp.write_error(err)?;
            }
        }
    }
    Ok(out)
}

fn get_item(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let mut out = Vec::new();
    for t in call.texts("Path") {
        match place(interp, &t) {
            Some(Place::Registry(key)) if interp.ctx.pc.world().registry.key_exists(&key) => {
                let reg = &interp.ctx.pc.world().registry;
                seen::whole_registry_key(&mut interp.ctx.facts, reg, &key);
                out.extend(key_object(interp, &key))
            }
            Some(Place::File(full)) if interp.ctx.pc.world().fs.exists(&full) => {
                out.extend(item_object(interp, &full))
            }
            _ => {
                let err = path_not_found(interp, call, &t);
                interp.write_error(err)?;
            }
        }
    }
    Ok(out)
}

fn test_path(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let want = call.text("PathType").map(|p| p.to_ascii_lowercase());
    let mut out = Vec::new();
    for t in paths(call, "Path") {
        let found = match place(interp, &t) {
            Some(Place::Registry(key)) => {
                interp.ctx.pc.world().registry.key_exists(&key) && want.as_deref() != Some("leaf")
            }
            Some(Place::File(full)) => {
                let fs = &interp.ctx.pc.world().fs;
                expand(interp, &full)
                    .iter()
                    .any(|m| match (want.as_deref(), fs.get(m)) {
                        (_, None) => false,
                        (Some("leaf"), Some(n)) => !n.is_dir(),
                        (Some("container"), Some(n)) => n.is_dir(),
                        _ => true,
                    })
            }
            None => false,
        };
        out.push(Value::Bool(found));
    }
    Ok(out)
}

fn new_item(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let base = call.text("Path").unwrap_or_else(|| ".".to_string());
    let typed = match call.text("Name") {
        Some(name) => format!("{}\\{name}", base.trim_end_matches('\\')),
        None => base,
    };
    let kind = call
        .text("ItemType")
        .unwrap_or_default()
        .to_ascii_lowercase();
    match place(interp, &typed) {
        Some(Place::Registry(key)) => registry::new_key(interp, call, &typed, &key),
        Some(Place::File(full)) => {
            let target = interp.ctx.pc.world().fs.canonical(&full);
            if !announce(
                interp,
                call,
                if kind == "directory" {
                    "Create Directory"
                } else {
                    "Create File"
                },
                &format!("Destination: {target}"),
            ) {
                return Ok(Vec::new());
            }
            let exists = interp.ctx.pc.world().fs.exists(&full);
            let result = if kind == "directory" {
                if exists && call.switch("Force") {
                    Ok(())
                } else {
                    interp.ctx.pc.act(|w| files::make_dir(w, &full))
                }
            } else if exists && !call.switch("Force") {
                Err(FileError::AlreadyExists)
            } else {
                let value = call.text("Value").unwrap_or_default();
                interp
                    .ctx
                    .pc
                    .act(|w| files::write_text(w, &full, &value, false))
            };
            match result {
                Ok(()) => Ok(item_object(interp, &full).into_iter().collect()),
                Err(FileError::AlreadyExists) => {
                    let err = fs_error(
                        interp,
                        call,
                        format!("An item with the specified name {target} already exists."),
                        &target,
                        "String",
                        "ResourceExists",
                        "DirectoryExist",
                    );
                    interp.write_error(err)?;
                    Ok(Vec::new())
                }
                Err(FileError::PathNotFound | FileError::NotFound) => {
                    let parent = path::parent(&target).unwrap_or("C:\\").to_string();
                    let err = path_not_found(interp, call, &parent);
                    interp.write_error(err)?;
                    Ok(Vec::new())
                }
                Err(e) => {
                    let err = fs_error(
                        interp,
                        call,
                        win32_message(Win32Error(e.code())).to_string(),
                        &target,
                        "String",
                        "WriteError",
                        "NewItemIOError",
                    );
                    interp.write_error(err)?;
                    Ok(Vec::new())
                }
            }
        }
        None => {
            let err = path_not_found(interp, call, &typed);
            interp.write_error(err)?;
            Ok(Vec::new())
        }
    }
}

fn mkdir(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let mut call = call.clone();
    call.values.insert("ItemType", Value::str("Directory"));
    new_item(interp, &call)
}

fn remove_item(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let typed_paths = paths(call, "Path");
    for t in typed_paths {
        match place(interp, &t) {
            Some(Place::Registry(key)) => registry::remove_key(interp, call, &t, &key)?,
            Some(Place::File(full)) => {
                let matches: Vec<String> = expand(interp, &full)
                    .into_iter()
                    .filter(|m| interp.ctx.pc.world().fs.exists(m))
                    .collect();
                if matches.is_empty() {
                    if !path::has_wildcard(path::file_name(&full)) {
                        let err = path_not_found(interp, call, &t);
                        interp.write_error(err)?;
                    }
                    continue;
                }
                for m in matches {
                    interp.tick()?;
                    remove_one(interp, call, &m)?;
                }
            }
            None => {
                let err = path_not_found(interp, call, &t);
                interp.write_error(err)?;
            }
        }
    }
    Ok(Vec::new())
}

fn remove_one(interp: &mut Interp<'_, '_>, call: &Call, full: &str) -> R<()> {
    let shown = interp.ctx.pc.world().fs.canonical(full);
    let is_dir = interp.ctx.pc.world().fs.is_dir(full);
    if !announce(
        interp,
        call,
        if is_dir {
            "Remove Directory"
        } else {
            "Remove File"
        },
        &shown,
    ) {
        return Ok(());
    }
    if !is_dir {
        return match interp
            .ctx
            .pc
            .act(|w| files::delete_file(w, full, call.switch("Force")))
        {
            Ok(_) => Ok(()),
            Err(e) => {
                let err = fs_error(
                    interp,
                    call,
                    format!(
                        "Cannot remove item {shown}: {}",
                        win32_message(Win32Error(e.code()))
                    ),
                    &shown,
                    "FileInfo",
                    "WriteError",
                    "RemoveFileSystemItemIOError",
                );
                interp.write_error(err)
            }
        };
    }
    let has_children = interp.ctx.pc.world().fs.children(full).next().is_some();
    if has_children && !call.switch("Recurse") {
        interp.out.push_str(&format!(
            "\nConfirm\nThe item at {shown} has children and the Recurse parameter was not specified. If you continue, all children will be removed with the item. Are you sure you want to continue?\n[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): Y\n(wusim: the practice shell answers PowerShell's confirmations with their default, Yes.)\n"
        ));
    }
    let harm = Folder::at(full).map(Harm::DeletedFolder);
    match interp.ctx.pc.act(|w| files::remove_dir(w, full, true)) {
        Ok(_) => {
            interp.ctx.harms.extend(harm);
            Ok(())
        }
        Err(e) => {
            let err = fs_error(
                interp,
                call,
                format!(
                    "Cannot remove item {shown}: {}",
                    win32_message(Win32Error(e.code()))
                ),
                &shown,
                "DirectoryInfo",
                "WriteError",
                "RemoveFileSystemItemIOError",
            );
            interp.write_error(err)
        }
    }
}

fn copy_or_move(interp: &mut Interp<'_, '_>, call: &Call, moving: bool) -> R<Vec<Value>> {
    let Some(dest) = call.text("Destination") else {
        let err = call.error(
            interp,
            "Cannot process command because of one or more missing mandatory parameters: Destination.".to_string(),
            format!("InvalidArgument: (:) [{}], ParameterBindingException", call.spec.name),
            "MissingMandatoryParameter",
        );
        return Err(Flow::Throw(Box::new(ErrorRecord {
            statement_only: true,
            ..err
        })));
    };
    let mut out = Vec::new();
    for t in paths(call, "Path") {
        let (Some(Place::File(from)), Some(Place::File(to))) =
            (place(interp, &t), place(interp, &dest))
        else {
            let err = path_not_found(interp, call, &t);
            interp.write_error(err)?;
            continue;
        };
        for m in expand(interp, &from) {
            let target = if interp.ctx.pc.world().fs.is_dir(&to) {
                path::child(
                    &to,
                    path::file_name(&interp.ctx.pc.world().fs.canonical(&m)),
                )
            } else {
                to.clone()
            };
            let operation = match (moving, interp.ctx.pc.world().fs.is_dir(&m)) {
                (true, true) => "Move Directory",
                (true, false) => "Move File",
                (false, true) => "Copy Directory",
                (false, false) => "Copy File",
            };
            if !announce(
                interp,
                call,
                operation,
                &format!("Item: {m} Destination: {target}"),
            ) {
                continue;
            }
            let result = if moving {
                interp.ctx.pc.act(|w| files::move_to(w, &m, &target))
            } else {
                interp.ctx.pc.act(|w| files::copy_file(w, &m, &target))
            };
            match result {
                Ok(()) => {
                    if call.switch("PassThru") {
                        out.extend(item_object(interp, &target));
                    }
                }
                Err(FileError::NotFound) => {
                    let err = path_not_found(interp, call, &t);
                    interp.write_error(err)?;
                }
                Err(FileError::WrongKind) => {
                    let err = fs_error(
                        interp,
                        call,
                        "Container cannot be copied onto existing leaf item. (wusim: copying folders is not simulated; copy the files.)".to_string(),
                        &m,
                        "String",
                        "InvalidArgument",
                        "CopyContainerToLeafError",
                    );
                    interp.write_error(err)?;
                }
                Err(e) => {
                    let err = fs_error(
                        interp,
                        call,
                        win32_message(Win32Error(e.code())).to_string(),
                        &m,
                        "String",
                        "WriteError",
                        "MoveFileInfoItemIOError",
                    );
                    interp.write_error(err)?;
                }
            }
        }
    }
    Ok(out)
}

fn copy_item(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    copy_or_move(interp, call, false)
}

fn move_item(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    copy_or_move(interp, call, true)
}

fn set_location(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let typed = call
        .text("Path")
        .unwrap_or_else(|| "C:\\Users\\Admin".to_string());
    match place(interp, &typed) {
        Some(Place::Registry(_)) => {
            interp.out.push_str("(wusim: the practice shell keeps its current location in the file system; use the full registry path with each cmdlet, like Get-ItemProperty HKLM:\\SOFTWARE\\...)\n");
            interp.set_ok(false);
            Ok(Vec::new())
        }
        Some(Place::File(full)) if interp.ctx.pc.world().fs.is_dir(&full) => {
            interp.ctx.con.cwd = interp.ctx.pc.world().fs.canonical(&full);
            Ok(Vec::new())
        }
        _ => {
            let err = path_not_found(interp, call, &typed);
            interp.write_error(err)?;
            Ok(Vec::new())
        }
    }
}

fn get_location(interp: &mut Interp<'_, '_>, _: &Call) -> R<Vec<Value>> {
    let cwd = interp.ctx.con.cwd.clone();
    Ok(vec![Value::object(Obj {
        text: Some(cwd.clone()),
        ..Obj::new(
            "System.Management.Automation.PathInfo",
            props([("Path", Value::str(cwd))]),
        )
    })])
}

/// The text of a file, or `None` after writing the error.
pub(crate) fn read_file(
    interp: &mut Interp<'_, '_>,
    call: &Call,
    typed: &str,
) -> R<Option<String>> {
    let Some(Place::File(full)) = place(interp, typed) else {
        let err = path_not_found(interp, call, typed);
        interp.write_error(err)?;
        return Ok(None);
    };
    match files::read_text(interp.ctx.pc.world(), &full) {
        Ok(text) => Ok(Some(text)),
        Err(FileError::WrongKind) | Err(FileError::AccessDenied)
            if interp.ctx.pc.world().fs.is_dir(&full) =>
        {
            let err = call.error(
                interp,
                format!(
                    "Access to the path '{}' is denied.",
                    interp.ctx.pc.world().fs.canonical(&full)
                ),
                format!(
                    "PermissionDenied: ({full}:String) [{}], UnauthorizedAccessException",
                    call.spec.name
                ),
                "GetContentReaderUnauthorizedAccessError",
            );
            interp.write_error(err)?;
            Ok(None)
        }
        Err(_) => {
            let err = path_not_found(interp, call, typed);
            interp.write_error(err)?;
            Ok(None)
        }
    }
}

fn get_content(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let mut out = Vec::new();
    for t in paths(call, "Path") {
        let Some(text) = read_file(interp, call, &t)? else {
            continue;
        };
        if call.switch("Raw") {
            out.push(Value::Str(text));
            continue;
        }
        let mut lines: Vec<Value> = text
            .lines()
            .map(|l| Value::str(l.trim_end_matches('\r')))
            .collect();
        if let Some(n) = call.value("TotalCount").and_then(Value::as_int) {
            lines.truncate(usize::try_from(n).unwrap_or(0));
        }
        if let Some(n) = call.value("Tail").and_then(Value::as_int) {
            let skip = lines.len().saturating_sub(usize::try_from(n).unwrap_or(0));
            lines = lines.into_iter().skip(skip).collect();
        }
        out.extend(lines);
    }
    Ok(out)
}

fn write_content(interp: &mut Interp<'_, '_>, call: &Call, append: bool) -> R<Vec<Value>> {
    let Some(typed) = call.text("Path") else {
        let err = call.error(
            interp,
            "Cannot process command because of one or more missing mandatory parameters: Path."
                .to_string(),
            format!(
                "InvalidArgument: (:) [{}], ParameterBindingException",
                call.spec.name
            ),
            "MissingMandatoryParameter",
        );
        return Err(Flow::Throw(Box::new(ErrorRecord {
            statement_only: true,
            ..err
        })));
    };
    let values: Vec<Value> = match (call.value("Value"), &call.input) {
        (Some(v), _) => v.clone().into_items(),
        (None, Some(input)) => input.clone(),
        (None, None) => {
            interp.out.push_str(&format!(
                "cmdlet {} at command pipeline position 1\nSupply values for the following parameters:\nValue[0]: \n(wusim: PowerShell waits here for the text to write; the practice shell cannot wait, so nothing was written.{})\n",
                call.spec.name,
                if call.typed.eq_ignore_ascii_case("sc") { " In PowerShell, sc is Set-Content: type sc.exe for the service tool" } else { "" }
            ));
            interp.set_ok(false);
            return Ok(Vec::new());
        }
    };
    let mut text: String = values
        .iter()
        .map(|v| format!("{}\r\n", v.to_text()))
        .collect();
    if call.switch("NoNewline") {
        text = values.iter().map(Value::to_text).collect();
    }
    write_to(interp, call, &typed, &text, append)?;
    Ok(Vec::new())
}

fn write_to(
    interp: &mut Interp<'_, '_>,
    call: &Call,
    typed: &str,
    text: &str,
    append: bool,
) -> R<()> {
    let Some(Place::File(full)) = place(interp, typed) else {
        let err = path_not_found(interp, call, typed);
        return interp.write_error(err);
    };
    let shown = full.clone();
    if !announce(
        interp,
        call,
        if append { "Add Content" } else { "Set Content" },
        &format!("Path: {shown}"),
    ) {
        return Ok(());
    }
    match interp
        .ctx
        .pc
        .act(|w| files::write_text(w, &full, text, append))
    {
        Ok(()) => Ok(()),
        Err(FileError::PathNotFound | FileError::NotFound) => {
            let parent = path::parent(&full).unwrap_or("C:\\").to_string();
            let err = call.error(
                interp,
                format!("Could not find a part of the path '{full}'."),
                format!(
                    "ObjectNotFound: ({parent}:String) [{}], DirectoryNotFoundException",
                    call.spec.name
                ),
                "GetContentWriterDirectoryNotFoundError",
            );
            let _ = parent;
            interp.write_error(err)
        }
        Err(FileError::AccessDenied | FileError::WrongKind | FileError::BadName) => {
            let err = call.error(
                interp,
                format!("Access to the path '{full}' is denied."),
                format!(
                    "PermissionDenied: ({full}:String) [{}], UnauthorizedAccessException",
                    call.spec.name
                ),
                "GetContentWriterUnauthorizedAccessError",
            );
            interp.write_error(err)
        }
        Err(e) => {
            let err = call.error(
                interp,
                win32_message(Win32Error(e.code())).to_string(),
                format!(
                    "WriteError: ({full}:String) [{}], IOException",
                    call.spec.name
                ),
                "GetContentWriterIOError",
            );
            interp.write_error(err)
        }
    }
}

fn set_content(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    write_content(interp, call, false)
}

fn add_content(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    write_content(interp, call, true)
}

fn out_file_cmdlet(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let Some(typed) = call.text("FilePath") else {
        return Ok(Vec::new());
    };
    let values: Vec<Value> = match (&call.input, call.value("InputObject")) {
        (Some(input), _) => input.clone(),
        (None, Some(v)) => v.clone().into_items(),
        (None, None) => Vec::new(),
    };
    let text = format::format_values(&values).replace('\n', "\r\n");
    write_to(interp, call, &typed, &text, call.switch("Append"))?;
    Ok(Vec::new())
}

/// `... > file` and `>> file`: what `Out-File` writes.
pub(crate) fn out_file(
    interp: &mut Interp<'_, '_>,
    typed: &str,
    values: &[Value],
    append: bool,
) -> R<()> {
    let Some(spec) = super::find("out-file") else {
        return Ok(());
    };
    let call = Call {
        typed: "Out-File".to_string(),
        spec,
        values: Default::default(),
        rest: Vec::new(),
        input: None,
        at: Default::default(),
        what_if: false,
        verbose: false,
        confirm: false,
    };
    let text = format::format_values(values).replace('\n', "\r\n");
    write_to(interp, &call, typed, &text, append)
}
