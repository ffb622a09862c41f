//! `wusim grade FILE|DIR...`: replays session files and grades them — the stored score is
//! never trusted. One file prints its score and debrief; several (or a folder) make a class
//! report (`--csv`, `--json`): one row per learner and scenario. Bad files are listed on
//! standard error and the good ones graded anyway. Grading never writes progress.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use wusim::record::{self, SessionFile};

use super::{CliError, CliResult, Outcome, write_json};

/// How the report is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// Text: each file's score and debrief.
    Text,
    /// One CSV row per file.
    Csv,
    /// JSON: every row, with its debrief.
    Json,
}

/// A row of the class report.
#[derive(Debug, Serialize)]
struct Row {
    file: String,
    learner: String,
    scenario: String,
    variant: String,
    solved: bool,
    score: u32,
    diagnosis: &'static str,
    key_evidence_seen_first: String,
    hints: usize,
    harmful_moves: usize,
    commands: u32,
    simulated_time: String,
    note: String,
    #[serde(skip)]
    text: String,
    debrief: Option<wusim::session::Debrief>,
}

/// Grades every session file in `paths` (folders: their `.json` files).
pub(crate) fn grade(out: &mut impl Write, paths: &[PathBuf], format: Format) -> CliResult {
    let mut files = Vec::new();
    for path in paths {
        files.extend(json_files(path).map_err(CliError::Input)?);
    }
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    for file in &files {
        let name = file.display().to_string();
        match grade_file(file, &name) {
            Ok(row) => rows.push(row),
            Err(problem) => bad.push(problem),
        }
    }
    match format {
        Format::Text => {
            for row in &rows {
                writeln!(out, "{}", row.text)?;
            }
        }
        Format::Csv => {
            writeln!(
                out,
                "file,learner,scenario,variant,solved,score,diagnosis,key_evidence_seen_first,hints,harmful_moves,commands,simulated_time,note"
            )?;
            for r in &rows {
                let fields = [
                    r.file.clone(),
                    r.learner.clone(),
                    r.scenario.clone(),
                    r.variant.clone(),
                    r.solved.to_string(),
                    r.score.to_string(),
                    r.diagnosis.to_string(),
                    r.key_evidence_seen_first.clone(),
                    r.hints.to_string(),
                    r.harmful_moves.to_string(),
                    r.commands.to_string(),
                    r.simulated_time.clone(),
                    r.note.clone(),
                ];
                let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
                writeln!(out, "{}", line.join(","))?;
            }
        }
        Format::Json => {
            write_json(out, &rows)?;
        }
    }
    for problem in &bad {
        eprintln!("wusim: {problem}");
    }
    if files.is_empty() {
        return Err(CliError::Input("no session files to grade".to_string()));
    }
    Ok(if bad.is_empty() {
        Outcome::Done
    } else {
        Outcome::NotFound
    })
}

/// Replays one file into a row.
fn grade_file(path: &Path, name: &str) -> Result<Row, String> {
    let text = super::files::read_utf8(path, "the session file")?;
    let file = SessionFile::read(name, &text)?;
    let (graded, session) = record::grade(name, &file)?;
    let s = &graded.summary;
    let debrief = s.debrief.clone();
    let diagnosis = match debrief.as_ref().and_then(|d| d.diagnosis.as_ref()) {
        None => "none asked",
        Some(d) if d.right => "right",
        Some(d) if !d.wrong_picks.is_empty() => "wrong",
        Some(_) => "not given",
    };
    let key_first = debrief.as_ref().map_or(String::new(), |d| {
        let key: Vec<_> = d.evidence.iter().filter(|e| e.key).collect();
        let first = key.iter().filter(|e| e.before_first_change).count();
        format!("{first}/{}", key.len())
    });
    let learner = graded.name.clone().unwrap_or_default();
    let note = graded.claim_differs.clone().unwrap_or_default();
    let mut text = format!(
        "== {name}: {}{} — {} ({} points)\n",
        s.scenario,
        s.variant
            .as_ref()
            .map(|v| format!(" [{v}]"))
            .unwrap_or_default(),
        if learner.is_empty() {
            "no name".to_string()
        } else {
            learner.clone()
        },
        s.score
    );
    if !note.is_empty() {
        text.push_str(&format!("note: {note}\n"));
    }
    text.push_str(&session.summary_text());
    Ok(Row {
        file: name.to_string(),
        learner,
        scenario: s.scenario.clone(),
        variant: s.variant.clone().unwrap_or_default(),
        solved: s.solved,
        score: s.score,
        diagnosis,
        key_evidence_seen_first: key_first,
        hints: s.hints_used,
        harmful_moves: s.harmful_moves.len(),
        commands: s.commands,
        simulated_time: s.simulated_time.clone(),
        note,
        text,
        debrief,
    })
}

/// A CSV field, quoted when it must be.
fn csv_field(field: &str) -> String {
    if field.contains([',', '"', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

/// The `.json` files of a folder (sorted), or the path itself.
fn json_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}
