//! The service commands of cmd: `sc`, `net start` / `net stop` and `taskkill`, and the
//! waiting they share with the Services console and PowerShell.
//!
//! `sc` returns as soon as the SCM has taken the request (a start shows START_PENDING);
//! `net` and the console wait, in half-second steps of simulated time, until the service has
//! finished starting or stopping, for at most a minute. `net stop` of a service that others
//! depend on asks first, as Windows does, and stops the dependents one at a time.

use super::command::{ConfigHint, Net, Sc, StateFilter, Taskkill};
use super::render::{self, BlockStyle};
use super::{Harm, Question, Reply, names};
use crate::engine::SimDuration;
use crate::pc::Pc;
use crate::scm::{ServiceId, ServiceState, StartType};
use crate::win32::Win32Error;

/// One step of waiting for a service.
const STEP: SimDuration = SimDuration::from_millis(500);
/// How long `net` and the console wait for a start or a stop.
pub(crate) const NET_LIMIT: SimDuration = SimDuration::from_secs(60);

/// Lets time pass while `id` is starting or stopping, for at most `limit`; returns how long.
pub(crate) fn wait_while_pending(pc: &mut Pc, id: ServiceId, limit: SimDuration) -> SimDuration {
    let mut waited = SimDuration::ZERO;
    while pc.scm().state(id).is_pending() && waited < limit {
        pc.run_for(STEP);
        waited = waited + STEP;
    }
    waited
}

/// The running services that depend on `id`, in the order to stop them (a service before
/// the ones it depends on).
pub(crate) fn stop_order(pc: &Pc, id: ServiceId) -> Vec<ServiceId> {
    let mut remaining: Vec<ServiceId> = pc.scm().active_dependents(id).iter().collect();
    let mut order = Vec::new();
    while !remaining.is_empty() {
        let next = remaining.iter().position(|&d| {
            let above = pc.scm().active_dependents(d);
            !remaining.iter().any(|&r| above.contains(r))
        });
        order.push(remaining.remove(next.unwrap_or(0)));
    }
    order
}

// ----- sc -----------------------------------------------------------------------------

/// `sc ...`.
pub(crate) fn sc(pc: &mut Pc, sc: Sc) -> Reply {
    match sc {
        Sc::Query {
            name: None,
            ex,
            state,
        } => sc_list(pc, ex, state),
        Sc::Query {
            name: Some(name),
            ex,
            ..
        } => match names::by_service_name(&name) {
            Some(id) => {
                let mut out = String::from("\n");
                render::sc_status(
                    &mut out,
                    &name,
                    id,
                    pc.scm().status(id),
                    style(pc, false, ex),
                );
                out.push('\n');
                Reply::ok(out)
            }
            None => {
                let mut reply = no_such_service("EnumQueryServicesStatus:OpenService", &name);
                if name.contains('=') {
                    reply
                        .text
                        .push_str("(wusim: sc needs a space after the '=', as in 'state= all'.)\n");
                }
                reply
            }
        },
        Sc::Qc(name) => match names::by_service_name(&name) {
            Some(id) => Reply::ok(render::sc_qc(&name, id, pc.scm().status(id))),
            None => no_such_service("OpenService", &name),
        },
        Sc::Start(name) => sc_start(pc, &name),
        Sc::Stop(name) => sc_stop(pc, &name),
        Sc::Config { name, start } => sc_config(pc, &name, start),
        Sc::ConfigUsage(hint) => {
            let mut text = render::SC_CONFIG_USAGE.to_string();
            text.push_str(match hint {
                ConfigHint::None => "",
                ConfigHint::MissingSpace => {
                    "(wusim: put a space after the '=', as in 'sc config wuauserv start= demand'.)\n"
                }
                ConfigHint::OnlyStart => {
                    "(wusim: the practice shell simulates only the start= option of sc config.)\n"
                }
            });
            Reply::new(text, 1639)
        }
        Sc::Usage(sub) => {
            let text = match sub {
                Some(_) => format!("ERROR:  Unrecognized command\n\n{}", render::SC_USAGE),
                None => render::SC_USAGE.to_string(),
            };
            Reply::new(text, if sub.is_some() { 1639 } else { 0 })
        }
    }
}

fn style(pc: &Pc, listing: bool, extended: bool) -> BlockStyle {
    BlockStyle {
        listing,
        extended,
        splits_svchost: pc.device().splits_svchost(),
    }
}

fn no_such_service(operation: &str, name: &str) -> Reply {
    let mut text = render::sc_failed(operation, Win32Error::SERVICE_DOES_NOT_EXIST);
    text.push_str(&names::did_you_mean_line(name));
    Reply::new(text, 1060)
}

fn sc_list(pc: &Pc, ex: bool, filter: StateFilter) -> Reply {
    let mut out = String::new();
    for id in names::sorted_by_name() {
        let stopped = pc.scm().state(id) == ServiceState::Stopped;
        let shown = match filter {
            StateFilter::Active => !stopped,
            StateFilter::Inactive => stopped,
            StateFilter::All => true,
        };
        if shown {
            out.push('\n');
            render::sc_status(
                &mut out,
                id.name(),
                id,
                pc.scm().status(id),
                style(pc, true, ex),
            );
        }
    }
    out.push('\n');
    Reply::ok(out)
}

fn sc_start(pc: &mut Pc, name: &str) -> Reply {
    sc_control(
        pc,
        name,
        "StartService: OpenService",
        "StartService",
        true,
        |pc, id| pc.start_service(id),
    )
}

fn sc_stop(pc: &mut Pc, name: &str) -> Reply {
    sc_control(
        pc,
        name,
        "OpenService",
        "ControlService",
        false,
        |pc, id| pc.stop_service(id, false),
    )
}

/// `sc start` / `sc stop`: send the control, then print the status block as it is now (Start
/// Pending or Stop Pending), or sc's failure message.
fn sc_control(
    pc: &mut Pc,
    name: &str,
    open_prefix: &str,
    failed_prefix: &str,
    starting: bool,
    control: impl FnOnce(&mut Pc, ServiceId) -> Result<(), Win32Error>,
) -> Reply {
    let Some(id) = names::by_service_name(name) else {
        return no_such_service(open_prefix, name);
    };
    match control(pc, id) {
        Ok(()) => {
            let mut out = String::from("\n");
            render::sc_status(
                &mut out,
                name,
                id,
                pc.scm().status(id),
                style(pc, false, starting),
            );
            out.push('\n');
            Reply::ok(out)
        }
        Err(error) => Reply::new(render::sc_failed(failed_prefix, error), error.0 as i32),
    }
}

fn sc_config(pc: &mut Pc, name: &str, start: Option<StartType>) -> Reply {
    let Some(id) = names::by_service_name(name) else {
        return no_such_service("OpenService", name);
    };
    let result = match start {
        Some(start) => pc.set_start_type(id, start),
        None => Err(Win32Error(87)),
    };
    match result {
        Ok(()) => {
            Reply::ok("[SC] ChangeServiceConfig SUCCESS\n\n").with_harm(disabling_harm(id, start))
        }
        Err(error) => Reply::new(
            render::sc_failed("ChangeServiceConfig", error),
            error.0 as i32,
        ),
    }
}

/// Setting a service to Disabled is harmful unless Disabled is its default.
pub(crate) fn disabling_harm(id: ServiceId, start: Option<StartType>) -> Option<Harm> {
    (start == Some(StartType::Disabled) && id.spec().default_start != StartType::Disabled)
        .then_some(Harm::DisabledService(id))
}

// ----- net ----------------------------------------------------------------------------

/// `net ...`.
pub(crate) fn net(pc: &mut Pc, net: Net, question: &mut Option<Question>) -> Reply {
    match net {
        Net::List => {
            let mut out = String::from("These Windows services are started:\n\n");
            for id in names::sorted_by_display_name() {
                if pc.scm().state(id) != ServiceState::Stopped {
                    out.push_str(&format!("   {}\n", id.display_name()));
                }
            }
            out.push_str("\nThe command completed successfully.\n\n");
            Reply::ok(out)
        }
        Net::Start(name) => match names::by_any_name(&name) {
            Some(id) => net_start(pc, id),
            None => invalid_name(&name),
        },
        Net::Stop { name, yes } => match names::by_any_name(&name) {
            Some(id) => net_stop(pc, id, yes, question),
            None => invalid_name(&name),
        },
        Net::StopSyntax => Reply::new(render::NET_STOP_SYNTAX, 1),
        Net::HelpMsg(number) => net_helpmsg(number.as_deref()),
        Net::Syntax => Reply::new(render::NET_SYNTAX, 1),
    }
}

fn invalid_name(name: &str) -> Reply {
    let mut text = render::net_helpmsg("The service name is invalid.", 2185);
    text.push_str(&names::did_you_mean_line(name));
    Reply::new(text, 2)
}

/// The LAN Manager messages `net` refers to, by HELPMSG number.
const NET_MESSAGES: &[(u32, &str)] = &[
    (2182, "The requested service has already been started."),
    (2185, "The service name is invalid."),
    (
        2186,
        "The service is not responding to the control function.",
    ),
    (
        2191,
        "The requested pause, continue, or stop is not valid for this service.",
    ),
    (3521, "The *** service is not started."),
    (3534, "The service did not report an error."),
];

fn net_helpmsg(number: Option<&str>) -> Reply {
    let Some(n) = number.and_then(|n| n.trim().parse::<u32>().ok()) else {
        return Reply::new(
            "The syntax of this command is:\n\nNET HELPMSG\nmessage#\n\n",
            1,
        );
    };
    let message = NET_MESSAGES
        .iter()
        .find(|(k, _)| *k == n)
        .map(|(_, m)| *m)
        .or_else(|| {
            crate::win32::HResult(crate::codes::hresult_from_win32(n))
                .info()
                .map(|i| i.message)
        });
    match message {
        Some(message) => Reply::ok(format!("\n{message}\n\n")),
        None => Reply::new(
            format!("{n} is not a valid Windows network message number.\n\n"),
            2,
        ),
    }
}

/// `The X service is starting....`: one dot, and one more for every two seconds waited.
fn progress_line(id: ServiceId, verb: &str, waited: SimDuration) -> String {
    let dots = 1 + waited.as_millis().saturating_sub(1) / 2_000;
    format!(
        "The {} service is {verb}{}\n",
        id.display_name(),
        ".".repeat(dots as usize)
    )
}

fn net_start(pc: &mut Pc, id: ServiceId) -> Reply {
    let display = id.display_name();
    match pc.start_service(id) {
        Ok(()) => {}
        Err(Win32Error::SERVICE_ALREADY_RUNNING) => {
            return Reply::new(
                render::net_helpmsg("The requested service has already been started.", 2182),
                2,
            );
        }
        Err(Win32Error::SERVICE_CANNOT_ACCEPT_CTRL) => return busy(),
        Err(error) => return Reply::new(render::net_system_error(error), 2),
    }
    let waited = wait_while_pending(pc, id, NET_LIMIT);
    let mut out = progress_line(id, "starting", waited);
    let status = *pc.scm().status(id);
    if status.state == ServiceState::Running {
        out.push_str(&format!(
            "The {display} service was started successfully.\n\n"
        ));
        return Reply::ok(out);
    }
    out.push_str(&format!("The {display} service could not be started.\n\n"));
    match status.exit_code {
        _ if status.state.is_pending() => {
            out.push_str(&render::net_helpmsg(
                "The service is not responding to the control function.",
                2186,
            ));
        }
        Win32Error::SERVICE_REQUEST_TIMEOUT => out.push_str(&render::net_helpmsg(
            "The service is not responding to the control function.",
            2186,
        )),
        Win32Error(0) => out.push_str(&render::net_helpmsg(
            "The service did not report an error.",
            3534,
        )),
        error => {
            out.push_str("A system error has occurred.\n\n");
            out.push_str(&render::net_system_error(error));
        }
    }
    Reply::new(out, 2)
}

fn busy() -> Reply {
    Reply::new(
        "The service is starting or stopping. Please try again later.\n\n",
        2,
    )
}

fn net_stop(pc: &mut Pc, id: ServiceId, yes: bool, question: &mut Option<Question>) -> Reply {
    match pc.scm().state(id) {
        ServiceState::Stopped => {
            let message = format!("The {} service is not started.", id.display_name());
            return Reply::new(render::net_helpmsg(&message, 3521), 2);
        }
        ServiceState::StartPending | ServiceState::StopPending => return busy(),
        ServiceState::Running => {}
    }
    if !id.spec().stoppable {
        return Reply::new(
            render::net_helpmsg(
                "The requested pause, continue, or stop is not valid for this service.",
                2191,
            ),
            2,
        );
    }
    let dependents = stop_order(pc, id);
    if dependents.is_empty() {
        return stop_one(pc, id);
    }
    let display = id.display_name();
    let mut out = format!(
        "The following services are dependent on the {display} service.\nStopping the {display} service will also stop these services.\n\n"
    );
    for d in &dependents {
        out.push_str(&format!("   {}\n", d.display_name()));
    }
    out.push('\n');
    if yes {
        let rest = net_stop_answer(pc, id, true);
        out.push_str(&rest.text);
        return Reply::new(out, rest.exit_code);
    }
    out.push_str("Do you want to continue this operation? (Y/N) [N]: ");
    *question = Some(Question::NetStop(id));
    Reply::ok(out)
}

/// The answer to `net stop`'s question: on yes, stop the dependents one by one, then the
/// service; on anything else, nothing.
pub(crate) fn net_stop_answer(pc: &mut Pc, id: ServiceId, yes: bool) -> Reply {
    if !yes {
        return Reply::new("", 2);
    }
    let mut out = String::new();
    let mut failed = false;
    for d in stop_order(pc, id) {
        let reply = stop_one(pc, d);
        failed |= reply.exit_code != 0;
        out.push_str(&reply.text);
    }
    let reply = stop_one(pc, id);
    failed |= reply.exit_code != 0;
    out.push_str(&reply.text);
    Reply::new(out, if failed { 2 } else { 0 })
}

/// `net stop` of one service whose dependents are stopped.
fn stop_one(pc: &mut Pc, id: ServiceId) -> Reply {
    let display = id.display_name();
    match pc.stop_service(id, false) {
        Ok(()) => {}
        Err(Win32Error::SERVICE_NOT_ACTIVE) => {
            let message = format!("The {display} service is not started.");
            return Reply::new(render::net_helpmsg(&message, 3521), 2);
        }
        Err(Win32Error::SERVICE_CANNOT_ACCEPT_CTRL) => return busy(),
        Err(Win32Error::INVALID_SERVICE_CONTROL) => {
            return Reply::new(
                render::net_helpmsg(
                    "The requested pause, continue, or stop is not valid for this service.",
                    2191,
                ),
                2,
            );
        }
        Err(error) => return Reply::new(render::net_system_error(error), 2),
    }
    let waited = wait_while_pending(pc, id, NET_LIMIT);
    let mut out = progress_line(id, "stopping", waited);
    if pc.scm().state(id) == ServiceState::Stopped {
        out.push_str(&format!(
            "The {display} service was stopped successfully.\n\n"
        ));
        Reply::ok(out)
    } else {
        out.push_str(&format!("The {display} service could not be stopped.\n\n"));
        Reply::new(out, 2)
    }
}

// ----- taskkill -----------------------------------------------------------------------

/// `taskkill /f /pid <PID>`: ends a service's process (what a technician does to a hung
/// service, after `sc queryex` gave its PID).
pub(crate) fn taskkill(pc: &mut Pc, args: &Taskkill) -> Reply {
    let pid = args
        .pid
        .as_deref()
        .and_then(|p| p.trim().parse::<u32>().ok());
    let Some(pid) = pid.filter(|_| !args.by_image) else {
        return Reply::new(
            "ERROR: Invalid syntax.\n(wusim: the practice shell simulates 'taskkill /f /pid <PID>'; 'sc queryex <service>' shows the PID.)\n",
            1,
        );
    };
    let target = ServiceId::all().find(|&id| pid != 0 && pc.scm().status(id).pid == pid);
    match target {
        None => Reply::new(format!("ERROR: The process \"{pid}\" not found.\n"), 128),
        Some(_) if !args.force => Reply::new(
            format!(
                "ERROR: The process with PID {pid} could not be terminated.\nReason: This process can only be terminated forcefully (with /F option).\n"
            ),
            1,
        ),
        Some(id) => {
            pc.crash_service(id);
            Reply::ok(format!(
                "SUCCESS: The process with PID {pid} has been terminated.\n"
            ))
        }
    }
}
