//! A script under test: its name says how Windows runs it (a `.bat` or `.cmd` by cmd, a
//! `.ps1` by Windows PowerShell, anything else typed line by line), and its text is checked
//! for what Windows would refuse before it runs a line.

use crate::session::desktop_path;

/// The largest script the harness takes (as `play --file` does).
pub const MAX_BYTES: usize = 1024 * 1024;

/// A script under test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Script {
    /// Its file name (`reset.bat`, `fix.ps1`, `steps.txt`).
    pub name: String,
    /// Its text.
    pub text: String,
}

/// Why a script cannot be tested.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptError {
    /// Larger than [`MAX_BYTES`].
    TooLarge(usize),
    /// A batch file saved as UTF-16: cmd reads it byte by byte and runs none of it.
    Utf16Batch,
    /// Text with NUL characters: not a script.
    NotText,
}

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScriptError::TooLarge(n) => write!(
                f,
                "the script is {n} bytes; the harness takes scripts of at most {MAX_BYTES} bytes"
            ),
            ScriptError::Utf16Batch => f.write_str(
                "the batch file is saved as UTF-16 (\"Unicode\"), which cmd cannot run: save it as ANSI or UTF-8",
            ),
            ScriptError::NotText => f.write_str("the script is not text (it contains NUL characters)"),
        }
    }
}

impl Script {
    /// A script, checked: `utf16` says its file was saved as UTF-16.
    pub fn new(name: &str, text: &str, utf16: bool) -> Result<Script, ScriptError> {
        let script = Script {
            name: name.to_string(),
            text: text.to_string(),
        };
        if text.len() > MAX_BYTES {
            Err(ScriptError::TooLarge(text.len()))
        } else if text.contains('\0') {
            Err(ScriptError::NotText)
        } else if utf16 && script.is_batch() {
            Err(ScriptError::Utf16Batch)
        } else {
            Ok(script)
        }
    }

    /// True for a batch file (`.bat`, `.cmd`).
    pub fn is_batch(&self) -> bool {
        let lower = self.name.to_ascii_lowercase();
        lower.ends_with(".bat") || lower.ends_with(".cmd")
    }

    /// True for a PowerShell script.
    pub fn is_powershell(&self) -> bool {
        self.name.to_ascii_lowercase().ends_with(".ps1")
    }

    /// The files it puts on the Desktop: the script itself, unless it is typed line by line.
    pub fn files(&self) -> Vec<(String, String)> {
        if self.is_batch() || self.is_powershell() {
            vec![(self.name.clone(), self.text.clone())]
        } else {
            Vec::new()
        }
    }

    /// The lines that run it as a technician would: a batch file by its path, a `.ps1` with
    /// `powershell -ExecutionPolicy Bypass -File` (as Intune runs it), any other text typed
    /// line by line.
    pub fn lines(&self) -> Vec<String> {
        if self.is_powershell() {
            vec![format!(
                "powershell -ExecutionPolicy Bypass -File \"{}\"",
                desktop_path(&self.name)
            )]
        } else if self.is_batch() {
            vec![format!("\"{}\"", desktop_path(&self.name))]
        } else {
            self.text
                .lines()
                .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_refusals_are_named() {
        assert_eq!(
            Script::new("fix.bat", "net start wuauserv", true),
            Err(ScriptError::Utf16Batch)
        );
        assert!(Script::new("fix.ps1", "Start-Service wuauserv", true).is_ok());
        assert_eq!(
            Script::new("fix.txt", "a\0b", false),
            Err(ScriptError::NotText)
        );
        let big = "rem x\r\n".repeat(MAX_BYTES / 7 + 1);
        assert!(matches!(
            Script::new("fix.bat", &big, false),
            Err(ScriptError::TooLarge(_))
        ));
    }

    #[test]
    fn each_kind_runs_as_windows_runs_it() {
        let bat = Script::new("Fix.CMD", "ver", false).unwrap();
        assert_eq!(bat.lines(), [format!("\"{}\"", desktop_path("Fix.CMD"))]);
        let ps = Script::new("fix.ps1", "Get-Service", false).unwrap();
        assert!(ps.lines()[0].starts_with("powershell -ExecutionPolicy Bypass -File"));
        let typed = Script::new(
            "steps.txt",
            "sc query wuauserv\r\nnet start wuauserv",
            false,
        )
        .unwrap();
        assert_eq!(typed.lines(), ["sc query wuauserv", "net start wuauserv"]);
        assert!(typed.files().is_empty());
    }
}
