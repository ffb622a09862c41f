//! Faults: the named ways a PC's Windows Update breaks, each injectable at the start or at a
//! simulated time.
//!
//! A [`Fault`] is a small `Copy` value (so it can ride in the event queue) that changes the
//! model the way the real problem changes Windows; the symptoms then follow from the model —
//! an error code in the event log and on the Settings page — rather than being scripted.
//! [`Fault::symptom`] names the code a learner should see, and [`Fault::remedy`] the fix, in
//! words; `tests/faults` checks both for every fault.

use serde::{Deserialize, Serialize};

use crate::device::{CpuFamily, Health, Tpm, WinHttpProxy};
use crate::pc::{Event, Pc};
use crate::scm::{ServiceId, StartType};
use crate::update::ServerBehavior;
use crate::update::applicability::is_installed;
use crate::win32::HResult;

/// One way for Windows Update to break.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Fault {
    /// The service stops (cleanly). A Manual service is started again on demand; an
    /// automatic one (UsoSvc) stays stopped until someone starts it.
    ServiceStopped {
        /// The service.
        service: ServiceId,
    },
    /// The service's process crashes (7031/7034).
    ServiceCrashed {
        /// The service.
        service: ServiceId,
    },
    /// The service is set to Disabled and stopped.
    ServiceDisabled {
        /// The service.
        service: ServiceId,
    },
    /// The service stops answering the SCM: starts time out (1053), stops hang in Stop Pending.
    ServiceHung {
        /// The service.
        service: ServiceId,
    },
    /// The service runs but does no work (scans or downloads never finish); a restart of
    /// the service clears it.
    ServiceWedged {
        /// The service.
        service: ServiceId,
    },
    /// The data store is corrupt and Windows Update crashes each time it reads it.
    WuauservCrashLoop,
    /// `SoftwareDistribution\Download` is damaged.
    CorruptDownloadCache,
    /// `SoftwareDistribution\DataStore` is damaged.
    CorruptDatastore,
    /// `catroot2` is damaged.
    CorruptCatroot2,
    /// The component store (WinSxS) is damaged.
    CorruptComponentStore,
    /// The PC is offline.
    NetworkOffline,
    /// The WinHTTP proxy points at a proxy that does not work.
    BrokenProxy,
    /// The PC's clock is wrong by this many days.
    ClockSkew {
        /// Days (negative: behind).
        days: i32,
    },
    /// The system drive is full.
    DiskFull,
    /// An update is installed and waits for a restart.
    PendingRestart,
    /// The update server misbehaves.
    Server {
        /// How.
        behavior: ServerBehavior,
    },
    /// The PC does not meet the Windows 11 hardware requirements (TPM 1.2, an older CPU).
    IncompatibleDevice,
    /// A safeguard hold matches this PC.
    SafeguardHold {
        /// The hold's id.
        id: u32,
    },
}

impl Fault {
    /// Every kind of fault, with typical parameters (for tests and documentation).
    pub fn examples() -> Vec<Fault> {
        use ServiceId as S;
        vec![
            Fault::ServiceStopped { service: S::USOSVC },
            Fault::ServiceCrashed { service: S::USOSVC },
            Fault::ServiceDisabled {
                service: S::WUAUSERV,
            },
            Fault::ServiceDisabled { service: S::BITS },
            Fault::ServiceDisabled {
                service: S::CRYPTSVC,
            },
            Fault::ServiceHung { service: S::BITS },
            Fault::ServiceWedged { service: S::USOSVC },
            Fault::ServiceWedged {
                service: S::WUAUSERV,
            },
            Fault::WuauservCrashLoop,
            Fault::CorruptDownloadCache,
            Fault::CorruptDatastore,
            Fault::CorruptCatroot2,
            Fault::CorruptComponentStore,
            Fault::NetworkOffline,
            Fault::BrokenProxy,
            Fault::ClockSkew { days: -400 },
            Fault::DiskFull,
            Fault::PendingRestart,
            Fault::Server {
                behavior: ServerBehavior::Unreachable,
            },
            Fault::Server {
                behavior: ServerBehavior::Throttling,
            },
            Fault::Server {
                behavior: ServerBehavior::TimingOut,
            },
            Fault::Server {
                behavior: ServerBehavior::CorruptPayload,
            },
            Fault::IncompatibleDevice,
            Fault::SafeguardHold { id: 56_318_982 },
        ]
    }

    /// The error code the fault shows in the event log and on the Settings page, if it shows
    /// one (an incompatible PC or a safeguard hold shows a message instead, and a stopped or
    /// wedged service shows no code at all).
    pub fn symptom(self) -> Option<HResult> {
        let code = match self {
            Fault::ServiceDisabled { service } if service == ServiceId::BITS => 0x8024_6008,
            Fault::ServiceDisabled { service } if service == ServiceId::CRYPTSVC => 0x8024_2006,
            Fault::ServiceDisabled { .. } => 0x8007_0422,
            Fault::ServiceHung { service } if service == ServiceId::BITS => 0x8024_6008,
            Fault::ServiceHung { .. } => 0x8007_041D,
            Fault::WuauservCrashLoop => 0x8024_001E,
            Fault::CorruptDownloadCache => 0x8024_200D,
            Fault::CorruptDatastore => 0x8024_0439,
            Fault::CorruptCatroot2 => 0x8024_2006,
            Fault::CorruptComponentStore => 0x8007_3712,
            Fault::NetworkOffline => 0x8024_001F,
            Fault::BrokenProxy => 0x8024_402C,
            Fault::ClockSkew { .. } => 0x8007_2F8F,
            Fault::DiskFull => 0x8007_0070,
            Fault::PendingRestart => 0x8024_0016,
            Fault::Server { behavior } => match behavior.refusal() {
                Some(code) => code.0,
                None if behavior == ServerBehavior::CorruptPayload => 0x8007_000D,
                None => return None,
            },
            Fault::ServiceStopped { .. }
            | Fault::ServiceCrashed { .. }
            | Fault::ServiceWedged { .. }
            | Fault::IncompatibleDevice
            | Fault::SafeguardHold { .. } => return None,
        };
        Some(HResult(code))
    }

    /// The usual remedy, in words.
    pub fn remedy(self) -> &'static str {
        match self {
            Fault::ServiceStopped { .. } | Fault::ServiceCrashed { .. } => {
                "Start the service (services.msc > Start, or net start)."
            }
            Fault::ServiceDisabled { .. } => {
                "Set the start type back to its default (sc config ... start= ...), then start the service."
            }
            Fault::ServiceHung { .. } => "Restart the PC: a hung service cannot be stopped.",
            Fault::ServiceWedged { .. } => "Restart the service.",
            Fault::WuauservCrashLoop | Fault::CorruptDatastore | Fault::CorruptDownloadCache => {
                "Reset the Windows Update components: stop wuauserv and BITS, rename SoftwareDistribution, start them again."
            }
            Fault::CorruptCatroot2 => {
                "Reset the components: stop CryptSvc, rename catroot2, start CryptSvc."
            }
            Fault::CorruptComponentStore => {
                "Run DISM /Online /Cleanup-Image /RestoreHealth, then sfc /scannow, then restart."
            }
            Fault::NetworkOffline => "Reconnect the PC to the network.",
            Fault::BrokenProxy => "Reset the WinHTTP proxy: netsh winhttp reset proxy.",
            Fault::ClockSkew { .. } => "Start Windows Time and resync the clock: w32tm /resync.",
            Fault::DiskFull => "Free disk space (Disk Cleanup).",
            Fault::PendingRestart => "Restart the PC.",
            Fault::Server { .. } => {
                "Nothing on the PC fixes the server: wait and check for updates later."
            }
            Fault::IncompatibleDevice => {
                "No remedy on the PC: it does not meet the Windows 11 requirements."
            }
            Fault::SafeguardHold { .. } => {
                "No remedy: wait until Microsoft lifts the safeguard hold."
            }
        }
    }
}

impl Pc {
    /// Applies a fault now.
    pub fn inject(&mut self, fault: Fault) {
        let now = self.now();
        match fault {
            Fault::ServiceStopped { service } => {
                let _ = self.scm.stop(service, true, &mut self.sim, &mut self.log);
            }
            Fault::ServiceCrashed { service } => {
                self.scm.crash(service, &mut self.sim, &mut self.log);
            }
            Fault::ServiceDisabled { service } => {
                let _ = self
                    .scm
                    .set_start_type(service, StartType::Disabled, now, &mut self.log);
                let _ = self.scm.stop(service, true, &mut self.sim, &mut self.log);
            }
            Fault::ServiceHung { service } => self.scm.hang(service),
            Fault::ServiceWedged { service } => {
                if self.scm.state(service) == crate::scm::ServiceState::Stopped {
                    let _ = self.scm.start(service, &mut self.sim, &mut self.log);
                }
                self.wedged_pids[service.index()] = self.scm.status(service).pid;
            }
            Fault::WuauservCrashLoop => {
                self.device.stores.datastore = Health::Corrupt;
                self.agent.crashes_on_corrupt_datastore = true;
            }
            Fault::CorruptDownloadCache => self.device.stores.download_cache = Health::Corrupt,
            Fault::CorruptDatastore => self.device.stores.datastore = Health::Corrupt,
            Fault::CorruptCatroot2 => self.device.stores.catroot2 = Health::Corrupt,
            Fault::CorruptComponentStore => self.device.stores.component_store = Health::Corrupt,
            Fault::NetworkOffline => self.device.network.online = false,
            Fault::BrokenProxy => self.device.network.proxy = WinHttpProxy::Broken,
            Fault::ClockSkew { days } => {
                self.device.clock_offset_secs = i64::from(days) * 86_400;
            }
            Fault::DiskFull => self.device.disk_free_mb = self.device.disk_free_mb.min(200),
            Fault::PendingRestart => self.stage_current_cumulative_update(),
            Fault::Server { behavior } => self.server.behavior = behavior,
            Fault::IncompatibleDevice => {
                self.device.tpm = Tpm::V1_2;
                self.device.cpu.family = CpuFamily::IntelCore7thGenOrEarlier;
            }
            Fault::SafeguardHold { id } => self.device.safeguard_match = Some(id),
        }
        self.observe();
    }

    /// Plans a fault for a later simulated time.
    pub fn inject_at(&mut self, at: crate::engine::SimTime, fault: Fault) {
        self.sim.schedule_at(at, Event::Fault(fault));
    }

    /// Makes the newest installed cumulative update "installed, waiting for a restart".
    fn stage_current_cumulative_update(&mut self) {
        let device = &self.device;
        let current = self
            .server
            .catalog()
            .updates()
            .iter()
            .filter(|u| u.feature.is_none() && u.revision.is_some() && is_installed(u, device))
            .filter(|u| u.targets.contains(&device.os.version))
            .max_by_key(|u| u.revision);
        if let Some(update) = current {
            let revision = update.revision.unwrap_or(0);
            // Back to the build of the update it replaced: that is what runs until the restart.
            let catalog = self.server.catalog();
            let previous = update
                .supersedes
                .iter()
                .filter_map(|&id| catalog.get(id).and_then(|u| u.revision))
                .max();
            self.device.os.revision = previous.unwrap_or(revision.saturating_sub(1));
            self.device.staged.push(crate::device::StagedUpdate {
                kb: update.id.0,
                revision: Some(revision),
                version: None,
            });
        }
    }
}
