//! The world one PC's parts act on: the engine (clock, queue, RNG), the Service Control
//! Manager, the device, the event logs, the update server and the file system.
//!
//! The model's parts are machines over this shared state, as the SCM always was: the Windows
//! Update agent ([`crate::agent`]), the Update Orchestrator ([`crate::orchestrator`]), faults
//! ([`crate::fault`]) and remedies ([`crate::remedy`]) each take `&mut World<E>` and plan their
//! own work as events convertible into `E`. None of them knows the others' insides or the
//! [`Pc`](crate::pc::Pc) that owns them all; the `Pc` owns the event type and the order in
//! which the machines see each event.
//!
//! The world also answers the questions that join two of its parts: what the agent finds in
//! `SoftwareDistribution` (its data store, its download cache) and in `catroot2`, which running
//! service keeps a folder in use ([`World::in_use_by`]), and how much of the disk is free.
//! File operations with Windows' rules (a folder in use cannot be renamed...) are in
//! [`files`].

pub mod default_fs;
pub mod files;
pub mod fs;
pub mod overlay;
pub mod path;
pub mod policy;
pub mod registry;

use crate::device::Device;
use crate::engine::{CivilDateTime, Sim, SimTime};
use crate::eventlog::{Entry, EventLog};
use crate::scm::{SERVICE_COUNT, Scm, ServiceId, ServiceState, StartType};
use crate::update::{InMemoryServer, UpdateId};
use crate::win32::Win32Error;
use default_fs::{
    CATDB, CATROOT2, DATASTORE_EDB, DOWNLOAD, DOWNLOADER, QMGR_BYTES, QMGR_FILES,
    SOFTWARE_DISTRIBUTION,
};
use fs::{Content, DbHealth, FileSystem, Node};
use policy::UpdatePolicy;
use registry::{REBOOT_REQUIRED, Registry};

/// One megabyte, as Windows Update sizes count it.
pub const MB: u64 = 1_000_000;

/// What Windows Update's stores on the drive hold, read from the file system once per change
/// of the drive (the model asks at almost every event; the drive changes rarely).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoreView {
    /// The file system's revision this view was read at (`None`: not read yet).
    revision: Option<u32>,
    /// The data store: health, serial, creation time.
    pub datastore: Option<(DbHealth, u32, Option<SimTime>)>,
    /// `SoftwareDistribution\Download` is a folder.
    pub download_folder: bool,
    /// The catalog database's health (`None`: no catalog database).
    pub catalog: Option<DbHealth>,
    /// The payloads in the download cache: update, bytes, damaged.
    pub payloads: Vec<(UpdateId, u64, bool)>,
}

impl StoreView {
    fn read(fs: &FileSystem) -> StoreView {
        let datastore = fs.get(DATASTORE_EDB).map(|node| match node.content() {
            Some(Content::DataStore {
                health,
                serial,
                created,
            }) => (*health, *serial, *created),
            _ => (DbHealth::Corrupt, u32::MAX, None),
        });
        let catalog = fs.get(CATDB).map(|node| match node.content() {
            Some(Content::CatalogDb { health }) => *health,
            _ => DbHealth::Corrupt,
        });
        let payloads = fs
            .children(DOWNLOAD)
            .filter_map(|(_, node)| match node.content() {
                Some(Content::Payload { update, corrupt }) => {
                    Some((*update, node.bytes(), *corrupt))
                }
                _ => None,
            })
            .collect();
        StoreView {
            revision: Some(fs.revision()),
            datastore,
            download_folder: fs.is_dir(DOWNLOAD),
            catalog,
            payloads,
        }
    }
}

/// The shared state of one PC.
#[derive(Clone, Debug)]
pub struct World<E> {
    /// The clock, the event queue and the RNG.
    pub sim: Sim<E>,
    /// The Service Control Manager.
    pub scm: Scm,
    /// The hardware, OS and network.
    pub device: Device,
    /// The event logs.
    pub log: EventLog,
    /// The update server the PC talks to.
    pub server: InMemoryServer,
    /// The C: drive.
    pub fs: FileSystem,
    /// The registry.
    pub registry: Registry,
    /// The true local date and time at which the simulation started.
    pub start: CivilDateTime,
    /// For each service wedged by a fault (running, doing no work), the wedged process; 0 for
    /// none. A new process of the service is not wedged.
    pub wedged: [u32; SERVICE_COUNT],
    /// The processes of Windows Update, Cryptographic Services and BITS that last made sure
    /// of their stores (so that the check runs once per start, not at every event).
    pub stores_checked_by: [u32; 3],
    /// Restarts since the simulation started (for telling a restart apart from other
    /// changes).
    pub boots: u16,
    /// What the stores hold, as last read (see [`World::stores`]).
    pub store_view: std::cell::RefCell<StoreView>,
}

/// The services that keep a folder open while they run, and the folder (a simplification:
/// on Windows the files inside are what is open).
const HELD: [(&str, &[ServiceId]); 3] = [
    (
        SOFTWARE_DISTRIBUTION,
        &[ServiceId::WUAUSERV, ServiceId::BITS],
    ),
    (CATROOT2, &[ServiceId::CRYPTSVC]),
    (DOWNLOADER, &[ServiceId::BITS]),
];

impl<E> World<E> {
    /// The current simulated time.
    pub fn now(&self) -> SimTime {
        self.sim.now()
    }

    /// The local date and time of a simulated instant, as the PC's own clock shows it: the
    /// true time plus the clock's error (`Device::clock_offset_secs`).
    pub fn date_time(&self, time: SimTime) -> CivilDateTime {
        CivilDateTime::from_seconds_since_epoch(self.epoch_seconds(time))
    }

    /// The PC's clock at simulated `time`, in whole seconds since 1970.
    fn epoch_seconds(&self, time: SimTime) -> i64 {
        let elapsed = (time.since(SimTime::ZERO).as_millis() / 1_000) as i64;
        self.start.seconds_since_epoch() + elapsed + self.device.clock_offset_secs
    }

    /// Today's day number by the true date (the update server's calendar, which a wrong
    /// clock on the PC does not move).
    pub fn today(&self) -> i64 {
        let elapsed = (self.now().since(SimTime::ZERO).as_millis() / 1_000) as i64;
        CivilDateTime::from_seconds_since_epoch(self.start.seconds_since_epoch() + elapsed)
            .day_number()
    }

    /// The PC's clock now.
    pub fn clock(&self) -> CivilDateTime {
        self.date_time(self.now())
    }

    /// Now, as a file time: whole seconds since 1970 by the PC's clock.
    pub fn stamp(&self) -> i64 {
        self.epoch_seconds(self.now())
    }

    /// Writes an event log entry now.
    pub fn write(&mut self, entry: Entry) {
        self.log.write(self.sim.now(), entry);
    }

    /// True when the service's current process is wedged: it runs but does no work.
    pub fn is_wedged(&self, id: ServiceId) -> bool {
        let pid = self.scm.status(id).pid;
        pid != 0 && self.wedged[id.index()] == pid
    }

    /// Free space on the system drive, in bytes.
    pub fn disk_free_bytes(&self) -> u64 {
        (self.device.disk_total_mb * MB).saturating_sub(self.fs.used_bytes())
    }

    /// Free space on the system drive, in MB.
    pub fn disk_free_mb(&self) -> u64 {
        self.disk_free_bytes() / MB
    }

    /// The Windows Update policies in the registry now.
    pub fn policy(&self) -> UpdatePolicy {
        UpdatePolicy::read(&self.registry)
    }

    /// Changes a service's start type as `sc config` and `Set-Service` do: in the SCM (which
    /// logs event 7040) and in the registry, which the SCM reads again at the next boot.
    pub fn set_start_type(
        &mut self,
        id: ServiceId,
        start_type: StartType,
    ) -> Result<(), Win32Error> {
        let now = self.now();
        self.scm
            .set_start_type(id, start_type, now, &mut self.log)?;
        self.registry.set_start_type(id, start_type);
        Ok(())
    }

    /// What the SCM does as Windows starts, before it starts anything: it reads each
    /// service's start type from the registry (`Start`, `DelayedAutostart`), so a value
    /// changed there alone — by `reg add` or a tool — takes effect now.
    pub fn load_start_types(&mut self) {
        // Keys this PC changed are read; every other key holds its service's default values,
        // so its start type is known without looking it up.
        let mut changed: [Option<Option<StartType>>; SERVICE_COUNT] = [None; SERVICE_COUNT];
        for (id, key) in self.registry.changed_services() {
            let trigger = self.scm.status(id).start_type == StartType::ManualTrigger;
            changed[id.index()] = Some(key.and_then(|k| k.start_type(trigger)));
        }
        for id in ServiceId::all() {
            // Triggers are registered apart from `Start` (which is 3 either way).
            let trigger = self.scm.status(id).start_type == StartType::ManualTrigger;
            let start_type = match changed[id.index()] {
                Some(from_key) => from_key,
                None => Some(match id.spec().default_start {
                    StartType::Manual | StartType::ManualTrigger if trigger => {
                        StartType::ManualTrigger
                    }
                    StartType::Manual | StartType::ManualTrigger => StartType::Manual,
                    other => other,
                }),
            };
            if let Some(start_type) = start_type {
                self.scm.configure_start_type(id, start_type);
            }
        }
    }

    /// Makes the `RebootRequired` key say what the device says: present while updates wait
    /// for a restart.
    pub fn note_pending_restart(&mut self) {
        if self.device.pending_restart() {
            self.registry.create_key(REBOOT_REQUIRED);
        } else {
            self.registry.delete_key(REBOOT_REQUIRED);
        }
    }

    /// The services that keep `full` (or a folder it is in, or one inside it) in use
    /// while they run.
    pub fn holders(full: &str) -> impl Iterator<Item = ServiceId> + '_ {
        HELD.iter()
            .filter(move |(held, _)| path::is_within(held, full) || path::is_within(full, held))
            .flat_map(|(_, services)| services.iter().copied())
    }

    /// The running service that keeps `full` (or a folder it is in, or one inside it) in
    /// use, if any.
    pub fn in_use_by(&self, full: &str) -> Option<ServiceId> {
        Self::holders(full).find(|&s| self.scm.state(s) != ServiceState::Stopped)
    }

    /// What Windows Update's stores hold now (read again only when the drive has changed).
    pub fn stores(&self) -> std::cell::Ref<'_, StoreView> {
        if self.store_view.borrow().revision != Some(self.fs.revision()) {
            *self.store_view.borrow_mut() = StoreView::read(&self.fs);
        }
        self.store_view.borrow()
    }

    /// The data store Windows Update reads: its health, serial and creation time. `None`
    /// when there is none (Windows Update makes a new one when it next starts).
    pub fn datastore(&self) -> Option<(DbHealth, u32, Option<SimTime>)> {
        self.stores().datastore
    }

    /// Whether the data store can be read (a missing one is made anew, so it can).
    pub fn datastore_health(&self) -> DbHealth {
        self.datastore().map_or(DbHealth::Healthy, |(h, _, _)| h)
    }

    /// Whether the catalog database of Cryptographic Services can be read.
    pub fn catalog_health(&self) -> DbHealth {
        self.stores().catalog.unwrap_or(DbHealth::Healthy)
    }

    /// The payloads in the download cache: update, bytes, damaged.
    pub fn payloads(&self) -> Vec<(UpdateId, u64, bool)> {
        self.stores().payloads.clone()
    }

    /// True when a payload in the download cache fails its hash check.
    pub fn download_cache_corrupt(&self) -> bool {
        self.stores()
            .payloads
            .iter()
            .any(|&(_, _, corrupt)| corrupt)
    }

    /// The bytes of `update` in the download cache (0 if none).
    pub fn payload_bytes(&self, update: UpdateId) -> u64 {
        self.stores()
            .payloads
            .iter()
            .filter(|(id, _, _)| *id == update)
            .map(|&(_, bytes, _)| bytes)
            .max()
            .unwrap_or(0)
    }

    /// The update's full size in bytes, by the server's catalog.
    pub fn update_bytes(&self, update: UpdateId) -> u64 {
        self.server
            .catalog()
            .get(update)
            .map_or(0, |u| u64::from(u.size_mb) * MB)
    }

    /// True when the whole of `update` is in the download cache.
    pub fn is_downloaded(&self, update: UpdateId) -> bool {
        let full = self.update_bytes(update);
        full > 0 && self.payload_bytes(update) >= full
    }

    /// Writes `bytes` of `update` into the download cache (making the folders if a reset
    /// took them away).
    pub fn put_payload(&mut self, update: UpdateId, bytes: u64, corrupt: bool) {
        self.ensure_update_folders();
        let stamp = self.stamp();
        let file = PayloadPath::of(update);
        let current = self.store_view_is_current();
        self.fs.put(
            file.as_str(),
            Node::file(bytes, Content::Payload { update, corrupt }, stamp),
        );
        if current {
            // Keep the view of the stores up to date rather than read it all again.
            let mut view = self.store_view.borrow_mut();
            view.revision = Some(self.fs.revision());
            view.payloads.retain(|(id, _, _)| *id != update);
            view.payloads.push((update, bytes, corrupt));
        }
    }

    /// Removes `update`'s payload from the download cache.
    pub fn remove_payload(&mut self, update: UpdateId) {
        let file = PayloadPath::of(update);
        let current = self.store_view_is_current();
        if self.fs.remove(file.as_str()) && current {
            let mut view = self.store_view.borrow_mut();
            view.revision = Some(self.fs.revision());
            view.payloads.retain(|(id, _, _)| *id != update);
        }
    }

    fn store_view_is_current(&self) -> bool {
        self.store_view.borrow().revision == Some(self.fs.revision())
    }

    /// Makes `SoftwareDistribution` with a new, empty data store and download cache where a
    /// reset took them away, as Windows Update does when it starts.
    pub fn ensure_update_folders(&mut self) {
        let complete = {
            let stores = self.stores();
            stores.datastore.is_some() && stores.download_folder
        };
        if complete {
            return;
        }
        let stamp = self.stamp();
        let now = self.now();
        for dir in [
            SOFTWARE_DISTRIBUTION,
            "C:\\Windows\\SoftwareDistribution\\DataStore",
            "C:\\Windows\\SoftwareDistribution\\DataStore\\Logs",
            DOWNLOAD,
        ] {
            if !self.fs.exists(dir) {
                self.fs.put(dir, Node::dir(stamp));
            }
        }
        if !self.fs.exists(DATASTORE_EDB) {
            let serial = self.fs.new_serial();
            self.fs.put(
                DATASTORE_EDB,
                Node::file(
                    NEW_DATASTORE_BYTES,
                    Content::DataStore {
                        health: DbHealth::Healthy,
                        serial,
                        created: Some(now),
                    },
                    stamp,
                ),
            );
        }
    }

    /// Makes `catroot2` with a new catalog database where a reset took it away, as
    /// Cryptographic Services does when it starts.
    pub fn ensure_catroot2(&mut self) {
        if self.stores().catalog.is_some() {
            return;
        }
        let stamp = self.stamp();
        let guid_dir = path::parent(CATDB).unwrap_or(CATROOT2).to_string();
        for dir in [CATROOT2, guid_dir.as_str()] {
            if !self.fs.exists(dir) {
                self.fs.put(dir, Node::dir(stamp));
            }
        }
        self.fs.put(
            CATDB,
            Node::file(
                NEW_CATDB_BYTES,
                Content::CatalogDb {
                    health: DbHealth::Healthy,
                },
                stamp,
            ),
        );
    }

    /// What a starting service makes of its stores: Windows Update and Cryptographic
    /// Services recreate the folders a reset renamed away, BITS its job queue. Runs once per
    /// new process (a running service keeps its folder in use, so it cannot lose it
    /// meanwhile).
    pub fn recreate_stores(&mut self) {
        let running_pid = |w: &Self, id: ServiceId| {
            let status = w.scm.status(id);
            if status.state == ServiceState::Running {
                status.pid
            } else {
                0
            }
        };
        let pids = [
            running_pid(self, ServiceId::WUAUSERV),
            running_pid(self, ServiceId::CRYPTSVC),
            running_pid(self, ServiceId::BITS),
        ];
        if pids == self.stores_checked_by {
            return;
        }
        let fresh = |i: usize| pids[i] != 0 && pids[i] != self.stores_checked_by[i];
        let (update, catalog, queue) = (fresh(0), fresh(1), fresh(2));
        if update {
            self.ensure_update_folders();
        }
        if catalog {
            self.ensure_catroot2();
        }
        if queue {
            self.ensure_bits_queue();
        }
        self.stores_checked_by = pids;
    }

    /// BITS's job queue, made anew when BITS starts without one.
    pub fn ensure_bits_queue(&mut self) {
        if QMGR_FILES.iter().all(|f| self.fs.exists(f)) {
            return;
        }
        let stamp = self.stamp();
        for dir in [
            "C:\\ProgramData\\Microsoft",
            "C:\\ProgramData\\Microsoft\\Network",
            DOWNLOADER,
        ] {
            if !self.fs.exists(dir) {
                self.fs.put(dir, Node::dir(stamp));
            }
        }
        for file in QMGR_FILES {
            if !self.fs.exists(file) {
                self.fs
                    .put(file, Node::file(QMGR_BYTES, Content::Opaque, stamp));
            }
        }
    }
}

/// The size of a new, empty data store.
const NEW_DATASTORE_BYTES: u64 = 2_097_152;
/// The size of a new catalog database.
const NEW_CATDB_BYTES: u64 = 2_097_152;

/// The full path of an update's payload in the download cache: `windows-kb<KB>-x64.cab`, or
/// `update-<id in hex>.cab` for an update without a KB number (a simplification: Windows
/// names them by hash, in folders). Built on the stack: downloads write it on the
/// simulation's hot path.
struct PayloadPath {
    buf: [u8; 96],
    len: usize,
}

impl PayloadPath {
    fn of(update: UpdateId) -> PayloadPath {
        let mut p = PayloadPath {
            buf: [0; 96],
            len: 0,
        };
        p.push(DOWNLOAD.as_bytes());
        match update.kb() {
            Some(kb) => {
                p.push(b"\\windows-kb");
                p.push_number(kb, 10, 1);
                p.push(b"-x64.cab");
            }
            None => {
                p.push(b"\\update-");
                p.push_number(update.0, 16, 8);
                p.push(b".cab");
            }
        }
        p
    }

    fn push(&mut self, bytes: &[u8]) {
        self.buf[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    /// `n` in `radix` (10 or 16, lower-case digits), with at least `width` digits.
    fn push_number(&mut self, mut n: u32, radix: u32, width: usize) {
        let mut digits = [0u8; 10];
        let mut count = 0;
        while n > 0 || count < width {
            digits[count] = b"0123456789abcdef"[(n % radix) as usize];
            n /= radix;
            count += 1;
        }
        digits[..count].reverse();
        self.push(&digits[..count]);
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_are_named_by_kb_or_by_id() {
        assert_eq!(
            PayloadPath::of(UpdateId(5_060_999)).as_str(),
            "C:\\Windows\\SoftwareDistribution\\Download\\windows-kb5060999-x64.cab"
        );
        assert_eq!(
            PayloadPath::of(UpdateId(UpdateId::NO_KB + 0x2a)).as_str(),
            format!("{DOWNLOAD}\\update-{:08x}.cab", UpdateId::NO_KB + 0x2a)
        );
    }
}
