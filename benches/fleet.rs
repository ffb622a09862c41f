//! Benchmark of fleet mode: `wusim fleet` on N PCs for 30 days (the example fleet's mix,
//! Autopatch's rings, a server capacity), on every core, release build. It prints the wall
//! time of the run (building the PCs included), the time per PC, and the memory the PCs hold
//! (their own size plus their heap, from `Pc::footprint`), and checks that one thread gives
//! the same tally.
//!
//! Run with `cargo bench --bench fleet` (10,000 and 100,000 PCs), or choose the sizes:
//! `cargo bench --bench fleet -- --pcs 1000000`. The targets (issue 13) are 100,000 PCs × 30
//! days in at most 2 s and 1,000,000 in at most 20 s within 1 KB a PC; the figures are in
//! the project's notes, never asserted in a test.
#![allow(clippy::disallowed_methods)] // a benchmark times itself

use std::time::Instant;

use wusim::fleet::run::{self, Context};
use wusim::fleet::spec;

fn fleet(pcs: u32) -> Context {
    let text = format!(
        "[fleet]\npcs = {pcs}\nseed = 1\ndays = 30\nsites = {}\nrings = \"autopatch\"\n\n[faults]\ncorrupt-download-cache = 0.5\nservice-disabled = 0.3\n\n[server]\nrequests-per-hour = {}\n",
        (pcs / 500).clamp(1, spec::MAX_SITES),
        pcs / 4
    );
    Context::new(spec::parse("bench.toml", &text).expect("a valid fleet file"))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let sizes: Vec<u32> = match args.iter().position(|a| a == "--pcs") {
        Some(i) => args[i + 1..]
            .iter()
            .take_while(|a| !a.starts_with("--"))
            .filter_map(|a| a.parse().ok())
            .collect(),
        None => vec![10_000, 100_000],
    };
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    for pcs in sizes {
        let ctx = fleet(pcs);
        let started = Instant::now();
        let tally = run::run(&ctx, None, threads, &|_, _| {});
        let wall = started.elapsed();
        let sample = ctx.unit(0, false);
        let (inline, heap) = sample.pc.footprint();
        println!(
            "fleet: {pcs} PCs x 30 days on {threads} threads: {:.2} s ({:.1} us a PC); a PC holds {} B at the start ({inline} inline + {heap} heap)",
            wall.as_secs_f64(),
            wall.as_secs_f64() * 1e6 / f64::from(pcs),
            inline + heap,
        );
        if pcs <= 20_000 {
            let one = run::run(&ctx, None, 1, &|_, _| {});
            assert_eq!(one, tally, "one thread gives the same tally");
        }
    }
}
