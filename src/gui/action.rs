//! What a click in the browser GUI means: an [`Action`] as the page sends it (JSON), and the
//! line of the practice shell it stands for.
//!
//! Every action is a line: Start in the Services console is `services.msc start "Windows
//! Update"`, Check for updates is `settings check`, the taskbar's wait is `wait 10m`. The
//! session runs that line as one step, so a click is judged, timed, undone and recorded
//! exactly as the same line typed, and `wusim grade` replays a GUI session with no GUI.
//! Pause and Resume are not actions: no service in the model accepts them, so the console
//! greys them out (see the book's simplifications).

use serde::Deserialize;

use crate::engine::parse_duration;
use crate::scm::ServiceId;

/// Longest line the terminal window takes at once (a pasted script included).
pub const MAX_LINE: usize = 64 * 1024;

/// One click (or one line typed in the terminal window).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Action {
    /// A window or page opened: it shows what it shows as a step.
    Open {
        /// Which.
        window: Window,
    },
    /// A service's Properties dialog opened.
    Properties {
        /// The service name (`wuauserv`) or display name.
        service: String,
    },
    /// Start, Stop or Restart: the toolbar, the right-click menu, the Extended view's links
    /// or the Properties dialog's buttons.
    Service {
        /// Which.
        verb: Verb,
        /// The service name or display name.
        service: String,
    },
    /// Properties > General > Startup type, then Apply (or OK).
    Startup {
        /// The service name or display name.
        service: String,
        /// The entry picked.
        startup: Startup,
    },
    /// Yes or No in "Stop Other Services".
    Answer {
        /// Yes.
        yes: bool,
    },
    /// A button of Settings > Windows Update (Retry is Check for updates).
    Settings {
        /// Which.
        button: Button,
    },
    /// Settings > Pause updates: pause for 1 to 5 weeks (also "Extend for 1 week").
    Pause {
        /// Weeks, 1 to 5.
        weeks: u8,
    },
    /// Settings > Advanced options > Active hours set manually.
    ActiveHours {
        /// First hour, 0 to 23.
        start: u8,
        /// Last hour, 0 to 23.
        end: u8,
    },
    /// Settings > Advanced options > "Download updates over metered connections".
    Metered {
        /// On.
        on: bool,
    },
    /// The taskbar's wait: let simulated time pass (`30s`, `10m`, `1h`...).
    Wait {
        /// How long.
        duration: String,
    },
    /// A button of the ticket panel: `hint`, `check`, `undo`, `status`, `quit`.
    Ticket {
        /// Which.
        word: TicketWord,
    },
    /// Close the ticket with these causes (the ticket panel's list, numbered from 1).
    Diagnose {
        /// The picked causes' numbers.
        picks: Vec<u32>,
    },
    /// A line typed (or a block pasted) in the terminal window.
    Line {
        /// The text.
        text: String,
    },
}

/// A window or page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Window {
    /// Services (Local).
    Services,
    /// Settings > Windows Update.
    Settings,
    /// Settings > Windows Update > Update history.
    UpdateHistory,
    /// Settings > Windows Update > View configured update policies.
    UpdatePolicies,
    /// Settings > Windows Update > Advanced options.
    AdvancedOptions,
    /// Event Viewer > Windows Logs > System.
    SystemLog,
    /// Event Viewer > ... > WindowsUpdateClient > Operational.
    UpdateLog,
}

/// The console's service actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verb {
    /// Start.
    Start,
    /// Stop.
    Stop,
    /// Restart.
    Restart,
}

/// The entries of the Startup type list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Startup {
    /// Automatic (Delayed Start).
    Delayed,
    /// Automatic.
    Automatic,
    /// Manual.
    Manual,
    /// Disabled.
    Disabled,
}

/// Buttons of Settings > Windows Update.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Button {
    /// Check for updates (and Retry).
    Check,
    /// Download (an update listed as Pending download).
    Download,
    /// Install now.
    Install,
    /// Download and install (the feature update's offer).
    InstallFeature,
    /// Restart now.
    Restart,
    /// Resume updates.
    Resume,
    /// Troubleshoot: the Windows Update troubleshooter.
    Troubleshoot,
}

/// The ticket panel's buttons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TicketWord {
    /// The next hint.
    Hint,
    /// Is the goal met?
    Check,
    /// Take back the last change.
    Undo,
    /// The briefing again.
    Status,
    /// Leave the scenario.
    Quit,
}

/// Why an action cannot be taken (the server answers 400 and nothing changes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionError(pub String);

impl std::fmt::Display for ActionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ActionError {}

impl Action {
    /// Reads an action from the JSON the page sends.
    pub fn from_json(text: &str) -> Result<Action, ActionError> {
        serde_json::from_str(text).map_err(|e| ActionError(format!("not an action: {e}")))
    }

    /// True for a line typed in the terminal window (recorded as typed, not as a click).
    pub fn is_typed(&self) -> bool {
        matches!(self, Action::Line { .. })
    }

    /// The line this action stands for.
    pub fn line(&self) -> Result<String, ActionError> {
        Ok(match self {
            Action::Open { window } => match window {
                Window::Services => "services.msc",
                Window::Settings => "settings",
                Window::UpdateHistory => "settings history",
                Window::UpdatePolicies => "settings policies",
                Window::AdvancedOptions => "settings active-hours",
                Window::SystemLog => "eventvwr system",
                Window::UpdateLog => "eventvwr update",
            }
            .to_string(),
            Action::Properties { service } => {
                format!("services.msc properties \"{}\"", display_name(service)?)
            }
            Action::Service { verb, service } => {
                let verb = match verb {
                    Verb::Start => "start",
                    Verb::Stop => "stop",
                    Verb::Restart => "restart",
                };
                format!("services.msc {verb} \"{}\"", display_name(service)?)
            }
            Action::Startup { service, startup } => {
                let word = match startup {
                    Startup::Delayed => "delayed",
                    Startup::Automatic => "automatic",
                    Startup::Manual => "manual",
                    Startup::Disabled => "disabled",
                };
                format!("services.msc startup {word} \"{}\"", display_name(service)?)
            }
            Action::Answer { yes } => if *yes { "Y" } else { "N" }.to_string(),
            Action::Settings { button } => match button {
                Button::Check => "settings check",
                Button::Download => "settings download",
                Button::Install => "settings install",
                Button::InstallFeature => "settings install-feature",
                Button::Restart => "settings restart",
                Button::Resume => "settings resume",
                Button::Troubleshoot => "settings troubleshoot",
            }
            .to_string(),
            Action::Pause { weeks } if (1..=5).contains(weeks) => {
                format!("settings pause {}", u32::from(*weeks) * 7)
            }
            Action::Pause { weeks } => {
                return Err(ActionError(format!(
                    "updates pause for 1 to 5 weeks, not {weeks}"
                )));
            }
            Action::ActiveHours { start, end } if *start <= 23 && *end <= 23 => {
                format!("settings active-hours {start}-{end}")
            }
            Action::ActiveHours { .. } => {
                return Err(ActionError("active hours are hours from 0 to 23".into()));
            }
            Action::Metered { on } => {
                format!("settings metered {}", if *on { "on" } else { "off" })
            }
            Action::Wait { duration } => {
                parse_duration(duration)
                    .map_err(|e| ActionError(format!("cannot wait '{duration}': {e}")))?;
                format!("wait {duration}")
            }
            Action::Ticket { word } => match word {
                TicketWord::Hint => "hint",
                TicketWord::Check => "check",
                TicketWord::Undo => "undo",
                TicketWord::Status => "status",
                TicketWord::Quit => "quit",
            }
            .to_string(),
            Action::Diagnose { picks } if !picks.is_empty() && picks.len() <= 16 => {
                let picks: Vec<String> = picks.iter().map(u32::to_string).collect();
                format!("diagnose {}", picks.join(" "))
            }
            Action::Diagnose { .. } => {
                return Err(ActionError("pick 1 to 16 causes".into()));
            }
            Action::Line { text } if text.len() > MAX_LINE => {
                return Err(ActionError(format!(
                    "a line of at most {MAX_LINE} bytes, please"
                )));
            }
            Action::Line { text } => text.clone(),
        })
    }
}

fn display_name(name: &str) -> Result<&'static str, ActionError> {
    ServiceId::find(name)
        .map(ServiceId::display_name)
        .ok_or_else(|| ActionError(format!("no service is called '{name}'")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(json: &str) -> Result<String, ActionError> {
        Action::from_json(json)?.line()
    }

    #[test]
    fn clicks_are_the_lines_they_stand_for() {
        assert_eq!(
            line(r#"{"kind":"service","verb":"restart","service":"UsoSvc"}"#).unwrap(),
            "services.msc restart \"Update Orchestrator Service\""
        );
        assert_eq!(
            line(r#"{"kind":"startup","service":"Windows Update","startup":"manual"}"#).unwrap(),
            "services.msc startup manual \"Windows Update\""
        );
        assert_eq!(
            line(r#"{"kind":"settings","button":"check"}"#).unwrap(),
            "settings check"
        );
        assert_eq!(
            line(r#"{"kind":"pause","weeks":2}"#).unwrap(),
            "settings pause 14"
        );
        assert_eq!(
            line(r#"{"kind":"wait","duration":"10m"}"#).unwrap(),
            "wait 10m"
        );
        assert_eq!(
            line(r#"{"kind":"diagnose","picks":[2,3]}"#).unwrap(),
            "diagnose 2 3"
        );
        assert_eq!(
            line(r#"{"kind":"open","window":"update-log"}"#).unwrap(),
            "eventvwr update"
        );
        assert_eq!(line(r#"{"kind":"answer","yes":false}"#).unwrap(), "N");
    }

    #[test]
    fn bad_actions_are_refused_with_a_reason() {
        for bad in [
            "",
            "{",
            "[]",
            r#"{"kind":"format-c"}"#,
            r#"{"kind":"service","verb":"pause","service":"wuauserv"}"#,
            r#"{"kind":"service","verb":"start","service":"NoSuch"}"#,
            r#"{"kind":"service","verb":"start","service":"wuauserv","extra":1}"#,
            r#"{"kind":"pause","weeks":6}"#,
            r#"{"kind":"active-hours","start":8,"end":24}"#,
            r#"{"kind":"wait","duration":"forever"}"#,
            r#"{"kind":"diagnose","picks":[]}"#,
        ] {
            let error = line(bad).unwrap_err();
            assert!(!error.0.is_empty(), "{bad}");
        }
    }
}
