//! Is the goal met? [`unmet`] lists, in words, every part of a scenario's goal that is not met
//! yet — empty when it is. A goal is an outcome: what the user needs, met by every fix that
//! achieves it on Windows. A service left Disabled (where Windows does not ship it so) leaves
//! the goal unmet, since Windows Update cannot use it; any other start type works and is only
//! graded as best practice ([`crate::assess::moves::best_practice`]). The diagnosis is the
//! session's business.

use super::schema::GoalSpec;
use crate::pc::Pc;
use crate::scm::{ServiceId, ServiceState, StartType};
use crate::settings::{SettingsPage, UpdateStatus};
use crate::update::Classification;

/// How long the PC is left running after the restart of an `after-restart` check.
const AFTER_RESTART: crate::engine::SimDuration = crate::engine::SimDuration::from_hours(1);

/// The parts of `goal` not met on `pc`, including — for a goal that must survive a restart —
/// what a copy of the PC, restarted and left for an hour, no longer meets.
pub fn unmet(goal: &GoalSpec, pc: &Pc) -> Vec<String> {
    let missing = unmet_now(goal, pc);
    if !missing.is_empty() || !goal.after_restart {
        return missing;
    }
    let mut later = pc.clone();
    later.reboot();
    later.run_for(AFTER_RESTART);
    unmet_now(goal, &later)
        .into_iter()
        .map(|m| format!("After a restart: {m}"))
        .collect()
}

/// The parts of `goal` not met on `pc` as it is now.
fn unmet_now(goal: &GoalSpec, pc: &Pc) -> Vec<String> {
    let mut missing = Vec::new();
    let device = pc.device();
    for kb in &goal.installed {
        if device.staged.iter().any(|s| s.kb == kb.0) {
            missing.push(format!("KB{} is installed but waits for a restart.", kb.0));
        } else if !device.has_installed(kb.0) {
            missing.push(format!("KB{} is not installed yet.", kb.0));
        }
    }
    if let Some(version) = goal.windows
        && device.os.version != version
    {
        missing.push(format!(
            "The PC runs {}, not {}.",
            device.os.version.label(),
            version.label()
        ));
    }
    if goal.up_to_date {
        let catalog = pc.server().catalog();
        let waiting: Vec<String> = crate::update::applicability::applicable(device, catalog)
            .filter(|u| u.classification != Classification::FeatureUpdate)
            .map(|u| u.id.to_string())
            .collect();
        if !waiting.is_empty() {
            missing.push(format!(
                "Updates are still waiting to be installed: {}.",
                waiting.join(", ")
            ));
        }
    }
    if (goal.up_to_date || goal.no_pending_restart) && device.pending_restart() {
        missing.push("A restart is still pending.".to_string());
    }
    for &service in &goal.running {
        if pc.scm().state(service) != ServiceState::Running {
            missing.push(format!(
                "{} ({}) is not running.",
                service.display_name(),
                service.name()
            ));
        }
    }
    if goal.default_start_types {
        for service in ServiceId::all() {
            let now = pc.scm().status(service).start_type;
            let default = service.spec().default_start;
            if now == StartType::Disabled && default != StartType::Disabled {
                // Which one is for the learner to find: the goal only says what is wrong.
                missing.push(
                    "A service Windows Update needs is Disabled, so it cannot start when it is needed."
                        .to_string(),
                );
                break;
            }
        }
    }
    if goal.settings_ok {
        let page = SettingsPage::of(pc);
        match page.status {
            UpdateStatus::Error => missing.push(format!(
                "Settings > Windows Update still shows an error{}.",
                page.error.map(|e| format!(" ({e})")).unwrap_or_default()
            )),
            UpdateStatus::SomethingWentWrong => {
                missing.push("Settings > Windows Update says something went wrong.".to_string());
            }
            _ => {}
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::schema::GoalSpec;

    fn goal() -> GoalSpec {
        GoalSpec {
            running: Vec::new(),
            ..GoalSpec::default()
        }
    }

    #[test]
    fn a_disabled_service_leaves_the_goal_unmet_but_automatic_does_not() {
        let mut pc = Pc::builder().seed(1).build();
        assert!(unmet(&goal(), &pc).is_empty());
        pc.set_start_type(ServiceId::WUAUSERV, StartType::Automatic)
            .unwrap();
        assert!(
            unmet(&goal(), &pc).is_empty(),
            "a working start type is only best practice"
        );
        pc.set_start_type(ServiceId::WUAUSERV, StartType::Disabled)
            .unwrap();
        let missing = unmet(&goal(), &pc);
        assert!(missing[0].contains("is Disabled"), "{missing:?}");
        assert!(
            !missing[0].contains("wuauserv"),
            "the goal does not name the cause"
        );
    }

    #[test]
    fn an_after_restart_goal_is_checked_on_a_restarted_copy() {
        let mut pc = Pc::builder().seed(1).build();
        let running = GoalSpec {
            running: vec![ServiceId::USOSVC],
            after_restart: true,
            ..GoalSpec::default()
        };
        // Running now, but set to Manual: after a restart nothing starts it.
        pc.set_start_type(ServiceId::USOSVC, StartType::Manual)
            .unwrap();
        let missing = unmet(&running, &pc);
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert!(missing[0].starts_with("After a restart:"), "{missing:?}");
        let now = GoalSpec {
            after_restart: false,
            ..running
        };
        assert!(unmet(&now, &pc).is_empty());
    }
}
