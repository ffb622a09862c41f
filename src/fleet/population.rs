//! Who is in the fleet: each PC's ring, site, power pattern and device, drawn from the fleet
//! file's mix — and the PC itself, built as single-PC mode builds one, with its ring's
//! policies in its registry.
//!
//! Every PC draws from its own random stream (a hash of the fleet's seed and its index), so
//! a PC is the same whichever other PCs exist: a shard, a smaller fleet or `--open` rebuild
//! exactly the PC the whole fleet had. Rings are assigned by exact quotas over a fixed
//! shuffle of the indexes (as Autopatch spreads devices at random, but with the shares the
//! file asks for); sites are contiguous blocks of indexes.

use std::sync::Arc;

use super::spec::{Change, FleetSpec, Power, Ring};
use crate::device::{CpuFamily, Device, DeviceName, Tpm};
use crate::engine::{SimDuration, SimRng};
use crate::fault::Fault;
use crate::harness::strategy;
use crate::pc::{Pc, PcBuilder};
use crate::update::{Catalog, InMemoryServer};
use crate::win32::HResult;
use crate::world::registry::{RegValue, WU_POLICY};

/// A PC's place in the fleet: what stays the same for the whole run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Member {
    /// Its ring (index into the fleet file's rings).
    pub ring: u8,
    /// How it is switched on and off.
    pub power: Power,
    /// Its site.
    pub site: u32,
    /// For `away` PCs: the days it stays off first.
    pub away_days: u8,
    /// The hour its working day starts (7, 8 or 9; it ends ten hours later).
    pub first_hour: u8,
    /// It can share content with Delivery Optimization peers (at least 4 GB of memory and
    /// 32 GB of disk, reference §4.3).
    pub peer: bool,
}

/// A 64-bit hash of a seed and two numbers (SplitMix64's finaliser): the streams of the
/// fleet, one per PC and purpose.
pub fn stream(seed: u64, a: u64, b: u64) -> u64 {
    let mut z =
        seed ^ a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b.wrapping_mul(0xD1B5_4A32_D192_ED03);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A chance in percent, decided by a uniform draw.
fn hit(rng: &mut SimRng, percent: f64) -> bool {
    let draw = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    draw * 100.0 < percent
}

/// Picks an item by percentage shares.
fn pick<T: Copy>(rng: &mut SimRng, shares: &[(T, f64)]) -> T {
    let draw = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 100.0;
    let mut sum = 0.0;
    for &(item, share) in shares {
        sum += share;
        if draw < sum {
            return item;
        }
    }
    shares
        .last()
        .map(|&(item, _)| item)
        .expect("a checked mix is not empty")
}

/// What building PCs needs, computed once for the fleet.
#[derive(Clone, Debug)]
pub struct Population {
    spec: Arc<FleetSpec>,
    server: InMemoryServer,
    /// A multiplier coprime with the fleet size: the fixed shuffle behind ring quotas.
    shuffle: u64,
    /// The month's cumulative update of each Windows version (by `WindowsVersion` order):
    /// what a bad release makes fail.
    releases: [Option<u32>; 3],
}

impl Population {
    /// The population of a checked fleet file.
    pub fn new(spec: Arc<FleetSpec>, catalog: Arc<Catalog>) -> Self {
        let n = u64::from(spec.pcs.max(1));
        let mut shuffle = (0x9E37_79B9_7F4A_7C15 % n.max(2)) | 1;
        while gcd(shuffle, n) != 1 {
            shuffle += 2;
        }
        let first = spec.start.day_number();
        let last = first + i64::from(spec.days);
        let mut releases = [None; 3];
        for u in catalog.updates() {
            let day = u.released.day_number();
            if u.revision.is_some() && u.feature.is_none() && (first..last).contains(&day) {
                for &v in &u.targets {
                    releases[v as usize] = Some(u.id.0);
                }
            }
        }
        Population {
            spec,
            server: InMemoryServer::shared(catalog),
            shuffle,
            releases,
        }
    }

    /// The fleet file.
    pub fn spec(&self) -> &FleetSpec {
        &self.spec
    }

    /// The month's cumulative update of a Windows version, if one is released in the run.
    pub fn release(&self, version: crate::device::WindowsVersion) -> Option<u32> {
        self.releases[version as usize]
    }

    /// The member at `index`.
    pub fn member(&self, index: u32) -> Member {
        let spec = &*self.spec;
        let n = u64::from(spec.pcs.max(1));
        // Exact quotas: the shuffled position falls in one ring's slice of [0, n).
        let position = (u64::from(index).wrapping_mul(self.shuffle)) % n;
        let mut ring = 0;
        let mut end = 0.0;
        for (r, share) in spec.rings.iter().map(|r| r.share).enumerate() {
            end += share / 100.0 * n as f64;
            if (position as f64) < end.round() {
                ring = r;
                break;
            }
            ring = r;
        }
        let mut rng = SimRng::seed_from_u64(stream(spec.seed, u64::from(index), 1));
        let power = pick(&mut rng, &spec.mix.power);
        let away_days = rng.range_inclusive(7, 21) as u8;
        let first_hour = rng.range_inclusive(7, 9) as u8;
        Member {
            ring: ring as u8,
            power,
            site: (u64::from(index) * u64::from(spec.sites) / n) as u32,
            away_days,
            first_hour,
            // The default device has 16 GB and 256 GB: every fleet PC can share.
            peer: true,
        }
    }

    /// The PC at `index`, built at the start of the run; `log` keeps its event logs.
    pub fn build(&self, index: u32, member: Member, log: bool) -> Pc {
        let spec = &*self.spec;
        let mut rng = SimRng::seed_from_u64(stream(spec.seed, u64::from(index), 2));
        let version = pick(&mut rng, &spec.mix.os);
        let mut device = Device::on(version);
        if let Some(name) = DeviceName::new(&format!("WS-{index:07}")) {
            device.name = name;
        }
        if !hit(&mut rng, spec.mix.windows_11_capable) {
            // Half fail on the processor, half on the TPM (reference §6: both are common).
            if rng.chance(1, 2) {
                device.cpu.family = CpuFamily::IntelCore7thGenOrEarlier;
            } else {
                device.tpm = Tpm::V1_2;
            }
        }
        device.network.metered = hit(&mut rng, spec.mix.metered);
        let (low, high) = spec.mix.bandwidth_mbps;
        device.network.bandwidth_kbps =
            (rng.range_inclusive(u64::from(low), u64::from(high)) * 1_000) as u32;
        if let Some(bad) = spec.bad_update
            && hit(&mut rng, bad.share)
            && let Some(kb) = self.release(version)
        {
            device.failing_update = Some((kb, HResult(bad.code)));
        }
        let last_scan = rng.range_inclusive(0, 22 * 3_600);
        let mut builder = PcBuilder::default()
            .seed(stream(spec.seed, u64::from(index), 3))
            .start(spec.start)
            .device(device)
            .server(self.server.clone())
            .event_log(log)
            .last_scan_ago(Some(SimDuration::from_secs(last_scan)));
        let ring = &spec.rings[usize::from(member.ring)];
        for (name, value) in ring_policy(ring, spec) {
            builder = builder.registry_value(WU_POLICY, name, value);
        }
        let mut pc = builder.build();
        for (k, (kind, percent)) in spec.faults.iter().enumerate() {
            if hit(&mut rng, *percent)
                && let Some(strategy) = strategy::fault_of(kind)
            {
                use proptest::strategy::ValueTree;
                let tree = strategy::draw(&strategy, spec.seed ^ k as u64, u64::from(index));
                let fault: Fault = tree.current();
                pc.inject(fault);
            }
        }
        pc
    }
}

/// The registry values of a ring's settings, as Group Policy writes them.
pub fn ring_policy(ring: &Ring, spec: &FleetSpec) -> Vec<(&'static str, RegValue)> {
    let mut values = Vec::new();
    if ring.quality_deferral_days > 0 {
        values.push(("DeferQualityUpdates", RegValue::Dword(1)));
        values.push((
            "DeferQualityUpdatesPeriodInDays",
            RegValue::Dword(ring.quality_deferral_days),
        ));
    }
    if ring.feature_deferral_days > 0 {
        values.push(("DeferFeatureUpdates", RegValue::Dword(1)));
        values.push((
            "DeferFeatureUpdatesPeriodInDays",
            RegValue::Dword(ring.feature_deferral_days),
        ));
    }
    if let Some(days) = ring.deadline_days {
        values.push(("ConfigureDeadlineForQualityUpdates", RegValue::Dword(days)));
        values.push((
            "ConfigureDeadlineGracePeriod",
            RegValue::Dword(ring.grace_days),
        ));
        if !ring.auto_reboot_before_deadline {
            values.push(("ConfigureDeadlineNoAutoReboot", RegValue::Dword(1)));
        }
    }
    if ring.paused {
        values.push((
            "PauseQualityUpdatesStartTime",
            pause_date(spec.start.day_number()),
        ));
    }
    values
}

/// `PauseQualityUpdatesStartTime` for a day number: `yyyy-mm-dd`.
pub fn pause_date(day: i64) -> RegValue {
    let date = crate::engine::CivilDateTime::from_seconds_since_epoch(day * 86_400);
    RegValue::Sz(format!(
        "{:04}-{:02}-{:02}",
        date.year, date.month, date.day
    ))
}

/// The registry change an admin action makes on a PC of its ring, on `today`.
pub fn action_values(change: Change, today: i64) -> Vec<(&'static str, Option<RegValue>)> {
    match change {
        Change::Pause => vec![("PauseQualityUpdatesStartTime", Some(pause_date(today)))],
        Change::Resume => vec![("PauseQualityUpdatesStartTime", None)],
        Change::QualityDeferral(days) => vec![
            (
                "DeferQualityUpdates",
                Some(RegValue::Dword(u32::from(days > 0))),
            ),
            (
                "DeferQualityUpdatesPeriodInDays",
                Some(RegValue::Dword(days)),
            ),
        ],
    }
}

/// On and online at a moment of the run: `day` of the run, and the PC's local weekday
/// (0 = Sunday) and hour.
pub fn power_state(
    member: Member,
    seed: u64,
    index: u32,
    day: u32,
    weekday: u8,
    hour: u8,
) -> (bool, bool) {
    let office =
        (1..=5).contains(&weekday) && (member.first_hour..member.first_hour + 10).contains(&hour);
    match member.power {
        Power::AlwaysOn => (true, true),
        Power::OfficeHours => (office, true),
        Power::Away => (office && day >= u32::from(member.away_days), true),
        Power::Traveller => (
            office,
            stream(seed, u64::from(index), 1_000 + u64::from(day)) & 1 == 0,
        ),
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}
