//! Recording attempts: every `play` and `run` writes a session file (JSON) into the data
//! folder's `sessions/`, and to `--record FILE` when asked, so an instructor can grade it
//! anywhere by replaying it (`wusim grade`).

use std::path::{Path, PathBuf};

use wusim::record::SessionFile;
use wusim::session::Session;

/// What to do with an attempt's record.
#[derive(Clone, Debug, Default)]
pub(crate) struct Recording {
    /// The learner's name (`--name`).
    pub(crate) name: Option<String>,
    /// Also write it here (`--record`).
    pub(crate) file: Option<PathBuf>,
}

/// Writes the session file of `session` (played on the scenario file `text`) into the data
/// folder and to `--record`; returns where it went, or why it could not be written. Free
/// practice (no goal) and an attempt with no step are only written where `--record` asks.
/// `into` is the data folder's file written before for the same attempt (`wusim gui` saves
/// after every action), which is replaced rather than joined by a new one.
pub(crate) fn save(
    session: &Session,
    text: &str,
    recording: &Recording,
    into: Option<&Path>,
) -> Result<Vec<PathBuf>, String> {
    let nothing_to_grade = session.scenario().goal.is_none() || session.inputs().is_empty();
    if nothing_to_grade && recording.file.is_none() {
        return Ok(Vec::new());
    }
    let record = SessionFile::of(session, text, recording.name.clone());
    let mut json = serde_json::to_string_pretty(&record).map_err(|e| e.to_string())?;
    json.push('\n');
    let mut written = Vec::new();
    if let Some(file) = &recording.file {
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        super::files::write_atomic(file, json.as_bytes())?;
        written.push(file.clone());
    }
    if nothing_to_grade {
        return Ok(written);
    }
    let dir = super::progress::data_dir()?.join("sessions");
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = into.map_or_else(
        || free_name(&dir, &record.scenario, record.seed),
        Path::to_path_buf,
    );
    super::files::write_atomic(&path, json.as_bytes())?;
    written.push(path);
    Ok(written)
}

/// `<scenario>-<unix seconds>-<seed>.json`, numbered if taken.
fn free_name(dir: &Path, scenario: &str, seed: u64) -> PathBuf {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let base = format!("{scenario}-{secs}-{seed}");
    let mut path = dir.join(format!("{base}.json"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.json"));
        n += 1;
    }
    path
}

/// A fresh seed for `play` when none is given: from the clock (recorded in the session
/// file, so the attempt still replays exactly).
pub(crate) fn fresh_seed() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    (nanos as u64 ^ u64::from(std::process::id()).rotate_left(32)) % 1_000_000
}
