//! `wuauclt`: the Automatic Updates client of Windows 7 and earlier. Old guides still say
//! `wuauclt /detectnow` (or `/resetauthorization /detectnow`, `/reportnow`, `/updatenow`) to
//! make Windows check for updates. On Windows 10 and 11 it returns at once, prints nothing and
//! does nothing (reference §4.5): the Update Orchestrator replaced it — `UsoClient StartScan`,
//! or Check for updates in Settings.
//!
//! Simplification: every switch, known or not, is silently accepted with exit code 0 (the
//! reference says nothing about unknown ones).

use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply};

/// `wuauclt`'s entry in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["wuauclt"],
    kind: Kind::Program,
    usage: "wuauclt /detectnow",
    summary: "The old scan trigger: does nothing on Windows 10/11",
    topic: Topic::WindowsUpdate,
    help: HELP,
    changes_state: false,
    words: &[
        "/detectnow",
        "/resetauthorization /detectnow",
        "/reportnow",
        "/updatenow",
    ],
    run: Some(run),
}];

fn run(_: &mut Ctx<'_>, _: &Args<'_>) -> Reply {
    Reply::ok("")
}

const HELP: &str = "wuauclt /detectnow | /resetauthorization /detectnow | /reportnow | /updatenow
  In the simulation: returns at once, prints nothing and changes nothing, as on Windows
  10 and 11. To make Windows check for updates, use UsoClient StartScan or 'settings check'.
  On Windows: the Automatic Updates client of Windows 7 and earlier; on Windows 10/11 the
  Update Orchestrator (UsoSvc) replaced it, and its switches no longer start a scan.
";

#[cfg(test)]
mod tests {
    use crate::agent::Job;
    use crate::pc::Pc;
    use crate::shell::Shell;

    #[test]
    fn every_form_is_silent_and_starts_no_scan() {
        for line in [
            "wuauclt /detectnow",
            "wuauclt.exe /resetauthorization /detectnow",
            "WUAUCLT /reportnow",
            "wuauclt /updatenow",
            "wuauclt",
            "wuauclt /frob é",
        ] {
            let mut pc = Pc::builder().seed(1).build();
            let mut sh = Shell::new(&pc);
            let out = sh.execute(&mut pc, line);
            assert_eq!((out.text.as_str(), out.exit_code), ("", 0), "{line}");
            assert!(out.recognized && !out.changes_state, "{line}");
            assert_eq!(pc.agent().job, Job::Idle, "{line}");
            assert_eq!(pc.agent().last_checked, None, "{line}");
        }
    }
}
