//! The one classifier of moves. A line's harmful moves (from the shell) and the components
//! it changed (from [`super::change`]) are judged against what the scenario needed changed
//! (the components its reference solution and alternative fixes change):
//!
//! - **harm**: damage a careful technician avoids (a service left Disabled or deleted, a
//!   restart during an install, a folder deleted instead of renamed...);
//! - **collateral**: a component that was not broken, changed (a catroot2 reset in a proxy
//!   ticket, a start type that was fine, a needless restart, a policy added);
//! - **best practice**: a working but non-default start type left at the end;
//! - **side effect**: what Microsoft's own procedures accept (the update history emptied
//!   by renaming `SoftwareDistribution`).
//!
//! The score ([`super::rubric`]), the live coach, the debrief and the test harness all use
//! these findings.

use serde::Serialize;

use super::change::Component;
use crate::pc::Pc;
use crate::remedy::Folder;
use crate::scm::{ServiceId, StartType};
use crate::shell::Harm;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Damage.
    Harm,
    /// A component that was not broken, changed.
    Collateral,
    /// A working but non-default setting.
    BestPractice,
    /// Accepted by Microsoft's own procedures; noted, never costs.
    SideEffect,
}

impl Severity {
    /// As the debrief labels it.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Harm => "harm",
            Severity::Collateral => "collateral",
            Severity::BestPractice => "best practice",
            Severity::SideEffect => "side effect",
        }
    }
}

/// One judged move (or end state), with what it was and why it matters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// How bad.
    pub severity: Severity,
    /// What happened, in a few words.
    pub what: String,
    /// Why it matters, in one sentence.
    pub why: String,
}

/// What a step of the learner's path was, for the debrief.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    /// It showed some of the scenario's evidence.
    Evidence,
    /// It changed something that needed changing.
    Fix,
    /// It changed nothing that needed changing.
    Unneeded,
    /// It did harm.
    Harmful,
    /// It only looked, or let time run.
    Neutral,
}

impl Mark {
    /// As the debrief labels it.
    pub fn label(self) -> &'static str {
        match self {
            Mark::Evidence => "evidence",
            Mark::Fix => "fix",
            Mark::Unneeded => "unneeded",
            Mark::Harmful => "harmful",
            Mark::Neutral => "",
        }
    }
}

/// Judges one line: its harms, and each component it changed against `needed`; returns the
/// step's mark (`evidence` when it showed some evidence and changed nothing; `unneeded` for
/// a repair that found nothing to change) and the findings.
pub fn judge(
    harms: &[Harm],
    changed: &[Component],
    needed: &[Component],
    remedy: bool,
    showed_evidence: bool,
) -> (Mark, Vec<Finding>) {
    let mut findings: Vec<Finding> = harms.iter().map(harm).collect();
    let mut fixed = false;
    let mut unneeded = false;
    for &component in changed {
        if harms.iter().any(|h| concerns(h, component)) || component == Component::Files {
            continue; // judged once, as the harm it is; files written are nobody's business
        }
        if needed.contains(&component) {
            fixed = true;
            if let Some(finding) = side_effect(component) {
                findings.push(finding);
            }
        } else if component.is_light() {
            unneeded |= component != Component::Files;
        } else {
            unneeded = true;
            findings.push(collateral(component));
        }
    }
    let mark = if !harms.is_empty() {
        Mark::Harmful
    } else if fixed {
        Mark::Fix
    } else if unneeded || remedy {
        Mark::Unneeded
    } else if showed_evidence {
        Mark::Evidence
    } else {
        Mark::Neutral
    };
    (mark, findings)
}

/// True when `harm` is what happened to `component` (so it is not judged twice).
fn concerns(harm: &Harm, component: Component) -> bool {
    match (harm, component) {
        (Harm::DisabledService(a) | Harm::DeletedService(a), Component::ServiceConfig(b)) => {
            *a == b
        }
        (Harm::DeletedFolder(a), Component::Folder(b)) => *a == b,
        (Harm::RebootDuringInstall, Component::Restart) => true,
        _ => false,
    }
}

fn harm(harm: &Harm) -> Finding {
    let why = match harm {
        Harm::DeletedFolder(_) => {
            "renaming keeps the old copy (and its history) to go back to; deleting loses it for good"
        }
        Harm::DisabledService(_) => {
            "Windows Update cannot work while a service it needs is Disabled, and nothing turns it back on"
        }
        Harm::RebootDuringInstall => {
            "an install cut off by a restart can leave Windows half-updated; wait for it to finish"
        }
        Harm::DeletedService(_) => {
            "a deleted service is gone after the next restart; only a repair of Windows brings it back"
        }
    };
    Finding {
        severity: Severity::Harm,
        what: harm.describe(),
        why: why.to_string(),
    }
}

fn side_effect(component: Component) -> Option<Finding> {
    (component == Component::Folder(Folder::SoftwareDistribution)).then(|| Finding {
        severity: Severity::SideEffect,
        what: "the update history was emptied (SoftwareDistribution renamed)".to_string(),
        why: "Microsoft's reset procedure accepts it: Settings' history starts again, the installed updates stay".to_string(),
    })
}

fn collateral(component: Component) -> Finding {
    let why = match component {
        Component::ServiceConfig(_) => {
            "its configuration was fine; a changed start type or recovery setting is one more thing to put back"
        }
        Component::Folder(Folder::SoftwareDistribution) => {
            "it was not damaged here: renaming it empties the update history and makes Windows download everything again"
        }
        Component::Folder(Folder::Catroot2) => {
            "it was healthy: a reset makes Cryptographic Services rebuild the catalog for nothing"
        }
        Component::Policy => {
            "policies are an administrator's decision; changing them was not needed here"
        }
        Component::Registry => "the registry was fine where you changed it",
        Component::Proxy => "the proxy setting was not the problem",
        Component::Clock => "the clock was not the problem",
        Component::Network => "the network was working; changing it cuts the user off",
        Component::ComponentStore => {
            "the component store was healthy; a repair takes many minutes for nothing"
        }
        Component::Restart => "a restart was not needed here, and the user loses their open work",
        Component::Service(_) | Component::Files => "it was not needed",
    };
    Finding {
        severity: Severity::Collateral,
        what: component.describe(),
        why: why.to_string(),
    }
}

/// The end state's best-practice findings: every service left on a start type that works
/// but is not its default.
pub fn best_practice(pc: &Pc) -> Vec<Finding> {
    ServiceId::all()
        .filter_map(|id| {
            let now = pc.scm().status(id).start_type;
            let default = id.spec().default_start;
            (now != default && now != StartType::Disabled).then(|| Finding {
                severity: Severity::BestPractice,
                what: format!(
                    "{} ({}) is left on {} (Windows ships it as {})",
                    id.display_name(),
                    id.name(),
                    now.label(),
                    default.label()
                ),
                why: why_default(default).to_string(),
            })
        })
        .collect()
}

fn why_default(default: StartType) -> &'static str {
    match default {
        StartType::Manual | StartType::ManualTrigger => {
            "a Manual service starts when something needs it; Automatic starts it at every boot whether it is needed or not, and the setting is one more thing that differs from every other PC"
        }
        StartType::Automatic | StartType::AutomaticDelayed => {
            "Windows starts it at every boot because other services count on it being there"
        }
        StartType::Disabled => "Windows ships it Disabled; leave it so",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(name: &str) -> ServiceId {
        ServiceId::find(name).unwrap()
    }

    #[test]
    fn a_needed_change_is_a_fix_and_an_unneeded_one_collateral() {
        let needed = [Component::Service(id("UsoSvc"))];
        let (mark, findings) = judge(
            &[],
            &[Component::Service(id("UsoSvc"))],
            &needed,
            false,
            false,
        );
        assert_eq!((mark, findings.len()), (Mark::Fix, 0));
        let (mark, findings) = judge(
            &[],
            &[Component::Folder(Folder::Catroot2)],
            &needed,
            false,
            true,
        );
        assert_eq!(mark, Mark::Unneeded);
        assert_eq!(findings[0].severity, Severity::Collateral);
    }

    #[test]
    fn restarting_a_healthy_service_is_unneeded_but_free() {
        let (mark, findings) = judge(
            &[],
            &[Component::Service(id("wuauserv"))],
            &[],
            false,
            false,
        );
        assert_eq!((mark, findings.len()), (Mark::Unneeded, 0));
    }

    #[test]
    fn harm_outranks_a_fix() {
        let (mark, findings) = judge(
            &[Harm::DisabledService(id("BITS"))],
            &[Component::ServiceConfig(id("BITS"))],
            &[Component::ServiceConfig(id("BITS"))],
            false,
            false,
        );
        assert_eq!(mark, Mark::Harmful);
        assert_eq!(
            findings.len(),
            1,
            "a harm is not also collateral: {findings:?}"
        );
        assert_eq!(findings[0].severity, Severity::Harm);
    }

    #[test]
    fn emptying_the_history_where_needed_is_a_side_effect() {
        let sd = Component::Folder(Folder::SoftwareDistribution);
        let (_, findings) = judge(&[], &[sd], &[sd], false, false);
        assert_eq!(findings[0].severity, Severity::SideEffect);
    }

    #[test]
    fn looking_at_evidence_is_marked_so() {
        assert_eq!(judge(&[], &[], &[], false, true).0, Mark::Evidence);
        assert_eq!(judge(&[], &[], &[], false, false).0, Mark::Neutral);
    }

    #[test]
    fn a_repair_that_changed_nothing_is_still_a_move() {
        assert_eq!(judge(&[], &[], &[], true, true).0, Mark::Unneeded);
    }
}
