//! PowerShell cmdlets: `Get-Service`, `Start-Service`, `Stop-Service`, `Restart-Service`,
//! `Set-Service`, and the dispatch to the others (`logs` and `items` hold them).
//!
//! The service cmdlets wait like `net` does, in half-second steps of simulated time, and
//! print `WARNING: Waiting for service '<Display> (<name>)' to start...` once for every two
//! seconds a start or stop keeps them waiting, as Windows PowerShell 5.1 does. Failures are
//! PowerShell error blocks with the cmdlet's own error ids; `%ERRORLEVEL%` is 1 after one.

use super::cmdlet::{BindError, Bound, Cmdlet, CmdletKind};
use super::{items, logs};
use crate::assess::Fact;
use crate::engine::SimDuration;
use crate::pc::Pc;
use crate::scm::{ServiceId, ServiceState, StartType, dependency_graph};
use crate::shell::Question;
use crate::shell::commands;
use crate::shell::context::Reply;
use crate::shell::names;
use crate::shell::render::{self, PsError, ServiceRow};
use crate::shell::tools::sc::disabling_harm;
use crate::shell::tools::shutdown::{reboot, rebooted_note};
use crate::shell::tools::{NET_LIMIT, wait_while_pending};
use crate::win32::Win32Error;

/// A cmdlet's output as it builds up: text, and whether an error was written.
struct Output<'a> {
    cmdlet: &'a Cmdlet,
    text: String,
    failed: bool,
}

impl<'a> Output<'a> {
    fn new(cmdlet: &'a Cmdlet) -> Self {
        Output {
            cmdlet,
            text: String::new(),
            failed: false,
        }
    }

    /// Writes an error block.
    fn error(&mut self, message: String, category: String, id: &str) {
        let kind = self.cmdlet.kind;
        self.text.push_str(
            &PsError {
                source: kind.name(),
                message,
                statement: &self.cmdlet.statement,
                underline: self.cmdlet.statement.chars().count(),
                category,
                error_id: format!("{id},{}", kind.error_source()),
            }
            .render(),
        );
        self.failed = true;
    }

    /// `Cannot find any service with service name 'x'.`, and a "did you mean" line.
    fn not_found(&mut self, name: &str, display: bool) {
        let (what, id) = if display {
            ("display name", "NoServiceFoundForGivenDisplayName")
        } else {
            ("service name", "NoServiceFoundForGivenName")
        };
        let category = format!(
            "ObjectNotFound: ({name}:String) [{}], ServiceCommandException",
            self.cmdlet.kind.name()
        );
        self.error(
            format!("Cannot find any service with {what} '{name}'."),
            category,
            id,
        );
        self.text.push_str(&names::did_you_mean_line(name));
    }

    /// An error about one service, with PowerShell's ServiceController category.
    fn service_error(&mut self, message: String, category: &str, id: &str) {
        let category = format!(
            "{category}: (System.ServiceProcess.ServiceController:ServiceController) [{}], ServiceCommandException",
            self.cmdlet.kind.name()
        );
        self.error(message, category, id);
    }

    fn reply(self) -> Reply {
        Reply::new(self.text, i32::from(self.failed))
    }
}

/// A service a cmdlet acts on, with the name to show for it (as typed, when typed).
#[derive(Clone, Debug)]
struct Target {
    id: ServiceId,
    name: String,
}

impl Target {
    /// `Windows Update (wuauserv)`, as PowerShell names a service in its messages.
    fn label(&self) -> String {
        format!("{} ({})", self.id.display_name(), self.name)
    }
}

/// Runs a cmdlet; what it shows goes into `facts`.
pub(crate) fn run(
    pc: &mut Pc,
    cmdlet: &Cmdlet,
    question: &mut Option<Question>,
    facts: &mut Vec<Fact>,
) -> Reply {
    let bound = match &cmdlet.args {
        Ok(bound) => bound,
        Err(error) => return bind_error(cmdlet, error),
    };
    let statement = cmdlet.statement.as_str();
    match cmdlet.kind {
        CmdletKind::GetService => get_service(pc, cmdlet, bound),
        CmdletKind::StartService | CmdletKind::StopService | CmdletKind::RestartService => {
            control(pc, cmdlet, bound)
        }
        CmdletKind::SetService => set_service(pc, cmdlet, bound),
        CmdletKind::GetHotFix => logs::get_hotfix(pc, cmdlet, bound, facts),
        CmdletKind::GetWinEvent => logs::get_winevent(pc, cmdlet, bound, facts),
        CmdletKind::GetWindowsUpdateLog => logs::get_windows_update_log(pc, bound, facts),
        CmdletKind::RestartComputer => {
            let harm = reboot(pc);
            Reply::ok(rebooted_note(pc)).with_harm(harm)
        }
        CmdletKind::RenameItem => match (bound.value("Path"), bound.value("NewName")) {
            (Some(path), Some(new_name)) => items::rename_item(pc, path, new_name, statement),
            (None, _) => missing_mandatory(cmdlet, "Path"),
            (_, None) => missing_mandatory(cmdlet, "NewName"),
        },
        CmdletKind::RemoveItem => match bound.value("Path") {
            Some(path) => {
                items::remove_item(pc, path, bound.switch("Recurse"), statement, question)
            }
            None => missing_mandatory(cmdlet, "Path"),
        },
        CmdletKind::GetHelp => commands::help(bound.value("Name")),
    }
}

fn bind_error(cmdlet: &Cmdlet, error: &BindError) -> Reply {
    let mut out = Output::new(cmdlet);
    let category = format!(
        "InvalidArgument: (:) [{}], ParameterBindingException",
        cmdlet.kind.name()
    );
    out.error(error.message(), category, error.id());
    out.reply()
}

/// PowerShell would prompt for the value; the shell reports it missing instead.
pub(crate) fn missing_mandatory(cmdlet: &Cmdlet, param: &str) -> Reply {
    let mut out = Output::new(cmdlet);
    let category = format!(
        "InvalidArgument: (:) [{}], ParameterBindingException",
        cmdlet.kind.name()
    );
    out.error(
        format!(
            "Cannot process command because of one or more missing mandatory parameters: {param}."
        ),
        category,
        "MissingMandatoryParameter",
    );
    out.reply()
}

/// The services named by `-Name` and `-DisplayName` (wildcards allowed), writing a
/// not-found error for each exact name that matches nothing.
fn targets(out: &mut Output<'_>, bound: &Bound, all_if_none: bool) -> Vec<Target> {
    let names_given = bound.list("Name");
    let displays = bound.list("DisplayName");
    let mut found: Vec<Target> = Vec::new();
    let add = |found: &mut Vec<Target>, id: ServiceId, name: String| {
        if !found.iter().any(|t| t.id == id) {
            found.push(Target { id, name });
        }
    };
    if names_given.is_empty() && displays.is_empty() && all_if_none {
        for id in names::sorted_by_name() {
            add(&mut found, id, id.name().to_string());
        }
    }
    for name in &names_given {
        if names::has_wildcard(name) {
            for id in names::sorted_by_name() {
                if names::wildcard_match(name, id.name()) {
                    add(&mut found, id, id.name().to_string());
                }
            }
        } else if let Some(id) = names::by_any_name(name) {
            let shown = if id.name().eq_ignore_ascii_case(name) {
                name.clone()
            } else {
                id.name().to_string()
            };
            add(&mut found, id, shown);
        } else {
            out.not_found(name, false);
        }
    }
    for display in &displays {
        let mut any = false;
        for id in names::sorted_by_display_name() {
            if names::wildcard_match(display, id.display_name()) {
                add(&mut found, id, id.name().to_string());
                any = true;
            }
        }
        if !any && !names::has_wildcard(display) {
            out.not_found(display, true);
        }
    }
    found
}

fn rows(pc: &Pc, targets: &[Target]) -> Vec<ServiceRow> {
    targets
        .iter()
        .map(|t| ServiceRow {
            status: pc.scm().state(t.id).powershell(),
            name: t.name.clone(),
            display_name: t.id.display_name(),
        })
        .collect()
}

fn get_service(pc: &Pc, cmdlet: &Cmdlet, bound: &Bound) -> Reply {
    let mut out = Output::new(cmdlet);
    let mut found = targets(&mut out, bound, true);
    let related = |found: &[Target], of: fn(ServiceId) -> crate::scm::ServiceSet| {
        let mut ids: Vec<ServiceId> = Vec::new();
        for t in found {
            for id in of(t.id).iter() {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids.sort_by_key(|id| id.name().to_ascii_lowercase());
        ids.into_iter()
            .map(|id| Target {
                id,
                name: id.name().to_string(),
            })
            .collect::<Vec<_>>()
    };
    if bound.switch("DependentServices") {
        found = related(&found, |id| dependency_graph().dependents(id));
    } else if bound.switch("RequiredServices") {
        found = related(&found, |id| dependency_graph().dependencies(id));
    }
    // Errors for names that match nothing come first, then the table (a simplification:
    // PowerShell interleaves them as they are produced).
    out.text.push_str(&render::service_table(&rows(pc, &found)));
    out.reply()
}

fn control(pc: &mut Pc, cmdlet: &Cmdlet, bound: &Bound) -> Reply {
    if bound.value("Name").is_none() && bound.value("DisplayName").is_none() {
        return missing_mandatory(cmdlet, "Name");
    }
    let mut out = Output::new(cmdlet);
    let found = targets(&mut out, bound, false);
    let force = bound.switch("Force");
    for target in &found {
        match cmdlet.kind {
            CmdletKind::StartService => {
                start(pc, &mut out, target);
            }
            CmdletKind::StopService => {
                stop(pc, &mut out, target, force);
            }
            _ => {
                if stop(pc, &mut out, target, force) {
                    start(pc, &mut out, target);
                }
            }
        }
    }
    if bound.switch("PassThru") {
        out.text.push_str(&render::service_table(&rows(pc, &found)));
    }
    out.reply()
}

/// `WARNING: Waiting for service '...' to start...` lines for the time waited: one per
/// two seconds of waiting (none for a quick start).
fn warnings(out: &mut Output<'_>, target: &Target, verb: &str, waited: SimDuration) {
    let count = waited.as_millis().saturating_sub(1) / 2_000;
    for _ in 0..count {
        out.text.push_str(&format!(
            "WARNING: Waiting for service '{}' to {verb}...\n",
            target.label()
        ));
    }
}

/// Starts a service and waits for it; true when it runs.
fn start(pc: &mut Pc, out: &mut Output<'_>, target: &Target) -> bool {
    let id = target.id;
    if pc.scm().state(id) == ServiceState::Running {
        return true;
    }
    if let Err(error) = pc.start_service(id)
        && error != Win32Error::SERVICE_ALREADY_RUNNING
    {
        out.service_error(
            format!(
                "Service '{}' cannot be started due to the following error: Cannot start service {} on computer '.'.",
                target.label(),
                target.name
            ),
            "OpenError",
            "CouldNotStartService",
        );
        return false;
    }
    let waited = wait_while_pending(pc, id, NET_LIMIT);
    warnings(out, target, "start", waited);
    if pc.scm().state(id) == ServiceState::Running {
        return true;
    }
    out.service_error(
        format!("Failed to start service '{}'.", target.label()),
        "OpenError",
        "StartServiceFailed",
    );
    false
}

/// Stops a service (with its dependents when `force`) and waits; true when it is stopped.
fn stop(pc: &mut Pc, out: &mut Output<'_>, target: &Target, force: bool) -> bool {
    let id = target.id;
    if pc.scm().state(id) == ServiceState::Stopped {
        return true;
    }
    if !force && !pc.scm().stop_order(id).is_empty() {
        out.service_error(
            format!(
                "Cannot stop service '{}' because it has dependent services. It can only be stopped if the Force flag is set.",
                target.label()
            ),
            "InvalidOperation",
            "ServiceHasDependentServices",
        );
        return false;
    }
    if pc.stop_service(id, force).is_err() {
        out.service_error(
            format!(
                "Service '{}' cannot be stopped due to the following error: Cannot stop {} service on computer '.'.",
                target.label(),
                target.name
            ),
            "CloseError",
            "CouldNotStopService",
        );
        return false;
    }
    let waited = wait_while_pending(pc, id, NET_LIMIT);
    warnings(out, target, "stop", waited);
    if pc.scm().state(id) == ServiceState::Stopped {
        return true;
    }
    out.service_error(
        format!("Failed to stop service '{}'.", target.label()),
        "CloseError",
        "StopServiceFailed",
    );
    false
}

fn startup_type(text: &str) -> Option<Option<StartType>> {
    Some(match text.to_ascii_lowercase().as_str() {
        "automatic" => Some(StartType::Automatic),
        "manual" => Some(StartType::Manual),
        "disabled" => Some(StartType::Disabled),
        "boot" | "system" => None,
        _ => return None,
    })
}

fn set_service(pc: &mut Pc, cmdlet: &Cmdlet, bound: &Bound) -> Reply {
    let Some(name) = bound.value("Name") else {
        return missing_mandatory(cmdlet, "Name");
    };
    let mut out = Output::new(cmdlet);
    let startup = match bound.value("StartupType").map(|t| (t, startup_type(t))) {
        None => None,
        Some((_, Some(parsed))) => Some(parsed),
        Some((typed, None)) => {
            out.error(
                format!(
                    "Cannot bind parameter 'StartupType'. Cannot convert value \"{typed}\" to type \"System.ServiceProcess.ServiceStartMode\". Error: \"Unable to match the identifier name {typed} to a valid enumerator name. Specify one of the following enumerator names and try again:\nBoot, System, Automatic, Manual, Disabled\""
                ),
                "InvalidArgument: (:) [Set-Service], ParameterBindingException".to_string(),
                "CannotConvertArgumentNoMessage",
            );
            return out.reply();
        }
    };
    let Some(id) = names::by_any_name(name) else {
        out.not_found(name, false);
        return out.reply();
    };
    let target = Target {
        id,
        name: if id.name().eq_ignore_ascii_case(name) {
            name.to_string()
        } else {
            id.name().to_string()
        },
    };
    let mut harm = None;
    if let Some(start_type) = startup {
        let result = match start_type {
            Some(t) => pc.set_start_type(id, t),
            None => Err(Win32Error(87)),
        };
        match result {
            Ok(()) => harm = disabling_harm(id, start_type),
            Err(error) => {
                let category = if error == Win32Error::ACCESS_DENIED {
                    "PermissionDenied"
                } else {
                    "InvalidOperation"
                };
                let message = render::win32_message(error).trim_end_matches('.');
                out.service_error(
                    format!(
                        "Service '{}' cannot be configured due to the following error: {message}",
                        target.label()
                    ),
                    category,
                    "CouldNotSetService",
                );
            }
        }
    }
    match bound.value("Status").map(str::to_ascii_lowercase).as_deref() {
        None => {}
        Some("running") => {
            start(pc, &mut out, &target);
        }
        Some("stopped") => {
            stop(pc, &mut out, &target, false);
        }
        Some(other) => out.error(
            format!(
                "Cannot bind parameter 'Status'. Cannot convert value \"{other}\" to type \"System.ServiceProcess.ServiceControllerStatus\"."
            ),
            "InvalidArgument: (:) [Set-Service], ParameterBindingException".to_string(),
            "CannotConvertArgumentNoMessage",
        ),
    }
    if bound.switch("PassThru") {
        out.text.push_str(&render::service_table(&rows(
            pc,
            std::slice::from_ref(&target),
        )));
    }
    out.reply().with_harm(harm)
}
