//! `net`: the classic LAN Manager command — `net start` and `net stop` wait for a service to
//! finish starting or stopping (printing dots while they wait), `net stop` asks before it
//! stops the services that depend on one, `net helpmsg` explains a message number, and
//! `net session` answers the administrator check scripts use.

use super::{NET_LIMIT, wait_while_pending};
use crate::assess::Fact;
use crate::engine::SimDuration;
use crate::pc::Pc;
use crate::scm::{ServiceId, ServiceState};
use crate::shell::commands::{Command, Kind};
use crate::shell::context::{Args, Ctx, Reply, saw};
use crate::shell::{Question, names, render};
use crate::win32::Win32Error;

/// `net`'s entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["net", "net1"],
    kind: Kind::Program,
    usage: "net start|stop <service> [/y]",
    summary: "Start or stop a service and wait (net start alone: the started ones)",
    topic: crate::shell::commands::Topic::Services,
    help: HELP,
    changes_state: true,
    words: &["start", "stop", "helpmsg", "session"],
    run: Some(run),
}];

/// `net` subcommands.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Net {
    /// `net start`: the started services.
    List,
    /// `net start <service>`.
    Start(String),
    /// `net stop <service> [/y]`.
    Stop {
        /// The service as typed.
        name: String,
        /// `/y`: answer yes to the dependents question.
        yes: bool,
    },
    /// `net stop` without a service.
    StopSyntax,
    /// `net helpmsg <number>`.
    HelpMsg(Option<String>),
    /// `net session`: the sessions on this computer (none; an elevated console may ask).
    Session,
    /// `net` alone or with a subcommand it does not have.
    Syntax,
}

fn run(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    net(
        ctx.pc,
        parse(&args.words),
        &mut ctx.question,
        &mut ctx.facts,
    )
}

fn parse(args: &[String]) -> Net {
    let lower: Vec<String> = args.iter().map(|a| a.to_ascii_lowercase()).collect();
    let Some(sub) = lower.first() else {
        return Net::Syntax;
    };
    let yes = lower[1..].iter().any(|a| a == "/y" || a == "/yes");
    let name: Vec<&str> = args[1..]
        .iter()
        .filter(|a| !a.starts_with('/'))
        .map(String::as_str)
        .collect();
    let name = name.join(" ");
    match sub.as_str() {
        "start" if name.is_empty() => Net::List,
        "start" => Net::Start(name),
        "stop" if name.is_empty() => Net::StopSyntax,
        "stop" => Net::Stop { name, yes },
        "helpmsg" => Net::HelpMsg(args.get(1).cloned()),
        "session" | "sessions" | "sess" => Net::Session,
        _ => Net::Syntax,
    }
}

fn net(pc: &mut Pc, net: Net, question: &mut Option<Question>, facts: &mut Vec<Fact>) -> Reply {
    match net {
        Net::List => {
            let mut out = String::from("These Windows services are started:\n\n");
            for id in names::sorted_by_display_name() {
                // Listed or left out, each service's state shows.
                saw(facts, Fact::Service(id));
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
        Net::Session => Reply::ok("There are no entries in the list.\n\n"),
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
    let dependents = pc.scm().stop_order(id);
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
        let rest = stop_answer(pc, id, true);
        out.push_str(&rest.text);
        return Reply::new(out, rest.exit_code);
    }
    out.push_str("Do you want to continue this operation? (Y/N) [N]: ");
    *question = Some(Question::NetStop(id));
    Reply::ok(out)
}

/// The answer to `net stop`'s question: on yes, stop the dependents one by one, then the
/// service; on anything else, nothing.
pub(crate) fn stop_answer(pc: &mut Pc, id: ServiceId, yes: bool) -> Reply {
    if !yes {
        return Reply::new("", 2);
    }
    let mut out = String::new();
    let mut failed = false;
    for d in pc.scm().stop_order(id) {
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

const HELP: &str =
    "net start [<service>] | net stop <service> [/y] | net helpmsg <number> | net session
  In the simulation: starts or stops a service by service name or display name and waits
  until it has finished, printing dots while it waits. net start alone lists the started
  services. If other running services depend on the one to stop, net lists them and asks
  (Y/N); /y answers yes. net session answers as on an elevated console (scripts use it to
  check they run as administrator).
  On Windows: the classic LAN Manager command; its errors end with 'NET HELPMSG <n>'.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn net_lines_parse_as_a_table() {
        let w = |s: &str| crate::shell::context::words(s);
        let rows = [
            ("start", Net::List),
            (
                "start \"Windows Update\"",
                Net::Start("Windows Update".into()),
            ),
            (
                "stop bits /y",
                Net::Stop {
                    name: "bits".into(),
                    yes: true,
                },
            ),
            ("stop", Net::StopSyntax),
            ("helpmsg 2185", Net::HelpMsg(Some("2185".into()))),
            ("session", Net::Session),
            ("view", Net::Syntax),
        ];
        for (line, expected) in rows {
            assert_eq!(parse(&w(line)), expected, "{line}");
        }
    }
}
