//! [`Pc`]: one simulated PC — the [`World`] (clock, services, device, logs, update server,
//! file system), the Windows Update agent and the Update Orchestrator — and the event loop
//! that moves it through simulated time.
//!
//! A `Pc` is built with [`PcBuilder`] (every default listed there), starts already booted and
//! quiet, and only changes when it is told to (a control, a fault, a remedy, a reboot) or
//! when simulated time passes ([`Pc::run_for`], [`Pc::run_until`]). It is cheap to create and
//! to clone: a clone is an independent PC that continues exactly as the original would.
//!
//! The `Pc` owns the event type and the order of things: [`Pc::step`] hands each event to
//! the machine that planned it, then lets the PC react ([`Pc::act`] does the same for a change
//! made from outside, such as a command). The agent, the Orchestrator, faults and remedies
//! never call each other or the `Pc`; they act on the world and return what happened.

use crate::agent::{Agent, AgentEvent};
use crate::device::Device;
use crate::engine::{CivilDateTime, Sim, SimDuration, SimTime};
use crate::eventlog::{EventLog, EventRecord};
use crate::fault::Fault;
use crate::orchestrator::{ActiveHoursError, CheckOutcome, Orchestrator, Request, UsoEvent};
use crate::remedy::{self, Finding};
use crate::scm::{Recovery, SERVICE_COUNT, Scm, ScmEvent, ServiceId, ServiceState, StartType};
use crate::update::{Catalog, InMemoryServer, ServerBehavior};
use crate::win32::Win32Error;
use crate::world::default_fs::{self, RECLAIMABLE};
use crate::world::fs::FileSystem;
use crate::world::registry::{RegValue, Registry};
use crate::world::{MB, World};

/// Everything that can be planned to happen on a PC: one small `Copy` enum, dispatched by
/// `match`, never a boxed closure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// Work of the Service Control Manager.
    Scm(ScmEvent),
    /// The PC has finished restarting: the SCM starts the automatic services.
    BootComplete,
    /// Work of the Windows Update agent.
    Agent(AgentEvent),
    /// Work of the Update Orchestrator (and its scheduled scan task).
    Uso(UsoEvent),
    /// A fault strikes.
    Fault(Fault),
}

impl From<ScmEvent> for Event {
    fn from(event: ScmEvent) -> Self {
        Event::Scm(event)
    }
}

impl From<AgentEvent> for Event {
    fn from(event: AgentEvent) -> Self {
        Event::Agent(event)
    }
}

impl From<UsoEvent> for Event {
    fn from(event: UsoEvent) -> Self {
        Event::Uso(event)
    }
}

/// How long a restart takes, from shutdown to the SCM starting services (a simplification:
/// real restarts vary with the hardware and with the updates being committed).
pub const RESTART_DURATION: SimDuration = SimDuration::from_secs(90);

/// Builds a [`Pc`].
///
/// Defaults:
/// - seed `0`;
/// - start: Patch Tuesday, 10 June 2025, 10:30 ([`CivilDateTime::PATCH_TUESDAY`]);
/// - device: [`Device::default()`], a healthy Windows 11 23H2 PC on May's cumulative update,
///   with a 256 GB drive;
/// - disk: 120 GB free, 6 GB of it reclaimable by Disk Cleanup (temporary files);
/// - services: the default start types of `scm/builtin.rs`, automatic ones running;
/// - update server: the default catalog (`update/default_catalog.rs`), answering normally;
/// - last successful scan: 2 hours before the start, so the next automatic one is 15.6 to
///   20 hours away.
///
/// ```
/// use wusim::pc::Pc;
/// use wusim::scm::{ServiceId, ServiceState};
///
/// let pc = Pc::builder().seed(7).build();
/// assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Running);
/// assert_eq!(pc.scm().state(ServiceId::WUAUSERV), ServiceState::Stopped);
/// ```
#[derive(Clone, Debug)]
pub struct PcBuilder {
    seed: u64,
    start: CivilDateTime,
    device: Device,
    start_types: [StartType; SERVICE_COUNT],
    recovery: [Recovery; SERVICE_COUNT],
    server: InMemoryServer,
    last_scan_ago: Option<SimDuration>,
    disk_free_mb: u64,
    reclaimable_mb: u64,
    /// Registry values this PC has beyond the defaults: key, name, data.
    registry_values: Vec<(String, String, RegValue)>,
    /// The PC keeps its event logs (on by default; fleets switch them off).
    event_log: bool,
}

impl Default for PcBuilder {
    fn default() -> Self {
        PcBuilder {
            seed: 0,
            start: CivilDateTime::PATCH_TUESDAY,
            device: Device::default(),
            start_types: Scm::default_start_types(),
            recovery: [Recovery::NONE; SERVICE_COUNT],
            server: InMemoryServer::default(),
            last_scan_ago: Some(SimDuration::from_hours(2)),
            disk_free_mb: 120_000,
            reclaimable_mb: default_fs::DEFAULT_RECLAIMABLE / MB,
            registry_values: Vec::new(),
            event_log: true,
        }
    }
}

impl PcBuilder {
    /// The seed of all the PC's randomness.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// The local date and time at which the simulation starts.
    pub fn start(mut self, start: CivilDateTime) -> Self {
        self.start = start;
        self
    }

    /// The device.
    pub fn device(mut self, device: Device) -> Self {
        self.device = device;
        self
    }

    /// A service's start type.
    pub fn start_type(mut self, id: ServiceId, start_type: StartType) -> Self {
        self.start_types[id.index()] = start_type;
        self
    }

    /// A service's recovery actions.
    pub fn recovery(mut self, id: ServiceId, recovery: Recovery) -> Self {
        self.recovery[id.index()] = recovery;
        self
    }

    /// The catalog the update server publishes.
    pub fn catalog(mut self, catalog: Catalog) -> Self {
        self.server = InMemoryServer::new(catalog);
        self
    }

    /// The update server (its catalog and behaviour).
    pub fn server(mut self, server: InMemoryServer) -> Self {
        self.server = server;
        self
    }

    /// How the update server behaves.
    pub fn server_behavior(mut self, behavior: ServerBehavior) -> Self {
        self.server.behavior = behavior;
        self
    }

    /// How long before the start the last successful scan was (`None`: never).
    pub fn last_scan_ago(mut self, ago: Option<SimDuration>) -> Self {
        self.last_scan_ago = ago;
        self
    }

    /// Free space on the system drive, in MB (at most what the drive holds beside the files
    /// wusim lists).
    pub fn disk_free_mb(mut self, mb: u64) -> Self {
        self.disk_free_mb = mb;
        self
    }

    /// Temporary files Disk Cleanup can remove, in MB (part of the used space).
    pub fn reclaimable_mb(mut self, mb: u64) -> Self {
        self.reclaimable_mb = mb;
        self
    }

    fn file_system(&self) -> FileSystem {
        let mut fs = FileSystem::new(default_fs::base(), 0);
        let reclaimable = self.reclaimable_mb.saturating_mul(MB);
        // The shared tree already holds the default amount.
        let files = if reclaimable == default_fs::DEFAULT_RECLAIMABLE {
            &[][..]
        } else {
            &RECLAIMABLE[..]
        };
        for &(file, share) in files {
            if let Some(mut node) = fs.get(file).cloned() {
                if let crate::world::fs::Kind::File { bytes, .. } = &mut node.kind {
                    *bytes = reclaimable / 100 * share;
                }
                fs.put(file, node);
            }
        }
        let total = self.device.disk_total_mb.saturating_mul(MB);
        let used = total.saturating_sub(self.disk_free_mb.saturating_mul(MB));
        fs.other_bytes = used.saturating_sub(fs.used_bytes());
        fs
    }

    /// A registry value the PC has from the start (a policy, say), the key written as `reg`
    /// accepts it (`HKLM\SOFTWARE\...`). A key without a root is ignored.
    pub fn registry_value(mut self, key: &str, name: &str, value: RegValue) -> Self {
        if let Some(key) = crate::world::registry::normalize(key) {
            self.registry_values.push((key, name.to_string(), value));
        }
        self
    }

    /// Whether the PC keeps its event logs. Off, nothing is logged (Event Viewer and the
    /// update history stay empty) and the PC stays small; it behaves exactly the same.
    pub fn event_log(mut self, on: bool) -> Self {
        self.event_log = on;
        self
    }

    /// The registry: the defaults, with the start types and values this PC was given.
    fn registry(&self) -> Registry {
        let mut registry = Registry::default();
        for id in ServiceId::all() {
            let start_type = self.start_types[id.index()];
            if start_type != id.spec().default_start {
                registry.set_start_type(id, start_type);
            }
        }
        for (key, name, value) in &self.registry_values {
            registry.set_value(key, name, value.clone());
        }
        registry
    }

    /// The PC, booted and settled, at time zero.
    pub fn build(&self) -> Pc {
        let mut sim = Sim::new(self.seed);
        // The SCM boots from the registry, as at every boot.
        let registry = self.registry();
        let mut start_types = self.start_types;
        // Only values given beside the start types can make the registry say otherwise.
        if !self.registry_values.is_empty() {
            for id in ServiceId::all() {
                let trigger = start_types[id.index()] == StartType::ManualTrigger;
                if let Some(start_type) = registry.start_type(id, trigger) {
                    start_types[id.index()] = start_type;
                }
            }
        }
        let mut scm = Scm::booted(start_types, &mut sim);
        for id in ServiceId::all() {
            scm.set_recovery(id, self.recovery[id.index()]);
        }
        let world = World {
            sim,
            scm,
            device: self.device.clone(),
            log: if self.event_log {
                EventLog::new()
            } else {
                EventLog::off()
            },
            server: self.server.clone(),
            fs: self.file_system(),
            registry,
            start: self.start,
            wedged: [0; SERVICE_COUNT],
            stores_checked_by: [0; 3],
            boots: 0,
            store_view: Default::default(),
        };
        // Times before the start are shown relative to it; the model's clock starts at zero,
        // so a scan before the start is remembered as "at zero" with its age noted here.
        let mut pc = Pc {
            world,
            agent: Agent::new(),
            uso: Orchestrator::new(),
            last_scan_before_start: self.last_scan_ago,
            powered_off: false,
        };
        let since = self.last_scan_ago.unwrap_or(SimDuration::ZERO);
        pc.uso.plan_first_scan(&mut pc.world, since);
        pc
    }
}

/// One simulated PC.
#[derive(Clone, Debug)]
pub struct Pc {
    world: World<Event>,
    agent: Agent,
    uso: Orchestrator,
    /// How long before the start the last scan was, while no scan has happened since.
    last_scan_before_start: Option<SimDuration>,
    /// Shut down ([`Pc::power_off`]) and not switched on again.
    powered_off: bool,
}

impl Default for Pc {
    fn default() -> Self {
        PcBuilder::default().build()
    }
}

impl Pc {
    /// A builder with every default (see [`PcBuilder`]).
    pub fn builder() -> PcBuilder {
        PcBuilder::default()
    }

    /// The world: clock, services, device, logs, server and file system.
    pub fn world(&self) -> &World<Event> {
        &self.world
    }

    /// The current simulated time.
    pub fn now(&self) -> SimTime {
        self.world.now()
    }

    /// The current local date and time, by the PC's clock.
    pub fn clock(&self) -> CivilDateTime {
        self.world.clock()
    }

    /// The local date and time of a simulated instant, as the PC's own clock shows it: the
    /// true time plus the clock's error (`Device::clock_offset_secs`). Event logs, Settings
    /// and active hours all go by this clock, as on Windows.
    pub fn date_time(&self, time: SimTime) -> CivilDateTime {
        self.world.date_time(time)
    }

    /// The true local date and time at which the simulation started.
    pub fn start(&self) -> CivilDateTime {
        self.world.start
    }

    /// The Service Control Manager.
    pub fn scm(&self) -> &Scm {
        &self.world.scm
    }

    /// The device.
    pub fn device(&self) -> &Device {
        &self.world.device
    }

    /// The event logs.
    pub fn log(&self) -> &EventLog {
        &self.world.log
    }

    /// The message text of a log record (update titles come from the server's catalog).
    pub fn message(&self, record: &EventRecord) -> String {
        record.entry.message(self.world.server.catalog())
    }

    /// The update server.
    pub fn server(&self) -> &InMemoryServer {
        &self.world.server
    }

    /// The Windows Update agent's state.
    pub fn agent(&self) -> &Agent {
        &self.agent
    }

    /// The Update Orchestrator's state.
    pub fn orchestrator(&self) -> &Orchestrator {
        &self.uso
    }

    /// True when the service's current process is wedged: it runs but does no work.
    pub fn is_wedged(&self, id: ServiceId) -> bool {
        self.world.is_wedged(id)
    }

    /// Free space on the system drive, in MB.
    pub fn disk_free_mb(&self) -> u64 {
        self.world.disk_free_mb()
    }

    /// When the last successful scan was, as a local date and time.
    pub fn last_checked(&self) -> Option<CivilDateTime> {
        match (self.agent.last_checked, self.last_scan_before_start) {
            (Some(t), _) => Some(self.date_time(t)),
            (None, Some(ago)) => Some(self.date_time(SimTime::ZERO).minus(ago)),
            (None, None) => None,
        }
    }

    /// A uniform number in `low..=high` from the PC's one RNG (for `%RANDOM%`).
    pub fn draw(&mut self, low: u64, high: u64) -> u64 {
        self.world.sim.rng().range_inclusive(low, high.max(low))
    }

    /// The PC's memory: its own size and the bytes it holds on the heap (event log, event
    /// queue, device lists, file-system differences, the agent's list). Data shared by every
    /// PC — the update catalog, the default file-system tree, the service graph — is not
    /// counted. An estimate from capacities, for benchmarks and fleet planning.
    pub fn footprint(&self) -> (usize, usize) {
        let w = &self.world;
        let heap = w.sim.heap_bytes()
            + w.log.heap_bytes()
            + w.device.heap_bytes()
            + w.fs.heap_bytes()
            + w.registry.heap_bytes()
            + self.agent.heap_bytes();
        (std::mem::size_of::<Pc>(), heap)
    }

    /// Number of events waiting to happen.
    pub fn pending_events(&self) -> usize {
        self.world.sim.pending()
    }

    /// Changes the world from outside — a command, a remedy — and lets the PC react as it
    /// does to any event.
    pub fn act<R>(&mut self, change: impl FnOnce(&mut World<Event>) -> R) -> R {
        let result = change(&mut self.world);
        self.observe();
        result
    }

    /// Starts a service (and what it depends on). See [`Scm::start`].
    pub fn start_service(&mut self, id: ServiceId) -> Result<(), Win32Error> {
        self.act(|w| w.scm.start(id, &mut w.sim, &mut w.log))
    }

    /// Stops a service, with or without the services that depend on it. See [`Scm::stop`].
    pub fn stop_service(&mut self, id: ServiceId, with_dependents: bool) -> Result<(), Win32Error> {
        self.act(|w| w.scm.stop(id, with_dependents, &mut w.sim, &mut w.log))
    }

    /// Stops a service and starts it again once stopped. See [`Scm::restart`].
    pub fn restart_service(
        &mut self,
        id: ServiceId,
        with_dependents: bool,
    ) -> Result<(), Win32Error> {
        self.act(|w| w.scm.restart(id, with_dependents, &mut w.sim, &mut w.log))
    }

    /// Changes a service's start type. See [`Scm::set_start_type`].
    pub fn set_start_type(
        &mut self,
        id: ServiceId,
        start_type: StartType,
    ) -> Result<(), Win32Error> {
        self.act(|w| w.set_start_type(id, start_type))
    }

    /// Sets a service's recovery actions.
    pub fn set_recovery(&mut self, id: ServiceId, recovery: Recovery) {
        self.world.scm.set_recovery(id, recovery);
    }

    /// Fault: the service's process dies. See [`Scm::crash`].
    pub fn crash_service(&mut self, id: ServiceId) -> bool {
        self.act(|w| w.scm.crash(id, &mut w.sim, &mut w.log))
    }

    /// Fault: the service stops with an error. See [`Scm::fail`].
    pub fn fail_service(&mut self, id: ServiceId, error: Win32Error) -> bool {
        self.act(|w| w.scm.fail(id, error, &mut w.sim, &mut w.log))
    }

    /// Fault: the service stops answering the SCM. See [`Scm::hang`].
    pub fn hang_service(&mut self, id: ServiceId) {
        self.world.scm.hang(id);
    }

    /// Applies a fault now.
    pub fn inject(&mut self, fault: Fault) {
        self.strike(fault);
        self.observe();
    }

    /// A fault strikes. A wedged Windows Update is stuck in a scan: if it was idle, the scan
    /// it hangs in begins now (restarting the service ends it with 0x8024001E).
    fn strike(&mut self, fault: Fault) {
        fault.apply(&mut self.world);
        let stuck_scan = Fault::ServiceWedged {
            service: ServiceId::WUAUSERV,
        };
        if fault == stuck_scan
            && self.agent.is_idle()
            && let Some(end) = self.agent.begin_scan(&mut self.world)
        {
            self.uso.on_job_end(end, &mut self.agent, &mut self.world);
        }
    }

    /// Plans a fault for a later simulated time.
    pub fn inject_at(&mut self, at: SimTime, fault: Fault) {
        self.world.sim.schedule_at(at, Event::Fault(fault));
    }

    /// Restarts the PC, as Windows does: everything stops and all work in flight is dropped,
    /// staged updates are committed, and after [`RESTART_DURATION`] the SCM starts the
    /// Automatic services (the delayed ones two minutes later). Manual services stay stopped
    /// until something needs them.
    pub fn reboot(&mut self) {
        self.shut_down();
        self.world
            .sim
            .schedule(RESTART_DURATION, Event::BootComplete);
    }

    /// Shuts the PC down ("Update and shut down" when updates wait for a restart: they are
    /// committed): everything stops and all planned work is dropped, the scheduled scan
    /// included, until [`Pc::power_on`]. Time still passes; nothing happens.
    pub fn power_off(&mut self) {
        if self.powered_off {
            return;
        }
        self.shut_down();
        self.powered_off = true;
    }

    /// Switches a shut-down PC on: it boots as after a restart, and the Orchestrator scans
    /// a few minutes after it starts (the scan task missed while off). Nothing if it is on.
    pub fn power_on(&mut self) {
        if std::mem::take(&mut self.powered_off) {
            self.world
                .sim
                .schedule(RESTART_DURATION, Event::BootComplete);
        }
    }

    /// True while the PC is shut down.
    pub fn is_powered_off(&self) -> bool {
        self.powered_off
    }

    /// The shutdown half of a restart.
    fn shut_down(&mut self) {
        let w = &mut self.world;
        w.boots = w.boots.wrapping_add(1);
        w.scm.shutdown(w.sim.now());
        // The SCM of the next boot reads the start types from the registry.
        w.load_start_types();
        w.sim.clear_pending();
        w.wedged = [0; SERVICE_COUNT];
        let day = w.clock().day_number();
        w.device.commit_staged(day);
        w.note_pending_restart();
        self.agent.on_reboot(w);
        self.uso.on_reboot();
    }

    /// Handles the next pending event, if any; returns false when nothing is pending.
    pub fn step(&mut self) -> bool {
        match self.world.sim.next_time() {
            Some(time) => self.step_until(time),
            None => false,
        }
    }

    /// Lets simulated time pass until `time`, handling every event due by then.
    pub fn run_until(&mut self, time: SimTime) {
        while self.step_until(time) {}
        self.world.sim.advance_to(time);
    }

    /// Lets `duration` of simulated time pass.
    pub fn run_for(&mut self, duration: SimDuration) {
        self.run_until(self.now() + duration);
    }

    /// Handles one event due at or before `limit`; false if there is none.
    fn step_until(&mut self, limit: SimTime) -> bool {
        let Some(event) = self.world.sim.pop_until(limit) else {
            return false;
        };
        let w = &mut self.world;
        match event {
            Event::Scm(e) => w.scm.handle(e, &mut w.sim, &mut w.log),
            Event::BootComplete => w.scm.boot(&mut w.sim, &mut w.log),
            Event::Agent(e) => {
                if let Some(end) = self.agent.handle(w, e) {
                    self.uso.on_job_end(end, &mut self.agent, w);
                }
            }
            Event::Uso(e) => {
                if let Some(Request::Reboot) = self.uso.handle(e, &mut self.agent, w) {
                    self.reboot();
                }
            }
            Event::Fault(f) => self.strike(f),
        }
        self.observe();
        true
    }

    /// How the PC reacts after every event and every change from outside, in this order:
    /// a service that has just started makes the folders a reset took away (so the agent
    /// finds them); then the Orchestrator looks at the services — UsoSvc started or stopped,
    /// a job that lost its service — and gives an idle agent its next job. Services first,
    /// because the Orchestrator's decisions depend on what is running now.
    fn observe(&mut self) {
        self.world.recreate_stores();
        self.uso.observe(&mut self.agent, &mut self.world);
    }

    // ----- Settings and UsoClient: the Orchestrator's entry points ---------------------

    /// UsoSvc is running and doing its work.
    pub fn orchestrator_working(&self) -> bool {
        Orchestrator::working(&self.world)
    }

    /// Updates are paused now.
    pub fn paused(&self) -> bool {
        self.uso.paused(&self.world)
    }

    /// "Check for updates" in Settings (and `UsoClient StartScan`).
    pub fn check_for_updates(&mut self) -> CheckOutcome {
        let outcome = self.uso.check_for_updates(&mut self.agent, &mut self.world);
        self.observe();
        outcome
    }

    /// `UsoClient StartDownload` / the Download button.
    pub fn start_download_now(&mut self) -> CheckOutcome {
        let outcome = self
            .uso
            .start_download_now(&mut self.agent, &mut self.world);
        self.observe();
        outcome
    }

    /// `UsoClient StartInstall` / Install now.
    pub fn start_install_now(&mut self) -> CheckOutcome {
        let outcome = self.uso.start_install_now(&mut self.agent, &mut self.world);
        self.observe();
        outcome
    }

    /// "Download and install" the optional feature update, when it is offered.
    pub fn request_feature_update(&mut self) -> bool {
        let offered = self
            .uso
            .request_feature_update(&mut self.agent, &mut self.world);
        self.observe();
        offered
    }

    /// Pause updates for `days` (1–35): cancels a planned restart and any install under way.
    pub fn pause_updates(&mut self, days: u64) -> Result<SimTime, String> {
        self.uso.pause_updates(&mut self.agent, &self.world, days)
    }

    /// Resume updates: the Orchestrator scans straight away.
    pub fn resume_updates(&mut self) {
        self.uso.resume_updates(&mut self.agent, &mut self.world);
        self.observe();
    }

    /// Let the Orchestrator restart the PC by itself outside active hours, or not.
    pub fn set_auto_restart(&mut self, on: bool) {
        self.uso.set_auto_restart(on);
    }

    /// Set active hours (`start` to `end`, 0–23, at most 18 hours).
    pub fn set_active_hours(&mut self, start: u8, end: u8) -> Result<(), ActiveHoursError> {
        self.uso.set_active_hours(start, end)
    }

    /// Settings > Advanced options > "Download updates over metered connections".
    pub fn set_download_over_metered(&mut self, on: bool) {
        self.uso.download_over_metered = on;
        self.observe();
    }

    /// True if `hour` (0–23) is within active hours.
    pub fn in_active_hours(&self, hour: u8) -> bool {
        self.uso.in_active_hours(hour)
    }

    // ----- The troubleshooter: a remedy in steps that take time ------------------------

    /// The Windows Update troubleshooter: it "analyzes the situation and resets any
    /// components that need it". It sets the update services back to their default start
    /// types and starts them, restarts a wedged one, stops the services holding a damaged
    /// store, deletes the damaged files (Windows makes new ones) and starts the services
    /// again, reports what it cannot fix (the network, the proxy, the disk, the component
    /// store, a hung service, a pending restart), and ends any job in flight. About two
    /// minutes of simulated time.
    pub fn troubleshoot(&mut self) -> Vec<Finding> {
        let mut findings = self.act(remedy::troubleshoot_services);
        // The services it started settle (and start those they need) before it goes on.
        self.run_for(SimDuration::from_secs(10));
        for folder in remedy::damaged_stores(&self.world) {
            let held: Vec<ServiceId> = World::<Event>::holders(folder.path())
                .filter(|&s| self.world.scm.state(s) != ServiceState::Stopped)
                .collect();
            for &s in &held {
                let _ = self.stop_service(s, true);
            }
            self.run_for(SimDuration::from_secs(10));
            let status = self.act(|w| remedy::reset_store(w, folder));
            for &s in &held {
                if self.world.scm.status(s).start_type != StartType::Disabled {
                    let _ = self.start_service(s);
                }
            }
            findings.push(remedy::finding(remedy::store_problem(folder), status));
        }
        findings.extend(remedy::troubleshoot_rest(&self.world));
        let end = self
            .agent
            .abort(&mut self.world, crate::win32::HResult::WU_E_SERVICE_STOP);
        if let Some(end) = end {
            self.uso.on_job_end(end, &mut self.agent, &mut self.world);
        }
        self.observe();
        self.run_for(remedy::TROUBLESHOOTER_TIME);
        findings.dedup_by(|a, b| a.problem == b.problem && a.status == b.status);
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pc_switched_off_does_nothing_and_scans_soon_after_it_is_switched_on() {
        let mut pc = Pc::builder().seed(2).build();
        pc.power_off();
        assert!(pc.is_powered_off() && pc.pending_events() == 0);
        pc.run_for(SimDuration::from_hours(48));
        assert_eq!(pc.agent().server_requests, 0, "no scan while off");
        assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Stopped);
        pc.power_on();
        pc.run_for(SimDuration::from_mins(10));
        assert!(!pc.is_powered_off());
        assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Running);
        assert_eq!(
            pc.agent().server_requests,
            3,
            "the missed scan runs after boot, then two downloads"
        );
        assert_eq!(
            pc.agent().downloaded_mb,
            302 + 60,
            "June's update and the definitions"
        );
    }

    #[test]
    fn shutting_down_commits_what_waits_for_a_restart() {
        let mut pc = Pc::builder().seed(2).build();
        pc.check_for_updates();
        pc.run_for(SimDuration::from_hours(1));
        assert!(pc.device().pending_restart());
        pc.power_off();
        assert!(!pc.device().pending_restart());
        assert_eq!(pc.device().os.revision, 5472);
    }

    #[test]
    fn a_failing_update_fails_with_its_error_every_time_and_the_rest_installs() {
        use crate::win32::HResult;
        let bad = HResult(0x800F_0922);
        let device = Device {
            failing_update: Some((5_060_999, bad)),
            ..Device::default()
        };
        let mut pc = Pc::builder().seed(2).device(device).build();
        pc.check_for_updates();
        pc.run_for(SimDuration::from_hours(1));
        assert_eq!(pc.agent().last_error, Some(bad));
        assert!(!pc.device().pending_restart());
        pc.run_for(SimDuration::from_hours(48));
        assert_eq!(
            pc.agent().last_error,
            Some(bad),
            "retried at the next scan, failed again"
        );
        assert_eq!(pc.device().os.revision, 5335, "still on May's update");
    }

    #[test]
    fn a_pc_without_its_event_log_behaves_the_same() {
        let run = |log: bool| {
            let mut pc = Pc::builder().seed(9).event_log(log).build();
            pc.check_for_updates();
            pc.run_for(SimDuration::from_hours(30));
            (
                pc.device().clone(),
                pc.agent().downloaded_mb,
                pc.log().len(),
            )
        };
        let (with, mb, records) = run(true);
        let (without, mb_off, none) = run(false);
        assert_eq!(with, without);
        assert_eq!(mb, mb_off);
        assert!(records > 5 && none == 0);
    }

    #[test]
    fn a_default_pc_is_quiet_until_its_next_scan() {
        let mut pc = Pc::default();
        assert_eq!(pc.pending_events(), 1, "the next automatic scan");
        pc.run_for(SimDuration::from_hours(15));
        assert!(pc.log().is_empty());
        assert_eq!(pc.clock().to_string(), "2025-06-11T01:30:00");
        assert_eq!(
            pc.last_checked().unwrap().to_string(),
            "2025-06-10T08:30:00"
        );
    }

    #[test]
    fn reboot_starts_automatic_services_and_leaves_manual_ones() {
        let mut pc = Pc::default();
        pc.start_service(ServiceId::WUAUSERV).unwrap();
        pc.run_for(SimDuration::from_secs(10));
        assert_eq!(pc.scm().state(ServiceId::WUAUSERV), ServiceState::Running);
        pc.reboot();
        assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Stopped);
        pc.run_for(RESTART_DURATION + SimDuration::from_secs(10));
        assert_eq!(pc.scm().state(ServiceId::CRYPTSVC), ServiceState::Running);
        assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Stopped);
        pc.run_for(crate::scm::DELAYED_START);
        assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Running);
        assert_eq!(pc.scm().state(ServiceId::WUAUSERV), ServiceState::Stopped);
    }

    #[test]
    fn clones_continue_identically() {
        let mut a = Pc::builder().seed(3).build();
        a.check_for_updates();
        let mut b = a.clone();
        a.run_for(SimDuration::from_hours(3));
        b.run_for(SimDuration::from_hours(3));
        assert_eq!(a.log(), b.log());
        assert_eq!(a.scm(), b.scm());
        assert_eq!(a.device(), b.device());
        assert_eq!(a.world().fs, b.world().fs);
    }

    #[test]
    fn the_disk_adds_up_to_what_the_builder_asked() {
        let pc = Pc::builder()
            .disk_free_mb(5_000)
            .reclaimable_mb(12_000)
            .build();
        assert_eq!(pc.disk_free_mb(), 5_000);
        let mut pc = pc;
        let freed = pc.act(remedy::disk_cleanup);
        assert_eq!(freed / MB, 12_000);
        assert_eq!(pc.disk_free_mb(), 17_000);
    }
}
