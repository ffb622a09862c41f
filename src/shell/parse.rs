//! Reading a line: words, the program they name, and its arguments, into a
//! [`Command`](super::command::Command).
//!
//! Parsing never fails: whatever the line, it becomes a command, possibly one that prints a
//! usage message or the unknown-command text. Program names ignore case and a trailing
//! `.exe` (`SC.EXE` is `sc`); double or single quotes group words and are removed. A pipe
//! into `findstr` or `Select-String` becomes a [`Filter`] applied to the output. PowerShell
//! cmdlets are bound by [`super::cmdlet`].

use super::cmdlet;
use super::command::{
    Command, ConfigHint, Dism, Filter, Line, Msc, MscAction, Net, Netsh, RemoveTool, Sc,
    SettingsAction, Shutdown, StateFilter, Taskkill, UsoVerb,
};
use crate::scm::StartType;

/// Reads one line.
pub(crate) fn parse(line: &str) -> Line {
    let (left, right) = split_pipe(line);
    let filter = right.map(parse_filter);
    Line {
        command: parse_command(left),
        filter,
    }
}

/// Splits a line into words: whitespace separates them; double and single quotes group and
/// are removed (`"Windows Update"` is one word).
pub(crate) fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => current.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                in_word = true;
            }
            None if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            None => {
                current.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(current);
    }
    words
}

/// The part before the first `|` outside quotes, and the part after it.
fn split_pipe(line: &str) -> (&str, Option<&str>) {
    let mut quote: Option<char> = None;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '|' => return (&line[..i], Some(&line[i + c.len_utf8()..])),
            None => {}
        }
    }
    (line, None)
}

fn parse_filter(text: &str) -> Filter {
    let w = words(text);
    let program = w.first().map(|p| program_name(p)).unwrap_or_default();
    let args: Vec<&String> = w.iter().skip(1).collect();
    match program.as_str() {
        "findstr" => {
            let ignore_case = args.iter().any(|a| a.eq_ignore_ascii_case("/i"));
            let pattern = args.iter().find(|a| !a.starts_with('/'));
            match pattern {
                Some(p) => Filter::Lines {
                    pattern: p.to_string(),
                    ignore_case,
                },
                None => Filter::Unsupported(text.trim().to_string()),
            }
        }
        "select-string" | "sls" => {
            let pattern = args
                .iter()
                .find(|a| !a.starts_with('-'))
                .map(|p| p.to_string());
            match pattern {
                Some(pattern) => Filter::Lines {
                    pattern,
                    ignore_case: true,
                },
                None => Filter::Unsupported(text.trim().to_string()),
            }
        }
        "more" | "out-host" => Filter::All,
        _ => Filter::Unsupported(text.trim().to_string()),
    }
}

/// The program a word names: lower case, without a directory or a trailing `.exe`.
pub(crate) fn program_name(word: &str) -> String {
    let base = word.rsplit(['\\', '/']).next().unwrap_or(word);
    let lower = base.to_ascii_lowercase();
    match lower.strip_suffix(".exe") {
        Some(stem) if !stem.is_empty() => stem.to_string(),
        _ => lower,
    }
}

fn parse_command(line: &str) -> Command {
    let mut w = words(line);
    // PowerShell's call operator: `& sc.exe query wuauserv`.
    if w.first().is_some_and(|f| f == "&") {
        w.remove(0);
    }
    let Some(first) = w.first().cloned() else {
        return Command::Empty;
    };
    let program = program_name(&first);
    let args: Vec<String> = w[1..].to_vec();
    if args.len() == 1 && args[0] == "/?" {
        return Command::Help(Some(program));
    }
    if let Some(cmdlet) = cmdlet::parse(&program, &args, line.trim()) {
        return Command::Cmdlet(cmdlet);
    }
    let lower: Vec<String> = args.iter().map(|a| a.to_ascii_lowercase()).collect();
    match program.as_str() {
        "sc" => Command::Sc(parse_sc(&args, &lower)),
        "net" | "net1" => Command::Net(parse_net(&args, &lower)),
        "services.msc" => Command::Msc(parse_msc(&args, &lower)),
        "usoclient" => Command::UsoClient(lower.first().and_then(|v| uso_verb(v))),
        "settings" => Command::Settings(parse_settings(&args, &lower)),
        "start"
            if lower
                .first()
                .is_some_and(|a| a.starts_with("ms-settings:windowsupdate")) =>
        {
            Command::Settings(SettingsAction::Show)
        }
        "ren" | "rename" => match args.as_slice() {
            [path, new_name] => Command::Rename {
                path: path.clone(),
                new_name: Some(new_name.clone()),
            },
            [path] => Command::Rename {
                path: path.clone(),
                new_name: None,
            },
            _ => Command::Rename {
                path: String::new(),
                new_name: None,
            },
        },
        "rd" | "rmdir" => parse_remove(RemoveTool::Rd, &args, &lower),
        "del" | "erase" => parse_remove(RemoveTool::Del, &args, &lower),
        "dism" => Command::Dism(parse_dism(&lower)),
        "sfc" => Command::Sfc(lower.iter().any(|a| a == "/scannow")),
        "netsh" => Command::Netsh(parse_netsh(&args, &lower)),
        "w32tm" => Command::W32tm(lower.iter().any(|a| a == "/resync")),
        "cleanmgr" => Command::Cleanmgr,
        "shutdown" => Command::Shutdown(parse_shutdown(&lower)),
        "ipconfig" => Command::Ipconfig(lower.iter().any(|a| a == "/flushdns")),
        "network" => Command::Network(lower.first().is_some_and(|a| a == "connect")),
        "taskkill" => Command::Taskkill(parse_taskkill(&args, &lower)),
        "ver" => Command::Ver,
        "winver" => Command::Winver,
        "echo" => Command::Echo(rest_of_line(line.trim(), &first)),
        "cls" | "clear" => Command::Cls,
        "cd" | "chdir" => Command::Cd(args.first().cloned()),
        "help" => Command::Help((!args.is_empty()).then(|| args.join(" "))),
        "wait" => Command::Wait((!args.is_empty()).then(|| args.join(""))),
        "time" | "date" => Command::Time,
        "explain" => Command::Explain(args.first().cloned()),
        _ if NOT_SIMULATED.contains(&program.as_str()) => Command::NotSimulated(first),
        _ => Command::Unknown {
            cmdlet_style: is_cmdlet_style(&first),
            word: first,
        },
    }
}

/// What follows the first word, as typed (for `echo`).
fn rest_of_line(line: &str, first: &str) -> String {
    let line = line.strip_prefix('&').map_or(line, str::trim_start);
    match line.get(first.len()..) {
        Some(rest)
            if line
                .get(..first.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(first)) =>
        {
            rest.strip_prefix(' ').unwrap_or(rest).to_string()
        }
        _ => String::new(),
    }
}

/// `Verb-Noun`: letters, a hyphen, letters.
pub(crate) fn is_cmdlet_style(word: &str) -> bool {
    match word.split_once('-') {
        Some((verb, noun)) => {
            verb.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && noun.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        }
        None => false,
    }
}

fn parse_sc(args: &[String], lower: &[String]) -> Sc {
    let Some(sub) = lower.first() else {
        return Sc::Usage(None);
    };
    let name = args.get(1).cloned();
    match (sub.as_str(), name) {
        ("query" | "queryex", _) => parse_sc_query(sub == "queryex", &args[1..], &lower[1..]),
        ("config", Some(name)) => parse_sc_config(name, &lower[2..]),
        ("config", None) => Sc::ConfigUsage(ConfigHint::None),
        ("qc", Some(name)) => Sc::Qc(name),
        ("start", Some(name)) => Sc::Start(name),
        ("stop", Some(name)) => Sc::Stop(name),
        ("qc" | "start" | "stop", None) => Sc::Usage(None),
        _ => Sc::Usage(Some(args[0].clone())),
    }
}

fn parse_sc_query(ex: bool, args: &[String], lower: &[String]) -> Sc {
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

fn parse_sc_config(name: String, options: &[String]) -> Sc {
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

fn parse_net(args: &[String], lower: &[String]) -> Net {
    let Some(sub) = lower.first() else {
        return Net::Syntax;
    };
    let yes = lower[1..].iter().any(|a| a == "/y" || a == "/yes");
    let name: Vec<&str> = args[1..]
        .iter()
        .filter(|a| !a.starts_with('/'))
        .map(String::as_str)
        .collect();
    let name = name.join(" ");
    match sub.as_str() {
        "start" if name.is_empty() => Net::List,
        "start" => Net::Start(name),
        "stop" if name.is_empty() => Net::StopSyntax,
        "stop" => Net::Stop { name, yes },
        "helpmsg" => Net::HelpMsg(args.get(1).cloned()),
        _ => Net::Syntax,
    }
}

fn parse_msc(args: &[String], lower: &[String]) -> Msc {
    let action = match lower.first().map(String::as_str) {
        None => return Msc::Table,
        Some("start") => MscAction::Start,
        Some("stop") => MscAction::Stop,
        Some("restart") => MscAction::Restart,
        Some(_) => return Msc::Usage,
    };
    let name = args[1..].join(" ");
    if name.is_empty() {
        Msc::Usage
    } else {
        Msc::Act(action, name)
    }
}

fn uso_verb(verb: &str) -> Option<UsoVerb> {
    Some(match verb {
        "startscan" => UsoVerb::StartScan,
        "startinteractivescan" => UsoVerb::StartInteractiveScan,
        "startdownload" => UsoVerb::StartDownload,
        "startinstall" => UsoVerb::StartInstall,
        "scaninstallwait" => UsoVerb::ScanInstallWait,
        "restartdevice" => UsoVerb::RestartDevice,
        "refreshsettings" => UsoVerb::RefreshSettings,
        "resumeupdate" => UsoVerb::ResumeUpdate,
        _ => return None,
    })
}

fn parse_settings(args: &[String], lower: &[String]) -> SettingsAction {
    let value = args.get(1).cloned();
    match lower.first().map(String::as_str) {
        None | Some("show") => SettingsAction::Show,
        Some("check") => SettingsAction::Check,
        Some("troubleshoot") => SettingsAction::Troubleshoot,
        Some("pause") => SettingsAction::Pause(value),
        Some("resume") => SettingsAction::Resume,
        Some("active-hours") => SettingsAction::ActiveHours(value),
        Some("install-feature") => SettingsAction::InstallFeature,
        Some("download") => SettingsAction::Download,
        Some("restart") => SettingsAction::Restart,
        Some(_) => SettingsAction::Usage(args[0].clone()),
    }
}

fn parse_remove(tool: RemoveTool, args: &[String], lower: &[String]) -> Command {
    let has = |flag: &str| lower.iter().any(|a| a == flag);
    Command::Remove {
        tool,
        path: args.iter().find(|a| !a.starts_with('/')).cloned(),
        recurse: tool == RemoveTool::Del || has("/s"),
        quiet: has("/q"),
    }
}

fn parse_dism(lower: &[String]) -> Dism {
    if lower.is_empty() {
        return Dism::Bad(None);
    }
    let mut action = None;
    let (mut online, mut cleanup) = (false, false);
    for arg in lower {
        match arg.as_str() {
            "/online" => online = true,
            "/cleanup-image" => cleanup = true,
            "/restorehealth" => action = Some(Dism::RestoreHealth),
            "/scanhealth" => action = Some(Dism::ScanHealth),
            "/checkhealth" => action = Some(Dism::CheckHealth),
            "/limitaccess" | "/english" | "/quiet" | "/norestart" => {}
            a if a.starts_with("/source:") || a.starts_with("/logpath:") => {}
            other => return Dism::Bad(Some(other.to_string())),
        }
    }
    match action {
        Some(action) if online && cleanup => action,
        _ => Dism::Bad(None),
    }
}

fn parse_netsh(args: &[String], lower: &[String]) -> Netsh {
    let words: Vec<&str> = lower.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["winhttp", "show", "proxy"] => Netsh::ShowProxy,
        ["winhttp", "reset", "proxy"] => Netsh::ResetProxy,
        _ => Netsh::NotFound(args.join(" ")),
    }
}

fn parse_shutdown(lower: &[String]) -> Shutdown {
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

fn parse_taskkill(args: &[String], lower: &[String]) -> Taskkill {
    let position = |flag: &str| lower.iter().position(|a| a == flag);
    Taskkill {
        pid: position("/pid").and_then(|i| args.get(i + 1)).cloned(),
        force: position("/f").is_some(),
        by_image: position("/im").is_some(),
    }
}

/// Real Windows commands a learner may reach for that the practice shell does not simulate.
const NOT_SIMULATED: &[&str] = &[
    "attrib",
    "bcdedit",
    "bitsadmin",
    "certutil",
    "chkdsk",
    "cmd",
    "control",
    "copy",
    "dir",
    "eventvwr",
    "eventvwr.msc",
    "gpupdate",
    "icacls",
    "md",
    "mkdir",
    "mmc",
    "move",
    "msconfig",
    "notepad",
    "nslookup",
    "ping",
    "powershell",
    "pwsh",
    "reg",
    "regedit",
    "robocopy",
    "start",
    "systeminfo",
    "takeown",
    "tasklist",
    "tracert",
    "type",
    "whoami",
    "wmic",
    "wuauclt",
    "xcopy",
];
