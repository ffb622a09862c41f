//! The Update Orchestrator (UsoSvc): the scheduler that decides when to scan, download,
//! install and restart.
//!
//! While UsoSvc runs (and is not wedged) it scans about every 22 hours, less a random 0–20 %
//! (reference §3c), and once a few minutes after it starts; after a scan it has the agent
//! download and then install what was found, one update at a time (a feature update only
//! when the user asks; downloads wait on a metered connection); when an update needs a
//! restart it plans one outside active hours (default 8:00–17:00). "Check for updates" in
//! Settings goes through the Orchestrator too: with UsoSvc stopped it does nothing useful,
//! which is why restarting the Update Orchestrator can make the latest update appear.
//! After a step fails, the Orchestrator waits for the next scan before trying again.
//!
//! Simplifications (the book lists them): the scan a few minutes after UsoSvc starts, the
//! restart time (the first moment outside active hours at least 15 minutes away), and no
//! deadlines, deferrals or notifications.

use crate::agent::Job;
use crate::engine::{SimDuration, SimTime};
use crate::pc::{Event, Pc};
use crate::scm::{ServiceId, ServiceState};
use crate::update::{Classification, UpdateId};

/// The automatic scan interval before jitter: 22 hours.
pub const SCAN_INTERVAL: SimDuration = SimDuration::from_hours(22);
/// The longest pause Settings allows: 35 days (5 weeks).
pub const MAX_PAUSE_DAYS: u64 = 35;
/// The longest active-hours range: 18 hours.
pub const MAX_ACTIVE_HOURS: u8 = 18;

/// Planned work of the Orchestrator; `generation` makes plans of a stopped UsoSvc stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UsoEvent {
    /// An automatic scan is due.
    ScheduledScan {
        /// The Orchestrator generation.
        generation: u32,
    },
    /// The planned restart is due.
    Restart {
        /// The Orchestrator generation.
        generation: u32,
    },
}

impl From<UsoEvent> for Event {
    fn from(event: UsoEvent) -> Self {
        Event::Uso(event)
    }
}

/// The Orchestrator's settings and plans on one PC.
#[derive(Clone, Debug)]
pub struct Orchestrator {
    /// Updates are paused until then.
    pub paused_until: Option<SimTime>,
    /// Active hours, start and end hour (0–23).
    pub active_hours: (u8, u8),
    /// "Download updates over metered connections" (off by default).
    pub download_over_metered: bool,
    /// When the planned restart is.
    pub restart_at: Option<SimTime>,
    /// When "Check for updates" was pressed without the Orchestrator taking it up.
    pub check_requested: Option<SimTime>,
    /// The user asked for the feature update ("Download and install").
    pub feature_requested: bool,
    /// A step failed: automatic work waits for the next scan.
    pub blocked: bool,
    /// The Orchestrator restarts the PC by itself outside active hours (default); off, the
    /// user has to restart (as with "No auto-restart with logged on users").
    pub auto_restart: bool,
    /// The user asked to download now (allowed on a metered connection too).
    pub download_now: bool,
    /// When the next automatic scan is planned.
    pub next_scan: Option<SimTime>,
    /// The UsoSvc process whose plans these are (0: none running).
    pub(crate) process: u32,
    pub(crate) generation: u32,
}

impl Orchestrator {
    pub(crate) fn new() -> Self {
        Orchestrator {
            paused_until: None,
            active_hours: (8, 17),
            download_over_metered: false,
            restart_at: None,
            check_requested: None,
            feature_requested: false,
            blocked: false,
            auto_restart: true,
            download_now: false,
            next_scan: None,
            process: 0,
            generation: 0,
        }
    }
}

/// What pressing "Check for updates" did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckOutcome {
    /// A scan started (or one was already running).
    Scanning,
    /// Updates are paused; nothing happens until they are resumed.
    Paused,
    /// The Orchestrator did not answer: Settings shows an error or keeps "Checking...".
    NotTaken,
}

/// Why active hours were refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActiveHoursError;

impl std::fmt::Display for ActiveHoursError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "active hours must be two different hours from 0 to 23, at most {MAX_ACTIVE_HOURS} hours apart"
        )
    }
}

impl Pc {
    /// The process id of a running UsoSvc, or 0.
    fn uso_process(&self) -> u32 {
        let status = self.scm.status(ServiceId::USOSVC);
        if status.state == ServiceState::Running {
            status.pid
        } else {
            0
        }
    }

    /// UsoSvc is running and doing its work.
    pub fn orchestrator_working(&self) -> bool {
        self.scm.state(ServiceId::USOSVC) == ServiceState::Running
            && !self.is_wedged(ServiceId::USOSVC)
    }

    /// Updates are paused now.
    pub fn paused(&self) -> bool {
        self.uso.paused_until.is_some_and(|t| self.now() < t)
    }

    /// "Check for updates" in Settings (and `UsoClient StartScan`).
    pub fn check_for_updates(&mut self) -> CheckOutcome {
        let outcome = if self.paused() {
            CheckOutcome::Paused
        } else if self.orchestrator_working() {
            self.begin_scan();
            CheckOutcome::Scanning
        } else {
            self.uso.check_requested = Some(self.now());
            CheckOutcome::NotTaken
        };
        self.observe();
        outcome
    }

    /// `UsoClient StartDownload` / the Download button: download what the last scan found
    /// now, even on a metered connection, and retry after a failure. Does nothing useful when
    /// the Orchestrator is not working.
    pub fn start_download_now(&mut self) -> CheckOutcome {
        if !self.orchestrator_working() {
            return CheckOutcome::NotTaken;
        }
        self.uso.blocked = false;
        self.uso.download_now = true;
        self.advance();
        self.observe();
        CheckOutcome::Scanning
    }

    /// `UsoClient StartInstall` / Install now: install what is downloaded, retrying after a
    /// failure.
    pub fn start_install_now(&mut self) -> CheckOutcome {
        if !self.orchestrator_working() {
            return CheckOutcome::NotTaken;
        }
        self.uso.blocked = false;
        self.advance();
        self.observe();
        CheckOutcome::Scanning
    }

    /// "Download and install" the optional feature update, when it is offered.
    pub fn request_feature_update(&mut self) -> bool {
        let offered = self.agent.offered.iter().any(|&id| self.is_feature(id));
        if offered {
            self.uso.feature_requested = true;
            self.uso.blocked = false;
            self.advance();
            self.observe();
        }
        offered
    }

    /// Pause updates for `days` (1–35): cancels a planned restart and any install under way.
    pub fn pause_updates(&mut self, days: u64) -> Result<SimTime, String> {
        if !(1..=MAX_PAUSE_DAYS).contains(&days) {
            return Err(format!(
                "updates can be paused for 1 to {MAX_PAUSE_DAYS} days"
            ));
        }
        let until = self.now() + SimDuration::from_days(days);
        self.uso.paused_until = Some(until);
        self.uso.restart_at = None;
        if matches!(self.agent.job, Job::Installing { .. }) {
            self.agent.generation = self.agent.generation.wrapping_add(1);
            self.agent.job = Job::Idle;
        }
        Ok(until)
    }

    /// Resume updates: the Orchestrator scans straight away.
    pub fn resume_updates(&mut self) {
        self.uso.paused_until = None;
        if self.orchestrator_working() {
            self.begin_scan();
        }
        self.observe();
    }

    /// Let the Orchestrator restart the PC by itself outside active hours, or not.
    pub fn set_auto_restart(&mut self, on: bool) {
        self.uso.auto_restart = on;
    }

    /// Set active hours (`start` to `end`, 0–23, at most 18 hours).
    pub fn set_active_hours(&mut self, start: u8, end: u8) -> Result<(), ActiveHoursError> {
        if start > 23 || end > 23 {
            return Err(ActiveHoursError);
        }
        let span = (end + 24 - start) % 24;
        if span == 0 || span > MAX_ACTIVE_HOURS {
            return Err(ActiveHoursError);
        }
        self.uso.active_hours = (start, end);
        Ok(())
    }

    /// True if `hour` (0–23) is within active hours.
    pub fn in_active_hours(&self, hour: u8) -> bool {
        let (start, end) = self.uso.active_hours;
        if start < end {
            (start..end).contains(&hour)
        } else {
            hour >= start || hour < end
        }
    }

    fn is_feature(&self, id: UpdateId) -> bool {
        self.server
            .catalog()
            .get(id)
            .is_some_and(|u| u.classification == Classification::FeatureUpdate)
    }

    /// Gives the agent its next job, if the Orchestrator is working and nothing blocks it.
    pub(crate) fn advance(&mut self) {
        if self.agent.job != Job::Idle
            || !self.orchestrator_working()
            || self.paused()
            || self.uso.blocked
        {
            return;
        }
        let metered_hold = self.device.network.metered
            && !self.uso.download_over_metered
            && !self.uso.download_now;
        let wanted = |pc: &Pc, id: UpdateId| !pc.is_feature(id) || pc.uso.feature_requested;
        let next_download = self
            .agent
            .offered
            .iter()
            .copied()
            .find(|&id| wanted(self, id) && !self.agent.downloaded.contains(&id));
        if let Some(id) = next_download.filter(|_| !metered_hold) {
            return self.begin_download(id);
        }
        if let Some(&id) = self.agent.downloaded.first() {
            return self.begin_install(id);
        }
        if self.device.pending_restart() && self.uso.restart_at.is_none() && self.uso.auto_restart {
            self.plan_restart();
        }
    }

    /// Plans the restart for the first moment outside active hours, at least 15 minutes away.
    fn plan_restart(&mut self) {
        let mut at = self.now() + SimDuration::from_mins(15);
        while self.in_active_hours(self.date_time(at).hour) {
            let minute = u64::from(self.date_time(at).minute);
            at = at + SimDuration::from_mins(60 - minute);
        }
        self.uso.restart_at = Some(at);
        let generation = self.uso.generation;
        self.sim.schedule_at(at, UsoEvent::Restart { generation });
    }

    fn schedule_scan(&mut self, delay: SimDuration) {
        let generation = self.uso.generation;
        self.uso.next_scan = Some(self.now() + delay);
        self.sim
            .schedule(delay, UsoEvent::ScheduledScan { generation });
    }

    /// The regular interval: 22 hours less a random 0–20 %.
    fn scan_interval(&mut self) -> SimDuration {
        let full = SCAN_INTERVAL.as_millis();
        SimDuration::from_millis(self.sim.rng().range_inclusive(full * 8 / 10, full))
    }

    /// Plans the first automatic scan of a PC that was already running when the simulation
    /// started: one interval after its last scan.
    pub(crate) fn plan_first_scan(&mut self, since_last: SimDuration) {
        self.uso.process = self.uso_process();
        if self.uso.process != 0 {
            let interval = self.scan_interval();
            let delay = SimDuration::from_millis(
                interval
                    .as_millis()
                    .saturating_sub(since_last.as_millis())
                    .max(60_000),
            );
            self.schedule_scan(delay);
        }
    }

    /// Handles the Orchestrator's planned work.
    pub(crate) fn handle_uso(&mut self, event: UsoEvent) {
        match event {
            UsoEvent::ScheduledScan { generation } if generation == self.uso.generation => {
                if self.orchestrator_working() && !self.paused() {
                    self.begin_scan();
                }
                let interval = self.scan_interval();
                self.schedule_scan(interval);
            }
            UsoEvent::Restart { generation } if generation == self.uso.generation => {
                self.uso.restart_at = None;
                if self.device.pending_restart() && self.orchestrator_working() {
                    self.reboot();
                }
            }
            _ => {}
        }
    }

    /// Reacts to service changes: UsoSvc starting (it scans a few minutes later) or stopping
    /// (its plans are lost), wedges ending with their service, jobs losing their services.
    pub(crate) fn observe(&mut self) {
        let process = self.uso_process();
        if process != self.uso.process {
            // UsoSvc stopped, or a new UsoSvc process started: the old one's plans are gone,
            // and a new one scans a few minutes after it starts.
            self.uso.generation = self.uso.generation.wrapping_add(1);
            self.uso.next_scan = None;
            self.uso.restart_at = None;
            self.uso.process = process;
            if process != 0 {
                let delay = SimDuration::from_secs(self.sim.rng().range_inclusive(60, 300));
                self.schedule_scan(delay);
            }
        }
        self.check_job_services();
        if self.agent.job == Job::Idle {
            self.advance();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_hours_are_checked_not_panicked_on() {
        let mut pc = Pc::default();
        assert!(pc.set_active_hours(8, 17).is_ok());
        assert!(pc.in_active_hours(8) && !pc.in_active_hours(17));
        assert!(pc.set_active_hours(22, 6).is_ok());
        assert!(pc.in_active_hours(23) && pc.in_active_hours(5) && !pc.in_active_hours(12));
        for (start, end) in [(200, 5), (5, 250), (9, 9), (0, 23)] {
            assert_eq!(pc.set_active_hours(start, end), Err(ActiveHoursError));
        }
    }

    #[test]
    fn pause_is_limited_to_35_days_and_cancels_a_planned_restart() {
        let mut pc = Pc::default();
        assert!(pc.pause_updates(36).is_err());
        assert!(pc.pause_updates(0).is_err());
        pc.check_for_updates();
        pc.run_for(SimDuration::from_hours(1));
        assert!(pc.orchestrator().restart_at.is_some());
        pc.pause_updates(7).unwrap();
        assert!(pc.paused() && pc.orchestrator().restart_at.is_none());
        assert_eq!(pc.check_for_updates(), CheckOutcome::Paused);
        pc.resume_updates();
        assert!(!pc.paused());
    }

    #[test]
    fn metered_connections_hold_downloads_until_asked() {
        let mut device = crate::device::Device::default();
        device.network.metered = true;
        let mut pc = Pc::builder().device(device).build();
        pc.check_for_updates();
        pc.run_for(SimDuration::from_hours(2));
        assert!(pc.agent().downloaded.is_empty() && !pc.agent().offered.is_empty());
        pc.start_download_now();
        pc.run_for(SimDuration::from_hours(2));
        assert!(pc.device().pending_restart());
    }
}
