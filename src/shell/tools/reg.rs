//! `reg query`, `reg add`, `reg delete` and `reg export`: the registry from the command line,
//! as reset scripts and policy clean-ups use it.
//!
//! Texts from the policy reference (§1.7): `The operation completed successfully.`; `ERROR:
//! The system was unable to find the specified registry key or value.` (exit code 1); the
//! overwrite prompt `Value <name> exists, overwrite(Yes/No)? ` and the key prompt `Permanently
//! delete the registry key HKEY_...\... (Yes/No)? ` (root written out in full, a blank line
//! before the success line); `reg query` prints a blank line, the key in full, then each value
//! indented four spaces as `Name    TYPE    Data` (DWORDs as `0x` hex), then a blank line.
//!
//! Simplifications (the book lists them): the value prompt `Delete the registry value <name>
//! (Yes/No)? ` and the `/va` prompt are modelled; declining prints nothing; `reg query`
//! lists subkeys after the values, one full path per line; `reg query /s` prints each key
//! of the tree the same way; `reg export` writes a text `.reg` file; misuse gets a wusim note
//! rather than `reg`'s own usage text; remote computers are not simulated.

use std::fmt::Write as _;

use crate::assess::Fact;
use crate::shell::Harm;
use crate::shell::Question;
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply, saw};
use crate::shell::seen;
use crate::world::files;
use crate::world::registry::{self, RegValue, Registry};

/// `reg`'s entry in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["reg"],
    kind: Kind::Program,
    usage: "reg query|add|delete|export <key> [/v name]",
    summary: "Read and change the registry",
    topic: Topic::System,
    help: HELP,
    changes_state: true,
    words: &["query", "add", "delete", "export"],
    run: Some(run),
}];

const SUCCESS: &str = "The operation completed successfully.\n";
const NOT_FOUND: &str =
    "ERROR: The system was unable to find the specified registry key or value.\n";

/// A `reg` question waiting for Yes or No.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RegQuestion {
    /// `reg add` of a value that exists, without `/f`.
    Overwrite {
        /// The key.
        key: String,
        /// The value's name.
        name: String,
        /// The new data.
        value: RegValue,
    },
    /// `reg delete` of a key, without `/f`.
    DeleteKey(String),
    /// `reg delete /v` without `/f`.
    DeleteValue {
        /// The key.
        key: String,
        /// The value's name.
        name: String,
    },
    /// `reg delete /va` without `/f`.
    DeleteValues(String),
}

fn run(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let lower = args.lower();
    let Some(operation) = lower.first() else {
        return usage("write an operation: reg query, reg add, reg delete or reg export");
    };
    if args.asks_help() || args.words.get(1).is_some_and(|w| w == "/?") {
        return Reply::ok(HELP);
    }
    let Some(typed_key) = args.words.get(1) else {
        return usage(&format!(
            "reg {operation} needs a key, such as HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate"
        ));
    };
    let Some(key) = registry::normalize(typed_key) else {
        return usage(&format!(
            "'{typed_key}' does not start with a root key (HKLM, HKCU, HKCR, HKU or HKCC)"
        ));
    };
    let options = Options::read(&args.words[2..]);
    match operation.as_str() {
        "query" => query(ctx, &key, &options),
        "add" => add(ctx, &key, &options),
        "delete" => delete(ctx, &key, &options),
        "export" => export(ctx, &key, &args.words[2..], &options),
        other => usage(&format!(
            "'reg {other}' is not simulated; wusim has reg query, add, delete and export"
        )),
    }
}

/// The switches after the key.
#[derive(Default)]
struct Options {
    /// `/v name`.
    value: Option<String>,
    /// `/ve`: the default value.
    default_value: bool,
    /// `/va`: every value.
    all_values: bool,
    /// `/t type`.
    kind: Option<String>,
    /// `/d data`.
    data: Option<String>,
    /// `/f`.
    force: bool,
    /// `/s`.
    recurse: bool,
    /// `/y` (export: overwrite the file).
    yes: bool,
}

impl Options {
    fn read(words: &[String]) -> Options {
        let mut options = Options::default();
        let mut i = 0;
        while i < words.len() {
            let word = words[i].to_ascii_lowercase();
            let next = words.get(i + 1).cloned();
            match word.as_str() {
                "/v" => {
                    options.value = next;
                    i += 1;
                }
                "/t" => {
                    options.kind = next;
                    i += 1;
                }
                "/d" => {
                    options.data = next;
                    i += 1;
                }
                "/ve" => options.default_value = true,
                "/va" => options.all_values = true,
                "/f" => options.force = true,
                "/s" => options.recurse = true,
                "/y" => options.yes = true,
                _ => {}
            }
            i += 1;
        }
        options
    }

    /// The value named by `/v` or `/ve`.
    fn value_name(&self) -> Option<&str> {
        if self.default_value {
            Some("")
        } else {
            self.value.as_deref()
        }
    }
}

/// A wusim note for a command line `reg` would refuse.
fn usage(reason: &str) -> Reply {
    Reply::new(format!("(wusim: {reason}. Type 'reg /?' for help.)\n"), 1)
}

fn not_found() -> Reply {
    Reply::error(NOT_FOUND, 1)
}

/// A value's data as `reg query` shows it.
fn data_text(value: &RegValue) -> String {
    match value {
        RegValue::Dword(n) => format!("0x{n:x}"),
        RegValue::Qword(n) => format!("0x{n:x}"),
        RegValue::Sz(s) | RegValue::ExpandSz(s) => s.clone(),
        RegValue::MultiSz(items) => items.join("\\0"),
        RegValue::Binary(bytes) => bytes.iter().map(|b| format!("{b:02X}")).collect(),
    }
}

/// `    Name    TYPE    Data`.
fn value_line(out: &mut String, name: &str, value: &RegValue) {
    let name = if name.is_empty() { "(Default)" } else { name };
    let _ = writeln!(
        out,
        "    {name}    {}    {}",
        value.type_name(),
        data_text(value)
    );
}

fn query(ctx: &mut Ctx<'_>, key: &str, options: &Options) -> Reply {
    let reg = &ctx.pc.world().registry;
    let facts = &mut ctx.facts;
    let Some((path, found)) = reg.key(key) else {
        return not_found();
    };
    let mut out = String::new();
    if let Some(name) = options.value_name() {
        let Some(value) = found.value(name) else {
            return not_found();
        };
        let _ = writeln!(out, "\n{}", registry::long_form(path));
        value_line(&mut out, name, value);
        seen::registry_key(facts, path, [name]);
        out.push('\n');
        return Reply::ok(out);
    }
    if options.recurse {
        for (path, k) in reg.subtree(key) {
            let _ = writeln!(out, "\n{}", registry::long_form(path));
            for (name, value) in &k.values {
                value_line(&mut out, name, value);
            }
            seen::registry_key(facts, path, k.values.iter().map(|(n, _)| n.as_str()));
        }
        out.push('\n');
        return Reply::ok(out);
    }
    let _ = writeln!(out, "\n{}", registry::long_form(path));
    for (name, value) in &found.values {
        value_line(&mut out, name, value);
    }
    seen::registry_key(facts, path, found.values.iter().map(|(n, _)| n.as_str()));
    let subkeys: Vec<String> = reg
        .subkeys(key)
        .inspect(|(p, _)| {
            // A policy key listed under its parent shows that policies are set.
            if seen::is_policy_key(p) {
                saw(facts, Fact::Policy);
            }
        })
        .map(|(p, _)| registry::long_form(p))
        .collect();
    if !subkeys.is_empty() {
        out.push('\n');
        for subkey in subkeys {
            let _ = writeln!(out, "{subkey}");
        }
    }
    out.push('\n');
    Reply::ok(out)
}

/// The data `/t` and `/d` describe.
fn parse_value(kind: Option<&str>, data: Option<&str>) -> Result<RegValue, String> {
    let data = data.unwrap_or_default();
    let kind = kind.unwrap_or("REG_SZ").to_ascii_uppercase();
    let number = |text: &str| -> Option<u64> {
        let text = text.trim();
        match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
            Some(hex) => u64::from_str_radix(hex, 16).ok(),
            None => text.parse().ok(),
        }
    };
    match kind.as_str() {
        "REG_SZ" => Ok(RegValue::Sz(data.to_string())),
        "REG_EXPAND_SZ" => Ok(RegValue::ExpandSz(data.to_string())),
        "REG_MULTI_SZ" => Ok(RegValue::MultiSz(
            data.split("\\0").map(str::to_string).collect(),
        )),
        "REG_DWORD" => {
            let n = if data.is_empty() {
                Some(0)
            } else {
                number(data)
            };
            n.and_then(|n| u32::try_from(n).ok())
                .map(RegValue::Dword)
                .ok_or_else(|| format!("'{data}' is not a REG_DWORD: write a number from 0 to 4294967295 (or 0x hex)"))
        }
        "REG_QWORD" => {
            let n = if data.is_empty() {
                Some(0)
            } else {
                number(data)
            };
            n.map(RegValue::Qword)
                .ok_or_else(|| format!("'{data}' is not a REG_QWORD number"))
        }
        "REG_BINARY" => {
            let clean: Vec<u8> = data.bytes().collect();
            if !clean.len().is_multiple_of(2) || !clean.iter().all(u8::is_ascii_hexdigit) {
                return Err(format!(
                    "'{data}' is not REG_BINARY data: write hex digits in pairs"
                ));
            }
            Ok(RegValue::Binary(
                clean
                    .chunks(2)
                    .map(|pair| {
                        let hex = std::str::from_utf8(pair).unwrap_or("00");
                        u8::from_str_radix(hex, 16).unwrap_or(0)
                    })
                    .collect(),
            ))
        }
        other => Err(format!(
            "'{other}' is not a type wusim simulates: use REG_SZ, REG_EXPAND_SZ, REG_MULTI_SZ, REG_DWORD, REG_QWORD or REG_BINARY"
        )),
    }
}

fn add(ctx: &mut Ctx<'_>, key: &str, options: &Options) -> Reply {
    let Some(name) = options.value_name().map(str::to_string) else {
        // `reg add <key>`: the key alone.
        return if ctx.pc.act(|w| w.registry.create_key(key)) {
            Reply::ok(SUCCESS)
        } else {
            not_found()
        };
    };
    let value = match parse_value(options.kind.as_deref(), options.data.as_deref()) {
        Ok(value) => value,
        Err(reason) => return usage(&reason),
    };
    let exists = ctx.pc.world().registry.value(key, &name).is_some();
    if exists && !options.force {
        let prompt = format!(
            "Value {} exists, overwrite(Yes/No)? ",
            if name.is_empty() { "(Default)" } else { &name }
        );
        ctx.question = Some(Question::Reg(RegQuestion::Overwrite {
            key: key.to_string(),
            name,
            value,
        }));
        return Reply::new(prompt, 0);
    }
    write_value(ctx, key, &name, value)
}

fn write_value(ctx: &mut Ctx<'_>, key: &str, name: &str, value: RegValue) -> Reply {
    if ctx.pc.act(|w| w.registry.set_value(key, name, value)) {
        Reply::ok(SUCCESS)
    } else {
        not_found()
    }
}

fn delete(ctx: &mut Ctx<'_>, key: &str, options: &Options) -> Reply {
    let reg = &ctx.pc.world().registry;
    let Some((path, _)) = reg.key(key) else {
        return not_found();
    };
    let path = path.to_string();
    if options.all_values {
        if options.force {
            return delete_values(ctx, &path);
        }
        ctx.question = Some(Question::Reg(RegQuestion::DeleteValues(path.clone())));
        return Reply::new(
            format!(
                "Delete all values under the registry key {} (Yes/No)? ",
                registry::long_form(&path)
            ),
            0,
        );
    }
    if let Some(name) = options.value_name() {
        if reg.value(&path, name).is_none() {
            return not_found();
        }
        if options.force {
            return delete_value(ctx, &path, name);
        }
        let shown = if name.is_empty() { "(Default)" } else { name };
        let text = format!("Delete the registry value {shown} (Yes/No)? ");
        ctx.question = Some(Question::Reg(RegQuestion::DeleteValue {
            key: path,
            name: name.to_string(),
        }));
        return Reply::new(text, 0);
    }
    if registry::parent(&path).is_none() {
        return Reply::error("ERROR: Access is denied.\n", 1);
    }
    if options.force {
        return delete_key(ctx, &path, false);
    }
    let text = format!(
        "Permanently delete the registry key {} (Yes/No)? ",
        registry::long_form(&path)
    );
    ctx.question = Some(Question::Reg(RegQuestion::DeleteKey(path)));
    Reply::new(text, 0)
}

fn delete_value(ctx: &mut Ctx<'_>, key: &str, name: &str) -> Reply {
    if ctx.pc.act(|w| w.registry.delete_value(key, name)) {
        Reply::ok(SUCCESS)
    } else {
        not_found()
    }
}

fn delete_values(ctx: &mut Ctx<'_>, key: &str) -> Reply {
    let names: Vec<String> = ctx
        .pc
        .world()
        .registry
        .key(key)
        .map(|(_, k)| k.values.iter().map(|(n, _)| n.clone()).collect())
        .unwrap_or_default();
    ctx.pc.act(|w| {
        for name in &names {
            w.registry.delete_value(key, name);
        }
    });
    Reply::ok(SUCCESS)
}

/// Deletes a key and its tree; `asked` puts the blank line Windows prints after the prompt.
fn delete_key(ctx: &mut Ctx<'_>, key: &str, asked: bool) -> Reply {
    let service = crate::scm::ServiceId::all()
        .find(|&id| Registry::service_key(id).eq_ignore_ascii_case(key));
    if !ctx.pc.act(|w| w.registry.delete_key(key)) {
        return not_found();
    }
    let text = if asked {
        format!("\n{SUCCESS}")
    } else {
        SUCCESS.to_string()
    };
    Reply::ok(text).with_harm(service.map(Harm::DeletedService))
}

/// The answer to a `reg` question.
pub(crate) fn answer(ctx: &mut Ctx<'_>, question: RegQuestion, yes: bool) -> Reply {
    if !yes {
        return Reply::new("", 1);
    }
    match question {
        RegQuestion::Overwrite { key, name, value } => write_value(ctx, &key, &name, value),
        RegQuestion::DeleteKey(key) => delete_key(ctx, &key, true),
        RegQuestion::DeleteValue { key, name } => delete_value(ctx, &key, &name),
        RegQuestion::DeleteValues(key) => delete_values(ctx, &key),
    }
}

fn export(ctx: &mut Ctx<'_>, key: &str, rest: &[String], options: &Options) -> Reply {
    let Some(file) = rest.first().filter(|f| !f.starts_with('/')) else {
        return usage("reg export needs a file name, such as reg export <key> backup.reg");
    };
    let reg = &ctx.pc.world().registry;
    if !reg.key_exists(key) {
        return not_found();
    }
    let mut text = String::from("Windows Registry Editor Version 5.00\n");
    for (path, k) in reg.subtree(key) {
        let _ = writeln!(text, "\n[{}]", registry::long_form(path));
        for (name, value) in &k.values {
            let name = if name.is_empty() {
                "@".to_string()
            } else {
                format!("\"{name}\"")
            };
            let data = match value {
                RegValue::Dword(n) => format!("dword:{n:08x}"),
                RegValue::Sz(s) => format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")),
                other => format!("hex:{}", data_text(other)),
            };
            let _ = writeln!(text, "{name}={data}");
        }
    }
    let full = match ctx.resolve(file) {
        Ok(full) => full,
        Err(_) => return usage(&format!("'{file}' is not a valid file name")),
    };
    let exists = ctx.pc.world().fs.get(&full).is_some();
    if exists && !options.yes && !options.force {
        return usage(&format!(
            "{file} exists; add /y to overwrite it (reg asks on Windows)"
        ));
    }
    match ctx.pc.act(|w| files::write_text(w, &full, &text, false)) {
        Ok(_) => Reply::ok(SUCCESS),
        Err(error) => Reply::error(
            format!(
                "ERROR: {}\n",
                crate::win32::Win32Error(error.code()).message()
            ),
            1,
        ),
    }
}

const HELP: &str = "reg query <key> [/v <name> | /ve] [/s]
reg add <key> [/v <name> | /ve] [/t <type>] [/d <data>] [/f]
reg delete <key> [/v <name> | /ve | /va] [/f]
reg export <key> <file> [/y]
  In the simulation: the registry of the simulated PC: the Windows Update policies
  (HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate and its AU key), every
  service's key under HKLM\\SYSTEM\\CurrentControlSet\\Services (Start, DelayedAutostart),
  and the RebootRequired key. A Start value changed here is what the Service Control
  Manager reads at the next restart; sc config changes both at once. Without /f, reg asks
  before overwriting or deleting. Windows Update reads its policies when it scans, so a
  deleted policy value stops applying at the next scan.
  On Windows: the same; roots HKLM, HKCU, HKCR, HKU, HKCC; exit code 0 on success, 1 on
  failure.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dword_data_takes_decimal_and_hex_and_refuses_the_rest() {
        assert_eq!(
            parse_value(Some("reg_dword"), Some("0x1f")),
            Ok(RegValue::Dword(31))
        );
        assert_eq!(
            parse_value(Some("REG_DWORD"), Some("4")),
            Ok(RegValue::Dword(4))
        );
        assert!(parse_value(Some("REG_DWORD"), Some("4294967296")).is_err());
        assert!(parse_value(Some("REG_DWORD"), Some("yes")).is_err());
        assert_eq!(
            parse_value(None, Some("http://wsus:8530")),
            Ok(RegValue::Sz("http://wsus:8530".into()))
        );
        assert!(parse_value(Some("REG_BINARY"), Some("0g")).is_err());
    }

    #[test]
    fn query_lines_show_dwords_in_hex() {
        let mut out = String::new();
        value_line(&mut out, "UseWUServer", &RegValue::Dword(1));
        assert_eq!(out, "    UseWUServer    REG_DWORD    0x1\n");
    }
}
