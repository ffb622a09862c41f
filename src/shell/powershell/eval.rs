//! The PowerShell interpreter: runs parsed statements against the PC.
//!
//! An [`Interp`] holds the console's PowerShell state while a line or a script runs: the
//! variables (a global scope, one more per function call or script), the functions, `$?`
//! and `$LASTEXITCODE`. Statements give their output as values; at the top level each
//! statement's values are laid out by [`super::format`] and written to the console, in
//! order with what `Write-Host`, warnings and errors write directly.
//!
//! Control flow (`break`, `continue`, `return`, `exit`, `throw`, the step limit) travels as
//! the error side of a `Result` ([`Flow`]). Every statement, loop round and command costs
//! one step; after [`MAX_STEPS`] the line stops with a wusim note, so no input can hang.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::errors::ErrorRecord;
use super::format;
use super::parser::{Block, Element, Expr, Part, Pipeline, Position, Stmt};
use super::value::{self, Obj, Value, props};
use crate::shell::cmd::MAX_STEPS;
use crate::shell::context::{Control, Ctx};

/// What a console keeps of PowerShell between lines.
#[derive(Clone, Debug, Default)]
pub(crate) struct PsState {
    /// Global variables, by lower-case name.
    pub(crate) globals: BTreeMap<String, Value>,
    /// Functions, by lower-case name.
    pub(crate) functions: BTreeMap<String, Arc<Block>>,
    /// Started from cmd: `exit` goes back to it (else it closes the window).
    pub(crate) from_cmd: bool,
    /// `Set-ExecutionPolicy -Scope Process`, or `-ExecutionPolicy` given to powershell.exe.
    pub(crate) process_policy: Option<String>,
    /// `$?`.
    pub(crate) last_ok: bool,
    /// PowerShells started inside this one (`powershell` typed at its prompt): each
    /// `exit` leaves one.
    pub(crate) nested: u32,
}

/// Control flow leaving a statement early.
#[derive(Clone, Debug)]
pub(crate) enum Flow {
    /// `break`.
    Break,
    /// `continue`.
    Continue,
    /// `return`, with the output so far.
    Return(Vec<Value>),
    /// `exit N`.
    Exit(i32),
    /// A terminating error.
    Throw(Box<ErrorRecord>),
    /// Stop everything: the step limit, or a question waiting for the learner.
    Stop,
}

/// A statement's result.
pub(crate) type R<T> = Result<T, Flow>;

/// What `-ErrorAction` (or `$ErrorActionPreference`) says to do with an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ErrorAction {
    /// Show it and go on.
    Continue,
    /// Hide it and go on.
    Silent,
    /// Make it terminating.
    Stop,
}

/// The interpreter at work on one line or script.
pub(crate) struct Interp<'a, 'b> {
    /// The shell's context.
    pub(crate) ctx: &'a mut Ctx<'b>,
    /// The PowerShell state (taken from the console while running).
    pub(crate) state: PsState,
    /// Scopes of function calls and scripts, innermost last.
    scopes: Vec<BTreeMap<String, Value>>,
    /// What the console shows, so far.
    pub(crate) out: String,
    /// The script file running, for error positions.
    pub(crate) script: Option<String>,
    /// How deep in `try` blocks we are (statement-terminating errors are caught there).
    try_depth: usize,
    /// Function call depth (a guard against endless recursion).
    depth: usize,
    /// Error action of the command running (from `-ErrorAction`).
    pub(crate) error_action: Option<ErrorAction>,
}

/// The deepest function recursion allowed.
const MAX_CALL_DEPTH: usize = 100;

impl<'a, 'b> Interp<'a, 'b> {
    /// An interpreter over the console's state.
    pub(crate) fn new(ctx: &'a mut Ctx<'b>, state: PsState) -> Self {
        Interp {
            ctx,
            state,
            scopes: Vec::new(),
            out: String::new(),
            script: None,
            try_depth: 0,
            depth: 0,
            error_action: None,
        }
    }

    /// One step of work; the line stops after [`MAX_STEPS`].
    pub(crate) fn tick(&mut self) -> R<()> {
        self.ctx.con.steps += 1;
        if self.ctx.con.steps > MAX_STEPS {
            if self.ctx.con.control != Control::Abort {
                self.out.push_str(&format!(
                    "(wusim: stopped after {MAX_STEPS} steps on one line: is the script looping? Nothing else was run.)\n"
                ));
            }
            self.ctx.con.control = Control::Abort;
            return Err(Flow::Stop);
        }
        Ok(())
    }

    /// Enters a new scope (a script's).
    pub(crate) fn push_scope(&mut self, scope: BTreeMap<String, Value>) {
        self.scopes.push(scope);
    }

    /// Leaves the innermost scope.
    pub(crate) fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    /// Sets the scopes aside (a fresh `powershell.exe` sees none of them).
    pub(crate) fn take_scopes(&mut self) -> Vec<BTreeMap<String, Value>> {
        std::mem::take(&mut self.scopes)
    }

    /// Puts scopes set aside back.
    pub(crate) fn restore_scopes(&mut self, scopes: Vec<BTreeMap<String, Value>>) {
        self.scopes = scopes;
    }

    // ---- variables ----

    /// A variable's value (`$null` when unset).
    pub(crate) fn get_var(&self, name: &str) -> Value {
        let full = name.to_ascii_lowercase();
        let lower = strip_scope(&full);
        if let Some(env) = lower.strip_prefix("env:") {
            return match self.ctx.con.env.get(env) {
                Some(v) => Value::str(v),
                None => Value::Null,
            };
        }
        match lower {
            "true" => return Value::Bool(true),
            "false" => return Value::Bool(false),
            "null" => return Value::Null,
            "?" => return Value::Bool(self.state.last_ok),
            "pwd" => return Value::str(&self.ctx.con.cwd),
            "home" => return Value::str("C:\\Users\\Admin"),
            "pshome" => return Value::str("C:\\Windows\\System32\\WindowsPowerShell\\v1.0"),
            "psversiontable" => return self.version_table(),
            "host" => {
                return Value::object(Obj::new(
                    "System.Management.Automation.Internal.Host.InternalHost",
                    props([
                        ("Name", Value::str("ConsoleHost")),
                        ("Version", Value::str("5.1")),
                    ]),
                ));
            }
            _ => {}
        }
        for scope in self.scopes.iter().rev() {
            if let Some(v) = scope.get(lower) {
                return v.clone();
            }
        }
        self.state
            .globals
            .get(lower)
            .cloned()
            .unwrap_or(Value::Null)
    }

    fn version_table(&self) -> Value {
        let build = self.ctx.pc.device().os.build_string();
        let major_build = build.split('.').next().unwrap_or_default().to_string();
        let version = format!("5.1.{major_build}.1");
        Value::Hash(vec![
            (
                "PSVersion".into(),
                Value::object(Obj {
                    text: Some(version.clone()),
                    ..Obj::new(
                        "System.Version",
                        props([
                            ("Major", Value::Int(5)),
                            ("Minor", Value::Int(1)),
                            ("Build", Value::Int(major_build.parse().unwrap_or(0))),
                            ("Revision", Value::Int(1)),
                        ]),
                    )
                }),
            ),
            ("PSEdition".into(), Value::str("Desktop")),
            ("BuildVersion".into(), Value::str(format!("10.0.{build}"))),
            ("CLRVersion".into(), Value::str("4.0.30319.42000")),
        ])
    }

    /// Sets a variable in the innermost scope (`$env:` names set the environment).
    pub(crate) fn set_var(&mut self, name: &str, value: Value) {
        let lower = name.to_ascii_lowercase();
        if let Some(env) = strip_scope(&lower).strip_prefix("env:") {
            let env = env.to_string();
            let original = name
                .split_once(':')
                .map_or(env.clone(), |(_, n)| n.to_string());
            // Setting an empty value removes the variable, as `set NAME=` does.
            self.ctx.con.env.set(&original, &value.to_text());
            return;
        }
        let global = lower.starts_with("global:");
        let bare = strip_scope(&lower).to_string();
        match self.scopes.last_mut() {
            Some(scope) if !global => {
                scope.insert(bare, value);
            }
            _ => {
                self.state.globals.insert(bare, value);
            }
        }
    }

    /// Sets `$?`.
    pub(crate) fn set_ok(&mut self, ok: bool) {
        self.state.last_ok = ok;
    }

    /// The error action in force: the command's `-ErrorAction`, else
    /// `$ErrorActionPreference`.
    pub(crate) fn current_error_action(&self) -> ErrorAction {
        if let Some(a) = self.error_action {
            return a;
        }
        match self
            .get_var("ErrorActionPreference")
            .to_text()
            .to_ascii_lowercase()
            .as_str()
        {
            "stop" => ErrorAction::Stop,
            "silentlycontinue" | "ignore" => ErrorAction::Silent,
            _ => ErrorAction::Continue,
        }
    }

    /// A non-terminating error from a command: shown, hidden, or turned terminating, as
    /// the error action says. `$?` becomes false.
    pub(crate) fn write_error(&mut self, record: ErrorRecord) -> R<()> {
        self.set_ok(false);
        self.remember_error(&record);
        match self.current_error_action() {
            ErrorAction::Continue => {
                self.out.push_str(&record.render());
                Ok(())
            }
            ErrorAction::Silent => Ok(()),
            ErrorAction::Stop => Err(Flow::Throw(Box::new(ErrorRecord {
                statement_only: false,
                ..record
            }))),
        }
    }

    fn remember_error(&mut self, record: &ErrorRecord) {
        let mut errors = self
            .state
            .globals
            .get("error")
            .cloned()
            .unwrap_or(Value::Null)
            .into_items();
        errors.insert(0, record.to_value());
        errors.truncate(256);
        self.state
            .globals
            .insert("error".into(), Value::Array(errors));
    }

    // ---- statements ----

    /// Runs a block's statements; their output.
    pub(crate) fn run_block(&mut self, block: &Block) -> R<Vec<Value>> {
        let mut output = Vec::new();
        for stmt in &block.stmts {
            match self.exec(stmt) {
                Ok(values) => output.extend(values),
                Err(Flow::Throw(record)) if record.statement_only && self.try_depth == 0 => {
                    self.set_ok(false);
                    self.remember_error(&record);
                    self.out.push_str(&record.render());
                }
                Err(Flow::Return(mut rest)) => {
                    output.append(&mut rest);
                    return Err(Flow::Return(output));
                }
                Err(other) => {
                    // Output written before the jump still counts.
                    if !output.is_empty() {
                        let text = format::format_values(&output);
                        self.out.push_str(&text);
                    }
                    return Err(other);
                }
            }
        }
        Ok(output)
    }

    /// Runs a statement; its output.
    pub(crate) fn exec(&mut self, stmt: &Stmt) -> R<Vec<Value>> {
        self.tick()?;
        match stmt {
            Stmt::Pipeline(p) => self.pipeline(p, None),
            Stmt::Assign { target, op, value } => {
                self.assign(target, op, value.as_deref())?;
                Ok(Vec::new())
            }
            Stmt::If { clauses, otherwise } => {
                for (cond, body) in clauses {
                    if self.condition(cond)? {
                        return self.run_block(body);
                    }
                }
                match otherwise {
                    Some(body) => self.run_block(body),
                    None => Ok(Vec::new()),
                }
            }
            Stmt::Foreach { var, list, body } => {
                let items = Value::from_items(self.pipeline(list, None)?).into_items();
                let mut output = Vec::new();
                for item in items {
                    self.tick()?;
                    self.set_var(var, item);
                    if !self.loop_body(body, &mut output)? {
                        break;
                    }
                }
                Ok(output)
            }
            Stmt::While(cond, body) => {
                let mut output = Vec::new();
                while self.condition(cond)? {
                    self.tick()?;
                    if !self.loop_body(body, &mut output)? {
                        break;
                    }
                }
                Ok(output)
            }
            Stmt::DoLoop(body, cond, until) => {
                let mut output = Vec::new();
                loop {
                    self.tick()?;
                    if !self.loop_body(body, &mut output)? {
                        break;
                    }
                    if self.condition(cond)? == *until {
                        break;
                    }
                }
                Ok(output)
            }
            Stmt::For {
                init,
                cond,
                step,
                body,
            } => {
                let mut output = Vec::new();
                if let Some(init) = init {
                    output.extend(self.exec(init)?);
                }
                loop {
                    self.tick()?;
                    if let Some(cond) = cond
                        && !self.condition(cond)?
                    {
                        break;
                    }
                    if !self.loop_body(body, &mut output)? {
                        break;
                    }
                    if let Some(step) = step {
                        output.extend(self.exec(step)?);
                    }
                }
                Ok(output)
            }
            Stmt::Try {
                body,
                catches,
                finally,
            } => {
                self.try_depth += 1;
                let result = self.run_block(body);
                self.try_depth -= 1;
                let result = match result {
                    Err(Flow::Throw(record)) if !catches.is_empty() => {
                        self.set_ok(false);
                        self.remember_error(&record);
                        let saved = self.get_var("_");
                        self.set_var("_", record.to_value());
                        self.set_var("PSItem", record.to_value());
                        let r = self.run_block(&catches[0]);
                        self.set_var("_", saved.clone());
                        self.set_var("PSItem", saved);
                        r
                    }
                    other => other,
                };
                if let Some(finally) = finally {
                    let mut more = self.run_block(finally)?;
                    return result.map(|mut v| {
                        v.append(&mut more);
                        v
                    });
                }
                result
            }
            Stmt::Function(name, body) => {
                self.state
                    .functions
                    .insert(name.to_ascii_lowercase(), body.clone());
                Ok(Vec::new())
            }
            Stmt::Throw(value, at) => {
                let value = match value {
                    Some(p) => Value::from_items(self.pipeline(p, None)?),
                    None => Value::str("ScriptHalted"),
                };
                if let Value::Object(o) = &value
                    && o.type_name == "System.Management.Automation.ErrorRecord"
                {
                    let message = value.to_text();
                    return Err(Flow::Throw(Box::new(ErrorRecord {
                        message: message.clone(),
                        category: format!(
                            "OperationStopped: ({message}:String) [], RuntimeException"
                        ),
                        id: o
                            .get("FullyQualifiedErrorId")
                            .map(Value::to_text)
                            .unwrap_or_default(),
                        at: Some(at.clone()),
                        script: self.script.clone(),
                        ..ErrorRecord::default()
                    })));
                }
                let message = value.to_text();
                Err(Flow::Throw(Box::new(ErrorRecord {
                    source: String::new(),
                    message: message.clone(),
                    category: format!("OperationStopped: ({message}:String) [], RuntimeException"),
                    id: message,
                    at: Some(Position {
                        len: at
                            .line_text
                            .chars()
                            .count()
                            .saturating_sub(at.col - 1)
                            .max(1),
                        ..at.clone()
                    }),
                    script: self.script.clone(),
                    statement_only: false,
                })))
            }
            Stmt::Return(value) => {
                let values = match value {
                    Some(p) => self.pipeline(p, None)?,
                    None => Vec::new(),
                };
                Err(Flow::Return(values))
            }
            Stmt::Exit(value) => {
                let code = match value {
                    Some(p) => Value::from_items(self.pipeline(p, None)?)
                        .as_int()
                        .unwrap_or(0),
                    None => 0,
                };
                Err(Flow::Exit(i32::try_from(code).unwrap_or(0)))
            }
            Stmt::Break => Err(Flow::Break),
            Stmt::Continue => Err(Flow::Continue),
        }
    }

    /// Runs a loop body; false when the loop must end (`break`).
    fn loop_body(&mut self, body: &Block, output: &mut Vec<Value>) -> R<bool> {
        match self.run_block(body) {
            Ok(v) => {
                output.extend(v);
                Ok(true)
            }
            Err(Flow::Break) => Ok(false),
            Err(Flow::Continue) => Ok(true),
            Err(Flow::Return(mut v)) => {
                output.append(&mut v);
                Err(Flow::Return(std::mem::take(output)))
            }
            Err(other) => Err(other),
        }
    }

    fn condition(&mut self, cond: &Pipeline) -> R<bool> {
        let values = self.pipeline(cond, None)?;
        Ok(Value::from_items(values).truthy())
    }

    fn assign(&mut self, target: &Expr, op: &str, value: Option<&Stmt>) -> R<()> {
        let new = match value {
            // `$a = @(x)` keeps an array of one.
            Some(Stmt::Pipeline(p))
                if matches!(p.elements.as_slice(), [Element::Expr(Expr::ArraySub(_))]) =>
            {
                Value::Array(self.exec(value.unwrap_or(&Stmt::Break))?)
            }
            Some(stmt) => Value::from_items(self.exec(stmt)?),
            None => Value::Int(1),
        };
        let result = match op {
            "=" => new,
            _ => {
                let old = self.eval(target)?;
                let bin = match op {
                    "+=" | "++" => "+",
                    "-=" | "--" => "-",
                    "*=" => "*",
                    _ => "/",
                };
                self.binary(bin, old, new)?
            }
        };
        match target {
            Expr::Var(name) => {
                self.set_var(name, result);
                Ok(())
            }
            Expr::Member(base, member) => {
                let member = self.eval(member)?.to_text();
                if let Expr::Var(name) = base.as_ref() {
                    let updated = match self.get_var(name) {
                        Value::Hash(mut pairs) => {
                            match pairs
                                .iter_mut()
                                .find(|(k, _)| k.eq_ignore_ascii_case(&member))
                            {
                                Some(pair) => pair.1 = result,
                                None => pairs.push((member, result)),
                            }
                            Value::Hash(pairs)
                        }
                        Value::Object(o) => {
                            let mut o = (*o).clone();
                            match o
                                .props
                                .iter_mut()
                                .find(|(k, _)| k.eq_ignore_ascii_case(&member))
                            {
                                Some(pair) => pair.1 = result,
                                None => o.props.push((member, result)),
                            }
                            Value::object(o)
                        }
                        _ => return Ok(()),
                    };
                    self.set_var(name, updated);
                }
                Ok(())
            }
            Expr::Index(base, index) => {
                let index = self.eval(index)?;
                if let Expr::Var(name) = base.as_ref() {
                    let updated = match self.get_var(name) {
                        Value::Hash(mut pairs) => {
                            let key = index.to_text();
                            match pairs.iter_mut().find(|(k, _)| k.eq_ignore_ascii_case(&key)) {
                                Some(pair) => pair.1 = result,
                                None => pairs.push((key, result)),
                            }
                            Value::Hash(pairs)
                        }
                        Value::Array(mut items) => {
                            if let Some(i) = index.as_int().and_then(|i| usize::try_from(i).ok())
                                && let Some(slot) = items.get_mut(i)
                            {
                                *slot = result;
                            }
                            Value::Array(items)
                        }
                        other => other,
                    };
                    self.set_var(name, updated);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Runs a pipeline; its output. `input` feeds its first element.
    pub(crate) fn pipeline(&mut self, p: &Pipeline, input: Option<Vec<Value>>) -> R<Vec<Value>> {
        let mut flowing = input;
        for element in &p.elements {
            let values = match element {
                Element::Expr(e) => {
                    let v = self.eval(e)?;
                    self.set_ok(true);
                    v.into_items()
                }
                Element::Command(c) => self.call(c, flowing.take())?,
            };
            flowing = Some(values);
        }
        let values = flowing.unwrap_or_default();
        if let Some((target, append)) = &p.redirect {
            let path = self.eval(target)?.to_text();
            super::cmdlets::files::out_file(self, &path, &values, *append)?;
            return Ok(Vec::new());
        }
        Ok(values)
    }

    // ---- expressions ----

    /// Evaluates an expression.
    pub(crate) fn eval(&mut self, e: &Expr) -> R<Value> {
        match e {
            Expr::Const(v) => Ok(v.clone()),
            Expr::Var(name) => Ok(self.get_var(name)),
            Expr::Expand(parts) => {
                let mut text = String::new();
                for part in parts {
                    match part {
                        Part::Text(t) => text.push_str(t),
                        Part::Var(name) => text.push_str(&self.get_var(name).to_text()),
                        Part::Sub(block) => {
                            let v = self.run_block(block)?;
                            text.push_str(&Value::from_items(v).to_text());
                        }
                    }
                }
                Ok(Value::Str(text))
            }
            Expr::Member(base, member) => {
                let base = self.eval(base)?;
                let member = self.eval(member)?.to_text();
                Ok(base.property(&member))
            }
            Expr::Method(base, name, args) => {
                let target = self.eval(base)?;
                let mut values = Vec::new();
                for a in args {
                    values.push(self.eval(a)?);
                }
                super::methods::call(self, base, target, name, &values)
            }
            Expr::Index(base, index) => {
                let base = self.eval(base)?;
                let index = self.eval(index)?;
                Ok(index_value(&base, &index))
            }
            Expr::Static(type_name, member, args) => {
                super::methods::static_member(self, type_name, member, args.as_deref())
            }
            Expr::Cast(type_name, operand) => {
                let v = self.eval(operand)?;
                super::methods::cast(self, type_name, v)
            }
            Expr::Unary(op, operand) => {
                let v = self.eval(operand)?;
                Ok(match op.as_str() {
                    "not" => Value::Bool(!v.truthy()),
                    "-" => match v {
                        Value::Int(n) => Value::Int(n.saturating_neg()),
                        other => Value::Float(-other.as_number().unwrap_or(0.0)),
                    },
                    "join" => Value::str(
                        v.into_items()
                            .iter()
                            .map(Value::to_text)
                            .collect::<String>(),
                    ),
                    _ => Value::Array(v.to_text().split_whitespace().map(Value::str).collect()),
                })
            }
            Expr::Binary(op, left, right) => {
                if op == "and" {
                    let l = self.eval(left)?.truthy();
                    return Ok(Value::Bool(l && self.eval(right)?.truthy()));
                }
                if op == "or" {
                    let l = self.eval(left)?.truthy();
                    return Ok(Value::Bool(l || self.eval(right)?.truthy()));
                }
                let l = self.eval(left)?;
                let r = self.eval(right)?;
                self.binary(op, l, r)
            }
            Expr::List(items) => {
                let mut values = Vec::new();
                for i in items {
                    values.push(self.eval(i)?);
                }
                Ok(Value::Array(values))
            }
            Expr::Range(a, b) => {
                let a = self.eval(a)?.as_int().unwrap_or(0);
                let b = self.eval(b)?.as_int().unwrap_or(0);
                if a.abs_diff(b) > u64::from(MAX_STEPS) {
                    return Err(Flow::Throw(Box::new(ErrorRecord {
                        message: "The range is too large for the practice shell.".to_string(),
                        category: "InvalidOperation: (:) [], RuntimeException".to_string(),
                        id: "RangeTooLarge".to_string(),
                        statement_only: true,
                        ..ErrorRecord::default()
                    })));
                }
                let values: Vec<Value> = if a <= b {
                    (a..=b).map(Value::Int).collect()
                } else {
                    (b..=a).rev().map(Value::Int).collect()
                };
                Ok(Value::Array(values))
            }
            Expr::Paren(stmt) => {
                let values = match stmt.as_ref() {
                    Stmt::Assign { target, .. } => {
                        self.exec(stmt)?;
                        vec![self.eval(target)?]
                    }
                    other => self.exec(other)?,
                };
                Ok(Value::from_items(values))
            }
            Expr::Sub(block) => Ok(Value::from_items(self.run_block(block)?)),
            Expr::ArraySub(block) => Ok(Value::Array(self.run_block(block)?)),
            Expr::Hash(pairs) => {
                let mut out = Vec::new();
                for (k, v) in pairs {
                    let key = self.eval(k)?.to_text();
                    let value = Value::from_items(self.exec(v)?);
                    out.push((key, value));
                }
                Ok(Value::Hash(out))
            }
            Expr::ScriptBlock(b) => Ok(Value::Block(b.clone())),
        }
    }

    /// A binary operator on two values.
    pub(crate) fn binary(&mut self, op: &str, l: Value, r: Value) -> R<Value> {
        Ok(match op {
            "concat" => Value::Str(format!("{}{}", l.to_text(), r.to_text())),
            "+" => match (&l, &r) {
                (Value::Str(a), b) => Value::Str(format!("{a}{}", b.to_text())),
                (Value::Array(a), b) => {
                    let mut items = a.clone();
                    items.extend(b.clone().into_items());
                    Value::Array(items)
                }
                (Value::Int(a), Value::Int(b)) => Value::Int(a.saturating_add(*b)),
                (Value::Null, b) => b.clone(),
                (Value::Hash(a), Value::Hash(b)) => {
                    let mut pairs = a.clone();
                    pairs.extend(b.iter().cloned());
                    Value::Hash(pairs)
                }
                _ => self.arith(&l, &r, |a, b| a + b)?,
            },
            "-" => match (&l, &r) {
                (Value::Int(a), Value::Int(b)) => Value::Int(a.saturating_sub(*b)),
                _ => self.arith(&l, &r, |a, b| a - b)?,
            },
            "*" => match (&l, &r) {
                (Value::Int(a), Value::Int(b)) => Value::Int(a.saturating_mul(*b)),
                (Value::Str(s), Value::Int(n)) => {
                    Value::Str(s.repeat(usize::try_from(*n).unwrap_or(0).min(10_000)))
                }
                _ => self.arith(&l, &r, |a, b| a * b)?,
            },
            "/" => {
                let b = r.as_number().unwrap_or(0.0);
                if b == 0.0 {
                    return Err(Flow::Throw(Box::new(ErrorRecord {
                        message: "Attempted to divide by zero.".to_string(),
                        category: "NotSpecified: (:) [], RuntimeException".to_string(),
                        id: "RuntimeException".to_string(),
                        statement_only: true,
                        ..ErrorRecord::default()
                    })));
                }
                let q = l.as_number().unwrap_or(0.0) / b;
                if q.fract() == 0.0 && q.abs() < 9.0e18 {
                    Value::Int(q as i64)
                } else {
                    Value::Float(q)
                }
            }
            "%" => match (l.as_int(), r.as_int()) {
                (Some(a), Some(b)) if b != 0 => Value::Int(a % b),
                _ => Value::Int(0),
            },
            "f" => Value::Str(format_operator(&l.to_text(), &r.into_items())),
            "split" => Value::Array(
                l.to_text()
                    .split(r.to_text().as_str())
                    .map(Value::str)
                    .collect(),
            ),
            "join" => Value::Str(
                l.into_items()
                    .iter()
                    .map(Value::to_text)
                    .collect::<Vec<_>>()
                    .join(&r.to_text()),
            ),
            "replace" => {
                let (pattern, with) = match r {
                    Value::Array(items) => (
                        items.first().map(Value::to_text).unwrap_or_default(),
                        items.get(1).map(Value::to_text).unwrap_or_default(),
                    ),
                    other => (other.to_text(), String::new()),
                };
                Value::Str(super::regex::replace(&l.to_text(), &pattern, &with))
            }
            "is" | "isnot" => {
                let t = r.to_text().trim_matches(['[', ']']).to_ascii_lowercase();
                let is = match t.as_str() {
                    "string" | "system.string" => matches!(l, Value::Str(_)),
                    "int" | "int32" | "long" => matches!(l, Value::Int(_)),
                    "array" | "object[]" => matches!(l, Value::Array(_)),
                    "hashtable" => matches!(l, Value::Hash(_)),
                    _ => l.type_name().to_ascii_lowercase().ends_with(&t),
                };
                Value::Bool(is == (op == "is"))
            }
            "as" => super::methods::cast(self, &r.to_text().to_ascii_lowercase(), l)
                .unwrap_or(Value::Null),
            _ => compare_op(op, &l, &r),
        })
    }

    fn arith(&self, l: &Value, r: &Value, f: impl Fn(f64, f64) -> f64) -> R<Value> {
        match (l.as_number(), r.as_number()) {
            (Some(a), Some(b)) => {
                let v = f(a, b);
                Ok(
                    if v.fract() == 0.0
                        && v.abs() < 9.0e18
                        && matches!(l, Value::Int(_))
                        && matches!(r, Value::Int(_) | Value::Str(_))
                    {
                        Value::Int(v as i64)
                    } else {
                        Value::Float(v)
                    },
                )
            }
            _ => Err(Flow::Throw(Box::new(ErrorRecord {
                message: format!(
                    "Cannot convert value \"{}\" to type \"System.Int32\". Error: \"Input string was not in a correct format.\"",
                    r.to_text()
                ),
                category: "InvalidArgument: (:) [], RuntimeException".to_string(),
                id: "InvalidCastFromStringToInteger".to_string(),
                statement_only: true,
                ..ErrorRecord::default()
            }))),
        }
    }

    // ---- script blocks and functions ----

    /// Runs a script block with `$_` set to `item` (for `ForEach-Object`, `Where-Object`).
    pub(crate) fn run_with_item(&mut self, block: &Block, item: &Value) -> R<Vec<Value>> {
        let saved = self.get_var("_");
        self.set_var("_", item.clone());
        self.set_var("PSItem", item.clone());
        let result = match self.run_block(block) {
            Err(Flow::Return(v)) => Ok(v),
            other => other,
        };
        self.set_var("_", saved.clone());
        self.set_var("PSItem", saved);
        result
    }

    /// Calls a function (or a script) with bound parameters in a new scope.
    pub(crate) fn call_block(
        &mut self,
        block: &Block,
        scope: BTreeMap<String, Value>,
    ) -> R<Vec<Value>> {
        if self.depth >= MAX_CALL_DEPTH {
            return Err(Flow::Throw(Box::new(ErrorRecord {
                message: "The script failed due to call depth overflow.".to_string(),
                category: "InvalidOperation: (0:Int32) [], ParentContainsErrorRecordException"
                    .to_string(),
                id: "CallDepthOverflow".to_string(),
                ..ErrorRecord::default()
            })));
        }
        self.depth += 1;
        self.scopes.push(scope);
        let result = self.run_block(block);
        self.scopes.pop();
        self.depth -= 1;
        match result {
            Err(Flow::Return(v)) => Ok(v),
            other => other,
        }
    }
}

/// `$script:x` and `$global:x` name `x`.
fn strip_scope(lower: &str) -> &str {
    for prefix in ["global:", "script:", "local:", "private:"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return rest;
        }
    }
    lower
}

/// `x[i]`: arrays (negative from the end, arrays of indexes), hashtables, strings.
fn index_value(base: &Value, index: &Value) -> Value {
    match (base, index) {
        (Value::Hash(pairs), key) => {
            let key = key.to_text();
            pairs
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(&key))
                .map(|(_, v)| v.clone())
                .unwrap_or(Value::Null)
        }
        (_, Value::Array(indexes)) => {
            Value::Array(indexes.iter().map(|i| index_value(base, i)).collect())
        }
        (Value::Array(items), i) => {
            let Some(i) = i.as_int() else {
                return Value::Null;
            };
            let len = items.len() as i64;
            let i = if i < 0 { len + i } else { i };
            usize::try_from(i)
                .ok()
                .and_then(|i| items.get(i))
                .cloned()
                .unwrap_or(Value::Null)
        }
        (Value::Str(s), i) => {
            let Some(i) = i.as_int().and_then(|i| usize::try_from(i).ok()) else {
                return Value::Null;
            };
            s.chars()
                .nth(i)
                .map(|c| Value::str(c.to_string()))
                .unwrap_or(Value::Null)
        }
        (other, i) if i.as_int() == Some(0) => other.clone(),
        _ => Value::Null,
    }
}

/// The comparison operators; on an array on the left they filter it.
pub(crate) fn compare_op(op: &str, l: &Value, r: &Value) -> Value {
    if let Value::Array(items) = l
        && !matches!(op, "contains" | "notcontains")
    {
        return Value::Array(
            items
                .iter()
                .filter(|i| compare_op(op, i, r).truthy())
                .cloned()
                .collect(),
        );
    }
    let result = match op {
        "eq" => value::equals(l, r),
        "ne" => !value::equals(l, r),
        "gt" => value::compare(l, r) == Ordering::Greater,
        "ge" => value::compare(l, r) != Ordering::Less,
        "lt" => value::compare(l, r) == Ordering::Less,
        "le" => value::compare(l, r) != Ordering::Greater,
        "like" => crate::shell::names::wildcard_match(&r.to_text(), &l.to_text()),
        "notlike" => !crate::shell::names::wildcard_match(&r.to_text(), &l.to_text()),
        "match" => super::regex::is_match(&r.to_text(), &l.to_text()),
        "notmatch" => !super::regex::is_match(&r.to_text(), &l.to_text()),
        "contains" => l.clone().into_items().iter().any(|i| value::equals(i, r)),
        "notcontains" => !l.clone().into_items().iter().any(|i| value::equals(i, r)),
        "in" => r.clone().into_items().iter().any(|i| value::equals(i, l)),
        "notin" => !r.clone().into_items().iter().any(|i| value::equals(i, l)),
        "xor" => l.truthy() != r.truthy(),
        _ => false,
    };
    Value::Bool(result)
}

/// `"{0} is {1}" -f $a, $b`.
fn format_operator(template: &str, args: &[Value]) -> String {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let mut spec = String::new();
                for d in chars.by_ref() {
                    if d == '}' {
                        break;
                    }
                    spec.push(d);
                }
                let index = spec.split([',', ':']).next().unwrap_or_default().trim();
                let value = index
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| args.get(i))
                    .map(Value::to_text)
                    .unwrap_or_default();
                let width = spec
                    .split_once(',')
                    .and_then(|(_, w)| w.split(':').next())
                    .and_then(|w| w.trim().parse::<i64>().ok());
                match width {
                    Some(w) if w < 0 => out.push_str(&format!(
                        "{value:<width$}",
                        width = usize::try_from(-w).unwrap_or(0).min(200)
                    )),
                    Some(w) => out.push_str(&format!(
                        "{value:>width$}",
                        width = usize::try_from(w).unwrap_or(0).min(200)
                    )),
                    None => out.push_str(&value),
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons_and_formatting() {
        assert!(compare_op("like", &Value::str("wuauserv"), &Value::str("wu*")).truthy());
        assert!(
            compare_op(
                "contains",
                &Value::Array(vec![Value::str("a"), Value::str("B")]),
                &Value::str("b")
            )
            .truthy()
        );
        assert!(
            compare_op(
                "in",
                &Value::str("b"),
                &Value::Array(vec![Value::str("a"), Value::str("B")])
            )
            .truthy()
        );
        let filtered = compare_op(
            "gt",
            &Value::Array(vec![Value::Int(1), Value::Int(5)]),
            &Value::Int(2),
        );
        assert!(matches!(filtered, Value::Array(v) if v.len() == 1));
        assert_eq!(
            format_operator("{0} is {1,-8}|", &[Value::str("a"), Value::str("b")]),
            "a is b       |"
        );
        assert!(matches!(
            index_value(
                &Value::Array(vec![Value::Int(1), Value::Int(2)]),
                &Value::Int(-1)
            ),
            Value::Int(2)
        ));
    }
}
