//! What the PC has recorded, through PowerShell: `Get-HotFix` (installed updates),
//! `Get-WinEvent` (the event logs) and `Get-WindowsUpdateLog` (the Windows Update log).
//!
//! All three only read the model. `Get-WindowsUpdateLog` prints the conversion blurb that
//! the real cmdlet prints, then — as a teaching aid, and saying so — the lines the new
//! `WindowsUpdate.log` would hold, built from the PC's Windows Update and Service Control
//! Manager records and nothing else.

use std::fmt::Write as _;

use super::cmdlet::{Bound, Cmdlet};
use crate::assess::Fact;
use crate::engine::{CivilDateTime, SimDuration};
use crate::eventlog::{EventRecord, LogName, Provider};
use crate::pc::Pc;
use crate::scm::ServiceId;
use crate::shell::context::{Reply, saw};
use crate::shell::render::{self, EventRow, HotFixRow, PsError};
use crate::update::{Classification, UpdateId};

fn ps_error(cmdlet: &Cmdlet, message: String, category: String, id: &str) -> Reply {
    let text = PsError {
        source: cmdlet.kind.name(),
        message,
        statement: &cmdlet.statement,
        underline: cmdlet.statement.chars().count(),
        category,
        error_id: format!("{id},{}", cmdlet.kind.error_source()),
    }
    .render();
    Reply::new(text, 1)
}

/// The calendar date of a day number (days since 1970-01-01).
fn date_of_day(day: i64) -> Option<CivilDateTime> {
    // Up to the year 4707: beyond that the millisecond arithmetic of `SimDuration` overflows.
    let days = u64::try_from(day).ok().filter(|d| *d < 1_000_000)?;
    Some(CivilDateTime::new(1970, 1, 1, 0, 0, 0)?.plus(SimDuration::from_days(days)))
}

/// `Get-HotFix [-Id KB...]`: installed Windows updates (those with a KB number; Defender's
/// definition updates are not hotfixes and are not listed).
pub(crate) fn get_hotfix(pc: &Pc, cmdlet: &Cmdlet, bound: &Bound, facts: &mut Vec<Fact>) -> Reply {
    let wanted: Vec<String> = bound
        .list("Id")
        .iter()
        .map(|id| id.to_ascii_uppercase())
        .collect();
    let catalog = pc.server().catalog();
    let rows: Vec<HotFixRow> = pc
        .device()
        .installed
        .iter()
        .filter(|u| UpdateId(u.kb).kb().is_some())
        .filter(|u| {
            catalog
                .by_kb(u.kb)
                .is_none_or(|update| update.classification != Classification::DefinitionUpdate)
        })
        .filter(|u| {
            let id = format!("KB{}", u.kb);
            wanted.is_empty() || wanted.iter().any(|w| *w == id || *w == u.kb.to_string())
        })
        .map(|u| {
            let security = catalog
                .by_kb(u.kb)
                .is_some_and(|update| update.classification == Classification::SecurityUpdate);
            HotFixRow {
                description: if security {
                    "Security Update"
                } else {
                    "Update"
                },
                id: format!("KB{}", u.kb),
                installed_on: date_of_day(u.installed_on_day)
                    .map(|d| format!("{} 12:00:00 AM", d.windows_date()))
                    .unwrap_or_default(),
            }
        })
        .collect();
    // The installed updates, or that the one asked for is not among them.
    saw(facts, Fact::History);
    if rows.is_empty() && !wanted.is_empty() {
        return ps_error(
            cmdlet,
            "Cannot find the requested hotfix on the 'localhost' computer. Verify the input and run the command again.".to_string(),
            "ObjectNotFound: (:) [Get-HotFix], ArgumentException".to_string(),
            "GetHotFixNoEntriesFound",
        );
    }
    Reply::ok(render::hotfix_table(pc.device().name.as_str(), &rows))
}

/// Which records a `-LogName` selects; `Err` for a log that does not exist.
enum Selection {
    One(LogName),
    /// A real log wusim writes nothing to (Setup, Application).
    Empty,
    All,
}

fn select(log: Option<&str>) -> Result<Selection, String> {
    let Some(log) = log else {
        return Ok(Selection::All);
    };
    let lower = log.to_ascii_lowercase();
    let one = [LogName::System, LogName::WindowsUpdateOperational]
        .into_iter()
        .find(|l| l.name().eq_ignore_ascii_case(&lower));
    match (one, lower.as_str()) {
        (Some(l), _) => Ok(Selection::One(l)),
        (None, "setup" | "application") => Ok(Selection::Empty),
        _ => Err(log.to_string()),
    }
}

/// `Get-WinEvent [-LogName] <log> [-MaxEvents N]`: newest first, grouped by provider.
pub(crate) fn get_winevent(
    pc: &Pc,
    cmdlet: &Cmdlet,
    bound: &Bound,
    facts: &mut Vec<Fact>,
) -> Reply {
    let max = match bound
        .value("MaxEvents")
        .map(|m| (m, m.trim().parse::<i64>()))
    {
        None => usize::MAX,
        Some((_, Ok(n))) if n >= 1 => usize::try_from(n).unwrap_or(usize::MAX),
        Some((typed, Ok(_))) => {
            return ps_error(
                cmdlet,
                format!(
                    "Cannot validate argument on parameter 'MaxEvents'. The {typed} argument is less than the minimum allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the command again."
                ),
                "InvalidData: (:) [Get-WinEvent], ParameterBindingValidationException".to_string(),
                "ParameterArgumentValidationError",
            );
        }
        Some((typed, Err(_))) => {
            return ps_error(
                cmdlet,
                format!(
                    "Cannot bind parameter 'MaxEvents'. Cannot convert value \"{typed}\" to type \"System.Int64\". Error: \"Input string was not in a correct format.\""
                ),
                "InvalidArgument: (:) [Get-WinEvent], ParameterBindingException".to_string(),
                "CannotConvertArgumentNoMessage",
            );
        }
    };
    let records: Vec<&EventRecord> = match select(bound.list("LogName").first().map(String::as_str))
    {
        Ok(Selection::One(log)) => pc.log().of(log).rev().take(max).collect(),
        Ok(Selection::All) => pc.log().records().iter().rev().take(max).collect(),
        Ok(Selection::Empty) => Vec::new(),
        Err(log) => {
            return ps_error(
                cmdlet,
                format!(
                    "There is not an event log on the localhost computer that matches \"{log}\"."
                ),
                format!("ObjectNotFound: ({log}:String) [Get-WinEvent], Exception"),
                "NoMatchingLogsFound",
            );
        }
    };
    if records.is_empty() {
        return ps_error(
            cmdlet,
            "No events were found that match the specified selection criteria.".to_string(),
            "ObjectNotFound: (:) [Get-WinEvent], Exception".to_string(),
            "NoMatchingEventsFound",
        );
    }
    for r in &records {
        saw(facts, Fact::Event(u32::from(r.entry.id())));
    }
    let rows: Vec<EventRow> = records
        .into_iter()
        .map(|r| EventRow {
            provider: r.entry.provider().name(),
            time: pc.date_time(r.time).windows(),
            id: r.entry.id(),
            level: r.entry.level().name(),
            message: pc.message(r),
        })
        .collect();
    Reply::ok(render::event_table(&rows))
}

/// The services whose SCM records belong in the Windows Update log.
const UPDATE_SERVICES: [ServiceId; 7] = [
    ServiceId::WUAUSERV,
    ServiceId::USOSVC,
    ServiceId::BITS,
    ServiceId::CRYPTSVC,
    ServiceId::TRUSTED_INSTALLER,
    ServiceId::WAAS_MEDIC,
    ServiceId::DOSVC,
];

/// The WindowsUpdate.log component a record belongs to, if it belongs in the log at all.
fn component(record: &EventRecord) -> Option<&'static str> {
    let entry = &record.entry;
    if entry.provider() == Provider::ServiceControlManager {
        return entry
            .service()
            .filter(|s| UPDATE_SERVICES.contains(s))
            .map(|_| "SCM");
    }
    Some(match entry.id() {
        25 | 26 => "Agent",
        31 | 41 | 44 => "DownloadManager",
        _ => "Handler",
    })
}

/// `Get-WindowsUpdateLog [-LogPath path]`.
pub(crate) fn get_windows_update_log(pc: &Pc, bound: &Bound, facts: &mut Vec<Fact>) -> Reply {
    let target = bound.value("LogPath").unwrap_or(DESKTOP_LOG);
    let start = pc.start();
    let now = pc.clock();
    let mut out = String::new();
    let _ = write!(
        out,
        "Converting C:\\Windows\\logs\\WindowsUpdate into {target}\n\n\n\n\n    Directory: {TEMP}\n\n\n"
    );
    out.push_str("Mode                LastWriteTime         Length Name\n");
    out.push_str("----                -------------         ------ ----\n");
    let when = format!("{:>10}  {:>8}", now.windows_date(), now.clock());
    let _ = writeln!(out, "d-----{when:>27}                SymCache");
    let _ = write!(
        out,
        "\nInput\n----------------\nFile(s):\n     C:\\Windows\\logs\\WindowsUpdate\\WindowsUpdate.{:04}{:02}{:02}.{:02}{:02}{:02}.000.1.etl\n\n0.00%100.00%\n\nOutput\n----------------\nDumpFile:           {TEMP}\\wuetl.CSV.tmp.0\n\nThe command completed successfully.\n\nWindowsUpdate.log written to {target}\n\n",
        start.year, start.month, start.day, start.hour, start.minute, start.second
    );
    out.push_str(
        "(wusim: as a teaching aid, here is what the new WindowsUpdate.log says; wusim builds it from this PC's Windows Update and Service Control Manager records.)\n",
    );
    let mut lines = 0;
    for record in pc.log().records() {
        let Some(component) = component(record) else {
            continue;
        };
        let t = pc.date_time(record.time);
        let ms = record.time.as_millis() % 1_000;
        let full = pc.message(record);
        let message = full.lines().map(str::trim).collect::<Vec<_>>().join(" ");
        // The log's line is the event's record, without its ID.
        saw(facts, Fact::Event(u32::from(record.entry.id())));
        let _ = writeln!(
            out,
            "{:04}/{:02}/{:02} {:02}:{:02}:{:02}.{ms:03}0000 1234  5678  {component:<15} {}",
            t.year,
            t.month,
            t.day,
            t.hour,
            t.minute,
            t.second,
            message.trim()
        );
        lines += 1;
    }
    if lines == 0 {
        out.push_str("(wusim: the log is empty: nothing has happened on this PC yet.)\n");
    }
    Reply::ok(out)
}

/// Where `Get-WindowsUpdateLog` writes by default (the user is fictional).
const DESKTOP_LOG: &str = "C:\\Users\\Admin\\Desktop\\WindowsUpdate.log";
/// Its working folder.
const TEMP: &str = "C:\\Users\\Admin\\AppData\\Local\\Temp\\WindowsUpdateLog";
