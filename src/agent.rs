//! The Windows Update agent (wuauserv): scan, download through BITS, install through the
//! Windows Modules Installer (TrustedInstaller), and stage what needs a restart.
//!
//! The agent does one job at a time ([`Job`]). A job first makes sure the services it needs
//! are running, starting Manual ones on demand as Windows does (a Disabled one fails the job
//! with its error); then it does its work for a stretch of simulated time; then it checks what
//! can go wrong at that point — the network, the clock, the stores on disk, the server — and
//! writes the WindowsUpdateClient events (25/26 for a scan, 44/41/31 for a download, 43/19/20/21
//! for an install). If a service it needs stops while it works, the job fails with
//! 0x8024001E (WU_E_SERVICE_STOP). A download that is interrupted keeps what it had and
//! resumes from there.
//!
//! The server-facing checks ([`scan`], [`request_download`]) are plain functions of the
//! device and an [`UpdateServer`], so they can be tested against a mock server. The rest are
//! methods of [`Pc`], which owns the agent's state.

use crate::device::{Device, Health, WinHttpProxy};
use crate::engine::{SimDuration, SimTime};
use crate::eventlog::Entry;
use crate::pc::{Event, Pc};
use crate::scm::{ServiceId, ServiceSet, ServiceState, StartType};
use crate::update::applicability::applicable;
use crate::update::server::Transfer;
use crate::update::{Classification, UpdateId, UpdateServer};
use crate::win32::{HResult, Win32Error};

/// Operation didn't complete because the service or system was shutting down.
pub const WU_E_SERVICE_STOP: HResult = HResult(0x8024_001E);
/// The network connection is unavailable.
pub const WU_E_NO_CONNECTION: HResult = HResult(0x8024_001F);
/// The proxy or server name could not be resolved.
pub const WU_E_PT_WINHTTP_NAME_NOT_RESOLVED: HResult = HResult(0x8024_402C);
/// TLS failed: the server's certificate did not validate (here: the clock is wrong).
pub const ERROR_WINHTTP_SECURE_FAILURE: HResult = HResult(0x8007_2F8F);
/// The agent could not read its data store.
pub const WU_E_PT_INVALID_FORMAT: HResult = HResult(0x8024_0439);
/// The download manager could not connect to BITS.
pub const WU_E_DM_FAILTOCONNECTTOBITS: HResult = HResult(0x8024_6008);
/// Not enough disk space.
pub const ERROR_DISK_FULL: HResult = HResult(0x8007_0070);
/// The downloaded data is invalid (failed its hash check).
pub const ERROR_INVALID_DATA: HResult = HResult(0x8007_000D);
/// The update must be downloaded again (the download cache is damaged).
pub const WU_E_UH_NEEDANOTHERDOWNLOAD: HResult = HResult(0x8024_200D);
/// An install is not allowed while a restart is pending.
pub const WU_E_INSTALL_NOT_ALLOWED: HResult = HResult(0x8024_0016);
/// The component store is corrupt.
pub const ERROR_SXS_COMPONENT_STORE_CORRUPT: HResult = HResult(0x8007_3712);
/// The update's metadata could not be verified (catalog database or Cryptographic Services).
pub const WU_E_UH_INVALIDMETADATA: HResult = HResult(0x8024_2006);

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
        /// MB already downloaded when this attempt began.
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

/// The agent's state on one PC.
#[derive(Clone, Debug)]
pub struct Agent {
    /// The current job.
    pub job: Job,
    /// When the last scan succeeded.
    pub last_checked: Option<SimTime>,
    /// The error of the last failed step, cleared by the next success of the same kind.
    pub last_error: Option<HResult>,
    /// Updates the last scan found and that are not installed yet.
    pub offered: Vec<UpdateId>,
    /// Updates downloaded and waiting to install.
    pub downloaded: Vec<UpdateId>,
    /// Interrupted downloads: the update and the MB already downloaded.
    pub partial: Vec<(UpdateId, u32)>,
    /// Fault: reading a corrupt data store crashes the service (instead of an error).
    pub crashes_on_corrupt_datastore: bool,
    pub(crate) generation: u32,
}

impl Agent {
    pub(crate) fn new(last_checked: Option<SimTime>) -> Self {
        Agent {
            job: Job::Idle,
            last_checked,
            last_error: None,
            offered: Vec::new(),
            downloaded: Vec::new(),
            partial: Vec::new(),
            crashes_on_corrupt_datastore: false,
            generation: 0,
        }
    }
}

/// A scan's checks, in the order the agent meets them: its data store, the network, the
/// proxy, the clock (TLS), then the server.
/// On success, the updates offered to the device.
pub fn scan(device: &Device, server: &impl UpdateServer) -> Result<Vec<UpdateId>, HResult> {
    if device.stores.datastore == Health::Corrupt {
        return Err(WU_E_PT_INVALID_FORMAT);
    }
    reach(device)?;
    let catalog = server.sync()?;
    Ok(applicable(device, &catalog).map(|u| u.id).collect())
}

/// A download request's checks: the network as for a scan, then the server.
pub fn request_download(
    device: &Device,
    server: &impl UpdateServer,
    update: UpdateId,
) -> Result<Transfer, HResult> {
    reach(device)?;
    server.download(update)
}

/// Can the device reach an HTTPS server at all?
fn reach(device: &Device) -> Result<(), HResult> {
    if !device.network.online {
        return Err(WU_E_NO_CONNECTION);
    }
    if device.network.proxy == WinHttpProxy::Broken {
        return Err(WU_E_PT_WINHTTP_NAME_NOT_RESOLVED);
    }
    if device.clock_offset_secs.abs() > MAX_CLOCK_SKEW_SECS {
        return Err(ERROR_WINHTTP_SECURE_FAILURE);
    }
    Ok(())
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

impl Pc {
    /// Starts a scan if the agent is idle. `true` if one started.
    pub(crate) fn begin_scan(&mut self) -> bool {
        if self.agent.job != Job::Idle {
            return false;
        }
        // A "Check for updates" that was not taken up is answered by this scan.
        self.uso.check_requested = None;
        self.begin(Job::Scanning(Progress::new(self.now())));
        true
    }

    pub(crate) fn begin_download(&mut self, update: UpdateId) {
        let from_mb = self
            .agent
            .partial
            .iter()
            .find(|(id, _)| *id == update)
            .map_or(0, |&(_, mb)| mb);
        let size_mb = self.server.catalog().get(update).map_or(0, |u| u.size_mb);
        self.begin(Job::Downloading {
            update,
            from_mb,
            size_mb,
            progress: Progress::new(self.now()),
        });
    }

    pub(crate) fn begin_install(&mut self, update: UpdateId) {
        self.begin(Job::Installing {
            update,
            progress: Progress::new(self.now()),
        });
    }

    fn begin(&mut self, job: Job) {
        self.agent.generation = self.agent.generation.wrapping_add(1);
        self.agent.job = job;
        self.drive_job();
    }

    /// Moves the current job along: waits for its services, or starts its work.
    fn drive_job(&mut self) {
        let generation = self.agent.generation;
        for &service in self.agent.job.needs() {
            match self.readiness(service) {
                Readiness::Ready => {}
                Readiness::Wait => {
                    self.sim
                        .schedule(SimDuration::from_secs(1), AgentEvent::Poll { generation });
                    return;
                }
                Readiness::Failed(error) => return self.fail_job(error),
            }
        }
        let Some(progress) = self.agent.job.progress_mut().copied() else {
            return;
        };
        if progress.working.is_some() {
            return;
        }
        let now = self.now();
        let work = match self.agent.job {
            Job::Idle => return,
            Job::Scanning(_) => SimDuration::from_secs(self.sim.rng().range_inclusive(20, 90)),
            Job::Downloading {
                update,
                from_mb,
                size_mb,
                ..
            } => {
                if self.device.disk_free_mb < u64::from(size_mb.saturating_sub(from_mb)) {
                    return self.fail_job(ERROR_DISK_FULL);
                }
                let transfer = match request_download(&self.device, &self.server, update) {
                    Ok(t) => t,
                    Err(error) => return self.fail_job(error),
                };
                self.write(Entry::DownloadStarted { update });
                let kbps = u64::from(self.device.network.bandwidth_kbps)
                    * u64::from(transfer.speed_percent)
                    / 100;
                transfer_time(size_mb.saturating_sub(from_mb), kbps)
            }
            Job::Installing { update, .. } => {
                if let Err(error) = self.check_install(update) {
                    return self.fail_job(error);
                }
                self.write(Entry::InstallStarted { update });
                let minutes = self
                    .server
                    .catalog()
                    .get(update)
                    .map_or(1, |u| u.install_minutes);
                let base = u64::from(minutes) * 60_000;
                SimDuration::from_millis(
                    self.sim
                        .rng()
                        .range_inclusive(base * 8 / 10, base * 12 / 10),
                )
            }
        };
        if let Some(p) = self.agent.job.progress_mut() {
            p.working = Some((now, now + work));
        }
        self.sim.schedule(work, AgentEvent::WorkDone { generation });
    }

    /// Whether `service` is running, starting it on demand (once per job).
    fn readiness(&mut self, service: ServiceId) -> Readiness {
        let status = *self.scm.status(service);
        match status.state {
            ServiceState::Running => return Readiness::Ready,
            ServiceState::StartPending | ServiceState::StopPending => return Readiness::Wait,
            ServiceState::Stopped => {}
        }
        let already_tried = self
            .agent
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
            self.write(Entry::StartFailed {
                service,
                error: Win32Error::SERVICE_DISABLED,
            });
            Some(Win32Error::SERVICE_DISABLED)
        } else {
            match self.scm.start(service, &mut self.sim, &mut self.log) {
                Ok(()) => {
                    if let Some(p) = self.agent.job.progress_mut() {
                        p.started.insert(service);
                    }
                    None
                }
                Err(e) => Some(e),
            }
        };
        match error {
            None => Readiness::Wait,
            Some(_) if service == ServiceId::BITS => Readiness::Failed(WU_E_DM_FAILTOCONNECTTOBITS),
            Some(e) => Readiness::Failed(e.hresult()),
        }
    }

    fn check_install(&self, update: UpdateId) -> Result<(), HResult> {
        let definition = self
            .server
            .catalog()
            .get(update)
            .is_some_and(|u| u.classification == Classification::DefinitionUpdate);
        if self.device.pending_restart() && !definition {
            return Err(WU_E_INSTALL_NOT_ALLOWED);
        }
        Ok(())
    }

    /// The work of the current job is done: check what can fail at the end, and record it.
    pub(crate) fn finish_work(&mut self) {
        let stuck = self.agent.job.needs().iter().any(|&s| self.is_wedged(s));
        if stuck {
            // A wedged service never reports back: the job hangs until it is restarted.
            return;
        }
        match self.agent.job {
            Job::Idle => {}
            Job::Scanning(_) => self.finish_scan(),
            Job::Downloading {
                update, size_mb, ..
            } => self.finish_download(update, size_mb),
            Job::Installing { update, .. } => self.finish_install(update),
        }
    }

    fn finish_scan(&mut self) {
        if self.device.stores.datastore == Health::Corrupt
            && self.agent.crashes_on_corrupt_datastore
        {
            // The service dies reading its data store; `observe` fails the scan.
            self.scm
                .crash(ServiceId::WUAUSERV, &mut self.sim, &mut self.log);
            return;
        }
        match scan(&self.device, &self.server) {
            Ok(offered) => {
                self.agent.job = Job::Idle;
                self.agent.last_checked = Some(self.now());
                self.agent.last_error = None;
                self.write(Entry::ScanSucceeded {
                    found: offered.len() as u16,
                });
                self.agent.downloaded.retain(|id| offered.contains(id));
                self.agent.offered = offered;
                self.uso.blocked = false;
                // A "Download" press applies to what was offered then, not to later scans.
                self.uso.download_now = false;
                self.advance();
            }
            Err(error) => self.fail_job(error),
        }
    }

    fn finish_download(&mut self, update: UpdateId, size_mb: u32) {
        let transfer = request_download(&self.device, &self.server, update);
        let outcome = match transfer {
            Err(error) => Err(error),
            Ok(t) if t.corrupt => Err(ERROR_INVALID_DATA),
            Ok(_) if self.device.stores.download_cache == Health::Corrupt => {
                Err(WU_E_UH_NEEDANOTHERDOWNLOAD)
            }
            Ok(_) => Ok(()),
        };
        self.agent.partial.retain(|(id, _)| *id != update);
        match outcome {
            Ok(()) => {
                self.device.disk_free_mb =
                    self.device.disk_free_mb.saturating_sub(u64::from(size_mb));
                self.agent.downloaded.push(update);
                self.agent.job = Job::Idle;
                self.write(Entry::Downloaded { update });
                self.advance();
            }
            Err(error) => self.fail_job(error),
        }
    }

    fn finish_install(&mut self, update: UpdateId) {
        let Some(info) = self.server.catalog().get(update).cloned() else {
            return self.fail_job(WU_E_UH_INVALIDMETADATA);
        };
        let os_update = matches!(
            info.classification,
            Classification::SecurityUpdate
                | Classification::CriticalUpdate
                | Classification::FeatureUpdate
                | Classification::ServicingStack
                | Classification::UpdateRollup
        );
        let verified = self.device.stores.catroot2 == Health::Healthy
            && self.scm.state(ServiceId::CRYPTSVC) == ServiceState::Running;
        let error = if !verified {
            Some(WU_E_UH_INVALIDMETADATA)
        } else if os_update && self.device.stores.component_store == Health::Corrupt {
            Some(ERROR_SXS_COMPONENT_STORE_CORRUPT)
        } else {
            None
        };
        if let Some(error) = error {
            return self.fail_job(error);
        }
        self.agent.job = Job::Idle;
        self.agent.last_error = None;
        self.agent.downloaded.retain(|&id| id != update);
        self.agent.offered.retain(|&id| id != update);
        self.device.disk_free_mb += u64::from(info.size_mb);
        self.write(Entry::InstallSucceeded { update });
        if info.restart_required {
            self.device.staged.push(crate::device::StagedUpdate {
                kb: update.0,
                revision: info.revision,
                version: info.feature.as_ref().map(|f| f.to),
            });
            self.write(Entry::RestartRequired { update });
        } else {
            let day = self.clock().day_number();
            self.device.installed.push(crate::device::InstalledUpdate {
                kb: update.0,
                installed_on_day: day,
            });
        }
        self.advance();
    }

    /// The current job failed with `error`: log it, remember it, and wait for the next scan.
    pub(crate) fn fail_job(&mut self, error: HResult) {
        let now = self.now();
        if let Some((update, done, size_mb)) = self.agent.job.download_progress(now) {
            // Keep what was downloaded: the next attempt resumes from there.
            let done = done as u32;
            if done > 0 && done < size_mb {
                self.agent.partial.retain(|(id, _)| *id != update);
                self.agent.partial.push((update, done));
            }
        }
        let entry = match self.agent.job {
            Job::Idle => return,
            Job::Scanning(_) => Entry::ScanFailed { error },
            Job::Downloading { update, .. } => Entry::DownloadFailed { update, error },
            Job::Installing { update, .. } => Entry::InstallFailed { update, error },
        };
        self.agent.generation = self.agent.generation.wrapping_add(1);
        self.agent.job = Job::Idle;
        self.agent.last_error = Some(error);
        self.uso.blocked = true;
        self.write(entry);
    }

    /// Handles the agent's planned work.
    pub(crate) fn handle_agent(&mut self, event: AgentEvent) {
        match event {
            AgentEvent::Poll { generation } if generation == self.agent.generation => {
                self.drive_job();
            }
            AgentEvent::WorkDone { generation } if generation == self.agent.generation => {
                self.finish_work();
            }
            _ => {}
        }
    }

    /// After any change to the services: a job whose service stopped under it fails.
    pub(crate) fn check_job_services(&mut self) {
        let working = self
            .agent
            .job
            .progress_mut()
            .is_some_and(|p| p.working.is_some());
        if !working {
            return;
        }
        let lost = self
            .agent
            .job
            .needs()
            .iter()
            .any(|&s| self.scm.state(s) != ServiceState::Running);
        if lost {
            self.fail_job(WU_E_SERVICE_STOP);
        }
    }
}

impl From<AgentEvent> for Event {
    fn from(event: AgentEvent) -> Self {
        Event::Agent(event)
    }
}

#[cfg(test)]
mod tests;
