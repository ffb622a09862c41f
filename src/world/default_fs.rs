//! The folders and files every simulated PC starts with: the places Windows Update
//! troubleshooting touches (`SoftwareDistribution`, `catroot2`, the BITS queue, the update
//! logs, the temporary folders, `$WINDOWS.~BT`) and the user's own folders, as data.
//!
//! The tree is built once and shared by every PC ([`base`]); each PC's
//! [`FileSystem`](super::fs::FileSystem) records only how it differs. Sizes are plausible,
//! not measured; the rest of the disk (programs, Windows itself, documents) is counted as
//! `other_bytes`. Only a few files of `System32` are listed: a simplification the book names.

use std::sync::{Arc, OnceLock};

use super::fs::{Attributes, Content, DbHealth, Entry, Node};
use crate::engine::CivilDateTime;

/// The user who is signed in.
pub const USER: &str = "Admin";

/// The Windows folder, as it is written on disk.
pub const WINDOWS: &str = "C:\\Windows";

/// `%SystemRoot%` and `%windir%`, spelled as Windows sets them (and as an elevated console's
/// prompt shows them).
pub const SYSTEM_ROOT: &str = "C:\\WINDOWS";

/// `System32`, as it is written on disk.
pub const SYSTEM32: &str = "C:\\Windows\\System32";

/// Where an elevated console starts: `%SystemRoot%\system32`.
pub const ELEVATED_START: &str = "C:\\WINDOWS\\system32";

/// `%windir%\SoftwareDistribution`: the data store and the download cache.
pub const SOFTWARE_DISTRIBUTION: &str = "C:\\Windows\\SoftwareDistribution";

/// The Windows Update data store.
pub const DATASTORE_EDB: &str = "C:\\Windows\\SoftwareDistribution\\DataStore\\DataStore.edb";

/// The download cache.
pub const DOWNLOAD: &str = "C:\\Windows\\SoftwareDistribution\\Download";

/// `%windir%\System32\catroot2`: the catalog database of Cryptographic Services.
pub const CATROOT2: &str = "C:\\Windows\\System32\\catroot2";

/// The catalog database itself.
pub const CATDB: &str =
    "C:\\Windows\\System32\\catroot2\\{F750E6C3-38EE-11D1-85E5-00C04FC295EE}\\catdb";

/// The BITS job queue's folder.
pub const DOWNLOADER: &str = "C:\\ProgramData\\Microsoft\\Network\\Downloader";

/// The BITS job queue's files.
pub const QMGR_FILES: [&str; 2] = [
    "C:\\ProgramData\\Microsoft\\Network\\Downloader\\qmgr0.dat",
    "C:\\ProgramData\\Microsoft\\Network\\Downloader\\qmgr1.dat",
];
/// The size of each of the BITS job queue's files.
pub const QMGR_BYTES: u64 = 262_144;

/// The user's Desktop, where `--file` copies scripts.
pub const DESKTOP: &str = "C:\\Users\\Admin\\Desktop";

/// `%TEMP%`.
pub const USER_TEMP: &str = "C:\\Users\\Admin\\AppData\\Local\\Temp";

/// `%windir%\Temp`.
pub const WINDOWS_TEMP: &str = "C:\\Windows\\Temp";

/// The folders Disk Cleanup empties (temporary files).
pub const TEMP_FOLDERS: [&str; 2] = [WINDOWS_TEMP, USER_TEMP];

/// The files whose sizes hold a scenario's reclaimable space (`cleanup-gb`), and the share of
/// it each holds, in percent.
pub const RECLAIMABLE: [(&str, u64); 2] = [
    ("C:\\Windows\\Temp\\cab_4812_3", 70),
    (
        "C:\\Users\\Admin\\AppData\\Local\\Temp\\chrome_installer_cache.tmp",
        30,
    ),
];

/// Default reclaimable space, in bytes (about 6 GB).
pub const DEFAULT_RECLAIMABLE: u64 = 6_000 * MB;

const MB: u64 = 1_000_000;

/// How an entry of the table is made.
enum Item {
    Dir,
    HiddenDir,
    File(u64),
    HiddenSystemFile(u64),
    DataStore(u64),
    CatalogDb(u64),
    Reclaimable(u64),
}

/// The tree, in any order (it is sorted when built).
const TREE: &[(&str, Item)] = &[
    ("C:\\", Item::Dir),
    ("C:\\$WINDOWS.~BT", Item::HiddenDir),
    ("C:\\$WINDOWS.~BT\\Sources", Item::Dir),
    ("C:\\$WINDOWS.~BT\\Sources\\Panther", Item::Dir),
    (
        "C:\\$WINDOWS.~BT\\Sources\\Panther\\setupact.log",
        Item::File(2_411_520),
    ),
    (
        "C:\\$WINDOWS.~BT\\Sources\\Panther\\setuperr.log",
        Item::File(0),
    ),
    ("C:\\pagefile.sys", Item::HiddenSystemFile(2_684_354_560)),
    ("C:\\Program Files", Item::Dir),
    ("C:\\Program Files (x86)", Item::Dir),
    ("C:\\ProgramData", Item::HiddenDir),
    ("C:\\ProgramData\\Microsoft", Item::Dir),
    ("C:\\ProgramData\\Microsoft\\Network", Item::Dir),
    (DOWNLOADER, Item::Dir),
    (QMGR_FILES[0], Item::File(QMGR_BYTES)),
    (QMGR_FILES[1], Item::File(QMGR_BYTES)),
    ("C:\\Users", Item::Dir),
    ("C:\\Users\\Admin", Item::Dir),
    ("C:\\Users\\Admin\\AppData", Item::HiddenDir),
    ("C:\\Users\\Admin\\AppData\\Local", Item::Dir),
    (USER_TEMP, Item::Dir),
    (
        "C:\\Users\\Admin\\AppData\\Local\\Temp\\chrome_installer_cache.tmp",
        Item::Reclaimable(30),
    ),
    ("C:\\Users\\Admin\\AppData\\Roaming", Item::Dir),
    (DESKTOP, Item::Dir),
    ("C:\\Users\\Admin\\Documents", Item::Dir),
    ("C:\\Users\\Admin\\Downloads", Item::Dir),
    ("C:\\Users\\Public", Item::Dir),
    (WINDOWS, Item::Dir),
    ("C:\\Windows\\Logs", Item::Dir),
    ("C:\\Windows\\Logs\\CBS", Item::Dir),
    ("C:\\Windows\\Logs\\CBS\\CBS.log", Item::File(8_388_608)),
    ("C:\\Windows\\Logs\\WindowsUpdate", Item::Dir),
    (
        "C:\\Windows\\Logs\\WindowsUpdate\\WindowsUpdate.20250609.091512.412.1.etl",
        Item::File(65_536),
    ),
    (
        "C:\\Windows\\Logs\\WindowsUpdate\\WindowsUpdate.20250610.083015.118.1.etl",
        Item::File(65_536),
    ),
    (SOFTWARE_DISTRIBUTION, Item::Dir),
    ("C:\\Windows\\SoftwareDistribution\\DataStore", Item::Dir),
    (DATASTORE_EDB, Item::DataStore(134_217_728)),
    (
        "C:\\Windows\\SoftwareDistribution\\DataStore\\Logs",
        Item::Dir,
    ),
    (
        "C:\\Windows\\SoftwareDistribution\\DataStore\\Logs\\edb.log",
        Item::File(1_048_576),
    ),
    (DOWNLOAD, Item::Dir),
    (
        "C:\\Windows\\SoftwareDistribution\\ReportingEvents.log",
        Item::File(1_261_568),
    ),
    (SYSTEM32, Item::Dir),
    ("C:\\Windows\\System32\\catroot", Item::Dir),
    (
        "C:\\Windows\\System32\\catroot\\{F750E6C3-38EE-11D1-85E5-00C04FC295EE}",
        Item::Dir,
    ),
    (CATROOT2, Item::Dir),
    (
        "C:\\Windows\\System32\\catroot2\\{F750E6C3-38EE-11D1-85E5-00C04FC295EE}",
        Item::Dir,
    ),
    (CATDB, Item::CatalogDb(41_943_040)),
    (
        "C:\\Windows\\System32\\catroot2\\edb.log",
        Item::File(524_288),
    ),
    ("C:\\Windows\\System32\\drivers", Item::Dir),
    ("C:\\Windows\\System32\\drivers\\etc", Item::Dir),
    (
        "C:\\Windows\\System32\\drivers\\etc\\hosts",
        Item::File(824),
    ),
    (WINDOWS_TEMP, Item::Dir),
    ("C:\\Windows\\Temp\\cab_4812_3", Item::Reclaimable(70)),
    ("C:\\Windows\\Temp\\MpCmdRun.log", Item::File(48_128)),
    ("C:\\Windows\\WinSxS", Item::Dir),
];

/// When everything in the shared tree was last written: 14 May 2025, 3:12 AM, the night after
/// May's cumulative update.
fn base_stamp() -> i64 {
    CivilDateTime::new(2025, 5, 14, 3, 12, 0).map_or(0, CivilDateTime::seconds_since_epoch)
}

/// The shared tree, built once.
pub fn base() -> Arc<[Entry]> {
    static BASE: OnceLock<Arc<[Entry]>> = OnceLock::new();
    BASE.get_or_init(build).clone()
}

fn build() -> Arc<[Entry]> {
    let stamp = base_stamp();
    let mut entries: Vec<Entry> = TREE
        .iter()
        .map(|(p, item)| {
            let hidden = Attributes {
                hidden: true,
                ..Attributes::default()
            };
            let node = match *item {
                Item::Dir => Node::dir(stamp),
                Item::HiddenDir => Node {
                    attributes: hidden,
                    ..Node::dir(stamp)
                },
                Item::File(bytes) => Node::file(bytes, Content::Opaque, stamp),
                Item::HiddenSystemFile(bytes) => Node {
                    attributes: Attributes {
                        system: true,
                        ..hidden
                    },
                    ..Node::file(bytes, Content::Opaque, stamp)
                },
                Item::DataStore(bytes) => Node::file(
                    bytes,
                    Content::DataStore {
                        health: DbHealth::Healthy,
                        serial: 0,
                        created: None,
                    },
                    stamp,
                ),
                Item::CatalogDb(bytes) => Node::file(
                    bytes,
                    Content::CatalogDb {
                        health: DbHealth::Healthy,
                    },
                    stamp,
                ),
                Item::Reclaimable(percent) => {
                    Node::file(DEFAULT_RECLAIMABLE * percent / 100, Content::Opaque, stamp)
                }
            };
            Entry::new(p, node)
        })
        .collect();
    super::overlay::sort(&mut entries);
    entries.into()
}

#[cfg(test)]
mod tests {
    use super::super::path;
    use super::*;

    #[test]
    fn every_entry_is_inside_a_folder_of_the_tree() {
        let base = base();
        for entry in base.iter() {
            if let Some(parent) = path::parent(&entry.path) {
                let found = base.iter().find(|e| path::eq(&e.path, parent));
                assert!(
                    found.is_some_and(|e| e.node.is_dir()),
                    "{} has no folder",
                    entry.path
                );
            }
        }
    }

    #[test]
    fn paths_are_unique() {
        let base = base();
        for pair in base.windows(2) {
            assert!(!path::eq(&pair[0].path, &pair[1].path), "{}", pair[0].path);
        }
    }

    #[test]
    fn reclaimable_shares_add_up() {
        assert_eq!(RECLAIMABLE.iter().map(|(_, p)| p).sum::<u64>(), 100);
    }
}
