//! Benchmark of the whole update pipeline on one PC: a full, healthy scan-to-restart cycle.
//!
//! Run with `cargo bench --bench pipeline`. One cycle: build a default PC with a fresh seed,
//! press "Check for updates", and let one simulated day pass — the scan, two downloads
//! (this month's cumulative update and a Defender definition update), two installs, the
//! restart the Update Orchestrator plans outside active hours, the boot, and the scan after
//! it. Property tests and fleet runs pay this per simulated PC, so the target is 100 000
//! cycles per second on one core.

use divan::Bencher;
use divan::counter::ItemsCount;
use wusim::engine::SimDuration;
use wusim::pc::Pc;

fn main() {
    divan::main();
}

const CYCLES: u64 = 1_000;

#[divan::bench(sample_count = 20, sample_size = 1)]
fn scan_to_restart(bencher: Bencher) {
    let mut seed = 0u64;
    bencher.counter(ItemsCount::new(CYCLES)).bench_local(|| {
        for _ in 0..CYCLES {
            seed += 1;
            let mut pc = Pc::builder().seed(seed).build();
            pc.check_for_updates();
            pc.run_for(SimDuration::from_days(1));
            assert!(pc.device().has_installed(5_060_999));
            divan::black_box(&pc);
        }
    });
}
