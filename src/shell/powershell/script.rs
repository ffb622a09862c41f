//! Scripts and `powershell.exe`: running a `.ps1` by path (`.\reset.ps1`), the execution
//! policy that refuses it by default on client Windows (Restricted), and
//! `powershell [-ExecutionPolicy Bypass] [-File x.ps1 | -Command "..."]`, from cmd or from
//! PowerShell itself.
//!
//! The policy in force is, as on Windows, the first one set of: the process scope
//! (`Set-ExecutionPolicy -Scope Process`, `powershell -ExecutionPolicy`), the current
//! user's and the machine's (kept in the registry under
//! `...\PowerShell\1\ShellIds\Microsoft.PowerShell`), else Restricted.

use std::collections::BTreeMap;

use super::errors::ErrorRecord;
use super::eval::{Flow, Interp, PsState, R};
use super::format;
use super::invoke::ArgValue;
use super::parser::{self, Position};
use super::value::Value;
use crate::shell::cmd::{self, Sink};
use crate::world::files;
use crate::world::registry::RegValue;

/// The machine's execution policy key.
pub(crate) const MACHINE_POLICY_KEY: &str =
    "HKLM\\SOFTWARE\\Microsoft\\PowerShell\\1\\ShellIds\\Microsoft.PowerShell";
/// The current user's execution policy key.
pub(crate) const USER_POLICY_KEY: &str =
    "HKCU\\Software\\Microsoft\\PowerShell\\1\\ShellIds\\Microsoft.PowerShell";

/// What Windows PowerShell 5.1 prints when it starts.
pub(crate) const BANNER: &str = "Windows PowerShell\nCopyright (C) Microsoft Corporation. All rights reserved.\n\nInstall the latest PowerShell for new features and improvements! https://aka.ms/PSWindows\n\n";

/// A policy stored in the registry.
pub(crate) fn stored_policy(interp: &Interp<'_, '_>, key: &str) -> Option<String> {
    interp
        .ctx
        .pc
        .world()
        .registry
        .string(key, "ExecutionPolicy")
        .map(str::to_string)
}

/// Stores a policy in the registry.
pub(crate) fn set_policy(interp: &mut Interp<'_, '_>, key: &str, policy: &str) {
    let (k, p) = (key.to_string(), policy.to_string());
    interp
        .ctx
        .pc
        .act(move |w| w.registry.set_value(&k, "ExecutionPolicy", RegValue::Sz(p)));
}

/// The execution policy in force.
pub(crate) fn effective_policy(interp: &Interp<'_, '_>) -> String {
    interp
        .state
        .process_policy
        .clone()
        .filter(|p| p != "Undefined")
        .or_else(|| stored_policy(interp, USER_POLICY_KEY).filter(|p| p != "Undefined"))
        .or_else(|| stored_policy(interp, MACHINE_POLICY_KEY).filter(|p| p != "Undefined"))
        .unwrap_or_else(|| "Restricted".to_string())
}

/// A command named by a path: a `.ps1` (if the policy allows), a batch file, a program.
pub(crate) fn run_path(
    interp: &mut Interp<'_, '_>,
    typed: &str,
    args: Vec<ArgValue>,
    at: &Position,
) -> R<Vec<Value>> {
    let lower = typed.to_ascii_lowercase();
    let full = interp.ctx.resolve(typed).ok();
    let candidates: Vec<String> = match &full {
        Some(f) if crate::world::path::file_name(&lower).contains('.') => vec![f.clone()],
        Some(f) => vec![
            format!("{f}.ps1"),
            format!("{f}.bat"),
            format!("{f}.cmd"),
            format!("{f}.exe"),
        ],
        None => Vec::new(),
    };
    let found = candidates
        .into_iter()
        .find(|c| interp.ctx.pc.world().fs.get(c).is_some_and(|n| !n.is_dir()));
    let Some(found) = found else {
        // A program of System32 given by its full path still runs.
        let program = crate::shell::commands::program_name(typed);
        if typed.to_ascii_lowercase().contains("system32")
            && let Some(command) = crate::shell::commands::find(&program)
            && command.run.is_some()
        {
            return interp.run_program(typed, command, &args);
        }
        interp.ctx.unrecognized = true;
        return Err(interp.not_found(typed, at));
    };
    let shown = interp.ctx.pc.world().fs.canonical(&found);
    let found_lower = found.to_ascii_lowercase();
    if found_lower.ends_with(".ps1") {
        let policy = effective_policy(interp);
        if matches!(policy.as_str(), "Restricted" | "AllSigned") {
            interp.set_ok(false);
            return Err(Flow::Throw(Box::new(ErrorRecord {
                source: typed.to_string(),
                message: format!(
                    "File {shown} cannot be loaded because running scripts is disabled on this system. For more information, see about_Execution_Policies at https:/go.microsoft.com/fwlink/?LinkID=135170."
                ),
                category: "SecurityError: (:) [], PSSecurityException".to_string(),
                id: "UnauthorizedAccess".to_string(),
                at: Some(at.clone()),
                script: interp.script.clone(),
                statement_only: true,
            })));
        }
        run_file(interp, &shown, args)?;
        return Ok(Vec::new());
    }
    if found_lower.ends_with(".bat") || found_lower.ends_with(".cmd") {
        let line = format!("\"{shown}\" {}", super::invoke::native_arguments(&args));
        let mut sink = Sink::default();
        cmd::run_typed(interp.ctx, &line, &mut sink);
        interp.out.push_str(&sink.text());
        let code = interp.ctx.con.errorlevel;
        interp.set_var("global:LASTEXITCODE", Value::Int(i64::from(code)));
        interp.set_ok(code == 0);
        return Ok(Vec::new());
    }
    let program = crate::shell::commands::program_name(&shown);
    match crate::shell::commands::find(&program) {
        Some(command) if command.run.is_some() => interp.run_program(&shown, command, &args),
        _ => {
            interp.ctx.unrecognized = true;
            Err(interp.not_found(typed, at))
        }
    }
}

/// Runs a `.ps1` file in its own scope; its output is shown statement by statement.
pub(crate) fn run_file(interp: &mut Interp<'_, '_>, full: &str, args: Vec<ArgValue>) -> R<()> {
    let text = files::read_text(interp.ctx.pc.world(), full).unwrap_or_default();
    let saved_script = interp.script.replace(full.to_string());
    let result = match parser::parse(&text) {
        Err(e) => {
            interp.set_ok(false);
            interp.out.push_str(&parse_error_text(&e, Some(full)));
            Ok(())
        }
        Ok(block) => {
            let mut scope = BTreeMap::new();
            bind_script_params(interp, &block, args, &mut scope)?;
            run_top(interp, &block, Some(scope))
        }
    };
    interp.script = saved_script;
    match result {
        Err(Flow::Exit(code)) => {
            interp.set_var("global:LASTEXITCODE", Value::Int(i64::from(code)));
            interp.set_ok(code == 0);
            Ok(())
        }
        other => other,
    }
}

fn bind_script_params(
    interp: &mut Interp<'_, '_>,
    block: &parser::Block,
    args: Vec<ArgValue>,
    scope: &mut BTreeMap<String, Value>,
) -> R<()> {
    let mut positional = Vec::new();
    let mut args = args.into_iter().peekable();
    while let Some(a) = args.next() {
        match a {
            ArgValue::Named(n, inline) => {
                let p = block.params.iter().find(|p| {
                    p.name
                        .to_ascii_lowercase()
                        .starts_with(&n.to_ascii_lowercase())
                });
                if let Some(p) = p {
                    let v = match (inline, p.type_name.as_deref()) {
                        (Some(v), _) => v,
                        (None, Some("switch")) => Value::Bool(true),
                        (None, _) => match args.next() {
                            Some(ArgValue::Positional(v)) => v,
                            _ => Value::Null,
                        },
                    };
                    scope.insert(p.name.to_ascii_lowercase(), v);
                }
            }
            ArgValue::Positional(v) => positional.push(v),
            ArgValue::Verbatim(t) => positional.push(Value::Str(t)),
        }
    }
    let mut rest = Vec::new();
    for v in positional {
        match block.params.iter().find(|p| {
            !scope.contains_key(&p.name.to_ascii_lowercase())
                && p.type_name.as_deref() != Some("switch")
        }) {
            Some(p) => {
                scope.insert(p.name.to_ascii_lowercase(), v);
            }
            None => rest.push(v),
        }
    }
    for p in &block.params {
        if let std::collections::btree_map::Entry::Vacant(slot) =
            scope.entry(p.name.to_ascii_lowercase())
        {
            let v = match &p.default {
                Some(e) => interp.eval(e)?,
                None => Value::Null,
            };
            slot.insert(v);
        }
    }
    scope.insert("args".into(), Value::Array(rest));
    Ok(())
}

/// Runs a script's statements one by one, showing each one's output as it ends; an error
/// that nothing catches stops it.
pub(crate) fn run_top(
    interp: &mut Interp<'_, '_>,
    block: &parser::Block,
    scope: Option<BTreeMap<String, Value>>,
) -> R<()> {
    let scoped = scope.is_some();
    if let Some(scope) = scope {
        interp.push_scope(scope);
    }
    let result = (|| {
        for stmt in &block.stmts {
            match interp.exec(stmt) {
                Ok(values) => {
                    let text = format::format_values(&values);
                    interp.out.push_str(&text);
                }
                Err(Flow::Throw(record)) => {
                    interp.set_ok(false);
                    interp.out.push_str(&record.render());
                    if !record.statement_only {
                        return Ok(());
                    }
                }
                Err(Flow::Return(values)) => {
                    let text = format::format_values(&values);
                    interp.out.push_str(&text);
                    return Ok(());
                }
                Err(Flow::Break | Flow::Continue) => return Ok(()),
                Err(other) => return Err(other),
            }
        }
        Ok(())
    })();
    if scoped {
        interp.pop_scope();
    }
    result
}

/// A parse error as PowerShell shows it.
pub(crate) fn parse_error_text(e: &parser::ParseError, script: Option<&str>) -> String {
    let record = ErrorRecord {
        source: String::new(),
        message: String::new(),
        category: "ParserError: (:) [], ParentContainsErrorRecordException".to_string(),
        id: e.id.to_string(),
        at: None,
        script: None,
        statement_only: true,
    };
    let pad: String =
        e.at.line_text
            .chars()
            .take(e.at.col.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
    let place = match script {
        Some(path) => format!("At {path}:{} char:{}", e.at.line, e.at.col),
        None => format!("At line:{} char:{}", e.at.line, e.at.col),
    };
    format!(
        "{place}\n+ {}\n+ {pad}{}\n{}\n    + CategoryInfo          : {}\n    + FullyQualifiedErrorId : {}\n\n",
        e.at.line_text,
        "~".repeat(e.at.len.max(1)),
        e.message,
        record.category,
        record.id
    )
}

/// `powershell [-NoProfile] [-ExecutionPolicy p] [-File f [args]] [-Command text]`.
pub(crate) fn powershell_exe(
    interp: &mut Interp<'_, '_>,
    args: Vec<ArgValue>,
    at: &Position,
) -> R<Vec<Value>> {
    let words: Vec<String> = args
        .iter()
        .flat_map(|a| match a {
            ArgValue::Named(n, None) => vec![format!("-{n}")],
            ArgValue::Named(n, Some(v)) => vec![format!("-{n}:{}", v.to_text())],
            ArgValue::Positional(v) => v.clone().into_items().iter().map(Value::to_text).collect(),
            ArgValue::Verbatim(t) => vec![t.clone()],
        })
        .collect();
    let request = Request::read(&words);
    if request.is_interactive() {
        // A PowerShell inside this one: the same prompt; its `exit` comes back here.
        interp.out.push_str(BANNER);
        interp.state.nested += 1;
        return Ok(Vec::new());
    }
    let _ = at;
    let code = run_request(interp, &request);
    interp.set_var("global:LASTEXITCODE", Value::Int(i64::from(code)));
    interp.set_ok(code == 0);
    Ok(Vec::new())
}

/// What `powershell.exe` was asked to do.
#[derive(Clone, Debug, Default)]
pub(crate) struct Request {
    /// `-ExecutionPolicy`.
    pub(crate) policy: Option<String>,
    /// `-File` and the script's arguments.
    pub(crate) file: Option<(String, Vec<String>)>,
    /// `-Command` (or the words left).
    pub(crate) command: Option<String>,
}

impl Request {
    /// Reads powershell.exe's options.
    pub(crate) fn read(words: &[String]) -> Request {
        let mut r = Request::default();
        let mut i = 0;
        while i < words.len() {
            let w = &words[i];
            let lower = w.to_ascii_lowercase();
            let (name, inline) = match lower.split_once(':') {
                Some((n, _)) if n.starts_with('-') => {
                    (n.to_string(), Some(w[n.len() + 1..].to_string()))
                }
                _ => (lower.clone(), None),
            };
            i += 1;
            let value = |i: &mut usize| -> Option<String> {
                inline.clone().or_else(|| {
                    let v = words.get(*i).cloned();
                    *i += 1;
                    v
                })
            };
            match name.as_str() {
                n if n.starts_with('-') && "-executionpolicy".starts_with(n) && n.len() >= 3
                    || n == "-ep" =>
                {
                    r.policy = value(&mut i);
                }
                n if n.starts_with('-') && "-file".starts_with(n) && n.len() >= 2 => {
                    if let Some(f) = value(&mut i) {
                        r.file = Some((f, words[i.min(words.len())..].to_vec()));
                    }
                    break;
                }
                n if n.starts_with('-') && "-command".starts_with(n) && n.len() >= 2 => {
                    let rest: Vec<String> = words[i.min(words.len())..].to_vec();
                    r.command = Some(match inline {
                        Some(v) => v,
                        None => rest.join(" "),
                    });
                    break;
                }
                n if n.starts_with('-')
                    && [
                        "-windowstyle",
                        "-inputformat",
                        "-outputformat",
                        "-version",
                        "-psconsolefile",
                    ]
                    .iter()
                    .any(|o| o.starts_with(n) && n.len() >= 3) =>
                {
                    let _ = value(&mut i);
                }
                n if n.starts_with('-') => {}
                _ => {
                    r.command = Some(words[i - 1..].join(" "));
                    break;
                }
            }
        }
        r
    }

    /// No file and no command: an interactive PowerShell.
    pub(crate) fn is_interactive(&self) -> bool {
        self.file.is_none() && self.command.is_none()
    }
}

/// Runs a `-File` or `-Command` request in a fresh PowerShell (its own variables); the
/// exit code powershell.exe returns.
pub(crate) fn run_request(interp: &mut Interp<'_, '_>, request: &Request) -> i32 {
    let fresh = PsState {
        process_policy: request.policy.clone(),
        last_ok: true,
        ..PsState::default()
    };
    let saved_state = std::mem::replace(&mut interp.state, fresh);
    let saved_script = interp.script.take();
    let saved_scopes = interp.take_scopes();
    let mut code = 0;
    if let Some((file, args)) = &request.file {
        let full = interp
            .ctx
            .resolve(file)
            .ok()
            .filter(|f| interp.ctx.pc.world().fs.get(f).is_some_and(|n| !n.is_dir()));
        match full {
            None => {
                interp.out.push_str(&format!(
                    "The argument '{file}' to the -File parameter does not exist. Provide the path to an existing '.ps1' file as an argument to the -File parameter.\n"
                ));
                code = -196608;
            }
            Some(full) if !full.to_ascii_lowercase().ends_with(".ps1") => {
                interp.out.push_str(&format!(
                    "Processing -File '{file}' failed because the file does not have a '.ps1' extension. Specify a valid Windows PowerShell script file name, and then try again.\n"
                ));
                code = -196608;
            }
            Some(full) => {
                let policy = effective_policy(interp);
                let shown = interp.ctx.pc.world().fs.canonical(&full);
                if matches!(policy.as_str(), "Restricted" | "AllSigned") {
                    let record = ErrorRecord {
                        source: String::new(),
                        message: format!(
                            "File {shown} cannot be loaded because running scripts is disabled on this system. For more information, see about_Execution_Policies at https:/go.microsoft.com/fwlink/?LinkID=135170."
                        ),
                        category: "SecurityError: (:) [], ParentContainsErrorRecordException"
                            .to_string(),
                        id: "UnauthorizedAccess".to_string(),
                        at: None,
                        script: None,
                        statement_only: true,
                    };
                    interp.out.push_str(&record.render());
                    code = 1;
                } else {
                    let args: Vec<ArgValue> = args
                        .iter()
                        .map(|a| match a.strip_prefix('-') {
                            Some(n) if n.chars().next().is_some_and(char::is_alphabetic) => {
                                ArgValue::Named(n.to_string(), None)
                            }
                            _ => ArgValue::Positional(Value::str(a)),
                        })
                        .collect();
                    match run_file(interp, &shown, args) {
                        Ok(()) => {
                            code = interp
                                .get_var("LASTEXITCODE")
                                .as_int()
                                .map_or(0, |c| i32::try_from(c).unwrap_or(1));
                            if !interp.state.last_ok && code == 0 {
                                code = 1;
                            }
                        }
                        Err(Flow::Exit(c)) => code = c,
                        Err(_) => code = 1,
                    }
                }
            }
        }
    } else if let Some(command) = &request.command {
        code = match super::run_text(interp, command) {
            Ok(()) => i32::from(!interp.state.last_ok),
            Err(Flow::Exit(c)) => c,
            Err(_) => 1,
        };
    }
    interp.restore_scopes(saved_scopes);
    interp.script = saved_script;
    interp.state = saved_state;
    code
}
