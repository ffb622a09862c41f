//! The agent against a mocked update server (one test per server behaviour), and the
//! healthy scan-to-restart cycle on a default PC.

use std::sync::Arc;

use super::*;
use crate::device::Device;
use crate::engine::SimDuration;
use crate::settings::{SettingsPage, UpdateStatus};
use crate::update::default_catalog::default_catalog;
use crate::update::server::MockUpdateServer;

fn ids(pc: &Pc) -> Vec<u16> {
    pc.log().records().iter().map(|r| r.entry.id()).collect()
}

#[test]
fn scan_offers_what_applies_from_a_reachable_server() {
    let mut server = MockUpdateServer::new();
    server
        .expect_sync()
        .times(1)
        .returning(|| Ok(Arc::new(default_catalog())));
    let offered = scan(&Device::default(), &server).unwrap();
    assert_eq!(offered.len(), 3);
    assert!(offered.contains(&UpdateId(5_060_999)));
}

#[test]
fn scan_reports_each_server_refusal_unchanged() {
    for code in [0x8007_2EFD, 0x8024_4022, 0x8007_2EE2] {
        let mut server = MockUpdateServer::new();
        server
            .expect_sync()
            .times(1)
            .returning(move || Err(HResult(code)));
        assert_eq!(scan(&Device::default(), &server), Err(HResult(code)));
    }
}

#[test]
fn the_device_is_checked_before_the_server_is_asked() {
    type Breaks = fn(&mut Device);
    let cases: [(Breaks, HResult); 4] = [
        (
            |d| d.stores.datastore = Health::Corrupt,
            WU_E_PT_INVALID_FORMAT,
        ),
        (|d| d.network.online = false, WU_E_NO_CONNECTION),
        (
            |d| d.network.proxy = WinHttpProxy::Broken,
            WU_E_PT_WINHTTP_NAME_NOT_RESOLVED,
        ),
        (
            |d| d.clock_offset_secs = -400 * 86_400,
            ERROR_WINHTTP_SECURE_FAILURE,
        ),
    ];
    for (breaks, code) in cases {
        let mut device = Device::default();
        breaks(&mut device);
        let mut server = MockUpdateServer::new();
        server.expect_sync().times(0);
        server.expect_download().times(0);
        assert_eq!(scan(&device, &server), Err(code));
        if code != WU_E_PT_INVALID_FORMAT {
            assert_eq!(request_download(&device, &server, UpdateId(1)), Err(code));
        }
    }
}

#[test]
fn downloads_pass_slow_and_corrupt_transfers_through() {
    let mut server = MockUpdateServer::new();
    server
        .expect_download()
        .withf(|&id| id == UpdateId(5_060_999))
        .times(2)
        .returning(|_| {
            Ok(Transfer {
                size_mb: 302,
                speed_percent: 10,
                corrupt: true,
            })
        });
    let t = request_download(&Device::default(), &server, UpdateId(5_060_999)).unwrap();
    assert_eq!((t.speed_percent, t.corrupt), (10, true));
    assert!(request_download(&Device::default(), &server, UpdateId(5_060_999)).is_ok());
}

#[test]
fn a_healthy_cycle_scans_downloads_installs_and_restarts() {
    let mut pc = Pc::builder().seed(1).build();
    assert_eq!(
        pc.check_for_updates(),
        crate::orchestrator::CheckOutcome::Scanning
    );
    assert_eq!(SettingsPage::of(&pc).status, UpdateStatus::Checking);
    pc.run_for(SimDuration::from_mins(3));
    let page = SettingsPage::of(&pc);
    assert_eq!(page.status, UpdateStatus::UpdatesAvailable, "{page}");
    pc.run_for(SimDuration::from_hours(1));
    assert!(pc.device().pending_restart());
    assert!(
        pc.device().has_installed(2_267_602),
        "Defender needs no restart"
    );
    assert_eq!(SettingsPage::of(&pc).status, UpdateStatus::RestartRequired);
    // The Orchestrator restarts outside active hours (after 17:00).
    pc.run_for(SimDuration::from_hours(8));
    assert!(!pc.device().pending_restart());
    assert!(pc.device().has_installed(5_060_999));
    assert_eq!(pc.device().os.build_string(), "22631.5472");
    pc.run_for(SimDuration::from_mins(10));
    let page = SettingsPage::of(&pc);
    assert_eq!(page.status, UpdateStatus::UpToDate, "{page}");
    let log = ids(&pc);
    for id in [26, 44, 41, 43, 19, 21] {
        assert!(log.contains(&id), "event {id} missing from {log:?}");
    }
}

#[test]
fn an_interrupted_download_fails_with_service_stop_and_resumes() {
    let mut pc = Pc::builder().seed(2).build();
    pc.check_for_updates();
    // Run until a large download is under way.
    while !matches!(pc.agent().job, Job::Downloading { progress: Progress { working: Some(_), .. }, update, .. } if update == UpdateId(5_060_999))
    {
        assert!(pc.step(), "the download never started");
    }
    pc.run_for(SimDuration::from_secs(20));
    pc.stop_service(ServiceId::BITS, false).unwrap();
    assert_eq!(pc.agent().last_error, Some(WU_E_SERVICE_STOP));
    let partial = pc.agent().partial.clone();
    assert_eq!(partial.len(), 1);
    assert!(partial[0].1 > 0 && partial[0].1 < 302, "{partial:?}");
    assert_eq!(ids(&pc).last(), Some(&31));
}
