//! `help`: every command a learner can type, one line each, grouped; and `help <command>`
//! (also `<command> /?` and `Get-Help <command>`): how to write it, what it does in the
//! simulation, and what the real tool does on Windows.
//!
//! The texts are data at the bottom of the file: [`LIST`] for the overview, [`TOPICS`] for
//! the pages, [`COMMAND_NAMES`] for tab completion.

use std::fmt::Write as _;

use super::Reply;
use super::parse::program_name;

/// `help` or `help <topic>`.
pub(crate) fn help(topic: Option<&str>) -> Reply {
    let Some(topic) = topic.map(str::trim).filter(|t| !t.is_empty()) else {
        return Reply::ok(overview());
    };
    let lower = topic.to_ascii_lowercase();
    let first = lower.split_whitespace().next().unwrap_or_default();
    let key = program_name(first);
    match TOPICS.iter().find(|(keys, _)| keys.contains(&key.as_str())) {
        Some((_, text)) => Reply::ok(*text),
        None => Reply::new(
            format!(
                "(wusim: there is no help for '{topic}'. Type 'help' to see the commands you can use.)\n"
            ),
            1,
        ),
    }
}

fn overview() -> String {
    let mut out = String::from(
        "Commands you can type (case does not matter; 'help <command>' tells more about one):\n",
    );
    for (group, entries) in LIST {
        let _ = write!(out, "\n{group}\n");
        for (usage, summary) in *entries {
            let _ = writeln!(out, "  {usage:<50} {summary}");
        }
    }
    out
}

/// The overview: groups of (usage, one-line summary).
const LIST: &[(&str, &[(&str, &str)])] = &[
    (
        "Services",
        &[
            (
                "sc query [<service>]",
                "Show a service's state (alone: the running services)",
            ),
            (
                "sc queryex <service>",
                "The same, with the process id (PID)",
            ),
            (
                "sc qc <service>",
                "Show a service's configuration and start type",
            ),
            (
                "sc start <service>",
                "Start a service (returns while it is starting)",
            ),
            (
                "sc stop <service>",
                "Stop a service (returns while it is stopping)",
            ),
            (
                "sc config <service> start= <type>",
                "Set the start type: auto, delayed-auto, demand, disabled",
            ),
            (
                "net start [<service>]",
                "Start a service and wait (alone: list the started ones)",
            ),
            (
                "net stop <service> [/y]",
                "Stop a service and wait; asks before stopping dependents",
            ),
            (
                "services.msc",
                "The Services console: every service and its startup type",
            ),
            (
                "services.msc start|stop|restart \"<service>\"",
                "The console's right-click menu",
            ),
            (
                "taskkill /f /pid <PID>",
                "End a service's process (a hung service)",
            ),
        ],
    ),
    (
        "PowerShell",
        &[
            ("Get-Service [<name>|wu*]", "Services with their status"),
            ("Start-Service <name>", "Start a service and wait"),
            (
                "Stop-Service <name> [-Force]",
                "Stop a service (-Force: its dependents too)",
            ),
            (
                "Restart-Service <name> [-Force]",
                "Stop a service, then start it again",
            ),
            (
                "Set-Service <name> -StartupType <type>",
                "Automatic, AutomaticDelayedStart, Manual, Disabled",
            ),
            ("Get-HotFix", "The installed updates"),
            (
                "Get-WinEvent -LogName <log> [-MaxEvents N]",
                "Events: System, Microsoft-Windows-WindowsUpdateClient/Operational",
            ),
            (
                "Get-WindowsUpdateLog",
                "Build WindowsUpdate.log and show what it says",
            ),
            ("Restart-Computer", "Restart the PC"),
            ("Rename-Item <path> <new name>", "Rename a folder"),
            ("Remove-Item <path> -Recurse", "Delete a folder"),
        ],
    ),
    (
        "Windows Update",
        &[
            ("settings", "The Settings > Windows Update page"),
            ("settings check", "Press Check for updates"),
            (
                "settings download | install-feature | restart",
                "Download now, install the feature update, restart now",
            ),
            (
                "settings pause [days] | settings resume",
                "Pause updates (default 7 days) or resume them",
            ),
            (
                "settings active-hours 8-17",
                "Set active hours (no restarts between them)",
            ),
            (
                "settings troubleshoot",
                "Run the Windows Update troubleshooter",
            ),
            (
                "UsoClient StartScan",
                "Ask the Update Orchestrator to scan (see help usoclient)",
            ),
        ],
    ),
    (
        "Repair tools",
        &[
            (
                "ren %windir%\\SoftwareDistribution <new name>",
                "Reset the update store (stop wuauserv and BITS first)",
            ),
            (
                "ren %windir%\\System32\\catroot2 <new name>",
                "Reset the catalog database (stop CryptSvc first)",
            ),
            (
                "rd /s /q <path> | del /q <path>",
                "Delete a folder (harmful: rename instead)",
            ),
            (
                "DISM /Online /Cleanup-Image /RestoreHealth",
                "Repair the component store (also /ScanHealth, /CheckHealth)",
            ),
            ("sfc /scannow", "Check and repair system files"),
            ("cleanmgr", "Disk Cleanup: free space on C:"),
        ],
    ),
    (
        "Network, time and system",
        &[
            (
                "netsh winhttp show proxy | reset proxy",
                "Show or reset the proxy Windows Update uses",
            ),
            ("ipconfig", "The network adapter and its address"),
            (
                "network connect",
                "Plug the network cable back in (simulator action)",
            ),
            (
                "w32tm /resync",
                "Synchronise the clock (needs Windows Time running)",
            ),
            (
                "shutdown /r /t 0",
                "Restart the PC now (shutdown /a aborts)",
            ),
            ("winver | ver", "The Windows version and build"),
            ("echo %errorlevel%", "The exit code of the last command"),
        ],
    ),
    (
        "Simulator",
        &[
            ("help [<command>]", "This list, or more about one command"),
            (
                "wait <duration>",
                "Let simulated time pass: 30s, 10m, 2h, 1d",
            ),
            ("time", "The PC's date and time"),
            (
                "explain <code>",
                "What an error code means and the usual remedies",
            ),
        ],
    ),
    (
        "Session commands",
        &[
            (
                "status",
                "The scenario's briefing, the time and your progress",
            ),
            ("hint", "The next hint (it costs a little score)"),
            ("check", "Is the goal met? If not, what is still to do"),
            (
                "answer <text>",
                "Give your diagnosis, for scenarios that ask for one",
            ),
            ("history", "Everything you typed, with the simulated time"),
            ("reset", "Put the PC back as it was at the start"),
            ("quit | exit", "Leave the scenario"),
        ],
    ),
];

/// Help pages: (keys, text). Keys are lower-case program names.
const TOPICS: &[(&[&str], &str)] = &[
    (&["sc"], "sc query <service> | sc queryex <service> | sc qc <service>
sc start <service> | sc stop <service> | sc config <service> start= auto|delayed-auto|demand|disabled
  In the simulation: talks to the simulated Service Control Manager. sc takes the service
  name (wuauserv), not the display name, and returns at once: a start shows START_PENDING.
  On Windows: sc.exe is the Service Control Manager's own command-line client. The space
  after 'start=' is required. In PowerShell type sc.exe, because sc there is Set-Content.
"),
    (&["net", "net1"], "net start [<service>] | net stop <service> [/y]
  In the simulation: starts or stops a service by service name or display name and waits
  until it has finished, printing dots while it waits. net start alone lists the started
  services. If other running services depend on the one to stop, net lists them and asks
  (Y/N); /y answers yes.
  On Windows: the classic LAN Manager command; its errors end with 'NET HELPMSG <n>'.
"),
    (&["get-service", "gsv"], "Get-Service [[-Name] <name>[,<name>...]] [-DisplayName <name>] [-DependentServices] [-RequiredServices]
  In the simulation: a table of Status, Name and DisplayName; names may use wildcards
  (wu*). -DependentServices lists the services that need it, -RequiredServices the ones
  it needs.
  On Windows: the PowerShell way to look at services; it never changes anything.
"),
    (&["start-service", "sasv", "stop-service", "spsv", "restart-service"], "Start-Service <name> | Stop-Service <name> [-Force] | Restart-Service <name> [-Force]
  In the simulation: controls the service and waits, printing a WARNING line for every two
  seconds it waits. Stopping a service that running services depend on needs -Force, which
  stops them too. Restart-Service stops the service, then starts it again.
  On Windows: the same, through the .NET ServiceController.
"),
    (&["set-service"], "Set-Service <name> -StartupType Automatic|AutomaticDelayedStart|Manual|Disabled
  In the simulation: changes the start type (event 7040 in the System log); prints nothing
  on success. Setting a service Windows Update needs to Disabled counts as a harmful move.
  The Windows Update Medic Service is protected: access is denied.
  On Windows: AutomaticDelayedStart needs PowerShell 7; in 5.1 use sc.exe config.
"),
    (&["get-hotfix"], "Get-HotFix [-Id KB<number>]
  In the simulation: the updates installed on the PC that have a KB number, with the date
  they were installed.
  On Windows: reads the Win32_QuickFixEngineering WMI class.
"),
    (&["get-winevent"], "Get-WinEvent [-LogName] System|Microsoft-Windows-WindowsUpdateClient/Operational [-MaxEvents N]
  In the simulation: the PC's event records, newest first, grouped by provider: the
  Service Control Manager's 7000-series events and Windows Update's 19/20/25/26/31/41/43/44.
  Long messages are cut with '...'.
  On Windows: reads any event log; Event Viewer shows the same records.
"),
    (&["get-windowsupdatelog"], "Get-WindowsUpdateLog
  In the simulation: prints what the real cmdlet prints, then the lines the log would hold,
  built from the PC's Windows Update and Service Control Manager records.
  On Windows: since Windows 10, Windows Update logs in binary ETW files; this cmdlet
  converts them into a readable WindowsUpdate.log on the desktop.
"),
    (&["restart-computer", "shutdown"], "shutdown /r /t 0 | shutdown /s | shutdown /a | Restart-Computer
  In the simulation: the PC restarts (about a minute and a half), staged updates are
  committed, and you are signed in again. Restarting while an update is installing is a
  harmful move.
  On Windows: /r restarts, /s shuts down, /t sets the delay in seconds, /a aborts.
"),
    (&["services.msc"], "services.msc | services.msc start|stop|restart \"<service>\"
  In the simulation: services.msc alone prints the Services console's list (Name,
  Description, Status, Startup Type, Log On As). With an action it works like the
  right-click menu: Start, Stop or Restart, waiting like the console's progress dialog.
  Greyed-out actions are refused: Restart when the service is not running (use Start),
  Start when it is running, Stop when it is stopped.
  On Windows: the Services snap-in of the Microsoft Management Console.
"),
    (&["usoclient"], "UsoClient StartScan|StartInteractiveScan|StartDownload|StartInstall|ScanInstallWait|RestartDevice|RefreshSettings|ResumeUpdate
  In the simulation: asks the Update Orchestrator (UsoSvc) to scan, download, install,
  restart if a restart is pending, or resume; ScanInstallWait scans and waits until the
  work is done (at most 2 hours). It prints nothing: watch settings or the logs.
  On Windows: the undocumented client of the Update Orchestrator, which replaced
  wuauclt /detectnow. It does nothing useful while UsoSvc is stopped.
"),
    (&["settings", "start"], "settings [check|download|install-feature|restart|pause [days]|resume|active-hours 8-17|troubleshoot]
  In the simulation: shows the Settings > Windows Update page, or presses one of its
  buttons and shows the page again. troubleshoot runs the Windows Update troubleshooter
  and prints its report.
  On Windows: Settings > Windows Update (start ms-settings:windowsupdate).
"),
    (&["ren", "rename", "rename-item", "rni"], "ren <path> <new name> | Rename-Item <path> <new name>
  In the simulation: the folders that exist are %windir%\\SoftwareDistribution and
  %windir%\\System32\\catroot2. Renaming one resets it: Windows builds a new, empty one.
  It is refused while a service holds it open: stop wuauserv and BITS (SoftwareDistribution)
  or CryptSvc (catroot2) first.
  On Windows: the documented way to reset Windows Update's components.
"),
    (&["rd", "rmdir", "del", "erase", "remove-item"], "rd /s [/q] <path> | del [/q] <path> | Remove-Item <path> -Recurse
  In the simulation: deletes %windir%\\SoftwareDistribution or %windir%\\System32\\catroot2
  (asking first without /q). It works, but it counts as a harmful move: the update history
  is lost for good. Rename the folder instead.
  On Windows: rd /s removes a folder and everything in it.
"),
    (&["dism"], "DISM /Online /Cleanup-Image /CheckHealth|/ScanHealth|/RestoreHealth
  In the simulation: CheckHealth reports at once, ScanHealth takes 5 minutes, RestoreHealth
  about 15 and repairs the component store from Windows Update (it fails with 0x800f081f
  when it cannot reach Windows Update).
  On Windows: Deployment Image Servicing and Management; run it before sfc /scannow.
"),
    (&["sfc"], "sfc /scannow
  In the simulation: takes 10 minutes; it repairs system files from the component store,
  so it cannot fix them while the store itself is corrupt (run DISM /RestoreHealth first).
  On Windows: System File Checker, Windows Resource Protection's command-line tool.
"),
    (&["netsh"], "netsh winhttp show proxy | netsh winhttp reset proxy
  In the simulation: shows or removes the WinHTTP proxy, the one Windows Update uses.
  On Windows: the WinHTTP proxy is separate from the browser's proxy settings.
"),
    (&["w32tm"], "w32tm /resync
  In the simulation: corrects the PC's clock; needs the Windows Time service (W32Time)
  running and a network. A wrong clock breaks the certificate checks of downloads.
  On Windows: asks the Windows Time service to synchronise now.
"),
    (&["cleanmgr"], "cleanmgr
  In the simulation: Disk Cleanup removes temporary files and reports the space freed.
  On Windows: a window where you choose what to delete.
"),
    (&["ipconfig"], "ipconfig | ipconfig /flushdns
  In the simulation: shows the Ethernet adapter, or 'Media disconnected' when the PC is
  offline (type 'network connect' to plug the cable back in).
  On Windows: the IP configuration of every adapter.
"),
    (&["network"], "network connect
  A simulator action, not a Windows command: plugs the network cable back in.
"),
    (&["taskkill"], "taskkill /f /pid <PID>
  In the simulation: ends the process of the service with that PID (find it with
  sc queryex <service>). The SCM notices the service terminated unexpectedly.
  On Windows: the last resort for a service stuck in STOP_PENDING.
"),
    (&["winver", "ver"], "winver | ver
  The Windows version and OS build of the simulated PC (the build changes after a
  cumulative update is installed and the PC restarts).
"),
    (&["echo"], "echo <text> | echo %errorlevel%
  Prints the text; %errorlevel% is the exit code of the last command (0 for success).
"),
    (&["wait"], "wait <duration>
  A simulator command: lets simulated time pass (30s, 10m, 2h, 1d, 1h30m; at most 30 days).
  Scans, downloads, installs and planned restarts happen while you wait.
"),
    (&["time", "date"], "time
  A simulator command: the simulated PC's date and time.
"),
    (&["explain"], "explain <code>
  A simulator command: what an error code means and the usual remedies. The code can be
  hex (0x80070422), decimal (2147943458 or -2147023838) or a Win32 number (1058).
"),
    (&["help", "get-help"], "help [<command>] | <command> /? | Get-Help <command>
  The list of commands, or this kind of page about one.
"),
    (&["status", "hint", "check", "answer", "history", "reset", "quit", "exit"], "Session commands: status, hint, check, answer <text>, history, reset, quit (or exit)
  status shows the briefing again; hint reveals the next hint; check tells whether the goal
  is met and what is left; answer gives your diagnosis when the scenario asks for one;
  history lists what you typed; reset puts the PC back as it was; quit leaves.
"),
];

/// Command names for tab completion.
pub(crate) const COMMAND_NAMES: &[&str] = &[
    "answer",
    "cd",
    "check",
    "cleanmgr",
    "cls",
    "del",
    "dism",
    "DISM /Online /Cleanup-Image /CheckHealth",
    "DISM /Online /Cleanup-Image /RestoreHealth",
    "DISM /Online /Cleanup-Image /ScanHealth",
    "echo",
    "exit",
    "explain",
    "Get-Help",
    "Get-HotFix",
    "Get-Service",
    "Get-WinEvent",
    "Get-WindowsUpdateLog",
    "help",
    "hint",
    "history",
    "ipconfig",
    "net",
    "net start",
    "net stop",
    "netsh",
    "netsh winhttp reset proxy",
    "netsh winhttp show proxy",
    "network connect",
    "quit",
    "rd",
    "Remove-Item",
    "ren",
    "rename",
    "Rename-Item",
    "reset",
    "Restart-Computer",
    "Restart-Service",
    "rmdir",
    "sc",
    "sc config",
    "sc qc",
    "sc query",
    "sc queryex",
    "sc start",
    "sc stop",
    "services.msc",
    "Set-Service",
    "settings",
    "settings active-hours",
    "settings check",
    "settings download",
    "settings install-feature",
    "settings pause",
    "settings restart",
    "settings resume",
    "settings troubleshoot",
    "sfc",
    "sfc /scannow",
    "shutdown",
    "shutdown /r /t 0",
    "Start-Service",
    "status",
    "Stop-Service",
    "taskkill",
    "time",
    "usoclient",
    "UsoClient RefreshSettings",
    "UsoClient RestartDevice",
    "UsoClient ResumeUpdate",
    "UsoClient ScanInstallWait",
    "UsoClient StartDownload",
    "UsoClient StartInstall",
    "UsoClient StartInteractiveScan",
    "UsoClient StartScan",
    "ver",
    "w32tm",
    "w32tm /resync",
    "wait",
    "winver",
];
