//! The test harness: a remediation script — the reset `.bat` handed round a help desk, an
//! Intune `.ps1`, a student's "fix Windows Update" script — run on thousands of broken PCs
//! and judged by the classifier of moves that judges learners ([`crate::assess`]).
//!
//! - [`strategy`]: proptest strategies of faults and PCs ([`strategy::broken_pc`],
//!   [`strategy::healthy_pc`], [`strategy::fault`]...), shrinking to the simplest PC;
//! - [`TestPc`]: a drawn PC, as a scenario and as a counterexample's scenario file;
//! - [`trial`]: one case — the script once, twice, and not at all, each followed by what a
//!   user does next — and the four properties (fixes, does no harm, idempotent, runs
//!   clean);
//! - [`predicate`]: the end-state checks the properties are made of, for your own tests;
//! - [`campaign`]: a whole run on many threads, its fault × outcome matrix and shrunk
//!   counterexamples, the same for a seed whatever the thread count; [`junit`] writes it
//!   for CI; [`config`] reads a harness file or an instructor's exercise.
//!
//! It is pure: scripts and choices in, a report out; it writes nothing.
//!
//! ```
//! use wusim::fault::Fault;
//! use wusim::harness::{Case, Plan, Script, TestPc, trial};
//! use wusim::scm::ServiceId;
//!
//! let script = Script::new("fix.bat", "@echo off\r\nsc config bits start= demand\r\nnet start bits\r\n", false).unwrap();
//! let pc = TestPc::with_faults(&[Fault::ServiceDisabled { service: ServiceId::BITS }]);
//! let report = trial::check(&Case::drawn(0, &pc), &script, &Plan::default());
//! assert!(report.fixed && !report.fixed_without_script);
//! assert!(report.failures(true, false).is_empty(), "{report:?}");
//! ```

pub mod campaign;
pub mod config;
pub mod junit;
pub mod predicate;
mod script;
pub mod strategy;
mod test_pc;
pub mod trial;

use std::sync::Arc;

pub use campaign::{Cases, Report, Settings};
pub use script::{MAX_BYTES, Script, ScriptError};
pub use test_pc::{COUNTEREXAMPLE_ID, TestPc, fault_label};
pub use trial::{Case, CaseReport, FOLLOW_UP, Failure, PROPERTIES, Plan};

use crate::scenario::Scenario;

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

    fn case(id: &str) -> Case {
        Case::ticket(
            builtin_cases()
                .into_iter()
                .find(|c| c.id == id)
                .expect("a built-in ticket"),
        )
    }

    fn check_case(case: &Case, script: &Script) -> CaseReport {
        trial::check(case, script, &Plan::default())
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
        assert_eq!(report.failures(true, false), Vec::new());
    }

    #[test]
    fn a_web_script_is_caught_doing_harm() {
        let web = script(
            "fix.bat",
            "net stop wuauserv\r\nnet stop bits\r\nrd /s /q C:\\Windows\\SoftwareDistribution\r\nsc config wuauserv start= auto\r\nnet start wuauserv\r\n",
        );
        let report = check_case(&case("windows-update-disabled"), &web);
        let failures = report.failures(true, false);
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
        let properties: Vec<&str> = report
            .failures(true, false)
            .iter()
            .map(|f| f.property)
            .collect();
        assert_eq!(properties, ["fixes", "runs-clean"]);
        assert!(
            report
                .failures(false, false)
                .iter()
                .all(|f| f.property != "fixes")
        );
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
