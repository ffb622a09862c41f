//! The environment of the simulated Command Prompt: the variables Windows 10/11 sets for a
//! signed-in user (reference §1.4, for user `Admin` on the simulated PC), what `set` adds,
//! and the dynamic variables cmd computes each time they are read (`%CD%`, `%DATE%`,
//! `%TIME%`, `%RANDOM%`, `%ERRORLEVEL%`...).
//!
//! Names ignore case and keep the case they were set with; `set` lists them sorted ignoring
//! case. A variable set by the user hides the dynamic one of the same name (the classic
//! `set ERRORLEVEL=0` bug). The list is a sorted `Vec` (no hash map: the order must not
//! depend on a hasher).

use super::expand::Vars;
use crate::pc::Pc;
use crate::world::path;

/// The environment: `(name, value)` pairs sorted by name ignoring case.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Env {
    vars: Vec<(String, String)>,
}

impl Env {
    /// The variables an elevated Command Prompt starts with on `pc`.
    pub(crate) fn defaults(pc: &Pc) -> Env {
        let computer = pc.device().name.as_str().to_string();
        let arch = match pc.device().arch {
            crate::device::Arch::X64 => "AMD64",
            crate::device::Arch::Arm64 => "ARM64",
        };
        let cores = pc.device().cpu.cores.to_string();
        let mut env = Env::default();
        let fixed: &[(&str, &str)] = &[
            ("ALLUSERSPROFILE", "C:\\ProgramData"),
            ("APPDATA", "C:\\Users\\Admin\\AppData\\Roaming"),
            ("CommonProgramFiles", "C:\\Program Files\\Common Files"),
            (
                "CommonProgramFiles(x86)",
                "C:\\Program Files (x86)\\Common Files",
            ),
            ("CommonProgramW6432", "C:\\Program Files\\Common Files"),
            ("ComSpec", "C:\\WINDOWS\\system32\\cmd.exe"),
            ("DriverData", "C:\\Windows\\System32\\Drivers\\DriverData"),
            ("HOMEDRIVE", "C:"),
            ("HOMEPATH", "\\Users\\Admin"),
            ("LOCALAPPDATA", "C:\\Users\\Admin\\AppData\\Local"),
            ("OS", "Windows_NT"),
            (
                "Path",
                "C:\\WINDOWS\\system32;C:\\WINDOWS;C:\\WINDOWS\\System32\\Wbem;C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\;C:\\WINDOWS\\System32\\OpenSSH\\;C:\\Users\\Admin\\AppData\\Local\\Microsoft\\WindowsApps;",
            ),
            (
                "PATHEXT",
                ".COM;.EXE;.BAT;.CMD;.VBS;.VBE;.JS;.JSE;.WSF;.WSH;.MSC",
            ),
            (
                "PROCESSOR_IDENTIFIER",
                "Intel64 Family 6 Model 61 Stepping 4, GenuineIntel",
            ),
            ("PROCESSOR_LEVEL", "6"),
            ("PROCESSOR_REVISION", "3d04"),
            ("ProgramData", "C:\\ProgramData"),
            ("ProgramFiles", "C:\\Program Files"),
            ("ProgramFiles(x86)", "C:\\Program Files (x86)"),
            ("ProgramW6432", "C:\\Program Files"),
            ("PROMPT", "$P$G"),
            (
                "PSModulePath",
                "C:\\Program Files\\WindowsPowerShell\\Modules;C:\\WINDOWS\\system32\\WindowsPowerShell\\v1.0\\Modules",
            ),
            ("PUBLIC", "C:\\Users\\Public"),
            ("SESSIONNAME", "Console"),
            ("SystemDrive", "C:"),
            ("SystemRoot", "C:\\WINDOWS"),
            ("TEMP", "C:\\Users\\Admin\\AppData\\Local\\Temp"),
            ("TMP", "C:\\Users\\Admin\\AppData\\Local\\Temp"),
            ("USERNAME", "Admin"),
            ("USERPROFILE", "C:\\Users\\Admin"),
            ("windir", "C:\\WINDOWS"),
        ];
        for (name, value) in fixed {
            env.set(name, value);
        }
        env.set("COMPUTERNAME", &computer);
        env.set("LOGONSERVER", &format!("\\\\{computer}"));
        env.set("USERDOMAIN", &computer);
        env.set("USERDOMAIN_ROAMINGPROFILE", &computer);
        env.set("PROCESSOR_ARCHITECTURE", arch);
        env.set("NUMBER_OF_PROCESSORS", &cores);
        env
    }

    fn position(&self, name: &str) -> Result<usize, usize> {
        self.vars.binary_search_by(|(n, _)| path::cmp(n, name))
    }

    /// A variable set in the environment (not the dynamic ones).
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.position(name).ok().map(|i| self.vars[i].1.as_str())
    }

    /// Sets a variable; an empty value removes it, as `set NAME=` does.
    pub(crate) fn set(&mut self, name: &str, value: &str) {
        match (self.position(name), value.is_empty()) {
            (Ok(i), true) => {
                self.vars.remove(i);
            }
            (Ok(i), false) => self.vars[i].1 = value.to_string(),
            (Err(_), true) => {}
            (Err(i), false) => self.vars.insert(i, (name.to_string(), value.to_string())),
        }
    }

    /// Every variable, sorted by name ignoring case.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.vars.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

/// What expansion sees: the environment, then the dynamic variables, and paths made full
/// against the current folder.
pub(crate) struct View<'a> {
    /// The environment.
    pub(crate) env: &'a Env,
    /// The current folder.
    pub(crate) cwd: &'a str,
    /// `%ERRORLEVEL%`.
    pub(crate) errorlevel: i32,
    /// The PC's clock, for `%DATE%` and `%TIME%`.
    pub(crate) clock: crate::engine::CivilDateTime,
    /// Milliseconds past the second, for `%TIME%`'s hundredths.
    pub(crate) millis: u64,
    /// The value `%RANDOM%` gives in this expansion.
    pub(crate) random: u16,
}

impl View<'_> {
    /// `%DATE%` as an en-US console shows it: `Tue 06/10/2025`.
    pub(crate) fn date(&self) -> String {
        const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
        let c = self.clock;
        format!(
            "{} {:02}/{:02}/{:04}",
            DAYS[usize::from(c.weekday() % 7)],
            c.month,
            c.day,
            c.year
        )
    }

    /// `%TIME%`: `10:30:02.48`, 24-hour, with a space before a one-digit hour (a
    /// simplification: the leading space is the commonly reported form).
    pub(crate) fn time(&self) -> String {
        let c = self.clock;
        format!(
            "{:>2}:{:02}:{:02}.{:02}",
            c.hour,
            c.minute,
            c.second,
            self.millis / 10
        )
    }
}

impl Vars for View<'_> {
    fn var(&self, name: &str) -> Option<String> {
        if let Some(value) = self.env.get(name) {
            return Some(value.to_string());
        }
        let dynamic = match name.to_ascii_uppercase().as_str() {
            "CD" => self.cwd.to_string(),
            "DATE" => self.date(),
            "TIME" => self.time(),
            "RANDOM" => self.random.to_string(),
            "ERRORLEVEL" => self.errorlevel.to_string(),
            "CMDEXTVERSION" => "2".to_string(),
            "CMDCMDLINE" => "\"C:\\WINDOWS\\system32\\cmd.exe\"".to_string(),
            "HIGHESTNUMANODENUMBER" => "0".to_string(),
            _ => return None,
        };
        Some(dynamic)
    }

    fn full_path(&self, typed: &str) -> String {
        path::resolve(self.cwd, typed).unwrap_or_else(|_| typed.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_ignore_case_and_empty_values_remove() {
        let mut env = Env::default();
        env.set("Path", "x");
        assert_eq!(env.get("PATH"), Some("x"));
        env.set("path", "y");
        assert_eq!(env.get("Path"), Some("y"));
        assert_eq!(env.iter().count(), 1);
        env.set("PATH", "");
        assert_eq!(env.get("path"), None);
    }

    #[test]
    fn defaults_name_the_pc_and_the_user() {
        let pc = Pc::default();
        let env = Env::defaults(&pc);
        assert_eq!(env.get("computername"), Some("DESKTOP-WUSIM01"));
        assert_eq!(env.get("windir"), Some("C:\\WINDOWS"));
        assert_eq!(env.get("ALLUSERSPROFILE"), Some("C:\\ProgramData"));
        let names: Vec<&str> = env.iter().map(|(n, _)| n).collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_ascii_lowercase());
        assert_eq!(names, sorted);
    }

    #[test]
    fn dynamic_variables_are_computed_and_hidden_by_user_ones() {
        let env = Env::default();
        let clock = crate::engine::CivilDateTime::new(2025, 6, 10, 9, 5, 3).unwrap();
        let view = View {
            env: &env,
            cwd: "C:\\WINDOWS\\system32",
            errorlevel: 5,
            clock,
            millis: 410,
            random: 7,
        };
        assert_eq!(view.var("date").as_deref(), Some("Tue 06/10/2025"));
        assert_eq!(view.var("TIME").as_deref(), Some(" 9:05:03.41"));
        assert_eq!(view.var("errorlevel").as_deref(), Some("5"));
        assert_eq!(view.var("cd").as_deref(), Some("C:\\WINDOWS\\system32"));
        let mut user = env.clone();
        user.set("ERRORLEVEL", "0");
        let view = View { env: &user, ..view };
        assert_eq!(view.var("errorlevel").as_deref(), Some("0"));
    }
}
