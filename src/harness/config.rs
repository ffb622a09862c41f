//! The harness's file (`--config harness.toml`): the same choices as the flags of `wusim
//! test`, written once and kept with the script — and, with an `[exercise]` table, an
//! instructor's exercise ("write a script that fixes X without breaking Y") that grades a
//! learner's script by the properties it names.
//!
//! ```
//! let config = wusim::harness::config::parse(r#"
//! faults = ["corrupt-catroot2", "service-disabled"]
//! cases = 200
//! seed = 7
//! properties = ["fixes", "does-no-harm"]
//!
//! [exercise]
//! title = "Reset catroot2, break nothing"
//! task = "Write reset.bat: it must fix a damaged catroot2 and leave every service as Windows ships it."
//! "#).unwrap();
//! assert_eq!(config.cases, Some(200));
//! assert_eq!(config.exercise.unwrap().title, "Reset catroot2, break nothing");
//! ```

use serde::Deserialize;

use super::trial::PROPERTIES;
use crate::device::WindowsVersion;
use crate::fault::{KINDS, UNFIXABLE_KINDS};

/// A harness file. Every key is optional; a flag given on the command line wins.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HarnessConfig {
    /// A built-in ticket id, or `all`, instead of drawn PCs.
    pub scenario: Option<String>,
    /// The fault kinds to draw: `all`, `fixable`, or a list of kinds.
    pub faults: Option<FaultChoice>,
    /// The Windows versions to draw.
    pub os: Option<Vec<WindowsVersion>>,
    /// How many PCs.
    pub cases: Option<u64>,
    /// The seed.
    pub seed: Option<u64>,
    /// The most faults on one PC.
    pub max_faults: Option<usize>,
    /// What the user does after the script.
    pub then: Option<Vec<String>>,
    /// A detection script (a path, from the harness file's folder).
    pub detect: Option<String>,
    /// What must be fixed: fault kinds, or ticket ids.
    pub expect: Option<Vec<String>>,
    /// Warnings fail "does no harm".
    pub strict: Option<bool>,
    /// The properties that must hold (default: all four).
    pub properties: Option<Vec<String>>,
    /// An exercise's words for the learner.
    pub exercise: Option<Exercise>,
}

/// Fault kinds: a word or a list.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum FaultChoice {
    /// `all` or `fixable`.
    Word(String),
    /// Kinds by name.
    List(Vec<String>),
}

/// What an exercise asks of the learner.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Exercise {
    /// Its title.
    pub title: String,
    /// The task, as the learner reads it.
    pub task: String,
}

/// Reads a harness file; the error says where and what is wrong.
pub fn parse(text: &str) -> Result<HarnessConfig, String> {
    let config: HarnessConfig = toml::from_str(text).map_err(|e| {
        let message = e.to_string();
        if message.contains("expected `title` or `task`") {
            format!("{message}every key but title and task belongs above the [exercise] table: TOML puts the keys after a [table] header into that table")
        } else {
            message
        }
    })?;
    if let Some(choice) = &config.faults {
        kinds(choice)?;
    }
    if let Some(properties) = &config.properties {
        properties_named(properties)?;
    }
    Ok(config)
}

/// The fault kinds a choice names; an unknown name is an error that lists the valid ones.
pub fn kinds(choice: &FaultChoice) -> Result<Vec<&'static str>, String> {
    match choice {
        FaultChoice::Word(word) if word == "all" => Ok(KINDS.to_vec()),
        FaultChoice::Word(word) if word == "fixable" => Ok(KINDS
            .iter()
            .copied()
            .filter(|k| !UNFIXABLE_KINDS.contains(k))
            .collect()),
        FaultChoice::Word(word) => kinds(&FaultChoice::List(
            word.split(',').map(|w| w.trim().to_string()).collect(),
        )),
        FaultChoice::List(names) => names
            .iter()
            .map(|name| {
                KINDS.iter().copied().find(|k| k == name).ok_or_else(|| {
                    format!(
                        "unknown fault kind '{name}': the kinds are all, fixable, or {}",
                        KINDS.join(", ")
                    )
                })
            })
            .collect(),
    }
}

/// The properties a list names; an unknown name is an error that lists the valid ones.
pub fn properties_named(names: &[String]) -> Result<Vec<&'static str>, String> {
    names
        .iter()
        .map(|name| {
            PROPERTIES
                .iter()
                .copied()
                .find(|p| p == name)
                .ok_or_else(|| {
                    format!(
                        "unknown property '{name}': the properties are {}",
                        PROPERTIES.join(", ")
                    )
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_lists_name_kinds() {
        assert_eq!(
            kinds(&FaultChoice::Word("all".into())).unwrap().len(),
            KINDS.len()
        );
        let fixable = kinds(&FaultChoice::Word("fixable".into())).unwrap();
        assert!(!fixable.contains(&"server") && fixable.contains(&"corrupt-catroot2"));
        assert_eq!(
            kinds(&FaultChoice::Word("disk-full, broken-proxy".into())).unwrap(),
            ["disk-full", "broken-proxy"]
        );
        let error = kinds(&FaultChoice::List(vec!["dsik-full".into()])).unwrap_err();
        assert!(error.contains("unknown fault kind 'dsik-full'") && error.contains("disk-full"));
    }

    #[test]
    fn a_wrong_key_is_named_with_its_place() {
        let error = parse("cases = 10\nsed = 3\n").unwrap_err();
        assert!(error.contains("sed") && error.contains("line 2"), "{error}");
        let error = parse("[exercise]\ntitle = \"t\"\ntask = \"t\"\ncases = 3\n").unwrap_err();
        assert!(
            error.contains("belongs above the [exercise] table"),
            "{error}"
        );
        let error = parse("properties = [\"fast\"]\n").unwrap_err();
        assert!(error.contains("unknown property 'fast'"), "{error}");
    }
}
