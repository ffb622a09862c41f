//! Shared test harness: a healthy update cycle, and each fault's documented remedy as
//! operations on a `Pc`.
#![allow(dead_code, unreachable_pub)] // each test binary uses part of it

use wusim::engine::SimDuration;
use wusim::fault::Fault;
use wusim::pc::Pc;
use wusim::remedy::{self, Folder, RepairSource};
use wusim::scm::ServiceId;
use wusim::settings::{SettingsPage, UpdateStatus};
use wusim::update::ServerBehavior;
use wusim::world::files;

/// This month's cumulative update for the default PC (Windows 11 23H2).
pub const JUNE_LCU: u32 = 5_060_999;

/// Presses "Check for updates" and lets two hours pass: enough to scan, download and install.
pub fn check_and_wait(pc: &mut Pc) {
    pc.check_for_updates();
    pc.run_for(SimDuration::from_hours(2));
}

/// A full cycle: check, let the updates install, restart, let the PC settle.
pub fn update_cycle(pc: &mut Pc) {
    check_and_wait(pc);
    pc.reboot();
    pc.run_for(SimDuration::from_mins(15));
}

/// The PC is healthy and up to date: this month's update installed, nothing pending, no
/// error on the Settings page.
pub fn assert_up_to_date(pc: &Pc) {
    let page = SettingsPage::of(pc);
    assert!(
        pc.device().has_installed(JUNE_LCU),
        "KB{JUNE_LCU} is not installed:\n{page}"
    );
    assert!(
        !pc.device().pending_restart(),
        "a restart is pending:\n{page}"
    );
    assert_eq!(page.status, UpdateStatus::UpToDate, "{page}");
    assert_eq!(page.error, None);
}

/// The error code appears in the event log and, unless `log_only`, on the Settings page.
pub fn assert_symptom(pc: &Pc, code: u32) {
    let in_log = pc
        .log()
        .records()
        .iter()
        .any(|r| r.entry.error().is_some_and(|e| e.0 == code));
    assert!(in_log, "0x{code:08X} is not in the event log");
    let page = SettingsPage::of(pc);
    assert_eq!(page.error.map(|e| e.0), Some(code), "{page}");
}

fn restart_update_services(pc: &mut Pc) {
    for s in [ServiceId::WUAUSERV, ServiceId::BITS] {
        let _ = pc.stop_service(s, true);
    }
    pc.run_for(SimDuration::from_secs(10));
}

fn start(pc: &mut Pc, s: ServiceId) {
    let _ = pc.start_service(s);
    pc.run_for(SimDuration::from_secs(10));
}

/// Stops wuauserv and BITS, renames SoftwareDistribution, starts them again.
pub fn reset_software_distribution(pc: &mut Pc) {
    restart_update_services(pc);
    let sd = Folder::SoftwareDistribution.path();
    pc.act(|w| files::rename(w, sd, "SoftwareDistribution.old"))
        .expect("the folder is free once the services are stopped");
    start(pc, ServiceId::BITS);
    start(pc, ServiceId::WUAUSERV);
}

/// Applies the documented remedy for `fault`. Returns false for faults that no remedy on the
/// PC fixes (the server, an incompatible PC, a safeguard hold).
pub fn apply_remedy(pc: &mut Pc, fault: Fault) -> bool {
    match fault {
        Fault::ServiceStopped { service } | Fault::ServiceCrashed { service } => start(pc, service),
        Fault::ServiceDisabled { service } | Fault::SetToDisabled { service } => {
            pc.set_start_type(service, service.spec().default_start)
                .unwrap();
            start(pc, service);
        }
        Fault::ServiceHung { .. } | Fault::PendingRestart => {
            pc.reboot();
            pc.run_for(SimDuration::from_mins(5));
        }
        Fault::ServiceWedged { service } => {
            pc.restart_service(service, true).unwrap();
            pc.run_for(SimDuration::from_secs(10));
        }
        Fault::WuauservCrashLoop | Fault::CorruptDatastore | Fault::CorruptDownloadCache => {
            reset_software_distribution(pc);
        }
        Fault::CorruptCatroot2 => {
            pc.stop_service(ServiceId::CRYPTSVC, true).unwrap();
            pc.run_for(SimDuration::from_secs(10));
            let catroot2 = Folder::Catroot2.path();
            pc.act(|w| files::rename(w, catroot2, "catroot2.old"))
                .unwrap();
            start(pc, ServiceId::CRYPTSVC);
        }
        Fault::CorruptComponentStore => {
            pc.run_for(remedy::DISM_RESTORE_TIME);
            pc.act(|w| remedy::restore_health(w, RepairSource::WindowsUpdate))
                .unwrap();
            pc.run_for(remedy::SFC_TIME);
            pc.reboot();
            pc.run_for(SimDuration::from_mins(5));
        }
        Fault::NetworkOffline => pc.act(remedy::reconnect_network),
        Fault::BrokenProxy => pc.act(remedy::reset_winhttp_proxy),
        Fault::ClockSkew { .. } => {
            // A clock far off is beyond what a plain resync corrects: force it.
            start(pc, ServiceId::W32TIME);
            pc.act(|w| remedy::resync_time(w, true)).unwrap();
        }
        Fault::DiskFull => {
            pc.act(remedy::disk_cleanup);
        }
        Fault::Server { .. } | Fault::IncompatibleDevice | Fault::SafeguardHold { .. } => {
            return false;
        }
    }
    true
}

/// The server misbehaviours.
pub const SERVER_FAULTS: [ServerBehavior; 4] = [
    ServerBehavior::Unreachable,
    ServerBehavior::Throttling,
    ServerBehavior::TimingOut,
    ServerBehavior::CorruptPayload,
];
