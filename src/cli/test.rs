//! `wusim test <script>`: runs a remediation script on every built-in ticket (each variant)
//! and checks what a script should promise — it fixes, does no harm, is idempotent, runs
//! clean — printing a table (or `--json`). Exit 0 when every property holds, 1 when one
//! fails, 2 on usage or script errors. It never writes progress or session files.

use std::io::Write;

use serde::Serialize;
use wusim::harness::{self, CaseReport, Failure, Script};

use super::{CliError, CliResult, Outcome, write_json};

/// One case's line of the report.
#[derive(Serialize)]
struct Row {
    #[serde(flatten)]
    report: CaseReport,
    failures: Vec<Failure>,
}

/// Tests the script at `path` on the built-in tickets `scenario` names (an id or `all`);
/// `expect` lists the tickets it must fix (default: every ticket a change can fix).
pub(crate) fn test(
    out: &mut impl Write,
    path: &str,
    scenario: &str,
    expect: &[String],
    json: bool,
) -> CliResult {
    let (name, text) = super::files::read_text_file(path)?;
    let script = Script { name, text };
    let cases: Vec<_> = harness::builtin_cases()
        .into_iter()
        .filter(|c| scenario == "all" || c.id == scenario)
        .collect();
    if cases.is_empty() {
        return Err(CliError::Input(format!(
            "no built-in ticket called '{scenario}': give an id from `wusim list`, or all"
        )));
    }
    for id in expect {
        if !cases.iter().any(|c| &c.id == id) {
            return Err(CliError::Input(format!(
                "--expect {id}: no such ticket among those tested"
            )));
        }
    }
    let rows: Vec<Row> = cases
        .iter()
        .map(|case| {
            let report = harness::check_case(case, &script);
            let expected = expect.is_empty() || expect.contains(&case.id);
            let failures = report.failures(expected);
            Row { report, failures }
        })
        .collect();
    let failed = rows.iter().filter(|r| !r.failures.is_empty()).count();
    if json {
        write_json(out, &rows)?;
    } else {
        writeln!(
            out,
            "{:<44} {:<9} {:<6} {:<5} {:<10} {:<5}",
            "ticket", "fixes", "harm", "warn", "idempotent", "clean"
        )?;
        for row in &rows {
            let r = &row.report;
            let fixes = match (r.fixable, r.fixed_without_script, r.fixed) {
                (false, _, _) => "n/a",
                (true, true, _) => "no need",
                (true, false, true) => "yes",
                (true, false, false) => "no",
            };
            writeln!(
                out,
                "{:<44} {:<9} {:<6} {:<5} {:<10} {:<5}",
                r.name(),
                fixes,
                r.harms.len(),
                r.warnings.len(),
                if r.idempotent { "yes" } else { "no" },
                if r.unclean.is_empty() { "yes" } else { "no" }
            )?;
        }
        for row in rows.iter().filter(|r| !r.failures.is_empty()) {
            for f in &row.failures {
                writeln!(
                    out,
                    "FAIL  {}: {}: {}",
                    row.report.name(),
                    f.property,
                    f.reason
                )?;
            }
        }
        writeln!(
            out,
            "{} case(s), {failed} with a failed property.",
            rows.len()
        )?;
    }
    Ok(if failed == 0 {
        Outcome::Done
    } else {
        Outcome::NotFound
    })
}
