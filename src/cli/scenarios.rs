//! Finding a scenario from what the user typed: a built-in id (`orchestrator-stopped`), or a
//! path to a `.toml` file. A built-in id wins over a file or folder of the same name in the
//! current folder; an argument that looks like a path (it has a `/` or `\\`, or ends in
//! `.toml`) is always a file.

use std::path::Path;

use wusim::scenario::{self, Scenario, builtin};

/// True when `what` names a file rather than a built-in id.
pub(crate) fn looks_like_path(what: &str) -> bool {
    what.contains(['/', '\\']) || what.to_ascii_lowercase().ends_with(".toml")
}

/// The scenario named by `what` — a built-in id, else a file (which it must be when it
/// looks like a path) — and its file's text (which session files record).
pub(crate) fn resolve_with_text(what: &str) -> Result<(Scenario, String), String> {
    let path = Path::new(what);
    if !looks_like_path(what)
        && let Some((file, text)) = builtin::FILES
            .iter()
            .find(|(file, _)| builtin::id_of(file).eq_ignore_ascii_case(what))
    {
        let scenario = scenario::parse(file, text).map_err(|d| d.to_string())?;
        return Ok((scenario, (*text).to_string()));
    }
    if looks_like_path(what) || path.exists() {
        let text = super::files::read_utf8(path, "the scenario")?;
        let scenario = scenario::parse(what, &text).map_err(|d| d.to_string())?;
        return Ok((scenario, text));
    }
    Err({
        let ids: Vec<&str> = builtin::FILES
            .iter()
            .map(|(f, _)| builtin::id_of(f))
            .collect();
        let near = ids
            .iter()
            .min_by_key(|id| strsim(id, what))
            .filter(|id| strsim(id, what) <= 4)
            .map(|id| format!(" Did you mean `{id}`?"))
            .unwrap_or_default();
        format!(
            "no scenario called '{what}'.{near} Run `wusim list` to see them, or give a path to a .toml file"
        )
    })
}

fn strsim(a: &str, b: &str) -> usize {
    wusim::suggest::edit_distance(a, b)
}
