//! The scenarios that ship inside the binary, so `wusim` works from any folder. The files
//! live in `scenarios/`; a test checks that every file there is listed here.

use super::{Scenario, parse};

/// Every built-in scenario: file name and text, in teaching order.
pub const FILES: &[(&str, &str)] = &[
    ("00-sandbox.toml", include_str!("../../scenarios/00-sandbox.toml")),
    ("01-orchestrator-stopped.toml", include_str!("../../scenarios/01-orchestrator-stopped.toml")),
];

/// The id a file name implies: the name without its number prefix and `.toml`.
pub fn id_of(file: &str) -> &str {
    let stem = file.strip_suffix(".toml").unwrap_or(file);
    match stem.split_once('-') {
        Some((number, rest)) if number.chars().all(|c| c.is_ascii_digit()) => rest,
        _ => stem,
    }
}

/// Every built-in scenario, parsed.
///
/// # Panics
/// If a built-in scenario does not parse: the test suite checks they all do.
pub fn all() -> Vec<Scenario> {
    FILES
        .iter()
        .map(|(file, text)| parse(file, text).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

/// The built-in scenario with this id (or the problems of its file).
pub fn find(id: &str) -> Option<Result<Scenario, super::Diagnostics>> {
    FILES
        .iter()
        .find(|(file, _)| id_of(file).eq_ignore_ascii_case(id))
        .map(|(file, text)| parse(file, text))
}
