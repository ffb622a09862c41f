//! Unit tests of the parser, as tables: one row per line typed, and what it must become.

use super::cmdlet::{BindError, CmdletKind};
use super::command::{
    Command, ConfigHint, Dism, Filter, Msc, MscAction, Net, Netsh, RemoveTool, Sc, SettingsAction,
    Shutdown, StateFilter, Taskkill, UsoVerb,
};
use super::parse::{parse, words};
use crate::scm::StartType;

fn s(text: &str) -> String {
    text.to_string()
}

fn query(name: Option<&str>, ex: bool, state: StateFilter) -> Command {
    Command::Sc(Sc::Query {
        name: name.map(s),
        ex,
        state,
    })
}

fn config(name: &str, start: Option<StartType>) -> Command {
    Command::Sc(Sc::Config {
        name: s(name),
        start,
    })
}

fn unknown(word: &str, cmdlet_style: bool) -> Command {
    Command::Unknown {
        word: s(word),
        cmdlet_style,
    }
}

fn remove(tool: RemoveTool, path: &str, recurse: bool, quiet: bool) -> Command {
    Command::Remove {
        tool,
        path: Some(s(path)),
        recurse,
        quiet,
    }
}

#[test]
fn words_split_on_spaces_and_group_quotes() {
    #[rustfmt::skip]
    let cases: &[(&str, &[&str])] = &[
        ("",                                   &[]),
        ("  sc   query  ",                     &["sc", "query"]),
        ("net start \"Windows Update\"",       &["net", "start", "Windows Update"]),
        ("Get-Service 'wu*'",                  &["Get-Service", "wu*"]),
        ("a\"b c\"d",                          &["ab cd"]),
        ("\"\"",                               &[""]),
        ("\"unclosed quote",                   &["unclosed quote"]),
        ("it's",                               &["its"]),
    ];
    for (line, expected) in cases {
        assert_eq!(words(line), *expected, "{line:?}");
    }
}

#[test]
fn commands_parse_as_windows_reads_them() {
    use StartType::*;
    use StateFilter::*;
    #[rustfmt::skip]
    let cases: Vec<(&str, Command)> = vec![
        ("",                                          Command::Empty),
        ("   ",                                       Command::Empty),
        ("sc query wuauserv",                         query(Some("wuauserv"), false, Active)),
        ("SC.EXE QUERY WUAUSERV",                     query(Some("WUAUSERV"), false, Active)),
        ("& sc.exe queryex \"bits\"",                 query(Some("bits"), true, Active)),
        ("sc query",                                  query(None, false, Active)),
        ("sc query state= all",                       query(None, false, All)),
        ("sc queryex type= service state= inactive",  query(None, true, Inactive)),
        ("sc query state=all",                        query(Some("state=all"), false, Active)),
        ("sc qc usosvc",                              Command::Sc(Sc::Qc(s("usosvc")))),
        ("sc start wuauserv",                         Command::Sc(Sc::Start(s("wuauserv")))),
        ("sc stop bits",                              Command::Sc(Sc::Stop(s("bits")))),
        ("sc config wuauserv start= disabled",        config("wuauserv", Some(Disabled))),
        ("sc config wuauserv start= demand",          config("wuauserv", Some(Manual))),
        ("sc config usosvc start= delayed-auto",      config("usosvc", Some(AutomaticDelayed))),
        ("sc config cryptsvc START= AUTO",            config("cryptsvc", Some(Automatic))),
        ("sc config wuauserv start= boot",            config("wuauserv", None)),
        ("sc config wuauserv start=disabled",         Command::Sc(Sc::ConfigUsage(ConfigHint::MissingSpace))),
        ("sc config wuauserv start= sometimes",       Command::Sc(Sc::ConfigUsage(ConfigHint::None))),
        ("sc config wuauserv type= own",              Command::Sc(Sc::ConfigUsage(ConfigHint::OnlyStart))),
        ("sc config wuauserv",                        Command::Sc(Sc::ConfigUsage(ConfigHint::None))),
        ("sc config",                                 Command::Sc(Sc::ConfigUsage(ConfigHint::None))),
        ("sc",                                        Command::Sc(Sc::Usage(None))),
        ("sc start",                                  Command::Sc(Sc::Usage(None))),
        ("sc delete wuauserv",                        Command::Sc(Sc::Usage(Some(s("delete"))))),
        ("net start",                                 Command::Net(Net::List)),
        ("net start wuauserv",                        Command::Net(Net::Start(s("wuauserv")))),
        ("NET.EXE START \"Windows Update\"",          Command::Net(Net::Start(s("Windows Update")))),
        ("net start windows update",                  Command::Net(Net::Start(s("windows update")))),
        ("net stop cryptsvc",                         Command::Net(Net::Stop { name: s("cryptsvc"), yes: false })),
        ("net stop cryptsvc /y",                      Command::Net(Net::Stop { name: s("cryptsvc"), yes: true })),
        ("net stop",                                  Command::Net(Net::StopSyntax)),
        ("net helpmsg 2182",                          Command::Net(Net::HelpMsg(Some(s("2182"))))),
        ("net",                                       Command::Net(Net::Syntax)),
        ("net frobnicate",                            Command::Net(Net::Syntax)),
        ("services.msc",                              Command::Msc(Msc::Table)),
        ("services.msc restart \"Windows Update\"",   Command::Msc(Msc::Act(MscAction::Restart, s("Windows Update")))),
        ("services.msc start wuauserv",               Command::Msc(Msc::Act(MscAction::Start, s("wuauserv")))),
        ("services.msc stop",                         Command::Msc(Msc::Usage)),
        ("services.msc pause bits",                   Command::Msc(Msc::Usage)),
        ("UsoClient StartScan",                       Command::UsoClient(Some(UsoVerb::StartScan))),
        ("usoclient.exe scaninstallwait",             Command::UsoClient(Some(UsoVerb::ScanInstallWait))),
        ("UsoClient RestartDevice",                   Command::UsoClient(Some(UsoVerb::RestartDevice))),
        ("UsoClient Frobnicate",                      Command::UsoClient(None)),
        ("UsoClient",                                 Command::UsoClient(None)),
        ("settings",                                  Command::Settings(SettingsAction::Show)),
        ("settings check",                            Command::Settings(SettingsAction::Check)),
        ("settings pause 14",                         Command::Settings(SettingsAction::Pause(Some(s("14"))))),
        ("settings pause",                            Command::Settings(SettingsAction::Pause(None))),
        ("settings active-hours 8-17",                Command::Settings(SettingsAction::ActiveHours(Some(s("8-17"))))),
        ("settings troubleshoot",                     Command::Settings(SettingsAction::Troubleshoot)),
        ("settings bogus",                            Command::Settings(SettingsAction::Usage(s("bogus")))),
        ("start ms-settings:windowsupdate",           Command::Settings(SettingsAction::Show)),
        ("ren %windir%\\SoftwareDistribution SoftwareDistribution.old",
            Command::Rename { path: s("%windir%\\SoftwareDistribution"), new_name: Some(s("SoftwareDistribution.old")) }),
        ("rename \"C:\\Windows\\System32\\catroot2\" catroot2.old",
            Command::Rename { path: s("C:\\Windows\\System32\\catroot2"), new_name: Some(s("catroot2.old")) }),
        ("ren x",                                     Command::Rename { path: s("x"), new_name: None }),
        ("rd /s /q %windir%\\SoftwareDistribution",   remove(RemoveTool::Rd, "%windir%\\SoftwareDistribution", true, true)),
        ("RMDIR /S C:\\Windows\\SoftwareDistribution", remove(RemoveTool::Rd, "C:\\Windows\\SoftwareDistribution", true, false)),
        ("rd C:\\Windows\\SoftwareDistribution",      remove(RemoveTool::Rd, "C:\\Windows\\SoftwareDistribution", false, false)),
        ("del /q /f /s %windir%\\SoftwareDistribution\\*", remove(RemoveTool::Del, "%windir%\\SoftwareDistribution\\*", true, true)),
        ("rd",                                        Command::Remove { tool: RemoveTool::Rd, path: None, recurse: false, quiet: false }),
        ("DISM /Online /Cleanup-Image /RestoreHealth", Command::Dism(Dism::RestoreHealth)),
        ("dism.exe /online /cleanup-image /scanhealth", Command::Dism(Dism::ScanHealth)),
        ("Dism /Online /Cleanup-Image /CheckHealth",  Command::Dism(Dism::CheckHealth)),
        ("DISM /Online /Cleanup-Image /RestoreHealth /Source:D:\\sources /LimitAccess", Command::Dism(Dism::RestoreHealth)),
        ("DISM /Cleanup-Image /RestoreHealth",        Command::Dism(Dism::Bad(None))),
        ("DISM /Online /Cleanup-Image /Fix",          Command::Dism(Dism::Bad(Some(s("/fix"))))),
        ("DISM",                                      Command::Dism(Dism::Bad(None))),
        ("sfc /scannow",                              Command::Sfc(true)),
        ("SFC /SCANNOW",                              Command::Sfc(true)),
        ("sfc",                                       Command::Sfc(false)),
        ("netsh winhttp show proxy",                  Command::Netsh(Netsh::ShowProxy)),
        ("NETSH WINHTTP RESET PROXY",                 Command::Netsh(Netsh::ResetProxy)),
        ("netsh winsock reset",                       Command::Netsh(Netsh::NotFound(s("winsock reset")))),
        ("w32tm /resync",                             Command::W32tm(true)),
        ("w32tm /query /status",                      Command::W32tm(false)),
        ("cleanmgr",                                  Command::Cleanmgr),
        ("shutdown /r /t 0",                          Command::Shutdown(Shutdown::Restart)),
        ("shutdown -r -t 0",                          Command::Shutdown(Shutdown::Restart)),
        ("shutdown /r",                               Command::Shutdown(Shutdown::Restart)),
        ("shutdown /s /t 60",                         Command::Shutdown(Shutdown::PowerOff)),
        ("shutdown /a",                               Command::Shutdown(Shutdown::Abort)),
        ("shutdown",                                  Command::Shutdown(Shutdown::Usage)),
        ("ipconfig",                                  Command::Ipconfig(false)),
        ("ipconfig /flushdns",                        Command::Ipconfig(true)),
        ("network connect",                           Command::Network(true)),
        ("network",                                   Command::Network(false)),
        ("taskkill /f /pid 1234",                     Command::Taskkill(Taskkill { pid: Some(s("1234")), force: true, by_image: false })),
        ("taskkill /im svchost.exe /f",               Command::Taskkill(Taskkill { pid: None, force: true, by_image: true })),
        ("winver",                                    Command::Winver),
        ("ver",                                       Command::Ver),
        ("echo %errorlevel%",                         Command::Echo(s("%errorlevel%"))),
        ("ECHO  two  spaces",                         Command::Echo(s(" two  spaces"))),
        ("echo",                                      Command::Echo(s(""))),
        ("cls",                                       Command::Cls),
        ("cd",                                        Command::Cd(None)),
        ("help",                                      Command::Help(None)),
        ("help sc query",                             Command::Help(Some(s("sc query")))),
        ("sc /?",                                     Command::Help(Some(s("sc")))),
        ("net.exe /?",                                Command::Help(Some(s("net")))),
        ("wait 30m",                                  Command::Wait(Some(s("30m")))),
        ("wait 1h 30m",                               Command::Wait(Some(s("1h30m")))),
        ("wait",                                      Command::Wait(None)),
        ("time",                                      Command::Time),
        ("explain 0x80070422",                        Command::Explain(Some(s("0x80070422")))),
        ("explain",                                   Command::Explain(None)),
        ("tasklist",                                  Command::NotSimulated(s("tasklist"))),
        ("foo",                                       unknown("foo", false)),
        ("Foo bar",                                   unknown("Foo", false)),
        ("Get-Foo",                                   unknown("Get-Foo", true)),
        ("Get-Servce wuauserv",                       unknown("Get-Servce", true)),
        ("-x",                                        unknown("-x", false)),
        ("C:\\Windows\\System32\\sc.exe query bits",  query(Some("bits"), false, Active)),
    ];
    for (line, expected) in cases {
        assert_eq!(parse(line).command, expected, "{line:?}");
    }
}

/// A line, its cmdlet, the values it binds and the switches it sets.
type BindRow = (
    &'static str,
    CmdletKind,
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
);

#[test]
fn cmdlets_bind_their_parameters_like_powershell() {
    // (line, cmdlet, expected values, expected switches)
    #[rustfmt::skip]
    let cases: &[BindRow] = &[
        ("Get-Service",                                   CmdletKind::GetService, &[], &[]),
        ("get-service wuauserv",                          CmdletKind::GetService, &[("Name", "wuauserv")], &[]),
        ("GET-SERVICE -Name wu*",                         CmdletKind::GetService, &[("Name", "wu*")], &[]),
        ("gsv -n:bits",                                   CmdletKind::GetService, &[("Name", "bits")], &[]),
        ("Get-Service -DisplayName \"Windows Update\"",   CmdletKind::GetService, &[("DisplayName", "Windows Update")], &[]),
        ("Get-Service cryptsvc -Dep",                     CmdletKind::GetService, &[("Name", "cryptsvc")], &["DependentServices"]),
        ("Stop-Service -Force wuauserv",                  CmdletKind::StopService, &[("Name", "wuauserv")], &["Force"]),
        ("Restart-Service usosvc -force",                 CmdletKind::RestartService, &[("Name", "usosvc")], &["Force"]),
        ("Start-Service wuauserv,bits",                   CmdletKind::StartService, &[("Name", "wuauserv,bits")], &[]),
        ("Set-Service wuauserv -StartupType Manual",      CmdletKind::SetService, &[("Name", "wuauserv"), ("StartupType", "Manual")], &[]),
        ("Set-Service -StartupType Disabled -Name bits",  CmdletKind::SetService, &[("Name", "bits"), ("StartupType", "Disabled")], &[]),
        ("Get-HotFix KB5060999",                          CmdletKind::GetHotFix, &[("Id", "KB5060999")], &[]),
        ("Get-WinEvent -LogName System -MaxEvents 5",     CmdletKind::GetWinEvent, &[("LogName", "System"), ("MaxEvents", "5")], &[]),
        ("Get-WinEvent System",                           CmdletKind::GetWinEvent, &[("LogName", "System")], &[]),
        ("Get-WindowsUpdateLog",                          CmdletKind::GetWindowsUpdateLog, &[], &[]),
        ("Restart-Computer -Force",                       CmdletKind::RestartComputer, &[], &["Force"]),
        ("Rename-Item C:\\Windows\\SoftwareDistribution SoftwareDistribution.old",
                                                          CmdletKind::RenameItem, &[("Path", "C:\\Windows\\SoftwareDistribution"), ("NewName", "SoftwareDistribution.old")], &[]),
        ("Remove-Item -Recurse -Force $env:windir\\SoftwareDistribution",
                                                          CmdletKind::RemoveItem, &[("Path", "$env:windir\\SoftwareDistribution")], &["Recurse", "Force"]),
        ("Get-Help Get-Service",                          CmdletKind::GetHelp, &[("Name", "Get-Service")], &[]),
    ];
    for (line, kind, values, switches) in cases {
        let Command::Cmdlet(cmdlet) = parse(line).command else {
            panic!("{line:?} is not a cmdlet");
        };
        assert_eq!(cmdlet.kind, *kind, "{line:?}");
        assert_eq!(cmdlet.statement, *line);
        let bound = cmdlet.args.unwrap_or_else(|e| panic!("{line:?}: {e:?}"));
        for (name, value) in *values {
            assert_eq!(bound.value(name), Some(*value), "{line:?} -{name}");
        }
        for name in [
            "Name",
            "DisplayName",
            "StartupType",
            "Id",
            "LogName",
            "MaxEvents",
            "Path",
            "NewName",
        ] {
            if !values.iter().any(|(n, _)| *n == name) {
                assert_eq!(bound.value(name), None, "{line:?} -{name}");
            }
        }
        for name in ["Force", "DependentServices", "Recurse", "PassThru"] {
            assert_eq!(
                bound.switch(name),
                switches.contains(&name),
                "{line:?} -{name}"
            );
        }
    }
}

#[test]
fn cmdlet_binding_errors_keep_powershell_ids() {
    #[rustfmt::skip]
    let cases: &[(&str, BindError)] = &[
        ("Get-Service -Bogus x",          BindError::NamedParameterNotFound(s("Bogus"))),
        ("Get-Service a b",               BindError::PositionalParameterNotFound(s("b"))),
        ("Get-Service -Name",             BindError::MissingArgument("Name", "System.String[]")),
        ("Get-Service -Name -Dep",        BindError::MissingArgument("Name", "System.String[]")),
        ("Stop-Service wuauserv -Forse",  BindError::NamedParameterNotFound(s("Forse"))),
        ("Set-Service -Sta x",            BindError::AmbiguousParameter(s("Sta"), vec!["StartupType", "Status"])),
    ];
    for (line, expected) in cases {
        let Command::Cmdlet(cmdlet) = parse(line).command else {
            panic!("{line:?} is not a cmdlet");
        };
        assert_eq!(cmdlet.args.as_ref().err(), Some(expected), "{line:?}");
    }
    assert_eq!(
        BindError::MissingArgument("Name", "System.String[]").message(),
        "Missing an argument for parameter 'Name'. Specify a parameter of type 'System.String[]' and try again."
    );
}

#[test]
fn pipes_filter_the_output() {
    #[rustfmt::skip]
    let cases: &[(&str, Option<Filter>)] = &[
        ("sc queryex wuauserv",                  None),
        ("sc queryex wuauserv | findstr PID",    Some(Filter::Lines { pattern: s("PID"), ignore_case: false })),
        ("sc query | findstr /i state",          Some(Filter::Lines { pattern: s("state"), ignore_case: true })),
        ("Get-Service | Select-String Running",  Some(Filter::Lines { pattern: s("Running"), ignore_case: true })),
        ("sc query | more",                      Some(Filter::All)),
        ("Get-Service | Stop-Service",           Some(Filter::Unsupported(s("Stop-Service")))),
        ("echo \"a|b\"",                         None),
        ("sc query |",                           Some(Filter::Unsupported(s("")))),
    ];
    for (line, expected) in cases {
        assert_eq!(parse(line).filter, *expected, "{line:?}");
    }
}
