//! What each command shows, as facts: the same fact whichever command showed it, and none
//! from a command that failed before showing anything.

use crate::assess::Fact;
use crate::device::Device;
use crate::pc::Pc;
use crate::remedy::Folder;
use crate::scm::ServiceId;
use crate::shell::powershell::cmdlets::services::shows_property;
use crate::shell::{Output, Shell};
use crate::world::registry::{RegValue, WU_POLICY};

fn pc() -> Pc {
    Pc::builder().seed(1).build()
}

/// A line typed at an elevated Command Prompt of `pc`.
fn cmd_on(pc: &mut Pc, line: &str) -> Output {
    Shell::new(pc).execute(pc, line)
}

/// A line typed at an elevated Windows PowerShell of `pc`.
fn ps_on(pc: &mut Pc, line: &str) -> Output {
    Shell::new_powershell(pc).execute(pc, line)
}

fn cmd(line: &str) -> Output {
    cmd_on(&mut pc(), line)
}

fn ps(line: &str) -> Output {
    ps_on(&mut pc(), line)
}

#[track_caller]
fn shows(output: &Output, facts: &[Fact]) {
    for fact in facts {
        assert!(
            output.facts.contains(fact),
            "{fact} missing from {:?}\n{}",
            output.facts,
            output.text
        );
    }
}

#[track_caller]
fn hides(output: &Output, facts: &[Fact]) {
    for fact in facts {
        assert!(
            !output.facts.contains(fact),
            "{fact} unexpected in {:?}\n{}",
            output.facts,
            output.text
        );
    }
}

const WU: ServiceId = ServiceId::WUAUSERV;
const BITS: ServiceId = ServiceId::BITS;

#[test]
fn sc_shows_a_state_with_query_and_a_start_type_with_qc() {
    for line in [
        "sc query wuauserv",
        "sc queryex wuauserv",
        "SC.EXE query WUAUSERV",
    ] {
        let out = cmd(line);
        shows(&out, &[Fact::Service(WU)]);
        hides(&out, &[Fact::StartType(WU), Fact::Service(BITS)]);
    }
    let out = cmd("sc qc wuauserv");
    shows(&out, &[Fact::StartType(WU)]);
    hides(&out, &[Fact::Service(WU)]);
    // A listing shows every service's state: listed, or left out as not running.
    shows(&cmd("sc query"), &[Fact::Service(WU), Fact::Service(BITS)]);
    shows(&cmd("sc queryex state= all"), &[Fact::Service(WU)]);
    // A service that does not exist shows nothing.
    for line in [
        "sc query nosuchsvc",
        "sc qc nosuchsvc",
        "sc config wuauserv",
    ] {
        assert_eq!(cmd(line).facts, Vec::<Fact>::new(), "{line}");
    }
}

#[test]
fn net_start_alone_lists_the_services_and_with_a_name_shows_none() {
    shows(&cmd("net start"), &[Fact::Service(WU), Fact::Service(BITS)]);
    hides(&cmd("net stop wuauserv"), &[Fact::Service(WU)]);
}

#[test]
fn the_services_console_shows_states_and_start_types() {
    let out = cmd("services.msc");
    shows(
        &out,
        &[
            Fact::Service(WU),
            Fact::StartType(WU),
            Fact::Service(BITS),
            Fact::StartType(BITS),
        ],
    );
    assert!(cmd("services.msc start \"No Such\"").facts.is_empty());
}

#[test]
fn tasklist_svc_shows_which_services_run() {
    shows(
        &cmd("tasklist /svc"),
        &[Fact::Service(WU), Fact::Service(BITS)],
    );
    let out = cmd("tasklist /svc /fi \"services eq wuauserv\"");
    shows(&out, &[Fact::Service(WU)]);
    hides(&out, &[Fact::Service(BITS)]);
    hides(&cmd("tasklist"), &[Fact::Service(WU)]);
}

#[test]
fn get_service_shows_states_and_start_types_when_asked() {
    let out = ps("Get-Service wuauserv");
    shows(&out, &[Fact::Service(WU)]);
    hides(&out, &[Fact::StartType(WU), Fact::Service(BITS)]);
    for line in [
        "Get-Service wuauserv | Select-Object Name,StartType",
        "Get-Service wuauserv | Format-List *",
        "gsv wuauserv | fl",
        "(Get-Service wuauserv).StartType",
    ] {
        shows(&ps(line), &[Fact::Service(WU), Fact::StartType(WU)]);
    }
    shows(
        &ps("Get-Service"),
        &[Fact::Service(WU), Fact::Service(BITS)],
    );
    assert!(ps("Get-Service nosuchsvc").facts.is_empty());
    // From the cmd prompt too, through powershell -Command.
    shows(
        &cmd("powershell -Command \"Get-Service bits\""),
        &[Fact::Service(BITS)],
    );
}

#[test]
fn lines_that_show_a_property_beyond_the_default_view() {
    for (line, shown) in [
        ("Get-Service x | Select-Object Name,StartType", true),
        ("Get-Service x | select *", true),
        ("Get-Service x | Format-Table -Property *", true),
        ("Get-Service x | ft *", true),
        ("Get-Service x | fl", true),
        ("$s = Get-Service x; $s.starttype", true),
        ("Get-Service wu*", false),
        ("Get-Service x | Select-Object Name", false),
        ("Get-Service x | Format-Table", false),
    ] {
        assert_eq!(shows_property(line, "StartType"), shown, "{line}");
    }
}

#[test]
fn win32_service_shows_state_and_start_mode() {
    for line in [
        "Get-CimInstance Win32_Service -Filter \"Name='bits'\"",
        "Get-WmiObject -Class Win32_Service -Filter \"Name='bits'\"",
    ] {
        let out = ps(line);
        shows(&out, &[Fact::Service(BITS), Fact::StartType(BITS)]);
        hides(&out, &[Fact::Service(WU)]);
    }
}

#[test]
fn a_service_keys_start_value_shows_its_start_type() {
    let key = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\wuauserv";
    shows(
        &cmd(&format!("reg query {key} /v Start")),
        &[Fact::StartType(WU)],
    );
    shows(&cmd(&format!("reg query {key}")), &[Fact::StartType(WU)]);
    hides(
        &cmd(&format!("reg query {key} /v ImagePath")),
        &[Fact::StartType(WU)],
    );
    shows(
        &ps(&format!(
            "Get-ItemProperty HKLM:\\{} -Name Start",
            &key[5..]
        )),
        &[Fact::StartType(WU)],
    );
    shows(
        &ps(&format!("Get-ItemPropertyValue HKLM:\\{} Start", &key[5..])),
        &[Fact::StartType(WU)],
    );
}

#[test]
fn event_readers_show_each_event_they_list() {
    let mut pc = pc();
    cmd_on(&mut pc, "sc start wuauserv");
    let out = ps_on(&mut pc, "Get-WinEvent -LogName System -MaxEvents 5");
    shows(&out, &[Fact::Event(7036)]);
    shows(
        &ps_on(&mut pc, "Get-WindowsUpdateLog"),
        &[Fact::Event(7036)],
    );
    // A log with no records shows no event.
    let out = ps("Get-WinEvent -LogName Setup");
    assert!(
        !out.facts.iter().any(|f| matches!(f, Fact::Event(_))),
        "{:?}",
        out.facts
    );
}

#[test]
fn settings_views_show_the_page_the_history_and_the_policies() {
    for line in [
        "settings",
        "settings check",
        "start ms-settings:windowsupdate",
    ] {
        let out = cmd(line);
        shows(&out, &[Fact::Settings]);
        hides(&out, &[Fact::History, Fact::Policy, Fact::Safeguard]);
    }
    shows(&cmd("settings history"), &[Fact::Settings, Fact::History]);
    shows(&cmd("settings policies"), &[Fact::Settings, Fact::Policy]);
    shows(&cmd("settings active-hours"), &[Fact::Settings]);
    assert!(cmd("settings nonsense").facts.is_empty());
    shows(&ps("settings"), &[Fact::Settings]);
}

#[test]
fn a_safeguard_hold_shows_on_the_settings_page() {
    let device = Device {
        safeguard_match: Some(56_318_982),
        ..Device::default()
    };
    let mut pc = Pc::builder().seed(1).device(device).build();
    let out = cmd_on(&mut pc, "settings");
    assert!(out.text.contains("is on its way"), "{}", out.text);
    shows(&out, &[Fact::Settings, Fact::Safeguard]);
}

#[test]
fn the_update_history_shows_in_get_hotfix_and_systeminfo() {
    shows(&ps("Get-HotFix"), &[Fact::History]);
    shows(
        &cmd("systeminfo"),
        &[Fact::History, Fact::Cpu, Fact::Network],
    );
    shows(&ps("Get-ComputerInfo"), &[Fact::History]);
    hides(&ps("Get-ComputerInfo -Property OsName"), &[Fact::History]);
}

#[test]
fn the_proxy_shows_in_netsh_winhttp_show_proxy_only() {
    shows(&cmd("netsh winhttp show proxy"), &[Fact::Proxy]);
    hides(&cmd("netsh winhttp reset proxy"), &[Fact::Proxy]);
    hides(&cmd("netsh winsock reset"), &[Fact::Proxy]);
}

#[test]
fn network_checks_show_the_network() {
    for line in [
        "ipconfig",
        "ipconfig /all",
        "ping 8.8.8.8",
        "ping nosuchhost.invalid",
        "tracert 8.8.8.8",
        "nslookup www.microsoft.com",
    ] {
        shows(&cmd(line), &[Fact::Network]);
    }
    hides(&cmd("ipconfig /flushdns"), &[Fact::Network]);
    shows(&ps("Test-NetConnection"), &[Fact::Network]);
    shows(&ps("Get-NetAdapter"), &[Fact::Network]);
}

#[test]
fn the_clock_shows_in_time_date_get_date_and_w32tm() {
    for line in ["time /t", "date /t", "time", "date", "w32tm /query /status"] {
        shows(&cmd(line), &[Fact::Clock]);
    }
    shows(&ps("Get-Date"), &[Fact::Clock]);
    hides(&ps("Get-Date -Date 1/1/2020"), &[Fact::Clock]);
    hides(&cmd("echo hello"), &[Fact::Clock]);
}

#[test]
fn free_space_shows_in_dir_fsutil_and_the_drive_cmdlets() {
    shows(&cmd("dir C:\\Windows"), &[Fact::Disk]);
    hides(&cmd("dir /b C:\\Windows"), &[Fact::Disk]);
    shows(&cmd("fsutil volume diskfree c:"), &[Fact::Disk]);
    for line in [
        "Get-PSDrive C",
        "Get-Volume",
        "Get-CimInstance Win32_LogicalDisk",
    ] {
        shows(&ps(line), &[Fact::Disk]);
    }
    hides(&ps("Get-PSDrive HKLM"), &[Fact::Disk]);
}

#[test]
fn listing_a_windows_update_folder_shows_its_contents() {
    let sd = Fact::Folder(Folder::SoftwareDistribution);
    let catroot2 = Fact::Folder(Folder::Catroot2);
    for line in [
        "dir C:\\Windows\\SoftwareDistribution",
        "dir /b %windir%\\SoftwareDistribution\\Download",
        "dir /s C:\\Windows\\SoftwareDistribution",
    ] {
        let out = cmd(line);
        shows(&out, &[sd]);
        hides(&out, &[catroot2]);
    }
    hides(&cmd("dir C:\\Windows"), &[sd]);
    shows(&cmd("dir C:\\Windows\\System32\\catroot2"), &[catroot2]);
    shows(
        &ps("Get-ChildItem C:\\Windows\\SoftwareDistribution"),
        &[sd],
    );
    shows(
        &ps("gci $env:windir\\System32\\catroot2 -Recurse"),
        &[catroot2],
    );
    hides(&ps("Get-ChildItem C:\\Windows"), &[sd]);
}

#[test]
fn the_tpm_the_processor_and_secure_boot() {
    shows(&ps("Get-Tpm"), &[Fact::Tpm]);
    shows(&cmd("tpm.msc"), &[Fact::Tpm]);
    let out = cmd("msinfo32");
    shows(&out, &[Fact::Cpu, Fact::SecureBoot]);
    hides(&out, &[Fact::Tpm]);
    shows(&ps("Confirm-SecureBootUEFI"), &[Fact::SecureBoot]);
}

#[test]
fn the_policy_key_shows_the_policies() {
    let mut pc = Pc::builder()
        .seed(1)
        .registry_value(
            WU_POLICY,
            "WUServer",
            RegValue::Sz("http://wsus:8530".into()),
        )
        .build();
    for line in [
        "reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate",
        "reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate /v WUServer",
        "reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows",
        "reg query HKLM\\SOFTWARE\\Policies\\Microsoft /s",
        "gpresult /r",
    ] {
        shows(&cmd_on(&mut pc, line), &[Fact::Policy]);
    }
    for line in [
        "Get-ItemProperty HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate",
        "Get-ChildItem HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows",
        "Get-Item HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate",
    ] {
        shows(&ps_on(&mut pc, line), &[Fact::Policy]);
    }
    hides(
        &cmd_on(&mut pc, "reg query HKLM\\SOFTWARE\\Microsoft"),
        &[Fact::Policy],
    );
    // No policy key: the query fails and shows nothing.
    assert!(
        cmd("reg query HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate")
            .facts
            .is_empty()
    );
}

#[test]
fn the_component_store_shows_in_dism_and_sfc() {
    for line in [
        "DISM /Online /Cleanup-Image /CheckHealth",
        "dism /online /cleanup-image /scanhealth",
        "DISM /Online /Cleanup-Image /RestoreHealth",
        "sfc /scannow",
    ] {
        shows(&cmd(line), &[Fact::ComponentStore]);
    }
    hides(&cmd("DISM /Online"), &[Fact::ComponentStore]);
}

#[test]
fn waiting_on_purpose_is_marked() {
    for (line, waited) in [
        ("wait 1h", true),
        ("wait", false),
        ("timeout 5", true),
        ("timeout /t 5 /nobreak", true),
        ("timeout /t 0", false),
        ("sc query wuauserv", false),
        ("ping -n 3 127.0.0.1", false),
    ] {
        assert_eq!(cmd(line).waited, waited, "{line}");
    }
    assert!(ps("Start-Sleep 5").waited);
    assert!(ps("Start-Sleep -Milliseconds 500").waited);
    assert!(!ps("Start-Sleep 0").waited);
    assert!(!ps("Get-Date").waited);
}

#[test]
fn explain_shows_no_code_of_the_pc() {
    let out = cmd("explain 0x80070422");
    assert!(out.text.contains("0x80070422"), "{}", out.text);
    assert!(
        !out.facts.contains(&Fact::Code(0x8007_0422)),
        "{:?}",
        out.facts
    );
}
