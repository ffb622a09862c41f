//! `wusim list`: the built-in scenarios with the learner's status.

use std::io::Write;

use wusim::scenario::builtin;

use super::progress::load_for_display;
use super::render::table;
use super::{CliResult, Outcome, write_json};

#[derive(serde::Serialize)]
struct Row {
    id: String,
    title: String,
    difficulty: &'static str,
    status: String,
    solved: bool,
    best_score: Option<u32>,
}

/// Prints the scenarios, in teaching order.
pub(crate) fn list(out: &mut impl Write, json: bool) -> CliResult {
    let progress = load_for_display();
    let rows: Vec<Row> = builtin::all()
        .into_iter()
        .map(|s| {
            let record = progress.scenarios.get(&s.id);
            Row {
                status: progress.status(&s.id),
                solved: record.is_some_and(|r| r.solved),
                best_score: record.and_then(|r| r.best_score),
                difficulty: s.difficulty.label(),
                title: s.title,
                id: s.id,
            }
        })
        .collect();
    if json {
        return write_json(out, &rows);
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.id.clone(),
                r.difficulty.to_string(),
                r.status.clone(),
                r.title.clone(),
            ]
        })
        .collect();
    write!(
        out,
        "{}",
        table(&["Scenario", "Difficulty", "Status", "Title"], &cells)
    )?;
    writeln!(
        out,
        "\nPlay one with `wusim play <scenario>`; `wusim play` picks the next unsolved one."
    )?;
    Ok(Outcome::Done)
}
