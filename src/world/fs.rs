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

use std::sync::Arc;

use super::overlay::{self, Merged, Overlay};
#[cfg(test)]
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
pub type Entry = overlay::Entry<Node>;

/// The C: drive of one PC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileSystem {
    tree: Overlay<Node>,
    /// Space used by what wusim does not list file by file, in bytes.
    pub other_bytes: u64,
    next_serial: u32,
    /// The size of every file listed, kept up to date at each change.
    listed_bytes: u64,
}

impl FileSystem {
    /// A file system made of `base` (sorted by [`overlay::sort`]) and nothing changed.
    pub fn new(base: Arc<[Entry]>, other_bytes: u64) -> FileSystem {
        let listed_bytes = base.iter().map(|e| e.node.bytes()).sum();
        FileSystem {
            tree: Overlay::new(base),
            other_bytes,
            next_serial: 1,
            listed_bytes,
        }
    }

    /// The entry at `path` (any case), with its path in the case it was created with.
    pub fn entry(&self, full: &str) -> Option<(&str, &Node)> {
        self.tree.entry(full)
    }

    /// The node at `path`.
    pub fn get(&self, full: &str) -> Option<&Node> {
        self.tree.get(full)
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
    pub fn entries(&self) -> Merged<'_, Node> {
        self.tree.entries()
    }

    /// The entry at `dir` and everything inside it, in path order (without allocating).
    pub fn subtree<'a>(&'a self, dir: &'a str) -> impl Iterator<Item = (&'a str, &'a Node)> + 'a {
        self.tree.subtree(dir)
    }

    /// What a folder holds directly, in path order (without allocating).
    pub fn children<'a>(&'a self, dir: &'a str) -> impl Iterator<Item = (&'a str, &'a Node)> + 'a {
        self.tree.children(dir)
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
        let freed: u64 = self
            .tree
            .remove_tree(full)
            .iter()
            .map(|(_, n)| n.bytes())
            .sum();
        self.listed_bytes -= freed;
        freed
    }

    /// Moves `from` and everything inside it to `to` (a rename); `to` must not exist.
    pub fn move_tree(&mut self, from: &str, to: &str) {
        let from_len = self.canonical(from).len();
        let moved = self.tree.remove_tree(from);
        for (old, node) in moved.into_iter().rev() {
            let new = format!("{to}{}", &old[from_len.min(old.len())..]);
            self.tree.set(&new, Some(node));
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
        self.tree.revision()
    }

    /// The number of entries that differ from the shared tree.
    pub fn changed_entries(&self) -> usize {
        self.tree.changed_entries()
    }

    /// Bytes this PC's file system holds on the heap: its differences (paths, and the text
    /// of text files, which may be shared with copies), not the shared tree.
    pub fn heap_bytes(&self) -> usize {
        self.tree.heap_bytes()
            + self
                .tree
                .changes()
                .map(|(_, node)| match node.and_then(Node::content) {
                    Some(Content::Text(t)) => t.len(),
                    _ => 0,
                })
                .sum::<usize>()
    }

    /// Puts `node` at `full` (`None`: removes what is there); true if something changed.
    fn set(&mut self, full: &str, node: Option<Node>) -> bool {
        let new_bytes = node.as_ref().map_or(0, Node::bytes);
        let (old, changed) = self.tree.set(full, node);
        if changed {
            self.listed_bytes = self.listed_bytes - old.map_or(0, |n| n.bytes()) + new_bytes;
        }
        changed
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
        overlay::sort(&mut entries);
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
