//! Applicability: whether an update is offered to a device, and if not, why.
//!
//! Windows Update offers an update when it targets the device's Windows version and
//! architecture, is not already installed (by KB, or because the OS build already contains a
//! cumulative update's changes), is not superseded by another update that applies, and has its
//! prerequisites installed. A driver is offered only when the device's driver is out of date.
//! A feature update also needs the Windows 11 hardware, a recent enough build, and no
//! safeguard hold on the device. Free disk space is checked at download time, not here.

use serde::Serialize;

use super::catalog::{Catalog, Classification, Update, UpdateId};
use crate::device::Device;

/// The verdict on one update for one device.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "verdict", rename_all = "kebab-case")]
pub enum Applicability {
    /// Offered.
    Applicable,
    /// Not offered, for this reason.
    NotApplicable {
        /// Why.
        reason: NotApplicable,
    },
}

/// Why an update is not offered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum NotApplicable {
    /// It is for other Windows versions.
    WrongVersion,
    /// It is for another processor architecture.
    WrongArchitecture,
    /// It, or a newer cumulative update, is already installed.
    AlreadyInstalled,
    /// A newer update that applies replaces it.
    Superseded {
        /// The update that replaces it.
        by: UpdateId,
    },
    /// An update it requires is not installed.
    MissingPrerequisite {
        /// The missing update.
        requires: UpdateId,
    },
    /// No device on this PC needs this driver.
    NoMatchingHardware,
    /// The PC does not meet the Windows 11 hardware requirements.
    HardwareRequirements {
        /// Each requirement not met, in words.
        missing: Vec<&'static str>,
    },
    /// The installed build is older than the feature update can be installed from.
    BuildTooOld {
        /// The oldest revision it can be installed from.
        min_revision: u32,
    },
    /// A safeguard hold protects this PC from a known issue.
    SafeguardHold {
        /// The hold's id.
        id: u32,
    },
}

impl NotApplicable {
    /// The reason in a sentence a learner can read.
    pub fn describe(&self) -> String {
        match self {
            NotApplicable::WrongVersion => "It is for a different version of Windows.".into(),
            NotApplicable::WrongArchitecture => {
                "It is for a different processor architecture.".into()
            }
            NotApplicable::AlreadyInstalled => "It is already installed.".into(),
            NotApplicable::Superseded { by } => format!("It is superseded by {by}."),
            NotApplicable::MissingPrerequisite { requires } => {
                format!("It requires {requires}, which is not installed.")
            }
            NotApplicable::NoMatchingHardware => "No device on this PC needs this driver.".into(),
            NotApplicable::HardwareRequirements { missing } => format!(
                "This PC doesn't currently meet all the system requirements for Windows 11: {}",
                missing.join(" ")
            ),
            NotApplicable::BuildTooOld { min_revision } => format!(
                "The installed build is too old: it needs build revision {min_revision} or later."
            ),
            NotApplicable::SafeguardHold { id } => format!(
                "A safeguard hold (ID {id}) protects this PC from a known issue with this update."
            ),
        }
    }
}

/// True when the device already has the update (or, for a cumulative update, its changes).
pub fn is_installed(update: &Update, device: &Device) -> bool {
    let by_kb = update.id.kb().is_some_and(|kb| device.has_installed(kb));
    let by_build = update.feature.is_none()
        && update.revision.is_some_and(|r| {
            update.targets.contains(&device.os.version) && device.os.revision >= r
        });
    let by_version = update
        .feature
        .as_ref()
        .is_some_and(|f| device.os.version >= f.to);
    let staged = update
        .id
        .kb()
        .is_some_and(|kb| device.staged.iter().any(|s| s.kb == kb));
    by_kb || by_build || by_version || staged
}

fn targets(update: &Update, device: &Device) -> bool {
    update.targets.contains(&device.os.version) && update.arch == device.arch
}

/// Decides whether `update` is offered to `device`, given the rest of the `catalog`.
pub fn evaluate(update: &Update, device: &Device, catalog: &Catalog) -> Applicability {
    match refusal(update, device, catalog, &|_| true) {
        None => Applicability::Applicable,
        Some(reason) => Applicability::NotApplicable { reason },
    }
}

/// Why `update` is not for `device`; an update superseding it counts only when it can be
/// `offered` (published, past its deferral, not paused).
fn refusal(
    update: &Update,
    device: &Device,
    catalog: &Catalog,
    offered: &dyn Fn(&Update) -> bool,
) -> Option<NotApplicable> {
    if !update.targets.contains(&device.os.version) {
        return Some(NotApplicable::WrongVersion);
    }
    if update.arch != device.arch {
        return Some(NotApplicable::WrongArchitecture);
    }
    if is_installed(update, device) {
        return Some(NotApplicable::AlreadyInstalled);
    }
    if let Some(newer) = catalog
        .superseded_by(update.id)
        .find(|u| targets(u, device) && offered(u))
    {
        return Some(NotApplicable::Superseded { by: newer.id });
    }
    for &required in &update.requires {
        let present = catalog
            .get(required)
            .is_some_and(|r| is_installed(r, device));
        if !present {
            return Some(NotApplicable::MissingPrerequisite { requires: required });
        }
    }
    if update.classification == Classification::Driver && !device.outdated_display_driver {
        return Some(NotApplicable::NoMatchingHardware);
    }
    if let Some(feature) = &update.feature {
        if feature.requires_windows_11_hardware {
            let missing = device.windows_11_shortfalls();
            if !missing.is_empty() {
                return Some(NotApplicable::HardwareRequirements { missing });
            }
        }
        if device.os.version.is_windows_11() && device.os.revision < feature.min_revision {
            return Some(NotApplicable::BuildTooOld {
                min_revision: feature.min_revision,
            });
        }
        if let Some(id) = device
            .safeguard_match
            .filter(|id| feature.safeguard_holds.contains(id))
        {
            return Some(NotApplicable::SafeguardHold { id });
        }
    }
    None
}

/// The updates of `catalog` offered to `device`, in catalog order.
pub fn applicable<'c>(device: &Device, catalog: &'c Catalog) -> impl Iterator<Item = &'c Update> {
    applicable_when(device, catalog, |_| true)
}

/// The updates of `catalog` for `device` that can be `offered` now (published, past their
/// deferral, not paused), in catalog order. An update superseded only by updates that
/// cannot be offered yet is still offered: a PC in a ring that defers June's update still
/// gets May's if it lacks it.
pub fn applicable_when<'c>(
    device: &Device,
    catalog: &'c Catalog,
    offered: impl Fn(&Update) -> bool,
) -> impl Iterator<Item = &'c Update> {
    catalog
        .updates()
        .iter()
        .filter(move |u| offered(u) && refusal(u, device, catalog, &offered).is_none())
}

#[cfg(test)]
mod tests {
    use super::super::default_catalog::{DISPLAY_DRIVER, FEATURE_24H2, default_catalog};
    use super::*;
    use crate::device::{Tpm, WindowsVersion};

    fn ids(device: &Device) -> Vec<UpdateId> {
        let catalog = default_catalog();
        applicable(device, &catalog).map(|u| u.id).collect()
    }

    #[test]
    fn a_default_pc_is_offered_this_months_update_defender_and_24h2() {
        assert_eq!(
            ids(&Device::default()),
            [UpdateId(2_267_602), UpdateId(5_060_999), FEATURE_24H2]
        );
    }

    #[test]
    fn every_refusal_has_a_reason() {
        let catalog = default_catalog();
        let device = Device::default();
        let reason = |id: u32| match evaluate(catalog.get(UpdateId(id)).unwrap(), &device, &catalog)
        {
            Applicability::NotApplicable { reason } => reason,
            Applicability::Applicable => panic!("{id} applies"),
        };
        assert_eq!(reason(5_058_405), NotApplicable::AlreadyInstalled);
        assert_eq!(reason(5_060_533), NotApplicable::WrongVersion);
        assert_eq!(reason(DISPLAY_DRIVER.0), NotApplicable::NoMatchingHardware);
        let older = Device {
            os: crate::device::Os {
                revision: 5000,
                ..device.os
            },
            installed: Vec::new(),
            ..device.clone()
        };
        assert_eq!(
            evaluate(catalog.get(UpdateId(5_058_405)).unwrap(), &older, &catalog),
            Applicability::NotApplicable {
                reason: NotApplicable::Superseded {
                    by: UpdateId(5_060_999)
                }
            }
        );
        assert!(reason(5_058_405).describe().contains("already installed"));
    }

    #[test]
    fn feature_update_checks_hardware_build_and_holds() {
        let catalog = default_catalog();
        let feature = catalog.get(FEATURE_24H2).unwrap();
        let old_pc = Device {
            tpm: Tpm::V1_2,
            ..Device::default()
        };
        assert!(matches!(
            evaluate(feature, &old_pc, &catalog),
            Applicability::NotApplicable {
                reason: NotApplicable::HardwareRequirements { .. }
            }
        ));
        let held = Device {
            safeguard_match: Some(56_318_982),
            ..Device::default()
        };
        assert_eq!(
            evaluate(feature, &held, &catalog),
            Applicability::NotApplicable {
                reason: NotApplicable::SafeguardHold { id: 56_318_982 }
            }
        );
        let on_24h2 = Device {
            os: crate::device::Os {
                version: WindowsVersion::Windows11_24H2,
                revision: 4061,
                ..Device::default().os
            },
            ..Device::default()
        };
        assert_eq!(ids(&on_24h2), [UpdateId(2_267_602), UpdateId(5_060_842)]);
    }

    #[test]
    fn prerequisites_must_be_installed() {
        let catalog = default_catalog();
        let early_24h2 = Device {
            os: crate::device::Os {
                version: WindowsVersion::Windows11_24H2,
                revision: 1000,
                ..Device::default().os
            },
            ..Device::default()
        };
        let june = catalog.by_kb(5_060_842).unwrap();
        assert_eq!(
            evaluate(june, &early_24h2, &catalog),
            Applicability::NotApplicable {
                reason: NotApplicable::MissingPrerequisite {
                    requires: UpdateId(5_043_080)
                }
            }
        );
    }
}
