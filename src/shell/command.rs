//! What a line means: [`Line`] and [`Command`] with one type per command family, the
//! seam between `parse` (which builds them from text) and `run` (which carries them out).
//! Every variant is plain data, so the parser is tested as a table of line → value.

use super::cmdlet::Cmdlet;
use crate::scm::StartType;

/// A parsed line: the command and what its output is piped through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    /// The command.
    pub(crate) command: Command,
    /// The pipe after it, if any.
    pub(crate) filter: Option<Filter>,
}

/// What the output of a command is piped into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Filter {
    /// `| findstr [/i] text` or `| Select-String text`: only the lines containing the text.
    Lines {
        /// The text to look for.
        pattern: String,
        /// `/i`, or `Select-String` (which ignores case by default).
        ignore_case: bool,
    },
    /// `| more`: everything.
    All,
    /// A pipe into something the practice shell does not simulate.
    Unsupported(String),
}

/// One command line, understood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Command {
    /// An empty line.
    Empty,
    /// `sc ...`.
    Sc(Sc),
    /// `net ...`.
    Net(Net),
    /// A PowerShell cmdlet.
    Cmdlet(Cmdlet),
    /// `services.msc [start|stop|restart <service>]`.
    Msc(Msc),
    /// `UsoClient <verb>`; `None` for a verb UsoClient does not have.
    UsoClient(Option<UsoVerb>),
    /// `settings [...]`: the Settings > Windows Update page.
    Settings(SettingsAction),
    /// `ren <path> <name>`; `new_name` is `None` when it is missing.
    Rename {
        /// The folder.
        path: String,
        /// The new name.
        new_name: Option<String>,
    },
    /// `rd` / `rmdir` / `del` of a folder.
    Remove {
        /// Which command.
        tool: RemoveTool,
        /// The path; `None` when missing.
        path: Option<String>,
        /// `/s` (always true for `del`, which removes the files inside).
        recurse: bool,
        /// `/q`: no "Are you sure" question.
        quiet: bool,
    },
    /// `DISM /Online /Cleanup-Image ...`.
    Dism(Dism),
    /// `sfc`; true for `/scannow`.
    Sfc(bool),
    /// `netsh ...`.
    Netsh(Netsh),
    /// `w32tm`; true for `/resync`.
    W32tm(bool),
    /// `cleanmgr`.
    Cleanmgr,
    /// `shutdown ...`.
    Shutdown(Shutdown),
    /// `ipconfig`; true for `/flushdns`.
    Ipconfig(bool),
    /// `network connect` (true) or `network` with anything else.
    Network(bool),
    /// `taskkill ...`.
    Taskkill(Taskkill),
    /// `ver`.
    Ver,
    /// `winver`.
    Winver,
    /// `echo <text>`: the text as typed.
    Echo(String),
    /// `cls`.
    Cls,
    /// `cd [path]`.
    Cd(Option<String>),
    /// `help [topic]`, `<command> /?`, `Get-Help <topic>`.
    Help(Option<String>),
    /// `wait <duration>`.
    Wait(Option<String>),
    /// `time` / `date`.
    Time,
    /// `explain <code>`.
    Explain(Option<String>),
    /// A real Windows command the practice shell does not simulate.
    NotSimulated(String),
    /// Not a command: the word as typed, and whether it looks like a cmdlet (`Verb-Noun`).
    Unknown {
        /// The first word as typed.
        word: String,
        /// True for `Verb-Noun` words, which get PowerShell's error.
        cmdlet_style: bool,
    },
}

/// `sc` subcommands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Sc {
    /// `sc query` / `sc queryex`, one service or a listing.
    Query {
        /// The service as typed; `None` lists services.
        name: Option<String>,
        /// `queryex`: adds PID and FLAGS.
        ex: bool,
        /// `state=` for a listing.
        state: StateFilter,
    },
    /// `sc qc <service>`.
    Qc(String),
    /// `sc start <service>`.
    Start(String),
    /// `sc stop <service>`.
    Stop(String),
    /// `sc config <service> start= <type>`.
    Config {
        /// The service as typed.
        name: String,
        /// The start type, or `None` for `boot`/`system` (not valid for a Win32 service).
        start: Option<StartType>,
    },
    /// `sc config` written wrongly.
    ConfigUsage(ConfigHint),
    /// `sc` alone or a subcommand without its service name (`None`), or an unknown
    /// subcommand.
    Usage(Option<String>),
}

/// Which services `sc query` lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StateFilter {
    /// Running or pending (sc's default).
    Active,
    /// Stopped.
    Inactive,
    /// All.
    All,
}

/// What was wrong with an `sc config` line, for a teaching note under the usage text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ConfigHint {
    /// Nothing in particular (no option, an unknown value).
    None,
    /// `start=disabled`: the space after `=` is missing.
    MissingSpace,
    /// An option other than `start=`, which the simulator does not model.
    OnlyStart,
}

/// `net` subcommands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Net {
    /// `net start`: the started services.
    List,
    /// `net start <service>`.
    Start(String),
    /// `net stop <service> [/y]`.
    Stop {
        /// The service as typed.
        name: String,
        /// `/y`: answer yes to the dependents question.
        yes: bool,
    },
    /// `net stop` without a service.
    StopSyntax,
    /// `net helpmsg <number>`.
    HelpMsg(Option<String>),
    /// `net` alone or with a subcommand it does not have.
    Syntax,
}

/// `services.msc` forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Msc {
    /// The console's list of services.
    Table,
    /// A right-click action on one service (display or service name).
    Act(MscAction, String),
    /// Anything else.
    Usage,
}

/// The Services console's right-click actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MscAction {
    /// Start.
    Start,
    /// Stop.
    Stop,
    /// Restart.
    Restart,
}

/// `UsoClient` verbs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UsoVerb {
    /// `StartScan`.
    StartScan,
    /// `StartInteractiveScan`.
    StartInteractiveScan,
    /// `StartDownload`.
    StartDownload,
    /// `StartInstall`.
    StartInstall,
    /// `ScanInstallWait`.
    ScanInstallWait,
    /// `RestartDevice`.
    RestartDevice,
    /// `RefreshSettings`.
    RefreshSettings,
    /// `ResumeUpdate`.
    ResumeUpdate,
}

/// What to do on the Settings page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum SettingsAction {
    /// Show the page.
    Show,
    /// Check for updates.
    Check,
    /// Run the troubleshooter.
    Troubleshoot,
    /// Pause updates for the given number of days (text as typed; default 7).
    Pause(Option<String>),
    /// Resume updates.
    Resume,
    /// Set active hours (`8-17`), or show them.
    ActiveHours(Option<String>),
    /// Download and install the feature update.
    InstallFeature,
    /// Download now.
    Download,
    /// Restart now.
    Restart,
    /// An unknown subcommand.
    Usage(String),
}

/// Which command removes a folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RemoveTool {
    /// `rd` / `rmdir`.
    Rd,
    /// `del` / `erase`.
    Del,
}

/// `DISM` forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Dism {
    /// `/Online /Cleanup-Image /RestoreHealth`.
    RestoreHealth,
    /// `/Online /Cleanup-Image /ScanHealth`.
    ScanHealth,
    /// `/Online /Cleanup-Image /CheckHealth`.
    CheckHealth,
    /// Anything else: the first option DISM would not accept, if any.
    Bad(Option<String>),
}

/// `netsh` forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Netsh {
    /// `netsh winhttp show proxy`.
    ShowProxy,
    /// `netsh winhttp reset proxy`.
    ResetProxy,
    /// Anything else: the words after `netsh`.
    NotFound(String),
}

/// `shutdown` forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shutdown {
    /// `/r` (or `/g`): restart.
    Restart,
    /// `/s` (or `/p`): shut down.
    PowerOff,
    /// `/a`: abort.
    Abort,
    /// No action given.
    Usage,
}

/// `taskkill` arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Taskkill {
    /// `/pid <n>` as typed.
    pub(crate) pid: Option<String>,
    /// `/f`.
    pub(crate) force: bool,
    /// `/im <image>` was used (not simulated).
    pub(crate) by_image: bool,
}
