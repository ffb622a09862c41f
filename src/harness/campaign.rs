//! A whole run of `wusim test`: every case (drawn PCs or built-in tickets) checked on as
//! many threads as asked, folded in case order into a fault × outcome matrix, and the first
//! failure of each property shrunk to the simplest PC that still fails it. Case `i` is drawn
//! from its own generator ([`strategy::draw`]) and results are folded by index, so the
//! report is the same byte for byte whatever the thread count.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use proptest::strategy::{BoxedStrategy, ValueTree};
use serde::Serialize;

use super::strategy::{self, Choices};
use super::trial::{self, Case, CaseReport, Failure, PROPERTIES, Plan};
use super::{Script, TestPc};
use crate::scenario::Scenario;

/// The most shrinking steps per counterexample (each step runs one case).
pub const MAX_SHRINK_STEPS: u32 = 256;

/// The most failing cases a report lists one by one (the matrix counts them all).
pub const MAX_LISTED: usize = 20;

/// What to test the script on.
#[derive(Clone, Debug)]
pub enum Cases {
    /// `count` PCs drawn as `choices` allow, from `seed`.
    Drawn {
        /// What the PCs may be.
        choices: Choices,
        /// How many.
        count: u64,
        /// The run's seed.
        seed: u64,
    },
    /// Built-in tickets (each variant merged in).
    Tickets(Vec<Arc<Scenario>>),
}

impl Cases {
    fn len(&self) -> u64 {
        match self {
            Cases::Drawn { count, .. } => *count,
            Cases::Tickets(t) => t.len() as u64,
        }
    }
}

/// How to judge the cases.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The follow-up and the detection script.
    pub plan: Plan,
    /// What must be fixed: fault kinds (drawn PCs) or ticket ids; empty: everything a
    /// script can fix.
    pub expect: Vec<String>,
    /// Warnings (collateral, side effects) fail "does no harm".
    pub strict: bool,
    /// Threads to run cases on (at least one).
    pub threads: usize,
    /// The properties that must hold (empty: all four); the others are reported only.
    pub required: Vec<&'static str>,
}

/// The report of a run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The script's file name.
    pub script: String,
    /// The seed of drawn PCs (none for tickets).
    pub seed: Option<u64>,
    /// How many cases ran.
    pub cases: u64,
    /// The properties that must hold.
    pub required: Vec<&'static str>,
    /// Each property: how many cases fail it, and its shrunk counterexample.
    pub properties: Vec<PropertyReport>,
    /// Each fault class (a fault kind, `healthy`, or a ticket): its outcomes.
    pub matrix: Vec<MatrixRow>,
    /// The first failing cases, in case order.
    pub failing: Vec<FailingCase>,
}

impl Report {
    /// True when every property holds on every case.
    pub fn passed(&self) -> bool {
        self.properties
            .iter()
            .filter(|p| self.required.contains(&p.property))
            .all(|p| p.failed == 0)
    }
}

/// One property over the run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PropertyReport {
    /// Its name.
    pub property: &'static str,
    /// Cases that fail it.
    pub failed: u64,
    /// The first failing case, shrunk.
    pub counterexample: Option<Counterexample>,
}

/// A failing case at its simplest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Counterexample {
    /// The case it was shrunk from.
    pub shrunk_from: String,
    /// How many shrinking steps were tried.
    pub shrink_steps: u32,
    /// The PC, in one line.
    pub pc: String,
    /// Its faults.
    pub faults: Vec<String>,
    /// Why the property fails there.
    pub reason: String,
    /// A scenario file of it (drawn PCs only): `wusim play` opens it, `validate` accepts it.
    pub scenario_file: Option<String>,
    /// What the script printed there.
    pub transcript: String,
}

/// One fault class's outcomes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MatrixRow {
    /// A fault kind, `healthy`, or a ticket.
    pub class: String,
    /// Cases with it.
    pub cases: u64,
    /// Fixed by the script (and not without it).
    pub fixed: u64,
    /// Not fixed, with or without the script.
    pub not_fixed: u64,
    /// Fixed without the script too.
    pub no_need: u64,
    /// Harmed by the script.
    pub harmed: u64,
    /// For each property, failing cases and the first one's reason.
    pub failures: Vec<ClassFailures>,
}

/// A property's failures within one class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClassFailures {
    /// The property.
    pub property: &'static str,
    /// Failing cases.
    pub count: u64,
    /// The first one: its name and the reason.
    pub first: Option<(String, String)>,
}

/// A failing case, listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FailingCase {
    /// Its report.
    #[serde(flatten)]
    pub report: CaseReport,
    /// What fails.
    pub failures: Vec<Failure>,
}

/// One case's result, as the fold needs it.
struct Done {
    index: u64,
    classes: Vec<String>,
    report: CaseReport,
    failures: Vec<Failure>,
}

/// Runs `script` on `cases`; `progress` hears how many cases are done.
pub fn run(
    script: &Script,
    cases: &Cases,
    settings: &Settings,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Report {
    let total = cases.len();
    let next = AtomicU64::new(0);
    let done = AtomicU64::new(0);
    let threads = settings.threads.clamp(1, 64);
    let mut results: Vec<Done> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    // Strategies are not shared between threads: each worker makes its own.
                    let strategy = strategy_of(cases);
                    let mut mine = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if index >= total {
                            break;
                        }
                        let case = case_at(cases, strategy.as_ref(), index);
                        let report = trial::check(&case, script, &settings.plan);
                        let failures =
                            report.failures(expected(&case, cases, settings), settings.strict);
                        mine.push(Done {
                            index,
                            classes: classes(&case, cases),
                            report,
                            failures,
                        });
                        progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    results.sort_by_key(|d| d.index);
    let strategy = strategy_of(cases);
    let mut report = fold(script, cases, &results);
    report.required = if settings.required.is_empty() {
        PROPERTIES.to_vec()
    } else {
        settings.required.clone()
    };
    for property in &mut report.properties {
        if let Some(first) = results
            .iter()
            .find(|d| d.failures.iter().any(|f| f.property == property.property))
        {
            property.counterexample = Some(shrink(
                script,
                cases,
                strategy.as_ref(),
                settings,
                first.index,
                property.property,
            ));
        }
    }
    report
}

fn strategy_of(cases: &Cases) -> Option<BoxedStrategy<TestPc>> {
    match cases {
        Cases::Drawn { choices, .. } => Some(strategy::test_pc(choices)),
        Cases::Tickets(_) => None,
    }
}

fn case_at(cases: &Cases, strategy: Option<&BoxedStrategy<TestPc>>, index: u64) -> Case {
    match (cases, strategy) {
        (Cases::Drawn { seed, .. }, Some(strategy)) => {
            Case::drawn(index, &strategy::draw(strategy, *seed, index).current())
        }
        (Cases::Tickets(tickets), _) => Case::ticket(tickets[index as usize].clone()),
        (Cases::Drawn { .. }, None) => unreachable!("drawn cases come with their strategy"),
    }
}

/// Whether `case` must be fixed: `expect` names its fault kinds (drawn PCs) or its ticket.
fn expected(case: &Case, cases: &Cases, settings: &Settings) -> bool {
    if settings.expect.is_empty() {
        return true;
    }
    match cases {
        Cases::Drawn { .. } => {
            !case.faults.is_empty()
                && case
                    .faults
                    .iter()
                    .all(|f| settings.expect.iter().any(|e| e == f.kind()))
        }
        Cases::Tickets(_) => settings.expect.contains(&case.scenario.id),
    }
}

fn classes(case: &Case, cases: &Cases) -> Vec<String> {
    match cases {
        Cases::Tickets(_) => vec![case.name.clone()],
        Cases::Drawn { .. } if case.faults.is_empty() => vec!["healthy".to_string()],
        Cases::Drawn { .. } => {
            let mut kinds: Vec<String> = case.faults.iter().map(|f| f.kind().to_string()).collect();
            kinds.sort();
            kinds.dedup();
            kinds
        }
    }
}

fn fold(script: &Script, cases: &Cases, results: &[Done]) -> Report {
    let mut matrix: Vec<MatrixRow> = Vec::new();
    let mut properties: Vec<PropertyReport> = PROPERTIES
        .iter()
        .map(|&property| PropertyReport {
            property,
            failed: 0,
            counterexample: None,
        })
        .collect();
    let mut failing = Vec::new();
    for done in results {
        let r = &done.report;
        for class in &done.classes {
            let row = match matrix.iter().position(|m| &m.class == class) {
                Some(i) => &mut matrix[i],
                None => {
                    matrix.push(MatrixRow {
                        class: class.clone(),
                        cases: 0,
                        fixed: 0,
                        not_fixed: 0,
                        no_need: 0,
                        harmed: 0,
                        failures: PROPERTIES
                            .iter()
                            .map(|&property| ClassFailures {
                                property,
                                count: 0,
                                first: None,
                            })
                            .collect(),
                    });
                    matrix.last_mut().expect("just pushed")
                }
            };
            row.cases += 1;
            match (r.fixed_without_script, r.fixed) {
                (true, _) => row.no_need += 1,
                (false, true) => row.fixed += 1,
                (false, false) => row.not_fixed += 1,
            }
            row.harmed += u64::from(!r.harms.is_empty());
            for failure in &done.failures {
                if let Some(c) = row
                    .failures
                    .iter_mut()
                    .find(|c| c.property == failure.property)
                {
                    c.count += 1;
                    c.first
                        .get_or_insert_with(|| (r.name.clone(), failure.reason.clone()));
                }
            }
        }
        for failure in &done.failures {
            if let Some(p) = properties
                .iter_mut()
                .find(|p| p.property == failure.property)
            {
                p.failed += 1;
            }
        }
        if !done.failures.is_empty() && failing.len() < MAX_LISTED {
            failing.push(FailingCase {
                report: r.clone(),
                failures: done.failures.clone(),
            });
        }
    }
    matrix.sort_by(|a, b| a.class.cmp(&b.class));
    Report {
        script: script.name.clone(),
        seed: match cases {
            Cases::Drawn { seed, .. } => Some(*seed),
            Cases::Tickets(_) => None,
        },
        cases: results.len() as u64,
        required: PROPERTIES.to_vec(),
        properties,
        matrix,
        failing,
    }
}

/// The first failing case of `property`, shrunk (drawn PCs) to the simplest PC that still
/// fails it: fewer faults, default hardware, the default start.
fn shrink(
    script: &Script,
    cases: &Cases,
    strategy: Option<&BoxedStrategy<TestPc>>,
    settings: &Settings,
    index: u64,
    property: &'static str,
) -> Counterexample {
    let fails = |case: &Case| -> Option<(String, String)> {
        let (report, transcript) = trial::check_with_transcript(case, script, &settings.plan);
        report
            .failures(expected(case, cases, settings), settings.strict)
            .into_iter()
            .find(|f| f.property == property)
            .map(|f| (f.reason, transcript))
    };
    let (Cases::Drawn { seed, .. }, Some(strategy)) = (cases, strategy) else {
        let case = case_at(cases, strategy, index);
        let (reason, transcript) = fails(&case).unwrap_or_default();
        return Counterexample {
            shrunk_from: case.name.clone(),
            shrink_steps: 0,
            pc: format!(
                "the built-in ticket {}: wusim play {} --file {}",
                case.name, case.scenario.id, script.name
            ),
            faults: case
                .faults
                .iter()
                .map(|&f| super::test_pc::fault_label(f))
                .collect(),
            reason,
            scenario_file: None,
            transcript,
        };
    };
    let mut tree = strategy::draw(strategy, *seed, index);
    let mut best = tree.current();
    let mut found = fails(&Case::drawn(index, &best)).unwrap_or_default();
    let mut steps = 0;
    while steps < MAX_SHRINK_STEPS && tree.simplify() {
        steps += 1;
        let candidate = tree.current();
        match fails(&Case::drawn(index, &candidate)) {
            Some(result) => {
                best = candidate;
                found = result;
            }
            None => {
                if !tree.complicate() {
                    break;
                }
            }
        }
    }
    let (reason, transcript) = found;
    let why = format!("{property}: {reason}");
    Counterexample {
        shrunk_from: format!("case {index}"),
        shrink_steps: steps,
        pc: best.describe(),
        faults: best
            .faults
            .iter()
            .map(|&f| super::test_pc::fault_label(f))
            .collect(),
        scenario_file: Some(best.counterexample_file(
            script,
            &settings.plan.follow_up,
            &why,
            &transcript,
        )),
        reason,
        transcript,
    }
}
