//! The registry provider's item properties: `Get-ItemProperty`, `Get-ItemPropertyValue`,
//! `Set-ItemProperty`, `New-ItemProperty`, `Remove-ItemProperty`, and the registry side of
//! `New-Item`, `Remove-Item` and `Get-ChildItem` (keys as items).
//!
//! Values come back as PowerShell shows them: a DWORD as a number, a string as text, with
//! the `PSPath`, `PSParentPath`, `PSChildName`, `PSDrive` and `PSProvider` lines after
//! them. Writing a service's `Start` value changes only the registry: the SCM reads it at
//! the next boot, as on Windows.

use super::files::{Place, path_not_found, place};
use super::{Spec, aka, announce, s, spec, v};
use crate::shell::powershell::errors::ErrorRecord;
use crate::shell::powershell::eval::{Interp, R};
use crate::shell::powershell::invoke::Call;
use crate::shell::powershell::value::{Obj, Value};
use crate::shell::seen;
use crate::world::registry::{self, RegValue};

/// The cmdlets of this family.
pub(crate) const SPECS: &[Spec] = &[
    spec(
        "Get-ItemProperty",
        &[
            aka("Path", &["PSPath", "LiteralPath"], Some(0)),
            v("Name", Some(1)),
        ],
        get_item_property,
        false,
    ),
    spec(
        "Get-ItemPropertyValue",
        &[
            aka("Path", &["PSPath", "LiteralPath"], Some(0)),
            v("Name", Some(1)),
        ],
        get_item_property_value,
        false,
    ),
    spec(
        "Set-ItemProperty",
        &[
            aka("Path", &["PSPath", "LiteralPath"], Some(0)),
            v("Name", Some(1)),
            v("Value", Some(2)),
            aka("Type", &["PropertyType"], None),
            s("Force"),
            s("PassThru"),
        ],
        set_item_property,
        true,
    ),
    spec(
        "New-ItemProperty",
        &[
            aka("Path", &["PSPath", "LiteralPath"], Some(0)),
            v("Name", Some(1)),
            v("Value", Some(2)),
            aka("PropertyType", &["Type"], None),
            s("Force"),
        ],
        new_item_property,
        true,
    ),
    spec(
        "Remove-ItemProperty",
        &[
            aka("Path", &["PSPath", "LiteralPath"], Some(0)),
            v("Name", Some(1)),
            s("Force"),
        ],
        remove_item_property,
        true,
    ),
];

fn drive(key: &str) -> &str {
    key.split('\\').next().unwrap_or("HKLM")
}

const PROVIDER: &str = "Microsoft.PowerShell.Core\\Registry";

fn ps_path(key: &str) -> String {
    format!("{PROVIDER}::{}", registry::long_form(key))
}

/// A registry value as PowerShell gives it.
pub(crate) fn reg_to_value(v: &RegValue) -> Value {
    match v {
        RegValue::Dword(n) => Value::Int(i64::from(*n)),
        RegValue::Qword(n) => Value::Int(i64::try_from(*n).unwrap_or(i64::MAX)),
        RegValue::Sz(s) | RegValue::ExpandSz(s) => Value::str(s),
        RegValue::MultiSz(items) => Value::Array(items.iter().map(Value::str).collect()),
        RegValue::Binary(bytes) => {
            Value::Array(bytes.iter().map(|b| Value::Int(i64::from(*b))).collect())
        }
    }
}

/// The PS* properties of a key.
fn provider_props(key: &str) -> Vec<(String, Value)> {
    let parent = registry::parent(key).map(ps_path).unwrap_or_default();
    vec![
        ("PSPath".into(), Value::str(ps_path(key))),
        ("PSParentPath".into(), Value::str(parent)),
        ("PSChildName".into(), Value::str(registry::name(key))),
        ("PSDrive".into(), Value::str(drive(key))),
        ("PSProvider".into(), Value::str(PROVIDER)),
    ]
}

/// A key as an item (`Get-Item`, `Get-ChildItem`): shown in `Hive:` blocks.
pub(crate) fn key_object(interp: &Interp<'_, '_>, key: &str) -> Option<Value> {
    let reg = &interp.ctx.pc.world().registry;
    let (path, k) = reg.key(key)?;
    let mut text = String::new();
    let names: Vec<String> = k
        .values
        .iter()
        .map(|(n, _)| {
            if n.is_empty() {
                "(default)".to_string()
            } else {
                n.clone()
            }
        })
        .collect();
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let name = registry::name(path);
    let mut first = true;
    for (n, (_, value)) in names.iter().zip(&k.values) {
        let shown = crate::shell::powershell::format::cell(&reg_to_value(value));
        let prop = format!("{n:<width$} : {shown}");
        if first {
            text.push_str(&format!(
                "{:<30} {prop}\n",
                crate::shell::render::truncate(name, 30)
            ));
            first = false;
        } else {
            text.push_str(&format!("{:<30} {prop}\n", ""));
        }
    }
    if first {
        text.push_str(&format!("{name}\n"));
    }
    let mut fields = vec![
        ("Name".to_string(), Value::str(registry::long_form(path))),
        (
            "Property".to_string(),
            Value::Array(names.into_iter().map(Value::Str).collect()),
        ),
        (
            "SubKeyCount".to_string(),
            Value::Int(reg.subkeys(path).count() as i64),
        ),
        ("ValueCount".to_string(), Value::Int(k.values.len() as i64)),
        ("Row".to_string(), Value::Str(text)),
        (
            "Hive".to_string(),
            Value::str(
                registry::parent(path)
                    .map(registry::long_form)
                    .unwrap_or_default(),
            ),
        ),
    ];
    fields.extend(provider_props(path));
    Some(Value::object(Obj {
        text: Some(registry::long_form(path)),
        ..Obj::new("Microsoft.Win32.RegistryKey", fields)
    }))
}

/// Keys laid out as `Get-ChildItem HKLM:\...` shows them.
pub(crate) fn key_blocks(group: &[&Obj]) -> String {
    let mut out = String::new();
    let mut current: Option<String> = None;
    for o in group {
        let hive = o.get("Hive").map(Value::to_text).unwrap_or_default();
        if current.as_deref() != Some(hive.as_str()) {
            if current.is_some() {
                out.push('\n');
            }
            out.push_str(&format!(
                "\n\n    Hive: {hive}\n\n\nName                           Property\n----                           --------\n"
            ));
            current = Some(hive);
        }
        out.push_str(&o.get("Row").map(Value::to_text).unwrap_or_default());
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// The key a call's `-Path` names, or the error already written.
fn key_of(interp: &mut Interp<'_, '_>, call: &Call, typed: &str) -> R<Option<String>> {
    match place(interp, typed) {
        Some(Place::Registry(key)) if interp.ctx.pc.world().registry.key_exists(&key) => {
            Ok(Some(key))
        }
        Some(Place::File(full)) if interp.ctx.pc.world().fs.exists(&full) => {
            let err = call.error(
                interp,
                "The practice shell reads item properties only in the registry (HKLM:\\...)."
                    .to_string(),
                format!(
                    "NotImplemented: (:) [{}], PSNotSupportedException",
                    call.spec.name
                ),
                "NotSupported",
            );
            interp.write_error(err)?;
            Ok(None)
        }
        _ => {
            let err = path_not_found(interp, call, typed);
            interp.write_error(err)?;
            Ok(None)
        }
    }
}

fn property_missing(interp: &Interp<'_, '_>, call: &Call, name: &str, key: &str) -> ErrorRecord {
    let mut err = call.error(
        interp,
        format!(
            "Property {name} does not exist at path {}.",
            registry::long_form(key)
        ),
        format!(
            "InvalidArgument: ({name}:String) [{}], PSArgumentException",
            call.spec.name
        ),
        "",
    );
    err.id = format!(
        "System.Management.Automation.PSArgumentException,{}",
        call.spec.error_source()
    );
    err
}

fn get_item_property(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let mut out = Vec::new();
    let wanted = call.texts("Name");
    for typed in call.texts("Path") {
        let Some(key) = key_of(interp, call, &typed)? else {
            continue;
        };
        let values: Vec<(String, RegValue)> = interp
            .ctx
            .pc
            .world()
            .registry
            .key(&key)
            .map(|(_, k)| k.values.clone())
            .unwrap_or_default();
        let mut fields = Vec::new();
        let mut missing = false;
        if wanted.is_empty() {
            for (n, v) in &values {
                let n = if n.is_empty() {
                    "(default)".to_string()
                } else {
                    n.clone()
                };
                fields.push((n, reg_to_value(v)));
            }
        } else {
            for w in &wanted {
                let matched: Vec<&(String, RegValue)> = values
                    .iter()
                    .filter(|(n, _)| crate::shell::names::wildcard_match(w, n))
                    .collect();
                if matched.is_empty() {
                    missing = true;
                    let err = property_missing(interp, call, w, &key);
                    interp.write_error(err)?;
                }
                for (n, v) in matched {
                    fields.push((n.clone(), reg_to_value(v)));
                }
            }
        }
        if missing && fields.is_empty() {
            continue;
        }
        seen::registry_key(
            &mut interp.ctx.facts,
            &key,
            fields.iter().map(|(n, _)| n.as_str()),
        );
        let (path, _) = interp
            .ctx
            .pc
            .world()
            .registry
            .key(&key)
            .map(|(p, k)| (p.to_string(), k.clone()))
            .unwrap_or_default();
        fields.extend(provider_props(&path));
        out.push(Value::object(Obj::new(
            "System.Management.Automation.PSCustomObject",
            fields,
        )));
    }
    Ok(out)
}

fn get_item_property_value(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let mut out = Vec::new();
    for typed in call.texts("Path") {
        let Some(key) = key_of(interp, call, &typed)? else {
            continue;
        };
        for name in call.texts("Name") {
            match interp
                .ctx
                .pc
                .world()
                .registry
                .value(&key, &name)
                .map(reg_to_value)
            {
                Some(v) => {
                    seen::registry_key(&mut interp.ctx.facts, &key, [name.as_str()]);
                    out.push(v)
                }
                None => {
                    let err = property_missing(interp, call, &name, &key);
                    interp.write_error(err)?;
                }
            }
        }
    }
    Ok(out)
}

/// A value of `-PropertyType`/`-Type`, or from the .NET type of the value.
fn to_reg(
    interp: &Interp<'_, '_>,
    call: &Call,
    kind: Option<&str>,
    value: &Value,
    existing: Option<&RegValue>,
) -> Result<RegValue, Box<ErrorRecord>> {
    let kind = kind.map(str::to_ascii_lowercase);
    let kind = kind.as_deref().or(match existing {
        Some(RegValue::Dword(_)) => Some("dword"),
        Some(RegValue::Qword(_)) => Some("qword"),
        Some(RegValue::ExpandSz(_)) => Some("expandstring"),
        Some(RegValue::MultiSz(_)) => Some("multistring"),
        Some(RegValue::Binary(_)) => Some("binary"),
        Some(RegValue::Sz(_)) => Some("string"),
        None => None,
    });
    let kind = kind.unwrap_or(match value {
        Value::Int(_) => "dword",
        Value::Array(_) => "multistring",
        _ => "string",
    });
    let text = value.to_text();
    let number = || -> Result<i64, Box<ErrorRecord>> {
        value.as_int().filter(|_| !text.is_empty() || matches!(value, Value::Int(_))).ok_or_else(|| {
            Box::new(call.error(
                interp,
                format!("Cannot convert value \"{text}\" to type \"System.Int32\". Error: \"Input string was not in a correct format.\""),
                format!("InvalidArgument: (:) [{}], PSInvalidCastException", call.spec.name),
                "InvalidCastFromStringToInteger",
            ))
        })
    };
    Ok(match kind {
        "dword" => RegValue::Dword(number()? as u32),
        "qword" => RegValue::Qword(number()? as u64),
        "expandstring" => RegValue::ExpandSz(text),
        "multistring" => RegValue::MultiSz(
            value
                .clone()
                .into_items()
                .iter()
                .map(Value::to_text)
                .collect(),
        ),
        "binary" => RegValue::Binary(
            value
                .clone()
                .into_items()
                .iter()
                .filter_map(Value::as_int)
                .map(|b| b as u8)
                .collect(),
        ),
        "string" | "unknown" | "none" => RegValue::Sz(text),
        other => {
            return Err(Box::new(call.error(
                interp,
                format!("Cannot bind parameter 'PropertyType'. Cannot convert value \"{other}\" to type \"Microsoft.Win32.RegistryValueKind\". Error: \"Unable to match the identifier name {other} to a valid enumerator name. Specify one of the following enumerator names and try again:\nUnknown, String, ExpandString, Binary, DWord, MultiString, QWord, None\""),
                format!("InvalidArgument: (:) [{}], ParameterBindingException", call.spec.name),
                "CannotConvertArgumentNoMessage",
            )));
        }
    })
}

fn write_value(interp: &mut Interp<'_, '_>, call: &Call, creating: bool) -> R<Vec<Value>> {
    let names = call.texts("Name");
    let value = call.value("Value").cloned().unwrap_or(Value::Null);
    let kind = call.text("PropertyType").or_else(|| call.text("Type"));
    let mut out = Vec::new();
    for typed in call.texts("Path") {
        let Some(key) = key_of(interp, call, &typed)? else {
            continue;
        };
        for name in &names {
            let existing = interp.ctx.pc.world().registry.value(&key, name).cloned();
            if creating && existing.is_some() && !call.switch("Force") {
                let long = registry::long_form(&key);
                let mut err = call.error(
                    interp,
                    "The property already exists.".to_string(),
                    format!("ResourceExists: ({long}:String) [New-ItemProperty], IOException"),
                    "",
                );
                err.id = format!("System.IO.IOException,{}", call.spec.error_source());
                interp.write_error(err)?;
                continue;
            }
            let base = if creating { None } else { existing.as_ref() };
            let reg = match to_reg(interp, call, kind.as_deref(), &value, base) {
                Ok(r) => r,
                Err(e) => {
                    interp.write_error(*e)?;
                    continue;
                }
            };
            let long = registry::long_form(&key);
            let (operation, target) = if creating {
                ("New Property", format!("Item: {long} Property: {name}"))
            } else {
                ("Set Property", format!("Item: {long} Property: {name}"))
            };
            if !announce(interp, call, operation, &target) {
                continue;
            }
            let stored = reg.clone();
            let key_for_write = key.clone();
            let name_for_write = name.clone();
            interp.ctx.pc.act(move |w| {
                w.registry
                    .set_value(&key_for_write, &name_for_write, stored)
            });
            if creating || call.switch("PassThru") {
                let mut fields = vec![(name.clone(), reg_to_value(&reg))];
                fields.extend(provider_props(&key));
                out.push(Value::object(Obj::new(
                    "System.Management.Automation.PSCustomObject",
                    fields,
                )));
            }
        }
    }
    Ok(out)
}

fn set_item_property(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    write_value(interp, call, false)
}

fn new_item_property(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    write_value(interp, call, true)
}

fn remove_item_property(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    for typed in call.texts("Path") {
        let Some(key) = key_of(interp, call, &typed)? else {
            continue;
        };
        for name in call.texts("Name") {
            if interp.ctx.pc.world().registry.value(&key, &name).is_none() {
                let err = property_missing(interp, call, &name, &key);
                interp.write_error(err)?;
                continue;
            }
            let target = format!("Item: {} Property: {name}", registry::long_form(&key));
            if !announce(interp, call, "Remove Property", &target) {
                continue;
            }
            let (k, n) = (key.clone(), name.clone());
            interp.ctx.pc.act(move |w| w.registry.delete_value(&k, &n));
        }
    }
    Ok(Vec::new())
}

/// `New-Item HKLM:\...`: a key (its parents too with `-Force`).
pub(crate) fn new_key(
    interp: &mut Interp<'_, '_>,
    call: &Call,
    typed: &str,
    key: &str,
) -> R<Vec<Value>> {
    let reg = &interp.ctx.pc.world().registry;
    if reg.key_exists(key) && !call.switch("Force") {
        let mut err = call.error(
            interp,
            "A key at this path already exists.".to_string(),
            "ResourceExists: (Microsoft.Power...RegistryWrapper:RegistryWrapper) [New-Item], IOException".to_string(),
            "",
        );
        err.id = format!("System.IO.IOException,{}", call.spec.error_source());
        interp.write_error(err)?;
        return Ok(Vec::new());
    }
    let parent_exists = registry::parent(key).is_none_or(|p| reg.key_exists(p));
    if !parent_exists && !call.switch("Force") {
        let parent_typed = typed
            .trim_end_matches('\\')
            .rsplit_once('\\')
            .map_or(typed, |(p, _)| p)
            .to_string();
        let err = path_not_found(interp, call, &parent_typed);
        interp.write_error(err)?;
        return Ok(Vec::new());
    }
    if !announce(
        interp,
        call,
        "Create Key",
        &format!("Destination: {}", registry::long_form(key)),
    ) {
        return Ok(Vec::new());
    }
    let k = key.to_string();
    interp.ctx.pc.act(move |w| w.registry.create_key(&k));
    Ok(key_object(interp, key).into_iter().collect())
}

/// `Remove-Item HKLM:\...`: the key and everything in it.
pub(crate) fn remove_key(
    interp: &mut Interp<'_, '_>,
    call: &Call,
    typed: &str,
    key: &str,
) -> R<()> {
    let reg = &interp.ctx.pc.world().registry;
    if !reg.key_exists(key) {
        let err = path_not_found(interp, call, typed);
        return interp.write_error(err);
    }
    let has_children = reg.subkeys(key).next().is_some();
    if !announce(interp, call, "Remove Key", &registry::long_form(key)) {
        return Ok(());
    }
    if has_children && !call.switch("Recurse") {
        interp.out.push_str(&format!(
            "\nConfirm\nThe item at {typed} has children and the Recurse parameter was not specified. If you continue, all children will be removed with the item. Are you sure you want to continue?\n[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is \"Y\"): Y\n(wusim: the practice shell answers PowerShell's confirmations with their default, Yes.)\n"
        ));
    }
    let k = key.to_string();
    interp.ctx.pc.act(move |w| w.registry.delete_key(&k));
    Ok(())
}
