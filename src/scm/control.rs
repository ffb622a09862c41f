//! The SCM's rules: what each control does to a service, what it refuses and with which
//! Win32 error, and how pending states finish.
//!
//! Controls are methods of [`Scm`]. They act at once (a service enters Start Pending or Stop
//! Pending, or the control is refused) and schedule [`ScmEvent`]s that finish the transition
//! later. After every change [`Scm::settle`] moves waiting services along: a starting service
//! waits until everything it depends on is Running, a stopping one until everything that
//! depends on it is Stopped. Each transition bumps the service's generation; events carry the
//! generation they were scheduled for and are ignored once it has moved on, which is how a
//! crash or a reboot cancels work in flight without searching the queue.

use super::SERVICE_COUNT;
use super::graph::dependency_graph;
use super::service::{
    DELAYED_START, Recovery, RecoveryAction, SCM_TIMEOUT, START_MS, STOP_MS, ServiceId, ServiceSet,
    ServiceState, StartType,
};
use crate::engine::{Sim, SimDuration, SimTime};
use crate::eventlog::{Entry, EventLog};
use crate::win32::Win32Error;

/// Work the SCM has planned for later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScmEvent {
    /// A pending start or stop has done its work.
    TransitionDone {
        /// The service.
        service: ServiceId,
        /// The generation the event was planned for.
        generation: u32,
    },
    /// The SCM stops waiting for a service that does not answer.
    Timeout {
        /// The service.
        service: ServiceId,
        /// The generation the event was planned for.
        generation: u32,
    },
    /// A recovery action restarts a service that terminated unexpectedly.
    RecoveryRestart {
        /// The service.
        service: ServiceId,
        /// The generation the event was planned for.
        generation: u32,
    },
    /// Two minutes after boot: start the Automatic (Delayed Start) services.
    DelayedAutoStart,
}

/// How far a pending transition has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Not in a transition, or in one that will never finish (a hung stop).
    Idle,
    /// Waiting for dependencies (to start) or dependents (to stop).
    Waiting,
    /// Doing its own work; a [`ScmEvent::TransitionDone`] or [`ScmEvent::Timeout`] is planned.
    Working,
}

/// The live status and configuration of one service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServiceStatus {
    /// Current state.
    pub state: ServiceState,
    /// Configured start type.
    pub start_type: StartType,
    /// Configured recovery actions.
    pub recovery: Recovery,
    /// True while the service does not respond to the SCM (a fault).
    pub hung: bool,
    /// `WIN32_EXIT_CODE`: 1077 if never started since boot, 0 after a clean stop, otherwise
    /// the error it stopped with.
    pub exit_code: Win32Error,
    /// Process id while it has a process, else 0.
    pub pid: u32,
    /// The process id it had last, so a new process never gets it again at once (a fault
    /// that wedged the old process names it by its id).
    last_pid: u32,
    phase: Phase,
    /// When the current phase began.
    since: SimTime,
    restart_when_stopped: bool,
    failures: u8,
    last_failure: Option<SimTime>,
    generation: u32,
}

impl ServiceStatus {
    fn new(start_type: StartType) -> Self {
        ServiceStatus {
            state: ServiceState::Stopped,
            start_type,
            recovery: Recovery::NONE,
            hung: false,
            exit_code: Win32Error::SERVICE_NEVER_STARTED,
            pid: 0,
            last_pid: 0,
            phase: Phase::Idle,
            since: SimTime::ZERO,
            restart_when_stopped: false,
            failures: 0,
            last_failure: None,
            generation: 0,
        }
    }
}

/// The Service Control Manager of one PC: the status of every service.
///
/// It is a fixed-size `Copy`-able array, so cloning a PC clones it with one memory copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scm {
    services: [ServiceStatus; SERVICE_COUNT],
}

impl Scm {
    /// A PC some time after boot: every service with the given start types, the automatic
    /// ones (whose dependencies could start) Running and the others Stopped. Writes no events.
    pub fn booted<E>(start_types: [StartType; SERVICE_COUNT], sim: &mut Sim<E>) -> Scm {
        let mut scm = Scm {
            services: start_types.map(ServiceStatus::new),
        };
        let graph = dependency_graph();
        for &id in graph.start_order() {
            let deps_running = graph
                .dependencies(id)
                .iter()
                .all(|d| scm.state(d) == ServiceState::Running);
            let s = &mut scm.services[id.index()];
            if s.start_type.is_automatic() && deps_running {
                s.state = ServiceState::Running;
                s.exit_code = Win32Error(0);
                s.pid = new_pid(sim);
            } else if id.spec().stops_when_idle {
                // These start on demand and stop themselves when idle: they have run since boot.
                s.exit_code = Win32Error(0);
            }
        }
        scm
    }

    /// The default start type of every service, in table order.
    pub fn default_start_types() -> [StartType; SERVICE_COUNT] {
        std::array::from_fn(|i| ServiceId(i as u8).spec().default_start)
    }

    /// The status of a service.
    pub fn status(&self, id: ServiceId) -> &ServiceStatus {
        &self.services[id.index()]
    }

    /// The state of a service.
    pub fn state(&self, id: ServiceId) -> ServiceState {
        self.services[id.index()].state
    }

    /// The services that depend on `id` (directly or not) and are not Stopped.
    pub fn active_dependents(&self, id: ServiceId) -> ServiceSet {
        let mut set = ServiceSet::EMPTY;
        for d in dependency_graph().all_dependents(id).iter() {
            if self.state(d) != ServiceState::Stopped {
                set.insert(d);
            }
        }
        set
    }

    /// The running services that depend on `id`, in the order to stop them: a service before
    /// the ones it depends on (the dependency graph's start order, reversed).
    pub fn stop_order(&self, id: ServiceId) -> Vec<ServiceId> {
        let active = self.active_dependents(id);
        dependency_graph()
            .start_order()
            .iter()
            .rev()
            .copied()
            .filter(|&d| active.contains(d))
            .collect()
    }

    /// Start a service and, first, the services it depends on.
    ///
    /// Returns once the start is under way (like `StartService`): the service is Start Pending.
    pub fn start<E: From<ScmEvent>>(
        &mut self,
        id: ServiceId,
        sim: &mut Sim<E>,
        log: &mut EventLog,
    ) -> Result<(), Win32Error> {
        match self.state(id) {
            ServiceState::Running | ServiceState::StartPending => {
                return Err(Win32Error::SERVICE_ALREADY_RUNNING);
            }
            ServiceState::StopPending => return Err(Win32Error::SERVICE_CANNOT_ACCEPT_CTRL),
            ServiceState::Stopped => {}
        }
        if self.status(id).start_type == StartType::Disabled {
            return Err(Win32Error::SERVICE_DISABLED);
        }
        let graph = dependency_graph();
        let deps = graph.all_dependencies(id);
        for &d in graph.start_order().iter().filter(|&&d| deps.contains(d)) {
            let blocked = match self.status(d) {
                s if s.state == ServiceState::StopPending => {
                    Some(Win32Error::SERVICE_CANNOT_ACCEPT_CTRL)
                }
                s if s.state == ServiceState::Stopped && s.start_type == StartType::Disabled => {
                    Some(Win32Error::SERVICE_DISABLED)
                }
                _ => None,
            };
            if let Some(error) = blocked {
                log.write(
                    sim.now(),
                    Entry::DependencyFailed {
                        service: id,
                        dependency: d,
                        error,
                    },
                );
                return Err(Win32Error::SERVICE_DEPENDENCY_FAIL);
            }
        }
        let now = sim.now();
        for &d in graph.start_order() {
            if (d == id || deps.contains(d)) && self.state(d) == ServiceState::Stopped {
                self.enter(d, ServiceState::StartPending, Phase::Waiting, now);
            }
        }
        self.settle(sim, log);
        Ok(())
    }

    /// Stop a service. With `with_dependents` (`net stop` answered Y, `-Force`), the running
    /// services that depend on it are stopped first; without, their presence refuses the stop.
    pub fn stop<E: From<ScmEvent>>(
        &mut self,
        id: ServiceId,
        with_dependents: bool,
        sim: &mut Sim<E>,
        log: &mut EventLog,
    ) -> Result<(), Win32Error> {
        match self.state(id) {
            ServiceState::Stopped => return Err(Win32Error::SERVICE_NOT_ACTIVE),
            ServiceState::StartPending | ServiceState::StopPending => {
                return Err(Win32Error::SERVICE_CANNOT_ACCEPT_CTRL);
            }
            ServiceState::Running => {}
        }
        if !id.spec().stoppable {
            return Err(Win32Error::INVALID_SERVICE_CONTROL);
        }
        let dependents = self.active_dependents(id);
        if !dependents.is_empty() {
            if !with_dependents {
                return Err(Win32Error::DEPENDENT_SERVICES_RUNNING);
            }
            if dependents
                .iter()
                .any(|d| self.state(d) != ServiceState::Running)
            {
                return Err(Win32Error::SERVICE_CANNOT_ACCEPT_CTRL);
            }
        }
        let now = sim.now();
        for d in dependents.iter() {
            self.enter(d, ServiceState::StopPending, Phase::Waiting, now);
        }
        self.enter(id, ServiceState::StopPending, Phase::Waiting, now);
        self.settle(sim, log);
        Ok(())
    }

    /// Stop a service and start it again once it has stopped (what `Restart-Service` and
    /// services.msc's Restart do; Windows has no restart primitive).
    pub fn restart<E: From<ScmEvent>>(
        &mut self,
        id: ServiceId,
        with_dependents: bool,
        sim: &mut Sim<E>,
        log: &mut EventLog,
    ) -> Result<(), Win32Error> {
        self.stop(id, with_dependents, sim, log)?;
        if self.state(id) == ServiceState::Stopped {
            self.start(id, sim, log)
        } else {
            self.services[id.index()].restart_when_stopped = true;
            Ok(())
        }
    }

    /// Change a service's start type (`sc config start=`, `Set-Service -StartupType`).
    /// Writes 7040 when the type changes. A protected service refuses with access denied.
    pub fn set_start_type(
        &mut self,
        id: ServiceId,
        start_type: StartType,
        now: SimTime,
        log: &mut EventLog,
    ) -> Result<(), Win32Error> {
        if id.spec().protected {
            return Err(Win32Error::ACCESS_DENIED);
        }
        let old = self.status(id).start_type;
        if old.event_words() != start_type.event_words() {
            log.write(
                now,
                Entry::StartTypeChanged {
                    service: id,
                    from: old,
                    to: start_type,
                },
            );
        }
        self.services[id.index()].start_type = start_type;
        Ok(())
    }

    /// Sets a service's start type as the SCM reads it from the registry at boot: no event.
    pub fn configure_start_type(&mut self, id: ServiceId, start_type: StartType) {
        self.services[id.index()].start_type = start_type;
    }

    /// Set a service's recovery actions (`sc failure`, the Recovery tab).
    pub fn set_recovery(&mut self, id: ServiceId, recovery: Recovery) {
        self.services[id.index()].recovery = recovery;
    }

    /// The service's process dies (a fault). Writes 7031 or 7034, runs the recovery action,
    /// and stops the services that depended on it. Returns false if it had no process.
    pub fn crash<E: From<ScmEvent>>(
        &mut self,
        id: ServiceId,
        sim: &mut Sim<E>,
        log: &mut EventLog,
    ) -> bool {
        if !self.has_process(id) {
            return false;
        }
        let now = sim.now();
        let s = &mut self.services[id.index()];
        let recent = s
            .last_failure
            .is_some_and(|t| now.since(t).as_millis() < s.recovery.reset_after_ms);
        s.failures = if recent {
            s.failures.saturating_add(1)
        } else {
            1
        };
        s.last_failure = Some(now);
        let (count, action) = (s.failures, s.recovery.action_for(s.failures));
        self.terminate(id, Win32Error::PROCESS_ABORTED, now);
        log.write(
            now,
            Entry::TerminatedUnexpectedly {
                service: id,
                count,
                action,
            },
        );
        if let RecoveryAction::Restart { delay_ms } = action {
            let generation = self.status(id).generation;
            sim.schedule(
                SimDuration::from_millis(u64::from(delay_ms)),
                ScmEvent::RecoveryRestart {
                    service: id,
                    generation,
                },
            );
        }
        self.stop_orphans(id, now, log);
        self.settle(sim, log);
        true
    }

    /// The service stops itself with an error (a fault): writes 7023. Returns false if it
    /// was not running.
    pub fn fail<E: From<ScmEvent>>(
        &mut self,
        id: ServiceId,
        error: Win32Error,
        sim: &mut Sim<E>,
        log: &mut EventLog,
    ) -> bool {
        if self.state(id) != ServiceState::Running {
            return false;
        }
        let now = sim.now();
        self.terminate(id, error, now);
        log.write(now, Entry::TerminatedWithError { service: id, error });
        self.stop_orphans(id, now, log);
        self.settle(sim, log);
        true
    }

    /// The service stops answering the SCM (a fault): a start or stop under way, or asked for
    /// later, never finishes. Cleared when its process crashes or the PC restarts; a start
    /// that times out hangs again next time.
    pub fn hang(&mut self, id: ServiceId) {
        self.services[id.index()].hung = true;
    }

    /// A service stopped by itself because it had nothing to do (Windows Update, BITS and the
    /// Medic service do this). Writes 7036. Returns false if it was not running.
    pub fn idle_stop<E: From<ScmEvent>>(
        &mut self,
        id: ServiceId,
        sim: &mut Sim<E>,
        log: &mut EventLog,
    ) -> bool {
        if self.state(id) != ServiceState::Running || !self.active_dependents(id).is_empty() {
            return false;
        }
        let now = sim.now();
        self.enter(id, ServiceState::Stopped, Phase::Idle, now);
        let s = &mut self.services[id.index()];
        s.exit_code = Win32Error(0);
        s.last_pid = s.pid;
        s.pid = 0;
        log.write(
            now,
            Entry::ServiceStateChanged {
                service: id,
                running: false,
            },
        );
        true
    }

    /// Every service stops, silently, as the PC shuts down; faults of the running processes
    /// (hangs) and failure counts are forgotten. Pending SCM events become stale.
    pub fn shutdown(&mut self, now: SimTime) {
        for id in ServiceId::all() {
            self.enter(id, ServiceState::Stopped, Phase::Idle, now);
            let s = &mut self.services[id.index()];
            s.hung = false;
            s.last_pid = s.pid;
            s.pid = 0;
            s.exit_code = Win32Error::SERVICE_NEVER_STARTED;
            s.restart_when_stopped = false;
            s.failures = 0;
            s.last_failure = None;
        }
    }

    /// The PC has booted: start the Automatic services (and what they depend on) now, and the
    /// Automatic (Delayed Start) ones two minutes later.
    pub fn boot<E: From<ScmEvent>>(&mut self, sim: &mut Sim<E>, log: &mut EventLog) {
        self.start_automatic(StartType::Automatic, sim, log);
        sim.schedule(DELAYED_START, ScmEvent::DelayedAutoStart);
    }

    /// Carries out planned work.
    pub fn handle<E: From<ScmEvent>>(
        &mut self,
        event: ScmEvent,
        sim: &mut Sim<E>,
        log: &mut EventLog,
    ) {
        match event {
            ScmEvent::TransitionDone {
                service,
                generation,
            } if self.is_current(service, generation) => self.finish(service, sim, log),
            ScmEvent::Timeout {
                service,
                generation,
            } if self.is_current(service, generation) => self.time_out(service, sim, log),
            ScmEvent::RecoveryRestart {
                service,
                generation,
            } if self.is_current(service, generation) => {
                if let Err(error) = self.start(service, sim, log) {
                    log.write(sim.now(), Entry::CorrectiveActionFailed { service, error });
                }
            }
            ScmEvent::DelayedAutoStart => {
                self.start_automatic(StartType::AutomaticDelayed, sim, log);
            }
            _ => {} // stale: the service has moved on since the event was planned
        }
        self.settle(sim, log);
    }

    fn start_automatic<E: From<ScmEvent>>(
        &mut self,
        start_type: StartType,
        sim: &mut Sim<E>,
        log: &mut EventLog,
    ) {
        for &id in dependency_graph().start_order() {
            if self.status(id).start_type == start_type && self.state(id) == ServiceState::Stopped {
                // A dependency that cannot start was already logged (7001) by `start`.
                let _ = self.start(id, sim, log);
            }
        }
    }

    fn is_current(&self, id: ServiceId, generation: u32) -> bool {
        self.status(id).generation == generation
    }

    fn has_process(&self, id: ServiceId) -> bool {
        let s = self.status(id);
        match s.state {
            ServiceState::Running | ServiceState::StopPending => true,
            ServiceState::StartPending => s.phase == Phase::Working,
            ServiceState::Stopped => false,
        }
    }

    /// Moves a service to a new state and phase, making its planned events stale.
    fn enter(&mut self, id: ServiceId, state: ServiceState, phase: Phase, now: SimTime) {
        let s = &mut self.services[id.index()];
        s.state = state;
        s.phase = phase;
        s.since = now;
        s.generation = s.generation.wrapping_add(1);
    }

    /// The process is gone: Stopped with `exit_code`, no hang, no restart planned.
    fn terminate(&mut self, id: ServiceId, exit_code: Win32Error, now: SimTime) {
        self.enter(id, ServiceState::Stopped, Phase::Idle, now);
        let s = &mut self.services[id.index()];
        s.exit_code = exit_code;
        s.last_pid = s.pid;
        s.pid = 0;
        s.hung = false;
        s.restart_when_stopped = false;
    }

    /// After `id` died, its running dependents lose what they need and stop too.
    fn stop_orphans(&mut self, id: ServiceId, now: SimTime, log: &mut EventLog) {
        for d in dependency_graph().all_dependents(id).iter() {
            let s = self.status(d);
            let has_process = matches!(s.state, ServiceState::Running | ServiceState::StopPending);
            if has_process {
                self.terminate(d, Win32Error(0), now);
                log.write(
                    now,
                    Entry::ServiceStateChanged {
                        service: d,
                        running: false,
                    },
                );
            }
        }
    }

    /// Moves waiting services along until nothing changes.
    fn settle<E: From<ScmEvent>>(&mut self, sim: &mut Sim<E>, log: &mut EventLog) {
        let graph = dependency_graph();
        let mut changed = true;
        while changed {
            changed = false;
            for &id in graph.start_order() {
                let s = *self.status(id);
                if s.phase != Phase::Waiting {
                    continue;
                }
                match s.state {
                    ServiceState::StartPending => {
                        let deps = graph.dependencies(id);
                        if let Some(failed) = deps
                            .iter()
                            .find(|&d| self.state(d) == ServiceState::Stopped)
                        {
                            self.fail_start_for_dependency(id, failed, sim.now(), log);
                            changed = true;
                        } else if deps.iter().all(|d| self.state(d) == ServiceState::Running) {
                            self.begin_work(id, START_MS, sim);
                            changed = true;
                        }
                    }
                    ServiceState::StopPending => {
                        let dependents = graph.dependents(id);
                        if dependents
                            .iter()
                            .all(|d| self.state(d) == ServiceState::Stopped)
                        {
                            self.begin_work(id, STOP_MS, sim);
                            changed = true;
                        }
                    }
                    ServiceState::Running | ServiceState::Stopped => {}
                }
            }
        }
    }

    fn fail_start_for_dependency(
        &mut self,
        id: ServiceId,
        dependency: ServiceId,
        now: SimTime,
        log: &mut EventLog,
    ) {
        let error = match self.status(dependency).exit_code {
            Win32Error(0) => Win32Error::SERVICE_DEPENDENCY_FAIL,
            error => error,
        };
        self.terminate(id, Win32Error::SERVICE_DEPENDENCY_FAIL, now);
        log.write(
            now,
            Entry::DependencyFailed {
                service: id,
                dependency,
                error,
            },
        );
    }

    /// The service starts its own part of the transition; plans its end (or, if it is hung,
    /// the SCM's timeout).
    fn begin_work<E: From<ScmEvent>>(
        &mut self,
        id: ServiceId,
        range: (u64, u64),
        sim: &mut Sim<E>,
    ) {
        let now = sim.now();
        self.enter(id, self.state(id), Phase::Working, now);
        let s = &mut self.services[id.index()];
        if s.state == ServiceState::StartPending {
            s.pid = new_pid(sim);
            while s.pid == s.last_pid {
                s.pid = new_pid(sim);
            }
        }
        let generation = self.status(id).generation;
        if self.status(id).hung {
            sim.schedule(
                SCM_TIMEOUT,
                ScmEvent::Timeout {
                    service: id,
                    generation,
                },
            );
        } else {
            let ms = sim.rng().range_inclusive(range.0, range.1);
            sim.schedule(
                SimDuration::from_millis(ms),
                ScmEvent::TransitionDone {
                    service: id,
                    generation,
                },
            );
        }
    }

    /// A working transition has done its work.
    fn finish<E: From<ScmEvent>>(&mut self, id: ServiceId, sim: &mut Sim<E>, log: &mut EventLog) {
        let now = sim.now();
        let s = *self.status(id);
        if s.hung {
            // It hung mid-transition: the SCM now waits out its timeout instead.
            let generation = s.generation;
            sim.schedule_at(
                s.since + SCM_TIMEOUT,
                ScmEvent::Timeout {
                    service: id,
                    generation,
                },
            );
            return;
        }
        match s.state {
            ServiceState::StartPending => {
                let graph = dependency_graph();
                if let Some(failed) = graph
                    .dependencies(id)
                    .iter()
                    .find(|&d| self.state(d) != ServiceState::Running)
                {
                    self.fail_start_for_dependency(id, failed, now, log);
                } else if s.start_type == StartType::Disabled {
                    // Disabled while it was starting: it never reaches Running.
                    self.terminate(id, Win32Error::SERVICE_DISABLED, now);
                    log.write(
                        now,
                        Entry::StartFailed {
                            service: id,
                            error: Win32Error::SERVICE_DISABLED,
                        },
                    );
                } else {
                    self.enter(id, ServiceState::Running, Phase::Idle, now);
                    self.services[id.index()].exit_code = Win32Error(0);
                    log.write(
                        now,
                        Entry::ServiceStateChanged {
                            service: id,
                            running: true,
                        },
                    );
                }
            }
            ServiceState::StopPending => {
                let restart = s.restart_when_stopped;
                self.terminate(id, Win32Error(0), now);
                log.write(
                    now,
                    Entry::ServiceStateChanged {
                        service: id,
                        running: false,
                    },
                );
                if restart {
                    // Restart-Service reports a failed start itself; the log has the rest.
                    let _ = self.start(id, sim, log);
                }
            }
            ServiceState::Running | ServiceState::Stopped => {}
        }
    }

    /// The SCM gives up waiting for a hung service.
    fn time_out<E: From<ScmEvent>>(&mut self, id: ServiceId, sim: &mut Sim<E>, log: &mut EventLog) {
        let now = sim.now();
        let ms = SCM_TIMEOUT.as_millis() as u32;
        match self.state(id) {
            ServiceState::StartPending => {
                log.write(now, Entry::ConnectTimeout { service: id, ms });
                log.write(
                    now,
                    Entry::StartFailed {
                        service: id,
                        error: Win32Error::SERVICE_REQUEST_TIMEOUT,
                    },
                );
                self.terminate(id, Win32Error::SERVICE_REQUEST_TIMEOUT, now);
                // Whatever hangs it is still there: the next start hangs too.
                self.services[id.index()].hung = true;
            }
            ServiceState::StopPending => {
                log.write(now, Entry::TransactionTimeout { service: id, ms });
                // The stop never finishes: Stop Pending until the process dies or the PC restarts.
                self.services[id.index()].phase = Phase::Idle;
                self.services[id.index()].restart_when_stopped = false;
            }
            ServiceState::Running | ServiceState::Stopped => {}
        }
    }
}

/// A process id for a newly started service process: a multiple of 4, as Windows hands out.
fn new_pid<E>(sim: &mut Sim<E>) -> u32 {
    (sim.rng().range_inclusive(250, 4_000) * 4) as u32
}
