//! What the simulation did since the learner arrived, in simulated time and plain words with
//! the event IDs it logged (`timeline`), and a way to watch it happen one logged event at a
//! time (`step`).

use std::fmt::Write as _;

use crate::engine::SimTime;
use crate::pc::Pc;

/// Most simulation events `step` runs while looking for one that logs something.
const STEP_LIMIT: usize = 10_000;

/// The log entries written since `since`, one per line: time, event ID, source, message.
/// Returns the text and the IDs shown.
pub fn since(pc: &Pc, since: SimTime) -> (String, Vec<u32>) {
    let records: Vec<_> = pc
        .log()
        .records()
        .iter()
        .filter(|r| r.time >= since)
        .collect();
    let mut ids = Vec::new();
    let mut text = String::new();
    if records.is_empty() {
        text.push_str("Nothing has been logged since you arrived.\n");
    }
    for record in records {
        let id = record.entry.id();
        ids.push(u32::from(id));
        let _ = writeln!(
            text,
            "{:>8}  {id:>5}  {}: {}",
            pc.date_time(record.time).clock(),
            record.entry.provider().name(),
            pc.message(record)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    (text, ids)
}

/// Runs `pc` to the next event that logs something (or until nothing is pending) and shows
/// what was logged. Returns the text and the IDs shown.
pub fn step(pc: &mut Pc) -> (String, Vec<u32>) {
    let before = pc.log().len();
    let from = pc.now();
    let mut ran = 0;
    while pc.log().len() == before && ran < STEP_LIMIT && pc.step() {
        ran += 1;
    }
    if pc.log().len() == before {
        let later = pc.now().since(from).round_to_secs();
        let text = if later.as_millis() == 0 {
            format!(
                "Nothing more happens by itself (it is {}): the PC waits for you.\n",
                pc.clock().clock()
            )
        } else {
            format!(
                "Nothing was logged: it is now {} ({later} later).\n",
                pc.clock().clock()
            )
        };
        return (text, Vec::new());
    }
    let first_new = pc.log().records()[before].time;
    let (text, ids) = since(pc, first_new.max(from));
    let later = pc.now().since(from).round_to_secs();
    (
        format!("It is now {} ({later} later).\n{text}", pc.clock().clock()),
        ids,
    )
}
