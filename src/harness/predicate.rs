//! What a PC is after a script, as predicates: the parts the harness's properties are made
//! of, for your own tests too. They read the end state only, so they judge a closure over
//! the public PC API as well as a script.
//!
//! ```
//! use wusim::fault::Fault;
//! use wusim::harness::{TestPc, predicate};
//! use wusim::scm::{ServiceId, StartType};
//!
//! let broken = TestPc::with_faults(&[Fault::ServiceDisabled { service: ServiceId::BITS }]);
//! let before = broken.scenario().build_pc(broken.seed);
//! let mut after = before.clone();
//! // A "fix" from a forum: Automatic instead of BITS's default (Manual).
//! after.set_start_type(ServiceId::BITS, StartType::Automatic).unwrap();
//! assert!(!predicate::services_at_defaults(&after));
//! let harms = predicate::no_harm_since(&before, &after);
//! assert!(harms[0].what.contains("left on Automatic"), "{harms:?}");
//! ```

use crate::assess::{Finding, Severity};
use crate::pc::Pc;
use crate::scenario::{GoalSpec, goal};
use crate::scm::{ServiceId, StartType};
use crate::settings::{SettingsPage, UpdateStatus};
use crate::win32::HResult;
use crate::world::registry::Registry;

/// Where update policies live.
const POLICIES: &str = "HKLM\\SOFTWARE\\Policies";

/// Every quality update that applies is installed and no restart is pending (feature
/// updates are an offer, not a duty).
///
/// ```
/// use wusim::engine::SimDuration;
/// use wusim::harness::{TestPc, predicate};
///
/// let mut pc = TestPc::healthy().scenario().build_pc(0);
/// assert!(!predicate::is_up_to_date(&pc), "June's update is out, the PC has May's");
/// pc.check_for_updates();
/// pc.run_for(SimDuration::from_hours(4));
/// pc.reboot();
/// pc.run_for(SimDuration::from_mins(10));
/// assert!(predicate::is_up_to_date(&pc));
/// ```
pub fn is_up_to_date(pc: &Pc) -> bool {
    let up_to_date = GoalSpec {
        up_to_date: true,
        default_start_types: false,
        settings_ok: false,
        ..GoalSpec::default()
    };
    goal::unmet(&up_to_date, pc).is_empty()
}

/// Every service is on the start type Windows ships it with.
pub fn services_at_defaults(pc: &Pc) -> bool {
    ServiceId::all().all(|id| pc.scm().status(id).start_type == id.spec().default_start)
}

/// The error Settings > Windows Update shows, if it shows one.
pub fn error_shown(pc: &Pc) -> Option<HResult> {
    let page = SettingsPage::of(pc);
    match page.status {
        UpdateStatus::Error | UpdateStatus::SomethingWentWrong => page.error,
        _ => None,
    }
}

/// What is worse on `after` than on `before`, as harm: a service deleted, a service left on
/// a start type that is not Windows' default (where it was before, or changed since), a
/// policy added.
pub fn no_harm_since(before: &Pc, after: &Pc) -> Vec<Finding> {
    let mut harms = Vec::new();
    let (old_registry, new_registry) = (&before.world().registry, &after.world().registry);
    for id in ServiceId::all() {
        let key = Registry::service_key(id);
        let named = format!("{} ({})", id.display_name(), id.name());
        if old_registry.key_exists(key) && !new_registry.key_exists(key) {
            harms.push(harm(
                format!("{named} was deleted"),
                "a deleted service is gone after the next restart; only a repair of Windows brings it back",
            ));
            continue;
        }
        let default = id.spec().default_start;
        let (was, now) = (
            before.scm().status(id).start_type,
            after.scm().status(id).start_type,
        );
        if now != default && now != was {
            let why = if now == StartType::Disabled {
                "Windows Update cannot work while a service it needs is Disabled, and nothing turns it back on"
            } else {
                "a start type that differs from Windows' default is one more thing that differs from every other PC, and Windows does not put it back"
            };
            harms.push(harm(
                format!(
                    "{named} is left on {} (Windows ships it as {})",
                    now.label(),
                    default.label()
                ),
                why,
            ));
        }
    }
    for (key, values) in new_registry.subtree(POLICIES) {
        for (name, _) in &values.values {
            if old_registry.value(key, name).is_none() {
                harms.push(harm(
                    format!("added the policy {key}\\{name}"),
                    "policies are an administrator's decision; a script that adds one changes how Windows Update behaves from then on",
                ));
            }
        }
    }
    harms
}

fn harm(what: String, why: &str) -> Finding {
    Finding {
        severity: Severity::Harm,
        what,
        why: why.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::world::registry::RegValue;

    #[test]
    fn a_policy_added_and_a_service_disabled_are_harm() {
        let before = Pc::builder().seed(1).build();
        let mut after = before.clone();
        after
            .set_start_type(ServiceId::WUAUSERV, StartType::Disabled)
            .unwrap();
        after.act(|w| {
            w.registry.set_value(
                "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU",
                "NoAutoUpdate",
                RegValue::Dword(1),
            );
        });
        let harms: Vec<String> = no_harm_since(&before, &after)
            .into_iter()
            .map(|f| f.what)
            .collect();
        assert_eq!(harms.len(), 2, "{harms:?}");
        assert!(harms[0].contains("left on Disabled"));
        assert!(harms[1].ends_with("\\AU\\NoAutoUpdate"), "{harms:?}");
        assert!(no_harm_since(&before, &before).is_empty());
        assert!(services_at_defaults(&before));
        assert!(!services_at_defaults(&after));
    }

    #[test]
    fn a_default_pc_is_behind_until_it_installs_the_update() {
        let pc = Pc::builder().seed(1).build();
        assert!(!is_up_to_date(&pc), "May's update is a month old");
        assert_eq!(error_shown(&pc), None);
    }
}
