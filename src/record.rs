//! Session files: a learner's attempt as data that anyone can grade anywhere, by replaying
//! it — a stored score is never trusted.
//!
//! A file holds what a replay needs and nothing it could fake: the wusim version and the
//! model version (which changes only when the same steps would replay differently), the
//! scenario's id, version hash and full text (so a custom scenario grades on any machine),
//! the variant, the seed, the files put on the Desktop, the coaching setting, the learner's
//! name if given, and each step with its simulated time. Steps are typed lines and pasted
//! blocks, and the browser GUI's actions (`wusim gui`): a step is a `kind` and its text, and a
//! GUI action's text is the line it stands for (`services.msc start "Windows Update"`).

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::scenario;
use crate::session::{Options, Session, State, Summary};

/// The format of session files.
pub const FORMAT: u32 = 1;

/// The model version: bumped whenever the same steps on the same scenario and seed would
/// replay to a different end, so an old file is reported, never mis-graded.
pub const MODEL_VERSION: u32 = 1;

/// What a step is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepKind {
    /// A line typed.
    Line,
    /// A block pasted (several lines at once).
    Paste,
    /// An action in the browser GUI, as the line it stands for.
    Gui,
}

/// One recorded step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedStep {
    /// Simulated milliseconds since the learner arrived.
    pub at_ms: u64,
    /// What it was.
    pub kind: StepKind,
    /// The text typed or pasted.
    pub text: String,
}

/// A file put on the simulated Desktop at the start.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DesktopFile {
    /// Its name.
    pub name: String,
    /// Its text.
    pub text: String,
}

/// What the attempt ended with, as the recording machine saw it: shown beside the replayed
/// result, never used for grading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claimed {
    /// Solved.
    pub solved: bool,
    /// The score.
    pub score: u32,
}

/// A session file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionFile {
    /// Always `"wusim-session"`.
    pub kind: String,
    /// The file format ([`FORMAT`]).
    pub format: u32,
    /// The wusim that recorded it.
    pub wusim_version: String,
    /// Its model version ([`MODEL_VERSION`]).
    pub model_version: u32,
    /// The learner's name, if given (`--name`).
    pub name: Option<String>,
    /// The scenario's id.
    pub scenario: String,
    /// The scenario's version hash.
    pub scenario_version: String,
    /// The scenario file's full text.
    pub scenario_text: String,
    /// The variant played.
    pub variant: Option<String>,
    /// The seed.
    pub seed: u64,
    /// Live coaching was on.
    pub coach: bool,
    /// Files put on the Desktop first.
    pub files: Vec<DesktopFile>,
    /// The steps.
    pub steps: Vec<RecordedStep>,
    /// What the recording machine saw at the end.
    pub claimed: Claimed,
}

/// The kind marker of session files.
const KIND: &str = "wusim-session";

impl SessionFile {
    /// The record of `session`, played on the scenario whose file text is `scenario_text`.
    pub fn of(session: &Session, scenario_text: &str, name: Option<String>) -> SessionFile {
        let summary = session.summary();
        SessionFile {
            kind: KIND.to_string(),
            format: FORMAT,
            wusim_version: env!("CARGO_PKG_VERSION").to_string(),
            model_version: MODEL_VERSION,
            name,
            scenario: summary.scenario,
            scenario_version: summary.scenario_version,
            scenario_text: scenario_text.to_string(),
            variant: summary.variant,
            seed: summary.seed,
            coach: session.coaching(),
            files: session
                .files()
                .iter()
                .map(|(name, text)| DesktopFile {
                    name: name.clone(),
                    text: text.clone(),
                })
                .collect(),
            steps: session.inputs().to_vec(),
            claimed: Claimed {
                solved: summary.solved,
                score: summary.score,
            },
        }
    }

    /// Reads a session file's text; `file` names it in messages.
    pub fn read(file: &str, text: &str) -> Result<SessionFile, String> {
        let record: SessionFile = serde_json::from_str(text).map_err(|e| {
            format!(
                "{file}:{}:{}: not a wusim session file: {}",
                e.line(),
                e.column(),
                e.to_string().split(" at line").next().unwrap_or_default()
            )
        })?;
        if record.kind != KIND {
            return Err(format!(
                "{file}: not a wusim session file (its kind is '{}', not '{KIND}')",
                record.kind
            ));
        }
        if record.format != FORMAT {
            return Err(format!(
                "{file}: session file format {} is not supported by this wusim (it reads format {FORMAT})",
                record.format
            ));
        }
        Ok(record)
    }

    /// Replays the file and returns the session at its end: the scenario is read from the
    /// recorded text (whose hash must match the recorded version) and every step is fed
    /// again; the model version must match this wusim's.
    pub fn replay(&self, file: &str) -> Result<Session, String> {
        if self.model_version != MODEL_VERSION {
            return Err(format!(
                "{file}: recorded with wusim {} (model version {}); this wusim {} has model version {MODEL_VERSION}, so a replay could differ: grade it with wusim {}",
                self.wusim_version,
                self.model_version,
                env!("CARGO_PKG_VERSION"),
                self.wusim_version
            ));
        }
        let version = scenario::version_of(&self.scenario_text);
        if version != self.scenario_version {
            return Err(format!(
                "{file}: the scenario text does not match its recorded version ({} recorded, {version} found): the file was edited",
                self.scenario_version
            ));
        }
        let parsed = scenario::parse(&format!("{}.toml", self.scenario), &self.scenario_text)
            .map_err(|d| format!("{file}: its scenario does not load:\n{d}"))?;
        if parsed.id != self.scenario {
            return Err(format!(
                "{file}: the scenario text is '{}', not '{}'",
                parsed.id, self.scenario
            ));
        }
        if let Some(variant) = &self.variant
            && parsed.variant_index(variant).is_none()
        {
            return Err(format!("{file}: the scenario has no variant '{variant}'"));
        }
        let mut session = Session::start(
            Arc::new(parsed),
            Options {
                seed: Some(self.seed),
                variant: self.variant.clone(),
                files: self
                    .files
                    .iter()
                    .map(|f| (f.name.clone(), f.text.clone()))
                    .collect(),
                coach: Some(self.coach),
            },
        );
        for step in &self.steps {
            if session.state() != State::Playing {
                break;
            }
            match step.kind {
                StepKind::Line | StepKind::Paste => session.input(&step.text),
                StepKind::Gui => session.input_gui(&step.text),
            };
        }
        Ok(session)
    }
}

/// A graded file: the replayed summary, and a note when the file claimed something else.
#[derive(Clone, Debug, Serialize)]
pub struct Graded {
    /// The learner's name.
    pub name: Option<String>,
    /// The replayed result.
    pub summary: Summary,
    /// Set when the file's claimed result differs from the replay.
    pub claim_differs: Option<String>,
}

/// Replays `record` and grades it.
pub fn grade(file: &str, record: &SessionFile) -> Result<(Graded, Session), String> {
    let session = record.replay(file)?;
    let summary = session.summary();
    let claim_differs = (record.claimed.score != summary.score
        || record.claimed.solved != summary.solved)
        .then(|| {
            format!(
                "the file claims {} with {} points; the replay gives {} with {}",
                if record.claimed.solved {
                    "solved"
                } else {
                    "not solved"
                },
                record.claimed.score,
                if summary.solved {
                    "solved"
                } else {
                    "not solved"
                },
                summary.score
            )
        });
    Ok((
        Graded {
            name: record.name.clone(),
            summary,
            claim_differs,
        },
        session,
    ))
}
