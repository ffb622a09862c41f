//! The PowerShell parser: a script's text into statements ([`Stmt`]), pipelines of
//! commands and expressions, and expressions ([`Expr`]) with PowerShell's precedence.
//!
//! Commands are read in argument mode (`Get-Service -Name wuauserv, BITS`: barewords are
//! strings, `$env:windir\SoftwareDistribution` is one expandable word, `-Name:x` a parameter
//! with its value), everything else in expression mode. Each command remembers where it
//! stands in the text, for the `At line:N char:M` lines of PowerShell's error blocks.
//! Errors are PowerShell's parser messages; [`is_open`] tells whether a typed line leaves a
//! block, a parenthesis or a string open (the prompt then shows `>> `).

use std::sync::Arc;

use super::lexer::{Cursor, ends_word};
use super::value::{Value, parse_number};

/// A block of statements: a script, a function body, a `{ }` script block.
#[derive(Clone, Debug, Default)]
pub(crate) struct Block {
    /// `param(...)` at its start.
    pub(crate) params: Vec<Param>,
    /// The statements.
    pub(crate) stmts: Vec<Stmt>,
    /// Its source text, braces excluded.
    pub(crate) text: String,
}

/// A declared parameter: `[string]$Name = 'x'`.
#[derive(Clone, Debug)]
pub(crate) struct Param {
    /// The name, without `$`.
    pub(crate) name: String,
    /// The type constraint, lower case (`string`, `int`, `switch`), if any.
    pub(crate) type_name: Option<String>,
    /// The default value.
    pub(crate) default: Option<Expr>,
}

/// A statement.
#[derive(Clone, Debug)]
pub(crate) enum Stmt {
    /// A pipeline (or a lone expression).
    Pipeline(Pipeline),
    /// `$x = ...`, `$x += ...`, `$x++`.
    Assign {
        /// What is assigned to.
        target: Expr,
        /// `=`, `+=`, `-=`, `*=`, `/=`, `++`, `--`.
        op: String,
        /// The value (none for `++`/`--`).
        value: Option<Box<Stmt>>,
    },
    /// `if`/`elseif`/`else`.
    If {
        /// Conditions and their blocks.
        clauses: Vec<(Pipeline, Block)>,
        /// The `else` block.
        otherwise: Option<Block>,
    },
    /// `foreach ($x in ...) { }`.
    Foreach {
        /// The loop variable.
        var: String,
        /// The collection.
        list: Pipeline,
        /// The body.
        body: Block,
    },
    /// `while (...) { }`.
    While(Pipeline, Block),
    /// `do { } while (...)` (`until` when `.2`).
    DoLoop(Block, Pipeline, bool),
    /// `for (init; cond; step) { }`.
    For {
        /// Runs first.
        init: Option<Box<Stmt>>,
        /// Checked before each round.
        cond: Option<Pipeline>,
        /// Runs after each round.
        step: Option<Box<Stmt>>,
        /// The body.
        body: Block,
    },
    /// `try { } catch { } finally { }`.
    Try {
        /// The guarded block.
        body: Block,
        /// The catch blocks (their type filters are ignored).
        catches: Vec<Block>,
        /// The finally block.
        finally: Option<Block>,
    },
    /// `function Name { }`.
    Function(String, Arc<Block>),
    /// `throw [value]`.
    Throw(Option<Pipeline>, Position),
    /// `return [value]`.
    Return(Option<Pipeline>),
    /// `exit [code]`.
    Exit(Option<Pipeline>),
    /// `break`.
    Break,
    /// `continue`.
    Continue,
}

/// Where something stands in the script: for error blocks.
#[derive(Clone, Debug, Default)]
pub(crate) struct Position {
    /// 1-based line.
    pub(crate) line: usize,
    /// 1-based column.
    pub(crate) col: usize,
    /// The whole line's text.
    pub(crate) line_text: String,
    /// How many characters the failing token covers.
    pub(crate) len: usize,
}

/// A pipeline: elements joined by `|`.
#[derive(Clone, Debug)]
pub(crate) struct Pipeline {
    /// The elements, first to last.
    pub(crate) elements: Vec<Element>,
    /// Output redirection: `> file` (false) or `>> file` (true).
    pub(crate) redirect: Option<(Expr, bool)>,
}

/// One element of a pipeline.
#[derive(Clone, Debug)]
pub(crate) enum Element {
    /// An expression (only first in a pipeline).
    Expr(Expr),
    /// A command.
    Command(Command),
}

/// A command call.
#[derive(Clone, Debug)]
pub(crate) struct Command {
    /// The name as typed, or an expression after `&` (or `.`).
    pub(crate) name: CommandName,
    /// The arguments in order.
    pub(crate) args: Vec<Arg>,
    /// Where the command's name stands.
    pub(crate) at: Position,
    /// `2>$null`, `2>&1`... or `*>$null`: error output is discarded.
    pub(crate) errors_to_null: bool,
}

/// How a command is named.
#[derive(Clone, Debug)]
pub(crate) enum CommandName {
    /// A bare name: `Get-Service`, `sc.exe`, `.\reset.ps1`.
    Bare(String),
    /// `& <expr>` or `. <expr>`.
    Expr(Expr),
}

/// An argument.
#[derive(Clone, Debug)]
pub(crate) enum Arg {
    /// `-Name` (with `-Name:value`'s value).
    Param(String, Option<Expr>),
    /// A value.
    Value(Expr),
    /// Everything after `--%`, verbatim.
    Verbatim(String),
}

/// A piece of an expandable string.
#[derive(Clone, Debug)]
pub(crate) enum Part {
    /// Literal text.
    Text(String),
    /// `$name`.
    Var(String),
    /// `$(...)`.
    Sub(Block),
}

/// An expression.
#[derive(Clone, Debug)]
pub(crate) enum Expr {
    /// A constant.
    Const(Value),
    /// An expandable string (`"..."`, or a bareword argument with `$` in it).
    Expand(Vec<Part>),
    /// `$name`.
    Var(String),
    /// `x.Name` (or `x.$name`).
    Member(Box<Expr>, Box<Expr>),
    /// `x.Name(args)`.
    Method(Box<Expr>, String, Vec<Expr>),
    /// `x[i]`.
    Index(Box<Expr>, Box<Expr>),
    /// `[type]::Name` or `[type]::Name(args)`.
    Static(String, String, Option<Vec<Expr>>),
    /// `[type]x`.
    Cast(String, Box<Expr>),
    /// `-not x`, `!x`, `-x`, `+x`, `-join x`, `-split x`.
    Unary(String, Box<Expr>),
    /// `a op b`.
    Binary(String, Box<Expr>, Box<Expr>),
    /// `a, b, c`.
    List(Vec<Expr>),
    /// `a..b`.
    Range(Box<Expr>, Box<Expr>),
    /// `(pipeline)`.
    Paren(Box<Stmt>),
    /// `$(...)`.
    Sub(Block),
    /// `@(...)`.
    ArraySub(Block),
    /// `@{ k = v }`.
    Hash(Vec<(Expr, Stmt)>),
    /// `{ ... }`.
    ScriptBlock(Arc<Block>),
}

/// A parse error: PowerShell's message, its id, and where.
#[derive(Clone, Debug)]
pub(crate) struct ParseError {
    /// The message.
    pub(crate) message: String,
    /// The FullyQualifiedErrorId.
    pub(crate) id: &'static str,
    /// Where.
    pub(crate) at: Position,
    /// True when more lines could complete it (an open block or string).
    pub(crate) incomplete: bool,
}

type Parsed<T> = Result<T, ParseError>;

/// Parses a script.
pub(crate) fn parse(text: &str) -> Parsed<Block> {
    let mut p = Parser {
        c: Cursor::new(text),
        depth: 0,
        no_comma: false,
    };
    let block = p.statements(None)?;
    p.c.skip_all();
    if let Some(c) = p.c.peek() {
        return Err(p.error_at(
            p.c.pos,
            1,
            format!("Unexpected token '{c}' in expression or statement."),
            "UnexpectedToken",
        ));
    }
    Ok(Block {
        text: text.to_string(),
        ..block
    })
}

/// True when `text` leaves a block, parenthesis or string open.
pub(crate) fn is_open(text: &str) -> bool {
    matches!(parse(text), Err(e) if e.incomplete)
}

/// The most nested blocks and parentheses accepted (a guard against stack overflow).
const MAX_DEPTH: usize = 64;

struct Parser {
    c: Cursor,
    depth: usize,
    /// Inside a method call's arguments, where a comma separates arguments.
    no_comma: bool,
}

const COMPARISONS: &[&str] = &[
    "eq",
    "ne",
    "gt",
    "ge",
    "lt",
    "le",
    "like",
    "notlike",
    "match",
    "notmatch",
    "contains",
    "notcontains",
    "in",
    "notin",
    "replace",
    "is",
    "isnot",
    "as",
    "split",
    "join",
];

impl Parser {
    fn error_at(&self, pos: usize, len: usize, message: String, id: &'static str) -> ParseError {
        let (line, col, line_text) = self.c.position(pos);
        ParseError {
            message,
            id,
            at: Position {
                line,
                col,
                line_text,
                len,
            },
            incomplete: false,
        }
    }

    fn incomplete(&self, message: &str, id: &'static str) -> ParseError {
        ParseError {
            incomplete: true,
            ..self.error_at(self.c.pos, 1, message.to_string(), id)
        }
    }

    fn unexpected(&self) -> ParseError {
        match self.c.peek() {
            None => self.incomplete("Missing expression.", "MissingExpression"),
            Some(ch) => self.error_at(
                self.c.pos,
                1,
                format!("Unexpected token '{ch}' in expression or statement."),
                "UnexpectedToken",
            ),
        }
    }

    fn enter(&mut self) -> Parsed<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_at(
                self.c.pos,
                1,
                "The script is nested too deeply.".to_string(),
                "ScriptTooComplicated",
            ));
        }
        Ok(())
    }

    /// Statements up to `close` (or the end).
    fn statements(&mut self, close: Option<char>) -> Parsed<Block> {
        let saved = std::mem::replace(&mut self.no_comma, false);
        let result = self.statements_inner(close);
        self.no_comma = saved;
        result
    }

    fn statements_inner(&mut self, close: Option<char>) -> Parsed<Block> {
        self.enter()?;
        let start = self.c.pos;
        let mut block = Block::default();
        loop {
            self.c.skip_all();
            while self.c.eat(';') {
                self.c.skip_all();
            }
            match self.c.peek() {
                None => {
                    if close.is_some() {
                        return Err(self.incomplete(
                            "Missing closing '}' in statement block or type definition.",
                            "MissingEndCurlyBrace",
                        ));
                    }
                    break;
                }
                Some(c) if Some(c) == close => break,
                Some('}' | ')') if close.is_none() => return Err(self.unexpected()),
                _ => {}
            }
            if block.stmts.is_empty() && self.c.looking_at_keyword("param") {
                let save = self.c.pos;
                self.c.skip(5);
                self.c.skip_spaces();
                if self.c.eat('(') {
                    block.params = self.params()?;
                    continue;
                }
                self.c.pos = save;
            }
            let stmt = self.statement()?;
            block.stmts.push(stmt);
            self.c.skip_spaces();
            match self.c.peek() {
                None | Some(';' | '\n') => {}
                Some(c) if Some(c) == close => {}
                Some('&') if self.c.peek_at(1) == Some('&') => return Err(self.separator("&&")),
                Some('|') if self.c.peek_at(1) == Some('|') => return Err(self.separator("||")),
                Some(_) => return Err(self.unexpected()),
            }
        }
        block.text = self.c.slice(start, self.c.pos);
        self.depth -= 1;
        Ok(block)
    }

    fn separator(&self, token: &str) -> ParseError {
        self.error_at(
            self.c.pos,
            2,
            format!("The token '{token}' is not a valid statement separator in this version."),
            "InvalidEndOfLine",
        )
    }

    /// `{ statements }`.
    fn block(&mut self) -> Parsed<Block> {
        self.c.skip_all();
        if !self.c.eat('{') {
            return Err(match self.c.peek() {
                None => self.incomplete("Missing statement block.", "MissingStatementBlock"),
                _ => self.error_at(
                    self.c.pos,
                    1,
                    "Missing statement block.".to_string(),
                    "MissingStatementBlock",
                ),
            });
        }
        let block = self.statements(Some('}'))?;
        self.c.eat('}');
        Ok(block)
    }

    /// `( pipeline )` after a keyword.
    fn condition(&mut self) -> Parsed<Pipeline> {
        self.c.skip_all();
        if !self.c.eat('(') {
            return Err(match self.c.peek() {
                None => self.incomplete(
                    "Missing '(' after 'if' in if statement.",
                    "MissingOpenParenthesisInIfStatement",
                ),
                _ => self.unexpected(),
            });
        }
        self.c.skip_all();
        let pipeline = self.pipeline()?;
        self.close_paren()?;
        Ok(pipeline)
    }

    fn close_paren(&mut self) -> Parsed<()> {
        self.c.skip_all();
        if self.c.eat(')') {
            Ok(())
        } else if self.c.at_end() {
            Err(self.incomplete(
                "Missing closing ')' in expression.",
                "MissingEndParenthesisInExpression",
            ))
        } else {
            Err(self.error_at(
                self.c.pos,
                1,
                "Missing closing ')' in expression.".to_string(),
                "MissingEndParenthesisInExpression",
            ))
        }
    }

    fn params(&mut self) -> Parsed<Vec<Param>> {
        let mut params = Vec::new();
        loop {
            self.c.skip_all();
            if self.c.eat(')') {
                return Ok(params);
            }
            if self.c.eat(',') {
                continue;
            }
            let mut type_name = None;
            while self.c.peek() == Some('[') {
                let t = self.type_literal()?;
                if !t.eq_ignore_ascii_case("parameter")
                    && !t.to_ascii_lowercase().starts_with("parameter(")
                {
                    type_name = Some(t.to_ascii_lowercase());
                }
                self.c.skip_all();
            }
            if !self.c.eat('$') {
                return Err(if self.c.at_end() {
                    self.incomplete(
                        "Missing ')' in function parameter list.",
                        "MissingEndParenthesisInFunctionParameterList",
                    )
                } else {
                    self.unexpected()
                });
            }
            let name = self.c.variable_name();
            self.c.skip_all();
            let default = if self.c.eat('=') {
                self.c.skip_all();
                Some(self.expression()?)
            } else {
                None
            };
            params.push(Param {
                name,
                type_name,
                default,
            });
        }
    }

    /// `[type]`, returning the text between the brackets.
    fn type_literal(&mut self) -> Parsed<String> {
        self.c.eat('[');
        let start = self.c.pos;
        let mut depth = 1;
        while let Some(ch) = self.c.bump() {
            match ch {
                '[' | '(' => depth += 1,
                ']' | ')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(self.c.slice(start, self.c.pos - 1));
                    }
                }
                _ => {}
            }
        }
        Err(self.incomplete(
            "Missing ] at end of attribute or type literal.",
            "EndSquareBracketExpectedAtEndOfAttribute",
        ))
    }

    fn statement(&mut self) -> Parsed<Stmt> {
        if self.c.looking_at_keyword("if") {
            self.c.skip(2);
            let mut clauses = vec![(self.condition()?, self.block()?)];
            let mut otherwise = None;
            loop {
                let save = self.c.pos;
                self.c.skip_all();
                if self.c.looking_at_keyword("elseif") {
                    self.c.skip(6);
                    clauses.push((self.condition()?, self.block()?));
                } else if self.c.looking_at_keyword("else") {
                    self.c.skip(4);
                    otherwise = Some(self.block()?);
                    break;
                } else {
                    self.c.pos = save;
                    break;
                }
            }
            return Ok(Stmt::If { clauses, otherwise });
        }
        if self.c.looking_at_keyword("foreach") {
            let save = self.c.pos;
            self.c.skip(7);
            self.c.skip_spaces();
            if self.c.eat('(') {
                self.c.skip_all();
                if !self.c.eat('$') {
                    return Err(self.unexpected());
                }
                let var = self.c.variable_name();
                self.c.skip_all();
                if !self.c.looking_at_keyword("in") {
                    return Err(self.error_at(
                        self.c.pos,
                        1,
                        "Missing 'in' after variable in foreach loop.".to_string(),
                        "MissingInInForeach",
                    ));
                }
                self.c.skip(2);
                self.c.skip_all();
                let list = self.pipeline()?;
                self.close_paren()?;
                let body = self.block()?;
                return Ok(Stmt::Foreach { var, list, body });
            }
            self.c.pos = save;
        }
        if self.c.looking_at_keyword("while") {
            self.c.skip(5);
            let cond = self.condition()?;
            let body = self.block()?;
            return Ok(Stmt::While(cond, body));
        }
        if self.c.looking_at_keyword("do") {
            self.c.skip(2);
            let body = self.block()?;
            self.c.skip_all();
            let until = if self.c.looking_at_keyword("while") {
                self.c.skip(5);
                false
            } else if self.c.looking_at_keyword("until") {
                self.c.skip(5);
                true
            } else {
                return Err(if self.c.at_end() {
                    self.incomplete(
                        "Missing while or until keyword in do loop.",
                        "MissingWhileOrUntilInDoWhile",
                    )
                } else {
                    self.unexpected()
                });
            };
            let cond = self.condition()?;
            return Ok(Stmt::DoLoop(body, cond, until));
        }
        if self.c.looking_at_keyword("for") {
            self.c.skip(3);
            self.c.skip_all();
            if !self.c.eat('(') {
                return Err(self.unexpected());
            }
            self.c.skip_all();
            let init = if self.c.peek() == Some(';') {
                None
            } else {
                Some(Box::new(self.statement()?))
            };
            self.c.skip_all();
            self.c.eat(';');
            self.c.skip_all();
            let cond = if self.c.peek() == Some(';') {
                None
            } else {
                Some(self.pipeline()?)
            };
            self.c.skip_all();
            self.c.eat(';');
            self.c.skip_all();
            let step = if self.c.peek() == Some(')') {
                None
            } else {
                Some(Box::new(self.statement()?))
            };
            self.close_paren()?;
            let body = self.block()?;
            return Ok(Stmt::For {
                init,
                cond,
                step,
                body,
            });
        }
        if self.c.looking_at_keyword("try") {
            self.c.skip(3);
            let body = self.block()?;
            let mut catches = Vec::new();
            let mut finally = None;
            loop {
                let save = self.c.pos;
                self.c.skip_all();
                if self.c.looking_at_keyword("catch") {
                    self.c.skip(5);
                    self.c.skip_all();
                    while self.c.peek() == Some('[') {
                        self.type_literal()?;
                        self.c.skip_all();
                        self.c.eat(',');
                        self.c.skip_all();
                    }
                    catches.push(self.block()?);
                } else if self.c.looking_at_keyword("finally") {
                    self.c.skip(7);
                    finally = Some(self.block()?);
                    break;
                } else {
                    self.c.pos = save;
                    break;
                }
            }
            if catches.is_empty() && finally.is_none() {
                return Err(if self.c.at_end() {
                    self.incomplete(
                        "The Try statement is missing its Catch or Finally block.",
                        "MissingCatchOrFinally",
                    )
                } else {
                    self.error_at(
                        self.c.pos,
                        1,
                        "The Try statement is missing its Catch or Finally block.".to_string(),
                        "MissingCatchOrFinally",
                    )
                });
            }
            return Ok(Stmt::Try {
                body,
                catches,
                finally,
            });
        }
        if self.c.looking_at_keyword("function") || self.c.looking_at_keyword("filter") {
            let skip = if self.c.looking_at_keyword("function") {
                8
            } else {
                6
            };
            self.c.skip(skip);
            self.c.skip_spaces();
            let start = self.c.pos;
            while self.c.peek().is_some_and(|ch| !ends_word(ch)) {
                self.c.bump();
            }
            let name = self.c.slice(start, self.c.pos);
            if name.is_empty() {
                return Err(self.error_at(
                    self.c.pos,
                    1,
                    "Missing name after function keyword.".to_string(),
                    "MissingNameAfterKeyword",
                ));
            }
            self.c.skip_spaces();
            let mut params = Vec::new();
            if self.c.eat('(') {
                params = self.params()?;
            }
            let mut body = self.block()?;
            if body.params.is_empty() {
                body.params = params;
            }
            return Ok(Stmt::Function(name, Arc::new(body)));
        }
        for (word, make) in [("throw", 0), ("return", 1), ("exit", 2)] {
            if self.c.looking_at_keyword(word) {
                let at_pos = self.c.pos;
                self.c.skip(word.len());
                self.c.skip_spaces();
                let value = match self.c.peek() {
                    None | Some(';' | '\n' | '}' | ')') => None,
                    _ => Some(self.pipeline()?),
                };
                let (line, col, line_text) = self.c.position(at_pos);
                return Ok(match make {
                    0 => Stmt::Throw(
                        value,
                        Position {
                            line,
                            col,
                            line_text,
                            len: word.len(),
                        },
                    ),
                    1 => Stmt::Return(value),
                    _ => Stmt::Exit(value),
                });
            }
        }
        if self.c.looking_at_keyword("break") {
            self.c.skip(5);
            return Ok(Stmt::Break);
        }
        if self.c.looking_at_keyword("continue") {
            self.c.skip(8);
            return Ok(Stmt::Continue);
        }
        if self.c.peek() == Some('$')
            && let Some(assign) = self.assignment()?
        {
            return Ok(assign);
        }
        Ok(Stmt::Pipeline(self.pipeline()?))
    }

    /// `$x = ...` and friends, or `None` (the cursor unmoved) when this is no assignment.
    fn assignment(&mut self) -> Parsed<Option<Stmt>> {
        let save = self.c.pos;
        let target = match self.postfix() {
            Ok(t) => t,
            Err(_) => {
                self.c.pos = save;
                return Ok(None);
            }
        };
        self.c.skip_spaces();
        let op = ["++", "--", "+=", "-=", "*=", "/=", "="]
            .into_iter()
            .find(|op| self.c.looking_at(op) && !(*op == "=" && self.c.peek_at(1) == Some('=')));
        let Some(op) = op else {
            self.c.pos = save;
            return Ok(None);
        };
        if !matches!(target, Expr::Var(_) | Expr::Member(..) | Expr::Index(..)) {
            self.c.pos = save;
            return Ok(None);
        }
        self.c.skip(op.len());
        if op == "++" || op == "--" {
            return Ok(Some(Stmt::Assign {
                target,
                op: op.to_string(),
                value: None,
            }));
        }
        self.c.skip_all();
        if self.c.at_end() {
            return Err(self.incomplete(
                "You must provide a value expression following the '=' operator.",
                "ExpectedValueExpression",
            ));
        }
        let value = self.statement()?;
        Ok(Some(Stmt::Assign {
            target,
            op: op.to_string(),
            value: Some(Box::new(value)),
        }))
    }

    fn pipeline(&mut self) -> Parsed<Pipeline> {
        let mut elements = Vec::new();
        let mut redirect = None;
        loop {
            self.c.skip_spaces();
            let element = if self.starts_command() {
                let (command, target) = self.command()?;
                if target.is_some() {
                    redirect = target;
                }
                Element::Command(command)
            } else {
                if !elements.is_empty() {
                    return Err(self.error_at(
                        self.c.pos,
                        1,
                        "Expressions are only allowed as the first element of a pipeline."
                            .to_string(),
                        "ExpressionsMustBeFirstInPipeline",
                    ));
                }
                let e = self.expression()?;
                self.c.skip_spaces();
                if self.c.peek() == Some('>') {
                    redirect = Some(self.redirection()?);
                }
                Element::Expr(e)
            };
            elements.push(element);
            self.c.skip_spaces();
            if self.c.peek() == Some('|') && self.c.peek_at(1) != Some('|') {
                self.c.bump();
                self.c.skip_all();
                if self.c.at_end() {
                    return Err(self
                        .incomplete("An empty pipe element is not allowed.", "EmptyPipeElement"));
                }
                continue;
            }
            return Ok(Pipeline { elements, redirect });
        }
    }

    fn redirection(&mut self) -> Parsed<(Expr, bool)> {
        self.c.eat('>');
        let append = self.c.eat('>');
        self.c.skip_spaces();
        Ok((self.argument()?, append))
    }

    /// True when the next element is a command, not an expression.
    fn starts_command(&self) -> bool {
        match self.c.peek() {
            Some('&') => true,
            Some('.') => !self.c.peek_at(1).is_some_and(|c| c.is_ascii_digit()),
            Some(c) if c.is_ascii_digit() => {
                // `7z.exe` is a command, `5` or `5GB` a number.
                let mut i = 0;
                while self.c.peek_at(i).is_some_and(|c| !ends_word(c)) {
                    i += 1;
                }
                let mut word = String::new();
                for k in 0..i {
                    word.extend(self.c.peek_at(k));
                }
                parse_number(&word).is_none() && !word.contains("..")
            }
            Some(c) => c.is_alphabetic() || c == '\\' || c == '_' || c == '%' || c == '?',
            None => false,
        }
    }

    fn command(&mut self) -> Parsed<(Command, Option<(Expr, bool)>)> {
        let name_pos = self.c.pos;
        let name = if self.c.peek() == Some('&')
            || (self.c.peek() == Some('.') && self.c.peek_at(1).is_some_and(char::is_whitespace))
        {
            self.c.bump();
            self.c.skip_spaces();
            let e = self.argument()?;
            CommandName::Expr(e)
        } else {
            let start = self.c.pos;
            while self.c.peek().is_some_and(|ch| !ends_word(ch)) {
                self.c.bump();
            }
            CommandName::Bare(self.c.slice(start, self.c.pos))
        };
        let len = match &name {
            CommandName::Bare(n) => n.chars().count(),
            CommandName::Expr(_) => 1,
        };
        let (line, col, line_text) = self.c.position(name_pos);
        let mut command = Command {
            name,
            args: Vec::new(),
            at: Position {
                line,
                col,
                line_text,
                len,
            },
            errors_to_null: false,
        };
        let mut redirect = None;
        let mut end = self.c.pos;
        loop {
            self.c.skip_spaces();
            match self.c.peek() {
                None | Some(';' | '\n' | ')' | '}') => break,
                Some('|') => break,
                Some('&') if self.c.peek_at(1) == Some('&') => break,
                Some('>') => redirect = Some(self.redirection()?),
                Some('2' | '*' | '3' | '4' | '5' | '6') if self.c.peek_at(1) == Some('>') => {
                    self.c.skip(2);
                    if self.c.eat('&') {
                        self.c.bump();
                    } else {
                        self.c.skip_spaces();
                        let target = self.argument()?;
                        if matches!(&target, Expr::Var(v) if v.eq_ignore_ascii_case("null")) {
                            command.errors_to_null = true;
                        }
                    }
                }
                Some('-') if self.c.peek_at(1) == Some('-') && self.c.peek_at(2) == Some('%') => {
                    self.c.skip(3);
                    let start = self.c.pos;
                    while self.c.peek().is_some_and(|c| c != '\n' && c != '|') {
                        self.c.bump();
                    }
                    command.args.push(Arg::Verbatim(
                        self.c.slice(start, self.c.pos).trim().to_string(),
                    ));
                }
                Some('-')
                    if self
                        .c
                        .peek_at(1)
                        .is_some_and(|c| c.is_alphabetic() || c == '_') =>
                {
                    self.c.bump();
                    let name = self.c.name();
                    if self.c.eat(':') {
                        let value = self.argument()?;
                        command.args.push(Arg::Param(name, Some(value)));
                    } else {
                        command.args.push(Arg::Param(name, None));
                    }
                }
                Some(',') => {
                    return Err(self.error_at(
                        self.c.pos,
                        1,
                        "Missing argument in parameter list.".to_string(),
                        "MissingArgument",
                    ));
                }
                Some(_) => {
                    let value = self.argument()?;
                    command.args.push(Arg::Value(value));
                }
            }
            end = self.c.pos;
        }
        // The error underline covers the whole command, up to the end of its line.
        let extent = self.c.slice(name_pos, end);
        let first_line = extent.split('\n').next().unwrap_or_default().trim_end();
        command.at.len = first_line.chars().count().max(1);
        Ok((command, redirect))
    }

    /// A command argument, with `,`-separated lists (`wuauserv, BITS`).
    fn argument(&mut self) -> Parsed<Expr> {
        let first = self.argument_item()?;
        let mut items = vec![first];
        loop {
            let save = self.c.pos;
            self.c.skip_spaces();
            if self.c.eat(',') {
                self.c.skip_all();
                items.push(self.argument_item()?);
            } else {
                self.c.pos = save;
                break;
            }
        }
        Ok(if items.len() == 1 {
            items.pop().unwrap_or(Expr::Const(Value::Null))
        } else {
            Expr::List(items)
        })
    }

    fn argument_item(&mut self) -> Parsed<Expr> {
        self.enter()?;
        let result = self.argument_item_inner();
        self.depth -= 1;
        result
    }

    fn argument_item_inner(&mut self) -> Parsed<Expr> {
        match self.c.peek() {
            None => Err(self.incomplete("Missing argument.", "MissingArgument")),
            Some('$' | '(' | '@' | '{' | '"' | '\'') => {
                let value = self.postfix()?;
                // `$env:windir\SoftwareDistribution`: the value runs on into a word.
                if self.c.peek().is_some_and(|c| !ends_word(c) && c != '>') {
                    let rest = self.bareword();
                    return Ok(Expr::Binary(
                        "concat".to_string(),
                        Box::new(value),
                        Box::new(rest),
                    ));
                }
                Ok(value)
            }
            Some('[') => self.unary(),
            Some(_) => {
                let word = self.bareword();
                if let Expr::Const(Value::Str(s)) = &word
                    && let Some(n) = parse_number(s)
                {
                    return Ok(Expr::Const(n));
                }
                Ok(word)
            }
        }
    }

    /// A bareword in argument mode: text up to a delimiter, with `$var` expanded.
    fn bareword(&mut self) -> Expr {
        let start = self.c.pos;
        let mut quote: Option<char> = None;
        while let Some(ch) = self.c.peek() {
            match quote {
                Some(q) if ch == q => quote = None,
                Some(_) => {}
                None if ch == '"' || ch == '\'' => quote = Some(ch),
                None if ends_word(ch) || ch == '>' => break,
                None => {}
            }
            self.c.bump();
        }
        if self.c.pos == start {
            // A character that ends words but starts nothing (a lone `&`): take it as text.
            self.c.bump();
        }
        let text = self.c.slice(start, self.c.pos);
        let unquoted: String = text.chars().filter(|c| *c != '"' && *c != '\'').collect();
        if unquoted.contains('$') {
            Expr::Expand(expand_parts(&unquoted))
        } else {
            Expr::Const(Value::Str(unquoted))
        }
    }

    // ---- expressions ----

    fn expression(&mut self) -> Parsed<Expr> {
        self.enter()?;
        let result = self.logical();
        self.depth -= 1;
        result
    }

    /// `-x` operator name at the cursor, if it is one of `ops` (with `c`/`i` prefixes).
    fn operator(&self, ops: &[&str]) -> Option<(String, usize)> {
        if self.c.peek() != Some('-') {
            return None;
        }
        let mut i = 1;
        let mut word = String::new();
        while let Some(ch) = self.c.peek_at(i) {
            if ch.is_ascii_alphabetic() {
                word.push(ch.to_ascii_lowercase());
                i += 1;
            } else {
                break;
            }
        }
        let bare = if ops.contains(&word.as_str()) {
            word.clone()
        } else if (word.starts_with('c') || word.starts_with('i')) && ops.contains(&&word[1..]) {
            word[1..].to_string()
        } else {
            return None;
        };
        Some((bare, i))
    }

    fn logical(&mut self) -> Parsed<Expr> {
        let mut left = self.comparison()?;
        loop {
            self.c.skip_spaces();
            let Some((op, len)) = self.operator(&["and", "or", "xor"]) else {
                return Ok(left);
            };
            self.c.skip(len);
            self.c.skip_all();
            let right = self.comparison()?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
    }

    fn comparison(&mut self) -> Parsed<Expr> {
        let mut left = self.additive()?;
        loop {
            self.c.skip_spaces();
            let Some((op, len)) = self.operator(COMPARISONS) else {
                return Ok(left);
            };
            self.c.skip(len);
            self.c.skip_all();
            let right = self.additive()?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
    }

    fn additive(&mut self) -> Parsed<Expr> {
        let mut left = self.multiplicative()?;
        loop {
            self.c.skip_spaces();
            let op = match self.c.peek() {
                Some('+') if self.c.peek_at(1) != Some('=') && self.c.peek_at(1) != Some('+') => {
                    "+"
                }
                Some('-')
                    if self
                        .c
                        .peek_at(1)
                        .is_none_or(|c| !c.is_alphabetic() && c != '=' && c != '-') =>
                {
                    "-"
                }
                _ => return Ok(left),
            };
            self.c.bump();
            self.c.skip_all();
            let right = self.multiplicative()?;
            left = Expr::Binary(op.to_string(), Box::new(left), Box::new(right));
        }
    }

    fn multiplicative(&mut self) -> Parsed<Expr> {
        let mut left = self.format()?;
        loop {
            self.c.skip_spaces();
            let op = match self.c.peek() {
                Some(c @ ('*' | '/' | '%')) if self.c.peek_at(1) != Some('=') => c,
                _ => return Ok(left),
            };
            self.c.bump();
            self.c.skip_all();
            let right = self.format()?;
            left = Expr::Binary(op.to_string(), Box::new(left), Box::new(right));
        }
    }

    fn format(&mut self) -> Parsed<Expr> {
        let mut left = self.range()?;
        loop {
            self.c.skip_spaces();
            let Some((op, len)) = self.operator(&["f"]) else {
                return Ok(left);
            };
            self.c.skip(len);
            self.c.skip_all();
            let right = self.range()?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
    }

    fn range(&mut self) -> Parsed<Expr> {
        let left = self.comma()?;
        if self.c.looking_at("..") {
            self.c.skip(2);
            let right = self.comma()?;
            return Ok(Expr::Range(Box::new(left), Box::new(right)));
        }
        Ok(left)
    }

    fn comma(&mut self) -> Parsed<Expr> {
        let first = self.unary()?;
        if self.no_comma {
            return Ok(first);
        }
        let save = self.c.pos;
        self.c.skip_spaces();
        if self.c.peek() != Some(',') {
            self.c.pos = save;
            return Ok(first);
        }
        let mut items = vec![first];
        while {
            self.c.skip_spaces();
            self.c.eat(',')
        } {
            self.c.skip_all();
            items.push(self.unary()?);
        }
        Ok(Expr::List(items))
    }

    fn unary(&mut self) -> Parsed<Expr> {
        self.enter()?;
        let result = self.unary_inner();
        self.depth -= 1;
        result
    }

    fn unary_inner(&mut self) -> Parsed<Expr> {
        self.c.skip_spaces();
        if let Some((op, len)) = self.operator(&["not", "join", "split"]) {
            self.c.skip(len);
            self.c.skip_spaces();
            let operand = self.unary()?;
            return Ok(Expr::Unary(op, Box::new(operand)));
        }
        match self.c.peek() {
            Some('!') => {
                self.c.bump();
                let operand = self.unary()?;
                Ok(Expr::Unary("not".to_string(), Box::new(operand)))
            }
            Some('-') if self.c.peek_at(1).is_some_and(|c| c.is_ascii_digit()) => {
                let word = self.number_text();
                match parse_number(&word) {
                    Some(n) => Ok(Expr::Const(n)),
                    None => Err(self.unexpected()),
                }
            }
            Some('-') if self.c.peek_at(1).is_some_and(|c| c == '$' || c == '(') => {
                self.c.bump();
                let operand = self.unary()?;
                Ok(Expr::Unary("-".to_string(), Box::new(operand)))
            }
            Some('[') => {
                let save = self.c.pos;
                let t = self.type_literal()?;
                if self.c.looking_at("::") {
                    self.c.skip(2);
                    let member = self.c.name();
                    let args = if self.c.peek() == Some('(') {
                        self.c.bump();
                        Some(self.call_args()?)
                    } else {
                        None
                    };
                    return self.postfix_on(Expr::Static(t, member, args));
                }
                self.c.skip_spaces();
                if self
                    .c
                    .peek()
                    .is_none_or(|c| matches!(c, ')' | ';' | '\n' | '}' | '|'))
                {
                    self.c.pos = save;
                    return Err(self.unexpected());
                }
                let operand = self.unary()?;
                Ok(Expr::Cast(t.to_ascii_lowercase(), Box::new(operand)))
            }
            _ => self.postfix(),
        }
    }

    fn number_text(&mut self) -> String {
        let start = self.c.pos;
        self.c.eat('-');
        while self
            .c
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.')
        {
            if self.c.peek() == Some('.') && self.c.peek_at(1) == Some('.') {
                break;
            }
            self.c.bump();
        }
        self.c.slice(start, self.c.pos)
    }

    fn postfix(&mut self) -> Parsed<Expr> {
        let primary = self.primary()?;
        self.postfix_on(primary)
    }

    fn postfix_on(&mut self, mut e: Expr) -> Parsed<Expr> {
        loop {
            match self.c.peek() {
                Some('.')
                    if self.c.peek_at(1).is_some_and(|c| {
                        c.is_alphabetic() || c == '_' || c == '$' || c == '"' || c == '\''
                    }) =>
                {
                    self.c.bump();
                    let member = match self.c.peek() {
                        Some('$' | '"' | '\'') => self.primary()?,
                        _ => {
                            let start = self.c.pos;
                            while self
                                .c
                                .peek()
                                .is_some_and(|c| c.is_alphanumeric() || c == '_')
                            {
                                self.c.bump();
                            }
                            Expr::Const(Value::Str(self.c.slice(start, self.c.pos)))
                        }
                    };
                    if self.c.peek() == Some('(') {
                        self.c.bump();
                        let args = self.call_args()?;
                        let name = match member {
                            Expr::Const(v) => v.to_text(),
                            _ => String::new(),
                        };
                        e = Expr::Method(Box::new(e), name, args);
                    } else {
                        e = Expr::Member(Box::new(e), Box::new(member));
                    }
                }
                Some('[') => {
                    self.c.bump();
                    self.c.skip_all();
                    let index = self.expression()?;
                    self.c.skip_all();
                    if !self.c.eat(']') {
                        return Err(if self.c.at_end() {
                            self.incomplete(
                                "Array index expression is missing or not valid.",
                                "MissingArrayIndexExpression",
                            )
                        } else {
                            self.unexpected()
                        });
                    }
                    e = Expr::Index(Box::new(e), Box::new(index));
                }
                _ => return Ok(e),
            }
        }
    }

    fn call_args(&mut self) -> Parsed<Vec<Expr>> {
        let mut args = Vec::new();
        loop {
            self.c.skip_all();
            if self.c.eat(')') {
                return Ok(args);
            }
            if self.c.at_end() {
                return Err(self.incomplete(
                    "Missing ')' in method call.",
                    "MissingEndParenthesisInMethodCall",
                ));
            }
            let saved = std::mem::replace(&mut self.no_comma, true);
            let arg = self.expression();
            self.no_comma = saved;
            args.push(arg?);
            self.c.skip_all();
            self.c.eat(',');
        }
    }

    fn primary(&mut self) -> Parsed<Expr> {
        self.enter()?;
        let result = self.primary_inner();
        self.depth -= 1;
        result
    }

    fn primary_inner(&mut self) -> Parsed<Expr> {
        self.c.skip_spaces();
        match self.c.peek() {
            None => Err(self.incomplete(
                "You must provide a value expression.",
                "ExpectedValueExpression",
            )),
            Some('$') => {
                if self.c.peek_at(1) == Some('(') {
                    self.c.skip(2);
                    let block = self.statements(Some(')'))?;
                    self.close_paren()?;
                    return Ok(Expr::Sub(block));
                }
                self.c.bump();
                let name = self.c.variable_name();
                if name.is_empty() {
                    return Ok(Expr::Const(Value::str("$")));
                }
                Ok(Expr::Var(name))
            }
            Some('@') => match self.c.peek_at(1) {
                Some('(') => {
                    self.c.skip(2);
                    let block = self.statements(Some(')'))?;
                    self.close_paren()?;
                    Ok(Expr::ArraySub(block))
                }
                Some('{') => {
                    self.c.skip(2);
                    self.hash()
                }
                Some(q @ ('"' | '\'')) if matches!(self.c.peek_at(2), Some('\n' | '\r')) => {
                    self.c.skip(2);
                    self.here_string(q)
                }
                _ => Err(self.unexpected()),
            },
            Some('(') => {
                self.c.bump();
                self.c.skip_all();
                let saved = std::mem::replace(&mut self.no_comma, false);
                let stmt = if self.c.peek() == Some('$') {
                    match self.assignment()? {
                        Some(a) => a,
                        None => Stmt::Pipeline(self.pipeline()?),
                    }
                } else {
                    Stmt::Pipeline(self.pipeline()?)
                };
                self.no_comma = saved;
                self.close_paren()?;
                Ok(Expr::Paren(Box::new(stmt)))
            }
            Some('{') => {
                self.c.bump();
                let block = self.statements(Some('}'))?;
                self.c.eat('}');
                Ok(Expr::ScriptBlock(Arc::new(block)))
            }
            Some('\'') => {
                self.c.bump();
                let mut text = String::new();
                loop {
                    match self.c.bump() {
                        None => {
                            return Err(self.incomplete(
                                "The string is missing the terminator: '.",
                                "TerminatorExpectedAtEndOfString",
                            ));
                        }
                        Some('\'') if self.c.peek() == Some('\'') => {
                            self.c.bump();
                            text.push('\'');
                        }
                        Some('\'') => return Ok(Expr::Const(Value::Str(text))),
                        Some(c) => text.push(c),
                    }
                }
            }
            Some('"') => {
                self.c.bump();
                let start = self.c.pos;
                loop {
                    match self.c.bump() {
                        None => {
                            return Err(self.incomplete(
                                "The string is missing the terminator: \".",
                                "TerminatorExpectedAtEndOfString",
                            ));
                        }
                        Some('`') => {
                            self.c.bump();
                        }
                        Some('"') if self.c.peek() == Some('"') => {
                            self.c.bump();
                        }
                        Some('"') => break,
                        Some(_) => {}
                    }
                }
                let raw = self.c.slice(start, self.c.pos - 1);
                Ok(Expr::Expand(expand_parts(&raw)))
            }
            Some(c) if c.is_ascii_digit() || c == '.' => {
                let word = self.number_text();
                match parse_number(&word) {
                    Some(n) => Ok(Expr::Const(n)),
                    None => Err(self.error_at(
                        self.c.pos,
                        1,
                        format!("Unexpected token '{word}' in expression or statement."),
                        "UnexpectedToken",
                    )),
                }
            }
            Some(c) if c.is_alphabetic() => {
                // A bare word in expression mode: PowerShell reads it as a command.
                let (command, _) = self.command()?;
                Ok(Expr::Paren(Box::new(Stmt::Pipeline(Pipeline {
                    elements: vec![Element::Command(command)],
                    redirect: None,
                }))))
            }
            Some(_) => Err(self.unexpected()),
        }
    }

    fn here_string(&mut self, quote: char) -> Parsed<Expr> {
        while matches!(self.c.peek(), Some('\r' | '\n')) {
            let nl = self.c.bump() == Some('\n');
            if nl {
                break;
            }
        }
        let start = self.c.pos;
        loop {
            if self.c.at_end() {
                return Err(self.incomplete(
                    "The string is missing the terminator: \"@.",
                    "TerminatorExpectedAtEndOfString",
                ));
            }
            if self.c.peek() == Some('\n')
                && self.c.peek_at(1) == Some(quote)
                && self.c.peek_at(2) == Some('@')
            {
                let text = self.c.slice(start, self.c.pos);
                self.c.skip(3);
                let text = text.trim_end_matches('\r').to_string();
                return Ok(if quote == '"' {
                    Expr::Expand(expand_parts(&text))
                } else {
                    Expr::Const(Value::Str(text))
                });
            }
            self.c.bump();
        }
    }

    fn hash(&mut self) -> Parsed<Expr> {
        let mut pairs = Vec::new();
        loop {
            self.c.skip_all();
            while self.c.eat(';') {
                self.c.skip_all();
            }
            if self.c.eat('}') {
                return Ok(Expr::Hash(pairs));
            }
            if self.c.at_end() {
                return Err(self.incomplete(
                    "Missing closing '}' in statement block or type definition.",
                    "MissingEndCurlyBrace",
                ));
            }
            let key = match self.c.peek() {
                Some('"' | '\'' | '$' | '(') => self.primary()?,
                _ => {
                    let start = self.c.pos;
                    while self
                        .c
                        .peek()
                        .is_some_and(|c| !c.is_whitespace() && c != '=' && c != ';' && c != '}')
                    {
                        self.c.bump();
                    }
                    Expr::Const(Value::Str(self.c.slice(start, self.c.pos)))
                }
            };
            self.c.skip_spaces();
            if !self.c.eat('=') {
                return Err(self.error_at(
                    self.c.pos,
                    1,
                    "Missing '=' operator after key in hash literal.".to_string(),
                    "MissingEqualsInHashLiteral",
                ));
            }
            self.c.skip_all();
            let value = self.statement()?;
            pairs.push((key, value));
        }
    }
}

/// The pieces of an expandable string's text (`"Status: $($s.Status) for $name"`).
pub(crate) fn expand_parts(raw: &str) -> Vec<Part> {
    let chars: Vec<char> = raw.chars().collect();
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '`' if i + 1 < chars.len() => {
                text.push(match chars[i + 1] {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '0' => '\0',
                    'a' | 'b' | 'f' | 'v' => ' ',
                    other => other,
                });
                i += 2;
            }
            '"' if chars.get(i + 1) == Some(&'"') => {
                text.push('"');
                i += 2;
            }
            '$' if chars.get(i + 1) == Some(&'(') => {
                // Find the matching parenthesis.
                let mut depth = 0;
                let mut j = i + 1;
                while j < chars.len() {
                    match chars[j] {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                let inner: String = chars[(i + 2).min(j)..j.min(chars.len())].iter().collect();
                if !text.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                }
                match parse(&inner) {
                    Ok(block) => parts.push(Part::Sub(block)),
                    Err(_) => parts.push(Part::Text(format!("$({inner})"))),
                }
                i = j + 1;
            }
            '$' if chars
                .get(i + 1)
                .is_some_and(|c| c.is_alphanumeric() || *c == '_' || *c == '{' || *c == '?') =>
            {
                let rest: String = chars[i + 1..].iter().collect();
                let mut cursor = Cursor::new(&rest);
                let name = cursor.variable_name();
                if !text.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut text)));
                }
                parts.push(Part::Var(name));
                i += 1 + cursor.pos;
            }
            c => {
                text.push(c);
                i += 1;
            }
        }
    }
    if !text.is_empty() {
        parts.push(Part::Text(text));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Stmt {
        let block = parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        assert_eq!(block.stmts.len(), 1, "{text}");
        block.stmts.into_iter().next().unwrap_or(Stmt::Break)
    }

    fn command(text: &str) -> Command {
        match one(text) {
            Stmt::Pipeline(p) => match p.elements.into_iter().next() {
                Some(Element::Command(c)) => c,
                other => panic!("{text}: {other:?}"),
            },
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn commands_read_their_arguments_in_argument_mode() {
        let c = command("Get-Service -Name wuauserv, BITS -ErrorAction:Stop");
        assert!(matches!(&c.name, CommandName::Bare(n) if n == "Get-Service"));
        assert_eq!(c.args.len(), 3);
        assert!(matches!(&c.args[1], Arg::Value(Expr::List(items)) if items.len() == 2));
        assert!(matches!(&c.args[2], Arg::Param(n, Some(_)) if n == "ErrorAction"));
        let c = command("Rename-Item $env:windir\\SoftwareDistribution SoftwareDistribution.old");
        assert!(matches!(&c.args[0], Arg::Value(Expr::Binary(op, _, _)) if op == "concat"));
        let c = command("Start-Sleep 5");
        assert!(matches!(&c.args[0], Arg::Value(Expr::Const(Value::Int(5)))));
        let c = command("& \"C:\\Windows\\System32\\sc.exe\" query wuauserv");
        assert!(matches!(&c.name, CommandName::Expr(_)));
        assert_eq!(c.at.col, 1);
    }

    #[test]
    fn statements_and_flow_parse() {
        assert!(matches!(
            one("$x = Get-Service wuauserv"),
            Stmt::Assign { .. }
        ));
        assert!(matches!(one("$i++"), Stmt::Assign { .. }));
        assert!(
            matches!(one("if ($a -eq 1) { 'one' } elseif ($a) { 2 } else { 3 }"), Stmt::If { clauses, otherwise: Some(_) } if clauses.len() == 2)
        );
        assert!(matches!(
            one("foreach ($s in 'a','b') { $s }"),
            Stmt::Foreach { .. }
        ));
        assert!(
            matches!(one("try { throw 'x' } catch { $_ } finally { 1 }"), Stmt::Try { catches, finally: Some(_), .. } if catches.len() == 1)
        );
        assert!(
            matches!(one("function Reset-It { param($Name, [string]$Kind = 'a') $Name }"), Stmt::Function(n, b) if n == "Reset-It" && b.params.len() == 2)
        );
        assert!(matches!(one("while ($true) { break }"), Stmt::While(..)));
        assert!(matches!(
            one("do { $i++ } until ($i -gt 3)"),
            Stmt::DoLoop(_, _, true)
        ));
        assert!(matches!(
            one("for ($i = 0; $i -lt 3; $i++) { $i }"),
            Stmt::For { .. }
        ));
        let block = parse(
            "Get-Service | Where-Object { $_.Status -eq 'Running' } | Select-Object Name\n$x; $y",
        )
        .unwrap_or_default();
        assert_eq!(block.stmts.len(), 3);
    }

    #[test]
    fn open_text_asks_for_more_and_cmd_habits_are_errors() {
        assert!(is_open("foreach ($s in $list) {"));
        assert!(is_open("\"abc"));
        assert!(is_open("Get-Service |"));
        assert!(!is_open("Get-Service"));
        let e = parse("cd my-react-app && npm install").err();
        assert!(matches!(&e, Some(e) if e.id == "InvalidEndOfLine" && e.at.col == 17));
        assert!(parse("Get-Service )").is_err());
    }

    #[test]
    fn expandable_strings_split_into_parts() {
        let parts = expand_parts("Status: $($s.Status) of $name`n");
        assert_eq!(parts.len(), 5);
        assert!(matches!(&parts[3], Part::Var(v) if v == "name"));
        assert!(matches!(&parts[4], Part::Text(t) if t == "\n"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "(".repeat(500);
        assert!(parse(&text).is_err());
        let text = "@(".repeat(500);
        assert!(parse(&text).is_err());
    }
}
