//! `Get-Service` as objects: each service a `ServiceController` with its properties
//! (`Name`, `DisplayName`, `Status`, `StartType`, `DependentServices`...), read from the
//! SCM at the moment of the call — a variable holding one keeps that moment's `Status`
//! until `$s.Refresh()`, as in PowerShell. The controlling cmdlets (`Start-Service`...)
//! are in [`super::legacy`].

use super::{Spec, aka, s, spec, v};
use crate::assess::Fact;
use crate::pc::Pc;
use crate::scm::{ServiceId, ServiceKind, ServiceState, StartType, dependency_graph};
use crate::shell::names;
use crate::shell::powershell::eval::{ErrorAction, Interp, R};
use crate::shell::powershell::invoke::Call;
use crate::shell::powershell::value::{Obj, Value, props};

/// The cmdlets of this family.
pub(crate) const SPECS: &[Spec] = &[spec(
    "Get-Service",
    &[
        aka("Name", &["ServiceName"], Some(0)),
        v("DisplayName", None),
        s("DependentServices"),
        aka("RequiredServices", &["SDO", "ServicesDependedOn"], None),
        v("Include", None),
        v("Exclude", None),
        aka("ComputerName", &["Cn"], None),
        v("InputObject", None),
    ],
    get_service,
    false,
)];

/// PowerShell 5.1's `StartType` name (a delayed-automatic service shows `Automatic`).
pub(crate) fn start_type_name(t: StartType) -> &'static str {
    match t {
        StartType::Automatic | StartType::AutomaticDelayed => "Automatic",
        StartType::Manual | StartType::ManualTrigger => "Manual",
        StartType::Disabled => "Disabled",
    }
}

fn names_of(set: crate::scm::ServiceSet) -> Value {
    let mut ids: Vec<ServiceId> = set.iter().collect();
    ids.sort_by_key(|id| id.name().to_ascii_lowercase());
    Value::Array(ids.into_iter().map(|id| Value::str(id.name())).collect())
}

/// A `ServiceController` for `id`, as the SCM reports it now.
pub(crate) fn service_object(pc: &Pc, id: ServiceId) -> Value {
    named_service_object(pc, id, id.name())
}

/// A `ServiceController` opened by `name` (as typed: `Get-Service bits` shows `bits`).
pub(crate) fn named_service_object(pc: &Pc, id: ServiceId, name: &str) -> Value {
    let status = pc.scm().status(id);
    let running = status.state == ServiceState::Running;
    let graph = dependency_graph();
    let kind = match id.spec().kind {
        ServiceKind::OwnProcess => "Win32OwnProcess",
        ServiceKind::ShareProcess => "Win32ShareProcess",
    };
    Value::object(Obj {
        text: Some("System.ServiceProcess.ServiceController".to_string()),
        ..Obj::new(
            "System.ServiceProcess.ServiceController",
            props([
                ("Name", Value::str(name)),
                ("RequiredServices", names_of(graph.dependencies(id))),
                ("CanPauseAndContinue", Value::Bool(false)),
                ("CanShutdown", Value::Bool(running)),
                ("CanStop", Value::Bool(running && id.spec().stoppable)),
                ("DisplayName", Value::str(id.display_name())),
                ("DependentServices", names_of(graph.dependents(id))),
                ("MachineName", Value::str(".")),
                ("ServiceName", Value::str(name)),
                ("ServicesDependedOn", names_of(graph.dependencies(id))),
                ("ServiceHandle", Value::Null),
                ("Status", Value::str(status.state.powershell())),
                ("ServiceType", Value::str(kind)),
                ("StartType", Value::str(start_type_name(status.start_type))),
                ("Site", Value::Null),
                ("Container", Value::Null),
            ]),
        )
    })
}

fn get_service(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    if let Some(computer) = call.text("ComputerName")
        && !matches!(computer.to_ascii_lowercase().as_str(), "." | "localhost")
        && !computer.eq_ignore_ascii_case(interp.ctx.pc.device().name.as_str())
    {
        interp.ctx.unrecognized = true;
        interp.out.push_str(&format!(
            "(wusim: -ComputerName reaches other computers; the practice shell has only this one PC, so '{computer}' is not simulated.)\n"
        ));
        return Ok(Vec::new());
    }
    let mut wanted = call.texts("Name");
    if wanted.is_empty()
        && let Some(input) = &call.input
    {
        wanted = input
            .iter()
            .map(|i| match i {
                Value::Object(o) => o.get("Name").map(Value::to_text).unwrap_or_default(),
                other => other.to_text(),
            })
            .collect();
    }
    let displays = call.texts("DisplayName");
    let mut found: Vec<ServiceId> = Vec::new();
    let mut typed: Vec<(ServiceId, String)> = Vec::new();
    let add = |found: &mut Vec<ServiceId>, id: ServiceId| {
        if !found.contains(&id) {
            found.push(id);
        }
    };
    if wanted.is_empty() && displays.is_empty() {
        for id in names::sorted_by_name() {
            add(&mut found, id);
        }
    }
    for name in &wanted {
        if names::has_wildcard(name) {
            for id in names::sorted_by_name() {
                if names::wildcard_match(name, id.name()) {
                    add(&mut found, id);
                }
            }
        } else if let Some(id) = names::by_any_name(name) {
            add(&mut found, id);
            if id.name().eq_ignore_ascii_case(name) {
                typed.push((id, name.clone()));
            }
        } else {
            let err = call.error(
                interp,
                format!("Cannot find any service with service name '{name}'."),
                format!("ObjectNotFound: ({name}:String) [Get-Service], ServiceCommandException"),
                "NoServiceFoundForGivenName",
            );
            interp.write_error(err)?;
            if interp.current_error_action() == ErrorAction::Continue {
                interp.out.push_str(&names::did_you_mean_line(name));
            }
        }
    }
    for display in &displays {
        let before = found.len();
        for id in names::sorted_by_display_name() {
            if names::wildcard_match(display, id.display_name()) {
                add(&mut found, id);
            }
        }
        if found.len() == before && !names::has_wildcard(display) {
            let err = call.error(
                interp,
                format!("Cannot find any service with display name '{display}'."),
                format!(
                    "ObjectNotFound: ({display}:String) [Get-Service], ServiceCommandException"
                ),
                "NoServiceFoundForGivenDisplayName",
            );
            interp.write_error(err)?;
        }
    }
    if let Some(exclude) = call.value("Exclude") {
        let patterns: Vec<String> = exclude
            .clone()
            .into_items()
            .iter()
            .map(Value::to_text)
            .collect();
        found.retain(|id| !patterns.iter().any(|p| names::wildcard_match(p, id.name())));
    }
    if let Some(include) = call.value("Include") {
        let patterns: Vec<String> = include
            .clone()
            .into_items()
            .iter()
            .map(Value::to_text)
            .collect();
        found.retain(|id| patterns.iter().any(|p| names::wildcard_match(p, id.name())));
    }
    let graph = dependency_graph();
    let related = |found: &[ServiceId], dependents: bool| {
        let mut ids: Vec<ServiceId> = Vec::new();
        for id in found {
            let set = if dependents {
                graph.dependents(*id)
            } else {
                graph.dependencies(*id)
            };
            for r in set.iter() {
                if !ids.contains(&r) {
                    ids.push(r);
                }
            }
        }
        ids.sort_by_key(|id| id.name().to_ascii_lowercase());
        ids
    };
    if call.switch("DependentServices") {
        found = related(&found, true);
    } else if call.switch("RequiredServices") {
        found = related(&found, false);
    }
    // The default view shows each service's status; its start type shows where the line
    // asks for it.
    let start_type = shows_property(&call.at.line_text, "StartType");
    for &id in &found {
        interp.ctx.saw(Fact::Service(id));
        if start_type {
            interp.ctx.saw(Fact::StartType(id));
        }
    }
    Ok(found
        .into_iter()
        .map(|id| {
            let name = typed
                .iter()
                .find(|(t, _)| *t == id)
                .map_or(id.name(), |(_, n)| n.as_str());
            named_service_object(interp.ctx.pc, id, name)
        })
        .collect())
}

/// True when a line shows objects' `property`, beyond their default view: it names the
/// property (`Select-Object Name,StartType`, `$s.StartType`, `Where-Object StartType ...`),
/// lists every property (`Format-List`, `fl *`) or selects them all (`Select-Object *`,
/// `Format-Table -Property *`).
pub(crate) fn shows_property(line: &str, property: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    if lower.contains(&property.to_ascii_lowercase()) {
        return true;
    }
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || "|;(){}".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, w)| {
        let all =
            |rest: &[&str]| matches!(rest, ["*", ..] | ["-property" | "-p" | "-prop", "*", ..]);
        match *w {
            "format-list" | "fl" => true,
            "select-object" | "select" | "format-table" | "ft" => all(&words[i + 1..]),
            _ => false,
        }
    })
}
