//! What the views several commands share show, as facts ([`Fact`]): a registry key (`reg
//! query`, `Get-ItemProperty`, `Get-ChildItem HKLM:\...`) and a folder's listing (`dir`,
//! `Get-ChildItem`). Each command records the rest of what it shows itself, where it
//! renders it.

use super::context::saw;
use crate::assess::Fact;
use crate::remedy::Folder;
use crate::scm::ServiceId;
use crate::world::path;
use crate::world::registry::{self, Registry};

/// True for the Windows Update policy key or a key inside it (`...\WindowsUpdate\AU`).
pub(crate) fn is_policy_key(key: &str) -> bool {
    path::is_within(key, registry::WU_POLICY)
}

/// The service whose key `key` is (`HKLM\SYSTEM\CurrentControlSet\Services\wuauserv`).
fn service_of_key(key: &str) -> Option<ServiceId> {
    let name = path::strip_prefix(key, registry::SERVICES)?.strip_prefix('\\')?;
    ServiceId::all().find(|id| id.name().eq_ignore_ascii_case(name))
}

/// Records what a registry key shows with the values named `values`: the Windows Update
/// policies (the policy key or one inside it, even without values), or a service's start
/// type (its `Start` value).
pub(crate) fn registry_key<'a>(
    facts: &mut Vec<Fact>,
    key: &str,
    values: impl IntoIterator<Item = &'a str>,
) {
    if is_policy_key(key) {
        saw(facts, Fact::Policy);
    }
    if let Some(id) = service_of_key(key)
        && values.into_iter().any(|v| v.eq_ignore_ascii_case("Start"))
    {
        saw(facts, Fact::StartType(id));
    }
}

/// Records what a registry key shows with all its values (`Get-Item HKLM:\...`, each key
/// `Get-ChildItem` lists).
pub(crate) fn whole_registry_key(facts: &mut Vec<Fact>, reg: &Registry, key: &str) {
    if let Some((path, found)) = reg.key(key) {
        registry_key(facts, path, found.values.iter().map(|(n, _)| n.as_str()));
    }
}

/// Records what a listing of the folder `dir`'s contents shows: the contents of a Windows
/// Update folder (`SoftwareDistribution`, `catroot2`), when `dir` is one or is inside one.
pub(crate) fn folder_listed(facts: &mut Vec<Fact>, dir: &str) {
    for folder in [Folder::SoftwareDistribution, Folder::Catroot2] {
        if path::is_within(dir, folder.path()) {
            saw(facts, Fact::Folder(folder));
        }
    }
}
