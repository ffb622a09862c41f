//! The Settings > Windows Update page (and its Update history), derived from the model at any
//! moment and never stored.
//!
//! [`SettingsPage::of`] reads the agent, the Orchestrator, the services and the device, and
//! says what Windows would show: "You're up to date", "Checking for updates...", updates with
//! their status ("Downloading - 45%", "Pending restart"...), the error banner with its code,
//! "Updates are paused", the lines update policies add ("*Some settings are managed by your
//! organization"), and the last-checked time. Wording follows the reference
//! (`windows-command-output.md` §8) where it has it; the rest is modelled and marked so in
//! the book.

use serde::Serialize;

use crate::agent::Job;
use crate::engine::CivilDateTime;
use crate::eventlog::Entry;
use crate::pc::Pc;
use crate::scm::{ServiceId, ServiceState};
use crate::update::applicability::{Applicability, NotApplicable, evaluate};
use crate::update::{Classification, UpdateId};
use crate::win32::HResult;
use crate::world::policy::{self, AutoUpdate};

/// The page's overall state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UpdateStatus {
    /// Nothing to do.
    UpToDate,
    /// A scan is running (or the page waits for one that never comes).
    Checking,
    /// Updates are listed, downloading or installing.
    UpdatesAvailable,
    /// Installed updates wait for a restart.
    RestartRequired,
    /// The last attempt failed; the banner shows its code.
    Error,
    /// The page could not talk to the Orchestrator.
    SomethingWentWrong,
    /// Updates are paused.
    Paused,
}

/// One update listed on the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ListedUpdate {
    /// Its id.
    pub id: UpdateId,
    /// Its title.
    pub title: String,
    /// `Downloading - 45%`, `Pending install`, `Pending restart`...
    pub status: String,
}

/// What Settings > Windows Update shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SettingsPage {
    /// The overall state.
    pub status: UpdateStatus,
    /// The lines update policies put at the top of the page ("*Some settings are managed by
    /// your organization"...).
    pub organization: Vec<String>,
    /// The line at the top of the status.
    pub headline: String,
    /// Further lines under the headline (banners, notes).
    pub notes: Vec<String>,
    /// Updates listed with their status.
    pub updates: Vec<ListedUpdate>,
    /// The error code the page shows, if any.
    pub error: Option<HResult>,
    /// "Last checked: ..." (absent if never).
    pub last_checked: Option<String>,
}

const PROBLEMS: &str = "There were some problems installing updates, but we'll try again later. If you keep seeing this and want to search the web or contact support for information, this may help:";
/// The managed-by-organization line (Windows 10 prints it in red, with the asterisk).
pub const MANAGED: &str = "*Some settings are managed by your organization";
/// The line for "Configure Automatic Updates" disabled.
pub const AUTOMATIC_UPDATES_OFF: &str = "Your organization has turned off automatic updates";
const CANNOT_CONNECT: &str = "We couldn't connect to the update service. We'll try again later, or you can check now. If it still doesn't work, make sure you're connected to the Internet.";

/// The Windows 10 card offering Windows 11 to an eligible PC.
pub const UPGRADE_OFFER: &str = "Upgrade to Windows 11 is ready—and it's free!";
/// The button of a feature update's card, which ends its note.
pub const DOWNLOAD_AND_INSTALL: &str = "Download and install";

/// The words of the note a safeguard hold puts on the page ("The Windows 11, version 24H2
/// update is on its way.").
const ON_ITS_WAY: &str = "update is on its way.";

/// Codes for which the page says it could not connect rather than "some problems".
fn is_connection_error(code: HResult) -> bool {
    [
        HResult::WU_E_NO_CONNECTION,
        HResult::WU_E_PT_WINHTTP_NAME_NOT_RESOLVED,
        HResult::ERROR_INTERNET_TIMEOUT,
        HResult::ERROR_INTERNET_CANNOT_CONNECT,
        HResult::WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL,
        HResult::ERROR_WINHTTP_SECURE_FAILURE,
        HResult::ERROR_INTERNET_UNRECOGNIZED_SCHEME,
    ]
    .contains(&code)
}

impl SettingsPage {
    /// The page as it would show now on `pc`.
    pub fn of(pc: &Pc) -> SettingsPage {
        let agent = pc.agent();
        let uso = pc.orchestrator();
        let now = pc.now();
        let catalog = pc.server().catalog();
        let title = |id: UpdateId| {
            catalog
                .get(id)
                .map_or_else(|| id.to_string(), |u| u.title.clone())
        };
        let mut updates: Vec<ListedUpdate> = Vec::new();
        let active = match agent.job {
            Job::Downloading { .. } => {
                agent
                    .job
                    .download_progress(now)
                    .map(|(update, done, size)| {
                        let percent = (done / f64::from(size.max(1)) * 100.0) as u32;
                        (update, format!("Downloading - {percent}%"))
                    })
            }
            Job::Installing { update, progress } => Some((
                update,
                format!("Installing - {}%", (progress.fraction(now) * 100.0) as u32),
            )),
            Job::Idle | Job::Scanning(_) => None,
        };
        let downloaded = agent.downloaded(pc.world());
        for &id in agent.offered(pc.world()) {
            let feature = catalog
                .get(id)
                .is_some_and(|u| u.classification == Classification::FeatureUpdate);
            if feature && !uso.feature_requested {
                continue;
            }
            let status = match active {
                Some((a, ref s)) if a == id => s.clone(),
                _ if downloaded.contains(&id) => "Pending install".to_string(),
                _ => "Pending download".to_string(),
            };
            updates.push(ListedUpdate {
                id,
                title: title(id),
                status,
            });
        }
        for staged in &pc.device().staged {
            let id = UpdateId(staged.kb);
            updates.push(ListedUpdate {
                id,
                title: title(id),
                status: "Pending restart".to_string(),
            });
        }

        let mut notes = Vec::new();
        let mut error = None;
        let (status, headline) = if pc.paused() {
            let until = uso
                .paused_until
                .map(|t| pc.date_time(t).windows_date())
                .unwrap_or_default();
            notes.push(format!("Updates will resume on {until}"));
            (UpdateStatus::Paused, "Updates are paused".to_string())
        } else if uso.check_requested.is_some()
            && pc.scm().state(ServiceId::USOSVC) == ServiceState::Stopped
        {
            (
                UpdateStatus::SomethingWentWrong,
                "Something went wrong. Try to reopen Settings later.".to_string(),
            )
        } else if matches!(agent.job, Job::Scanning(_)) || uso.check_requested.is_some() {
            (
                UpdateStatus::Checking,
                "Checking for updates...".to_string(),
            )
        } else if let (Some(code), None) = (agent.last_error, &active) {
            error = Some(code);
            if is_connection_error(code) {
                notes.push(format!("({code})"));
                (UpdateStatus::Error, CANNOT_CONNECT.to_string())
            } else {
                (UpdateStatus::Error, format!("{PROBLEMS} ({code})"))
            }
        } else if active.is_some() || updates.iter().any(|u| u.status != "Pending restart") {
            (
                UpdateStatus::UpdatesAvailable,
                "Updates available".to_string(),
            )
        } else if pc.device().pending_restart() {
            notes.push(if uso.auto_restart {
                "Your device will restart outside active hours.".to_string()
            } else {
                "Restart your device to finish installing updates.".to_string()
            });
            (
                UpdateStatus::RestartRequired,
                "Restart required".to_string(),
            )
        } else {
            (UpdateStatus::UpToDate, "You're up to date".to_string())
        };
        if status == UpdateStatus::SomethingWentWrong {
            // The page cannot reach the Orchestrator: it shows the error alone.
            updates.clear();
        } else {
            notes.extend(feature_notes(pc));
        }
        SettingsPage {
            status,
            organization: policy_notes(pc),
            headline,
            notes,
            updates,
            error,
            last_checked: pc
                .last_checked()
                .map(|t| format!("Last checked: {}", relative(t, pc.clock()))),
        }
    }

    /// True when the page shows that a safeguard hold keeps a feature update back (its
    /// "is on its way" note).
    pub fn shows_safeguard_hold(&self) -> bool {
        self.notes.iter().any(|n| n.contains(ON_ITS_WAY))
    }
}

/// The lines policies put at the top of the page.
fn policy_notes(pc: &Pc) -> Vec<String> {
    let registry = &pc.world().registry;
    let mut notes = Vec::new();
    if policy::managed(registry) {
        notes.push(MANAGED.to_string());
        notes.push("View configured update policies".to_string());
    }
    if AutoUpdate::read(registry) == AutoUpdate::Off {
        notes.push(AUTOMATIC_UPDATES_OFF.to_string());
    }
    notes
}

/// Settings > Windows Update > View configured update policies: the policies set on the
/// device (the page reads the registry, so values a script wrote are listed too, as Group
/// Policy).
pub fn configured_policies(pc: &Pc) -> String {
    let names = policy::configured(&pc.world().registry);
    let mut out = String::from("Policies set on your device\n");
    if names.is_empty() {
        out.push_str("\nNo update policies are set on this device.\n");
    }
    for name in names {
        out.push_str(&format!("\n{name}\nType of policy: Group Policy\n"));
    }
    out
}

/// Lines about the feature update: offered, held, or the PC not eligible.
fn feature_notes(pc: &Pc) -> Vec<String> {
    let catalog = pc.server().catalog();
    let mut notes = Vec::new();
    for update in catalog.updates().iter().filter(|u| u.feature.is_some()) {
        match evaluate(update, pc.device(), catalog) {
            Applicability::Applicable
                if pc.agent().offered(pc.world()).contains(&update.id)
                    && !pc.orchestrator().feature_requested =>
            {
                // Windows 10's card offers the upgrade in its own words (windows-gui.md §2.6).
                let offer = if pc.device().os.version.is_windows_11() {
                    format!("{} is ready.", update.title)
                } else {
                    UPGRADE_OFFER.to_string()
                };
                notes.push(format!("{offer} {DOWNLOAD_AND_INSTALL}"));
            }
            Applicability::NotApplicable {
                reason: NotApplicable::SafeguardHold { .. },
            } => {
                notes.push(format!(
                    "The {} {ON_ITS_WAY} Once it's ready for your device, you'll see the update available on this page.",
                    update.title
                ));
            }
            Applicability::NotApplicable {
                reason: NotApplicable::HardwareRequirements { .. },
            } if !pc.device().os.version.is_windows_11() => {
                notes.push(
                    "This PC doesn't currently meet all the system requirements for Windows 11"
                        .to_string(),
                );
            }
            _ => {}
        }
    }
    notes
}

/// `Today, 10:12 AM`, `Yesterday, 4:05 PM` or `6/8/2025, 9:00 AM`.
fn relative(time: CivilDateTime, now: CivilDateTime) -> String {
    let day = match now.day_number() - time.day_number() {
        0 => "Today".to_string(),
        1 => "Yesterday".to_string(),
        _ => time.windows_date(),
    };
    format!("{day}, {}", time.clock())
}

impl std::fmt::Display for SettingsPage {
    /// The page as text, the way `settings` prints it in the practice shell.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "Windows Update")?;
        writeln!(f)?;
        for line in &self.organization {
            writeln!(f, "{line}")?;
        }
        if !self.organization.is_empty() {
            writeln!(f)?;
        }
        writeln!(f, "{}", self.headline)?;
        for note in &self.notes {
            writeln!(f, "{note}")?;
        }
        for update in &self.updates {
            writeln!(f)?;
            writeln!(f, "  {}", update.title)?;
            writeln!(f, "  Status: {}", update.status)?;
        }
        if let Some(last) = &self.last_checked {
            writeln!(f)?;
            writeln!(f, "{last}")?;
        }
        Ok(())
    }
}

/// One line of Settings > Windows Update > Update history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    /// The update's title.
    pub title: String,
    /// `Successfully installed on 6/10/2025` or `Failed to install on 6/10/2025 - 0x80070422`.
    pub status: String,
}

/// Settings > Windows Update > Update history: what the data store remembers installing,
/// newest first, in Windows' groups. Windows Update keeps this list in its data store
/// (`SoftwareDistribution\DataStore`): a new data store starts an empty history, which is
/// why deleting (or renaming) the folder empties it, and renaming the old one back restores
/// it. Computed, never stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UpdateHistory {
    /// The groups with their entries (empty groups left out).
    pub groups: Vec<(&'static str, Vec<HistoryEntry>)>,
}

/// The groups of the history page, in the order it shows them.
const HISTORY_GROUPS: [&str; 5] = [
    "Feature Updates",
    "Quality Updates",
    "Driver Updates",
    "Definition Updates",
    "Other Updates",
];

fn history_group(classification: Option<Classification>) -> &'static str {
    match classification {
        Some(Classification::FeatureUpdate) => HISTORY_GROUPS[0],
        Some(
            Classification::SecurityUpdate
            | Classification::CriticalUpdate
            | Classification::UpdateRollup,
        ) => HISTORY_GROUPS[1],
        Some(Classification::Driver) => HISTORY_GROUPS[2],
        Some(Classification::DefinitionUpdate) => HISTORY_GROUPS[3],
        _ => HISTORY_GROUPS[4],
    }
}

impl UpdateHistory {
    /// The history as the page would show it now on `pc`.
    pub fn of(pc: &Pc) -> UpdateHistory {
        let catalog = pc.server().catalog();
        // The data store's age decides what it remembers; none yet means a new, empty one.
        let since = match pc.world().datastore() {
            Some((_, _, created)) => created,
            None => return UpdateHistory { groups: Vec::new() },
        };
        let mut lines: Vec<(i64, UpdateId, String)> = Vec::new();
        if since.is_none() {
            // What was installed before the simulation began, as the original data store
            // recorded it.
            for installed in &pc.device().installed {
                let day = installed.installed_on_day;
                if day <= pc.start().day_number() {
                    let date = CivilDateTime::from_seconds_since_epoch(day * 86_400).windows_date();
                    lines.push((
                        day * 86_400,
                        UpdateId(installed.kb),
                        format!("Successfully installed on {date}"),
                    ));
                }
            }
        }
        for record in pc.log().records() {
            if since.is_some_and(|t| record.time < t) {
                continue;
            }
            let date = pc.date_time(record.time);
            let (update, status) = match record.entry {
                Entry::InstallSucceeded { update } => (
                    update,
                    format!("Successfully installed on {}", date.windows_date()),
                ),
                Entry::InstallFailed { update, error } => (
                    update,
                    format!("Failed to install on {} - {error}", date.windows_date()),
                ),
                _ => continue,
            };
            lines.push((date.seconds_since_epoch(), update, status));
        }
        lines.sort_by_key(|line| std::cmp::Reverse(line.0));
        let mut groups: Vec<(&'static str, Vec<HistoryEntry>)> = Vec::new();
        for name in HISTORY_GROUPS {
            let entries: Vec<HistoryEntry> = lines
                .iter()
                .filter(|(_, id, _)| {
                    history_group(catalog.get(*id).map(|u| u.classification)) == name
                })
                .map(|(_, id, status)| HistoryEntry {
                    title: catalog
                        .get(*id)
                        .map_or_else(|| id.to_string(), |u| u.title.clone()),
                    status: status.clone(),
                })
                .collect();
            if !entries.is_empty() {
                groups.push((name, entries));
            }
        }
        UpdateHistory { groups }
    }
}

impl std::fmt::Display for UpdateHistory {
    /// The page as text, the way `settings history` prints it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "Update history")?;
        if self.groups.is_empty() {
            writeln!(f)?;
            return writeln!(f, "No updates have been installed yet.");
        }
        for (name, entries) in &self.groups {
            writeln!(f)?;
            writeln!(f, "{name} ({})", entries.len())?;
            for entry in entries {
                writeln!(f, "  {}", entry.title)?;
                writeln!(f, "  {}", entry.status)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::device::{Device, WindowsVersion};
    use crate::engine::SimDuration;

    #[test]
    fn windows_10_offers_windows_11_in_its_own_words() {
        for (version, offer) in [
            (WindowsVersion::Windows10_22H2, UPGRADE_OFFER),
            (
                WindowsVersion::Windows11_23H2,
                "Windows 11, version 24H2 is ready.",
            ),
        ] {
            let mut pc = Pc::builder().device(Device::on(version)).build();
            pc.check_for_updates();
            pc.run_for(SimDuration::from_mins(30));
            let page = SettingsPage::of(&pc);
            let want = format!("{offer} {DOWNLOAD_AND_INSTALL}");
            assert!(page.notes.contains(&want), "{version:?}: {:?}", page.notes);
        }
    }
}
