//! Windows-shaped text: the `sc` blocks, `net` messages, PowerShell tables and error blocks,
//! and the fixed texts of the other tools, as the reference (`windows-command-output.md`)
//! records them.
//!
//! Everything here is a pure function from values to `String`. Trailing spaces that some
//! real outputs carry (after `LOAD_ORDER_GROUP   :`, say) are left out, as the reference
//! allows. Long fixed texts are `const`s at the bottom of the file.

use std::fmt::Write as _;

use crate::device::Os;
use crate::scm::{ServiceId, ServiceKind, ServiceState, ServiceStatus, ShutdownControl};
use crate::win32::Win32Error;

/// The console width the shell formats for (PowerShell cuts table cells to fit it).
pub(crate) const CONSOLE_WIDTH: usize = 120;

/// Appends a line without its trailing spaces.
fn line(out: &mut String, text: &str) {
    out.push_str(text.trim_end());
    out.push('\n');
}

/// `        LABEL              : value`: 8 spaces, the label in 19 columns, `: `.
fn field(out: &mut String, label: &str, value: &str) {
    line(out, &format!("        {label:<19}: {value}"));
}

/// `text` cut to `width` characters, ending in `...` when cut (as PowerShell tables do).
pub(crate) fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let kept: String = text.chars().take(width.saturating_sub(3)).collect();
    format!("{kept}...")
}

/// The TYPE `sc query` shows: `30  WIN32` for a svchost service in a process of its own.
fn query_type(id: ServiceId, splits_svchost: bool) -> &'static str {
    match id.spec().kind {
        ServiceKind::OwnProcess => "10  WIN32_OWN_PROCESS",
        ServiceKind::ShareProcess if splits_svchost => "30  WIN32",
        ServiceKind::ShareProcess => "20  WIN32_SHARE_PROCESS",
    }
}

/// The control flags under STATE; none while stopped.
fn state_flags(id: ServiceId, state: ServiceState) -> Option<String> {
    match state {
        ServiceState::Stopped => None,
        ServiceState::StartPending | ServiceState::StopPending => {
            Some("(NOT_STOPPABLE, NOT_PAUSABLE, IGNORES_SHUTDOWN)".to_string())
        }
        ServiceState::Running if !id.spec().stoppable => {
            Some("(NOT_STOPPABLE, NOT_PAUSABLE, IGNORES_SHUTDOWN)".to_string())
        }
        ServiceState::Running => {
            let shutdown = match id.spec().shutdown {
                ShutdownControl::Preshutdown => "ACCEPTS_PRESHUTDOWN",
                ShutdownControl::Shutdown => "ACCEPTS_SHUTDOWN",
                ShutdownControl::Ignores => "IGNORES_SHUTDOWN",
            };
            Some(format!("(STOPPABLE, NOT_PAUSABLE, {shutdown})"))
        }
    }
}

/// How a status block is shown.
#[derive(Clone, Copy, Debug)]
pub(crate) struct BlockStyle {
    /// A listing adds `DISPLAY_NAME:` under `SERVICE_NAME:`.
    pub(crate) listing: bool,
    /// `queryex` and `sc start` add `PID` and `FLAGS`.
    pub(crate) extended: bool,
    /// The device runs svchost services in processes of their own.
    pub(crate) splits_svchost: bool,
}

/// The `SERVICE_NAME:` block of `sc query`, `queryex`, `start` and `stop` (no blank lines
/// around it); the name is echoed as typed.
pub(crate) fn sc_status(
    out: &mut String,
    typed: &str,
    id: ServiceId,
    status: &ServiceStatus,
    style: BlockStyle,
) {
    line(out, &format!("SERVICE_NAME: {typed}"));
    if style.listing {
        line(out, &format!("DISPLAY_NAME: {}", id.display_name()));
    }
    let state = status.state;
    field(out, "TYPE", query_type(id, style.splits_svchost));
    field(
        out,
        "STATE",
        &format!("{}  {}", state.code(), state.sc_name()),
    );
    if let Some(flags) = state_flags(id, state) {
        line(out, &format!("{:32}{flags}", ""));
    }
    let exit = status.exit_code.0;
    field(out, "WIN32_EXIT_CODE", &format!("{exit}  (0x{exit:x})"));
    field(out, "SERVICE_EXIT_CODE", "0  (0x0)");
    let (checkpoint, wait_hint) = match state {
        ServiceState::StartPending => ("0x0", "0x7d0"),
        ServiceState::StopPending => ("0x1", "0x0"),
        ServiceState::Running | ServiceState::Stopped => ("0x0", "0x0"),
    };
    field(out, "CHECKPOINT", checkpoint);
    field(out, "WAIT_HINT", wait_hint);
    if style.extended {
        field(out, "PID", &status.pid.to_string());
        field(out, "FLAGS", "");
    }
}

/// `sc qc`: the configuration, with the TYPE as configured (20 or 10).
pub(crate) fn sc_qc(typed: &str, id: ServiceId, status: &ServiceStatus) -> String {
    let spec = id.spec();
    let mut out = String::from("[SC] QueryServiceConfig SUCCESS\n\n");
    line(&mut out, &format!("SERVICE_NAME: {typed}"));
    let kind = match spec.kind {
        ServiceKind::OwnProcess => "10  WIN32_OWN_PROCESS",
        ServiceKind::ShareProcess => "20  WIN32_SHARE_PROCESS",
    };
    field(&mut out, "TYPE", kind);
    let start = status.start_type;
    field(
        &mut out,
        "START_TYPE",
        &format!("{}   {}", start.sc_code(), start.sc_name()),
    );
    field(&mut out, "ERROR_CONTROL", "1   NORMAL");
    field(&mut out, "BINARY_PATH_NAME", spec.binary_path);
    field(&mut out, "LOAD_ORDER_GROUP", spec.load_order_group);
    field(&mut out, "TAG", "0");
    field(&mut out, "DISPLAY_NAME", spec.display_name);
    let mut deps = spec.depends_on.iter();
    field(
        &mut out,
        "DEPENDENCIES",
        deps.next().copied().unwrap_or_default(),
    );
    for dep in deps {
        line(&mut out, &format!("{:27}: {dep}", ""));
    }
    field(&mut out, "SERVICE_START_NAME", spec.account);
    out.push('\n');
    out
}

/// `[SC] StartService FAILED 1058:` + blank + message + blank.
pub(crate) fn sc_failed(operation: &str, error: Win32Error) -> String {
    format!(
        "[SC] {operation} FAILED {}:\n\n{}\n\n",
        error.0,
        win32_message(error)
    )
}

/// The system message of a Win32 error, including the few the error catalog leaves out.
pub(crate) fn win32_message(error: Win32Error) -> &'static str {
    match error.0 {
        87 => "The parameter is incorrect.",
        _ => error.message(),
    }
}

/// A `net` message with its HELPMSG line: `message` + blank + `More help...` + blank.
pub(crate) fn net_helpmsg(message: &str, number: u32) -> String {
    format!("{message}\n\nMore help is available by typing NET HELPMSG {number}.\n\n")
}

/// `System error 1058 has occurred.` + blank + message + blank.
pub(crate) fn net_system_error(error: Win32Error) -> String {
    format!(
        "System error {} has occurred.\n\n{}\n\n",
        error.0,
        win32_message(error)
    )
}

/// A Windows PowerShell 5.1 error record as the console shows it.
#[derive(Clone, Debug)]
pub(crate) struct PsError<'a> {
    /// What comes before ` : ` (the cmdlet, or the term that was not found).
    pub(crate) source: &'a str,
    /// The message.
    pub(crate) message: String,
    /// The statement, shown after `+ `.
    pub(crate) statement: &'a str,
    /// How many `~` to draw under it.
    pub(crate) underline: usize,
    /// The CategoryInfo line's value.
    pub(crate) category: String,
    /// The FullyQualifiedErrorId line's value.
    pub(crate) error_id: String,
}

impl PsError<'_> {
    /// The block, ending with a blank line.
    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        line(&mut out, &format!("{} : {}", self.source, self.message));
        line(&mut out, "At line:1 char:1");
        line(&mut out, &format!("+ {}", self.statement));
        line(
            &mut out,
            &format!("+ {}", "~".repeat(self.underline.max(1))),
        );
        line(
            &mut out,
            &format!("    + CategoryInfo          : {}", self.category),
        );
        line(
            &mut out,
            &format!("    + FullyQualifiedErrorId : {}", self.error_id),
        );
        out.push('\n');
        out
    }
}

/// cmd's unknown-command message.
pub(crate) fn cmd_not_recognized(word: &str) -> String {
    format!(
        "'{word}' is not recognized as an internal or external command,\noperable program or batch file.\n"
    )
}

/// One row of a `Get-Service` table.
#[derive(Clone, Debug)]
pub(crate) struct ServiceRow {
    /// `Running`, `Stopped`...
    pub(crate) status: &'static str,
    /// The service name.
    pub(crate) name: String,
    /// The display name.
    pub(crate) display_name: &'static str,
}

/// The `Get-Service` table: Status 8, Name 18, DisplayName 38 columns, cut with `...`.
pub(crate) fn service_table(rows: &[ServiceRow]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n");
    line(&mut out, "Status   Name               DisplayName");
    line(&mut out, "------   ----               -----------");
    for row in rows {
        line(
            &mut out,
            &format!(
                "{:<8} {:<18} {}",
                truncate(row.status, 8),
                truncate(&row.name, 18),
                truncate(row.display_name, 38)
            ),
        );
    }
    out.push_str("\n\n");
    out
}

/// One row of the `Get-HotFix` table.
#[derive(Clone, Debug)]
pub(crate) struct HotFixRow {
    /// `Update` or `Security Update`.
    pub(crate) description: &'static str,
    /// `KB5060999`.
    pub(crate) id: String,
    /// `6/10/2025 12:00:00 AM`.
    pub(crate) installed_on: String,
}

/// The `Get-HotFix` table; the computer name is cut to the 13-character Source column.
pub(crate) fn hotfix_table(computer: &str, rows: &[HotFixRow]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n");
    line(
        &mut out,
        "Source        Description      HotFixID      InstalledBy          InstalledOn",
    );
    line(
        &mut out,
        "------        -----------      --------      -----------          -----------",
    );
    let source = truncate(computer, 13);
    for row in rows {
        line(
            &mut out,
            &format!(
                "{source:<13} {:<16} {:<13} {:<20} {}",
                row.description, row.id, r"NT AUTHORITY\SYSTEM", row.installed_on
            ),
        );
    }
    out.push_str("\n\n");
    out
}

/// Event Viewer's list of one log (newest first) and the newest event's General tab.
pub(crate) fn event_viewer(path: &str, rows: &[crate::eventlog::ViewerRow]) -> String {
    let mut out = format!("{path}\nNumber of events: {}\n\n", rows.len());
    line(
        &mut out,
        &format!(
            "{:<12} {:<23} {:<24} {:>8}  Task Category",
            "Level", "Date and Time", "Source", "Event ID"
        ),
    );
    for row in rows {
        line(
            &mut out,
            &format!(
                "{:<12} {:<23} {:<24} {:>8}  {}",
                row.level, row.time, row.source, row.id, row.task
            ),
        );
    }
    if let Some(newest) = rows.first() {
        out.push_str(&format!(
            "\nEvent {}, {}\nGeneral\n{}\n",
            newest.id,
            newest.source,
            newest.message.trim_end()
        ));
    }
    out
}

/// One row of `Get-WinEvent`.
#[derive(Clone, Debug)]
pub(crate) struct EventRow {
    /// The provider, which groups rows.
    pub(crate) provider: &'static str,
    /// `6/10/2025 10:31:05 AM`.
    pub(crate) time: String,
    /// The event id.
    pub(crate) id: u16,
    /// `Information`, `Error`...
    pub(crate) level: &'static str,
    /// The full message.
    pub(crate) message: String,
}

/// `Get-WinEvent` output (Windows PowerShell 5.1): a group per run of one provider, each
/// with its `ProviderName:` heading and table; the message is its first line, cut with `...`
/// to the console width.
pub(crate) fn event_table(rows: &[EventRow]) -> String {
    let mut out = String::new();
    let mut provider = None;
    let message_width = CONSOLE_WIDTH - 53;
    for row in rows {
        if provider != Some(row.provider) {
            provider = Some(row.provider);
            out.push('\n');
            line(&mut out, &format!("   ProviderName: {}", row.provider));
            out.push('\n');
            line(
                &mut out,
                &format!(
                    "{:<26} {:>8} {:<16} Message",
                    "TimeCreated", "Id", "LevelDisplayName"
                ),
            );
            line(
                &mut out,
                &format!(
                    "{:<26} {:>8} {:<16} -------",
                    "-----------", "--", "----------------"
                ),
            );
        }
        let mut lines = row.message.lines();
        let first = lines.next().unwrap_or_default().trim_end();
        let message = if lines.next().is_some() && first.chars().count() + 3 <= message_width {
            format!("{first}...")
        } else {
            truncate(first, message_width)
        };
        line(
            &mut out,
            &format!("{:<26} {:>8} {:<16} {message}", row.time, row.id, row.level),
        );
    }
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out
}

/// DISM's banner: tool version and image version.
pub(crate) fn dism_header(os: Os) -> String {
    format!(
        "\nDeployment Image Servicing and Management tool\nVersion: 10.0.{}.1\n\nImage Version: 10.0.{}\n\n",
        os.version.build(),
        os.build_string()
    )
}

/// One row of the Services console.
#[derive(Clone, Debug)]
pub(crate) struct ConsoleRow {
    /// Display name.
    pub(crate) name: &'static str,
    /// Description, cut to 40 characters.
    pub(crate) description: &'static str,
    /// `Running`, `Starting`, `Stopping` or blank.
    pub(crate) status: &'static str,
    /// `Automatic (Delayed Start)`...
    pub(crate) startup: &'static str,
    /// `Local System`...
    pub(crate) log_on_as: &'static str,
}

/// The Services console's list (the columns of services.msc's Standard view).
pub(crate) fn console_table(rows: &[ConsoleRow]) -> String {
    let width = |f: fn(&ConsoleRow) -> usize, title: &str| {
        rows.iter().map(f).max().unwrap_or(0).max(title.len())
    };
    let name_w = width(|r| r.name.chars().count(), "Name");
    let status_w = width(|r| r.status.len(), "Status");
    let startup_w = width(|r| r.startup.len(), "Startup Type");
    let mut out = String::from("Services (Local)\n\n");
    let mut row = |name: &str, description: &str, status: &str, startup: &str, logon: &str| {
        line(
            &mut out,
            &format!(
                "{name:<name_w$}  {description:<40}  {status:<status_w$}  {startup:<startup_w$}  {logon}"
            ),
        );
    };
    row("Name", "Description", "Status", "Startup Type", "Log On As");
    for r in rows {
        row(
            r.name,
            &truncate(r.description, 40),
            r.status,
            r.startup,
            r.log_on_as,
        );
    }
    out.push('\n');
    out
}

/// `8:00 AM`, `5:00 PM`, `12:00 AM`: an hour as Settings shows active hours.
pub(crate) fn hour_label(hour: u8) -> String {
    let (h, suffix) = crate::engine::hour12(hour);
    format!("{h}:00 {suffix}")
}

/// `Waited 30m. It is now 6/10/2025 11:00:00 AM.`
pub(crate) fn waited(duration: &str, now: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Waited {duration}. It is now {now}.");
    out
}

/// DISM's finished progress bar: 58 columns, the label centred over the fill.
pub(crate) const DISM_BAR: &str = "[==========================100.0%==========================]";

/// DISM: the repair source cannot be reached (0x800f081f).
pub(crate) const DISM_SOURCE_MISSING: &str = "Error: 0x800f081f

The source files could not be found.
Use the \"Source\" option to specify the location of the files that are required to restore the feature. For more information on specifying a source location, see https://go.microsoft.com/fwlink/?LinkId=243077.

The DISM log file can be found at C:\\WINDOWS\\Logs\\DISM\\dism.log
";

/// DISM's last line after an error.
pub(crate) const DISM_LOG_LINE: &str =
    "The DISM log file can be found at C:\\WINDOWS\\Logs\\DISM\\dism.log\n";

/// `sfc /scannow`: the lines before the outcome.
pub(crate) const SFC_BEGIN: &str = "
Beginning system scan.  This process will take some time.

Beginning verification phase of system scan.
Verification 100% complete.

";

/// `sfc /scannow`: nothing found.
pub(crate) const SFC_CLEAN: &str =
    "Windows Resource Protection did not find any integrity violations.\n";

/// `sfc /scannow`: repaired.
pub(crate) const SFC_REPAIRED: &str =
    "Windows Resource Protection found corrupt files and successfully repaired them.
For online repairs, details are included in the CBS log file located at
windir\\Logs\\CBS\\CBS.log. For example C:\\Windows\\Logs\\CBS\\CBS.log. For offline
repairs, details are included in the log file provided by the /OFFLOGFILE flag.
";

/// `sfc /scannow`: not repaired.
pub(crate) const SFC_UNABLE: &str =
    "Windows Resource Protection found corrupt files but was unable to fix some of them.
For online repairs, details are included in the CBS log file located at
windir\\Logs\\CBS\\CBS.log. For example C:\\Windows\\Logs\\CBS\\CBS.log. For offline
repairs, details are included in the log file provided by the /OFFLOGFILE flag.
";

/// `sfc` without `/scannow` (shortened usage).
pub(crate) const SFC_USAGE: &str = "
Microsoft (R) Windows (R) Resource Checker Version 6.0
Copyright (C) Microsoft Corporation. All rights reserved.

Scans the integrity of all protected system files and replaces incorrect versions with
correct Microsoft versions.

SFC [/SCANNOW] [/VERIFYONLY] [/SCANFILE=<file>] [/VERIFYFILE=<file>]

/SCANNOW        Scans integrity of all protected system files and repairs files with
                problems when possible.
(wusim: the practice shell simulates sfc /scannow.)
";

/// `sc` alone or with an unknown subcommand (shortened to what the simulator models).
pub(crate) const SC_USAGE: &str = "DESCRIPTION:
        SC is a command line program used for communicating with the
        Service Control Manager and services.
USAGE:
        sc <server> [command] [service name] <option1> <option2>...

        The option <server> has the form \"\\\\ServerName\"
        Further help on commands can be obtained by typing: \"sc [command]\"
        Commands:
          query-----------Queries the status for a service, or
                          enumerates the status for types of services.
          queryex---------Queries the extended status for a service, or
                          enumerates the status for types of services.
          start-----------Starts a service.
          stop------------Sends a STOP control request to a service.
          config----------Changes the configuration of a service (persistent).
          description-----Changes the description of a service.
          failure---------Changes the actions taken by a service upon failure.
          qc--------------Queries the configuration information for a service.
          qdescription----Queries the description for a service.
          qfailure--------Queries the actions taken by a service upon failure.
          qprivs----------Queries the required privileges of a service.
          delete----------Deletes a service (from the registry).
          sdshow----------Displays a service's security descriptor.
          sdset-----------Sets a service's security descriptor.
(wusim: the practice shell simulates the sc commands listed here.)
";

/// `sc config` written wrongly.
pub(crate) const SC_CONFIG_USAGE: &str = "DESCRIPTION:
        Modifies a service entry in the registry and Service Database.
USAGE:
        sc <server> config [service name] <option1> <option2>...

OPTIONS:
NOTE: The option name includes the equal sign.
      A space is required between the equal sign and the value.
 type= <own|share|interact|kernel|filesys|rec|adapt|userown|usershare>
 start= <boot|system|auto|demand|disabled|delayed-auto>
 error= <normal|severe|critical|ignore>
 binPath= <BinaryPathName to the .exe file>
 group= <LoadOrderGroup>
 tag= <yes|no>
 depend= <Dependencies(separated by / (forward slash))>
 obj= <AccountName|ObjectName>
 DisplayName= <display name>
 password= <password>
";

/// `net` alone or with a subcommand it does not have.
pub(crate) const NET_SYNTAX: &str = "The syntax of this command is:

NET
    [ ACCOUNTS | COMPUTER | CONFIG | CONTINUE | FILE | GROUP | HELP |
      HELPMSG | LOCALGROUP | PAUSE | SESSION | SHARE | START |
      STATISTICS | STOP | TIME | USE | USER | VIEW ]

";

/// `net stop` without a service.
pub(crate) const NET_STOP_SYNTAX: &str = "The syntax of this command is:

NET STOP
service

";

/// `shutdown` without an action (shortened).
pub(crate) const SHUTDOWN_USAGE: &str = "Usage: shutdown [/i | /l | /s | /sg | /r | /g | /a | /p | /h | /e | /o] [/hybrid] [/soft] [/fw] [/f]
    [/m \\\\computer][/t xxx][/d [p|u:]xx:yy [/c \"comment\"]]

    /r         Full shutdown and restart the computer.
    /s         Shutdown the computer.
    /a         Abort a system shutdown.
    /t xxx     Set the time-out period before shutdown to xxx seconds.
(wusim: the practice shell simulates shutdown /r, /s and /a.)
";
