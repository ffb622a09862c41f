//! The scenario file format, as serde types. Every table is strict (`deny_unknown_fields`),
//! kebab-case, and has a default for everything that can have one; the doc comment on each
//! field is its documentation in the book's format reference.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::assess::Fact;
use crate::device::{CpuFamily, Edition, Tpm, WinHttpProxy, WindowsVersion};
use crate::engine::SimDuration;
use crate::scm::{ServiceId, StartType};
use crate::update::ServerBehavior;

/// The current format version: files say `format-version = 2`.
pub const FORMAT_VERSION: u32 = 2;

/// The oldest format version that still loads. Version 1 has no evidence, causes, rule or
/// variants; its `[goal.answer]` becomes a single cause to pick.
pub const OLDEST_FORMAT_VERSION: u32 = 1;

/// How hard a scenario is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Difficulty {
    /// A first scenario: one or two commands.
    Beginner,
    /// Needs a diagnosis before the remedy.
    Intermediate,
    /// Several steps, or a remedy beyond restarting services.
    Advanced,
    /// Several faults at once.
    Capstone,
}

impl Difficulty {
    /// As shown in listings.
    pub fn label(self) -> &'static str {
        match self {
            Difficulty::Beginner => "beginner",
            Difficulty::Intermediate => "intermediate",
            Difficulty::Advanced => "advanced",
            Difficulty::Capstone => "capstone",
        }
    }
}

/// The console a scenario starts in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StartShell {
    /// An elevated Command Prompt (the default).
    #[default]
    Cmd,
    /// An elevated Windows PowerShell 5.1 window (`PS C:\WINDOWS\system32>`).
    Powershell,
}

/// A KB number, written `"KB5060999"` (or the bare number).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Kb(pub u32);

impl<'de> Deserialize<'de> for Kb {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(u32),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Number(n) => Ok(Kb(n)),
            Raw::Text(t) => {
                let digits = t
                    .trim()
                    .trim_start_matches(['K', 'k'])
                    .trim_start_matches(['B', 'b']);
                digits.parse().map(Kb).map_err(|_| {
                    serde::de::Error::custom(format!(
                        "'{t}' is not a KB number: write it like \"KB5060999\""
                    ))
                })
            }
        }
    }
}

/// The PC of the scenario: changes to the default PC (a healthy Windows 11 23H2 PC on May
/// 2025's cumulative update). Leave out what stays as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct PcSpec {
    /// Computer name.
    pub name: Option<String>,
    /// Windows version: `windows-10-22h2`, `windows-11-23h2` or `windows-11-24h2`.
    pub windows: Option<WindowsVersion>,
    /// OS build revision (the number after the dot in `22631.5335`).
    pub revision: Option<u32>,
    /// Edition: `home`, `pro`, `enterprise`, `education`.
    pub edition: Option<Edition>,
    /// Memory in GB.
    pub ram_gb: Option<u32>,
    /// Size of the system drive in GB.
    pub disk_gb: Option<u64>,
    /// Free space on the system drive in GB.
    pub disk_free_gb: Option<u64>,
    /// Temporary files Disk Cleanup can remove, in GB.
    pub cleanup_gb: Option<u64>,
    /// TPM: `none`, `1.2`, `2.0`.
    pub tpm: Option<Tpm>,
    /// Secure Boot capable.
    pub secure_boot: Option<bool>,
    /// Processor family, e.g. `intel-core-7th-gen-or-earlier`.
    pub cpu: Option<CpuFamily>,
    /// Connected to the network.
    pub online: Option<bool>,
    /// On a metered connection.
    pub metered: Option<bool>,
    /// Download speed in Mbit/s.
    pub bandwidth_mbps: Option<u32>,
    /// WinHTTP proxy: `direct`, `working`, `broken`.
    pub proxy: Option<WinHttpProxy>,
    /// The display driver is older than the one Windows Update offers.
    pub outdated_display_driver: Option<bool>,
    /// Active hours, e.g. `"8-17"`.
    pub active_hours: Option<String>,
    /// Whether the Orchestrator restarts the PC by itself outside active hours (default
    /// true; false as when a user is always signed in).
    pub auto_restart: Option<bool>,
    /// How long ago the last successful scan was, e.g. `"2h"` (default), or `"never"`.
    pub last_scan: Option<String>,
    /// Start types that differ from the defaults, e.g. `{ wuauserv = "disabled" }`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub services: BTreeMap<ServiceId, StartType>,
    /// Registry values the PC has from the start, such as a policy left behind:
    /// `[[pc.registry]]` tables with `key` (as `reg` writes it,
    /// `'HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU'`), `name`, and `value`:
    /// an integer is a `REG_DWORD`, text a `REG_SZ`. A `Start` value under a service's key
    /// sets its start type, as the SCM reads it at boot.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub registry: Vec<RegistrySpec>,
}

/// One registry value of the scenario's PC.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RegistrySpec {
    /// The key, from a root: `HKLM\...` (or `HKEY_LOCAL_MACHINE\...`).
    pub key: RegKey,
    /// The value's name (`""` for the key's default value).
    pub name: String,
    /// The data: an integer (a `REG_DWORD`, 0 to 4294967295) or text (a `REG_SZ`).
    pub value: RegData,
}

/// A registry key path, checked and written the short way (`HKLM\SOFTWARE\...`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct RegKey(pub String);

impl<'de> Deserialize<'de> for RegKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        crate::world::registry::normalize(&text)
            .filter(|key| key.contains('\\'))
            .map(RegKey)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "'{text}' is not a registry key: write it from its root, like 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate' (single quotes keep the backslashes)"
                ))
            })
    }
}

/// A registry value's data in a scenario: a `REG_DWORD` or a `REG_SZ`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum RegData {
    /// An integer: a `REG_DWORD`.
    Dword(u32),
    /// Text: a `REG_SZ`.
    Text(String),
}

impl<'de> Deserialize<'de> for RegData {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RegData;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an integer from 0 to 4294967295 (a REG_DWORD) or text (a REG_SZ)")
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<RegData, E> {
                u32::try_from(n).map(RegData::Dword).map_err(|_| {
                    E::custom(format!(
                        "{n} does not fit a REG_DWORD: write an integer from 0 to 4294967295"
                    ))
                })
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<RegData, E> {
                u32::try_from(n).map(RegData::Dword).map_err(|_| {
                    E::custom(format!(
                        "{n} does not fit a REG_DWORD: write an integer from 0 to 4294967295"
                    ))
                })
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RegData, E> {
                Ok(RegData::Text(text.to_string()))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl RegData {
    /// The registry value.
    pub fn value(&self) -> crate::world::registry::RegValue {
        use crate::world::registry::RegValue;
        match self {
            RegData::Dword(n) => RegValue::Dword(*n),
            RegData::Text(text) => RegValue::Sz(text.clone()),
        }
    }
}

/// The update server of the scenario.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ServerSpec {
    /// How it behaves: `reachable` (default), `unreachable`, `slow`, `throttling`,
    /// `timing-out`, `corrupt-payload`.
    pub behavior: ServerBehavior,
    /// Publish only these updates of the default catalog (default: all of them).
    pub updates: Option<Vec<Kb>>,
}

/// What the learner must achieve. Every part listed must hold at once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct GoalSpec {
    /// These updates are installed (committed, not waiting for a restart).
    pub installed: Vec<Kb>,
    /// Nothing is left to install: no update offered (optional feature updates aside), none
    /// waiting for a restart.
    pub up_to_date: bool,
    /// No update waits for a restart.
    pub no_pending_restart: bool,
    /// These services are running.
    pub running: Vec<ServiceId>,
    /// Every service has its default start type again (default: true).
    pub default_start_types: bool,
    /// Settings > Windows Update shows no error (default: true).
    pub settings_ok: bool,
    /// Format version 1 only: a diagnosis to state. Version 2 lists candidate causes as
    /// `[[cause]]` tables instead.
    pub answer: Option<AnswerSpec>,
    /// The goal must still hold after a restart (for tickets such as "fixed last week,
    /// broken again"): checked on a copy of the PC restarted and left for an hour.
    pub after_restart: bool,
    /// The PC runs this Windows version (a feature update is installed), e.g.
    /// `"windows-11-24h2"`.
    pub windows: Option<WindowsVersion>,
}

impl Default for GoalSpec {
    fn default() -> Self {
        GoalSpec {
            installed: Vec::new(),
            up_to_date: false,
            no_pending_restart: false,
            running: Vec::new(),
            default_start_types: true,
            settings_ok: true,
            answer: None,
            after_restart: false,
            windows: None,
        }
    }
}

impl GoalSpec {
    /// True when the goal asks for no change to the PC: the ticket is closed by a
    /// diagnosis alone (the server is busy, the PC is not eligible...).
    pub fn is_diagnosis_only(&self) -> bool {
        self.installed.is_empty()
            && !self.up_to_date
            && !self.no_pending_restart
            && self.running.is_empty()
            && self.windows.is_none()
            && !self.settings_ok
    }
}

/// A diagnosis to state (format version 1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AnswerSpec {
    /// Words or phrases, any of which makes the answer right (case is ignored).
    pub accept: Vec<String>,
    /// What to tell the learner once they have answered right.
    pub explanation: String,
}

/// The score's reference point: how many commands, and how much simulated time, an expert needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Par {
    /// Commands.
    pub commands: u32,
    /// Simulated time, e.g. `"2h"`.
    pub time: SimDuration,
}

/// A piece of evidence: a fact that shows what is wrong, and what it says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Evidence {
    /// The fact, as commands report it: `service:UsoSvc`, `start-type:wuauserv`,
    /// `event:7034`, `code:0x80242006`, `proxy`, `folder:catroot2`, `tpm`, `safeguard`...
    pub fact: Fact,
    /// What it shows, in one sentence (the debrief quotes it).
    pub says: String,
    /// Key evidence: seeing it before the first change is what the score asks for.
    #[serde(default)]
    pub key: bool,
}

/// A candidate cause the learner can pick with `diagnose`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Cause {
    /// A short id (`cryptsvc-disabled`), which `diagnose` also accepts.
    pub id: String,
    /// The cause as the list shows it.
    pub text: String,
    /// True for a cause that is really behind the ticket (in a scenario with variants, each
    /// variant says which are right instead).
    #[serde(default)]
    pub right: bool,
}

/// A file on the user's Desktop at the start (`[[file]]`): the script the user ran, or the
/// one a counterexample of `wusim test` runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DesktopFile {
    /// Its file name (`fix.bat`).
    pub name: String,
    /// Its text.
    pub text: String,
}

/// What the ticket quotes, checked at the start by `validate` through the learner's own
/// view: `command`'s output must show every text of `shows`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Symptom {
    /// The command whose output shows it (default `settings`).
    #[serde(default = "settings_command")]
    pub command: String,
    /// Texts the output must contain.
    pub shows: Vec<String>,
}

fn settings_command() -> String {
    "settings".to_string()
}

/// A hint: its text, and optionally the fact it leads to (a hint whose fact the learner
/// has already seen is skipped). Written as a string, or as `{ text = "...", shows = "..." }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hint {
    /// What it says.
    pub text: String,
    /// The fact it leads to.
    pub shows: Option<Fact>,
}

impl<'de> Deserialize<'de> for Hint {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Table {
            text: String,
            shows: Option<Fact>,
        }
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Hint;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a hint: text, or { text = \"...\", shows = \"<fact>\" }")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Hint, E> {
                Ok(Hint {
                    text: text.to_string(),
                    shows: None,
                })
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(self, map: M) -> Result<Hint, M::Error> {
                let table = Table::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Hint {
                    text: table.text,
                    shows: table.shows,
                })
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// One cause behind the ticket's symptom, drawn by the seed (`[[variant]]`): its own faults
/// (added to the scenario's), right causes, evidence, solution and alternative fixes, and
/// optionally its own hints and symptom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VariantSpec {
    /// A short id (`catroot2-corrupt`).
    pub id: String,
    /// The ids of the causes that are right in this variant.
    pub right: Vec<String>,
    /// Evidence of this variant (added to the scenario's).
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// The reference solution of this variant.
    pub solution: Vec<String>,
    /// Other fixes that work on Windows (each a list of lines); `validate` plays each.
    #[serde(default)]
    pub alternatives: Vec<Vec<String>>,
    /// Hints of this variant (instead of the scenario's).
    pub hints: Option<Vec<Hint>>,
    /// The symptom of this variant (instead of the scenario's).
    pub symptom: Option<Symptom>,
}
