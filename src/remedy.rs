//! Remedies: what a technician does to a broken PC, as operations on the model.
//!
//! Service controls live on [`Pc`] already (start, stop, restart, start type). This module
//! adds the rest of the toolbox: renaming or deleting `SoftwareDistribution` and `catroot2`
//! (refused while the services holding them run, as on Windows), resetting the WinHTTP
//! proxy, resyncing the clock, Disk Cleanup, DISM and SFC, and the Windows Update
//! troubleshooter. Each returns what the real tool would report, as data; the practice shell
//! turns it into the tool's text.

use serde::Serialize;

use crate::agent::Job;
use crate::device::{Health, WinHttpProxy};
use crate::engine::SimDuration;
use crate::pc::Pc;
use crate::scm::{ServiceId, ServiceState, StartType};
use crate::win32::{HResult, Win32Error};

/// A folder Windows Update keeps its state in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Folder {
    /// `%windir%\SoftwareDistribution` (data store and download cache).
    SoftwareDistribution,
    /// `%windir%\System32\catroot2` (the catalog database).
    Catroot2,
}

impl Folder {
    /// The services that keep the folder open while they run.
    pub fn held_by(self) -> &'static [ServiceId] {
        match self {
            Folder::SoftwareDistribution => &[ServiceId::WUAUSERV, ServiceId::BITS],
            Folder::Catroot2 => &[ServiceId::CRYPTSVC],
        }
    }

    /// Its full path.
    pub fn path(self) -> &'static str {
        match self {
            Folder::SoftwareDistribution => r"C:\Windows\SoftwareDistribution",
            Folder::Catroot2 => r"C:\Windows\System32\catroot2",
        }
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
const UPDATE_SERVICES: [ServiceId; 6] = [
    ServiceId::WUAUSERV,
    ServiceId::USOSVC,
    ServiceId::BITS,
    ServiceId::CRYPTSVC,
    ServiceId::TRUSTED_INSTALLER,
    ServiceId::DOSVC,
];

impl Pc {
    /// `ren` / `Rename-Item` of a Windows Update folder: refused with error 32 (the file is
    /// in use) while a service holding it runs. Windows recreates the folder, empty and
    /// healthy, when the services start again.
    pub fn rename_folder(&mut self, folder: Folder) -> Result<(), Win32Error> {
        let busy = folder
            .held_by()
            .iter()
            .any(|&s| self.scm.state(s) != ServiceState::Stopped);
        if busy {
            return Err(Win32Error(32));
        }
        match folder {
            Folder::SoftwareDistribution => {
                self.device.stores.datastore = Health::Healthy;
                self.device.stores.download_cache = Health::Healthy;
                self.agent.crashes_on_corrupt_datastore = false;
                let catalog = self.server.catalog();
                let freed: u64 = self
                    .agent
                    .downloaded
                    .iter()
                    .filter_map(|&id| catalog.get(id))
                    .map(|u| u64::from(u.size_mb))
                    .sum();
                self.device.disk_free_mb += freed;
                self.agent.downloaded.clear();
                self.agent.partial.clear();
            }
            Folder::Catroot2 => self.device.stores.catroot2 = Health::Healthy,
        }
        Ok(())
    }

    /// `rd /s /q` of a Windows Update folder: the same as renaming it for the model (the
    /// practice shell counts it as a harmful move: the old folder cannot be restored).
    pub fn delete_folder(&mut self, folder: Folder) -> Result<(), Win32Error> {
        self.rename_folder(folder)
    }

    /// Plug the cable back in / reconnect Wi-Fi.
    pub fn reconnect_network(&mut self) {
        self.device.network.online = true;
        self.observe();
    }

    /// `netsh winhttp reset proxy`: direct access.
    pub fn reset_winhttp_proxy(&mut self) {
        self.device.network.proxy = WinHttpProxy::Direct;
        self.observe();
    }

    /// `w32tm /resync`: needs Windows Time running (else 0x80070426, "the service has not
    /// been started") and a network.
    pub fn resync_time(&mut self) -> Result<(), HResult> {
        if self.scm.state(ServiceId::W32TIME) != ServiceState::Running {
            return Err(Win32Error::SERVICE_NOT_ACTIVE.hresult());
        }
        if !self.device.network.online {
            return Err(HResult(0x8007_2EE2));
        }
        self.device.clock_offset_secs = 0;
        Ok(())
    }

    /// Disk Cleanup: removes temporary files; returns the MB freed.
    pub fn disk_cleanup(&mut self) -> u64 {
        let freed = self.device.reclaimable_mb;
        self.device.disk_free_mb += freed;
        self.device.reclaimable_mb = 0;
        freed
    }

    /// `DISM /Online /Cleanup-Image /RestoreHealth`: repairs the component store from
    /// Windows Update. Takes about 15 minutes of simulated time; without a way to Windows
    /// Update it fails with 0x800F081F (the source files could not be found).
    pub fn dism_restore_health(&mut self) -> Result<(), HResult> {
        self.run_for(SimDuration::from_mins(15));
        let reachable = self.device.network.online
            && self.device.network.proxy != WinHttpProxy::Broken
            && self.server.behavior.refusal().is_none();
        if self.device.stores.component_store == Health::Corrupt && !reachable {
            return Err(HResult(0x800F_081F));
        }
        self.device.stores.component_store = Health::Healthy;
        Ok(())
    }

    /// `sfc /scannow`: checks system files against the component store (10 minutes). It
    /// cannot repair them while the store itself is corrupt.
    pub fn sfc_scannow(&mut self) -> SfcResult {
        self.run_for(SimDuration::from_mins(10));
        if self.device.stores.component_store == Health::Corrupt {
            SfcResult::UnableToFix
        } else {
            SfcResult::NoViolations
        }
    }

    /// The Windows Update troubleshooter: it "analyzes the situation and resets any
    /// components that need it" (two minutes). It sets the update services back to their
    /// default start types and starts them, restarts a wedged or hung one, resets
    /// SoftwareDistribution and catroot2 when they are damaged, and reports what it cannot
    /// fix: the network, the proxy, the disk, the component store, the server, a pending
    /// restart.
    pub fn troubleshoot(&mut self) -> Vec<Finding> {
        let mut findings = Vec::new();
        let mut found = |problem: &str, status| {
            findings.push(Finding {
                problem: problem.to_string(),
                status,
            });
        };
        let now = self.now();
        let mut registration = false;
        for id in UPDATE_SERVICES {
            let default = id.spec().default_start;
            if self.scm.status(id).start_type != default {
                let _ = self.scm.set_start_type(id, default, now, &mut self.log);
                registration = true;
            }
        }
        if registration {
            found(
                "Service registration is missing or corrupt",
                FindingStatus::Fixed,
            );
        }
        let mut restarted = false;
        for id in UPDATE_SERVICES {
            let status = *self.scm.status(id);
            if status.hung {
                // The troubleshooter cannot kill a hung service; a restart of the PC can.
                found(
                    &format!("{} is not responding", id.display_name()),
                    FindingStatus::NotFixed,
                );
                continue;
            }
            if self.is_wedged(id) {
                let _ = self.scm.restart(id, true, &mut self.sim, &mut self.log);
                restarted = true;
            } else if status.state == ServiceState::Stopped
                && id.spec().default_start.is_automatic()
            {
                let _ = self.scm.start(id, &mut self.sim, &mut self.log);
                restarted = true;
            }
        }
        if restarted {
            found(
                "Windows Update components must be repaired",
                FindingStatus::Fixed,
            );
        }
        let stores = self.device.stores;
        if stores.datastore == Health::Corrupt || stores.download_cache == Health::Corrupt {
            let status = self.reset_folder(Folder::SoftwareDistribution);
            found("Potential Windows Update Database error detected", status);
        }
        if stores.catroot2 == Health::Corrupt {
            let status = self.reset_folder(Folder::Catroot2);
            found("Check for missing or corrupt files", status);
        }
        if stores.component_store == Health::Corrupt {
            found(
                "Check for missing or corrupt files",
                FindingStatus::NotFixed,
            );
        }
        if !self.device.network.online || self.device.network.proxy == WinHttpProxy::Broken {
            found(
                "Windows Update cannot connect to the update service",
                FindingStatus::NotFixed,
            );
        }
        if self.device.disk_free_mb < 10_240 {
            found("Not enough free disk space", FindingStatus::NotFixed);
        }
        if self.device.pending_restart() {
            found(
                "Restart your PC to finish installing updates",
                FindingStatus::Detected,
            );
        }
        if self.agent.job != Job::Idle {
            self.fail_job(crate::agent::WU_E_SERVICE_STOP);
        }
        self.observe();
        self.run_for(SimDuration::from_mins(2));
        findings
    }

    /// Stops what holds a folder, renames it, and starts the services again (the component
    /// reset the troubleshooter performs).
    fn reset_folder(&mut self, folder: Folder) -> FindingStatus {
        let held: Vec<ServiceId> = folder
            .held_by()
            .iter()
            .copied()
            .filter(|&s| self.scm.state(s) == ServiceState::Running)
            .collect();
        for &s in &held {
            let _ = self.scm.stop(s, true, &mut self.sim, &mut self.log);
        }
        self.run_for(SimDuration::from_secs(5));
        let renamed = self.rename_folder(folder).is_ok();
        for &s in &held {
            if self.scm.status(s).start_type != StartType::Disabled {
                let _ = self.scm.start(s, &mut self.sim, &mut self.log);
            }
        }
        if renamed {
            FindingStatus::Fixed
        } else {
            FindingStatus::NotFixed
        }
    }
}
