//! `shutdown`: restart (`/r`), shut down (`/s`), or abort (`/a`) — and the restart every
//! other restart button shares: the PC goes down, staged updates are committed, it comes
//! back, and the learner is signed in again.

use crate::agent::Job;
use crate::engine::SimDuration;
use crate::pc::{Pc, RESTART_DURATION};
use crate::shell::Harm;
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply};
use crate::shell::render;

/// `shutdown`'s entry in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["shutdown"],
    kind: Kind::Program,
    usage: "shutdown /r /t 0",
    summary: "Restart the PC now (shutdown /a aborts)",
    topic: Topic::System,
    help: HELP,
    changes_state: true,
    words: &["/r", "/s", "/a"],
    run: Some(run),
}];

/// How long after a restart the learner is back at the prompt.
const SIGN_IN: SimDuration = SimDuration::from_secs(30);

/// `shutdown` forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shutdown {
    /// `/r` (or `/g`): restart.
    Restart,
    /// `/s` (or `/p`): shut down.
    PowerOff,
    /// `/a`: abort.
    Abort,
    /// No action given.
    Usage,
}

fn parse(lower: &[String]) -> Shutdown {
    let has = |flags: &[&str]| {
        lower
            .iter()
            .any(|a| flags.iter().any(|f| a.trim_start_matches(['/', '-']) == *f))
    };
    if has(&["a"]) {
        Shutdown::Abort
    } else if has(&["r", "g"]) {
        Shutdown::Restart
    } else if has(&["s", "p", "sg"]) {
        Shutdown::PowerOff
    } else {
        Shutdown::Usage
    }
}

fn run(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let pc = &mut *ctx.pc;
    match parse(&args.lower()) {
        Shutdown::Restart => {
            let harm = reboot(pc);
            Reply::ok(rebooted_note(pc)).with_harm(harm)
        }
        Shutdown::PowerOff => {
            let harm = reboot(pc);
            let note = rebooted_note(pc).replace(
                "the PC restarted",
                "the PC shut down and was switched back on",
            );
            Reply::ok(note).with_harm(harm)
        }
        Shutdown::Abort => Reply::new(
            "Unable to abort the system shutdown because no shutdown was in progress.(1116)\n",
            1116,
        ),
        Shutdown::Usage => Reply::ok(render::SHUTDOWN_USAGE),
    }
}

/// Restarts the PC and lets it boot; a restart while an update installs is harmful.
pub(crate) fn reboot(pc: &mut Pc) -> Option<Harm> {
    let harm =
        matches!(pc.agent().job, Job::Installing { .. }).then_some(Harm::RebootDuringInstall);
    pc.reboot();
    pc.run_for(RESTART_DURATION + SIGN_IN);
    harm
}

/// The note printed after a restart the learner asked for.
pub(crate) fn rebooted_note(pc: &Pc) -> String {
    format!(
        "(wusim: the PC restarted and you are signed in again. It is now {}.)\n",
        pc.clock().windows()
    )
}

const HELP: &str = "shutdown /r /t 0 | shutdown /s | shutdown /a | Restart-Computer
  In the simulation: the PC restarts (about a minute and a half), staged updates are
  committed, and you are signed in again. Restarting while an update is installing is a
  harmful move.
  On Windows: /r restarts, /s shuts down, /t sets the delay in seconds, /a aborts.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shutdown_switches() {
        let l = |s: &str| crate::shell::context::words(s);
        assert_eq!(parse(&l("/r /t 0")), Shutdown::Restart);
        assert_eq!(parse(&l("-r -f -t 00")), Shutdown::Restart);
        assert_eq!(parse(&l("/s")), Shutdown::PowerOff);
        assert_eq!(parse(&l("/a")), Shutdown::Abort);
        assert_eq!(parse(&l("/t 5")), Shutdown::Usage);
    }
}
