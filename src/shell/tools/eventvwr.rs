//! Event Viewer (`eventvwr`, `eventvwr.msc`): the System log and the WindowsUpdateClient
//! Operational log as Event Viewer lists them — Level, Date and Time, Source, Event ID, Task
//! Category, newest first — with the newest event's General tab. The browser GUI's Event
//! Viewer opens with these same lines, so opening a log is a step that shows its events.

use crate::assess::Fact;
use crate::eventlog::ViewerRow;
use crate::eventlog::{LogName, Provider};
use crate::pc::Pc;
use crate::shell::commands::{Command, Kind, Topic};
use crate::shell::context::{Args, Ctx, Reply, saw};
use crate::shell::render;

/// Event Viewer's entry in the command table.
pub(crate) const COMMANDS: &[Command] = &[Command {
    names: &["eventvwr", "eventvwr.msc"],
    kind: Kind::Program,
    usage: "eventvwr [system|update]",
    summary: "Event Viewer: the System log or the WindowsUpdateClient log",
    topic: Topic::System,
    help: HELP,
    changes_state: false,
    words: &["system", "update"],
    run: Some(run),
}];

/// The logs Event Viewer's tree offers here, by the word that opens each.
pub(crate) const LOGS: [(&str, LogName); 2] = [
    ("system", LogName::System),
    ("update", LogName::WindowsUpdateOperational),
];

fn run(ctx: &mut Ctx<'_>, args: &Args<'_>) -> Reply {
    let word = args
        .lower()
        .first()
        .cloned()
        .unwrap_or_else(|| "system".to_string());
    let Some(&(_, log)) = LOGS.iter().find(|(w, _)| *w == word) else {
        return Reply::new(
            "(wusim: write 'eventvwr system' for Windows Logs > System, or 'eventvwr update' for Applications and Services Logs > Microsoft > Windows > WindowsUpdateClient > Operational.)\n",
            1,
        );
    };
    let rows = rows(ctx.pc, log);
    for row in &rows {
        saw(&mut ctx.facts, Fact::Event(u32::from(row.id)));
    }
    Reply::ok(render::event_viewer(tree_path(log), &rows))
}

/// The path of `log` in Event Viewer's tree.
pub(crate) fn tree_path(log: LogName) -> &'static str {
    match log {
        LogName::System => "Event Viewer (Local) > Windows Logs > System",
        LogName::WindowsUpdateOperational => {
            "Event Viewer (Local) > Applications and Services Logs > Microsoft > Windows > WindowsUpdateClient > Operational"
        }
    }
}

/// The rows of `log`, newest first.
pub(crate) fn rows(pc: &Pc, log: LogName) -> Vec<ViewerRow> {
    pc.log()
        .of(log)
        .rev()
        .map(|record| {
            let entry = &record.entry;
            let (source, task) = match entry.provider() {
                Provider::ServiceControlManager => ("Service Control Manager", "None"),
                Provider::WindowsUpdateClient => ("WindowsUpdateClient", "Windows Update Agent"),
            };
            ViewerRow {
                level: entry.level().name(),
                time: pc.date_time(record.time).windows(),
                source,
                id: entry.id(),
                task,
                message: pc.message(record),
            }
        })
        .collect()
}

const HELP: &str = "eventvwr [system|update]
  In the simulation: Event Viewer's list of one log, newest first (Level, Date and Time,
  Source, Event ID, Task Category), then the newest event's General tab. `system` (the
  default) is Windows Logs > System: the Service Control Manager's events and Windows
  Update's installs (19, 20, 43, 44). `update` is Applications and Services Logs > Microsoft
  > Windows > WindowsUpdateClient > Operational: scans, downloads, connectivity (25, 26, 31...).
  `wusim gui` shows the same Event Viewer in a browser.
On Windows: eventvwr.msc, the Event Viewer snap-in.
";
