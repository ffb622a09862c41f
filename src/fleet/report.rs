//! The figures a ring planner reads, derived from a [`Tally`]: per ring and day the shares on
//! the newest update, waiting for a restart, failed (with the codes) and offline; the time
//! from the release to 50, 90 and 95 % per ring; the server's load (requests, gigabytes, the
//! peak hour, the throttled share) and what Delivery Optimization peers served.
//!
//! Shares are computed here, once, from the counts; the CLI only lays them out.

use serde::Serialize;

use super::spec::FleetSpec;
use super::tally::{HourLoad, Tally};
use crate::engine::SimDuration;

/// The compliance levels whose time is reported.
pub const LEVELS: [u32; 3] = [50, 90, 95];

/// A run's report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// PCs in the run.
    pub pcs: u32,
    /// Simulated days.
    pub days: u32,
    /// When the run started (local time).
    pub start: String,
    /// When the month's update was released, as hours after the start (`None`: no release
    /// in the run).
    pub release_hour: Option<u32>,
    /// Per ring.
    pub rings: Vec<RingReport>,
    /// The server.
    pub server: ServerReport,
    /// The highest share of the fleet the month's update reached (installed, waiting for a
    /// restart, or failed on it), percent: how far a bad update got.
    pub reached_pct: f64,
    /// The server hour by hour.
    pub hours: Vec<HourLoad>,
}

/// One ring's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RingReport {
    /// Its name.
    pub name: String,
    /// Its PCs.
    pub pcs: u32,
    /// Its quality deferral, days.
    pub deferral_days: u32,
    /// Day by day, at each day's end.
    pub days: Vec<DayRow>,
    /// Days from the release until 50, 90 and 95 % of the ring were on it (`None`: not
    /// reached in the run).
    pub days_to: [Option<f64>; 3],
    /// The highest share of the ring the month's update reached (installed or tried), in
    /// percent.
    pub reached_pct: f64,
    /// The share on the newest update, hour by hour, in percent (for the chart).
    #[serde(skip)]
    pub hourly_latest_pct: Vec<f64>,
}

/// A ring at a day's end.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DayRow {
    /// Day of the run (0 is the first).
    pub day: u32,
    /// Its date.
    pub date: String,
    /// On the newest update, percent.
    pub latest_pct: f64,
    /// Waiting for a restart, percent.
    pub pending_pct: f64,
    /// Failed, percent.
    pub failed_pct: f64,
    /// Off or without network all day, percent.
    pub offline_pct: f64,
    /// The failed PCs' error codes, most frequent first.
    pub codes: Vec<(String, u32)>,
}

/// The server's figures.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServerReport {
    /// Requests over the run.
    pub requests: u64,
    /// The busiest hour's requests, and the hour.
    pub peak_requests: (u32, u32),
    /// Gigabytes the server served.
    pub server_gb: f64,
    /// Gigabytes peers served.
    pub peer_gb: f64,
    /// The busiest hour's gigabytes from the server, and the hour.
    pub peak_gb: (f64, u32),
    /// Requests throttled, percent of all.
    pub throttled_pct: f64,
    /// Share of the downloaded bytes that came from peers, percent.
    pub peer_pct: f64,
    /// The capacity, requests per hour.
    pub capacity_requests: Option<u32>,
    /// The capacity, gigabytes per hour.
    pub capacity_gb: Option<f64>,
}

fn pct(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        round1(f64::from(part) * 100.0 / f64::from(whole))
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The hour (after the start) of the first release of a cumulative update in the run.
pub fn release_hour(spec: &FleetSpec, catalog: &crate::update::Catalog) -> Option<u32> {
    let start = spec.start.seconds_since_epoch();
    let end = start + i64::from(spec.days) * 86_400;
    catalog
        .updates()
        .iter()
        .filter(|u| u.revision.is_some() && u.feature.is_none())
        .map(|u| u.released.day_number() * 86_400)
        .filter(|&t| t >= start - 86_399 && t < end)
        .min()
        .map(|t| ((t - start).max(0) / 3_600) as u32)
}

impl Report {
    /// The report of a tally of `spec`'s fleet.
    pub fn new(spec: &FleetSpec, tally: &Tally, release_hour: Option<u32>) -> Report {
        let rings = spec
            .rings
            .iter()
            .enumerate()
            .map(|(r, ring)| {
                let pcs = tally.ring_pcs[r];
                let hourly: Vec<_> = tally.rings.iter().map(|h| h[r]).collect();
                let days = (0..spec.days)
                    .filter_map(|d| {
                        let h = hourly.get((d * 24 + 23) as usize)?;
                        let mut codes: Vec<(String, u32)> = tally.codes[d as usize][r]
                            .iter()
                            .map(|&(c, n)| (format!("0x{c:08X}"), n))
                            .collect();
                        codes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                        Some(DayRow {
                            day: d,
                            date: spec
                                .start
                                .plus(SimDuration::from_hours(u64::from(d) * 24))
                                .to_string()[..10]
                                .to_string(),
                            latest_pct: pct(h.latest, pcs),
                            pending_pct: pct(h.pending, pcs),
                            failed_pct: pct(h.failed, pcs),
                            offline_pct: pct(h.offline, pcs),
                            codes,
                        })
                    })
                    .collect();
                let release = release_hour.unwrap_or(0);
                let days_to = LEVELS.map(|level| {
                    hourly
                        .iter()
                        .enumerate()
                        .skip(release as usize)
                        .find(|(_, h)| {
                            pcs > 0
                                && u64::from(h.latest) * 100 >= u64::from(level) * u64::from(pcs)
                        })
                        .map(|(i, _)| round1((i as u32 + 1 - release) as f64 / 24.0))
                });
                RingReport {
                    name: ring.name.clone(),
                    pcs,
                    deferral_days: ring.quality_deferral_days,
                    days,
                    days_to,
                    reached_pct: pct(hourly.iter().map(|h| h.reached).max().unwrap_or(0), pcs),
                    hourly_latest_pct: hourly.iter().map(|h| pct(h.latest, pcs)).collect(),
                }
            })
            .collect();
        let mut total = HourLoad::default();
        let mut peak_requests = (0, 0);
        let mut peak_gb = (0.0, 0);
        for (h, load) in tally.load.iter().enumerate() {
            total.add(load);
            if load.requests > peak_requests.0 {
                peak_requests = (load.requests, h as u32);
            }
            let gb = load.server_mb as f64 / 1_000.0;
            if gb > peak_gb.0 {
                peak_gb = (round1(gb), h as u32);
            }
        }
        let reached = tally
            .rings
            .iter()
            .map(|h| h.iter().map(|r| r.reached).sum::<u32>())
            .max()
            .unwrap_or(0);
        let requests: u64 = tally.load.iter().map(|l| u64::from(l.requests)).sum();
        let throttled: u64 = tally.load.iter().map(|l| u64::from(l.throttled)).sum();
        Report {
            pcs: tally.pcs,
            days: spec.days,
            start: spec.start.to_string(),
            release_hour,
            rings,
            server: ServerReport {
                requests,
                peak_requests,
                server_gb: round1(total.server_mb as f64 / 1_000.0),
                peer_gb: round1(total.peer_mb as f64 / 1_000.0),
                peak_gb,
                throttled_pct: if requests == 0 {
                    0.0
                } else {
                    round1(throttled as f64 * 100.0 / requests as f64)
                },
                peer_pct: if total.downloaded_mb == 0 {
                    0.0
                } else {
                    round1(total.peer_mb as f64 * 100.0 / total.downloaded_mb as f64)
                },
                capacity_requests: spec.server.requests_per_hour,
                capacity_gb: spec.server.gb_per_hour,
            },
            reached_pct: pct(reached, tally.pcs),
            hours: tally.load.clone(),
        }
    }

    /// The whole fleet's share on the newest update at the end of the run, percent.
    pub fn final_latest_pct(&self) -> f64 {
        let pcs: u32 = self.rings.iter().map(|r| r.pcs).sum();
        let latest: f64 = self
            .rings
            .iter()
            .map(|r| r.days.last().map_or(0.0, |d| d.latest_pct) * f64::from(r.pcs))
            .sum();
        if pcs == 0 {
            0.0
        } else {
            round1(latest / f64::from(pcs))
        }
    }

    /// The daily table as CSV: one row per ring and day, with the server's figures for
    /// that day.
    pub fn csv(&self) -> String {
        let mut out = String::from(
            "ring,day,date,pcs,latest_pct,pending_pct,failed_pct,offline_pct,codes,server_requests,server_gb,peer_gb,throttled\n",
        );
        for ring in &self.rings {
            for row in &ring.days {
                let hours = &self.hours[(row.day * 24) as usize..((row.day + 1) * 24) as usize];
                let requests: u64 = hours.iter().map(|h| u64::from(h.requests)).sum();
                let throttled: u64 = hours.iter().map(|h| u64::from(h.throttled)).sum();
                let server: u64 = hours.iter().map(|h| h.server_mb).sum();
                let peer: u64 = hours.iter().map(|h| h.peer_mb).sum();
                let codes: Vec<String> =
                    row.codes.iter().map(|(c, n)| format!("{c}:{n}")).collect();
                out.push_str(&format!(
                    "{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
                    csv_field(&ring.name),
                    row.day,
                    row.date,
                    ring.pcs,
                    row.latest_pct,
                    row.pending_pct,
                    row.failed_pct,
                    row.offline_pct,
                    codes.join(" "),
                    requests,
                    round1(server as f64 / 1_000.0),
                    round1(peer as f64 / 1_000.0),
                    throttled,
                ));
            }
        }
        out
    }
}

/// A CSV field, quoted when it needs it.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
