//! Cmdlets answered by the code that served them before the PowerShell prompt existed
//! (`super::super::services`, `items`, `logs`): `Start-Service`, `Stop-Service`,
//! `Restart-Service`, `Set-Service`, `Rename-Item`, `Get-HotFix`, `Get-WinEvent`,
//! `Get-WindowsUpdateLog`, `Restart-Computer` and `Get-Help`.
//!
//! The new binder binds their parameters; here they are handed over as words, once per
//! pipeline object (a service or a path), and the answer's error blocks are read back into
//! records so that `-ErrorAction` and `try`/`catch` apply. `-WhatIf`, `-Verbose` and
//! `-PassThru` are handled here, with PowerShell's texts.

use super::services::service_object;
use super::{Spec, aka, s, spec, typed, v};
use crate::scm::ServiceId;
use crate::shell::names;
use crate::shell::powershell::cmdlet;
use crate::shell::powershell::errors::{Piece, split_blocks};
use crate::shell::powershell::eval::{Interp, R};
use crate::shell::powershell::format::text_value;
use crate::shell::powershell::invoke::Call;
use crate::shell::powershell::value::Value;

const SERVICE_PARAMS: &[super::Param] = &[
    aka("Name", &["ServiceName"], Some(0)),
    v("DisplayName", None),
    s("Force"),
    s("PassThru"),
    s("NoWait"),
    v("InputObject", None),
    v("Include", None),
    v("Exclude", None),
];

/// The cmdlets of this family.
pub(crate) const SPECS: &[Spec] = &[
    spec("Start-Service", SERVICE_PARAMS, control, true),
    spec("Stop-Service", SERVICE_PARAMS, control, true),
    spec("Restart-Service", SERVICE_PARAMS, control, true),
    spec(
        "Set-Service",
        &[
            aka("Name", &["ServiceName", "SN"], Some(0)),
            typed(
                "StartupType",
                "System.ServiceProcess.ServiceStartMode",
                None,
            ),
            v("Status", None),
            v("DisplayName", None),
            v("Description", None),
            s("PassThru"),
            v("InputObject", None),
            aka("ComputerName", &["Cn"], None),
        ],
        control,
        true,
    ),
    spec(
        "Rename-Item",
        &[
            aka("Path", &["PSPath", "LiteralPath"], Some(0)),
            v("NewName", Some(1)),
            s("Force"),
            s("PassThru"),
        ],
        rename_item,
        true,
    ),
    spec(
        "Get-HotFix",
        &[
            v("Id", Some(0)),
            v("Description", None),
            aka("ComputerName", &["Cn"], None),
        ],
        text_cmdlet,
        false,
    ),
    spec(
        "Get-WinEvent",
        &[
            v("LogName", Some(0)),
            typed("MaxEvents", "System.Int64", None),
            v("FilterHashtable", None),
            v("ProviderName", None),
        ],
        text_cmdlet,
        false,
    ),
    spec(
        "Get-WindowsUpdateLog",
        &[v("LogPath", None), s("ForceFlush")],
        text_cmdlet,
        false,
    ),
    spec(
        "Restart-Computer",
        &[s("Force"), aka("ComputerName", &["Cn"], None), s("Wait")],
        restart_computer,
        true,
    ),
    spec(
        "Get-Help",
        &[
            v("Name", Some(0)),
            s("Full"),
            s("Detailed"),
            s("Examples"),
            s("Online"),
        ],
        get_help,
        false,
    ),
];

/// The names of the services a call targets: `-Name`, or the pipeline's objects.
fn service_names(call: &Call) -> Vec<String> {
    let mut names = call.texts("Name");
    if let Some(Value::Object(o)) = call.value("InputObject") {
        names.extend(o.get("Name").map(Value::to_text));
    }
    if let Some(input) = &call.input {
        for item in input {
            match item {
                Value::Object(o) => {
                    names.extend(o.get("Name").or(o.get("ServiceName")).map(Value::to_text))
                }
                Value::Null => {}
                other => names.push(other.to_text()),
            }
        }
    }
    names
}

/// The services a name covers (wildcards expanded).
fn services_named(name: &str) -> Vec<ServiceId> {
    if names::has_wildcard(name) {
        names::sorted_by_name()
            .into_iter()
            .filter(|id| names::wildcard_match(name, id.name()))
            .collect()
    } else {
        names::by_any_name(name).into_iter().collect()
    }
}

/// Runs an older cmdlet with `words`; shows its text and turns its error blocks into
/// records.
fn run_words(interp: &mut Interp<'_, '_>, call: &Call, words: &[String]) -> R<bool> {
    let Some(parsed) = cmdlet::parse(
        &call.spec.name.to_ascii_lowercase(),
        words,
        &call.at.line_text,
    ) else {
        return Ok(false);
    };
    let reply = crate::shell::powershell::services::run(
        interp.ctx.pc,
        &parsed,
        &mut interp.ctx.question,
        &mut interp.ctx.facts,
    );
    interp.ctx.harms.extend(reply.harm);
    let mut ok = true;
    for piece in split_blocks(&reply.text) {
        match piece {
            Piece::Text(t) => interp.out.push_str(&t),
            Piece::Error(record) => {
                ok = false;
                let mut record = record;
                record.source = call.typed.clone();
                record.at = Some(call.at.clone());
                record.script = interp.script.clone();
                interp.write_error(record)?;
            }
        }
    }
    Ok(ok)
}

/// `What if: ...` or `VERBOSE: ...` for an operation; false when `-WhatIf` stops it.
fn announce(interp: &mut Interp<'_, '_>, call: &Call, operation: &str, target: &str) -> bool {
    if call.what_if {
        interp.out.push_str(&format!(
            "What if: Performing the operation \"{operation}\" on target \"{target}\".\n"
        ));
        return false;
    }
    if call.confirm {
        interp.out.push_str(&format!(
            "\nConfirm\nAre you sure you want to perform this action?\nPerforming the operation \"{operation}\" on target \"{target}\".\n[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): Y\n(wusim: the practice shell answers PowerShell's confirmations with their default, Yes.)\n"
        ));
    }
    if call.verbose {
        interp.out.push_str(&format!(
            "VERBOSE: Performing the operation \"{operation}\" on target \"{target}\".\n"
        ));
    }
    true
}

/// The words for the older binder: every bound value but the ones handled here.
fn words_of(call: &Call, skip: &[&str]) -> Vec<String> {
    let mut words = Vec::new();
    for (name, value) in &call.values {
        if skip.contains(name) || *name == "ErrorAction" {
            continue;
        }
        match value {
            Value::Bool(true) => words.push(format!("-{name}")),
            Value::Bool(false) => {}
            other => {
                words.push(format!("-{name}"));
                let items: Vec<String> = other
                    .clone()
                    .into_items()
                    .iter()
                    .map(Value::to_text)
                    .collect();
                words.push(items.join(","));
            }
        }
    }
    words
}

fn control(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let names = service_names(call);
    if names.is_empty() && call.value("DisplayName").is_none() {
        return legacy_once(
            interp,
            call,
            &words_of(call, &["PassThru", "InputObject", "NoWait"]),
        );
    }
    let mut passed = Vec::new();
    let mut words_base = words_of(
        call,
        &[
            "Name",
            "PassThru",
            "InputObject",
            "NoWait",
            "Include",
            "Exclude",
        ],
    );
    if names.is_empty() {
        // -DisplayName only: the older code resolves it.
        if !run_words(interp, call, &words_base)? {
            interp.set_ok(false);
        }
        return Ok(passed);
    }
    let operation = call.spec.name;
    for name in names {
        let ids = services_named(&name);
        if ids.is_empty() {
            // The older code writes the not-found error.
            let mut words = vec!["-Name".to_string(), name.clone()];
            words.append(&mut words_base.clone());
            run_words(interp, call, &words)?;
            continue;
        }
        let typed_one = !names::has_wildcard(&name) && ids.len() == 1;
        for id in ids {
            // PowerShell names the service as it was typed: 'Windows Update (wuauServ)'.
            let shown = if typed_one && id.name().eq_ignore_ascii_case(&name) {
                name.clone()
            } else {
                id.name().to_string()
            };
            let target = format!("{} ({shown})", id.display_name());
            if !announce(interp, call, operation, &target) {
                continue;
            }
            let mut words = vec!["-Name".to_string(), shown.clone()];
            words.append(&mut words_base.clone());
            run_words(interp, call, &words)?;
            if call.switch("PassThru") {
                passed.push(service_object(interp.ctx.pc, id));
            }
        }
    }
    words_base.clear();
    Ok(passed)
}

/// Hands the call over once, as it is (the older code reports what is missing).
fn legacy_once(interp: &mut Interp<'_, '_>, call: &Call, words: &[String]) -> R<Vec<Value>> {
    run_words(interp, call, words)?;
    Ok(Vec::new())
}

fn rename_item(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let mut paths = call.texts("Path");
    if let Some(input) = &call.input {
        for item in input {
            match item {
                Value::Object(o) => {
                    paths.extend(o.get("FullName").or(o.get("PSPath")).map(Value::to_text))
                }
                other => paths.push(other.to_text()),
            }
        }
    }
    let new_name = call.text("NewName");
    if paths.is_empty() || new_name.is_none() {
        return legacy_once(interp, call, &words_of(call, &["PassThru"]));
    }
    let new_name = new_name.unwrap_or_default();
    for path in paths {
        let full = interp.ctx.resolve(&path).unwrap_or_else(|_| path.clone());
        let target = format!(
            "Item: {full} Destination: {}",
            crate::world::path::child(
                crate::world::path::parent(&full).unwrap_or("C:\\"),
                &new_name
            )
        );
        let operation = if interp.ctx.pc.world().fs.is_dir(&full) {
            "Rename Directory"
        } else {
            "Rename File"
        };
        if !announce(interp, call, operation, &target) {
            continue;
        }
        let words = vec![
            "-Path".to_string(),
            full.clone(),
            "-NewName".to_string(),
            new_name.clone(),
        ];
        run_words(interp, call, &words)?;
    }
    Ok(Vec::new())
}

fn text_cmdlet(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let mut words = words_of(
        call,
        &[
            "FilterHashtable",
            "ProviderName",
            "ForceFlush",
            "ComputerName",
            "Description",
        ],
    );
    if let Some(Value::Hash(pairs)) = call.value("FilterHashtable") {
        for (k, v) in pairs {
            if k.eq_ignore_ascii_case("LogName") {
                words.push("-LogName".to_string());
                words.push(v.to_text());
            }
        }
    }
    let before = interp.out.len();
    run_words(interp, call, &words)?;
    // The table is output, not host text: move it into the pipeline.
    let mut text = interp.out.split_off(before);
    // One blank line after a table, as at a PowerShell prompt.
    if text.ends_with("\n\n\n") {
        text.pop();
    }
    Ok(if text.is_empty() {
        Vec::new()
    } else {
        vec![text_value(text)]
    })
}

fn restart_computer(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    if let Some(computer) = call.text("ComputerName")
        && !matches!(computer.to_ascii_lowercase().as_str(), "." | "localhost")
    {
        interp.ctx.unrecognized = true;
        interp.out.push_str(&format!(
            "(wusim: -ComputerName reaches other computers; the practice shell has only this one PC, so '{computer}' is not simulated.)\n"
        ));
        return Ok(Vec::new());
    }
    let target = format!("localhost ({})", interp.ctx.pc.device().name.as_str());
    if !announce(interp, call, "Restart-Computer", &target) {
        return Ok(Vec::new());
    }
    run_words(interp, call, &[])?;
    Ok(Vec::new())
}

fn get_help(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let name = call.text("Name");
    let topic = name.as_deref().map(|n| {
        crate::shell::powershell::aliases::resolve(&n.to_ascii_lowercase())
            .map_or(n.to_string(), str::to_string)
    });
    let reply = crate::shell::commands::help(topic.as_deref());
    let _ = interp;
    Ok(vec![text_value(reply.text)])
}
