//! PowerShell's error records: what an error says, where it happened, and how the console
//! shows it — the block of `<name> : <message>`, `At line:N char:M`, the line with a `~`
//! underline, `CategoryInfo` and `FullyQualifiedErrorId`.
//!
//! The cmdlets written before the PowerShell prompt existed answer with rendered blocks;
//! [`split_blocks`] reads such text back into records, so that `-ErrorAction`, `try`/`catch`
//! and positions work the same for every cmdlet.

use super::parser::Position;
use super::value::{Obj, Value, props};

/// An error.
#[derive(Clone, Debug, Default)]
pub(crate) struct ErrorRecord {
    /// What comes before ` : ` (the command as typed); empty for `throw`.
    pub(crate) source: String,
    /// The message.
    pub(crate) message: String,
    /// The CategoryInfo line's value.
    pub(crate) category: String,
    /// The FullyQualifiedErrorId.
    pub(crate) id: String,
    /// Where: `None` for no position lines (`Write-Error` at the prompt).
    pub(crate) at: Option<Position>,
    /// The script file it happened in, if any.
    pub(crate) script: Option<String>,
    /// True for a statement-terminating error (a bad parameter, an unknown command, a
    /// failed method call): the script goes on with its next statement.
    pub(crate) statement_only: bool,
}

impl ErrorRecord {
    /// The block the console shows, ending with a blank line.
    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        if self.source.is_empty() {
            out.push_str(&self.message);
        } else {
            out.push_str(&format!("{} : {}", self.source, self.message));
        }
        out.push('\n');
        if let Some(at) = &self.at {
            match &self.script {
                Some(path) => out.push_str(&format!("At {path}:{} char:{}\n", at.line, at.col)),
                None => out.push_str(&format!("At line:{} char:{}\n", at.line, at.col)),
            }
            out.push_str(&format!("+ {}\n", at.line_text));
            let pad: String = at
                .line_text
                .chars()
                .take(at.col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!("+ {pad}{}\n", "~".repeat(at.len.max(1))));
        }
        out.push_str(&format!(
            "    + CategoryInfo          : {}\n",
            self.category
        ));
        out.push_str(&format!("    + FullyQualifiedErrorId : {}\n", self.id));
        out.push('\n');
        out
    }

    /// `$_` in a `catch` block: an ErrorRecord object (`$_.Exception.Message`).
    pub(crate) fn to_value(&self) -> Value {
        let exception = Obj {
            text: Some(self.message.clone()),
            ..Obj::new(
                "System.Exception",
                props([("Message", Value::str(&self.message))]),
            )
        };
        Value::object(Obj {
            text: Some(self.message.clone()),
            ..Obj::new(
                "System.Management.Automation.ErrorRecord",
                props([
                    ("Exception", Value::object(exception)),
                    ("CategoryInfo", Value::str(&self.category)),
                    ("FullyQualifiedErrorId", Value::str(&self.id)),
                    ("Rendered", Value::str(self.render())),
                ]),
            )
        })
    }
}

/// A piece of a legacy cmdlet's answer: plain text, or an error block read back.
#[derive(Clone, Debug)]
pub(crate) enum Piece {
    /// Text to show as it is.
    Text(String),
    /// An error.
    Error(ErrorRecord),
}

/// Reads a rendered answer back into text and error records.
pub(crate) fn split_blocks(text: &str) -> Vec<Piece> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut pieces = Vec::new();
    let mut plain = String::new();
    let mut i = 0;
    while i < lines.len() {
        let is_block =
            lines.get(i + 1).is_some_and(|l| l.starts_with("At line:")) && lines[i].contains(" : ");
        if !is_block {
            plain.push_str(lines[i]);
            i += 1;
            continue;
        }
        if !plain.is_empty() {
            pieces.push(Piece::Text(std::mem::take(&mut plain)));
        }
        let first = lines[i].trim_end_matches('\n');
        let (source, message) = first.split_once(" : ").unwrap_or(("", first));
        let mut record = ErrorRecord {
            source: source.to_string(),
            message: message.to_string(),
            ..ErrorRecord::default()
        };
        i += 2;
        while i < lines.len() && lines[i].starts_with('+') {
            i += 1;
        }
        while i < lines.len() && lines[i].starts_with("    + ") {
            let line = lines[i].trim_end_matches('\n');
            if let Some(v) = line.strip_prefix("    + CategoryInfo          : ") {
                record.category = v.to_string();
            }
            if let Some(v) = line.strip_prefix("    + FullyQualifiedErrorId : ") {
                record.id = v.to_string();
            }
            i += 1;
        }
        if lines.get(i).is_some_and(|l| l.trim().is_empty()) {
            i += 1;
        }
        pieces.push(Piece::Error(record));
    }
    if !plain.is_empty() {
        pieces.push(Piece::Text(plain));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_renders_with_its_position_and_reads_back() {
        let record = ErrorRecord {
            source: "nosuch".into(),
            message: "The term 'nosuch' is not recognized.".into(),
            category: "ObjectNotFound: (nosuch:String) [], CommandNotFoundException".into(),
            id: "CommandNotFoundException".into(),
            at: Some(Position {
                line: 1,
                col: 7,
                line_text: "1..2 | nosuch".into(),
                len: 6,
            }),
            ..ErrorRecord::default()
        };
        let text = record.render();
        assert!(text.contains("At line:1 char:7\n+ 1..2 | nosuch\n+       ~~~~~~\n"));
        let pieces = split_blocks(&format!("WARNING: x\n{text}after\n"));
        assert_eq!(pieces.len(), 3);
        assert!(
            matches!(&pieces[1], Piece::Error(r) if r.source == "nosuch" && r.id == "CommandNotFoundException")
        );
        assert!(matches!(&pieces[2], Piece::Text(t) if t == "after\n"));
    }
}
