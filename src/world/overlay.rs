//! A tree of named entries held as differences over a shared default: the storage under both
//! the file system ([`super::fs`]) and the registry ([`super::registry`]).
//!
//! Every PC starts from the same sorted table of entries, built once and shared through an
//! `Arc`; an [`Overlay`] holds only what this PC changed — entries added, replaced or removed
//! — sorted the same way. A new PC costs two words, and a clone copies just what changed.
//!
//! Paths are full, with `\` between names (`C:\Windows\Temp`, `HKLM\SOFTWARE\Policies`).
//! They compare without case (ASCII), and each entry keeps the case it was written with.
//! Everything inside an entry sorts right after it, so a subtree is one contiguous run in
//! both the shared table and the differences.

use std::cmp::Ordering;
use std::sync::Arc;

use super::path;

/// A path and what is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<N> {
    /// The full path, in the case it was written with.
    pub path: Box<str>,
    /// The path in lower case: what the table is sorted by.
    key: Box<str>,
    /// What is there.
    pub node: N,
}

impl<N> Entry<N> {
    /// `node` at `path`.
    pub fn new(path: &str, node: N) -> Entry<N> {
        Entry {
            path: path.into(),
            key: path.to_ascii_lowercase().into(),
            node,
        }
    }
}

/// Sorts entries into the order an [`Overlay`]'s shared table needs.
pub fn sort<N>(entries: &mut [Entry<N>]) {
    entries.sort_by(|a, b| a.key.cmp(&b.key));
}

/// A difference from the shared table: an entry added or replaced (`Some`), or removed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Change<N> {
    path: Box<str>,
    key: Box<str>,
    node: Option<N>,
}

/// The shared table and this PC's differences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overlay<N> {
    base: Arc<[Entry<N>]>,
    changes: Vec<Change<N>>,
    /// Bumped at every change, so that readers can tell nothing changed since they looked.
    revision: u32,
}

impl<N: Clone + PartialEq> Overlay<N> {
    /// `base` (sorted by [`sort`]) with nothing changed.
    pub fn new(base: Arc<[Entry<N>]>) -> Overlay<N> {
        debug_assert!(base.windows(2).all(|w| w[0].key < w[1].key));
        Overlay {
            base,
            changes: Vec::new(),
            revision: 0,
        }
    }

    /// The entry at `full` (any case), with its path in the case it was written with.
    pub fn entry(&self, full: &str) -> Option<(&str, &N)> {
        match self.changes.binary_search_by(|c| path::cmp(&c.path, full)) {
            Ok(i) => {
                let change = &self.changes[i];
                change.node.as_ref().map(|n| (&*change.path, n))
            }
            Err(_) => self
                .base
                .binary_search_by(|e| path::cmp(&e.path, full))
                .ok()
                .map(|i| (&*self.base[i].path, &self.base[i].node)),
        }
    }

    /// What is at `full`.
    pub fn get(&self, full: &str) -> Option<&N> {
        self.entry(full).map(|(_, n)| n)
    }

    /// Every entry, in path order.
    pub fn entries(&self) -> Merged<'_, N> {
        Merged {
            base: &self.base,
            changes: &self.changes,
        }
    }

    /// The entry at `dir` and everything inside it, in path order (without allocating).
    pub fn subtree<'a>(&'a self, dir: &'a str) -> impl Iterator<Item = (&'a str, &'a N)> + 'a {
        let base = range(&self.base, |e| &e.key, dir);
        let changes = range(&self.changes, |c| &c.key, dir);
        Merged { base, changes }.filter(move |(p, _)| path::is_within(p, dir))
    }

    /// What `dir` holds directly, in path order (without allocating).
    pub fn children<'a>(&'a self, dir: &'a str) -> impl Iterator<Item = (&'a str, &'a N)> + 'a {
        self.subtree(dir).filter(move |(p, _)| is_child(p, dir))
    }

    /// Puts `node` at `full` (`None`: removes what is there); the node that was there, and
    /// whether anything changed.
    pub fn set(&mut self, full: &str, node: Option<N>) -> (Option<N>, bool) {
        let key = full.to_ascii_lowercase();
        let in_base = self
            .base
            .binary_search_by(|e| e.key.as_ref().cmp(key.as_str()))
            .ok()
            .map(|i| &self.base[i]);
        let found = self
            .changes
            .binary_search_by(|c| c.key.as_ref().cmp(key.as_str()));
        let (old, old_path) = match found {
            Ok(i) => (self.changes[i].node.as_ref(), Some(&*self.changes[i].path)),
            Err(_) => (in_base.map(|e| &e.node), in_base.map(|e| &*e.path)),
        };
        let same_case = old.is_none() || old_path == Some(full);
        if old == node.as_ref() && same_case {
            return (old.cloned(), false);
        }
        let old = old.cloned();
        self.revision = self.revision.wrapping_add(1);
        // A change that puts back exactly what the shared table has is no change.
        let same_as_base = match (&node, in_base) {
            (Some(n), Some(e)) => *n == e.node && *e.path == *full,
            (None, None) => true,
            _ => false,
        };
        let change = |node| Change {
            path: full.into(),
            key: key.clone().into(),
            node,
        };
        match found {
            Ok(i) if same_as_base => {
                self.changes.remove(i);
            }
            Ok(i) => self.changes[i] = change(node),
            Err(_) if same_as_base => {}
            Err(i) => self.changes.insert(i, change(node)),
        }
        (old, true)
    }

    /// Removes `full` and everything inside it; the entries removed, deepest first.
    pub fn remove_tree(&mut self, full: &str) -> Vec<(String, N)> {
        let doomed: Vec<(String, N)> = self
            .subtree(full)
            .map(|(p, n)| (p.to_string(), n.clone()))
            .collect();
        for (p, _) in doomed.iter().rev() {
            self.set(p, None);
        }
        doomed.into_iter().rev().collect()
    }

    /// A number that changes whenever anything changes.
    pub fn revision(&self) -> u32 {
        self.revision
    }

    /// The number of entries that differ from the shared table.
    pub fn changed_entries(&self) -> usize {
        self.changes.len()
    }

    /// The differences, for measuring: (path, node) with `None` for a removal.
    pub fn changes(&self) -> impl Iterator<Item = (&str, Option<&N>)> {
        self.changes.iter().map(|c| (&*c.path, c.node.as_ref()))
    }

    /// Bytes the differences take on the heap, apart from what their nodes hold there.
    pub fn heap_bytes(&self) -> usize {
        self.changes.capacity() * std::mem::size_of::<Change<N>>()
            + self.changes.iter().map(|c| 2 * c.path.len()).sum::<usize>()
    }
}

/// True when `full` is directly inside `dir`.
fn is_child(full: &str, dir: &str) -> bool {
    let Some(rest) = full.get(dir.len()..) else {
        return false;
    };
    let name = if dir.ends_with('\\') {
        rest
    } else {
        match rest.strip_prefix('\\') {
            Some(name) => name,
            None => return false,
        }
    };
    !name.is_empty() && !name.contains('\\')
}

/// The run of `items` whose path is `dir` or starts with it (a sorted slice's subtree, plus
/// possibly a few siblings that share the prefix, which the caller filters out).
fn range<'a, T>(items: &'a [T], key: impl Fn(&T) -> &str, dir: &str) -> &'a [T] {
    let dir = dir.to_ascii_lowercase();
    let dir = dir.as_bytes();
    let start = items.partition_point(|t| key(t).as_bytes() < dir);
    let len = items[start..]
        .iter()
        .take_while(|t| key(t).as_bytes().starts_with(dir))
        .count();
    &items[start..start + len]
}

/// The shared table and the differences, merged in path order.
#[derive(Clone, Debug)]
pub struct Merged<'a, N> {
    base: &'a [Entry<N>],
    changes: &'a [Change<N>],
}

impl<'a, N> Iterator for Merged<'a, N> {
    type Item = (&'a str, &'a N);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let order = match (self.base.first(), self.changes.first()) {
                (None, None) => return None,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some(b), Some(c)) => b.key.cmp(&c.key),
            };
            if order == Ordering::Less {
                let (first, rest) = self.base.split_first()?;
                self.base = rest;
                return Some((&first.path, &first.node));
            }
            if order == Ordering::Equal {
                self.base = &self.base[1..];
            }
            let (change, rest) = self.changes.split_first()?;
            self.changes = rest;
            if let Some(node) = &change.node {
                return Some((&change.path, node));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Overlay<u8> {
        let mut entries: Vec<Entry<u8>> = [
            "HKLM",
            "HKLM\\SOFTWARE",
            "HKLM\\SOFTWARE\\A",
            "HKLM\\SYSTEM",
        ]
        .into_iter()
        .enumerate()
        .map(|(i, p)| Entry::new(p, i as u8))
        .collect();
        sort(&mut entries);
        Overlay::new(entries.into())
    }

    #[test]
    fn changes_are_kept_apart_and_undone_when_they_match_the_base() {
        let mut o = sample();
        assert_eq!(o.set("hklm\\software\\b", Some(9)), (None, true));
        assert_eq!(o.get("HKLM\\Software\\B"), Some(&9));
        assert_eq!(o.changed_entries(), 1);
        assert_eq!(o.set("HKLM\\SOFTWARE\\A", Some(2)), (Some(2), false));
        o.set("HKLM\\SOFTWARE\\B", None);
        assert_eq!(
            o.changed_entries(),
            0,
            "removing an added entry leaves no change"
        );
        let removed = o.remove_tree("HKLM\\SOFTWARE");
        assert_eq!(removed.len(), 2);
        assert!(o.get("HKLM\\SOFTWARE\\A").is_none());
        assert_eq!(
            o.children("HKLM").map(|(p, _)| p).collect::<Vec<_>>(),
            ["HKLM\\SYSTEM"]
        );
    }

    #[test]
    fn children_work_below_a_root_with_and_without_its_backslash() {
        let mut entries = vec![Entry::new("C:\\", 0u8), Entry::new("C:\\Windows", 1)];
        sort(&mut entries);
        let o = Overlay::new(entries.into());
        assert_eq!(o.children("C:\\").count(), 1);
        assert!(is_child("HKLM\\SOFTWARE", "HKLM"));
        assert!(!is_child("HKLM\\SOFTWARE\\A", "HKLM"));
        assert!(!is_child("HKLMX", "HKLM"));
    }
}
