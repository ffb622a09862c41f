//! The registry and the Windows Update policies, end to end: a PC built with policy values
//! behaves as Windows does under them, `reg`, `gpupdate` and `gpresult` answer with Windows'
//! text, and removing a policy value gives the PC back.

use wusim::engine::SimDuration;
use wusim::pc::Pc;
use wusim::scm::{ServiceId, StartType};
use wusim::settings::{SettingsPage, UpdateStatus};
use wusim::shell::Shell;
use wusim::world::registry::{AU_POLICY, RegValue, WU_POLICY};

const JUNE_LCU: u32 = 5_060_999;
const WSUS: &str = "http://wsus01.contoso.local:8530";

/// A default PC with these policy values.
fn pc_with(values: &[(&str, &str, RegValue)]) -> Pc {
    let mut builder = Pc::builder().seed(1);
    for (key, name, value) in values {
        builder = builder.registry_value(key, name, value.clone());
    }
    builder.build()
}

fn leftover_wsus(url: &str) -> Pc {
    pc_with(&[
        (WU_POLICY, "WUServer", RegValue::Sz(url.into())),
        (WU_POLICY, "WUStatusServer", RegValue::Sz(url.into())),
        (AU_POLICY, "UseWUServer", RegValue::Dword(1)),
    ])
}

fn run(pc: &mut Pc, shell: &mut Shell, line: &str) -> String {
    shell.execute(pc, line).text
}

fn check_and_wait(pc: &mut Pc) -> SettingsPage {
    pc.check_for_updates();
    pc.run_for(SimDuration::from_hours(1));
    SettingsPage::of(pc)
}

#[test]
fn a_leftover_wsus_policy_fails_the_scan_with_the_code_its_url_leads_to() {
    for (url, code) in [
        (WSUS, 0x8024_402C),
        ("wsus01.contoso.local:8530", 0x8007_2EE6),
        ("https://127.0.0.1", 0x8007_2EFD),
        ("", 0x8024_4011),
    ] {
        let mut pc = leftover_wsus(url);
        let page = check_and_wait(&mut pc);
        assert_eq!(page.error.map(|e| e.0), Some(code), "{url}: {page}");
        assert!(!pc.device().has_installed(JUNE_LCU));
        assert_eq!(
            page.organization,
            [
                "*Some settings are managed by your organization",
                "View configured update policies"
            ]
        );
    }
    let mut pc = pc_with(&[(AU_POLICY, "UseWUServer", RegValue::Dword(1))]);
    assert_eq!(
        check_and_wait(&mut pc).error.map(|e| e.0),
        Some(0x8024_4011)
    );
}

#[test]
fn deleting_the_policy_with_reg_gives_windows_update_back_at_the_next_scan() {
    let mut pc = leftover_wsus(WSUS);
    let mut shell = Shell::new(&pc);
    assert!(check_and_wait(&mut pc).error.is_some());
    let out = run(
        &mut pc,
        &mut shell,
        r"reg query HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU /v UseWUServer",
    );
    assert_eq!(
        out,
        "\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU\n    UseWUServer    REG_DWORD    0x1\n\n"
    );
    let out = run(
        &mut pc,
        &mut shell,
        r#"reg delete "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate" /v WUServer /f"#,
    );
    assert_eq!(out, "The operation completed successfully.\n");
    run(
        &mut pc,
        &mut shell,
        r"reg delete HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate /v WUStatusServer /f",
    );
    let out = run(
        &mut pc,
        &mut shell,
        r"reg add HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU /v UseWUServer /t REG_DWORD /d 0 /f",
    );
    assert_eq!(out, "The operation completed successfully.\n");
    let page = check_and_wait(&mut pc);
    assert_eq!(page.error, None, "{page}");
    assert!(pc.device().pending_restart() || pc.device().has_installed(JUNE_LCU));
    // UseWUServer = 0 is still a value under the policy key: Settings still says so.
    assert!(!page.organization.is_empty());
}

#[test]
fn reg_asks_before_overwriting_or_deleting_and_no_keeps_everything() {
    let mut pc = leftover_wsus(WSUS);
    let mut shell = Shell::new(&pc);
    let out = run(
        &mut pc,
        &mut shell,
        r"reg add HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU /v UseWUServer /t REG_DWORD /d 0",
    );
    assert_eq!(out, "Value UseWUServer exists, overwrite(Yes/No)? ");
    run(&mut pc, &mut shell, "No");
    assert_eq!(pc.world().registry.dword(AU_POLICY, "UseWUServer"), Some(1));
    let out = run(
        &mut pc,
        &mut shell,
        r"reg delete HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate",
    );
    assert_eq!(
        out,
        "Permanently delete the registry key HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate (Yes/No)? "
    );
    let out = run(&mut pc, &mut shell, "y");
    assert_eq!(out, "\nThe operation completed successfully.\n");
    assert!(!pc.world().registry.key_exists(WU_POLICY));
    assert!(!pc.world().registry.key_exists(AU_POLICY));
    let missing = shell.execute(
        &mut pc,
        r"reg query HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate",
    );
    assert_eq!(
        missing.text,
        "ERROR: The system was unable to find the specified registry key or value.\n"
    );
    assert_eq!(missing.exit_code, 1);
}

#[test]
fn a_start_value_written_with_reg_applies_at_the_next_boot_only() {
    let mut pc = Pc::builder()
        .seed(1)
        .start_type(ServiceId::WUAUSERV, StartType::Disabled)
        .build();
    let mut shell = Shell::new(&pc);
    run(
        &mut pc,
        &mut shell,
        r"reg add HKLM\SYSTEM\CurrentControlSet\Services\wuauserv /v Start /t REG_DWORD /d 3 /f",
    );
    assert_eq!(
        pc.scm().status(ServiceId::WUAUSERV).start_type,
        StartType::Disabled,
        "the SCM reads Start at boot"
    );
    run(&mut pc, &mut shell, "shutdown /r /t 0");
    assert_eq!(
        pc.scm().status(ServiceId::WUAUSERV).start_type,
        StartType::Manual
    );
    // sc config writes both at once.
    run(&mut pc, &mut shell, "sc config bits start= disabled");
    assert_eq!(
        pc.world()
            .registry
            .dword(r"HKLM\SYSTEM\CurrentControlSet\Services\BITS", "Start"),
        Some(4)
    );
}

#[test]
fn configure_automatic_updates_disabled_stops_automatic_scans_and_waits_for_download() {
    let mut pc = pc_with(&[(AU_POLICY, "NoAutoUpdate", RegValue::Dword(1))]);
    let before = pc.last_checked();
    pc.run_for(SimDuration::from_days(3));
    assert_eq!(pc.last_checked(), before, "no automatic scan in three days");
    let page = check_and_wait(&mut pc);
    assert!(
        page.organization
            .contains(&"Your organization has turned off automatic updates".to_string())
    );
    assert_eq!(page.status, UpdateStatus::UpdatesAvailable, "{page}");
    assert!(
        !pc.device().pending_restart(),
        "nothing downloads by itself"
    );
    pc.start_download_now();
    pc.run_for(SimDuration::from_hours(1));
    assert!(pc.device().pending_restart(), "{}", SettingsPage::of(&pc));
}

#[test]
fn au_options_3_downloads_by_itself_and_installs_when_asked() {
    let mut pc = pc_with(&[(AU_POLICY, "AUOptions", RegValue::Dword(3))]);
    let page = check_and_wait(&mut pc);
    assert!(
        page.updates.iter().any(|u| u.status == "Pending install"),
        "{page}"
    );
    assert!(!pc.device().pending_restart());
    let mut shell = Shell::new(&pc);
    run(&mut pc, &mut shell, "settings install");
    pc.run_for(SimDuration::from_hours(1));
    assert!(pc.device().pending_restart(), "{}", SettingsPage::of(&pc));
}

#[test]
fn disable_windows_update_access_and_the_removed_check_button() {
    let mut pc = pc_with(&[(WU_POLICY, "DisableWindowsUpdateAccess", RegValue::Dword(1))]);
    assert_eq!(
        check_and_wait(&mut pc).error.map(|e| e.0),
        Some(0x8024_002E)
    );

    let mut pc = pc_with(&[(WU_POLICY, "SetDisableUXWUAccess", RegValue::Dword(1))]);
    let mut shell = Shell::new(&pc);
    let out = shell.execute(&mut pc, "settings check");
    assert_eq!(out.exit_code, 1);
    assert!(out.text.contains("greyed out"), "{}", out.text);
    assert!(pc.last_checked().is_some_and(|t| t < pc.clock()));
    let policies = run(&mut pc, &mut shell, "settings policies");
    assert_eq!(
        policies,
        "Policies set on your device\n\nRemove access to use all Windows Update features\nType of policy: Group Policy\n"
    );
}

#[test]
fn a_pinned_target_release_hides_every_other_feature_update() {
    let offered = |pc: &Pc| {
        pc.agent()
            .offered(pc.world())
            .contains(&wusim::update::default_catalog::FEATURE_24H2)
    };
    let pinned = |release: &str| {
        pc_with(&[
            (WU_POLICY, "TargetReleaseVersion", RegValue::Dword(1)),
            (
                WU_POLICY,
                "ProductVersion",
                RegValue::Sz("Windows 11".into()),
            ),
            (
                WU_POLICY,
                "TargetReleaseVersionInfo",
                RegValue::Sz(release.into()),
            ),
        ])
    };
    let mut pc = pinned("23H2");
    check_and_wait(&mut pc);
    assert!(!offered(&pc), "pinned to the version it runs");
    let mut pc = pinned("24H2");
    check_and_wait(&mut pc);
    assert!(offered(&pc), "pinned to 24H2: offered");
    let mut pc = Pc::builder().seed(1).build();
    check_and_wait(&mut pc);
    assert!(offered(&pc), "no pin: offered");
}

#[test]
fn gpupdate_puts_nothing_back_and_gpresult_shows_no_policy_object() {
    let mut pc = leftover_wsus(WSUS);
    let mut shell = Shell::new(&pc);
    run(
        &mut pc,
        &mut shell,
        r"reg delete HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate /f",
    );
    let out = run(&mut pc, &mut shell, "gpupdate /force");
    assert_eq!(
        out,
        "Updating policy...\n\nComputer Policy update has completed successfully.\nUser Policy update has completed successfully.\n\n"
    );
    assert!(!pc.world().registry.key_exists(WU_POLICY));
    let out = run(&mut pc, &mut shell, "gpresult /r");
    assert!(
        out.contains(
            "    Applied Group Policy Objects\n    -----------------------------\n        N/A\n"
        ),
        "{out}"
    );
}

#[test]
fn a_scenario_names_its_registry_values_and_a_bad_key_is_an_error_with_its_place() {
    let scenario = |key: &str, value: &str| {
        format!(
            "format-version = 1\nid = \"x\"\ntitle = \"x\"\ndifficulty = \"beginner\"\nbriefing = \"x\"\nhints = [\"x\"]\nsolution = [\"settings check\"]\npar = {{ commands = 4, time = \"2h\" }}\n\n[pc]\n[[pc.registry]]\nkey = '{key}'\nname = \"UseWUServer\"\nvalue = {value}\n\n[goal]\nup-to-date = true\n"
        )
    };
    let good =
        wusim::scenario::parse("x.toml", &scenario(AU_POLICY, "1")).expect("a valid scenario");
    let pc = good.build_pc(1);
    assert_eq!(pc.world().registry.dword(AU_POLICY, "UseWUServer"), Some(1));
    let bad = wusim::scenario::parse("x.toml", &scenario("SOFTWARE\\Policies", "1"))
        .expect_err("a key without a root");
    let item = &bad.items[0];
    assert!(item.message.contains("is not a registry key"), "{bad}");
    let (line, _) = bad.line_col(item.span.clone().expect("a place").start);
    assert_eq!(line, 12, "{bad}");
    let bad = wusim::scenario::parse("x.toml", &scenario(AU_POLICY, "4294967296"))
        .expect_err("too big for a DWORD");
    assert!(
        bad.to_string().contains("does not fit a REG_DWORD"),
        "{bad}"
    );
}
