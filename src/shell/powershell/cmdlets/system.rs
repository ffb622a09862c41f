//! Cmdlets about the PC itself: time (`Start-Sleep`, which lets simulated time pass,
//! `Get-Date`, `Set-Date`), disks (`Get-Volume`, `Get-PSDrive`), CIM/WMI classes
//! (`Get-CimInstance`/`Get-WmiObject` for `Win32_OperatingSystem`, `Win32_LogicalDisk`,
//! `Win32_Service`), `Get-ComputerInfo`, `Get-Tpm`, `Confirm-SecureBootUEFI`, the network
//! (`Test-NetConnection`, `Get-NetAdapter`), `Start-Process` (the simulated programs only,
//! never a real process), the execution policy, and `Get-Command`.
//!
//! Every value comes from the PC's model; what the model does not hold (a serial number,
//! a manufacturer) is a fixed fictional value, listed in the book's simplifications.

use super::services::start_type_name;
use super::{Spec, aka, s, spec, typed, v};
use crate::assess::Fact;
use crate::device::Tpm;
use crate::engine::{CivilDateTime, SimDuration};
use crate::scm::{ServiceState, StartType};
use crate::shell::builtins::clock;
use crate::shell::commands::{self, Kind};
use crate::shell::context::Args;
use crate::shell::names;
use crate::shell::powershell::eval::{Flow, Interp, R};
use crate::shell::powershell::invoke::{ArgValue, Call, native_arguments, text_lines};
use crate::shell::powershell::script;
use crate::shell::powershell::value::{Obj, Value, props};

/// The cmdlets of this family.
pub(crate) const SPECS: &[Spec] = &[
    spec(
        "Start-Sleep",
        &[
            typed("Seconds", "System.Int32", Some(0)),
            typed("Milliseconds", "System.Int32", None),
        ],
        start_sleep,
        false,
    ),
    spec(
        "Get-Date",
        &[v("Date", Some(0)), v("Format", None), v("UFormat", None)],
        get_date,
        false,
    ),
    spec(
        "Set-Date",
        &[v("Date", Some(0)), v("Adjust", None)],
        set_date,
        true,
    ),
    spec(
        "Get-Volume",
        &[v("DriveLetter", Some(0))],
        get_volume,
        false,
    ),
    spec(
        "Get-PSDrive",
        &[v("Name", Some(0)), v("PSProvider", None)],
        get_psdrive,
        false,
    ),
    spec(
        "Get-CimInstance",
        &[
            aka("ClassName", &["Class"], Some(0)),
            v("Filter", None),
            v("Query", None),
            aka("ComputerName", &["Cn"], None),
            v("Namespace", None),
        ],
        get_cim,
        false,
    ),
    spec(
        "Get-WmiObject",
        &[
            aka("Class", &["ClassName"], Some(0)),
            v("Filter", None),
            v("Query", None),
            aka("ComputerName", &["Cn"], None),
            v("Namespace", None),
        ],
        get_cim,
        false,
    ),
    spec(
        "Get-ComputerInfo",
        &[v("Property", Some(0))],
        get_computer_info,
        false,
    ),
    spec("Get-Tpm", &[], get_tpm, false),
    spec("Confirm-SecureBootUEFI", &[], confirm_secure_boot, false),
    spec(
        "Test-NetConnection",
        &[
            aka("ComputerName", &["RemoteAddress", "cn"], Some(0)),
            typed("Port", "System.Int32", None),
            v("CommonTCPPort", Some(1)),
            v("InformationLevel", None),
            s("TraceRoute"),
        ],
        test_net_connection,
        false,
    ),
    spec(
        "Get-NetAdapter",
        &[v("Name", Some(0)), s("Physical")],
        get_net_adapter,
        false,
    ),
    spec(
        "Start-Process",
        &[
            aka("FilePath", &["PSPath", "Path"], Some(0)),
            aka("ArgumentList", &["Args"], Some(1)),
            s("Wait"),
            s("NoNewWindow"),
            s("PassThru"),
            v("Verb", None),
            v("WindowStyle", None),
            v("WorkingDirectory", None),
        ],
        start_process,
        true,
    ),
    spec(
        "Set-ExecutionPolicy",
        &[
            typed(
                "ExecutionPolicy",
                "Microsoft.PowerShell.ExecutionPolicy",
                Some(0),
            ),
            v("Scope", Some(1)),
            s("Force"),
        ],
        set_execution_policy,
        true,
    ),
    spec(
        "Get-ExecutionPolicy",
        &[v("Scope", Some(0)), s("List")],
        get_execution_policy,
        false,
    ),
    spec(
        "Get-Command",
        &[
            v("Name", Some(0)),
            v("CommandType", None),
            v("Module", None),
            s("All"),
        ],
        get_command,
        false,
    ),
];

const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A `System.DateTime` for a moment (whole seconds since 1970 by the PC's clock).
pub(crate) fn date_value(_: &Interp<'_, '_>, seconds: i64) -> Value {
    let t = CivilDateTime::from_seconds_since_epoch(seconds);
    let (h, ampm) = t.hour12();
    let long = format!(
        "{}, {} {}, {} {}:{:02}:{:02} {ampm}",
        DAYS[usize::from(t.weekday()) % 7],
        MONTHS[usize::from(t.month.saturating_sub(1)) % 12],
        t.day,
        t.year,
        h,
        t.minute,
        t.second
    );
    Value::object(Obj {
        text: Some(long),
        ..Obj::new(
            "System.DateTime",
            props([
                ("Ticks", Value::Int(seconds)),
                ("DayOfWeek", Value::str(DAYS[usize::from(t.weekday()) % 7])),
                ("Year", Value::Int(i64::from(t.year))),
                ("Month", Value::Int(i64::from(t.month))),
                ("Day", Value::Int(i64::from(t.day))),
                ("Hour", Value::Int(i64::from(t.hour))),
                ("Minute", Value::Int(i64::from(t.minute))),
                ("Second", Value::Int(i64::from(t.second))),
                ("DateTime", Value::str(t.windows())),
            ]),
        )
    })
}

/// `Get-Date` now.
pub(crate) fn now_value(interp: &Interp<'_, '_>) -> Value {
    date_value(interp, interp.ctx.pc.clock().seconds_since_epoch())
}

/// .NET custom date formats: `yyyy`, `MM`, `dd`, `HH`, `hh`, `mm`, `ss`, `tt`...
fn custom_format(t: CivilDateTime, format: &str) -> String {
    let (h12, ampm) = t.hour12();
    let tokens: [(&str, String); 17] = [
        ("yyyy", format!("{:04}", t.year)),
        ("yy", format!("{:02}", t.year % 100)),
        (
            "MMMM",
            MONTHS[usize::from(t.month.saturating_sub(1)) % 12].to_string(),
        ),
        (
            "MMM",
            MONTHS[usize::from(t.month.saturating_sub(1)) % 12][..3].to_string(),
        ),
        ("MM", format!("{:02}", t.month)),
        ("M", t.month.to_string()),
        ("dddd", DAYS[usize::from(t.weekday()) % 7].to_string()),
        ("ddd", DAYS[usize::from(t.weekday()) % 7][..3].to_string()),
        ("dd", format!("{:02}", t.day)),
        ("d", t.day.to_string()),
        ("HH", format!("{:02}", t.hour)),
        ("H", t.hour.to_string()),
        ("hh", format!("{h12:02}")),
        ("h", h12.to_string()),
        ("mm", format!("{:02}", t.minute)),
        ("ss", format!("{:02}", t.second)),
        ("tt", ampm.to_string()),
    ];
    let mut out = String::new();
    let mut rest = format;
    'outer: while !rest.is_empty() {
        for (token, value) in &tokens {
            if let Some(r) = rest.strip_prefix(token) {
                out.push_str(value);
                rest = r;
                continue 'outer;
            }
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        rest = chars.as_str();
    }
    out
}

fn start_sleep(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let seconds = call
        .value("Seconds")
        .and_then(Value::as_number)
        .unwrap_or(0.0);
    let millis = call
        .value("Milliseconds")
        .and_then(Value::as_int)
        .unwrap_or(0);
    let total = (seconds * 1000.0) as i64 + millis;
    // A week at most: longer sleeps are cut (the PC would idle all that time anyway).
    let total = u64::try_from(total).unwrap_or(0).min(7 * 86_400_000);
    // Each simulated minute costs a step, so a loop of sleeps meets the step limit too.
    for _ in 0..total / 60_000 {
        interp.tick()?;
    }
    interp.ctx.pc.run_for(SimDuration::from_millis(total));
    interp.ctx.waited |= total > 0;
    Ok(Vec::new())
}

fn parse_date_time(text: &str) -> Option<CivilDateTime> {
    let mut parts = text.split_whitespace();
    let date = parts.next()?;
    let (y, m, d) = clock::parse_date(date)?;
    let rest: Vec<&str> = parts.collect();
    let (h, mi, s) = if rest.is_empty() {
        (0, 0, 0)
    } else {
        clock::parse_time(&rest.join(" "))?
    };
    CivilDateTime::new(y, m, d, h, mi, s)
}

fn get_date(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let seconds = match call.value("Date") {
        Some(Value::Object(o)) if o.type_name == "System.DateTime" => {
            o.get("Ticks").and_then(Value::as_int).unwrap_or(0)
        }
        Some(v) => match parse_date_time(&v.to_text()) {
            Some(t) => t.seconds_since_epoch(),
            None => {
                let text = v.to_text();
                let err = call.error(
                    interp,
                    format!("Cannot bind parameter 'Date'. Cannot convert value \"{text}\" to type \"System.DateTime\". Error: \"String was not recognized as a valid DateTime.\""),
                    "InvalidArgument: (:) [Get-Date], ParameterBindingException".to_string(),
                    "CannotConvertArgumentNoMessage",
                );
                return Err(Flow::Throw(Box::new(
                    crate::shell::powershell::errors::ErrorRecord {
                        statement_only: true,
                        ..err
                    },
                )));
            }
        },
        None => {
            interp.ctx.saw(Fact::Clock);
            interp.ctx.pc.clock().seconds_since_epoch()
        }
    };
    if let Some(format) = call.text("Format") {
        return Ok(vec![Value::Str(custom_format(
            CivilDateTime::from_seconds_since_epoch(seconds),
            &format,
        ))]);
    }
    Ok(vec![date_value(interp, seconds)])
}

fn set_date(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let now = interp.ctx.pc.clock().seconds_since_epoch();
    let target = match (call.value("Date"), call.text("Adjust")) {
        (Some(Value::Object(o)), _) if o.type_name == "System.DateTime" => {
            o.get("Ticks").and_then(Value::as_int)
        }
        (Some(v), _) => parse_date_time(&v.to_text()).map(CivilDateTime::seconds_since_epoch),
        (None, Some(adjust)) => parse_adjust(&adjust).map(|d| now + d),
        (None, None) => None,
    };
    let Some(target) = target else {
        let typed = call
            .text("Date")
            .or_else(|| call.text("Adjust"))
            .unwrap_or_default();
        let err = call.error(
            interp,
            format!("Cannot bind parameter 'Date'. Cannot convert value \"{typed}\" to type \"System.DateTime\". Error: \"String was not recognized as a valid DateTime.\""),
            "InvalidArgument: (:) [Set-Date], ParameterBindingException".to_string(),
            "CannotConvertArgumentNoMessage",
        );
        return Err(Flow::Throw(Box::new(
            crate::shell::powershell::errors::ErrorRecord {
                statement_only: true,
                ..err
            },
        )));
    };
    if call.what_if {
        interp.out.push_str(&format!(
            "What if: Performing the operation \"Set-Date\" on target \"{}\".\n",
            CivilDateTime::from_seconds_since_epoch(target).windows()
        ));
        return Ok(Vec::new());
    }
    interp.ctx.pc.act(|w| crate::remedy::set_clock(w, target));
    Ok(vec![date_value(interp, target)])
}

/// `-Adjust 1:00:00` or `-Adjust -2.0:00:00` (days.hours:minutes:seconds), in seconds.
fn parse_adjust(text: &str) -> Option<i64> {
    let (sign, body) = match text.strip_prefix('-') {
        Some(b) => (-1, b),
        None => (1, text),
    };
    let (days, time) = match body.split_once('.') {
        Some((d, t)) if t.contains(':') => (d.parse::<i64>().ok()?, t),
        _ => (0, body),
    };
    let parts: Vec<i64> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let secs = match parts.as_slice() {
        [h, m] => h * 3600 + m * 60,
        [h, m, s] => h * 3600 + m * 60 + s,
        _ => return None,
    };
    Some(sign * (days * 86_400 + secs))
}

fn gb(bytes: u64) -> String {
    format!("{:.2} GB", bytes as f64 / 1_073_741_824.0)
}

fn disk(interp: &Interp<'_, '_>) -> (u64, u64) {
    let pc = &interp.ctx.pc;
    let total = pc.device().disk_total_mb * 1_048_576;
    let free = (pc.disk_free_mb() * 1_048_576).min(total);
    (total, free)
}

fn get_volume(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    if let Some(letter) = call.text("DriveLetter")
        && !letter.trim_end_matches(':').eq_ignore_ascii_case("c")
    {
        let err = call.error(
            interp,
            format!("No MSFT_Volume objects found with property 'DriveLetter' equal to '{letter}'.  Verify the value of the property and retry."),
            format!("ObjectNotFound: ({letter}:Char) [Get-Volume], CimJobException"),
            "CmdletizationQuery_NotFound_DriveLetter",
        );
        interp.write_error(err)?;
        return Ok(Vec::new());
    }
    let (total, free) = disk(interp);
    interp.ctx.saw(Fact::Disk);
    Ok(vec![Value::object(Obj::new(
        "Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/Storage/MSFT_Volume",
        props([
            ("DriveLetter", Value::str("C")),
            ("FileSystemLabel", Value::str("Windows")),
            ("FileSystemType", Value::str("NTFS")),
            ("DriveType", Value::str("Fixed")),
            ("HealthStatus", Value::str("Healthy")),
            ("OperationalStatus", Value::str("OK")),
            (
                "SizeRemaining",
                Value::Int(i64::try_from(free).unwrap_or(0)),
            ),
            ("Size", Value::Int(i64::try_from(total).unwrap_or(0))),
            ("SizeRemainingText", Value::str(gb(free))),
            ("SizeText", Value::str(gb(total))),
        ]),
    ))])
}

fn get_psdrive(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let (total, free) = disk(interp);
    let two = |b: u64| format!("{:.2}", b as f64 / 1_073_741_824.0);
    let rows: [(&str, &str, &str, &str, &str); 9] = [
        ("Alias", "", "", "Alias", ""),
        ("C", "used", "free", "FileSystem", "C:\\"),
        ("Cert", "", "", "Certificate", "\\"),
        ("Env", "", "", "Environment", ""),
        ("Function", "", "", "Function", ""),
        ("HKCU", "", "", "Registry", "HKEY_CURRENT_USER"),
        ("HKLM", "", "", "Registry", "HKEY_LOCAL_MACHINE"),
        ("Variable", "", "", "Variable", ""),
        ("WSMan", "", "", "WSMan", ""),
    ];
    let wanted = call.text("Name");
    let shown: Vec<_> = rows
        .iter()
        .filter(|(n, ..)| wanted.as_ref().is_none_or(|w| names::wildcard_match(w, n)))
        .filter(|(_, _, _, p, _)| {
            call.text("PSProvider")
                .is_none_or(|w| w.eq_ignore_ascii_case(p))
        })
        .collect();
    if shown.iter().any(|(n, ..)| *n == "C") {
        interp.ctx.saw(Fact::Disk);
    }
    Ok(shown
        .into_iter()
        .map(|(n, used, _, p, root)| {
            let used = if *used == "used" {
                two(total - free)
            } else {
                String::new()
            };
            Value::object(Obj::new(
                "System.Management.Automation.PSDriveInfo",
                props([
                    ("Name", Value::str(*n)),
                    ("UsedGB", Value::str(used)),
                    (
                        "FreeGB",
                        Value::str(if *n == "C" { two(free) } else { String::new() }),
                    ),
                    ("Provider", Value::str(*p)),
                    ("Root", Value::str(*root)),
                ]),
            ))
        })
        .collect())
}

const CIM: &str = "Microsoft.Management.Infrastructure.CimInstance#root/cimv2/";

/// `Name='wuauserv'`, `DriveType=3`, `State = "Running"`: (property, value) pairs joined by AND.
fn filter_pairs(filter: &str) -> Vec<(String, String)> {
    filter
        .split(" and ")
        .flat_map(|p| p.split(" AND "))
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            Some((
                k.trim().to_string(),
                v.trim().trim_matches(['\'', '"']).to_string(),
            ))
        })
        .collect()
}

fn get_cim(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let (class, filter) = match (
        call.text("ClassName").or_else(|| call.text("Class")),
        call.text("Query"),
    ) {
        (Some(c), _) => (c, call.text("Filter")),
        (None, Some(q)) => {
            let lower = q.to_ascii_lowercase();
            let class = lower
                .split(" from ")
                .nth(1)
                .and_then(|r| r.split_whitespace().next())
                .unwrap_or_default()
                .to_string();
            let filter = lower.split(" where ").nth(1).map(str::to_string);
            (class, filter)
        }
        (None, None) => (String::new(), None),
    };
    let pc = &interp.ctx.pc;
    let device = pc.device();
    let objects: Vec<Value> = match class.to_ascii_lowercase().as_str() {
        "win32_operatingsystem" => {
            let build = device.os.version.build();
            let windows = if device.os.version.is_windows_11() {
                11
            } else {
                10
            };
            vec![Value::object(Obj::new(
                &format!("{CIM}Win32_OperatingSystem"),
                props([
                    ("SystemDirectory", Value::str("C:\\WINDOWS\\system32")),
                    ("Organization", Value::str("")),
                    ("BuildNumber", Value::str(build.to_string())),
                    ("RegisteredUser", Value::str(crate::world::default_fs::USER)),
                    ("SerialNumber", Value::str("00330-80000-00000-AA175")),
                    ("Version", Value::str(format!("10.0.{build}"))),
                    (
                        "Caption",
                        Value::str(format!(
                            "Microsoft Windows {windows} {}",
                            device.os.edition.label()
                        )),
                    ),
                    ("CSName", Value::str(device.name.as_str())),
                    (
                        "OSArchitecture",
                        Value::str(match device.arch {
                            crate::device::Arch::X64 => "64-bit",
                            crate::device::Arch::Arm64 => "ARM 64-bit Processor",
                        }),
                    ),
                    (
                        "TotalVisibleMemorySize",
                        Value::Int(i64::from(device.ram_mb) * 1024),
                    ),
                    ("WindowsDirectory", Value::str("C:\\WINDOWS")),
                    ("PSComputerName", Value::Null),
                ]),
            ))]
        }
        "win32_logicaldisk" => {
            let (total, free) = disk(interp);
            vec![Value::object(Obj::new(
                &format!("{CIM}Win32_LogicalDisk"),
                props([
                    ("DeviceID", Value::str("C:")),
                    ("DriveType", Value::Int(3)),
                    ("ProviderName", Value::str("")),
                    ("VolumeName", Value::str("Windows")),
                    ("Size", Value::Int(i64::try_from(total).unwrap_or(0))),
                    ("FreeSpace", Value::Int(i64::try_from(free).unwrap_or(0))),
                    ("PSComputerName", Value::str(".")),
                ]),
            ))]
        }
        "win32_service" => names::sorted_by_name()
            .into_iter()
            .map(|id| {
                let status = pc.scm().status(id);
                let state = match status.state {
                    ServiceState::Running => "Running",
                    ServiceState::Stopped => "Stopped",
                    ServiceState::StartPending => "Start Pending",
                    ServiceState::StopPending => "Stop Pending",
                };
                let mode = match status.start_type {
                    StartType::Automatic | StartType::AutomaticDelayed => "Auto",
                    other => start_type_name(other),
                };
                Value::object(Obj::new(
                    &format!("{CIM}Win32_Service"),
                    props([
                        ("ProcessId", Value::Int(i64::from(status.pid))),
                        ("Name", Value::str(id.name())),
                        ("StartMode", Value::str(mode)),
                        ("State", Value::str(state)),
                        ("Status", Value::str("OK")),
                        ("ExitCode", Value::Int(i64::from(status.exit_code.0))),
                        ("DisplayName", Value::str(id.display_name())),
                        (
                            "DelayedAutoStart",
                            Value::Bool(status.start_type == StartType::AutomaticDelayed),
                        ),
                        ("PathName", Value::str(id.spec().binary_path)),
                        ("StartName", Value::str(id.spec().account)),
                    ]),
                ))
            })
            .collect(),
        _ => {
            let err = call.error(
                interp,
                "Invalid class ".to_string(),
                format!(
                    "MetadataError: (root\\cimv2:{class}:String) [{}], CimException",
                    call.spec.name
                ),
                "HRESULT 0x80041010",
            );
            let mut err = err;
            err.id = format!(
                "HRESULT 0x80041010,Microsoft.Management.Infrastructure.CimCmdlets.{}Command",
                call.spec.name.replace('-', "")
            );
            interp.write_error(err)?;
            return Ok(Vec::new());
        }
    };
    let pairs = filter.map(|f| filter_pairs(&f)).unwrap_or_default();
    let objects: Vec<Value> = objects
        .into_iter()
        .filter(|o| {
            pairs
                .iter()
                .all(|(k, v)| o.property(k).to_text().eq_ignore_ascii_case(v))
        })
        .collect();
    // Their default views: a service's State and StartMode, the drive's FreeSpace.
    for o in &objects {
        let Value::Object(obj) = o else {
            continue;
        };
        if obj.type_name.ends_with("Win32_Service")
            && let Some(id) = obj
                .get("Name")
                .and_then(|n| names::by_service_name(&n.to_text()))
        {
            interp.ctx.saw(Fact::Service(id));
            interp.ctx.saw(Fact::StartType(id));
        } else if obj.type_name.ends_with("Win32_LogicalDisk") {
            interp.ctx.saw(Fact::Disk);
        }
    }
    Ok(objects)
}

fn get_computer_info(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let pc = &interp.ctx.pc;
    let d = pc.device();
    let build = d.os.version.build();
    let windows = if d.os.version.is_windows_11() { 11 } else { 10 };
    let display =
        d.os.version
            .label()
            .rsplit(' ')
            .next()
            .unwrap_or_default()
            .to_string();
    let mut fields = props([
        (
            "WindowsBuildLabEx",
            Value::str(format!("{build}.1.amd64fre.ni_release.220506-1250")),
        ),
        ("WindowsCurrentVersion", Value::str("6.3")),
        ("WindowsEditionId", Value::str(d.os.edition.label())),
        ("WindowsInstallationType", Value::str("Client")),
        (
            "WindowsProductName",
            Value::str(format!("Windows 10 {}", d.os.edition.label())),
        ),
        (
            "WindowsRegisteredOwner",
            Value::str(crate::world::default_fs::USER),
        ),
        ("WindowsSystemRoot", Value::str("C:\\WINDOWS")),
        ("WindowsVersion", Value::str("2009")),
        ("OSDisplayVersion", Value::str(display)),
        ("CsName", Value::str(d.name.as_str())),
        (
            "CsTotalPhysicalMemory",
            Value::Int(i64::from(d.ram_mb) * 1_048_576),
        ),
        (
            "OsName",
            Value::str(format!(
                "Microsoft Windows {windows} {}",
                d.os.edition.label()
            )),
        ),
        ("OsVersion", Value::str(format!("10.0.{build}"))),
        ("OsBuildNumber", Value::str(build.to_string())),
        (
            "OsHotFixes",
            Value::Array(
                d.installed
                    .iter()
                    .map(|u| Value::str(format!("KB{}", u.kb)))
                    .collect(),
            ),
        ),
        (
            "OsArchitecture",
            Value::str(match d.arch {
                crate::device::Arch::X64 => "64-bit",
                crate::device::Arch::Arm64 => "ARM 64-bit Processor",
            }),
        ),
        (
            "TimeZone",
            Value::str("(UTC-08:00) Pacific Time (US & Canada)"),
        ),
    ]);
    if let Some(wanted) = call.value("Property") {
        let patterns: Vec<String> = wanted
            .clone()
            .into_items()
            .iter()
            .map(Value::to_text)
            .collect();
        fields.retain(|(n, _)| patterns.iter().any(|p| names::wildcard_match(p, n)));
    }
    if fields.iter().any(|(n, _)| n == "OsHotFixes") {
        interp.ctx.saw(Fact::History);
    }
    Ok(vec![Value::object(Obj::new(
        "Microsoft.PowerShell.Commands.ComputerInfo",
        fields,
    ))])
}

fn get_tpm(interp: &mut Interp<'_, '_>, _: &Call) -> R<Vec<Value>> {
    interp.ctx.saw(Fact::Tpm);
    let present = interp.ctx.pc.device().tpm != Tpm::None;
    let version = match interp.ctx.pc.device().tpm {
        Tpm::V2_0 => "2.0",
        Tpm::V1_2 => "1.2",
        Tpm::None => "",
    };
    let fields = props([
        ("TpmPresent", Value::Bool(present)),
        ("TpmReady", Value::Bool(present)),
        ("TpmEnabled", Value::Bool(present)),
        ("TpmActivated", Value::Bool(present)),
        ("TpmOwned", Value::Bool(present)),
        ("RestartPending", Value::Bool(false)),
        (
            "ManufacturerId",
            if present {
                Value::Int(1_229_870_147)
            } else {
                Value::Int(0)
            },
        ),
        (
            "ManufacturerIdTxt",
            Value::str(if present { "INTC" } else { "" }),
        ),
        (
            "ManufacturerVersion",
            Value::str(if present { "403.1.0.0" } else { "" }),
        ),
        (
            "ManufacturerVersionFull20",
            Value::str(if version == "2.0" {
                "403.1.0.0"
            } else {
                "Not Supported for TPM 1.2"
            }),
        ),
        ("ManagedAuthLevel", Value::str("Full")),
        ("OwnerAuth", Value::Null),
        ("OwnerClearDisabled", Value::Bool(false)),
        (
            "AutoProvisioning",
            Value::str(if present { "Enabled" } else { "NotDefined" }),
        ),
        ("LockedOut", Value::Bool(false)),
        ("LockoutHealTime", Value::str("10 minutes")),
        ("LockoutCount", Value::Int(0)),
        ("LockoutMax", Value::Int(31)),
        ("SelfTest", Value::Array(Vec::new())),
    ]);
    Ok(vec![Value::object(Obj::new(
        "Microsoft.Tpm.Commands.TpmObject",
        fields,
    ))])
}

fn confirm_secure_boot(interp: &mut Interp<'_, '_>, _: &Call) -> R<Vec<Value>> {
    interp.ctx.saw(Fact::SecureBoot);
    Ok(vec![Value::Bool(interp.ctx.pc.device().secure_boot)])
}

fn test_net_connection(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let target = call
        .text("ComputerName")
        .unwrap_or_else(|| "internetbeacon.msedge.net".to_string());
    let port = call.value("Port").and_then(Value::as_int).or_else(|| {
        call.text("CommonTCPPort")
            .and_then(|p| match p.to_ascii_uppercase().as_str() {
                "HTTP" => Some(80),
                "RDP" => Some(3389),
                "SMB" => Some(445),
                "WINRM" => Some(5985),
                _ => None,
            })
    });
    let online = interp.ctx.pc.device().network.connected();
    interp.ctx.saw(Fact::Network);
    let found = if target.eq_ignore_ascii_case("internetbeacon.msedge.net") {
        online.then(|| ("13.107.4.52".to_string(), Some(5)))
    } else {
        crate::shell::tools::network::lookup(&target, online)
    };
    interp.ctx.pc.run_for(SimDuration::from_secs(
        if found.as_ref().is_some_and(|(_, r)| r.is_some()) {
            1
        } else {
            5
        },
    ));
    let Some((ip, reply)) = found else {
        interp
            .out
            .push_str(&format!("WARNING: Name resolution of {target} failed\n"));
        return Ok(vec![Value::object(Obj::new(
            "TestNetConnectionResult",
            props([
                ("ComputerName", Value::str(&target)),
                ("RemoteAddress", Value::Null),
                ("InterfaceAlias", Value::Null),
                ("SourceAddress", Value::Null),
                ("PingSucceeded", Value::Bool(false)),
            ]),
        ))]);
    };
    let quiet = call
        .text("InformationLevel")
        .is_some_and(|l| l.eq_ignore_ascii_case("Quiet"));
    let tcp_ok = port.map(|p| reply.is_some() && matches!(p, 80 | 443));
    if let Some(p) = port
        && tcp_ok == Some(false)
    {
        interp
            .out
            .push_str(&format!("WARNING: TCP connect to ({ip} : {p}) failed\n"));
    }
    if port.is_none() && reply.is_none() {
        interp.out.push_str(&format!(
            "WARNING: Ping to {ip} failed with status: TimedOut\n"
        ));
    }
    if quiet {
        return Ok(vec![Value::Bool(tcp_ok.unwrap_or(reply.is_some()))]);
    }
    let mut fields = props([
        ("ComputerName", Value::str(&target)),
        ("RemoteAddress", Value::str(&ip)),
    ]);
    if let Some(p) = port {
        fields.push(("RemotePort".into(), Value::Int(p)));
    }
    fields.push(("InterfaceAlias".into(), Value::str("Ethernet")));
    fields.push(("SourceAddress".into(), Value::str("192.168.1.23")));
    match (port, tcp_ok) {
        (Some(_), Some(true)) => fields.push(("TcpTestSucceeded".into(), Value::Bool(true))),
        (Some(_), _) => {
            fields.push(("PingSucceeded".into(), Value::Bool(reply.is_some())));
            fields.push((
                "PingReplyDetails (RTT)".into(),
                Value::str(
                    reply
                        .map(|ms| format!("{ms} ms"))
                        .unwrap_or_else(|| "0 ms".to_string()),
                ),
            ));
            fields.push(("TcpTestSucceeded".into(), Value::Bool(false)));
        }
        (None, _) => {
            fields.push(("PingSucceeded".into(), Value::Bool(reply.is_some())));
            fields.push((
                "PingReplyDetails (RTT)".into(),
                Value::str(
                    reply
                        .map(|ms| format!("{ms} ms"))
                        .unwrap_or_else(|| "0 ms".to_string()),
                ),
            ));
        }
    }
    Ok(vec![Value::object(Obj::new(
        "TestNetConnectionResult",
        fields,
    ))])
}

fn get_net_adapter(interp: &mut Interp<'_, '_>, _: &Call) -> R<Vec<Value>> {
    interp.ctx.saw(Fact::Network);
    let up = interp.ctx.pc.device().network.online;
    Ok(vec![Value::object(Obj::new(
        "Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetAdapter",
        props([
            ("Name", Value::str("Ethernet")),
            (
                "InterfaceDescription",
                Value::str("Intel(R) Ethernet Connection (7) I219-V"),
            ),
            ("ifIndex", Value::Int(12)),
            ("Status", Value::str(if up { "Up" } else { "Disconnected" })),
            ("MacAddress", Value::str("3C-52-82-4A-1F-07")),
            ("LinkSpeed", Value::str(if up { "1 Gbps" } else { "0 bps" })),
        ]),
    ))])
}

fn start_process(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let file = call.text("FilePath").unwrap_or_default();
    let args: Vec<ArgValue> = call
        .value("ArgumentList")
        .cloned()
        .map(Value::into_items)
        .unwrap_or_default()
        .into_iter()
        .flat_map(|v| {
            // An argument list given as one string holds several arguments.
            crate::shell::context::words(&v.to_text())
                .into_iter()
                .map(|w| ArgValue::Positional(Value::Str(w)))
                .collect::<Vec<_>>()
        })
        .collect();
    let lower = file.to_ascii_lowercase();
    if lower.ends_with(".ps1") || lower == "powershell" || lower == "powershell.exe" {
        return script::powershell_exe(interp, args, &call.at).map(|_| Vec::new());
    }
    let program = commands::program_name(&file);
    let uri = file.contains(':') && !file.contains('\\');
    let command = if uri {
        commands::find("start")
    } else {
        commands::find(&program)
    };
    match command {
        Some(c)
            if c.run.is_some()
                && (uri || matches!(c.kind, Kind::Program | Kind::Wusim) || program == "cmd") =>
        {
            let raw = if uri {
                file.clone()
            } else {
                native_arguments(&args)
            };
            let name = if uri {
                "start".to_string()
            } else {
                file.clone()
            };
            let a = Args::new(&name, &raw);
            interp.ctx.changed |= c.changes_state;
            let Some(run) = c.run else {
                return Ok(Vec::new());
            };
            let reply = run(interp.ctx, &a);
            let mut sink = crate::shell::cmd::Sink::default();
            crate::shell::cmd::finish(interp.ctx, reply, &mut sink);
            for line in text_lines(&sink.text()) {
                interp.out.push_str(&line.to_text());
                interp.out.push('\n');
            }
            Ok(Vec::new())
        }
        Some(c) if c.run.is_none() => {
            interp.ctx.unrecognized = true;
            interp.out.push_str(&commands::not_simulated(&file).err);
            Ok(Vec::new())
        }
        _ => {
            let err = call.error(
                interp,
                "This command cannot be run due to the error: The system cannot find the file specified.".to_string(),
                "InvalidOperation: (:) [Start-Process], InvalidOperationException".to_string(),
                "InvalidOperationException",
            );
            interp.write_error(err)?;
            Ok(Vec::new())
        }
    }
}

const POLICIES: [&str; 7] = [
    "Unrestricted",
    "RemoteSigned",
    "AllSigned",
    "Restricted",
    "Default",
    "Bypass",
    "Undefined",
];

fn set_execution_policy(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let typed = call.text("ExecutionPolicy").unwrap_or_default();
    let Some(policy) = POLICIES.iter().find(|p| p.eq_ignore_ascii_case(&typed)) else {
        let err = crate::shell::powershell::errors::ErrorRecord {
            source: "Set-ExecutionPolicy".to_string(),
            message: format!("Cannot bind parameter 'ExecutionPolicy'. Cannot convert value \"{typed}\" to type \"Microsoft.PowerShell.ExecutionPolicy\". Error: \"Unable to match the identifier name {typed} to a valid enumerator name. Specify one of the following enumerator names and try again:\nUnrestricted, RemoteSigned, AllSigned, Restricted, Default, Bypass, Undefined\""),
            category: "InvalidArgument: (:) [Set-ExecutionPolicy], ParameterBindingException".to_string(),
            id: "CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.SetExecutionPolicyCommand".to_string(),
            at: Some(call.at.clone()),
            script: interp.script.clone(),
            statement_only: true,
        };
        return Err(Flow::Throw(Box::new(err)));
    };
    let policy = if *policy == "Default" {
        "Restricted"
    } else {
        policy
    };
    let scope = call
        .text("Scope")
        .unwrap_or_else(|| "LocalMachine".to_string())
        .to_ascii_lowercase();
    if call.what_if {
        interp.out.push_str(&format!(
            "What if: Performing the operation \"Set-ExecutionPolicy\" on target \"{policy}\".\n"
        ));
        return Ok(Vec::new());
    }
    match scope.as_str() {
        "process" => interp.state.process_policy = Some(policy.to_string()),
        "currentuser" => script::set_policy(interp, script::USER_POLICY_KEY, policy),
        _ => script::set_policy(interp, script::MACHINE_POLICY_KEY, policy),
    }
    Ok(Vec::new())
}

fn get_execution_policy(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    if call.switch("List") {
        let rows = [
            ("MachinePolicy", "Undefined".to_string()),
            ("UserPolicy", "Undefined".to_string()),
            (
                "Process",
                interp
                    .state
                    .process_policy
                    .clone()
                    .unwrap_or_else(|| "Undefined".to_string()),
            ),
            (
                "CurrentUser",
                script::stored_policy(interp, script::USER_POLICY_KEY)
                    .unwrap_or_else(|| "Undefined".to_string()),
            ),
            (
                "LocalMachine",
                script::stored_policy(interp, script::MACHINE_POLICY_KEY)
                    .unwrap_or_else(|| "Undefined".to_string()),
            ),
        ];
        return Ok(rows
            .into_iter()
            .map(|(scope, p)| {
                Value::object(Obj::new(
                    "System.Management.Automation.PSCustomObject#ExecutionPolicy",
                    props([
                        ("Scope", Value::str(scope)),
                        ("ExecutionPolicy", Value::str(p)),
                    ]),
                ))
            })
            .collect());
    }
    Ok(vec![Value::str(script::effective_policy(interp))])
}

fn get_command(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let Some(name) = call.text("Name") else {
        return Ok(super::all()
            .map(|s| command_row("Cmdlet", s.name, "Microsoft.PowerShell.Management"))
            .collect());
    };
    let lower = name.to_ascii_lowercase();
    let mut rows = Vec::new();
    if let Some(target) = crate::shell::powershell::aliases::resolve(&lower) {
        rows.push(command_row("Alias", &format!("{lower} -> {target}"), ""));
    }
    if let Some(spec) = super::find(&lower) {
        rows.push(command_row(
            "Cmdlet",
            spec.name,
            "Microsoft.PowerShell.Management",
        ));
    }
    let program = commands::program_name(&name);
    if let Some(c) = commands::find(&program)
        && matches!(c.kind, Kind::Program)
    {
        rows.push(command_row(
            "Application",
            &format!("{program}.exe"),
            &format!("C:\\WINDOWS\\system32\\{program}.exe"),
        ));
    }
    if rows.is_empty() {
        return Err(interp.not_found(&name, &call.at));
    }
    if !call.switch("All") {
        rows.truncate(1);
    }
    Ok(rows)
}

fn command_row(kind: &str, name: &str, source: &str) -> Value {
    Value::object(Obj::new(
        "System.Management.Automation.CommandInfo",
        props([
            ("CommandType", Value::str(kind)),
            ("Name", Value::str(name)),
            ("Version", Value::str("")),
            ("Source", Value::str(source)),
        ]),
    ))
}
