//! `wusim validate [FILE|DIR]...`: checks scenarios the way `rustlings dev check` checks
//! exercises — every problem at once, with its place — then plays each one: the goal must not
//! be met at the start nor by waiting a week, and the reference solution must meet it.

use std::io::Write;
use std::path::{Path, PathBuf};

use wusim::scenario::builtin;
use wusim::validate as check;

use super::{CliError, CliResult, Outcome};

/// Validates the files and folders given, or every built-in scenario when none is.
pub(crate) fn validate(out: &mut impl Write, paths: &[PathBuf]) -> CliResult {
    let mut inputs: Vec<(String, String)> = Vec::new();
    if paths.is_empty() {
        for (file, text) in builtin::FILES {
            inputs.push((format!("scenarios/{file}"), (*text).to_string()));
        }
    }
    for path in paths {
        for file in toml_files(path).map_err(CliError::Input)? {
            let text = super::files::read_utf8(&file, "the scenario").map_err(CliError::Input)?;
            inputs.push((file.display().to_string(), text));
        }
    }
    let mut failed = 0;
    for (name, text) in &inputs {
        if is_fleet_file(text) {
            match check_fleet(name, text) {
                Ok(what) => writeln!(out, "ok    {name} ({what})")?,
                Err(problems) => {
                    failed += 1;
                    writeln!(out, "FAIL  {name}\n{}\n", problems.trim_end())?;
                }
            }
            continue;
        }
        match check::check(name, text) {
            Ok(scenario) => {
                writeln!(out, "ok    {name} ({})", scenario.id)?;
                for note in check::migration_notes(&scenario) {
                    writeln!(out, "note: {note}")?;
                }
            }
            Err(problems) => {
                failed += 1;
                writeln!(out, "FAIL  {name}")?;
                writeln!(out, "{problems}\n")?;
            }
        }
    }
    writeln!(
        out,
        "{} scenario(s) checked, {failed} with problems.",
        inputs.len()
    )?;
    Ok(if failed == 0 {
        Outcome::Done
    } else {
        Outcome::NotFound
    })
}

/// A fleet file (it has a `[fleet]` table) rather than a scenario.
fn is_fleet_file(text: &str) -> bool {
    text.parse::<toml::Table>()
        .is_ok_and(|t| t.contains_key("fleet"))
}

/// Checks a fleet file, with its model answer (`answers/<same name>` beside it) if any.
fn check_fleet(name: &str, text: &str) -> Result<String, String> {
    let path = Path::new(name);
    let answer = path
        .parent()
        .zip(path.file_name())
        .map(|(dir, file)| dir.join("answers").join(file))
        .filter(|p| p.is_file());
    let answer = match answer {
        Some(p) => Some((
            p.display().to_string(),
            super::files::read_utf8(&p, "the model answer")?,
        )),
        None => None,
    };
    wusim::fleet::exercise::validate(
        name,
        text,
        answer.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
    )
}

/// The `.toml` files of a folder (at least one), or the path itself (which the loader then
/// checks).
fn toml_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    let files = super::files::in_folder(path, "toml")?;
    if files.is_empty() {
        return Err(format!(
            "{} has no .toml files: there is no scenario to check",
            path.display()
        ));
    }
    Ok(files)
}
