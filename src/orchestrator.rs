//! The Update Orchestrator (UsoSvc): the scheduler that decides when to scan, download,
//! install and restart.
//!
//! While UsoSvc runs (and is not wedged) it scans about every 22 hours, less a random 0–20 %
//! (reference §3c), and once a few minutes after it starts; after a scan it has the agent
//! download and then install what was found, one update at a time (a feature update only
//! when the user asks; downloads wait on a metered connection); when an update needs a
//! restart it plans one outside active hours (default 8:00–17:00). After a step fails, the
//! Orchestrator waits for the next scan before trying again.
//!
//! How the rest of Windows reaches it: "Check for updates" in Settings, `UsoClient` and the
//! daily "Schedule Scan" task of Task Scheduler call the Orchestrator over COM, which starts a
//! stopped UsoSvc on demand (reference §7a; an inference the book lists among the
//! simplifications). So a merely stopped Orchestrator comes back by itself; what keeps
//! updates from coming is an Orchestrator that is Disabled, that hangs or crashes whenever it
//! starts, or that runs but does nothing (wedged) — which is why restarting the Update
//! Orchestrator can make the latest update appear. The scan trigger belongs to Task
//! Scheduler, so it survives UsoSvc stopping; a restart plan belongs to the UsoSvc process and
//! dies with it.
//!
//! The Orchestrator is a machine over the [`World`] and the [`Agent`]: it gives the agent its
//! jobs and reacts to how they end ([`JobEnd`]); when it wants the PC restarted it asks its
//! owner ([`Request::Reboot`]).
//!
//! It obeys "Configure Automatic Updates" (the `AU` policy key, [`AutoUpdate`]): disabled
//! (`NoAutoUpdate` = 1), it scans only when asked and downloads and installs only when the
//! user presses Download; with `AUOptions` 2 downloads, with 3 installs, wait for the user.
//!
//! It obeys the deadline policy ([`Deadline`]): a restart pending for the deadline's days
//! (or its grace period, if longer) is forced, even in active hours; with
//! `ConfigureDeadlineNoAutoReboot` it waits for that moment instead of restarting outside
//! active hours. Deferrals and pauses set by policy act on what a scan offers
//! ([`crate::world::policy::UpdatePolicy::offers`]).
//!
//! Simplifications (the book lists them): the scan a few minutes after UsoSvc starts, the
//! restart time (the first moment outside active hours at least 15 minutes away), a deadline
//! counted from when the restart became pending (Windows 11 counts it from the update's
//! discovery, which here is within the hour), and no notifications.

use crate::agent::{Agent, AgentEvent, Job, JobEnd};
use crate::engine::{SimDuration, SimTime};
use crate::scm::{ScmEvent, ServiceId, ServiceState, StartType};
use crate::update::{Classification, UpdateId};
use crate::world::World;
use crate::world::policy::{AutoUpdate, Deadline};

/// The automatic scan interval before jitter: 22 hours.
pub const SCAN_INTERVAL: SimDuration = SimDuration::from_hours(22);
/// The longest pause Settings allows: 35 days (5 weeks).
pub const MAX_PAUSE_DAYS: u64 = 35;
/// The longest active-hours range: 18 hours.
pub const MAX_ACTIVE_HOURS: u8 = 18;

/// Planned work of the Orchestrator; a generation makes a replaced plan stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UsoEvent {
    /// The scheduled scan task fires.
    ScheduledScan {
        /// The scan trigger's generation.
        generation: u32,
    },
    /// The planned restart is due.
    Restart {
        /// The UsoSvc process's generation.
        generation: u32,
    },
}

/// What the Orchestrator asks of the PC that owns it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Request {
    /// Restart the PC now (the planned restart outside active hours).
    Reboot,
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
    /// The user asked to download now (allowed on a metered connection too); what it
    /// downloads then installs, as "Download and install now" does.
    pub download_now: bool,
    /// The user asked to install now ("Install now", `UsoClient StartInstall`).
    pub install_now: bool,
    /// When the next automatic scan is planned.
    pub next_scan: Option<SimTime>,
    /// Since when a restart has been pending (what a deadline counts from).
    pub pending_since: Option<SimTime>,
    /// The UsoSvc process whose plans these are (0: none running).
    pub(crate) process: u32,
    /// Generation of the UsoSvc process's plans (the restart).
    pub(crate) generation: u32,
    /// Generation of the scheduled scan trigger.
    pub(crate) scan_generation: u32,
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
            install_now: false,
            next_scan: None,
            pending_since: None,
            process: 0,
            generation: 0,
            scan_generation: 0,
        }
    }
}

/// What pressing "Check for updates" did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckOutcome {
    /// A scan started, one was already running, or the Orchestrator is being started to
    /// take the request.
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

/// How a caller reaches the Orchestrator over COM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reach {
    /// UsoSvc is running and doing its work.
    Working,
    /// UsoSvc was stopped and is being started to take the call.
    Starting,
    /// It cannot take the call: disabled, hung, starting or stopping already, or wedged.
    Unavailable,
}

impl Orchestrator {
    /// UsoSvc is running and doing its work.
    pub fn working<E>(w: &World<E>) -> bool {
        w.scm.state(ServiceId::USOSVC) == ServiceState::Running && !w.is_wedged(ServiceId::USOSVC)
    }

    /// Updates are paused now.
    pub fn paused<E>(&self, w: &World<E>) -> bool {
        self.paused_until.is_some_and(|t| w.now() < t)
    }

    /// A COM call to the Orchestrator: it answers if it works, and a stopped UsoSvc that may
    /// start is started on demand.
    fn reach<E: From<ScmEvent>>(w: &mut World<E>) -> Reach {
        if Self::working(w) {
            return Reach::Working;
        }
        let status = *w.scm.status(ServiceId::USOSVC);
        if status.state != ServiceState::Stopped || status.start_type == StartType::Disabled {
            return Reach::Unavailable;
        }
        let World { scm, sim, log, .. } = w;
        match scm.start(ServiceId::USOSVC, sim, log) {
            Ok(()) => Reach::Starting,
            Err(_) => Reach::Unavailable,
        }
    }

    /// "Check for updates" in Settings (and `UsoClient StartScan`).
    pub fn check_for_updates<E>(&mut self, agent: &mut Agent, w: &mut World<E>) -> CheckOutcome
    where
        E: From<UsoEvent> + From<AgentEvent> + From<ScmEvent>,
    {
        if self.paused(w) {
            return CheckOutcome::Paused;
        }
        match Self::reach(w) {
            Reach::Working => {
                self.scan(agent, w);
                CheckOutcome::Scanning
            }
            Reach::Starting => {
                self.check_requested = Some(w.now());
                CheckOutcome::Scanning
            }
            Reach::Unavailable => {
                self.check_requested = Some(w.now());
                CheckOutcome::NotTaken
            }
        }
    }

    /// `UsoClient StartDownload` / the Download button: download what the last scan found
    /// now, even on a metered connection, and retry after a failure.
    pub fn start_download_now<E>(&mut self, agent: &mut Agent, w: &mut World<E>) -> CheckOutcome
    where
        E: From<UsoEvent> + From<AgentEvent> + From<ScmEvent>,
    {
        if Self::reach(w) == Reach::Unavailable {
            return CheckOutcome::NotTaken;
        }
        self.blocked = false;
        self.download_now = true;
        self.advance(agent, w);
        CheckOutcome::Scanning
    }

    /// `UsoClient StartInstall` / Install now: install what is downloaded, retrying after a
    /// failure.
    pub fn start_install_now<E>(&mut self, agent: &mut Agent, w: &mut World<E>) -> CheckOutcome
    where
        E: From<UsoEvent> + From<AgentEvent> + From<ScmEvent>,
    {
        if Self::reach(w) == Reach::Unavailable {
            return CheckOutcome::NotTaken;
        }
        self.blocked = false;
        self.install_now = true;
        self.advance(agent, w);
        CheckOutcome::Scanning
    }

    /// "Download and install" the optional feature update, when it is offered.
    pub fn request_feature_update<E>(&mut self, agent: &mut Agent, w: &mut World<E>) -> bool
    where
        E: From<UsoEvent> + From<AgentEvent> + From<ScmEvent>,
    {
        let offered = agent.offered(w).iter().any(|&id| is_feature(w, id));
        if offered {
            self.feature_requested = true;
            self.blocked = false;
            self.advance(agent, w);
        }
        offered
    }

    /// Pause updates for `days` (1–35): cancels a planned restart and any install under way.
    pub fn pause_updates<E>(
        &mut self,
        agent: &mut Agent,
        w: &World<E>,
        days: u64,
    ) -> Result<SimTime, String> {
        if !(1..=MAX_PAUSE_DAYS).contains(&days) {
            return Err(format!(
                "updates can be paused for 1 to {MAX_PAUSE_DAYS} days"
            ));
        }
        let until = w.now() + SimDuration::from_days(days);
        self.paused_until = Some(until);
        self.restart_at = None;
        self.generation = self.generation.wrapping_add(1);
        if matches!(agent.job, Job::Installing { .. }) {
            agent.cancel();
        }
        Ok(until)
    }

    /// Resume updates: the Orchestrator scans straight away.
    pub fn resume_updates<E>(&mut self, agent: &mut Agent, w: &mut World<E>)
    where
        E: From<UsoEvent> + From<AgentEvent> + From<ScmEvent>,
    {
        self.paused_until = None;
        if Self::working(w) {
            self.scan(agent, w);
        }
    }

    /// Let the Orchestrator restart the PC by itself outside active hours, or not.
    pub fn set_auto_restart(&mut self, on: bool) {
        self.auto_restart = on;
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
        self.active_hours = (start, end);
        Ok(())
    }

    /// True if `hour` (0–23) is within active hours.
    pub fn in_active_hours(&self, hour: u8) -> bool {
        let (start, end) = self.active_hours;
        if start < end {
            (start..end).contains(&hour)
        } else {
            hour >= start || hour < end
        }
    }

    /// Has the (idle) agent scan, and acts on a scan that ends at once.
    fn scan<E>(&mut self, agent: &mut Agent, w: &mut World<E>)
    where
        E: From<UsoEvent> + From<AgentEvent> + From<ScmEvent>,
    {
        // A "Check for updates" that was not taken up is answered by this scan.
        self.check_requested = None;
        if agent.is_idle()
            && let Some(end) = agent.begin_scan(w)
        {
            self.on_job_end(end, agent, w);
        }
    }

    /// Gives the agent its next job, if the Orchestrator is working and nothing blocks it.
    pub(crate) fn advance<E>(&mut self, agent: &mut Agent, w: &mut World<E>)
    where
        E: From<UsoEvent> + From<AgentEvent> + From<ScmEvent>,
    {
        if !agent.is_idle() || !Self::working(w) || self.paused(w) || self.blocked {
            return;
        }
        let metered_hold =
            w.device.network.metered && !self.download_over_metered && !self.download_now;
        let wanted = |id: UpdateId| !is_feature(w, id) || self.feature_requested;
        let next_download = agent
            .offered(w)
            .iter()
            .copied()
            .find(|&id| wanted(id) && !w.is_downloaded(id));
        let next_install = agent
            .offered(w)
            .iter()
            .copied()
            .find(|&id| w.is_downloaded(id));
        // The policy is read only when there is work it could hold back.
        let auto = if next_download.is_some() || next_install.is_some() {
            AutoUpdate::read(&w.registry)
        } else {
            AutoUpdate::Automatic
        };
        let download_hold = metered_hold || (auto.asks_before_download() && !self.download_now);
        let install_hold = auto.asks_before_install() && !self.download_now && !self.install_now;
        let end = if let Some(id) = next_download.filter(|_| !download_hold) {
            agent.begin_download(w, id)
        } else if let Some(id) = next_install.filter(|_| !install_hold) {
            agent.begin_install(w, id)
        } else {
            if w.device.pending_restart() && self.restart_at.is_none() {
                let since = *self.pending_since.get_or_insert(w.now());
                self.plan_restart(w, since, w.policy().deadline);
            }
            None
        };
        if let Some(end) = end {
            self.on_job_end(end, agent, w);
        }
    }

    /// Acts on the end of the agent's job.
    pub(crate) fn on_job_end<E>(&mut self, end: JobEnd, agent: &mut Agent, w: &mut World<E>)
    where
        E: From<UsoEvent> + From<AgentEvent> + From<ScmEvent>,
    {
        match end {
            JobEnd::Scanned => {
                self.blocked = false;
                self.check_requested = None;
                // A "Download" or "Install now" press applies to what was offered then, not
                // to later scans.
                self.download_now = false;
                self.install_now = false;
                self.advance(agent, w);
            }
            JobEnd::Downloaded | JobEnd::Installed => self.advance(agent, w),
            JobEnd::Failed(_) => self.blocked = true,
        }
    }

    /// Plans the restart: the first moment outside active hours at least 15 minutes away,
    /// or the deadline if that comes first; only the deadline when automatic restarts are
    /// off; none when they are off and there is no deadline.
    fn plan_restart<E: From<UsoEvent>>(
        &mut self,
        w: &mut World<E>,
        pending_since: SimTime,
        deadline: Option<Deadline>,
    ) {
        let soonest = w.now() + SimDuration::from_mins(15);
        let forced = deadline.map(|d| {
            let days = u64::from(d.days.max(d.grace_days));
            (pending_since + SimDuration::from_hours(24 * days)).max(soonest)
        });
        let automatic = self.auto_restart && !deadline.is_some_and(|d| d.no_auto_reboot);
        let outside_active_hours = || {
            let mut at = soonest;
            while self.in_active_hours(w.date_time(at).hour) {
                let minute = u64::from(w.date_time(at).minute);
                at = at + SimDuration::from_mins(60 - minute);
            }
            at
        };
        let at = match (automatic, forced) {
            (true, None) => outside_active_hours(),
            (true, Some(forced)) => outside_active_hours().min(forced),
            (false, Some(forced)) => forced,
            (false, None) => return,
        };
        self.restart_at = Some(at);
        let generation = self.generation;
        w.sim.schedule_at(at, UsoEvent::Restart { generation });
    }

    /// Plans the scheduled scan task `delay` from now, replacing the plan there was.
    fn schedule_scan<E: From<UsoEvent>>(&mut self, w: &mut World<E>, delay: SimDuration) {
        self.scan_generation = self.scan_generation.wrapping_add(1);
        let generation = self.scan_generation;
        self.next_scan = Some(w.now() + delay);
        w.sim
            .schedule(delay, UsoEvent::ScheduledScan { generation });
    }

    /// The regular interval: 22 hours less a random 0–20 %.
    fn scan_interval<E>(w: &mut World<E>) -> SimDuration {
        let full = SCAN_INTERVAL.as_millis();
        SimDuration::from_millis(w.sim.rng().range_inclusive(full * 8 / 10, full))
    }

    /// Plans the first automatic scan of a PC that was already running when the simulation
    /// started: one interval after its last scan.
    pub(crate) fn plan_first_scan<E: From<UsoEvent>>(
        &mut self,
        w: &mut World<E>,
        since_last: SimDuration,
    ) {
        self.process = uso_process(w);
        let interval = Self::scan_interval(w);
        let delay = SimDuration::from_millis(
            interval
                .as_millis()
                .saturating_sub(since_last.as_millis())
                .max(60_000),
        );
        self.schedule_scan(w, delay);
    }

    /// Handles the Orchestrator's planned work; may ask for a restart of the PC.
    pub(crate) fn handle<E>(
        &mut self,
        event: UsoEvent,
        agent: &mut Agent,
        w: &mut World<E>,
    ) -> Option<Request>
    where
        E: From<UsoEvent> + From<AgentEvent> + From<ScmEvent>,
    {
        match event {
            UsoEvent::ScheduledScan { generation } if generation == self.scan_generation => {
                // "Configure Automatic Updates" disabled: no scan by itself, only when asked.
                let automatic = AutoUpdate::read(&w.registry) != AutoUpdate::Off;
                if automatic && !self.paused(w) {
                    match Self::reach(w) {
                        Reach::Working => self.scan(agent, w),
                        Reach::Starting => self.check_requested = Some(w.now()),
                        Reach::Unavailable => {}
                    }
                }
                let interval = Self::scan_interval(w);
                self.schedule_scan(w, interval);
                None
            }
            UsoEvent::Restart { generation } if generation == self.generation => {
                self.restart_at = None;
                (w.device.pending_restart() && Self::working(w)).then_some(Request::Reboot)
            }
            _ => None,
        }
    }

    /// Reacts to any change: UsoSvc starting (it takes up a pending check at once, or scans a
    /// few minutes later) or stopping (its restart plan is lost), jobs losing their services,
    /// and an idle agent that could be given work.
    pub(crate) fn observe<E>(&mut self, agent: &mut Agent, w: &mut World<E>)
    where
        E: From<UsoEvent> + From<AgentEvent> + From<ScmEvent>,
    {
        let process = uso_process(w);
        if process != self.process {
            self.generation = self.generation.wrapping_add(1);
            self.restart_at = None;
            self.process = process;
            if process != 0 {
                if self.check_requested.is_some() && !w.is_wedged(ServiceId::USOSVC) {
                    self.scan(agent, w);
                } else {
                    let delay = SimDuration::from_secs(w.sim.rng().range_inclusive(60, 300));
                    self.schedule_scan(w, delay);
                }
            }
        }
        if let Some(end) = agent.check_services(w) {
            self.on_job_end(end, agent, w);
        }
        if agent.is_idle() {
            self.advance(agent, w);
        }
    }

    /// The PC restarts: every plan is gone, and UsoSvc will plan anew when it starts.
    pub(crate) fn on_reboot(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        self.scan_generation = self.scan_generation.wrapping_add(1);
        self.process = 0;
        self.restart_at = None;
        self.next_scan = None;
        self.pending_since = None;
        self.blocked = false;
        self.check_requested = None;
    }
}

/// The process id of a running UsoSvc, or 0.
fn uso_process<E>(w: &World<E>) -> u32 {
    let status = w.scm.status(ServiceId::USOSVC);
    if status.state == ServiceState::Running {
        status.pid
    } else {
        0
    }
}

fn is_feature<E>(w: &World<E>, id: UpdateId) -> bool {
    w.server
        .catalog()
        .get(id)
        .is_some_and(|u| u.classification == Classification::FeatureUpdate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pc::Pc;
    use crate::settings::{SettingsPage, UpdateStatus};

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

    fn with_deadline(days: u32, grace: u32, no_auto_reboot: bool, auto_restart: bool) -> Pc {
        use crate::world::registry::{RegValue, WU_POLICY};
        let mut builder = Pc::builder()
            .seed(3)
            .registry_value(
                WU_POLICY,
                "ConfigureDeadlineForQualityUpdates",
                RegValue::Dword(days),
            )
            .registry_value(
                WU_POLICY,
                "ConfigureDeadlineGracePeriod",
                RegValue::Dword(grace),
            );
        if no_auto_reboot {
            builder = builder.registry_value(
                WU_POLICY,
                "ConfigureDeadlineNoAutoReboot",
                RegValue::Dword(1),
            );
        }
        let mut pc = builder.build();
        pc.set_auto_restart(auto_restart);
        pc.check_for_updates();
        pc.run_for(SimDuration::from_hours(1));
        assert!(pc.device().pending_restart());
        pc
    }

    #[test]
    fn a_deadline_forces_the_restart_that_nobody_makes() {
        // No automatic restart (a user always signed in): the deadline restarts the PC, in
        // active hours if need be, after the longer of the deadline and the grace period.
        let mut pc = with_deadline(2, 3, false, false);
        let since = pc.orchestrator().pending_since.unwrap();
        let at = pc
            .orchestrator()
            .restart_at
            .expect("a forced restart is planned");
        assert_eq!(at, since + SimDuration::from_hours(72));
        pc.run_until(at + SimDuration::from_mins(10));
        assert!(!pc.device().pending_restart(), "restarted at the deadline");
        // Without the policy, the same PC waits for the user for ever.
        let mut pc = Pc::builder().seed(3).build();
        pc.set_auto_restart(false);
        pc.check_for_updates();
        pc.run_for(SimDuration::from_hours(24 * 10));
        assert!(pc.device().pending_restart());
    }

    #[test]
    fn no_auto_reboot_before_the_deadline_waits_for_it() {
        let auto = with_deadline(2, 2, false, true);
        let waits = with_deadline(2, 2, true, true);
        let since = waits.orchestrator().pending_since.unwrap();
        assert!(auto.orchestrator().restart_at.unwrap() < since + SimDuration::from_hours(24));
        assert_eq!(
            waits.orchestrator().restart_at,
            Some(since + SimDuration::from_hours(48))
        );
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
        let w = pc.world();
        assert!(pc.agent().downloaded(w).is_empty() && !pc.agent().offered(w).is_empty());
        pc.start_download_now();
        pc.run_for(SimDuration::from_hours(2));
        assert!(pc.device().pending_restart());
    }

    #[test]
    fn downloads_over_metered_connections_when_allowed() {
        let mut device = crate::device::Device::default();
        device.network.metered = true;
        let mut pc = Pc::builder().device(device).build();
        pc.set_download_over_metered(true);
        pc.check_for_updates();
        pc.run_for(SimDuration::from_hours(2));
        assert!(pc.device().pending_restart(), "the download did not wait");
    }

    #[test]
    fn check_for_updates_starts_a_stopped_orchestrator_on_demand() {
        let mut pc = Pc::default();
        pc.stop_service(ServiceId::USOSVC, false).unwrap();
        pc.run_for(SimDuration::from_secs(10));
        assert_eq!(pc.check_for_updates(), CheckOutcome::Scanning);
        assert_eq!(SettingsPage::of(&pc).status, UpdateStatus::Checking);
        pc.run_for(SimDuration::from_mins(3));
        assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Running);
        assert!(pc.agent().last_checked.is_some(), "the check was taken up");
    }

    #[test]
    fn a_disabled_orchestrator_cannot_be_reached() {
        let mut pc = Pc::default();
        pc.set_start_type(ServiceId::USOSVC, StartType::Disabled)
            .unwrap();
        pc.stop_service(ServiceId::USOSVC, false).unwrap();
        pc.run_for(SimDuration::from_secs(10));
        assert_eq!(pc.check_for_updates(), CheckOutcome::NotTaken);
        assert_eq!(
            SettingsPage::of(&pc).status,
            UpdateStatus::SomethingWentWrong
        );
        pc.run_for(SimDuration::from_days(3));
        assert!(pc.agent().last_checked.is_none());
    }

    #[test]
    fn the_scheduled_scan_task_wakes_a_stopped_orchestrator() {
        let mut pc = Pc::default();
        pc.stop_service(ServiceId::USOSVC, false).unwrap();
        pc.run_for(SimDuration::from_hours(23));
        assert_eq!(pc.scm().state(ServiceId::USOSVC), ServiceState::Running);
        assert!(pc.agent().last_checked.is_some());
    }
}
