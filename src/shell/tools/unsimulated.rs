//! Real Windows commands that the practice shell knows of but does not simulate. Typing one
//! gets one consistent wusim note and changes nothing — never a fake Windows error. (A name
//! that is no Windows command gets cmd's own "is not recognized".)

use crate::shell::commands::{Command, Kind, Topic};

/// A real command wusim does not simulate.
const fn real(name: &'static [&'static str]) -> Command {
    Command {
        names: name,
        kind: Kind::Program,
        usage: "",
        summary: "not simulated",
        topic: Topic::System,
        help: "",
        changes_state: false,
        words: &[],
        run: None,
    }
}

/// The entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[
    real(&["bcdedit"]),
    real(&["certutil"]),
    real(&["chkdsk"]),
    real(&["choice"]),
    real(&["control"]),
    real(&["diskpart"]),
    real(&["expand"]),
    real(&["fltmc"]),
    real(&["mmc"]),
    real(&["msconfig"]),
    real(&["notepad"]),
    real(&["pnputil"]),
    real(&["regedit"]),
    real(&["robocopy"]),
    real(&["schtasks"]),
    real(&["vssadmin"]),
    real(&["wevtutil"]),
    real(&["where"]),
    real(&["wmic"]),
    real(&["wusa"]),
    real(&["xcopy"]),
];
