//! What a fleet run counts, hour by hour: per ring, the PCs on the newest update, waiting
//! for a restart, failed (with which codes, at each day's end) and offline; for the server,
//! requests, throttled requests and the bytes it and the Delivery Optimization peers served.
//!
//! Every figure is a count, so tallies add: the shards of a fleet ([`Tally::merge`]) give
//! the tally of the whole fleet. The report's figures (shares, time to 95 %, the daily
//! table) are derived from a tally, never stored in it.

use serde::{Deserialize, Serialize};

use super::spec::FleetSpec;

/// The server's hour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HourLoad {
    /// Requests (scans and downloads) that reached the server.
    pub requests: u32,
    /// Of which throttled (answered with HTTP 503).
    pub throttled: u32,
    /// MB the PCs downloaded.
    pub downloaded_mb: u64,
    /// Of which the server served.
    pub server_mb: u64,
    /// Of which Delivery Optimization peers served.
    pub peer_mb: u64,
    /// The share of PCs the server throttled this hour, in parts per million.
    pub throttle_ppm: u32,
}

impl HourLoad {
    /// Adds another part's counts (the throttled share is the fleet's, not a count).
    pub fn add(&mut self, other: &HourLoad) {
        self.requests += other.requests;
        self.throttled += other.throttled;
        self.downloaded_mb += other.downloaded_mb;
        self.server_mb += other.server_mb;
        self.peer_mb += other.peer_mb;
        self.throttle_ppm = self.throttle_ppm.max(other.throttle_ppm);
    }
}

/// A ring at the end of an hour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RingHour {
    /// PCs on the newest cumulative update of their version.
    pub latest: u32,
    /// PCs waiting for a restart to finish it.
    pub pending: u32,
    /// PCs not on it whose last step failed.
    pub failed: u32,
    /// PCs not yet on and online today (at a day's end: offline all day).
    pub offline: u32,
    /// PCs that have the month's update or tried it.
    pub reached: u32,
}

impl RingHour {
    /// Adds another part's counts.
    pub fn add(&mut self, other: &RingHour) {
        self.latest += other.latest;
        self.pending += other.pending;
        self.failed += other.failed;
        self.offline += other.offline;
        self.reached += other.reached;
    }
}

/// Everything a run counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// PCs counted.
    pub pcs: u32,
    /// PCs per ring.
    pub ring_pcs: Vec<u32>,
    /// The server, hour by hour.
    pub load: Vec<HourLoad>,
    /// The rings, hour by hour.
    pub rings: Vec<Vec<RingHour>>,
    /// Per day and ring, the error codes of failed PCs at the day's end, by code.
    pub codes: Vec<Vec<Vec<(u32, u32)>>>,
}

impl Tally {
    /// An empty tally for the PCs `indexes` of a fleet; `ring` tells each PC's ring.
    pub fn new(spec: &FleetSpec, indexes: &[u32], ring: impl Fn(u32) -> u8) -> Self {
        let mut ring_pcs = vec![0; spec.rings.len()];
        for &i in indexes {
            ring_pcs[usize::from(ring(i))] += 1;
        }
        Tally {
            pcs: indexes.len() as u32,
            ring_pcs,
            load: Vec::new(),
            rings: Vec::new(),
            codes: vec![vec![Vec::new(); spec.rings.len()]; spec.days as usize],
        }
    }

    /// Records an hour.
    pub fn push_hour(&mut self, load: HourLoad, rings: Vec<RingHour>) {
        self.load.push(load);
        self.rings.push(rings);
    }

    /// Adds a day's error codes, per ring.
    pub fn add_codes(&mut self, day: u32, codes: &[Vec<(u32, u32)>]) {
        let Some(day) = self.codes.get_mut(day as usize) else {
            return;
        };
        for (ring, add) in day.iter_mut().zip(codes) {
            for &(code, n) in add {
                match ring.iter_mut().find(|(c, _)| *c == code) {
                    Some((_, m)) => *m += n,
                    None => ring.push((code, n)),
                }
            }
            ring.sort_unstable();
        }
    }

    /// The tally of two parts of the same fleet (shards): every count added.
    ///
    /// # Errors
    /// When they are not parts of the same fleet file (different rings or length).
    pub fn merge(mut self, other: &Tally) -> Result<Tally, String> {
        if self.ring_pcs.len() != other.ring_pcs.len() || self.load.len() != other.load.len() {
            return Err("the results are not shards of the same fleet file".to_string());
        }
        self.pcs += other.pcs;
        for (a, b) in self.ring_pcs.iter_mut().zip(&other.ring_pcs) {
            *a += b;
        }
        for (a, b) in self.load.iter_mut().zip(&other.load) {
            a.add(b);
        }
        for (a, b) in self.rings.iter_mut().zip(&other.rings) {
            for (a, b) in a.iter_mut().zip(b) {
                a.add(b);
            }
        }
        for (day, codes) in other.codes.iter().enumerate() {
            self.add_codes(day as u32, codes);
        }
        Ok(self)
    }
}
