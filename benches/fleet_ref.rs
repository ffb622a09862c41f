//! The "fleet-ref" benchmark: the reference fleet model of `perf/fleet_simpy.py`, run on
//! wusim's own discrete-event engine ([`wusim::engine::Sim`]), so that the two can be timed
//! side by side (`perf/compare.sh` runs both and prints the ratio).
//!
//! The model, identical to the SimPy one: N devices, each with a fixed bandwidth drawn
//! U(1, 100) Mbit/s. A device first wakes after U(0, 22 h) and scans; if the server has
//! published an update newer than the one it has installed it downloads 300 MB
//! (300 × 8 / bandwidth seconds), installs for U(10, 40) min and restarts for U(2, 6) min,
//! then waits U(20 h, 24 h) for its next scan. Every step (scan, download, install, restart)
//! fails with probability `--p-fault`; a failed step is retried from the scan after
//! U(30, 90) min. The server publishes a new update every 7 days, starting at t = 0.
//!
//! A "model event" is one timer that fires (one event popped from the queue), counted as
//! the Python counts them: every device timer, plus every release including the one at
//! t = 0. Faults and completed installs are counted too. Events at or after the end of the
//! run (`--days`) are not processed, as with SimPy's `env.run(until=…)`.
//!
//! What is timed is the run alone, as in the Python (`run_s`): scheduling the release and
//! each device's first wake-up, then the event loop, for the whole fleet on one
//! `Sim<Event>`. Building the fleet (drawing the bandwidths) is not timed, like SimPy's
//! `build`. The design follows `fast-simulation.md`: an event is a small `Copy` enum
//! carrying a `u32` device index, per-device state is one 12-byte record in one
//! pre-allocated `Vec`, time is integer milliseconds, nothing is allocated per event, and the
//! samplers are written here (U(0, 1) from 53 bits of `next_u64`; uniform whole milliseconds
//! by a multiply-high). The RNG streams differ from Python's Mersenne Twister, so the counts
//! are statistically similar to SimPy's, not identical; for a given seed they are identical
//! on every run (the benchmark checks that all repetitions agree).
//!
//! Run it with `cargo bench --bench fleet_ref` (10 000 and 100 000 devices, 30 days, 3
//! repetitions each), or choose: `cargo bench --bench fleet_ref -- --devices 10000 --days 30
//! --seed 42 --p-fault 0.01 --reps 5`. `--devices` may be repeated. Each size prints one
//! JSON summary line with the keys of the Python's summary (`impl`, `devices`, `days`,
//! `seed`, `median_run_s`, `median_ev_per_s`, `median_cpu_s`, `median_ev_per_cpu_s`,
//! `best_run_s`, `model_events`, plus `faults` and `installs`); `--json` prints only those
//! lines. CPU time comes from Linux's `/proc/thread-self/schedstat` (`null` elsewhere).
//! Unknown arguments (such as the `--bench` cargo passes) are ignored.

use std::time::Instant;
use wusim::engine::{Sim, SimDuration, SimRng, SimTime};

/// One hour, in milliseconds.
const HOUR_MS: u64 = 3_600_000;
/// One day, in milliseconds.
const DAY_MS: u64 = 24 * HOUR_MS;
/// One minute, in milliseconds.
const MIN_MS: u64 = 60_000;
/// Mean time between scans: 22 h.
const SCAN_MS: u64 = 22 * HOUR_MS;
/// Jitter of the time between scans: ± 2 h.
const JIT_MS: u64 = 2 * HOUR_MS;
/// The update's size: 300 MB, in Mbit.
const SIZE_MBIT: f64 = 300.0 * 8.0;
/// 2⁻⁵³: turns 53 random bits into a uniform f64 in [0, 1).
const UNIT: f64 = 1.0 / (1u64 << 53) as f64;

/// One event: the server's release, or a device's timer firing (what the timer was for is
/// the device's [`Phase`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Event {
    /// The server publishes a new update.
    Release,
    /// The timer of the device at this index fires.
    Device(u32),
}

/// What a device's pending timer ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// A wait before a scan (the first wake-up, the next scan, a retry after a fault).
    Scan,
    /// A download.
    Download,
    /// An install.
    Install,
    /// A restart.
    Restart,
}

/// The hot state of one device: 12 bytes.
#[derive(Clone, Copy, Debug)]
struct Device {
    /// How long the download takes on this device's bandwidth, in ms.
    download_ms: u32,
    /// The version installed.
    installed: u16,
    /// The version being downloaded and installed.
    target: u16,
    /// What the pending timer ends.
    phase: Phase,
}

const _: () = assert!(std::mem::size_of::<Device>() == 12);

/// The model's counters (Python's `stats`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Stats {
    /// Timers fired, plus every release (the one at t = 0 included).
    model_events: u64,
    /// Steps that failed.
    faults: u64,
    /// Updates installed.
    installs: u64,
}

/// The model's parameters.
#[derive(Clone, Copy, Debug)]
struct Params {
    devices: u32,
    days: f64,
    seed: u64,
    p_fault: f64,
    release_days: f64,
}

/// A uniform f64 in [0, 1) from the top 53 bits of one draw.
#[inline(always)]
fn unit(rng: &mut SimRng) -> f64 {
    (rng.next_u64() >> 11) as f64 * UNIT
}

/// A uniform duration in `low .. low + span` ms, whole milliseconds: the high 64 bits of
/// `draw × span` (a multiply instead of a division; the bias, under `span / 2⁶⁴`, is far below
/// anything a benchmark can see).
#[inline(always)]
fn uniform_ms(rng: &mut SimRng, low: u64, span: u64) -> SimDuration {
    SimDuration::from_millis(low + ((u128::from(rng.next_u64()) * u128::from(span)) >> 64) as u64)
}

/// One simulation: the fleet's records and the engine, re-built for each repetition.
struct Fleet {
    devices: Vec<Device>,
    sim: Sim<Event>,
}

impl Fleet {
    /// Builds the fleet (untimed, like SimPy's `build`): draws each device's bandwidth, in
    /// device order, from the simulation's RNG. `devices` is reused between repetitions.
    fn build(params: &Params, mut devices: Vec<Device>) -> Fleet {
        let mut sim = Sim::new(params.seed);
        devices.clear();
        devices.reserve(params.devices as usize);
        let rng = sim.rng();
        for _ in 0..params.devices {
            let bandwidth = 1.0 + 99.0 * unit(rng); // Mbit/s
            devices.push(Device {
                download_ms: (SIZE_MBIT / bandwidth * 1_000.0).round() as u32,
                installed: 0,
                target: 0,
                phase: Phase::Scan,
            });
        }
        Fleet { devices, sim }
    }

    /// Runs the model from t = 0 to the end (exclusive) and returns its counters.
    fn run(&mut self, params: &Params) -> Stats {
        let Fleet { devices, sim } = self;
        // A fault when the 53 drawn bits, read as k / 2⁵³, are below p: k < ⌈p · 2⁵³⌉.
        let fault_below = (params.p_fault * (1u64 << 53) as f64).ceil() as u64;
        let release = SimDuration::from_millis((params.release_days * DAY_MS as f64) as u64);
        let end_ms = (params.days * DAY_MS as f64) as u64;
        // SimPy stops before the events due at `until`: the last instant processed is 1 ms
        // earlier.
        let last = SimTime::from_millis(end_ms.saturating_sub(1));
        let releases = if release.as_millis() == 0 {
            u64::MAX
        } else {
            end_ms / release.as_millis() + 1
        };
        assert!(
            releases < u64::from(u16::MAX),
            "too many releases for a u16 version"
        );

        let mut stats = Stats::default();
        if end_ms == 0 {
            return stats;
        }
        // The server process first, then each device's first wake-up, drawn in device order.
        sim.schedule(SimDuration::ZERO, Event::Release);
        for index in 0..devices.len() as u32 {
            let offset = uniform_ms(sim.rng(), 0, SCAN_MS);
            sim.schedule(offset, Event::Device(index));
        }
        let mut latest: u16 = 0;

        while let Some(event) = sim.pop_until(last) {
            stats.model_events += 1;
            let index = match event {
                Event::Release => {
                    latest += 1;
                    sim.schedule(release, Event::Release);
                    continue;
                }
                Event::Device(index) => index,
            };
            let device = &mut devices[index as usize];
            let rng = sim.rng();
            let delay = if rng.next_u64() >> 11 < fault_below {
                stats.faults += 1;
                device.phase = Phase::Scan;
                uniform_ms(rng, 30 * MIN_MS, 60 * MIN_MS)
            } else {
                match device.phase {
                    Phase::Scan => {
                        if latest > device.installed {
                            device.target = latest;
                            device.phase = Phase::Download;
                            SimDuration::from_millis(u64::from(device.download_ms))
                        } else {
                            uniform_ms(rng, SCAN_MS - JIT_MS, 2 * JIT_MS)
                        }
                    }
                    Phase::Download => {
                        device.phase = Phase::Install;
                        uniform_ms(rng, 10 * MIN_MS, 30 * MIN_MS)
                    }
                    Phase::Install => {
                        device.phase = Phase::Restart;
                        uniform_ms(rng, 2 * MIN_MS, 4 * MIN_MS)
                    }
                    Phase::Restart => {
                        device.installed = device.target;
                        device.phase = Phase::Scan;
                        stats.installs += 1;
                        uniform_ms(rng, SCAN_MS - JIT_MS, 2 * JIT_MS)
                    }
                }
            };
            sim.schedule(delay, Event::Device(index));
        }
        stats
    }
}

/// One timed repetition.
#[derive(Clone, Copy, Debug)]
struct Run {
    /// Wall-clock seconds of the run.
    run_s: f64,
    /// CPU seconds of the run, if the platform tells (see [`thread_cpu_s`]).
    cpu_s: Option<f64>,
    stats: Stats,
}

/// CPU time this thread has had, in seconds: the first field of Linux's
/// `/proc/thread-self/schedstat` (nanoseconds on the CPU); `None` elsewhere. It lets a busy
/// machine be told from a slow engine (Python reports `time.thread_time()` the same way), but
/// the kernel only brings it up to date at scheduler ticks (every 4 ms here), so one
/// repetition's figure is good to a tick.
// Benchmarks measure themselves: the file system is banned from the model, not from benches.
#[allow(clippy::disallowed_methods)]
fn thread_cpu_s() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

/// Builds the fleet, then times its run with the wall clock (and the thread's CPU time).
// Benchmarks time themselves: the wall clock is banned from the model, not from benches.
#[allow(clippy::disallowed_methods)]
fn timed_run(params: &Params, devices: Vec<Device>) -> (Run, Vec<Device>) {
    let mut fleet = Fleet::build(params, devices);
    let cpu_start = thread_cpu_s();
    let start = Instant::now();
    let stats = fleet.run(params);
    let run_s = start.elapsed().as_secs_f64();
    let cpu_s = thread_cpu_s()
        .zip(cpu_start)
        .map(|(end, start)| end - start);
    let run = Run {
        run_s,
        cpu_s,
        stats,
    };
    (run, fleet.devices)
}

/// The command line: the Python's flags, plus `--json`.
#[derive(Clone, Debug)]
struct Args {
    devices: Vec<u32>,
    days: f64,
    seed: u64,
    p_fault: f64,
    release_days: f64,
    reps: usize,
    json: bool,
}

/// The value of `flag`, or why it is not one.
fn parse<T: std::str::FromStr>(flag: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{flag}: '{value}' is not a valid value"))
}

/// Reads `--flag value` and `--flag=value`; ignores what it does not know (cargo's `--bench`).
fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        devices: Vec::new(),
        days: 30.0,
        seed: 42,
        p_fault: 0.01,
        release_days: 7.0,
        reps: 3,
        json: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let takes_value = matches!(
            flag.as_str(),
            "--devices" | "--days" | "--seed" | "--p-fault" | "--release-days" | "--reps"
        );
        if !takes_value {
            if flag == "--json" {
                args.json = true;
            }
            continue;
        }
        let value = match inline {
            Some(v) => v,
            None => it.next().ok_or_else(|| format!("{flag} needs a value"))?,
        };
        match flag.as_str() {
            "--devices" => args.devices.push(parse(&flag, &value)?),
            "--days" => args.days = parse(&flag, &value)?,
            "--seed" => args.seed = parse(&flag, &value)?,
            "--p-fault" => args.p_fault = parse(&flag, &value)?,
            "--release-days" => args.release_days = parse(&flag, &value)?,
            _ => args.reps = parse(&flag, &value)?,
        }
    }
    if args.devices.is_empty() {
        args.devices = vec![10_000, 100_000];
    }
    if args.reps == 0 {
        return Err("--reps must be at least 1".to_string());
    }
    if !(args.days >= 0.0 && args.release_days > 0.0 && (0.0..=1.0).contains(&args.p_fault)) {
        return Err("--days must be ≥ 0, --release-days > 0 and --p-fault in [0, 1]".to_string());
    }
    Ok(args)
}

fn main() -> Result<(), String> {
    let args = parse_args()?;
    let mut devices = Vec::new();
    for &n in &args.devices {
        let params = Params {
            devices: n,
            days: args.days,
            seed: args.seed,
            p_fault: args.p_fault,
            release_days: args.release_days,
        };
        let mut runs = Vec::with_capacity(args.reps);
        for rep in 0..args.reps {
            let (run, back) = timed_run(&params, devices);
            devices = back;
            if !args.json {
                println!(
                    "fleet-ref wusim-engine: {n} devices, {} days, rep {}: {:.4} s (CPU {}), {} model events ({:.2} M ev/s), {} faults, {} installs",
                    args.days,
                    rep + 1,
                    run.run_s,
                    run.cpu_s.map_or("?".to_string(), |c| format!("{c:.3} s")),
                    run.stats.model_events,
                    run.stats.model_events as f64 / run.run_s / 1e6,
                    run.stats.faults,
                    run.stats.installs,
                );
            }
            runs.push(run);
        }
        assert!(
            runs.iter().all(|r| r.stats == runs[0].stats),
            "the repetitions of one seed disagree: the run is not deterministic"
        );
        // As the Python: the median and best runs by wall time, the median CPU time on its own.
        let mut cpu: Vec<f64> = runs.iter().filter_map(|r| r.cpu_s).collect();
        cpu.sort_by(f64::total_cmp);
        let median_cpu_s = (cpu.len() == runs.len()).then(|| cpu[cpu.len() / 2]);
        runs.sort_by(|a, b| a.run_s.total_cmp(&b.run_s));
        let median = runs[runs.len() / 2];
        let best = runs[0];
        let events = median.stats.model_events as f64;
        let summary = serde_json::json!({
            "impl": "wusim-engine",
            "devices": n,
            "days": args.days,
            "seed": args.seed,
            "median_run_s": median.run_s,
            "median_ev_per_s": events / median.run_s,
            "median_cpu_s": median_cpu_s,
            "median_ev_per_cpu_s": median_cpu_s.map(|c| events / c),
            "best_run_s": best.run_s,
            "model_events": median.stats.model_events,
            "faults": median.stats.faults,
            "installs": median.stats.installs,
        });
        println!("{summary}");
    }
    Ok(())
}
