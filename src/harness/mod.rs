//! The test harness: a remediation script — the reset `.bat` handed round a help desk, an
//! Intune `.ps1`, a student's "fix Windows Update" script — run on broken PCs, and judged by
//! the same classifier of moves that judges learners ([`crate::assess`]).
//!
//! This first part runs a script on the built-in tickets (every variant) and checks four
//! properties on each case:
//! 1. **fixes**: after the script and the follow-up a user would go through ([`FOLLOW_UP`]),
//!    the ticket's goal is met where the same follow-up alone does not meet it;
//! 2. **does no harm**: no harmful move and no service left on a start type that is not
//!    Windows' default (collateral changes and side effects are warnings);
//! 3. **idempotent**: running it twice is as good as once;
//! 4. **runs clean**: no line is unknown, unsimulated or a syntax error.
//!
//! It is pure: a script's name and text in, a report out.

use std::sync::Arc;

use serde::Serialize;

use crate::assess::{Finding, Severity};
use crate::scenario::{Scenario, goal};
use crate::session::{Options, Session, desktop_path};

/// What a user does after the script: check for updates, let the update install, restart,
/// and check again.
pub const FOLLOW_UP: [&str; 6] = [
    "settings check",
    "wait 4h",
    "shutdown /r /t 0",
    "wait 10m",
    "settings check",
    "wait 1h",
];

/// Answers that mean a line of the script did not run as written.
const UNCLEAN: [&str; 5] = [
    "is not recognized as an internal or external command",
    "is not recognized as the name of a cmdlet",
    "is a real Windows command, but the practice shell does not simulate it",
    "was unexpected at this time.",
    "ParserError",
];

/// A script under test.
#[derive(Clone, Debug)]
pub struct Script {
    /// Its file name (`reset.bat`, `fix.ps1`, `steps.txt`).
    pub name: String,
    /// Its text.
    pub text: String,
}

impl Script {
    /// True for a batch file (`.bat`, `.cmd`).
    fn is_batch(&self) -> bool {
        let lower = self.name.to_ascii_lowercase();
        lower.ends_with(".bat") || lower.ends_with(".cmd")
    }

    /// True for a PowerShell script.
    fn is_powershell(&self) -> bool {
        self.name.to_ascii_lowercase().ends_with(".ps1")
    }

    /// The files it puts on the Desktop: the script itself, unless it is typed line by line.
    pub fn files(&self) -> Vec<(String, String)> {
        if self.is_batch() || self.is_powershell() {
            vec![(self.name.clone(), self.text.clone())]
        } else {
            Vec::new()
        }
    }

    /// The lines that run it as a technician would: a batch file by its path, a `.ps1` with
    /// `powershell -ExecutionPolicy Bypass -File`, any other text typed line by line.
    pub fn lines(&self) -> Vec<String> {
        if self.is_powershell() {
            vec![format!(
                "powershell -ExecutionPolicy Bypass -File \"{}\"",
                desktop_path(&self.name)
            )]
        } else if self.is_batch() {
            vec![format!("\"{}\"", desktop_path(&self.name))]
        } else {
            self.text
                .lines()
                .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
                .collect()
        }
    }
}

/// How a script did on one case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseReport {
    /// The ticket's id.
    pub scenario: String,
    /// Its variant, if it has variants.
    pub variant: Option<String>,
    /// The ticket needs a fix on the PC (not only a diagnosis).
    pub fixable: bool,
    /// The goal is met after the script and the follow-up.
    pub fixed: bool,
    /// The goal is met after the follow-up alone (the script gets no credit then).
    pub fixed_without_script: bool,
    /// Harm: harmful moves and start types left off their defaults.
    pub harms: Vec<Finding>,
    /// Warnings: collateral changes and side effects.
    pub warnings: Vec<Finding>,
    /// Lines that did not run as written.
    pub unclean: Vec<String>,
    /// Twice is as good as once.
    pub idempotent: bool,
}

/// A failed property, with its one-line reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// `fixes`, `does-no-harm`, `idempotent` or `runs-clean`.
    pub property: &'static str,
    /// Why, in one line.
    pub reason: String,
}

impl CaseReport {
    /// The case's name: `id` or `id [variant]`.
    pub fn name(&self) -> String {
        match &self.variant {
            Some(v) => format!("{} [{v}]", self.scenario),
            None => self.scenario.clone(),
        }
    }

    /// The properties that fail; `expect_fix` says whether this case must be fixed.
    pub fn failures(&self, expect_fix: bool) -> Vec<Failure> {
        let mut failures = Vec::new();
        if expect_fix && self.fixable && !self.fixed_without_script && !self.fixed {
            failures.push(Failure {
                property: "fixes",
                reason: "the ticket's goal is not met after the script and the follow-up"
                    .to_string(),
            });
        }
        if !self.harms.is_empty() {
            failures.push(Failure {
                property: "does-no-harm",
                reason: self
                    .harms
                    .iter()
                    .map(|f| f.what.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            });
        }
        if !self.idempotent {
            failures.push(Failure {
                property: "idempotent",
                reason: "running it twice leaves the PC worse than running it once".to_string(),
            });
        }
        if !self.unclean.is_empty() {
            failures.push(Failure {
                property: "runs-clean",
                reason: self.unclean.join("; "),
            });
        }
        failures
    }
}

/// How the PC ended after the script (run some number of times) and the follow-up.
struct Run {
    fixed: bool,
    harms: Vec<Finding>,
    warnings: Vec<Finding>,
    unclean: Vec<String>,
}

fn run(case: &Arc<Scenario>, script: Option<&Script>, times: usize) -> Run {
    let files = script.map(Script::files).unwrap_or_default();
    let mut session = Session::start(
        case.clone(),
        Options {
            files,
            coach: Some(false),
            ..Options::default()
        },
    );
    let mut unclean = Vec::new();
    let lines = script.map(Script::lines).unwrap_or_default();
    for _ in 0..times {
        for line in &lines {
            let text = session.input(line).text;
            for out in text.lines().map(str::trim) {
                if UNCLEAN.iter().any(|u| out.contains(u)) && !unclean.iter().any(|s| s == out) {
                    unclean.push(out.to_string());
                }
            }
        }
    }
    let script_steps = session.steps().len();
    for line in FOLLOW_UP {
        session.input(line);
    }
    let mut harms = Vec::new();
    let mut warnings = Vec::new();
    let judged = session.steps()[..script_steps]
        .iter()
        .flat_map(|s| s.findings.iter().cloned())
        .chain(crate::assess::moves::best_practice(session.pc()));
    for finding in judged {
        match finding.severity {
            Severity::Harm | Severity::BestPractice => harms.push(finding),
            Severity::Collateral | Severity::SideEffect => warnings.push(finding),
        }
    }
    let fixed = case
        .goal
        .as_ref()
        .is_some_and(|g| goal::unmet(g, session.pc()).is_empty());
    Run {
        fixed,
        harms,
        warnings,
        unclean,
    }
}

/// Runs `script` on `case` (a scenario with its variant merged in): once, twice, and not at
/// all, each followed by [`FOLLOW_UP`].
pub fn check_case(case: &Arc<Scenario>, script: &Script) -> CaseReport {
    let once = run(case, Some(script), 1);
    let twice = run(case, Some(script), 2);
    let without = run(case, None, 1);
    let fixable = case.goal.as_ref().is_some_and(|g| !g.is_diagnosis_only());
    CaseReport {
        scenario: case.id.clone(),
        variant: case.variant.clone(),
        fixable,
        fixed: once.fixed,
        fixed_without_script: without.fixed,
        idempotent: (twice.fixed || !once.fixed) && twice.harms.len() <= once.harms.len(),
        harms: once.harms,
        warnings: once.warnings,
        unclean: once.unclean,
    }
}

/// Every case of the built-in tickets with a goal: each variant merged in.
pub fn builtin_cases() -> Vec<Arc<Scenario>> {
    crate::scenario::builtin::all()
        .into_iter()
        .filter(|s| s.goal.is_some())
        .flat_map(|s| s.cases())
        .map(Arc::new)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(id: &str) -> Arc<Scenario> {
        builtin_cases()
            .into_iter()
            .find(|c| c.id == id)
            .expect("a built-in ticket")
    }

    fn script(name: &str, text: &str) -> Script {
        Script {
            name: name.to_string(),
            text: text.to_string(),
        }
    }

    #[test]
    fn a_careful_fix_holds_every_property() {
        let fix = script(
            "fix.bat",
            "@echo off\r\nsc config wuauserv start= demand >nul\r\nnet start wuauserv >nul\r\n",
        );
        let report = check_case(&case("windows-update-disabled"), &fix);
        assert!(report.fixed && !report.fixed_without_script, "{report:?}");
        assert_eq!(report.failures(true), Vec::new());
    }

    #[test]
    fn a_web_script_is_caught_doing_harm() {
        let web = script(
            "fix.bat",
            "net stop wuauserv\r\nnet stop bits\r\nrd /s /q C:\\Windows\\SoftwareDistribution\r\nsc config wuauserv start= auto\r\nnet start wuauserv\r\n",
        );
        let report = check_case(&case("windows-update-disabled"), &web);
        let failures = report.failures(true);
        let harm = failures
            .iter()
            .find(|f| f.property == "does-no-harm")
            .expect("harm is found");
        assert!(
            harm.reason.contains("deleted SoftwareDistribution"),
            "{harm:?}"
        );
        assert!(harm.reason.contains("Automatic"), "{harm:?}");
    }

    #[test]
    fn doing_nothing_fails_fixes_and_unknown_lines_fail_runs_clean() {
        let nothing = script("nothing.txt", "echo hello\nfrobnicate wuauserv\n");
        let report = check_case(&case("bits-disabled"), &nothing);
        let properties: Vec<&str> = report.failures(true).iter().map(|f| f.property).collect();
        assert_eq!(properties, ["fixes", "runs-clean"]);
        assert!(report.failures(false).iter().all(|f| f.property != "fixes"));
    }

    #[test]
    fn a_script_that_breaks_on_its_second_run_is_not_idempotent() {
        // The first run resets catroot2; the second finds the copy it left and takes a
        // "stronger" measure.
        let careless = script(
            "reset.bat",
            "@echo off\r\nif exist C:\\Windows\\System32\\catroot2.old (sc config bits start= disabled) else (net stop cryptsvc & ren C:\\Windows\\System32\\catroot2 catroot2.old & net start cryptsvc)\r\n",
        );
        let report = check_case(&case("catroot2-corrupt"), &careless);
        assert!(report.harms.is_empty(), "{report:?}");
        assert!(!report.idempotent, "{report:?}");
        let once = script(
            "reset.bat",
            "@echo off\r\nnet stop cryptsvc\r\nren C:\\Windows\\System32\\catroot2 catroot2.old\r\nnet start cryptsvc\r\n",
        );
        assert!(check_case(&case("catroot2-corrupt"), &once).idempotent);
    }
}
