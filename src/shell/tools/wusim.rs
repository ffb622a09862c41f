//! The simulator's own words — `settings` (the Settings > Windows Update page and its
//! buttons), `network connect`, `wait`, `explain` and `help` — and, for `help`'s sake, the
//! session's words (`hint`, `check`...), which the session answers before the shell sees a
//! line. None of them is a Windows command, and none has the name of one.

use std::cell::RefCell;
use std::fmt::Write as _;

use super::shutdown::{reboot, rebooted_note};
use crate::assess::Fact;
use crate::codes;
use crate::engine::{SimDuration, parse_duration};
use crate::pc::Pc;
use crate::remedy;
use crate::settings::SettingsPage;
use crate::shell::commands::{self, Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply, saw};
use crate::shell::render;

/// The simulator's entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[
    Command {
        names: &["settings"],
        kind: Kind::Wusim,
        usage: "settings [check|troubleshoot|restart|pause|...]",
        summary: "The Settings > Windows Update page, or one of its buttons",
        topic: Topic::WindowsUpdate,
        help: SETTINGS_HELP,
        changes_state: true,
        words: &[
            "check",
            "history",
            "download",
            "install",
            "install-feature",
            "restart",
            "pause",
            "resume",
            "active-hours",
            "metered",
            "troubleshoot",
            "policies",
        ],
        run: Some(settings),
    },
    Command {
        names: &["network"],
        kind: Kind::Wusim,
        usage: "network connect",
        summary: "Plug the network cable back in (simulator action)",
        topic: Topic::Network,
        help: "network connect\n  A simulator action, not a Windows command: plugs the network cable back in.\n",
        changes_state: true,
        words: &["connect"],
        run: Some(network),
    },
    Command {
        names: &["wait"],
        kind: Kind::Wusim,
        usage: "wait <duration>",
        summary: "Let simulated time pass: 30s, 10m, 2h, 1d",
        topic: Topic::Simulator,
        help: "wait <duration>\n  A simulator command: lets simulated time pass (30s, 10m, 2h, 1d, 1h30m; at most 30 days).\n  Scans, downloads, installs and planned restarts happen while you wait.\n",
        changes_state: true,
        words: &[],
        run: Some(wait),
    },
    Command {
        names: &["explain"],
        kind: Kind::Wusim,
        usage: "explain <code>",
        summary: "What an error code means and the usual remedies",
        topic: Topic::Simulator,
        help: "explain <code>\n  A simulator command: what an error code means and the usual remedies. The code can be\n  hex (0x80070422), decimal (2147943458 or -2147023838) or a Win32 number (1058).\n",
        changes_state: false,
        words: &[],
        run: Some(explain),
    },
    Command {
        names: &["help"],
        kind: Kind::Wusim,
        usage: "help [<command>]",
        summary: "This list, or more about one command (also <command> /?)",
        topic: Topic::Simulator,
        help: "help [<command>] | <command> /?\n  wusim's list of the commands you can type, or a page about one. (On Windows, cmd's own\n  help lists its built-in commands.)\n",
        changes_state: false,
        words: &[],
        run: Some(help),
    },
    session_word(
        &["status"],
        "status",
        "The scenario's briefing, the time and your progress",
    ),
    session_word(&["hint"], "hint", "The next hint (it costs a little score)"),
    session_word(
        &["check"],
        "check",
        "Is the goal met? If not, what is still to do",
    ),
    session_word(
        &["diagnose", "answer"],
        "diagnose [<n>...]",
        "Close the ticket with its cause: the list, or your picks by number",
    ),
    session_word(
        &["undo"],
        "undo",
        "Take back the last command that changed the PC or let time run",
    ),
    session_word(
        &["timeline", "events"],
        "timeline",
        "What the simulation did since you arrived, with its event IDs",
    ),
    session_word(
        &["step"],
        "step",
        "Let time run to the next thing the PC logs, and show it",
    ),
    session_word(
        &["history"],
        "history",
        "Everything you typed, with the simulated time",
    ),
    session_word(
        &["reset"],
        "reset",
        "Put the PC back as it was at the start",
    ),
    session_word(
        &["quit"],
        "quit",
        "Leave the scenario (exit closes the console, as on Windows)",
    ),
];

const fn session_word(
    name: &'static [&'static str],
    usage: &'static str,
    summary: &'static str,
) -> Command {
    Command {
        names: name,
        kind: Kind::Session,
        usage,
        summary,
        topic: Topic::Session,
        help: SESSION_HELP,
        changes_state: false,
        words: &[],
        run: Some(session_only),
    }
}

/// The longest `wait` at once.
const MAX_WAIT: SimDuration = SimDuration::from_days(30);

/// A session word that reached the shell: typed in a script.
fn session_only(_: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    Reply::error(
        format!(
            "(wusim: '{}' is a word of the practice session: type it at the prompt, not in a script.)\n",
            args.name
        ),
        1,
    )
}

fn network(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    if args.lower().first().is_some_and(|a| a == "connect") {
        ctx.pc.act(remedy::reconnect_network);
        Reply::ok("Network cable plugged back in (simulated).\n")
    } else {
        Reply::new(
            "(wusim: 'network connect' plugs the network cable back in.)\n",
            1,
        )
    }
}

/// Records what the Settings page shows: the page, and a safeguard hold when its "is on its
/// way" note is there.
pub(crate) fn saw_page(facts: &mut Vec<Fact>, page: &SettingsPage) {
    saw(facts, Fact::Settings);
    if page.shows_safeguard_hold() {
        saw(facts, Fact::Safeguard);
    }
}

fn settings(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let pc = &mut *ctx.pc;
    let facts = RefCell::new(&mut ctx.facts);
    let page = |pc: &Pc| {
        let page = SettingsPage::of(pc);
        saw_page(&mut facts.borrow_mut(), &page);
        page.to_string()
    };
    // The views of the page's links and buttons are part of Settings > Windows Update.
    let view = |fact: Fact| {
        let mut facts = facts.borrow_mut();
        saw(&mut facts, Fact::Settings);
        saw(&mut facts, fact);
    };
    let lower = args.lower();
    let value = args.words.get(1).map(String::as_str);
    match lower.first().map(String::as_str) {
        None | Some("show") => Reply::ok(page(pc)),
        Some("check") if pc.world().policy().check_removed => Reply::new(
            format!(
                "{}(wusim: \"Check for updates\" is greyed out: the policy \"Remove access to use all Windows Update features\" (SetDisableUXWUAccess = 1) removes it. Background scans go on.)\n",
                page(pc)
            ),
            1,
        ),
        Some("check") => {
            pc.check_for_updates();
            let reply = Reply::ok(page(pc));
            ctx.waited = true;
            reply
        }
        Some("policies") => {
            view(Fact::Policy);
            Reply::ok(crate::settings::configured_policies(pc))
        }
        Some("install") => {
            pc.start_install_now();
            let reply = Reply::ok(page(pc));
            ctx.waited = true;
            reply
        }
        Some("troubleshoot") => {
            let report = troubleshooter(pc);
            ctx.remedy = true;
            Reply::ok(report)
        }
        Some("history") => {
            view(Fact::History);
            Reply::ok(crate::settings::UpdateHistory::of(pc).to_string())
        }
        Some("pause") if pc.world().policy().pause_removed => Reply::new(
            "(wusim: the pause options are greyed out: the policy \"Remove access to \"Pause updates\" feature\" (SetDisablePauseUXAccess = 1) removes them.)\n",
            1,
        ),
        Some("pause") => {
            let days = value.map_or(Some(7), |d| d.trim().parse::<u64>().ok());
            match days.map(|d| pc.pause_updates(d)) {
                Some(Ok(_)) => Reply::ok(page(pc)),
                Some(Err(message)) => Reply::new(format!("(wusim: {message}.)\n"), 1),
                None => Reply::new(
                    "(wusim: write the number of days, such as 'settings pause 7'.)\n",
                    1,
                ),
            }
        }
        Some("resume") => {
            pc.resume_updates();
            Reply::ok(page(pc))
        }
        Some("active-hours") => {
            let reply = active_hours(pc, value);
            if reply.exit_code == 0 {
                view(Fact::Settings);
            }
            reply
        }
        Some("metered") => match value.map(str::to_ascii_lowercase).as_deref() {
            Some(word @ ("on" | "off")) => {
                pc.set_download_over_metered(word == "on");
                view(Fact::Settings);
                Reply::ok(format!(
                    "Download updates over metered connections: {}\n",
                    if word == "on" { "On" } else { "Off" }
                ))
            }
            _ => Reply::new(
                "(wusim: write 'settings metered on' or 'settings metered off'.)\n",
                1,
            ),
        },
        Some("install-feature") => {
            if pc.request_feature_update() {
                let reply = Reply::ok(page(pc));
                ctx.waited = true;
                reply
            } else {
                Reply::new(
                    "(wusim: no feature update is offered on the Settings page right now.)\n",
                    1,
                )
            }
        }
        Some("download") => {
            pc.start_download_now();
            let reply = Reply::ok(page(pc));
            ctx.waited = true;
            reply
        }
        Some("restart") => {
            let harm = reboot(pc);
            Reply::ok(rebooted_note(pc)).with_harm(harm)
        }
        Some(_) => Reply::new(
            format!(
                "(wusim: 'settings {}' is not a Settings action. Try: settings, settings check, settings history, settings policies, settings troubleshoot, settings pause [days], settings resume, settings active-hours 8-17, settings metered on|off, settings download, settings install, settings install-feature, settings restart.)\n",
                args.words[0]
            ),
            1,
        ),
    }
}

fn active_hours(pc: &mut Pc, range: Option<&str>) -> Reply {
    let show = |pc: &Pc| {
        let (start, end) = pc.orchestrator().active_hours;
        format!(
            "Active hours: {} to {}\n",
            render::hour_label(start),
            render::hour_label(end)
        )
    };
    let Some(range) = range else {
        return Reply::ok(show(pc));
    };
    // Hours past 23 are refused here: `Pc::set_active_hours` only expects 0-23.
    let hour = |text: &str| text.trim().parse::<u8>().ok().filter(|h| *h <= 23);
    let parsed = range
        .split_once('-')
        .and_then(|(a, b)| Some((hour(a)?, hour(b)?)));
    match parsed.map(|(start, end)| pc.set_active_hours(start, end)) {
        Some(Ok(())) => Reply::ok(show(pc)),
        Some(Err(error)) => Reply::new(format!("(wusim: {error}.)\n"), 1),
        None => Reply::new(
            "(wusim: write active hours as two hours from 0 to 23, such as 'settings active-hours 8-17'.)\n",
            1,
        ),
    }
}

fn troubleshooter(pc: &mut Pc) -> String {
    let findings = pc.troubleshoot();
    let mut out = String::from("Troubleshooting has completed\n\n");
    if findings.is_empty() {
        out.push_str("Troubleshooting couldn't identify the problem\n");
        return out;
    }
    out.push_str("Issues found :\n\n");
    for finding in findings {
        let _ = writeln!(out, "{} - {}", finding.problem, finding.status.label());
    }
    out
}

fn wait(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    if args.words.is_empty() {
        return Reply::new(
            "(wusim: write how long to wait, such as 'wait 30s', 'wait 10m' or 'wait 2h'.)\n",
            1,
        );
    }
    match parse_duration(&args.words.join("")) {
        Ok(d) if d > MAX_WAIT => {
            Reply::new(format!("(wusim: wait at most {MAX_WAIT} at a time.)\n"), 1)
        }
        Err(error) if error.too_long => {
            Reply::new(format!("(wusim: wait at most {MAX_WAIT} at a time.)\n"), 1)
        }
        Ok(d) => {
            ctx.pc.run_for(d);
            ctx.waited |= d > SimDuration::ZERO;
            Reply::ok(render::waited(&d.to_string(), &ctx.pc.clock().windows()))
        }
        Err(error) => Reply::new(format!("(wusim: {error}.)\n"), 1),
    }
}

fn explain(_: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let Some(text) = args.words.first() else {
        return Reply::new(
            "(wusim: write the code to explain, such as 'explain 0x80070422' or 'explain 1058'.)\n",
            1,
        );
    };
    let code = match codes::parse_code(text) {
        Ok(code) => code,
        Err(error) => return Reply::new(format!("{error}\n"), 1),
    };
    match codes::lookup(code) {
        Some(info) => Reply::ok(info.explanation_text()),
        None => {
            let mut out =
                format!("0x{code:08X} is not a code wusim knows. The nearest known codes are:\n");
            for info in codes::nearest(code, 3) {
                let _ = writeln!(out, "  {}  {}", info.hex(), info.name);
            }
            Reply::new(out, 1)
        }
    }
}

fn help(_: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    commands::help(args.words.first().map(String::as_str))
}

const SETTINGS_HELP: &str = "settings [check|download|install|install-feature|restart|pause [days]|resume|active-hours 8-17|metered on|off|history|policies|troubleshoot]
  In the simulation: shows the Settings > Windows Update page, or presses one of its
  buttons and shows the page again. download is \"Download and install now\", install
  \"Install now\" (both matter when a policy makes updates wait for the user). history
  shows Update history, which Windows keeps in its data store (SoftwareDistribution): a
  reset that renames the folder starts an empty one. policies opens \"View configured
  update policies\". troubleshoot runs the Windows Update troubleshooter and prints its
  report. metered on|off is Advanced options > \"Download updates over metered
  connections\" (off by default: on a metered connection, downloads wait).
  On Windows: Settings > Windows Update (start ms-settings:windowsupdate).
";

const SESSION_HELP: &str =
    "Session commands: status, hint, check, diagnose, undo, timeline, step, history, reset, quit
  status shows the briefing again; hint reveals the next hint for what is still wrong; check
  tells whether the goal is met and what is left; diagnose lists the possible causes and
  closes the ticket with yours (`diagnose 2`, or several: `diagnose 1 3`; `answer` works
  too); undo takes back the last command that changed the PC or let time run (the clock goes
  back too); timeline lists what the PC did since you arrived; step lets time run to the
  next thing it logs; history lists what you typed; reset puts the PC back as it was; quit
  leaves the scenario. `help scoring` shows how a ticket is scored.
  They work at the prompt, not in scripts. 'exit' is Windows' own: it closes the console,
  and wusim opens a new one.
";
