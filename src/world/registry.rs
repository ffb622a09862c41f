//! The registry: the keys and values Windows Update and the Service Control Manager read —
//! the update policies (`HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate`), each
//! service's `Start` and `DelayedAutostart` (`HKLM\SYSTEM\CurrentControlSet\Services`), and
//! the `RebootRequired` key — held like the file system: a shared table of default keys plus
//! the keys this PC changed ([`super::overlay`]).
//!
//! Key paths are written with the short root names `reg` accepts (`HKLM\SOFTWARE\...`);
//! [`normalize`] turns the other spellings (`HKEY_LOCAL_MACHINE\...`, PowerShell's
//! `HKLM:\...` and `Registry::HKEY_LOCAL_MACHINE\...`) into that form. Key and value names
//! compare without case and keep the case they were written with. A value named `""` is the
//! key's default value (`(Default)`).
//!
//! The registry knows nothing of services or policies: what their values mean is the
//! business of [`super::World`] (the SCM reads `Start` at boot) and of [`super::policy`].

use std::sync::{Arc, LazyLock};

use super::overlay::{self, Entry, Overlay};
use crate::scm::{SERVICE_COUNT, ServiceId, StartType};

/// A registry value's data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegValue {
    /// `REG_DWORD`.
    Dword(u32),
    /// `REG_QWORD`.
    Qword(u64),
    /// `REG_SZ`.
    Sz(String),
    /// `REG_EXPAND_SZ`.
    ExpandSz(String),
    /// `REG_MULTI_SZ`.
    MultiSz(Vec<String>),
    /// `REG_BINARY`.
    Binary(Vec<u8>),
}

impl RegValue {
    /// The type as `reg` names it: `REG_DWORD`...
    pub fn type_name(&self) -> &'static str {
        match self {
            RegValue::Dword(_) => "REG_DWORD",
            RegValue::Qword(_) => "REG_QWORD",
            RegValue::Sz(_) => "REG_SZ",
            RegValue::ExpandSz(_) => "REG_EXPAND_SZ",
            RegValue::MultiSz(_) => "REG_MULTI_SZ",
            RegValue::Binary(_) => "REG_BINARY",
        }
    }

    /// The number, for a `REG_DWORD` (or a `REG_QWORD` that fits).
    pub fn as_dword(&self) -> Option<u32> {
        match self {
            RegValue::Dword(n) => Some(*n),
            RegValue::Qword(n) => u32::try_from(*n).ok(),
            _ => None,
        }
    }

    /// The text, for a `REG_SZ` or `REG_EXPAND_SZ`.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            RegValue::Sz(s) | RegValue::ExpandSz(s) => Some(s),
            _ => None,
        }
    }
}

/// A key: its values, in the order they were written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Key {
    /// (name, data); the name `""` is the default value.
    pub values: Vec<(String, RegValue)>,
}

impl Key {
    /// The value named `name` (any case).
    pub fn value(&self, name: &str) -> Option<&RegValue> {
        self.values
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    /// The DWORD value `name`, if there is one of that type.
    pub fn dword(&self, name: &str) -> Option<u32> {
        self.value(name)?.as_dword()
    }

    /// The start type a service's key gives (`Start`, and `DelayedAutostart` with 2); `None`
    /// when `Start` is missing or means a start type wusim does not model (0 boot, 1
    /// system). `trigger` says whether the service has triggers registered: `Start` 3 is
    /// then Manual (Trigger Start).
    pub fn start_type(&self, trigger: bool) -> Option<StartType> {
        let delayed = self.dword("DelayedAutostart").unwrap_or(0) != 0;
        match self.dword("Start")? {
            2 if delayed => Some(StartType::AutomaticDelayed),
            2 => Some(StartType::Automatic),
            3 if trigger => Some(StartType::ManualTrigger),
            3 => Some(StartType::Manual),
            4 => Some(StartType::Disabled),
            _ => None,
        }
    }
}

/// The roots: the short name, the long name.
const ROOTS: [(&str, &str); 5] = [
    ("HKLM", "HKEY_LOCAL_MACHINE"),
    ("HKCU", "HKEY_CURRENT_USER"),
    ("HKCR", "HKEY_CLASSES_ROOT"),
    ("HKU", "HKEY_USERS"),
    ("HKCC", "HKEY_CURRENT_CONFIG"),
];

/// The key of the Windows Update policies.
pub const WU_POLICY: &str = "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate";
/// The key of the Automatic Updates policies.
pub const AU_POLICY: &str = "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU";
/// The key whose presence says Windows Update waits for a restart.
pub const REBOOT_REQUIRED: &str = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired";
/// The services' keys.
pub const SERVICES: &str = "HKLM\\SYSTEM\\CurrentControlSet\\Services";

/// A key path in the form the registry stores (`HKLM\SOFTWARE\...`), from any spelling
/// Windows accepts: `HKLM\...`, `HKEY_LOCAL_MACHINE\...`, PowerShell's `HKLM:\...` and
/// `Registry::HKEY_LOCAL_MACHINE\...` (any case; quotes, doubled and trailing backslashes
/// dropped). `None` when it does not start with a root.
pub fn normalize(typed: &str) -> Option<String> {
    let mut text = typed.trim().trim_matches('"').replace('/', "\\");
    for prefix in ["Microsoft.PowerShell.Core\\Registry::", "Registry::"] {
        if let Some(rest) = text
            .get(..prefix.len())
            .filter(|head| head.eq_ignore_ascii_case(prefix))
            .map(|_| text[prefix.len()..].to_string())
        {
            text = rest;
        }
    }
    let (root, rest) = match text.split_once('\\') {
        Some((root, rest)) => (root, rest),
        None => (text.as_str(), ""),
    };
    let root = root.trim_end_matches(':');
    let short = ROOTS
        .iter()
        .find(|(short, long)| root.eq_ignore_ascii_case(short) || root.eq_ignore_ascii_case(long))?
        .0;
    let mut out = short.to_string();
    for name in rest.split('\\').filter(|n| !n.is_empty()) {
        out.push('\\');
        out.push_str(name);
    }
    Some(out)
}

/// `HKLM\SOFTWARE` → `HKEY_LOCAL_MACHINE\SOFTWARE`, as `reg query` prints a key.
pub fn long_form(key: &str) -> String {
    let (root, rest) = key.split_once('\\').unwrap_or((key, ""));
    let long = ROOTS
        .iter()
        .find(|(short, _)| root.eq_ignore_ascii_case(short))
        .map_or(root, |(_, long)| long);
    if rest.is_empty() {
        long.to_string()
    } else {
        format!("{long}\\{rest}")
    }
}

/// The key a key is in (`None` for a root).
pub fn parent(key: &str) -> Option<&str> {
    key.rfind('\\').map(|i| &key[..i])
}

/// The last name of a key.
pub fn name(key: &str) -> &str {
    key.rsplit('\\').next().unwrap_or(key)
}

/// The registry of one PC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registry {
    keys: Overlay<Key>,
}

impl Default for Registry {
    fn default() -> Self {
        Registry {
            keys: Overlay::new(DEFAULT.clone()),
        }
    }
}

impl Registry {
    /// The key at `key` (a normalised path), with its path as written.
    pub fn key(&self, key: &str) -> Option<(&str, &Key)> {
        self.keys.entry(key)
    }

    /// True when the key exists.
    pub fn key_exists(&self, key: &str) -> bool {
        self.keys.get(key).is_some()
    }

    /// The value `name` of `key`.
    pub fn value(&self, key: &str, name: &str) -> Option<&RegValue> {
        self.keys.get(key)?.value(name)
    }

    /// The DWORD value `name` of `key`, if there is one of that type.
    pub fn dword(&self, key: &str, name: &str) -> Option<u32> {
        self.value(key, name)?.as_dword()
    }

    /// The string value `name` of `key`, if there is one of that type.
    pub fn string(&self, key: &str, name: &str) -> Option<&str> {
        self.value(key, name)?.as_str()
    }

    /// The keys directly inside `key`, with their paths as written, in name order.
    pub fn subkeys<'a>(&'a self, key: &'a str) -> impl Iterator<Item = (&'a str, &'a Key)> + 'a {
        self.keys.children(key)
    }

    /// `key` and every key inside it, in path order.
    pub fn subtree<'a>(&'a self, key: &'a str) -> impl Iterator<Item = (&'a str, &'a Key)> + 'a {
        self.keys.subtree(key)
    }

    /// Makes `key` and the keys above it, where missing. False when `key` has no root.
    pub fn create_key(&mut self, key: &str) -> bool {
        let Some(parent) = parent(key) else {
            return self.key_exists(key);
        };
        if self.key_exists(key) {
            return true;
        }
        if !self.create_key(parent) {
            return false;
        }
        self.keys.set(key, Some(Key::default()));
        true
    }

    /// Sets value `name` of `key` (making the key if needed). False when `key` has no root.
    pub fn set_value(&mut self, key: &str, name: &str, value: RegValue) -> bool {
        if !self.create_key(key) {
            return false;
        }
        let (path, old) = match self.keys.entry(key) {
            Some((path, k)) => (path.to_string(), k.clone()),
            None => return false,
        };
        let mut new = old;
        match new
            .values
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        {
            Some(slot) => slot.1 = value,
            None => new.values.push((name.to_string(), value)),
        }
        self.keys.set(&path, Some(new));
        true
    }

    /// Deletes value `name` of `key`; true if it was there.
    pub fn delete_value(&mut self, key: &str, name: &str) -> bool {
        let Some((path, old)) = self.keys.entry(key) else {
            return false;
        };
        if old.value(name).is_none() {
            return false;
        }
        let path = path.to_string();
        let mut new = old.clone();
        new.values.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.keys.set(&path, Some(new));
        true
    }

    /// Deletes `key` with everything inside it; true if it was there. A root stays.
    pub fn delete_key(&mut self, key: &str) -> bool {
        if parent(key).is_none() || !self.key_exists(key) {
            return false;
        }
        self.keys.remove_tree(key);
        true
    }

    /// A number that changes whenever anything changes.
    pub fn revision(&self) -> u32 {
        self.keys.revision()
    }

    /// The number of keys that differ from the defaults.
    pub fn changed_keys(&self) -> usize {
        self.keys.changed_entries()
    }

    /// Bytes this PC's registry holds on the heap (its differences).
    pub fn heap_bytes(&self) -> usize {
        self.keys.heap_bytes()
            + self
                .keys
                .changes()
                .filter_map(|(_, key)| key)
                .map(|k| k.values.capacity() * std::mem::size_of::<(String, RegValue)>())
                .sum::<usize>()
    }

    /// The key of a service (`HKLM\SYSTEM\CurrentControlSet\Services\<name>`).
    pub fn service_key(id: ServiceId) -> &'static str {
        &SERVICE_KEYS[id.index()]
    }

    /// The start type the registry gives a service (see [`Key::start_type`]).
    pub fn start_type(&self, id: ServiceId, trigger: bool) -> Option<StartType> {
        self.keys.get(Self::service_key(id))?.start_type(trigger)
    }

    /// The services whose keys this PC changed, with their keys (`None`: deleted). Every
    /// other service's key holds its default values.
    pub fn changed_services(&self) -> impl Iterator<Item = (ServiceId, Option<&Key>)> {
        self.keys.changes().filter_map(|(path, key)| {
            let name = path
                .get(..SERVICES.len())
                .filter(|head| head.eq_ignore_ascii_case(SERVICES))
                .and_then(|_| path[SERVICES.len()..].strip_prefix('\\'))?;
            Some((ServiceId::find(name)?, key))
        })
    }

    /// Writes a service's start type as `sc config` does: `Start`, and `DelayedAutostart`.
    pub fn set_start_type(&mut self, id: ServiceId, start_type: StartType) {
        let key = Self::service_key(id);
        self.set_value(
            key,
            "Start",
            RegValue::Dword(u32::from(start_type.sc_code())),
        );
        let delayed = u32::from(start_type == StartType::AutomaticDelayed);
        if delayed == 1 || self.value(key, "DelayedAutostart").is_some() {
            self.set_value(key, "DelayedAutostart", RegValue::Dword(delayed));
        }
    }
}

/// Every service's key, made once (the SCM reads them at every boot).
static SERVICE_KEYS: LazyLock<Vec<String>> = LazyLock::new(|| {
    (0..SERVICE_COUNT)
        .map(|i| format!("{SERVICES}\\{}", ServiceId(i as u8).name()))
        .collect()
});

/// The default registry, shared by every PC: the keys above the ones wusim reads, the
/// services' keys with their default start types, and the Windows Update keys a PC without
/// policies has.
static DEFAULT: LazyLock<Arc<[Entry<Key>]>> = LazyLock::new(|| {
    let mut keys: Vec<(String, Key)> = Vec::new();
    let mut add = |path: &str, values: Vec<(String, RegValue)>| {
        let mut partial = String::new();
        for (i, name) in path.split('\\').enumerate() {
            if i > 0 {
                partial.push('\\');
            }
            partial.push_str(name);
            if !keys.iter().any(|(p, _)| p.eq_ignore_ascii_case(&partial)) {
                keys.push((partial.clone(), Key::default()));
            }
        }
        if let Some((_, key)) = keys.iter_mut().find(|(p, _)| p.eq_ignore_ascii_case(path)) {
            key.values = values;
        }
    };
    for root in ROOTS {
        add(root.0, Vec::new());
    }
    add(
        "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion",
        Vec::new(),
    );
    add("HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows", Vec::new());
    add(
        "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update",
        Vec::new(),
    );
    add(
        "HKLM\\SOFTWARE\\Microsoft\\WindowsUpdate\\UX\\Settings",
        Vec::new(),
    );
    for i in 0..SERVICE_COUNT {
        let id = ServiceId(i as u8);
        let start = id.spec().default_start;
        let mut values = vec![
            (
                "DisplayName".to_string(),
                RegValue::Sz(id.display_name().to_string()),
            ),
            (
                "Start".to_string(),
                RegValue::Dword(u32::from(start.sc_code())),
            ),
        ];
        if start == StartType::AutomaticDelayed {
            values.push(("DelayedAutostart".to_string(), RegValue::Dword(1)));
        }
        add(Registry::service_key(id), values);
    }
    let mut entries: Vec<Entry<Key>> = keys
        .into_iter()
        .map(|(path, key)| Entry::new(&path, key))
        .collect();
    overlay::sort(&mut entries);
    entries.into()
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_key_comes_to_one() {
        for typed in [
            "HKLM\\SOFTWARE\\Policies",
            "hkey_local_machine\\SOFTWARE\\Policies\\",
            "HKLM:\\SOFTWARE\\Policies",
            "\"HKLM\\SOFTWARE\\\\Policies\"",
            "Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies",
            "Microsoft.PowerShell.Core\\Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies",
        ] {
            assert_eq!(
                normalize(typed).as_deref(),
                Some("HKLM\\SOFTWARE\\Policies"),
                "{typed}"
            );
        }
        assert_eq!(normalize("C:\\Windows"), None);
        assert_eq!(normalize("HKCU").as_deref(), Some("HKCU"));
        assert_eq!(long_form("HKLM\\SOFTWARE"), "HKEY_LOCAL_MACHINE\\SOFTWARE");
    }

    #[test]
    fn values_are_set_and_deleted_and_keys_made_on_the_way() {
        let mut r = Registry::default();
        assert!(!r.key_exists(WU_POLICY));
        assert!(r.set_value(AU_POLICY, "UseWUServer", RegValue::Dword(1)));
        assert!(r.key_exists(WU_POLICY), "the key above is made too");
        assert_eq!(r.dword(AU_POLICY, "usewuserver"), Some(1));
        assert!(r.set_value(AU_POLICY, "UseWUServer", RegValue::Dword(0)));
        assert_eq!(r.key(AU_POLICY).unwrap().1.values.len(), 1);
        assert!(r.delete_value(AU_POLICY, "UseWUServer"));
        assert!(!r.delete_value(AU_POLICY, "UseWUServer"));
        assert!(r.delete_key(WU_POLICY));
        assert!(!r.key_exists(AU_POLICY));
        assert_eq!(
            r.changed_keys(),
            0,
            "back to the defaults: no difference left"
        );
        assert!(!r.delete_key("HKLM"), "a root stays");
        assert!(!r.set_value("NOPE\\X", "a", RegValue::Dword(1)));
    }

    #[test]
    fn the_services_keys_hold_their_default_start_types() {
        let r = Registry::default();
        for i in 0..SERVICE_COUNT {
            let id = ServiceId(i as u8);
            let default = id.spec().default_start;
            let trigger = default == StartType::ManualTrigger;
            assert_eq!(r.start_type(id, trigger), Some(default), "{}", id.name());
        }
        let mut r = r;
        r.set_start_type(ServiceId::USOSVC, StartType::Disabled);
        assert_eq!(
            r.start_type(ServiceId::USOSVC, false),
            Some(StartType::Disabled)
        );
        r.set_start_type(ServiceId::USOSVC, StartType::AutomaticDelayed);
        assert_eq!(r.changed_keys(), 0);
    }
}
