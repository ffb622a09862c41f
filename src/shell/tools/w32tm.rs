//! `w32tm`: the Windows Time service's tool — `/resync` (which refuses a correction that is
//! too big unless `/force`), `/query /status`, `/config ... /update`, `/register` and
//! `/unregister`.

use std::fmt::Write as _;

use crate::assess::Fact;
use crate::remedy::{self, ResyncError};
use crate::scm::{ServiceId, ServiceState};
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply};
use crate::win32::Win32Error;

/// `w32tm`'s entry in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["w32tm"],
    kind: Kind::Program,
    usage: "w32tm /resync [/force] | /query /status",
    summary: "Synchronise the clock (needs Windows Time running)",
    topic: Topic::Network,
    help: HELP,
    changes_state: true,
    words: &["/resync", "/query /status", "/register", "/unregister"],
    run: Some(run),
}];

fn run(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    if args.has("/resync") {
        ctx.remedy = true;
        return resync(ctx, args.has("/force"));
    }
    if args.has("/query") && args.has("/status") {
        return status(ctx);
    }
    if args.has("/config") {
        return if args.has("/update") || args.words.len() > 1 {
            Reply::ok("The command completed successfully.\n")
        } else {
            Reply::new(USAGE, 87)
        };
    }
    if args.has("/register") {
        return Reply::ok("W32Time successfully registered.\n");
    }
    if args.has("/unregister") {
        // A simplification: the service stays registered (wusim's services are fixed).
        return Reply::ok("W32Time successfully unregistered.\n");
    }
    Reply::new(USAGE, 87)
}

fn resync(ctx: &mut Ctx<'_>, force: bool) -> Reply {
    let mut out = String::from("Sending resync command to local computer\n");
    match ctx.pc.act(|w| remedy::resync_time(w, force)) {
        Ok(()) => {
            out.push_str("The command completed successfully.\n");
            Reply::ok(out)
        }
        Err(ResyncError::NoTimeData) => {
            out.push_str("The computer did not resync because no time data was available.\n");
            Reply::ok(out)
        }
        Err(ResyncError::ChangeTooBig) => {
            out.push_str(
                "The computer did not resync because the required time change was too big.\n",
            );
            Reply::ok(out)
        }
        Err(ResyncError::NotStarted) => {
            let code = Win32Error::SERVICE_NOT_ACTIVE.hresult();
            let message = code.info().map_or("The operation failed.", |i| i.message);
            let _ = writeln!(out, "The following error occurred: {message} ({code})");
            Reply::new(out, code.0 as i32)
        }
    }
}

fn status(ctx: &mut Ctx<'_>) -> Reply {
    // The time service's status (running or not) is what the learner sees.
    ctx.saw(Fact::Clock);
    if ctx.pc.scm().state(ServiceId::W32TIME) != ServiceState::Running {
        let code = Win32Error::SERVICE_NOT_ACTIVE.hresult();
        let message = code.info().map_or("The operation failed.", |i| i.message);
        return Reply::error(
            format!("The following error occurred: {message} ({code})\n"),
            code.0 as i32,
        );
    }
    let synced = ctx.pc.device().clock_offset_secs == 0 && ctx.pc.device().network.connected();
    let text = if synced {
        format!(
            "Leap Indicator: 0(no warning)\nStratum: 2 (secondary reference - syncd by (S)NTP)\nPrecision: -23 (119.209ns per tick)\nRoot Delay: 0.0062216s\nRoot Dispersion: 7.7702346s\nReferenceId: 0x14653909 (source IP:  20.101.57.9)\nLast Successful Sync Time: {}\nSource: time.windows.com,0x9\nPoll Interval: 13 (8192s)\n\n",
            ctx.pc.clock().windows()
        )
    } else {
        UNSYNCED.to_string()
    };
    Reply::ok(text)
}

/// `w32tm /query /status` of a clock that has not synchronised.
const UNSYNCED: &str = "Leap Indicator: 3(not synchronized)
Stratum: 0 (unspecified)
Precision: -23 (119.209ns per tick)
Root Delay: 0.0000000s
Root Dispersion: 0.0000000s
ReferenceId: 0x00000000 (unspecified)
Last Successful Sync Time: unspecified
Source: Local CMOS Clock
Poll Interval: 6 (64s)

";

const USAGE: &str = "w32tm [/? | /register | /unregister ]
  w32tm /resync [/force]
  w32tm /query /status
  w32tm /config [/manualpeerlist:<peers>] [/syncfromflags:<source>] [/update]
";

const HELP: &str = "w32tm /resync [/force] | w32tm /query /status | w32tm /config ... /update | w32tm /register | /unregister
  In the simulation: /register and /unregister print what Windows prints and leave the
  service as it is. /resync sets the PC's clock from the internet; it needs the Windows
  Time service (W32Time) running and a network, and refuses a correction of more than 48
  hours (\"the required time change was too big\") unless /force is given. A wrong clock
  breaks the certificate checks of Windows Update's downloads.
  On Windows: asks the Windows Time service to synchronise now; the size limits are
  registry settings.
";
