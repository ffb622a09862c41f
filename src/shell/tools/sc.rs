//! `sc.exe`: the Service Control Manager's command-line client — `query`, `queryex`, `qc`,
//! `start`, `stop`, `config` and the rest — with its blocks, usage texts and Win32 exit codes.
//!
//! `sc` returns as soon as the SCM has taken the request (a start shows START_PENDING), takes
//! the service name (not the display name), and needs a space after each `option=`.

use crate::pc::Pc;
use crate::scm::{ServiceId, ServiceState, StartType};
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply};
use crate::shell::render::{self, BlockStyle};
use crate::shell::{Harm, names};
use crate::win32::Win32Error;

/// `sc`'s entry in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["sc"],
    kind: Kind::Program,
    usage: "sc query|queryex|qc|start|stop <service>",
    summary: "Query and control a service (returns at once)",
    topic: Topic::Services,
    help: HELP,
    changes_state: true,
    words: &["query", "queryex", "qc", "start", "stop", "config"],
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
    /// `sc config <service> start= <type>`.
    Config {
        name: String,
        /// The start type, or `None` for `boot`/`system` (not valid for a Win32 service).
        start: Option<StartType>,
    },
    /// `sc config` written wrongly.
    ConfigUsage(ConfigHint),
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
    /// Nothing in particular (no option, an unknown value).
    None,
    /// `start=disabled`: the space after `=` is missing.
    MissingSpace,
    /// An option other than `start=`, which the simulator does not model.
    OnlyStart,
}

fn run(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    sc(ctx.pc, parse(&args.words))
}

fn parse(args: &[String]) -> Sc {
    let lower: Vec<String> = args.iter().map(|a| a.to_ascii_lowercase()).collect();
    let Some(sub) = lower.first() else {
        return Sc::Usage(None);
    };
    let name = args.get(1).cloned();
    match (sub.as_str(), name) {
        ("query" | "queryex", _) => parse_query(sub == "queryex", &args[1..], &lower[1..]),
        ("config", Some(name)) => parse_config(name, &lower[2..]),
        ("config", None) => Sc::ConfigUsage(ConfigHint::None),
        ("qc", Some(name)) => Sc::Qc(name),
        ("start", Some(name)) => Sc::Start(name),
        ("stop", Some(name)) => Sc::Stop(name),
        ("qc" | "start" | "stop", None) => Sc::Usage(None),
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

fn parse_config(name: String, options: &[String]) -> Sc {
    let mut start = None;
    let mut i = 0;
    while i < options.len() {
        let option = options[i].as_str();
        if option == "start=" {
            let value = options.get(i + 1).map(String::as_str).unwrap_or_default();
            start = Some(match value {
                "auto" => Some(StartType::Automatic),
                "delayed-auto" => Some(StartType::AutomaticDelayed),
                "demand" => Some(StartType::Manual),
                "disabled" => Some(StartType::Disabled),
                "boot" | "system" => None,
                _ => return Sc::ConfigUsage(ConfigHint::None),
            });
            i += 2;
        } else if option.starts_with("start=") {
            return Sc::ConfigUsage(ConfigHint::MissingSpace);
        } else if option.ends_with('=') {
            return Sc::ConfigUsage(ConfigHint::OnlyStart);
        } else if option.contains('=') {
            return Sc::ConfigUsage(ConfigHint::MissingSpace);
        } else {
            return Sc::ConfigUsage(ConfigHint::None);
        }
    }
    match start {
        Some(start) => Sc::Config { name, start },
        None => Sc::ConfigUsage(ConfigHint::None),
    }
}

fn sc(pc: &mut Pc, sc: Sc) -> Reply {
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
        Sc::Start(name) => sc_control(pc, &name, true),
        Sc::Stop(name) => sc_control(pc, &name, false),
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

const HELP: &str = "sc query <service> | sc queryex <service> | sc qc <service>
sc start <service> | sc stop <service> | sc config <service> start= auto|delayed-auto|demand|disabled
  In the simulation: talks to the simulated Service Control Manager. sc takes the service
  name (wuauserv), not the display name, and returns at once: a start shows START_PENDING.
  On Windows: sc.exe is the Service Control Manager's own command-line client. The space
  after 'start=' is required. In PowerShell type sc.exe, because sc there is Set-Content.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sc_lines_parse_as_a_table() {
        let w = |s: &str| crate::shell::context::words(s);
        let rows: [(&str, Sc); 8] = [
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
                Sc::Config {
                    name: "wuauserv".into(),
                    start: Some(StartType::Manual),
                },
            ),
            (
                "config wuauserv start=demand",
                Sc::ConfigUsage(ConfigHint::MissingSpace),
            ),
            (
                "config wuauserv start= boot",
                Sc::Config {
                    name: "wuauserv".into(),
                    start: None,
                },
            ),
            ("frobnicate x", Sc::Usage(Some("frobnicate".into()))),
        ];
        for (line, expected) in rows {
            assert_eq!(parse(&w(line)), expected, "{line}");
        }
    }
}
