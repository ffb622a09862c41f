//! `fsutil volume diskfree c:`: how much room the system drive has — the check before a
//! feature update or when downloads fail for lack of space. The numbers are the PC's: the
//! drive's size (`disk_total_mb`, in decimal MB) and what its file system leaves free.
//!
//! Layout as in the reference (§4.8, Windows 11 and recent Windows 10): ten lines, each
//! label padded to 32 columns, the byte counts right-aligned with thousands separators to
//! the width of the largest, and the size in binary units (`( 33.0 GB)`, `0` is `(  0.0
//! KB)`).
//!
//! Simplifications:
//! - there is no storage reserve and no pool: the reserved and pool lines are 0, and the
//!   used bytes are the total less the free bytes;
//! - the PC has one drive, C: (`c:`, `C:` and `C:\` name it); any other drive, and every
//!   other `fsutil` command, gets a wusim note and exit code 1.

use std::fmt::Write as _;

use crate::assess::Fact;
use crate::shell::builtins::dirs::thousands;
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply};

/// `fsutil`'s entry in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["fsutil"],
    kind: Kind::Program,
    usage: "fsutil volume diskfree c:",
    summary: "Free and total bytes on the system drive",
    topic: Topic::System,
    help: HELP,
    changes_state: false,
    words: &["volume diskfree c:"],
    run: Some(run),
}];

/// `( 33.0 GB)`: bytes in binary units, one decimal.
fn size(bytes: u64) -> String {
    let mut value = bytes as f64 / 1024.0;
    let mut unit = "KB";
    for next in ["MB", "GB", "TB", "PB"] {
        if value < 1024.0 {
            break;
        }
        value /= 1024.0;
        unit = next;
    }
    format!("({value:>5.1} {unit})")
}

/// The `diskfree` report of a drive with `total` bytes, `free` of them free.
fn diskfree(total: u64, free: u64) -> String {
    let used = total.saturating_sub(free);
    let rows = [
        ("Total free bytes", free),
        ("Total bytes", total),
        ("Total quota free bytes", free),
        ("Unavailable pool bytes", 0),
        ("Quota unavailable pool bytes", 0),
        ("Used bytes", used),
        ("Total Reserved bytes", 0),
        ("Volume storage reserved bytes", 0),
        ("Available committed bytes", 0),
        ("Pool available bytes", 0),
    ];
    let width = rows
        .iter()
        .map(|(_, n)| thousands(*n).len())
        .max()
        .unwrap_or(1);
    let mut out = String::new();
    for (label, n) in rows {
        let _ = writeln!(out, "{label:<32}: {:>width$} {}", thousands(n), size(n));
    }
    out
}

fn run(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let lower = args.lower();
    let words: Vec<&str> = lower.iter().map(String::as_str).collect();
    match words.as_slice() {
        ["volume", "diskfree", "c:" | "c:\\"] => {
            ctx.saw(Fact::Disk);
            let w = ctx.pc.world();
            let total = w.device.disk_total_mb.saturating_mul(1_000_000);
            Reply::ok(diskfree(total, w.disk_free_bytes()))
        }
        ["volume", "diskfree", drive] => Reply::new(
            format!("(wusim: the simulated PC has one drive, C:, not {drive}.)\n"),
            1,
        ),
        _ => Reply::new(
            "(wusim: the practice shell simulates only 'fsutil volume diskfree c:'.)\n",
            1,
        ),
    }
}

const HELP: &str = "fsutil volume diskfree c:
  In the simulation: the free, total and used bytes of the system drive C:, from the
  simulated disk (Disk Cleanup and the update stores change them). Other fsutil commands
  are not simulated.
  On Windows: fsutil is an elevated tool for file-system details; GB here are binary
  (1,073,741,824 bytes), so a \"256 GB\" drive shows 238.4 GB.
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pc::Pc;
    use crate::shell::Shell;

    fn run(pc: &mut Pc, line: &str) -> (String, i32) {
        let mut sh = Shell::new(pc);
        let out = sh.execute(pc, line);
        (out.text, out.exit_code)
    }

    #[test]
    fn the_windows_11_layout() {
        assert_eq!(
            diskfree(511_324_794_880, 35_466_014_720),
            "Total free bytes                :  35,466,014,720 ( 33.0 GB)
Total bytes                     : 511,324,794,880 (476.2 GB)
Total quota free bytes          :  35,466,014,720 ( 33.0 GB)
Unavailable pool bytes          :               0 (  0.0 KB)
Quota unavailable pool bytes    :               0 (  0.0 KB)
Used bytes                      : 475,858,780,160 (443.2 GB)
Total Reserved bytes            :               0 (  0.0 KB)
Volume storage reserved bytes   :               0 (  0.0 KB)
Available committed bytes       :               0 (  0.0 KB)
Pool available bytes            :               0 (  0.0 KB)
"
        );
        assert_eq!(size(3_999_857_111_040), "(  3.6 TB)");
        assert_eq!(size(5_000_000), "(  4.8 MB)");
    }

    #[test]
    fn diskfree_reports_the_pcs_drive() {
        let mut pc = Pc::builder().seed(1).build();
        for line in [
            "fsutil volume diskfree c:",
            "FSUTIL VOLUME DISKFREE C:",
            "fsutil volume diskfree C:\\",
        ] {
            let free = pc.world().disk_free_bytes();
            let (text, code) = run(&mut pc, line);
            assert_eq!(code, 0, "{line}");
            assert!(
                text.starts_with(&format!(
                    "Total free bytes                : {:>15} (",
                    thousands(free)
                )),
                "{line}: {text}"
            );
            assert!(
                text.contains("Total bytes                     : 256,000,000,000 (238.4 GB)\n"),
                "{text}"
            );
        }
        // Free space follows the disk.
        pc.act(|w| w.device.disk_total_mb = 64_000);
        let (text, _) = run(&mut pc, "fsutil volume diskfree c:");
        assert!(
            text.contains("Total bytes                     : 64,000,000,000 ( 59.6 GB)\n"),
            "{text}"
        );
    }

    #[test]
    fn other_forms_get_a_note() {
        let mut pc = Pc::builder().seed(1).build();
        for (line, note) in [
            ("fsutil volume diskfree d:", "one drive, C:, not d:"),
            ("fsutil", "only 'fsutil volume diskfree c:'"),
            ("fsutil volume diskfree", "only"),
            ("fsutil dirty query c:", "only"),
            ("fsutil volume diskfree é", "not é"),
        ] {
            let (text, code) = run(&mut pc, line);
            assert!(
                text.starts_with("(wusim: ") && text.contains(note),
                "{line}: {text}"
            );
            assert_eq!(code, 1, "{line}");
        }
    }
}
