//! Updates and the catalog that holds them.
//!
//! An [`Update`] is what the server publishes: a KB number (drivers and feature updates have
//! none), a title, a classification, the Windows versions and architecture it targets, its
//! size, its release date, the updates it supersedes and the ones it requires first. The
//! [`Catalog`] checks that both relations are acyclic (`petgraph`) and that every KB they name
//! exists, and answers "is this update superseded by one that applies?".

use std::collections::BTreeMap;

use petgraph::algo::{tarjan_scc, toposort};
use petgraph::graph::DiGraph;
use serde::{Deserialize, Serialize};

use crate::device::{Arch, WindowsVersion};
use crate::engine::CivilDateTime;

/// An update's identity in the catalog: its KB number, or for updates without one (drivers,
/// feature updates) a number above [`UpdateId::NO_KB`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UpdateId(pub u32);

impl UpdateId {
    /// Ids from here on are not KB numbers (real KB numbers have at most seven digits).
    pub const NO_KB: u32 = 90_000_000;

    /// The KB number, if the update has one.
    pub fn kb(self) -> Option<u32> {
        (self.0 < Self::NO_KB).then_some(self.0)
    }
}

impl std::fmt::Display for UpdateId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kb() {
            Some(kb) => write!(f, "KB{kb}"),
            None => write!(f, "update {}", self.0),
        }
    }
}

/// The classification Windows Update and WSUS file an update under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Classification {
    /// A fix for a product-specific vulnerability (monthly cumulative updates).
    SecurityUpdate,
    /// A broadly released fix for a critical, non-security bug.
    CriticalUpdate,
    /// An addition to a definition database (Defender security intelligence).
    DefinitionUpdate,
    /// A driver.
    Driver,
    /// A new version of Windows (WSUS: Upgrades).
    FeatureUpdate,
    /// An update to the code that installs updates.
    ServicingStack,
    /// A tested cumulative set of fixes.
    UpdateRollup,
    /// A fix for a non-critical, non-security bug.
    Update,
}

impl Classification {
    /// As the Update Catalog names it.
    pub fn label(self) -> &'static str {
        match self {
            Classification::SecurityUpdate => "Security Update",
            Classification::CriticalUpdate => "Critical Update",
            Classification::DefinitionUpdate => "Definition Update",
            Classification::Driver => "Driver",
            Classification::FeatureUpdate => "Feature Update",
            Classification::ServicingStack => "Servicing Stack Update",
            Classification::UpdateRollup => "Update Rollup",
            Classification::Update => "Update",
        }
    }
}

/// What makes a feature update special: the version it installs and the checks before it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FeatureUpdate {
    /// The Windows version it installs.
    pub to: WindowsVersion,
    /// It needs the Windows 11 hardware (TPM 2.0, Secure Boot, a listed CPU, 4 GB RAM, 64 GB
    /// storage).
    pub requires_windows_11_hardware: bool,
    /// Safeguard hold ids it honours: a device with one of these known issues is not offered
    /// the update.
    pub safeguard_holds: Vec<u32>,
    /// The oldest build revision of the current version it can be installed from.
    pub min_revision: u32,
}

/// One update on the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Update {
    /// KB number (or a number above [`UpdateId::NO_KB`]).
    pub id: UpdateId,
    /// The title Windows Update shows.
    pub title: String,
    /// Its classification.
    pub classification: Classification,
    /// The Windows versions it applies to.
    pub targets: Vec<WindowsVersion>,
    /// The architecture it is built for.
    pub arch: Arch,
    /// Full download size in MB.
    pub size_mb: u32,
    /// Release date.
    pub released: CivilDateTime,
    /// For a cumulative update: the build revision it brings the OS to.
    pub revision: Option<u32>,
    /// Updates it replaces (never offered once this one applies).
    pub supersedes: Vec<UpdateId>,
    /// Updates that must be installed first.
    pub requires: Vec<UpdateId>,
    /// It needs a restart to finish installing.
    pub restart_required: bool,
    /// Minutes the installation takes on a typical PC.
    pub install_minutes: u32,
    /// Set for feature updates.
    pub feature: Option<FeatureUpdate>,
}

/// Why a list of updates is not a valid catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogError {
    /// Two updates have the same id.
    Duplicate(UpdateId),
    /// A relation names an update that is not in the catalog.
    Unknown {
        /// The update whose relation is wrong.
        update: UpdateId,
        /// The id it names.
        names: UpdateId,
    },
    /// Supersedence goes round in a circle.
    SupersedenceCycle(Vec<UpdateId>),
    /// Prerequisites go round in a circle.
    PrerequisiteCycle(Vec<UpdateId>),
}

impl std::fmt::Display for CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = |ids: &[UpdateId]| {
            ids.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" -> ")
        };
        match self {
            CatalogError::Duplicate(id) => write!(f, "{id} is in the catalog twice"),
            CatalogError::Unknown { update, names } => write!(
                f,
                "{update} names {names}, which is not in the catalog: add it, or remove it from supersedes/requires"
            ),
            CatalogError::SupersedenceCycle(ids) => {
                write!(f, "updates supersede each other in a cycle: {}", list(ids))
            }
            CatalogError::PrerequisiteCycle(ids) => {
                write!(f, "updates require each other in a cycle: {}", list(ids))
            }
        }
    }
}

impl std::error::Error for CatalogError {}

/// A checked set of updates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalog {
    updates: Vec<Update>,
    /// For each update (by position), the positions of the updates that supersede it,
    /// directly or through others.
    superseded_by: Vec<Vec<usize>>,
}

impl Catalog {
    /// Checks and indexes `updates`.
    pub fn new(mut updates: Vec<Update>) -> Result<Catalog, CatalogError> {
        updates.sort_by_key(|u| u.id);
        if let Some(pair) = updates.windows(2).find(|w| w[0].id == w[1].id) {
            return Err(CatalogError::Duplicate(pair[0].id));
        }
        let index: BTreeMap<UpdateId, usize> =
            updates.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
        let mut supersedes = DiGraph::<UpdateId, ()>::new();
        let mut requires = DiGraph::<UpdateId, ()>::new();
        let nodes: Vec<_> = updates
            .iter()
            .map(|u| (supersedes.add_node(u.id), requires.add_node(u.id)))
            .collect();
        for (i, u) in updates.iter().enumerate() {
            for (names, graph, pick) in [
                (&u.supersedes, &mut supersedes, 0),
                (&u.requires, &mut requires, 1),
            ] {
                for &other in names {
                    let &j = index.get(&other).ok_or(CatalogError::Unknown {
                        update: u.id,
                        names: other,
                    })?;
                    let node = |k: usize| if pick == 0 { nodes[k].0 } else { nodes[k].1 };
                    graph.add_edge(node(i), node(j), ());
                }
            }
        }
        if let Some(cycle) = find_cycle(&supersedes) {
            return Err(CatalogError::SupersedenceCycle(cycle));
        }
        if let Some(cycle) = find_cycle(&requires) {
            return Err(CatalogError::PrerequisiteCycle(cycle));
        }
        // Transitive "superseded by": walk the reversed supersedence edges from each update.
        let superseded_by = (0..updates.len())
            .map(|i| {
                let mut found = Vec::new();
                let mut stack = vec![nodes[i].0];
                while let Some(n) = stack.pop() {
                    for p in supersedes.neighbors_directed(n, petgraph::Direction::Incoming) {
                        if !found.contains(&p.index()) {
                            found.push(p.index());
                            stack.push(p);
                        }
                    }
                }
                found.sort_unstable();
                found
            })
            .collect();
        Ok(Catalog {
            updates,
            superseded_by,
        })
    }

    /// Every update, by id.
    pub fn updates(&self) -> &[Update] {
        &self.updates
    }

    /// The update with this id.
    pub fn get(&self, id: UpdateId) -> Option<&Update> {
        self.position(id).map(|i| &self.updates[i])
    }

    /// The update with this KB number.
    pub fn by_kb(&self, kb: u32) -> Option<&Update> {
        self.get(UpdateId(kb)).filter(|u| u.id.kb().is_some())
    }

    /// The updates that supersede `id`, directly or through others.
    pub fn superseded_by(&self, id: UpdateId) -> impl Iterator<Item = &Update> {
        self.position(id)
            .map(|i| self.superseded_by[i].as_slice())
            .unwrap_or_default()
            .iter()
            .map(|&j| &self.updates[j])
    }

    fn position(&self, id: UpdateId) -> Option<usize> {
        self.updates.binary_search_by_key(&id, |u| u.id).ok()
    }
}

/// The ids of one cycle in `graph`, sorted, if it has any.
fn find_cycle(graph: &DiGraph<UpdateId, ()>) -> Option<Vec<UpdateId>> {
    toposort(graph, None).err()?;
    let scc = tarjan_scc(graph)
        .into_iter()
        .find(|scc| scc.len() > 1 || graph.contains_edge(scc[0], scc[0]))?;
    let mut ids: Vec<UpdateId> = scc.iter().map(|&n| graph[n]).collect();
    ids.sort();
    Some(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(id: u32, supersedes: &[u32], requires: &[u32]) -> Update {
        Update {
            id: UpdateId(id),
            title: format!("Update {id}"),
            classification: Classification::SecurityUpdate,
            targets: vec![WindowsVersion::Windows11_23H2],
            arch: Arch::X64,
            size_mb: 100,
            released: CivilDateTime::PATCH_TUESDAY,
            revision: None,
            supersedes: supersedes.iter().copied().map(UpdateId).collect(),
            requires: requires.iter().copied().map(UpdateId).collect(),
            restart_required: true,
            install_minutes: 10,
            feature: None,
        }
    }

    #[test]
    fn supersedence_is_transitive() {
        let c = Catalog::new(vec![
            update(1, &[], &[]),
            update(2, &[1], &[]),
            update(3, &[2], &[]),
        ])
        .unwrap();
        let by: Vec<UpdateId> = c.superseded_by(UpdateId(1)).map(|u| u.id).collect();
        assert_eq!(by, [UpdateId(2), UpdateId(3)]);
        assert_eq!(c.superseded_by(UpdateId(3)).count(), 0);
    }

    #[test]
    fn cycles_are_rejected_by_name() {
        let err = Catalog::new(vec![update(1, &[2], &[]), update(2, &[1], &[])]).unwrap_err();
        assert_eq!(
            err,
            CatalogError::SupersedenceCycle(vec![UpdateId(1), UpdateId(2)])
        );
        assert_eq!(
            err.to_string(),
            "updates supersede each other in a cycle: KB1 -> KB2"
        );
        let err = Catalog::new(vec![update(5, &[], &[5])]).unwrap_err();
        assert_eq!(err, CatalogError::PrerequisiteCycle(vec![UpdateId(5)]));
    }

    #[test]
    fn unknown_and_duplicate_ids_are_rejected() {
        let err = Catalog::new(vec![update(1, &[9], &[])]).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("KB1 names KB9, which is not in the catalog")
        );
        let err = Catalog::new(vec![update(1, &[], &[]), update(1, &[], &[])]).unwrap_err();
        assert_eq!(err, CatalogError::Duplicate(UpdateId(1)));
    }

    #[test]
    fn ids_above_no_kb_have_no_kb() {
        assert_eq!(UpdateId(5_060_999).kb(), Some(5_060_999));
        assert_eq!(UpdateId(UpdateId::NO_KB + 1).kb(), None);
    }
}
