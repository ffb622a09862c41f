//! `taskkill`: ends a process — what a technician does to a service that hangs in
//! STOP_PENDING, after `sc queryex` gave its PID. The SCM then sees the service terminate
//! unexpectedly.

use crate::pc::Pc;
use crate::scm::ServiceId;
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply};

/// `taskkill`'s entry in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["taskkill"],
    kind: Kind::Program,
    usage: "taskkill /f /pid <PID>",
    summary: "End a service's process (a hung service)",
    topic: Topic::Services,
    help: HELP,
    changes_state: true,
    words: &[],
    run: Some(run),
}];

/// `taskkill` arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Taskkill {
    /// `/pid <n>` as typed.
    pid: Option<String>,
    /// `/f`.
    force: bool,
    /// `/im <image>` was used (not simulated).
    by_image: bool,
}

fn run(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let lower = args.lower();
    let position = |flag: &str| lower.iter().position(|a| a == flag);
    let parsed = Taskkill {
        pid: position("/pid")
            .and_then(|i| args.words.get(i + 1))
            .cloned(),
        force: position("/f").is_some(),
        by_image: position("/im").is_some(),
    };
    taskkill(ctx.pc, &parsed)
}

/// `taskkill /f /pid <PID>`: ends a service's process (what a technician does to a hung
/// service, after `sc queryex` gave its PID).
fn taskkill(pc: &mut Pc, args: &Taskkill) -> Reply {
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

const HELP: &str = "taskkill /f /pid <PID>
  In the simulation: ends the process of the service with that PID (find it with
  sc queryex <service>). The SCM notices the service terminated unexpectedly.
  On Windows: the last resort for a service stuck in STOP_PENDING.
";
