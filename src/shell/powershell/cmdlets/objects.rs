//! The pipeline's own cmdlets, which work on any objects: `Where-Object`, `ForEach-Object`,
//! `Select-Object`, `Sort-Object`, `Measure-Object`, `Get-Member`, `Select-String`, the
//! `Format-*` and `Out-*` cmdlets, and the `Write-*` ones.

use super::{Spec, rest, s, spec, typed, v};
use crate::shell::powershell::eval::{Flow, Interp, R};
use crate::shell::powershell::format::{self, text_value};
use crate::shell::powershell::invoke::Call;
use crate::shell::powershell::value::{self, Obj, Value, props};

/// The cmdlets of this family.
pub(crate) const SPECS: &[Spec] = &[
    spec(
        "Where-Object",
        &[
            v("Property", Some(0)),
            v("Value", Some(1)),
            v("FilterScript", None),
            s("EQ"),
            s("NE"),
            s("GT"),
            s("GE"),
            s("LT"),
            s("LE"),
            s("Like"),
            s("NotLike"),
            s("Match"),
            s("NotMatch"),
            s("Contains"),
            s("NotContains"),
            s("In"),
            s("NotIn"),
            v("InputObject", None),
        ],
        where_object,
        false,
    ),
    spec(
        "ForEach-Object",
        &[
            v("Process", Some(0)),
            v("Begin", None),
            v("End", None),
            v("MemberName", None),
            v("InputObject", None),
        ],
        foreach_object,
        false,
    ),
    spec(
        "Select-Object",
        &[
            v("Property", Some(0)),
            typed("First", "System.Int32", None),
            typed("Last", "System.Int32", None),
            typed("Skip", "System.Int32", None),
            v("ExpandProperty", None),
            s("Unique"),
            v("InputObject", None),
        ],
        select_object,
        false,
    ),
    spec(
        "Sort-Object",
        &[
            v("Property", Some(0)),
            s("Descending"),
            s("Unique"),
            v("InputObject", None),
        ],
        sort_object,
        false,
    ),
    spec(
        "Measure-Object",
        &[
            v("Property", Some(0)),
            s("Sum"),
            s("Average"),
            s("Maximum"),
            s("Minimum"),
            s("Line"),
            v("InputObject", None),
        ],
        measure_object,
        false,
    ),
    spec(
        "Get-Member",
        &[
            v("Name", Some(0)),
            v("InputObject", None),
            v("MemberType", None),
        ],
        get_member,
        false,
    ),
    spec(
        "Select-String",
        &[
            v("Pattern", Some(0)),
            v("Path", Some(1)),
            s("SimpleMatch"),
            s("CaseSensitive"),
            s("NotMatch"),
            v("InputObject", None),
        ],
        select_string,
        false,
    ),
    spec(
        "Format-List",
        &[v("Property", Some(0)), s("Force"), v("InputObject", None)],
        format_list,
        false,
    ),
    spec(
        "Format-Table",
        &[
            v("Property", Some(0)),
            s("AutoSize"),
            s("Wrap"),
            s("HideTableHeaders"),
            v("InputObject", None),
        ],
        format_table,
        false,
    ),
    spec("Out-Null", &[v("InputObject", None)], out_null, false),
    spec(
        "Out-String",
        &[
            s("Stream"),
            typed("Width", "System.Int32", None),
            v("InputObject", None),
        ],
        out_string,
        false,
    ),
    spec(
        "Out-Host",
        &[s("Paging"), v("InputObject", None)],
        out_host,
        false,
    ),
    spec("Out-Default", &[v("InputObject", None)], out_host, false),
    spec(
        "Write-Host",
        &[
            rest("Object", 0),
            s("NoNewline"),
            v("ForegroundColor", None),
            v("BackgroundColor", None),
            v("Separator", None),
        ],
        write_host,
        false,
    ),
    spec(
        "Write-Output",
        &[rest("InputObject", 0), s("NoEnumerate")],
        write_output,
        false,
    ),
    spec("Write-Warning", &[rest("Message", 0)], write_warning, false),
    spec("Write-Verbose", &[rest("Message", 0)], write_quiet, false),
    spec("Write-Debug", &[rest("Message", 0)], write_quiet, false),
    spec(
        "Write-Information",
        &[rest("MessageData", 0)],
        write_quiet,
        false,
    ),
    spec(
        "Write-Progress",
        &[
            v("Activity", Some(0)),
            v("Status", Some(1)),
            typed("PercentComplete", "System.Int32", None),
            s("Completed"),
            typed("Id", "System.Int32", None),
            v("CurrentOperation", None),
        ],
        write_quiet,
        false,
    ),
    spec(
        "Write-Error",
        &[
            rest("Message", 0),
            v("Category", None),
            v("ErrorId", None),
            v("TargetObject", None),
            v("Exception", None),
        ],
        write_error,
        false,
    ),
    spec("Clear-Host", &[], clear_host, false),
];

/// The objects a cmdlet works on: its pipeline input, else `-InputObject`.
pub(crate) fn input_items(call: &Call) -> Vec<Value> {
    match (&call.input, call.value("InputObject")) {
        (Some(input), _) => input.clone(),
        (None, Some(v)) => v.clone().into_items(),
        (None, None) => Vec::new(),
    }
}

fn where_object(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let items = input_items(call);
    let script = match (call.value("FilterScript"), call.value("Property")) {
        (Some(Value::Block(b)), _) | (None, Some(Value::Block(b))) => Some(b.clone()),
        _ => None,
    };
    let mut out = Vec::new();
    if let Some(block) = script {
        for item in items {
            interp.tick()?;
            let result = interp.run_with_item(&block, &item)?;
            if Value::from_items(result).truthy() {
                out.push(item);
            }
        }
        return Ok(out);
    }
    let Some(property) = call.text("Property") else {
        return Ok(items);
    };
    let ops = [
        ("EQ", "eq"),
        ("NE", "ne"),
        ("GT", "gt"),
        ("GE", "ge"),
        ("LT", "lt"),
        ("LE", "le"),
        ("Like", "like"),
        ("NotLike", "notlike"),
        ("Match", "match"),
        ("NotMatch", "notmatch"),
        ("Contains", "contains"),
        ("NotContains", "notcontains"),
        ("In", "in"),
        ("NotIn", "notin"),
    ];
    let op = ops.iter().find(|(p, _)| call.switch(p)).map(|(_, o)| *o);
    let expected = call.value("Value").cloned().unwrap_or(Value::Bool(true));
    for item in items {
        interp.tick()?;
        let actual = item.property(&property);
        let keep = match op {
            Some(op) => crate::shell::powershell::eval::compare_op(op, &actual, &expected).truthy(),
            None => actual.truthy(),
        };
        if keep {
            out.push(item);
        }
    }
    Ok(out)
}

fn foreach_object(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let items = input_items(call);
    let mut out = Vec::new();
    if let Some(Value::Block(b)) = call.value("Begin") {
        out.extend(interp.run_with_item(b, &Value::Null)?);
    }
    match call.value("Process").or(call.value("MemberName")) {
        Some(Value::Block(block)) => {
            let block = block.clone();
            for item in items {
                interp.tick()?;
                match interp.run_with_item(&block, &item) {
                    Ok(v) => out.extend(v),
                    Err(Flow::Continue) => {}
                    Err(Flow::Break) => break,
                    Err(other) => return Err(other),
                }
            }
        }
        Some(member) => {
            let member = member.to_text();
            for item in items {
                out.extend(item.property(&member).into_items());
            }
        }
        None => {}
    }
    if let Some(Value::Block(b)) = call.value("End") {
        out.extend(interp.run_with_item(b, &Value::Null)?);
    }
    Ok(out)
}

/// The property names a `-Property` value asks for (`Name, Status`), `*` expanded.
fn property_names(spec: &Value, sample: Option<&Value>) -> Vec<String> {
    let mut names = Vec::new();
    for item in spec.clone().into_items() {
        let name = match &item {
            Value::Hash(pairs) => pairs
                .iter()
                .find(|(k, _)| {
                    k.eq_ignore_ascii_case("Name")
                        || k.eq_ignore_ascii_case("n")
                        || k.eq_ignore_ascii_case("Label")
                })
                .map(|(_, v)| v.to_text())
                .unwrap_or_default(),
            other => other.to_text(),
        };
        if name.contains('*') {
            for (n, _) in object_props(sample) {
                if crate::shell::names::wildcard_match(&name, &n) && !names.contains(&n) {
                    names.push(n);
                }
            }
        } else {
            names.push(name);
        }
    }
    names
}

fn object_props(v: Option<&Value>) -> Vec<(String, Value)> {
    match v {
        Some(Value::Object(o)) => o.props.clone(),
        Some(Value::Hash(pairs)) => pairs.clone(),
        Some(Value::Str(s)) => vec![("Length".to_string(), Value::Int(s.chars().count() as i64))],
        _ => Vec::new(),
    }
}

/// One selected property of an item: `Name`, or `@{Name='x'; Expression={...}}`.
fn selected(interp: &mut Interp<'_, '_>, spec: &Value, item: &Value, name: &str) -> R<Value> {
    if let Value::Hash(pairs) = spec
        && let Some((_, expr)) = pairs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("Expression") || k.eq_ignore_ascii_case("e"))
    {
        return Ok(match expr {
            Value::Block(b) => Value::from_items(interp.run_with_item(b, item)?),
            other => item.property(&other.to_text()),
        });
    }
    Ok(item.property(name))
}

fn select_object(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let mut items = input_items(call);
    if call.switch("Unique") {
        let mut unique: Vec<Value> = Vec::new();
        for i in items {
            if !unique.iter().any(|u| value::equals(u, &i)) {
                unique.push(i);
            }
        }
        items = unique;
    }
    if let Some(n) = call.value("Skip").and_then(Value::as_int) {
        items = items
            .into_iter()
            .skip(usize::try_from(n).unwrap_or(0))
            .collect();
    }
    if let Some(n) = call.value("First").and_then(Value::as_int) {
        items.truncate(usize::try_from(n).unwrap_or(0));
    }
    if let Some(n) = call.value("Last").and_then(Value::as_int) {
        let n = usize::try_from(n).unwrap_or(0);
        let skip = items.len().saturating_sub(n);
        items = items.into_iter().skip(skip).collect();
    }
    if let Some(expand) = call.text("ExpandProperty") {
        let mut out = Vec::new();
        for item in &items {
            let v = item.property(&expand);
            if matches!(v, Value::Null)
                && !object_props(Some(item))
                    .iter()
                    .any(|(n, _)| n.eq_ignore_ascii_case(&expand))
            {
                let err = call.error(
                    interp,
                    format!("Property \"{expand}\" cannot be found."),
                    format!(
                        "InvalidArgument: ({}:PSObject) [Select-Object], PSArgumentException",
                        item.to_text()
                    ),
                    "ExpandPropertyNotFound",
                );
                interp.write_error(err)?;
                continue;
            }
            out.extend(v.into_items());
        }
        return Ok(out);
    }
    let Some(spec_value) = call.value("Property").cloned() else {
        return Ok(items);
    };
    let specs = spec_value.clone().into_items();
    let mut out = Vec::new();
    for item in &items {
        interp.tick()?;
        let mut fields = Vec::new();
        for spec in &specs {
            for name in property_names(spec, Some(item)) {
                let v = selected(interp, spec, item, &name)?;
                fields.push((name, v));
            }
        }
        let type_name = match item {
            Value::Object(o) => format!("Selected.{}", o.type_name),
            _ => "Selected.System.Object".to_string(),
        };
        out.push(Value::object(Obj::new(&type_name, fields)));
    }
    Ok(out)
}

fn sort_object(_: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let mut items = input_items(call);
    let props: Vec<String> = call
        .value("Property")
        .map(|p| p.clone().into_items().iter().map(Value::to_text).collect())
        .unwrap_or_default();
    let key = |v: &Value| -> Vec<Value> {
        if props.is_empty() {
            vec![v.clone()]
        } else {
            props.iter().map(|p| v.property(p)).collect()
        }
    };
    items.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        ka.iter()
            .zip(kb.iter())
            .map(|(x, y)| value::compare(x, y))
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    if call.switch("Descending") {
        items.reverse();
    }
    if call.switch("Unique") {
        items.dedup_by(|a, b| value::equals(a, b));
    }
    Ok(items)
}

fn measure_object(_: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let items = input_items(call);
    let property = call.text("Property");
    let numbers: Vec<f64> = items
        .iter()
        .filter_map(|i| match &property {
            Some(p) => i.property(p).as_number(),
            None => i.as_number(),
        })
        .collect();
    let stat = |on: bool, f: &dyn Fn() -> Option<f64>| -> Value {
        if on {
            f().map(|x| {
                if x.fract() == 0.0 && x.abs() < 9e15 {
                    Value::Int(x as i64)
                } else {
                    Value::Float(x)
                }
            })
            .unwrap_or(Value::Null)
        } else {
            Value::Null
        }
    };
    let obj = Obj::new(
        "Microsoft.PowerShell.Commands.GenericMeasureInfo",
        props([
            ("Count", Value::Int(items.len() as i64)),
            (
                "Average",
                stat(call.switch("Average"), &|| {
                    (!numbers.is_empty())
                        .then(|| numbers.iter().sum::<f64>() / numbers.len() as f64)
                }),
            ),
            (
                "Sum",
                stat(call.switch("Sum"), &|| Some(numbers.iter().sum())),
            ),
            (
                "Maximum",
                stat(call.switch("Maximum"), &|| {
                    numbers.iter().copied().reduce(f64::max)
                }),
            ),
            (
                "Minimum",
                stat(call.switch("Minimum"), &|| {
                    numbers.iter().copied().reduce(f64::min)
                }),
            ),
            ("Property", property.map(Value::Str).unwrap_or(Value::Null)),
        ]),
    );
    Ok(vec![Value::object(obj)])
}

fn get_member(_: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let items = input_items(call);
    let mut text = String::new();
    let mut seen: Vec<String> = Vec::new();
    for item in &items {
        let type_name = item.type_name();
        if seen.contains(&type_name) {
            continue;
        }
        seen.push(type_name.clone());
        let rows: Vec<(String, String)> = object_props(Some(item))
            .into_iter()
            .map(|(n, v)| {
                let t = v.type_name();
                let short = t
                    .rsplit('.')
                    .next()
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                (n, format!("{short} {{get;}}"))
            })
            .collect();
        let width = rows.iter().map(|(n, _)| n.len()).max().unwrap_or(4).max(4);
        text.push_str(&format!("\n\n   TypeName: {type_name}\n\n"));
        text.push_str(&format!("{:<width$} MemberType Definition\n", "Name"));
        text.push_str(&format!("{:<width$} ---------- ----------\n", "----"));
        for (n, d) in rows {
            text.push_str(&format!("{n:<width$} Property   {d}\n"));
        }
        text.push('\n');
    }
    Ok(vec![text_value(text)])
}

fn select_string(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let pattern = call.text("Pattern").unwrap_or_default();
    let mut lines: Vec<String> = Vec::new();
    if let Some(path) = call.text("Path") {
        match super::files::read_file(interp, call, &path)? {
            Some(text) => lines.extend(text.lines().map(str::to_string)),
            None => return Ok(Vec::new()),
        }
    } else {
        for item in input_items(call) {
            let text = match &item {
                Value::Object(_) => format::format_values(std::slice::from_ref(&item)),
                other => other.to_text(),
            };
            lines.extend(text.lines().map(str::to_string));
        }
    }
    let simple = call.switch("SimpleMatch");
    let negate = call.switch("NotMatch");
    Ok(lines
        .into_iter()
        .filter(|l| {
            let hit = if simple {
                l.to_lowercase().contains(&pattern.to_lowercase())
            } else {
                crate::shell::powershell::regex::is_match(&pattern, l)
            };
            hit != negate
        })
        .map(Value::Str)
        .collect())
}

fn selected_for_format(call: &Call, items: &[Value]) -> Option<Vec<String>> {
    let spec = call.value("Property")?;
    let mut names = Vec::new();
    for s in spec.clone().into_items() {
        names.extend(property_names(&s, items.first()));
    }
    Some(names)
}

fn objects_of(items: &[Value]) -> Vec<Obj> {
    items
        .iter()
        .map(|i| match i {
            Value::Object(o) => (**o).clone(),
            Value::Hash(pairs) => Obj::new("System.Collections.Hashtable", pairs.clone()),
            other => Obj::new("System.Object", vec![("Value".to_string(), other.clone())]),
        })
        .collect()
}

fn format_list(_: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let items = input_items(call);
    let objs = objects_of(&items);
    let refs: Vec<&Obj> = objs.iter().collect();
    let Some(first) = objs.first() else {
        return Ok(Vec::new());
    };
    let names = selected_for_format(call, &items).unwrap_or_else(|| {
        first
            .props
            .iter()
            .map(|(n, _)| n.clone())
            .filter(|n| n != "Rendered")
            .collect()
    });
    Ok(vec![text_value(format::list(&names, &refs))])
}

fn format_table(_: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let items = input_items(call);
    let objs = objects_of(&items);
    let refs: Vec<&Obj> = objs.iter().collect();
    let Some(first) = objs.first() else {
        return Ok(Vec::new());
    };
    let names = selected_for_format(call, &items).unwrap_or_else(|| {
        if first.type_name == "System.ServiceProcess.ServiceController" {
            vec!["Status".into(), "Name".into(), "DisplayName".into()]
        } else {
            first
                .props
                .iter()
                .map(|(n, _)| n.clone())
                .take(10)
                .collect()
        }
    });
    let props: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut text = format::table(&names, &props, &refs);
    if call.switch("HideTableHeaders") {
        let lines: Vec<&str> = text.lines().collect();
        text = format!(
            "\n{}\n",
            lines.iter().skip(3).copied().collect::<Vec<_>>().join("\n")
        );
    }
    Ok(vec![text_value(text)])
}

fn out_null(_: &mut Interp<'_, '_>, _: &Call) -> R<Vec<Value>> {
    Ok(Vec::new())
}

fn out_string(_: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let text = format::format_values(&input_items(call));
    if call.switch("Stream") {
        return Ok(text.lines().map(Value::str).collect());
    }
    Ok(vec![Value::Str(text)])
}

fn out_host(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let text = format::format_values(&input_items(call));
    interp.out.push_str(&text);
    Ok(Vec::new())
}

fn joined(call: &Call) -> String {
    let sep = call.text("Separator").unwrap_or_else(|| " ".to_string());
    let mut parts: Vec<String> = Vec::new();
    for v in &call.rest {
        match v {
            Value::Array(items) => parts.push(
                items
                    .iter()
                    .map(Value::to_text)
                    .collect::<Vec<_>>()
                    .join(&sep),
            ),
            other => parts.push(other.to_text()),
        }
    }
    parts.join(" ")
}

fn write_host(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let mut text = joined(call);
    if call.rest.is_empty()
        && let Some(input) = &call.input
    {
        text = input
            .iter()
            .map(Value::to_text)
            .collect::<Vec<_>>()
            .join(" ");
    }
    interp.out.push_str(&text);
    if !call.switch("NoNewline") {
        interp.out.push('\n');
    }
    Ok(Vec::new())
}

fn write_output(_: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let mut out = Vec::new();
    if let Some(input) = &call.input {
        out.extend(input.iter().cloned());
    }
    for v in &call.rest {
        out.extend(v.clone().into_items());
    }
    Ok(out)
}

fn write_warning(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let text = joined(call);
    let silent = call
        .text("WarningAction")
        .is_some_and(|w| w.eq_ignore_ascii_case("SilentlyContinue"));
    if !silent {
        interp.out.push_str(&format!("WARNING: {text}\n"));
    }
    Ok(Vec::new())
}

fn write_quiet(_: &mut Interp<'_, '_>, _: &Call) -> R<Vec<Value>> {
    Ok(Vec::new())
}

fn write_error(interp: &mut Interp<'_, '_>, call: &Call) -> R<Vec<Value>> {
    let message = joined(call);
    let mut record = call.error(
        interp,
        message.clone(),
        "NotSpecified: (:) [Write-Error], WriteErrorException".to_string(),
        "",
    );
    record.id = call
        .text("ErrorId")
        .unwrap_or_else(|| "Microsoft.PowerShell.Commands.WriteErrorException".to_string());
    record.source = if interp.script.is_some() {
        interp.script.clone().unwrap_or_default()
    } else {
        call.at.line_text.trim().to_string()
    };
    if interp.script.is_none() {
        record.at = None;
    }
    interp.write_error(record)?;
    Ok(Vec::new())
}

/// `cls`: the practice console keeps its text (as cmd's `cls` does here).
fn clear_host(_: &mut Interp<'_, '_>, _: &Call) -> R<Vec<Value>> {
    Ok(Vec::new())
}
