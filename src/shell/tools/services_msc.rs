//! The Services console (`services.msc`): its list of services, its right-click menu
//! (Start, Stop, Restart), which waits like the console's progress dialog and greys out what
//! the console greys out, and a service's Properties dialog (its General and Dependencies
//! tabs, and the Startup type applied with Apply). The browser GUI's console sends these same
//! lines, so a click and a typed line are one step of the session.

use super::{NET_LIMIT, wait_while_pending};
use crate::assess::Fact;
use crate::pc::Pc;
use crate::scm::{ServiceId, ServiceSet, ServiceState, StartType, dependency_graph};
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply, saw};
use crate::shell::{Question, names, render};
use crate::win32::Win32Error;

/// The console's entry in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["services.msc"],
    kind: Kind::Program,
    usage: "services.msc [<action> \"<service>\"]",
    summary: "The Services console: Start, Stop, Restart, Properties",
    topic: Topic::Services,
    help: HELP,
    changes_state: true,
    words: &["start", "stop", "restart", "properties", "startup"],
    run: Some(run),
}];

/// `services.msc` forms.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Msc {
    /// The console's list of services.
    Table,
    /// A right-click action on one service (display or service name).
    Act(MscAction, String),
    /// The Properties dialog of one service.
    Properties(String),
    /// Properties > General > Startup type, then Apply.
    Startup(StartType, String),
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
    let name = |from: usize| Some(args.get(from..)?.join(" ")).filter(|n| !n.is_empty());
    let action = match args.first().map(|a| a.to_ascii_lowercase()).as_deref() {
        None => return Msc::Table,
        Some("start") => MscAction::Start,
        Some("stop") => MscAction::Stop,
        Some("restart") => MscAction::Restart,
        Some("properties") => return name(1).map_or(Msc::Usage, Msc::Properties),
        Some("startup") => {
            let start_type = args.get(1).and_then(|t| startup_choice(t));
            return match (start_type, name(2)) {
                (Some(t), Some(name)) => Msc::Startup(t, name),
                _ => Msc::Usage,
            };
        }
        Some(_) => return Msc::Usage,
    };
    name(1).map_or(Msc::Usage, |name| Msc::Act(action, name))
}

/// The Startup type list of the Properties dialog, in its order, with the word that picks
/// each entry: `delayed`, `automatic`, `manual`, `disabled`.
pub(crate) const STARTUP_CHOICES: [(&str, StartType); 4] = [
    ("delayed", StartType::AutomaticDelayed),
    ("automatic", StartType::Automatic),
    ("manual", StartType::Manual),
    ("disabled", StartType::Disabled),
];

fn startup_choice(word: &str) -> Option<StartType> {
    STARTUP_CHOICES
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, t)| t)
}

/// The entry the Properties dialog's Startup type list shows for `start_type`: it has no
/// "(Trigger Start)" entries, so a trigger-start service shows plain Manual.
pub(crate) fn startup_entry(start_type: StartType) -> StartType {
    match start_type {
        StartType::ManualTrigger => StartType::Manual,
        other => other,
    }
}

/// `services.msc [start|stop|restart <service>]`.
fn console(pc: &mut Pc, msc: Msc, question: &mut Option<Question>, facts: &mut Vec<Fact>) -> Reply {
    match msc {
        Msc::Table => Reply::ok(console_table(pc, facts)),
        Msc::Usage => Reply::new(
            "(wusim: type 'services.msc' to see the console, 'services.msc start|stop|restart \"<service>\"' to use its right-click menu, 'services.msc properties \"<service>\"' for its Properties, or 'services.msc startup automatic|delayed|manual|disabled \"<service>\"' to set its Startup type and Apply.)\n",
            1,
        ),
        Msc::Act(_, ref name) | Msc::Properties(ref name) | Msc::Startup(_, ref name) => {
            let Some(id) = names::by_any_name(name) else {
                let mut text =
                    format!("(wusim: the Services console lists no service called '{name}'.)\n");
                text.push_str(&names::did_you_mean_line(name));
                return Reply::new(text, 1);
            };
            match msc {
                Msc::Act(action, _) => console_action(pc, action, id, question),
                Msc::Properties(_) => {
                    saw(facts, Fact::Service(id));
                    saw(facts, Fact::StartType(id));
                    Reply::ok(properties(pc, id))
                }
                Msc::Startup(start_type, _) => apply_startup(pc, id, start_type),
                Msc::Table | Msc::Usage => unreachable!("matched above"),
            }
        }
    }
}

/// The Properties dialog as text: its General tab, then its Dependencies tab.
fn properties(pc: &Pc, id: ServiceId) -> String {
    let spec = id.spec();
    let status = pc.scm().status(id);
    let graph = dependency_graph();
    let list = |set: ServiceSet| {
        let mut names: Vec<&str> = set.iter().map(ServiceId::display_name).collect();
        names.sort_unstable();
        if names.is_empty() {
            "    <No Dependencies>\n".to_string()
        } else {
            names.iter().map(|n| format!("    {n}\n")).collect()
        }
    };
    format!(
        "{} Properties (Local Computer)\n\nGeneral\n  Service name:        {}\n  Display name:        {}\n  Description:         {}\n  Path to executable:  {}\n  Startup type:        {}\n  Service status:      {}\n\nDependencies\n  This service depends on the following system components:\n{}  The following system components depend on this service:\n{}",
        spec.display_name,
        spec.name,
        spec.display_name,
        spec.description,
        spec.binary_path,
        startup_entry(status.start_type).label(),
        status_word(status.state),
        list(graph.dependencies(id)),
        list(graph.dependents(id)),
    )
}

/// The Properties dialog's "Service status": `Running`, `Stopped`, `Starting`, `Stopping`.
pub(crate) fn status_word(state: ServiceState) -> &'static str {
    match state {
        ServiceState::Stopped => "Stopped",
        other => other.console_label(),
    }
}

/// Properties > General > Startup type, then Apply. The same change as `sc config start=`;
/// a protected service (the Medic service) answers the console's "Access is denied." box.
fn apply_startup(pc: &mut Pc, id: ServiceId, start_type: StartType) -> Reply {
    let shown = startup_entry(pc.scm().status(id).start_type);
    let result = if shown == start_type {
        Ok(())
    } else {
        pc.set_start_type(id, start_type)
    };
    match result {
        Ok(()) => Reply::ok(format!(
            "(wusim: Apply. The console now shows {}'s Startup type as {}.)\n",
            id.display_name(),
            start_type.label()
        )),
        Err(error) => Reply::new(format!("{}\n", render::win32_message(error)), 1),
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
        // Restart is a stop and a start: the stop asks first, as Stop does.
        let mut out = format!(
            "Stop Other Services\nWhen {} stops, these other services will also stop.\n\n",
            id.display_name()
        );
        for d in &dependents {
            out.push_str(&format!("   {}\n", d.display_name()));
        }
        out.push_str("\nDo you want to stop these services? (Y/N) [N]: ");
        *question = Some(Question::ConsoleStop {
            id,
            restart: action == MscAction::Restart,
        });
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

/// The answer to the console's "Stop Other Services" dialog: Yes stops the service and its
/// dependents; for a Restart, it then starts the service and the dependents it stopped.
pub(crate) fn stop_answer(pc: &mut Pc, id: ServiceId, restart: bool, yes: bool) -> Reply {
    if !yes {
        return Reply::new("", 1);
    }
    let dependents = pc.scm().stop_order(id);
    let mut out = String::new();
    let mut done = console_stop(pc, id, &mut out);
    if done && restart {
        done = console_start(pc, id, &mut out);
        for &d in dependents.iter().rev() {
            done &= console_start(pc, d, &mut out);
        }
    }
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

const HELP: &str = "services.msc | services.msc start|stop|restart|properties \"<service>\"
services.msc startup automatic|delayed|manual|disabled \"<service>\"
  In the simulation: services.msc alone prints the Services console's list (Name,
  Description, Status, Startup Type, Log On As). With an action it works like the
  right-click menu: Start, Stop or Restart, waiting like the console's progress dialog.
  Greyed-out actions are refused: Restart when the service is not running (use Start),
  Start when it is running, Stop when it is stopped. `properties` shows the service's
  Properties dialog (General and Dependencies tabs); `startup` picks a Startup type there
  and presses Apply. `wusim gui` shows the same console in a browser.
  On Windows: the Services snap-in of the Microsoft Management Console.
";
