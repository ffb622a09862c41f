//! Update policies, under any set of policy values: a policy that takes Windows Update's
//! source away means nothing is ever installed, whatever else is set; and removing every
//! policy gives the PC back — one check and a restart install this month's update.

use proptest::prelude::*;
use wusim::engine::SimDuration;
use wusim::pc::Pc;
use wusim::world::policy::UpdatePolicy;
use wusim::world::registry::{AU_POLICY, RegValue, WU_POLICY};

use crate::common::JUNE_LCU;

/// The values the model reads, and a few it does not, with data of either type (a wrong type
/// must be ignored, as Windows ignores it).
fn value() -> impl Strategy<Value = (&'static str, &'static str, RegValue)> {
    let name = proptest::sample::select(vec![
        (WU_POLICY, "WUServer"),
        (WU_POLICY, "WUStatusServer"),
        (WU_POLICY, "DisableWindowsUpdateAccess"),
        (WU_POLICY, "SetDisableUXWUAccess"),
        (WU_POLICY, "SetDisablePauseUXAccess"),
        (WU_POLICY, "TargetReleaseVersion"),
        (WU_POLICY, "TargetReleaseVersionInfo"),
        (WU_POLICY, "ProductVersion"),
        (WU_POLICY, "DeferQualityUpdatesPeriodInDays"),
        (AU_POLICY, "UseWUServer"),
        (AU_POLICY, "NoAutoUpdate"),
        (AU_POLICY, "AUOptions"),
        (AU_POLICY, "ScheduledInstallTime"),
    ]);
    let data = prop_oneof![
        (0u32..6).prop_map(RegValue::Dword),
        proptest::sample::select(vec![
            "http://wsus01.corp.contoso.com:8530",
            "https://127.0.0.1",
            "wsus01",
            "",
            "23H2",
            "24H2",
            "Windows 11",
        ])
        .prop_map(|s| RegValue::Sz(s.to_string())),
    ];
    (name, data).prop_map(|((key, name), data)| (key, name, data))
}

fn pc_with(values: &[(&'static str, &'static str, RegValue)], seed: u64) -> Pc {
    let mut builder = Pc::builder().seed(seed);
    for (key, name, data) in values {
        builder = builder.registry_value(key, name, data.clone());
    }
    builder.build()
}

/// What a user does over two days: checks, presses Download and Install now, waits, restarts.
fn live_two_days(pc: &mut Pc) {
    pc.check_for_updates();
    pc.run_for(SimDuration::from_hours(1));
    pc.start_download_now();
    pc.run_for(SimDuration::from_hours(2));
    pc.start_install_now();
    pc.run_for(SimDuration::from_hours(1));
    pc.reboot();
    pc.run_for(SimDuration::from_days(2));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// With Windows Update's source taken away (WSUS that cannot be reached, access turned
    /// off), nothing installs; without, the user's presses always get this month's update in.
    #[test]
    fn the_update_installs_exactly_when_the_policies_leave_a_source(
        values in proptest::collection::vec(value(), 0..8),
        seed in 0u64..1_000,
    ) {
        let mut pc = pc_with(&values, seed);
        let blocked = UpdatePolicy::read(&pc.world().registry).source_error().is_some();
        live_two_days(&mut pc);
        prop_assert_eq!(pc.device().has_installed(JUNE_LCU), !blocked, "{:?}", values);
    }

    /// Deleting the policy keys (as `reg delete ... /f` does) gives the PC back.
    #[test]
    fn removing_every_policy_gives_the_pc_back(
        values in proptest::collection::vec(value(), 1..8),
        seed in 0u64..1_000,
    ) {
        let mut pc = pc_with(&values, seed);
        pc.run_for(SimDuration::from_hours(3));
        pc.act(|w| w.registry.delete_key(WU_POLICY));
        pc.check_for_updates();
        pc.run_for(SimDuration::from_hours(2));
        pc.reboot();
        pc.run_for(SimDuration::from_mins(15));
        prop_assert!(pc.device().has_installed(JUNE_LCU), "{:?}", values);
    }
}
