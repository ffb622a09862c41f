//! What the simulated Windows writes to its event logs: the System log (the Service Control
//! Manager's entries) and the Windows Update client's Operational log.
//!
//! An [`EventRecord`] is a time and an [`Entry`]: a small `Copy` value naming what happened,
//! with no text in it. Event ids, levels, channels and message texts are derived from the entry
//! on demand ([`Entry::id`], [`Entry::message`]...), so logging costs no formatting and no
//! allocation in the simulation's hot path. Message texts follow the services.exe message
//! table and the WindowsUpdateClient manifest (reference §2c, §4a).

use serde::Serialize;

use crate::engine::SimTime;
use crate::scm::{RecoveryAction, ServiceId, StartType};
use crate::update::{Catalog, UpdateId};
use crate::win32::{HResult, Win32Error};

/// The logs wusim writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum LogName {
    /// The System log.
    System,
    /// Microsoft-Windows-WindowsUpdateClient/Operational.
    WindowsUpdateOperational,
}

impl LogName {
    /// The name `Get-WinEvent -LogName` takes.
    pub fn name(self) -> &'static str {
        match self {
            LogName::System => "System",
            LogName::WindowsUpdateOperational => {
                "Microsoft-Windows-WindowsUpdateClient/Operational"
            }
        }
    }
}

/// The component that wrote an entry (the ProviderName).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Provider {
    /// `Service Control Manager`.
    ServiceControlManager,
    /// `Microsoft-Windows-WindowsUpdateClient`.
    WindowsUpdateClient,
}

impl Provider {
    /// The provider name as Event Viewer and Get-WinEvent show it.
    pub fn name(self) -> &'static str {
        match self {
            Provider::ServiceControlManager => "Service Control Manager",
            Provider::WindowsUpdateClient => "Microsoft-Windows-WindowsUpdateClient",
        }
    }
}

/// Severity of an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Level {
    /// Information.
    Information,
    /// Warning.
    Warning,
    /// Error.
    Error,
}

impl Level {
    /// As `LevelDisplayName` shows it.
    pub fn name(self) -> &'static str {
        match self {
            Level::Information => "Information",
            Level::Warning => "Warning",
            Level::Error => "Error",
        }
    }
}

/// What happened, without its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Entry {
    /// 7036: a service entered the running or the stopped state.
    ServiceStateChanged {
        /// The service.
        service: ServiceId,
        /// True for running, false for stopped.
        running: bool,
    },
    /// 7040: a service's start type changed.
    StartTypeChanged {
        /// The service.
        service: ServiceId,
        /// The old start type.
        from: StartType,
        /// The new start type.
        to: StartType,
    },
    /// 7000: a service failed to start.
    StartFailed {
        /// The service.
        service: ServiceId,
        /// Why.
        error: Win32Error,
    },
    /// 7001: a service could not start because a service it depends on failed to start.
    DependencyFailed {
        /// The service that was to start.
        service: ServiceId,
        /// The dependency that failed.
        dependency: ServiceId,
        /// The dependency's error.
        error: Win32Error,
    },
    /// 7009: the SCM gave up waiting for a starting service to connect.
    ConnectTimeout {
        /// The service.
        service: ServiceId,
        /// How long it waited, in milliseconds.
        ms: u32,
    },
    /// 7011: the SCM gave up waiting for a service to answer a control.
    TransactionTimeout {
        /// The service.
        service: ServiceId,
        /// How long it waited, in milliseconds.
        ms: u32,
    },
    /// 7023: a service stopped with an error.
    TerminatedWithError {
        /// The service.
        service: ServiceId,
        /// Its exit error.
        error: Win32Error,
    },
    /// 7031 (a recovery action follows) or 7034 (none): a service terminated unexpectedly.
    TerminatedUnexpectedly {
        /// The service.
        service: ServiceId,
        /// How many times it has done so (since the failure count was last reset).
        count: u8,
        /// The corrective action the SCM takes.
        action: RecoveryAction,
    },
    /// 7032: the corrective action after a termination failed.
    CorrectiveActionFailed {
        /// The service.
        service: ServiceId,
        /// Why the restart failed.
        error: Win32Error,
    },
    /// WindowsUpdateClient 19: an update installed.
    InstallSucceeded {
        /// The update.
        update: UpdateId,
    },
    /// WindowsUpdateClient 20: an update failed to install.
    InstallFailed {
        /// The update.
        update: UpdateId,
        /// Why.
        error: HResult,
    },
    /// WindowsUpdateClient 21: a restart is required to finish installing.
    RestartRequired {
        /// The update.
        update: UpdateId,
    },
    /// WindowsUpdateClient 25: a scan failed.
    ScanFailed {
        /// Why.
        error: HResult,
    },
    /// WindowsUpdateClient 26: a scan found updates.
    ScanSucceeded {
        /// How many updates it found.
        found: u16,
    },
    /// WindowsUpdateClient 31: a download failed.
    DownloadFailed {
        /// The update.
        update: UpdateId,
        /// Why.
        error: HResult,
    },
    /// WindowsUpdateClient 41: an update was downloaded.
    Downloaded {
        /// The update.
        update: UpdateId,
    },
    /// WindowsUpdateClient 43: an installation started.
    InstallStarted {
        /// The update.
        update: UpdateId,
    },
    /// WindowsUpdateClient 44: a download started.
    DownloadStarted {
        /// The update.
        update: UpdateId,
    },
}

impl Entry {
    /// The event id.
    pub fn id(&self) -> u16 {
        match self {
            Entry::ServiceStateChanged { .. } => 7036,
            Entry::StartTypeChanged { .. } => 7040,
            Entry::StartFailed { .. } => 7000,
            Entry::DependencyFailed { .. } => 7001,
            Entry::ConnectTimeout { .. } => 7009,
            Entry::TransactionTimeout { .. } => 7011,
            Entry::TerminatedWithError { .. } => 7023,
            Entry::TerminatedUnexpectedly {
                action: RecoveryAction::None,
                ..
            } => 7034,
            Entry::TerminatedUnexpectedly { .. } => 7031,
            Entry::CorrectiveActionFailed { .. } => 7032,
            Entry::InstallSucceeded { .. } => 19,
            Entry::InstallFailed { .. } => 20,
            Entry::RestartRequired { .. } => 21,
            Entry::ScanFailed { .. } => 25,
            Entry::ScanSucceeded { .. } => 26,
            Entry::DownloadFailed { .. } => 31,
            Entry::Downloaded { .. } => 41,
            Entry::InstallStarted { .. } => 43,
            Entry::DownloadStarted { .. } => 44,
        }
    }

    /// The component that writes it.
    pub fn provider(&self) -> Provider {
        if self.id() >= 7000 {
            Provider::ServiceControlManager
        } else {
            Provider::WindowsUpdateClient
        }
    }

    /// The log it goes to: the Service Control Manager and the classic Automatic Updates
    /// events (19–21) go to System, the agent's events to the Operational log (reference
    /// §4a; current builds also copy some to both, which wusim does not model).
    pub fn log(&self) -> LogName {
        match self.id() {
            19..=24 | 7000.. => LogName::System,
            _ => LogName::WindowsUpdateOperational,
        }
    }

    /// Its severity.
    pub fn level(&self) -> Level {
        match self {
            Entry::ServiceStateChanged { .. }
            | Entry::StartTypeChanged { .. }
            | Entry::InstallSucceeded { .. }
            | Entry::RestartRequired { .. }
            | Entry::ScanSucceeded { .. }
            | Entry::Downloaded { .. }
            | Entry::InstallStarted { .. }
            | Entry::DownloadStarted { .. } => Level::Information,
            _ => Level::Error,
        }
    }

    /// The update the entry is about, if any.
    pub fn update(&self) -> Option<UpdateId> {
        match *self {
            Entry::InstallSucceeded { update }
            | Entry::InstallFailed { update, .. }
            | Entry::RestartRequired { update }
            | Entry::DownloadFailed { update, .. }
            | Entry::Downloaded { update }
            | Entry::InstallStarted { update }
            | Entry::DownloadStarted { update } => Some(update),
            _ => None,
        }
    }

    /// The error the entry reports, as an HRESULT, if any.
    pub fn error(&self) -> Option<HResult> {
        match *self {
            Entry::InstallFailed { error, .. }
            | Entry::ScanFailed { error }
            | Entry::DownloadFailed { error, .. } => Some(error),
            Entry::StartFailed { error, .. }
            | Entry::DependencyFailed { error, .. }
            | Entry::TerminatedWithError { error, .. }
            | Entry::CorrectiveActionFailed { error, .. } => Some(error.hresult()),
            _ => None,
        }
    }

    /// The service the entry is about, if any.
    pub fn service(&self) -> Option<ServiceId> {
        match *self {
            Entry::ServiceStateChanged { service, .. }
            | Entry::StartTypeChanged { service, .. }
            | Entry::StartFailed { service, .. }
            | Entry::DependencyFailed { service, .. }
            | Entry::ConnectTimeout { service, .. }
            | Entry::TransactionTimeout { service, .. }
            | Entry::TerminatedWithError { service, .. }
            | Entry::TerminatedUnexpectedly { service, .. }
            | Entry::CorrectiveActionFailed { service, .. } => Some(service),
            _ => None,
        }
    }

    /// The message text, as Event Viewer shows it; update titles come from `catalog`.
    ///
    /// The Service Control Manager texts follow its message table (reference §2c). The
    /// WindowsUpdateClient texts follow the meanings in its manifest (§4a); their exact
    /// wording is modelled.
    pub fn message(&self, catalog: &Catalog) -> String {
        let title = |id: UpdateId| {
            catalog
                .get(id)
                .map_or_else(|| id.to_string(), |u| u.title.clone())
        };
        match *self {
            Entry::InstallSucceeded { update } => format!(
                "Installation Successful: Windows successfully installed the following update: {}",
                title(update)
            ),
            Entry::InstallFailed { update, error } => format!(
                "Installation Failure: Windows failed to install the following update with error {error}: {}.",
                title(update)
            ),
            Entry::RestartRequired { update } => format!(
                "Restart Required: To complete the installation of the following updates, the computer must be restarted. Until this computer has been restarted, Windows cannot search for or download new updates:  - {}",
                title(update)
            ),
            Entry::ScanFailed { error } => {
                format!("Windows Update failed to check for updates with error {error}.")
            }
            Entry::ScanSucceeded { found } => {
                format!("Windows Update successfully found {found} updates.")
            }
            Entry::DownloadFailed { update, error } => format!(
                "Windows Update failed to download an update with error {error}: {}.",
                title(update)
            ),
            Entry::Downloaded { update } => format!("An update was downloaded: {}.", title(update)),
            Entry::InstallStarted { update } => format!(
                "Installation Started: Windows has started installing the following update: {}",
                title(update)
            ),
            Entry::DownloadStarted { update } => format!(
                "Windows Update started downloading an update: {}.",
                title(update)
            ),
            Entry::ServiceStateChanged { service, running } => format!(
                "The {} service entered the {} state.",
                service.display_name(),
                if running { "running" } else { "stopped" }
            ),
            Entry::StartTypeChanged { service, from, to } => format!(
                "The start type of the {} service was changed from {} to {}.",
                service.display_name(),
                from.event_words(),
                to.event_words()
            ),
            Entry::StartFailed { service, error } => format!(
                "The {} service failed to start due to the following error: \n{}",
                service.display_name(),
                error.message()
            ),
            Entry::DependencyFailed {
                service,
                dependency,
                error,
            } => format!(
                "The {} service depends on the {} service which failed to start because of the following error: \n{}",
                service.display_name(),
                dependency.display_name(),
                error.message()
            ),
            Entry::ConnectTimeout { service, ms } => format!(
                "A timeout was reached ({ms} milliseconds) while waiting for the {} service to connect.",
                service.display_name()
            ),
            Entry::TransactionTimeout { service, ms } => format!(
                "A timeout ({ms} milliseconds) was reached while waiting for a transaction response from the {} service.",
                service.name()
            ),
            Entry::TerminatedWithError { service, error } => format!(
                "The {} service terminated with the following error: \n{}",
                service.display_name(),
                error.message()
            ),
            Entry::TerminatedUnexpectedly {
                service,
                count,
                action,
            } => match action {
                RecoveryAction::None => format!(
                    "The {} service terminated unexpectedly.  It has done this {count} time(s).",
                    service.display_name()
                ),
                RecoveryAction::Restart { delay_ms } => format!(
                    "The {} service terminated unexpectedly.  It has done this {count} time(s).  The following corrective action will be taken in {delay_ms} milliseconds: Restart the service.",
                    service.display_name()
                ),
            },
            Entry::CorrectiveActionFailed { service, error } => format!(
                "The Service Control Manager tried to take a corrective action (Restart the service) after the unexpected termination of the {} service, but this action failed with the following error: \n{}",
                service.display_name(),
                error.message()
            ),
        }
    }
}

/// One entry with its time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct EventRecord {
    /// When it was written.
    pub time: SimTime,
    /// What it says.
    pub entry: Entry,
}

/// One row of Event Viewer's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ViewerRow {
    /// `Information`, `Warning`, `Error`.
    pub level: &'static str,
    /// `6/10/2025 10:31:05 AM`.
    pub time: String,
    /// The Source column: `Service Control Manager`, `WindowsUpdateClient`.
    pub source: &'static str,
    /// The event id.
    pub id: u16,
    /// The Task Category column.
    pub task: &'static str,
    /// The full message (the General tab).
    pub message: String,
}

/// The event logs of one PC, oldest entry first.
///
/// A log can be switched off ([`EventLog::off`]): it then keeps nothing, which is how a
/// fleet's PCs stay small. Nothing in the model decides from the log; only what is shown
/// (Event Viewer, Settings' update history) reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventLog {
    records: Vec<EventRecord>,
    off: bool,
}

impl EventLog {
    /// Bytes the log holds on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.records.capacity() * std::mem::size_of::<EventRecord>()
    }

    /// An empty log.
    pub fn new() -> Self {
        Self::default()
    }

    /// A log that keeps nothing.
    pub fn off() -> Self {
        EventLog {
            records: Vec::new(),
            off: true,
        }
    }

    /// Appends an entry written at `time` (unless the log is off).
    pub fn write(&mut self, time: SimTime, entry: Entry) {
        if !self.off {
            self.records.push(EventRecord { time, entry });
        }
    }

    /// Every entry, oldest first.
    pub fn records(&self) -> &[EventRecord] {
        &self.records
    }

    /// The entries of one log, oldest first.
    pub fn of(&self, log: LogName) -> impl DoubleEndedIterator<Item = &EventRecord> {
        self.records.iter().filter(move |r| r.entry.log() == log)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_follow_the_message_table() {
        let wu = ServiceId::WUAUSERV;
        let cases = [
            (
                Entry::ServiceStateChanged {
                    service: wu,
                    running: true,
                },
                7036,
                "The Windows Update service entered the running state.",
            ),
            (
                Entry::StartTypeChanged {
                    service: ServiceId::BITS,
                    from: StartType::Manual,
                    to: StartType::Disabled,
                },
                7040,
                "The start type of the Background Intelligent Transfer Service service was changed from demand start to disabled.",
            ),
            (
                Entry::TerminatedUnexpectedly {
                    service: wu,
                    count: 2,
                    action: RecoveryAction::None,
                },
                7034,
                "The Windows Update service terminated unexpectedly.  It has done this 2 time(s).",
            ),
        ];
        let catalog = crate::update::default_catalog::default_catalog();
        for (entry, id, text) in cases {
            assert_eq!(entry.id(), id);
            assert_eq!(entry.message(&catalog), text);
        }
        let restart = Entry::TerminatedUnexpectedly {
            service: wu,
            count: 1,
            action: RecoveryAction::Restart { delay_ms: 60_000 },
        };
        assert_eq!(restart.id(), 7031);
        assert!(
            restart
                .message(&catalog)
                .ends_with("60000 milliseconds: Restart the service.")
        );
    }

    #[test]
    fn errors_are_errors() {
        let e = Entry::StartFailed {
            service: ServiceId::WUAUSERV,
            error: Win32Error::SERVICE_DISABLED,
        };
        assert_eq!(e.level(), Level::Error);
        let catalog = crate::update::default_catalog::default_catalog();
        assert!(e.message(&catalog).contains("because it is disabled"));
        assert_eq!(e.log(), LogName::System);
        let scan = Entry::ScanFailed {
            error: HResult(0x8024_402C),
        };
        assert_eq!(scan.log(), LogName::WindowsUpdateOperational);
        assert_eq!(
            scan.message(&catalog),
            "Windows Update failed to check for updates with error 0x8024402c."
        );
        let installed = Entry::InstallSucceeded {
            update: UpdateId(5_060_999),
        };
        assert_eq!(installed.log(), LogName::System);
        assert!(installed.message(&catalog).ends_with("(KB5060999)"));
    }
}
