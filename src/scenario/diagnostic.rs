//! Problems found in a scenario file, with their place, rendered the way compilers do: the
//! file, line and column, the line itself with a caret under the spot, and what would be right.

use std::fmt::Write as _;
use std::ops::Range;

/// One problem in a scenario file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// What is wrong.
    pub message: String,
    /// Where, as a byte range of the file (none for problems of the whole file).
    pub span: Option<Range<usize>>,
    /// What would be right.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at `span`.
    pub fn at(span: Option<Range<usize>>, message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            span,
            help: None,
        }
    }

    /// Adds what would be right.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Every problem found in one file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostics {
    /// The file's name, as given.
    pub file: String,
    /// The problems, in the order of the file.
    pub items: Vec<Diagnostic>,
    #[serde(skip)]
    source: String,
}

impl Diagnostics {
    /// Problems of `file`, whose text is `source`.
    pub fn new(file: &str, source: &str, mut items: Vec<Diagnostic>) -> Self {
        items.sort_by_key(|d| d.span.as_ref().map_or(usize::MAX, |s| s.start));
        Diagnostics {
            file: file.to_string(),
            items,
            source: source.to_string(),
        }
    }

    /// Line and column (both 1-based, the column in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.source.len());
        let before = &self.source[..floor_char_boundary(&self.source, offset)];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

/// How many characters of a long line are shown on each side of the column.
const WINDOW: usize = 60;

/// The part of `text` shown around column `col` (1-based, in characters), cut with `...` at
/// either end when the line is long, and the caret's offset in it.
fn window(text: &str, col: usize) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let at = col.saturating_sub(1).min(chars.len());
    let start = at.saturating_sub(WINDOW);
    let end = (at + WINDOW).min(chars.len());
    let mut shown = String::new();
    let mut pad = at - start;
    if start > 0 {
        shown.push_str("...");
        pad += 3;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push_str("...");
    }
    (shown, pad)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl std::fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut out = String::new();
        for d in &self.items {
            let _ = writeln!(out, "error: {}", d.message);
            match &d.span {
                Some(span) => {
                    let (line, col) = self.line_col(span.start);
                    let text = self.source.lines().nth(line - 1).unwrap_or("");
                    let width = line.to_string().len();
                    let end_col = if span.end > span.start {
                        let (end_line, end) = self.line_col(span.end);
                        if end_line == line {
                            end
                        } else {
                            text.chars().count() + 1
                        }
                    } else {
                        col + 1
                    };
                    let (shown, pad) = window(text, col);
                    let carets = "^".repeat(end_col.saturating_sub(col).clamp(1, WINDOW));
                    let gutter = " ".repeat(width);
                    let _ = writeln!(out, "{gutter}--> {}:{line}:{col}", self.file);
                    let _ = writeln!(out, "{gutter} |");
                    let _ = writeln!(out, "{line} | {shown}");
                    let _ = writeln!(out, "{gutter} | {}{carets}", " ".repeat(pad));
                    if let Some(help) = &d.help {
                        let _ = writeln!(out, "{:width$} = help: {help}", "");
                    }
                }
                None => {
                    let _ = writeln!(out, "  --> {}", self.file);
                    if let Some(help) = &d.help {
                        let _ = writeln!(out, "  = help: {help}");
                    }
                }
            }
            out.push('\n');
        }
        let n = self.items.len();
        let _ = write!(
            out,
            "{}: {n} problem{}",
            self.file,
            if n == 1 { "" } else { "s" }
        );
        f.write_str(&out)
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_past_any_width_is_shown_around_its_column_without_panicking() {
        let source = format!("id = \"{}\" junk\n", "A".repeat(70_000));
        let d = Diagnostics::new(
            "wide.toml",
            &source,
            vec![Diagnostic::at(Some(70_008..70_012), "unexpected `junk`")],
        );
        let text = d.to_string();
        assert!(text.contains("wide.toml:1:70009"), "{text}");
        let lines: Vec<&str> = text.lines().collect();
        let shown = lines.iter().find(|l| l.starts_with("1 | ")).unwrap();
        let caret = lines.iter().find(|l| l.contains('^')).unwrap();
        assert!(shown.len() < 200 && shown.contains("...") && shown.ends_with("junk"));
        assert_eq!(&shown[caret.find('^').unwrap()..][..4], "junk");
    }

    #[test]
    fn renders_place_and_caret() {
        let source = "id = \"x\"\nstat-type = 3\n";
        let d = Diagnostics::new(
            "s.toml",
            source,
            vec![
                Diagnostic::at(Some(9..18), "unknown key `stat-type`")
                    .help("did you mean `start`?"),
            ],
        );
        assert_eq!(
            d.to_string(),
            "error: unknown key `stat-type`\n --> s.toml:2:1\n  |\n2 | stat-type = 3\n  | ^^^^^^^^^\n  = help: did you mean `start`?\n\ns.toml: 1 problem"
        );
        assert_eq!(d.line_col(source.len()), (3, 1));
    }
}
