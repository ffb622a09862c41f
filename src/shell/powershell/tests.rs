//! Cmdlet binding, as tables: one row per line typed, and what it must bind to.

use super::cmdlet::{BindError, CmdletKind, parse};

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
        let words = super::words(line);
        let cmdlet = parse(&words[0].to_ascii_lowercase(), &words[1..], line)
            .unwrap_or_else(|| panic!("{line:?} is not a cmdlet"));
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
        ("Get-Service -Bogus x",          BindError::NamedParameterNotFound("Bogus".into())),
        ("Get-Service a b",               BindError::PositionalParameterNotFound("b".into())),
        ("Get-Service -Name",             BindError::MissingArgument("Name", "System.String[]")),
        ("Get-Service -Name -Dep",        BindError::MissingArgument("Name", "System.String[]")),
        ("Stop-Service wuauserv -Forse",  BindError::NamedParameterNotFound("Forse".into())),
        ("Set-Service -Sta x",            BindError::AmbiguousParameter("Sta".into(), vec!["StartupType", "Status"])),
    ];
    for (line, expected) in cases {
        let words = super::words(line);
        let cmdlet = parse(&words[0].to_ascii_lowercase(), &words[1..], line)
            .unwrap_or_else(|| panic!("{line:?} is not a cmdlet"));
        assert_eq!(cmdlet.args.as_ref().err(), Some(expected), "{line:?}");
    }
    assert_eq!(
        BindError::MissingArgument("Name", "System.String[]").message(),
        "Missing an argument for parameter 'Name'. Specify a parameter of type 'System.String[]' and try again."
    );
}
