//! Fleet mode's promises, on small drawn fleets:
//!
//! - a ring with a 7-day quality deferral has no PC on the new update before day 7 after its
//!   release;
//! - with no server capacity nobody is throttled;
//! - with Delivery Optimization off (mode 0), the server's bytes are the sum of the PCs'
//!   downloads;
//! - a PC re-simulated alone (`--open`) is the PC the fleet run had, at any hour;
//! - the same seed gives the same tally whatever the thread count, and shards merge into
//!   the whole fleet's tally when no capacity couples them.

use proptest::prelude::*;
use wusim::fleet::report::{Report, release_hour};
use wusim::fleet::run::{self, Context};
use wusim::fleet::spec;

fn fleet(text: &str) -> Context {
    Context::new(spec::parse("prop.toml", text).expect("a valid fleet file"))
}

fn small(pcs: u32, seed: u64, extra: &str) -> String {
    format!(
        "[fleet]\npcs = {pcs}\nseed = {seed}\ndays = 12\nsites = 2\n\n[faults]\ncorrupt-download-cache = 5\nservice-stopped = 5\n\n{extra}"
    )
}

const RINGS: &str = "[[ring]]\nname = \"Fast\"\nshare = 40\n\n[[ring]]\nname = \"Slow\"\nshare = 60\nquality-deferral-days = 7\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// A 7-day deferral holds the update for 7 days after its release day, whatever the PCs.
    #[test]
    fn a_7_day_deferral_keeps_the_ring_off_the_update_for_7_days(seed in 0u64..1_000, pcs in 20u32..60) {
        let ctx = fleet(&small(pcs, seed, RINGS));
        let tally = run::run(&ctx, None, 1, &|_, _| {});
        let release = release_hour(ctx.spec(), &ctx.catalog).expect("June's update is released");
        // The release day starts at `release`; its deferral ends 7 days later.
        for (h, rings) in tally.rings.iter().enumerate() {
            let slow = rings[1];
            if h >= release as usize && h < release as usize + 7 * 24 {
                prop_assert_eq!(slow.latest, 0, "hour {}: {} PCs of the deferred ring had it", h, slow.latest);
            }
        }
        // ...and the fast ring did get it in that time, so the test can fail.
        let fast_by_day_7 = tally.rings[release as usize + 7 * 24 - 1][0].latest;
        prop_assert!(fast_by_day_7 > 0);
    }

    /// Unlimited capacity throttles nobody; a tight one throttles someone.
    #[test]
    fn no_capacity_no_throttling(seed in 0u64..1_000) {
        let free = run::run(&fleet(&small(40, seed, "")), None, 1, &|_, _| {});
        prop_assert!(free.load.iter().all(|h| h.throttled == 0 && h.throttle_ppm == 0));
        let tight = run::run(&fleet(&small(40, seed, "[server]\nrequests-per-hour = 2\n")), None, 1, &|_, _| {});
        prop_assert!(tight.load.iter().map(|h| h.throttled).sum::<u32>() > 0);
    }

    /// With Delivery Optimization off, every byte comes from the server.
    #[test]
    fn without_peers_the_server_serves_every_byte(seed in 0u64..1_000) {
        let off = run::run(&fleet(&small(40, seed, "[delivery-optimization]\nmode = 0\n")), None, 1, &|_, _| {});
        let downloaded: u64 = off.load.iter().map(|h| h.downloaded_mb).sum();
        let served: u64 = off.load.iter().map(|h| h.server_mb).sum();
        prop_assert!(downloaded > 0);
        prop_assert_eq!(served, downloaded);
        prop_assert!(off.load.iter().all(|h| h.peer_mb == 0));
        // With peers on the same fleet, some bytes come from them.
        let lan = run::run(&fleet(&small(40, seed, "")), None, 1, &|_, _| {});
        prop_assert!(lan.load.iter().map(|h| h.peer_mb).sum::<u64>() > 0);
    }

    /// `--open`: a PC rebuilt alone and replayed to an hour is the PC the fleet had then,
    /// down to its event queue and random generator.
    #[test]
    fn an_opened_pc_is_the_fleet_s_pc(seed in 0u64..1_000, index in 0u32..30, day in 0u32..12) {
        let ctx = fleet(&small(30, seed, "[server]\nrequests-per-hour = 10\n[[action]]\nday = 2\nring = \"All\"\npause = true\n"));
        let tally = run::run(&ctx, None, 1, &|_, _| {});
        let hours = (day + 1) * 24;
        // The fleet's PC at that hour: the same run, stopped there, with its log kept.
        let mut unit = ctx.unit(index, true);
        for h in 0..hours {
            let hour = ctx.hour(h, tally.load[h as usize].throttle_ppm);
            run::advance_hour(&ctx, index, &mut unit, &hour);
        }
        let opened = run::replay(&ctx, &tally, index, hours);
        prop_assert_eq!(format!("{:?}", opened), format!("{:?}", unit.pc));
    }
}

/// The fleet's own PC at hour `hours` is the one `run` advanced: checked by recomputing the
/// tally from PCs stepped one by one.
#[test]
fn stepping_pcs_one_by_one_gives_the_fleet_s_tally() {
    let ctx = fleet(&small(25, 3, "[server]\nrequests-per-hour = 8\n"));
    let tally = run::run(&ctx, None, 2, &|_, _| {});
    let mut units: Vec<_> = (0..25).map(|i| ctx.unit(i, false)).collect();
    for h in 0..ctx.spec().days * 24 {
        let hour = ctx.hour(h, tally.load[h as usize].throttle_ppm);
        let mut requests = 0;
        let mut latest = 0;
        for (i, unit) in units.iter_mut().enumerate() {
            let out = run::advance_hour(&ctx, i as u32, unit, &hour);
            requests += out.requests;
            latest += u32::from(out.latest);
        }
        assert_eq!(requests, tally.load[h as usize].requests, "hour {h}");
        assert_eq!(latest, tally.rings[h as usize][0].latest, "hour {h}");
    }
}

#[test]
fn the_same_seed_gives_the_same_report_on_any_thread_count_and_shards_merge() {
    let ctx = fleet(&small(60, 11, RINGS));
    let one = run::run(&ctx, None, 1, &|_, _| {});
    for threads in [2, 3, 7] {
        assert_eq!(
            run::run(&ctx, None, threads, &|_, _| {}),
            one,
            "{threads} threads"
        );
    }
    let report = |t| {
        serde_json::to_string(&Report::new(
            ctx.spec(),
            t,
            release_hour(ctx.spec(), &ctx.catalog),
        ))
        .unwrap()
    };
    let a = run::run(&ctx, Some((0, 2)), 1, &|_, _| {});
    let b = run::run(&ctx, Some((1, 2)), 2, &|_, _| {});
    assert!(a.pcs > 0 && b.pcs > 0 && a.pcs + b.pcs == 60);
    let merged = a.merge(&b).unwrap();
    assert_eq!(
        report(&merged),
        report(&one),
        "no capacity: the merge is the single run"
    );
}
