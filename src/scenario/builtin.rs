//! The scenarios that ship inside the binary, so `wusim` works from any folder. The files
//! live in `scenarios/`; a test checks that every file there is listed here.

use super::{Scenario, parse};

/// Every built-in scenario: file name and text, in teaching order.
pub const FILES: &[(&str, &str)] = &[
    (
        "00-sandbox.toml",
        include_str!("../../scenarios/00-sandbox.toml"),
    ),
    (
        "01-orchestrator-stopped.toml",
        include_str!("../../scenarios/01-orchestrator-stopped.toml"),
    ),
    (
        "02-orchestrator-manual.toml",
        include_str!("../../scenarios/02-orchestrator-manual.toml"),
    ),
    (
        "03-restart-pending.toml",
        include_str!("../../scenarios/03-restart-pending.toml"),
    ),
    (
        "04-windows-update-disabled.toml",
        include_str!("../../scenarios/04-windows-update-disabled.toml"),
    ),
    (
        "05-orchestrator-stuck.toml",
        include_str!("../../scenarios/05-orchestrator-stuck.toml"),
    ),
    (
        "06-scan-stuck.toml",
        include_str!("../../scenarios/06-scan-stuck.toml"),
    ),
    (
        "07-bits-disabled.toml",
        include_str!("../../scenarios/07-bits-disabled.toml"),
    ),
    (
        "08-cryptsvc-disabled.toml",
        include_str!("../../scenarios/08-cryptsvc-disabled.toml"),
    ),
    (
        "09-services-troubleshooter.toml",
        include_str!("../../scenarios/09-services-troubleshooter.toml"),
    ),
    (
        "10-no-network.toml",
        include_str!("../../scenarios/10-no-network.toml"),
    ),
    (
        "11-wrong-proxy.toml",
        include_str!("../../scenarios/11-wrong-proxy.toml"),
    ),
    (
        "12-clock-wrong.toml",
        include_str!("../../scenarios/12-clock-wrong.toml"),
    ),
    (
        "13-disk-full.toml",
        include_str!("../../scenarios/13-disk-full.toml"),
    ),
    (
        "14-download-cache-corrupt.toml",
        include_str!("../../scenarios/14-download-cache-corrupt.toml"),
    ),
    (
        "15-datastore-corrupt.toml",
        include_str!("../../scenarios/15-datastore-corrupt.toml"),
    ),
    (
        "16-crash-loop.toml",
        include_str!("../../scenarios/16-crash-loop.toml"),
    ),
    (
        "17-catroot2-corrupt.toml",
        include_str!("../../scenarios/17-catroot2-corrupt.toml"),
    ),
    (
        "18-bits-hung.toml",
        include_str!("../../scenarios/18-bits-hung.toml"),
    ),
    (
        "19-component-store-corrupt.toml",
        include_str!("../../scenarios/19-component-store-corrupt.toml"),
    ),
    (
        "20-server-busy.toml",
        include_str!("../../scenarios/20-server-busy.toml"),
    ),
    (
        "21-windows-11-not-offered.toml",
        include_str!("../../scenarios/21-windows-11-not-offered.toml"),
    ),
    (
        "22-safeguard-hold.toml",
        include_str!("../../scenarios/22-safeguard-hold.toml"),
    ),
    (
        "23-capstone-three-problems.toml",
        include_str!("../../scenarios/23-capstone-three-problems.toml"),
    ),
    (
        "24-capstone-laptop-from-drawer.toml",
        include_str!("../../scenarios/24-capstone-laptop-from-drawer.toml"),
    ),
    (
        "25-capstone-update-blocker.toml",
        include_str!("../../scenarios/25-capstone-update-blocker.toml"),
    ),
    (
        "26-leftover-wsus.toml",
        include_str!("../../scenarios/26-leftover-wsus.toml"),
    ),
    (
        "27-tuning-script-policies.toml",
        include_str!("../../scenarios/27-tuning-script-policies.toml"),
    ),
    (
        "28-pinned-feature-version.toml",
        include_str!("../../scenarios/28-pinned-feature-version.toml"),
    ),
    (
        "29-powershell-only.toml",
        include_str!("../../scenarios/29-powershell-only.toml"),
    ),
];

/// The id a file name implies: the name without its number prefix and `.toml`.
pub fn id_of(file: &str) -> &str {
    let stem = file.strip_suffix(".toml").unwrap_or(file);
    match stem.split_once('-') {
        Some((number, rest)) if number.chars().all(|c| c.is_ascii_digit()) => rest,
        _ => stem,
    }
}

/// Every built-in scenario, parsed.
///
/// # Panics
/// If a built-in scenario does not parse: the test suite checks they all do.
pub fn all() -> Vec<Scenario> {
    FILES
        .iter()
        .map(|(file, text)| parse(file, text).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

/// The built-in scenario with this id (or the problems of its file).
pub fn find(id: &str) -> Option<Result<Scenario, super::Diagnostics>> {
    FILES
        .iter()
        .find(|(file, _)| id_of(file).eq_ignore_ascii_case(id))
        .map(|(file, text)| parse(file, text))
}
