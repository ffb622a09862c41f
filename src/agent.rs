//! The Windows Update agent (wuauserv): scan, download through BITS, install through the
//! Windows Modules Installer (TrustedInstaller), and stage what needs a restart.
//!
//! The agent does one job at a time ([`Job`]). A job first makes sure the services it needs
//! are running, starting Manual ones on demand as Windows does (a Disabled one fails the job
//! with its error); then it does its work for a stretch of simulated time; then it checks what
//! can go wrong at that point — the network, the clock, the stores on disk, the server — and
//! writes the WindowsUpdateClient events (25/26 for a scan, 44/41/31 for a download, 43/19/20/21
//! for an install). If a service it needs stops while it works, the job fails with
//! 0x8024001E (HResult::WU_E_SERVICE_STOP). A download that is interrupted keeps what it had and
//! resumes from there.
//!
//! The agent keeps what it knows where Windows Update keeps it: the last scan's results in the
//! data store (`SoftwareDistribution\DataStore`), downloads in the download cache
//! (`SoftwareDistribution\Download`), both read from the [`World`]'s file system. A reset that
//! renames the folder away takes them with it; Windows Update makes new, empty ones when it
//! next works.
//!
//! The agent is a machine over the [`World`]: it plans its work as [`AgentEvent`]s and, when a
//! job ends, returns a [`JobEnd`] for its caller (the Update Orchestrator) to act on; it never
//! decides what to do next. The server-facing checks ([`scan`], [`request_download`]) are
//! plain functions of the device and an [`UpdateServer`], so they can be tested against a
//! mock server.

use crate::device::{Device, Health, WinHttpProxy};
use crate::engine::{SimDuration, SimTime};
use crate::eventlog::Entry;
use crate::scm::{ScmEvent, ServiceId, ServiceSet, ServiceState, StartType};
use crate::update::applicability::applicable_when;
use crate::update::server::Transfer;
use crate::update::{Classification, UpdateId, UpdateServer};
use crate::win32::{HResult, Win32Error};
use crate::world::fs::DbHealth;
use crate::world::policy::UpdatePolicy;
use crate::world::{MB, World};

/// How far the PC's clock may be off before TLS certificate checks fail (a simplification:
/// certificates are valid for months, but wusim does not model their dates).
pub const MAX_CLOCK_SKEW_SECS: i64 = 86_400;

/// What the agent is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job {
    /// Nothing.
    Idle,
    /// Checking for updates.
    Scanning(Progress),
    /// Downloading an update.
    Downloading {
        /// The update.
        update: UpdateId,
        /// MB already in the download cache when this attempt began.
        from_mb: u32,
        /// Total size in MB.
        size_mb: u32,
        /// Progress of this attempt.
        progress: Progress,
    },
    /// Installing an update.
    Installing {
        /// The update.
        update: UpdateId,
        /// Progress.
        progress: Progress,
    },
}

/// Where a job is: waiting for its services, or working from `since` until `until`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// When the job began.
    pub began: SimTime,
    /// Services this job has already asked the SCM to start.
    pub started: ServiceSet,
    /// Once working: when the work started and when it will be done.
    pub working: Option<(SimTime, SimTime)>,
}

impl Progress {
    fn new(now: SimTime) -> Self {
        Progress {
            began: now,
            started: ServiceSet::EMPTY,
            working: None,
        }
    }

    /// Share of the work done at `now`, 0.0–1.0 (0 while waiting for services).
    pub fn fraction(&self, now: SimTime) -> f64 {
        match self.working {
            Some((since, until)) if until > since => (now.since(since).as_millis() as f64
                / until.since(since).as_millis() as f64)
                .min(1.0),
            Some(_) => 1.0,
            None => 0.0,
        }
    }
}

impl Job {
    /// For a download: the update, the MB done at `now` (earlier attempts included), and its
    /// size in MB.
    pub fn download_progress(&self, now: SimTime) -> Option<(UpdateId, f64, u32)> {
        match *self {
            Job::Downloading {
                update,
                from_mb,
                size_mb,
                progress,
            } => {
                let done = f64::from(from_mb)
                    + f64::from(size_mb.saturating_sub(from_mb)) * progress.fraction(now);
                Some((update, done, size_mb))
            }
            _ => None,
        }
    }

    fn progress_mut(&mut self) -> Option<&mut Progress> {
        match self {
            Job::Idle => None,
            Job::Scanning(p)
            | Job::Downloading { progress: p, .. }
            | Job::Installing { progress: p, .. } => Some(p),
        }
    }

    /// The services the job needs running.
    pub fn needs(&self) -> &'static [ServiceId] {
        match self {
            Job::Idle => &[],
            Job::Scanning(_) => &[ServiceId::WUAUSERV],
            Job::Downloading { .. } => &[ServiceId::WUAUSERV, ServiceId::BITS],
            Job::Installing { .. } => &[ServiceId::WUAUSERV, ServiceId::TRUSTED_INSTALLER],
        }
    }
}

/// Planned work of the agent; `generation` makes events of an abandoned job stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgentEvent {
    /// Look again at the services the current job waits for.
    Poll {
        /// The job generation.
        generation: u32,
    },
    /// The current job's work is done.
    WorkDone {
        /// The job generation.
        generation: u32,
    },
}

/// How a job ended, for the Orchestrator to act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobEnd {
    /// A scan succeeded.
    Scanned,
    /// A download finished.
    Downloaded,
    /// An install finished.
    Installed,
    /// The job failed with this error (logged, and kept as the agent's last error).
    Failed(HResult),
}

/// The agent's state on one PC (what the wuauserv process remembers; the rest is on disk).
#[derive(Clone, Debug)]
pub struct Agent {
    /// The current job.
    pub job: Job,
    /// When the last scan succeeded.
    pub last_checked: Option<SimTime>,
    /// The error of the last failed step, cleared by the next success of the same kind.
    pub last_error: Option<HResult>,
    /// Updates the last scan found and that are not installed yet, as recorded in the data
    /// store with serial `offered_in`.
    offered: Vec<UpdateId>,
    offered_in: u32,
    /// The file system's revision at which `offered_in` was last found to be the data store
    /// on disk (a cache: the answer cannot change while the drive does not).
    offered_seen: std::cell::Cell<Option<u32>>,
    pub(crate) generation: u32,
    /// Requests sent to the update server (scans and downloads that reached it), ever.
    pub server_requests: u32,
    /// MB transferred from the update server by finished downloads, ever.
    pub downloaded_mb: u32,
}

impl Agent {
    pub(crate) fn new() -> Self {
        Agent {
            job: Job::Idle,
            last_checked: None,
            last_error: None,
            offered: Vec::new(),
            offered_in: 0,
            offered_seen: std::cell::Cell::new(None),
            generation: 0,
            server_requests: 0,
            downloaded_mb: 0,
        }
    }

    /// The updates the last scan found and that wait to be installed, as the data store
    /// holds them (none once the data store it was written to is gone).
    pub fn offered<E>(&self, w: &World<E>) -> &[UpdateId] {
        let revision = w.fs.revision();
        if self.offered_seen.get() == Some(revision) {
            return &self.offered;
        }
        match w.datastore() {
            Some((_, serial, _)) if serial == self.offered_in => {
                self.offered_seen.set(Some(revision));
                &self.offered
            }
            _ => &[],
        }
    }

    /// Bytes the agent holds on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.offered.capacity() * std::mem::size_of::<UpdateId>()
    }

    /// The offered updates whose whole payload is in the download cache, in offer order.
    pub fn downloaded<E>(&self, w: &World<E>) -> Vec<UpdateId> {
        self.offered(w)
            .iter()
            .copied()
            .filter(|&id| w.is_downloaded(id))
            .collect()
    }
}

/// A scan's checks, in the order the agent meets them: its data store, the network, the
/// proxy, the clock (TLS), the policies (an intranet server, Windows Update access), then the
/// server. On success, the updates offered to the device on `today` (a day number, by the
/// true date): published, past the policies' deferrals and pauses, less a feature update
/// that a pinned target release keeps away.
pub fn scan(
    datastore: DbHealth,
    device: &Device,
    policy: &UpdatePolicy,
    server: &impl UpdateServer,
    today: i64,
) -> Result<Vec<UpdateId>, HResult> {
    if datastore != DbHealth::Healthy {
        return Err(HResult::WU_E_PT_INVALID_FORMAT);
    }
    reach(device, policy)?;
    let catalog = server.sync()?;
    Ok(
        applicable_when(device, &catalog, |u| policy.offers(u, today))
            .filter(|u| {
                u.feature
                    .as_ref()
                    .is_none_or(|f| policy.allows_feature(device.os.version, f.to))
            })
            .map(|u| u.id)
            .collect(),
    )
}

/// A download request's checks: the network and the policies as for a scan, then the
/// server.
pub fn request_download(
    device: &Device,
    policy: &UpdatePolicy,
    server: &impl UpdateServer,
    update: UpdateId,
) -> Result<Transfer, HResult> {
    reach(device, policy)?;
    server.download(update)
}

/// Can the device reach its update server at all?
fn reach(device: &Device, policy: &UpdatePolicy) -> Result<(), HResult> {
    if !device.network.connected() {
        return Err(HResult::WU_E_NO_CONNECTION);
    }
    if device.network.proxy == WinHttpProxy::Broken {
        return Err(HResult::WU_E_PT_WINHTTP_NAME_NOT_RESOLVED);
    }
    if device.clock_offset_secs.abs() > MAX_CLOCK_SKEW_SECS {
        return Err(HResult::ERROR_WINHTTP_SECURE_FAILURE);
    }
    match policy.source_error() {
        Some(error) => Err(error),
        None => Ok(()),
    }
}

/// How long `mb` takes at `kbps` (at least one second).
fn transfer_time(mb: u32, kbps: u64) -> SimDuration {
    let ms = u64::from(mb) * 8 * 1_024 * 1_000 / kbps.max(1);
    SimDuration::from_millis(ms.max(1_000))
}

/// Whether the agent can use a service now.
enum Readiness {
    Ready,
    Wait,
    Failed(HResult),
}

impl Agent {
    /// True when the agent has no job.
    pub fn is_idle(&self) -> bool {
        self.job == Job::Idle
    }

    /// Starts a scan (the agent must be idle). `Some` if it ended at once (a service it needs
    /// cannot start).
    pub(crate) fn begin_scan<E>(&mut self, w: &mut World<E>) -> Option<JobEnd>
    where
        E: From<AgentEvent> + From<ScmEvent>,
    {
        self.begin(w, Job::Scanning(Progress::new(w.now())))
    }

    /// Starts downloading `update`, resuming from what the download cache holds.
    pub(crate) fn begin_download<E>(&mut self, w: &mut World<E>, update: UpdateId) -> Option<JobEnd>
    where
        E: From<AgentEvent> + From<ScmEvent>,
    {
        let size_mb = w.server.catalog().get(update).map_or(0, |u| u.size_mb);
        let from_mb = ((w.payload_bytes(update) / MB) as u32).min(size_mb);
        let job = Job::Downloading {
            update,
            from_mb,
            size_mb,
            progress: Progress::new(w.now()),
        };
        self.begin(w, job)
    }

    /// Starts installing `update`.
    pub(crate) fn begin_install<E>(&mut self, w: &mut World<E>, update: UpdateId) -> Option<JobEnd>
    where
        E: From<AgentEvent> + From<ScmEvent>,
    {
        let job = Job::Installing {
            update,
            progress: Progress::new(w.now()),
        };
        self.begin(w, job)
    }

    fn begin<E>(&mut self, w: &mut World<E>, job: Job) -> Option<JobEnd>
    where
        E: From<AgentEvent> + From<ScmEvent>,
    {
        self.generation = self.generation.wrapping_add(1);
        self.job = job;
        self.drive(w)
    }

    /// Moves the current job along: waits for its services, or starts its work.
    fn drive<E>(&mut self, w: &mut World<E>) -> Option<JobEnd>
    where
        E: From<AgentEvent> + From<ScmEvent>,
    {
        let generation = self.generation;
        for &service in self.job.needs() {
            match self.readiness(w, service) {
                Readiness::Ready => {}
                Readiness::Wait => {
                    w.sim
                        .schedule(SimDuration::from_secs(1), AgentEvent::Poll { generation });
                    return None;
                }
                Readiness::Failed(error) => return Some(self.fail(w, error)),
            }
        }
        let progress = self.job.progress_mut().copied()?;
        if progress.working.is_some() {
            return None;
        }
        // Windows Update makes its folders anew if a reset took them away.
        w.ensure_update_folders();
        let now = w.now();
        let work = match self.job {
            Job::Idle => return None,
            Job::Scanning(_) => SimDuration::from_secs(w.sim.rng().range_inclusive(20, 90)),
            Job::Downloading {
                update,
                from_mb,
                size_mb,
                ..
            } => {
                let needed = u64::from(size_mb.saturating_sub(from_mb)) * MB;
                if w.disk_free_bytes() < needed {
                    return Some(self.fail(w, HResult::ERROR_DISK_FULL));
                }
                let transfer = match request_download(&w.device, &w.policy(), &w.server, update) {
                    Ok(t) => t,
                    Err(error) => return Some(self.fail(w, error)),
                };
                w.write(Entry::DownloadStarted { update });
                let kbps = u64::from(w.device.network.bandwidth_kbps)
                    * u64::from(transfer.speed_percent)
                    / 100;
                transfer_time(size_mb.saturating_sub(from_mb), kbps)
            }
            Job::Installing { update, .. } => {
                if let Err(error) = check_install(w, update) {
                    return Some(self.fail(w, error));
                }
                w.write(Entry::InstallStarted { update });
                let minutes = w
                    .server
                    .catalog()
                    .get(update)
                    .map_or(1, |u| u.install_minutes);
                let base = u64::from(minutes) * 60_000;
                SimDuration::from_millis(w.sim.rng().range_inclusive(base * 8 / 10, base * 12 / 10))
            }
        };
        if let Some(p) = self.job.progress_mut() {
            p.working = Some((now, now + work));
        }
        w.sim.schedule(work, AgentEvent::WorkDone { generation });
        None
    }

    /// Whether `service` is running, starting it on demand (once per job).
    fn readiness<E>(&mut self, w: &mut World<E>, service: ServiceId) -> Readiness
    where
        E: From<ScmEvent>,
    {
        let status = *w.scm.status(service);
        match status.state {
            ServiceState::Running => return Readiness::Ready,
            ServiceState::StartPending | ServiceState::StopPending => return Readiness::Wait,
            ServiceState::Stopped => {}
        }
        let already_tried = self
            .job
            .progress_mut()
            .is_some_and(|p| p.started.contains(service));
        let error = if already_tried {
            Some(match status.exit_code {
                Win32Error(0) => Win32Error::SERVICE_NOT_ACTIVE,
                e => e,
            })
        } else if status.start_type == StartType::Disabled {
            // The demand start is refused; the SCM records the failure.
            w.write(Entry::StartFailed {
                service,
                error: Win32Error::SERVICE_DISABLED,
            });
            Some(Win32Error::SERVICE_DISABLED)
        } else {
            let World { scm, sim, log, .. } = w;
            match scm.start(service, sim, log) {
                Ok(()) => {
                    if let Some(p) = self.job.progress_mut() {
                        p.started.insert(service);
                    }
                    None
                }
                Err(e) => Some(e),
            }
        };
        match error {
            None => Readiness::Wait,
            Some(_) if service == ServiceId::BITS => {
                Readiness::Failed(HResult::WU_E_DM_FAILTOCONNECTTOBITS)
            }
            Some(e) => Readiness::Failed(e.hresult()),
        }
    }

    /// The work of the current job is done: check what can fail at the end, and record it.
    fn finish<E>(&mut self, w: &mut World<E>) -> Option<JobEnd>
    where
        E: From<AgentEvent> + From<ScmEvent>,
    {
        let stuck = self.job.needs().iter().any(|&s| w.is_wedged(s));
        if stuck {
            // A wedged service never reports back: the job hangs until it is restarted.
            return None;
        }
        match self.job {
            Job::Idle => None,
            Job::Scanning(_) => self.finish_scan(w),
            Job::Downloading {
                update,
                size_mb,
                from_mb,
                ..
            } => Some(self.finish_download(w, update, from_mb, size_mb)),
            Job::Installing { update, .. } => Some(self.finish_install(w, update)),
        }
    }

    fn finish_scan<E>(&mut self, w: &mut World<E>) -> Option<JobEnd>
    where
        E: From<ScmEvent>,
    {
        let datastore = w.datastore_health();
        if datastore == DbHealth::Crashing {
            // The service dies reading its data store; `check_services` then fails the scan.
            let World { scm, sim, log, .. } = w;
            scm.crash(ServiceId::WUAUSERV, sim, log);
            return None;
        }
        let policy = w.policy();
        if datastore == DbHealth::Healthy && reach(&w.device, &policy).is_ok() {
            self.server_requests = self.server_requests.wrapping_add(1);
        }
        match scan(datastore, &w.device, &policy, &w.server, w.today()) {
            Ok(offered) => {
                self.job = Job::Idle;
                self.last_checked = Some(w.now());
                self.last_error = None;
                w.write(Entry::ScanSucceeded {
                    found: offered.len() as u16,
                });
                self.offered = offered;
                self.offered_in = w.datastore().map_or(0, |(_, serial, _)| serial);
                self.offered_seen.set(None);
                Some(JobEnd::Scanned)
            }
            Err(error) => Some(self.fail(w, error)),
        }
    }

    fn finish_download<E>(
        &mut self,
        w: &mut World<E>,
        update: UpdateId,
        from_mb: u32,
        size_mb: u32,
    ) -> JobEnd {
        let policy = w.policy();
        if reach(&w.device, &policy).is_ok() {
            self.server_requests = self.server_requests.wrapping_add(1);
        }
        let transfer = request_download(&w.device, &policy, &w.server, update);
        let outcome = match transfer {
            Err(error) => Err(error),
            Ok(t) if t.corrupt => Err(HResult::ERROR_INVALID_DATA),
            Ok(_) if w.download_cache_corrupt() => Err(HResult::WU_E_UH_NEEDANOTHERDOWNLOAD),
            Ok(_) => Ok(()),
        };
        match outcome {
            Ok(()) => {
                self.downloaded_mb = self
                    .downloaded_mb
                    .wrapping_add(size_mb - from_mb.min(size_mb));
                w.put_payload(update, u64::from(size_mb) * MB, false);
                self.job = Job::Idle;
                w.write(Entry::Downloaded { update });
                JobEnd::Downloaded
            }
            Err(error) => {
                if error == HResult::ERROR_INVALID_DATA {
                    // What arrived failed its hash check: nothing of it is kept.
                    w.remove_payload(update);
                }
                self.fail(w, error)
            }
        }
    }

    fn finish_install<E>(&mut self, w: &mut World<E>, update: UpdateId) -> JobEnd {
        let Some(info) = w.server.catalog().get(update).cloned() else {
            return self.fail(w, HResult::WU_E_UH_INVALIDMETADATA);
        };
        let os_update = matches!(
            info.classification,
            Classification::SecurityUpdate
                | Classification::CriticalUpdate
                | Classification::FeatureUpdate
                | Classification::ServicingStack
                | Classification::UpdateRollup
        );
        let verified = w.catalog_health() == DbHealth::Healthy
            && w.scm.state(ServiceId::CRYPTSVC) == ServiceState::Running;
        let error = if !verified {
            Some(HResult::WU_E_UH_INVALIDMETADATA)
        } else if os_update && w.device.component_store == Health::Corrupt {
            Some(HResult::ERROR_SXS_COMPONENT_STORE_CORRUPT)
        } else if let Some((_, error)) = w.device.failing_update.filter(|&(kb, _)| kb == update.0) {
            Some(error)
        } else {
            None
        };
        if let Some(error) = error {
            return self.fail(w, error);
        }
        self.job = Job::Idle;
        self.last_error = None;
        self.offered.retain(|&id| id != update);
        // The installed payload leaves the download cache.
        w.remove_payload(update);
        w.write(Entry::InstallSucceeded { update });
        if info.restart_required {
            w.device.staged.push(crate::device::StagedUpdate {
                kb: update.0,
                revision: info.revision,
                version: info.feature.as_ref().map(|f| f.to),
            });
            w.write(Entry::RestartRequired { update });
            w.note_pending_restart();
        } else {
            let day = w.clock().day_number();
            w.device.installed.push(crate::device::InstalledUpdate {
                kb: update.0,
                installed_on_day: day,
            });
        }
        JobEnd::Installed
    }

    /// The current job failed with `error`: log it, remember it, keep a partial download.
    fn fail<E>(&mut self, w: &mut World<E>, error: HResult) -> JobEnd {
        let now = w.now();
        if let Some((update, done, size_mb)) = self.job.download_progress(now) {
            // Keep what was downloaded: the next attempt resumes from there.
            let done = done as u32;
            if done > 0 && done < size_mb && w.datastore().is_some() {
                w.put_payload(update, u64::from(done) * MB, false);
            }
        }
        let entry = match self.job {
            Job::Idle => return JobEnd::Failed(error),
            Job::Scanning(_) => Entry::ScanFailed { error },
            Job::Downloading { update, .. } => Entry::DownloadFailed { update, error },
            Job::Installing { update, .. } => Entry::InstallFailed { update, error },
        };
        self.generation = self.generation.wrapping_add(1);
        self.job = Job::Idle;
        self.last_error = Some(error);
        w.write(entry);
        JobEnd::Failed(error)
    }

    /// Ends the current job from outside (the troubleshooter resetting the components, a
    /// pause): it fails with `error` as if its service had stopped. `None` when idle.
    pub(crate) fn abort<E>(&mut self, w: &mut World<E>, error: HResult) -> Option<JobEnd> {
        (self.job != Job::Idle).then(|| self.fail(w, error))
    }

    /// Drops the current job without a trace (a pause cancels an install that has not
    /// begun its work).
    pub(crate) fn cancel(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        self.job = Job::Idle;
    }

    /// Handles the agent's planned work.
    pub(crate) fn handle<E>(&mut self, w: &mut World<E>, event: AgentEvent) -> Option<JobEnd>
    where
        E: From<AgentEvent> + From<ScmEvent>,
    {
        match event {
            AgentEvent::Poll { generation } if generation == self.generation => self.drive(w),
            AgentEvent::WorkDone { generation } if generation == self.generation => self.finish(w),
            _ => None,
        }
    }

    /// After any change to the services: a job whose service stopped under it fails.
    pub(crate) fn check_services<E>(&mut self, w: &mut World<E>) -> Option<JobEnd> {
        let working = self.job.progress_mut().is_some_and(|p| p.working.is_some());
        if !working {
            return None;
        }
        let lost = self
            .job
            .needs()
            .iter()
            .any(|&s| w.scm.state(s) != ServiceState::Running);
        lost.then(|| self.fail(w, HResult::WU_E_SERVICE_STOP))
    }

    /// The PC restarts: the job in flight is dropped, and what was offered but no longer
    /// applies (installed now, or a new Windows version) is forgotten.
    pub(crate) fn on_reboot<E>(&mut self, w: &World<E>) {
        self.job = Job::Idle;
        self.generation = self.generation.wrapping_add(1);
        let (catalog, device) = (w.server.catalog(), &w.device);
        self.offered.retain(|&id| {
            catalog.get(id).is_some_and(|u| {
                crate::update::applicability::evaluate(u, device, catalog)
                    == crate::update::Applicability::Applicable
            })
        });
    }
}

/// Installs wait while a restart is pending (definition updates excepted).
fn check_install<E>(w: &World<E>, update: UpdateId) -> Result<(), HResult> {
    let definition = w
        .server
        .catalog()
        .get(update)
        .is_some_and(|u| u.classification == Classification::DefinitionUpdate);
    if w.device.pending_restart() && !definition {
        return Err(HResult::WU_E_INSTALL_NOT_ALLOWED);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
