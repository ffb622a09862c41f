//! The harness's premises, for any drawn PC: a healthy PC left to the follow-up alone ends
//! up to date (so "fixes" compares against a baseline that works), a PC's counterexample
//! file builds the very PC that was tested, and a script that does nothing harms nothing.

use proptest::prelude::*;
use wusim::harness::{Case, Plan, Script, predicate, strategy, trial};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The follow-up alone brings a healthy drawn PC up to date, whatever its version,
    /// hardware, network or start time.
    #[test]
    fn a_healthy_pc_gets_up_to_date_by_itself(pc in strategy::healthy_pc()) {
        let mut built = pc.scenario().build_pc(pc.seed);
        let mut shell = wusim::shell::Shell::new(&built);
        for line in Plan::default().follow_up {
            shell.execute(&mut built, &line);
        }
        prop_assert!(predicate::is_up_to_date(&built), "{}", pc.describe());
        prop_assert!(predicate::services_at_defaults(&built));
    }

    /// The counterexample file of any drawn PC loads, passes `validate`, and describes the
    /// same PC.
    #[test]
    fn a_counterexample_file_is_the_pc_that_was_tested(pc in strategy::test_pc(&strategy::Choices::default())) {
        let script = Script::new("fix.bat", "@echo off\r\nver\r\n", false).unwrap();
        let text = pc.counterexample_file(&script, &Plan::default().follow_up, "why", "C:\\>fix.bat\n");
        let loaded = wusim::validate::check("counterexample.toml", &text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let tested = pc.scenario();
        prop_assert_eq!(&loaded.pc, &tested.pc);
        prop_assert_eq!(&loaded.faults, &tested.faults);
        prop_assert_eq!(loaded.start, tested.start);
        prop_assert_eq!(loaded.seed, tested.seed);
    }

    /// A script that only looks harms nothing, is idempotent and runs clean on any PC.
    #[test]
    fn a_script_that_only_looks_does_no_harm(pc in strategy::test_pc(&strategy::Choices::default())) {
        let look = Script::new("look.bat", "@echo off\r\nsc query wuauserv\r\nnetsh winhttp show proxy\r\n", false).unwrap();
        let report = trial::check(&Case::drawn(0, &pc), &look, &Plan::default());
        prop_assert!(report.harms.is_empty(), "{}: {:?}", pc.describe(), report.harms);
        prop_assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        prop_assert!(report.idempotent && report.unclean.is_empty(), "{report:?}");
    }
}
