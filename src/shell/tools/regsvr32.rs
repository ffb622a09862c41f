//! `regsvr32`: registers a DLL by calling its `DllRegisterServer` (`/u`: `DllUnregisterServer`).
//! Old "reset Windows Update" scripts re-register a list of some 36 DLLs; on Windows 10 and 11
//! that does nothing useful: many are not COM servers, several no longer exist, and the ones
//! that register were registered already. The model has no registry, so re-registering
//! changes nothing here either.
//!
//! regsvr32 talks only through dialog boxes (reference §4.1): with `/s` it shows nothing at
//! all; without it the shell prints the dialog as Windows copies it to the clipboard
//! (`[Window Title]`, `RegSvr32`, `[Content]`, the message, `[OK]`). The three messages are
//! the reference's: "DllRegisterServer in x.dll succeeded." (and "DllUnregisterServer ..."
//! for `/u`), "The module ... was loaded but the entry-point DllRegisterServer was not
//! found." and "The module ... failed to load." Exit codes are those Raymond Chen lists in
//! *The Old New Thing*, "What do the various regsvr32 exit codes mean?" (2018): 0 success,
//! 1 a bad command line, 3 `LoadLibrary` failed (the module is missing), 4 `GetProcAddress`
//! failed (no `DllRegisterServer`).
//!
//! Simplifications (the reference does not say which DLL is which on Windows 10/11; these
//! are wusim's plain choices):
//! - missing (the "failed to load" dialog, exit 3): msxml, gpkcsp, sccbase, slbcsp,
//!   wuaueng1, wucltui, wups2, wuweb, wucltux, muweb;
//! - present but no COM server (the "entry-point ... not found" dialog, exit 4): wuaueng,
//!   qmgr;
//! - COM servers (success): the other 24 of the list, dssenh included;
//! - a DLL outside the list is treated as missing; the folder in a path is ignored;
//! - several DLLs on one line each get their dialog; the exit code is the highest;
//! - `/i` and `/n` (DllInstall) are not simulated; an unknown switch or no DLL gets a wusim
//!   note and exit code 1.

use std::fmt::Write as _;

use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply};

/// `regsvr32`'s entry in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["regsvr32"],
    kind: Kind::Program,
    usage: "regsvr32 [/s] [/u] <file.dll>",
    summary: "Re-register a DLL (changes nothing in the model)",
    topic: Topic::Repair,
    help: HELP,
    changes_state: false,
    words: &[
        "/s",
        "/u",
        "wuapi.dll",
        "wuaueng.dll",
        "wups.dll",
        "qmgr.dll",
    ],
    run: Some(run),
}];

/// What registering a DLL gives on Windows 10/11.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dll {
    /// A COM server: `DllRegisterServer` succeeds.
    ComServer,
    /// Loaded, but it has no `DllRegisterServer`.
    NoEntryPoint,
    /// Not on the PC any more.
    Missing,
}

/// The DLLs of the classic "re-register" lists.
const DLLS: &[(&str, Dll)] = &[
    ("atl", Dll::ComServer),
    ("urlmon", Dll::ComServer),
    ("mshtml", Dll::ComServer),
    ("shdocvw", Dll::ComServer),
    ("browseui", Dll::ComServer),
    ("jscript", Dll::ComServer),
    ("vbscript", Dll::ComServer),
    ("scrrun", Dll::ComServer),
    ("msxml", Dll::Missing),
    ("msxml3", Dll::ComServer),
    ("msxml6", Dll::ComServer),
    ("actxprxy", Dll::ComServer),
    ("softpub", Dll::ComServer),
    ("wintrust", Dll::ComServer),
    ("dssenh", Dll::ComServer),
    ("rsaenh", Dll::ComServer),
    ("gpkcsp", Dll::Missing),
    ("sccbase", Dll::Missing),
    ("slbcsp", Dll::Missing),
    ("cryptdlg", Dll::ComServer),
    ("oleaut32", Dll::ComServer),
    ("ole32", Dll::ComServer),
    ("shell32", Dll::ComServer),
    ("initpki", Dll::ComServer),
    ("wuapi", Dll::ComServer),
    ("wuaueng", Dll::NoEntryPoint),
    ("wuaueng1", Dll::Missing),
    ("wucltui", Dll::Missing),
    ("wups", Dll::ComServer),
    ("wups2", Dll::Missing),
    ("wuweb", Dll::Missing),
    ("qmgr", Dll::NoEntryPoint),
    ("qmgrprxy", Dll::ComServer),
    ("wucltux", Dll::Missing),
    ("muweb", Dll::Missing),
    ("wuwebv", Dll::ComServer),
];

/// What a typed name is: its file name, lower case, without `.dll`.
fn lookup(typed: &str) -> Dll {
    let base = typed.rsplit(['\\', '/']).next().unwrap_or(typed);
    let lower = base.to_ascii_lowercase();
    let stem = lower.strip_suffix(".dll").unwrap_or(&lower);
    DLLS.iter()
        .find(|(name, _)| *name == stem)
        .map_or(Dll::Missing, |(_, kind)| *kind)
}

/// A `regsvr32` line.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Line {
    silent: bool,
    unregister: bool,
    files: Vec<String>,
}

fn parse(words: &[String]) -> Result<Line, String> {
    let mut line = Line {
        silent: false,
        unregister: false,
        files: Vec::new(),
    };
    for word in words {
        if !word.starts_with(['/', '-']) {
            line.files.push(word.clone());
            continue;
        }
        match word[1..].to_ascii_lowercase().as_str() {
            "s" => line.silent = true,
            "u" => line.unregister = true,
            "n" => return Err("regsvr32 /n (DllInstall) is not simulated".to_string()),
            flag if flag == "i" || flag.starts_with("i:") => {
                return Err("regsvr32 /i (DllInstall) is not simulated".to_string());
            }
            _ => return Err(format!("regsvr32 has no switch {word}")),
        }
    }
    if line.files.is_empty() {
        return Err("regsvr32 needs the name of a DLL".to_string());
    }
    Ok(line)
}

/// The dialog's message and the exit code.
fn register(typed: &str, unregister: bool) -> (String, i32) {
    let entry = if unregister {
        "DllUnregisterServer"
    } else {
        "DllRegisterServer"
    };
    match lookup(typed) {
        Dll::ComServer => (format!("{entry} in {typed} succeeded."), 0),
        Dll::NoEntryPoint => (
            format!(
                "The module \"{typed}\" was loaded but the entry-point {entry} was not found.\n\nMake sure that \"{typed}\" is a valid DLL or OCX file and then try again."
            ),
            4,
        ),
        Dll::Missing => (
            format!(
                "The module \"{typed}\" failed to load.\n\nMake sure the binary is stored at the specified path or debug it to check for problems with the binary or dependent .DLL files.\n\nThe specified module could not be found."
            ),
            3,
        ),
    }
}

fn run(_: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let line = match parse(&args.words) {
        Ok(line) => line,
        Err(_) if args.has("/s") => return Reply::new("", 1),
        Err(why) => {
            return Reply::new(
                format!("(wusim: {why}. Use: regsvr32 [/s] [/u] <file.dll>.)\n"),
                1,
            );
        }
    };
    let mut out = String::new();
    let mut code = 0;
    for file in &line.files {
        let (message, exit) = register(file, line.unregister);
        code = code.max(exit);
        if !line.silent {
            let _ = write!(
                out,
                "[Window Title]\nRegSvr32\n\n[Content]\n{message}\n\n[OK]\n\n"
            );
        }
    }
    Reply::new(out, code)
}

const HELP: &str = "regsvr32 [/s] [/u] <file.dll>
  In the simulation: answers as Windows 10/11 does for the DLLs of the old \"re-register
  the Windows Update DLLs\" lists: most register, wuaueng.dll and qmgr.dll have no
  DllRegisterServer, and some (wuaueng1, wucltui, wups2, wuweb, muweb, msxml...) no longer
  exist. Re-registering changes nothing in the model. The dialog box is shown as text;
  /s shows nothing. Exit code 0, or 3 (the module is missing), 4 (no entry point).
  On Windows: calls the DLL's DllRegisterServer (/u: DllUnregisterServer) and reports in
  a dialog box, not in the console. Modern Windows Update needs none of this.
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pc::Pc;
    use crate::shell::Shell;

    fn run(line: &str) -> (String, i32) {
        let mut pc = Pc::builder().seed(1).build();
        let mut sh = Shell::new(&pc);
        let out = sh.execute(&mut pc, line);
        (out.text, out.exit_code)
    }

    #[test]
    fn the_36_dlls_are_known_and_classified() {
        assert_eq!(DLLS.len(), 36);
        let count = |k: Dll| DLLS.iter().filter(|(_, d)| *d == k).count();
        assert_eq!(
            (
                count(Dll::ComServer),
                count(Dll::NoEntryPoint),
                count(Dll::Missing)
            ),
            (24, 2, 10)
        );
        let rows = [
            ("atl.dll", Dll::ComServer),
            ("WUAPI.DLL", Dll::ComServer),
            ("%windir%\\system32\\wups.dll", Dll::ComServer),
            ("qmgr", Dll::NoEntryPoint),
            ("wuaueng.dll", Dll::NoEntryPoint),
            ("wuaueng1.dll", Dll::Missing),
            ("muweb.dll", Dll::Missing),
            ("nosuch.dll", Dll::Missing),
            ("", Dll::Missing),
        ];
        for (typed, expected) in rows {
            assert_eq!(lookup(typed), expected, "{typed}");
        }
    }

    #[test]
    fn silent_prints_nothing_whatever_happens() {
        for (line, code) in [
            ("regsvr32 /s atl.dll", 0),
            ("regsvr32 /s qmgr.dll", 4),
            ("regsvr32 /s wuweb.dll", 3),
            ("regsvr32 /s", 1),
        ] {
            assert_eq!(run(line), (String::new(), code), "{line}");
        }
    }

    #[test]
    fn without_s_the_dialog_is_shown_as_text() {
        let (text, code) = run("regsvr32 atl.dll");
        assert_eq!(
            text,
            "[Window Title]\nRegSvr32\n\n[Content]\nDllRegisterServer in atl.dll succeeded.\n\n[OK]\n\n"
        );
        assert_eq!(code, 0);
        let (text, _) = run("regsvr32 /u wups.dll");
        assert!(
            text.contains("DllUnregisterServer in wups.dll succeeded."),
            "{text}"
        );
        let (text, code) = run("regsvr32 qmgr.dll");
        assert!(text.contains("The module \"qmgr.dll\" was loaded but the entry-point DllRegisterServer was not found.\n\nMake sure that \"qmgr.dll\" is a valid DLL or OCX file and then try again."), "{text}");
        assert_eq!(code, 4);
        let (text, code) = run("regsvr32 wucltui.dll");
        assert!(
            text.contains("The module \"wucltui.dll\" failed to load.\n\nMake sure the binary"),
            "{text}"
        );
        assert!(
            text.contains("The specified module could not be found."),
            "{text}"
        );
        assert_eq!(code, 3);
    }

    #[test]
    fn several_dlls_each_get_a_dialog_and_the_worst_code() {
        let (text, code) = run("regsvr32 atl.dll wuweb.dll qmgr.dll");
        assert_eq!(text.matches("[Window Title]").count(), 3);
        assert_eq!(code, 4);
    }

    #[test]
    fn bad_lines_get_a_note() {
        for line in [
            "regsvr32",
            "regsvr32 /x atl.dll",
            "regsvr32 /i atl.dll",
            "regsvr32 /n /i:x a.dll",
            "regsvr32 -",
        ] {
            let (text, code) = run(line);
            assert!(text.starts_with("(wusim: "), "{line}: {text}");
            assert_eq!(code, 1, "{line}");
        }
    }

    #[test]
    fn odd_names_never_panic() {
        let long = "é".repeat(3000);
        let _ = run(&format!("regsvr32 {long}"));
        let _ = run("regsvr32 \"\" \\ / .dll");
    }
}
