//! Benchmark of the test harness: cases per second for a 40-line batch reset script
//! (`book/src/examples/good-fix.bat`) on drawn broken PCs, on one thread. One case is what
//! `wusim test` does for each PC: the script once and twice, the do-nothing baseline, each
//! followed by the follow-up (check, wait, restart, twice), and the four properties.
//!
//! Run with `cargo bench --bench harness`.

use divan::Bencher;
use proptest::strategy::ValueTree;
use wusim::harness::strategy::{self, Choices};
use wusim::harness::{Case, Plan, Script, trial};

fn main() {
    divan::main();
}

const GOOD_FIX: &str = include_str!("../book/src/examples/good-fix.bat");

#[divan::bench(sample_count = 10, sample_size = 1)]
fn good_fix_on_drawn_pcs(bencher: Bencher) {
    let script = Script::new("good-fix.bat", GOOD_FIX, false).expect("the example is a script");
    let plan = Plan::default();
    let strategy = strategy::test_pc(&Choices::default());
    let cases: Vec<Case> = (0..200)
        .map(|i| Case::drawn(i, &strategy::draw(&strategy, 0, i).current()))
        .collect();
    bencher
        .counter(divan::counter::ItemsCount::new(cases.len()))
        .bench_local(|| {
            for case in &cases {
                divan::black_box(trial::check(case, &script, &plan));
            }
        });
}
