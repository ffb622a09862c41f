//! Names the learner types and what they refer to: services (by service name or display
//! name, with wildcards for PowerShell) and "did you mean" suggestions for near misses.

use crate::scm::ServiceId;

/// The service whose service name is `name` (any case), as `sc` looks it up: `sc` does not
/// accept display names.
pub(crate) fn by_service_name(name: &str) -> Option<ServiceId> {
    ServiceId::all().find(|id| id.name().eq_ignore_ascii_case(name.trim()))
}

/// The service named `name` by its service name or its display name, any case (what `net`,
/// PowerShell and the Services console accept).
pub(crate) fn by_any_name(name: &str) -> Option<ServiceId> {
    ServiceId::find(name)
}

/// Every service, sorted by service name ignoring case (the order `sc query` and
/// `Get-Service` list them in).
pub(crate) fn sorted_by_name() -> Vec<ServiceId> {
    let mut ids: Vec<ServiceId> = ServiceId::all().collect();
    ids.sort_by_key(|id| id.name().to_ascii_lowercase());
    ids
}

/// Every service, sorted by display name ignoring case (`net start`, the Services console).
pub(crate) fn sorted_by_display_name() -> Vec<ServiceId> {
    let mut ids: Vec<ServiceId> = ServiceId::all().collect();
    ids.sort_by_key(|id| id.display_name().to_ascii_lowercase());
    ids
}

/// The real service name closest to a mistyped one, for a "did you mean" line: the typed
/// text is a display name, or it is at most 3 edits from a service or display name and the
/// edits are under half its length (so `wuaserv` suggests `wuauserv`, `bogus` nothing).
pub(crate) fn did_you_mean(typed: &str) -> Option<ServiceId> {
    let typed = typed.trim().to_ascii_lowercase();
    if typed.is_empty() {
        return None;
    }
    let mut best: Option<(usize, ServiceId)> = None;
    for id in ServiceId::all() {
        let name = id.name().to_ascii_lowercase();
        let display = id.display_name().to_ascii_lowercase();
        let distance = crate::suggest::edit_distance(&typed, &name)
            .min(crate::suggest::edit_distance(&typed, &display));
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, id));
        }
    }
    let (distance, id) = best?;
    let close = distance <= 3 && distance * 2 < typed.chars().count();
    (close && !id.name().eq_ignore_ascii_case(&typed)).then_some(id)
}

/// The teaching line for a near miss, or an empty string.
pub(crate) fn did_you_mean_line(typed: &str) -> String {
    match did_you_mean(typed) {
        Some(id) => format!("(wusim: did you mean '{}'?)\n", id.name()),
        None => String::new(),
    }
}

/// True when `pattern` contains a PowerShell wildcard (`*` or `?`).
pub(crate) fn has_wildcard(pattern: &str) -> bool {
    pattern.contains(['*', '?'])
}

/// PowerShell's `-like`, ignoring case: `*` matches any run of characters, `?` one (the
/// same matching as cmd's file names, except that `*.*` needs a dot).
pub(crate) fn wildcard_match(pattern: &str, text: &str) -> bool {
    if pattern == "*.*" {
        return text.contains('.');
    }
    crate::world::path::matches(pattern, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_suggest_the_service_name() {
        assert_eq!(did_you_mean("wuaserv"), Some(ServiceId::WUAUSERV));
        assert_eq!(did_you_mean("usosvcc"), Some(ServiceId::USOSVC));
        assert_eq!(did_you_mean("Windows Updates"), Some(ServiceId::WUAUSERV));
        assert_eq!(did_you_mean("bogus"), None);
        assert_eq!(did_you_mean("foo"), None);
        assert_eq!(did_you_mean("wuauserv"), None);
        assert_eq!(did_you_mean(""), None);
    }

    #[test]
    fn wildcards_match_like_powershell() {
        assert!(wildcard_match("wu*", "wuauserv"));
        assert!(wildcard_match("*SVC", "UsoSvc"));
        assert!(wildcard_match("b?ts", "BITS"));
        assert!(wildcard_match("*", ""));
        assert!(!wildcard_match("wu*", "BITS"));
        assert!(!wildcard_match("", "x"));
        assert!(wildcard_match("w*u*v", "wuauserv"));
    }
}
