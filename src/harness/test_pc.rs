//! A PC to test a script on: what differs from the default PC (Windows version, hardware,
//! disk, network, proxy), when the test starts, and what is broken. It becomes a
//! [`Scenario`] whose goal is "up to date" (to run the script on), and a scenario file (a
//! counterexample that `wusim play` opens, the script on its Desktop).

use serde::Serialize;

use crate::engine::{CivilDateTime, SimDuration};
use crate::fault::Fault;
use crate::scenario::{
    DesktopFile, Difficulty, GoalSpec, PcSpec, Scenario, ScheduledFault, ServerSpec, StartShell,
};

use super::Script;

/// The id of a counterexample's scenario file (save it as `counterexample.toml`).
pub const COUNTEREXAMPLE_ID: &str = "counterexample";

/// A PC to test a script on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TestPc {
    /// What differs from the default PC.
    pub pc: PcSpec,
    /// Hours after the default start (Patch Tuesday, 10 June 2025, 10:30) the test starts.
    pub hours_later: u32,
    /// The seed of the PC's own randomness.
    pub seed: u64,
    /// What is broken (empty: a healthy PC).
    pub faults: Vec<Fault>,
}

impl TestPc {
    /// A healthy default PC.
    pub fn healthy() -> TestPc {
        TestPc::default()
    }

    /// A default PC with `faults`.
    pub fn with_faults(faults: &[Fault]) -> TestPc {
        TestPc {
            faults: faults.to_vec(),
            ..TestPc::default()
        }
    }

    /// When the test starts.
    pub fn start(&self) -> CivilDateTime {
        CivilDateTime::PATCH_TUESDAY.plus(SimDuration::from_hours(u64::from(self.hours_later)))
    }

    /// True when something done on the PC can fix every fault it has.
    pub fn is_fixable(&self) -> bool {
        self.faults.iter().all(|f| f.is_fixable())
    }

    /// The scenario of the test: this PC, with "up to date, no service Disabled" as its goal.
    pub fn scenario(&self) -> Scenario {
        Scenario {
            format_version: crate::scenario::schema::FORMAT_VERSION,
            id: COUNTEREXAMPLE_ID.to_string(),
            title: "A PC wusim test drew".to_string(),
            difficulty: Difficulty::Advanced,
            briefing: self.describe(),
            seed: self.seed,
            start: self.start(),
            shell: StartShell::Cmd,
            pc: self.pc.clone(),
            server: ServerSpec::default(),
            faults: self
                .faults
                .iter()
                .map(|&fault| ScheduledFault { fault, at: None })
                .collect(),
            goal: Some(GoalSpec {
                up_to_date: true,
                settings_ok: false,
                ..GoalSpec::default()
            }),
            hints: Vec::new(),
            solution: Vec::new(),
            par: None,
            notes: String::new(),
            version: String::new(),
            rule: String::new(),
            coach: false,
            before_arrival: Vec::new(),
            symptom: None,
            evidence: Vec::new(),
            causes: Vec::new(),
            alternatives: Vec::new(),
            variants: Vec::new(),
            variant: None,
            files: Vec::new(),
        }
    }

    /// The PC in one line: "Windows 11 23H2 (default PC), 10 June 2025 10:30; broken:
    /// corrupt-catroot2, service-disabled (BITS)".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        let spec = &self.pc;
        if let Some(v) = spec.windows {
            parts.push(v.label().to_string());
        }
        if let Some(e) = spec.edition {
            parts.push(e.label().to_string());
        }
        if let Some(gb) = spec.ram_gb {
            parts.push(format!("{gb} GB of memory"));
        }
        if let Some(gb) = spec.disk_free_gb {
            parts.push(format!("{gb} GB free"));
        }
        if let Some(mbps) = spec.bandwidth_mbps {
            parts.push(format!("{mbps} Mbit/s"));
        }
        if spec.proxy.is_some() {
            parts.push("behind a working proxy".to_string());
        }
        if parts.is_empty() {
            parts.push("the default PC".to_string());
        }
        let broken = if self.faults.is_empty() {
            "nothing broken".to_string()
        } else {
            format!(
                "broken: {}",
                self.faults
                    .iter()
                    .map(|f| fault_label(*f))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        format!("{}, from {}; {broken}", parts.join(", "), self.start())
    }

    /// The scenario file of a counterexample: this PC, `script` on the Desktop, the script
    /// and `follow_up` as its solution, `why` in its briefing, and `transcript` in comments.
    /// It has no goal, so `wusim validate` accepts it and `wusim play` opens it as practice.
    pub fn counterexample_file(
        &self,
        script: &Script,
        follow_up: &[String],
        why: &str,
        transcript: &str,
    ) -> String {
        #[derive(Serialize)]
        #[serde(rename_all = "kebab-case")]
        struct File<'a> {
            format_version: u32,
            id: &'a str,
            title: String,
            difficulty: Difficulty,
            briefing: String,
            seed: u64,
            start: CivilDateTime,
            solution: Vec<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            pc: Option<&'a PcSpec>,
            fault: &'a [Fault],
            file: Vec<DesktopFile>,
        }
        let mut solution = script.lines();
        solution.extend(follow_up.iter().cloned());
        let file = File {
            format_version: crate::scenario::schema::FORMAT_VERSION,
            id: COUNTEREXAMPLE_ID,
            title: format!("{} on the PC wusim test shrank to", script.name),
            difficulty: Difficulty::Advanced,
            briefing: format!(
                "wusim test ran {} on this PC ({}) and found: {why}. Run it yourself: the script is on the Desktop; the solution runs it and lives on as a user would.",
                script.name,
                self.describe()
            ),
            seed: self.seed,
            start: self.start(),
            solution,
            pc: (self.pc != PcSpec::default()).then_some(&self.pc),
            fault: &self.faults,
            file: script
                .files()
                .into_iter()
                .map(|(name, text)| DesktopFile { name, text })
                .collect(),
        };
        let mut text = format!(
            "# A counterexample found by `wusim test {}`: save it as {COUNTEREXAMPLE_ID}.toml, then\n# `wusim play {COUNTEREXAMPLE_ID}.toml`.\n",
            script.name
        );
        text.push_str(&toml::to_string(&file).unwrap_or_default());
        if !transcript.is_empty() {
            text.push_str("\n# The script on this PC:\n");
            for line in transcript.lines() {
                text.push_str("#   ");
                text.push_str(line);
                text.push('\n');
            }
        }
        text
    }
}

/// A fault by its kind, with its service or parameter: `service-disabled (BITS)`.
pub fn fault_label(fault: Fault) -> String {
    match fault {
        Fault::ServiceStopped { service }
        | Fault::ServiceCrashed { service }
        | Fault::ServiceDisabled { service }
        | Fault::SetToDisabled { service }
        | Fault::ServiceHung { service }
        | Fault::ServiceWedged { service } => format!("{} ({})", fault.kind(), service.name()),
        Fault::ClockSkew { days } => format!("{} ({days:+} days)", fault.kind()),
        Fault::Server { behavior } => format!("{} ({behavior:?})", fault.kind()).to_lowercase(),
        Fault::SafeguardHold { id } => format!("{} ({id})", fault.kind()),
        _ => fault.kind().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scm::ServiceId;

    #[test]
    fn a_counterexample_file_loads_passes_validate_and_builds_the_same_pc() {
        let pc = TestPc {
            pc: PcSpec {
                windows: Some(crate::device::WindowsVersion::Windows10_22H2),
                disk_free_gb: Some(40),
                ..PcSpec::default()
            },
            hours_later: 30,
            seed: 7,
            faults: vec![
                Fault::ServiceDisabled {
                    service: ServiceId::BITS,
                },
                Fault::ClockSkew { days: -400 },
            ],
        };
        let script = Script::new("fix.bat", "@echo off\r\nnet start bits\r\n", false).unwrap();
        let text = pc.counterexample_file(
            &script,
            &["settings check".to_string()],
            "does-no-harm: \"quoted\" \\ reason",
            "C:\\>fix.bat\nThe service is starting.",
        );
        let loaded = crate::validate::check("counterexample.toml", &text)
            .unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(loaded.files[0].text, script.text);
        assert_eq!(loaded.solution[1], "settings check");
        let built = pc.scenario();
        assert_eq!(loaded.faults, built.faults);
        assert_eq!(loaded.pc, built.pc);
        assert_eq!(loaded.start, built.start);
        assert_eq!(loaded.seed, built.seed);
    }

    #[test]
    fn a_pc_says_what_is_broken() {
        let pc = TestPc::with_faults(&[Fault::ServiceDisabled {
            service: ServiceId::BITS,
        }]);
        assert_eq!(
            pc.describe(),
            "the default PC, from 2025-06-10T10:30:00; broken: service-disabled (BITS)"
        );
        assert!(pc.is_fixable());
    }
}
