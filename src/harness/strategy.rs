//! The proptest strategies of broken PCs: faults from the fault catalog with their
//! parameters, and PCs that vary in Windows version, edition, memory, free disk space,
//! bandwidth, proxy, seed and time of day. Every strategy shrinks towards the default PC
//! with fewer faults, so a failure shrinks to the simplest PC that still fails.
//!
//! In your own `cargo test` (inside `proptest!` or with a runner):
//!
//! ```
//! use proptest::test_runner::{Config, TestRunner};
//! use wusim::harness::{predicate, strategy};
//!
//! let mut runner = TestRunner::new(Config::with_cases(4));
//! runner
//!     .run(&strategy::healthy_pc(), |pc| {
//!         let built = pc.scenario().build_pc(pc.seed);
//!         assert!(predicate::services_at_defaults(&built));
//!         Ok(())
//!     })
//!     .unwrap();
//! ```

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use super::TestPc;
use crate::device::{Edition, WinHttpProxy, WindowsVersion};
use crate::fault::{Fault, KINDS};
use crate::scenario::PcSpec;
use crate::scm::ServiceId;
use crate::update::ServerBehavior;

/// The Windows versions wusim models.
pub const WINDOWS_VERSIONS: [WindowsVersion; 3] = [
    WindowsVersion::Windows11_23H2,
    WindowsVersion::Windows10_22H2,
    WindowsVersion::Windows11_24H2,
];

/// What a random PC may be: which fault kinds, which Windows versions, how many faults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choices {
    /// Fault kinds, by the names of [`KINDS`].
    pub kinds: Vec<&'static str>,
    /// Windows versions.
    pub windows: Vec<WindowsVersion>,
    /// The fewest faults on a PC.
    pub min_faults: usize,
    /// The most faults on a PC.
    pub max_faults: usize,
}

impl Default for Choices {
    /// Every kind, every version, zero to three faults (a quarter of the PCs are healthy).
    fn default() -> Self {
        Choices {
            kinds: KINDS.to_vec(),
            windows: WINDOWS_VERSIONS.to_vec(),
            min_faults: 0,
            max_faults: 3,
        }
    }
}

/// A service Windows Update needs (those the troubleshooter resets).
pub fn update_service() -> impl Strategy<Value = ServiceId> {
    select(crate::remedy::UPDATE_SERVICES.to_vec())
}

/// A fault of `kind` (a name of [`KINDS`]) with random parameters; `None` for an unknown
/// kind.
pub fn fault_of(kind: &str) -> Option<BoxedStrategy<Fault>> {
    let strategy = match kind {
        "service-stopped" => update_service()
            .prop_map(|service| Fault::ServiceStopped { service })
            .boxed(),
        "service-crashed" => update_service()
            .prop_map(|service| Fault::ServiceCrashed { service })
            .boxed(),
        "service-disabled" => update_service()
            .prop_map(|service| Fault::ServiceDisabled { service })
            .boxed(),
        "set-to-disabled" => update_service()
            .prop_map(|service| Fault::SetToDisabled { service })
            .boxed(),
        "service-hung" => update_service()
            .prop_map(|service| Fault::ServiceHung { service })
            .boxed(),
        "service-wedged" => select(vec![
            ServiceId::WUAUSERV,
            ServiceId::USOSVC,
            ServiceId::BITS,
        ])
        .prop_map(|service| Fault::ServiceWedged { service })
        .boxed(),
        "wuauserv-crash-loop" => Just(Fault::WuauservCrashLoop).boxed(),
        "corrupt-download-cache" => Just(Fault::CorruptDownloadCache).boxed(),
        "corrupt-datastore" => Just(Fault::CorruptDatastore).boxed(),
        "corrupt-catroot2" => Just(Fault::CorruptCatroot2).boxed(),
        "corrupt-component-store" => Just(Fault::CorruptComponentStore).boxed(),
        "network-offline" => Just(Fault::NetworkOffline).boxed(),
        "broken-proxy" => Just(Fault::BrokenProxy).boxed(),
        "clock-skew" => prop_oneof![-2_000i32..=-30, 30i32..=2_000]
            .prop_map(|days| Fault::ClockSkew { days })
            .boxed(),
        "disk-full" => Just(Fault::DiskFull).boxed(),
        "pending-restart" => Just(Fault::PendingRestart).boxed(),
        "server" => select(vec![
            ServerBehavior::Unreachable,
            ServerBehavior::Throttling,
            ServerBehavior::TimingOut,
            ServerBehavior::CorruptPayload,
            ServerBehavior::Slow,
        ])
        .prop_map(|behavior| Fault::Server { behavior })
        .boxed(),
        "incompatible-device" => Just(Fault::IncompatibleDevice).boxed(),
        "safeguard-hold" => select(vec![56_318_982u32, 52_754_008])
            .prop_map(|id| Fault::SafeguardHold { id })
            .boxed(),
        _ => return None,
    };
    Some(strategy)
}

/// A fault of one of `kinds` (unknown names are skipped; none left: any kind).
pub fn fault_in(kinds: &[&str]) -> BoxedStrategy<Fault> {
    let mut strategies: Vec<BoxedStrategy<Fault>> =
        kinds.iter().filter_map(|k| fault_of(k)).collect();
    if strategies.is_empty() {
        strategies = KINDS.iter().filter_map(|k| fault_of(k)).collect();
    }
    proptest::strategy::Union::new(strategies).boxed()
}

/// Any fault of the catalog.
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
///
/// let mut runner = TestRunner::deterministic();
/// let fault = wusim::harness::strategy::fault().new_tree(&mut runner).unwrap().current();
/// assert!(wusim::fault::KINDS.contains(&fault.kind()));
/// ```
pub fn fault() -> BoxedStrategy<Fault> {
    fault_in(&KINDS)
}

/// What differs from the default PC: each part is left at the default or drawn, and
/// shrinks back to the default.
pub fn pc_spec(windows: &[WindowsVersion]) -> impl Strategy<Value = PcSpec> + use<> {
    let version = if windows.is_empty() || WINDOWS_VERSIONS.iter().all(|v| windows.contains(v)) {
        proptest::option::of(select(WINDOWS_VERSIONS.to_vec())).boxed()
    } else {
        select(windows.to_vec()).prop_map(Some).boxed()
    };
    (
        version,
        proptest::option::of(select(vec![
            Edition::Home,
            Edition::Enterprise,
            Edition::Education,
        ])),
        proptest::option::of(select(vec![4u32, 8, 32])),
        proptest::option::of(20u64..=200),
        proptest::option::of(select(vec![10u32, 50, 1_000, 2])),
        proptest::option::of(Just(WinHttpProxy::Working)),
    )
        .prop_map(
            |(windows, edition, ram_gb, disk_free_gb, bandwidth_mbps, proxy)| PcSpec {
                windows,
                edition,
                ram_gb,
                disk_free_gb,
                bandwidth_mbps,
                proxy,
                ..PcSpec::default()
            },
        )
}

/// A PC as `choices` allow: its differences from the default PC, a start up to ten days
/// after Patch Tuesday, a seed, and its faults (no fault twice).
pub fn test_pc(choices: &Choices) -> BoxedStrategy<TestPc> {
    let faults = proptest::collection::vec(
        fault_in(&choices.kinds),
        choices.min_faults..=choices.max_faults.max(choices.min_faults),
    );
    (pc_spec(&choices.windows), 0u32..=240, any::<u64>(), faults)
        .prop_map(|(pc, hours_later, seed, mut faults)| {
            let mut seen = Vec::new();
            faults.retain(|f| {
                let new = !seen.contains(f);
                seen.push(*f);
                new
            });
            TestPc {
                pc,
                hours_later,
                seed,
                faults,
            }
        })
        .boxed()
}

/// A PC with one to three faults of any kind.
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
///
/// let mut runner = TestRunner::deterministic();
/// let pc = wusim::harness::strategy::broken_pc().new_tree(&mut runner).unwrap().current();
/// assert!((1..=3).contains(&pc.faults.len()));
/// ```
pub fn broken_pc() -> BoxedStrategy<TestPc> {
    test_pc(&Choices {
        min_faults: 1,
        ..Choices::default()
    })
}

/// A PC with nothing broken (its version, hardware, network and time still vary).
///
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
///
/// let mut runner = TestRunner::deterministic();
/// let pc = wusim::harness::strategy::healthy_pc().new_tree(&mut runner).unwrap().current();
/// assert!(pc.faults.is_empty());
/// ```
pub fn healthy_pc() -> BoxedStrategy<TestPc> {
    test_pc(&Choices {
        max_faults: 0,
        ..Choices::default()
    })
}

/// Case `index` of a run seeded with `seed`: its value tree (to shrink), drawn from its own
/// generator, so each case is the same whatever thread draws it and in whatever order.
pub fn draw<S: Strategy>(strategy: &S, seed: u64, index: u64) -> S::Tree {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes[8..16].copy_from_slice(&index.to_le_bytes());
    bytes[16..].copy_from_slice(b"wusim-harness-ca");
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    match strategy.new_tree(&mut runner) {
        Ok(tree) => tree,
        // The strategies here never filter, so drawing never gives up.
        Err(reason) => unreachable!("a harness strategy rejected every value: {reason}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree;

    #[test]
    fn every_kind_has_a_strategy() {
        for kind in KINDS {
            let mut runner = TestRunner::deterministic();
            let fault = fault_of(kind)
                .unwrap()
                .new_tree(&mut runner)
                .unwrap()
                .current();
            assert_eq!(fault.kind(), kind);
        }
        assert!(fault_of("no-such-kind").is_none());
    }

    #[test]
    fn a_case_is_the_same_whoever_draws_it() {
        let strategy = test_pc(&Choices::default());
        let a = draw(&strategy, 42, 7).current();
        let _ = draw(&strategy, 42, 6).current();
        assert_eq!(draw(&strategy, 42, 7).current(), a);
        assert_ne!(draw(&strategy, 43, 7).current(), a);
    }

    #[test]
    fn choices_are_kept() {
        let choices = Choices {
            kinds: vec!["corrupt-catroot2", "broken-proxy"],
            windows: vec![WindowsVersion::Windows10_22H2],
            min_faults: 1,
            max_faults: 2,
        };
        let strategy = test_pc(&choices);
        for i in 0..50 {
            let pc = draw(&strategy, 1, i).current();
            assert_eq!(pc.pc.windows, Some(WindowsVersion::Windows10_22H2));
            assert!((1..=2).contains(&pc.faults.len()));
            assert!(pc.faults.iter().all(|f| choices.kinds.contains(&f.kind())));
        }
    }
}
