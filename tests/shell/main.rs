//! The practice shell, end to end: command lines run against a default PC (`seed(1)`), with
//! the full text each prints compared against what Windows prints (the reference,
//! `windows-command-output.md`), plus a property test that no line can make it panic.

mod powershell;
mod robustness;

use wusim::agent::Job;
use wusim::device::{Device, InstalledUpdate};
use wusim::engine::{CivilDateTime, SimDuration};
use wusim::pc::Pc;
use wusim::remedy::Folder;
use wusim::scm::{ServiceId, ServiceState, StartType};
use wusim::shell::{Harm, Output, Shell};

/// A console: a default PC and a shell.
struct Console {
    pc: Pc,
    shell: Shell,
}

impl Console {
    fn new() -> Self {
        let pc = Pc::builder().seed(1).build();
        let shell = Shell::new(&pc);
        Console { pc, shell }
    }

    /// Windows PowerShell, elevated.
    fn ps() -> Self {
        let pc = Pc::builder().seed(1).build();
        let shell = Shell::new_powershell(&pc);
        Console { pc, shell }
    }

    /// A default PC and a Windows PowerShell window.
    fn powershell() -> Self {
        let pc = Pc::builder().seed(1).build();
        let shell = Shell::new_powershell(&pc);
        Console { pc, shell }
    }

    fn run(&mut self, line: &str) -> Output {
        self.shell.execute(&mut self.pc, line)
    }

    fn text(&mut self, line: &str) -> String {
        self.run(line).text
    }

    fn state(&self, id: ServiceId) -> ServiceState {
        self.pc.scm().state(id)
    }
}

/// Expected text written as a raw string that starts on the line after the opening quote.
fn block(text: &str) -> &str {
    text.strip_prefix('\n').unwrap_or(text)
}

#[test]
fn sc_query_of_a_stopped_service() {
    let mut c = Console::new();
    let reply = c.run("sc query wuauserv");
    assert_eq!(
        reply.text,
        block(
            r"

SERVICE_NAME: wuauserv
        TYPE               : 30  WIN32
        STATE              : 1  STOPPED
        WIN32_EXIT_CODE    : 0  (0x0)
        SERVICE_EXIT_CODE  : 0  (0x0)
        CHECKPOINT         : 0x0
        WAIT_HINT          : 0x0

"
        )
    );
    assert_eq!(reply.exit_code, 0);
    assert!(reply.recognized);
}

#[test]
fn sc_start_returns_while_pending_and_sc_query_then_shows_running() {
    let mut c = Console::new();
    let start = c.text("sc start wuauserv");
    assert!(start.contains("        PID                : "), "{start}");
    let pid = c.pc.scm().status(ServiceId::WUAUSERV).pid;
    assert_eq!(
        start,
        format!(
            "
SERVICE_NAME: wuauserv
        TYPE               : 30  WIN32
        STATE              : 2  START_PENDING
                                (NOT_STOPPABLE, NOT_PAUSABLE, IGNORES_SHUTDOWN)
        WIN32_EXIT_CODE    : 0  (0x0)
        SERVICE_EXIT_CODE  : 0  (0x0)
        CHECKPOINT         : 0x0
        WAIT_HINT          : 0x7d0
        PID                : {pid}
        FLAGS              :

"
        )
    );
    // The two seconds it takes to type the next line are enough for the start to finish.
    assert_eq!(
        c.text("sc query wuauserv"),
        block(
            r"

SERVICE_NAME: wuauserv
        TYPE               : 30  WIN32
        STATE              : 4  RUNNING
                                (STOPPABLE, NOT_PAUSABLE, ACCEPTS_PRESHUTDOWN)
        WIN32_EXIT_CODE    : 0  (0x0)
        SERVICE_EXIT_CODE  : 0  (0x0)
        CHECKPOINT         : 0x0
        WAIT_HINT          : 0x0

"
        )
    );
}

#[test]
fn sc_qc_shows_the_configuration_as_typed() {
    let mut c = Console::new();
    assert_eq!(
        c.text("sc qc usosvc"),
        block(
            r"
[SC] QueryServiceConfig SUCCESS

SERVICE_NAME: usosvc
        TYPE               : 20  WIN32_SHARE_PROCESS
        START_TYPE         : 2   AUTO_START  (DELAYED)
        ERROR_CONTROL      : 1   NORMAL
        BINARY_PATH_NAME   : C:\Windows\system32\svchost.exe -k netsvcs -p
        LOAD_ORDER_GROUP   :
        TAG                : 0
        DISPLAY_NAME       : Update Orchestrator Service
        DEPENDENCIES       : rpcss
        SERVICE_START_NAME : LocalSystem

"
        )
    );
}

#[test]
fn a_disabled_service_cannot_be_started_with_1058() {
    let mut c = Console::new();
    let config = c.run("sc config wuauserv start= disabled");
    assert_eq!(config.text, "[SC] ChangeServiceConfig SUCCESS\n\n");
    assert_eq!(
        config.harms.first().copied(),
        Some(Harm::DisabledService(ServiceId::WUAUSERV))
    );
    assert_eq!(
        c.pc.scm().status(ServiceId::WUAUSERV).start_type,
        StartType::Disabled
    );
    let start = c.run("sc start wuauserv");
    assert_eq!(
        start.text,
        "[SC] StartService FAILED 1058:\n\nThe service cannot be started, either because it is disabled or because it has no enabled devices associated with it.\n\n"
    );
    assert_eq!(start.exit_code, 1058);
    assert_eq!(start.harms.first().copied(), None);
    // The remedy, and no harm in it.
    let demand = c.run("sc config wuauserv start= demand");
    assert_eq!(demand.harms.first().copied(), None);
    assert_eq!(c.run("sc start wuauserv").exit_code, 0);
}

#[test]
fn sc_config_needs_the_space_after_the_equals_sign() {
    let mut c = Console::new();
    let reply = c.run("sc config wuauserv start=disabled");
    assert!(
        reply
            .text
            .contains("A space is required between the equal sign and the value.")
    );
    assert!(reply.text.ends_with(
        "(wusim: put a space after the '=', as in 'sc config wuauserv start= demand'.)\n"
    ));
    assert_ne!(reply.exit_code, 0);
    assert_eq!(reply.harms.first().copied(), None);
    assert_eq!(
        c.pc.scm().status(ServiceId::WUAUSERV).start_type,
        StartType::Manual
    );
}

#[test]
fn sc_failures_use_the_prefix_of_each_subcommand() {
    let mut c = Console::new();
    let not_found =
        "FAILED 1060:\n\nThe specified service does not exist as an installed service.\n\n";
    for (line, prefix) in [
        (
            "sc query nosuch",
            "[SC] EnumQueryServicesStatus:OpenService ",
        ),
        ("sc start nosuch", "[SC] StartService: OpenService "),
        ("sc stop nosuch", "[SC] OpenService "),
        ("sc qc nosuch", "[SC] OpenService "),
        ("sc config nosuch start= demand", "[SC] OpenService "),
    ] {
        let reply = c.run(line);
        assert_eq!(reply.text, format!("{prefix}{not_found}"), "{line}");
        assert_eq!(reply.exit_code, 1060, "{line}");
    }
    assert_eq!(
        c.text("sc stop wuauserv"),
        "[SC] ControlService FAILED 1062:\n\nThe service has not been started.\n\n"
    );
    assert_eq!(
        c.text("sc start usosvc"),
        "[SC] StartService FAILED 1056:\n\nAn instance of the service is already running.\n\n"
    );
    assert_eq!(
        c.text("sc config WaaSMedicSvc start= disabled"),
        "[SC] ChangeServiceConfig FAILED 5:\n\nAccess is denied.\n\n"
    );
    c.run("net start appidsvc");
    assert_eq!(
        c.text("sc stop cryptsvc"),
        "[SC] ControlService FAILED 1051:\n\nA stop control has been sent to a service that other running services are dependent on.\n\n"
    );
    assert_eq!(
        c.text("sc stop rpcss"),
        "[SC] ControlService FAILED 1052:\n\nThe requested control is not valid for this service.\n\n"
    );
    // sc takes service names only, and suggests the right one.
    assert!(
        c.text("sc query \"Windows Update\"")
            .ends_with("(wusim: did you mean 'wuauserv'?)\n")
    );
}

#[test]
fn net_stop_of_a_stopped_service() {
    let mut c = Console::new();
    let reply = c.run("net stop wuauserv");
    assert_eq!(
        reply.text,
        "The Windows Update service is not started.\n\nMore help is available by typing NET HELPMSG 3521.\n\n"
    );
    assert_eq!(reply.exit_code, 2);
}

#[test]
fn net_start_waits_until_the_service_runs() {
    let mut c = Console::new();
    let reply = c.run("net start wuauserv");
    assert_eq!(
        reply.text,
        "The Windows Update service is starting.\nThe Windows Update service was started successfully.\n\n"
    );
    assert_eq!(reply.exit_code, 0);
    assert_eq!(c.state(ServiceId::WUAUSERV), ServiceState::Running);
    assert_eq!(
        c.text("net start \"Windows Update\""),
        "The requested service has already been started.\n\nMore help is available by typing NET HELPMSG 2182.\n\n"
    );
    assert_eq!(
        c.text("NET START \"update orchestrator service\""),
        "The requested service has already been started.\n\nMore help is available by typing NET HELPMSG 2182.\n\n"
    );
}

#[test]
fn net_start_of_an_unknown_service_suggests_only_a_close_name() {
    let mut c = Console::new();
    let invalid =
        "The service name is invalid.\n\nMore help is available by typing NET HELPMSG 2185.\n\n";
    let bogus = c.run("net start bogus");
    assert_eq!(bogus.text, invalid);
    assert_eq!(bogus.exit_code, 2);
    assert!(bogus.recognized);
    assert_eq!(
        c.text("net start wuaserv"),
        format!("{invalid}(wusim: did you mean 'wuauserv'?)\n")
    );
}

#[test]
fn net_start_of_a_disabled_service_is_system_error_1058() {
    let mut c = Console::new();
    c.run("sc config bits start= disabled");
    assert_eq!(
        c.text("net start bits"),
        "System error 1058 has occurred.\n\nThe service cannot be started, either because it is disabled or because it has no enabled devices associated with it.\n\n"
    );
}

#[test]
fn net_start_alone_lists_started_services_by_display_name() {
    let mut c = Console::new();
    assert_eq!(
        c.text("net start"),
        block(
            r"
These Windows services are started:

   Cryptographic Services
   DCOM Server Process Launcher
   Delivery Optimization
   Remote Procedure Call (RPC)
   RPC Endpoint Mapper
   Update Orchestrator Service

The command completed successfully.

"
        )
    );
}

#[test]
fn get_service_shows_the_table() {
    let mut c = Console::powershell();
    assert_eq!(
        c.text("Get-Service wuauserv"),
        block(
            r"

Status   Name               DisplayName
------   ----               -----------
Stopped  wuauserv           Windows Update

"
        )
    );
    assert_eq!(
        c.text("get-service b*"),
        block(
            r"

Status   Name               DisplayName
------   ----               -----------
Stopped  BITS               Background Intelligent Transfer Ser...

"
        )
    );
}

#[test]
fn get_service_of_a_missing_service_is_a_powershell_error() {
    let mut c = Console::powershell();
    let reply = c.run("Get-Service nosuch");
    assert_eq!(
        reply.text,
        block(
            r"
Get-Service : Cannot find any service with service name 'nosuch'.
At line:1 char:1
+ Get-Service nosuch
+ ~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : ObjectNotFound: (nosuch:String) [Get-Service], ServiceCommandException
    + FullyQualifiedErrorId : NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand

"
        )
    );
    assert_eq!(reply.exit_code, 1);
    assert!(
        c.text("Get-Service usosv")
            .ends_with("\n(wusim: did you mean 'UsoSvc'?)\n")
    );
}

#[test]
fn restart_service_stops_then_starts_quietly() {
    let mut c = Console::powershell();
    let pid = c.pc.scm().status(ServiceId::USOSVC).pid;
    let reply = c.run("Restart-Service usosvc");
    assert_eq!(reply.text, "");
    assert_eq!(reply.exit_code, 0);
    assert_eq!(c.state(ServiceId::USOSVC), ServiceState::Running);
    assert_ne!(
        c.pc.scm().status(ServiceId::USOSVC).pid,
        pid,
        "a new process"
    );
}

#[test]
fn restart_service_warns_while_a_start_keeps_it_waiting() {
    let mut c = Console::powershell();
    c.pc.hang_service(ServiceId::W32TIME);
    let reply = c.run("Start-Service w32time");
    let warning = "WARNING: Waiting for service 'Windows Time (w32time)' to start...\n";
    assert_eq!(reply.text.matches(warning).count(), 14, "{}", reply.text);
    assert!(
        reply
            .text
            .contains("Start-Service : Failed to start service 'Windows Time (w32time)'.\n")
    );
    assert!(reply.text.contains(
        "    + FullyQualifiedErrorId : StartServiceFailed,Microsoft.PowerShell.Commands.StartServiceCommand\n"
    ));
    assert_eq!(reply.exit_code, 1);
}

#[test]
fn stopping_a_service_with_dependents_asks_first() {
    let mut c = Console::new();
    c.run("net start appidsvc");
    let ask = c.run("net stop cryptsvc");
    assert_eq!(
        ask.text,
        block(
            r"
The following services are dependent on the Cryptographic Services service.
Stopping the Cryptographic Services service will also stop these services.

   Application Identity

Do you want to continue this operation? (Y/N) [N]: "
        )
    );
    assert!(c.shell.awaiting_answer());
    assert_eq!(c.state(ServiceId::CRYPTSVC), ServiceState::Running);
    let answer = c.run("Y");
    assert!(!c.shell.awaiting_answer());
    assert_eq!(
        answer.text,
        block(
            r"
The Application Identity service is stopping.
The Application Identity service was stopped successfully.

The Cryptographic Services service is stopping.
The Cryptographic Services service was stopped successfully.

"
        )
    );
    assert_eq!(answer.exit_code, 0);
    assert_eq!(c.state(ServiceId::APPIDSVC), ServiceState::Stopped);
    assert_eq!(c.state(ServiceId::CRYPTSVC), ServiceState::Stopped);
}

#[test]
fn any_answer_but_yes_cancels_the_stop() {
    let mut c = Console::new();
    c.run("net start appidsvc");
    c.run("net stop cryptsvc");
    let answer = c.run("sc query cryptsvc");
    assert_eq!(answer.text, "", "the line was the answer, not a command");
    assert!(!c.shell.awaiting_answer());
    assert_eq!(c.state(ServiceId::CRYPTSVC), ServiceState::Running);
    // /y answers up front.
    let yes = c.text("net stop cryptsvc /y");
    assert!(
        yes.contains("   Application Identity\n\nThe Application Identity service is stopping.")
    );
    assert!(yes.ends_with("The Cryptographic Services service was stopped successfully.\n\n"));
    assert!(!c.shell.awaiting_answer());
}

#[test]
fn powershell_refuses_to_stop_a_service_with_dependents_without_force() {
    let mut c = Console::powershell();
    c.run("net start appidsvc");
    let reply = c.run("Stop-Service cryptsvc");
    assert_eq!(
        reply.text,
        block(
            r"
Stop-Service : Cannot stop service 'Cryptographic Services (cryptsvc)' because it has dependent services. It can only be stopped if the Force flag is set.
At line:1 char:1
+ Stop-Service cryptsvc
+ ~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : InvalidOperation: (System.ServiceProcess.ServiceController:ServiceController) [Stop-Service], ServiceCommandException
    + FullyQualifiedErrorId : ServiceHasDependentServices,Microsoft.PowerShell.Commands.StopServiceCommand

"
        )
    );
    assert_eq!(c.run("Stop-Service cryptsvc -Force").exit_code, 0);
    assert_eq!(c.state(ServiceId::CRYPTSVC), ServiceState::Stopped);
    assert_eq!(c.state(ServiceId::APPIDSVC), ServiceState::Stopped);
}

#[test]
fn software_distribution_can_be_renamed_only_once_its_services_stop() {
    let mut c = Console::new();
    c.run("net start wuauserv");
    let busy = c.run("ren %windir%\\SoftwareDistribution SoftwareDistribution.old");
    // cmd's ren answers a folder in use with "Access is denied." (reference §1.5).
    assert_eq!(busy.text, "Access is denied.\n");
    assert_eq!(busy.exit_code, 1);
    c.run("net stop wuauserv");
    let ok = c.run("ren %windir%\\SoftwareDistribution SoftwareDistribution.old");
    assert_eq!(ok.text, "");
    assert_eq!(ok.exit_code, 0);
    assert_eq!(ok.harms.first().copied(), None);
    assert_eq!(
        c.text("ren C:\\Nowhere\\x y"),
        "The system cannot find the path specified.\n"
    );
    // The folder is gone from its old place: a second rename fails, and the old name is free.
    assert_eq!(
        c.text("ren %windir%\\SoftwareDistribution SoftwareDistribution.old"),
        "The system cannot find the file specified.\n"
    );
}

#[test]
fn deleting_the_folders_works_but_is_harmful() {
    let mut c = Console::new();
    let rd = c.run("rd /s /q \"C:\\WINDOWS\\SoftwareDistribution\"");
    assert_eq!(rd.text, "");
    assert_eq!(
        rd.harms.first().copied(),
        Some(Harm::DeletedFolder(Folder::SoftwareDistribution))
    );
    let ask = c.run("rd /s %windir%\\System32\\catroot2");
    assert_eq!(
        ask.text,
        "%windir%\\System32\\catroot2, Are you sure (Y/N)? ".replace("%windir%", "C:\\WINDOWS")
    );
    let answer = c.run("y");
    assert_eq!(
        answer.text,
        "The process cannot access the file because it is being used by another process.\n",
        "Cryptographic Services holds catroot2"
    );
    assert_eq!(answer.harms.first().copied(), None);
    assert_eq!(
        Harm::DeletedFolder(Folder::SoftwareDistribution).describe(),
        "deleted SoftwareDistribution instead of renaming it"
    );
}

#[test]
fn set_service_disabled_is_harmful_and_silent() {
    let mut c = Console::powershell();
    let reply = c.run("Set-Service -Name bits -StartupType Disabled");
    assert_eq!(reply.text, "");
    assert_eq!(
        reply.harms.first().copied(),
        Some(Harm::DisabledService(ServiceId::BITS))
    );
    let manual = c.run("Set-Service bits -StartupType Manual");
    assert_eq!(
        (manual.text.as_str(), manual.harms.first().copied()),
        ("", None)
    );
}

#[test]
fn restarting_while_an_update_installs_is_harmful() {
    let mut c = Console::new();
    c.pc.check_for_updates();
    let mut waited = 0;
    while !matches!(c.pc.agent().job, Job::Installing { .. }) && waited < 7_200 {
        c.pc.run_for(SimDuration::from_secs(10));
        waited += 10;
    }
    assert!(matches!(c.pc.agent().job, Job::Installing { .. }));
    let reply = c.run("shutdown /r /t 0");
    assert_eq!(
        reply.harms.first().copied(),
        Some(Harm::RebootDuringInstall)
    );
    assert!(reply.text.starts_with("(wusim: the PC restarted"));
    let quiet = c.run("Restart-Computer");
    assert_eq!(quiet.harms.first().copied(), None);
}

#[test]
fn netsh_shows_the_winhttp_proxy() {
    let mut c = Console::new();
    assert_eq!(
        c.text("netsh winhttp show proxy"),
        "\nCurrent WinHTTP proxy settings:\n\n    Direct access (no proxy server).\n\n"
    );
}

#[test]
fn dism_restore_health() {
    let mut c = Console::new();
    let before = c.pc.clock();
    let reply = c.run("DISM /Online /Cleanup-Image /RestoreHealth");
    assert_eq!(
        reply.text,
        block(
            r"

Deployment Image Servicing and Management tool
Version: 10.0.22631.1

Image Version: 10.0.22631.5335

[==========================100.0%==========================] The restore operation completed successfully.
The operation completed successfully.
"
        )
    );
    assert_eq!(reply.exit_code, 0);
    assert!(c.pc.clock() > before.plus(SimDuration::from_mins(15)));
}

#[test]
fn sfc_scannow() {
    let mut c = Console::new();
    assert_eq!(
        c.text("sfc /scannow"),
        block(
            r"

Beginning system scan.  This process will take some time.

Beginning verification phase of system scan.
Verification 100% complete.

Windows Resource Protection did not find any integrity violations.
"
        )
    );
}

#[test]
fn w32tm_resync_needs_windows_time() {
    let mut c = Console::new();
    assert_eq!(c.state(ServiceId::W32TIME), ServiceState::Stopped);
    let reply = c.run("w32tm /resync");
    assert_eq!(
        reply.text,
        "Sending resync command to local computer\nThe following error occurred: The service has not been started. (0x80070426)\n"
    );
    assert_ne!(reply.exit_code, 0);
    c.run("net start w32time");
    assert_eq!(
        c.text("w32tm /resync"),
        "Sending resync command to local computer\nThe command completed successfully.\n"
    );
}

#[test]
fn usoclient_prints_nothing_and_starts_a_scan() {
    let mut c = Console::new();
    let reply = c.run("UsoClient StartScan");
    assert_eq!(reply.text, "");
    assert_eq!(reply.exit_code, 0);
    assert!(reply.recognized);
    assert!(c.pc.agent().job != Job::Idle || c.pc.last_checked() > Some(c.pc.start()));
    let bad = c.run("UsoClient Frobnicate");
    assert_eq!((bad.text.as_str(), bad.exit_code), ("", 1));
}

#[test]
fn settings_prints_the_windows_update_page() {
    let mut c = Console::new();
    assert_eq!(
        c.text("settings"),
        "Windows Update\n\nYou're up to date\n\nLast checked: Today, 8:30 AM\n"
    );
}

#[test]
fn an_unknown_command_is_cmds_message_plus_a_hint() {
    let mut c = Console::new();
    let reply = c.run("foo");
    assert_eq!(
        reply.text,
        "'foo' is not recognized as an internal or external command,\noperable program or batch file.\n(wusim: type 'help' to see the commands you can use.)\n"
    );
    assert!(!reply.recognized);
    assert_eq!(reply.exit_code, 9009);
    // A cmdlet wusim does not know, at cmd's prompt: cmd's message, and a note.
    let cmdlet = c.run("Get-Foo");
    assert!(!cmdlet.recognized);
    assert!(
        cmdlet
            .text
            .starts_with("'Get-Foo' is not recognized as an internal or external command,")
    );
    assert!(
        cmdlet
            .text
            .contains("(wusim: Get-Foo is a PowerShell cmdlet: type powershell first.)\n")
    );
    assert_eq!(cmdlet.exit_code, 9009);
}

#[test]
fn wait_lets_simulated_time_pass() {
    let mut c = Console::new();
    assert_eq!(
        c.text("wait 30m"),
        "Waited 30m. It is now 6/10/2025 11:00:00 AM.\n"
    );
    assert_eq!(c.text("time /t"), "11:00 AM\n");
    assert_eq!(c.text("date /t"), "Tue 06/10/2025\n");
    assert_ne!(c.run("wait soon").exit_code, 0);
}

#[test]
fn help_lists_every_command_with_one_line_each() {
    let mut c = Console::new();
    let help = c.text("help");
    assert!(help.starts_with("Commands you can type"));
    for group in [
        "\nServices\n",
        "\nWindows Update\n",
        "\nPowerShell\n",
        "\nFiles and folders\n",
        "\nRepair tools\n",
        "\ncmd and batch files\n",
        "\nSimulator (not Windows commands)\n",
        "\nSession (not Windows commands)\n",
    ] {
        assert!(help.contains(group), "{group:?} missing");
    }
    for line in [
        "  sc query|qc|config|failure|start|stop <service>    Query, configure and control a service (also queryex, qfailure); returns at once\n",
        "  ren <path> <new name>",
        "  DISM /Online /Cleanup-Image /RestoreHealth         Repair the component store",
    ] {
        assert!(help.contains(line), "{line:?} missing");
    }
    assert!(
        help.contains(
            "\nReal Windows commands the practice shell knows of but does not simulate:\n"
        )
    );
    // Every entry has its page, and `/?` shows the same page.
    assert_eq!(c.text("help sc"), c.text("sc /?"));
    assert!(c.text("help dism").starts_with("DISM /Online"));
}

#[test]
fn commands_ignore_case_like_windows() {
    let mut c = Console::new();
    let upper = c.text("SC QUERY WUAUSERV");
    assert!(upper.starts_with("\nSERVICE_NAME: WUAUSERV\n"));
    assert_eq!(
        upper.replace("WUAUSERV", "wuauserv"),
        c.text("sc query wuauserv")
    );
    assert_eq!(c.text("Sc.Exe Query WuAuServ").len(), upper.len());
}

#[test]
fn the_services_console_greys_out_restart_for_a_stopped_service() {
    let mut c = Console::new();
    let reply = c.run("services.msc restart \"Windows Update\"");
    assert_eq!(
        reply.text,
        "Restart is not available: the service is not running. Use Start.\n"
    );
    let start = c.text("services.msc start \"Windows Update\"");
    assert_eq!(
        start,
        "Windows is attempting to start the following service on Local Computer...\nWindows Update\n\n(wusim: the console now shows Windows Update as Running.)\n"
    );
    let table = c.text("services.msc");
    assert!(table.starts_with("Services (Local)\n\nName "));
    assert!(table.contains(
        "\nWindows Update                           Enables the detection, download, and ...  Running  Manual                     Local System\n"
    ));
}

#[test]
fn errorlevel_is_remembered_for_echo() {
    let mut c = Console::new();
    c.run("sc query nosuch");
    assert_eq!(c.text("echo %ERRORLEVEL%"), "1060\n");
    c.run("net stop wuauserv");
    assert_eq!(c.text("echo %errorlevel%"), "2\n");
}

#[test]
fn get_winevent_groups_events_by_provider_newest_first() {
    let mut c = Console::powershell();
    c.run("net start wuauserv");
    c.run("net stop wuauserv");
    let text = c.text("Get-WinEvent -LogName System -MaxEvents 2");
    assert_eq!(
        text,
        block(
            r"

   ProviderName: Service Control Manager

TimeCreated                      Id LevelDisplayName Message
-----------                      -- ---------------- -------
6/10/2025 10:30:03 AM          7036 Information      The Windows Update service entered the stopped state.
6/10/2025 10:30:00 AM          7036 Information      The Windows Update service entered the running state.

"
        )
    );
}

#[test]
fn get_hotfix_lists_installed_updates() {
    let may = CivilDateTime::new(2025, 5, 14, 0, 0, 0)
        .unwrap()
        .day_number();
    let device = Device {
        installed: vec![InstalledUpdate {
            kb: 5_058_405,
            installed_on_day: may,
        }],
        ..Device::default()
    };
    let pc = Pc::builder().seed(1).device(device).build();
    let shell = Shell::new_powershell(&pc);
    let mut c = Console { pc, shell };
    assert_eq!(
        c.text("Get-HotFix"),
        block(
            r"

Source        Description      HotFixID      InstalledBy          InstalledOn
------        -----------      --------      -----------          -----------
DESKTOP-WU... Security Update  KB5058405     NT AUTHORITY\SYSTEM  5/14/2025 12:00:00 AM

"
        )
    );
    c.run("UsoClient ScanInstallWait");
    c.run("shutdown /r /t 0");
    let text = c.text("Get-HotFix");
    assert!(
        text.contains("DESKTOP-WU... Security Update  KB5060999     NT AUTHORITY\\SYSTEM  6/10/2025 12:00:00 AM\n"),
        "{text}"
    );
    let missing = c.run("Get-HotFix KB123");
    assert!(
        missing.text.starts_with(
            "Get-HotFix : Cannot find the requested hotfix on the 'localhost' computer."
        )
    );
}

#[test]
fn odd_arguments_are_refused_not_panicked() {
    let mut c = Console::new();
    for line in [
        "settings active-hours 0-255",
        "settings active-hours 23-0",
        "settings pause 0",
        "settings pause 99999999999999999999999",
        "wait 99999999999999999999d",
        "wait 365d",
        "Get-WinEvent System -MaxEvents 0",
        "Get-WinEvent System -MaxEvents 99999999999999999999",
        "taskkill /f /pid 0",
        "net helpmsg 99999999999",
        "explain -99999999999",
        "sc query |",
        "\"",
        "& ",
        "-",
    ] {
        let reply = c.run(line);
        assert!(
            reply.text.is_empty() || reply.text.ends_with('\n'),
            "{line}: {:?}",
            reply.text
        );
    }
    assert_eq!(
        c.text("settings active-hours 0-255"),
        "(wusim: write active hours as two hours from 0 to 23, such as 'settings active-hours 8-17'.)\n"
    );
    // A duration too long to count is a duration all the same: the limit is named.
    assert!(
        c.text("wait 999999999999d")
            .starts_with("(wusim: wait at most "),
        "{}",
        c.text("wait 999999999999d")
    );
}

#[test]
fn ver_and_winver_show_the_build() {
    let mut c = Console::new();
    assert_eq!(
        c.text("ver"),
        "\nMicrosoft Windows [Version 10.0.22631.5335]\n"
    );
    assert_eq!(
        c.text("winver"),
        "\nMicrosoft Windows [Version 10.0.22631.5335]\nWindows 11 Pro, version 23H2 (OS Build 22631.5335)\n"
    );
}

#[test]
fn explain_gives_the_catalog_entry_or_the_nearest_codes() {
    let mut c = Console::new();
    let known = c.text("explain 1058");
    assert!(known.starts_with("0x80070422  ERROR_SERVICE_DISABLED (Win32 error 1058)\n"));
    assert!(known.contains("Message:   The service cannot be started"));
    assert!(known.contains("Usual remedies\n  1. "));
    let unknown = c.run("explain 0x80070423");
    assert!(
        unknown
            .text
            .starts_with("0x80070423 is not a code wusim knows.")
    );
    assert!(
        unknown
            .text
            .contains("  0x80070422  ERROR_SERVICE_DISABLED\n")
    );
    assert_eq!(unknown.exit_code, 1);
}

#[test]
fn offline_pc_shows_media_disconnected_until_reconnected() {
    let mut c = Console::new();
    c.pc.inject(wusim::fault::Fault::NetworkOffline);
    assert!(
        c.text("ipconfig")
            .contains("   Media State . . . . . . . . . . . : Media disconnected\n")
    );
    assert_eq!(
        c.text("network connect"),
        "Network cable plugged back in (simulated).\n"
    );
    assert!(
        c.text("ipconfig")
            .contains("   IPv4 Address. . . . . . . . . . . : ")
    );
}

#[test]
fn the_update_history_lives_in_the_data_store() {
    let mut c = Console::new();
    let before = c.text("settings history");
    assert!(
        before.contains("(KB5058405)\n  Successfully installed on 5/14/2025"),
        "{before}"
    );
    c.run("ren %windir%\\SoftwareDistribution SoftwareDistribution.old");
    assert_eq!(
        c.text("settings history"),
        "Update history\n\nNo updates have been installed yet.\n"
    );
    // Windows Update makes a new data store when it next works; the old history stays in .old.
    c.run("net start wuauserv");
    assert!(
        c.text("settings history")
            .contains("No updates have been installed yet.")
    );
    c.run("net stop wuauserv");
    c.run("rd /s /q %windir%\\SoftwareDistribution");
    c.run("ren %windir%\\SoftwareDistribution.old SoftwareDistribution");
    assert_eq!(c.text("settings history"), before);
}
