//! `UsoClient`: the undocumented client of the Update Orchestrator, which replaced
//! `wuauclt /detectnow`. Every verb asks the Orchestrator for something (over COM, which
//! starts a stopped UsoSvc on demand) and prints nothing.

use super::shutdown::reboot;
use crate::agent::Job;
use crate::engine::SimDuration;
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply};

/// `UsoClient`'s entry in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["usoclient"],
    kind: Kind::Program,
    usage: "UsoClient StartScan",
    summary: "Ask the Update Orchestrator to scan (see help usoclient)",
    topic: Topic::WindowsUpdate,
    help: HELP,
    changes_state: true,
    words: &[
        "StartScan",
        "StartInteractiveScan",
        "StartDownload",
        "StartInstall",
        "ScanInstallWait",
        "RestartDevice",
        "RefreshSettings",
        "ResumeUpdate",
    ],
    run: Some(run),
}];

/// How long `UsoClient ScanInstallWait` waits at most for the agent to be idle.
const SCAN_INSTALL_WAIT: SimDuration = SimDuration::from_hours(2);

/// `UsoClient` verbs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UsoVerb {
    StartScan,
    StartDownload,
    StartInstall,
    ScanInstallWait,
    RestartDevice,
    RefreshSettings,
    ResumeUpdate,
}

fn verb(word: &str) -> Option<UsoVerb> {
    Some(match word.to_ascii_lowercase().as_str() {
        "startscan" | "startinteractivescan" => UsoVerb::StartScan,
        "startdownload" => UsoVerb::StartDownload,
        "startinstall" => UsoVerb::StartInstall,
        "scaninstallwait" => UsoVerb::ScanInstallWait,
        "restartdevice" => UsoVerb::RestartDevice,
        "refreshsettings" => UsoVerb::RefreshSettings,
        "resumeupdate" => UsoVerb::ResumeUpdate,
        _ => return None,
    })
}

fn run(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let Some(verb) = args.words.first().and_then(|w| verb(w)) else {
        return Reply::new("", 1);
    };
    // Asking Windows Update to scan, download or install is not a change of the learner's:
    // what follows is Windows Update at work.
    ctx.waited = matches!(
        verb,
        UsoVerb::StartScan
            | UsoVerb::StartDownload
            | UsoVerb::StartInstall
            | UsoVerb::ScanInstallWait
    );
    let pc = &mut *ctx.pc;
    let mut harm = None;
    match verb {
        UsoVerb::StartScan => {
            pc.check_for_updates();
        }
        UsoVerb::StartDownload => {
            pc.start_download_now();
        }
        UsoVerb::StartInstall => {
            pc.start_install_now();
        }
        UsoVerb::ScanInstallWait => {
            pc.check_for_updates();
            let step = SimDuration::from_secs(30);
            let mut waited = SimDuration::ZERO;
            loop {
                pc.run_for(step);
                waited = waited + step;
                if pc.agent().job == Job::Idle || waited >= SCAN_INSTALL_WAIT {
                    break;
                }
            }
        }
        UsoVerb::RestartDevice => {
            if pc.device().pending_restart() {
                harm = reboot(pc);
            }
        }
        UsoVerb::RefreshSettings => {}
        UsoVerb::ResumeUpdate => pc.resume_updates(),
    }
    Reply::ok("").with_harm(harm)
}

const HELP: &str = "UsoClient StartScan|StartInteractiveScan|StartDownload|StartInstall|ScanInstallWait|RestartDevice|RefreshSettings|ResumeUpdate
  In the simulation: asks the Update Orchestrator (UsoSvc) to scan, download, install,
  restart if a restart is pending, or resume; ScanInstallWait scans and waits until the
  work is done (at most 2 hours). It prints nothing: watch settings or the logs. A stopped
  (not disabled) UsoSvc is started to take the request.
  On Windows: the undocumented client of the Update Orchestrator, which replaced
  wuauclt /detectnow.
";
