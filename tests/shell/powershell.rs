//! The Windows PowerShell 5.1 prompt, end to end: switching shells, the language
//! (pipelines, variables, flow, errors), the common parameters, the registry provider and
//! scripts, each line compared with what PowerShell prints (the reference,
//! `windows-shell-semantics.md` §2.2–3).

use wusim::scm::{ServiceId, ServiceState, StartType};

use super::Console;

const BANNER: &str = "Windows PowerShell\nCopyright (C) Microsoft Corporation. All rights reserved.\n\nInstall the latest PowerShell for new features and improvements! https://aka.ms/PSWindows\n\n";

#[test]
fn powershell_opens_with_its_banner_and_exit_returns_to_cmd() {
    let mut c = Console::new();
    assert_eq!(c.shell.prompt(), "C:\\WINDOWS\\system32>");
    assert_eq!(c.text("powershell"), BANNER);
    assert!(c.shell.is_powershell());
    assert_eq!(c.shell.prompt(), "PS C:\\WINDOWS\\system32> ");
    assert_eq!(c.text("cd C:\\Windows"), "");
    assert_eq!(c.shell.prompt(), "PS C:\\Windows> ");
    assert_eq!(c.text("exit"), "");
    assert_eq!(c.shell.prompt(), "C:\\Windows>");
    assert_eq!(c.text("powershell.exe"), BANNER);
    assert_eq!(c.text("exit 3").len(), 0);
    assert_eq!(c.text("echo %errorlevel%"), "3\n");
    // pwsh is PowerShell 7, not part of Windows.
    let pwsh = c.run("pwsh");
    assert!(!pwsh.recognized);
    assert!(pwsh.text.starts_with("'pwsh' is not recognized"));
}

#[test]
fn a_window_opened_as_powershell_reopens_as_powershell_after_exit() {
    let mut c = Console::ps();
    let text = c.text("exit");
    assert!(
        text.starts_with("(wusim: exit closed Windows PowerShell."),
        "{text}"
    );
    assert!(text.ends_with(BANNER));
    assert!(c.shell.is_powershell());
}

#[test]
fn a_cmdlet_at_the_cmd_prompt_is_not_recognized_with_a_note() {
    let mut c = Console::new();
    let reply = c.run("Restart-Service wuauserv");
    assert_eq!(
        reply.text,
        "'Restart-Service' is not recognized as an internal or external command,\noperable program or batch file.\n(wusim: Restart-Service is a PowerShell cmdlet: type powershell first.)\n"
    );
    assert_eq!(reply.exit_code, 9009);
    assert!(!reply.recognized);
    assert_eq!(c.state(ServiceId::WUAUSERV), ServiceState::Stopped);
}

#[test]
fn sc_is_set_content_in_powershell_and_sc_exe_is_the_tool() {
    let mut c = Console::ps();
    // `sc query wuauserv` writes a file named query: nothing shown.
    assert_eq!(c.text("sc query wuauserv"), "");
    assert_eq!(c.text("Get-Content query"), "wuauserv\n");
    assert!(c.pc.world().fs.exists("C:\\Windows\\System32\\query"));
    let config = c.text("sc config wuauserv start= disabled");
    assert!(
        config.starts_with(
            "Set-Content : A positional parameter cannot be found that accepts argument 'start='.\n"
        ),
        "{config}"
    );
    assert!(
        config.contains(
            "PositionalParameterNotFound,Microsoft.PowerShell.Commands.SetContentCommand"
        )
    );
    let one = c.text("sc query");
    assert!(one.starts_with("cmdlet Set-Content at command pipeline position 1\nSupply values for the following parameters:\nValue[0]: "));
    let tool = c.text("sc.exe query wuauserv");
    assert!(tool.contains("SERVICE_NAME: wuauserv\n"), "{tool}");
    assert_eq!(c.text("$LASTEXITCODE"), "0\n");
    c.run("sc.exe query nosuch");
    assert_eq!(c.text("$LASTEXITCODE"), "1060\n");
    assert_eq!(
        c.text("$?"),
        "True\n",
        "$? is true after printing a variable"
    );
}

#[test]
fn pipelines_pass_services_between_cmdlets() {
    let mut c = Console::ps();
    c.run("net start wuauserv");
    let pid = c.pc.scm().status(ServiceId::WUAUSERV).pid;
    assert_eq!(c.text("Get-Service wuauserv | Restart-Service"), "");
    assert_eq!(c.state(ServiceId::WUAUSERV), ServiceState::Running);
    assert_ne!(c.pc.scm().status(ServiceId::WUAUSERV).pid, pid);
    c.run("Stop-Service wuauserv");
    assert_eq!(
        c.text("Get-Service wu* | Where-Object {$_.Status -eq 'Stopped'} | Start-Service"),
        ""
    );
    assert_eq!(c.state(ServiceId::WUAUSERV), ServiceState::Running);
    assert_eq!(
        c.text("Get-Service wuauserv, BITS | Select-Object Name,Status"),
        "\nName     Status\n----     ------\nwuauserv Running\nBITS     Stopped\n\n"
    );
    assert_eq!(
        c.text("Get-Service bits | Set-Service -StartupType Disabled"),
        ""
    );
    assert_eq!(
        c.pc.scm().status(ServiceId::BITS).start_type,
        StartType::Disabled
    );
    assert_eq!(
        c.pc.world()
            .registry
            .dword("HKLM\\SYSTEM\\CurrentControlSet\\Services\\BITS", "Start"),
        Some(4),
        "Set-Service writes the registry too"
    );
    assert_eq!(
        c.text("Get-Service | Where-Object Status -eq Running | Measure-Object | Select-Object -ExpandProperty Count"),
        format!(
            "{}\n",
            wusim::scm::ServiceId::all()
                .filter(|id| c.pc.scm().state(*id) == ServiceState::Running)
                .count()
        )
    );
}

#[test]
fn variables_strings_and_flow() {
    let mut c = Console::ps();
    assert_eq!(c.text("$x = Get-Service wuauserv; $x.Status"), "Stopped\n");
    assert_eq!(c.text("$x.Name"), "wuauserv\n");
    assert_eq!(
        c.text("\"$($x.DisplayName) is $($x.Status)\""),
        "Windows Update is Stopped\n"
    );
    assert_eq!(c.text("'$x is literal'"), "$x is literal\n");
    assert_eq!(c.text("echo %windir%"), "%windir%\n");
    assert_eq!(c.text("$env:windir"), "C:\\WINDOWS\n");
    assert_eq!(
        c.text("foreach ($s in 'wuauserv','bits') { Write-Host \"checking $s\" }"),
        "checking wuauserv\nchecking bits\n"
    );
    assert_eq!(
        c.text("$i = 0; while ($true) { $i++; if ($i -ge 3) { break } }; $i"),
        "3\n"
    );
    assert_eq!(c.text("1..3 | ForEach-Object { $_ * 10 }"), "10\n20\n30\n");
    assert_eq!(
        c.text("function Test-It { param($Name, [switch]$Loud) if ($Loud) { $Name.ToUpper() } else { $Name } }; Test-It bits; Test-It -Name bits -Loud"),
        "bits\nBITS\n"
    );
    assert_eq!(
        c.text("'wuauserv' -like 'wu*'; 'BITS' -match '^b'; 3 -gt 10"),
        "True\nTrue\nFalse\n"
    );
}

#[test]
fn try_catch_sees_errors_only_with_error_action_stop() {
    let mut c = Console::ps();
    assert_eq!(
        c.text("try { Get-Service nosuch -ErrorAction Stop } catch { Write-Host \"caught: $($_.Exception.Message)\" }"),
        "caught: Cannot find any service with service name 'nosuch'.\n"
    );
    // Without Stop the error is not terminating: it is shown, and the catch does not run.
    let shown = c.text("try { Get-Service nosuch } catch { 'caught' }");
    assert!(
        shown.starts_with("Get-Service : Cannot find any service with service name 'nosuch'.\n")
    );
    assert!(!shown.lines().any(|l| l == "caught"), "{shown}");
    assert_eq!(
        c.text("Get-Service nosuch -ErrorAction SilentlyContinue"),
        ""
    );
    assert_eq!(c.text("$?"), "False\n");
    assert_eq!(
        c.text("try { throw 'boom' } catch { \"got $_\" } finally { 'done' }"),
        "got boom\ndone\n"
    );
}

#[test]
fn what_if_changes_nothing_and_verbose_says_what_it_does() {
    let mut c = Console::ps();
    c.run("net start wuauserv");
    assert_eq!(
        c.text("Restart-Service wuauserv -WhatIf"),
        "What if: Performing the operation \"Restart-Service\" on target \"Windows Update (wuauserv)\".\n"
    );
    assert_eq!(
        c.text("Stop-Service wuauserv -WhatIf"),
        "What if: Performing the operation \"Stop-Service\" on target \"Windows Update (wuauserv)\".\n"
    );
    assert_eq!(c.state(ServiceId::WUAUSERV), ServiceState::Running);
    c.run("Stop-Service wuauserv");
    let sd = "C:\\Windows\\SoftwareDistribution";
    assert_eq!(
        c.text("Remove-Item C:\\Windows\\SoftwareDistribution -Recurse -Force -WhatIf"),
        "What if: Performing the operation \"Remove Directory\" on target \"C:\\Windows\\SoftwareDistribution\".\n"
    );
    assert!(c.pc.world().fs.exists(sd));
    assert_eq!(
        c.text("Restart-Service wuauserv -Verbose"),
        "VERBOSE: Performing the operation \"Restart-Service\" on target \"Windows Update (wuauserv)\".\n"
    );
    assert_eq!(c.state(ServiceId::WUAUSERV), ServiceState::Running);
}

#[test]
fn start_sleep_lets_simulated_time_pass() {
    let mut c = Console::ps();
    let before = c.pc.now();
    c.run("Start-Sleep -Seconds 90");
    let waited = c.pc.now().since(before);
    assert!(waited.as_millis() >= 90_000, "{waited:?}");
    let before = c.pc.now();
    c.run("Start-Sleep 5");
    assert!(c.pc.now().since(before).as_millis() >= 5_000);
}

#[test]
fn the_registry_provider_reads_and_writes_the_registry() {
    let mut c = Console::ps();
    let au = "HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU";
    assert_eq!(c.text(&format!("Test-Path {au}")), "False\n");
    let missing = c.text(&format!("Get-ItemProperty -Path {au} -Name UseWUServer"));
    assert!(missing.starts_with(&format!(
        "Get-ItemProperty : Cannot find path '{au}' because it does not exist.\n"
    )));
    c.run(&format!("New-Item -Path {au} -Force | Out-Null"));
    let created = c.text(&format!(
        "New-ItemProperty -Path {au} -Name UseWUServer -Value 1 -PropertyType DWord"
    ));
    assert!(created.starts_with("\nUseWUServer  : 1\nPSPath       : Microsoft.PowerShell.Core\\Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU\n"), "{created}");
    assert_eq!(
        c.pc.world().registry.dword(
            "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU",
            "UseWUServer"
        ),
        Some(1)
    );
    assert_eq!(
        c.text(&format!("Get-ItemPropertyValue {au} -Name UseWUServer")),
        "1\n"
    );
    let again = c.text(&format!(
        "New-ItemProperty -Path {au} -Name UseWUServer -Value 0 -PropertyType DWord"
    ));
    assert!(
        again.starts_with("New-ItemProperty : The property already exists.\n"),
        "{again}"
    );
    c.run(&format!(
        "Set-ItemProperty -Path {au} -Name UseWUServer -Value 0"
    ));
    assert_eq!(
        c.text(&format!("(Get-ItemProperty {au}).UseWUServer")),
        "0\n"
    );
    c.run(&format!("Remove-ItemProperty -Path {au} -Name UseWUServer"));
    let gone = c.text(&format!("Get-ItemPropertyValue {au} -Name UseWUServer"));
    assert!(gone.starts_with("Get-ItemPropertyValue : Property UseWUServer does not exist at path HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU.\n"), "{gone}");
    c.run("Remove-Item HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate -Recurse");
    assert_eq!(c.text(&format!("Test-Path {au}")), "False\n");
}

#[test]
fn writing_start_in_the_registry_waits_for_the_next_boot() {
    let mut c = Console::ps();
    c.run("Set-ItemProperty -Path HKLM:\\SYSTEM\\CurrentControlSet\\Services\\wuauserv -Name Start -Value 4");
    assert_eq!(
        c.pc.scm().status(ServiceId::WUAUSERV).start_type,
        StartType::Manual,
        "the SCM reads Start at boot"
    );
    c.run("Restart-Computer");
    assert_eq!(
        c.pc.scm().status(ServiceId::WUAUSERV).start_type,
        StartType::Disabled
    );
}

#[test]
fn set_service_in_5_1_has_no_delayed_start() {
    let mut c = Console::ps();
    let text = c.text("Set-Service usosvc -StartupType AutomaticDelayedStart");
    assert!(text.starts_with("Set-Service : Cannot bind parameter 'StartupType'. Cannot convert value \"AutomaticDelayedStart\" to type \"System.ServiceProcess.ServiceStartMode\". Error: \"Unable to match the identifier name AutomaticDelayedStart to a valid enumerator name. Specify one of the following enumerator names and try again:\nBoot, System, Automatic, Manual, Disabled\"\n"), "{text}");
    assert_eq!(
        c.pc.scm().status(ServiceId::USOSVC).start_type,
        StartType::AutomaticDelayed
    );
}

#[test]
fn scripts_obey_the_execution_policy() {
    let mut c = Console::ps();
    c.run("Set-Content -Path C:\\Users\\Admin\\Desktop\\fix.ps1 -Value 'Start-Service wuauserv', 'exit 7'");
    let refused = c.text("C:\\Users\\Admin\\Desktop\\fix.ps1");
    assert_eq!(
        refused,
        "C:\\Users\\Admin\\Desktop\\fix.ps1 : File C:\\Users\\Admin\\Desktop\\fix.ps1 cannot be loaded because running scripts is disabled on this system. For more information, see about_Execution_Policies at https:/go.microsoft.com/fwlink/?LinkID=135170.\nAt line:1 char:1\n+ C:\\Users\\Admin\\Desktop\\fix.ps1\n+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n    + CategoryInfo          : SecurityError: (:) [], PSSecurityException\n    + FullyQualifiedErrorId : UnauthorizedAccess\n\n"
    );
    assert_eq!(c.state(ServiceId::WUAUSERV), ServiceState::Stopped);
    c.run("cd C:\\Users\\Admin\\Desktop");
    c.run("Set-ExecutionPolicy Bypass -Scope Process");
    assert_eq!(c.text(".\\fix.ps1"), "");
    assert_eq!(c.state(ServiceId::WUAUSERV), ServiceState::Running);
    assert_eq!(c.text("$LASTEXITCODE"), "7\n");
    // From cmd, powershell.exe -ExecutionPolicy Bypass -File runs it and returns its code.
    let mut cmd = Console::new();
    cmd.run("echo Stop-Service wuauserv -Force> C:\\Users\\Admin\\Desktop\\stop.ps1");
    cmd.run("net start wuauserv");
    let refused = cmd.run("powershell -File C:\\Users\\Admin\\Desktop\\stop.ps1");
    assert!(
        refused
            .text
            .contains("cannot be loaded because running scripts is disabled")
    );
    assert_eq!(cmd.state(ServiceId::WUAUSERV), ServiceState::Running);
    let ran =
        cmd.run("powershell -ExecutionPolicy Bypass -File C:\\Users\\Admin\\Desktop\\stop.ps1");
    assert_eq!(ran.exit_code, 0, "{}", ran.text);
    assert_eq!(cmd.state(ServiceId::WUAUSERV), ServiceState::Stopped);
    assert!(
        !cmd.shell.is_powershell(),
        "powershell -File comes back to cmd"
    );
}

#[test]
fn a_runaway_loop_is_cut_off_with_a_note() {
    let mut c = Console::ps();
    let text = c.text("while ($true) { $n++ }");
    assert!(
        text.contains("(wusim: stopped after 20000 steps on one line: is the script looping?"),
        "{text}"
    );
    assert_eq!(c.text("Write-Host next"), "next\n", "the next line runs");
    let text = c.text("function f { f }; f");
    assert!(
        text.contains("call depth") || text.contains("stopped after"),
        "{text}"
    );
}

#[test]
fn an_unknown_name_is_powershells_command_not_found_block() {
    let mut c = Console::ps();
    let reply = c.run("wuauclt2 /detectnow");
    assert_eq!(
        reply.text,
        "wuauclt2 : The term 'wuauclt2' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.\nAt line:1 char:1\n+ wuauclt2 /detectnow\n+ ~~~~~~~~\n    + CategoryInfo          : ObjectNotFound: (wuauclt2:String) [], CommandNotFoundException\n    + FullyQualifiedErrorId : CommandNotFoundException\n\n"
    );
    assert!(!reply.recognized);
    assert_eq!(c.text("$?"), "False\n");
    let piped = c.text("Get-Service | nosuch");
    assert!(
        piped.contains("At line:1 char:15\n+ Get-Service | nosuch\n+               ~~~~~~\n"),
        "{piped}"
    );
}

#[test]
fn a_real_cmdlet_wusim_does_not_model_gets_the_not_simulated_note() {
    let mut c = Console::ps();
    let reply = c.run("Get-Process svchost");
    assert_eq!(
        reply.text,
        "(wusim: 'Get-Process' is a real Windows command, but the practice shell does not simulate it. Nothing was changed. Type 'help' to see the commands you can use.)\n"
    );
    assert!(!reply.recognized);
}

#[test]
fn cmd_habits_get_powershells_parse_errors() {
    let mut c = Console::ps();
    assert_eq!(
        c.text("net stop wuauserv && net start wuauserv"),
        "At line:1 char:19\n+ net stop wuauserv && net start wuauserv\n+                   ~~\nThe token '&&' is not a valid statement separator in this version.\n    + CategoryInfo          : ParserError: (:) [], ParentContainsErrorRecordException\n    + FullyQualifiedErrorId : InvalidEndOfLine\n\n"
    );
    let cd = c.text("cd /d D:\\x");
    assert!(cd.starts_with(
        "Set-Location : A positional parameter cannot be found that accepts argument 'D:\\x'.\n"
    ));
}

#[test]
fn an_open_block_continues_on_the_next_line() {
    let mut c = Console::ps();
    assert_eq!(c.text("foreach ($s in 'a','b') {"), "");
    assert_eq!(c.shell.prompt(), ">> ");
    assert_eq!(c.text("  Write-Host $s"), "");
    assert_eq!(c.text("}"), "a\nb\n");
    assert_eq!(c.shell.prompt(), "PS C:\\WINDOWS\\system32> ");
}

#[test]
fn a_scenario_can_start_in_powershell() {
    let text = r#"
format-version = 1
id = "only-powershell"
title = "Only PowerShell"
difficulty = "beginner"
briefing = "The user only has PowerShell open."
shell = "powershell"
"#;
    let scenario = wusim::scenario::parse("only-powershell.toml", text).expect("it parses");
    let mut session = wusim::session::Session::new(std::sync::Arc::new(scenario), None);
    assert_eq!(session.prompt(), "PS C:\\WINDOWS\\system32> ");
    // wusim's own words work at PowerShell's prompt too.
    assert!(session.input("status").text.contains("Only PowerShell"));
    assert_eq!(
        session.input("sc query wuauserv").text,
        "",
        "sc is Set-Content"
    );
    let bad = wusim::scenario::parse("x.toml", &text.replace("\"powershell\"", "\"bash\""));
    assert!(bad.is_err(), "only cmd and powershell are shells");
}

#[test]
fn the_call_operator_runs_a_program_by_its_path_and_pipes_its_lines() {
    let mut c = Console::ps();
    assert_eq!(
        c.text("& \"C:\\Windows\\System32\\sc.exe\" query bits | Select-String STATE"),
        "        STATE              : 1  STOPPED\n"
    );
    assert_eq!(
        c.text("$lines = sc.exe query bits; $lines.Count -gt 3"),
        "True\n"
    );
    assert_eq!(
        c.text("Get-Service bits | findstr Background"),
        "Stopped  bits               Background Intelligent Transfer Ser...\n"
    );
}
