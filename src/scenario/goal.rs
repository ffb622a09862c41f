//! Is the goal met? [`unmet`] lists, in words, every part of a scenario's goal that is not met
//! yet — empty when it is.

use super::schema::GoalSpec;
use crate::pc::Pc;
use crate::scm::{ServiceId, ServiceState};
use crate::settings::{SettingsPage, UpdateStatus};
use crate::update::Classification;

/// The parts of `goal` not met on `pc`; `answered` says whether the learner has stated the
/// right diagnosis.
pub fn unmet(goal: &GoalSpec, pc: &Pc, answered: bool) -> Vec<String> {
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
            if now != default {
                missing.push(format!(
                    "{} ({}) is set to {}; its default is {}.",
                    service.display_name(),
                    service.name(),
                    now.label(),
                    default.label()
                ));
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
    if goal.answer.is_some() && !answered {
        missing
            .push("You have not stated the cause yet: type `answer <what you found>`.".to_string());
    }
    missing
}
