//! What the PC says about itself: `systeminfo`, `hostname`, `whoami`, and two windows shown
//! as text — System Information (`msinfo32`, its System Summary page) and TPM Management
//! (`tpm.msc`). They only look; nothing changes.
//!
//! `systeminfo` follows the reference (§4.8 and two real dumps): a blank line, then the
//! labels padded to column 28 in Windows' order; processors, hotfixes and network cards with
//! `[01]:` lines under them. Its values come from the PC where the model has them: the
//! computer name, the edition and version (`Microsoft Windows 11 Pro`, `10.0.22631 N/A Build
//! 22631`), the processor's architecture, family and speed, the memory, the installed
//! updates (KB numbers, as `Get-HotFix` lists them), and the network (address, or `Media
//! disconnected`). `whoami` prints `desktop-wusim01\admin`, in lower case as Windows does.
//!
//! Simplifications:
//! - values the model has no notion of are fixed and fictional: manufacturer and model
//!   (`Contoso`), BIOS, product ID, locale and time zone (en-US, Pacific), available and
//!   virtual memory (fixed shares of the RAM), the network card's name, the
//!   processor's identification string per family;
//! - the original install date is 412 days before the simulation started; the boot time is
//!   the simulation's start by the PC's clock (a restart in the session does not move it);
//! - `systeminfo /fo ...`, `/s ...`, `hostname` and `whoami` with arguments get a wusim note;
//! - msinfo32 and tpm.msc show only the key items, as `Item  Value` lines; their item names
//!   are not checked against a source. The model has one firmware switch: UEFI with Secure
//!   Boot (`BIOS Mode UEFI`, `Secure Boot State On`) or neither (`Legacy`, `Off`).

use std::fmt::Write as _;

use crate::assess::Fact;
use crate::device::{Arch, CpuFamily, Device, Tpm};
use crate::engine::{CivilDateTime, SimDuration, SimTime};
use crate::pc::Pc;
use crate::shell::builtins::dirs::thousands;
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply, saw};
use crate::update::{Classification, UpdateId};
use crate::world::default_fs::USER;

const fn look(
    names: &'static [&'static str],
    usage: &'static str,
    summary: &'static str,
    help: &'static str,
    run: fn(&mut Ctx<'_>, &Args<'_>) -> Reply,
) -> Command {
    Command {
        names,
        kind: Kind::Program,
        usage,
        summary,
        topic: Topic::System,
        help,
        changes_state: false,
        words: &[],
        run: Some(run),
    }
}

/// The entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[
    look(
        &["systeminfo"],
        "systeminfo",
        "The PC's OS, hardware and installed updates",
        SYSTEMINFO_HELP,
        systeminfo,
    ),
    look(
        &["msinfo32"],
        "msinfo32",
        "System Information: BIOS mode and Secure Boot",
        MSINFO_HELP,
        msinfo32,
    ),
    look(
        &["tpm.msc"],
        "tpm.msc",
        "TPM Management: is there a TPM, which version",
        TPM_HELP,
        tpm_msc,
    ),
    look(
        &["hostname"],
        "hostname",
        "The computer name",
        HOSTNAME_HELP,
        hostname,
    ),
    look(
        &["whoami"],
        "whoami",
        "The signed-in user",
        WHOAMI_HELP,
        whoami,
    ),
];

/// A wusim note for forms the practice shell does not simulate.
fn only(form: &str) -> Reply {
    Reply::new(
        format!("(wusim: the practice shell simulates only '{form}', without options.)\n"),
        1,
    )
}

/// `Microsoft Windows 11 Pro`.
fn os_name(device: &Device) -> String {
    let windows = if device.os.version.is_windows_11() {
        11
    } else {
        10
    };
    format!("Microsoft Windows {windows} {}", device.os.edition.label())
}

fn system_type(device: &Device) -> &'static str {
    match device.arch {
        Arch::X64 => "x64-based PC",
        Arch::Arm64 => "ARM64-based PC",
    }
}

/// The processor's identification, as systeminfo prints it (fictional per family).
fn processor(device: &Device) -> String {
    let id = match device.cpu.family {
        CpuFamily::IntelCore8thGenOrLater | CpuFamily::IntelCore7thGenOrEarlier => {
            "Intel64 Family 6 Model 61 Stepping 4 GenuineIntel"
        }
        CpuFamily::AmdRyzen2000OrLater | CpuFamily::AmdRyzen1000OrEarlier => {
            "AMD64 Family 23 Model 8 Stepping 2 AuthenticAMD"
        }
        CpuFamily::QualcommSnapdragon => {
            "ARMv8 (64-bit) Family 8 Model D4B Revision 0 Qualcomm Technologies Inc"
        }
    };
    format!("{id} ~{} Mhz", device.cpu.mhz)
}

/// `6/10/2025, 10:30:00 AM`.
fn stamp(t: CivilDateTime) -> String {
    let (h, ampm) = t.hour12();
    format!(
        "{}, {h}:{:02}:{:02} {ampm}",
        t.windows_date(),
        t.minute,
        t.second
    )
}

/// The installed updates systeminfo lists (those with a KB number, no definition updates).
fn hotfixes(pc: &Pc) -> Vec<u32> {
    let catalog = pc.server().catalog();
    pc.device()
        .installed
        .iter()
        .filter(|u| UpdateId(u.kb).kb().is_some())
        .filter(|u| {
            catalog
                .by_kb(u.kb)
                .is_none_or(|update| update.classification != Classification::DefinitionUpdate)
        })
        .map(|u| u.kb)
        .collect()
}

fn systeminfo(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    if !args.words.is_empty() {
        return only("systeminfo");
    }
    let pc = &*ctx.pc;
    let d = pc.device();
    let name = d.name.as_str();
    let build = d.os.version.build();
    let ram = u64::from(d.ram_mb);
    let virtual_max = ram + 4_096;
    let virtual_free = virtual_max * 45 / 100;
    let mut rows: Vec<(&str, String)> = vec![
        ("Host Name:", name.to_string()),
        ("OS Name:", os_name(d)),
        ("OS Version:", format!("10.0.{build} N/A Build {build}")),
        ("OS Manufacturer:", "Microsoft Corporation".into()),
        ("OS Configuration:", "Standalone Workstation".into()),
        ("OS Build Type:", "Multiprocessor Free".into()),
        ("Registered Owner:", USER.into()),
        ("Registered Organization:", "N/A".into()),
        ("Product ID:", "00330-80000-00000-AA478".into()),
        (
            "Original Install Date:",
            stamp(pc.start().minus(SimDuration::from_days(412))),
        ),
        ("System Boot Time:", stamp(pc.date_time(SimTime::ZERO))),
        ("System Manufacturer:", "Contoso Ltd.".into()),
        ("System Model:", "Contoso PC 5000".into()),
        ("System Type:", system_type(d).into()),
        ("Processor(s):", "1 Processor(s) Installed.".into()),
        ("", format!("[01]: {}", processor(d))),
        ("BIOS Version:", "Contoso 1.12.0, 3/14/2024".into()),
        ("Windows Directory:", "C:\\WINDOWS".into()),
        ("System Directory:", "C:\\WINDOWS\\system32".into()),
        ("Boot Device:", "\\Device\\HarddiskVolume1".into()),
        ("System Locale:", "en-us;English (United States)".into()),
        ("Input Locale:", "en-us;English (United States)".into()),
        (
            "Time Zone:",
            "(UTC-08:00) Pacific Time (US & Canada)".into(),
        ),
        ("Total Physical Memory:", format!("{} MB", thousands(ram))),
        (
            "Available Physical Memory:",
            format!("{} MB", thousands(ram * 6 / 10)),
        ),
        (
            "Virtual Memory: Max Size:",
            format!("{} MB", thousands(virtual_max)),
        ),
        (
            "Virtual Memory: Available:",
            format!("{} MB", thousands(virtual_free)),
        ),
        (
            "Virtual Memory: In Use:",
            format!("{} MB", thousands(virtual_max - virtual_free)),
        ),
        ("Page File Location(s):", "C:\\pagefile.sys".into()),
        ("Domain:", "WORKGROUP".into()),
        ("Logon Server:", format!("\\\\{name}")),
    ];
    saw(&mut ctx.facts, Fact::Cpu);
    let kbs = hotfixes(pc);
    saw(&mut ctx.facts, Fact::History);
    rows.push(("Hotfix(s):", format!("{} Hotfix(s) Installed.", kbs.len())));
    rows.extend(
        kbs.iter()
            .enumerate()
            .map(|(i, kb)| ("", format!("[{:02}]: KB{kb}", i + 1))),
    );
    rows.push(("Network Card(s):", "1 NIC(s) Installed.".into()));
    rows.push(("", "[01]: Intel(R) Ethernet Connection I219-V".into()));
    let nic = "      ";
    rows.push(("", format!("{nic}Connection Name: Ethernet")));
    let net = d.network;
    saw(&mut ctx.facts, Fact::Network);
    if !net.online {
        rows.push(("", format!("{nic}Status:          Media disconnected")));
    } else {
        rows.push(("", format!("{nic}DHCP Enabled:    Yes")));
        rows.push(("", format!("{nic}DHCP Server:     192.168.1.1")));
        rows.push(("", format!("{nic}IP address(es)")));
        let mut n = 0;
        if !net.released {
            n += 1;
            rows.push(("", format!("{nic}[{n:02}]: 192.168.1.23")));
        }
        rows.push((
            "",
            format!("{nic}[{:02}]: fe80::4c1a:9d2e:71b3:5f0a", n + 1),
        ));
    }
    rows.push((
        "Hyper-V Requirements:",
        "VM Monitor Mode Extensions: Yes".into(),
    ));
    for line in [
        "Virtualization Enabled In Firmware: Yes",
        "Second Level Address Translation: Yes",
        "Data Execution Prevention Available: Yes",
    ] {
        rows.push(("", line.into()));
    }
    let mut out = String::from("\n");
    for (label, value) in rows {
        let _ = writeln!(out, "{label:<27}{value}");
    }
    Reply::ok(out)
}

/// A window shown as `Item  Value` lines, after a note that says so.
fn window(title: &str, items: &[(&str, String)]) -> String {
    let mut out =
        format!("(wusim: {title} opens in a window on Windows; this is its content as text.)\n");
    for (item, value) in items {
        let _ = writeln!(out, "{item:<32}{value}");
    }
    out
}

fn msinfo32(ctx: &mut Ctx<'_>, _: &Args<'_>) -> Reply {
    ctx.saw(Fact::Cpu);
    ctx.saw(Fact::SecureBoot);
    let d = ctx.pc.device();
    let build = d.os.version.build();
    let items = [
        ("OS Name", os_name(d)),
        ("Version", format!("10.0.{build} Build {build}")),
        ("System Name", d.name.as_str().to_string()),
        ("System Manufacturer", "Contoso Ltd.".to_string()),
        ("System Model", "Contoso PC 5000".to_string()),
        ("System Type", system_type(d).to_string()),
        (
            "Processor",
            format!(
                "{}, {} Mhz, {} Core(s)",
                d.cpu.family.label(),
                d.cpu.mhz,
                d.cpu.cores
            ),
        ),
        (
            "BIOS Mode",
            if d.secure_boot { "UEFI" } else { "Legacy" }.to_string(),
        ),
        (
            "Secure Boot State",
            if d.secure_boot { "On" } else { "Off" }.to_string(),
        ),
        (
            "Installed Physical Memory (RAM)",
            format!("{:.1} GB", f64::from(d.ram_mb) / 1024.0),
        ),
    ];
    Reply::ok(window("System Information (System Summary)", &items))
}

fn tpm_msc(ctx: &mut Ctx<'_>, _: &Args<'_>) -> Reply {
    ctx.saw(Fact::Tpm);
    let version = match ctx.pc.device().tpm {
        Tpm::None => {
            let items = [("Status", "Compatible TPM cannot be found".to_string())];
            return Reply::ok(window("TPM Management on Local Computer", &items));
        }
        Tpm::V1_2 => "1.2",
        Tpm::V2_0 => "2.0",
    };
    let items = [
        ("Status", "The TPM is ready for use.".to_string()),
        ("Manufacturer Name", "INTC".to_string()),
        ("Specification Version", version.to_string()),
    ];
    Reply::ok(window("TPM Management on Local Computer", &items))
}

fn hostname(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    if !args.words.is_empty() {
        return only("hostname");
    }
    Reply::ok(format!("{}\n", ctx.pc.device().name.as_str()))
}

fn whoami(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    if !args.words.is_empty() {
        return only("whoami");
    }
    let name = ctx.pc.device().name.as_str().to_ascii_lowercase();
    Reply::ok(format!("{name}\\{}\n", USER.to_ascii_lowercase()))
}

const SYSTEMINFO_HELP: &str = "systeminfo
  In the simulation: the PC's name, Windows edition and build, processor, memory, installed
  updates (Hotfix(s)) and network card. Values the model does not have (manufacturer,
  BIOS, time zone...) are fixed and fictional.
  On Windows: pipe it to findstr to pick lines: systeminfo | findstr /B /C:\"OS Name\"
";

const MSINFO_HELP: &str = "msinfo32
  In the simulation: the System Summary page as text: Windows version, system type,
  processor, BIOS Mode (UEFI or Legacy), Secure Boot State and installed memory.
  On Windows: opens System Information, a window; Windows 11 needs UEFI and Secure Boot.
";

const TPM_HELP: &str = "tpm.msc
  In the simulation: the TPM Management window as text: whether a TPM is ready, and its
  specification version (Windows 11 needs 2.0).
  On Windows: opens TPM Management on Local Computer; Get-Tpm gives the same in PowerShell.
";

const HOSTNAME_HELP: &str = "hostname
  In the simulation: prints the PC's name (DESKTOP-WUSIM01 unless the scenario names it).
  On Windows: the same as %COMPUTERNAME%; the name is changed in Settings, not here.
";

const WHOAMI_HELP: &str = "whoami
  In the simulation: prints computer\\user in lower case, as Windows does.
  On Windows: whoami /groups and /priv list the account's groups and privileges.
";

#[cfg(test)]
mod tests;
