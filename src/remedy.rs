//! Remedies: what a technician does to a broken PC, as operations on the [`World`].
//!
//! Service controls are the SCM's ([`crate::scm`]) and file operations are
//! [`crate::world::files`]'s; this module holds the rest of the toolbox: resetting the WinHTTP
//! proxy, resyncing or setting the clock, Disk Cleanup, DISM and SFC, and the Windows Update
//! troubleshooter's steps. Each acts at once and returns what the real tool would report, as
//! data; the time a tool takes is passed by its caller (the [`durations`](DISM_RESTORE_TIME)
//! are here), and the practice shell turns the result into the tool's text.

use serde::Serialize;

use crate::device::{Health, WinHttpProxy};
use crate::engine::SimDuration;
use crate::scm::{ScmEvent, ServiceId, ServiceState};
use crate::win32::HResult;
use crate::world::default_fs::{
    CATDB, CATROOT2, DATASTORE_EDB, DOWNLOAD, SOFTWARE_DISTRIBUTION, TEMP_FOLDERS,
};
use crate::world::fs::DbHealth;
use crate::world::{World, path};

/// How long `DISM /Online /Cleanup-Image /RestoreHealth` takes.
pub const DISM_RESTORE_TIME: SimDuration = SimDuration::from_mins(15);
/// How long `sfc /scannow` takes.
pub const SFC_TIME: SimDuration = SimDuration::from_mins(10);
/// How long the troubleshooter takes after its fixes.
pub const TROUBLESHOOTER_TIME: SimDuration = SimDuration::from_mins(2);

/// The largest clock correction `w32tm /resync` makes without `/force`: 48 hours (a
/// simplification: Windows' limits are set in the registry and differ by edition and domain).
pub const MAX_RESYNC_SECS: i64 = 48 * 3_600;

/// A folder a Windows Update reset works on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Folder {
    /// `%windir%\SoftwareDistribution` (data store and download cache).
    SoftwareDistribution,
    /// `%windir%\System32\catroot2` (the catalog database).
    Catroot2,
}

impl Folder {
    /// Its full path.
    pub fn path(self) -> &'static str {
        match self {
            Folder::SoftwareDistribution => SOFTWARE_DISTRIBUTION,
            Folder::Catroot2 => CATROOT2,
        }
    }

    /// The reset folder a full path names exactly, if any.
    pub fn at(full: &str) -> Option<Folder> {
        [Folder::SoftwareDistribution, Folder::Catroot2]
            .into_iter()
            .find(|f| path::eq(f.path(), full))
    }
}

/// What `sfc /scannow` found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum SfcResult {
    /// Windows Resource Protection did not find any integrity violations.
    NoViolations,
    /// It found corrupt files and repaired them.
    Repaired,
    /// It found corrupt files but was unable to fix some of them.
    UnableToFix,
}

/// One line of the troubleshooter's report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The problem, as the troubleshooter names it.
    pub problem: String,
    /// `Fixed`, `Not fixed` or `Detected`.
    pub status: FindingStatus,
}

/// Whether the troubleshooter fixed a problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum FindingStatus {
    /// It fixed it.
    Fixed,
    /// It could not fix it.
    NotFixed,
    /// It found it and left it to the user.
    Detected,
}

impl FindingStatus {
    /// As the troubleshooter prints it.
    pub fn label(self) -> &'static str {
        match self {
            FindingStatus::Fixed => "Fixed",
            FindingStatus::NotFixed => "Not fixed",
            FindingStatus::Detected => "Detected",
        }
    }
}

/// The services the troubleshooter resets to their defaults.
pub const UPDATE_SERVICES: [ServiceId; 6] = [
    ServiceId::WUAUSERV,
    ServiceId::USOSVC,
    ServiceId::BITS,
    ServiceId::CRYPTSVC,
    ServiceId::TRUSTED_INSTALLER,
    ServiceId::DOSVC,
];

/// Plug the cable back in / reconnect Wi-Fi.
pub fn reconnect_network<E>(w: &mut World<E>) {
    w.device.network.online = true;
}

/// `netsh winhttp reset proxy`: direct access.
pub fn reset_winhttp_proxy<E>(w: &mut World<E>) {
    w.device.network.proxy = WinHttpProxy::Direct;
}

/// Why `w32tm /resync` did not set the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResyncError {
    /// Windows Time is not running (0x80070426, "The service has not been started").
    NotStarted,
    /// No time source answered (no network).
    NoTimeData,
    /// The correction is larger than Windows allows without `/force`.
    ChangeTooBig,
}

/// `w32tm /resync [/force]`: needs Windows Time running and a network; refuses a correction
/// larger than [`MAX_RESYNC_SECS`] unless forced.
pub fn resync_time<E>(w: &mut World<E>, force: bool) -> Result<(), ResyncError> {
    if w.scm.state(ServiceId::W32TIME) != ServiceState::Running {
        return Err(ResyncError::NotStarted);
    }
    if !w.device.network.connected() {
        return Err(ResyncError::NoTimeData);
    }
    if !force && w.device.clock_offset_secs.abs() > MAX_RESYNC_SECS {
        return Err(ResyncError::ChangeTooBig);
    }
    w.device.clock_offset_secs = 0;
    Ok(())
}

/// `date` / `time` / Settings: the PC's clock is set to `secs` (seconds since 1970, local).
pub fn set_clock<E>(w: &mut World<E>, secs: i64) {
    let true_now = w.start.plus(w.now().since(crate::engine::SimTime::ZERO));
    w.device.clock_offset_secs = secs - true_now.seconds_since_epoch();
}

/// Disk Cleanup's temporary files: empties the temporary folders; returns the bytes freed.
pub fn disk_cleanup<E>(w: &mut World<E>) -> u64 {
    let mut freed = 0;
    for folder in TEMP_FOLDERS {
        for file in w.fs.child_paths(folder) {
            freed += w.fs.remove_tree(&file);
        }
    }
    freed
}

/// Where `DISM /RestoreHealth` gets its repair files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepairSource<'a> {
    /// Windows Update (the default).
    WindowsUpdate,
    /// `/Source:<path>` with `/LimitAccess`: only that folder, which must exist.
    Folder(&'a str),
    /// `/Source:<path>` without `/LimitAccess`: that folder, then Windows Update.
    FolderThenWindowsUpdate(&'a str),
}

/// `DISM /Online /Cleanup-Image /RestoreHealth`: repairs the component store. The files come
/// from Windows Update unless a source is given; a source folder must exist on the PC (wusim
/// does not model what is inside it: an existing folder is taken as a good source). Without
/// a usable source it fails with 0x800F081F (the source files could not be found).
pub fn restore_health<E>(w: &mut World<E>, source: RepairSource<'_>) -> Result<(), HResult> {
    let windows_update = w.device.network.connected()
        && w.device.network.proxy != WinHttpProxy::Broken
        && w.server.behavior.refusal().is_none();
    let usable = match source {
        RepairSource::WindowsUpdate => windows_update,
        RepairSource::Folder(p) => w.fs.is_dir(p),
        RepairSource::FolderThenWindowsUpdate(p) => w.fs.is_dir(p) || windows_update,
    };
    if w.device.component_store == Health::Corrupt && !usable {
        return Err(HResult::CBS_E_SOURCE_MISSING);
    }
    w.device.component_store = Health::Healthy;
    Ok(())
}

/// `sfc /scannow`: checks system files against the component store. It cannot repair them
/// while the store itself is corrupt.
pub fn sfc_scannow<E>(w: &World<E>) -> SfcResult {
    if w.device.component_store == Health::Corrupt {
        SfcResult::UnableToFix
    } else {
        SfcResult::NoViolations
    }
}

/// The troubleshooter's first step: the update services back to their default start types,
/// stopped automatic ones started, wedged ones restarted; a hung one it cannot help.
pub fn troubleshoot_services<E: From<ScmEvent>>(w: &mut World<E>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut registration = false;
    for id in UPDATE_SERVICES {
        let default = id.spec().default_start;
        if w.scm.status(id).start_type != default {
            let _ = w.set_start_type(id, default);
            registration = true;
        }
    }
    if registration {
        findings.push(finding(
            "Service registration is missing or corrupt",
            FindingStatus::Fixed,
        ));
    }
    let mut restarted = false;
    for id in UPDATE_SERVICES {
        let status = *w.scm.status(id);
        if status.hung {
            // The troubleshooter cannot kill a hung service; a restart of the PC can.
            findings.push(finding(
                &format!("{} is not responding", id.display_name()),
                FindingStatus::NotFixed,
            ));
            continue;
        }
        let wedged = w.is_wedged(id);
        let World { scm, sim, log, .. } = w;
        if wedged {
            let _ = scm.restart(id, true, sim, log);
            restarted = true;
        } else if status.state == ServiceState::Stopped && id.spec().default_start.is_automatic() {
            let _ = scm.start(id, sim, log);
            restarted = true;
        }
    }
    if restarted {
        findings.push(finding(
            "Windows Update components must be repaired",
            FindingStatus::Fixed,
        ));
    }
    findings
}

/// The stores the troubleshooter would reset: the data store or download cache, and catroot2.
pub fn damaged_stores<E>(w: &World<E>) -> Vec<Folder> {
    let mut damaged = Vec::new();
    if w.datastore_health() != DbHealth::Healthy || w.download_cache_corrupt() {
        damaged.push(Folder::SoftwareDistribution);
    }
    if w.catalog_health() != DbHealth::Healthy {
        damaged.push(Folder::Catroot2);
    }
    damaged
}

/// The troubleshooter's reset of a store, once its services are stopped: it deletes the
/// damaged database and cache files (Windows makes new ones when the services start). Fails
/// while a service still holds the folder.
pub fn reset_store<E>(w: &mut World<E>, folder: Folder) -> FindingStatus {
    if w.in_use_by(folder.path()).is_some() {
        return FindingStatus::NotFixed;
    }
    match folder {
        Folder::SoftwareDistribution => {
            w.fs.remove_tree(DATASTORE_EDB);
            for file in w.fs.child_paths(DOWNLOAD) {
                w.fs.remove_tree(&file);
            }
        }
        Folder::Catroot2 => {
            w.fs.remove_tree(CATDB);
        }
    }
    FindingStatus::Fixed
}

/// What the troubleshooter reports but cannot fix: the component store, the network, the
/// proxy, the disk, a pending restart.
pub fn troubleshoot_rest<E>(w: &World<E>) -> Vec<Finding> {
    let mut findings = Vec::new();
    if w.device.component_store == Health::Corrupt {
        findings.push(finding(
            "Check for missing or corrupt files",
            FindingStatus::NotFixed,
        ));
    }
    if !w.device.network.connected() || w.device.network.proxy == WinHttpProxy::Broken {
        findings.push(finding(
            "Windows Update cannot connect to the update service",
            FindingStatus::NotFixed,
        ));
    }
    // Microsoft's 10 GB, in Windows' units (1 GB = 2^30 bytes).
    if w.disk_free_bytes() < 10 << 30 {
        findings.push(finding(
            "Not enough free disk space",
            FindingStatus::NotFixed,
        ));
    }
    if w.device.pending_restart() {
        findings.push(finding(
            "Restart your PC to finish installing updates",
            FindingStatus::Detected,
        ));
    }
    findings
}

/// The problem a store's reset fixes, as the troubleshooter names it.
pub fn store_problem(folder: Folder) -> &'static str {
    match folder {
        Folder::SoftwareDistribution => "Potential Windows Update Database error detected",
        Folder::Catroot2 => "Check for missing or corrupt files",
    }
}

/// A line of the troubleshooter's report.
pub fn finding(problem: &str, status: FindingStatus) -> Finding {
    Finding {
        problem: problem.to_string(),
        status,
    }
}
