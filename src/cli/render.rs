//! Small text-rendering helpers shared by the commands: styles and column tables.

use anstyle::{AnsiColor, Style};

/// Headings.
pub(crate) const HEADING: Style = Style::new().bold();
/// Codes and names that stand out.
pub(crate) const EMPHASIS: Style =
    Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));
/// Warnings.
pub(crate) const WARNING: Style =
    Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));

/// `text` cut to `width` characters, ending in `...` when cut (as Windows consoles do).
pub(crate) fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let kept: String = text.chars().take(width.saturating_sub(3)).collect();
    format!("{kept}...")
}

/// Lays out rows in columns separated by two spaces, each as wide as its widest cell
/// (the last column is not padded).
pub(crate) fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = String>| {
        let mut text = String::new();
        for (i, cell) in cells.enumerate() {
            if i + 1 < columns {
                text.push_str(&format!("{cell:<width$}  ", width = widths[i]));
            } else {
                text.push_str(&cell);
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&mut header.iter().map(|h| h.to_string()));
    line(&mut widths.iter().map(|&w| "-".repeat(w)));
    for row in rows {
        line(&mut row.iter().cloned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_with_dots() {
        assert_eq!(truncate("Background Intelligent", 10), "Backgro...");
        assert_eq!(truncate("short", 10), "short");
    }

    #[test]
    fn table_aligns_columns() {
        let rows = vec![vec![
            "a".to_string(),
            "long cell".to_string(),
            "x".to_string(),
        ]];
        assert_eq!(
            table(&["Name", "B", "C"], &rows),
            "Name  B          C\n----  ---------  -\na     long cell  x\n"
        );
    }
}
