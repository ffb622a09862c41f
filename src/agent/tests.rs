//! The agent against a mocked update server (one test per server behaviour), and the
//! healthy scan-to-restart cycle on a default PC.

use std::sync::Arc;

use super::*;
use crate::device::Device;
use crate::engine::SimDuration;
use crate::pc::Pc;
use crate::settings::{SettingsPage, UpdateStatus};
use crate::update::ServerBehavior;
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
    let offered = scan(
        DbHealth::Healthy,
        &Device::default(),
        &UpdatePolicy::default(),
        &server,
        PATCH_TUESDAY_DAY,
    )
    .unwrap();
    assert_eq!(offered.len(), 3);
    assert!(offered.contains(&UpdateId(5_060_999)));
}

/// 10 June 2025, the default start, as a day number.
const PATCH_TUESDAY_DAY: i64 = 20_249;

fn offered_on(day: i64, policy: &UpdatePolicy) -> Vec<UpdateId> {
    let mut server = MockUpdateServer::new();
    server
        .expect_sync()
        .returning(|| Ok(Arc::new(default_catalog())));
    scan(DbHealth::Healthy, &Device::default(), policy, &server, day).unwrap()
}

#[test]
fn an_update_is_offered_from_its_release_day_and_its_predecessor_until_then() {
    assert_eq!(
        wusim_day(2025, 6, 10),
        PATCH_TUESDAY_DAY,
        "the constant is the default start's day"
    );
    let june = UpdateId(5_060_999);
    assert!(offered_on(PATCH_TUESDAY_DAY, &UpdatePolicy::default()).contains(&june));
    // The day before, June's update is not published: nothing new for a PC on May's.
    let before = offered_on(PATCH_TUESDAY_DAY - 1, &UpdatePolicy::default());
    assert!(!before.contains(&june), "{before:?}");
}

#[test]
fn a_quality_deferral_holds_the_offer_for_its_days_and_a_pause_for_35() {
    let june = UpdateId(5_060_999);
    let deferred = UpdatePolicy {
        quality_deferral_days: 7,
        ..UpdatePolicy::default()
    };
    for day in 0..7 {
        assert!(
            !offered_on(PATCH_TUESDAY_DAY + day, &deferred).contains(&june),
            "day {day}"
        );
    }
    assert!(offered_on(PATCH_TUESDAY_DAY + 7, &deferred).contains(&june));
    let paused = UpdatePolicy {
        quality_paused_from: Some(PATCH_TUESDAY_DAY - 1),
        ..UpdatePolicy::default()
    };
    assert!(!offered_on(PATCH_TUESDAY_DAY + 33, &paused).contains(&june));
    assert!(
        offered_on(PATCH_TUESDAY_DAY + 34, &paused).contains(&june),
        "35 days, then it expires"
    );
    // Neither holds the Defender definitions back.
    assert!(offered_on(PATCH_TUESDAY_DAY, &deferred).contains(&UpdateId(2_267_602)));
}

fn wusim_day(year: i32, month: u8, day: u8) -> i64 {
    crate::engine::CivilDateTime::new(year, month, day, 0, 0, 0)
        .unwrap()
        .day_number()
}

#[test]
fn a_server_refusal_fails_the_scan_with_its_code_and_blocks_until_the_next_scan() {
    for behavior in [
        ServerBehavior::Unreachable,
        ServerBehavior::Throttling,
        ServerBehavior::TimingOut,
    ] {
        let code = behavior.refusal().expect("a refusing behaviour");
        let mut pc = Pc::builder().seed(4).server_behavior(behavior).build();
        pc.check_for_updates();
        pc.run_for(SimDuration::from_mins(3));
        assert_eq!(pc.agent().last_error, Some(code), "{behavior:?}");
        assert_eq!(ids(&pc).last(), Some(&25), "scan failure logged");
        assert!(pc.orchestrator().blocked);
        assert_eq!(SettingsPage::of(&pc).error, Some(code));
    }
}

#[test]
fn the_device_is_checked_before_the_server_is_asked() {
    type Breaks = fn(&mut Device);
    let cases: [(Breaks, HResult); 3] = [
        (|d| d.network.online = false, HResult::WU_E_NO_CONNECTION),
        (
            |d| d.network.proxy = WinHttpProxy::Broken,
            HResult::WU_E_PT_WINHTTP_NAME_NOT_RESOLVED,
        ),
        (
            |d| d.clock_offset_secs = -400 * 86_400,
            HResult::ERROR_WINHTTP_SECURE_FAILURE,
        ),
    ];
    for (breaks, code) in cases {
        let mut device = Device::default();
        breaks(&mut device);
        let mut server = MockUpdateServer::new();
        server.expect_sync().times(0);
        server.expect_download().times(0);
        assert_eq!(
            scan(
                DbHealth::Healthy,
                &device,
                &UpdatePolicy::default(),
                &server,
                PATCH_TUESDAY_DAY
            ),
            Err(code)
        );
        assert_eq!(
            request_download(&device, &UpdatePolicy::default(), &server, UpdateId(1)),
            Err(code)
        );
    }
    // An unreadable data store fails the scan before the network is tried.
    let mut server = MockUpdateServer::new();
    server.expect_sync().times(0);
    assert_eq!(
        scan(
            DbHealth::Corrupt,
            &Device::default(),
            &UpdatePolicy::default(),
            &server,
            PATCH_TUESDAY_DAY
        ),
        Err(HResult::WU_E_PT_INVALID_FORMAT)
    );
}

#[test]
fn a_corrupt_transfer_fails_its_hash_check_and_keeps_nothing() {
    let mut pc = Pc::builder()
        .seed(5)
        .server_behavior(ServerBehavior::CorruptPayload)
        .build();
    pc.check_for_updates();
    pc.run_for(SimDuration::from_hours(1));
    assert_eq!(pc.agent().last_error, Some(HResult::ERROR_INVALID_DATA));
    assert_eq!(pc.world().payloads().len(), 0, "nothing kept in the cache");
    assert_eq!(ids(&pc).last(), Some(&31));
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
    assert_eq!(pc.agent().last_error, Some(HResult::WU_E_SERVICE_STOP));
    // What was downloaded stays in the download cache, and the next attempt resumes there.
    let kept = pc.world().payload_bytes(UpdateId(5_060_999));
    assert!(kept > 0 && kept < 302 * MB, "{kept}");
    assert_eq!(ids(&pc).last(), Some(&31));
    pc.run_for(SimDuration::from_secs(10));
    pc.start_download_now();
    pc.run_for(SimDuration::from_secs(2));
    match pc.agent().job {
        Job::Downloading {
            update, from_mb, ..
        } => {
            assert_eq!(update, UpdateId(5_060_999));
            assert_eq!(u64::from(from_mb), kept / MB);
        }
        other => panic!("not resuming: {other:?}"),
    }
}
