//! The update pipeline, over random catalogs, devices, faults and schedules.

use proptest::prelude::*;
use wusim::device::{Device, Os, WindowsVersion};
use wusim::engine::{CivilDateTime, SimDuration};
use wusim::eventlog::Entry;
use wusim::fault::Fault;
use wusim::pc::Pc;
use wusim::update::applicability::{Applicability, NotApplicable, evaluate, is_installed};
use wusim::update::{Catalog, Classification, Update, UpdateId};

use crate::common;

const VERSIONS: [WindowsVersion; 3] = [
    WindowsVersion::Windows10_22H2,
    WindowsVersion::Windows11_23H2,
    WindowsVersion::Windows11_24H2,
];

/// A random acyclic catalog: each update may supersede or require only earlier ones.
fn catalog() -> impl Strategy<Value = Catalog> {
    let update = (
        0usize..4,
        1u8..8,
        prop::option::of(1u32..6_000),
        any::<bool>(),
        1u32..500,
        1u32..30,
        any::<u16>(),
        any::<u16>(),
    );
    prop::collection::vec(update, 1..8).prop_map(|specs| {
        let updates = specs
            .iter()
            .enumerate()
            .map(
                |(i, &(class, targets, revision, restart, size, minutes, sup, req))| {
                    let earlier = |mask: u16| -> Vec<UpdateId> {
                        (0..i)
                            .filter(|j| mask & (1 << j) != 0)
                            .map(|j| UpdateId(1_000 + j as u32))
                            .collect()
                    };
                    Update {
                        id: UpdateId(1_000 + i as u32),
                        title: format!("Update {i}"),
                        classification: [
                            Classification::SecurityUpdate,
                            Classification::DefinitionUpdate,
                            Classification::Update,
                            Classification::CriticalUpdate,
                        ][class],
                        targets: VERSIONS
                            .iter()
                            .enumerate()
                            .filter(|(k, _)| targets & (1 << k) != 0)
                            .map(|(_, &v)| v)
                            .collect(),
                        arch: wusim::device::Arch::X64,
                        size_mb: size,
                        released: CivilDateTime::PATCH_TUESDAY,
                        revision,
                        supersedes: earlier(sup),
                        requires: earlier(req),
                        restart_required: restart,
                        install_minutes: minutes,
                        feature: None,
                    }
                },
            )
            .collect();
        Catalog::new(updates).expect("acyclic by construction")
    })
}

/// A device and its free disk space in MB.
fn device() -> impl Strategy<Value = (Device, u64)> {
    (0usize..3, 0u32..6_000, 500u64..200_000).prop_map(|(v, revision, free)| {
        let device = Device {
            os: Os {
                version: VERSIONS[v],
                revision,
                ..Device::default().os
            },
            ..Device::default()
        };
        (device, free)
    })
}

#[derive(Clone, Debug)]
enum Step {
    Check,
    Wait(u64),
    Reboot,
    Inject(Fault),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => Just(Step::Check),
        4 => (1u64..240).prop_map(Step::Wait),
        1 => Just(Step::Reboot),
        1 => wusim::harness::strategy::fault().prop_map(Step::Inject),
    ]
}

/// Runs the steps and checks the pipeline's promises after every event.
fn run(
    seed: u64,
    catalog: Catalog,
    (device, free_mb): (Device, u64),
    steps: &[Step],
) -> Result<Pc, TestCaseError> {
    let mut pc = Pc::builder()
        .seed(seed)
        .catalog(catalog)
        .device(device)
        .disk_free_mb(free_mb)
        .build();
    let mut seen = 0;
    for step in steps {
        match step {
            Step::Check => {
                pc.check_for_updates();
            }
            Step::Reboot => {
                let staged = pc.device().staged.clone();
                pc.reboot();
                // A pending restart always commits on reboot.
                prop_assert!(!pc.device().pending_restart());
                for s in staged {
                    prop_assert!(
                        pc.device().has_installed(s.kb),
                        "KB{} was not committed",
                        s.kb
                    );
                }
            }
            Step::Inject(fault) => pc.inject(*fault),
            Step::Wait(minutes) => {
                let until = pc.now() + SimDuration::from_mins(*minutes);
                while pc.now() < until {
                    let before = pc.clone();
                    if !pc.step() || pc.now() > until {
                        pc = before;
                        pc.run_until(until);
                    }
                    check(&pc, &mut seen)?;
                }
            }
        }
        check(&pc, &mut seen)?;
    }
    Ok(pc)
}

fn check(pc: &Pc, seen: &mut usize) -> Result<(), TestCaseError> {
    let catalog = pc.server().catalog();
    let device = pc.device();
    for record in &pc.log().records()[*seen..] {
        if let Entry::InstallSucceeded { update } = record.entry {
            let info = catalog
                .get(update)
                .expect("installed updates come from the catalog");
            // No update is installed unless it targets the PC and its prerequisites are in.
            prop_assert!(
                info.targets.contains(&device.os.version),
                "{} installed on {:?}",
                update,
                device.os.version
            );
            for required in &info.requires {
                let r = catalog.get(*required).unwrap();
                prop_assert!(
                    is_installed(r, device),
                    "{} installed before {}",
                    update,
                    required
                );
            }
        }
    }
    *seen = pc.log().len();
    // A superseded update is never offered.
    for &id in pc.agent().offered(pc.world()) {
        let verdict = evaluate(catalog.get(id).unwrap(), device, catalog);
        let superseded = matches!(
            verdict,
            Applicability::NotApplicable {
                reason: NotApplicable::Superseded { .. }
            }
        );
        prop_assert!(!superseded, "{} is offered but superseded", id);
    }
    // Downloaded bytes never exceed the update's size, and the disk adds up.
    for (id, bytes, _) in pc.world().payloads() {
        if let Some(update) = catalog.get(id) {
            prop_assert!(bytes <= u64::from(update.size_mb) * wusim::world::MB);
        }
    }
    let w = pc.world();
    prop_assert_eq!(
        w.disk_free_bytes() + w.fs.used_bytes(),
        (w.device.disk_total_mb * wusim::world::MB).max(w.fs.used_bytes())
    );
    let page = wusim::settings::SettingsPage::of(pc);
    for listed in &page.updates {
        if let Some(pct) = listed
            .status
            .strip_prefix("Downloading - ")
            .and_then(|s| s.strip_suffix('%'))
        {
            prop_assert!(pct.parse::<u32>().unwrap() <= 100);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    /// No update is installed unless it applies and its prerequisites are installed; a
    /// superseded update is never offered; downloads never exceed their size; a pending
    /// restart always commits on reboot.
    #[test]
    fn pipeline_invariants_hold(
        seed in any::<u64>(),
        catalog in catalog(),
        device in device(),
        steps in prop::collection::vec(step(), 1..25),
    ) {
        run(seed, catalog, device, &steps)?;
    }

    /// The same seed and the same steps give the same event logs.
    #[test]
    fn same_seed_same_pipeline_log(
        seed in any::<u64>(),
        catalog in catalog(),
        device in device(),
        steps in prop::collection::vec(step(), 1..25),
    ) {
        let a = run(seed, catalog.clone(), device.clone(), &steps)?;
        let b = run(seed, catalog, device, &steps)?;
        prop_assert_eq!(a.log(), b.log());
        prop_assert_eq!(a.device(), b.device());
    }

    /// For every fault alone, on any seed: its documented remedy followed by a
    /// scan-download-install cycle leaves the PC healthy and up to date, or — for faults no
    /// remedy fixes — the PC still gets its quality updates once the cause is gone, and the
    /// feature update is refused with a reason.
    #[test]
    fn every_fault_has_a_working_remedy(seed in any::<u64>(), fault in prop::sample::select(Fault::examples())) {
        let mut pc = Pc::builder().seed(seed).build();
        pc.inject(fault);
        common::check_and_wait(&mut pc);
        if common::apply_remedy(&mut pc, fault) {
            common::update_cycle(&mut pc);
            common::assert_up_to_date(&pc);
        } else if let Fault::Server { .. } = fault {
            prop_assert!(!pc.device().has_installed(common::JUNE_LCU));
        } else {
            common::update_cycle(&mut pc);
            common::assert_up_to_date(&pc);
            prop_assert!(!pc.agent().offered(pc.world()).contains(&wusim::update::default_catalog::FEATURE_24H2));
        }
    }
}

/// A case proptest once drew: Windows Update wedged, then restarted, and the new process
/// drew the old one's id, so the fault (which names the wedged process by its id) held it
/// too. A new process never gets the id its service had last.
#[test]
fn a_restarted_service_is_a_new_process() {
    let mut pc = Pc::builder().seed(11_409_597_113_207_538_692).build();
    let service = wusim::scm::ServiceId::WUAUSERV;
    let fault = Fault::ServiceWedged { service };
    pc.inject(fault);
    common::check_and_wait(&mut pc);
    let wedged = pc.scm().status(service).pid;
    assert!(common::apply_remedy(&mut pc, fault));
    assert_ne!(pc.scm().status(service).pid, wedged);
    assert!(!pc.is_wedged(service));
    common::update_cycle(&mut pc);
    common::assert_up_to_date(&pc);
}
