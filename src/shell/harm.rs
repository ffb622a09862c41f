//! Harmful moves: commands that work on Windows but do damage a careful technician avoids.

use serde::Serialize;

use crate::remedy::Folder;
use crate::scm::ServiceId;

/// A harmful move a command made, for scoring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Harm {
    /// Deleted a Windows Update folder (`rd /s /q`) instead of renaming it: the old copy is
    /// gone, with the update history it held.
    DeletedFolder(Folder),
    /// Set a service to Disabled when Windows needs it (its default is not Disabled).
    DisabledService(ServiceId),
    /// Restarted the PC while an update was installing.
    RebootDuringInstall,
    /// Deleted a service Windows needs (`sc delete`): on Windows it is gone after the next
    /// restart, and only a repair brings it back.
    DeletedService(ServiceId),
}

impl Harm {
    /// The move in plain words, such as "deleted SoftwareDistribution instead of renaming it".
    pub fn describe(&self) -> String {
        match self {
            Harm::DeletedFolder(Folder::SoftwareDistribution) => {
                "deleted SoftwareDistribution instead of renaming it".to_string()
            }
            Harm::DeletedFolder(Folder::Catroot2) => {
                "deleted catroot2 instead of renaming it".to_string()
            }
            Harm::DisabledService(id) => format!(
                "disabled {} ({}), which Windows needs",
                id.display_name(),
                id.name()
            ),
            Harm::RebootDuringInstall => {
                "restarted the PC while an update was installing".to_string()
            }
            Harm::DeletedService(id) => format!(
                "deleted {} ({}) with sc delete, which Windows needs",
                id.display_name(),
                id.name()
            ),
        }
    }
}
