//! From a [`Scenario`] to a ready simulated PC: the default PC with the scenario's changes,
//! its server, and its faults (those at the start injected, the later ones planned).

use super::Scenario;
use crate::device::{Device, DeviceName};
use crate::engine::{SimDuration, SimTime, parse_duration};
use crate::pc::Pc;
use crate::update::InMemoryServer;
use crate::update::default_catalog::default_catalog;

/// How long before the scenario's start its faults strike, so that the PC has settled (services
/// stopped, crashed or restarted) by the time the learner arrives.
pub const SETTLE: SimDuration = SimDuration::from_mins(2);

/// Reads `"8-17"` as (8, 17).
pub fn parse_active_hours(text: &str) -> Option<(u8, u8)> {
    let (a, b) = text.split_once('-')?;
    let (a, b): (u8, u8) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    let span = (b + 24 - a) % 24;
    (a < 24 && b < 24 && span > 0 && span <= crate::orchestrator::MAX_ACTIVE_HOURS)
        .then_some((a, b))
}

impl Scenario {
    /// The device of the scenario: the default device with the `[pc]` changes.
    pub fn device(&self) -> Device {
        let spec = &self.pc;
        let mut d = spec.windows.map_or_else(Device::default, Device::on);
        if let Some(name) = spec.name.as_deref().and_then(DeviceName::new) {
            d.name = name;
        }
        if let Some(r) = spec.revision {
            d.os.revision = r;
        }
        if let Some(e) = spec.edition {
            d.os.edition = e;
        }
        if let Some(gb) = spec.ram_gb {
            d.ram_mb = gb.saturating_mul(1_024);
        }
        if let Some(gb) = spec.disk_gb {
            d.disk_total_mb = gb.saturating_mul(1_000);
        }
        if let Some(t) = spec.tpm {
            d.tpm = t;
        }
        if let Some(s) = spec.secure_boot {
            d.secure_boot = s;
        }
        if let Some(c) = spec.cpu {
            d.cpu.family = c;
        }
        if let Some(o) = spec.online {
            d.network.online = o;
        }
        if let Some(m) = spec.metered {
            d.network.metered = m;
        }
        if let Some(mbps) = spec.bandwidth_mbps {
            d.network.bandwidth_kbps = mbps.saturating_mul(1_000);
        }
        if let Some(p) = spec.proxy {
            d.network.proxy = p;
        }
        if let Some(o) = spec.outdated_display_driver {
            d.outdated_display_driver = o;
        }
        d
    }

    /// The update server of the scenario.
    pub fn server(&self) -> InMemoryServer {
        let Some(only) = &self.server.updates else {
            let mut server = InMemoryServer::default();
            server.behavior = self.server.behavior;
            return server;
        };
        let mut catalog = default_catalog();
        {
            let kept = catalog
                .updates()
                .iter()
                .filter(|u| only.iter().any(|kb| Some(kb.0) == u.id.kb()))
                .cloned()
                .map(|mut u| {
                    // Relations to updates left out of the catalog are dropped with them.
                    u.supersedes
                        .retain(|id| only.iter().any(|kb| Some(kb.0) == id.kb()));
                    u.requires
                        .retain(|id| only.iter().any(|kb| Some(kb.0) == id.kb()));
                    u
                })
                .collect();
            catalog =
                crate::update::Catalog::new(kept).expect("a subset of a valid catalog is valid");
        }
        let mut server = InMemoryServer::new(catalog);
        server.behavior = self.server.behavior;
        server
    }

    /// The PC at the start of the scenario, its randomness fixed by `seed`: the faults present
    /// at the start struck [`SETTLE`] before it, and the PC has settled since; later faults
    /// are planned relative to the start.
    pub fn build_pc(&self, seed: u64) -> Pc {
        let mut builder = Pc::builder()
            .seed(seed)
            .start(self.start.minus(SETTLE))
            .device(self.device())
            .server(self.server());
        if let Some(gb) = self.pc.disk_free_gb {
            builder = builder.disk_free_mb(gb.saturating_mul(1_000));
        }
        if let Some(gb) = self.pc.cleanup_gb {
            builder = builder.reclaimable_mb(gb.saturating_mul(1_000));
        }
        for (&service, &start_type) in &self.pc.services {
            builder = builder.start_type(service, start_type);
        }
        for value in &self.pc.registry {
            builder = builder.registry_value(&value.key.0, &value.name, value.value.value());
        }
        match self.pc.last_scan.as_deref() {
            Some("never") => builder = builder.last_scan_ago(None),
            Some(ago) => {
                builder = builder.last_scan_ago(Some(
                    parse_duration(ago).unwrap_or(SimDuration::from_hours(2)),
                ));
            }
            None => {}
        }
        let mut pc = builder.build();
        if let Some((start, end)) = self.pc.active_hours.as_deref().and_then(parse_active_hours) {
            let _ = pc.set_active_hours(start, end);
        }
        if let Some(on) = self.pc.auto_restart {
            pc.set_auto_restart(on);
        }
        for scheduled in &self.faults {
            match scheduled.at {
                None => pc.inject(scheduled.fault),
                Some(at) => pc.inject_at(SimTime::ZERO + SETTLE + at, scheduled.fault),
            }
        }
        pc.run_for(SETTLE);
        pc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_hours_are_checked() {
        assert_eq!(parse_active_hours("8-17"), Some((8, 17)));
        assert_eq!(parse_active_hours("22-6"), Some((22, 6)));
        assert_eq!(parse_active_hours("8-8"), None);
        assert_eq!(parse_active_hours("0-23"), None, "more than 18 hours");
        assert_eq!(parse_active_hours("eight-five"), None);
    }
}
