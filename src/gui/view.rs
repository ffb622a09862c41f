//! What the browser GUI's windows show, computed from the session at any moment and never
//! stored: the [`Desktop`] is the whole page's data, sent after every action. The page draws
//! it and holds no state of its own, so the model stays the one source of truth.

use serde::Serialize;

use crate::eventlog::LogName;
use crate::eventlog::ViewerRow;
use crate::pc::Pc;
use crate::scm::{ServiceId, ServiceSet, ServiceState, StartType, dependency_graph};
use crate::session::{Session, State, diagnose};
use crate::settings::{SettingsPage, UpdateHistory};
use crate::shell::render::hour_label;
use crate::shell::tools::{eventvwr, services_msc};
use crate::world::policy;

/// The whole page.
#[derive(Clone, Debug, Serialize)]
pub struct Desktop {
    /// The ticket panel.
    pub ticket: Ticket,
    /// The taskbar clock: `9:05 AM`.
    pub clock: String,
    /// The taskbar date: `6/10/2025`.
    pub date: String,
    /// Simulated time since the learner arrived: `12m 30s`.
    pub elapsed: String,
    /// The OS: `Windows 11, version 24H2`.
    pub os: &'static str,
    /// Windows 11 (Settings' look and texts, the troubleshooter's place).
    pub windows11: bool,
    /// Services (Local), sorted by display name.
    pub services: Vec<ServiceRow>,
    /// Settings > Windows Update.
    pub settings: SettingsView,
    /// Event Viewer's two logs.
    pub events: Events,
    /// "Stop Other Services" waits for Yes or No.
    pub question: Option<StopOthers>,
}

/// The ticket panel: the scenario, the causes to pick from, and how it stands.
#[derive(Clone, Debug, Serialize)]
pub struct Ticket {
    /// The scenario's title.
    pub title: String,
    /// Beginner, intermediate...
    pub difficulty: &'static str,
    /// The user's complaint.
    pub briefing: String,
    /// The causes, in the order `diagnose` numbers them.
    pub causes: Vec<String>,
    /// Playing, solved or quit.
    pub state: State,
    /// Hints shown so far.
    pub hints_used: usize,
    /// Hints the scenario has.
    pub hints_total: usize,
    /// Whether the scenario has a goal (free practice has none).
    pub has_goal: bool,
    /// The summary and debrief once the session is over.
    pub debrief: Option<String>,
}

/// One row of Services (Local), with what its Properties dialog shows.
#[derive(Clone, Debug, Serialize)]
pub struct ServiceRow {
    /// `wuauserv`.
    pub name: &'static str,
    /// `Windows Update`.
    pub display: &'static str,
    /// The Description column.
    pub description: &'static str,
    /// The Status column: `Running`, `Starting`, `Stopping` or empty.
    pub status: &'static str,
    /// The Properties dialog's Service status: `Running`, `Stopped`...
    pub status_word: &'static str,
    /// The Startup Type column: `Manual (Trigger Start)`...
    pub startup: &'static str,
    /// The Properties dialog's Startup type entry: `delayed`, `automatic`, `manual`,
    /// `disabled` (no trigger-start entries there).
    pub startup_entry: &'static str,
    /// The Log On As column.
    pub log_on_as: &'static str,
    /// Path to executable.
    pub path: &'static str,
    /// The Dependencies tab: what it depends on (display names).
    pub depends_on: Vec<&'static str>,
    /// The Dependencies tab: what depends on it.
    pub dependents: Vec<&'static str>,
    /// Which of Start, Stop, Pause, Resume, Restart are enabled now.
    pub verbs: Verbs,
}

/// The console's enabled actions for one service: one rule for the toolbar, the menus, the
/// Extended view's links and the Properties buttons (`windows-gui.md` §1.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Verbs {
    /// Start.
    pub start: bool,
    /// Stop.
    pub stop: bool,
    /// Pause (no modelled service accepts it).
    pub pause: bool,
    /// Resume (no modelled service is ever paused).
    pub resume: bool,
    /// Restart.
    pub restart: bool,
}

impl Verbs {
    /// The rule: a stopped service offers Start unless Disabled; a running one that accepts
    /// Stop offers Stop and Restart; a pending one offers nothing.
    pub fn of(state: ServiceState, start_type: StartType, stoppable: bool) -> Verbs {
        let running = state == ServiceState::Running && stoppable;
        Verbs {
            start: state == ServiceState::Stopped && start_type != StartType::Disabled,
            stop: running,
            pause: false,
            resume: false,
            restart: running,
        }
    }
}

/// Settings > Windows Update and its pages.
#[derive(Clone, Debug, Serialize)]
pub struct SettingsView {
    /// The main page.
    pub page: SettingsPage,
    /// Update history.
    pub history: UpdateHistory,
    /// Policies set on the device (View configured update policies).
    pub policies: Vec<String>,
    /// Active hours, first and last hour.
    pub active_hours: (u8, u8),
    /// `8:00 AM to 5:00 PM`.
    pub active_hours_text: String,
    /// Updates are paused.
    pub paused: bool,
    /// A policy removes "Pause updates".
    pub pause_removed: bool,
    /// A policy removes "Check for updates".
    pub check_removed: bool,
    /// "Download updates over metered connections" is on.
    pub download_over_metered: bool,
    /// The PC's connection is metered.
    pub metered_network: bool,
}

/// Event Viewer's logs, newest first.
#[derive(Clone, Debug, Serialize)]
pub struct Events {
    /// Windows Logs > System.
    pub system: Vec<ViewerRow>,
    /// WindowsUpdateClient > Operational.
    pub update: Vec<ViewerRow>,
    /// Their paths in the tree.
    pub paths: (&'static str, &'static str),
}

/// The "Stop Other Services" box.
#[derive(Clone, Debug, Serialize)]
pub struct StopOthers {
    /// The service being stopped.
    pub service: &'static str,
    /// The running services that will stop too.
    pub dependents: Vec<&'static str>,
}

impl Desktop {
    /// The page as it would show now.
    pub fn of(session: &Session) -> Desktop {
        let pc = session.pc();
        let clock = pc.clock();
        let version = pc.device().os.version;
        Desktop {
            ticket: ticket(session),
            clock: clock.clock(),
            date: clock.windows_date(),
            elapsed: session.elapsed().round_to_secs().to_string(),
            os: version.label(),
            windows11: version.is_windows_11(),
            services: services(pc),
            settings: settings(pc),
            events: Events {
                system: eventvwr::rows(pc, LogName::System),
                update: eventvwr::rows(pc, LogName::WindowsUpdateOperational),
                paths: (
                    eventvwr::tree_path(LogName::System),
                    eventvwr::tree_path(LogName::WindowsUpdateOperational),
                ),
            },
            question: stop_question(session),
        }
    }
}

fn ticket(session: &Session) -> Ticket {
    let scenario = session.scenario();
    let over = session.state() != State::Playing;
    Ticket {
        title: scenario.title.clone(),
        difficulty: scenario.difficulty.label(),
        briefing: scenario.briefing.trim_end().to_string(),
        causes: diagnose::ordered(scenario, session.seed())
            .iter()
            .map(|c| c.text.clone())
            .collect(),
        state: session.state(),
        hints_used: session.hints_used(),
        hints_total: scenario.hints.len(),
        has_goal: scenario.goal.is_some(),
        debrief: over.then(|| session.summary_text()),
    }
}

fn services(pc: &Pc) -> Vec<ServiceRow> {
    let graph = dependency_graph();
    let names = |set: ServiceSet| {
        let mut names: Vec<&'static str> = set.iter().map(ServiceId::display_name).collect();
        names.sort_unstable();
        names
    };
    let mut rows: Vec<ServiceRow> = ServiceId::all()
        .map(|id| {
            let spec = id.spec();
            let status = pc.scm().status(id);
            let entry = services_msc::startup_entry(status.start_type);
            ServiceRow {
                name: spec.name,
                display: spec.display_name,
                description: spec.description,
                status: status.state.console_label(),
                status_word: services_msc::status_word(status.state),
                startup: status.start_type.label(),
                startup_entry: services_msc::STARTUP_CHOICES
                    .iter()
                    .find(|(_, t)| *t == entry)
                    .map_or("manual", |(word, _)| word),
                log_on_as: spec.log_on_as(),
                path: spec.binary_path,
                depends_on: names(graph.dependencies(id)),
                dependents: names(graph.dependents(id)),
                verbs: Verbs::of(status.state, status.start_type, spec.stoppable),
            }
        })
        .collect();
    rows.sort_by_key(|r| r.display.to_ascii_lowercase());
    rows
}

fn settings(pc: &Pc) -> SettingsView {
    let registry = &pc.world().registry;
    let (start, end) = pc.orchestrator().active_hours;
    SettingsView {
        page: SettingsPage::of(pc),
        history: UpdateHistory::of(pc),
        policies: policy::configured(registry),
        active_hours: (start, end),
        active_hours_text: format!("{} to {}", hour_label(start), hour_label(end)),
        paused: pc.paused(),
        pause_removed: pc.world().policy().pause_removed,
        check_removed: pc.world().policy().check_removed,
        download_over_metered: pc.orchestrator().download_over_metered,
        metered_network: pc.device().network.metered,
    }
}

fn stop_question(session: &Session) -> Option<StopOthers> {
    let id = session.stop_question()?;
    Some(StopOthers {
        service: id.display_name(),
        dependents: session
            .pc()
            .scm()
            .stop_order(id)
            .into_iter()
            .map(ServiceId::display_name)
            .collect(),
    })
}
