//! `wusim test <script>`: a remediation script on drawn broken PCs (or the built-in
//! tickets), held to what a script should promise — it fixes, does no harm, is idempotent,
//! runs clean. Prints a fault × outcome matrix and each failing property's shrunk
//! counterexample as a scenario file (or `--json`), writes `--junit FILE` for CI, and shows
//! a progress bar on a terminal. Exit 0 when every property holds, 1 when one fails, 2 on
//! usage or script errors. It never writes progress or session files.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use wusim::device::WindowsVersion;
use wusim::harness::config::{self, Exercise, FaultChoice, HarnessConfig};
use wusim::harness::strategy::{Choices, WINDOWS_VERSIONS};
use wusim::harness::{self, Cases, Plan, Report, Script, Settings};

use super::bar::Bar;
use super::{CliError, CliResult, Outcome, write_json};

/// The largest number of drawn PCs one run takes.
const MAX_CASES: u64 = 10_000_000;

/// What `wusim test` was asked on the command line (a harness file fills in the rest; flags
/// win).
#[derive(Debug, clap::Args)]
pub(crate) struct Request {
    /// The script.
    pub(crate) script: String,
    /// A harness file (TOML) with the same choices as the flags, or an exercise.
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Test on the built-in tickets (one id, or all) instead of drawn PCs.
    #[arg(long, value_name = "ID|all", conflicts_with_all = ["faults", "os", "cases", "max_faults"])]
    pub(crate) scenario: Option<String>,
    /// The fault kinds to draw: all (default), fixable, or a comma-separated list of
    /// kinds as scenario files name them (service-disabled,corrupt-catroot2...).
    #[arg(long, value_name = "LIST|all|fixable")]
    pub(crate) faults: Option<String>,
    /// The Windows versions to draw (repeatable; default: all three).
    #[arg(long, value_name = "VERSION", value_parser = super::parse_windows)]
    pub(crate) os: Vec<WindowsVersion>,
    /// How many PCs to draw.
    #[arg(long, value_name = "N")]
    pub(crate) cases: Option<u64>,
    /// The most faults on one PC (default 3; a quarter of the PCs are healthy).
    #[arg(long, value_name = "N")]
    pub(crate) max_faults: Option<usize>,
    /// A detection script: the remediation runs only where it exits with 1, as Intune's
    /// remediations do.
    #[arg(long, value_name = "FILE")]
    pub(crate) detect: Option<String>,
    /// What the user does after the script, line by line (repeatable; default:
    /// settings check, wait 4h, shutdown /r /t 0, wait 10m, and the same again).
    #[arg(long, value_name = "LINE")]
    pub(crate) then: Vec<String>,
    /// What the script must fix (repeatable): fault kinds, or ticket ids with
    /// --scenario (default: everything a script can fix).
    #[arg(long, value_name = "KIND|ID")]
    pub(crate) expect: Vec<String>,
    /// Warnings (collateral changes, side effects such as the update history emptied)
    /// fail "does no harm".
    #[arg(long)]
    pub(crate) strict: bool,
    /// Threads to run cases on (default: every core); the report does not change.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub(crate) threads: Option<u16>,
    /// The report as JSON.
    #[arg(long)]
    pub(crate) json: bool,
    /// Also write the report as JUnit XML (one test case per property and fault class).
    #[arg(long, value_name = "FILE")]
    pub(crate) junit: Option<PathBuf>,
}

/// Runs the test as `request` says.
pub(crate) fn test(out: &mut impl Write, request: Request, seed: Option<u64>) -> CliResult {
    let (config, config_dir) = match &request.config {
        Some(path) => {
            let text =
                super::files::read_utf8(path, "the harness file").map_err(CliError::Input)?;
            let config = config::parse(&text)
                .map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
            (config, path.parent().map(Path::to_path_buf))
        }
        None => (HarnessConfig::default(), None),
    };
    let script = load_script(&request.script)?;
    let detect = match (&request.detect, &config.detect) {
        (Some(path), _) => Some(load_script(path)?),
        (None, Some(path)) => {
            let full = config_dir.unwrap_or_default().join(path);
            Some(load_script(&full.to_string_lossy())?)
        }
        (None, None) => None,
    };
    let then = if !request.then.is_empty() {
        request.then.clone()
    } else {
        config
            .then
            .clone()
            .unwrap_or_else(|| Plan::default().follow_up)
    };
    let expect = if request.expect.is_empty() {
        config.expect.clone().unwrap_or_default()
    } else {
        request.expect.clone()
    };
    let required = config::properties_named(&config.properties.clone().unwrap_or_default())
        .map_err(CliError::Input)?;
    let cases = cases(&request, seed, &config, &expect)?;
    let threads = request.threads.map(usize::from).unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let settings = Settings {
        plan: Plan {
            follow_up: then,
            detect,
        },
        expect,
        strict: request.strict || config.strict.unwrap_or(false),
        threads,
        required,
    };
    let bar = Bar::new(!request.json && std::io::stderr().is_terminal(), "cases");
    let report = harness::campaign::run(&script, &cases, &settings, &|done, total| {
        bar.show(done, total);
    });
    bar.clear();
    if let Some(path) = &request.junit {
        super::files::write_atomic(path, harness::junit::junit(&report).as_bytes())
            .map_err(CliError::Input)?;
    }
    if request.json {
        write_json(out, &report)?;
    } else {
        print_report(out, &report, &cases, config.exercise.as_ref())?;
    }
    Ok(if report.passed() {
        Outcome::Done
    } else {
        Outcome::NotFound
    })
}

fn load_script(path: &str) -> Result<Script, CliError> {
    let (name, text, utf16) = super::files::read_script_file(path)?;
    Script::new(&name, &text, utf16).map_err(|e| CliError::Input(format!("{path}: {e}")))
}

/// The cases: built-in tickets (`--scenario`), or drawn PCs.
fn cases(
    request: &Request,
    seed: Option<u64>,
    config: &HarnessConfig,
    expect: &[String],
) -> Result<Cases, CliError> {
    if let Some(scenario) = request.scenario.as_ref().or(config.scenario.as_ref()) {
        let tickets: Vec<_> = harness::builtin_cases()
            .into_iter()
            .filter(|c| scenario == "all" || &c.id == scenario)
            .collect();
        if tickets.is_empty() {
            return Err(CliError::Input(format!(
                "no built-in ticket called '{scenario}': give an id from `wusim list`, or all"
            )));
        }
        for id in expect {
            if !tickets.iter().any(|c| &c.id == id) {
                return Err(CliError::Input(format!(
                    "--expect {id}: no such ticket among those tested"
                )));
            }
        }
        return Ok(Cases::Tickets(tickets));
    }
    let choice = match (&request.faults, &config.faults) {
        (Some(words), _) => FaultChoice::Word(words.clone()),
        (None, Some(choice)) => choice.clone(),
        (None, None) => FaultChoice::Word("all".to_string()),
    };
    let kinds = config::kinds(&choice).map_err(CliError::Input)?;
    for kind in expect {
        if !kinds.contains(&kind.as_str()) {
            return Err(CliError::Input(format!(
                "--expect {kind}: not a fault kind that is drawn ({})",
                kinds.join(", ")
            )));
        }
    }
    let windows = if !request.os.is_empty() {
        request.os.clone()
    } else {
        config
            .os
            .clone()
            .unwrap_or_else(|| WINDOWS_VERSIONS.to_vec())
    };
    let count = request.cases.or(config.cases).unwrap_or(1_000);
    if count == 0 || count > MAX_CASES {
        return Err(CliError::Input(format!(
            "--cases {count}: give 1 to {MAX_CASES}"
        )));
    }
    let max_faults = request.max_faults.or(config.max_faults).unwrap_or(3);
    if max_faults > 8 {
        return Err(CliError::Input(format!(
            "--max-faults {max_faults}: give 0 to 8"
        )));
    }
    Ok(Cases::Drawn {
        choices: Choices {
            kinds,
            windows,
            min_faults: 0,
            max_faults,
        },
        count,
        seed: seed.or(config.seed).unwrap_or(0),
    })
}

fn print_report(
    out: &mut impl Write,
    report: &Report,
    cases: &Cases,
    exercise: Option<&Exercise>,
) -> std::io::Result<()> {
    if let Some(exercise) = exercise {
        writeln!(out, "Exercise: {}\n{}\n", exercise.title, exercise.task)?;
    }
    match cases {
        Cases::Drawn { choices, seed, .. } => writeln!(
            out,
            "wusim test {}: {} PC(s) drawn from seed {seed}, {}-{} fault(s) each, of {} kind(s).\n",
            report.script,
            report.cases,
            choices.min_faults,
            choices.max_faults,
            choices.kinds.len()
        )?,
        Cases::Tickets(_) => writeln!(
            out,
            "wusim test {}: {} built-in ticket case(s).\n",
            report.script, report.cases
        )?,
    }
    let width = report
        .matrix
        .iter()
        .map(|r| r.class.len())
        .max()
        .unwrap_or(0)
        .max(11);
    writeln!(
        out,
        "{:<width$}  {:>6} {:>6} {:>9} {:>7} {:>7}",
        "fault class", "cases", "fixed", "not fixed", "no need", "harmed"
    )?;
    for row in &report.matrix {
        writeln!(
            out,
            "{:<width$}  {:>6} {:>6} {:>9} {:>7} {:>7}",
            row.class, row.cases, row.fixed, row.not_fixed, row.no_need, row.harmed
        )?;
    }
    writeln!(out)?;
    for property in &report.properties {
        let required = report.required.contains(&property.property);
        let verdict = match (property.failed, required) {
            (0, _) => "ok".to_string(),
            (n, true) => format!("FAIL on {n} case(s)"),
            (n, false) => format!("fails on {n} case(s) (not required)"),
        };
        writeln!(out, "{:<14} {verdict}", property.property)?;
    }
    for property in &report.properties {
        let Some(example) = &property.counterexample else {
            continue;
        };
        writeln!(
            out,
            "\n{}: shrunk from {} in {} step(s) to: {}\n  {}",
            property.property,
            example.shrunk_from,
            example.shrink_steps,
            example.pc,
            example.reason
        )?;
        match &example.scenario_file {
            Some(file) => writeln!(out, "\n{file}")?,
            None => {
                writeln!(out, "\n  The script there:")?;
                for line in example.transcript.lines() {
                    writeln!(out, "    {line}")?;
                }
            }
        }
    }
    let verdict = if report.passed() { "PASS" } else { "FAIL" };
    writeln!(
        out,
        "\n{verdict}: {} case(s), properties required: {}.",
        report.cases,
        report.required.join(", ")
    )
}
