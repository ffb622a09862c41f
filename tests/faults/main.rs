//! One test per fault: a default PC breaks, shows the symptom (the error code in the event
//! log and on the Settings page), takes the documented remedy, and after a scan, download,
//! install and restart is healthy and up to date — or, for faults no remedy on the PC fixes,
//! shows exactly why.

#[path = "../common/mod.rs"]
mod common;

use common::*;
use wusim::engine::SimDuration;
use wusim::eventlog::Entry;
use wusim::fault::Fault;
use wusim::orchestrator::CheckOutcome;
use wusim::pc::Pc;
use wusim::remedy::FindingStatus;
use wusim::scm::{ServiceId, ServiceState};
use wusim::settings::{SettingsPage, UpdateStatus};
use wusim::update::ServerBehavior;
use wusim::update::applicability::{Applicability, NotApplicable, evaluate};
use wusim::update::default_catalog::FEATURE_24H2;

fn broken(fault: Fault) -> Pc {
    let mut pc = Pc::builder().seed(7).build();
    pc.inject(fault);
    pc
}

/// The common shape: the symptom after "Check for updates", then the remedy, then a cycle.
fn shows_code_then_heals(fault: Fault) {
    let code = fault.symptom().expect("this fault shows a code").0;
    let mut pc = broken(fault);
    check_and_wait(&mut pc);
    assert_symptom(&pc, code);
    assert!(!pc.device().has_installed(JUNE_LCU));
    assert!(apply_remedy(&mut pc, fault));
    update_cycle(&mut pc);
    assert_up_to_date(&pc);
}

#[test]
fn wuauserv_disabled_shows_0x80070422_until_re_enabled() {
    shows_code_then_heals(Fault::ServiceDisabled {
        service: ServiceId::WUAUSERV,
    });
}

#[test]
fn bits_disabled_shows_0x80246008() {
    shows_code_then_heals(Fault::ServiceDisabled {
        service: ServiceId::BITS,
    });
}

#[test]
fn cryptsvc_disabled_fails_the_install_with_0x80242006() {
    shows_code_then_heals(Fault::ServiceDisabled {
        service: ServiceId::CRYPTSVC,
    });
}

#[test]
fn bits_hung_times_out_and_only_a_restart_of_the_pc_helps() {
    let fault = Fault::ServiceHung {
        service: ServiceId::BITS,
    };
    let mut pc = broken(fault);
    check_and_wait(&mut pc);
    assert_symptom(&pc, 0x8024_6008);
    let ids: Vec<u16> = pc.log().records().iter().map(|r| r.entry.id()).collect();
    assert!(ids.contains(&7009) && ids.contains(&7000), "{ids:?}");
    // Checking again, or restarting the update services, does not clear the hang.
    let _ = pc.restart_service(ServiceId::WUAUSERV, true);
    check_and_wait(&mut pc);
    assert!(!pc.device().has_installed(JUNE_LCU));
    assert_eq!(SettingsPage::of(&pc).error.map(|e| e.0), Some(0x8024_6008));
    assert!(apply_remedy(&mut pc, fault));
    update_cycle(&mut pc);
    assert_up_to_date(&pc);
}

#[test]
fn a_stopped_orchestrator_is_started_on_demand_by_settings_and_its_scan_task() {
    let fault = Fault::ServiceStopped {
        service: ServiceId::USOSVC,
    };
    // Check for updates reaches it over COM, which starts it (wusim's assumption, reference
    // §7a): the check is taken up once it runs.
    let mut pc = broken(fault);
    pc.run_for(SimDuration::from_secs(10));
    assert_eq!(pc.check_for_updates(), CheckOutcome::Scanning);
    assert_eq!(SettingsPage::of(&pc).status, UpdateStatus::Checking);
    pc.run_for(SimDuration::from_hours(2));
    assert!(pc.device().pending_restart(), "{}", SettingsPage::of(&pc));
    // Untouched, the daily scan task wakes it within a day.
    let mut pc = broken(fault);
    pc.run_for(SimDuration::from_days(1));
    assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Running);
    assert!(pc.agent().last_checked.is_some());
}

#[test]
fn a_disabled_orchestrator_means_no_scans_and_something_went_wrong() {
    let fault = Fault::ServiceDisabled {
        service: ServiceId::USOSVC,
    };
    let mut pc = broken(fault);
    pc.run_for(SimDuration::from_secs(10));
    assert_eq!(pc.check_for_updates(), CheckOutcome::NotTaken);
    assert_eq!(
        SettingsPage::of(&pc).status,
        UpdateStatus::SomethingWentWrong
    );
    // Days pass and the latest update never shows up.
    pc.run_for(SimDuration::from_days(3));
    assert!(!pc.device().has_installed(JUNE_LCU));
    assert!(pc.agent().offered(pc.world()).is_empty());
    // Its default start type back, and started: it scans a few minutes later.
    assert!(apply_remedy(&mut pc, fault));
    pc.run_for(SimDuration::from_hours(2));
    assert!(pc.device().pending_restart(), "{}", SettingsPage::of(&pc));
    pc.reboot();
    pc.run_for(SimDuration::from_mins(15));
    assert_up_to_date(&pc);
}

#[test]
fn a_running_service_set_to_disabled_stops_for_good_at_the_next_restart() {
    let fault = Fault::SetToDisabled {
        service: ServiceId::USOSVC,
    };
    let mut pc = broken(fault);
    assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Running);
    pc.reboot();
    pc.run_for(SimDuration::from_mins(10));
    assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Stopped);
    assert_eq!(pc.check_for_updates(), CheckOutcome::NotTaken);
    assert!(apply_remedy(&mut pc, fault));
    update_cycle(&mut pc);
    assert_up_to_date(&pc);
}

#[test]
fn usosvc_crashed_writes_7034_and_starting_it_heals() {
    let fault = Fault::ServiceCrashed {
        service: ServiceId::USOSVC,
    };
    let pc = broken(fault);
    assert!(pc.log().records().iter().any(|r| r.entry.id() == 7034));
    let mut pc = pc;
    assert!(apply_remedy(&mut pc, fault));
    update_cycle(&mut pc);
    assert_up_to_date(&pc);
}

#[test]
fn usosvc_wedged_leaves_settings_checking_until_restarted() {
    let fault = Fault::ServiceWedged {
        service: ServiceId::USOSVC,
    };
    let mut pc = broken(fault);
    assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Running);
    assert_eq!(pc.check_for_updates(), CheckOutcome::NotTaken);
    pc.run_for(SimDuration::from_days(2));
    assert_eq!(SettingsPage::of(&pc).status, UpdateStatus::Checking);
    assert!(!pc.device().has_installed(JUNE_LCU));
    assert!(apply_remedy(&mut pc, fault));
    update_cycle(&mut pc);
    assert_up_to_date(&pc);
}

#[test]
fn wuauserv_wedged_hangs_the_scan_and_a_restart_fails_it_with_0x8024001e() {
    let fault = Fault::ServiceWedged {
        service: ServiceId::WUAUSERV,
    };
    let mut pc = broken(fault);
    check_and_wait(&mut pc);
    assert_eq!(SettingsPage::of(&pc).status, UpdateStatus::Checking);
    assert!(apply_remedy(&mut pc, fault));
    assert_symptom(&pc, 0x8024_001E);
    update_cycle(&mut pc);
    assert_up_to_date(&pc);
}

#[test]
fn a_wedged_windows_update_is_stuck_in_a_scan_nobody_asked_for_since() {
    let fault = Fault::ServiceWedged {
        service: ServiceId::WUAUSERV,
    };
    let mut pc = broken(fault);
    pc.run_for(SimDuration::from_hours(1));
    assert!(!pc.agent().is_idle(), "the scan it hangs in");
    assert!(apply_remedy(&mut pc, fault));
    assert_symptom(&pc, 0x8024_001E);
}

#[test]
fn wuauserv_crash_loop_until_the_data_store_is_reset() {
    let fault = Fault::WuauservCrashLoop;
    let mut pc = broken(fault);
    check_and_wait(&mut pc);
    assert_symptom(&pc, 0x8024_001E);
    assert!(pc.log().records().iter().any(|r| r.entry.id() == 7034));
    // Restarting the service does not help: it crashes again on the next scan.
    pc.start_service(ServiceId::WUAUSERV).unwrap();
    check_and_wait(&mut pc);
    let crashes = pc
        .log()
        .records()
        .iter()
        .filter(|r| r.entry.id() == 7034)
        .count();
    assert_eq!(crashes, 2);
    assert!(apply_remedy(&mut pc, fault));
    update_cycle(&mut pc);
    assert_up_to_date(&pc);
}

#[test]
fn corrupt_download_cache() {
    shows_code_then_heals(Fault::CorruptDownloadCache);
}

#[test]
fn corrupt_data_store() {
    shows_code_then_heals(Fault::CorruptDatastore);
}

#[test]
fn corrupt_catroot2() {
    shows_code_then_heals(Fault::CorruptCatroot2);
}

#[test]
fn corrupt_component_store() {
    shows_code_then_heals(Fault::CorruptComponentStore);
}

#[test]
fn no_network() {
    shows_code_then_heals(Fault::NetworkOffline);
}

#[test]
fn a_wrong_winhttp_proxy() {
    shows_code_then_heals(Fault::BrokenProxy);
}

#[test]
fn clock_skew_breaks_tls() {
    shows_code_then_heals(Fault::ClockSkew { days: -400 });
}

#[test]
fn disk_full() {
    shows_code_then_heals(Fault::DiskFull);
}

#[test]
fn a_pending_restart_blocks_further_installs() {
    shows_code_then_heals(Fault::PendingRestart);
}

#[test]
fn server_faults_show_their_code_and_no_restart_fixes_them() {
    for behavior in SERVER_FAULTS {
        let fault = Fault::Server { behavior };
        let code = fault.symptom().unwrap().0;
        let mut pc = broken(fault);
        check_and_wait(&mut pc);
        assert_symptom(&pc, code);
        // Restarting services and the PC changes nothing.
        for s in [ServiceId::USOSVC, ServiceId::WUAUSERV] {
            let _ = pc.restart_service(s, true);
        }
        update_cycle(&mut pc);
        assert!(!pc.device().has_installed(JUNE_LCU), "{behavior:?}");
        assert!(!apply_remedy(&mut pc, fault));
        // Once the server recovers, the next check works.
        pc.inject(Fault::Server {
            behavior: ServerBehavior::Reachable,
        });
        update_cycle(&mut pc);
        assert_up_to_date(&pc);
    }
}

#[test]
fn a_slow_server_still_delivers() {
    let mut pc = broken(Fault::Server {
        behavior: ServerBehavior::Slow,
    });
    update_cycle(&mut pc);
    assert_up_to_date(&pc);
}

#[test]
fn an_incompatible_pc_is_told_why_and_still_gets_quality_updates() {
    let mut pc = broken(Fault::IncompatibleDevice);
    update_cycle(&mut pc);
    assert_up_to_date(&pc);
    let catalog = pc.server().catalog();
    let verdict = evaluate(catalog.get(FEATURE_24H2).unwrap(), pc.device(), catalog);
    let Applicability::NotApplicable {
        reason: NotApplicable::HardwareRequirements { missing },
    } = verdict
    else {
        panic!("{verdict:?}");
    };
    assert!(missing.iter().any(|m| m.contains("TPM 2.0")), "{missing:?}");
    assert!(!apply_remedy(&mut pc, Fault::IncompatibleDevice));
    assert!(!pc.agent().offered(pc.world()).contains(&FEATURE_24H2));
}

#[test]
fn a_windows_10_pc_that_is_not_eligible_sees_the_notice() {
    let mut device = wusim::device::Device::default();
    device.os.version = wusim::device::WindowsVersion::Windows10_22H2;
    device.os.revision = 5854;
    let mut pc = Pc::builder().seed(3).device(device).build();
    pc.inject(Fault::IncompatibleDevice);
    update_cycle(&mut pc);
    assert!(pc.device().has_installed(5_060_533));
    let page = SettingsPage::of(&pc);
    assert!(
        page.notes
            .iter()
            .any(|n| n
                == "This PC doesn't currently meet all the system requirements for Windows 11"),
        "{page}"
    );
}

#[test]
fn a_safeguard_hold_keeps_the_feature_update_away() {
    let mut pc = broken(Fault::SafeguardHold { id: 56_318_982 });
    update_cycle(&mut pc);
    assert_up_to_date(&pc);
    let page = SettingsPage::of(&pc);
    assert!(
        page.notes
            .iter()
            .any(|n| n.starts_with("The Windows 11, version 24H2 update is on its way.")),
        "{page}"
    );
    assert!(!pc.agent().offered(pc.world()).contains(&FEATURE_24H2));
}

#[test]
fn a_fault_can_strike_later() {
    let mut pc = Pc::builder().seed(9).build();
    pc.inject_at(
        wusim::engine::SimTime::from_millis(3_600_000),
        Fault::ServiceCrashed {
            service: ServiceId::USOSVC,
        },
    );
    pc.run_for(SimDuration::from_mins(59));
    assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Running);
    pc.run_for(SimDuration::from_mins(2));
    assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Stopped);
    let crash = pc
        .log()
        .records()
        .iter()
        .find(|r| matches!(r.entry, Entry::TerminatedUnexpectedly { .. }))
        .unwrap();
    assert_eq!(crash.time.as_millis(), 3_600_000);
}

#[test]
fn every_example_fault_is_covered_by_a_remedy_or_explained() {
    for fault in Fault::examples() {
        assert!(!fault.remedy().is_empty());
        if let Some(code) = fault.symptom() {
            assert!(
                code.info().is_some(),
                "{fault:?}: wusim explain must know {code}"
            );
        }
    }
}

#[test]
fn the_troubleshooter_resets_the_store_even_when_the_services_it_starts_grab_it() {
    // A disabled Orchestrator with a check waiting: when the troubleshooter starts it, it
    // starts Windows Update, which opens SoftwareDistribution before the reset.
    let mut pc = broken(Fault::ServiceDisabled {
        service: ServiceId::USOSVC,
    });
    pc.inject(Fault::CorruptDatastore);
    pc.run_for(SimDuration::from_secs(10));
    assert_eq!(pc.check_for_updates(), CheckOutcome::NotTaken);
    let findings = pc.troubleshoot();
    let database = findings
        .iter()
        .find(|f| f.problem == "Potential Windows Update Database error detected")
        .expect("the damaged data store is found");
    assert_eq!(database.status, FindingStatus::Fixed, "{findings:?}");
    update_cycle(&mut pc);
    assert_up_to_date(&pc);
}

#[test]
fn something_went_wrong_is_all_the_page_shows() {
    let mut pc = Pc::builder().seed(7).build();
    pc.check_for_updates();
    pc.run_for(SimDuration::from_mins(5));
    assert!(
        !SettingsPage::of(&pc).updates.is_empty(),
        "the scan found updates"
    );
    pc.inject(Fault::ServiceDisabled {
        service: ServiceId::USOSVC,
    });
    pc.run_for(SimDuration::from_secs(10));
    pc.check_for_updates();
    let page = SettingsPage::of(&pc);
    assert_eq!(page.status, UpdateStatus::SomethingWentWrong);
    assert!(page.updates.is_empty() && page.notes.is_empty(), "{page}");
}

#[test]
fn every_fault_kind_is_named_as_the_scenario_format_names_it() {
    let mut seen = Vec::new();
    for fault in Fault::examples() {
        let json = serde_json::to_value(fault).unwrap();
        assert_eq!(json["kind"], fault.kind(), "{fault:?}");
        seen.push(fault.kind());
    }
    for kind in wusim::fault::KINDS {
        assert!(seen.contains(&kind), "no example of {kind}");
    }
    assert!(
        !Fault::Server {
            behavior: ServerBehavior::Throttling
        }
        .is_fixable()
    );
    assert!(Fault::CorruptCatroot2.is_fixable());
}
