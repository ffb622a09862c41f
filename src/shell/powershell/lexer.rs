//! The character cursor the PowerShell parser reads with: positions (line and column for
//! error messages), whitespace and comments, line continuations (a backtick at the end of a
//! line), and the small tokens — numbers, variable names, barewords — shared by expression
//! and argument mode.
//!
//! PowerShell reads a word differently in expression mode (`5` is a number, `-eq` an
//! operator) and in argument mode (`wu*` and `C:\Windows` are strings); the parser picks
//! the mode, this module only reads characters.

/// A cursor over a script's characters.
#[derive(Clone, Debug)]
pub(crate) struct Cursor {
    chars: Vec<char>,
    /// The index of the next character.
    pub(crate) pos: usize,
}

/// Characters that end a bareword in argument mode.
pub(crate) fn ends_word(c: char) -> bool {
    c.is_whitespace() || matches!(c, ';' | '|' | ')' | '}' | ',' | '{' | '(' | '&')
}

impl Cursor {
    /// A cursor at the start of `text`.
    pub(crate) fn new(text: &str) -> Cursor {
        Cursor {
            chars: text.chars().collect(),
            pos: 0,
        }
    }

    /// The character at the cursor.
    pub(crate) fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    /// The character `n` places ahead.
    pub(crate) fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }

    /// Takes one character.
    pub(crate) fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    /// True at the end.
    pub(crate) fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    /// Takes `c` if it is next.
    pub(crate) fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// True when the text at the cursor starts with `word`, ignoring case.
    pub(crate) fn looking_at(&self, word: &str) -> bool {
        let mut i = self.pos;
        for w in word.chars() {
            match self.chars.get(i) {
                Some(c) if c.eq_ignore_ascii_case(&w) => i += 1,
                _ => return false,
            }
        }
        true
    }

    /// True when a keyword is at the cursor, as a whole word.
    pub(crate) fn looking_at_keyword(&self, word: &str) -> bool {
        self.looking_at(word)
            && self
                .chars
                .get(self.pos + word.chars().count())
                .is_none_or(|c| !(c.is_alphanumeric() || *c == '-' || *c == '_' || *c == ':'))
    }

    /// Skips `n` characters.
    pub(crate) fn skip(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.chars.len());
    }

    /// The text between two positions.
    pub(crate) fn slice(&self, from: usize, to: usize) -> String {
        let to = to.min(self.chars.len());
        let from = from.min(to);
        self.chars[from..to].iter().collect()
    }

    /// Skips spaces, tabs, comments and line continuations, but not line ends.
    pub(crate) fn skip_spaces(&mut self) {
        loop {
            match self.peek() {
                Some(' ' | '\t' | '\r') => self.pos += 1,
                Some('`') if matches!(self.peek_at(1), Some('\n')) => self.pos += 2,
                Some('`') if matches!(self.peek_at(1), Some('\r')) => self.pos += 3,
                Some('#') => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.pos += 1;
                    }
                }
                Some('<') if self.peek_at(1) == Some('#') => {
                    self.pos += 2;
                    while !(self.at_end()
                        || self.peek() == Some('#') && self.peek_at(1) == Some('>'))
                    {
                        self.pos += 1;
                    }
                    self.skip(2);
                }
                _ => return,
            }
        }
    }

    /// Skips whitespace including line ends (and comments).
    pub(crate) fn skip_all(&mut self) {
        loop {
            self.skip_spaces();
            if self.peek() == Some('\n') {
                self.pos += 1;
            } else {
                return;
            }
        }
    }

    /// A name made of letters, digits, `_` and `-` (a parameter or a member name).
    pub(crate) fn name(&mut self) -> String {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            self.pos += 1;
        }
        self.slice(start, self.pos)
    }

    /// A variable name after `$`: `x`, `_`, `?`, `env:windir`, `{any name}`.
    pub(crate) fn variable_name(&mut self) -> String {
        if self.eat('{') {
            let start = self.pos;
            while self.peek().is_some_and(|c| c != '}') {
                self.pos += 1;
            }
            let name = self.slice(start, self.pos);
            self.eat('}');
            return name;
        }
        if matches!(self.peek(), Some('?' | '^' | '$')) {
            return self.bump().map(String::from).unwrap_or_default();
        }
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.pos += 1;
        }
        // A scope or drive: `$env:windir`, `$script:count`.
        if self.peek() == Some(':')
            && self
                .peek_at(1)
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
            && self.pos > start
        {
            self.pos += 1;
            while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                self.pos += 1;
            }
        }
        self.slice(start, self.pos)
    }

    /// The 1-based line and column of a position, and that line's text.
    pub(crate) fn position(&self, pos: usize) -> (usize, usize, String) {
        let pos = pos.min(self.chars.len());
        let line = 1 + self.chars[..pos].iter().filter(|c| **c == '\n').count();
        let start = self.chars[..pos]
            .iter()
            .rposition(|c| *c == '\n')
            .map_or(0, |i| i + 1);
        let end = self.chars[pos..]
            .iter()
            .position(|c| *c == '\n')
            .map_or(self.chars.len(), |i| pos + i);
        let text: String = self.chars[start..end].iter().collect();
        (
            line,
            pos - start + 1,
            text.trim_end_matches('\r').to_string(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_reads_names_variables_and_positions() {
        let mut c = Cursor::new("$env:windir\\x ; ${a b}\n  Get-Service");
        c.bump();
        assert_eq!(c.variable_name(), "env:windir");
        assert_eq!(c.peek(), Some('\\'));
        c.skip(2);
        c.skip_spaces();
        assert!(c.eat(';'));
        c.skip_spaces();
        c.bump();
        assert_eq!(c.variable_name(), "a b");
        c.skip_all();
        assert!(c.looking_at_keyword("get-service"));
        assert_eq!(c.position(c.pos), (2, 3, "  Get-Service".to_string()));
        c.skip(4);
        assert_eq!(c.name(), "Service");
        assert!(c.at_end());
    }

    #[test]
    fn comments_and_continuations_are_skipped() {
        let mut c = Cursor::new("  # note\nx `\n y <# block #> z");
        c.skip_all();
        assert_eq!(c.bump(), Some('x'));
        c.skip_spaces();
        assert_eq!(c.bump(), Some('y'));
        c.skip_spaces();
        assert_eq!(c.bump(), Some('z'));
    }
}
