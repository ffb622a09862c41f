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

/// The `.toml` files of a folder (at least one), or the path itself (which the loader then
/// checks).
fn toml_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    if files.is_empty() {
        return Err(format!(
            "{} has no .toml files: there is no scenario to check",
            path.display()
        ));
    }
    files.sort();
    Ok(files)
}
