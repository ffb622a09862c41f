//! `gpupdate` and `gpresult`: Group Policy from the command line, the first checks of a
//! "leftover WSUS" ticket.
//!
//! The simulated PC is in a workgroup: no domain controller sends it policies. So
//! `gpupdate /force` prints Windows' success text (policy reference §4.6) and changes
//! nothing — a policy value deleted from the registry stays deleted, and one left behind by a
//! former domain or a tool stays too, because no Group Policy object owns it any more. And
//! `gpresult /r` lists no applied Group Policy object, which is the clue: the policy values
//! Settings lists ("View configured update policies") are leftovers in the registry, not a
//! live policy.
//!
//! Simplifications (the book lists them): `gpresult` prints the shape of the reference's
//! example with a workgroup PC's values (`Standalone Workstation`, `N/A` where there is no
//! domain), which the reference could not confirm; `/v` and `/z` print the same as `/r`;
//! `gpupdate` takes five seconds.

use crate::assess::Fact;
use crate::engine::SimDuration;
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply};

/// The entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[
    Command {
        names: &["gpupdate"],
        kind: Kind::Program,
        usage: "gpupdate [/force]",
        summary: "Apply Group Policy again",
        topic: Topic::System,
        help: GPUPDATE_HELP,
        changes_state: false,
        words: &["/force"],
        run: Some(gpupdate),
    },
    Command {
        names: &["gpresult"],
        kind: Kind::Program,
        usage: "gpresult /r",
        summary: "Which Group Policy objects apply",
        topic: Topic::System,
        help: GPRESULT_HELP,
        changes_state: false,
        words: &["/r"],
        run: Some(gpresult),
    },
];

fn gpupdate(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    if let Some(other) = args.lower().iter().find(|w| {
        !matches!(
            w.as_str(),
            "/force" | "/target:computer" | "/target:user" | "/wait:0"
        )
    }) {
        return Reply::new(
            format!("(wusim: gpupdate {other} is not simulated: type gpupdate /force.)\n"),
            1,
        );
    }
    ctx.pc.run_for(SimDuration::from_secs(5));
    Reply::ok(
        "Updating policy...\n\nComputer Policy update has completed successfully.\nUser Policy update has completed successfully.\n\n",
    )
}

fn gpresult(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let lower = args.lower();
    let known = |w: &String| {
        matches!(
            w.as_str(),
            "/r" | "/v" | "/z" | "/scope" | "computer" | "user"
        )
    };
    if lower.is_empty() || !lower.iter().all(known) {
        return Reply::new(
            "(wusim: type gpresult /r for the summary of the policies that apply.)\n",
            1,
        );
    }
    let computer = ctx
        .con
        .env
        .get("COMPUTERNAME")
        .unwrap_or("DESKTOP")
        .to_string();
    let user = ctx.con.env.get("USERNAME").unwrap_or("Admin").to_string();
    let now = ctx.pc.clock();
    let (hour, ampm) = now.hour12();
    let created = format!(
        "{} at {}:{:02}:{:02} {ampm}",
        now.windows_date(),
        hour,
        now.minute,
        now.second
    );
    ctx.saw(Fact::Policy);
    let title = format!("RSOP data for {computer}\\{user} on {computer} : Logging Mode");
    let rule = "-".repeat(title.chars().count());
    let build = ctx.pc.device().os.version.build();
    Reply::ok(format!(
        "
Microsoft (R) Windows (R) Operating System Group Policy Result tool v2.0
\u{a9} 2016 Microsoft Corporation. All rights reserved.

Created on {created}


{title}
{rule}

OS Configuration:            Standalone Workstation
OS Version:                  10.0.{build}
Site Name:                   N/A
Roaming Profile:             N/A
Local Profile:               C:\\Users\\{user}
Connected over a slow link?: No


COMPUTER SETTINGS
------------------

    Last time Group Policy was applied: {created}
    Group Policy was applied from:      N/A
    Group Policy slow link threshold:   500 kbps
    Domain Name:                        {computer}
    Domain Type:                        <Local Computer>

    Applied Group Policy Objects
    -----------------------------
        N/A

"
    ))
}

const GPUPDATE_HELP: &str = "gpupdate [/force]
  In the simulation: prints Windows' success text and changes nothing. The PC is in a
  workgroup, so no domain sends it policies: a policy value left in the registry by a
  former domain or a tool stays until you delete it (reg delete), and one you deleted stays
  deleted.
  On Windows: applies Group Policy again; on a domain PC, the domain's policies are
  written back into the registry.
";

const GPRESULT_HELP: &str = "gpresult /r
  In the simulation: the summary of the Group Policy objects that apply to the PC: none,
  since it is in a workgroup. If Settings still lists update policies, they are values
  left in the registry (reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate /s).
  On Windows: /r summarises, /v adds every setting, /scope computer limits it to the
  computer's part.
";
