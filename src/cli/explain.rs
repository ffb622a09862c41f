//! `wusim explain <code>` and `wusim codes`: the error catalog, for people and for scripts.

use std::io::Write;

use wusim::codes::{self, ErrorInfo, LineKind};

use super::render::{EMPHASIS, HEADING, WARNING, truncate};
use super::{CliError, CliResult, Outcome, write_json};

/// Explains one code, or says it is unknown and suggests the nearest known ones.
pub(crate) fn explain(out: &mut impl Write, text: &str, json: bool) -> CliResult {
    let code = codes::parse_code(text).map_err(|e| CliError::Input(e.to_string()))?;
    let Some(info) = codes::lookup(code) else {
        return unknown(out, code, json);
    };
    if json {
        return write_json(out, &Entry::from(info));
    }
    for (kind, line) in info.explanation() {
        match kind {
            LineKind::Title => {
                let (code, rest) = line.split_once("  ").unwrap_or((&line, ""));
                writeln!(
                    out,
                    "{EMPHASIS}{code}{EMPHASIS:#}  {HEADING}{rest}{HEADING:#}"
                )?;
            }
            LineKind::Heading => writeln!(out, "{HEADING}{line}{HEADING:#}")?,
            LineKind::Warning => writeln!(out, "{WARNING}{line}{WARNING:#}")?,
            LineKind::Text => writeln!(out, "{line}")?,
        }
    }
    Ok(Outcome::Done)
}

fn unknown(out: &mut impl Write, code: u32, json: bool) -> CliResult {
    let nearest = codes::nearest(code, 3);
    if json {
        write_json(
            out,
            &serde_json::json!({
                "code": format!("0x{code:08X}"),
                "known": false,
                "nearest": nearest.iter().map(|i| i.hex()).collect::<Vec<_>>(),
            }),
        )?;
        return Ok(Outcome::NotFound);
    }
    writeln!(out, "0x{code:08X} is not a code wusim knows.")?;
    writeln!(out, "The nearest known codes are:")?;
    for info in nearest {
        writeln!(out, "  {}  {}", info.hex(), info.name)?;
    }
    writeln!(out, "Run `wusim codes` to list every code wusim knows.")?;
    Ok(Outcome::NotFound)
}

/// Lists the whole catalog.
pub(crate) fn list(out: &mut impl Write, json: bool, markdown: bool) -> CliResult {
    if json {
        let entries: Vec<Entry> = codes::all().iter().map(Entry::from).collect();
        return write_json(out, &entries);
    }
    if markdown {
        write!(out, "{}", codes::markdown())?;
        return Ok(Outcome::Done);
    }
    for info in codes::all() {
        writeln!(
            out,
            "{}  {:<40}  {}",
            info.hex(),
            info.name,
            truncate(info.meaning, 60)
        )?;
    }
    Ok(Outcome::Done)
}

/// A catalog entry as JSON: the library's fields plus the code in hex.
#[derive(serde::Serialize)]
struct Entry {
    hex: String,
    #[serde(flatten)]
    info: &'static ErrorInfo,
}

impl From<&'static ErrorInfo> for Entry {
    fn from(info: &'static ErrorInfo) -> Self {
        Entry {
            hex: info.hex(),
            info,
        }
    }
}
