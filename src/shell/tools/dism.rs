//! The component store's tools: `DISM /Online /Cleanup-Image` (check, scan, restore from
//! Windows Update or a `/Source` folder, clean up, analyse) and `sfc`, which repairs system
//! files from that store and so cannot while the store itself is damaged.

use std::fmt::Write as _;

use crate::assess::Fact;
use crate::device::Health;
use crate::engine::SimDuration;
use crate::remedy::{self, RepairSource, SfcResult};
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply};
use crate::shell::render::{self, DISM_BAR};

/// DISM's and SFC's entries in the command table.
pub(crate) const COMMANDS: &[Command] = &[
    Command {
        names: &["dism"],
        kind: Kind::Program,
        usage: "DISM /Online /Cleanup-Image /RestoreHealth",
        summary: "Repair the component store (also /ScanHealth, /CheckHealth)",
        topic: Topic::Repair,
        help: DISM_HELP,
        changes_state: true,
        words: &[
            "/Online /Cleanup-Image /CheckHealth",
            "/Online /Cleanup-Image /ScanHealth",
            "/Online /Cleanup-Image /RestoreHealth",
        ],
        run: Some(dism),
    },
    Command {
        names: &["sfc"],
        kind: Kind::Program,
        usage: "sfc /scannow",
        summary: "Check and repair system files",
        topic: Topic::Repair,
        help: SFC_HELP,
        changes_state: true,
        words: &["/scannow", "/verifyonly"],
        run: Some(sfc),
    },
];

/// How long `DISM /ScanHealth` takes (a simplification: real scans take minutes).
const SCAN_HEALTH: SimDuration = SimDuration::from_mins(5);
/// How long `/StartComponentCleanup` takes.
const CLEANUP: SimDuration = SimDuration::from_mins(8);

/// What a DISM line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Dism {
    /// `/Online /Cleanup-Image /RestoreHealth [/Source:x] [/LimitAccess]`.
    RestoreHealth {
        /// `/Source:` as typed (a `WIM:`/`ESD:` prefix and `:index` suffix removed).
        source: Option<String>,
        /// `/LimitAccess`: do not use Windows Update.
        limit_access: bool,
    },
    /// `/ScanHealth`.
    ScanHealth,
    /// `/CheckHealth`.
    CheckHealth,
    /// `/StartComponentCleanup [/ResetBase]`.
    StartComponentCleanup,
    /// `/AnalyzeComponentStore`.
    AnalyzeComponentStore,
    /// Anything else: the first option DISM would not accept, if any.
    Bad(Option<String>),
}

fn parse(words: &[String]) -> Dism {
    if words.is_empty() {
        return Dism::Bad(None);
    }
    let mut action = None;
    let (mut online, mut cleanup, mut limit_access) = (false, false, false);
    let mut source = None;
    for word in words {
        let lower = word.to_ascii_lowercase();
        match lower.as_str() {
            "/online" => online = true,
            "/cleanup-image" => cleanup = true,
            "/restorehealth" => action = Some("restore"),
            "/scanhealth" => action = Some("scan"),
            "/checkhealth" => action = Some("check"),
            "/startcomponentcleanup" => action = Some("cleanup"),
            "/analyzecomponentstore" => action = Some("analyze"),
            "/limitaccess" => limit_access = true,
            "/english" | "/quiet" | "/norestart" | "/resetbase" => {}
            a if a.starts_with("/logpath:") => {}
            a if a.starts_with("/source:") => source = Some(source_path(&word[8..])),
            _ => return Dism::Bad(Some(word.clone())),
        }
    }
    match action {
        Some(_) if !(online && cleanup) => Dism::Bad(None),
        Some("restore") => Dism::RestoreHealth {
            source,
            limit_access,
        },
        Some("scan") => Dism::ScanHealth,
        Some("check") => Dism::CheckHealth,
        Some("cleanup") => Dism::StartComponentCleanup,
        Some("analyze") => Dism::AnalyzeComponentStore,
        _ => Dism::Bad(None),
    }
}

/// The folder or image file a `/Source:` names: `WIM:D:\sources\install.wim:1` is
/// `D:\sources\install.wim`.
fn source_path(value: &str) -> String {
    let lower = value.to_ascii_lowercase();
    let without_kind = if lower.starts_with("wim:") || lower.starts_with("esd:") {
        &value[4..]
    } else {
        value
    };
    match without_kind.rsplit_once(':') {
        Some((file, index)) if file.len() > 2 && index.chars().all(|c| c.is_ascii_digit()) => {
            file.to_string()
        }
        _ => without_kind.to_string(),
    }
}

fn dism(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let parsed = parse(&args.words);
    let mut out = render::dism_header(ctx.pc.device().os);
    match parsed {
        Dism::RestoreHealth {
            source,
            limit_access,
        } => {
            ctx.remedy = true;
            // A source that cannot be resolved (another drive) is a folder that is not there.
            let full = source.map(|s| ctx.resolve(&s).unwrap_or_else(|_| "?".to_string()));
            let repair = match (&full, limit_access) {
                (None, _) => RepairSource::WindowsUpdate,
                (Some(p), true) => RepairSource::Folder(p),
                (Some(p), false) => RepairSource::FolderThenWindowsUpdate(p),
            };
            ctx.pc.run_for(remedy::DISM_RESTORE_TIME);
            // Repaired, or not for want of a source: the store's state shows.
            ctx.saw(Fact::ComponentStore);
            match ctx.pc.act(|w| remedy::restore_health(w, repair)) {
                Ok(()) => {
                    let _ = writeln!(
                        out,
                        "{DISM_BAR} The restore operation completed successfully."
                    );
                    out.push_str("The operation completed successfully.\n");
                    Reply::ok(out)
                }
                Err(code) => {
                    let _ = writeln!(out, "{DISM_BAR}");
                    out.push_str(render::DISM_SOURCE_MISSING);
                    Reply::new(out, code.0 as i32)
                }
            }
        }
        Dism::ScanHealth | Dism::CheckHealth => {
            if parsed == Dism::ScanHealth {
                ctx.pc.run_for(SCAN_HEALTH);
                out.push_str(DISM_BAR);
                out.push(' ');
            }
            ctx.saw(Fact::ComponentStore);
            if ctx.pc.device().component_store == Health::Corrupt {
                out.push_str("The component store is repairable.\n");
            } else {
                out.push_str("No component store corruption detected.\n");
            }
            out.push_str("The operation completed successfully.\n");
            Reply::ok(out)
        }
        Dism::StartComponentCleanup => {
            ctx.pc.run_for(CLEANUP);
            let _ = writeln!(out, "{DISM_BAR}");
            out.push_str("The operation completed successfully.\n");
            Reply::ok(out)
        }
        Dism::AnalyzeComponentStore => {
            let _ = writeln!(out, "{DISM_BAR}");
            out.push_str(ANALYZE);
            Reply::ok(out)
        }
        Dism::Bad(option) => {
            let what = match option {
                Some(option) => format!("The {option} option is unknown."),
                None => "The command is incomplete.".to_string(),
            };
            let _ = write!(
                out,
                "Error: 87\n\n{what}\nFor more information, refer to the help by running DISM.exe /?.\n\n{}(wusim: the practice shell simulates DISM /Online /Cleanup-Image with /CheckHealth, /ScanHealth, /RestoreHealth [/Source:<folder>] [/LimitAccess], /StartComponentCleanup or /AnalyzeComponentStore.)\n",
                render::DISM_LOG_LINE
            );
            Reply::new(out, 87)
        }
    }
}

fn sfc(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let lower = args.lower();
    let scannow = lower.iter().any(|a| a == "/scannow");
    let verify = lower.iter().any(|a| a == "/verifyonly");
    if !scannow && !verify {
        return Reply::ok(render::SFC_USAGE);
    }
    ctx.pc.run_for(remedy::SFC_TIME);
    ctx.remedy |= scannow;
    // Whether sfc can repair shows whether the store it repairs from is sound.
    ctx.saw(Fact::ComponentStore);
    let outcome = match remedy::sfc_scannow(ctx.pc.world()) {
        _ if verify && ctx.pc.device().component_store == Health::Corrupt => {
            "Windows Resource Protection found integrity violations.\n"
        }
        SfcResult::NoViolations => render::SFC_CLEAN,
        SfcResult::Repaired => render::SFC_REPAIRED,
        SfcResult::UnableToFix => render::SFC_UNABLE,
    };
    Reply::ok(format!("{}{outcome}", render::SFC_BEGIN))
}

/// `/AnalyzeComponentStore`'s report (the reference's Windows 11 sample).
const ANALYZE: &str = "
Component Store (WinSxS) information:

Windows Explorer Reported Size of Component Store : 5.00 GB

Actual Size of Component Store : 4.94 GB

    Shared with Windows : 2.82 GB
    Backups and Disabled Features : 2.12 GB
    Cache and Temporary Data :  0 bytes

Date of Last Cleanup : 2025-03-30 11:05:43

Number of Reclaimable Packages : 0
Component Store Cleanup Recommended : No

The operation completed successfully.
";

const DISM_HELP: &str = "DISM /Online /Cleanup-Image /CheckHealth|/ScanHealth|/RestoreHealth [/Source:<folder>] [/LimitAccess]
DISM /Online /Cleanup-Image /StartComponentCleanup [/ResetBase] | /AnalyzeComponentStore
  In the simulation: CheckHealth reports at once, ScanHealth takes 5 minutes, RestoreHealth
  about 15 and repairs the component store from Windows Update, or from a /Source folder
  (which must exist on the PC; with /LimitAccess Windows Update is not tried). Without a
  usable source it fails with 0x800f081f.
  On Windows: Deployment Image Servicing and Management; run it before sfc /scannow.
";

const SFC_HELP: &str = "sfc /scannow | sfc /verifyonly
  In the simulation: takes 10 minutes; it repairs system files from the component store,
  so it cannot fix them while the store itself is corrupt (run DISM /RestoreHealth first).
  /verifyonly checks without repairing.
  On Windows: System File Checker, Windows Resource Protection's command-line tool.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dism_lines_parse_as_a_table() {
        let w = |s: &str| crate::shell::context::words(s);
        let rows = [
            (
                "/Online /Cleanup-Image /RestoreHealth",
                Dism::RestoreHealth {
                    source: None,
                    limit_access: false,
                },
            ),
            (
                "/online /cleanup-image /restorehealth /source:C:\\RepairSource\\Windows /limitaccess",
                Dism::RestoreHealth {
                    source: Some("C:\\RepairSource\\Windows".into()),
                    limit_access: true,
                },
            ),
            (
                "/Online /Cleanup-Image /RestoreHealth /Source:WIM:D:\\sources\\install.wim:1",
                Dism::RestoreHealth {
                    source: Some("D:\\sources\\install.wim".into()),
                    limit_access: false,
                },
            ),
            ("/Online /Cleanup-Image /ScanHealth", Dism::ScanHealth),
            (
                "/Online /Cleanup-Image /StartComponentCleanup /ResetBase",
                Dism::StartComponentCleanup,
            ),
            ("/Cleanup-Image /CheckHealth", Dism::Bad(None)),
            (
                "/Online /Get-Features",
                Dism::Bad(Some("/Get-Features".into())),
            ),
        ];
        for (line, expected) in rows {
            assert_eq!(parse(&w(line)), expected, "{line}");
        }
    }
}
