//! What a line changed on the PC, by component: found by comparing the PC before and after
//! it, so every command — typed, in a script, in a pipeline — is judged the same way without
//! each one declaring it. A component is what a technician would say they touched: a
//! service, its configuration, a Windows Update folder, the policies, the proxy, the clock...
//!
//! While a line waits on purpose (`wait`, `timeout`, `Start-Sleep`) or asks Windows Update
//! to act (Check for updates, `UsoClient StartScan`), what changes is the simulation's doing — a crash, a trigger start, downloads written into SoftwareDistribution,
//! the Orchestrator restarting the PC, the time service setting the clock — so such a line
//! changes nothing of the learner's.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Serialize, Serializer};

use crate::pc::Pc;
use crate::remedy::Folder;
use crate::scm::ServiceId;
use crate::world::path;
use crate::world::registry::Registry;

/// Something a line changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Component {
    /// A service was started, stopped or restarted.
    Service(ServiceId),
    /// A service's configuration: start type, recovery, its registry key, or the service
    /// itself deleted.
    ServiceConfig(ServiceId),
    /// A Windows Update folder was renamed, deleted or emptied.
    Folder(Folder),
    /// A Windows Update policy value (under `HKLM\SOFTWARE\Policies`).
    Policy,
    /// Another registry value.
    Registry,
    /// Other files (a script written, temporary files cleaned up).
    Files,
    /// The WinHTTP proxy.
    Proxy,
    /// The clock.
    Clock,
    /// The network connection (adapter released, offline).
    Network,
    /// The component store (a DISM repair).
    ComponentStore,
    /// The PC restarted.
    Restart,
}

impl Component {
    /// True for changes that cost nothing even where they were not needed: starting or
    /// stopping a service, writing a file.
    pub fn is_light(self) -> bool {
        matches!(self, Component::Service(_) | Component::Files)
    }

    /// What was done to it, in words: "started or stopped the Windows Update service
    /// (wuauserv)", "reset the catroot2 folder", "restarted the PC".
    pub fn describe(self) -> String {
        let service = |id: ServiceId| format!("{} ({})", id.display_name(), id.name());
        match self {
            Component::Service(id) => format!("started, stopped or restarted {}", service(id)),
            Component::ServiceConfig(id) => format!("changed the configuration of {}", service(id)),
            Component::Folder(Folder::SoftwareDistribution) => {
                "reset the SoftwareDistribution folder".to_string()
            }
            Component::Folder(Folder::Catroot2) => "reset the catroot2 folder".to_string(),
            Component::Policy => "changed the Windows Update policies".to_string(),
            Component::Registry => "changed the registry".to_string(),
            Component::Files => "wrote or deleted files".to_string(),
            Component::Proxy => "changed the WinHTTP proxy".to_string(),
            Component::Clock => "changed the clock".to_string(),
            Component::Network => "changed the network connection".to_string(),
            Component::ComponentStore => "repaired the component store".to_string(),
            Component::Restart => "restarted the PC".to_string(),
        }
    }
}

impl fmt::Display for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Component::Service(id) => write!(f, "service:{}", id.name()),
            Component::ServiceConfig(id) => write!(f, "service-config:{}", id.name()),
            Component::Folder(Folder::SoftwareDistribution) => {
                f.write_str("folder:SoftwareDistribution")
            }
            Component::Folder(Folder::Catroot2) => f.write_str("folder:catroot2"),
            Component::Policy => f.write_str("policy"),
            Component::Registry => f.write_str("registry"),
            Component::Files => f.write_str("files"),
            Component::Proxy => f.write_str("proxy"),
            Component::Clock => f.write_str("clock"),
            Component::Network => f.write_str("network"),
            Component::ComponentStore => f.write_str("component-store"),
            Component::Restart => f.write_str("restart"),
        }
    }
}

impl Serialize for Component {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

const POLICIES: &str = "HKLM\\SOFTWARE\\Policies";

/// The key Windows Update keeps up to date itself (`RebootRequired`): its changes are never
/// the learner's.
const MODEL_KEY: &str = crate::world::registry::REBOOT_REQUIRED;

/// What changed from `before` to `after`, in a stable order without repeats; `waited` says
/// the line let the PC work on its own (a wait, or Check for updates), so nothing that
/// changed is the learner's.
pub fn between(before: &Pc, after: &Pc, waited: bool) -> Vec<Component> {
    let mut changed = Vec::new();
    if waited {
        return changed;
    }
    if after.world().boots != before.world().boots {
        changed.push(Component::Restart);
    }
    let restarted = !changed.is_empty();
    for id in ServiceId::all() {
        let (old, new) = (before.scm().status(id), after.scm().status(id));
        if !restarted && (old.state != new.state || old.pid != new.pid) {
            changed.push(Component::Service(id));
        }
        if old.start_type != new.start_type || old.recovery != new.recovery {
            changed.push(Component::ServiceConfig(id));
        }
    }
    registry_changes(
        &before.world().registry,
        &after.world().registry,
        &mut changed,
    );
    folder_changes(before, after, &mut changed);
    let (old, new) = (before.device(), after.device());
    if old.network.proxy != new.network.proxy {
        changed.push(Component::Proxy);
    }
    if old.clock_offset_secs != new.clock_offset_secs {
        changed.push(Component::Clock);
    }
    if old.network.online != new.network.online || old.network.released != new.network.released {
        changed.push(Component::Network);
    }
    if old.component_store != new.component_store {
        changed.push(Component::ComponentStore);
    }
    changed.sort();
    changed.dedup();
    changed
}

fn registry_changes(before: &Registry, after: &Registry, changed: &mut Vec<Component>) {
    if before.revision() == after.revision() {
        return;
    }
    let old: BTreeMap<_, _> = before.subtree("HKLM").collect();
    let new: BTreeMap<_, _> = after.subtree("HKLM").collect();
    let keys = old.keys().chain(new.keys());
    for key in keys {
        if old.get(key) == new.get(key) || path::is_within(key, MODEL_KEY) {
            continue;
        }
        let component = ServiceId::all()
            .find(|&id| path::is_within(key, Registry::service_key(id)))
            .map(Component::ServiceConfig)
            .unwrap_or(if path::is_within(key, POLICIES) {
                Component::Policy
            } else {
                Component::Registry
            });
        changed.push(component);
    }
}

/// A Windows Update folder renamed away, deleted, recreated or emptied (its own files
/// changing — downloads, the data store — is Windows Update at work, not a reset).
fn folder_changes(before: &Pc, after: &Pc, changed: &mut Vec<Component>) {
    let (old, new) = (&before.world().fs, &after.world().fs);
    if old.revision() == new.revision() {
        return;
    }
    let mut any = false;
    for folder in [Folder::SoftwareDistribution, Folder::Catroot2] {
        let at = folder.path();
        let parent = path::parent(at).unwrap_or(at);
        // `<name>.old`, `<name>.bak`...: the copies a rename leaves (the folder itself, which
        // a service recreates when it starts, is not one).
        let siblings = |fs: &crate::world::fs::FileSystem| -> Vec<String> {
            fs.children(parent)
                .filter(|(p, _)| !path::eq(p, at))
                .filter(|(p, _)| {
                    path::file_name(p)
                        .to_ascii_lowercase()
                        .starts_with(&path::file_name(at).to_ascii_lowercase())
                })
                .map(|(p, _)| p.to_ascii_lowercase())
                .collect()
        };
        let emptied = old.subtree(at).count() > new.subtree(at).count();
        let gone = old.exists(at) && !new.exists(at);
        if gone || siblings(old) != siblings(new) || emptied {
            changed.push(Component::Folder(folder));
            any = true;
        }
    }
    if !any {
        changed.push(Component::Files);
    }
}
