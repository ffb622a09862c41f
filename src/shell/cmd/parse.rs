//! Phase 2 of cmd's parser: a line (after `%VAR%` expansion) into a tree of commands — the
//! operators `&`, `&&`, `||` and `|`, redirections (`>`, `>>`, `<`, `2>`, `2>&1`, `>nul`),
//! parenthesised blocks, `IF` and `FOR`, `@` and `REM`.
//!
//! The rules, after cmd:
//! - `^` escapes the next character outside double quotes (it is removed, the character is
//!   kept); inside quotes everything is literal, and the quotes stay in the text.
//! - `&` runs the next command whatever happened, `&&` only if the last one succeeded, `||`
//!   only if it failed; `|` feeds one command's output to the next. `|` binds tighter.
//! - A redirection may sit anywhere in a command; a digit right before `>` names the
//!   handle (`2>nul`) when a space (or nothing) comes before it.
//! - `IF` and `FOR` take the rest of the line as their command (`if exist x echo a & echo b`
//!   runs both or neither); `ELSE` needs the `IF` part in parentheses.
//! - `REM` makes the rest of the line a comment.
//! - Inside a block, `)` ends a command; outside one it is an ordinary character.
//!
//! The tree keeps command text unsplit: words, FOR variables (`%i`) and delayed expansion
//! (`!VAR!`) are dealt with when the command runs ([`Node::map_text`]).

/// A parsed line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Node {
    /// Nothing to run.
    Empty,
    /// One command: its text (quotes kept, escapes applied) and its redirections.
    Simple {
        /// The command and its arguments.
        text: String,
        /// Where its output goes.
        redirects: Vec<Redirect>,
    },
    /// Two commands joined by `&`, `&&` or `||`.
    Seq(Box<Node>, Op, Box<Node>),
    /// `left | right`.
    Pipe(Box<Node>, Box<Node>),
    /// `( ... )`: the commands inside, and the block's own redirections.
    Block(Vec<Node>, Vec<Redirect>),
    /// `IF [/I] [NOT] test command [ELSE command]`.
    If {
        /// What is tested.
        test: Test,
        /// `NOT`.
        negate: bool,
        /// Run when the test holds.
        then: Box<Node>,
        /// Run when it does not (`ELSE`).
        otherwise: Option<Box<Node>>,
    },
    /// `FOR [/D | /R [root] | /L | /F ["options"]] %%v IN (set) DO command`.
    For {
        /// Which loop.
        kind: ForKind,
        /// The loop variable's letter (case matters).
        var: char,
        /// The text between the parentheses.
        set: String,
        /// The command run for each value.
        body: Box<Node>,
        /// The body as written, which cmd shows before each run while echo is on; empty
        /// when it begins with `@`.
        shown: String,
    },
}

/// How two commands are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    /// `&`.
    Then,
    /// `&&`.
    And,
    /// `||`.
    Or,
}

/// One redirection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Redirect {
    /// 0 (input), 1 (output) or 2 (errors).
    pub(crate) handle: u8,
    /// Where to.
    pub(crate) target: Target,
}

/// Where a redirection points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// `> file` (or `nul`).
    Write(String),
    /// `>> file`.
    Append(String),
    /// `< file`.
    Read(String),
    /// `>&1`: the same place as another handle.
    Handle(u8),
}

/// An `IF` test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Test {
    /// `EXIST path`.
    Exist(String),
    /// `DEFINED name`.
    Defined(String),
    /// `ERRORLEVEL n`: true when `%ERRORLEVEL%` is `n` or more.
    ErrorLevel(String),
    /// `a==b` or `a EQU b`...; `ignore_case` for `/I`.
    Compare {
        /// Left operand, as written (quotes kept).
        left: String,
        /// The comparison.
        op: Compare,
        /// Right operand.
        right: String,
        /// `/I`.
        ignore_case: bool,
    },
}

/// A comparison of `IF`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Compare {
    /// `==`: the same text.
    Same,
    /// `EQU`.
    Equ,
    /// `NEQ`.
    Neq,
    /// `LSS`.
    Lss,
    /// `LEQ`.
    Leq,
    /// `GTR`.
    Gtr,
    /// `GEQ`.
    Geq,
}

/// Which `FOR` loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ForKind {
    /// Plain: the words of the set (file names for wildcards).
    Items,
    /// `/D`: folder names for wildcards.
    Dirs,
    /// `/R [root]`: the set in every folder under root.
    Recursive(Option<String>),
    /// `/L`: `(start,step,end)`.
    Numbers,
    /// `/F ["options"]`: the lines of a file, a string or a command's output.
    Lines(String),
}

/// A line cmd cannot parse: its message (`( was unexpected at this time.`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SyntaxError(pub(crate) String);

impl Node {
    /// The same tree with `f` applied to every piece of command text (FOR variables and
    /// delayed expansion are substituted this way, once per run).
    pub(crate) fn map_text(&self, f: &dyn Fn(&str) -> String) -> Node {
        let redirects = |rs: &[Redirect]| {
            rs.iter()
                .map(|r| Redirect {
                    handle: r.handle,
                    target: match &r.target {
                        Target::Write(p) => Target::Write(f(p)),
                        Target::Append(p) => Target::Append(f(p)),
                        Target::Read(p) => Target::Read(f(p)),
                        Target::Handle(h) => Target::Handle(*h),
                    },
                })
                .collect()
        };
        match self {
            Node::Empty => Node::Empty,
            Node::Simple { text, redirects: r } => Node::Simple {
                text: f(text),
                redirects: redirects(r),
            },
            Node::Seq(a, op, b) => Node::Seq(Box::new(a.map_text(f)), *op, Box::new(b.map_text(f))),
            Node::Pipe(a, b) => Node::Pipe(Box::new(a.map_text(f)), Box::new(b.map_text(f))),
            Node::Block(body, r) => {
                Node::Block(body.iter().map(|n| n.map_text(f)).collect(), redirects(r))
            }
            Node::If {
                test,
                negate,
                then,
                otherwise,
            } => Node::If {
                test: match test {
                    Test::Exist(p) => Test::Exist(f(p)),
                    Test::Defined(v) => Test::Defined(f(v)),
                    Test::ErrorLevel(n) => Test::ErrorLevel(f(n)),
                    Test::Compare {
                        left,
                        op,
                        right,
                        ignore_case,
                    } => Test::Compare {
                        left: f(left),
                        op: *op,
                        right: f(right),
                        ignore_case: *ignore_case,
                    },
                },
                negate: *negate,
                then: Box::new(then.map_text(f)),
                otherwise: otherwise.as_ref().map(|o| Box::new(o.map_text(f))),
            },
            Node::For {
                kind,
                var,
                set,
                body,
                shown,
            } => Node::For {
                kind: match kind {
                    ForKind::Recursive(Some(root)) => ForKind::Recursive(Some(f(root))),
                    ForKind::Lines(options) => ForKind::Lines(f(options)),
                    other => other.clone(),
                },
                var: *var,
                set: f(set),
                body: Box::new(body.map_text(f)),
                shown: f(shown),
            },
        }
    }
}

/// The most lines [`parse_cached`] keeps per thread before it starts again.
const CACHED_LINES: usize = 2_048;

/// A parsed line, shared.
type Parsed = std::rc::Rc<Result<Node, SyntaxError>>;

std::thread_local! {
    /// Lines parsed on this thread: a batch file's lines are parsed once, however often it
    /// runs (a loop, a subroutine, the test harness running one script on many PCs).
    static PARSED: std::cell::RefCell<std::collections::BTreeMap<Box<str>, Parsed>> =
        const { std::cell::RefCell::new(std::collections::BTreeMap::new()) };
}

/// [`parse`], remembered: parsing is a pure function of the text, so a line seen before on
/// this thread is not parsed again.
pub(crate) fn parse_cached(line: &str) -> Parsed {
    PARSED.with(|cache| {
        if let Some(hit) = cache.borrow().get(line) {
            return hit.clone();
        }
        let parsed = std::rc::Rc::new(parse(line));
        let mut cache = cache.borrow_mut();
        if cache.len() >= CACHED_LINES {
            cache.clear();
        }
        cache.insert(line.into(), parsed.clone());
        parsed
    })
}

/// Parses one line (or a block of several lines joined by `\n`).
pub(crate) fn parse(line: &str) -> Result<Node, SyntaxError> {
    let chars: Vec<char> = line.chars().collect();
    let mut p = Parser {
        chars,
        at: 0,
        depth: 0,
    };
    let node = p.sequence()?;
    // A stray `)` outside any block is an ordinary character in cmd; anything left over is
    // text the parser could not place.
    Ok(node)
}

/// True when a line opens more parentheses than it closes (outside quotes, not escaped):
/// the console asks `More?` and the batch reader joins the next line.
pub(crate) fn is_open(line: &str) -> bool {
    let mut depth: i32 = 0;
    let mut quoted = false;
    let mut escaped = false;
    let mut first_word = true;
    let mut word = String::new();
    for c in line.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            // A quote never runs on past the end of its line.
            '\n' => quoted = false,
            '"' => quoted = !quoted,
            '^' if !quoted => escaped = true,
            '(' if !quoted => depth += 1,
            ')' if !quoted && depth > 0 => depth -= 1,
            _ => {}
        }
        if first_word {
            if c.is_whitespace() || c == '@' {
                if !word.is_empty() {
                    first_word = false;
                }
            } else {
                word.push(c.to_ascii_lowercase());
            }
        }
        if word == "rem" && !first_word {
            return false;
        }
    }
    depth > 0
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.at + n).copied()
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(|c| c == ' ' || c == '\t') {
            self.at += 1;
        }
    }

    fn skip_blank(&mut self) {
        while self.peek().is_some_and(|c| c.is_whitespace() || c == '@') {
            self.at += 1;
        }
    }

    /// Commands joined by `&`, `&&`, `||` (and, inside a block, new lines), up to the end,
    /// or up to the `)` that closes the block.
    fn sequence(&mut self) -> Result<Node, SyntaxError> {
        let mut node = self.pipeline()?;
        loop {
            self.skip_spaces();
            let op = match (self.peek(), self.peek_at(1)) {
                (Some('&'), Some('&')) => {
                    self.at += 2;
                    Op::And
                }
                (Some('&'), _) => {
                    self.at += 1;
                    Op::Then
                }
                (Some('|'), Some('|')) => {
                    self.at += 2;
                    Op::Or
                }
                (Some('\n'), _) if self.depth > 0 => {
                    self.at += 1;
                    Op::Then
                }
                _ => return Ok(node),
            };
            let right = self.pipeline()?;
            if op != Op::Then && (right == Node::Empty || node == Node::Empty) {
                let token = if op == Op::And { "&&" } else { "||" };
                return Err(SyntaxError(format!("{token} was unexpected at this time.")));
            }
            node = match (node, right) {
                (left, Node::Empty) => left,
                (Node::Empty, right) if op == Op::Then => right,
                (left, right) => Node::Seq(Box::new(left), op, Box::new(right)),
            };
        }
    }

    fn pipeline(&mut self) -> Result<Node, SyntaxError> {
        let mut node = self.command()?;
        loop {
            self.skip_spaces();
            if self.peek() == Some('|') && self.peek_at(1) != Some('|') {
                self.at += 1;
                let right = self.command()?;
                if node == Node::Empty || right == Node::Empty {
                    return Err(SyntaxError("| was unexpected at this time.".to_string()));
                }
                node = Node::Pipe(Box::new(node), Box::new(right));
            } else {
                return Ok(node);
            }
        }
    }

    fn command(&mut self) -> Result<Node, SyntaxError> {
        self.skip_blank();
        match self.peek() {
            None => return Ok(Node::Empty),
            Some('(') => return self.block(),
            Some(')') if self.depth > 0 => return Ok(Node::Empty),
            _ => {}
        }
        let word = self.first_word();
        match word.as_str() {
            "if" => self.if_command(),
            "for" => self.for_command(),
            "rem" => {
                let start = self.at;
                while self.peek().is_some_and(|c| c != '\n') {
                    self.at += 1;
                }
                Ok(Node::Simple {
                    text: self.chars[start..self.at].iter().collect(),
                    redirects: Vec::new(),
                })
            }
            _ => self.simple(),
        }
    }

    /// The first word in lower case, without moving.
    fn first_word(&self) -> String {
        self.chars[self.at..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase()
    }

    /// True when the next word is `word` followed by a space, `(`, `/` or the end.
    fn at_keyword(&self, word: &str) -> bool {
        let n = word.len();
        let here: String = self.chars[self.at..].iter().take(n).collect();
        here.eq_ignore_ascii_case(word)
            && self
                .peek_at(n)
                .is_none_or(|c| c.is_whitespace() || c == '(' || c == '"')
    }

    fn block(&mut self) -> Result<Node, SyntaxError> {
        self.at += 1; // (
        self.depth += 1;
        let mut body = Vec::new();
        loop {
            let node = self.sequence()?;
            if node != Node::Empty {
                body.push(node);
            }
            self.skip_blank();
            match self.peek() {
                Some(')') => {
                    self.at += 1;
                    break;
                }
                Some('\n') => self.at += 1,
                // An unclosed block at the end of the text: cmd would ask for more.
                None => break,
                Some(c) => {
                    return Err(SyntaxError(format!("{c} was unexpected at this time.")));
                }
            }
        }
        self.depth -= 1;
        let redirects = self.redirects_after()?;
        Ok(Node::Block(body, redirects))
    }

    /// Redirections written right after a block's `)`.
    fn redirects_after(&mut self) -> Result<Vec<Redirect>, SyntaxError> {
        let mut redirects = Vec::new();
        loop {
            self.skip_spaces();
            let starts = match (self.peek(), self.peek_at(1)) {
                (Some('>' | '<'), _) => true,
                (Some(d), Some('>')) if d.is_ascii_digit() => true,
                _ => false,
            };
            if !starts {
                return Ok(redirects);
            }
            redirects.push(self.redirect()?);
        }
    }

    /// One redirection at the cursor (`2>&1`, `>>log.txt`, `<in.txt`).
    fn redirect(&mut self) -> Result<Redirect, SyntaxError> {
        let mut handle = 1;
        if let Some(d) = self.peek().filter(char::is_ascii_digit) {
            handle = d.to_digit(10).unwrap_or(1) as u8;
            self.at += 1;
        }
        let read = self.peek() == Some('<');
        if read {
            handle = 0;
        }
        self.at += 1;
        let append = !read && self.peek() == Some('>');
        if append {
            self.at += 1;
        }
        if self.peek() == Some('&') {
            self.at += 1;
            self.skip_spaces();
            let Some(d) = self.peek().filter(char::is_ascii_digit) else {
                return Err(SyntaxError(
                    "The syntax of the command is incorrect.".to_string(),
                ));
            };
            self.at += 1;
            return Ok(Redirect {
                handle,
                target: Target::Handle(d.to_digit(10).unwrap_or(1) as u8),
            });
        }
        self.skip_spaces();
        let target = self.word();
        if target.is_empty() {
            return Err(SyntaxError(
                "The syntax of the command is incorrect.".to_string(),
            ));
        }
        let target = if read {
            Target::Read(target)
        } else if append {
            Target::Append(target)
        } else {
            Target::Write(target)
        };
        Ok(Redirect { handle, target })
    }

    /// A word: up to a space or an operator; quotes group (and are removed), `^` escapes.
    fn word(&mut self) -> String {
        let mut out = String::new();
        let mut quoted = false;
        while let Some(c) = self.peek() {
            if quoted {
                self.at += 1;
                if c == '"' {
                    quoted = false;
                } else {
                    out.push(c);
                }
                continue;
            }
            match c {
                '"' => {
                    quoted = true;
                    self.at += 1;
                }
                '^' => {
                    self.at += 1;
                    if let Some(next) = self.peek() {
                        out.push(next);
                        self.at += 1;
                    }
                }
                c if c.is_whitespace() || matches!(c, '&' | '|' | '<' | '>') => break,
                ')' if self.depth > 0 => break,
                c => {
                    out.push(c);
                    self.at += 1;
                }
            }
        }
        out
    }

    /// A simple command up to an operator (or `)` in a block).
    fn simple(&mut self) -> Result<Node, SyntaxError> {
        let mut text = String::new();
        let mut redirects = Vec::new();
        let mut quoted = false;
        while let Some(c) = self.peek() {
            if quoted {
                if c == '\n' {
                    // A quote never runs on past the end of its line.
                    break;
                }
                text.push(c);
                self.at += 1;
                if c == '"' {
                    quoted = false;
                }
                continue;
            }
            match c {
                '"' => {
                    quoted = true;
                    text.push(c);
                    self.at += 1;
                }
                '^' => {
                    self.at += 1;
                    if let Some(next) = self.peek().filter(|&n| n != '\n') {
                        text.push(next);
                        self.at += 1;
                    }
                }
                '&' | '|' | '\n' => break,
                ')' if self.depth > 0 => break,
                '<' | '>' => redirects.push(self.redirect()?),
                d if d.is_ascii_digit()
                    && self.peek_at(1) == Some('>')
                    && text.chars().last().is_none_or(char::is_whitespace) =>
                {
                    redirects.push(self.redirect()?);
                }
                c => {
                    text.push(c);
                    self.at += 1;
                }
            }
        }
        // Trailing spaces stay, as in cmd (`echo a & echo b` prints "a ").
        let text = text.trim_start().to_string();
        if text.trim().is_empty() && redirects.is_empty() {
            return Ok(Node::Empty);
        }
        Ok(Node::Simple { text, redirects })
    }

    /// `IF [/I] [NOT] test command [ELSE command]` (the cursor is on `if`).
    fn if_command(&mut self) -> Result<Node, SyntaxError> {
        self.at += 2;
        self.skip_spaces();
        let mut ignore_case = false;
        let mut negate = false;
        if self.at_keyword("/i") {
            ignore_case = true;
            self.at += 2;
            self.skip_spaces();
        }
        if self.at_keyword("not") {
            negate = true;
            self.at += 3;
            self.skip_spaces();
        }
        let incorrect = || SyntaxError("The syntax of the command is incorrect.".to_string());
        let test = if self.at_keyword("exist") {
            self.at += 5;
            self.skip_spaces();
            Test::Exist(self.raw_operand())
        } else if self.at_keyword("defined") {
            self.at += 7;
            self.skip_spaces();
            Test::Defined(self.raw_operand())
        } else if self.at_keyword("errorlevel") {
            self.at += 10;
            self.skip_spaces();
            Test::ErrorLevel(self.raw_operand())
        } else {
            let left = self.comparand();
            self.skip_spaces();
            let op = if self.peek() == Some('=') && self.peek_at(1) == Some('=') {
                self.at += 2;
                Compare::Same
            } else {
                let word: String = self.chars[self.at..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphabetic())
                    .collect();
                let op = match word.to_ascii_uppercase().as_str() {
                    "EQU" => Compare::Equ,
                    "NEQ" => Compare::Neq,
                    "LSS" => Compare::Lss,
                    "LEQ" => Compare::Leq,
                    "GTR" => Compare::Gtr,
                    "GEQ" => Compare::Geq,
                    _ => return Err(incorrect()),
                };
                self.at += 3;
                op
            };
            self.skip_spaces();
            let right = self.comparand();
            if left.is_empty() || right.is_empty() {
                return Err(incorrect());
            }
            Test::Compare {
                left,
                op,
                right,
                ignore_case,
            }
        };
        if matches!(&test, Test::Exist(p) | Test::Defined(p) | Test::ErrorLevel(p) if p.is_empty())
        {
            return Err(incorrect());
        }
        self.skip_spaces();
        if self.peek().is_none() {
            return Err(incorrect());
        }
        let then_is_block = self.peek() == Some('(');
        let then = if then_is_block {
            self.block()?
        } else {
            self.sequence()?
        };
        let mut otherwise = None;
        if then_is_block {
            self.skip_blank();
            if self.at_keyword("else") {
                self.at += 4;
                self.skip_spaces();
                otherwise = Some(Box::new(if self.peek() == Some('(') {
                    self.block()?
                } else {
                    self.sequence()?
                }));
            }
        }
        Ok(Node::If {
            test,
            negate,
            then: Box::new(then),
            otherwise,
        })
    }

    /// An operand of `EXIST`, `DEFINED`, `ERRORLEVEL`: up to a space, quotes kept.
    fn raw_operand(&mut self) -> String {
        let mut out = String::new();
        let mut quoted = false;
        while let Some(c) = self.peek() {
            if !quoted && (c.is_whitespace() || matches!(c, '&' | '|' | '(')) {
                break;
            }
            if c == '"' {
                quoted = !quoted;
            }
            if c == '^' && !quoted {
                self.at += 1;
                if let Some(next) = self.peek() {
                    out.push(next);
                    self.at += 1;
                }
                continue;
            }
            out.push(c);
            self.at += 1;
        }
        out
    }

    /// A side of a comparison: up to a space or `==`, quotes kept.
    fn comparand(&mut self) -> String {
        let mut out = String::new();
        let mut quoted = false;
        while let Some(c) = self.peek() {
            if !quoted {
                if c.is_whitespace() || (c == '=' && self.peek_at(1) == Some('=')) {
                    break;
                }
                if matches!(c, '&' | '|' | '(' | ')') {
                    break;
                }
            }
            if c == '"' {
                quoted = !quoted;
            }
            if c == '^' && !quoted {
                self.at += 1;
                if let Some(next) = self.peek() {
                    out.push(next);
                    self.at += 1;
                }
                continue;
            }
            out.push(c);
            self.at += 1;
        }
        out
    }

    /// `FOR ... %%v IN (set) DO command` (the cursor is on `for`).
    fn for_command(&mut self) -> Result<Node, SyntaxError> {
        self.at += 3;
        self.skip_spaces();
        let mut kind = ForKind::Items;
        if self.peek() == Some('/') {
            let flag: String = self.chars[self.at + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            self.at += 1 + flag.len();
            self.skip_spaces();
            kind = match flag.to_ascii_lowercase().as_str() {
                "d" => ForKind::Dirs,
                "l" => ForKind::Numbers,
                "r" => {
                    let root = (self.peek() != Some('%')).then(|| self.word());
                    self.skip_spaces();
                    ForKind::Recursive(root.filter(|r| !r.is_empty()))
                }
                "f" => {
                    let options = if self.peek() == Some('"') {
                        let o = self.word();
                        self.skip_spaces();
                        o
                    } else {
                        String::new()
                    };
                    ForKind::Lines(options)
                }
                other => {
                    return Err(SyntaxError(format!(
                        "/{other} was unexpected at this time."
                    )));
                }
            };
        }
        if self.peek() != Some('%') {
            let rest: String = self.chars[self.at..]
                .iter()
                .take_while(|c| !c.is_whitespace())
                .collect();
            return Err(SyntaxError(format!("{rest} was unexpected at this time.")));
        }
        let token: String = self.chars[self.at..]
            .iter()
            .take_while(|c| !c.is_whitespace())
            .collect();
        self.at += 1;
        let Some(var) = self.peek().filter(|c| !c.is_whitespace()) else {
            return Err(SyntaxError("% was unexpected at this time.".to_string()));
        };
        self.at += 1;
        self.skip_spaces();
        if !self.at_keyword("in") {
            return Err(SyntaxError(format!("{token} was unexpected at this time.")));
        }
        self.at += 2;
        self.skip_spaces();
        if self.peek() != Some('(') {
            return Err(SyntaxError("in was unexpected at this time.".to_string()));
        }
        self.at += 1;
        let mut set = String::new();
        let mut quoted = false;
        let mut depth = 0;
        loop {
            let Some(c) = self.peek() else {
                return Err(SyntaxError(
                    "The syntax of the command is incorrect.".to_string(),
                ));
            };
            self.at += 1;
            match c {
                '"' => {
                    quoted = !quoted;
                    set.push(c);
                }
                '^' if !quoted => {
                    if let Some(next) = self.peek() {
                        set.push(next);
                        self.at += 1;
                    }
                }
                '(' if !quoted => {
                    depth += 1;
                    set.push(c);
                }
                ')' if !quoted && depth == 0 => break,
                ')' if !quoted => {
                    depth -= 1;
                    set.push(c);
                }
                c => set.push(c),
            }
        }
        self.skip_spaces();
        if !self.at_keyword("do") {
            return Err(SyntaxError(
                "The syntax of the command is incorrect.".to_string(),
            ));
        }
        self.at += 2;
        self.skip_spaces();
        let from = self.at;
        let body = if self.peek() == Some('(') {
            self.block()?
        } else {
            self.sequence()?
        };
        let written: String = self.chars[from..self.at].iter().collect();
        let shown = if written.starts_with('@') {
            String::new()
        } else {
            written.trim_end().to_string()
        };
        if body == Node::Empty {
            return Err(SyntaxError(
                "The syntax of the command is incorrect.".to_string(),
            ));
        }
        Ok(Node::For {
            kind,
            var,
            set: set.trim().to_string(),
            body: Box::new(body),
            shown,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn simple(text: &str) -> Node {
        Node::Simple {
            text: text.to_string(),
            redirects: Vec::new(),
        }
    }

    fn seq(a: Node, op: Op, b: Node) -> Node {
        Node::Seq(Box::new(a), op, Box::new(b))
    }

    #[test]
    fn operators_join_commands() {
        assert_eq!(
            parse("net stop bits & net stop wuauserv").unwrap(),
            seq(
                simple("net stop bits "),
                Op::Then,
                simple("net stop wuauserv")
            )
        );
        assert_eq!(
            parse("a && b || c").unwrap(),
            seq(
                seq(simple("a "), Op::And, simple("b ")),
                Op::Or,
                simple("c")
            )
        );
        assert_eq!(
            parse("sc query | findstr STATE").unwrap(),
            Node::Pipe(
                Box::new(simple("sc query ")),
                Box::new(simple("findstr STATE"))
            )
        );
        assert_eq!(parse("echo a &").unwrap(), simple("echo a "));
        assert!(parse("&& b").is_err());
        assert!(parse("| b").is_err());
    }

    #[test]
    fn redirections_are_taken_out_of_the_text() {
        let node = parse("net stop wuauserv >nul 2>&1").unwrap();
        assert_eq!(
            node,
            Node::Simple {
                text: "net stop wuauserv  ".into(),
                redirects: vec![
                    Redirect {
                        handle: 1,
                        target: Target::Write("nul".into())
                    },
                    Redirect {
                        handle: 2,
                        target: Target::Handle(1)
                    },
                ],
            }
        );
        let node = parse("echo done>> \"%TEMP%\\log.txt\"").unwrap();
        assert_eq!(
            node,
            Node::Simple {
                text: "echo done".into(),
                redirects: vec![Redirect {
                    handle: 1,
                    target: Target::Append("%TEMP%\\log.txt".into())
                }],
            }
        );
        // A digit glued to a word is part of the word.
        let Node::Simple { text, redirects } = parse("echo a2>x").unwrap() else {
            panic!()
        };
        assert_eq!((text.as_str(), redirects[0].handle), ("echo a2", 1));
        assert!(parse("&& b").is_err());
    }

    #[test]
    fn quotes_and_carets_keep_operators_literal() {
        assert_eq!(parse("echo \"a & b\"").unwrap(), simple("echo \"a & b\""));
        assert_eq!(parse("echo a ^& b ^> c").unwrap(), simple("echo a & b > c"));
        assert_eq!(parse("echo x)").unwrap(), simple("echo x)"));
    }

    #[test]
    fn if_takes_the_rest_of_the_line_and_else_needs_parentheses() {
        let node = parse("if exist C:\\x echo a & echo b").unwrap();
        let Node::If {
            test,
            then,
            otherwise,
            negate,
        } = node
        else {
            panic!()
        };
        assert_eq!(test, Test::Exist("C:\\x".into()));
        assert!(!negate && otherwise.is_none());
        assert_eq!(*then, seq(simple("echo a "), Op::Then, simple("echo b")));

        let node = parse("if /i not \"%x%\"==\"Y\" (echo no) else (echo yes)").unwrap();
        let Node::If {
            test,
            negate,
            otherwise,
            ..
        } = node
        else {
            panic!()
        };
        assert!(negate);
        assert_eq!(
            test,
            Test::Compare {
                left: "\"%x%\"".into(),
                op: Compare::Same,
                right: "\"Y\"".into(),
                ignore_case: true
            }
        );
        assert!(otherwise.is_some());
        let node = parse("if %errorlevel% NEQ 0 exit /b 1").unwrap();
        assert!(matches!(
            node,
            Node::If {
                test: Test::Compare {
                    op: Compare::Neq,
                    ..
                },
                ..
            }
        ));
        assert!(parse("if exist").is_err());
        assert!(parse("if a==b").is_err());
    }

    #[test]
    fn for_loops_parse_their_kind_set_and_body() {
        // In a batch file `%%s` reaches the parser as `%s`; typed at the prompt, `%%s` is
        // an error, as in cmd.
        let node = parse("for %s in (wuauserv bits cryptsvc) do net stop %s").unwrap();
        assert_eq!(
            node,
            Node::For {
                kind: ForKind::Items,
                var: 's',
                set: "wuauserv bits cryptsvc".into(),
                body: Box::new(simple("net stop %s")),
                shown: "net stop %s".into(),
            }
        );
        assert_eq!(
            parse("for %%s in (a) do echo").unwrap_err(),
            SyntaxError("%%s was unexpected at this time.".into())
        );
        let node =
            parse("for /f \"tokens=3\" %a in ('sc query wuauserv ^| findstr STATE') do echo %a")
                .unwrap();
        assert_eq!(
            node,
            Node::For {
                kind: ForKind::Lines("tokens=3".into()),
                var: 'a',
                set: "'sc query wuauserv | findstr STATE'".into(),
                body: Box::new(simple("echo %a")),
                shown: "echo %a".into(),
            }
        );
        let node = parse("for /l %i in (1,1,3) do (echo %i\necho x)").unwrap();
        let Node::For { kind, body, .. } = node else {
            panic!()
        };
        assert_eq!(kind, ForKind::Numbers);
        assert_eq!(
            *body,
            Node::Block(
                vec![seq(simple("echo %i"), Op::Then, simple("echo x"))],
                vec![]
            )
        );
        assert!(parse("for %i (a) do echo").is_err());
    }

    #[test]
    fn rem_and_blocks() {
        assert_eq!(parse("rem a & b | c").unwrap(), simple("rem a & b | c"));
        assert_eq!(
            parse("(echo a\necho b) > out.txt").unwrap(),
            Node::Block(
                vec![seq(simple("echo a"), Op::Then, simple("echo b"))],
                vec![Redirect {
                    handle: 1,
                    target: Target::Write("out.txt".into())
                }]
            )
        );
        assert!(is_open("if exist x ("));
        assert!(!is_open("echo (a)"));
        assert!(!is_open("echo \"(\""));
        assert!(!is_open("rem ("));
    }

    proptest::proptest! {
        /// Any text parses to a tree or a syntax error, never a panic.
        #[test]
        fn parsing_never_panics(text in ".{0,80}") {
            let _ = parse(&text);
            let _ = is_open(&text);
        }

        /// Text without cmd's special characters is one command, as typed.
        #[test]
        fn plain_text_is_one_command(text in "[a-zA-Z0-9 ./:=%!,;_-]{1,40}") {
            let first = text.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
            // A keyword glued to a non-letter (`if%`, `rem.`) is still the keyword to cmd.
            let keyword = ["if", "for", "rem"].iter().any(|k| {
                first.strip_prefix(k).is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
            });
            proptest::prop_assume!(!text.trim().is_empty() && !keyword);
            proptest::prop_assert_eq!(parse(&text).unwrap(), simple(text.trim_start()));
        }

        /// `a & b` runs a, then b: the tree joins the two commands' trees.
        #[test]
        fn an_ampersand_joins_two_commands(a in "[a-z][a-z ]{0,20}", b in "[a-z][a-z ]{0,20}") {
            proptest::prop_assume!(!a.starts_with("if") && !a.starts_with("for") && !a.starts_with("rem"));
            proptest::prop_assume!(!b.starts_with("if") && !b.starts_with("for") && !b.starts_with("rem"));
            let joined = parse(&format!("{a}&{b}")).unwrap();
            proptest::prop_assert_eq!(joined, seq(parse(&a).unwrap(), Op::Then, parse(&b).unwrap()));
        }
    }
}
