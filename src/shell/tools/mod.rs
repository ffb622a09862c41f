//! The Windows programs of the practice shell, one file per program family, each with its
//! entries in the command table ([`super::commands`]): what a technician types at the
//! prompt or pastes into a script — `sc`, `net`, `DISM`, `netsh` — and the simulator's own
//! words (`settings`, `wait`, `explain`...).
//!
//! A program reads its arguments ([`Args`](super::context::Args)), acts on the PC and answers
//! with a [`Reply`](super::context::Reply): Windows' text, an exit code, and (for scoring) a
//! harmful move. The waiting that `net`, the Services console and the PowerShell cmdlets
//! share is here.

pub(crate) mod acl;
pub(crate) mod bitsadmin;
pub(crate) mod cleanmgr;
pub(crate) mod dism;
pub(crate) mod eventvwr;
pub(crate) mod fsutil;
pub(crate) mod group_policy;
pub(crate) mod ipconfig;
pub(crate) mod net;
pub(crate) mod netsh;
pub(crate) mod network;
pub(crate) mod reg;
pub(crate) mod regsvr32;
pub(crate) mod sc;
pub(crate) mod services_msc;
pub(crate) mod shutdown;
pub(crate) mod sysinfo;
pub(crate) mod system;
pub(crate) mod tasks;
pub(crate) mod text;
pub(crate) mod unsimulated;
pub(crate) mod usoclient;
pub(crate) mod w32tm;
pub(crate) mod wuauclt;
pub(crate) mod wusim;

use super::commands::Command;
use crate::engine::SimDuration;
use crate::pc::Pc;
use crate::scm::ServiceId;

/// Every program family's entries.
pub(crate) const FAMILIES: &[&[Command]] = &[
    sc::COMMANDS,
    net::COMMANDS,
    services_msc::COMMANDS,
    eventvwr::COMMANDS,
    tasks::COMMANDS,
    usoclient::COMMANDS,
    wuauclt::COMMANDS,
    bitsadmin::COMMANDS,
    dism::COMMANDS,
    cleanmgr::COMMANDS,
    acl::COMMANDS,
    regsvr32::COMMANDS,
    reg::COMMANDS,
    group_policy::COMMANDS,
    netsh::COMMANDS,
    ipconfig::COMMANDS,
    network::COMMANDS,
    w32tm::COMMANDS,
    shutdown::COMMANDS,
    system::COMMANDS,
    sysinfo::COMMANDS,
    fsutil::COMMANDS,
    text::COMMANDS,
    wusim::COMMANDS,
    unsimulated::COMMANDS,
];

/// One step of waiting for a service.
const STEP: SimDuration = SimDuration::from_millis(500);
/// How long `net` and the console wait for a start or a stop.
pub(crate) const NET_LIMIT: SimDuration = SimDuration::from_secs(60);

/// Lets time pass while `id` is starting or stopping, for at most `limit`; returns how long.
pub(crate) fn wait_while_pending(pc: &mut Pc, id: ServiceId, limit: SimDuration) -> SimDuration {
    let mut waited = SimDuration::ZERO;
    while pc.scm().state(id).is_pending() && waited < limit {
        pc.run_for(STEP);
        waited = waited + STEP;
    }
    waited
}
