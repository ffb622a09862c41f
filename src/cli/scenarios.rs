//! Finding a scenario from what the user typed: a built-in id (`orchestrator-stopped`), or a
//! path to a `.toml` file.

use std::path::Path;

use wusim::scenario::{self, Scenario, builtin};

/// The scenario named by `what`: a file if it looks like one (or exists), else a built-in id.
pub(crate) fn resolve(what: &str) -> Result<Scenario, String> {
    let path = Path::new(what);
    if what.ends_with(".toml") || path.exists() {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {what}: {e}"))?;
        return scenario::parse(what, &text).map_err(|d| d.to_string());
    }
    if let Some(found) = builtin::find(what) {
        return found.map_err(|d| d.to_string());
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
