//! The Services console (`services.msc`): its list of services, and its right-click menu
//! (Start, Stop, Restart), which waits like the console's progress dialog and greys out what
//! the console greys out.

use super::{NET_LIMIT, wait_while_pending};
use crate::assess::Fact;
use crate::pc::Pc;
use crate::scm::{ServiceId, ServiceState};
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply, saw};
use crate::shell::{Question, names, render};
use crate::win32::Win32Error;

/// The console's entry in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["services.msc"],
    kind: Kind::Program,
    usage: "services.msc [start|stop|restart \"<service>\"]",
    summary: "The Services console, or its right-click menu",
    topic: Topic::Services,
    help: HELP,
    changes_state: true,
    words: &["start", "stop", "restart"],
    run: Some(run),
}];

/// `services.msc` forms.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Msc {
    /// The console's list of services.
    Table,
    /// A right-click action on one service (display or service name).
    Act(MscAction, String),
    /// Anything else.
    Usage,
}

/// The Services console's right-click actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MscAction {
    /// Start.
    Start,
    /// Stop.
    Stop,
    /// Restart.
    Restart,
}

fn run(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    console(
        ctx.pc,
        parse(&args.words),
        &mut ctx.question,
        &mut ctx.facts,
    )
}

fn parse(args: &[String]) -> Msc {
    let action = match args.first().map(|a| a.to_ascii_lowercase()).as_deref() {
        None => return Msc::Table,
        Some("start") => MscAction::Start,
        Some("stop") => MscAction::Stop,
        Some("restart") => MscAction::Restart,
        Some(_) => return Msc::Usage,
    };
    let name = args[1..].join(" ");
    if name.is_empty() {
        Msc::Usage
    } else {
        Msc::Act(action, name)
    }
}

/// `services.msc [start|stop|restart <service>]`.
fn console(pc: &mut Pc, msc: Msc, question: &mut Option<Question>, facts: &mut Vec<Fact>) -> Reply {
    match msc {
        Msc::Table => Reply::ok(console_table(pc, facts)),
        Msc::Usage => Reply::new(
            "(wusim: type 'services.msc' to see the console, or 'services.msc start|stop|restart \"<service>\"' to use its right-click menu.)\n",
            1,
        ),
        Msc::Act(action, name) => {
            let Some(id) = names::by_any_name(&name) else {
                let mut text =
                    format!("(wusim: the Services console lists no service called '{name}'.)\n");
                text.push_str(&names::did_you_mean_line(&name));
                return Reply::new(text, 1);
            };
            console_action(pc, action, id, question)
        }
    }
}

fn console_table(pc: &Pc, facts: &mut Vec<Fact>) -> String {
    let rows: Vec<render::ConsoleRow> = names::sorted_by_display_name()
        .into_iter()
        .map(|id| {
            saw(facts, Fact::Service(id));
            saw(facts, Fact::StartType(id));
            let status = pc.scm().status(id);
            render::ConsoleRow {
                name: id.display_name(),
                description: id.spec().description,
                status: status.state.console_label(),
                startup: status.start_type.label(),
                log_on_as: id.spec().log_on_as(),
            }
        })
        .collect();
    render::console_table(&rows)
}

fn console_action(
    pc: &mut Pc,
    action: MscAction,
    id: ServiceId,
    question: &mut Option<Question>,
) -> Reply {
    let state = pc.scm().state(id);
    let refused = match action {
        MscAction::Start if state != ServiceState::Stopped => {
            Some("Start is not available: the service is not stopped.")
        }
        MscAction::Stop if state != ServiceState::Running => {
            Some("Stop is not available: the service is not running.")
        }
        MscAction::Restart if state != ServiceState::Running => {
            Some("Restart is not available: the service is not running. Use Start.")
        }
        MscAction::Stop | MscAction::Restart if !id.spec().stoppable => {
            Some("Stop and Restart are not available: this service cannot be stopped.")
        }
        _ => None,
    };
    if let Some(message) = refused {
        return Reply::new(format!("{message}\n"), 1);
    }
    let dependents = pc.scm().stop_order(id);
    if action != MscAction::Start && !dependents.is_empty() {
        if action == MscAction::Restart {
            let mut out = String::new();
            let stopped = console_stop(pc, id, &mut out);
            if stopped {
                console_start(pc, id, &mut out);
            }
            let failed = out.contains("could not");
            return Reply::new(out, i32::from(failed));
        }
        let mut out = format!(
            "Stop Other Services\nWhen {} stops, these other services will also stop.\n\n",
            id.display_name()
        );
        for d in &dependents {
            out.push_str(&format!("   {}\n", d.display_name()));
        }
        out.push_str("\nDo you want to stop these services? (Y/N) [N]: ");
        *question = Some(Question::ConsoleStop(id));
        return Reply::ok(out);
    }
    let mut out = String::new();
    let done = match action {
        MscAction::Start => console_start(pc, id, &mut out),
        MscAction::Stop => console_stop(pc, id, &mut out),
        MscAction::Restart => console_stop(pc, id, &mut out) && console_start(pc, id, &mut out),
    };
    Reply::new(out, i32::from(!done))
}

/// The answer to the console's "Stop Other Services" dialog.
pub(crate) fn stop_answer(pc: &mut Pc, id: ServiceId, yes: bool) -> Reply {
    if !yes {
        return Reply::new("", 1);
    }
    let mut out = String::new();
    let done = console_stop(pc, id, &mut out);
    Reply::new(out, i32::from(!done))
}

fn console_start(pc: &mut Pc, id: ServiceId, out: &mut String) -> bool {
    let display = id.display_name();
    out.push_str(&format!(
        "Windows is attempting to start the following service on Local Computer...\n{display}\n\n"
    ));
    let result = pc.start_service(id).map(|()| {
        wait_while_pending(pc, id, NET_LIMIT);
    });
    let status = *pc.scm().status(id);
    let error = match result {
        Err(error) => Some(error),
        Ok(()) if status.state == ServiceState::Running => None,
        Ok(()) if status.state.is_pending() || status.exit_code.0 == 0 => {
            Some(Win32Error::SERVICE_REQUEST_TIMEOUT)
        }
        Ok(()) => Some(status.exit_code),
    };
    console_result(out, display, "start", error)
}

fn console_stop(pc: &mut Pc, id: ServiceId, out: &mut String) -> bool {
    let display = id.display_name();
    out.push_str(&format!(
        "Windows is attempting to stop the following service on Local Computer...\n{display}\n\n"
    ));
    let result = pc.stop_service(id, true).map(|()| {
        wait_while_pending(pc, id, NET_LIMIT);
    });
    let error = match result {
        Err(error) => Some(error),
        Ok(()) if pc.scm().state(id) == ServiceState::Stopped => None,
        Ok(()) => Some(Win32Error::SERVICE_REQUEST_TIMEOUT),
    };
    console_result(out, display, "stop", error)
}

fn console_result(out: &mut String, display: &str, verb: &str, error: Option<Win32Error>) -> bool {
    match error {
        None => {
            let state = if verb == "start" {
                "Running"
            } else {
                "Stopped"
            };
            out.push_str(&format!(
                "(wusim: the console now shows {display} as {state}.)\n"
            ));
            true
        }
        Some(error) => {
            out.push_str(&format!(
                "Windows could not {verb} the {display} service on Local Computer.\n\nError {}: {}\n",
                error.0,
                render::win32_message(error)
            ));
            false
        }
    }
}

const HELP: &str = "services.msc | services.msc start|stop|restart \"<service>\"
  In the simulation: services.msc alone prints the Services console's list (Name,
  Description, Status, Startup Type, Log On As). With an action it works like the
  right-click menu: Start, Stop or Restart, waiting like the console's progress dialog.
  Greyed-out actions are refused: Restart when the service is not running (use Start),
  Start when it is running, Stop when it is stopped.
  On Windows: the Services snap-in of the Microsoft Management Console.
";
