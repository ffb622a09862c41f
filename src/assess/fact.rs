//! Observations: what a command showed the learner, as facts rather than text, so that
//! `sc query usosvc`, `Get-Service UsoSvc`, the Services console and `timeline` all count as
//! having seen the same thing. Scenarios name their evidence with these facts
//! (`"service:UsoSvc"`, `"event:7034"`, `"code:0x80242006"`, `"proxy"`).

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::remedy::Folder;
use crate::scm::ServiceId;

/// One thing a command showed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fact {
    /// A service's status (running, stopped, pending).
    Service(ServiceId),
    /// A service's start type.
    StartType(ServiceId),
    /// An event with this ID, from any log.
    Event(u32),
    /// An error code shown by the PC (Settings, the update history, a log) — not by `explain`.
    Code(u32),
    /// The WinHTTP proxy.
    Proxy,
    /// Network connectivity (addresses, a ping, a connection test).
    Network,
    /// The date, time or time service status.
    Clock,
    /// Free space on the system drive.
    Disk,
    /// The contents of a Windows Update folder.
    Folder(Folder),
    /// The TPM.
    Tpm,
    /// The processor.
    Cpu,
    /// Secure Boot.
    SecureBoot,
    /// The Windows Update policy values in the registry.
    Policy,
    /// A safeguard hold: Settings' "...is on its way" note (the model has no registry values
    /// or log lines for holds).
    Safeguard,
    /// The update history (Settings' history, `Get-HotFix`, `wmic qfe`).
    History,
    /// Settings > Windows Update.
    Settings,
    /// The component store's health (`DISM /CheckHealth`, `/ScanHealth`).
    ComponentStore,
}

impl Fact {
    /// Every fact that names no service, event, code or folder, with its name.
    const PLAIN: [(Fact, &'static str); 12] = [
        (Fact::Proxy, "proxy"),
        (Fact::Network, "network"),
        (Fact::Clock, "clock"),
        (Fact::Disk, "disk"),
        (Fact::Tpm, "tpm"),
        (Fact::Cpu, "cpu"),
        (Fact::SecureBoot, "secure-boot"),
        (Fact::Policy, "policy"),
        (Fact::Safeguard, "safeguard"),
        (Fact::History, "history"),
        (Fact::Settings, "settings"),
        (Fact::ComponentStore, "component-store"),
    ];

    /// What a scenario file may write, for error messages.
    pub const FORMS: &'static str = "service:<name>, start-type:<name>, event:<id>, code:<0x...>, folder:SoftwareDistribution, folder:catroot2, proxy, network, clock, disk, tpm, cpu, secure-boot, policy, safeguard, history, settings, component-store";
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fact::Service(id) => write!(f, "service:{}", id.name()),
            Fact::StartType(id) => write!(f, "start-type:{}", id.name()),
            Fact::Event(id) => write!(f, "event:{id}"),
            Fact::Code(code) => write!(f, "code:0x{code:08X}"),
            Fact::Folder(Folder::SoftwareDistribution) => {
                f.write_str("folder:SoftwareDistribution")
            }
            Fact::Folder(Folder::Catroot2) => f.write_str("folder:catroot2"),
            plain => {
                let name = Fact::PLAIN
                    .iter()
                    .find(|(fact, _)| fact == plain)
                    .map_or("?", |(_, name)| name);
                f.write_str(name)
            }
        }
    }
}

impl FromStr for Fact {
    type Err = String;

    fn from_str(text: &str) -> Result<Fact, String> {
        let bad = || format!("'{text}' is not a fact: write one of {}", Fact::FORMS);
        let Some((kind, what)) = text.split_once(':') else {
            return Fact::PLAIN
                .iter()
                .find(|(_, name)| name.eq_ignore_ascii_case(text))
                .map(|(fact, _)| *fact)
                .ok_or_else(bad);
        };
        let service = || {
            ServiceId::find(what).ok_or_else(|| format!("'{what}' in '{text}' is not a service"))
        };
        match kind.to_ascii_lowercase().as_str() {
            "service" => service().map(Fact::Service),
            "start-type" => service().map(Fact::StartType),
            "event" => what.parse().map(Fact::Event).map_err(|_| bad()),
            "code" => what
                .strip_prefix("0x")
                .or_else(|| what.strip_prefix("0X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .map(Fact::Code)
                .ok_or_else(bad),
            "folder" if what.eq_ignore_ascii_case("SoftwareDistribution") => {
                Ok(Fact::Folder(Folder::SoftwareDistribution))
            }
            "folder" if what.eq_ignore_ascii_case("catroot2") => Ok(Fact::Folder(Folder::Catroot2)),
            _ => Err(bad()),
        }
    }
}

impl Serialize for Fact {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Fact {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The error codes (`0x8024402C`, `0x80070422`...) a text shows, in order, without repeats.
pub fn codes_in(text: &str) -> Vec<u32> {
    let mut codes = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 10 <= bytes.len() {
        let starts_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if starts_word && bytes[i] == b'0' && (bytes[i + 1] | 0x20) == b'x' {
            // Bytes, not a `str` slice: the eight after `0x` may cut a character in two.
            let hex = &bytes[i + 2..i + 10];
            let ends_word = bytes.get(i + 10).is_none_or(|b| !b.is_ascii_alphanumeric());
            if ends_word
                && hex.iter().all(u8::is_ascii_hexdigit)
                && let Ok(hex) = std::str::from_utf8(hex)
                && let Ok(code) = u32::from_str_radix(hex, 16)
                && code >= 0x8000_0000
                && !codes.contains(&code)
            {
                codes.push(code);
            }
            i += 10;
        } else {
            i += 1;
        }
    }
    codes
}

#[cfg(test)]
mod tests {

    #[test]
    fn codes_in_does_not_cut_a_character_in_two() {
        assert_eq!(codes_in("0xé1234567 and 0x80070422"), [0x8007_0422]);
        assert!(codes_in("0x1234567é").is_empty());
    }

    use super::*;

    #[test]
    fn facts_read_back_as_written() {
        for text in [
            "service:UsoSvc",
            "start-type:wuauserv",
            "event:7034",
            "code:0x80242006",
            "folder:catroot2",
            "folder:SoftwareDistribution",
            "proxy",
            "safeguard",
            "component-store",
        ] {
            let fact: Fact = text.parse().unwrap();
            assert_eq!(fact.to_string(), text);
        }
        assert_eq!(
            "service:usosvc".parse::<Fact>(),
            Ok(Fact::Service(ServiceId::find("UsoSvc").unwrap()))
        );
    }

    #[test]
    fn a_bad_fact_says_what_would_be_right() {
        let err = "servce:UsoSvc".parse::<Fact>().unwrap_err();
        assert!(err.contains("service:<name>"), "{err}");
        let err = "service:UsoSrv".parse::<Fact>().unwrap_err();
        assert!(err.contains("not a service"), "{err}");
    }

    #[test]
    fn codes_are_found_as_words_only() {
        assert_eq!(
            codes_in("Error 0x80242006 then (0x8024402c). 0x1 and x0x80070422y"),
            vec![0x8024_2006, 0x8024_402C]
        );
        assert_eq!(codes_in("0x80070422"), vec![0x8007_0422]);
    }
}
