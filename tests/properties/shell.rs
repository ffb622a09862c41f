//! The practice shell's promises: the cmd parser and a batch file's expansion never panic,
//! a pasted block does what its lines do when typed one by one, and the file system keeps
//! Windows' invariants whatever is done to it.

use std::sync::Arc;

use proptest::prelude::*;
use wusim::pc::Pc;
use wusim::scenario::builtin;
use wusim::session::Session;
use wusim::shell::Shell;
use wusim::world::{MB, path};

/// Lines a technician might type, mixing cmd syntax with the tools.
const LINES: &[&str] = &[
    "net stop bits & net stop wuauserv",
    "net stop wuauserv >nul 2>&1",
    "sc query wuauserv | findstr STATE",
    "cd /d %windir%",
    "cd \\",
    "ren SoftwareDistribution SoftwareDistribution.old",
    "ren %windir%\\SoftwareDistribution SoftwareDistribution.old",
    "if exist %windir%\\SoftwareDistribution.old rd /s /q %windir%\\SoftwareDistribution.old",
    "for %s in (bits wuauserv cryptsvc) do net stop %s",
    "for %s in (cryptsvc bits wuauserv) do net start %s",
    "del /q /f %ALLUSERSPROFILE%\\Microsoft\\Network\\Downloader\\qmgr*.dat",
    "md C:\\Temp\\wu",
    "echo %date% %time% >> C:\\Temp\\wu\\log.txt",
    "set x=1",
    "set /a x+=1",
    "echo %x%",
    "settings check",
    "wait 10m",
    "cleanmgr /verylowdisk",
    "y",
    "n",
    "rd /s C:\\Users\\Admin\\Downloads",
    "copy C:\\Windows\\System32\\drivers\\etc\\hosts C:\\Temp",
    "move C:\\Temp\\wu C:\\Temp\\wu2",
    "dir %windir%\\SoftwareDistribution",
    "date 06-10-2025",
    "net start w32time && w32tm /resync",
];

/// Text built from cmd's special characters and a few words.
fn cmd_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("&"),
            Just("&&"),
            Just("|"),
            Just("||"),
            Just(">"),
            Just(">>"),
            Just("2>&1"),
            Just("<"),
            Just("^"),
            Just("\""),
            Just("("),
            Just(")"),
            Just("%"),
            Just("%%"),
            Just("!"),
            Just("if"),
            Just("for"),
            Just("%i"),
            Just("in"),
            Just("do"),
            Just("else"),
            Just("exist"),
            Just("not"),
            Just("=="),
            Just("echo"),
            Just("set"),
            Just("rem"),
            Just("/f"),
            Just("'"),
            Just("goto"),
            Just(":a"),
            Just(" "),
            Just("\n"),
            Just("x"),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    /// Whatever is typed — operators, quotes, carets, percent signs, blocks, in any order —
    /// the shell answers and stays usable: never a panic, never a hang.
    #[test]
    fn cmd_syntax_never_panics_or_hangs(lines in proptest::collection::vec(cmd_text(), 1..5)) {
        let mut pc = Pc::builder().seed(2).build();
        let mut shell = Shell::new(&pc);
        for line in &lines {
            let _ = shell.execute(&mut pc, line);
        }
        // Open blocks and questions may be waiting; closing and answering them gets the
        // prompt back, and it works.
        for _ in 0..40 {
            if shell.awaiting_answer() {
                let _ = shell.execute(&mut pc, "n");
            } else if shell.prompt() == "More? " {
                let _ = shell.execute(&mut pc, ")");
            } else {
                break;
            }
        }
        prop_assert!(shell.prompt().ends_with('>'), "{:?}", shell.prompt());
        prop_assert_eq!(shell.execute(&mut pc, "echo ok").text, "ok\n");
    }

    /// The same text run as a batch file never panics or runs away either.
    #[test]
    fn any_batch_file_ends(body in cmd_text()) {
        let mut pc = Pc::builder().seed(2).build();
        let script = format!("@echo off\n{body}\n");
        pc.act(|w| wusim::world::files::write_text(w, "C:\\Users\\Admin\\Desktop\\x.bat", &script, false)).unwrap();
        let mut shell = Shell::new(&pc);
        let _ = shell.execute(&mut pc, "C:\\Users\\Admin\\Desktop\\x.bat");
    }

    /// A pasted block leaves the PC exactly as its lines typed one by one do, with the same
    /// transcript.
    #[test]
    fn a_paste_is_its_lines_typed(picks in proptest::collection::vec(0..LINES.len(), 1..8)) {
        let scenario = Arc::new(builtin::find("download-cache-corrupt").unwrap().unwrap());
        let lines: Vec<String> = picks.iter().map(|&i| LINES[i].to_string()).collect();
        let mut typed = Session::new(scenario.clone(), None);
        let mut typed_text = String::new();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 {
                typed_text.push_str(&typed.echo(line));
            }
            let answer = typed.input(line);
            typed_text.push_str(&answer.text);
            if answer.finished {
                break;
            }
        }
        let mut pasted = Session::new(scenario, None);
        let pasted_text = pasted.input(&lines.join("\r\n")).text;
        prop_assert_eq!(typed_text, pasted_text);
        prop_assert_eq!(typed.pc().log(), pasted.pc().log());
        prop_assert_eq!(typed.pc().scm(), pasted.pc().scm());
        prop_assert_eq!(&typed.pc().world().fs, &pasted.pc().world().fs);
        prop_assert_eq!(typed.pc().now(), pasted.pc().now());
    }

    /// Whatever files are made, renamed, moved, copied and deleted: every path is in one
    /// place (entries sorted, none twice), every entry sits in a folder that exists, and the
    /// space adds up — used = the files listed + the rest of the disk, free = size − used.
    #[test]
    fn the_file_system_keeps_windows_invariants(picks in proptest::collection::vec(0..LINES.len(), 1..12)) {
        let mut pc = Pc::builder().seed(5).build();
        let mut shell = Shell::new(&pc);
        for &i in &picks {
            let _ = shell.execute(&mut pc, LINES[i]);
            let fs = &pc.world().fs;
            let entries: Vec<(&str, u64, bool)> = fs.entries().map(|(p, n)| (p, n.bytes(), n.is_dir())).collect();
            for pair in entries.windows(2) {
                prop_assert!(path::cmp(pair[0].0, pair[1].0).is_lt(), "{} then {}", pair[0].0, pair[1].0);
            }
            for (p, _, _) in &entries {
                if let Some(parent) = path::parent(p) {
                    prop_assert!(fs.is_dir(parent), "{} has no folder", p);
                }
            }
            let listed: u64 = entries.iter().map(|(_, b, _)| b).sum();
            prop_assert_eq!(fs.used_bytes(), fs.other_bytes + listed);
            let w = pc.world();
            prop_assert_eq!(w.disk_free_bytes() + fs.used_bytes(), w.device.disk_total_mb * MB);
        }
    }
}
