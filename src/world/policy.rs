//! The Windows Update policies, as the agent, the Orchestrator and Settings read them from
//! the registry: `HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate` and its `AU` key.
//!
//! Group Policy, Intune and "update blocker" tools all end up writing these values; Windows
//! Update reads them when it works, so a value removed by hand (`reg delete`) stops applying
//! at the next scan. [`UpdatePolicy::read`] gathers what the model obeys:
//!
//! - `AU\UseWUServer` = 1 with `WUServer`: scan the intranet server (WSUS) instead of Windows
//!   Update. No intranet server exists in the simulation, so such a scan always fails, with
//!   the code the URL leads to ([`UpdatePolicy::source_error`]);
//! - `DisableWindowsUpdateAccess` = 1: scans fail with 0x8024002E;
//! - `AU\NoAutoUpdate` = 1 and `AU\AUOptions` 2 or 3: what the Orchestrator does by itself;
//! - `SetDisableUXWUAccess`, `SetDisablePauseUXAccess`: which Settings buttons work;
//! - `TargetReleaseVersion` = 1 with `ProductVersion` and `TargetReleaseVersionInfo`: the
//!   only feature update offered ([`UpdatePolicy::allows_feature`]);
//! - Windows Update for Business rings: `DeferQualityUpdates` = 1 with
//!   `DeferQualityUpdatesPeriodInDays` (0–30), `DeferFeatureUpdates` = 1 with
//!   `DeferFeatureUpdatesPeriodInDays` (0–365), and the pauses `PauseQualityUpdatesStartTime` /
//!   `PauseFeatureUpdatesStartTime` (`yyyy-mm-dd`, 35 days): what a scan offers
//!   ([`UpdatePolicy::offers`]);
//! - deadlines: `ConfigureDeadlineForQualityUpdates` (days), `ConfigureDeadlineGracePeriod`
//!   (days) and `ConfigureDeadlineNoAutoReboot`: when the Orchestrator must restart
//!   ([`Deadline`]).
//!
//! [`configured`] lists the policies the way "View configured update policies" does.

use super::registry::{AU_POLICY, Key, RegValue, Registry, WU_POLICY};
use crate::device::WindowsVersion;
use crate::engine::CivilDateTime;
use crate::update::{Classification, Update};
use crate::win32::HResult;

/// What Automatic Updates does by itself (`AU\NoAutoUpdate` and `AU\AUOptions`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AutoUpdate {
    /// No policy, or `AUOptions` 4: scan, download and install automatically.
    #[default]
    Automatic,
    /// `AUOptions` 2: scan automatically, download only when asked ("Download").
    NotifyDownload,
    /// `AUOptions` 3: scan and download automatically, install only when asked.
    NotifyInstall,
    /// `NoAutoUpdate` 1: nothing automatic; a check, download and install only when asked.
    Off,
}

impl AutoUpdate {
    /// What the `AU` key says (one look-up: cheap enough for the Orchestrator's every step).
    pub fn read(registry: &Registry) -> AutoUpdate {
        AutoUpdate::of(registry.key(AU_POLICY).map(|(_, k)| k))
    }

    /// What the `AU` key, if there is one, says.
    pub fn of(au: Option<&Key>) -> AutoUpdate {
        let Some(au) = au else {
            return AutoUpdate::Automatic;
        };
        if au.dword("NoAutoUpdate") == Some(1) {
            return AutoUpdate::Off;
        }
        match au.dword("AUOptions") {
            Some(2) => AutoUpdate::NotifyDownload,
            Some(3) => AutoUpdate::NotifyInstall,
            _ => AutoUpdate::Automatic,
        }
    }

    /// Downloads wait for the user ("Download").
    pub fn asks_before_download(self) -> bool {
        matches!(self, AutoUpdate::NotifyDownload | AutoUpdate::Off)
    }

    /// Installs wait for the user ("Install now").
    pub fn asks_before_install(self) -> bool {
        matches!(self, AutoUpdate::NotifyInstall | AutoUpdate::Off)
    }
}

/// The policies the model obeys, read from the registry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdatePolicy {
    /// `AU\UseWUServer` = 1: the intranet server in `WUServer` (`None` when missing).
    pub intranet: Option<Option<String>>,
    /// `DisableWindowsUpdateAccess` = 1.
    pub access_disabled: bool,
    /// `SetDisableUXWUAccess` = 1: Settings' "Check for updates" is removed.
    pub check_removed: bool,
    /// `SetDisablePauseUXAccess` = 1: Settings' Pause is removed.
    pub pause_removed: bool,
    /// What Automatic Updates does by itself.
    pub auto_update: AutoUpdate,
    /// `TargetReleaseVersion` = 1: the product (`ProductVersion`, if set) and the version
    /// (`TargetReleaseVersionInfo`) to stay on or move to.
    pub target_release: Option<(Option<String>, String)>,
    /// Days a quality update waits after its release before it is offered.
    pub quality_deferral_days: u32,
    /// Days a feature update waits after its release before it is offered.
    pub feature_deferral_days: u32,
    /// The day (a day number) quality updates were paused from, for 35 days.
    pub quality_paused_from: Option<i64>,
    /// The day (a day number) feature updates were paused from, for 35 days.
    pub feature_paused_from: Option<i64>,
    /// The deadline policy, when set.
    pub deadline: Option<Deadline>,
}

/// "Specify deadlines for automatic updates and restarts" (quality updates): days from the
/// offer to a forced restart, the grace period after the restart becomes pending, and
/// whether the PC may restart by itself outside active hours before then.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Deadline {
    /// `ConfigureDeadlineForQualityUpdates`, 0–30 days (default 7).
    pub days: u32,
    /// `ConfigureDeadlineGracePeriod`, 0–7 days (default 2).
    pub grace_days: u32,
    /// `ConfigureDeadlineNoAutoReboot` = 1: no automatic restart before the deadline.
    pub no_auto_reboot: bool,
}

/// A pause set by policy lasts 35 days from its start date (reference §1.2).
pub const POLICY_PAUSE_DAYS: i64 = 35;

/// Quality updates, as deferral and pause policies count them: the monthly cumulative
/// updates and other fixes of Windows itself.
pub fn is_quality(classification: Classification) -> bool {
    matches!(
        classification,
        Classification::SecurityUpdate
            | Classification::CriticalUpdate
            | Classification::UpdateRollup
            | Classification::Update
            | Classification::ServicingStack
    )
}

/// A `yyyy-mm-dd` date as a day number (`None` when it is not one).
fn day_of(text: &str) -> Option<i64> {
    let mut parts = text.trim().splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (year, month, day) = (parts.next()??, parts.next()??, parts.next()??);
    let year = i32::try_from(year).ok()?;
    CivilDateTime::new(
        year,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
        0,
        0,
        0,
    )
    .map(CivilDateTime::day_number)
}

impl UpdatePolicy {
    /// The policies in `registry`. Each policy key is looked up once (a scan reads this).
    pub fn read(registry: &Registry) -> UpdatePolicy {
        // Most PCs have no policy key at all: one look-up answers for them.
        let Some((_, wu)) = registry.key(WU_POLICY) else {
            return UpdatePolicy::default();
        };
        let au = registry.key(AU_POLICY).map(|(_, k)| k);
        let on = |name: &str| wu.dword(name) == Some(1);
        let text = |name: &str| {
            wu.value(name)
                .and_then(RegValue::as_str)
                .map(str::to_string)
        };
        let days = |switch: &str, period: &str, max: u32| {
            if on(switch) {
                wu.dword(period).unwrap_or(0).min(max)
            } else {
                0
            }
        };
        UpdatePolicy {
            intranet: au
                .is_some_and(|au| au.dword("UseWUServer") == Some(1))
                .then(|| text("WUServer")),
            access_disabled: on("DisableWindowsUpdateAccess"),
            check_removed: on("SetDisableUXWUAccess"),
            pause_removed: on("SetDisablePauseUXAccess"),
            auto_update: AutoUpdate::of(au),
            target_release: on("TargetReleaseVersion").then(|| {
                (
                    text("ProductVersion"),
                    text("TargetReleaseVersionInfo").unwrap_or_default(),
                )
            }),
            quality_deferral_days: days(
                "DeferQualityUpdates",
                "DeferQualityUpdatesPeriodInDays",
                30,
            ),
            feature_deferral_days: days(
                "DeferFeatureUpdates",
                "DeferFeatureUpdatesPeriodInDays",
                365,
            ),
            quality_paused_from: wu
                .value("PauseQualityUpdatesStartTime")
                .and_then(RegValue::as_str)
                .and_then(day_of),
            feature_paused_from: wu
                .value("PauseFeatureUpdatesStartTime")
                .and_then(RegValue::as_str)
                .and_then(day_of),
            deadline: wu
                .dword("ConfigureDeadlineForQualityUpdates")
                .map(|days| Deadline {
                    days: days.min(30),
                    grace_days: wu.dword("ConfigureDeadlineGracePeriod").unwrap_or(2).min(7),
                    no_auto_reboot: on("ConfigureDeadlineNoAutoReboot"),
                }),
        }
    }

    /// True when a scan on `today` (a day number, by the true date) offers `update`: it has
    /// been released (wusim publishes an update from the start of its release day), its
    /// deferral has passed and its kind is not paused.
    pub fn offers(&self, update: &Update, today: i64) -> bool {
        let released = update.released.day_number();
        let paused =
            |from: Option<i64>| from.is_some_and(|d| (d..d + POLICY_PAUSE_DAYS).contains(&today));
        if update.classification == Classification::FeatureUpdate {
            released + i64::from(self.feature_deferral_days) <= today
                && !paused(self.feature_paused_from)
        } else if is_quality(update.classification) {
            released + i64::from(self.quality_deferral_days) <= today
                && !paused(self.quality_paused_from)
        } else {
            released <= today
        }
    }

    /// Why a scan or a download cannot reach its server because of the policies: Windows
    /// Update access turned off, or an intranet server that cannot be reached. No intranet
    /// server exists in the simulation: a URL without `http://` or `https://` is refused
    /// (0x80072EE6), an IP address has nothing listening (0x80072EFD), and a host name does
    /// not resolve off the company's network (0x8024402C).
    pub fn source_error(&self) -> Option<HResult> {
        if self.access_disabled {
            return Some(HResult::WU_E_WU_DISABLED);
        }
        let url = match &self.intranet {
            None => return None,
            Some(None) => return Some(HResult::WU_E_PT_SUS_SERVER_NOT_SET),
            Some(Some(url)) => url.trim(),
        };
        let lower = url.to_ascii_lowercase();
        if url.is_empty() {
            return Some(HResult::WU_E_PT_SUS_SERVER_NOT_SET);
        }
        let Some(rest) = lower
            .strip_prefix("http://")
            .or_else(|| lower.strip_prefix("https://"))
        else {
            return Some(HResult::ERROR_INTERNET_UNRECOGNIZED_SCHEME);
        };
        let host = rest.split(['/', ':']).next().unwrap_or_default();
        let is_address = !host.is_empty() && host.chars().all(|c| c.is_ascii_digit() || c == '.');
        Some(if is_address || host == "localhost" {
            HResult::ERROR_INTERNET_CANNOT_CONNECT
        } else {
            HResult::WU_E_PT_WINHTTP_NAME_NOT_RESOLVED
        })
    }

    /// True unless a pinned target release keeps the device off the feature update to `to`:
    /// pinned, only the named version of the named product (the device's own product when
    /// `ProductVersion` is missing) is offered; an unknown or current version means no
    /// feature update at all.
    pub fn allows_feature(&self, current: WindowsVersion, to: WindowsVersion) -> bool {
        let Some((product, release)) = &self.target_release else {
            return true;
        };
        let product = product
            .as_deref()
            .map_or_else(|| product_name(current).to_string(), str::to_string);
        product.trim().eq_ignore_ascii_case(product_name(to))
            && release.trim().eq_ignore_ascii_case(release_name(to))
    }
}

/// `Windows 10` or `Windows 11`, as `ProductVersion` names it.
fn product_name(version: WindowsVersion) -> &'static str {
    if version.is_windows_11() {
        "Windows 11"
    } else {
        "Windows 10"
    }
}

/// `22H2`, `23H2`, `24H2`, as `TargetReleaseVersionInfo` names it.
fn release_name(version: WindowsVersion) -> &'static str {
    match version {
        WindowsVersion::Windows10_22H2 => "22H2",
        WindowsVersion::Windows11_23H2 => "23H2",
        WindowsVersion::Windows11_24H2 => "24H2",
    }
}

/// The Group Policy setting each value belongs to (the names the Group Policy editor and
/// "View configured update policies" show), for the values whose setting the reference
/// names; other values are listed under their own name.
const SETTINGS: &[(&str, &str)] = &[
    (
        "WUServer",
        "Specify intranet Microsoft update service location",
    ),
    (
        "WUStatusServer",
        "Specify intranet Microsoft update service location",
    ),
    (
        "UpdateServiceUrlAlternate",
        "Specify intranet Microsoft update service location",
    ),
    (
        "UseWUServer",
        "Specify intranet Microsoft update service location",
    ),
    (
        "DoNotConnectToWindowsUpdateInternetLocations",
        "Do not connect to any Windows Update Internet locations",
    ),
    (
        "DisableWindowsUpdateAccess",
        "Turn off access to all Windows Update features",
    ),
    (
        "SetDisableUXWUAccess",
        "Remove access to use all Windows Update features",
    ),
    (
        "SetDisablePauseUXAccess",
        "Remove access to \"Pause updates\" feature",
    ),
    (
        "TargetReleaseVersion",
        "Select the target Feature Update version",
    ),
    (
        "TargetReleaseVersionInfo",
        "Select the target Feature Update version",
    ),
    ("ProductVersion", "Select the target Feature Update version"),
    (
        "DeferFeatureUpdates",
        "Select when Preview Builds and Feature Updates are received",
    ),
    (
        "DeferFeatureUpdatesPeriodInDays",
        "Select when Preview Builds and Feature Updates are received",
    ),
    (
        "DeferQualityUpdates",
        "Select when Quality Updates are received",
    ),
    (
        "DeferQualityUpdatesPeriodInDays",
        "Select when Quality Updates are received",
    ),
    (
        "ExcludeWUDriversInQualityUpdate",
        "Do not include drivers with Windows Updates",
    ),
    (
        "DisableDualScan",
        "Do not allow update deferral policies to cause scans against Windows Update",
    ),
    (
        "SetActiveHours",
        "Turn off auto-restart for updates during active hours",
    ),
    (
        "PauseQualityUpdatesStartTime",
        "Select when Quality Updates are received",
    ),
    (
        "PauseFeatureUpdatesStartTime",
        "Select when Preview Builds and Feature Updates are received",
    ),
    (
        "ConfigureDeadlineForQualityUpdates",
        "Specify deadlines for automatic updates and restarts",
    ),
    (
        "ConfigureDeadlineGracePeriod",
        "Specify deadlines for automatic updates and restarts",
    ),
    (
        "ConfigureDeadlineNoAutoReboot",
        "Specify deadlines for automatic updates and restarts",
    ),
    (
        "SetComplianceDeadline",
        "Specify deadlines for automatic updates and restarts",
    ),
    ("NoAutoUpdate", "Configure Automatic Updates"),
    ("AUOptions", "Configure Automatic Updates"),
    ("ScheduledInstallDay", "Configure Automatic Updates"),
    ("ScheduledInstallTime", "Configure Automatic Updates"),
];

/// The policies set on the device, one per Group Policy setting, in the order met: what
/// Settings lists under "View configured update policies". A value whose setting wusim
/// does not name is listed under its own name. Empty when there is none.
pub fn configured(registry: &Registry) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for key in [WU_POLICY, AU_POLICY] {
        let Some((_, values)) = registry.key(key) else {
            continue;
        };
        for (name, _) in &values.values {
            let setting = SETTINGS
                .iter()
                .find(|(v, _)| v.eq_ignore_ascii_case(name))
                .map_or(name.as_str(), |(_, setting)| setting);
            if !names.iter().any(|n| n == setting) {
                names.push(setting.to_string());
            }
        }
    }
    names
}

/// True when any value is set under the policy keys: Settings then says that some settings
/// are managed by your organization.
pub fn managed(registry: &Registry) -> bool {
    [WU_POLICY, AU_POLICY]
        .iter()
        .any(|key| registry.key(key).is_some_and(|(_, k)| !k.values.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::registry::RegValue;

    fn wsus(url: Option<&str>) -> UpdatePolicy {
        let mut registry = Registry::default();
        registry.set_value(AU_POLICY, "UseWUServer", RegValue::Dword(1));
        if let Some(url) = url {
            registry.set_value(WU_POLICY, "WUServer", RegValue::Sz(url.to_string()));
        }
        UpdatePolicy::read(&registry)
    }

    #[test]
    fn the_wsus_url_decides_the_error() {
        let code = |url| wsus(url).source_error().map(|e| e.0);
        assert_eq!(code(Some("http://wsus01:8530")), Some(0x8024_402C));
        assert_eq!(code(Some("HTTPS://10.0.0.5/")), Some(0x8007_2EFD));
        assert_eq!(code(Some("https://localhost:8531")), Some(0x8007_2EFD));
        assert_eq!(code(Some("wsus01:8530")), Some(0x8007_2EE6));
        assert_eq!(code(Some("  ")), Some(0x8024_4011));
        assert_eq!(code(None), Some(0x8024_4011));
        assert_eq!(UpdatePolicy::default().source_error(), None);
    }

    #[test]
    fn a_pin_allows_only_its_own_feature_update() {
        use WindowsVersion::{Windows10_22H2 as W10, Windows11_23H2 as W23, Windows11_24H2 as W24};
        let pinned = |product: Option<&str>, release: &str| UpdatePolicy {
            target_release: Some((product.map(str::to_string), release.to_string())),
            ..UpdatePolicy::default()
        };
        assert!(UpdatePolicy::default().allows_feature(W23, W24));
        assert!(!pinned(Some("Windows 11"), "23H2").allows_feature(W23, W24));
        assert!(pinned(Some("windows 11"), "24h2").allows_feature(W23, W24));
        assert!(
            !pinned(None, "24H2").allows_feature(W10, W24),
            "a Windows 10 pin stays on 10"
        );
        assert!(pinned(Some("Windows 11"), "24H2").allows_feature(W10, W24));
        assert!(!pinned(Some("Windows 11"), "garbage").allows_feature(W23, W24));
    }

    #[test]
    fn configured_names_each_setting_once() {
        let mut registry = Registry::default();
        assert!(!managed(&registry));
        registry.set_value(WU_POLICY, "WUServer", RegValue::Sz("http://x".into()));
        registry.set_value(WU_POLICY, "WUStatusServer", RegValue::Sz("http://x".into()));
        registry.set_value(WU_POLICY, "SomethingElse", RegValue::Dword(1));
        assert!(managed(&registry));
        assert_eq!(
            configured(&registry),
            [
                "Specify intranet Microsoft update service location",
                "SomethingElse"
            ]
        );
    }
}
