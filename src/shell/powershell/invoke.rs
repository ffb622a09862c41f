//! Calling a command from PowerShell: finding what a name means, binding its arguments,
//! and running it.
//!
//! A name is looked up as PowerShell does — an alias, a function, a cmdlet, then a program
//! (`sc.exe`, `net`, `DISM`: the same programs as at the cmd prompt, whose exit code
//! becomes `$LASTEXITCODE`), or a script given by path (`.\reset.ps1`, which the execution
//! policy may refuse). A real cmdlet that wusim does not model gets the "not simulated"
//! note; anything else PowerShell's CommandNotFoundException block.
//!
//! Cmdlets bind their parameters here: names ignore case and may be shortened; a switch
//! takes `-Force` or `-Force:$false`; the common parameters (`-ErrorAction`, `-WhatIf`,
//! `-Verbose`, `-Confirm`...) are understood by every cmdlet. Binding failures give
//! PowerShell's messages and error ids.

use std::collections::BTreeMap;

use super::cmdlet::BindError;
use super::cmdlets::{self, Kind as ParamKind, Spec};
use super::errors::ErrorRecord;
use super::eval::{ErrorAction, Flow, Interp, R};
use super::parser::{Arg, Block, Command, CommandName, Position};
use super::value::Value;
use super::{aliases, script};
use crate::shell::cmd::{self, Sink};
use crate::shell::commands::{self, Kind};
use crate::shell::context::Args;

/// An argument after evaluation.
#[derive(Clone, Debug)]
pub(crate) enum ArgValue {
    /// `-Name`, with `-Name:value`'s value.
    Named(String, Option<Value>),
    /// A value.
    Positional(Value),
    /// After `--%`.
    Verbatim(String),
}

/// A cmdlet call with its parameters bound.
#[derive(Clone, Debug)]
pub(crate) struct Call {
    /// The name as typed (an alias, maybe): error blocks start with it.
    pub(crate) typed: String,
    /// The cmdlet.
    pub(crate) spec: &'static Spec,
    /// Bound values, by parameter name.
    pub(crate) values: BTreeMap<&'static str, Value>,
    /// Values left for a parameter that takes the rest (`Write-Host a b c`).
    pub(crate) rest: Vec<Value>,
    /// Pipeline input, if the command is not first.
    pub(crate) input: Option<Vec<Value>>,
    /// Where the command stands.
    pub(crate) at: Position,
    /// `-WhatIf`.
    pub(crate) what_if: bool,
    /// `-Verbose`.
    pub(crate) verbose: bool,
    /// `-Confirm` (true when asked for explicitly).
    pub(crate) confirm: bool,
}

impl Call {
    /// A bound value.
    pub(crate) fn value(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// A bound value as text.
    pub(crate) fn text(&self, name: &str) -> Option<String> {
        self.value(name).map(Value::to_text)
    }

    /// A bound value's items as texts (`-Name a, b`).
    pub(crate) fn texts(&self, name: &str) -> Vec<String> {
        self.value(name)
            .cloned()
            .map(Value::into_items)
            .unwrap_or_default()
            .iter()
            .map(Value::to_text)
            .collect()
    }

    /// True when a switch is on.
    pub(crate) fn switch(&self, name: &str) -> bool {
        self.value(name).is_some_and(Value::truthy)
    }

    /// An error block for this call (its runtime errors start with the name as typed).
    pub(crate) fn error(
        &self,
        interp: &Interp<'_, '_>,
        message: String,
        category: String,
        id: &str,
    ) -> ErrorRecord {
        ErrorRecord {
            source: self.typed.clone(),
            message,
            category,
            id: format!("{id},{}", self.spec.error_source()),
            at: Some(self.at.clone()),
            script: interp.script.clone(),
            statement_only: false,
        }
    }
}

/// The common parameters and their aliases.
const COMMON: &[(&str, &[&str])] = &[
    ("ErrorAction", &["ea"]),
    ("WarningAction", &["wa"]),
    ("InformationAction", &["infa"]),
    ("ErrorVariable", &["ev"]),
    ("WarningVariable", &["wv"]),
    ("OutVariable", &["ov"]),
    ("OutBuffer", &["ob"]),
    ("PipelineVariable", &["pv"]),
    ("Verbose", &["vb"]),
    ("Debug", &["db"]),
    ("WhatIf", &["wi"]),
    ("Confirm", &["cf"]),
];

fn common(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    COMMON
        .iter()
        .find(|(n, aliases)| n.eq_ignore_ascii_case(&lower) || aliases.contains(&lower.as_str()))
        .map(|(n, _)| *n)
}

impl Interp<'_, '_> {
    fn eval_args(&mut self, args: &[Arg]) -> R<Vec<ArgValue>> {
        let mut out = Vec::new();
        for a in args {
            out.push(match a {
                Arg::Param(name, None) => ArgValue::Named(name.clone(), None),
                Arg::Param(name, Some(e)) => ArgValue::Named(name.clone(), Some(self.eval(e)?)),
                Arg::Value(e) => ArgValue::Positional(self.eval(e)?),
                Arg::Verbatim(t) => ArgValue::Verbatim(t.clone()),
            });
        }
        Ok(out)
    }

    /// Runs a command of a pipeline.
    pub(crate) fn call(&mut self, c: &Command, input: Option<Vec<Value>>) -> R<Vec<Value>> {
        self.tick()?;
        let name = match &c.name {
            CommandName::Bare(n) => n.clone(),
            CommandName::Expr(e) => {
                let v = self.eval(e)?;
                if let Value::Block(block) = v {
                    let args = self.eval_args(&c.args)?;
                    return self.call_function(&block, args, input);
                }
                v.to_text()
            }
        };
        let args = self.eval_args(&c.args)?;
        let saved = self.error_action;
        if c.errors_to_null {
            self.error_action = Some(ErrorAction::Silent);
        }
        let result = self.call_named(&name, args, input, &c.at);
        self.error_action = saved;
        result
    }

    /// Runs the command `name` with evaluated arguments.
    pub(crate) fn call_named(
        &mut self,
        name: &str,
        args: Vec<ArgValue>,
        input: Option<Vec<Value>>,
        at: &Position,
    ) -> R<Vec<Value>> {
        let lower = name.to_ascii_lowercase();
        let at_name = Position {
            len: name.chars().count(),
            ..at.clone()
        };
        if lower.contains(['\\', '/']) || lower.ends_with(".ps1") {
            return script::run_path(self, name, args, &at_name);
        }
        if lower == "cd.." || lower == "cd\\" {
            let target = if lower == "cd.." { ".." } else { "\\" };
            return self.call_named(
                "Set-Location",
                vec![ArgValue::Positional(Value::str(target))],
                input,
                at,
            );
        }
        if matches!(lower.as_str(), "powershell" | "powershell.exe") {
            return script::powershell_exe(self, args, &at_name);
        }
        let cmdlet_name = aliases::resolve(&lower).map_or(lower.clone(), str::to_ascii_lowercase);
        if let Some(block) = self.state.functions.get(&lower).cloned() {
            return self.call_function(&block, args, input);
        }
        if let Some(spec) = cmdlets::find(&cmdlet_name) {
            self.ctx.changed |= spec.changes_state;
            let call = self.bind(name, spec, args, input, at)?;
            let saved = self.error_action;
            if let Some(ea) = error_action_of(&call) {
                self.error_action = Some(ea);
            }
            self.set_ok(true);
            let result = (spec.run)(self, &call);
            self.error_action = saved;
            return result;
        }
        let program = commands::program_name(name);
        if let Some(command) = commands::find(&program)
            && (matches!(command.kind, Kind::Program | Kind::Wusim) || program == "cmd")
            && command.run.is_some()
        {
            // A pipeline into a program is its standard input, as text.
            let saved = self.ctx.stdin.take();
            if let Some(input) = &input {
                let text: String = input
                    .iter()
                    .map(|v| match v {
                        Value::Object(_) | Value::Hash(_) => {
                            super::format::format_values(std::slice::from_ref(v))
                        }
                        other => format!("{}\n", other.to_text()),
                    })
                    .collect();
                self.ctx.stdin = Some(text);
            }
            let result = self.run_program(name, command, &args);
            self.ctx.stdin = saved;
            return result;
        }
        if cmdlets::is_unsimulated(&cmdlet_name)
            || commands::find(&program).is_some_and(|c| c.run.is_none())
        {
            let shown = cmdlets::proper_name(&cmdlet_name).unwrap_or(name);
            self.ctx.unrecognized = true;
            self.set_ok(false);
            self.out.push_str(&commands::not_simulated(shown).err);
            return Ok(Vec::new());
        }
        self.ctx.unrecognized = true;
        Err(self.not_found(name, &at_name))
    }

    /// PowerShell's CommandNotFoundException for `name`.
    pub(crate) fn not_found(&self, name: &str, at: &Position) -> Flow {
        let message = format!(
            "The term '{name}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again."
        );
        Flow::Throw(Box::new(ErrorRecord {
            source: name.to_string(),
            message,
            category: format!("ObjectNotFound: ({name}:String) [], CommandNotFoundException"),
            id: "CommandNotFoundException".to_string(),
            at: Some(at.clone()),
            script: self.script.clone(),
            statement_only: true,
        }))
    }

    /// Runs a program of the command table; its output lines.
    pub(crate) fn run_program(
        &mut self,
        name: &str,
        command: &'static commands::Command,
        args: &[ArgValue],
    ) -> R<Vec<Value>> {
        let raw = native_arguments(args);
        let args = Args::new(name, &raw);
        self.ctx.changed |= command.changes_state;
        let Some(run) = command.run else {
            return Ok(Vec::new());
        };
        let reply = run(self.ctx, &args);
        let mut sink = Sink::default();
        let code = cmd::finish(self.ctx, reply, &mut sink);
        self.set_var("global:LASTEXITCODE", Value::Int(i64::from(code)));
        self.set_ok(code == 0);
        let text = sink.text();
        if self.ctx.question.is_some()
            || self.ctx.con.control == crate::shell::context::Control::Abort
        {
            self.out.push_str(&text);
            return Err(Flow::Stop);
        }
        Ok(text_lines(&text))
    }

    /// Binds a cmdlet's arguments.
    fn bind(
        &self,
        typed: &str,
        spec: &'static Spec,
        args: Vec<ArgValue>,
        input: Option<Vec<Value>>,
        at: &Position,
    ) -> R<Call> {
        let mut call = Call {
            typed: typed.to_string(),
            spec,
            values: BTreeMap::new(),
            rest: Vec::new(),
            input,
            at: at.clone(),
            what_if: false,
            verbose: false,
            confirm: false,
        };
        let bind_error = |e: BindError| -> Flow {
            Flow::Throw(Box::new(ErrorRecord {
                source: spec.name.to_string(),
                message: e.message(),
                category: format!(
                    "InvalidArgument: (:) [{}], ParameterBindingException",
                    spec.name
                ),
                id: format!("{},{}", e.id(), spec.error_source()),
                at: Some(at.clone()),
                script: self.script.clone(),
                statement_only: true,
            }))
        };
        let mut positional: Vec<Value> = Vec::new();
        let mut args = args.into_iter().peekable();
        while let Some(arg) = args.next() {
            match arg {
                ArgValue::Positional(v) => positional.push(v),
                ArgValue::Verbatim(t) => positional.push(Value::Str(t)),
                ArgValue::Named(name, inline) => {
                    let declared = spec.params.iter().find(|p| {
                        p.name.eq_ignore_ascii_case(&name)
                            || p.aliases.iter().any(|a| a.eq_ignore_ascii_case(&name))
                    });
                    let param = match (declared, common(&name)) {
                        (Some(p), _) => Some(p),
                        (None, Some(_)) => None,
                        (None, None) => {
                            let lower = name.to_ascii_lowercase();
                            let matches: Vec<&cmdlets::Param> = spec
                                .params
                                .iter()
                                .filter(|p| p.name.to_ascii_lowercase().starts_with(&lower))
                                .collect();
                            match matches.as_slice() {
                                [one] => Some(*one),
                                [] => {
                                    return Err(bind_error(BindError::NamedParameterNotFound(
                                        name.clone(),
                                    )));
                                }
                                many => {
                                    return Err(bind_error(BindError::AmbiguousParameter(
                                        name.clone(),
                                        many.iter().map(|p| p.name).collect(),
                                    )));
                                }
                            }
                        }
                    };
                    match param {
                        Some(p) => match p.kind {
                            ParamKind::Switch => {
                                call.values
                                    .insert(p.name, Value::Bool(inline.is_none_or(|v| v.truthy())));
                            }
                            ParamKind::Value(type_name) | ParamKind::Rest(type_name) => {
                                let value = match inline {
                                    Some(v) => v,
                                    None => match args.peek() {
                                        Some(ArgValue::Positional(_)) => match args.next() {
                                            Some(ArgValue::Positional(v)) => v,
                                            _ => Value::Null,
                                        },
                                        _ => {
                                            return Err(bind_error(BindError::MissingArgument(
                                                p.name, type_name,
                                            )));
                                        }
                                    },
                                };
                                call.values.insert(p.name, value);
                            }
                        },
                        None => {
                            let Some(c) = common(&name) else {
                                continue;
                            };
                            let takes_value = matches!(
                                c,
                                "ErrorAction"
                                    | "WarningAction"
                                    | "InformationAction"
                                    | "ErrorVariable"
                                    | "WarningVariable"
                                    | "OutVariable"
                                    | "OutBuffer"
                                    | "PipelineVariable"
                            );
                            let value = if takes_value {
                                match inline {
                                    Some(v) => v,
                                    None => match args.peek() {
                                        Some(ArgValue::Positional(_)) => match args.next() {
                                            Some(ArgValue::Positional(v)) => v,
                                            _ => Value::Null,
                                        },
                                        _ => {
                                            return Err(bind_error(BindError::MissingArgument(
                                                c,
                                                "System.Management.Automation.ActionPreference",
                                            )));
                                        }
                                    },
                                }
                            } else {
                                Value::Bool(inline.is_none_or(|v| v.truthy()))
                            };
                            match c {
                                "ErrorAction" => {
                                    let text = value.to_text();
                                    let known = [
                                        "SilentlyContinue",
                                        "Stop",
                                        "Continue",
                                        "Inquire",
                                        "Ignore",
                                        "Suspend",
                                    ];
                                    if !known.iter().any(|k| k.eq_ignore_ascii_case(&text)) {
                                        return Err(Flow::Throw(Box::new(ErrorRecord {
                                            source: spec.name.to_string(),
                                            message: format!(
                                                "Cannot bind parameter 'ErrorAction'. Cannot convert value \"{text}\" to type \"System.Management.Automation.ActionPreference\". Error: \"Unable to match the identifier name {text} to a valid enumerator name. Specify one of the following enumerator names and try again:\nSilentlyContinue, Stop, Continue, Inquire, Ignore, Suspend\""
                                            ),
                                            category: format!(
                                                "InvalidArgument: (:) [{}], ParameterBindingException",
                                                spec.name
                                            ),
                                            id: format!(
                                                "CannotConvertArgumentNoMessage,{}",
                                                spec.error_source()
                                            ),
                                            at: Some(at.clone()),
                                            script: self.script.clone(),
                                            statement_only: true,
                                        })));
                                    }
                                    call.values.insert("ErrorAction", Value::Str(text));
                                }
                                "Verbose" => call.verbose = value.truthy(),
                                "WhatIf" => call.what_if = value.truthy(),
                                "Confirm" => call.confirm = value.truthy(),
                                _ => {}
                            }
                        }
                    }
                }
            }
        }
        let mut slots: Vec<&cmdlets::Param> = spec
            .params
            .iter()
            .filter(|p| p.position.is_some() && !call.values.contains_key(p.name))
            .collect();
        slots.sort_by_key(|p| p.position);
        let mut slots = slots.into_iter();
        for v in positional {
            match slots.next() {
                Some(p) if matches!(p.kind, ParamKind::Rest(_)) => {
                    call.rest.push(v);
                    for _ in slots.by_ref() {}
                }
                Some(p) => {
                    call.values.insert(p.name, v);
                }
                None if spec
                    .params
                    .iter()
                    .any(|p| matches!(p.kind, ParamKind::Rest(_)))
                    && !call.rest.is_empty() =>
                {
                    call.rest.push(v)
                }
                None => {
                    let shown = match &v {
                        Value::Array(items) => items
                            .iter()
                            .map(Value::to_text)
                            .collect::<Vec<_>>()
                            .join(" "),
                        other => other.to_text(),
                    };
                    return Err(bind_error(BindError::PositionalParameterNotFound(shown)));
                }
            }
        }
        Ok(call)
    }

    /// Calls a function or script block with arguments bound to its `param()`.
    pub(crate) fn call_function(
        &mut self,
        block: &Block,
        args: Vec<ArgValue>,
        input: Option<Vec<Value>>,
    ) -> R<Vec<Value>> {
        let mut scope: BTreeMap<String, Value> = BTreeMap::new();
        let mut positional = Vec::new();
        let mut args = args.into_iter().peekable();
        while let Some(arg) = args.next() {
            match arg {
                ArgValue::Named(name, inline) => {
                    let lower = name.to_ascii_lowercase();
                    let param = block
                        .params
                        .iter()
                        .find(|p| p.name.eq_ignore_ascii_case(&lower))
                        .or_else(|| {
                            block
                                .params
                                .iter()
                                .find(|p| p.name.to_ascii_lowercase().starts_with(&lower))
                        });
                    match param {
                        Some(p) if p.type_name.as_deref() == Some("switch") => {
                            scope.insert(
                                p.name.to_ascii_lowercase(),
                                Value::Bool(inline.is_none_or(|v| v.truthy())),
                            );
                        }
                        Some(p) => {
                            let v = match inline {
                                Some(v) => v,
                                None => match args.peek() {
                                    Some(ArgValue::Positional(_)) => match args.next() {
                                        Some(ArgValue::Positional(v)) => v,
                                        _ => Value::Null,
                                    },
                                    _ => Value::Null,
                                },
                            };
                            scope.insert(p.name.to_ascii_lowercase(), v);
                        }
                        None => positional.push(Value::str(format!("-{name}"))),
                    }
                }
                ArgValue::Positional(v) => positional.push(v),
                ArgValue::Verbatim(t) => positional.push(Value::Str(t)),
            }
        }
        let mut rest = Vec::new();
        let mut free = block
            .params
            .iter()
            .filter(|p| p.type_name.as_deref() != Some("switch"));
        for v in positional {
            match free
                .by_ref()
                .find(|p| !scope.contains_key(&p.name.to_ascii_lowercase()))
            {
                Some(p) => {
                    scope.insert(p.name.to_ascii_lowercase(), v);
                }
                None => rest.push(v),
            }
        }
        for p in &block.params {
            let key = p.name.to_ascii_lowercase();
            if !scope.contains_key(&key) {
                let v = match &p.default {
                    Some(e) => self.eval(e)?,
                    None if p.type_name.as_deref() == Some("switch") => Value::Bool(false),
                    None => Value::Null,
                };
                scope.insert(key.clone(), v);
            }
            if let Some(t) = &p.type_name
                && let Some(v) = scope.get(&key).cloned()
                && !matches!(v, Value::Null)
            {
                let converted = super::methods::cast(self, t, v.clone()).unwrap_or(v);
                scope.insert(key, converted);
            }
        }
        scope.insert("args".into(), Value::Array(rest));
        if let Some(input) = input {
            scope.insert("input".into(), Value::Array(input.clone()));
            if let Some(last) = input.last() {
                scope.insert("_".into(), last.clone());
            }
        }
        self.call_block(block, scope)
    }
}

/// The error action a call's `-ErrorAction` asks for.
fn error_action_of(call: &Call) -> Option<ErrorAction> {
    let text = call.text("ErrorAction")?.to_ascii_lowercase();
    Some(match text.as_str() {
        "stop" => ErrorAction::Stop,
        "silentlycontinue" | "ignore" => ErrorAction::Silent,
        _ => ErrorAction::Continue,
    })
}

/// Arguments as a program receives them: values as text (quoted when they hold spaces),
/// arrays as separate arguments.
pub(crate) fn native_arguments(args: &[ArgValue]) -> String {
    let quote = |t: String| {
        if t.contains(char::is_whitespace) || t.is_empty() {
            format!("\"{t}\"")
        } else {
            t
        }
    };
    let mut words = Vec::new();
    for a in args {
        match a {
            ArgValue::Named(n, None) => words.push(format!("-{n}")),
            ArgValue::Named(n, Some(v)) => words.push(format!("-{n}:{}", v.to_text())),
            ArgValue::Positional(Value::Array(items)) => {
                words.extend(items.iter().map(|i| quote(i.to_text())));
            }
            ArgValue::Positional(v) => words.push(quote(v.to_text())),
            ArgValue::Verbatim(t) => words.push(t.clone()),
        }
    }
    words.join(" ")
}

/// A program's output as lines (what `$x = sc.exe query wuauserv` holds).
pub(crate) fn text_lines(text: &str) -> Vec<Value> {
    if text.is_empty() {
        return Vec::new();
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    body.split('\n')
        .map(|l| Value::str(l.trim_end_matches('\r')))
        .collect()
}
