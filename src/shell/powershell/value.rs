//! PowerShell's values: `$null`, booleans, numbers, strings, arrays, hashtables, script
//! blocks and typed objects (a `ServiceController`, a `FileInfo`, a registry item...), with
//! the conversions and comparisons the language applies to them.
//!
//! A typed object is a type name and its properties in order; which of them show by
//! default is decided in [`super::format`]. Objects are shared (`Arc`), so passing them down
//! a pipeline or into a variable is cheap.

use std::cmp::Ordering;
use std::sync::Arc;

use super::parser::Block;

/// A value.
#[derive(Clone, Debug)]
pub(crate) enum Value {
    /// `$null`.
    Null,
    /// `$true`, `$false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string.
    Str(String),
    /// An array (`@(...)`, `1,2`, a pipeline's output).
    Array(Vec<Value>),
    /// A hashtable (`@{...}`), keys in the order written.
    Hash(Vec<(String, Value)>),
    /// A typed object.
    Object(Arc<Obj>),
    /// A script block (`{ ... }`).
    Block(Arc<Block>),
}

/// A typed object: its .NET type name and its properties in order.
#[derive(Clone, Debug)]
pub(crate) struct Obj {
    /// `System.ServiceProcess.ServiceController`...
    pub(crate) type_name: String,
    /// The properties, in the order `Format-List *` shows them.
    pub(crate) props: Vec<(String, Value)>,
    /// What `"$x"` and `Write-Host $x` print; `None` for the type name.
    pub(crate) text: Option<String>,
}

impl Obj {
    /// A new object.
    pub(crate) fn new(type_name: &str, props: Vec<(String, Value)>) -> Obj {
        Obj {
            type_name: type_name.to_string(),
            props,
            text: None,
        }
    }

    /// A property, ignoring case.
    pub(crate) fn get(&self, name: &str) -> Option<&Value> {
        self.props
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
}

/// Builds a property list from `(name, value)` pairs.
pub(crate) fn props<const N: usize>(pairs: [(&str, Value); N]) -> Vec<(String, Value)> {
    pairs.into_iter().map(|(n, v)| (n.to_string(), v)).collect()
}

impl Value {
    /// A string value.
    pub(crate) fn str(text: impl Into<String>) -> Value {
        Value::Str(text.into())
    }

    /// A typed object.
    pub(crate) fn object(obj: Obj) -> Value {
        Value::Object(Arc::new(obj))
    }

    /// The .NET type name, as error messages give it.
    pub(crate) fn type_name(&self) -> String {
        match self {
            Value::Null => "null".to_string(),
            Value::Bool(_) => "System.Boolean".to_string(),
            Value::Int(_) => "System.Int32".to_string(),
            Value::Float(_) => "System.Double".to_string(),
            Value::Str(_) => "System.String".to_string(),
            Value::Array(_) => "System.Object[]".to_string(),
            Value::Hash(_) => "System.Collections.Hashtable".to_string(),
            Value::Object(o) => o.type_name.clone(),
            Value::Block(_) => "System.Management.Automation.ScriptBlock".to_string(),
        }
    }

    /// The value as PowerShell turns it into text (`"$x"`, `Write-Host`).
    pub(crate) fn to_text(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Bool(true) => "True".to_string(),
            Value::Bool(false) => "False".to_string(),
            Value::Int(n) => n.to_string(),
            Value::Float(f) => float_text(*f),
            Value::Str(s) => s.clone(),
            Value::Array(items) => items
                .iter()
                .map(Value::to_text)
                .collect::<Vec<_>>()
                .join(" "),
            Value::Hash(_) => "System.Collections.Hashtable".to_string(),
            Value::Object(o) => o.text.clone().unwrap_or_else(|| o.type_name.clone()),
            Value::Block(b) => b.text.clone(),
        }
    }

    /// PowerShell's truth: `$null`, `$false`, 0, `""` and an empty array are false.
    pub(crate) fn truthy(&self) -> bool {
        match self {
            Value::Null => false,
            Value::Bool(b) => *b,
            Value::Int(n) => *n != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Array(items) => match items.as_slice() {
                [] => false,
                [one] => one.truthy(),
                _ => true,
            },
            _ => true,
        }
    }

    /// The items a pipeline or `foreach` enumerates: an array's items, nothing for
    /// `$null`, else the value itself.
    pub(crate) fn into_items(self) -> Vec<Value> {
        match self {
            Value::Array(items) => items,
            Value::Null => Vec::new(),
            other => vec![other],
        }
    }

    /// The value of a collected output: nothing is `$null`, one item is itself, more are
    /// an array.
    pub(crate) fn from_items(mut items: Vec<Value>) -> Value {
        match items.len() {
            0 => Value::Null,
            1 => items.pop().unwrap_or(Value::Null),
            _ => Value::Array(items),
        }
    }

    /// A number, if the value is or reads as one.
    pub(crate) fn as_number(&self) -> Option<f64> {
        match self {
            Value::Int(n) => Some(*n as f64),
            Value::Float(f) => Some(*f),
            Value::Bool(b) => Some(f64::from(u8::from(*b))),
            Value::Null => Some(0.0),
            Value::Str(s) => parse_number(s.trim()).and_then(|v| v.as_number()),
            _ => None,
        }
    }

    /// An integer, if the value is or reads as one.
    pub(crate) fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(n) => Some(*n),
            other => {
                let f = other.as_number()?;
                (f.is_finite() && f.abs() < 9.0e18).then(|| f.round() as i64)
            }
        }
    }

    /// A property (`$x.Name`): an object's, a hashtable's key, an array's `Count`, a
    /// string's `Length`; on an array of objects, each item's (member enumeration).
    pub(crate) fn property(&self, name: &str) -> Value {
        let lower = name.to_ascii_lowercase();
        match self {
            Value::Object(o) => o.get(name).cloned().unwrap_or(Value::Null),
            Value::Hash(pairs) => match pairs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)) {
                Some((_, v)) => v.clone(),
                None if lower == "count" => Value::Int(pairs.len() as i64),
                None if lower == "keys" => {
                    Value::Array(pairs.iter().map(|(k, _)| Value::str(k)).collect())
                }
                None => Value::Null,
            },
            Value::Str(s) if lower == "length" => Value::Int(s.chars().count() as i64),
            Value::Array(items) if lower == "count" || lower == "length" => {
                Value::Int(items.len() as i64)
            }
            Value::Array(items) => {
                let values: Vec<Value> = items
                    .iter()
                    .map(|i| i.property(name))
                    .filter(|v| !matches!(v, Value::Null))
                    .flat_map(Value::into_items)
                    .collect();
                Value::from_items(values)
            }
            Value::Null => Value::Null,
            _ if lower == "count" => Value::Int(1),
            _ => Value::Null,
        }
    }
}

/// A float as PowerShell prints it: no trailing `.0`, at most 15 significant digits.
pub(crate) fn float_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        let text = format!("{f:.10}");
        let text = text.trim_end_matches('0').trim_end_matches('.');
        text.to_string()
    }
}

/// A number written in a script or an argument: `5`, `-3`, `0x1F`, `2.5`, `10GB`.
pub(crate) fn parse_number(text: &str) -> Option<Value> {
    let lower = text.to_ascii_lowercase();
    let (body, scale) = [
        ("kb", 1i64 << 10),
        ("mb", 1 << 20),
        ("gb", 1 << 30),
        ("tb", 1 << 40),
    ]
    .into_iter()
    .find_map(|(s, m)| lower.strip_suffix(s).map(|b| (b.to_string(), m)))
    .unwrap_or((lower.clone(), 1));
    let (negative, digits) = match body.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, body.as_str()),
    };
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let sign = if negative { -1 } else { 1 };
    if let Some(hex) = digits.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16)
            .ok()
            .map(|n| Value::Int(sign * n * scale));
    }
    if let Ok(n) = digits.parse::<i64>() {
        return n.checked_mul(scale).map(|n| Value::Int(sign * n));
    }
    if digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return digits
            .parse::<f64>()
            .ok()
            .map(|f| Value::Float(f * sign as f64 * scale as f64));
    }
    None
}

/// `-eq`: the left operand's type decides; strings compare ignoring case.
pub(crate) fn equals(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Null, Value::Null) => true,
        (Value::Null, _) | (_, Value::Null) => false,
        (Value::Bool(a), b) => *a == b.truthy(),
        (Value::Int(_) | Value::Float(_), b) => match (left.as_number(), b.as_number()) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
        (Value::Str(a), b) => a.to_lowercase() == b.to_text().to_lowercase(),
        (Value::Object(a), Value::Object(b)) => Arc::ptr_eq(a, b),
        (a, b) => a.to_text().to_lowercase() == b.to_text().to_lowercase(),
    }
}

/// `-lt`/`-gt` and `Sort-Object`: numbers as numbers, the rest as text ignoring case.
pub(crate) fn compare(left: &Value, right: &Value) -> Ordering {
    let numeric = matches!(left, Value::Int(_) | Value::Float(_))
        || matches!(
            (left, right),
            (Value::Null, Value::Int(_) | Value::Float(_))
        );
    if numeric && let (Some(a), Some(b)) = (left.as_number(), right.as_number()) {
        return a.partial_cmp(&b).unwrap_or(Ordering::Equal);
    }
    left.to_text()
        .to_lowercase()
        .cmp(&right.to_text().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_truth_and_numbers_follow_powershell() {
        assert_eq!(Value::Bool(true).to_text(), "True");
        assert_eq!(Value::Float(2.5).to_text(), "2.5");
        assert_eq!(Value::Float(3.0).to_text(), "3");
        assert!(!Value::Array(vec![Value::Int(0)]).truthy());
        assert!(Value::Array(vec![Value::Int(0), Value::Int(0)]).truthy());
        assert!(!Value::str("").truthy());
        assert!(matches!(
            parse_number("10GB"),
            Some(Value::Int(10_737_418_240))
        ));
        assert!(matches!(parse_number("0x10"), Some(Value::Int(16))));
        assert!(parse_number("wuauserv").is_none());
        assert!(parse_number("-").is_none());
    }

    #[test]
    fn comparisons_take_the_left_type() {
        assert!(equals(&Value::str("Running"), &Value::str("running")));
        assert!(equals(&Value::Int(5), &Value::str("5")));
        assert!(!equals(&Value::Null, &Value::Int(0)));
        assert_eq!(compare(&Value::Int(10), &Value::Int(9)), Ordering::Greater);
        assert_eq!(
            compare(&Value::str("b"), &Value::str("A")),
            Ordering::Greater
        );
    }
}
