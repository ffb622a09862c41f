//! The learner's progress (attempts, solved scenarios, best scores), kept in `progress.json`
//! in wusim's data folder, by a protocol that loses nothing:
//!
//! - **One writer at a time.** Every read-change-write holds an exclusive lock on
//!   `progress.lock` in the data folder (std's advisory file lock: `flock` on Unix,
//!   `LockFileEx` on Windows), so two wusim processes solving different scenarios both get
//!   their solve recorded: the second reads what the first wrote, then adds its own.
//! - **Atomic writes.** The new content goes to `progress.json.<pid>.tmp` in the same folder,
//!   is flushed to disk, and is renamed over the old file (then the folder is flushed too): a
//!   crash at any moment leaves the old or the new complete file. A temporary file found
//!   while holding the lock belongs to a process that died mid-save; it is removed.
//! - **Nothing unreadable is overwritten.** A progress file that cannot be read — not UTF-8,
//!   not wusim's JSON, no permission, a folder in its place — is moved aside to
//!   `progress.json.bak.<n>` (the first free number: an older backup is never overwritten),
//!   with a warning every time, and progress starts afresh beside it.
//! - **Counters saturate**, never wrap.
//!
//! A test-only crash hook (`WUSIM_TEST_CRASH_AT`, compiled into debug builds only) aborts
//! the process at a named point of the save, so tests can check the promises above without
//! relying on timing luck.

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

/// The progress file's name in the data folder.
pub(crate) const FILE: &str = "progress.json";
/// The lock file's name.
const LOCK: &str = "progress.lock";
/// The largest progress file wusim reads.
const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// The data folder: `WUSIM_HOME` if set (and not empty), else the platform's data folder.
pub(crate) fn data_dir() -> Result<PathBuf, String> {
    if let Some(home) = std::env::var_os("WUSIM_HOME").filter(|h| !h.is_empty()) {
        return Ok(PathBuf::from(home));
    }
    directories::ProjectDirs::from("", "", "wusim")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            "cannot find a data folder for wusim: set WUSIM_HOME to a folder".to_string()
        })
}

/// What reading the progress found, beside the progress itself.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    /// The progress.
    pub(crate) progress: Progress,
    /// Warnings to show (an unreadable file moved aside...).
    pub(crate) warnings: Vec<String>,
}

/// Aborts the process at the named point of a save when the test hook asks for it.
fn crash_point(point: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("WUSIM_TEST_CRASH_AT").is_ok_and(|at| at == point) {
        std::process::abort();
    }
    #[cfg(not(debug_assertions))]
    let _ = point;
}

/// The progress store of one data folder.
pub(crate) struct Store {
    dir: PathBuf,
}

impl Store {
    /// The store in `dir`.
    pub(crate) fn new(dir: PathBuf) -> Store {
        Store { dir }
    }

    /// The store in wusim's data folder.
    pub(crate) fn open() -> Result<Store, String> {
        data_dir().map(Store::new)
    }

    fn file(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    /// Reads the progress (moving an unreadable file aside, under the lock). A folder that
    /// does not exist yet is a fresh start.
    pub(crate) fn load(&self) -> Result<Loaded, String> {
        if !self.dir.exists() {
            return Ok(Loaded::default());
        }
        self.locked(|_| false)
    }

    /// Applies `change` to the progress and saves it, under the lock: read what is there
    /// now, change it, write it atomically.
    pub(crate) fn update(&self, change: impl FnOnce(&mut Progress)) -> Result<Loaded, String> {
        fs::create_dir_all(&self.dir)
            .map_err(|e| format!("cannot create the data folder {}: {e}", self.dir.display()))?;
        self.locked(|progress| {
            change(progress);
            true
        })
    }

    /// Runs `change` on the current progress while holding the lock; writes the result when
    /// it returns true.
    fn locked(&self, change: impl FnOnce(&mut Progress) -> bool) -> Result<Loaded, String> {
        let lock_path = self.dir.join(LOCK);
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| format!("cannot open the lock file {}: {e}", lock_path.display()))?;
        lock.lock()
            .map_err(|e| format!("cannot lock {}: {e}", lock_path.display()))?;
        crash_point("locked");
        let mut warnings = self.remove_stale_temporaries();
        let mut progress = self.read(&mut warnings)?;
        if change(&mut progress) {
            self.write(&progress)?;
        }
        drop(lock);
        Ok(Loaded { progress, warnings })
    }

    /// Temporary files left by processes that died while saving (any found while holding
    /// the lock: a live writer holds it).
    fn remove_stale_temporaries(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return warnings;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("progress.json.")
                && name.ends_with(".tmp")
                && let Err(e) = fs::remove_file(entry.path())
            {
                warnings.push(format!(
                    "cannot remove the stale temporary file {}: {e}",
                    entry.path().display()
                ));
            }
        }
        warnings
    }

    /// The progress file's content; an unreadable file is moved aside with a warning.
    fn read(&self, warnings: &mut Vec<String>) -> Result<Progress, String> {
        let path = self.file();
        let problem = match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Progress::default()),
            Err(e) => e.to_string(),
            Ok(meta) if meta.is_dir() => "it is a folder, not a file".to_string(),
            Ok(meta) if !meta.is_file() => "it is not a regular file".to_string(),
            Ok(meta) if meta.len() > MAX_BYTES => {
                format!("it is {} bytes, more than {MAX_BYTES}", meta.len())
            }
            Ok(_) => match fs::read(&path) {
                Err(e) => e.to_string(),
                Ok(bytes) => match std::str::from_utf8(&bytes) {
                    Err(e) => format!("it is not UTF-8 text (byte {})", e.valid_up_to()),
                    Ok(text) => match serde_json::from_str::<Progress>(text) {
                        Ok(progress) => return Ok(progress),
                        Err(e) => format!("it is not wusim's progress ({e})"),
                    },
                },
            },
        };
        let backup = self.free_backup();
        fs::rename(&path, &backup).map_err(|e| {
            format!(
                "{} is unreadable ({problem}) and cannot be moved aside to {} ({e}); progress is not saved",
                path.display(),
                backup.display()
            )
        })?;
        warnings.push(format!(
            "{} was unreadable ({problem}); it was kept as {} and progress starts afresh",
            path.display(),
            backup.display()
        ));
        Ok(Progress::default())
    }

    /// `progress.json.bak.<n>` with the first free number.
    fn free_backup(&self) -> PathBuf {
        (1u32..)
            .map(|n| self.dir.join(format!("{FILE}.bak.{n}")))
            .find(|p| fs::symlink_metadata(p).is_err())
            .unwrap_or_else(|| self.dir.join(format!("{FILE}.bak")))
    }

    /// Writes the progress atomically: a temporary file, flushed, renamed over the file.
    fn write(&self, progress: &Progress) -> Result<(), String> {
        let fail =
            |e: std::io::Error| format!("could not save progress in {}: {e}", self.dir.display());
        let path = self.file();
        let tmp = self.dir.join(format!("{FILE}.{}.tmp", std::process::id()));
        let json = serde_json::to_string_pretty(progress).map_err(|e| e.to_string())?;
        {
            let mut file = fs::File::create(&tmp).map_err(fail)?;
            file.write_all(json.as_bytes()).map_err(fail)?;
            crash_point("half-written");
            file.write_all(b"\n").map_err(fail)?;
            file.sync_all().map_err(fail)?;
        }
        crash_point("written");
        fs::rename(&tmp, &path).map_err(|e| {
            let _ = fs::remove_file(&tmp);
            fail(e)
        })?;
        crash_point("renamed");
        sync_dir(&self.dir);
        Ok(())
    }
}

/// Flushes a folder's entries to disk (Unix; elsewhere the rename is enough).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

impl Progress {
    /// Records the end of an attempt.
    pub(crate) fn record(&mut self, id: &str, solved: bool, score: u32) {
        let r = self.scenarios.entry(id.to_string()).or_default();
        r.attempts = r.attempts.saturating_add(1);
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

/// The progress for showing (`list`, `play`'s next scenario), printing its warnings; a store
/// that cannot be read is warned about and shown empty.
pub(crate) fn load_for_display() -> Progress {
    let loaded = Store::open().and_then(|store| store.load());
    match loaded {
        Ok(Loaded { progress, warnings }) => {
            for warning in warnings {
                eprintln!("wusim: warning: {warning}");
            }
            progress
        }
        Err(e) => {
            eprintln!("wusim: warning: {e}");
            Progress::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("home"));
        (dir, store)
    }

    #[test]
    fn updates_add_to_what_is_there() {
        let (_dir, store) = store();
        store.update(|p| p.record("a", true, 80)).unwrap();
        store.update(|p| p.record("b", false, 0)).unwrap();
        let p = store.load().unwrap().progress;
        assert!(p.scenarios["a"].solved);
        assert_eq!(p.scenarios["b"].attempts, 1);
    }

    #[test]
    fn an_unreadable_file_goes_to_a_new_numbered_backup_every_time() {
        let (_dir, store) = store();
        fs::create_dir_all(&store.dir).unwrap();
        for round in 1..=3 {
            fs::write(store.file(), b"\xff\xfe not json").unwrap();
            let loaded = store.update(|p| p.record("a", true, 90)).unwrap();
            assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
            assert!(loaded.warnings[0].contains(&format!("bak.{round}")));
            assert!(
                store
                    .dir
                    .join(format!("progress.json.bak.{round}"))
                    .exists()
            );
            assert!(store.load().unwrap().progress.scenarios["a"].solved);
        }
    }

    #[test]
    fn a_folder_in_place_of_the_file_is_moved_aside_and_the_solve_kept() {
        let (_dir, store) = store();
        fs::create_dir_all(store.file()).unwrap();
        let loaded = store.update(|p| p.record("a", true, 70)).unwrap();
        assert!(
            loaded.warnings[0].contains("folder"),
            "{:?}",
            loaded.warnings
        );
        assert!(store.load().unwrap().progress.scenarios["a"].solved);
    }

    #[test]
    fn stale_temporary_files_are_cleaned_and_counters_saturate() {
        let (_dir, store) = store();
        fs::create_dir_all(&store.dir).unwrap();
        fs::write(store.dir.join("progress.json.4242.tmp"), "{").unwrap();
        fs::write(
            store.file(),
            r#"{"scenarios":{"a":{"attempts":4294967295,"solved":false,"best_score":null}}}"#,
        )
        .unwrap();
        store.update(|p| p.record("a", false, 0)).unwrap();
        assert!(!store.dir.join("progress.json.4242.tmp").exists());
        assert_eq!(
            store.load().unwrap().progress.scenarios["a"].attempts,
            u32::MAX
        );
    }
}
