//! `set /a`: cmd.exe's integer calculator, which reads and assigns environment variables.
//!
//! `set /a x=5*2, y=x+1` does its sums in 32-bit two's-complement integers that wrap around
//! instead of overflowing, assigns `x` and `y`, and at the prompt prints the value of the
//! last expression (`11`). The operators, from the tightest to the loosest:
//!
//! | Operators | Meaning |
//! |---|---|
//! | `( )` | grouping |
//! | `! ~ - +` | unary: logical not (0 or 1), bitwise not, negation, nothing |
//! | `* / %` | multiply, divide (truncating toward zero), remainder |
//! | `+ -` | add, subtract |
//! | `<< >>` | shift (`>>` keeps the sign; the count is taken modulo 32, as on x86) |
//! | `&`, then `^`, then `\|` | bitwise and, exclusive or, or |
//! | `= *= /= %= += -= &= ^= \|= <<= >>=` | assignment, right to left |
//! | `,` | separates expressions |
//!
//! A bare word is a variable name: its value is read as a number, and an undefined or
//! non-numeric variable counts as 0. Numbers are decimal (`17`), hexadecimal (`0x11`) or
//! octal with a leading zero (`021`), so `08` is an invalid number. Decimal numbers stop at
//! 2147483647; hexadecimal and octal ones may use all 32 bits (`0xFFFFFFFF` is -1). Double
//! quotes may surround any part (`set /a "x=5<<2"`) and are ignored, as are spaces.
//!
//! The expression is read in one pass into postfix order with explicit stacks (the
//! shunting-yard method), then evaluated; nothing recurses, so deep nesting cannot overflow
//! the stack. A syntax error anywhere means nothing is assigned; an error while evaluating
//! (dividing by zero) keeps the assignments made before it.
//!
//! Simplifications (unverified against a real console):
//! - A variable's value is read leniently, like C's `strtol`: leading spaces, a sign and
//!   the longest run of digits, anything after ignored (`5abc` is 5, `08` is 0, `abc` is 0);
//!   a value beyond 32 bits is the "limited to 32-bits" error. A value that names another
//!   variable is not followed.
//! - `-2147483648` is the "limited to 32-bits" error (the minus is an operator applied to a
//!   number that is too large); write `-2147483647-1` or `0x80000000`.
//! - A number runs over all letters and digits after its first digit, so `5abc` typed in
//!   the expression is an invalid number, while `1.5` is `1` followed by a variable `.5`
//!   (missing operator).
//! - Assigning to something that is not a variable (`5=3`, `(x)=3`, `-x=3`) is "Missing
//!   operator."; `<` or `>` alone are not operators, and an empty expression or one ending
//!   in an operator is "Missing operand.".
//! - `i32::MIN / -1` wraps to `i32::MIN` (and `% -1` gives 0) instead of crashing cmd.

use std::fmt;

/// Variables `set /a` reads and writes.
pub(crate) trait ArithVars {
    /// The text of a variable, name compared ignoring ASCII case.
    fn get(&self, name: &str) -> Option<String>;
    /// Stores a number in a variable (as its decimal text).
    fn set(&mut self, name: &str, value: i32);
}

/// Why `set /a` failed; Display gives cmd's exact message (no trailing newline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArithError {
    /// An operator with nothing to work on (`1+`, `()`, an empty expression).
    MissingOperand,
    /// Two values with nothing between them (`1 2`, `x y`).
    MissingOperator,
    /// A `(` without its `)`, or the other way round.
    UnbalancedParenthesis,
    /// `/ 0` or `% 0`.
    DivideByZero,
    /// A constant that is not decimal, `0x` hexadecimal or `0` octal (`08`, `0x`, `12ab`).
    InvalidNumber,
    /// A constant or a variable's value that does not fit in 32 bits.
    NumberTooLarge,
}

impl fmt::Display for ArithError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ArithError::MissingOperand => MISSING_OPERAND,
            ArithError::MissingOperator => MISSING_OPERATOR,
            ArithError::UnbalancedParenthesis => UNBALANCED_PARENTHESIS,
            ArithError::DivideByZero => DIVIDE_BY_ZERO,
            ArithError::InvalidNumber => INVALID_NUMBER,
            ArithError::NumberTooLarge => NUMBER_TOO_LARGE,
        })
    }
}

impl std::error::Error for ArithError {}

/// Evaluates a `set /a` expression (everything after `/a`, already percent-expanded),
/// performing its assignments; returns the value of the last comma-separated expression
/// (what cmd prints at the prompt).
pub(crate) fn evaluate(expr: &str, vars: &mut dyn ArithVars) -> Result<i32, ArithError> {
    let steps = to_postfix(expr)?;
    run(&steps, vars)
}

/// One piece of the expression as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    Number(i32),
    Name(&'a str),
    Open,
    Close,
    Comma,
    /// `!`, the only operator that is always unary (with `~`).
    Bang,
    Tilde,
    Binary(Binary),
    /// `=` (`None`) or a compound assignment such as `+=`.
    Assign(Option<Binary>),
    /// A character that is neither an operator nor part of a name (`<` or `>` alone).
    Stray,
}

/// Operators with a left and a right operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Binary {
    Mul,
    Div,
    Rem,
    Add,
    Sub,
    Shl,
    Shr,
    And,
    Xor,
    Or,
}

/// Operators with one operand, written before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unary {
    Not,
    Complement,
    Negate,
    Identity,
}

/// One instruction of the postfix program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step<'a> {
    Number(i32),
    Name(&'a str),
    Unary(Unary),
    Binary(Binary),
    Assign(Option<Binary>),
    Comma,
}

/// An operator waiting on the shunting-yard stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    Open,
    Unary(Unary),
    Binary(Binary),
    Assign(Option<Binary>),
    Comma,
}

impl Pending {
    /// How tightly the operator binds (higher binds tighter).
    fn precedence(self) -> u8 {
        match self {
            Pending::Open | Pending::Comma => 0,
            Pending::Assign(_) => 1,
            Pending::Binary(binary) => binary.precedence(),
            Pending::Unary(_) => 8,
        }
    }

    /// The postfix step for an operator popped off the stack (`None` for `(`).
    fn step(self) -> Option<Step<'static>> {
        match self {
            Pending::Open => None,
            Pending::Unary(unary) => Some(Step::Unary(unary)),
            Pending::Binary(binary) => Some(Step::Binary(binary)),
            Pending::Assign(assign) => Some(Step::Assign(assign)),
            Pending::Comma => Some(Step::Comma),
        }
    }
}

impl Binary {
    /// cmd's precedence levels, from `|` (2) to `* / %` (7).
    fn precedence(self) -> u8 {
        match self {
            Binary::Or => 2,
            Binary::Xor => 3,
            Binary::And => 4,
            Binary::Shl | Binary::Shr => 5,
            Binary::Add | Binary::Sub => 6,
            Binary::Mul | Binary::Div | Binary::Rem => 7,
        }
    }

    /// The operator applied with 32-bit wrapping.
    fn apply(self, left: i32, right: i32) -> Result<i32, ArithError> {
        Ok(match self {
            Binary::Mul => left.wrapping_mul(right),
            Binary::Div | Binary::Rem if right == 0 => return Err(ArithError::DivideByZero),
            Binary::Div => left.wrapping_div(right),
            Binary::Rem => left.wrapping_rem(right),
            Binary::Add => left.wrapping_add(right),
            Binary::Sub => left.wrapping_sub(right),
            Binary::Shl => left.wrapping_shl(right.cast_unsigned()),
            Binary::Shr => left.wrapping_shr(right.cast_unsigned()),
            Binary::And => left & right,
            Binary::Xor => left ^ right,
            Binary::Or => left | right,
        })
    }
}

impl Unary {
    /// The operator applied with 32-bit wrapping.
    fn apply(self, value: i32) -> i32 {
        match self {
            Unary::Not => i32::from(value == 0),
            Unary::Complement => !value,
            Unary::Negate => value.wrapping_neg(),
            Unary::Identity => value,
        }
    }
}

/// Reads the expression into postfix order, checking its syntax on the way.
fn to_postfix(expr: &str) -> Result<Vec<Step<'_>>, ArithError> {
    let mut output = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut want_operand = true;
    let mut lexer = Lexer { rest: expr };
    while let Some(token) = lexer.next_token()? {
        if want_operand {
            match token {
                Token::Number(n) => output.push(Step::Number(n)),
                Token::Name(name) => output.push(Step::Name(name)),
                Token::Open => pending.push(Pending::Open),
                Token::Bang => pending.push(Pending::Unary(Unary::Not)),
                Token::Tilde => pending.push(Pending::Unary(Unary::Complement)),
                Token::Binary(Binary::Sub) => pending.push(Pending::Unary(Unary::Negate)),
                Token::Binary(Binary::Add) => pending.push(Pending::Unary(Unary::Identity)),
                Token::Close
                | Token::Comma
                | Token::Binary(_)
                | Token::Assign(_)
                | Token::Stray => {
                    return Err(ArithError::MissingOperand);
                }
            }
            want_operand = matches!(token, Token::Open | Token::Bang | Token::Tilde)
                || matches!(token, Token::Binary(_));
            continue;
        }
        match token {
            Token::Number(_)
            | Token::Name(_)
            | Token::Open
            | Token::Bang
            | Token::Tilde
            | Token::Stray => {
                return Err(ArithError::MissingOperator);
            }
            Token::Close => close_group(&mut pending, &mut output)?,
            Token::Binary(binary) => {
                push_operator(&mut pending, &mut output, Pending::Binary(binary))
            }
            Token::Assign(assign) => {
                push_operator(&mut pending, &mut output, Pending::Assign(assign))
            }
            Token::Comma => push_operator(&mut pending, &mut output, Pending::Comma),
        }
        want_operand = token != Token::Close;
    }
    if want_operand {
        return Err(ArithError::MissingOperand);
    }
    while let Some(operator) = pending.pop() {
        output.push(operator.step().ok_or(ArithError::UnbalancedParenthesis)?);
    }
    Ok(output)
}

/// Pushes a binary operator, first moving to the output every waiting operator that binds
/// at least as tightly (more tightly, for the right-to-left assignments).
fn push_operator<'a>(pending: &mut Vec<Pending>, output: &mut Vec<Step<'a>>, operator: Pending) {
    let precedence = operator.precedence();
    let right_to_left = matches!(operator, Pending::Assign(_));
    while let Some(&top) = pending.last() {
        let pops = top != Pending::Open
            && (top.precedence() > precedence
                || (top.precedence() == precedence && !right_to_left));
        if !pops {
            break;
        }
        pending.pop();
        output.extend(top.step());
    }
    pending.push(operator);
}

/// A `)`: moves the group's operators to the output and makes its result a plain value (a
/// group is never a variable to assign to).
fn close_group<'a>(
    pending: &mut Vec<Pending>,
    output: &mut Vec<Step<'a>>,
) -> Result<(), ArithError> {
    loop {
        match pending.pop() {
            None => return Err(ArithError::UnbalancedParenthesis),
            Some(Pending::Open) => break,
            Some(operator) => output.extend(operator.step()),
        }
    }
    output.push(Step::Unary(Unary::Identity));
    Ok(())
}

/// A value on the evaluation stack: a number, or a variable not yet read (it may be the
/// target of an assignment).
#[derive(Debug, Clone, Copy)]
enum Operand<'a> {
    Value(i32),
    Var(&'a str),
}

/// Runs the postfix program.
fn run(steps: &[Step<'_>], vars: &mut dyn ArithVars) -> Result<i32, ArithError> {
    let mut stack: Vec<Operand<'_>> = Vec::with_capacity(steps.len());
    for &step in steps {
        let result = match step {
            Step::Number(n) => Operand::Value(n),
            Step::Name(name) => Operand::Var(name),
            Step::Unary(unary) => Operand::Value(unary.apply(pop_value(&mut stack, vars)?)),
            Step::Binary(binary) => {
                let (left, right) = pop_pair(&mut stack)?;
                let left = read(left, vars)?;
                Operand::Value(binary.apply(left, read(right, vars)?)?)
            }
            Step::Assign(compound) => {
                let (target, value) = pop_pair(&mut stack)?;
                let Operand::Var(name) = target else {
                    return Err(ArithError::MissingOperator);
                };
                let value = read(value, vars)?;
                let value = match compound {
                    None => value,
                    Some(binary) => binary.apply(variable(name, vars)?, value)?,
                };
                vars.set(name, value);
                Operand::Value(value)
            }
            Step::Comma => {
                let (left, right) = pop_pair(&mut stack)?;
                read(left, vars)?;
                right
            }
        };
        stack.push(result);
    }
    let value = pop_value(&mut stack, vars)?;
    if stack.is_empty() {
        Ok(value)
    } else {
        Err(ArithError::MissingOperator)
    }
}

/// The top two operands, left first.
fn pop_pair<'a>(stack: &mut Vec<Operand<'a>>) -> Result<(Operand<'a>, Operand<'a>), ArithError> {
    let right = stack.pop().ok_or(ArithError::MissingOperand)?;
    let left = stack.pop().ok_or(ArithError::MissingOperand)?;
    Ok((left, right))
}

/// The top operand's value.
fn pop_value(stack: &mut Vec<Operand<'_>>, vars: &dyn ArithVars) -> Result<i32, ArithError> {
    read(stack.pop().ok_or(ArithError::MissingOperand)?, vars)
}

/// An operand's value, reading a variable if need be.
fn read(operand: Operand<'_>, vars: &dyn ArithVars) -> Result<i32, ArithError> {
    match operand {
        Operand::Value(value) => Ok(value),
        Operand::Var(name) => variable(name, vars),
    }
}

/// A variable's value as a number: 0 when undefined or not a number.
fn variable(name: &str, vars: &dyn ArithVars) -> Result<i32, ArithError> {
    vars.get(name).map_or(Ok(0), |text| lenient_number(&text))
}

/// A variable's text read like C's `strtol`: spaces, a sign, then the longest run of
/// digits in the base the prefix gives (`0x` hexadecimal, `0` octal, else decimal).
fn lenient_number(text: &str) -> Result<i32, ArithError> {
    let text = text.trim_start();
    let (negative, text) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = radix_and_digits(text);
    let end = digits
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(digits.len());
    let value = if end == 0 {
        0
    } else {
        magnitude(&digits[..end], radix)?
    };
    Ok(if negative {
        value.wrapping_neg()
    } else {
        value
    })
}

/// The base a constant's prefix gives, and its digits after the prefix.
fn radix_and_digits(text: &str) -> (u32, &str) {
    let bytes = text.as_bytes();
    if bytes.len() >= 2 && bytes[0] == b'0' && bytes[1].eq_ignore_ascii_case(&b'x') {
        (16, &text[2..])
    } else if bytes.len() >= 2 && bytes[0] == b'0' {
        (8, &text[1..])
    } else {
        (10, text)
    }
}

/// The value of non-empty `digits` in `radix`, all valid: decimal up to 2147483647,
/// hexadecimal and octal up to 0xFFFFFFFF (the top bit makes them negative).
fn magnitude(digits: &str, radix: u32) -> Result<i32, ArithError> {
    let limit = if radix == 10 {
        u64::from(i32::MAX.cast_unsigned())
    } else {
        u64::from(u32::MAX)
    };
    let mut value: u64 = 0;
    for c in digits.chars() {
        let digit = c.to_digit(radix).ok_or(ArithError::InvalidNumber)?;
        value = value * u64::from(radix) + u64::from(digit);
        if value > limit {
            return Err(ArithError::NumberTooLarge);
        }
    }
    Ok(u32::try_from(value)
        .map_err(|_| ArithError::NumberTooLarge)?
        .cast_signed())
}

/// A constant typed in the expression: all its letters and digits must form a number.
fn constant(text: &str) -> Result<i32, ArithError> {
    let (radix, digits) = radix_and_digits(text);
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Err(ArithError::InvalidNumber);
    }
    magnitude(digits, radix)
}

/// Splits the expression into tokens, skipping spaces and double quotes.
struct Lexer<'a> {
    rest: &'a str,
}

impl<'a> Lexer<'a> {
    /// The next token, `None` at the end.
    fn next_token(&mut self) -> Result<Option<Token<'a>>, ArithError> {
        self.rest = self
            .rest
            .trim_start_matches(|c: char| c.is_whitespace() || c == '"');
        let Some(first) = self.rest.chars().next() else {
            return Ok(None);
        };
        if first.is_ascii_digit() {
            let end = self
                .rest
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(self.rest.len());
            let (text, rest) = self.rest.split_at(end);
            self.rest = rest;
            return constant(text).map(|n| Some(Token::Number(n)));
        }
        if let Some((token, len)) = operator(self.rest) {
            self.rest = &self.rest[len..];
            return Ok(Some(token));
        }
        let end = self
            .rest
            .find(|c: char| ends_name(c))
            .unwrap_or(self.rest.len());
        if end == 0 {
            // `<` or `>` alone: not an operator and not a name.
            self.rest = &self.rest[first.len_utf8()..];
            return Ok(Some(Token::Stray));
        }
        let (name, rest) = self.rest.split_at(end);
        self.rest = rest;
        Ok(Some(Token::Name(name)))
    }
}

/// The operator at the start of `text` and its length, longest match first.
fn operator(text: &str) -> Option<(Token<'static>, usize)> {
    OPERATORS
        .iter()
        .find(|(spelling, _)| text.starts_with(spelling))
        .map(|&(spelling, token)| (token, spelling.len()))
}

/// Whether `c` ends a variable name.
fn ends_name(c: char) -> bool {
    c.is_whitespace() || c == '"' || OPERATOR_CHARS.contains(c)
}

/// Every operator's spelling, the three-character ones before their prefixes.
const OPERATORS: [(&str, Token<'static>); 26] = [
    ("<<=", Token::Assign(Some(Binary::Shl))),
    (">>=", Token::Assign(Some(Binary::Shr))),
    ("<<", Token::Binary(Binary::Shl)),
    (">>", Token::Binary(Binary::Shr)),
    ("*=", Token::Assign(Some(Binary::Mul))),
    ("/=", Token::Assign(Some(Binary::Div))),
    ("%=", Token::Assign(Some(Binary::Rem))),
    ("+=", Token::Assign(Some(Binary::Add))),
    ("-=", Token::Assign(Some(Binary::Sub))),
    ("&=", Token::Assign(Some(Binary::And))),
    ("^=", Token::Assign(Some(Binary::Xor))),
    ("|=", Token::Assign(Some(Binary::Or))),
    ("=", Token::Assign(None)),
    ("*", Token::Binary(Binary::Mul)),
    ("/", Token::Binary(Binary::Div)),
    ("%", Token::Binary(Binary::Rem)),
    ("+", Token::Binary(Binary::Add)),
    ("-", Token::Binary(Binary::Sub)),
    ("&", Token::Binary(Binary::And)),
    ("^", Token::Binary(Binary::Xor)),
    ("|", Token::Binary(Binary::Or)),
    ("!", Token::Bang),
    ("~", Token::Tilde),
    ("(", Token::Open),
    (")", Token::Close),
    (",", Token::Comma),
];

/// Characters that end a variable name.
const OPERATOR_CHARS: &str = "+-*/%()!~<>&^|=,";

const MISSING_OPERAND: &str = "Missing operand.";
const MISSING_OPERATOR: &str = "Missing operator.";
const UNBALANCED_PARENTHESIS: &str = "Unbalanced parenthesis.";
const DIVIDE_BY_ZERO: &str = "Divide by zero error.";
const INVALID_NUMBER: &str = "Invalid number.  Numeric constants are either decimal (17),\nhexadecimal (0x11), or octal (021).";
const NUMBER_TOO_LARGE: &str = "Invalid number.  Numbers are limited to 32-bits of precision.";

#[cfg(test)]
mod tests {
    use super::*;

    /// Variables as the shell keeps them: names ignoring case, values as text.
    #[derive(Default)]
    struct Env(Vec<(String, String)>);

    impl Env {
        fn with(pairs: &[(&str, &str)]) -> Env {
            Env(pairs
                .iter()
                .map(|(n, v)| ((*n).to_string(), (*v).to_string()))
                .collect())
        }
        fn value(&self, name: &str) -> Option<&str> {
            self.0
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
        }
    }

    impl ArithVars for Env {
        fn get(&self, name: &str) -> Option<String> {
            self.value(name).map(str::to_string)
        }
        fn set(&mut self, name: &str, value: i32) {
            match self
                .0
                .iter_mut()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
            {
                Some(entry) => entry.1 = value.to_string(),
                None => self.0.push((name.to_string(), value.to_string())),
            }
        }
    }

    fn eval(expr: &str) -> Result<i32, ArithError> {
        evaluate(expr, &mut Env::default())
    }

    #[test]
    fn arithmetic_follows_cmds_precedence() {
        for (expr, expected) in [
            ("1+2", 3),
            ("7", 7),
            ("  7  ", 7),
            ("2+3*4", 14),
            ("(2+3)*4", 20),
            ("10-4-3", 3),
            ("100/10/5", 2),
            ("7/2", 3),
            ("-7/2", -3),
            ("7/-2", -3),
            ("7%3", 1),
            ("-7%3", -1),
            ("7%-3", 1),
            ("1<<4", 16),
            ("256>>4", 16),
            ("-16>>2", -4),
            ("1<<32", 1),
            ("1<<33", 2),
            ("1<<-1", i32::MIN),
            ("1+1<<2", 8),
            ("6&3", 2),
            ("6^3", 5),
            ("6|3", 7),
            ("1|2^3&4", 3),
            ("1|6&3", 3),
            ("12&4^4", 0),
            ("2<<1&6", 4),
            ("!0", 1),
            ("!5", 0),
            ("!!7", 1),
            ("~0", -1),
            ("~5", -6),
            ("-5", -5),
            ("--5", 5),
            ("+5", 5),
            ("-+-5", 5),
            ("5--3", 8),
            ("5- -3", 8),
            ("-2*3", -6),
            ("-(2+3)", -5),
            ("!(1-1)", 1),
            ("~-1", 0),
            ("((((1))))", 1),
            ("\"5<<2\"", 20),
            ("\"1\"+\"2\"", 3),
            ("1,2,3", 3),
            ("(1,2)", 2),
            ("0x1F", 31),
            ("0X1f", 31),
            ("0x7FFFFFFF", i32::MAX),
            ("0x80000000", i32::MIN),
            ("0xFFFFFFFF", -1),
            ("021", 17),
            ("0", 0),
            ("00", 0),
            ("037777777777", -1),
            ("2147483647", i32::MAX),
            ("-2147483647-1", i32::MIN),
            ("2147483647+1", i32::MIN),
            ("65536*65536", 0),
            ("(-2147483647-1)/-1", i32::MIN),
            ("0x80000000/-1", i32::MIN),
            ("0x80000000%-1", 0),
            ("-0x80000000", i32::MIN),
        ] {
            assert_eq!(eval(expr), Ok(expected), "{expr}");
        }
    }

    #[test]
    fn assignments_write_variables_and_return_their_value() {
        let mut env = Env::with(&[("count", "41"), ("hex", "0x10"), ("text", "abc")]);
        for (expr, expected, name, stored) in [
            ("x=5", 5, "x", "5"),
            ("X+=2", 7, "x", "7"),
            ("x-=10", -3, "x", "-3"),
            ("x*=-3", 9, "x", "9"),
            ("x/=2", 4, "x", "4"),
            ("x%=3", 1, "x", "1"),
            ("x<<=4", 16, "x", "16"),
            ("x>>=2", 4, "x", "4"),
            ("x|=3", 7, "x", "7"),
            ("x&=5", 5, "x", "5"),
            ("x^=1", 4, "x", "4"),
            ("count+=1", 42, "count", "42"),
            ("y=count*2", 84, "y", "84"),
            ("a=b=3", 3, "a", "3"),
            ("b", 3, "b", "3"),
            ("a+=b*=2", 9, "a", "9"),
            ("b", 6, "b", "6"),
            ("z=1, w=z+1", 2, "w", "2"),
            ("\"q=5<<2\"", 20, "q", "20"),
            ("n=hex+1", 17, "n", "17"),
            ("m=text+1", 1, "m", "1"),
            ("u=undefined*5", 0, "u", "0"),
            ("new+=1", 1, "new", "1"),
            ("p=(1+2)*3", 9, "p", "9"),
            ("r=-x", -4, "r", "-4"),
            ("s=x+(t=10)", 14, "t", "10"),
            ("big=0x7FFFFFFF, big+=1", i32::MIN, "big", "-2147483648"),
        ] {
            assert_eq!(evaluate(expr, &mut env), Ok(expected), "{expr}");
            assert_eq!(env.value(name), Some(stored), "{expr} -> {name}");
        }
    }

    #[test]
    fn variable_values_are_read_leniently() {
        let mut env = Env::with(&[
            ("spaced", "  12"),
            ("signed", "-5"),
            ("plus", "+5"),
            ("trailing", "5abc"),
            ("octal", "010"),
            ("eight", "08"),
            ("hex", "0xff"),
            ("word", "abc"),
            ("empty", ""),
            ("expr", "1+2"),
            ("max", "2147483647"),
            ("hexmax", "0xFFFFFFFF"),
            ("other", "count"),
            ("count", "9"),
        ]);
        for (expr, expected) in [
            ("spaced", 12),
            ("signed*2", -10),
            ("plus", 5),
            ("trailing", 5),
            ("octal", 8),
            ("eight", 0),
            ("hex", 255),
            ("word", 0),
            ("empty", 0),
            ("expr", 1),
            ("max", i32::MAX),
            ("hexmax", -1),
            ("other", 0),
            ("nope", 0),
            ("COUNT", 9),
        ] {
            assert_eq!(evaluate(expr, &mut env), Ok(expected), "{expr}");
        }
        let mut huge = Env::with(&[("huge", "99999999999")]);
        assert_eq!(
            evaluate("huge+1", &mut huge),
            Err(ArithError::NumberTooLarge)
        );
    }

    #[test]
    fn names_run_until_an_operator_or_a_space() {
        let mut env = Env::default();
        for (expr, expected, name) in [
            ("my.var=3", 3, "my.var"),
            ("x1=4", 4, "x1"),
            ("_tmp=5", 5, "_tmp"),
            ("ünï=6", 6, "ünï"),
            ("$a=7", 7, "$a"),
        ] {
            assert_eq!(evaluate(expr, &mut env), Ok(expected), "{expr}");
            assert!(env.value(name).is_some(), "{name}");
        }
    }

    #[test]
    fn errors_are_cmds() {
        use ArithError::*;
        for (expr, expected) in [
            ("", MissingOperand),
            ("   ", MissingOperand),
            ("\"\"", MissingOperand),
            ("1+", MissingOperand),
            ("*2", MissingOperand),
            ("()", MissingOperand),
            ("(", MissingOperand),
            ("x=", MissingOperand),
            ("=5", MissingOperand),
            ("x==5", MissingOperand),
            ("1,", MissingOperand),
            (",1", MissingOperand),
            ("1&&2", MissingOperand),
            ("(1+)", MissingOperand),
            ("1 2", MissingOperator),
            ("x y", MissingOperator),
            ("1.5", MissingOperator),
            ("2(3)", MissingOperator),
            ("(1)(2)", MissingOperator),
            ("5!", MissingOperator),
            ("5~", MissingOperator),
            ("1<2", MissingOperator),
            ("1>2", MissingOperator),
            ("<", MissingOperand),
            ("x=>", MissingOperand),
            ("5=3", MissingOperator),
            ("(x)=3", MissingOperator),
            ("-x=3", MissingOperator),
            ("1+x=3", MissingOperator),
            ("(1", UnbalancedParenthesis),
            ("((1)", UnbalancedParenthesis),
            ("1)", UnbalancedParenthesis),
            ("(1))", UnbalancedParenthesis),
            ("5/0", DivideByZero),
            ("5%0", DivideByZero),
            ("5/(1-1)", DivideByZero),
            ("x/=0", DivideByZero),
            ("x%=0", DivideByZero),
            ("08", InvalidNumber),
            ("09+1", InvalidNumber),
            ("1+08", InvalidNumber),
            ("0x", InvalidNumber),
            ("0xG", InvalidNumber),
            ("12abc", InvalidNumber),
            ("0b101", InvalidNumber),
            ("2147483648", NumberTooLarge),
            ("-2147483648", NumberTooLarge),
            ("99999999999999999999999", NumberTooLarge),
            ("0x100000000", NumberTooLarge),
            ("040000000000", NumberTooLarge),
        ] {
            assert_eq!(eval(expr), Err(expected), "{expr}");
        }
    }

    #[test]
    fn a_syntax_error_assigns_nothing_but_a_runtime_error_keeps_earlier_work() {
        let mut env = Env::default();
        assert_eq!(
            evaluate("a=1, b=2 3", &mut env),
            Err(ArithError::MissingOperator)
        );
        assert_eq!(env.value("a"), None);
        assert_eq!(
            evaluate("a=1, b=1/0", &mut env),
            Err(ArithError::DivideByZero)
        );
        assert_eq!(env.value("a"), Some("1"));
        assert_eq!(env.value("b"), None);
    }

    #[test]
    fn error_messages_are_cmds_exact_text() {
        for (error, text) in [
            (ArithError::MissingOperand, "Missing operand."),
            (ArithError::MissingOperator, "Missing operator."),
            (ArithError::UnbalancedParenthesis, "Unbalanced parenthesis."),
            (ArithError::DivideByZero, "Divide by zero error."),
            (
                ArithError::InvalidNumber,
                "Invalid number.  Numeric constants are either decimal (17),\nhexadecimal (0x11), or octal (021).",
            ),
            (
                ArithError::NumberTooLarge,
                "Invalid number.  Numbers are limited to 32-bits of precision.",
            ),
        ] {
            assert_eq!(error.to_string(), text);
        }
    }

    #[test]
    fn deep_nesting_is_evaluated_without_recursion() {
        for depth in [200, 20_000] {
            let expr = format!("{}1{}", "(".repeat(depth), ")".repeat(depth));
            assert_eq!(eval(&expr), Ok(1), "depth {depth}");
            let unbalanced = format!("{}1{}", "(".repeat(depth), ")".repeat(depth - 1));
            assert_eq!(
                eval(&unbalanced),
                Err(ArithError::UnbalancedParenthesis),
                "depth {depth}"
            );
        }
        assert_eq!(eval(&format!("{}5", "-".repeat(20_001))), Ok(-5));
        assert_eq!(eval(&format!("{}0", "!".repeat(20_000))), Ok(0));
    }

    proptest::proptest! {
        #[test]
        fn evaluate_never_panics(expr in "\\PC{0,60}") {
            let _ = eval(&expr);
        }

        #[test]
        fn evaluate_never_panics_on_dense_syntax(expr in "[0-9a-zA-Z()!~*/%+<>&^|=, \"-]{0,40}") {
            let _ = evaluate(&expr, &mut Env::with(&[("a", "0x7FFFFFFF"), ("b", "-1")]));
        }

        #[test]
        fn addition_wraps_like_i32(a in -i32::MAX..=i32::MAX, b in -i32::MAX..=i32::MAX) {
            proptest::prop_assert_eq!(eval(&format!("{a}+{b}")), Ok(a.wrapping_add(b)));
            proptest::prop_assert_eq!(eval(&format!("{a}-{b}")), Ok(a.wrapping_sub(b)));
            proptest::prop_assert_eq!(eval(&format!("{a}*{b}")), Ok(a.wrapping_mul(b)));
        }

        #[test]
        fn hexadecimal_round_trips_every_bit_pattern(n: i32) {
            proptest::prop_assert_eq!(eval(&format!("0x{:X}", n.cast_unsigned())), Ok(n));
            proptest::prop_assert_eq!(eval(&format!("0{:o}", n.cast_unsigned())), Ok(n));
        }

        #[test]
        fn an_assigned_value_reads_back(n in -i32::MAX..=i32::MAX) {
            let mut env = Env::default();
            proptest::prop_assert_eq!(evaluate(&format!("v={n}"), &mut env), Ok(n));
            proptest::prop_assert_eq!(evaluate("v", &mut env), Ok(n));
        }
    }
}
