//! `systeminfo`, `msinfo32`, `tpm.msc`, `hostname` and `whoami` through the shell.

use crate::device::{Arch, Device, DeviceName, Edition, InstalledUpdate, Tpm, WindowsVersion};
use crate::pc::Pc;
use crate::shell::Shell;

fn run_on(device: Device, line: &str) -> (String, i32) {
    let mut pc = Pc::builder().seed(1).device(device).build();
    let mut sh = Shell::new(&pc);
    let out = sh.execute(&mut pc, line);
    (out.text, out.exit_code)
}

fn run(line: &str) -> (String, i32) {
    run_on(Device::default(), line)
}

#[test]
fn systeminfo_opens_with_the_pcs_identity() {
    let (text, code) = run("systeminfo");
    assert!(
        text.starts_with(
            "\nHost Name:                 DESKTOP-WUSIM01
OS Name:                   Microsoft Windows 11 Pro
OS Version:                10.0.22631 N/A Build 22631
OS Manufacturer:           Microsoft Corporation
OS Configuration:          Standalone Workstation
OS Build Type:             Multiprocessor Free
Registered Owner:          Admin
"
        ),
        "{text}"
    );
    assert_eq!(code, 0);
    for expected in [
        "System Boot Time:          6/10/2025, 10:30:00 AM\n",
        "Original Install Date:     4/24/2024, 10:30:00 AM\n",
        "System Type:               x64-based PC\n",
        "Processor(s):              1 Processor(s) Installed.\n                           [01]: Intel64 Family 6 Model 61 Stepping 4 GenuineIntel ~2800 Mhz\n",
        "Total Physical Memory:     16,384 MB\n",
        "Domain:                    WORKGROUP\nLogon Server:              \\\\DESKTOP-WUSIM01\n",
        "Hotfix(s):                 1 Hotfix(s) Installed.\n                           [01]: KB5058405\nNetwork Card(s):",
        "                                 [01]: 192.168.1.23\n",
        "Hyper-V Requirements:      VM Monitor Mode Extensions: Yes\n",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    // Every label is padded to column 28.
    for line in text.lines().skip(1) {
        assert!(line.len() > 27, "{line}");
        let (label, value) = line.split_at(27);
        let label = label.trim_end();
        assert!(
            label.is_empty() || label.ends_with(':') && !value.starts_with(' '),
            "{line}"
        );
    }
}

#[test]
fn systeminfo_follows_the_device() {
    let device = Device {
        name: DeviceName::new("OLD-PC").unwrap(),
        os: crate::device::Os {
            edition: Edition::Home,
            version: WindowsVersion::Windows10_22H2,
            revision: 5854,
        },
        arch: Arch::Arm64,
        ram_mb: 8_192,
        installed: vec![
            InstalledUpdate {
                kb: 5_058_405,
                installed_on_day: 20_222,
            },
            InstalledUpdate {
                kb: 5_060_999,
                installed_on_day: 20_250,
            },
        ],
        ..Device::default()
    };
    let (text, _) = run_on(device, "systeminfo");
    for expected in [
        "Host Name:                 OLD-PC\n",
        "OS Name:                   Microsoft Windows 10 Home\n",
        "OS Version:                10.0.19045 N/A Build 19045\n",
        "System Type:               ARM64-based PC\n",
        "Total Physical Memory:     8,192 MB\n",
        "2 Hotfix(s) Installed.\n                           [01]: KB5058405\n                           [02]: KB5060999\n",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
}

#[test]
fn systeminfo_shows_a_disconnected_or_released_network() {
    let mut device = Device::default();
    device.network.online = false;
    let (text, _) = run_on(device.clone(), "systeminfo");
    assert!(
        text.contains("      Status:          Media disconnected\n"),
        "{text}"
    );
    assert!(!text.contains("192.168.1.23"), "{text}");
    device.network.online = true;
    device.network.released = true;
    let (text, _) = run_on(device, "systeminfo");
    assert!(text.contains("[01]: fe80::4c1a:9d2e:71b3:5f0a\n"), "{text}");
    assert!(!text.contains("192.168.1.23"), "{text}");
}

#[test]
fn msinfo32_shows_firmware_and_secure_boot() {
    let (text, code) = run("msinfo32");
    assert!(
        text.starts_with("(wusim: System Information (System Summary) opens in a window"),
        "{text}"
    );
    for expected in [
        "OS Name                         Microsoft Windows 11 Pro\n",
        "Version                         10.0.22631 Build 22631\n",
        "System Type                     x64-based PC\n",
        "Processor                       Intel Core 8th generation or later, 2800 Mhz, 4 Core(s)\n",
        "BIOS Mode                       UEFI\n",
        "Secure Boot State               On\n",
        "Installed Physical Memory (RAM) 16.0 GB\n",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    assert_eq!(code, 0);
    let legacy = Device {
        secure_boot: false,
        ..Device::default()
    };
    let (text, _) = run_on(legacy, "msinfo32");
    assert!(
        text.contains("BIOS Mode                       Legacy\n"),
        "{text}"
    );
    assert!(
        text.contains("Secure Boot State               Off\n"),
        "{text}"
    );
}

#[test]
fn tpm_msc_follows_the_tpm() {
    let rows = [
        (Tpm::V2_0, "Specification Version           2.0\n"),
        (Tpm::V1_2, "Specification Version           1.2\n"),
        (
            Tpm::None,
            "Status                          Compatible TPM cannot be found\n",
        ),
    ];
    for (tpm, expected) in rows {
        let (text, code) = run_on(
            Device {
                tpm,
                ..Device::default()
            },
            "tpm.msc",
        );
        assert!(
            text.starts_with("(wusim: TPM Management on Local Computer opens"),
            "{text}"
        );
        assert!(text.contains(expected), "{tpm:?}: {text}");
        assert_eq!(text.contains("The TPM is ready for use."), tpm != Tpm::None);
        assert_eq!(code, 0);
    }
}

#[test]
fn hostname_and_whoami() {
    assert_eq!(run("hostname"), ("DESKTOP-WUSIM01\n".to_string(), 0));
    assert_eq!(run("whoami"), ("desktop-wusim01\\admin\n".to_string(), 0));
    assert_eq!(
        run("WHOAMI.EXE"),
        ("desktop-wusim01\\admin\n".to_string(), 0)
    );
}

#[test]
fn options_get_a_note_and_nothing_panics() {
    for line in [
        "systeminfo /fo csv",
        "hostname -s",
        "whoami /groups",
        "whoami é",
        "systeminfo \u{0}",
    ] {
        let (text, code) = run(line);
        assert!(text.starts_with("(wusim: "), "{line}: {text}");
        assert_eq!(code, 1, "{line}");
    }
    let _ = run(&format!("msinfo32 {}", "x".repeat(4000)));
    let _ = run("tpm.msc /x");
}
