//! `tasklist` and `taskkill`: the processes of the simulated PC, and ending them — what a
//! technician does to a service that hangs in STOP_PENDING (`taskkill /f /fi "services eq
//! bits"`), or to a servicing worker (`taskkill /f /im TiWorker.exe`). The SCM sees a killed
//! service's process die: the service terminated unexpectedly (event 7034), its dependents
//! stop, and its recovery actions (`sc failure`) run.
//!
//! The processes are those of the running services — each with the PID the SCM gave it
//! (`sc queryex` shows the same one), named `svchost.exe` for a shared-process service and
//! after its own program for the others (`TrustedInstaller.exe`, `msiexec.exe`) — and a few
//! fixed ones with fixed PIDs: the kernel's and the session's (System Idle Process, System,
//! Registry, smss.exe, csrss.exe, wininit.exe, services.exe, lsass.exe), the desktop
//! (explorer.exe), this Command Prompt (cmd.exe and its conhost.exe), and TiWorker.exe while
//! the Windows Modules Installer (TrustedInstaller) runs.
//!
//! `tasklist` takes `/svc`, `/fi` (several are combined), `/nh` and `/fo table|csv`;
//! `taskkill` takes `/f`, `/t` (accepted; no process has children here), `/pid`, `/im` and
//! `/fi`. Filters are `IMAGENAME`, `PID` and `SERVICES`, with `eq` and `ne` (and `gt`, `lt`,
//! `ge`, `le` for `PID`); a trailing `*` matches any ending. The texts are the reference's
//! (§4.11).
//!
//! Simplifications (the book lists these):
//! - Every service runs in a process of its own (as the SCM model has it), so `tasklist /svc`
//!   shows one service per `svchost.exe`, where a PC that does not split svchost groups
//!   several services in one process. The memory figures are fixed, made-up values; the
//!   session processes are only those named above.
//! - The kernel and session processes are protected: taskkill answers `ERROR: The process
//!   with PID N could not be terminated.` + `Reason: Access is denied.` (the reason line is
//!   not in the reference, and Windows words it differently for System). explorer.exe,
//!   cmd.exe, conhost.exe and TiWorker.exe are not modelled: taskkill reports them ended, as
//!   Windows would, and a `(wusim: ...)` note says they go on running (a killed TiWorker
//!   does not fail an installation under way, as it could on Windows).
//! - Without `/f`, a service's process refuses (`This process can only be terminated
//!   forcefully`), as processes without a window do; explorer.exe and cmd.exe are "sent the
//!   termination signal", and nothing happens.
//! - Killing the processes of the core RPC services (`taskkill /f /im svchost.exe`) crashes
//!   them and everything that depends on them; on Windows the PC would restart itself
//!   shortly after. wusim leaves the PC running, with its services down until a restart.
//! - A filter, switch or format wusim does not simulate (`STATUS`, `/v`, `/fo list`...) gets
//!   a `(wusim: ...)` note, not Windows' error text. With several targets and some failing,
//!   the exit code is the first failure's (128 for not found, 1 for not ended).
//! - The plain `tasklist` layout and the CSV form are modelled from public pastes; `/nh`
//!   keeps the blank line before the rows.

use std::fmt::Write as _;

use crate::assess::Fact;
use crate::pc::Pc;
use crate::scm::{ServiceId, ServiceKind, ServiceState};
use crate::shell::builtins::dirs::thousands;
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply};

/// The entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[
    Command {
        names: &["tasklist"],
        kind: Kind::Program,
        usage: "tasklist [/svc] [/fi \"services eq <service>\"]",
        summary: "List the running processes (with /svc, their services)",
        topic: Topic::Services,
        help: TASKLIST_HELP,
        changes_state: false,
        words: &["/svc", "/fi", "/nh", "/fo csv"],
        run: Some(tasklist),
    },
    Command {
        names: &["taskkill"],
        kind: Kind::Program,
        usage: "taskkill /f /pid <PID> | /im <image> | /fi \"...\"",
        summary: "End a process (a hung service's svchost)",
        topic: Topic::Services,
        help: TASKKILL_HELP,
        changes_state: true,
        words: &["/f /pid", "/f /im", "/f /fi"],
        run: Some(taskkill),
    },
];

/// How a process may be ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// A kernel or session process Windows protects: Access is denied.
    Critical,
    /// A process the simulation does not model: reported ended, it goes on running.
    /// `window`: without `/f` it is asked to close.
    Unmodelled { window: bool },
    /// The process of a service.
    Service(ServiceId),
}

/// One process, as `tasklist` shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Process {
    image: &'static str,
    pid: u32,
    /// `Services` (session 0) or `Console` (session 1).
    session: &'static str,
    session_no: u8,
    /// Memory in use, in KB.
    mem_k: u32,
    role: Role,
}

/// A fixed process: image, PID, session 0 or 1, memory in KB, role.
type Fixed = (&'static str, u32, u8, u32, Role);

/// The kernel's and session 0's processes, before the services. Their PIDs are below 1,000
/// and the console's above 16,000, where the SCM never puts a service's.
const KERNEL: [Fixed; 8] = [
    ("System Idle Process", 0, 0, 8, Role::Critical),
    ("System", 4, 0, 148, Role::Critical),
    ("Registry", 108, 0, 71_660, Role::Critical),
    ("smss.exe", 380, 0, 1_076, Role::Critical),
    ("csrss.exe", 500, 0, 5_264, Role::Critical),
    ("wininit.exe", 584, 0, 6_840, Role::Critical),
    ("services.exe", 656, 0, 10_824, Role::Critical),
    ("lsass.exe", 672, 0, 20_128, Role::Critical),
];

/// The servicing worker, listed while TrustedInstaller runs.
const TIWORKER: Fixed = (
    "TiWorker.exe",
    17_028,
    0,
    48_212,
    Role::Unmodelled { window: false },
);

/// The desktop and this console.
const CONSOLE: [Fixed; 3] = [
    (
        "explorer.exe",
        16_440,
        1,
        112_604,
        Role::Unmodelled { window: true },
    ),
    (
        "cmd.exe",
        17_300,
        1,
        4_420,
        Role::Unmodelled { window: true },
    ),
    (
        "conhost.exe",
        17_312,
        1,
        19_804,
        Role::Unmodelled { window: false },
    ),
];

fn fixed((image, pid, session_no, mem_k, role): Fixed) -> Process {
    Process {
        image,
        pid,
        session: if session_no == 0 {
            "Services"
        } else {
            "Console"
        },
        session_no,
        mem_k,
        role,
    }
}

/// The program a service runs in: `svchost.exe`, or its own (`TrustedInstaller.exe`).
fn image(id: ServiceId) -> &'static str {
    let spec = id.spec();
    match spec.kind {
        ServiceKind::ShareProcess => "svchost.exe",
        ServiceKind::OwnProcess => {
            let path = spec.binary_path;
            let end = path
                .to_ascii_lowercase()
                .find(".exe")
                .map_or(path.len(), |i| i + 4);
            let exe = &path[..end];
            exe.rsplit('\\').next().unwrap_or(exe)
        }
    }
}

/// Every process now, in the order tasklist lists them.
fn processes(pc: &Pc) -> Vec<Process> {
    let mut out: Vec<Process> = KERNEL.into_iter().map(fixed).collect();
    let mut services: Vec<Process> = ServiceId::all()
        .filter(|&id| pc.scm().status(id).pid != 0)
        .map(|id| Process {
            image: image(id),
            pid: pc.scm().status(id).pid,
            session: "Services",
            session_no: 0,
            mem_k: 6_000 + (id.index() as u32 * 3_719) % 28_000,
            role: Role::Service(id),
        })
        .collect();
    services.sort_by_key(|p| p.pid);
    out.extend(services);
    if pc.scm().state(ServiceId::TRUSTED_INSTALLER) == ServiceState::Running {
        out.push(fixed(TIWORKER));
    }
    out.extend(CONSOLE.into_iter().map(fixed));
    out
}

/// The services a process hosts.
fn services(p: &Process) -> Option<ServiceId> {
    match p.role {
        Role::Service(id) => Some(id),
        Role::Critical | Role::Unmodelled { .. } => None,
    }
}

/// What a filter looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Image,
    Pid,
    Services,
}

/// How a filter compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Gt,
    Lt,
    Ge,
    Le,
}

/// One `/fi "<field> <op> <value>"`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Filter {
    field: Field,
    op: Op,
    value: String,
}

/// Reads a filter; `None` for one wusim does not simulate.
fn parse_filter(text: &str) -> Option<Filter> {
    let mut parts = text.split_whitespace();
    let field = match parts.next()?.to_ascii_lowercase().as_str() {
        "imagename" => Field::Image,
        "pid" => Field::Pid,
        "services" => Field::Services,
        _ => return None,
    };
    let op = match parts.next()?.to_ascii_lowercase().as_str() {
        "eq" => Op::Eq,
        "ne" => Op::Ne,
        "gt" => Op::Gt,
        "lt" => Op::Lt,
        "ge" => Op::Ge,
        "le" => Op::Le,
        _ => return None,
    };
    let value = parts.collect::<Vec<_>>().join(" ");
    let numeric = field == Field::Pid;
    if value.is_empty()
        || (!numeric && !matches!(op, Op::Eq | Op::Ne))
        || (numeric && value.parse::<u32>().is_err())
    {
        return None;
    }
    Some(Filter { field, op, value })
}

/// `name` matches `pattern` (any case; a trailing `*` matches any ending).
fn name_matches(pattern: &str, name: &str) -> bool {
    let (pattern, name) = (pattern.to_lowercase(), name.to_lowercase());
    match pattern.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => pattern == name,
    }
}

impl Filter {
    fn keeps(&self, p: &Process) -> bool {
        let equal = match self.field {
            Field::Image => name_matches(&self.value, p.image),
            Field::Services => services(p).is_some_and(|id| name_matches(&self.value, id.name())),
            Field::Pid => {
                let value = self.value.parse::<u32>().unwrap_or(u32::MAX);
                return match self.op {
                    Op::Eq => p.pid == value,
                    Op::Ne => p.pid != value,
                    Op::Gt => p.pid > value,
                    Op::Lt => p.pid < value,
                    Op::Ge => p.pid >= value,
                    Op::Le => p.pid <= value,
                };
            }
        };
        if self.op == Op::Ne { !equal } else { equal }
    }
}

/// The note for what wusim does not simulate.
fn not_simulated(program: &str, what: &str) -> Reply {
    Reply::error(
        format!(
            "(wusim: the practice shell's {program} does not simulate {what}. It filters on IMAGENAME, PID and SERVICES, with eq and ne (and gt, lt, ge, le for PID); '{program} /?' tells more.)\n"
        ),
        1,
    )
}

/// `tasklist` arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct ListArgs {
    svc: bool,
    no_header: bool,
    csv: bool,
    filters: Vec<Filter>,
}

fn parse_tasklist(words: &[String]) -> Result<ListArgs, String> {
    let mut args = ListArgs::default();
    let mut i = 0;
    while i < words.len() {
        let word = words[i].to_ascii_lowercase();
        let value = words.get(i + 1);
        match word.as_str() {
            "/svc" => args.svc = true,
            "/nh" => args.no_header = true,
            "/fo" => {
                match value.map(|v| v.to_ascii_lowercase()).as_deref() {
                    Some("table") => args.csv = false,
                    Some("csv") => args.csv = true,
                    Some(other) => return Err(format!("the format '{other}'")),
                    None => return Err("/fo without a format".to_string()),
                }
                i += 1;
            }
            "/fi" => {
                let Some(text) = value else {
                    return Err("/fi without a filter".to_string());
                };
                let filter = parse_filter(text).ok_or_else(|| format!("the filter \"{text}\""))?;
                args.filters.push(filter);
                i += 1;
            }
            _ => return Err(format!("'{}'", words[i])),
        }
        i += 1;
    }
    Ok(args)
}

/// `12,345 K`.
fn memory(kb: u32) -> String {
    format!("{} K", thousands(u64::from(kb)))
}

fn tasklist(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let list = match parse_tasklist(&args.words) {
        Ok(list) => list,
        Err(what) => return not_simulated("tasklist", &what),
    };
    let shown: Vec<Process> = processes(ctx.pc)
        .into_iter()
        .filter(|p| list.filters.iter().all(|f| f.keeps(p)))
        .collect();
    if list.svc {
        // The services listed; without a filter, the ones left out are not running.
        let named = |f: &Filter| {
            (f.field == Field::Services && f.op == Op::Eq)
                .then(|| ServiceId::all().find(|id| id.name().eq_ignore_ascii_case(&f.value)))
                .flatten()
        };
        let unfiltered = list
            .filters
            .is_empty()
            .then(ServiceId::all)
            .into_iter()
            .flatten();
        let seen: Vec<ServiceId> = shown
            .iter()
            .filter_map(services)
            .chain(list.filters.iter().filter_map(named))
            .chain(unfiltered)
            .collect();
        for id in seen {
            ctx.saw(Fact::Service(id));
        }
    }
    if shown.is_empty() {
        return Reply::ok("INFO: No tasks are running which match the specified criteria.\n");
    }
    Reply::ok(render_list(&list, &shown))
}

fn render_list(list: &ListArgs, shown: &[Process]) -> String {
    let mut out = String::new();
    let service_names = |p: &Process| services(p).map_or("N/A", ServiceId::name);
    if list.csv {
        if !list.no_header {
            out.push_str(if list.svc {
                "\"Image Name\",\"PID\",\"Services\"\n"
            } else {
                "\"Image Name\",\"PID\",\"Session Name\",\"Session#\",\"Mem Usage\"\n"
            });
        }
        for p in shown {
            if list.svc {
                let _ = writeln!(
                    out,
                    "\"{}\",\"{}\",\"{}\"",
                    p.image,
                    p.pid,
                    service_names(p)
                );
            } else {
                let _ = writeln!(
                    out,
                    "\"{}\",\"{}\",\"{}\",\"{}\",\"{}\"",
                    p.image,
                    p.pid,
                    p.session,
                    p.session_no,
                    memory(p.mem_k)
                );
            }
        }
        return out;
    }
    out.push('\n');
    if !list.no_header {
        if list.svc {
            out.push_str(SVC_HEADER);
        } else {
            out.push_str(HEADER);
        }
    }
    for p in shown {
        if list.svc {
            let _ = writeln!(out, "{:<25} {:>8} {}", p.image, p.pid, service_names(p));
        } else {
            let _ = writeln!(
                out,
                "{:<25} {:>8} {:<16} {:>11} {:>12}",
                p.image,
                p.pid,
                p.session,
                p.session_no,
                memory(p.mem_k)
            );
        }
    }
    out
}

/// `taskkill` arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct KillArgs {
    force: bool,
    /// `/pid` values as typed.
    pids: Vec<String>,
    /// `/im` values as typed.
    images: Vec<String>,
    filters: Vec<Filter>,
}

/// Why a `taskkill` line cannot run.
#[derive(Clone, Debug, PartialEq, Eq)]
enum KillError {
    /// No target, a switch without its value, a PID that is not a number.
    Syntax,
    /// A switch or filter wusim does not simulate.
    NotSimulated(String),
}

fn parse_taskkill(words: &[String]) -> Result<KillArgs, KillError> {
    let mut args = KillArgs::default();
    let mut i = 0;
    while i < words.len() {
        let word = words[i].to_ascii_lowercase();
        let value = words.get(i + 1).cloned();
        match word.as_str() {
            "/f" => args.force = true,
            "/t" => {}
            "/pid" | "/im" | "/fi" => {
                let value = value.ok_or(KillError::Syntax)?;
                match word.as_str() {
                    "/pid" if value.trim().parse::<u32>().is_err() => {
                        return Err(KillError::Syntax);
                    }
                    "/pid" => args.pids.push(value.trim().to_string()),
                    "/im" => args.images.push(value),
                    _ => args.filters.push(parse_filter(&value).ok_or_else(|| {
                        KillError::NotSimulated(format!("the filter \"{value}\""))
                    })?),
                }
                i += 1;
            }
            _ => return Err(KillError::NotSimulated(format!("'{}'", words[i]))),
        }
        i += 1;
    }
    if args.pids.is_empty() && args.images.is_empty() && args.filters.is_empty() {
        return Err(KillError::Syntax);
    }
    Ok(args)
}

/// How a process was named, which decides the wording of taskkill's lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Named {
    /// By `/pid` or `/fi`: `The process with PID N`.
    Pid,
    /// By `/im`: `The process "x.exe" with PID N`.
    Image,
}

fn subject(p: &Process, named: Named) -> String {
    match named {
        Named::Pid => format!("with PID {}", p.pid),
        Named::Image => format!("\"{}\" with PID {}", p.image, p.pid),
    }
}

fn taskkill(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let kill = match parse_taskkill(&args.words) {
        Ok(kill) => kill,
        Err(KillError::Syntax) => {
            return Reply::error(
                "ERROR: Invalid syntax.\n(wusim: the practice shell simulates 'taskkill /f /pid <PID>', 'taskkill /f /im <image>' and 'taskkill /f /fi \"services eq <service>\"'; 'sc queryex <service>' and 'tasklist /svc' show the PIDs.)\n",
                1,
            );
        }
        Err(KillError::NotSimulated(what)) => return not_simulated("taskkill", &what),
    };
    let all = processes(ctx.pc);
    let kept = |p: &&Process| kill.filters.iter().all(|f| f.keeps(p));
    // The targets in order, each with how it was named; a name matching nothing is an error.
    let mut targets: Vec<(Process, Named)> = Vec::new();
    let mut out = String::new();
    let mut err = String::new();
    let mut exit = 0;
    let mut fail = |err: &mut String, text: String, code: i32| {
        err.push_str(&text);
        if exit == 0 {
            exit = code;
        }
    };
    for pid in &kill.pids {
        let found = all
            .iter()
            .filter(kept)
            .find(|p| pid.parse::<u32>().ok() == Some(p.pid));
        match found {
            Some(p) => targets.push((p.clone(), Named::Pid)),
            None => fail(
                &mut err,
                format!("ERROR: The process \"{pid}\" not found.\n"),
                128,
            ),
        }
    }
    for name in &kill.images {
        let found: Vec<&Process> = all
            .iter()
            .filter(kept)
            .filter(|p| name_matches(name, p.image))
            .collect();
        if found.is_empty() {
            fail(
                &mut err,
                format!("ERROR: The process \"{name}\" not found.\n"),
                128,
            );
        }
        targets.extend(found.into_iter().map(|p| (p.clone(), Named::Image)));
    }
    if kill.pids.is_empty() && kill.images.is_empty() {
        targets.extend(all.iter().filter(kept).map(|p| (p.clone(), Named::Pid)));
        if targets.is_empty() {
            return Reply::ok("\nINFO: No tasks running with the specified criteria.\n");
        }
    }
    let mut unmodelled: Vec<&'static str> = Vec::new();
    for (p, named) in &targets {
        let who = subject(p, *named);
        match p.role {
            Role::Critical => fail(
                &mut err,
                format!(
                    "ERROR: The process {who} could not be terminated.\nReason: Access is denied.\n"
                ),
                1,
            ),
            Role::Unmodelled { window: true } if !kill.force => {
                let _ = writeln!(
                    out,
                    "SUCCESS: Sent termination signal to the process {who}."
                );
                unmodelled.push(p.image);
            }
            Role::Unmodelled { .. } | Role::Service(_) if !kill.force => fail(
                &mut err,
                format!(
                    "ERROR: The process {who} could not be terminated.\nReason: This process can only be terminated forcefully (with /F option).\n"
                ),
                1,
            ),
            Role::Unmodelled { .. } => {
                let _ = writeln!(out, "SUCCESS: The process {who} has been terminated.");
                unmodelled.push(p.image);
            }
            Role::Service(id) => {
                // A service that died with an earlier target (its dependency) is gone already.
                if ctx.pc.scm().status(id).pid == p.pid {
                    ctx.pc.crash_service(id);
                }
                let _ = writeln!(out, "SUCCESS: The process {who} has been terminated.");
            }
        }
    }
    unmodelled.dedup();
    if !unmodelled.is_empty() {
        let _ = writeln!(
            out,
            "(wusim: the simulation does not model {}: it goes on running, and nothing changed.)",
            unmodelled.join(", ")
        );
    }
    Reply {
        err,
        ..Reply::new(out, exit)
    }
}

/// The heading of `tasklist`.
const HEADER: &str = "Image Name                     PID Session Name        Session#    Mem Usage
========================= ======== ================ =========== ============
";

/// The heading of `tasklist /svc`.
const SVC_HEADER: &str = "Image Name                     PID Services
========================= ======== ============================================
";

const TASKLIST_HELP: &str =
    "tasklist [/svc] [/fi \"<field> <op> <value>\"]... [/nh] [/fo table|csv]
  In the simulation: lists the processes of the running services (svchost.exe, or the
  service's own program such as TrustedInstaller.exe) with the PIDs sc queryex shows, and a
  few fixed system and desktop processes; TiWorker.exe while the Windows Modules Installer
  runs. /svc shows each process's service. Filters: IMAGENAME, PID and SERVICES, with eq and
  ne (gt, lt, ge, le for PID), as in tasklist /svc /fi \"services eq wuauserv\". wusim runs
  every service in a process of its own, and the memory figures are made up.
  On Windows: shows the processes running now; several services often share one svchost.exe.
";

const TASKKILL_HELP: &str =
    "taskkill /f /pid <PID> | taskkill /f /im <image> | taskkill /f /fi \"services eq <service>\"
  In the simulation: ends a service's process (find it with sc queryex <service> or
  tasklist /svc); the SCM sees the service terminate unexpectedly, stops what depends on it
  and runs its recovery actions. /im ends every process of that name (/im svchost.exe takes
  down every shared service). System processes refuse (Access is denied); explorer.exe,
  cmd.exe, conhost.exe and TiWorker.exe are reported ended but are not modelled and go on
  running. Without /f a service's process refuses to end.
  On Windows: the last resort for a service stuck in STOP_PENDING.
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::SimDuration;
    use crate::shell::Shell;

    fn shell() -> (Pc, Shell) {
        let pc = Pc::builder().seed(1).build();
        let sh = Shell::new(&pc);
        (pc, sh)
    }

    fn running(pc: &mut Pc, sh: &mut Shell, service: &str) -> u32 {
        sh.execute(pc, &format!("sc start {service}"));
        pc.run_for(SimDuration::from_secs(5));
        let id = ServiceId::find(service).expect("a service");
        assert_eq!(pc.scm().state(id), ServiceState::Running, "{service}");
        pc.scm().status(id).pid
    }

    #[test]
    fn filters_parse_as_a_table() {
        let f = |field, op, value: &str| {
            Some(Filter {
                field,
                op,
                value: value.to_string(),
            })
        };
        let rows: [(&str, Option<Filter>); 10] = [
            (
                "services eq wuauserv",
                f(Field::Services, Op::Eq, "wuauserv"),
            ),
            (
                "IMAGENAME EQ svchost.exe",
                f(Field::Image, Op::Eq, "svchost.exe"),
            ),
            (
                "imagename ne System Idle Process",
                f(Field::Image, Op::Ne, "System Idle Process"),
            ),
            ("pid gt 1000", f(Field::Pid, Op::Gt, "1000")),
            ("pid eq x", None),
            ("imagename gt a", None),
            ("status eq running", None),
            ("services", None),
            ("services eq", None),
            ("", None),
        ];
        for (text, expected) in rows {
            assert_eq!(parse_filter(text), expected, "{text}");
        }
    }

    #[test]
    fn images_and_memory() {
        assert_eq!(image(ServiceId::WUAUSERV), "svchost.exe");
        assert_eq!(image(ServiceId::TRUSTED_INSTALLER), "TrustedInstaller.exe");
        assert_eq!(image(ServiceId::MSISERVER), "msiexec.exe");
        for (kb, text) in [
            (8, "8 K"),
            (148, "148 K"),
            (1_076, "1,076 K"),
            (112_604, "112,604 K"),
            (1_234_567, "1,234,567 K"),
        ] {
            assert_eq!(memory(kb), text);
        }
        for (pattern, name, matches) in [
            ("svchost.exe", "SVCHOST.EXE", true),
            ("svc*", "svchost.exe", true),
            ("*", "System", true),
            ("svchost", "svchost.exe", false),
            ("ünï*", "ünïcode", true),
        ] {
            assert_eq!(name_matches(pattern, name), matches, "{pattern} {name}");
        }
    }

    #[test]
    fn tasklist_svc_finds_the_service_by_its_pid() {
        let (mut pc, mut sh) = shell();
        let stopped = sh.execute(&mut pc, "tasklist /svc /fi \"services eq wuauserv\"");
        assert_eq!(
            stopped.text,
            "INFO: No tasks are running which match the specified criteria.\n"
        );
        let pid = running(&mut pc, &mut sh, "wuauserv");
        let out = sh.execute(&mut pc, "tasklist /svc /fi \"services eq wuauserv\"");
        assert_eq!(
            out.text,
            format!(
                "\nImage Name                     PID Services\n========================= ======== ============================================\nsvchost.exe               {pid:>8} wuauserv\n"
            )
        );
        assert!(
            sh.execute(&mut pc, "sc queryex wuauserv")
                .text
                .contains(&format!("PID                : {pid}\n"))
        );
    }

    #[test]
    fn tasklist_lists_system_service_and_console_processes() {
        let (mut pc, mut sh) = shell();
        let out = sh.execute(&mut pc, "tasklist");
        assert!(out.text.starts_with(
            "\nImage Name                     PID Session Name        Session#    Mem Usage\n========================= ======== ================ =========== ============\nSystem Idle Process              0 Services                   0          8 K\nSystem                           4 Services                   0        148 K\n"
        ));
        assert!(out.text.contains(
            "\nexplorer.exe                 16440 Console                    1    112,604 K\n"
        ));
        let svchosts = out.text.matches("\nsvchost.exe ").count();
        let running = ServiceId::all()
            .filter(|&id| {
                pc.scm().status(id).pid != 0 && id.spec().kind == ServiceKind::ShareProcess
            })
            .count();
        assert!(running > 0);
        assert_eq!(svchosts, running);
        assert!(!out.text.contains("TiWorker.exe"));
        let only = sh
            .execute(&mut pc, "tasklist /fi \"imagename eq svchost.exe\" /nh")
            .text;
        assert!(only.starts_with("\nsvchost.exe "));
        assert_eq!(only.lines().filter(|l| !l.is_empty()).count(), running);
        let csv = sh
            .execute(&mut pc, "tasklist /fo csv /fi \"pid eq 4\"")
            .text;
        assert_eq!(
            csv,
            "\"Image Name\",\"PID\",\"Session Name\",\"Session#\",\"Mem Usage\"\n\"System\",\"4\",\"Services\",\"0\",\"148 K\"\n"
        );
        let svc = sh.execute(&mut pc, "tasklist /svc /fi \"pid eq 672\"").text;
        assert!(svc.ends_with("lsass.exe                      672 N/A\n"));
    }

    #[test]
    fn tiworker_runs_while_trusted_installer_runs() {
        let (mut pc, mut sh) = shell();
        running(&mut pc, &mut sh, "TrustedInstaller");
        let out = sh
            .execute(&mut pc, "tasklist /fi \"imagename eq TiWorker.exe\"")
            .text;
        assert!(out.contains("\nTiWorker.exe                 17028 Services "));
        let out = sh
            .execute(
                &mut pc,
                "tasklist /svc /fi \"services eq trustedinstaller\"",
            )
            .text;
        assert!(out.contains("\nTrustedInstaller.exe "));
        let kill = sh.execute(&mut pc, "taskkill /f /im TiWorker.exe");
        assert!(kill.text.starts_with(
            "SUCCESS: The process \"TiWorker.exe\" with PID 17028 has been terminated.\n(wusim: "
        ));
        assert_eq!(kill.exit_code, 0);
        assert_eq!(
            pc.scm().state(ServiceId::TRUSTED_INSTALLER),
            ServiceState::Running
        );
    }

    #[test]
    fn taskkill_by_pid_crashes_the_service() {
        let (mut pc, mut sh) = shell();
        let pid = running(&mut pc, &mut sh, "bits");
        let polite = sh.execute(&mut pc, &format!("taskkill /pid {pid}"));
        assert_eq!(
            polite.text,
            format!(
                "ERROR: The process with PID {pid} could not be terminated.\nReason: This process can only be terminated forcefully (with /F option).\n"
            )
        );
        assert_eq!(polite.exit_code, 1);
        assert_eq!(pc.scm().state(ServiceId::BITS), ServiceState::Running);
        let out = sh.execute(&mut pc, &format!("taskkill /f /pid {pid}"));
        assert_eq!(
            out.text,
            format!("SUCCESS: The process with PID {pid} has been terminated.\n")
        );
        assert_eq!(pc.scm().state(ServiceId::BITS), ServiceState::Stopped);
        assert_eq!(
            pc.scm().status(ServiceId::BITS).exit_code,
            crate::win32::Win32Error::PROCESS_ABORTED
        );
        let again = sh.execute(&mut pc, &format!("taskkill /f /pid {pid}"));
        assert_eq!(
            again.text,
            format!("ERROR: The process \"{pid}\" not found.\n")
        );
        assert_eq!(again.exit_code, 128);
    }

    #[test]
    fn taskkill_by_service_filter_and_recovery_restarts_it() {
        let (mut pc, mut sh) = shell();
        sh.execute(
            &mut pc,
            "sc failure wuauserv reset= 86400 actions= restart/60000",
        );
        let pid = running(&mut pc, &mut sh, "wuauserv");
        let out = sh.execute(&mut pc, "taskkill /f /fi \"services eq wuauserv\"");
        assert_eq!(
            out.text,
            format!("SUCCESS: The process with PID {pid} has been terminated.\n")
        );
        assert_eq!(pc.scm().state(ServiceId::WUAUSERV), ServiceState::Stopped);
        pc.run_for(SimDuration::from_secs(65));
        assert_eq!(pc.scm().state(ServiceId::WUAUSERV), ServiceState::Running);
        // Now nothing matches a stopped service.
        sh.execute(&mut pc, "sc stop bits");
        pc.run_for(SimDuration::from_secs(5));
        let none = sh.execute(&mut pc, "taskkill /f /fi \"services eq bits\"");
        assert_eq!(
            none.text,
            "\nINFO: No tasks running with the specified criteria.\n"
        );
    }

    #[test]
    fn taskkill_by_image_ends_every_match_and_refuses_system_processes() {
        let (mut pc, mut sh) = shell();
        running(&mut pc, &mut sh, "wuauserv");
        let out = sh.execute(&mut pc, "taskkill /f /im svchost.exe");
        assert!(
            out.text
                .starts_with("SUCCESS: The process \"svchost.exe\" with PID ")
        );
        assert_eq!(out.exit_code, 0);
        assert!(
            ServiceId::all()
                .filter(|id| id.spec().kind == ServiceKind::ShareProcess)
                .all(|id| pc.scm().state(id) == ServiceState::Stopped)
        );
        let denied = sh.execute(&mut pc, "taskkill /f /im csrss.exe");
        assert_eq!(
            denied.text,
            "ERROR: The process \"csrss.exe\" with PID 500 could not be terminated.\nReason: Access is denied.\n"
        );
        assert_eq!(denied.exit_code, 1);
        let denied = sh.execute(&mut pc, "taskkill /f /pid 4");
        assert_eq!(
            denied.text,
            "ERROR: The process with PID 4 could not be terminated.\nReason: Access is denied.\n"
        );
        let missing = sh.execute(&mut pc, "taskkill /f /im nosuch.exe");
        assert_eq!(
            missing.text,
            "ERROR: The process \"nosuch.exe\" not found.\n"
        );
        assert_eq!(missing.exit_code, 128);
        let explorer = sh.execute(&mut pc, "taskkill /im explorer.exe");
        assert!(explorer.text.starts_with(
            "SUCCESS: Sent termination signal to the process \"explorer.exe\" with PID 16440.\n(wusim: "
        ));
        assert!(
            sh.execute(&mut pc, "tasklist /fi \"imagename eq explorer.exe\"")
                .text
                .contains("explorer.exe")
        );
    }

    #[test]
    fn errors_and_notes() {
        let (mut pc, mut sh) = shell();
        for line in [
            "taskkill",
            "taskkill /f",
            "taskkill /pid",
            "taskkill /pid abc",
            "taskkill /f /im",
        ] {
            let out = sh.execute(&mut pc, line);
            assert!(
                out.text.starts_with("ERROR: Invalid syntax.\n(wusim: "),
                "{line}"
            );
            assert_eq!(out.exit_code, 1, "{line}");
        }
        for line in [
            "taskkill /f /fi \"status eq hung\"",
            "taskkill /x",
            "tasklist /v",
            "tasklist /fo list",
            "tasklist /fi",
            "tasklist /fi \"username eq x\"",
        ] {
            let out = sh.execute(&mut pc, line);
            assert!(
                out.text.starts_with("(wusim: the practice shell's task"),
                "{line}"
            );
            assert_eq!(out.exit_code, 1, "{line}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        let (mut pc, mut sh) = shell();
        let long = "ü".repeat(5_000);
        for line in [
            format!("tasklist /fi \"imagename eq {long}\""),
            format!("taskkill /f /im {long}"),
            format!("taskkill /f /pid 99999999999999999999{long}"),
            "taskkill /f /pid 0".to_string(),
            "taskkill /f /fi \"pid ge 0\"".to_string(),
            "tasklist /fi \"pid lt 0\"".to_string(),
            "tasklist /svc /svc /nh /nh".to_string(),
        ] {
            let out = sh.execute(&mut pc, &line);
            assert!(out.text.is_empty() || out.text.ends_with('\n'), "{line}");
        }
    }
}
