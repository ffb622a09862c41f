//! How a session starts: the PC the learner finds (the scenario's PC, the files put on its
//! Desktop, and what the user did before the learner arrived), the console it opens in, and
//! what the scenario's fixes change — the components a learner may touch without it being
//! collateral.

use super::is_session_line;
use crate::assess::{self, Component};
use crate::pc::Pc;
use crate::scenario::Scenario;
use crate::shell::Shell;

/// The full path a file given to the session gets: the user's Desktop.
pub fn desktop_path(name: &str) -> String {
    crate::world::path::child(crate::world::default_fs::DESKTOP, name)
}

/// Copies a file onto the simulated user's Desktop (a name that is no valid file name is
/// skipped).
fn put_on_desktop(pc: &mut Pc, name: &str, text: &str) {
    let full = desktop_path(name);
    let _ = pc.act(|w| crate::world::files::write_text(w, &full, text, false));
}

/// The console a scenario starts in: cmd, or Windows PowerShell.
pub fn new_shell(scenario: &Scenario, pc: &Pc) -> Shell {
    match scenario.shell {
        crate::scenario::StartShell::Cmd => Shell::new(pc),
        crate::scenario::StartShell::Powershell => Shell::new_powershell(pc),
    }
}

/// The PC the learner finds: built from the scenario and seed, the files on the Desktop (the
/// scenario's, then those given),
/// and the user's own lines (`before-arrival`) run on it.
pub fn start_pc(scenario: &Scenario, seed: u64, files: &[(String, String)]) -> Pc {
    let mut pc = scenario.build_pc(seed);
    for file in &scenario.files {
        put_on_desktop(&mut pc, &file.name, &file.text);
    }
    for (name, text) in files {
        put_on_desktop(&mut pc, name, text);
    }
    if !scenario.before_arrival.is_empty() {
        let mut shell = Shell::new(&pc);
        for line in &scenario.before_arrival {
            shell.execute(&mut pc, line);
        }
    }
    pc
}

/// What the scenario's reference solution and alternative fixes change, played from the
/// start: the components a fix may touch without it being collateral.
pub fn needed_components(scenario: &Scenario, seed: u64) -> Vec<Component> {
    let mut needed = Vec::new();
    let start = start_pc(scenario, seed, &[]);
    for fix in std::iter::once(&scenario.solution).chain(&scenario.alternatives) {
        let mut pc = start.clone();
        let mut shell = new_shell(scenario, &pc);
        for line in fix.iter().filter(|l| !is_session_line(l)) {
            let before = pc.clone();
            let out = shell.execute(&mut pc, line);
            needed.extend(assess::change::between(&before, &pc, out.waited));
        }
    }
    needed.sort();
    needed.dedup();
    needed
}
