//! .NET members a script calls: methods on strings, arrays, dates and services
//! (`.ToUpper()`, `.Contains()`, `$svc.Stop()`, `$svc.Refresh()`...), casts (`[int]"5"`),
//! and a few static members (`[datetime]::Now`, `[Environment]::MachineName`).
//! Anything else answers with PowerShell's "Method invocation failed" or "Unable to find
//! type" error.

use super::cmdlets::services::service_object;
use super::errors::ErrorRecord;
use super::eval::{Flow, Interp, R};
use super::parser::Expr;
use super::value::{Obj, Value, props};
use crate::shell::names;
use crate::shell::tools::{NET_LIMIT, wait_while_pending};

fn invocation_failed(message: String, id: &str) -> Flow {
    Flow::Throw(Box::new(ErrorRecord {
        message,
        category: "InvalidOperation: (:) [], RuntimeException".to_string(),
        id: id.to_string(),
        statement_only: true,
        ..ErrorRecord::default()
    }))
}

/// Calls `target.name(args)`; `base` is the expression it came from (for `Refresh`).
pub(crate) fn call(
    interp: &mut Interp<'_, '_>,
    base: &Expr,
    target: Value,
    name: &str,
    args: &[Value],
) -> R<Value> {
    let lower = name.to_ascii_lowercase();
    let arg = |i: usize| args.get(i).map(Value::to_text).unwrap_or_default();
    match (&target, lower.as_str()) {
        (Value::Null, _) => {
            return Err(invocation_failed(
                "You cannot call a method on a null-valued expression.".to_string(),
                "InvokeMethodOnNull",
            ));
        }
        (_, "tostring") if args.is_empty() => return Ok(Value::Str(target.to_text())),
        (_, "gettype") => {
            let full = target.type_name();
            let short = full.rsplit('.').next().unwrap_or_default().to_string();
            return Ok(Value::object(Obj {
                text: Some(full.clone()),
                ..Obj::new(
                    "System.RuntimeType",
                    props([("Name", Value::str(short)), ("FullName", Value::str(full))]),
                )
            }));
        }
        (_, "equals") => {
            return Ok(Value::Bool(super::value::equals(
                &target,
                args.first().unwrap_or(&Value::Null),
            )));
        }
        (Value::Str(s), _) => {
            let v = match lower.as_str() {
                "toupper" => Value::str(s.to_uppercase()),
                "tolower" => Value::str(s.to_lowercase()),
                "trim" => Value::str(if args.is_empty() {
                    s.trim().to_string()
                } else {
                    s.trim_matches(|c| arg(0).contains(c)).to_string()
                }),
                "trimend" => Value::str(if args.is_empty() {
                    s.trim_end().to_string()
                } else {
                    s.trim_end_matches(|c| arg(0).contains(c)).to_string()
                }),
                "trimstart" => Value::str(if args.is_empty() {
                    s.trim_start().to_string()
                } else {
                    s.trim_start_matches(|c| arg(0).contains(c)).to_string()
                }),
                "contains" => Value::Bool(s.contains(&arg(0))),
                "startswith" => Value::Bool(s.starts_with(&arg(0))),
                "endswith" => Value::Bool(s.ends_with(&arg(0))),
                "replace" => Value::str(s.replace(&arg(0), &arg(1))),
                "split" => Value::Array(s.split(|c| arg(0).contains(c)).map(Value::str).collect()),
                "indexof" => Value::Int(
                    s.find(&arg(0))
                        .map_or(-1, |i| s[..i].chars().count() as i64),
                ),
                "substring" => {
                    let start = args
                        .first()
                        .and_then(Value::as_int)
                        .and_then(|i| usize::try_from(i).ok())
                        .unwrap_or(0);
                    let chars: Vec<char> = s.chars().collect();
                    if start > chars.len() {
                        return Err(invocation_failed(
                            "Exception calling \"Substring\" with \"1\" argument(s): \"startIndex cannot be larger than length of string.\"".to_string(),
                            "ArgumentOutOfRangeException",
                        ));
                    }
                    let len = args
                        .get(1)
                        .and_then(Value::as_int)
                        .and_then(|i| usize::try_from(i).ok())
                        .unwrap_or(chars.len() - start);
                    Value::str(
                        chars[start..(start + len).min(chars.len())]
                            .iter()
                            .collect::<String>(),
                    )
                }
                "padleft" => Value::str(format!(
                    "{s:>w$}",
                    w = args
                        .first()
                        .and_then(Value::as_int)
                        .and_then(|i| usize::try_from(i).ok())
                        .unwrap_or(0)
                        .min(1000)
                )),
                "padright" => Value::str(format!(
                    "{s:<w$}",
                    w = args
                        .first()
                        .and_then(Value::as_int)
                        .and_then(|i| usize::try_from(i).ok())
                        .unwrap_or(0)
                        .min(1000)
                )),
                _ => return Err(no_method(&target, name)),
            };
            return Ok(v);
        }
        (Value::Array(items), "contains") => {
            return Ok(Value::Bool(items.iter().any(|i| {
                super::value::equals(i, args.first().unwrap_or(&Value::Null))
            })));
        }
        (Value::Hash(pairs), "containskey") => {
            let key = arg(0);
            return Ok(Value::Bool(
                pairs.iter().any(|(k, _)| k.eq_ignore_ascii_case(&key)),
            ));
        }
        (Value::Object(o), _) if o.type_name == "System.DateTime" => {
            let unit = match lower.as_str() {
                "adddays" => 86_400.0,
                "addhours" => 3_600.0,
                "addminutes" => 60.0,
                "addseconds" => 1.0,
                "tostring" => {
                    return Ok(Value::str(target.to_text()));
                }
                _ => return Err(no_method(&target, name)),
            };
            let seconds = o.get("Ticks").and_then(Value::as_number).unwrap_or(0.0)
                + unit * args.first().and_then(Value::as_number).unwrap_or(0.0);
            return Ok(super::cmdlets::system::date_value(interp, seconds as i64));
        }
        (Value::Object(o), _) if o.type_name == "System.ServiceProcess.ServiceController" => {
            let Some(id) = o.get("Name").and_then(|n| names::by_any_name(&n.to_text())) else {
                return Err(no_method(&target, name));
            };
            match lower.as_str() {
                "refresh" => {
                    if let Expr::Var(var) = base {
                        let fresh = service_object(interp.ctx.pc, id);
                        interp.set_var(var, fresh);
                    }
                    return Ok(Value::Null);
                }
                "start" | "stop" => {
                    let result = if lower == "start" {
                        interp.ctx.pc.start_service(id)
                    } else {
                        interp.ctx.pc.stop_service(id, false)
                    };
                    interp.ctx.changed = true;
                    if let Err(e) = result {
                        let verb = if lower == "start" {
                            "start service"
                        } else {
                            "stop"
                        };
                        let what = if lower == "start" {
                            format!("Cannot {verb} {} on computer '.'.", id.name())
                        } else {
                            format!("Cannot {verb} {} service on computer '.'.", id.name())
                        };
                        let _ = e;
                        return Err(Flow::Throw(Box::new(ErrorRecord {
                            message: format!(
                                "Exception calling \"{name}\" with \"0\" argument(s): \"{what}\""
                            ),
                            category: "NotSpecified: (:) [], MethodInvocationException".to_string(),
                            id: "InvalidOperationException".to_string(),
                            statement_only: true,
                            ..ErrorRecord::default()
                        })));
                    }
                    return Ok(Value::Null);
                }
                "waitforstatus" => {
                    wait_while_pending(interp.ctx.pc, id, NET_LIMIT);
                    return Ok(Value::Null);
                }
                _ => return Err(no_method(&target, name)),
            }
        }
        _ => {}
    }
    Err(no_method(&target, name))
}

fn no_method(target: &Value, name: &str) -> Flow {
    invocation_failed(
        format!(
            "Method invocation failed because [{}] does not contain a method named '{name}'.",
            target.type_name()
        ),
        "MethodNotFound",
    )
}

fn unknown_type(type_name: &str) -> Flow {
    Flow::Throw(Box::new(ErrorRecord {
        message: format!("Unable to find type [{type_name}]."),
        category: format!("InvalidOperation: ({type_name}:TypeName) [], RuntimeException"),
        id: "TypeNotFound".to_string(),
        statement_only: true,
        ..ErrorRecord::default()
    }))
}

/// `[type]value`.
pub(crate) fn cast(interp: &mut Interp<'_, '_>, type_name: &str, v: Value) -> R<Value> {
    let t = type_name.trim_start_matches("system.");
    Ok(match t {
        "int" | "int32" | "int64" | "long" | "uint32" | "byte" => match v.as_int() {
            Some(n) => Value::Int(n),
            None => {
                return Err(Flow::Throw(Box::new(ErrorRecord {
                    message: format!(
                        "Cannot convert value \"{}\" to type \"System.Int32\". Error: \"Input string was not in a correct format.\"",
                        v.to_text()
                    ),
                    category: "InvalidArgument: (:) [], RuntimeException".to_string(),
                    id: "InvalidCastFromStringToInteger".to_string(),
                    statement_only: true,
                    ..ErrorRecord::default()
                })));
            }
        },
        "double" | "decimal" | "float" => Value::Float(v.as_number().unwrap_or(0.0)),
        "string" => Value::Str(v.to_text()),
        "bool" | "boolean" | "switch" => Value::Bool(v.truthy()),
        "array" | "object[]" | "string[]" => Value::Array(v.into_items()),
        "object" | "psobject" => v,
        "pscustomobject" => match v {
            Value::Hash(pairs) => Value::object(Obj::new(
                "System.Management.Automation.PSCustomObject",
                pairs,
            )),
            other => other,
        },
        "hashtable" | "ordered" => v,
        "datetime" => v,
        "void" => Value::Null,
        _ => {
            let _ = interp;
            return Err(unknown_type(type_name));
        }
    })
}

/// `[type]::Member` and `[type]::Method(args)`.
pub(crate) fn static_member(
    interp: &mut Interp<'_, '_>,
    type_name: &str,
    member: &str,
    args: Option<&[Expr]>,
) -> R<Value> {
    let t = type_name.to_ascii_lowercase();
    let t = t.trim_start_matches("system.");
    let m = member.to_ascii_lowercase();
    let mut values = Vec::new();
    for a in args.unwrap_or_default() {
        values.push(interp.eval(a)?);
    }
    match (t, m.as_str()) {
        ("datetime", "now") => Ok(super::cmdlets::system::now_value(interp)),
        ("environment", "machinename") => Ok(Value::str(interp.ctx.pc.device().name.as_str())),
        ("environment", "username") => Ok(Value::str(crate::world::default_fs::USER)),
        ("environment", "newline") => Ok(Value::str("\r\n")),
        ("math", "round") => Ok(match values.first().and_then(Value::as_number) {
            Some(x) => {
                let digits = values
                    .get(1)
                    .and_then(Value::as_int)
                    .unwrap_or(0)
                    .clamp(0, 10);
                let factor = 10f64.powi(i32::try_from(digits).unwrap_or(0));
                let r = (x * factor).round() / factor;
                if digits == 0 {
                    Value::Int(r as i64)
                } else {
                    Value::Float(r)
                }
            }
            None => Value::Null,
        }),
        ("string", "isnullorempty") => Ok(Value::Bool(
            values.first().is_none_or(|v| v.to_text().is_empty()),
        )),
        ("string", "isnullorwhitespace") => Ok(Value::Bool(
            values.first().is_none_or(|v| v.to_text().trim().is_empty()),
        )),
        ("io.path", "combine") => Ok(Value::str(
            values
                .iter()
                .map(Value::to_text)
                .collect::<Vec<_>>()
                .join("\\"),
        )),
        _ => match t {
            "datetime" | "environment" | "math" | "string" | "io.path" | "int" | "console" => {
                Err(invocation_failed(
                    format!(
                        "Method invocation failed because [{type_name}] does not contain a method named '{member}'."
                    ),
                    "MethodNotFound",
                ))
            }
            _ => Err(unknown_type(type_name)),
        },
    }
}
