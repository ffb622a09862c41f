//! The device everything runs on: its Windows edition and build, its hardware, the size of
//! its disk, its network and clock, the component store, and what is installed. What is on
//! the disk is the world's file system ([`crate::world::fs`]).
//!
//! A [`Device`] is plain data; it changes only through the model (an install uses disk space,
//! a reboot commits staged updates). `Device::default()` is a healthy, recent, Windows 11
//! 23H2 PC that meets every Windows 11 requirement. Everything is `Copy` or a short `Vec`, so a
//! device clones in well under a microsecond.

use crate::win32::HResult;
use serde::{Deserialize, Serialize};

/// A Windows edition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Edition {
    /// Windows Home.
    Home,
    /// Windows Pro.
    Pro,
    /// Windows Enterprise.
    Enterprise,
    /// Windows Education.
    Education,
}

impl Edition {
    /// As `winver` names it: `Pro`.
    pub fn label(self) -> &'static str {
        match self {
            Edition::Home => "Home",
            Edition::Pro => "Pro",
            Edition::Enterprise => "Enterprise",
            Edition::Education => "Education",
        }
    }
}

/// A Windows version that wusim models, each with its OS build number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum WindowsVersion {
    /// Windows 10, version 22H2 (build 19045).
    #[serde(rename = "windows-10-22h2")]
    Windows10_22H2,
    /// Windows 11, version 23H2 (build 22631).
    #[serde(rename = "windows-11-23h2")]
    Windows11_23H2,
    /// Windows 11, version 24H2 (build 26100).
    #[serde(rename = "windows-11-24h2")]
    Windows11_24H2,
}

impl WindowsVersion {
    /// The OS build number (the part before the dot).
    pub fn build(self) -> u32 {
        match self {
            WindowsVersion::Windows10_22H2 => 19045,
            WindowsVersion::Windows11_23H2 => 22631,
            WindowsVersion::Windows11_24H2 => 26100,
        }
    }

    /// `Windows 11, version 23H2`.
    pub fn label(self) -> &'static str {
        match self {
            WindowsVersion::Windows10_22H2 => "Windows 10, version 22H2",
            WindowsVersion::Windows11_23H2 => "Windows 11, version 23H2",
            WindowsVersion::Windows11_24H2 => "Windows 11, version 24H2",
        }
    }

    /// True for Windows 11.
    pub fn is_windows_11(self) -> bool {
        !matches!(self, WindowsVersion::Windows10_22H2)
    }
}

/// The installed OS: edition, version and the update build revision (UBR), the number after
/// the dot in `22631.5472`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Os {
    /// The edition.
    pub edition: Edition,
    /// The version.
    pub version: WindowsVersion,
    /// The update build revision.
    pub revision: u32,
}

impl Os {
    /// `22631.5335`.
    pub fn build_string(self) -> String {
        format!("{}.{}", self.version.build(), self.revision)
    }
}

/// Processor architecture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Arch {
    /// x64 (AMD64).
    X64,
    /// ARM64.
    Arm64,
}

impl Arch {
    /// `x64` / `ARM64`, as update titles name it.
    pub fn label(self) -> &'static str {
        match self {
            Arch::X64 => "x64",
            Arch::Arm64 => "ARM64",
        }
    }
}

/// The Trusted Platform Module, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tpm {
    /// No TPM.
    None,
    /// TPM 1.2.
    #[serde(rename = "1.2")]
    V1_2,
    /// TPM 2.0.
    #[serde(rename = "2.0")]
    V2_0,
}

/// The processor, as far as the Windows 11 requirements care: a family and whether it is on
/// Microsoft's list of supported processors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Cpu {
    /// A family name for people, e.g. "Intel Core 8th generation".
    pub family: CpuFamily,
    /// Number of cores.
    pub cores: u8,
    /// Clock speed in MHz.
    pub mhz: u32,
}

/// Processor families wusim knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CpuFamily {
    /// Intel Core 8th generation or later (on the Windows 11 list).
    IntelCore8thGenOrLater,
    /// Intel Core 7th generation or earlier (not on the list).
    IntelCore7thGenOrEarlier,
    /// AMD Ryzen 2000 series or later (on the list).
    AmdRyzen2000OrLater,
    /// AMD Ryzen 1000 series or earlier (not on the list).
    AmdRyzen1000OrEarlier,
    /// Qualcomm Snapdragon (ARM64, on the list).
    QualcommSnapdragon,
}

impl CpuFamily {
    /// As people name it.
    pub fn label(self) -> &'static str {
        match self {
            CpuFamily::IntelCore8thGenOrLater => "Intel Core 8th generation or later",
            CpuFamily::IntelCore7thGenOrEarlier => "Intel Core 7th generation or earlier",
            CpuFamily::AmdRyzen2000OrLater => "AMD Ryzen 2000 series or later",
            CpuFamily::AmdRyzen1000OrEarlier => "AMD Ryzen 1000 series or earlier",
            CpuFamily::QualcommSnapdragon => "Qualcomm Snapdragon",
        }
    }

    /// True when the family is on Microsoft's list of Windows 11 processors (simplified to
    /// whole families; the real list names models).
    pub fn on_windows_11_list(self) -> bool {
        matches!(
            self,
            CpuFamily::IntelCore8thGenOrLater
                | CpuFamily::AmdRyzen2000OrLater
                | CpuFamily::QualcommSnapdragon
        )
    }
}

/// The WinHTTP proxy, which Windows Update uses (not the browser's proxy).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WinHttpProxy {
    /// Direct access (no proxy server): the default.
    Direct,
    /// A proxy server that forwards Windows Update's requests.
    Working,
    /// A proxy server that is wrong or gone: requests through it fail.
    Broken,
}

impl WinHttpProxy {
    /// The proxy server name wusim shows for a configured proxy (fictional).
    pub const SERVER: &'static str = "proxy.contoso.local:8080";
}

impl Network {
    /// The PC can reach the internet: connected, with an address.
    pub fn connected(&self) -> bool {
        self.online && !self.released
    }
}

/// The network as Windows Update sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Network {
    /// The cable is plugged in (or Wi-Fi is connected).
    pub online: bool,
    /// `ipconfig /release` gave up the adapter's address (until `/renew`).
    #[serde(skip)]
    pub released: bool,
    /// The WinHTTP proxy setting.
    pub proxy: WinHttpProxy,
    /// A metered connection: automatic downloads wait.
    pub metered: bool,
    /// Download bandwidth in kilobits per second.
    pub bandwidth_kbps: u32,
}

/// Whether one of Windows Update's stores on disk is intact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Health {
    /// Intact.
    Healthy,
    /// Damaged: operations that read it fail.
    Corrupt,
}

/// An update installed on the device, as `Get-HotFix` lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct InstalledUpdate {
    /// The KB number.
    pub kb: u32,
    /// The date it was installed (days since 1970-01-01, local time).
    pub installed_on_day: i64,
}

/// The simulated PC's hardware, OS and on-disk state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Device {
    /// The computer name.
    pub name: DeviceName,
    /// The installed Windows.
    pub os: Os,
    /// Processor architecture.
    pub arch: Arch,
    /// The processor.
    pub cpu: Cpu,
    /// Installed memory in MB.
    pub ram_mb: u32,
    /// Size of the system drive in MB (what is on it is the world's file system).
    pub disk_total_mb: u64,
    /// The TPM.
    pub tpm: Tpm,
    /// UEFI firmware with Secure Boot capability.
    pub secure_boot: bool,
    /// How far the PC's clock is from the true time, in seconds (positive: ahead).
    pub clock_offset_secs: i64,
    /// The network.
    pub network: Network,
    /// `%windir%\WinSxS`, the component store (the other stores are files on the drive).
    pub component_store: Health,
    /// Installed updates, oldest first.
    pub installed: Vec<InstalledUpdate>,
    /// Updates installed but waiting for a restart to finish (the pending-restart state).
    pub staged: Vec<StagedUpdate>,
    /// The display driver is older than the one Windows Update offers.
    pub outdated_display_driver: bool,
    /// Disk Cleanup's saved choice sets (`cleanmgr /sageset:n`; on Windows, `StateFlags`
    /// values in the registry).
    pub cleanup_sets: Vec<u16>,
    /// The id of a safeguard hold that matches this device (a known incompatible driver or
    /// app), if any.
    pub safeguard_match: Option<u32>,
    /// An update that fails to install on this device, with the error it fails with (a bad
    /// release meeting this device's drivers or apps; fleet runs set it).
    #[serde(skip)]
    pub failing_update: Option<(u32, HResult)>,
}

/// An update whose installation finishes at the next restart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StagedUpdate {
    /// The KB number.
    pub kb: u32,
    /// The OS build revision the device has once it is committed, for cumulative updates.
    pub revision: Option<u32>,
    /// The Windows version the device has once it is committed, for feature updates.
    pub version: Option<WindowsVersion>,
}

/// A computer name: up to 15 characters, stored inline so a device stays cheap to clone.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DeviceName {
    bytes: [u8; 15],
    len: u8,
}

impl DeviceName {
    /// A NetBIOS-style name: 1–15 letters, digits or hyphens.
    pub fn new(name: &str) -> Option<Self> {
        let ok = !name.is_empty()
            && name.len() <= 15
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        ok.then(|| {
            let mut bytes = [0; 15];
            bytes[..name.len()].copy_from_slice(name.as_bytes());
            DeviceName {
                bytes,
                len: name.len() as u8,
            }
        })
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        // Only ASCII bytes are ever stored.
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("PC")
    }
}

impl Default for DeviceName {
    fn default() -> Self {
        DeviceName::new("DESKTOP-WUSIM01").expect("a valid name")
    }
}

impl std::fmt::Debug for DeviceName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl Serialize for DeviceName {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for DeviceName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        DeviceName::new(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "'{text}' is not a computer name: use 1 to 15 letters, digits or hyphens"
            ))
        })
    }
}

impl Default for Device {
    fn default() -> Self {
        Device {
            name: DeviceName::default(),
            os: Os {
                edition: Edition::Pro,
                version: WindowsVersion::Windows11_23H2,
                // May 2025's cumulative update (KB5058405), a month behind the default start.
                revision: 5335,
            },
            arch: Arch::X64,
            cpu: Cpu {
                family: CpuFamily::IntelCore8thGenOrLater,
                cores: 4,
                mhz: 2_800,
            },
            ram_mb: 16_384,
            disk_total_mb: 256_000,
            tpm: Tpm::V2_0,
            secure_boot: true,
            clock_offset_secs: 0,
            network: Network {
                online: true,
                released: false,
                proxy: WinHttpProxy::Direct,
                metered: false,
                bandwidth_kbps: 50_000,
            },
            component_store: Health::Healthy,
            // May 2025's cumulative update, installed the day after its release.
            installed: vec![InstalledUpdate {
                kb: 5_058_405,
                installed_on_day: 20_222,
            }],
            staged: Vec::new(),
            outdated_display_driver: false,
            cleanup_sets: Vec::new(),
            safeguard_match: None,
            failing_update: None,
        }
    }
}

impl Device {
    /// The default device on another Windows version: May 2025's cumulative update of that
    /// version, installed the day after its release.
    pub fn on(version: WindowsVersion) -> Device {
        let (revision, kb) = match version {
            WindowsVersion::Windows10_22H2 => (5854, 5_058_379),
            WindowsVersion::Windows11_23H2 => (5335, 5_058_405),
            WindowsVersion::Windows11_24H2 => (4061, 5_058_411),
        };
        let mut d = Device::default();
        d.os.version = version;
        d.os.revision = revision;
        d.installed = vec![InstalledUpdate {
            kb,
            installed_on_day: 20_222,
        }];
        d
    }

    /// Bytes the device holds on the heap (its lists).
    pub fn heap_bytes(&self) -> usize {
        self.installed.capacity() * std::mem::size_of::<InstalledUpdate>()
            + self.staged.capacity() * std::mem::size_of::<StagedUpdate>()
            + self.cleanup_sets.capacity() * std::mem::size_of::<u16>()
    }

    /// True when the installed memory makes Windows run svchost-hosted services in processes
    /// of their own (3.5 GB or more), which `sc query` shows as `TYPE 30 WIN32`.
    pub fn splits_svchost(&self) -> bool {
        self.ram_mb >= 3_584
    }

    /// True when updates wait for a restart to finish installing.
    pub fn pending_restart(&self) -> bool {
        !self.staged.is_empty()
    }

    /// What a restart does to the disk: staged updates are committed, installed on `day`
    /// (days since 1970-01-01), and a cumulative update moves the OS to its build revision.
    pub fn commit_staged(&mut self, day: i64) {
        for staged in std::mem::take(&mut self.staged) {
            if let Some(version) = staged.version {
                self.os.version = version;
                self.os.revision = 0;
            }
            if let Some(revision) = staged.revision {
                self.os.revision = self.os.revision.max(revision);
            }
            if !self.has_installed(staged.kb) {
                self.installed.push(InstalledUpdate {
                    kb: staged.kb,
                    installed_on_day: day,
                });
            }
        }
    }

    /// True when the update KB is installed.
    pub fn has_installed(&self, kb: u32) -> bool {
        self.installed.iter().any(|u| u.kb == kb)
    }

    /// The Windows 11 hardware requirements this device does not meet, in words (empty when
    /// it meets them all). Checks TPM 2.0, Secure Boot, a listed processor with 2 or more
    /// cores at 1 GHz or more, 4 GB of memory and 64 GB of storage.
    pub fn windows_11_shortfalls(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.tpm != Tpm::V2_0 {
            missing.push("TPM 2.0 must be supported and enabled on this PC.");
        }
        if !self.secure_boot {
            missing.push("The PC must support Secure Boot.");
        }
        if !self.cpu.family.on_windows_11_list() || self.cpu.cores < 2 || self.cpu.mhz < 1_000 {
            missing.push("The processor isn't currently supported for Windows 11.");
        }
        if self.ram_mb < 4_096 {
            missing.push("The PC must have at least 4 GB of RAM.");
        }
        if self.disk_total_mb < 64_000 {
            missing.push("The system disk needs to be 64 GB or larger.");
        }
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_device_is_healthy_and_windows_11_ready() {
        let d = Device::default();
        assert!(d.network.online);
        assert_eq!(d.component_store, Health::Healthy);
        assert_eq!(d.tpm, Tpm::V2_0);
        assert!(d.secure_boot && d.cpu.family.on_windows_11_list());
        assert!(d.ram_mb >= 4_096 && d.disk_total_mb >= 64_000);
        assert_eq!(d.os.build_string(), "22631.5335");
        assert!(d.splits_svchost());
    }

    #[test]
    fn a_restart_commits_staged_updates() {
        let mut d = Device::default();
        assert!(!d.pending_restart());
        d.staged.push(StagedUpdate {
            kb: 5_060_999,
            revision: Some(5472),
            version: None,
        });
        assert!(d.pending_restart());
        d.commit_staged(20_250);
        assert!(!d.pending_restart());
        assert!(d.has_installed(5_060_999));
        assert_eq!(d.os.build_string(), "22631.5472");
    }

    #[test]
    fn windows_11_shortfalls_name_each_missing_requirement() {
        assert!(Device::default().windows_11_shortfalls().is_empty());
        let old = Device {
            tpm: Tpm::V1_2,
            cpu: Cpu {
                family: CpuFamily::IntelCore7thGenOrEarlier,
                cores: 4,
                mhz: 3_000,
            },
            ..Device::default()
        };
        assert_eq!(old.windows_11_shortfalls().len(), 2);
    }

    #[test]
    fn device_names_are_checked() {
        assert_eq!(DeviceName::new("PC-01").unwrap().as_str(), "PC-01");
        assert!(DeviceName::new("").is_none());
        assert!(DeviceName::new("A-NAME-THAT-IS-TOO-LONG").is_none());
        assert!(DeviceName::new("bad name").is_none());
    }
}
