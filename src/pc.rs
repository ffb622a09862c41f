//! [`Pc`]: one simulated PC — its device, its services, the Windows Update agent and the
//! Update Orchestrator, the update server it talks to, its event logs and its clock — and the
//! event loop that moves it through simulated time.
//!
//! A `Pc` is built with [`PcBuilder`] (every default listed there), starts already booted and
//! quiet, and only changes when it is told to (a control, a fault, a remedy, a reboot) or
//! when simulated time passes ([`Pc::run_for`], [`Pc::run_until`]). It is cheap to create and
//! to clone: a clone is an independent PC that continues exactly as the original would.
//!
//! The agent (`agent.rs`), the Orchestrator (`orchestrator.rs`), faults (`fault.rs`) and
//! remedies (`remedy.rs`) add their methods to `Pc` in their own modules.

use crate::agent::{Agent, AgentEvent};
use crate::device::Device;
use crate::engine::{CivilDateTime, Sim, SimDuration, SimTime};
use crate::eventlog::{Entry, EventLog, EventRecord};
use crate::fault::Fault;
use crate::orchestrator::{Orchestrator, UsoEvent};
use crate::scm::{Recovery, SERVICE_COUNT, Scm, ScmEvent, ServiceId, StartType};
use crate::update::{Catalog, InMemoryServer, ServerBehavior};
use crate::win32::Win32Error;

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
    /// Work of the Update Orchestrator.
    Uso(UsoEvent),
    /// A fault strikes.
    Fault(Fault),
}

impl From<ScmEvent> for Event {
    fn from(event: ScmEvent) -> Self {
        Event::Scm(event)
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
/// - device: [`Device::default()`], a healthy Windows 11 23H2 PC on May's cumulative update;
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

    /// The PC, booted and settled, at time zero.
    pub fn build(&self) -> Pc {
        let mut sim = Sim::new(self.seed);
        let mut scm = Scm::booted(self.start_types, &mut sim);
        for id in ServiceId::all() {
            scm.set_recovery(id, self.recovery[id.index()]);
        }
        // Times before the start are shown relative to it; the model's clock starts at zero,
        // so a scan before the start is remembered as "at zero" with its age noted here.
        let mut pc = Pc {
            sim,
            scm,
            device: self.device.clone(),
            log: EventLog::new(),
            start: self.start,
            server: self.server.clone(),
            agent: Agent::new(None),
            uso: Orchestrator::new(),
            wedged_pids: [0; SERVICE_COUNT],
            last_scan_before_start: self.last_scan_ago,
        };
        pc.plan_first_scan(self.last_scan_ago.unwrap_or(SimDuration::ZERO));
        pc
    }
}

/// One simulated PC.
#[derive(Clone, Debug)]
pub struct Pc {
    pub(crate) sim: Sim<Event>,
    pub(crate) scm: Scm,
    pub(crate) device: Device,
    pub(crate) log: EventLog,
    pub(crate) start: CivilDateTime,
    pub(crate) server: InMemoryServer,
    pub(crate) agent: Agent,
    pub(crate) uso: Orchestrator,
    /// For each service wedged by a fault (running, doing no work), the process that is
    /// wedged; 0 for none. A new process of the service is not wedged.
    pub(crate) wedged_pids: [u32; SERVICE_COUNT],
    /// How long before the start the last scan was, while no scan has happened since.
    pub(crate) last_scan_before_start: Option<SimDuration>,
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

    /// The current simulated time.
    pub fn now(&self) -> SimTime {
        self.sim.now()
    }

    /// The current local date and time, by the PC's clock.
    pub fn clock(&self) -> CivilDateTime {
        self.date_time(self.now())
    }

    /// The local date and time of a simulated instant, as the PC's own clock shows it: the
    /// true time plus the clock's error (`Device::clock_offset_secs`). Event logs, Settings
    /// and active hours all go by this clock, as on Windows.
    pub fn date_time(&self, time: SimTime) -> CivilDateTime {
        let true_time = self.start.plus(time.since(SimTime::ZERO));
        let offset = self.device.clock_offset_secs;
        if offset >= 0 {
            true_time.plus(SimDuration::from_secs(offset as u64))
        } else {
            true_time.minus(SimDuration::from_secs(offset.unsigned_abs()))
        }
    }

    /// The local date and time at which the simulation started.
    pub fn start(&self) -> CivilDateTime {
        self.start
    }

    /// The Service Control Manager.
    pub fn scm(&self) -> &Scm {
        &self.scm
    }

    /// The device.
    pub fn device(&self) -> &Device {
        &self.device
    }

    /// The event logs.
    pub fn log(&self) -> &EventLog {
        &self.log
    }

    /// The message text of a log record (update titles come from the server's catalog).
    pub fn message(&self, record: &EventRecord) -> String {
        record.entry.message(self.server.catalog())
    }

    /// The update server.
    pub fn server(&self) -> &InMemoryServer {
        &self.server
    }

    /// The Windows Update agent's state.
    pub fn agent(&self) -> &Agent {
        &self.agent
    }

    /// The Update Orchestrator's state.
    pub fn orchestrator(&self) -> &Orchestrator {
        &self.uso
    }

    /// True when the service's current process is wedged: it runs but does no work (a
    /// fault that lasts until the service is restarted).
    pub fn is_wedged(&self, id: ServiceId) -> bool {
        let pid = self.scm.status(id).pid;
        pid != 0 && self.wedged_pids[id.index()] == pid
    }

    /// When the last successful scan was, as a local date and time.
    pub fn last_checked(&self) -> Option<CivilDateTime> {
        match (self.agent.last_checked, self.last_scan_before_start) {
            (Some(t), _) => Some(self.date_time(t)),
            (None, Some(ago)) => Some(self.date_time(SimTime::ZERO).minus(ago)),
            (None, None) => None,
        }
    }

    /// Number of events waiting to happen.
    pub fn pending_events(&self) -> usize {
        self.sim.pending()
    }

    pub(crate) fn write(&mut self, entry: Entry) {
        self.log.write(self.sim.now(), entry);
    }

    /// Starts a service (and what it depends on). See [`Scm::start`].
    pub fn start_service(&mut self, id: ServiceId) -> Result<(), Win32Error> {
        let result = self.scm.start(id, &mut self.sim, &mut self.log);
        self.observe();
        result
    }

    /// Stops a service, with or without the services that depend on it. See [`Scm::stop`].
    pub fn stop_service(&mut self, id: ServiceId, with_dependents: bool) -> Result<(), Win32Error> {
        let result = self
            .scm
            .stop(id, with_dependents, &mut self.sim, &mut self.log);
        self.observe();
        result
    }

    /// Stops a service and starts it again once stopped. See [`Scm::restart`].
    pub fn restart_service(
        &mut self,
        id: ServiceId,
        with_dependents: bool,
    ) -> Result<(), Win32Error> {
        let result = self
            .scm
            .restart(id, with_dependents, &mut self.sim, &mut self.log);
        self.observe();
        result
    }

    /// Changes a service's start type. See [`Scm::set_start_type`].
    pub fn set_start_type(
        &mut self,
        id: ServiceId,
        start_type: StartType,
    ) -> Result<(), Win32Error> {
        self.scm
            .set_start_type(id, start_type, self.sim.now(), &mut self.log)
    }

    /// Sets a service's recovery actions.
    pub fn set_recovery(&mut self, id: ServiceId, recovery: Recovery) {
        self.scm.set_recovery(id, recovery);
    }

    /// Fault: the service's process dies. See [`Scm::crash`].
    pub fn crash_service(&mut self, id: ServiceId) -> bool {
        let crashed = self.scm.crash(id, &mut self.sim, &mut self.log);
        self.observe();
        crashed
    }

    /// Fault: the service stops with an error. See [`Scm::fail`].
    pub fn fail_service(&mut self, id: ServiceId, error: Win32Error) -> bool {
        let failed = self.scm.fail(id, error, &mut self.sim, &mut self.log);
        self.observe();
        failed
    }

    /// Fault: the service stops answering the SCM. See [`Scm::hang`].
    pub fn hang_service(&mut self, id: ServiceId) {
        self.scm.hang(id);
    }

    /// Restarts the PC, as Windows does: everything stops and all work in flight is dropped,
    /// staged updates are committed, and after [`RESTART_DURATION`] the SCM starts the
    /// Automatic services (the delayed ones two minutes later). Manual services stay stopped
    /// until something needs them.
    pub fn reboot(&mut self) {
        let now = self.sim.now();
        self.scm.shutdown(now);
        self.sim.clear_pending();
        self.wedged_pids = [0; SERVICE_COUNT];
        self.agent.job = crate::agent::Job::Idle;
        self.agent.generation = self.agent.generation.wrapping_add(1);
        self.uso.generation = self.uso.generation.wrapping_add(1);
        self.uso.process = 0;
        self.uso.restart_at = None;
        self.uso.next_scan = None;
        self.uso.blocked = false;
        self.uso.check_requested = None;
        let day = self.clock().day_number();
        self.device.commit_staged(day);
        // What was offered may no longer apply (installed now, or a new Windows version).
        let (catalog, device) = (self.server.catalog(), &self.device);
        let applies = |id| {
            catalog.get(id).is_some_and(|u| {
                crate::update::applicability::evaluate(u, device, catalog)
                    == crate::update::Applicability::Applicable
            })
        };
        self.agent.offered.retain(|&id| applies(id));
        self.agent.downloaded.retain(|&id| applies(id));
        self.sim.schedule(RESTART_DURATION, Event::BootComplete);
    }

    /// Handles the next pending event, if any; returns false when nothing is pending.
    pub fn step(&mut self) -> bool {
        match self.sim.next_time() {
            Some(time) => self.step_until(time),
            None => false,
        }
    }

    /// Lets simulated time pass until `time`, handling every event due by then.
    pub fn run_until(&mut self, time: SimTime) {
        while self.step_until(time) {}
        self.sim.advance_to(time);
    }

    /// Lets `duration` of simulated time pass.
    pub fn run_for(&mut self, duration: SimDuration) {
        self.run_until(self.now() + duration);
    }

    /// Handles one event due at or before `limit`; false if there is none.
    fn step_until(&mut self, limit: SimTime) -> bool {
        let Some(event) = self.sim.pop_until(limit) else {
            return false;
        };
        match event {
            Event::Scm(e) => self.scm.handle(e, &mut self.sim, &mut self.log),
            Event::BootComplete => self.scm.boot(&mut self.sim, &mut self.log),
            Event::Agent(e) => self.handle_agent(e),
            Event::Uso(e) => self.handle_uso(e),
            Event::Fault(f) => self.inject(f),
        }
        self.observe();
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scm::ServiceState;

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
    }
}
