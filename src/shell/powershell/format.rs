//! How PowerShell lays out what a statement outputs (the implicit `Out-Default`):
//! strings and numbers one per line; objects of one type together, as a table (a blank
//! line, the headers, dashes under each, the rows, a blank line) or, with more than four
//! properties to show, as a list (`Name : value`, names padded to the longest).
//!
//! Some types have their own view, as in PowerShell's format files: services (the
//! `Status Name DisplayName` table), files and folders (the `Directory:` blocks of
//! `Get-ChildItem`), dates, hashtables (`Name Value`), volumes, drives, adapters and CIM
//! classes (their default columns). `Format-Table` and `Format-List` use the same code.

use super::value::{Obj, Value, float_text};
use crate::shell::render::{self, ServiceRow, truncate};

/// The type of text that prints as it is (the output of `Format-Table`, of the older
/// cmdlets, of native programs kept whole).
pub(crate) const TEXT_TYPE: &str = "wusim.FormattedText";

/// A value of pre-formatted text.
pub(crate) fn text_value(text: String) -> Value {
    Value::object(Obj {
        text: Some(text),
        ..Obj::new(TEXT_TYPE, Vec::new())
    })
}

/// How a type shows by default.
enum View {
    /// A table with these columns: (header, property).
    Table(&'static [(&'static str, &'static str)]),
    /// A list of these properties.
    List(&'static [&'static str]),
}

fn default_view(type_name: &str) -> Option<View> {
    Some(match type_name {
        "Microsoft.Management.Infrastructure.CimInstance#ROOT/Microsoft/Windows/Storage/MSFT_Volume" => {
            View::Table(&[
                ("DriveLetter", "DriveLetter"),
                ("FriendlyName", "FileSystemLabel"),
                ("FileSystemType", "FileSystemType"),
                ("DriveType", "DriveType"),
                ("HealthStatus", "HealthStatus"),
                ("OperationalStatus", "OperationalStatus"),
                ("SizeRemaining", "SizeRemainingText"),
                ("Size", "SizeText"),
            ])
        }
        "System.Management.Automation.PSDriveInfo" => View::Table(&[
            ("Name", "Name"),
            ("Used (GB)", "UsedGB"),
            ("Free (GB)", "FreeGB"),
            ("Provider", "Provider"),
            ("Root", "Root"),
        ]),
        "Microsoft.Management.Infrastructure.CimInstance#ROOT/StandardCimv2/MSFT_NetAdapter" => {
            View::Table(&[
                ("Name", "Name"),
                ("InterfaceDescription", "InterfaceDescription"),
                ("ifIndex", "ifIndex"),
                ("Status", "Status"),
                ("MacAddress", "MacAddress"),
                ("LinkSpeed", "LinkSpeed"),
            ])
        }
        "Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_OperatingSystem" => {
            View::Table(&[
                ("SystemDirectory", "SystemDirectory"),
                ("Organization", "Organization"),
                ("BuildNumber", "BuildNumber"),
                ("RegisteredUser", "RegisteredUser"),
                ("SerialNumber", "SerialNumber"),
                ("Version", "Version"),
            ])
        }
        "Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_LogicalDisk" => {
            View::Table(&[
                ("DeviceID", "DeviceID"),
                ("DriveType", "DriveType"),
                ("ProviderName", "ProviderName"),
                ("VolumeName", "VolumeName"),
                ("Size", "Size"),
                ("FreeSpace", "FreeSpace"),
                ("PSComputerName", "PSComputerName"),
            ])
        }
        "Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_Service" => {
            View::Table(&[
                ("ProcessId", "ProcessId"),
                ("Name", "Name"),
                ("StartMode", "StartMode"),
                ("State", "State"),
                ("Status", "Status"),
                ("ExitCode", "ExitCode"),
            ])
        }
        "TestNetConnectionResult" => View::List(&[
            "ComputerName",
            "RemoteAddress",
            "RemotePort",
            "InterfaceAlias",
            "SourceAddress",
            "PingSucceeded",
            "PingReplyDetails (RTT)",
            "TcpTestSucceeded",
        ]),
        _ => return None,
    })
}

/// Lays out a statement's output.
pub(crate) fn format_values(values: &[Value]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < values.len() {
        match &values[i] {
            Value::Null => i += 1,
            Value::Object(o) => {
                let mut j = i + 1;
                while j < values.len()
                    && matches!(&values[j], Value::Object(p) if same_view(&p.type_name, &o.type_name))
                {
                    j += 1;
                }
                let group: Vec<&Obj> = values[i..j]
                    .iter()
                    .filter_map(|v| match v {
                        Value::Object(o) => Some(o.as_ref()),
                        _ => None,
                    })
                    .collect();
                out.push_str(&format_objects(&group));
                i = j;
            }
            Value::Hash(_) => {
                let mut j = i;
                let mut rows = Vec::new();
                while let Some(Value::Hash(pairs)) = values.get(j) {
                    rows.extend(pairs.iter().cloned());
                    j += 1;
                }
                out.push_str(&hash_table(&rows));
                i = j;
            }
            Value::Array(items) => {
                out.push_str(&format_values(items));
                i += 1;
            }
            other => {
                out.push_str(&other.to_text());
                out.push('\n');
                i += 1;
            }
        }
    }
    out
}

/// True when objects of the two types are laid out together (files and folders share the
/// `Directory:` blocks).
fn same_view(a: &str, b: &str) -> bool {
    let files = |t: &str| t == "System.IO.FileInfo" || t == "System.IO.DirectoryInfo";
    a == b || files(a) && files(b)
}

/// The text of a cell: arrays as `{a, b}`.
pub(crate) fn cell(v: &Value) -> String {
    match v {
        Value::Array(items) => {
            let inner: Vec<String> = items.iter().map(cell).collect();
            format!("{{{}}}", inner.join(", "))
        }
        Value::Float(f) => float_text(*f),
        Value::Hash(_) => "{...}".to_string(),
        other => other.to_text(),
    }
}

fn format_objects(group: &[&Obj]) -> String {
    let Some(first) = group.first() else {
        return String::new();
    };
    match first.type_name.as_str() {
        TEXT_TYPE => group.iter().filter_map(|o| o.text.clone()).collect(),
        "System.ServiceProcess.ServiceController" => {
            let rows: Vec<ServiceRow> = group
                .iter()
                .filter_map(|o| {
                    let id = crate::shell::names::by_service_name(&o.get("Name")?.to_text())?;
                    Some(ServiceRow {
                        status: status_str(&o.get("Status")?.to_text()),
                        name: o.get("Name")?.to_text(),
                        display_name: id.display_name(),
                    })
                })
                .collect();
            // One blank line after the table, as at a PowerShell prompt.
            let mut table = render::service_table(&rows);
            if table.ends_with("\n\n\n") {
                table.pop();
            }
            table
        }
        "System.Management.Automation.ErrorRecord" => group
            .iter()
            .map(|o| o.get("Rendered").map(Value::to_text).unwrap_or_default())
            .collect(),
        "System.DateTime" => group
            .iter()
            .map(|o| format!("\n{}\n\n", o.text.clone().unwrap_or_default()))
            .collect(),
        "System.IO.DirectoryInfo" | "System.IO.FileInfo" => child_items(group),
        "Microsoft.Win32.RegistryKey" => super::cmdlets::registry::key_blocks(group),
        t => match default_view(t) {
            Some(View::Table(cols)) => {
                let headers: Vec<String> = cols.iter().map(|(h, _)| h.to_string()).collect();
                let props: Vec<&str> = cols.iter().map(|(_, p)| *p).collect();
                table(&headers, &props, group)
            }
            Some(View::List(names)) => {
                let names: Vec<String> = names
                    .iter()
                    .filter(|n| group.iter().any(|o| o.get(n).is_some()))
                    .map(|n| n.to_string())
                    .collect();
                list(&names, group)
            }
            None => {
                let names: Vec<String> = first.props.iter().map(|(n, _)| n.clone()).collect();
                if names.len() <= 4 {
                    table(
                        &names,
                        &names.iter().map(String::as_str).collect::<Vec<_>>(),
                        group,
                    )
                } else {
                    list(&names, group)
                }
            }
        },
    }
}

/// `Running` and friends as a `&'static str` for the service table.
fn status_str(status: &str) -> &'static str {
    match status {
        "Running" => "Running",
        "StartPending" => "StartPending",
        "StopPending" => "StopPending",
        _ => "Stopped",
    }
}

/// The widest a column may get before its cells are cut with `...`.
const MAX_CELL: usize = 60;

/// A table: headers, dashes, rows; numbers right-aligned.
pub(crate) fn table(headers: &[String], props: &[&str], group: &[&Obj]) -> String {
    if headers.is_empty() {
        return String::new();
    }
    let rows: Vec<Vec<(String, bool)>> = group
        .iter()
        .map(|o| {
            props
                .iter()
                .map(|p| {
                    let v = o.get(p).cloned().unwrap_or(Value::Null);
                    let numeric = matches!(v, Value::Int(_) | Value::Float(_));
                    (truncate(&cell(&v), MAX_CELL), numeric)
                })
                .collect()
        })
        .collect();
    let widths: Vec<usize> = headers
        .iter()
        .enumerate()
        .map(|(c, h)| {
            rows.iter()
                .map(|r| r[c].0.chars().count())
                .chain(std::iter::once(h.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let numeric: Vec<bool> = (0..headers.len())
        .map(|c| {
            !rows.is_empty()
                && rows.iter().all(|r| r[c].1 || r[c].0.is_empty())
                && rows.iter().any(|r| r[c].1)
        })
        .collect();
    let line = |cells: Vec<String>| -> String {
        let mut s = String::new();
        for (c, text) in cells.iter().enumerate() {
            if c > 0 {
                s.push(' ');
            }
            if numeric[c] {
                s.push_str(&format!("{text:>w$}", w = widths[c]));
            } else {
                s.push_str(&format!("{text:<w$}", w = widths[c]));
            }
        }
        s.trim_end().to_string()
    };
    let mut out = String::from("\n");
    out.push_str(&line(headers.to_vec()));
    out.push('\n');
    out.push_str(&line(
        headers
            .iter()
            .map(|h| "-".repeat(h.chars().count()))
            .collect(),
    ));
    out.push('\n');
    for r in rows {
        out.push_str(&line(r.into_iter().map(|(t, _)| t).collect()));
        out.push('\n');
    }
    out.push('\n');
    out
}

/// A list: `Name : value` per property, one block per object.
pub(crate) fn list(names: &[String], group: &[&Obj]) -> String {
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let mut out = String::from("\n");
    for o in group {
        for n in names {
            let v = o.get(n).map(cell).unwrap_or_default();
            let line = format!("{n:<width$} : {v}");
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// A hashtable: `Name` (30 wide) and `Value`.
fn hash_table(pairs: &[(String, Value)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "\nName                           Value\n----                           -----\n",
    );
    for (k, v) in pairs {
        out.push_str(format!("{:<30} {}", truncate(k, 30), cell(v)).trim_end());
        out.push('\n');
    }
    out.push('\n');
    out
}

/// `Get-ChildItem`'s blocks: one per folder.
fn child_items(group: &[&Obj]) -> String {
    let mut out = String::new();
    let mut current: Option<String> = None;
    for o in group {
        let parent = o
            .get("PSParentPath")
            .map(Value::to_text)
            .unwrap_or_default();
        if current.as_deref() != Some(parent.as_str()) {
            if current.is_some() {
                out.push('\n');
            }
            out.push_str(&format!(
                "\n\n    Directory: {parent}\n\n\nMode                LastWriteTime         Length Name\n----                -------------         ------ ----\n"
            ));
            current = Some(parent);
        }
        let text = |n: &str| o.get(n).map(Value::to_text).unwrap_or_default();
        let length = if o.type_name == "System.IO.FileInfo" {
            text("Length")
        } else {
            String::new()
        };
        out.push_str(&format!(
            "{:<6}{:>17}{:>10}{:>15} {}\n",
            text("Mode"),
            text("Date"),
            text("Time"),
            length,
            text("Name")
        ));
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::powershell::value::props;

    #[test]
    fn small_objects_are_tables_and_large_ones_lists() {
        let small = Value::object(Obj::new(
            "X",
            props([("Name", Value::str("wuauserv")), ("Count", Value::Int(12))]),
        ));
        assert_eq!(
            format_values(&[small]),
            "\nName     Count\n----     -----\nwuauserv    12\n\n"
        );
        let large = Value::object(Obj::new(
            "Y",
            props([
                ("A", Value::Int(1)),
                ("Bb", Value::str("x")),
                ("C", Value::Bool(true)),
                ("D", Value::Array(vec![Value::str("a"), Value::str("b")])),
                ("E", Value::Null),
            ]),
        ));
        assert_eq!(
            format_values(&[large]),
            "\nA  : 1\nBb : x\nC  : True\nD  : {a, b}\nE  :\n\n"
        );
    }

    #[test]
    fn scalars_print_one_per_line_and_hashtables_as_name_value() {
        assert_eq!(
            format_values(&[
                Value::str("a"),
                Value::Int(2),
                Value::Null,
                Value::Bool(false)
            ]),
            "a\n2\nFalse\n"
        );
        let h = Value::Hash(vec![("Key".into(), Value::Int(1))]);
        assert!(format_values(&[h]).starts_with("\nName                           Value\n----                           -----\nKey                            1\n"));
    }
}
