//! One case: a script run on one PC, once and twice, then the PC left to live on as a user
//! would ([`FOLLOW_UP`]); beside it, the same PC with the same follow-up and no script. The
//! four properties are read off the three end states:
//!
//! 1. **fixes**: the goal is met after the script where it is not without it;
//! 2. **does no harm**: no harmful move (judged line by line by the learners' classifier,
//!    [`crate::assess::moves::judge`]) and nothing worse at the end ([`predicate`]): no
//!    service deleted or left off its default start type, no policy added, no error on
//!    Settings where doing nothing leaves none. Collateral changes and side effects are
//!    warnings;
//! 3. **idempotent**: twice is as good as once;
//! 4. **runs clean**: no line unknown, unsimulated, a syntax error, or cut off by the step
//!    limit.

use std::sync::Arc;

use serde::Serialize;

use super::{Script, TestPc, predicate, test_pc::fault_label};
use crate::assess::{Component, Finding, Severity};
use crate::fault::Fault;
use crate::pc::Pc;
use crate::remedy::Folder;
use crate::scenario::{Scenario, goal};
use crate::scm::ServiceId;
use crate::session::{needed_components, new_shell, start_pc};
use crate::shell::{Harm, Shell};

/// What a user does after the script: check for updates, let the update install, restart;
/// check again and restart again (a PC that was waiting for a restart needs two rounds: the
/// old update finishes at the first restart, this month's installs after it).
pub const FOLLOW_UP: [&str; 8] = [
    "settings check",
    "wait 4h",
    "shutdown /r /t 0",
    "wait 10m",
    "settings check",
    "wait 4h",
    "shutdown /r /t 0",
    "wait 10m",
];

/// Answers that mean a line of the script did not run as written.
const UNCLEAN: [&str; 5] = [
    "is not recognized as an internal or external command",
    "is not recognized as the name of a cmdlet",
    "is a real Windows command, but the practice shell does not simulate it",
    "was unexpected at this time.",
    "ParserError",
];

/// The note the shell prints when a line reaches its step limit.
const STEP_LIMIT: &str = "(wusim: stopped after ";

/// How a case is run: the follow-up, and the detection script of an Intune-style pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// What the user does after the script ([`FOLLOW_UP`] by default).
    pub follow_up: Vec<String>,
    /// A detection script: the remediation runs only where it exits with 1.
    pub detect: Option<Script>,
}

impl Default for Plan {
    fn default() -> Self {
        Plan {
            follow_up: FOLLOW_UP.iter().map(|s| s.to_string()).collect(),
            detect: None,
        }
    }
}

/// A PC to run a script on: a built-in ticket or a drawn PC, and what a fix may change there.
#[derive(Clone, Debug)]
pub struct Case {
    /// `case 17`, or a ticket's `id [variant]`.
    pub name: String,
    /// The PC and its goal.
    pub scenario: Arc<Scenario>,
    /// What is broken.
    pub faults: Vec<Fault>,
    /// What a fix may change without it being collateral.
    pub needed: Vec<Component>,
}

impl Case {
    /// A drawn PC, named by its index in the run.
    pub fn drawn(index: u64, pc: &TestPc) -> Case {
        let mut needed: Vec<Component> = pc.faults.iter().flat_map(|&f| may_change(f)).collect();
        needed.sort();
        needed.dedup();
        Case {
            name: format!("case {index}"),
            scenario: Arc::new(pc.scenario()),
            faults: pc.faults.clone(),
            needed,
        }
    }

    /// A built-in ticket (a variant merged in): what its reference solution and alternative
    /// fixes change may change.
    pub fn ticket(scenario: Arc<Scenario>) -> Case {
        let name = match &scenario.variant {
            Some(v) => format!("{} [{v}]", scenario.id),
            None => scenario.id.clone(),
        };
        Case {
            name,
            faults: scenario.faults.iter().map(|s| s.fault).collect(),
            needed: needed_components(&scenario, scenario.seed),
            scenario,
        }
    }

    /// True when the case's PC needs a change (not only a diagnosis) and something done on
    /// the PC can make it.
    pub fn is_fixable(&self) -> bool {
        self.scenario
            .goal
            .as_ref()
            .is_some_and(|g| !g.is_diagnosis_only())
            && self.faults.iter().all(|f| f.is_fixable())
    }
}

/// What a fix of `fault` may change: the components Microsoft's remedy for it touches.
fn may_change(fault: Fault) -> Vec<Component> {
    use Component as C;
    let reset = |folder| {
        vec![
            C::Folder(folder),
            C::Service(ServiceId::WUAUSERV),
            C::Service(ServiceId::BITS),
            C::Service(ServiceId::CRYPTSVC),
        ]
    };
    match fault {
        Fault::ServiceStopped { service }
        | Fault::ServiceCrashed { service }
        | Fault::ServiceWedged { service } => vec![C::Service(service)],
        Fault::ServiceDisabled { service } | Fault::SetToDisabled { service } => {
            vec![C::ServiceConfig(service), C::Service(service)]
        }
        Fault::ServiceHung { service } => vec![C::Service(service), C::Restart],
        Fault::WuauservCrashLoop | Fault::CorruptDatastore | Fault::CorruptDownloadCache => {
            reset(Folder::SoftwareDistribution)
        }
        Fault::CorruptCatroot2 => reset(Folder::Catroot2),
        Fault::CorruptComponentStore => vec![C::ComponentStore, C::Restart],
        Fault::NetworkOffline => vec![C::Network],
        Fault::BrokenProxy => vec![C::Proxy],
        Fault::ClockSkew { .. } => vec![C::Clock, C::Service(ServiceId::W32TIME)],
        Fault::DiskFull => vec![C::Files],
        Fault::PendingRestart => vec![C::Restart],
        Fault::Server { .. } | Fault::IncompatibleDevice | Fault::SafeguardHold { .. } => {
            Vec::new()
        }
    }
}

/// How a script did on one case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseReport {
    /// The case's name.
    pub name: String,
    /// What was broken, by kind (`service-disabled (BITS)`).
    pub faults: Vec<String>,
    /// The case needs a change that something on the PC can make.
    pub fixable: bool,
    /// The remediation ran (always, unless a detection script said the PC was fine).
    pub remediated: bool,
    /// The goal is met after the script and the follow-up.
    pub fixed: bool,
    /// The goal is met after the follow-up alone (the script gets no credit then).
    pub fixed_without_script: bool,
    /// Harm: harmful moves, and what is worse at the end.
    pub harms: Vec<Finding>,
    /// Warnings: collateral changes and side effects.
    pub warnings: Vec<Finding>,
    /// Lines that did not run as written.
    pub unclean: Vec<String>,
    /// Twice is as good as once.
    pub idempotent: bool,
    /// What is worse after two runs than after one (empty when idempotent).
    pub worse_twice: Vec<String>,
}

/// A failed property, with its one-line reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// `fixes`, `does-no-harm`, `idempotent` or `runs-clean`.
    pub property: &'static str,
    /// Why, in one line.
    pub reason: String,
}

/// The four properties, in the order they are reported.
pub const PROPERTIES: [&str; 4] = ["fixes", "does-no-harm", "idempotent", "runs-clean"];

impl CaseReport {
    /// The properties that fail; `expect_fix` says whether this case must be fixed, and
    /// `strict` makes warnings fail "does no harm".
    pub fn failures(&self, expect_fix: bool, strict: bool) -> Vec<Failure> {
        let mut failures = Vec::new();
        if expect_fix && self.fixable && !self.fixed_without_script && !self.fixed {
            let reason = if self.remediated {
                "the PC is not up to date after the script and the follow-up"
            } else {
                "the detection script said the PC was fine, so the remediation never ran"
            };
            failures.push(Failure {
                property: "fixes",
                reason: reason.to_string(),
            });
        }
        let mut harms: Vec<&Finding> = self.harms.iter().collect();
        if strict {
            harms.extend(&self.warnings);
        }
        if !harms.is_empty() {
            failures.push(Failure {
                property: "does-no-harm",
                reason: harms
                    .iter()
                    .map(|f| f.what.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            });
        }
        if !self.idempotent {
            failures.push(Failure {
                property: "idempotent",
                reason: format!("run twice: {}", self.worse_twice.join("; ")),
            });
        }
        if !self.unclean.is_empty() {
            failures.push(Failure {
                property: "runs-clean",
                reason: self.unclean.join("; "),
            });
        }
        failures
    }
}

/// A script's lines run on a PC: what it showed, how it was judged, its exit code.
struct Ran {
    transcript: String,
    findings: Vec<Finding>,
    named: Vec<ServiceId>,
    unclean: Vec<String>,
    exit_code: i32,
}

fn run_script(pc: &mut Pc, shell: &mut Shell, script: &Script, needed: &[Component]) -> Ran {
    let mut ran = Ran {
        transcript: String::new(),
        findings: Vec::new(),
        named: Vec::new(),
        unclean: Vec::new(),
        exit_code: 0,
    };
    for line in script.lines() {
        let before = pc.clone();
        let out = shell.execute(pc, &line);
        let changed = crate::assess::change::between(&before, pc, out.waited);
        let (_, findings) =
            crate::assess::moves::judge(&out.harms, &changed, needed, out.remedy, false);
        ran.findings.extend(findings);
        for harm in &out.harms {
            if let Harm::DisabledService(id) | Harm::DeletedService(id) = harm {
                ran.named.push(*id);
            }
        }
        for shown in out.text.lines().map(str::trim) {
            let problem = if shown.starts_with(STEP_LIMIT) {
                Some(format!(
                    "did not finish in {} steps",
                    crate::shell::cmd::MAX_STEPS
                ))
            } else {
                UNCLEAN
                    .iter()
                    .any(|u| shown.contains(u))
                    .then(|| shown.to_string())
            };
            if let Some(p) = problem.filter(|p| !ran.unclean.contains(p)) {
                ran.unclean.push(p);
            }
        }
        ran.exit_code = out.exit_code;
        ran.transcript.push_str(&shell.prompt());
        ran.transcript.push_str(&line);
        ran.transcript.push('\n');
        ran.transcript.push_str(&out.text);
    }
    ran
}

fn follow(pc: &mut Pc, plan: &Plan) {
    let mut shell = Shell::new(pc);
    for line in &plan.follow_up {
        shell.execute(pc, line);
    }
}

fn fixed(case: &Case, pc: &Pc) -> bool {
    case.scenario
        .goal
        .as_ref()
        .is_some_and(|g| goal::unmet(g, pc).is_empty())
}

/// The harm of a run: its harmful moves, what is worse at the end than at the start (a
/// service a harmful move already named is not named twice), and an error where doing
/// nothing leaves none (unless it is the symptom of a fault the PC has: a script that
/// starts a disabled Orchestrator lets the PC meet a busy server, it does not break it).
fn harms(case: &Case, ran: &Ran, start: &Pc, end: &Pc, baseline: &Pc) -> Vec<Finding> {
    let mut harms: Vec<Finding> = ran
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Harm)
        .cloned()
        .collect();
    for finding in predicate::no_harm_since(start, end) {
        let named = ran
            .named
            .iter()
            .any(|id| finding.what.contains(&format!("({})", id.name())));
        if !named {
            harms.push(finding);
        }
    }
    if predicate::error_shown(baseline).is_none()
        && let Some(code) = predicate::error_shown(end)
        && !case.faults.iter().any(|&f| explains(f, code))
    {
        harms.push(Finding {
            severity: Severity::Harm,
            what: format!("Settings shows {code} at the end, where doing nothing leaves no error"),
            why: "the script broke something Windows Update needs".to_string(),
        });
    }
    dedup(harms)
}

/// True when `code` is what `fault` shows, now or once it has struck in full (a service set
/// to Disabled while running shows a disabled service's code after the next restart).
fn explains(fault: Fault, code: crate::win32::HResult) -> bool {
    let in_full = match fault {
        Fault::SetToDisabled { service } => Fault::ServiceDisabled { service },
        other => other,
    };
    fault.symptom() == Some(code) || in_full.symptom() == Some(code)
}

fn dedup(findings: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for f in findings {
        if !out.iter().any(|o| o.what == f.what) {
            out.push(f);
        }
    }
    out
}

/// What is tested: a script, run as Windows runs it, or a closure over the public PC API.
#[derive(Clone, Copy)]
enum Remedy<'a> {
    /// A script.
    Script(&'a Script),
    /// A closure: what it changes is judged as a script's changes are (it has no harmful
    /// moves of its own to report, so its harm is what is worse at the end).
    Closure(&'a dyn Fn(&mut Pc)),
}

impl Remedy<'_> {
    fn apply(self, pc: &mut Pc, shell: &mut Shell, needed: &[Component]) -> Ran {
        match self {
            Remedy::Script(script) => run_script(pc, shell, script, needed),
            Remedy::Closure(remedy) => {
                let before = pc.clone();
                remedy(pc);
                let changed = crate::assess::change::between(&before, pc, false);
                let (_, findings) =
                    crate::assess::moves::judge(&[], &changed, needed, false, false);
                Ran {
                    transcript: String::new(),
                    findings,
                    named: Vec::new(),
                    unclean: Vec::new(),
                    exit_code: 0,
                }
            }
        }
    }
}

/// Runs `script` on `case` as `plan` says, and reads the properties off the end states.
pub fn check(case: &Case, script: &Script, plan: &Plan) -> CaseReport {
    check_with_transcript(case, script, plan).0
}

/// Runs a closure over the public PC API on `case` as `plan` says (its detection script
/// included), and reads the properties off the end states.
///
/// ```
/// use wusim::fault::Fault;
/// use wusim::harness::{Case, Plan, TestPc, trial};
/// use wusim::pc::Pc;
/// use wusim::scm::{ServiceId, StartType};
///
/// let pc = TestPc::with_faults(&[Fault::ServiceDisabled { service: ServiceId::BITS }]);
/// let fix = |pc: &mut Pc| {
///     let _ = pc.set_start_type(ServiceId::BITS, StartType::Manual);
/// };
/// let report = trial::check_closure(&Case::drawn(0, &pc), &fix, &Plan::default());
/// assert!(report.fixed && report.failures(true, false).is_empty(), "{report:?}");
/// ```
pub fn check_closure(case: &Case, remedy: &dyn Fn(&mut Pc), plan: &Plan) -> CaseReport {
    check_remedy(case, Remedy::Closure(remedy), plan).0
}

/// [`check`], with the transcript of the script's first run.
pub fn check_with_transcript(case: &Case, script: &Script, plan: &Plan) -> (CaseReport, String) {
    check_remedy(case, Remedy::Script(script), plan)
}

fn check_remedy(case: &Case, remedy: Remedy<'_>, plan: &Plan) -> (CaseReport, String) {
    let scenario = &case.scenario;
    let mut files = match remedy {
        Remedy::Script(script) => script.files(),
        Remedy::Closure(_) => Vec::new(),
    };
    if let Some(detect) = &plan.detect {
        files.extend(detect.files());
    }
    let start = start_pc(scenario, scenario.seed, &files);
    let shell = new_shell(scenario, &start);
    let remediated = match &plan.detect {
        None => true,
        Some(detect) => {
            let (mut pc, mut shell) = (start.clone(), shell.clone());
            run_script(&mut pc, &mut shell, detect, &case.needed).exit_code == 1
        }
    };
    let mut baseline = start.clone();
    follow(&mut baseline, plan);
    let (mut once, mut once_shell) = (start.clone(), shell);
    let first = if remediated {
        remedy.apply(&mut once, &mut once_shell, &case.needed)
    } else {
        Ran {
            transcript: "(the detection script exited with 0: the remediation did not run)\n"
                .to_string(),
            findings: Vec::new(),
            named: Vec::new(),
            unclean: Vec::new(),
            exit_code: 0,
        }
    };
    // The second run, in a new console (as a technician runs it again; the first may have
    // restarted the PC, which closes its console).
    let mut twice = once.clone();
    let mut twice_shell = new_shell(scenario, &twice);
    let second = remediated.then(|| remedy.apply(&mut twice, &mut twice_shell, &case.needed));
    follow(&mut once, plan);
    follow(&mut twice, plan);
    let harms_once = harms(case, &first, &start, &once, &baseline);
    let (fixed_once, fixed_twice) = (fixed(case, &once), fixed(case, &twice));
    let mut worse_twice = Vec::new();
    if let Some(second) = &second {
        if fixed_once && !fixed_twice {
            worse_twice.push("the PC is not up to date at the end".to_string());
        }
        let harms_twice = harms(case, second, &start, &twice, &baseline);
        worse_twice.extend(
            harms_twice
                .into_iter()
                .filter(|h| !harms_once.iter().any(|o| o.what == h.what))
                .map(|h| h.what),
        );
    }
    let warnings = dedup(
        first
            .findings
            .iter()
            .filter(|f| matches!(f.severity, Severity::Collateral | Severity::SideEffect))
            .cloned()
            .collect(),
    );
    let report = CaseReport {
        name: case.name.clone(),
        faults: case.faults.iter().map(|&f| fault_label(f)).collect(),
        fixable: case.is_fixable(),
        remediated,
        fixed: fixed_once,
        fixed_without_script: fixed(case, &baseline),
        harms: harms_once,
        warnings,
        unclean: first.unclean,
        idempotent: worse_twice.is_empty(),
        worse_twice,
    };
    (report, first.transcript)
}
