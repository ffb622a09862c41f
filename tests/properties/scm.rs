//! The Service Control Manager, under any sequence of controls, faults, waits and reboots.

use proptest::prelude::*;
use wusim::engine::SimDuration;
use wusim::eventlog::{Entry, EventRecord};
use wusim::pc::Pc;
use wusim::scm::{ServiceId, ServiceState, StartType, dependency_graph};
use wusim::world::registry::{RegValue, Registry};

/// Something done to the PC.
#[derive(Clone, Debug)]
enum Op {
    Start(ServiceId),
    Stop(ServiceId, bool),
    Restart(ServiceId, bool),
    SetStartType(ServiceId, StartType),
    Crash(ServiceId),
    Hang(ServiceId),
    Fail(ServiceId),
    Reboot,
    /// `reg add ...\Services\<service> /v Start /d n`: the registry alone.
    RegistryStart(ServiceId, u32, bool),
}

fn service() -> impl Strategy<Value = ServiceId> {
    let all: Vec<ServiceId> = ServiceId::all().collect();
    proptest::sample::select(all)
}

fn start_type() -> impl Strategy<Value = StartType> {
    prop_oneof![
        Just(StartType::Automatic),
        Just(StartType::AutomaticDelayed),
        Just(StartType::Manual),
        Just(StartType::ManualTrigger),
        Just(StartType::Disabled),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => service().prop_map(Op::Start),
        3 => (service(), any::<bool>()).prop_map(|(s, f)| Op::Stop(s, f)),
        2 => (service(), any::<bool>()).prop_map(|(s, f)| Op::Restart(s, f)),
        2 => (service(), start_type()).prop_map(|(s, t)| Op::SetStartType(s, t)),
        1 => service().prop_map(Op::Crash),
        1 => service().prop_map(Op::Hang),
        1 => service().prop_map(Op::Fail),
        1 => Just(Op::Reboot),
        2 => (service(), 2u32..=4, any::<bool>()).prop_map(|(s, n, d)| Op::RegistryStart(s, n, d)),
    ]
}

/// Ops, each followed by a wait of 0 to 60 seconds.
fn script() -> impl Strategy<Value = Vec<(Op, u64)>> {
    proptest::collection::vec((op(), 0u64..60_000), 0..40)
}

fn apply(pc: &mut Pc, op: &Op) {
    // Refusals (Win32 errors) are outcomes, not failures: the properties below hold either way.
    let _ = match *op {
        Op::Start(s) => pc.start_service(s),
        Op::Stop(s, force) => pc.stop_service(s, force),
        Op::Restart(s, force) => pc.restart_service(s, force),
        Op::SetStartType(s, t) => pc.set_start_type(s, t),
        Op::Crash(s) => {
            pc.crash_service(s);
            Ok(())
        }
        Op::Hang(s) => {
            pc.hang_service(s);
            Ok(())
        }
        Op::Fail(s) => {
            pc.fail_service(s, wusim::win32::Win32Error(1067));
            Ok(())
        }
        Op::Reboot => {
            pc.reboot();
            Ok(())
        }
        Op::RegistryStart(s, start, delayed) => {
            let key = Registry::service_key(s);
            pc.act(|w| {
                w.registry.set_value(key, "Start", RegValue::Dword(start));
                // Without the flag, as `reg` users write it: a key can come back to exactly
                // its default values.
                if delayed {
                    w.registry
                        .set_value(key, "DelayedAutostart", RegValue::Dword(1));
                } else {
                    w.registry.delete_value(key, "DelayedAutostart");
                }
            });
            Ok(())
        }
    };
}

/// What the log says about whether a service has a running process: set by 7036 running,
/// cleared by 7036 stopped and by the termination entries.
fn logged_running(entry: &Entry) -> Option<(ServiceId, bool)> {
    match *entry {
        Entry::ServiceStateChanged { service, running } => Some((service, running)),
        Entry::TerminatedUnexpectedly { service, .. }
        | Entry::TerminatedWithError { service, .. } => Some((service, false)),
        _ => None,
    }
}

/// Checks every property after one step; `seen` is how many log records were checked before.
fn check(pc: &Pc, seen: usize, believed: &mut [bool]) -> Result<(), TestCaseError> {
    let scm = pc.scm();
    let graph = dependency_graph();
    let new: &[EventRecord] = &pc.log().records()[seen..];
    for (i, record) in new.iter().enumerate() {
        // (d) the log is in time order, and no entry is from the future.
        let previous = if seen + i == 0 {
            None
        } else {
            Some(pc.log().records()[seen + i - 1].time)
        };
        prop_assert!(
            previous.is_none_or(|p| p <= record.time),
            "log out of order"
        );
        prop_assert!(record.time <= pc.now());
        if let Some((service, running)) = logged_running(&record.entry) {
            // (c) a Disabled service never reaches Running.
            if running {
                prop_assert_ne!(scm.status(service).start_type, StartType::Disabled);
            }
            believed[service.index()] = running;
        }
    }
    for id in ServiceId::all() {
        let status = scm.status(id);
        // (a) the state is one the SCM allows for this service.
        match status.state {
            ServiceState::Running => {
                prop_assert_ne!(status.pid, 0, "{} runs without a process", id)
            }
            ServiceState::Stopped => {
                prop_assert_eq!(status.pid, 0, "{} stopped with a process", id)
            }
            ServiceState::StopPending => prop_assert!(id.spec().stoppable, "{} cannot stop", id),
            ServiceState::StartPending => {}
        }
        // (b) a running service's dependencies are running.
        if status.state == ServiceState::Running {
            for d in graph.dependencies(id).iter() {
                prop_assert_eq!(
                    scm.state(d),
                    ServiceState::Running,
                    "{} runs without {}",
                    id,
                    d
                );
            }
        }
        // (d) the log tells every change into and out of Running.
        let has_process = matches!(
            status.state,
            ServiceState::Running | ServiceState::StopPending
        );
        prop_assert_eq!(
            believed[id.index()],
            has_process,
            "the log is wrong about {}",
            id
        );
    }
    Ok(())
}

fn run(seed: u64, script: &[(Op, u64)]) -> Result<Pc, TestCaseError> {
    let mut pc = Pc::builder().seed(seed).build();
    let mut believed: Vec<bool> = ServiceId::all()
        .map(|id| pc.scm().state(id) == ServiceState::Running)
        .collect();
    for (op, wait) in script {
        let seen = pc.log().len();
        apply(&mut pc, op);
        if matches!(op, Op::Reboot) {
            // Services stop silently at shutdown, as on Windows.
            believed.iter_mut().for_each(|b| *b = false);
        }
        check(&pc, seen, &mut believed)?;
        let seen = pc.log().len();
        pc.run_for(SimDuration::from_millis(*wait));
        check(&pc, seen, &mut believed)?;
    }
    Ok(pc)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// For any controls, crashes, hangs, waits and reboots: (a) every state is one the SCM
    /// allows, (b) a running service's dependencies are running, (c) a Disabled service never
    /// reaches Running, (d) the event log tells every state change, in time order.
    #[test]
    fn scm_invariants_hold(seed in any::<u64>(), script in script()) {
        run(seed, &script)?;
    }

    /// (e) The same seed and the same operations give the same log, byte for byte.
    #[test]
    fn same_seed_same_log(seed in any::<u64>(), script in script()) {
        let a = run(seed, &script)?;
        let b = run(seed, &script)?;
        prop_assert_eq!(a.log(), b.log());
        prop_assert_eq!(a.scm(), b.scm());
        let text = |pc: &Pc| pc.log().records().iter()
            .map(|r| format!("{} {} {}", r.time.as_millis(), r.entry.id(), pc.message(r)))
            .collect::<Vec<_>>();
        prop_assert_eq!(text(&a), text(&b));
    }

    /// (f) After a boot, the SCM and the registry agree on every start type, whatever was
    /// changed through the SCM (`sc config`, written to both) or in the registry alone.
    #[test]
    fn the_registry_and_the_scm_agree_after_a_boot(seed in any::<u64>(), script in script()) {
        let mut pc = run(seed, &script)?;
        pc.reboot();
        pc.run_for(SimDuration::from_mins(5));
        for id in ServiceId::all() {
            let scm = pc.scm().status(id).start_type;
            let registry = pc.world().registry.start_type(id, scm == StartType::ManualTrigger);
            prop_assert_eq!(registry, Some(scm), "{}", id);
        }
    }
}
