//! The vocabulary of services: names, start types, states, recovery, and the static
//! description of each service ([`ServiceSpec`]).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::builtin::SERVICES;
use crate::engine::SimDuration;

/// A service of the simulated PC: an index into the built-in service table.
///
/// Ids are dense and small so a PC's services fit in a fixed array and a set of services in
/// one machine word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ServiceId(pub(crate) u8);

impl ServiceId {
    /// Every service, in table order.
    pub fn all() -> impl Iterator<Item = ServiceId> {
        (0..SERVICES.len() as u8).map(ServiceId)
    }

    /// Finds a service by its service name (`wuauserv`) or display name (`Windows Update`),
    /// ignoring case as Windows does.
    pub fn find(name: &str) -> Option<ServiceId> {
        let name = name.trim();
        Self::all().find(|id| {
            id.spec().name.eq_ignore_ascii_case(name)
                || id.spec().display_name.eq_ignore_ascii_case(name)
        })
    }

    /// The static description of this service.
    pub fn spec(self) -> &'static ServiceSpec {
        &SERVICES[self.0 as usize]
    }

    /// The service name, such as `wuauserv`.
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The display name, such as `Windows Update`.
    pub fn display_name(self) -> &'static str {
        self.spec().display_name
    }

    /// Position in the service table.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl fmt::Display for ServiceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for ServiceId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for ServiceId {
    /// A service name or display name, any case; an unknown one is an error that lists the
    /// known service names.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        ServiceId::find(&name).ok_or_else(|| {
            let known: Vec<&str> = ServiceId::all().map(ServiceId::name).collect();
            serde::de::Error::custom(format!(
                "unknown service '{name}': expected one of {}",
                known.join(", ")
            ))
        })
    }
}

/// A set of services, one bit each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ServiceSet(u32);

impl ServiceSet {
    /// The empty set.
    pub const EMPTY: ServiceSet = ServiceSet(0);

    /// A set of one service.
    pub fn of(id: ServiceId) -> Self {
        ServiceSet(1 << id.0)
    }
    /// Adds a service.
    pub fn insert(&mut self, id: ServiceId) {
        self.0 |= 1 << id.0;
    }
    /// Removes a service.
    pub fn remove(&mut self, id: ServiceId) {
        self.0 &= !(1 << id.0);
    }
    /// True if `id` is in the set.
    pub fn contains(self, id: ServiceId) -> bool {
        self.0 & (1 << id.0) != 0
    }
    /// The union of two sets.
    pub fn union(self, other: ServiceSet) -> ServiceSet {
        ServiceSet(self.0 | other.0)
    }
    /// True if the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The members, in table order.
    pub fn iter(self) -> impl Iterator<Item = ServiceId> {
        ServiceId::all().filter(move |&id| self.contains(id))
    }
}

/// How a service is started (the Startup type column of services.msc).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StartType {
    /// Started by the SCM at boot.
    Automatic,
    /// Started by the SCM about two minutes after the other automatic services.
    AutomaticDelayed,
    /// Started only when asked (by a person, a program, or a service that depends on it).
    Manual,
    /// Manual, plus started by the SCM when a registered trigger event happens.
    ManualTrigger,
    /// Cannot be started until the start type is changed (error 1058).
    Disabled,
}

impl StartType {
    /// As services.msc shows it: `Automatic (Delayed Start)`, `Manual (Trigger Start)`...
    pub fn label(self) -> &'static str {
        match self {
            StartType::Automatic => "Automatic",
            StartType::AutomaticDelayed => "Automatic (Delayed Start)",
            StartType::Manual => "Manual",
            StartType::ManualTrigger => "Manual (Trigger Start)",
            StartType::Disabled => "Disabled",
        }
    }

    /// The registry `Start` value `sc qc` prints: 2 automatic, 3 manual, 4 disabled.
    pub fn sc_code(self) -> u8 {
        match self {
            StartType::Automatic | StartType::AutomaticDelayed => 2,
            StartType::Manual | StartType::ManualTrigger => 3,
            StartType::Disabled => 4,
        }
    }

    /// The name `sc qc` prints after the code: `AUTO_START  (DELAYED)`, `DEMAND_START`...
    pub fn sc_name(self) -> &'static str {
        match self {
            StartType::Automatic => "AUTO_START",
            StartType::AutomaticDelayed => "AUTO_START  (DELAYED)",
            StartType::Manual | StartType::ManualTrigger => "DEMAND_START",
            StartType::Disabled => "DISABLED",
        }
    }

    /// The words of event 7040: `auto start`, `demand start`, `disabled`.
    pub fn event_words(self) -> &'static str {
        match self {
            StartType::Automatic | StartType::AutomaticDelayed => "auto start",
            StartType::Manual | StartType::ManualTrigger => "demand start",
            StartType::Disabled => "disabled",
        }
    }

    /// True for the two automatic types.
    pub fn is_automatic(self) -> bool {
        matches!(self, StartType::Automatic | StartType::AutomaticDelayed)
    }
}

/// Where a service is in its life (dwCurrentState of SERVICE_STATUS).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceState {
    /// Not running.
    Stopped,
    /// Asked to start; not yet running.
    StartPending,
    /// Asked to stop; not yet stopped.
    StopPending,
    /// Running.
    Running,
}

impl ServiceState {
    /// The Status column of the Services console: `Running`, `Starting`, `Stopping`, or
    /// empty for a stopped service.
    pub fn console_label(self) -> &'static str {
        match self {
            ServiceState::Running => "Running",
            ServiceState::StartPending => "Starting",
            ServiceState::StopPending => "Stopping",
            ServiceState::Stopped => "",
        }
    }

    /// The number `sc query` prints.
    pub fn code(self) -> u8 {
        match self {
            ServiceState::Stopped => 1,
            ServiceState::StartPending => 2,
            ServiceState::StopPending => 3,
            ServiceState::Running => 4,
        }
    }

    /// The name `sc query` prints: `STOPPED`, `START_PENDING`...
    pub fn sc_name(self) -> &'static str {
        match self {
            ServiceState::Stopped => "STOPPED",
            ServiceState::StartPending => "START_PENDING",
            ServiceState::StopPending => "STOP_PENDING",
            ServiceState::Running => "RUNNING",
        }
    }

    /// As PowerShell's `Get-Service` shows it: `Running`, `StartPending`...
    pub fn powershell(self) -> &'static str {
        match self {
            ServiceState::Stopped => "Stopped",
            ServiceState::StartPending => "StartPending",
            ServiceState::StopPending => "StopPending",
            ServiceState::Running => "Running",
        }
    }

    /// True while a transition is under way.
    pub fn is_pending(self) -> bool {
        matches!(self, ServiceState::StartPending | ServiceState::StopPending)
    }
}

/// What the SCM does when a service terminates unexpectedly (the Recovery tab, `sc failure`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecoveryAction {
    /// Take no action.
    None,
    /// Restart the service after a delay.
    Restart {
        /// Delay before the restart, in milliseconds.
        delay_ms: u32,
    },
}

/// The recovery settings of a service: actions for the first, second and later failures, and
/// how long without a failure resets the count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Recovery {
    /// Action on the first failure.
    pub first: RecoveryAction,
    /// Action on the second failure.
    pub second: RecoveryAction,
    /// Action on every later failure.
    pub subsequent: RecoveryAction,
    /// Time without failures after which the count starts again at one.
    pub reset_after_ms: u64,
}

impl Recovery {
    /// No recovery actions (what wusim assumes by default; see the book).
    pub const NONE: Recovery = Recovery {
        first: RecoveryAction::None,
        second: RecoveryAction::None,
        subsequent: RecoveryAction::None,
        reset_after_ms: 86_400_000,
    };

    /// The action for the `count`-th failure (1-based).
    pub fn action_for(self, count: u8) -> RecoveryAction {
        match count {
            0 | 1 => self.first,
            2 => self.second,
            _ => self.subsequent,
        }
    }
}

/// How the service runs: in a shared svchost or in a process of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceKind {
    /// SERVICE_WIN32_OWN_PROCESS (0x10).
    OwnProcess,
    /// SERVICE_WIN32_SHARE_PROCESS (0x20), hosted by svchost.exe.
    ShareProcess,
}

/// Which shutdown notice a running service accepts, as `sc query` lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ShutdownControl {
    /// `ACCEPTS_PRESHUTDOWN`.
    Preshutdown,
    /// `ACCEPTS_SHUTDOWN`.
    Shutdown,
    /// `IGNORES_SHUTDOWN`.
    Ignores,
}

/// The fixed description of a service: what `sc qc` and services.msc show, and how the model
/// treats it. One row of the table in `scm/builtin.rs`.
#[derive(Debug, Serialize)]
pub struct ServiceSpec {
    /// Service name, e.g. `wuauserv`.
    pub name: &'static str,
    /// Display name, e.g. `Windows Update`.
    pub display_name: &'static str,
    /// The description services.msc shows.
    pub description: &'static str,
    /// Start type on a default PC.
    pub default_start: StartType,
    /// Own or shared process.
    pub kind: ServiceKind,
    /// `BINARY_PATH_NAME`.
    pub binary_path: &'static str,
    /// `LOAD_ORDER_GROUP` (empty for none).
    pub load_order_group: &'static str,
    /// `SERVICE_START_NAME`, the account it runs as.
    pub account: &'static str,
    /// Service names it depends on (`DEPENDENCIES`), as Windows spells them.
    pub depends_on: &'static [&'static str],
    /// False for the core RPC services, which accept no stop control (error 1052).
    pub stoppable: bool,
    /// Which shutdown notice it accepts while running.
    pub shutdown: ShutdownControl,
    /// True when even an administrator cannot change its configuration (error 5).
    pub protected: bool,
    /// True for services that stop themselves when they have had nothing to do for a while.
    pub stops_when_idle: bool,
}

impl ServiceSpec {
    /// The account as services.msc's "Log On As" column shows it.
    pub fn log_on_as(&self) -> &'static str {
        let account = self.account.to_ascii_lowercase();
        if account.ends_with("networkservice") {
            "Network Service"
        } else if account.ends_with("localservice") {
            "Local Service"
        } else {
            "Local System"
        }
    }
}

/// How long a start or a stop takes when nothing is wrong: a simplification (Windows gives no
/// fixed figure); the actual time is drawn uniformly from this range, in milliseconds.
pub(crate) const START_MS: (u64, u64) = (400, 1_600);
/// See [`START_MS`].
pub(crate) const STOP_MS: (u64, u64) = (200, 900);
/// How long the SCM waits for a service that does not respond: 30 seconds (the reference gives
/// 30000 ms for event 7009 as a commonly seen default, unconfirmed).
pub const SCM_TIMEOUT: SimDuration = SimDuration::from_secs(30);
/// How long after boot the SCM starts the Automatic (Delayed Start) services: about two minutes.
pub const DELAYED_START: SimDuration = SimDuration::from_mins(2);
