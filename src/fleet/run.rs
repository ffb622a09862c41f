//! The fleet's run: every PC on the same model as single-PC mode, advanced an hour at a
//! time, coupled only through the update server and Delivery Optimization peers.
//!
//! The coupling is evaluated once per simulated hour from the previous hour's totals: how
//! far demand went over the server's capacity (the share of PCs it throttles this hour), and
//! how many PCs of each site hold the month's update (what peers can serve). Within an hour
//! the PCs are independent, so they are split over threads in fixed chunks; the hour's totals
//! are integer sums, so the result is the same, byte for byte, whatever the thread count.
//!
//! A PC's hour ([`advance_hour`]) depends only on the PC, its place, the hour and the
//! server's throttling that hour. `--open` ([`replay`]) rebuilds one PC and replays its
//! hours with the throttling the run recorded, which gives the very PC the fleet had.

use std::sync::Arc;

use super::population::{Member, Population, action_values, power_state, stream};
use super::spec::FleetSpec;
use super::tally::{HourLoad, RingHour, Tally};
use crate::device::WindowsVersion;
use crate::engine::{CivilDateTime, SimDuration};
use crate::pc::Pc;
use crate::update::{Catalog, ServerBehavior};
use crate::win32::HResult;
use crate::world::registry::WU_POLICY;

/// Intune policy changes reach a device within 8 hours (reference §3.4): each PC gets an
/// admin action 0 to 8 hours after it is made.
pub const POLICY_DELAY_HOURS: u64 = 8;

/// Parts per million: the unit of the throttled share.
const PPM: u64 = 1_000_000;

/// One PC of the fleet.
#[derive(Clone, Debug)]
pub struct Unit {
    /// Its place.
    pub member: Member,
    /// The PC.
    pub pc: Pc,
    /// It has been on and online at some hour today.
    pub seen_today: bool,
}

/// What every PC needs to know about an hour: the same for all of them.
#[derive(Clone, Debug)]
pub struct Hour {
    /// Hours since the start.
    pub index: u32,
    /// The day of the run.
    pub day: u32,
    /// Day number of the true date.
    pub today: i64,
    /// Local weekday (0 = Sunday) and hour at its start.
    pub weekday: u8,
    /// Local hour.
    pub hour: u8,
    /// Share of PCs the server throttles this hour, in parts per million.
    pub throttle_ppm: u32,
    /// The newest cumulative revision published by now, per Windows version.
    pub latest: [u32; 3],
}

/// The run's fixed context.
#[derive(Clone, Debug)]
pub struct Context {
    /// Who is in the fleet.
    pub population: Population,
    /// The server's catalog.
    pub catalog: Arc<Catalog>,
}

impl Context {
    /// The context of a checked fleet file, on the default catalog.
    pub fn new(spec: FleetSpec) -> Self {
        let catalog = Arc::new(crate::update::default_catalog::default_catalog());
        Context {
            population: Population::new(Arc::new(spec), Arc::clone(&catalog)),
            catalog,
        }
    }

    /// The fleet file.
    pub fn spec(&self) -> &FleetSpec {
        self.population.spec()
    }

    /// The hour `index` of the run, with its throttling.
    pub fn hour(&self, index: u32, throttle_ppm: u32) -> Hour {
        let spec = self.spec();
        let at = spec.start.plus(SimDuration::from_hours(u64::from(index)));
        let today = at.day_number();
        let mut latest = [0; 3];
        for u in self.catalog.updates() {
            if let Some(revision) = u.revision.filter(|_| u.feature.is_none())
                && u.released.day_number() <= today
            {
                for &v in &u.targets {
                    latest[v as usize] = latest[v as usize].max(revision);
                }
            }
        }
        Hour {
            index,
            day: index / 24,
            today,
            weekday: at.weekday(),
            hour: at.hour,
            throttle_ppm,
            latest,
        }
    }

    /// The PC at `index` at the start of the run.
    pub fn unit(&self, index: u32, log: bool) -> Unit {
        let member = self.population.member(index);
        Unit {
            member,
            pc: self.population.build(index, member, log),
            seen_today: false,
        }
    }
}

/// What one PC did in an hour and where it stands at its end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HourOutcome {
    /// Requests it sent to the server.
    pub requests: u32,
    /// Of which throttled.
    pub throttled: u32,
    /// MB it downloaded.
    pub downloaded_mb: u32,
    /// On and online during the hour.
    pub online: bool,
    /// On and online at some hour of the day so far.
    pub seen_today: bool,
    /// On the newest cumulative update of its version.
    pub latest: bool,
    /// Waiting for a restart.
    pub pending: bool,
    /// Not on the newest update, with this error from its last step.
    pub failed: Option<HResult>,
    /// It has the month's update, or has tried it (installed, pending, or failed on it).
    pub reached: bool,
    /// It has the month's update (installed or waiting for its restart): what it can give
    /// its Delivery Optimization peers.
    pub holds: bool,
}

/// Advances one PC through one hour.
pub fn advance_hour(ctx: &Context, index: u32, unit: &mut Unit, hour: &Hour) -> HourOutcome {
    let spec = ctx.spec();
    let pc = &mut unit.pc;
    let (on, online) = power_state(
        unit.member,
        spec.seed,
        index,
        hour.day,
        hour.weekday,
        hour.hour,
    );
    if on {
        pc.power_on();
    } else {
        pc.power_off();
    }
    if pc.device().network.online != online {
        pc.act(|w| w.device.network.online = online);
    }
    // Admin actions reach each PC 0 to 8 hours after they are made.
    let delay = stream(spec.seed, u64::from(index), 7) % (POLICY_DELAY_HOURS + 1);
    for action in &spec.actions {
        if usize::from(unit.member.ring) == action.ring
            && u64::from(action.hour) + delay == u64::from(hour.index)
        {
            pc.act(|w| {
                for (name, value) in action_values(action.change, hour.today) {
                    match value {
                        Some(value) => {
                            w.registry.set_value(WU_POLICY, name, value);
                        }
                        None => {
                            w.registry.delete_value(WU_POLICY, name);
                        }
                    }
                }
            });
        }
    }
    if hour.hour == 0 {
        unit.seen_today = false;
    }
    unit.seen_today |= on && online;
    let pc = &mut unit.pc;
    let throttled = stream(spec.seed ^ u64::from(hour.index), u64::from(index), 5) % PPM
        < u64::from(hour.throttle_ppm);
    let behavior = if throttled {
        ServerBehavior::Throttling
    } else {
        ServerBehavior::Reachable
    };
    if pc.server().behavior != behavior {
        pc.act(|w| w.server.behavior = behavior);
    }
    let (requests, mb) = (pc.agent().server_requests, pc.agent().downloaded_mb);
    pc.run_for(SimDuration::from_hours(1));
    let requests = pc.agent().server_requests.wrapping_sub(requests);
    let version = pc.device().os.version;
    let latest = pc.device().os.revision >= hour.latest[version as usize];
    let pending = pc.device().pending_restart();
    let error = pc.agent().last_error;
    let bad = spec.bad_update.map(|b| HResult(b.code));
    let holds = latest_release_installed(ctx, pc, version);
    HourOutcome {
        requests,
        throttled: if throttled { requests } else { 0 },
        downloaded_mb: pc.agent().downloaded_mb.wrapping_sub(mb),
        online: on && online,
        seen_today: unit.seen_today,
        latest,
        pending,
        failed: error.filter(|_| !latest),
        reached: holds || (bad.is_some() && error == bad),
        holds,
    }
}

/// The PC has the month's release installed or waiting for its restart.
fn latest_release_installed(ctx: &Context, pc: &Pc, version: WindowsVersion) -> bool {
    ctx.population.release(version).is_some_and(|kb| {
        pc.device().has_installed(kb) || pc.device().staged.iter().any(|s| s.kb == kb)
    })
}

/// Runs the fleet (or the PCs of one shard, `shard` = (k, n): the sites whose number is
/// `k` modulo `n`), on `threads` threads; `progress` is told each hour done.
pub fn run(
    ctx: &Context,
    shard: Option<(u32, u32)>,
    threads: usize,
    progress: &(dyn Fn(u32, u32) + Sync),
) -> Tally {
    let spec = ctx.spec();
    let indexes: Vec<u32> = (0..spec.pcs)
        .filter(|&i| shard.is_none_or(|(k, n)| ctx.population.member(i).site % n == k))
        .collect();
    let mut units: Vec<Unit> = indexes.iter().map(|&i| ctx.unit(i, false)).collect();
    let mut tally = Tally::new(spec, &indexes, |i| ctx.population.member(i).ring);
    // PCs per site and Windows version: who can be each other's peers.
    let mut site_pcs = vec![0u32; spec.sites as usize * 3];
    for unit in &units {
        site_pcs[slot(unit)] += 1;
    }
    let hours = spec.days * 24;
    // Each shard answers for its share of a server's capacity.
    let share = |cap: f64| cap * indexes.len() as f64 / f64::from(spec.pcs.max(1));
    let mut holders = vec![0u32; site_pcs.len()];
    let threads = threads.clamp(1, 64);
    let chunk = units.len().div_ceil(threads).max(1);
    for h in 0..hours {
        let ppm = match h.checked_sub(1).map(|p| &tally.load[p as usize]) {
            None => 0,
            Some(last) => throttle_ppm(
                last,
                spec.server.requests_per_hour.map(|r| share(f64::from(r))),
                spec.server.gb_per_hour.map(share),
            ),
        };
        let hour = ctx.hour(h, ppm);
        let previous = holders.clone();
        let parts: Vec<Part> = std::thread::scope(|scope| {
            let handles: Vec<_> = units
                .chunks_mut(chunk)
                .zip(indexes.chunks(chunk))
                .map(|(units, indexes)| {
                    let hour = &hour;
                    let previous = &previous;
                    let site_pcs = &site_pcs;
                    scope.spawn(move || step_chunk(ctx, site_pcs, units, indexes, hour, previous))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a fleet thread panicked"))
                .collect()
        });
        holders.iter_mut().for_each(|h| *h = 0);
        let mut load = HourLoad {
            throttle_ppm: ppm,
            ..HourLoad::default()
        };
        let mut rings = vec![RingHour::default(); spec.rings.len()];
        for part in parts {
            load.add(&part.load);
            for (ring, add) in rings.iter_mut().zip(&part.rings) {
                ring.add(add);
            }
            for (h, add) in holders.iter_mut().zip(&part.holders) {
                *h += add;
            }
            if h % 24 == 23 {
                tally.add_codes(h / 24, &part.codes);
            }
        }
        tally.push_hour(load, rings);
        progress(h + 1, hours);
    }
    tally
}

/// The share of requests the server throttles after an hour with `last`'s load, in parts
/// per million: what went over its capacity.
pub fn throttle_ppm(last: &HourLoad, requests: Option<f64>, gb: Option<f64>) -> u32 {
    let over = |demand: f64, capacity: Option<f64>| match capacity {
        Some(cap) if demand > cap && demand > 0.0 => (demand - cap) / demand,
        _ => 0.0,
    };
    let served_gb = last.server_mb as f64 / 1_000.0;
    let share = over(f64::from(last.requests), requests).max(over(served_gb, gb));
    (share * PPM as f64).round() as u32
}

/// One thread's part of an hour.
struct Part {
    load: HourLoad,
    rings: Vec<RingHour>,
    holders: Vec<u32>,
    /// Per ring, the error codes of failed PCs (at the day's end).
    codes: Vec<Vec<(u32, u32)>>,
}

/// A PC's slot among the (site, Windows version) pairs.
fn slot(unit: &Unit) -> usize {
    unit.member.site as usize * 3 + unit.pc.device().os.version as usize
}

fn step_chunk(
    ctx: &Context,
    site_pcs: &[u32],
    units: &mut [Unit],
    indexes: &[u32],
    hour: &Hour,
    holders: &[u32],
) -> Part {
    let spec = ctx.spec();
    let peering = matches!(spec.do_mode, 1..=3);
    let mut part = Part {
        load: HourLoad::default(),
        rings: vec![RingHour::default(); spec.rings.len()],
        holders: vec![0; holders.len()],
        codes: vec![Vec::new(); spec.rings.len()],
    };
    let day_end = hour.index % 24 == 23;
    for (unit, &index) in units.iter_mut().zip(indexes) {
        let out = advance_hour(ctx, index, unit, hour);
        let site = slot(unit);
        // Delivery Optimization: the share of the site's PCs of this version that hold the
        // update serves that share of the bytes (modes 1–3; 0, 99 and 100 never peer).
        let mut peer_mb = 0;
        if peering && unit.member.peer && out.downloaded_mb > 0 {
            let size = site_pcs[site].max(1);
            peer_mb =
                (u64::from(out.downloaded_mb) * u64::from(holders[site]) / u64::from(size)) as u32;
        }
        part.load.requests += out.requests;
        part.load.throttled += out.throttled;
        part.load.downloaded_mb += u64::from(out.downloaded_mb);
        part.load.peer_mb += u64::from(peer_mb);
        part.load.server_mb += u64::from(out.downloaded_mb - peer_mb);
        if out.online && out.holds {
            part.holders[site] += 1;
        }
        let ring = &mut part.rings[usize::from(unit.member.ring)];
        ring.latest += u32::from(out.latest);
        ring.pending += u32::from(out.pending && !out.latest);
        ring.failed += u32::from(out.failed.is_some());
        ring.offline += u32::from(!out.seen_today);
        ring.reached += u32::from(out.reached);
        if day_end && let Some(code) = out.failed {
            let codes = &mut part.codes[usize::from(unit.member.ring)];
            match codes.iter_mut().find(|(c, _)| *c == code.0) {
                Some((_, n)) => *n += 1,
                None => codes.push((code.0, 1)),
            }
        }
    }
    part
}

/// Rebuilds PC `index` alone, with its event logs, and replays its hours up to `hours` with
/// the throttling `tally` recorded: the PC as it was in the fleet run at that hour.
pub fn replay(ctx: &Context, tally: &Tally, index: u32, hours: u32) -> Pc {
    let mut unit = ctx.unit(index, true);
    for h in 0..hours.min(tally.load.len() as u32) {
        let hour = ctx.hour(h, tally.load[h as usize].throttle_ppm);
        advance_hour(ctx, index, &mut unit, &hour);
    }
    unit.pc
}

/// The local date and time `hours` into the run.
pub fn time_at(spec: &FleetSpec, hours: u32) -> CivilDateTime {
    spec.start.plus(SimDuration::from_hours(u64::from(hours)))
}
