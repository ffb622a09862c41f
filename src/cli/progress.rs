//! The learner's progress (attempts, solved scenarios, best scores), kept in a JSON file in
//! wusim's data folder and written atomically: a new file is written beside the old one and
//! renamed over it, so a crash never leaves half a file. An unreadable file is kept aside as
//! `progress.json.bak` with a warning, never silently overwritten.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One scenario's record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Record {
    /// Times it was played to the end (solved or quit).
    pub(crate) attempts: u32,
    /// Solved at least once.
    pub(crate) solved: bool,
    /// Best score, if solved.
    pub(crate) best_score: Option<u32>,
}

/// The progress file's content.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Progress {
    /// Records by scenario id.
    pub(crate) scenarios: BTreeMap<String, Record>,
}

/// The data folder: `WUSIM_HOME` if set, else the platform's data folder for wusim.
pub(crate) fn data_dir() -> Result<PathBuf, String> {
    if let Some(home) = std::env::var_os("WUSIM_HOME") {
        return Ok(PathBuf::from(home));
    }
    directories::ProjectDirs::from("", "", "wusim")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            "cannot find a data folder for wusim: set WUSIM_HOME to a folder".to_string()
        })
}

fn file_in(dir: &Path) -> PathBuf {
    dir.join("progress.json")
}

impl Progress {
    /// Reads the progress in `dir`; a missing file is a fresh start, an unreadable one is
    /// moved to `.bak` (with a warning on stderr) and replaced by a fresh start.
    pub(crate) fn load(dir: &Path) -> Progress {
        let path = file_in(dir);
        let Ok(text) = fs::read_to_string(&path) else {
            return Progress::default();
        };
        match serde_json::from_str(&text) {
            Ok(progress) => progress,
            Err(e) => {
                let backup = path.with_extension("json.bak");
                let kept = fs::rename(&path, &backup).is_ok();
                eprintln!(
                    "wusim: warning: {} is unreadable ({e}); {}",
                    path.display(),
                    if kept {
                        format!(
                            "it was kept as {} and progress starts afresh",
                            backup.display()
                        )
                    } else {
                        "it could not be moved aside and will not be overwritten".to_string()
                    }
                );
                Progress::default()
            }
        }
    }

    /// Writes the progress to `dir` atomically.
    pub(crate) fn save(&self, dir: &Path) -> Result<(), String> {
        let fail = |e: std::io::Error| format!("could not save progress in {}: {e}", dir.display());
        fs::create_dir_all(dir).map_err(fail)?;
        let path = file_in(dir);
        if path.exists()
            && fs::read_to_string(&path)
                .ok()
                .and_then(|t| serde_json::from_str::<Progress>(&t).ok())
                .is_none()
        {
            return Err(format!(
                "{} is unreadable; not overwriting it (move it away and try again)",
                path.display()
            ));
        }
        // A temporary file of this process's own, so two wusim processes sharing a data
        // folder never write into each other's half-written file.
        let tmp = path.with_extension(format!("json.{}.tmp", std::process::id()));
        let mut file = fs::File::create(&tmp).map_err(fail)?;
        let json = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        file.write_all(json.as_bytes()).map_err(fail)?;
        file.write_all(b"\n").map_err(fail)?;
        file.sync_all().map_err(fail)?;
        fs::rename(&tmp, &path).map_err(fail)
    }

    /// Records the end of an attempt.
    pub(crate) fn record(&mut self, id: &str, solved: bool, score: u32) {
        let r = self.scenarios.entry(id.to_string()).or_default();
        r.attempts += 1;
        if solved {
            r.solved = true;
            r.best_score = Some(r.best_score.map_or(score, |b| b.max(score)));
        }
    }

    /// "not started", "attempted", or "solved (best 85)".
    pub(crate) fn status(&self, id: &str) -> String {
        match self.scenarios.get(id) {
            None => "not started".to_string(),
            Some(r) if r.solved => format!("solved (best {})", r.best_score.unwrap_or(0)),
            Some(_) => "attempted".to_string(),
        }
    }
}
