//! `wusim services`: the services of a default PC, as the Services console (services.msc)
//! lists them — Name, Description, Status, Startup Type, Log On As — sorted by name.

use std::io::Write;

use wusim::pc::Pc;
use wusim::scm::ServiceId;

use super::render::{table, truncate};
use super::{CliResult, Outcome, write_json};

/// One row of the console.
#[derive(serde::Serialize)]
struct Row {
    name: &'static str,
    service_name: &'static str,
    description: &'static str,
    status: &'static str,
    startup_type: &'static str,
    log_on_as: &'static str,
}

/// Prints the services of a default PC built with `seed`.
pub(crate) fn services(out: &mut impl Write, seed: u64, json: bool) -> CliResult {
    let pc = Pc::builder().seed(seed).build();
    let mut rows: Vec<Row> = ServiceId::all()
        .map(|id| {
            let status = pc.scm().status(id);
            Row {
                name: id.display_name(),
                service_name: id.name(),
                description: id.spec().description,
                status: status.state.console_label(),
                startup_type: status.start_type.label(),
                log_on_as: id.spec().log_on_as(),
            }
        })
        .collect();
    rows.sort_by_key(|r| r.name.to_ascii_lowercase());
    if json {
        return write_json(out, &rows);
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.name.to_string(),
                truncate(r.description, 40),
                r.status.to_string(),
                r.startup_type.to_string(),
                r.log_on_as.to_string(),
            ]
        })
        .collect();
    let header = ["Name", "Description", "Status", "Startup Type", "Log On As"];
    write!(out, "{}", table(&header, &cells))?;
    Ok(Outcome::Done)
}
