//! The simulated PC's file system: the folders and files Windows Update troubleshooting
//! touches, with their sizes, attributes, times and — for the few that mean something to the
//! model — their contents.
//!
//! Every PC starts from the same tree ([`super::default_fs`]), built once and shared; a
//! [`FileSystem`] holds only its differences from it, sorted by path, so a new PC costs two
//! words and a clone copies just what changed. Paths are full and normalised
//! ([`super::path`]); they compare without case, and every entry keeps the case it was
//! created with. All of a folder's contents sort right after it, so a folder's subtree is one
//! contiguous run in both the shared tree and the differences.
//!
//! The file system knows nothing of services: whether a folder is in use, and what the
//! Windows Update agent reads from `SoftwareDistribution`, is the business of
//! [`super::World`]. Disk space adds up: the space used is the size of every file listed plus
//! [`FileSystem::other_bytes`], the programs, documents and rest of Windows that wusim does
//! not list file by file (a simplification the book names).

use std::cmp::Ordering;
use std::sync::Arc;

use super::path;
use crate::engine::SimTime;
use crate::update::UpdateId;

/// What a file holds, where the model gives it a meaning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    /// Bytes that mean nothing to the model (programs, documents, logs).
    Opaque,
    /// Text: a script copied onto the PC, a file written by `echo ... > file`.
    Text(Arc<str>),
    /// Windows Update's database, `SoftwareDistribution\DataStore\DataStore.edb`: the update
    /// metadata, the last scan's results and the update history. Each new one gets a new
    /// `serial`.
    DataStore {
        /// Whether it can be read.
        health: DbHealth,
        /// Which data store this is.
        serial: u32,
        /// When Windows Update created it (`None`: before the simulation began); the update
        /// history it holds starts then.
        created: Option<SimTime>,
    },
    /// The catalog database of Cryptographic Services (`catroot2\{F750E6C3-...}\catdb`).
    CatalogDb {
        /// Whether it can be read.
        health: DbHealth,
    },
    /// An update's content in the download cache (`SoftwareDistribution\Download`), whole
    /// when the file has the update's full size.
    Payload {
        /// The update.
        update: UpdateId,
        /// Damaged: it fails its hash check.
        corrupt: bool,
    },
}

/// Whether a database can be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbHealth {
    /// Intact.
    Healthy,
    /// Damaged: reading it fails with an error.
    Corrupt,
    /// Damaged so that the service reading it crashes.
    Crashing,
}

/// A folder or a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A folder.
    Dir,
    /// A file of `bytes` bytes.
    File {
        /// Its size.
        bytes: u64,
        /// What it holds.
        content: Content,
    },
}

/// File attributes, as `attrib` shows them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Attributes {
    /// `R`: read-only.
    pub read_only: bool,
    /// `H`: hidden from `dir`.
    pub hidden: bool,
    /// `S`: a system file.
    pub system: bool,
}

/// One entry: a folder or a file, its attributes, and when it was last written (whole seconds
/// since 1970-01-01, by the PC's clock).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// Folder or file.
    pub kind: Kind,
    /// Its attributes.
    pub attributes: Attributes,
    /// When it was last written.
    pub modified: i64,
}

impl Node {
    /// A folder written at `modified`.
    pub fn dir(modified: i64) -> Node {
        Node {
            kind: Kind::Dir,
            attributes: Attributes::default(),
            modified,
        }
    }

    /// A file of `bytes` bytes holding `content`, written at `modified`.
    pub fn file(bytes: u64, content: Content, modified: i64) -> Node {
        Node {
            kind: Kind::File { bytes, content },
            attributes: Attributes::default(),
            modified,
        }
    }

    /// True for a folder.
    pub fn is_dir(&self) -> bool {
        self.kind == Kind::Dir
    }

    /// The size of a file (0 for a folder).
    pub fn bytes(&self) -> u64 {
        match &self.kind {
            Kind::File { bytes, .. } => *bytes,
            Kind::Dir => 0,
        }
    }

    /// What a file holds (`None` for a folder).
    pub fn content(&self) -> Option<&Content> {
        match &self.kind {
            Kind::File { content, .. } => Some(content),
            Kind::Dir => None,
        }
    }
}

/// A path and what is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The full path, in the case it was created with.
    pub path: Box<str>,
    /// The path in lower case: what lookups compare (a plain byte comparison is many times
    /// faster than one that folds case as it goes).
    key: Box<str>,
    /// The folder or file.
    pub node: Node,
}

impl Entry {
    /// The entry `node` at `path`.
    pub fn new(path: &str, node: Node) -> Entry {
        Entry {
            path: path.into(),
            key: path.to_ascii_lowercase().into(),
            node,
        }
    }
}

/// A difference from the shared tree: an entry added or replaced, or one removed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Change {
    path: Box<str>,
    key: Box<str>,
    node: Option<Node>,
}

/// A path in lower case for lookups, on the stack when it fits (it is made and dropped within
/// one lookup, so its size does not matter).
#[allow(clippy::large_enum_variant)]
enum Key {
    Short([u8; 256], usize),
    Long(String),
}

impl Key {
    fn of(full: &str) -> Key {
        let bytes = full.as_bytes();
        if bytes.len() <= 256 {
            let mut buf = [0u8; 256];
            for (b, c) in buf.iter_mut().zip(bytes) {
                *b = c.to_ascii_lowercase();
            }
            Key::Short(buf, bytes.len())
        } else {
            Key::Long(full.to_ascii_lowercase())
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Key::Short(buf, len) => &buf[..*len],
            Key::Long(s) => s.as_bytes(),
        }
    }
}

/// The C: drive of one PC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSystem {
    base: Arc<[Entry]>,
    changes: Vec<Change>,
    /// Space used by what wusim does not list file by file, in bytes.
    pub other_bytes: u64,
    next_serial: u32,
    /// Bumped at every change, so that readers can tell nothing changed since they looked.
    revision: u32,
    /// The size of every file listed, kept up to date at each change.
    listed_bytes: u64,
}

impl FileSystem {
    /// A file system made of `base` (sorted by [`path::cmp`]) and nothing changed.
    pub fn new(base: Arc<[Entry]>, other_bytes: u64) -> FileSystem {
        debug_assert!(base.windows(2).all(|w| w[0].key < w[1].key));
        let listed_bytes = base.iter().map(|e| e.node.bytes()).sum();
        FileSystem {
            base,
            changes: Vec::new(),
            other_bytes,
            next_serial: 1,
            revision: 0,
            listed_bytes,
        }
    }

    /// The entry at `path` (any case), with its path in the case it was created with.
    pub fn entry(&self, full: &str) -> Option<(&str, &Node)> {
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

    /// The node at `path`.
    pub fn get(&self, full: &str) -> Option<&Node> {
        self.entry(full).map(|(_, n)| n)
    }

    /// True when something is at `path`.
    pub fn exists(&self, full: &str) -> bool {
        self.get(full).is_some()
    }

    /// True when a folder is at `path`.
    pub fn is_dir(&self, full: &str) -> bool {
        self.get(full).is_some_and(Node::is_dir)
    }

    /// The path as it is written in the file system (its case), or `full` itself if nothing
    /// is there.
    pub fn canonical(&self, full: &str) -> String {
        self.entry(full)
            .map_or_else(|| full.to_string(), |(p, _)| p.to_string())
    }

    /// Every entry of the drive, in path order.
    pub fn entries(&self) -> Merged<'_> {
        Merged {
            base: &self.base,
            changes: &self.changes,
        }
    }

    /// The entry at `dir` and everything inside it, in path order (without allocating).
    pub fn subtree<'a>(&'a self, dir: &'a str) -> impl Iterator<Item = (&'a str, &'a Node)> + 'a {
        let base = range(&self.base, |e| &e.key, dir);
        let changes = range(&self.changes, |c| &c.key, dir);
        Merged { base, changes }.filter(move |(p, _)| path::is_within(p, dir))
    }

    /// What a folder holds directly, in path order (without allocating).
    pub fn children<'a>(&'a self, dir: &'a str) -> impl Iterator<Item = (&'a str, &'a Node)> + 'a {
        self.subtree(dir)
            .filter(move |(p, _)| path::parent(p).is_some_and(|parent| path::eq(parent, dir)))
    }

    /// The paths of what a folder holds directly.
    pub fn child_paths(&self, dir: &str) -> Vec<String> {
        self.children(dir).map(|(p, _)| p.to_string()).collect()
    }

    /// Puts `node` at `path` (replacing what was there). The folder it goes in must exist;
    /// the caller checks.
    pub fn put(&mut self, full: &str, node: Node) {
        self.set(full, Some(node));
    }

    /// Removes the entry at `path` alone (not what is inside a folder: see
    /// [`FileSystem::remove_tree`]); true if there was one.
    pub fn remove(&mut self, full: &str) -> bool {
        self.set(full, None)
    }

    /// Removes `path` and everything inside it; returns the bytes freed.
    pub fn remove_tree(&mut self, full: &str) -> u64 {
        let doomed: Vec<(String, u64)> = self
            .subtree(full)
            .map(|(p, n)| (p.to_string(), n.bytes()))
            .collect();
        let mut freed = 0;
        for (p, bytes) in doomed.into_iter().rev() {
            freed += bytes;
            self.set(&p, None);
        }
        freed
    }

    /// Moves `from` and everything inside it to `to` (a rename); `to` must not exist.
    pub fn move_tree(&mut self, from: &str, to: &str) {
        let moved: Vec<(String, Node)> = self
            .subtree(from)
            .map(|(p, n)| (p.to_string(), n.clone()))
            .collect();
        let from_len = self.canonical(from).len();
        for (old, _) in moved.iter().rev() {
            self.set(old, None);
        }
        for (old, node) in moved {
            let new = format!("{to}{}", &old[from_len.min(old.len())..]);
            self.set(&new, Some(node));
        }
    }

    /// The bytes used on the drive: every file listed, plus [`FileSystem::other_bytes`].
    pub fn used_bytes(&self) -> u64 {
        self.listed_bytes.saturating_add(self.other_bytes)
    }

    /// A serial number for a new data store.
    pub fn new_serial(&mut self) -> u32 {
        let serial = self.next_serial;
        self.next_serial = self.next_serial.wrapping_add(1);
        serial
    }

    /// A number that changes whenever anything on the drive changes.
    pub fn revision(&self) -> u32 {
        self.revision
    }

    /// The number of entries that differ from the shared tree.
    pub fn changed_entries(&self) -> usize {
        self.changes.len()
    }

    /// Bytes this PC's file system holds on the heap: its differences (paths, and the text
    /// of text files, which may be shared with copies), not the shared tree.
    pub fn heap_bytes(&self) -> usize {
        self.changes.capacity() * std::mem::size_of::<Change>()
            + self
                .changes
                .iter()
                .map(|c| {
                    c.path.len()
                        + match c.node.as_ref().and_then(Node::content) {
                            Some(Content::Text(t)) => t.len(),
                            _ => 0,
                        }
                })
                .sum::<usize>()
    }

    /// Puts `node` at `full` (`None`: removes what is there); true if something changed.
    fn set(&mut self, full: &str, node: Option<Node>) -> bool {
        let key = Key::of(full);
        let key = key.bytes();
        let in_base = self
            .base
            .binary_search_by(|e| e.key.as_bytes().cmp(key))
            .ok()
            .map(|i| &self.base[i]);
        let found = self.changes.binary_search_by(|c| c.key.as_bytes().cmp(key));
        let old = match found {
            Ok(i) => self.changes[i].node.as_ref(),
            Err(_) => in_base.map(|e| &e.node),
        };
        if old == node.as_ref() && (old.is_none() || self.entry_path_is(found, in_base, full)) {
            return false;
        }
        self.revision = self.revision.wrapping_add(1);
        let old_bytes = old.map_or(0, Node::bytes);
        let new_bytes = node.as_ref().map_or(0, Node::bytes);
        self.listed_bytes = self.listed_bytes - old_bytes + new_bytes;
        // A change that puts back exactly what the shared tree has is no change.
        let same_as_base = match (&node, in_base) {
            (Some(n), Some(e)) => *n == e.node && *e.path == *full,
            (None, None) => true,
            _ => false,
        };
        let change = |node| Change {
            path: full.into(),
            key: full.to_ascii_lowercase().into(),
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
        true
    }

    /// True when the entry found for `full` is written exactly as `full` (same case).
    fn entry_path_is(
        &self,
        found: Result<usize, usize>,
        in_base: Option<&Entry>,
        full: &str,
    ) -> bool {
        match found {
            Ok(i) => *self.changes[i].path == *full,
            Err(_) => in_base.is_some_and(|e| *e.path == *full),
        }
    }
}

/// The run of `items` whose path is `dir` or starts with it (a sorted slice's subtree, plus
/// possibly a few siblings that share the prefix, which the caller filters out).
fn range<'a, T>(items: &'a [T], key: impl Fn(&T) -> &str, dir: &str) -> &'a [T] {
    let dir = Key::of(dir);
    let dir = dir.bytes();
    let start = items.partition_point(|t| key(t).as_bytes() < dir);
    let len = items[start..]
        .iter()
        .take_while(|t| key(t).as_bytes().starts_with(dir))
        .count();
    &items[start..start + len]
}

/// The shared tree and the differences, merged in path order.
#[derive(Clone, Debug)]
pub struct Merged<'a> {
    base: &'a [Entry],
    changes: &'a [Change],
}

impl<'a> Iterator for Merged<'a> {
    type Item = (&'a str, &'a Node);

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

    fn sample() -> FileSystem {
        let mut entries: Vec<Entry> = [
            ("C:\\", None),
            ("C:\\Windows", None),
            ("C:\\Windows\\SoftwareDistribution", None),
            ("C:\\Windows\\SoftwareDistribution\\DataStore", None),
            (
                "C:\\Windows\\SoftwareDistribution\\DataStore\\DataStore.edb",
                Some(100),
            ),
            ("C:\\Windows\\SoftwareDistribution\\Download", None),
            ("C:\\Windows\\Temp", None),
            ("C:\\Windows\\Temp\\a.tmp", Some(5)),
        ]
        .into_iter()
        .map(|(p, size)| {
            Entry::new(
                p,
                match size {
                    None => Node::dir(0),
                    Some(b) => Node::file(b, Content::Opaque, 0),
                },
            )
        })
        .collect();
        entries.sort_by(|a, b| a.key.cmp(&b.key));
        FileSystem::new(entries.into(), 1_000)
    }

    #[test]
    fn lookups_ignore_case_and_keep_the_written_case() {
        let fs = sample();
        let (p, n) = fs.entry("c:\\windows\\softwaredistribution").unwrap();
        assert_eq!(p, "C:\\Windows\\SoftwareDistribution");
        assert!(n.is_dir());
        assert!(fs.get("C:\\Windows\\Nope").is_none());
        assert_eq!(fs.used_bytes(), 1_105);
    }

    #[test]
    fn a_rename_moves_the_whole_tree_and_keeps_the_space_used() {
        let mut fs = sample();
        fs.move_tree(
            "C:\\Windows\\SoftwareDistribution",
            "C:\\Windows\\SoftwareDistribution.old",
        );
        assert!(!fs.exists("C:\\Windows\\SoftwareDistribution"));
        assert!(fs.exists("C:\\Windows\\SoftwareDistribution.old\\DataStore\\DataStore.edb"));
        assert_eq!(fs.used_bytes(), 1_105);
        fs.move_tree(
            "C:\\Windows\\SoftwareDistribution.old",
            "C:\\Windows\\SoftwareDistribution",
        );
        assert_eq!(fs.changed_entries(), 0, "renamed back: no difference left");
    }

    #[test]
    fn the_space_used_is_kept_up_to_date() {
        let mut fs = sample();
        fs.put(
            "C:\\Windows\\Temp\\a.tmp",
            Node::file(50, Content::Opaque, 0),
        );
        fs.put(
            "C:\\Windows\\Temp\\b.tmp",
            Node::file(7, Content::Opaque, 0),
        );
        fs.remove("C:\\Windows\\SoftwareDistribution\\DataStore\\DataStore.edb");
        let listed: u64 = fs.entries().map(|(_, n)| n.bytes()).sum();
        assert_eq!(fs.used_bytes(), fs.other_bytes + listed);
        assert_eq!(listed, 57);
    }

    #[test]
    fn removing_a_tree_frees_its_space() {
        let mut fs = sample();
        assert_eq!(fs.remove_tree("C:\\Windows\\SoftwareDistribution"), 100);
        assert_eq!(fs.used_bytes(), 1_005);
        assert_eq!(fs.children("C:\\Windows").count(), 1);
    }

    #[test]
    fn children_are_direct_and_merged() {
        let mut fs = sample();
        fs.put(
            "C:\\Windows\\Temp\\b.tmp",
            Node::file(7, Content::Opaque, 0),
        );
        fs.remove("C:\\Windows\\Temp\\a.tmp");
        let names: Vec<&str> = fs
            .children("C:\\Windows\\Temp")
            .map(|(p, _)| path::file_name(p))
            .collect();
        assert_eq!(names, ["b.tmp"]);
        let root: Vec<&str> = fs.children("C:\\").map(|(p, _)| p).collect();
        assert_eq!(root, ["C:\\Windows"]);
    }
}
