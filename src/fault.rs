//! Faults: the named ways a PC's Windows Update breaks, each injectable at the start or at a
//! simulated time.
//!
//! A [`Fault`] is a small `Copy` value (so it can ride in the event queue) that changes the
//! model the way the real problem changes Windows; the symptoms then follow from the model —
//! an error code in the event log and on the Settings page — rather than being scripted.
//! [`Fault::symptom`] names the code a learner should see, and [`Fault::remedy`] the fix, in
//! words; `tests/faults` checks both for every fault. A damaged store is damaged content on the
//! simulated drive (a data store that cannot be read, a payload that fails its hash check),
//! so the remedies that really work on Windows — renaming the folder — work here for the same
//! reason.

use serde::{Deserialize, Serialize};

use crate::device::{CpuFamily, Health, Tpm, WinHttpProxy};
use crate::scm::{ScmEvent, ServiceId, ServiceState, StartType};
use crate::update::applicability::{applicable, is_installed};
use crate::update::{ServerBehavior, UpdateId};
use crate::win32::HResult;
use crate::world::default_fs::{CATDB, DATASTORE_EDB};
use crate::world::fs::{Content, DbHealth, Kind, Node};
use crate::world::{MB, World};

/// One way for Windows Update to break.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Fault {
    /// The service stops (cleanly). A Manual service is started again on demand (the
    /// Orchestrator too, by Settings and its daily scan task); others stay stopped until
    /// someone starts them.
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
    /// The service is set to Disabled but left running: it stops for good at the next
    /// restart (what a "tuning" tool does to a running service).
    SetToDisabled {
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

/// Every fault kind, by the name the scenario format uses (`kind = "..."`).
pub const KINDS: [&str; 19] = [
    "service-stopped",
    "service-crashed",
    "service-disabled",
    "set-to-disabled",
    "service-hung",
    "service-wedged",
    "wuauserv-crash-loop",
    "corrupt-download-cache",
    "corrupt-datastore",
    "corrupt-catroot2",
    "corrupt-component-store",
    "network-offline",
    "broken-proxy",
    "clock-skew",
    "disk-full",
    "pending-restart",
    "server",
    "incompatible-device",
    "safeguard-hold",
];

/// The kinds no script can fix: the server's, the hardware's, a safeguard hold's, and a PC
/// that is offline (someone has to plug the cable back in or join the Wi-Fi).
pub const UNFIXABLE_KINDS: [&str; 4] = [
    "server",
    "incompatible-device",
    "safeguard-hold",
    "network-offline",
];

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
            Fault::SetToDisabled { service: S::USOSVC },
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
            Fault::ServiceDisabled { service } if service == ServiceId::BITS => {
                HResult::WU_E_DM_FAILTOCONNECTTOBITS
            }
            Fault::ServiceDisabled { service } if service == ServiceId::CRYPTSVC => {
                HResult::WU_E_UH_INVALIDMETADATA
            }
            Fault::ServiceDisabled { .. } => HResult::ERROR_SERVICE_DISABLED,
            Fault::ServiceHung { service } if service == ServiceId::BITS => {
                HResult::WU_E_DM_FAILTOCONNECTTOBITS
            }
            Fault::ServiceHung { .. } => HResult::ERROR_SERVICE_REQUEST_TIMEOUT,
            Fault::WuauservCrashLoop => HResult::WU_E_SERVICE_STOP,
            Fault::CorruptDownloadCache => HResult::WU_E_UH_NEEDANOTHERDOWNLOAD,
            Fault::CorruptDatastore => HResult::WU_E_PT_INVALID_FORMAT,
            Fault::CorruptCatroot2 => HResult::WU_E_UH_INVALIDMETADATA,
            Fault::CorruptComponentStore => HResult::ERROR_SXS_COMPONENT_STORE_CORRUPT,
            Fault::NetworkOffline => HResult::WU_E_NO_CONNECTION,
            Fault::BrokenProxy => HResult::WU_E_PT_WINHTTP_NAME_NOT_RESOLVED,
            Fault::ClockSkew { .. } => HResult::ERROR_WINHTTP_SECURE_FAILURE,
            Fault::DiskFull => HResult::ERROR_DISK_FULL,
            Fault::PendingRestart => HResult::WU_E_INSTALL_NOT_ALLOWED,
            Fault::Server { behavior } => match behavior.refusal() {
                Some(code) => code,
                None if behavior == ServerBehavior::CorruptPayload => HResult::ERROR_INVALID_DATA,
                None => return None,
            },
            Fault::ServiceStopped { .. }
            | Fault::SetToDisabled { .. }
            | Fault::ServiceCrashed { .. }
            | Fault::ServiceWedged { .. }
            | Fault::IncompatibleDevice
            | Fault::SafeguardHold { .. } => return None,
        };
        Some(code)
    }

    /// Its kind, by the name the scenario format uses ([`KINDS`]).
    pub fn kind(self) -> &'static str {
        let index = match self {
            Fault::ServiceStopped { .. } => 0,
            Fault::ServiceCrashed { .. } => 1,
            Fault::ServiceDisabled { .. } => 2,
            Fault::SetToDisabled { .. } => 3,
            Fault::ServiceHung { .. } => 4,
            Fault::ServiceWedged { .. } => 5,
            Fault::WuauservCrashLoop => 6,
            Fault::CorruptDownloadCache => 7,
            Fault::CorruptDatastore => 8,
            Fault::CorruptCatroot2 => 9,
            Fault::CorruptComponentStore => 10,
            Fault::NetworkOffline => 11,
            Fault::BrokenProxy => 12,
            Fault::ClockSkew { .. } => 13,
            Fault::DiskFull => 14,
            Fault::PendingRestart => 15,
            Fault::Server { .. } => 16,
            Fault::IncompatibleDevice => 17,
            Fault::SafeguardHold { .. } => 18,
        };
        KINDS[index]
    }

    /// True when a script can fix it ([`UNFIXABLE_KINDS`]).
    pub fn is_fixable(self) -> bool {
        !UNFIXABLE_KINDS.contains(&self.kind())
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
            Fault::SetToDisabled { .. } => {
                "Set the start type back to its default (sc config ... start= ...) before the next restart."
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

impl Fault {
    /// Applies the fault to the world now. Its owner lets the Orchestrator and the agent
    /// react afterwards, as after any event.
    pub fn apply<E: From<ScmEvent>>(self, w: &mut World<E>) {
        // A tool that disables a service writes its start type where `sc config` does.
        if let Fault::ServiceDisabled { service } | Fault::SetToDisabled { service } = self {
            let _ = w.set_start_type(service, StartType::Disabled);
        }
        let World { scm, sim, log, .. } = w;
        match self {
            Fault::ServiceStopped { service } => {
                let _ = scm.stop(service, true, sim, log);
            }
            Fault::ServiceCrashed { service } => {
                scm.crash(service, sim, log);
            }
            Fault::ServiceDisabled { service } => {
                let _ = scm.stop(service, true, sim, log);
            }
            Fault::SetToDisabled { .. } => {}
            Fault::ServiceHung { service } => scm.hang(service),
            Fault::ServiceWedged { service } => {
                if scm.state(service) == ServiceState::Stopped {
                    let _ = scm.start(service, sim, log);
                }
                w.wedged[service.index()] = w.scm.status(service).pid;
            }
            Fault::WuauservCrashLoop => damage_datastore(w, DbHealth::Crashing),
            Fault::CorruptDownloadCache => damage_download_cache(w),
            Fault::CorruptDatastore => damage_datastore(w, DbHealth::Corrupt),
            Fault::CorruptCatroot2 => {
                w.ensure_catroot2();
                set_content(
                    w,
                    CATDB,
                    Content::CatalogDb {
                        health: DbHealth::Corrupt,
                    },
                );
            }
            Fault::CorruptComponentStore => w.device.component_store = Health::Corrupt,
            Fault::NetworkOffline => w.device.network.online = false,
            Fault::BrokenProxy => w.device.network.proxy = WinHttpProxy::Broken,
            Fault::ClockSkew { days } => {
                w.device.clock_offset_secs = i64::from(days) * 86_400;
            }
            Fault::DiskFull => fill_disk(w),
            Fault::PendingRestart => stage_current_cumulative_update(w),
            Fault::Server { behavior } => w.server.behavior = behavior,
            Fault::IncompatibleDevice => {
                w.device.tpm = Tpm::V1_2;
                w.device.cpu.family = CpuFamily::IntelCore7thGenOrEarlier;
            }
            Fault::SafeguardHold { id } => w.device.safeguard_match = Some(id),
        }
    }
}

/// How little space a full disk leaves: 200 MB.
const FULL_DISK_FREE: u64 = 200 * MB;

/// The drive fills up with things Windows does not list for us (a user's videos, a game):
/// 200 MB stay free.
fn fill_disk<E>(w: &mut World<E>) {
    let free = w.disk_free_bytes();
    if free > FULL_DISK_FREE {
        w.fs.other_bytes += free - FULL_DISK_FREE;
    }
}

/// Replaces what a file holds, keeping the rest of it.
fn set_content<E>(w: &mut World<E>, path: &str, content: Content) {
    if let Some(node) = w.fs.get(path).cloned()
        && let Kind::File { bytes, .. } = node.kind
    {
        w.fs.put(
            path,
            Node {
                kind: Kind::File { bytes, content },
                ..node
            },
        );
    }
}

/// The data store becomes unreadable (`Crashing`: so badly that Windows Update dies reading it).
fn damage_datastore<E>(w: &mut World<E>, health: DbHealth) {
    w.ensure_update_folders();
    if let Some((_, serial, created)) = w.datastore() {
        set_content(
            w,
            DATASTORE_EDB,
            Content::DataStore {
                health,
                serial,
                created,
            },
        );
    }
}

/// A half-downloaded payload in the cache is damaged: it is the update the PC wants next (the
/// first one that applies), so every download fails its hash check until the cache is reset.
fn damage_download_cache<E>(w: &mut World<E>) {
    let update = applicable(&w.device, w.server.catalog())
        .map(|u| (u.id, u.size_mb))
        .next();
    let (update, size_mb) = update.unwrap_or((UpdateId(UpdateId::NO_KB), 2));
    w.put_payload(update, u64::from(size_mb / 2).max(1) * MB, true);
}

/// Makes the newest installed cumulative update "installed, waiting for a restart".
fn stage_current_cumulative_update<E>(w: &mut World<E>) {
    let device = &w.device;
    let current = w
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
        let catalog = w.server.catalog();
        let previous = update
            .supersedes
            .iter()
            .filter_map(|&id| catalog.get(id).and_then(|u| u.revision))
            .max();
        let kb = update.id.0;
        w.device.os.revision = previous.unwrap_or(revision.saturating_sub(1));
        w.device.staged.push(crate::device::StagedUpdate {
            kb,
            revision: Some(revision),
            version: None,
        });
        w.note_pending_restart();
    }
}
