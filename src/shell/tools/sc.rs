//! `sc.exe`: the Service Control Manager's command-line client — `query`, `queryex`, `qc`,
//! `start`, `stop`, `config`, `failure`, `qfailure`, `description`, `qdescription`,
//! `qprivs`, `sdshow`, `sdset` and `delete` — with its blocks, usage texts and Win32 exit
//! codes.
//!
//! `sc` returns as soon as the SCM has taken the request (a start shows START_PENDING), takes
//! the service name (not the display name), and needs a space after each `option=`: without
//! it sc prints the usage (exit 1639). An option sc does not have, or a value that is not
//! valid for its option (`start= automatic`, `error= loud`, `actions= restart/soon`), is
//! `[SC] ChangeServiceConfig FAILED 87:` (`ChangeServiceConfig2` for `failure`). The Windows
//! Update Medic Service (WaaSMedicSvc) refuses every change, even from an elevated prompt,
//! with Access is denied (5): `config`, `failure`, `description`, `sdset` and `delete` alike.
//!
//! What the model keeps, and what it does not (the book lists these):
//! - `config`: only `start=` changes the simulated PC. wusim does not model the other
//!   options — `type=`, `error=`, `binPath=`, `group=`, `tag=`, `depend=`, `obj=`,
//!   `DisplayName=`, `password=`: sc checks their values as Windows does and answers
//!   `[SC] ChangeServiceConfig SUCCESS`, a `(wusim: ...)` note says they were not kept, and
//!   `sc qc` goes on showing the service's own values.
//! - `failure`: `reset=` and `actions=` set the SCM's recovery actions, which it really
//!   carries out when the service's process dies (`restart/60000`: the SCM starts it again a
//!   minute later). The model keeps three actions, as the Recovery tab shows them: for the
//!   first, the second and every later failure. Windows keeps the list as typed and repeats
//!   its last action; wusim fills the three slots the same way (`restart/60000` alone restarts
//!   after every failure), drops actions after the third, and keeps `run` and `reboot` as
//!   "take no action" (the model has no command to run and does not restart the PC for a
//!   service). `reboot=` and `command=` are accepted and not kept. Each of these is said in
//!   a `(wusim: ...)` note under the success line.
//! - `qfailure` shows the three slots the model keeps (a slot with no action is left out, as
//!   sc leaves out "none" actions), so `actions= restart/60000/restart/60000` shows three
//!   RESTART lines where Windows shows the two typed. REBOOT_MESSAGE and COMMAND_LINE are
//!   always empty.
//! - `description` is accepted and not kept: `qdescription` shows the service's own
//!   description. `qprivs` lists no privileges (wusim does not model them) and says so.
//! - `sdshow` prints one security descriptor for every service: the Windows 10 default SDDL
//!   the reference records for wuauserv. `sdset` checks nothing in the SDDL, stores nothing,
//!   and says `[SC] SetServiceObjectSecurity SUCCESS` with a note.
//! - `delete`: on Windows an elevated `sc delete wuauserv` succeeds — the service is marked
//!   for deletion and is gone once nothing holds it open (at the latest after a restart), and
//!   Windows Update with it. wusim's service table is fixed, so the service cannot go. Of the
//!   two honest answers (refuse with a note, or answer as Windows does and say the simulation
//!   keeps the service) wusim takes the second: the learner sees that Windows would have let
//!   the command through — which is the lesson — the note says what would now be broken and
//!   that nothing was, and the move counts as harmful ([`Harm::DeletedService`]).
//!
//! Where the reference has no text, wusim models plainly (the book lists these):
//! `[SC] OpenService FAILED 1060:` for an unknown service is the reference's text for `qc`,
//! `stop` and `config`, used for every subcommand that changes or reads one service's
//! configuration; the access-denied header names each subcommand's own operation
//! (`ChangeServiceConfig2`, `SetServiceObjectSecurity`, `DeleteService`), as the reference's
//! `ChangeServiceConfig FAILED 5` does for `config`; the `sc failure` usage text and its
//! "reset and actions" error come from public copies of sc's output, not from the reference,
//! and their exit code (1639, as for `config`'s usage) is assumed; `qdescription`'s layout is
//! from a localised public paste; `qprivs`' header is `qfailure`'s; `sdshow` ends after its
//! SDDL line.

use std::fmt::Write as _;

use crate::assess::Fact;
use crate::pc::Pc;
use crate::scm::{Recovery, RecoveryAction, ServiceId, ServiceState, StartType};
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply, saw};
use crate::shell::render::{self, BlockStyle};
use crate::shell::{Harm, names};
use crate::win32::Win32Error;

/// `sc`'s entry in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["sc"],
    kind: Kind::Program,
    usage: "sc query|qc|config|failure|start|stop <service>",
    summary: "Query, configure and control a service (also queryex, qfailure); returns at once",
    topic: Topic::Services,
    help: HELP,
    changes_state: true,
    words: &[
        "query",
        "queryex",
        "qc",
        "start",
        "stop",
        "config",
        "failure",
        "qfailure",
        "description",
        "qdescription",
        "qprivs",
        "sdshow",
        "sdset",
        "delete",
    ],
    run: Some(run),
}];

/// `sc` subcommands.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Sc {
    /// `sc query` / `sc queryex`, one service or a listing.
    Query {
        name: Option<String>,
        ex: bool,
        state: StateFilter,
    },
    /// `sc qc <service>`.
    Qc(String),
    /// `sc start <service>`.
    Start(String),
    /// `sc stop <service>`.
    Stop(String),
    /// `sc config <service> <option>= <value>...`.
    Config { name: String, change: ConfigChange },
    /// `sc config` written wrongly.
    ConfigUsage(ConfigHint),
    /// `sc failure <service> reset= <s> actions= <a/ms/...>` and the rest.
    Failure { name: String, change: FailureChange },
    /// `sc failure` written wrongly.
    FailureUsage(FailureHint),
    /// `sc qfailure <service>`.
    QFailure(String),
    /// `sc description <service> <text>`.
    Description(String),
    /// `sc qdescription <service>`.
    QDescription(String),
    /// `sc qprivs <service>`.
    QPrivs(String),
    /// `sc sdshow <service>`.
    SdShow(String),
    /// `sc sdset <service> <SDDL>`.
    SdSet(String),
    /// `sc delete <service>`.
    Delete(String),
    /// `sc` alone or a subcommand without its service name (`None`), or an unknown
    /// subcommand.
    Usage(Option<String>),
}

/// Which services `sc query` lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StateFilter {
    /// Running or pending (sc's default).
    Active,
    /// Stopped.
    Inactive,
    /// All.
    All,
}

/// What was wrong with an `sc config` line, for a teaching note under the usage text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ConfigHint {
    /// Nothing in particular (no option, an option without its value).
    None,
    /// `start=disabled`: the space after `=` is missing.
    MissingSpace,
}

/// What an `sc config` line asks to change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct ConfigChange {
    /// The new start type (`start=`).
    start: Option<StartType>,
    /// The options given that the model does not keep, as sc spells them (`obj=`), in order.
    unmodelled: Vec<&'static str>,
    /// An option sc does not have, or a value not valid for its option (error 87).
    invalid: bool,
}

/// The options of `sc config` (lower case) and how sc spells them.
const CONFIG_OPTIONS: [(&str, &str); 10] = [
    ("type=", "type="),
    ("start=", "start="),
    ("error=", "error="),
    ("binpath=", "binPath="),
    ("group=", "group="),
    ("tag=", "tag="),
    ("depend=", "depend="),
    ("obj=", "obj="),
    ("displayname=", "DisplayName="),
    ("password=", "password="),
];

/// What was wrong with an `sc failure` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FailureHint {
    /// No option, or an option without its value.
    None,
    /// `reset=86400`: the space after `=` is missing.
    MissingSpace,
    /// `reset=` without `actions=` or the other way round.
    ResetWithoutActions,
}

/// A recovery action as `sc failure` takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    /// `restart/<ms>`.
    Restart,
    /// `run/<ms>`: run the `command=` line (not modelled).
    Run,
    /// `reboot/<ms>`: restart the PC (not modelled).
    Reboot,
    /// An empty action: take no action.
    None,
}

/// Typed recovery actions and their delays in milliseconds.
type Actions = Vec<(Action, u32)>;

/// What an `sc failure` line asks to change.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct FailureChange {
    /// `reset=`: seconds without failures after which the count starts again.
    reset: Option<u32>,
    /// `actions=`: the actions and their delays in milliseconds, as typed.
    actions: Option<Actions>,
    /// `reboot=` or `command=` was given (not kept).
    message_or_command: bool,
    /// A value not valid for its option, or an option `sc failure` does not have (error 87).
    invalid: bool,
}

fn run(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    sc(ctx.pc, &mut ctx.facts, parse(&args.words))
}

fn parse(args: &[String]) -> Sc {
    let lower: Vec<String> = args.iter().map(|a| a.to_ascii_lowercase()).collect();
    let Some(sub) = lower.first() else {
        return Sc::Usage(None);
    };
    let name = args.get(1).cloned();
    let has_more = args.len() > 2;
    match (sub.as_str(), name) {
        ("query" | "queryex", _) => parse_query(sub == "queryex", &args[1..], &lower[1..]),
        ("config", Some(name)) => parse_config(name, &lower[2..]),
        ("config", None) => Sc::ConfigUsage(ConfigHint::None),
        ("failure", Some(name)) => parse_failure(name, &lower[2..]),
        ("failure", None) => Sc::FailureUsage(FailureHint::None),
        ("qc", Some(name)) => Sc::Qc(name),
        ("start", Some(name)) => Sc::Start(name),
        ("stop", Some(name)) => Sc::Stop(name),
        ("qfailure", Some(name)) => Sc::QFailure(name),
        ("qdescription", Some(name)) => Sc::QDescription(name),
        ("qprivs", Some(name)) => Sc::QPrivs(name),
        ("sdshow", Some(name)) => Sc::SdShow(name),
        ("delete", Some(name)) => Sc::Delete(name),
        ("description", Some(name)) if has_more => Sc::Description(name),
        ("sdset", Some(name)) if has_more => Sc::SdSet(name),
        (
            "qc" | "start" | "stop" | "qfailure" | "qdescription" | "qprivs" | "sdshow" | "delete"
            | "description" | "sdset",
            _,
        ) => Sc::Usage(None),
        _ => Sc::Usage(Some(args[0].clone())),
    }
}

fn parse_query(ex: bool, args: &[String], lower: &[String]) -> Sc {
    let mut name = None;
    let mut state = StateFilter::Active;
    let mut i = 0;
    while i < args.len() {
        if lower[i].ends_with('=') {
            let value = lower.get(i + 1).map(String::as_str).unwrap_or_default();
            if lower[i] == "state=" {
                state = match value {
                    "all" => StateFilter::All,
                    "inactive" => StateFilter::Inactive,
                    _ => StateFilter::Active,
                };
            }
            i += 2;
        } else {
            if name.is_none() {
                name = Some(args[i].clone());
            }
            i += 1;
        }
    }
    Sc::Query { name, ex, state }
}

/// The start type `start=` names: `Some(None)` for `boot`/`system` (valid words, but not for
/// a Win32 service: error 87), `None` for a word sc does not know.
fn start_type(value: &str) -> Option<Option<StartType>> {
    Some(match value {
        "auto" => Some(StartType::Automatic),
        "delayed-auto" => Some(StartType::AutomaticDelayed),
        "demand" => Some(StartType::Manual),
        "disabled" => Some(StartType::Disabled),
        "boot" | "system" => None,
        _ => return None,
    })
}

fn parse_config(name: String, options: &[String]) -> Sc {
    if options.is_empty() {
        return Sc::ConfigUsage(ConfigHint::None);
    }
    let mut change = ConfigChange::default();
    let mut i = 0;
    while i < options.len() {
        let option = options[i].as_str();
        if !option.ends_with('=') {
            let hint = if option.contains('=') {
                ConfigHint::MissingSpace
            } else {
                ConfigHint::None
            };
            return Sc::ConfigUsage(hint);
        }
        let Some(value) = options.get(i + 1).map(String::as_str) else {
            return Sc::ConfigUsage(ConfigHint::None);
        };
        i += 2;
        let Some(&(_, spelled)) = CONFIG_OPTIONS.iter().find(|(o, _)| *o == option) else {
            change.invalid = true;
            continue;
        };
        let valid = match option {
            "start=" => match start_type(value) {
                Some(start) => {
                    change.start = start;
                    start.is_some()
                }
                None => false,
            },
            "type=" => matches!(
                value,
                "own"
                    | "share"
                    | "interact"
                    | "kernel"
                    | "filesys"
                    | "rec"
                    | "adapt"
                    | "userown"
                    | "usershare"
            ),
            "error=" => matches!(value, "normal" | "severe" | "critical" | "ignore"),
            "tag=" => matches!(value, "yes" | "no"),
            _ => true,
        };
        change.invalid |= !valid;
        if option != "start=" && !change.unmodelled.contains(&spelled) {
            change.unmodelled.push(spelled);
        }
    }
    Sc::Config { name, change }
}

/// `actions=`' value: `""` (no actions), or `action/delay` pairs separated by `/`.
fn parse_actions(value: &str) -> Option<Actions> {
    if value.is_empty() {
        return Some(Vec::new());
    }
    let parts: Vec<&str> = value.split('/').collect();
    if !parts.len().is_multiple_of(2) {
        return None;
    }
    parts
        .chunks(2)
        .map(|pair| {
            let action = match pair[0] {
                "restart" => Action::Restart,
                "run" => Action::Run,
                "reboot" => Action::Reboot,
                "" => Action::None,
                _ => return None,
            };
            let delay = pair[1].trim().parse::<u32>().ok()?;
            Some((action, delay))
        })
        .collect()
}

fn parse_failure(name: String, options: &[String]) -> Sc {
    let mut change = FailureChange::default();
    let mut i = 0;
    while i < options.len() {
        let option = options[i].as_str();
        if !option.ends_with('=') {
            let hint = if option.contains('=') {
                FailureHint::MissingSpace
            } else {
                FailureHint::None
            };
            return Sc::FailureUsage(hint);
        }
        let Some(value) = options.get(i + 1).map(String::as_str) else {
            return Sc::FailureUsage(FailureHint::None);
        };
        i += 2;
        match option {
            "reset=" => {
                let seconds = if value == "infinite" {
                    Some(u32::MAX)
                } else {
                    value.parse::<u32>().ok()
                };
                change.invalid |= seconds.is_none();
                change.reset = Some(seconds.unwrap_or(0));
            }
            "actions=" => {
                let actions = parse_actions(value);
                change.invalid |= actions.is_none();
                change.actions = Some(actions.unwrap_or_default());
            }
            "reboot=" | "command=" => change.message_or_command = true,
            _ => change.invalid = true,
        }
    }
    if change.reset.is_some() != change.actions.is_some() {
        return Sc::FailureUsage(FailureHint::ResetWithoutActions);
    }
    if change.reset.is_none() && !change.message_or_command && !change.invalid {
        return Sc::FailureUsage(FailureHint::None);
    }
    Sc::Failure { name, change }
}

fn sc(pc: &mut Pc, facts: &mut Vec<Fact>, sc: Sc) -> Reply {
    match sc {
        Sc::Query {
            name: None,
            ex,
            state,
        } => sc_list(pc, facts, ex, state),
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
                saw(facts, Fact::Service(id));
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
            Some(id) => {
                saw(facts, Fact::StartType(id));
                Reply::ok(render::sc_qc(&name, id, pc.scm().status(id)))
            }
            None => no_such_service("OpenService", &name),
        },
        Sc::Start(name) => sc_control(pc, &name, true),
        Sc::Stop(name) => sc_control(pc, &name, false),
        Sc::Config { name, change } => sc_config(pc, &name, &change),
        Sc::ConfigUsage(hint) => {
            let mut text = render::SC_CONFIG_USAGE.to_string();
            if hint == ConfigHint::MissingSpace {
                text.push_str(
                    "(wusim: put a space after the '=', as in 'sc config wuauserv start= demand'.)\n",
                );
            }
            Reply::new(text, 1639)
        }
        Sc::Failure { name, change } => sc_failure(pc, &name, &change),
        Sc::FailureUsage(hint) => {
            let mut text = String::new();
            if hint == FailureHint::ResetWithoutActions {
                text.push_str(
                    "ERROR:  The reset and actions options must be set simultaneously\n\n",
                );
            }
            text.push_str(FAILURE_USAGE);
            if hint == FailureHint::MissingSpace {
                text.push_str(
                    "(wusim: put a space after the '=', as in 'sc failure wuauserv reset= 86400 actions= restart/60000'.)\n",
                );
            }
            Reply::new(text, 1639)
        }
        Sc::QFailure(name) => with_service(&name, |id| Reply::ok(qfailure(&name, pc, id))),
        Sc::QDescription(name) => with_service(&name, |id| {
            Reply::ok(format!(
                "[SC] QueryServiceConfig2 SUCCESS\n\nSERVICE_NAME: {name}\nDESCRIPTION:  {}\n\n",
                id.spec().description
            ))
        }),
        Sc::QPrivs(name) => with_service(&name, |_| {
            Reply::ok(format!(
                "[SC] QueryServiceConfig2 SUCCESS\n\nSERVICE_NAME: {name}\n(wusim: the simulation does not model the privileges a service asks for, so there are none to list.)\n\n"
            ))
        }),
        Sc::SdShow(name) => with_service(&name, |_| Reply::ok(format!("\n{DEFAULT_SDDL}\n"))),
        Sc::SdSet(name) => with_service(&name, |id| {
            changed(
                id,
                "SetServiceObjectSecurity",
                "(wusim: the simulation does not model service permissions: nothing was stored, and sc sdshow still shows the default.)\n",
            )
        }),
        Sc::Description(name) => with_service(&name, |id| {
            changed(
                id,
                "ChangeServiceConfig2",
                "(wusim: the simulation keeps each service's description as it is: sc qdescription still shows the original.)\n",
            )
        }),
        Sc::Delete(name) => with_service(&name, |id| {
            let note = format!(
                "(wusim: on Windows the {} service would now be marked for deletion and gone after the next restart, and Windows Update broken with it. The simulation keeps its services, so nothing changed; the move counts as harmful.)\n",
                id.name()
            );
            let reply = changed(id, "DeleteService", &note);
            let harm = (reply.exit_code == 0).then_some(Harm::DeletedService(id));
            reply.with_harm(harm)
        }),
        Sc::Usage(sub) => {
            let text = match sub {
                Some(_) => format!("ERROR:  Unrecognized command\n\n{}", render::SC_USAGE),
                None => render::SC_USAGE.to_string(),
            };
            Reply::new(text, if sub.is_some() { 1639 } else { 0 })
        }
    }
}

/// Runs `then` on the service `name` names, or answers that there is none.
fn with_service(name: &str, then: impl FnOnce(ServiceId) -> Reply) -> Reply {
    match names::by_service_name(name) {
        Some(id) => then(id),
        None => no_such_service("OpenService", name),
    }
}

/// A change wusim accepts but does not keep: `[SC] <operation> SUCCESS` and a note, or
/// access denied for a protected service.
fn changed(id: ServiceId, operation: &str, note: &str) -> Reply {
    if id.spec().protected {
        return failed(operation, Win32Error::ACCESS_DENIED);
    }
    Reply::ok(format!("[SC] {operation} SUCCESS\n\n{note}"))
}

fn failed(operation: &str, error: Win32Error) -> Reply {
    Reply::new(render::sc_failed(operation, error), error.0 as i32)
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

fn sc_list(pc: &Pc, facts: &mut Vec<Fact>, ex: bool, filter: StateFilter) -> Reply {
    let mut out = String::new();
    for id in names::sorted_by_name() {
        // Listed or left out, each service's state shows.
        saw(facts, Fact::Service(id));
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

/// `sc start` / `sc stop`: send the control, then print the status block as it is now (Start
/// Pending or Stop Pending), or sc's failure message.
fn sc_control(pc: &mut Pc, name: &str, starting: bool) -> Reply {
    let (open_prefix, failed_prefix) = if starting {
        ("StartService: OpenService", "StartService")
    } else {
        ("OpenService", "ControlService")
    };
    let Some(id) = names::by_service_name(name) else {
        return no_such_service(open_prefix, name);
    };
    let result = if starting {
        pc.start_service(id)
    } else {
        pc.stop_service(id, false)
    };
    match result {
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
        Err(error) => failed(failed_prefix, error),
    }
}

fn sc_config(pc: &mut Pc, name: &str, change: &ConfigChange) -> Reply {
    let Some(id) = names::by_service_name(name) else {
        return no_such_service("OpenService", name);
    };
    if change.invalid {
        return failed("ChangeServiceConfig", Win32Error(87));
    }
    let result = match change.start {
        Some(start) => pc.set_start_type(id, start),
        None if id.spec().protected => Err(Win32Error::ACCESS_DENIED),
        None => Ok(()),
    };
    if let Err(error) = result {
        return failed("ChangeServiceConfig", error);
    }
    let mut text = String::from("[SC] ChangeServiceConfig SUCCESS\n\n");
    if !change.unmodelled.is_empty() {
        let _ = writeln!(
            text,
            "(wusim: the simulation does not model {}: not kept; sc qc shows the service as it was.)",
            change.unmodelled.join(" ")
        );
    }
    Reply::ok(text).with_harm(disabling_harm(id, change.start))
}

/// The model's action for a typed one: only a restart is modelled.
fn model_action((action, delay_ms): (Action, u32)) -> RecoveryAction {
    match action {
        Action::Restart => RecoveryAction::Restart { delay_ms },
        Action::Run | Action::Reboot | Action::None => RecoveryAction::None,
    }
}

/// The recovery settings an `sc failure` line gives: the typed actions fill the first,
/// second and later-failure slots, the last one repeating as Windows repeats it.
fn recovery(reset_secs: u32, actions: &[(Action, u32)]) -> Recovery {
    let slot = |i: usize| {
        actions
            .get(i)
            .or(actions.last())
            .copied()
            .map_or(RecoveryAction::None, model_action)
    };
    Recovery {
        first: slot(0),
        second: slot(1),
        subsequent: slot(2),
        reset_after_ms: u64::from(reset_secs) * 1000,
    }
}

fn sc_failure(pc: &mut Pc, name: &str, change: &FailureChange) -> Reply {
    let Some(id) = names::by_service_name(name) else {
        return no_such_service("OpenService", name);
    };
    if change.invalid {
        return failed("ChangeServiceConfig2", Win32Error(87));
    }
    if id.spec().protected {
        return failed("ChangeServiceConfig2", Win32Error::ACCESS_DENIED);
    }
    let mut text = String::from("[SC] ChangeServiceConfig2 SUCCESS\n\n");
    if let (Some(reset), Some(actions)) = (change.reset, &change.actions) {
        pc.set_recovery(id, recovery(reset, actions));
        if actions
            .iter()
            .any(|(a, _)| matches!(a, Action::Run | Action::Reboot))
        {
            text.push_str("(wusim: the simulation models only the restart action: run and reboot are kept as 'take no action'.)\n");
        }
        if actions.len() > 3 {
            text.push_str("(wusim: the simulation keeps three actions, as the Recovery tab shows them: for the first, the second and every later failure. The actions after the third were dropped.)\n");
        }
    }
    if change.message_or_command {
        text.push_str(
            "(wusim: the simulation does not model reboot= and command=: they were not kept.)\n",
        );
    }
    Reply::ok(text)
}

/// `sc qfailure`: the recovery settings in sc's layout.
fn qfailure(typed: &str, pc: &Pc, id: ServiceId) -> String {
    let recovery = pc.scm().status(id).recovery;
    let mut out = String::from("[SC] QueryServiceConfig2 SUCCESS\n\n");
    let _ = writeln!(out, "SERVICE_NAME: {typed}");
    let field = |out: &mut String, label: &str, value: &str| {
        let _ = writeln!(
            out,
            "{}",
            format!("        {label:<29}: {value}").trim_end()
        );
    };
    field(
        &mut out,
        "RESET_PERIOD (in seconds)",
        &(recovery.reset_after_ms / 1000).to_string(),
    );
    field(&mut out, "REBOOT_MESSAGE", "");
    field(&mut out, "COMMAND_LINE", "");
    let actions = [recovery.first, recovery.second, recovery.subsequent];
    let mut first = true;
    for action in actions {
        let RecoveryAction::Restart { delay_ms } = action else {
            continue;
        };
        let text = format!("RESTART -- Delay = {delay_ms} milliseconds.");
        if first {
            field(&mut out, "FAILURE_ACTIONS", &text);
            first = false;
        } else {
            let _ = writeln!(out, "{:39}{text}", "");
        }
    }
    out.push('\n');
    out
}

/// Setting a service to Disabled is harmful unless Disabled is its default.
pub(crate) fn disabling_harm(id: ServiceId, start: Option<StartType>) -> Option<Harm> {
    (start == Some(StartType::Disabled) && id.spec().default_start != StartType::Disabled)
        .then_some(Harm::DisabledService(id))
}

const HELP: &str = "sc query <service> | sc queryex <service> | sc qc <service>
sc start <service> | sc stop <service>
sc config <service> start= auto|delayed-auto|demand|disabled [type= ...] [obj= ...] ...
sc failure <service> reset= <seconds> actions= restart/<ms>[/restart/<ms>...] | sc qfailure <service>
sc description <service> <text> | sc qdescription <service> | sc qprivs <service>
sc sdshow <service> | sc sdset <service> <SDDL> | sc delete <service>
  In the simulation: talks to the simulated Service Control Manager. sc takes the service
  name (wuauserv), not the display name, and returns at once: a start shows START_PENDING.
  config start= changes the start type; wusim does not model the other config options
  (type=, error=, binPath=, group=, tag=, depend=, obj=, DisplayName=, password=): sc checks
  their values and says SUCCESS, and nothing changes. failure sets the recovery actions the
  SCM really carries out when the service's process dies (restart/60000: started again a
  minute later); wusim keeps three actions (first, second, later failures) and models only
  restart (run and reboot are kept as no action; reboot= and command= are not kept).
  wusim does not model descriptions, privileges or permissions: description and sdset say
  SUCCESS and keep nothing, qprivs lists nothing, and sdshow shows Windows' default SDDL for
  every service. delete answers as Windows does, but the simulation keeps the service (and
  counts the move as harmful). The Windows Update Medic Service refuses every change with
  Access is denied, as on Windows.
  On Windows: sc.exe is the Service Control Manager's own command-line client. The space
  after each 'option=' is required. sc delete really removes a service, and Windows Update
  does not work without its services. In PowerShell type sc.exe, because sc there is
  Set-Content.
";

/// The Windows 10 default security descriptor of wuauserv (reference §4.4), which `sdshow`
/// prints for every service.
const DEFAULT_SDDL: &str = "D:(A;;CCLCSWRPLORC;;;AU)(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;BA)(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;SY)S:(AU;FA;CCDCLCSWRPWPDTLOSDRCWDWO;;;WD)";

/// `sc failure` written wrongly (as public copies of sc's output show it).
const FAILURE_USAGE: &str = "DESCRIPTION:
        Changes the actions upon failure
USAGE:
        sc <server> failure [service name] <option1> <option2>...

OPTIONS:
        reset=   <Length of period of no failures (in seconds)
                  after which to reset the failure count to 0 (may be INFINITE)>
                  (Must be used in conjunction with actions= )
        reboot=  <Message broadcast before rebooting on failure>
        command= <Command line to be run on failure>
        actions= <Failure actions and their delay time (in milliseconds),
                  separated by / (forward slash) -- e.g., run/5000/reboot/800
                  Valid actions are <run|restart|reboot> >
                  (Must be used in conjunction with the reset= option)
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::Shell;

    fn w(s: &str) -> Vec<String> {
        crate::shell::context::words(s)
    }

    fn config(start: Option<StartType>, unmodelled: &[&'static str], invalid: bool) -> Sc {
        Sc::Config {
            name: "wuauserv".into(),
            change: ConfigChange {
                start,
                unmodelled: unmodelled.to_vec(),
                invalid,
            },
        }
    }

    fn failure(reset: Option<u32>, actions: Option<Actions>, other: bool) -> Sc {
        Sc::Failure {
            name: "wuauserv".into(),
            change: FailureChange {
                reset,
                actions,
                message_or_command: other,
                invalid: false,
            },
        }
    }

    #[test]
    fn sc_lines_parse_as_a_table() {
        let rows: Vec<(&str, Sc)> = vec![
            (
                "query wuauserv",
                Sc::Query {
                    name: Some("wuauserv".into()),
                    ex: false,
                    state: StateFilter::Active,
                },
            ),
            (
                "queryex type= service state= all",
                Sc::Query {
                    name: None,
                    ex: true,
                    state: StateFilter::All,
                },
            ),
            ("qc bits", Sc::Qc("bits".into())),
            ("start usosvc", Sc::Start("usosvc".into())),
            (
                "config wuauserv start= demand",
                config(Some(StartType::Manual), &[], false),
            ),
            (
                "config wuauserv start=demand",
                Sc::ConfigUsage(ConfigHint::MissingSpace),
            ),
            ("config wuauserv start= boot", config(None, &[], true)),
            ("config wuauserv start= automatic", config(None, &[], true)),
            ("config wuauserv start=", Sc::ConfigUsage(ConfigHint::None)),
            ("config wuauserv", Sc::ConfigUsage(ConfigHint::None)),
            ("config wuauserv demand", Sc::ConfigUsage(ConfigHint::None)),
            (
                "config wuauserv obj= LocalSystem password= \"\" start= auto",
                config(Some(StartType::Automatic), &["obj=", "password="], false),
            ),
            (
                "config wuauserv binPath= \"C:\\x y.exe\" DisplayName= \"Win Upd\" group= g tag= no depend= rpcss/bits type= share error= normal",
                config(
                    None,
                    &[
                        "binPath=",
                        "DisplayName=",
                        "group=",
                        "tag=",
                        "depend=",
                        "type=",
                        "error=",
                    ],
                    false,
                ),
            ),
            ("config wuauserv type= own", config(None, &["type="], false)),
            (
                "config wuauserv type= weird",
                config(None, &["type="], true),
            ),
            (
                "config wuauserv error= loud",
                config(None, &["error="], true),
            ),
            ("config wuauserv tag= maybe", config(None, &["tag="], true)),
            ("config wuauserv colour= blue", config(None, &[], true)),
            (
                "failure wuauserv reset= 86400 actions= restart/60000/restart/60000/run/1000",
                failure(
                    Some(86_400),
                    Some(vec![
                        (Action::Restart, 60_000),
                        (Action::Restart, 60_000),
                        (Action::Run, 1_000),
                    ]),
                    false,
                ),
            ),
            (
                "failure wuauserv reset= INFINITE actions= \"\"",
                failure(Some(u32::MAX), Some(vec![]), false),
            ),
            (
                "failure wuauserv command= \"x.exe\" reboot= \"bye\"",
                failure(None, None, true),
            ),
            (
                "failure wuauserv reset= 0 actions= restart/soon",
                Sc::Failure {
                    name: "wuauserv".into(),
                    change: FailureChange {
                        reset: Some(0),
                        actions: Some(vec![]),
                        message_or_command: false,
                        invalid: true,
                    },
                },
            ),
            (
                "failure wuauserv reset= 0",
                Sc::FailureUsage(FailureHint::ResetWithoutActions),
            ),
            (
                "failure wuauserv actions= restart/0",
                Sc::FailureUsage(FailureHint::ResetWithoutActions),
            ),
            (
                "failure wuauserv reset=0 actions= restart/0",
                Sc::FailureUsage(FailureHint::MissingSpace),
            ),
            ("failure wuauserv", Sc::FailureUsage(FailureHint::None)),
            ("failure", Sc::FailureUsage(FailureHint::None)),
            ("qfailure bits", Sc::QFailure("bits".into())),
            ("qdescription bits", Sc::QDescription("bits".into())),
            ("qprivs bits", Sc::QPrivs("bits".into())),
            ("sdshow bits", Sc::SdShow("bits".into())),
            ("sdset bits D:(A;;CC;;;AU)", Sc::SdSet("bits".into())),
            ("sdset bits", Sc::Usage(None)),
            (
                "description bits \"Moves files\"",
                Sc::Description("bits".into()),
            ),
            ("description bits", Sc::Usage(None)),
            ("delete wuauserv", Sc::Delete("wuauserv".into())),
            ("delete", Sc::Usage(None)),
            ("frobnicate x", Sc::Usage(Some("frobnicate".into()))),
        ];
        for (line, expected) in rows {
            assert_eq!(parse(&w(line)), expected, "{line}");
        }
    }

    #[test]
    fn actions_parse_as_a_table() {
        let rows: [(&str, Option<Actions>); 7] = [
            ("", Some(vec![])),
            ("restart/0", Some(vec![(Action::Restart, 0)])),
            (
                "reboot/800/run/5000",
                Some(vec![(Action::Reboot, 800), (Action::Run, 5000)]),
            ),
            (
                "/0/restart/5",
                Some(vec![(Action::None, 0), (Action::Restart, 5)]),
            ),
            ("restart", None),
            ("restart/-1", None),
            ("restart/99999999999", None),
        ];
        for (value, expected) in rows {
            assert_eq!(parse_actions(value), expected, "{value}");
        }
    }

    #[test]
    fn typed_actions_fill_three_slots_and_the_last_repeats() {
        let r = |d| RecoveryAction::Restart { delay_ms: d };
        let none = RecoveryAction::None;
        let rows: [(Actions, [RecoveryAction; 3]); 5] = [
            (vec![], [none; 3]),
            (vec![(Action::Restart, 5)], [r(5); 3]),
            (
                vec![(Action::Restart, 5), (Action::Restart, 9)],
                [r(5), r(9), r(9)],
            ),
            (
                vec![(Action::Restart, 1), (Action::Run, 2), (Action::Reboot, 3)],
                [r(1), none, none],
            ),
            (
                vec![
                    (Action::Restart, 1),
                    (Action::Restart, 2),
                    (Action::Restart, 3),
                    (Action::Run, 4),
                ],
                [r(1), r(2), r(3)],
            ),
        ];
        for (actions, [first, second, subsequent]) in rows {
            let got = recovery(60, &actions);
            assert_eq!(
                (got.first, got.second, got.subsequent, got.reset_after_ms),
                (first, second, subsequent, 60_000),
                "{actions:?}"
            );
        }
    }

    fn shell() -> (Pc, Shell) {
        let pc = Pc::builder().seed(1).build();
        let sh = Shell::new(&pc);
        (pc, sh)
    }

    #[test]
    fn qfailure_shows_no_actions_by_default() {
        let (mut pc, mut sh) = shell();
        let out = sh.execute(&mut pc, "sc qfailure wuauserv");
        assert_eq!(
            out.text,
            "[SC] QueryServiceConfig2 SUCCESS\n\nSERVICE_NAME: wuauserv\n        RESET_PERIOD (in seconds)    : 86400\n        REBOOT_MESSAGE               :\n        COMMAND_LINE                 :\n\n"
        );
        assert_eq!(out.exit_code, 0);
    }

    #[test]
    fn failure_sets_recovery_that_qfailure_shows_and_the_scm_carries_out() {
        let (mut pc, mut sh) = shell();
        let id = ServiceId::WUAUSERV;
        let out = sh.execute(
            &mut pc,
            "sc failure wuauserv reset= 3600 actions= restart/60000/restart/120000",
        );
        assert_eq!(out.text, "[SC] ChangeServiceConfig2 SUCCESS\n\n");
        assert_eq!(out.exit_code, 0);
        assert_eq!(
            pc.scm().status(id).recovery,
            Recovery {
                first: RecoveryAction::Restart { delay_ms: 60_000 },
                second: RecoveryAction::Restart { delay_ms: 120_000 },
                subsequent: RecoveryAction::Restart { delay_ms: 120_000 },
                reset_after_ms: 3_600_000,
            }
        );
        assert_eq!(
            sh.execute(&mut pc, "sc qfailure WUAUSERV").text,
            "[SC] QueryServiceConfig2 SUCCESS\n\nSERVICE_NAME: WUAUSERV\n        RESET_PERIOD (in seconds)    : 3600\n        REBOOT_MESSAGE               :\n        COMMAND_LINE                 :\n        FAILURE_ACTIONS              : RESTART -- Delay = 60000 milliseconds.\n                                       RESTART -- Delay = 120000 milliseconds.\n                                       RESTART -- Delay = 120000 milliseconds.\n\n"
        );
        // The SCM restarts the service a minute after its process dies.
        sh.execute(&mut pc, "sc start wuauserv");
        pc.run_for(crate::engine::SimDuration::from_secs(5));
        assert_eq!(pc.scm().state(id), ServiceState::Running);
        assert!(pc.crash_service(id));
        assert_eq!(pc.scm().state(id), ServiceState::Stopped);
        pc.run_for(crate::engine::SimDuration::from_secs(50));
        assert_eq!(pc.scm().state(id), ServiceState::Stopped);
        pc.run_for(crate::engine::SimDuration::from_secs(15));
        assert_eq!(pc.scm().state(id), ServiceState::Running);
    }

    #[test]
    fn without_recovery_a_crashed_service_stays_stopped() {
        let (mut pc, mut sh) = shell();
        let id = ServiceId::WUAUSERV;
        sh.execute(&mut pc, "sc start wuauserv");
        pc.run_for(crate::engine::SimDuration::from_secs(5));
        sh.execute(&mut pc, "sc failure wuauserv reset= 0 actions= \"\"");
        assert_eq!(pc.scm().status(id).recovery.first, RecoveryAction::None);
        assert!(pc.crash_service(id));
        pc.run_for(crate::engine::SimDuration::from_secs(120));
        assert_eq!(pc.scm().state(id), ServiceState::Stopped);
    }

    #[test]
    fn failure_notes_what_the_model_leaves_out() {
        let (mut pc, mut sh) = shell();
        let out = sh.execute(
            &mut pc,
            "sc failure bits reset= 60 actions= restart/1/restart/2/restart/3/reboot/4",
        );
        assert!(
            out.text
                .starts_with("[SC] ChangeServiceConfig2 SUCCESS\n\n")
        );
        assert!(
            out.text
                .contains("run and reboot are kept as 'take no action'")
        );
        assert!(
            out.text
                .contains("The actions after the third were dropped.")
        );
        let out = sh.execute(&mut pc, "sc failure bits command= \"C:\\fix.cmd\"");
        assert_eq!(
            out.text,
            "[SC] ChangeServiceConfig2 SUCCESS\n\n(wusim: the simulation does not model reboot= and command=: they were not kept.)\n"
        );
        assert_eq!(
            pc.scm().status(ServiceId::BITS).recovery.subsequent,
            RecoveryAction::Restart { delay_ms: 3 }
        );
    }

    #[test]
    fn failure_refusals() {
        let (mut pc, mut sh) = shell();
        let bad = sh.execute(
            &mut pc,
            "sc failure wuauserv reset= 10 actions= restart/soon",
        );
        assert_eq!(
            bad.text,
            "[SC] ChangeServiceConfig2 FAILED 87:\n\nThe parameter is incorrect.\n\n"
        );
        assert_eq!(bad.exit_code, 87);
        let half = sh.execute(&mut pc, "sc failure wuauserv reset= 10");
        assert!(half.text.starts_with(
            "ERROR:  The reset and actions options must be set simultaneously\n\nDESCRIPTION:\n        Changes the actions upon failure\n"
        ));
        assert_eq!(half.exit_code, 1639);
        let glued = sh.execute(&mut pc, "sc failure wuauserv reset=10 actions= restart/1");
        assert!(glued.text.ends_with("actions= restart/60000'.)\n"));
        assert_eq!(glued.exit_code, 1639);
        let medic = sh.execute(
            &mut pc,
            "sc failure WaaSMedicSvc reset= 10 actions= restart/1",
        );
        assert_eq!(
            medic.text,
            "[SC] ChangeServiceConfig2 FAILED 5:\n\nAccess is denied.\n\n"
        );
        assert_eq!(medic.exit_code, 5);
        let missing = sh.execute(&mut pc, "sc failure nosuch reset= 1 actions= restart/1");
        assert!(missing.text.starts_with("[SC] OpenService FAILED 1060:"));
        assert_eq!(
            pc.scm().status(ServiceId::WUAUSERV).recovery,
            Recovery::NONE
        );
        assert_eq!(
            pc.scm().status(ServiceId::WAAS_MEDIC).recovery,
            Recovery::NONE
        );
    }

    #[test]
    fn config_accepts_every_option_but_keeps_only_the_start_type() {
        let (mut pc, mut sh) = shell();
        let before = sh.execute(&mut pc, "sc qc wuauserv").text;
        let out = sh.execute(
            &mut pc,
            "sc config wuauserv binPath= \"C:\\evil.exe\" obj= LocalSystem DisplayName= \"Updates\" start= auto",
        );
        assert_eq!(
            out.text,
            "[SC] ChangeServiceConfig SUCCESS\n\n(wusim: the simulation does not model binPath= obj= DisplayName=: not kept; sc qc shows the service as it was.)\n"
        );
        assert_eq!(out.exit_code, 0);
        assert_eq!(
            pc.scm().status(ServiceId::WUAUSERV).start_type,
            StartType::Automatic
        );
        let after = sh.execute(&mut pc, "sc qc wuauserv").text;
        assert_eq!(
            after.replace("2   AUTO_START", "3   DEMAND_START"),
            before,
            "only START_TYPE changed"
        );
        // Only start=: no note.
        assert_eq!(
            sh.execute(&mut pc, "sc config wuauserv start= demand").text,
            "[SC] ChangeServiceConfig SUCCESS\n\n"
        );
    }

    #[test]
    fn config_refuses_what_sc_refuses() {
        let (mut pc, mut sh) = shell();
        let bad87 = "[SC] ChangeServiceConfig FAILED 87:\n\nThe parameter is incorrect.\n\n";
        for line in [
            "sc config wuauserv start= automatic",
            "sc config wuauserv start= boot",
            "sc config wuauserv type= weird",
            "sc config wuauserv error= loud start= disabled",
            "sc config wuauserv tag= 1",
            "sc config wuauserv colour= blue",
        ] {
            let out = sh.execute(&mut pc, line);
            assert_eq!(out.text, bad87, "{line}");
            assert_eq!(out.exit_code, 87, "{line}");
            assert!(out.harms.is_empty(), "{line}");
        }
        assert_eq!(
            pc.scm().status(ServiceId::WUAUSERV).start_type,
            StartType::Manual
        );
        let glued = sh.execute(&mut pc, "sc config wuauserv obj=LocalSystem");
        assert!(
            glued
                .text
                .starts_with("DESCRIPTION:\n        Modifies a service entry")
        );
        assert!(glued.text.contains(" password= <password>\n"));
        assert_eq!(glued.exit_code, 1639);
        let medic = sh.execute(&mut pc, "sc config WaaSMedicSvc obj= LocalSystem");
        assert_eq!(
            medic.text,
            "[SC] ChangeServiceConfig FAILED 5:\n\nAccess is denied.\n\n"
        );
    }

    #[test]
    fn the_old_only_start_note_is_gone() {
        let (mut pc, mut sh) = shell();
        let out = sh.execute(&mut pc, "sc config wuauserv type= share");
        assert_eq!(out.exit_code, 0);
        assert!(!out.text.contains("simulates only the start= option"));
    }

    #[test]
    fn descriptions_privileges_and_security() {
        let (mut pc, mut sh) = shell();
        let q = sh.execute(&mut pc, "sc qdescription bits").text;
        assert!(
            q.starts_with("[SC] QueryServiceConfig2 SUCCESS\n\nSERVICE_NAME: bits\nDESCRIPTION:  ")
        );
        assert!(q.contains(ServiceId::BITS.spec().description));
        let set = sh.execute(&mut pc, "sc description bits \"Something else\"");
        assert!(
            set.text
                .starts_with("[SC] ChangeServiceConfig2 SUCCESS\n\n(wusim: ")
        );
        assert_eq!(sh.execute(&mut pc, "sc qdescription bits").text, q);
        let privs = sh.execute(&mut pc, "sc qprivs wuauserv").text;
        assert!(
            privs.starts_with(
                "[SC] QueryServiceConfig2 SUCCESS\n\nSERVICE_NAME: wuauserv\n(wusim: "
            )
        );
        let show = sh.execute(&mut pc, "sc sdshow bits");
        assert_eq!(show.text, format!("\n{DEFAULT_SDDL}\n"));
        assert!(show.text.starts_with("\nD:(A;;CCLCSWRPLORC;;;AU)"));
        let set = sh.execute(&mut pc, "sc sdset bits D:(A;;CCLCSWRPWPDTLOCRRC;;;SY)");
        assert!(
            set.text
                .starts_with("[SC] SetServiceObjectSecurity SUCCESS\n\n(wusim: ")
        );
        assert_eq!(set.exit_code, 0);
        assert_eq!(sh.execute(&mut pc, "sc sdshow bits").text, show.text);
        for (line, header) in [
            (
                "sc sdset WaaSMedicSvc D:",
                "[SC] SetServiceObjectSecurity FAILED 5:",
            ),
            (
                "sc description WaaSMedicSvc x",
                "[SC] ChangeServiceConfig2 FAILED 5:",
            ),
            ("sc delete WaaSMedicSvc", "[SC] DeleteService FAILED 5:"),
            ("sc qprivs nosuch", "[SC] OpenService FAILED 1060:"),
            ("sc sdshow nosuch", "[SC] OpenService FAILED 1060:"),
            ("sc qdescription nosuch", "[SC] OpenService FAILED 1060:"),
            ("sc delete wuaserv", "[SC] OpenService FAILED 1060:"),
        ] {
            let out = sh.execute(&mut pc, line);
            assert!(out.text.starts_with(header), "{line}: {}", out.text);
            assert_ne!(out.exit_code, 0, "{line}");
            assert!(out.harms.is_empty(), "{line}");
        }
    }

    #[test]
    fn delete_answers_as_windows_keeps_the_service_and_counts_as_harm() {
        let (mut pc, mut sh) = shell();
        let out = sh.execute(&mut pc, "sc delete wuauserv");
        assert!(
            out.text
                .starts_with("[SC] DeleteService SUCCESS\n\n(wusim: ")
        );
        assert_eq!(out.exit_code, 0);
        assert_eq!(out.harms, vec![Harm::DeletedService(ServiceId::WUAUSERV)]);
        assert_eq!(
            out.harms[0].describe(),
            "deleted Windows Update (wuauserv) with sc delete, which Windows needs"
        );
        assert!(
            sh.execute(&mut pc, "sc query wuauserv")
                .text
                .contains("SERVICE_NAME: wuauserv")
        );
    }

    #[test]
    fn usage_lists_the_new_subcommands() {
        let (mut pc, mut sh) = shell();
        let out = sh.execute(&mut pc, "sc");
        for word in [
            "failure",
            "qfailure",
            "sdshow",
            "sdset",
            "delete",
            "qprivs",
            "qdescription",
            "description",
        ] {
            assert!(out.text.contains(&format!("  {word}-")), "{word}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        let (mut pc, mut sh) = shell();
        let long = "x".repeat(10_000);
        for line in [
            "sc failure".to_string(),
            "sc failure wuauserv reset=".to_string(),
            "sc failure wuauserv reset= actions=".to_string(),
            "sc failure wuauserv actions= ////".to_string(),
            "sc failure wuauserv reset= ünï actions= rëstart/1".to_string(),
            format!("sc failure wuauserv reset= 1 actions= {long}"),
            format!("sc config wuauserv {long}= x"),
            "sc config wuauserv = =".to_string(),
            "sc sdset".to_string(),
            "sc qfailure".to_string(),
            "sc qfailure ünïcödé".to_string(),
            format!("sc delete {long}"),
            "sc config wuauserv start= \"\"".to_string(),
        ] {
            let out = sh.execute(&mut pc, &line);
            assert!(out.text.is_empty() || out.text.ends_with('\n'), "{line}");
        }
    }
}
