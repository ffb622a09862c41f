//! The catalog every simulated PC's update server publishes unless a scenario replaces it:
//! real updates around Patch Tuesday, 10 June 2025.
//!
//! KB numbers, titles, release dates and OS builds come from Microsoft's update history as
//! recorded in the project's reference (`update-catalog.md`, marks ✅/✅ᴮ). Where the
//! reference has no value, the model fills one in plainly and the book says so:
//! - sizes: Microsoft states none for these updates; the cumulative updates use the one size
//!   the reference has for a 24H2 cumulative update (302 MB, July 2024) and the rest are round
//!   modelled figures;
//! - install times: modelled;
//! - the Defender title leaves out the definition version (several ship each day);
//! - the feature update's exact title was not found; it is written the way Settings names it.

use crate::device::{Arch, WindowsVersion};
use crate::engine::CivilDateTime;

use super::catalog::{Catalog, Classification, FeatureUpdate, Update, UpdateId};

/// The display driver offered to PCs whose driver is out of date (no KB: drivers have none).
pub const DISPLAY_DRIVER: UpdateId = UpdateId(UpdateId::NO_KB + 1);
/// The Windows 11, version 24H2 feature update.
pub const FEATURE_24H2: UpdateId = UpdateId(UpdateId::NO_KB + 100);

fn date(year: i32, month: u8, day: u8) -> CivilDateTime {
    CivilDateTime::new(year, month, day, 10, 0, 0).expect("a valid release date")
}

/// A monthly cumulative update ("B" release, Patch Tuesday).
fn cumulative(
    kb: u32,
    month: &str,
    version: WindowsVersion,
    released: CivilDateTime,
    revision: u32,
    supersedes: &[u32],
    requires: &[u32],
) -> Update {
    let name = match version {
        WindowsVersion::Windows10_22H2 => "Windows 10 Version 22H2",
        WindowsVersion::Windows11_23H2 => "Windows 11 Version 23H2",
        WindowsVersion::Windows11_24H2 => "Windows 11 Version 24H2",
    };
    Update {
        id: UpdateId(kb),
        title: format!("{month} Cumulative Update for {name} for x64-based Systems (KB{kb})"),
        classification: Classification::SecurityUpdate,
        targets: vec![version],
        arch: Arch::X64,
        size_mb: 302,
        released,
        revision: Some(revision),
        supersedes: supersedes.iter().copied().map(UpdateId).collect(),
        requires: requires.iter().copied().map(UpdateId).collect(),
        restart_required: true,
        install_minutes: 20,
        feature: None,
    }
}

/// The default catalog (June 2025).
pub fn default_catalog() -> Catalog {
    use WindowsVersion::*;
    let updates = vec![
        // Windows 10, version 22H2.
        cumulative(5_055_518, "2025-04", Windows10_22H2, date(2025, 4, 8), 5737, &[], &[]),
        cumulative(5_058_379, "2025-05", Windows10_22H2, date(2025, 5, 13), 5854, &[5_055_518], &[]),
        cumulative(5_060_533, "2025-06", Windows10_22H2, date(2025, 6, 10), 5965, &[5_058_379], &[]),
        // Windows 11, version 23H2 (April's update ended at revision 5191, its second build).
        cumulative(5_055_528, "2025-04", Windows11_23H2, date(2025, 4, 8), 5191, &[], &[]),
        cumulative(5_058_405, "2025-05", Windows11_23H2, date(2025, 5, 13), 5335, &[5_055_528], &[]),
        cumulative(5_060_999, "2025-06", Windows11_23H2, date(2025, 6, 10), 5472, &[5_058_405], &[]),
        // Windows 11, version 24H2: later cumulative updates need the September 2024
        // checkpoint cumulative update (KB5043080) first.
        cumulative(5_043_080, "2024-09", Windows11_24H2, date(2024, 9, 10), 1742, &[], &[]),
        cumulative(5_055_523, "2025-04", Windows11_24H2, date(2025, 4, 8), 3775, &[], &[5_043_080]),
        cumulative(5_058_411, "2025-05", Windows11_24H2, date(2025, 5, 13), 4061, &[5_055_523], &[5_043_080]),
        cumulative(5_060_842, "2025-06", Windows11_24H2, date(2025, 6, 10), 4349, &[5_058_411], &[5_043_080]),
        Update {
            id: UpdateId(2_267_602),
            title: "Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 - Current Channel (Broad)".to_string(),
            classification: Classification::DefinitionUpdate,
            targets: vec![Windows10_22H2, Windows11_23H2, Windows11_24H2],
            arch: Arch::X64,
            size_mb: 60,
            released: date(2025, 6, 10),
            revision: None,
            supersedes: Vec::new(),
            requires: Vec::new(),
            restart_required: false,
            install_minutes: 1,
            feature: None,
        },
        Update {
            id: DISPLAY_DRIVER,
            title: "Intel Corporation - Display - 31.0.101.4953".to_string(),
            classification: Classification::Driver,
            targets: vec![Windows10_22H2, Windows11_23H2, Windows11_24H2],
            arch: Arch::X64,
            size_mb: 1_350,
            released: date(2024, 10, 13),
            revision: None,
            supersedes: Vec::new(),
            requires: Vec::new(),
            restart_required: false,
            install_minutes: 3,
            feature: None,
        },
        Update {
            id: FEATURE_24H2,
            title: "Windows 11, version 24H2".to_string(),
            classification: Classification::FeatureUpdate,
            targets: vec![Windows10_22H2, Windows11_23H2],
            arch: Arch::X64,
            size_mb: 3_300,
            released: date(2024, 10, 1),
            revision: Some(4349),
            supersedes: Vec::new(),
            requires: Vec::new(),
            restart_required: true,
            install_minutes: 60,
            feature: Some(FeatureUpdate {
                to: Windows11_24H2,
                requires_windows_11_hardware: true,
                // SenseShield sprotect.sys; wallpaper customization apps.
                safeguard_holds: vec![56_318_982, 52_754_008],
                // On 23H2: the May 2024 non-security preview (KB5037853, 22631.3672) or later.
                min_revision: 3672,
            }),
        },
    ];
    Catalog::new(updates).expect("the default catalog is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_catalog_is_valid_and_real() {
        let c = default_catalog();
        let june = c.by_kb(5_060_999).unwrap();
        assert_eq!(
            june.title,
            "2025-06 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5060999)"
        );
        assert_eq!(june.revision, Some(5472));
        assert_eq!(june.released.to_string(), "2025-06-10T10:00:00");
        let superseded: Vec<UpdateId> =
            c.superseded_by(UpdateId(5_058_405)).map(|u| u.id).collect();
        assert_eq!(superseded, [UpdateId(5_060_999)]);
        assert!(c.by_kb(DISPLAY_DRIVER.0).is_none(), "drivers have no KB");
        assert!(c.get(FEATURE_24H2).unwrap().feature.is_some());
    }
}
