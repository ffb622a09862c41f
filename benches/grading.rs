//! Benchmark of grading: replaying a recorded attempt, as `wusim grade` does for each session
//! file of a class. One attempt: start the session (which plays the reference solution and
//! the alternative fixes to learn what a fix may change), then type the reference path,
//! judging every line (a PC snapshot, the comparison, the facts) up to the debrief.
//!
//! Run with `cargo bench --bench grading`.

use std::sync::Arc;

use divan::Bencher;
use wusim::scenario::builtin;
use wusim::session::{Session, State};

fn main() {
    divan::main();
}

/// Every built-in scenario with a goal, each variant merged in.
fn cases() -> Vec<Arc<wusim::scenario::Scenario>> {
    builtin::all()
        .into_iter()
        .filter(|s| s.goal.is_some())
        .flat_map(|s| s.cases())
        .map(Arc::new)
        .collect()
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn every_reference_path(bencher: Bencher) {
    let cases = cases();
    bencher
        .counter(divan::counter::ItemsCount::new(cases.len()))
        .bench_local(|| {
            for case in &cases {
                let mut session = Session::new(case.clone(), None);
                for line in &case.solution {
                    session.input(line);
                }
                assert_eq!(session.state(), State::Solved, "{}", case.id);
                divan::black_box(session.debrief());
            }
        });
}
