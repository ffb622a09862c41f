//! The SCM's rules, one test per rule, through a default PC.

use super::*;
use crate::engine::SimDuration;
use crate::eventlog::Entry;
use crate::pc::Pc;
use crate::win32::Win32Error;

const WU: ServiceId = ServiceId::WUAUSERV;

fn settle(pc: &mut Pc) {
    pc.run_for(SimDuration::from_secs(10));
}

fn ids(pc: &Pc) -> Vec<u16> {
    pc.log().records().iter().map(|r| r.entry.id()).collect()
}

/// (what is done to a default PC, the control tried, its result).
#[test]
fn control_results_table() {
    type Setup = fn(&mut Pc);
    type Control = fn(&mut Pc) -> Result<(), Win32Error>;
    let nothing: Setup = |_| {};
    let running: Setup = |pc| {
        pc.start_service(WU).unwrap();
        settle(pc);
    };
    let disabled: Setup = |pc| pc.set_start_type(WU, StartType::Disabled).unwrap();
    let start: Control = |pc| pc.start_service(WU);
    let stop: Control = |pc| pc.stop_service(WU, false);
    let rows: [(&str, Setup, Control, Result<(), Win32Error>); 10] = [
        ("start a stopped service", nothing, start, Ok(())),
        (
            "start a running service",
            running,
            start,
            Err(Win32Error::SERVICE_ALREADY_RUNNING),
        ),
        (
            "start a disabled service",
            disabled,
            start,
            Err(Win32Error::SERVICE_DISABLED),
        ),
        ("stop a running service", running, stop, Ok(())),
        (
            "stop a stopped service",
            nothing,
            stop,
            Err(Win32Error::SERVICE_NOT_ACTIVE),
        ),
        (
            "start while starting",
            |pc| pc.start_service(WU).unwrap(),
            start,
            Err(Win32Error::SERVICE_ALREADY_RUNNING),
        ),
        (
            "stop while starting",
            |pc| pc.start_service(WU).unwrap(),
            stop,
            Err(Win32Error::SERVICE_CANNOT_ACCEPT_CTRL),
        ),
        (
            "stop RpcSs, which accepts no stop",
            nothing,
            |pc| pc.stop_service(ServiceId::RPCSS, true),
            Err(Win32Error::INVALID_SERVICE_CONTROL),
        ),
        (
            "stop CryptSvc while Application Identity runs",
            |pc| {
                pc.start_service(ServiceId::APPIDSVC).unwrap();
                settle(pc);
            },
            |pc| pc.stop_service(ServiceId::CRYPTSVC, false),
            Err(Win32Error::DEPENDENT_SERVICES_RUNNING),
        ),
        (
            "change the Medic service's start type",
            nothing,
            |pc| pc.set_start_type(ServiceId::WAAS_MEDIC, StartType::Disabled),
            Err(Win32Error::ACCESS_DENIED),
        ),
    ];
    for (name, setup, control, expected) in rows {
        let mut pc = Pc::default();
        setup(&mut pc);
        assert_eq!(control(&mut pc), expected, "{name}");
    }
}

#[test]
fn start_is_pending_then_running_and_logged() {
    let mut pc = Pc::default();
    pc.start_service(WU).unwrap();
    assert_eq!(pc.scm().state(WU), ServiceState::StartPending);
    assert!(pc.log().is_empty(), "pending states are not logged");
    settle(&mut pc);
    assert_eq!(pc.scm().state(WU), ServiceState::Running);
    assert_ne!(pc.scm().status(WU).pid, 0);
    let record = pc.log().records()[0];
    assert_eq!(
        record.entry,
        Entry::ServiceStateChanged {
            service: WU,
            running: true
        }
    );
    assert!(record.time.as_millis() > 0 && record.time.as_millis() <= 1_600);
}

#[test]
fn start_starts_dependencies_first() {
    let mut pc = Pc::default();
    pc.set_start_type(ServiceId::APPIDSVC, StartType::Manual)
        .unwrap();
    pc.stop_service(ServiceId::CRYPTSVC, false).unwrap();
    settle(&mut pc);
    pc.start_service(ServiceId::APPIDSVC).unwrap();
    assert_eq!(
        pc.scm().state(ServiceId::CRYPTSVC),
        ServiceState::StartPending
    );
    settle(&mut pc);
    let running: Vec<ServiceId> = pc
        .log()
        .records()
        .iter()
        .filter_map(|r| match r.entry {
            Entry::ServiceStateChanged {
                service,
                running: true,
            } => Some(service),
            _ => None,
        })
        .collect();
    assert_eq!(running, [ServiceId::CRYPTSVC, ServiceId::APPIDSVC]);
}

#[test]
fn a_disabled_dependency_fails_the_start_with_1068() {
    let mut pc = Pc::default();
    pc.start_service(ServiceId::APPIDSVC).unwrap();
    settle(&mut pc);
    pc.stop_service(ServiceId::CRYPTSVC, true).unwrap();
    settle(&mut pc);
    pc.set_start_type(ServiceId::CRYPTSVC, StartType::Disabled)
        .unwrap();
    assert_eq!(
        pc.start_service(ServiceId::APPIDSVC),
        Err(Win32Error::SERVICE_DEPENDENCY_FAIL)
    );
    let last = pc.log().records().last().unwrap().entry;
    assert_eq!(
        last,
        Entry::DependencyFailed {
            service: ServiceId::APPIDSVC,
            dependency: ServiceId::CRYPTSVC,
            error: Win32Error::SERVICE_DISABLED
        }
    );
}

#[test]
fn stop_with_dependents_stops_them_first() {
    let mut pc = Pc::default();
    pc.start_service(ServiceId::APPIDSVC).unwrap();
    settle(&mut pc);
    pc.stop_service(ServiceId::CRYPTSVC, true).unwrap();
    settle(&mut pc);
    assert_eq!(pc.scm().state(ServiceId::CRYPTSVC), ServiceState::Stopped);
    assert_eq!(pc.scm().state(ServiceId::APPIDSVC), ServiceState::Stopped);
    let stops: Vec<ServiceId> = pc
        .log()
        .records()
        .iter()
        .filter(|r| matches!(r.entry, Entry::ServiceStateChanged { running: false, .. }))
        .filter_map(|r| r.entry.service())
        .collect();
    assert_eq!(stops, [ServiceId::APPIDSVC, ServiceId::CRYPTSVC]);
}

#[test]
fn restart_stops_then_starts() {
    let mut pc = Pc::default();
    pc.restart_service(ServiceId::USOSVC, false).unwrap();
    assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::StopPending);
    settle(&mut pc);
    assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Running);
    assert_eq!(ids(&pc), [7036, 7036]);
}

#[test]
fn start_type_change_writes_7040_only_when_it_changes() {
    let mut pc = Pc::default();
    pc.set_start_type(WU, StartType::Manual).unwrap();
    assert!(pc.log().is_empty());
    pc.set_start_type(WU, StartType::Disabled).unwrap();
    assert_eq!(ids(&pc), [7040]);
    assert_eq!(pc.scm().status(WU).start_type, StartType::Disabled);
}

#[test]
fn a_hung_start_times_out_with_1053() {
    let mut pc = Pc::default();
    pc.hang_service(WU);
    pc.start_service(WU).unwrap();
    pc.run_for(SimDuration::from_secs(29));
    assert_eq!(pc.scm().state(WU), ServiceState::StartPending);
    pc.run_for(SimDuration::from_secs(2));
    assert_eq!(pc.scm().state(WU), ServiceState::Stopped);
    assert_eq!(ids(&pc), [7009, 7000]);
    assert_eq!(
        pc.scm().status(WU).exit_code,
        Win32Error::SERVICE_REQUEST_TIMEOUT
    );
}

#[test]
fn a_hung_stop_stays_stop_pending_until_reboot() {
    let mut pc = Pc::default();
    pc.start_service(WU).unwrap();
    settle(&mut pc);
    pc.hang_service(WU);
    pc.stop_service(WU, false).unwrap();
    pc.run_for(SimDuration::from_mins(5));
    assert_eq!(pc.scm().state(WU), ServiceState::StopPending);
    assert_eq!(ids(&pc), [7036, 7011]);
    assert_eq!(
        pc.start_service(WU),
        Err(Win32Error::SERVICE_CANNOT_ACCEPT_CTRL)
    );
    pc.reboot();
    assert_eq!(pc.scm().state(WU), ServiceState::Stopped);
    pc.start_service(WU).unwrap();
    settle(&mut pc);
    assert_eq!(pc.scm().state(WU), ServiceState::Running);
}

#[test]
fn a_crash_writes_7034_without_recovery_and_7031_with_it() {
    let mut pc = Pc::default();
    assert!(pc.crash_service(ServiceId::USOSVC));
    assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Stopped);
    assert_eq!(ids(&pc), [7034]);
    assert!(
        !pc.crash_service(ServiceId::USOSVC),
        "nothing left to crash"
    );

    let restart = Recovery {
        first: RecoveryAction::Restart { delay_ms: 60_000 },
        second: RecoveryAction::Restart { delay_ms: 60_000 },
        subsequent: RecoveryAction::None,
        reset_after_ms: 86_400_000,
    };
    let mut pc = Pc::builder().recovery(ServiceId::USOSVC, restart).build();
    pc.crash_service(ServiceId::USOSVC);
    assert_eq!(ids(&pc), [7031]);
    pc.run_for(SimDuration::from_secs(59));
    assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Stopped);
    pc.run_for(SimDuration::from_secs(5));
    assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Running);
    pc.crash_service(ServiceId::USOSVC);
    pc.run_for(SimDuration::from_mins(2));
    pc.crash_service(ServiceId::USOSVC);
    let counts: Vec<(u16, u8)> = pc
        .log()
        .records()
        .iter()
        .filter_map(|r| match r.entry {
            Entry::TerminatedUnexpectedly { count, .. } => Some((r.entry.id(), count)),
            _ => None,
        })
        .collect();
    assert_eq!(counts, [(7031, 1), (7031, 2), (7034, 3)]);
}

#[test]
fn a_crash_stops_the_services_that_depend_on_it() {
    let mut pc = Pc::default();
    pc.start_service(ServiceId::APPIDSVC).unwrap();
    settle(&mut pc);
    pc.crash_service(ServiceId::CRYPTSVC);
    assert_eq!(pc.scm().state(ServiceId::APPIDSVC), ServiceState::Stopped);
}

#[test]
fn a_service_disabled_while_starting_never_runs() {
    let mut pc = Pc::default();
    pc.start_service(WU).unwrap();
    pc.set_start_type(WU, StartType::Disabled).unwrap();
    settle(&mut pc);
    assert_eq!(pc.scm().state(WU), ServiceState::Stopped);
    assert_eq!(ids(&pc), [7040, 7000]);
}

#[test]
fn failing_with_an_error_writes_7023() {
    let mut pc = Pc::default();
    assert!(pc.fail_service(ServiceId::USOSVC, Win32Error(1067)));
    assert_eq!(ids(&pc), [7023]);
}

#[test]
fn idle_stop_is_a_clean_stop() {
    let mut pc = Pc::default();
    pc.start_service(WU).unwrap();
    settle(&mut pc);
    let mut sim = crate::engine::Sim::<crate::pc::Event>::new(0);
    let mut scm = pc.scm().clone();
    let mut log = pc.log().clone();
    assert!(scm.idle_stop(WU, &mut sim, &mut log));
    assert_eq!(scm.state(WU), ServiceState::Stopped);
    assert_eq!(scm.status(WU).exit_code, Win32Error(0));
}
