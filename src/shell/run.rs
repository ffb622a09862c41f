//! Carrying out a command: dispatch to the command families, the smaller tools (DISM, SFC,
//! netsh, w32tm, shutdown, UsoClient, the Settings page...) and the simulator's own commands
//! (`help`, `wait`, `time`, `explain`).
//!
//! Simulated time passes only where the real command takes time: `net` and the PowerShell
//! service cmdlets wait for a service to finish starting or stopping, DISM and SFC take their
//! minutes, a restart takes the PC down and brings it back, `wait` waits. `sc`, `UsoClient`
//! and the Settings buttons return at once, as on Windows.

use std::fmt::Write as _;

use super::command::{Command, Dism, Filter, Netsh, SettingsAction, Shutdown, UsoVerb};
use super::parse;
use super::render::{self, DISM_BAR};
use super::{Harm, Question, Reply, console, files, help, powershell, services};
use crate::agent::Job;
use crate::codes;
use crate::device::{Health, WinHttpProxy};
use crate::engine::{SimDuration, parse_duration};
use crate::pc::{Pc, RESTART_DURATION};
use crate::remedy::{self, SfcResult};
use crate::settings::SettingsPage;
use crate::win32::HResult;

/// The longest `wait` at once.
const MAX_WAIT: SimDuration = SimDuration::from_days(30);
/// How long `UsoClient ScanInstallWait` waits at most for the agent to be idle.
const SCAN_INSTALL_WAIT: SimDuration = SimDuration::from_hours(2);
/// How long after a restart the learner is back at the prompt.
const SIGN_IN: SimDuration = SimDuration::from_secs(30);
/// How long `DISM /ScanHealth` takes (a simplification: real scans take minutes).
const SCAN_HEALTH: SimDuration = SimDuration::from_mins(5);

/// Runs one line; returns the reply and the question it asks, if any.
pub(crate) fn execute(pc: &mut Pc, line: &str, last_exit: i32) -> (Reply, Option<Question>) {
    let parsed = parse::parse(line);
    if let Some(Filter::Unsupported(target)) = &parsed.filter {
        let text = format!(
            "(wusim: the practice shell can pipe output only into findstr, Select-String or more, not '{target}'.)\n"
        );
        let mut reply = Reply::new(text, 1);
        reply.recognized = false;
        return (reply, None);
    }
    let mut question = None;
    let reply = command(pc, parsed.command, line, last_exit, &mut question);
    let reply = match parsed.filter {
        Some(filter) if question.is_none() => apply_filter(reply, &filter),
        _ => reply,
    };
    (reply, question)
}

/// Takes a line as the answer to `question`.
pub(crate) fn answer(pc: &mut Pc, question: Question, line: &str) -> Reply {
    let answer = line.trim().to_ascii_lowercase();
    match question {
        Question::NetStop(id) => services::net_stop_answer(pc, id, is_yes(&answer)),
        Question::ConsoleStop(id) => console::console_stop_answer(pc, id, is_yes(&answer)),
        Question::Remove { path, default_yes } => {
            let yes = is_yes(&answer) || answer == "a" || (default_yes && answer.is_empty());
            files::remove_answer(pc, &path, yes)
        }
    }
}

fn is_yes(answer: &str) -> bool {
    matches!(answer, "y" | "yes")
}

fn command(
    pc: &mut Pc,
    command: Command,
    line: &str,
    last_exit: i32,
    question: &mut Option<Question>,
) -> Reply {
    match command {
        Command::Empty | Command::Cls => Reply::new("", last_exit),
        Command::Sc(sc) => services::sc(pc, sc),
        Command::Net(net) => services::net(pc, net, question),
        Command::Cmdlet(cmdlet) => powershell::run(pc, &cmdlet, question),
        Command::Msc(msc) => console::console(pc, msc, question),
        Command::UsoClient(verb) => uso_client(pc, verb),
        Command::Settings(action) => settings(pc, action),
        Command::Rename { path, new_name } => files::ren(pc, &path, new_name.as_deref()),
        Command::Remove {
            tool,
            path,
            recurse,
            quiet,
        } => files::remove(pc, tool, path.as_deref(), recurse, quiet, question),
        Command::Dism(dism) => self::dism(pc, dism),
        Command::Sfc(scannow) => sfc(pc, scannow),
        Command::Netsh(netsh) => self::netsh(pc, netsh),
        Command::W32tm(resync) => w32tm(pc, resync),
        Command::Cleanmgr => {
            let freed = pc.act(remedy::disk_cleanup) / crate::world::MB;
            Reply::ok(format!("Disk Cleanup freed {freed} MB on (C:).\n"))
        }
        Command::Shutdown(action) => shutdown(pc, action),
        Command::Ipconfig(flush) => ipconfig(pc, flush),
        Command::Network(true) => {
            pc.act(remedy::reconnect_network);
            Reply::ok("Network cable plugged back in (simulated).\n")
        }
        Command::Network(false) => Reply::new(
            "(wusim: 'network connect' plugs the network cable back in.)\n",
            1,
        ),
        Command::Taskkill(args) => services::taskkill(pc, &args),
        Command::Ver => Reply::ok(format!(
            "\nMicrosoft Windows [Version 10.0.{}]\n",
            pc.device().os.build_string()
        )),
        Command::Winver => winver(pc),
        Command::Echo(text) => echo(&text, last_exit),
        Command::Cd(None) => Reply::ok("C:\\WINDOWS\\system32\n"),
        Command::Cd(Some(_)) => Reply::ok(
            "(wusim: the practice shell stays in C:\\WINDOWS\\system32: type full paths, such as %windir%\\SoftwareDistribution.)\n",
        ),
        Command::Help(topic) => help::help(topic.as_deref()),
        Command::Wait(duration) => wait(pc, duration.as_deref()),
        Command::Time => Reply::ok(format!("It is now {}.\n", pc.clock().windows())),
        Command::Explain(code) => explain(code.as_deref()),
        Command::NotSimulated(word) => {
            let mut reply = Reply::new(
                format!(
                    "(wusim: '{word}' is a real Windows command, but the practice shell does not simulate it. Type 'help' to see the commands you can use.)\n"
                ),
                9009,
            );
            reply.recognized = false;
            reply
        }
        Command::Unknown { word, cmdlet_style } => unknown(&word, cmdlet_style, line),
    }
}

fn unknown(word: &str, cmdlet_style: bool, line: &str) -> Reply {
    let (mut text, exit_code) = if cmdlet_style {
        (render::ps_not_recognized(word, line.trim()), 1)
    } else {
        (render::cmd_not_recognized(word), 9009)
    };
    text.push_str(UNKNOWN_HINT);
    Reply {
        text,
        recognized: false,
        harm: None,
        exit_code,
    }
}

/// Keeps the lines that contain the pattern (`findstr` exits 1 when none do).
fn apply_filter(reply: Reply, filter: &Filter) -> Reply {
    let Filter::Lines {
        pattern,
        ignore_case,
    } = filter
    else {
        return reply;
    };
    let pattern_lower = pattern.to_lowercase();
    let mut text = String::new();
    for l in reply.text.lines() {
        let hit = if *ignore_case {
            l.to_lowercase().contains(&pattern_lower)
        } else {
            l.contains(pattern.as_str())
        };
        if hit {
            text.push_str(l);
            text.push('\n');
        }
    }
    let exit_code = if text.is_empty() { 1 } else { 0 };
    Reply {
        text,
        exit_code,
        ..reply
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

fn uso_client(pc: &mut Pc, verb: Option<UsoVerb>) -> Reply {
    let Some(verb) = verb else {
        return Reply::new("", 1);
    };
    let mut harm = None;
    match verb {
        UsoVerb::StartScan | UsoVerb::StartInteractiveScan => {
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

fn settings(pc: &mut Pc, action: SettingsAction) -> Reply {
    let page = |pc: &Pc| SettingsPage::of(pc).to_string();
    match action {
        SettingsAction::Show => Reply::ok(page(pc)),
        SettingsAction::Check => {
            pc.check_for_updates();
            Reply::ok(page(pc))
        }
        SettingsAction::Troubleshoot => Reply::ok(troubleshooter(pc)),
        SettingsAction::Pause(days) => {
            let days = days
                .as_deref()
                .map_or(Some(7), |d| d.trim().parse::<u64>().ok());
            match days.map(|d| pc.pause_updates(d)) {
                Some(Ok(_)) => Reply::ok(page(pc)),
                Some(Err(message)) => Reply::new(format!("(wusim: {message}.)\n"), 1),
                None => Reply::new(
                    "(wusim: write the number of days, such as 'settings pause 7'.)\n",
                    1,
                ),
            }
        }
        SettingsAction::Resume => {
            pc.resume_updates();
            Reply::ok(page(pc))
        }
        SettingsAction::ActiveHours(range) => active_hours(pc, range.as_deref()),
        SettingsAction::InstallFeature => {
            if pc.request_feature_update() {
                Reply::ok(page(pc))
            } else {
                Reply::new(
                    "(wusim: no feature update is offered on the Settings page right now.)\n",
                    1,
                )
            }
        }
        SettingsAction::Download => {
            pc.start_download_now();
            Reply::ok(page(pc))
        }
        SettingsAction::Restart => {
            let harm = reboot(pc);
            Reply::ok(rebooted_note(pc)).with_harm(harm)
        }
        SettingsAction::Usage(word) => Reply::new(
            format!(
                "(wusim: 'settings {word}' is not a Settings action. Try: settings, settings check, settings troubleshoot, settings pause [days], settings resume, settings active-hours 8-17, settings download, settings install-feature, settings restart.)\n"
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
            hour_label(start),
            hour_label(end)
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

/// `8 AM`, `5 PM`, `12 AM`.
fn hour_label(hour: u8) -> String {
    let suffix = if hour < 12 { "AM" } else { "PM" };
    let h = match hour % 12 {
        0 => 12,
        h => h,
    };
    format!("{h}:00 {suffix}")
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

fn dism(pc: &mut Pc, dism: Dism) -> Reply {
    let mut out = render::dism_header(pc.device().os);
    match dism {
        Dism::RestoreHealth => match {
            pc.run_for(remedy::DISM_RESTORE_TIME);
            pc.act(|w| remedy::restore_health(w, remedy::RepairSource::WindowsUpdate))
        } {
            Ok(()) => {
                let _ = writeln!(
                    out,
                    "{DISM_BAR} The restore operation completed successfully."
                );
                out.push_str("The operation completed successfully.\n");
                Reply::ok(out)
            }
            Err(HResult(0x800F_081F)) => {
                let _ = writeln!(out, "{DISM_BAR}");
                out.push_str(render::DISM_SOURCE_MISSING);
                Reply::new(out, 0x800F_081F_u32 as i32)
            }
            Err(code) => {
                let message = code.info().map_or("The operation failed.", |i| i.message);
                let _ = write!(
                    out,
                    "{DISM_BAR}\nError: {code}\n\n{message}\n\n{}",
                    render::DISM_LOG_LINE
                );
                Reply::new(out, code.0 as i32)
            }
        },
        Dism::ScanHealth | Dism::CheckHealth => {
            let scan = dism == Dism::ScanHealth;
            if scan {
                pc.run_for(SCAN_HEALTH);
                out.push_str(DISM_BAR);
                out.push(' ');
            }
            if pc.device().component_store == Health::Corrupt {
                out.push_str("The component store is repairable.\n");
            } else {
                out.push_str("No component store corruption detected.\n");
            }
            out.push_str("The operation completed successfully.\n");
            Reply::ok(out)
        }
        Dism::Bad(option) => {
            let what = match option {
                Some(option) => format!("The {option} option is unknown."),
                None => "The command is incomplete.".to_string(),
            };
            let _ = write!(
                out,
                "Error: 87\n\n{what}\nFor more information, refer to the help by running DISM.exe /?.\n\n{}(wusim: the practice shell simulates DISM /Online /Cleanup-Image with /CheckHealth, /ScanHealth or /RestoreHealth.)\n",
                render::DISM_LOG_LINE
            );
            Reply::new(out, 87)
        }
    }
}

fn sfc(pc: &mut Pc, scannow: bool) -> Reply {
    if !scannow {
        return Reply::ok(render::SFC_USAGE);
    }
    pc.run_for(remedy::SFC_TIME);
    let outcome = match remedy::sfc_scannow(pc.world()) {
        SfcResult::NoViolations => render::SFC_CLEAN,
        SfcResult::Repaired => render::SFC_REPAIRED,
        SfcResult::UnableToFix => render::SFC_UNABLE,
    };
    Reply::ok(format!("{}{outcome}", render::SFC_BEGIN))
}

fn netsh(pc: &mut Pc, netsh: Netsh) -> Reply {
    let settings = |pc: &Pc| match pc.device().network.proxy {
        WinHttpProxy::Direct => {
            "\nCurrent WinHTTP proxy settings:\n\n    Direct access (no proxy server).\n\n"
                .to_string()
        }
        WinHttpProxy::Working | WinHttpProxy::Broken => format!(
            "\nCurrent WinHTTP proxy settings:\n\n    Proxy Server(s) :  {}\n    Bypass List     :  (none)\n\n",
            WinHttpProxy::SERVER
        ),
    };
    match netsh {
        Netsh::ShowProxy => Reply::ok(settings(pc)),
        Netsh::ResetProxy => {
            pc.act(remedy::reset_winhttp_proxy);
            Reply::ok(settings(pc))
        }
        Netsh::NotFound(rest) => Reply::new(
            format!(
                "The following command was not found: {rest}.\n(wusim: the practice shell simulates netsh winhttp show proxy and netsh winhttp reset proxy.)\n"
            ),
            1,
        ),
    }
}

fn w32tm(pc: &mut Pc, resync: bool) -> Reply {
    if !resync {
        return Reply::new("(wusim: the practice shell simulates w32tm /resync.)\n", 1);
    }
    let mut out = String::from("Sending resync command to local computer\n");
    match pc.act(|w| remedy::resync_time(w, false)) {
        Ok(()) => {
            out.push_str("The command completed successfully.\n");
            Reply::ok(out)
        }
        Err(remedy::ResyncError::NoTimeData) => {
            out.push_str("The computer did not resync because no time data was available.\n");
            Reply::ok(out)
        }
        Err(remedy::ResyncError::ChangeTooBig) => {
            out.push_str(
                "The computer did not resync because the required time change was too big.\n",
            );
            Reply::ok(out)
        }
        Err(remedy::ResyncError::NotStarted) => {
            let code = crate::win32::Win32Error::SERVICE_NOT_ACTIVE.hresult();
            let message = code.info().map_or("The operation failed.", |i| i.message);
            let _ = writeln!(out, "The following error occurred: {message} ({code})");
            Reply::new(out, code.0 as i32)
        }
    }
}

fn shutdown(pc: &mut Pc, action: Shutdown) -> Reply {
    match action {
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

fn ipconfig(pc: &Pc, flush_dns: bool) -> Reply {
    if flush_dns {
        return Reply::ok(
            "\nWindows IP Configuration\n\nSuccessfully flushed the DNS Resolver Cache.\n",
        );
    }
    let mut out = String::from("\nWindows IP Configuration\n\n\nEthernet adapter Ethernet:\n\n");
    if pc.device().network.online {
        out.push_str(IPCONFIG_CONNECTED);
    } else {
        out.push_str(IPCONFIG_DISCONNECTED);
    }
    Reply::ok(out)
}

/// `winver`: the `ver` line, and the edition and version the About Windows dialog shows.
fn winver(pc: &Pc) -> Reply {
    let os = pc.device().os;
    let label = os.version.label();
    let (product, release) = label.split_once(", ").unwrap_or((label, ""));
    Reply::ok(format!(
        "\nMicrosoft Windows [Version 10.0.{build}]\n{product} {}, {release} (OS Build {build})\n",
        os.edition.label(),
        build = os.build_string(),
    ))
}

fn echo(text: &str, last_exit: i32) -> Reply {
    if text.trim().is_empty() {
        return Reply::ok("ECHO is on.\n");
    }
    let mut out = String::new();
    let mut rest = text;
    const VAR: &str = "%errorlevel%";
    while let Some(i) = rest.to_ascii_lowercase().find(VAR) {
        out.push_str(&rest[..i]);
        out.push_str(&last_exit.to_string());
        rest = &rest[i + VAR.len()..];
    }
    out.push_str(rest);
    out.push('\n');
    Reply::ok(out)
}

fn wait(pc: &mut Pc, duration: Option<&str>) -> Reply {
    let Some(text) = duration else {
        return Reply::new(
            "(wusim: write how long to wait, such as 'wait 30s', 'wait 10m' or 'wait 2h'.)\n",
            1,
        );
    };
    match parse_duration(text) {
        Ok(d) if d > MAX_WAIT => {
            Reply::new(format!("(wusim: wait at most {MAX_WAIT} at a time.)\n"), 1)
        }
        Ok(d) => {
            pc.run_for(d);
            Reply::ok(render::waited(&d.to_string(), &pc.clock().windows()))
        }
        Err(error) => Reply::new(format!("(wusim: {error}.)\n"), 1),
    }
}

fn explain(code: Option<&str>) -> Reply {
    let Some(text) = code else {
        return Reply::new(
            "(wusim: write the code to explain, such as 'explain 0x80070422' or 'explain 1058'.)\n",
            1,
        );
    };
    let code = match codes::parse_code(text) {
        Ok(code) => code,
        Err(error) => return Reply::new(format!("{error}\n"), 1),
    };
    let mut out = String::new();
    match codes::lookup(code) {
        Some(info) => {
            let win32 = info
                .win32
                .map(|n| format!(" (Win32 error {n})"))
                .unwrap_or_default();
            let _ = writeln!(out, "{}  {}{win32}", info.hex(), info.name);
            let _ = writeln!(out, "{}", info.message);
            out.push_str("Usual remedies:\n");
            for (i, remedy) in info.remedies.iter().enumerate() {
                let _ = writeln!(out, "  {}. {remedy}", i + 1);
            }
            Reply::ok(out)
        }
        None => {
            let _ = writeln!(
                out,
                "0x{code:08X} is not a code wusim knows. The nearest known codes are:"
            );
            for info in codes::nearest(code, 3) {
                let _ = writeln!(out, "  {}  {}", info.hex(), info.name);
            }
            Reply::new(out, 1)
        }
    }
}

/// The teaching line after an unknown command.
const UNKNOWN_HINT: &str = "(wusim: type 'help' to see the commands you can use.)\n";

/// `ipconfig` with the network up (addresses are fictional).
const IPCONFIG_CONNECTED: &str = "   Connection-specific DNS Suffix  . : home
   Link-local IPv6 Address . . . . . : fe80::4c1a:9d2e:71b3:5f0a%12
   IPv4 Address. . . . . . . . . . . : 192.168.1.23
   Subnet Mask . . . . . . . . . . . : 255.255.255.0
   Default Gateway . . . . . . . . . : 192.168.1.1
";

/// `ipconfig` with the cable out.
const IPCONFIG_DISCONNECTED: &str = "   Media State . . . . . . . . . . . : Media disconnected
   Connection-specific DNS Suffix  . :
";
