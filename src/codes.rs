//! The error catalog: every Windows Update HRESULT and Win32 service error the
//! simulator can produce or a learner may meet, as static data, with look-ups.
//!
//! # What it holds
//!
//! One [`ErrorInfo`] per code, in a single table sorted by code ([`all`]). Each
//! entry gives the symbolic name, the Win32 number when the HRESULT wraps one
//! (facility 7, `0x8007xxxx`), the message Windows prints where the fact
//! reference quotes it (otherwise a one-sentence plain-English meaning), a short
//! explanation for a learner, the component that reports it, the usual remedies
//! (most likely first) and the source ids.
//!
//! # Where the facts come from
//!
//! Only from the project's sourced fact reference (`windows-update-facts.md`,
//! sections 2, 5a, 5b and 6). Its source ids resolve to Microsoft pages:
//! S3 "Windows Update error codes by component", S4 "Windows Update common
//! errors and mitigation", S19 "Resolution procedures", S21–S29 Windows Update
//! support articles, S33/S35/S36 the `StartService` page and the System Error
//! Codes lists, S37 the WinINet/WinHTTP error pages, S38 the SDK header
//! `wuerror.h`, S42 the Service Control Manager message table and S53
//! `winerror.h`. P ids are the sources of the policy reference (`update-policy-and-fleet.md`):
//! P20 the `DisableWindowsUpdateAccess` support article, P21 the 0x80072EE6 article (KB
//! 2724184), P26 the Windows Update error code list. The message texts of the service errors 1051–1075 and of a few
//! other Win32 codes are the System Error Codes texts (S35, S36) that the
//! reference cites. Where the reference marks a remedy "(inferred)", or gives
//! none, the remedy is derived from the stated meaning and the entry has
//! [`ErrorInfo::inferred_remedy`] set, so nobody presents it as Microsoft's
//! advice. Codes the reference could not confirm (0x8024A105) are left out.
//!
//! # How input is read
//!
//! [`parse_code`] accepts what people copy from logs and dialogs:
//!
//! - `0x80070422` or `0X80070422`: hexadecimal, 1 to 8 digits;
//! - `80070422`: exactly 8 digits with no prefix are hexadecimal, as in
//!   Windows Update logs;
//! - `8007042a`: any string of up to 8 characters containing a hex letter is
//!   hexadecimal;
//! - `2147943458`: other decimal numbers are taken as unsigned 32-bit values;
//! - `-2147023838`: a negative decimal is a signed 32-bit HRESULT (as
//!   PowerShell shows `$LASTEXITCODE` or `HResult`);
//! - `1058`: a decimal below 65536 is a Win32 error code and becomes
//!   [`hresult_from_win32`]`(1058)` = `0x80070422`.
//!
//! Surrounding whitespace is ignored. [`lookup`] finds an entry by binary
//! search; [`nearest`] suggests known codes for an unknown one.

use std::fmt;

/// Which part of Windows reports the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Component {
    /// The Service Control Manager (services.exe): starting, stopping and
    /// configuring services.
    ServiceControlManager,
    /// The Windows Update Agent (wuauserv), codes `0x8024xxxx`.
    WindowsUpdateAgent,
    /// The Update Orchestrator (UsoSvc), which schedules scan, download,
    /// install and restart.
    UpdateOrchestrator,
    /// The network stack used for downloads: WinINet/WinHTTP, HTTP and TLS.
    Network,
    /// Background Intelligent Transfer Service (BITS), codes `0x8020xxxx`.
    Bits,
    /// Delivery Optimization (DoSvc), codes `0x80D0xxxx`.
    DeliveryOptimization,
    /// The servicing stack (CBS, TrustedInstaller, the component store),
    /// codes `0x800Fxxxx` and component-store Win32 errors.
    ServicingStack,
    /// Windows Setup running a feature update, codes `0xC19xxxxx`.
    WindowsSetup,
    /// A general Win32 system error wrapped as an HRESULT.
    Win32,
}

impl Component {
    /// A human-readable name for the component, for listings and explanations.
    pub fn label(self) -> &'static str {
        match self {
            Self::ServiceControlManager => "Service Control Manager",
            Self::WindowsUpdateAgent => "Windows Update Agent (0x8024xxxx)",
            Self::UpdateOrchestrator => "Update Orchestrator (USO)",
            Self::Network => "Network (WinINet/WinHTTP)",
            Self::Bits => "Background Intelligent Transfer Service (BITS)",
            Self::DeliveryOptimization => "Delivery Optimization",
            Self::ServicingStack => "Servicing stack (CBS)",
            Self::WindowsSetup => "Windows Setup (feature updates)",
            Self::Win32 => "Win32 (system error as HRESULT)",
        }
    }
}

impl fmt::Display for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One catalog entry: what a code means and what usually fixes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ErrorInfo {
    /// The HRESULT as an unsigned 32-bit value, e.g. 0x8007_0422.
    pub code: u32,
    /// Symbolic name, e.g. "ERROR_SERVICE_DISABLED".
    pub name: &'static str,
    /// The Win32 error number when the HRESULT wraps one (facility 7), e.g. Some(1058).
    pub win32: Option<u32>,
    /// The system message text Windows prints for it where the reference gives
    /// it (e.g. for 1058 "The service cannot be started, either because it is
    /// disabled or because it has no enabled devices associated with it."),
    /// else a one-sentence plain-English meaning.
    pub message: &'static str,
    /// Plain-English explanation for a learner (1–3 sentences).
    pub meaning: &'static str,
    /// Which part of Windows reports the code.
    pub component: Component,
    /// Usual remedies, most likely first, as short imperative sentences naming
    /// real commands where the reference gives them.
    pub remedies: &'static [&'static str],
    /// True when the reference marks the remedy as inferred rather than stated by a source.
    pub inferred_remedy: bool,
    /// The reference's source ids, e.g. "S4, S35".
    pub sources: &'static str,
}

impl ErrorInfo {
    /// The code as Windows writes it: `0x` and eight uppercase hex digits,
    /// e.g. "0x80070422".
    pub fn hex(&self) -> String {
        format!("0x{:08X}", self.code)
    }

    /// The explanation `explain` prints (in the shell and on the command line), line by
    /// line, each with its kind so that a terminal can style it.
    pub fn explanation(&self) -> Vec<(LineKind, String)> {
        let win32 = self
            .win32
            .map(|n| format!(" (Win32 error {n})"))
            .unwrap_or_default();
        let mut lines = vec![
            (
                LineKind::Title,
                format!("{}  {}{win32}", self.hex(), self.name),
            ),
            (
                LineKind::Text,
                format!("Component: {}", self.component.label()),
            ),
            (LineKind::Text, format!("Message:   {}", self.message)),
            (LineKind::Text, String::new()),
            (LineKind::Heading, "What it means".to_string()),
            (LineKind::Text, format!("  {}", self.meaning)),
            (LineKind::Text, String::new()),
            (LineKind::Heading, "Usual remedies".to_string()),
        ];
        for (i, remedy) in self.remedies.iter().enumerate() {
            lines.push((LineKind::Text, format!("  {}. {remedy}", i + 1)));
        }
        if self.inferred_remedy {
            lines.push((
                LineKind::Warning,
                "  (Inferred from the meaning: Microsoft's pages give no remedy for this code.)"
                    .to_string(),
            ));
        }
        lines.push((LineKind::Text, String::new()));
        lines.push((
            LineKind::Text,
            format!(
                "Sources: {} (see the book's reference chapter)",
                self.sources
            ),
        ));
        lines
    }

    /// The explanation as plain text.
    pub fn explanation_text(&self) -> String {
        let mut out = String::new();
        for (_, line) in self.explanation() {
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

/// How a line of an explanation is meant to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// The code and its name.
    Title,
    /// A section heading.
    Heading,
    /// Ordinary text.
    Text,
    /// A caution.
    Warning,
}

/// Wrap a Win32 error number as an HRESULT, like the `HRESULT_FROM_WIN32`
/// macro: 0 stays 0; otherwise `(code & 0xFFFF) | 0x8007_0000`.
pub const fn hresult_from_win32(code: u32) -> u32 {
    if code == 0 {
        0
    } else {
        (code & 0xFFFF) | 0x8007_0000
    }
}

/// Every entry of the catalog, sorted by code, without duplicates.
pub fn all() -> &'static [ErrorInfo] {
    CATALOG
}

/// The entry for an HRESULT, if the catalog knows it.
pub fn lookup(code: u32) -> Option<&'static ErrorInfo> {
    CATALOG
        .binary_search_by_key(&code, |entry| entry.code)
        .ok()
        .map(|index| &CATALOG[index])
}

/// The entry for a Win32 error the simulator produces, e.g. `win32(1058)`
/// for ERROR_SERVICE_DISABLED (looked up as [`hresult_from_win32`]`(code)`).
///
/// # Panics
///
/// Panics if the code is not in the catalog. The simulator only asks for
/// codes it was written to produce, so a missing one is a programming error
/// (add the entry to the catalog), never a user error.
pub fn win32(code: u32) -> &'static ErrorInfo {
    match lookup(hresult_from_win32(code)) {
        Some(entry) => entry,
        None => panic!(
            "Win32 error {code} (0x{:08X}) is missing from the error catalog",
            hresult_from_win32(code)
        ),
    }
}

/// A code typed by a person, not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseCodeError {
    /// What was typed, with surrounding whitespace removed.
    pub input: String,
}

impl fmt::Display for ParseCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "'{}' is not an error code: write it in hex (0x80070422 or 80070422) \
             or in decimal (2147943458, -2147023838, or a Win32 code such as 1058)",
            self.input
        )
    }
}

impl std::error::Error for ParseCodeError {}

/// Parse what a person typed: "0x80070422", "0X80070422", "80070422" (8 hex digits, any case),
/// "8007042a"-style (any string with a hex letter is hex), "2147943458" (decimal), "-2147023838"
/// (negative decimal as i32), "1058" (a decimal below 65536 is a Win32 code and becomes
/// `hresult_from_win32(1058)`). Surrounding whitespace is ignored.
///
/// Hex input has 1 to 8 digits; an explicit `0x` value is taken as written
/// (`0x422` is 0x00000422, not a Win32 code).
///
/// # Errors
///
/// Returns [`ParseCodeError`] for empty input, a bare `0x`, more than 8 hex
/// digits, a decimal that does not fit in 32 bits, or anything else that is
/// not one of the forms above (e.g. "xyz", "12.5").
pub fn parse_code(text: &str) -> Result<u32, ParseCodeError> {
    let trimmed = text.trim();
    parse_trimmed(trimmed).ok_or_else(|| ParseCodeError {
        input: trimmed.to_owned(),
    })
}

fn parse_trimmed(s: &str) -> Option<u32> {
    if let Some(digits) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        return parse_hex(digits);
    }
    if let Some(digits) = s.strip_prefix('-') {
        if !is_decimal(digits) {
            return None;
        }
        let magnitude: i64 = digits.parse().ok()?;
        let value = i32::try_from(-magnitude).ok()?;
        // The two's-complement bit pattern is the HRESULT.
        return Some(value as u32);
    }
    let has_hex_letter = s
        .bytes()
        .any(|b| b.is_ascii_hexdigit() && !b.is_ascii_digit());
    if s.len() == 8 || has_hex_letter {
        return parse_hex(s);
    }
    if !is_decimal(s) {
        return None;
    }
    let value: u64 = s.parse().ok()?;
    if value < 0x1_0000 {
        // `value` is below 65536, so it fits in u32.
        Some(hresult_from_win32(value as u32))
    } else {
        u32::try_from(value).ok()
    }
}

fn is_decimal(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn parse_hex(digits: &str) -> Option<u32> {
    let valid = (1..=8).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_hexdigit());
    if valid {
        u32::from_str_radix(digits, 16).ok()
    } else {
        None
    }
}

/// `<` and `>` as HTML entities, so placeholders such as `<name>` show in the book.
fn escape_html(text: &str) -> String {
    text.replace('<', "&lt;").replace('>', "&gt;")
}

/// The whole catalog as the book's reference page (Markdown), grouped by component. The book
/// commits this page and a test regenerates it, so the two cannot disagree.
pub fn markdown() -> String {
    use std::fmt::Write as _;
    let mut out = String::from(
        "# Error codes\n\n<!-- Generated by `wusim codes --markdown`; do not edit by hand. -->\n\n\
         Every code wusim can produce or explain, from the error catalog (`src/codes.rs`). \
         `wusim explain <code>` prints the same entry. Source ids (S4, S35...) refer to the \
         sources listed in the project's fact reference. A remedy marked *inferred* is derived \
         from the meaning; Microsoft's pages give none for that code.\n",
    );
    let mut components: Vec<Component> = all().iter().map(|e| e.component).collect();
    components.sort();
    components.dedup();
    for component in components {
        let _ = write!(out, "\n## {}\n", component.label());
        for e in all().iter().filter(|e| e.component == component) {
            let _ = write!(out, "\n### {} {}\n\n", e.hex(), e.name);
            if let Some(n) = e.win32 {
                let _ = writeln!(out, "Win32 error {n}.\n");
            }
            let _ = writeln!(out, "> {}\n", escape_html(e.message));
            let _ = writeln!(out, "{}\n", escape_html(e.meaning));
            let inferred = if e.inferred_remedy {
                " (*inferred*)"
            } else {
                ""
            };
            let _ = writeln!(out, "Usual remedies{inferred}:\n");
            for remedy in e.remedies {
                let _ = writeln!(out, "- {}", escape_html(remedy));
            }
            let _ = writeln!(out, "\nSources: {}", e.sources);
        }
    }
    out
}

/// The known codes closest to an unknown one, best first, at most `n`: rank by how many of the
/// 8 hex digits differ (fewer is closer), ties by numeric distance, then by code.
///
/// A known code ranks itself first. The order is total, so the result is deterministic.
pub fn nearest(code: u32, n: usize) -> Vec<&'static ErrorInfo> {
    let mut ranked: Vec<&'static ErrorInfo> = CATALOG.iter().collect();
    ranked.sort_by_key(|entry| {
        (
            hex_digits_differing(entry.code, code),
            entry.code.abs_diff(code),
            entry.code,
        )
    });
    ranked.truncate(n);
    ranked
}

/// How many of the eight hex digits of `a` and `b` differ.
fn hex_digits_differing(a: u32, b: u32) -> u32 {
    let diff = a ^ b;
    (0..8)
        .map(|nibble| u32::from((diff >> (nibble * 4)) & 0xF != 0))
        .sum()
}

/// True when the codes strictly increase, which `lookup`'s binary search needs.
const fn strictly_sorted(entries: &[ErrorInfo]) -> bool {
    let mut i = 1;
    while i < entries.len() {
        if entries[i - 1].code >= entries[i].code {
            return false;
        }
        i += 1;
    }
    true
}

const _: () = assert!(
    strictly_sorted(CATALOG),
    "the error catalog must be sorted by code without duplicates"
);

// ---------------------------------------------------------------------------
// Remedy sentences shared by several entries (sources in the entries using them).
// ---------------------------------------------------------------------------

const DISM_RESTOREHEALTH: &str = r"From an elevated prompt run `DISM.exe /Online /Cleanup-image /Restorehealth` (if Windows Update itself is broken, add `/Source:C:\RepairSource\Windows /LimitAccess`).";
const SFC_THEN_RESTART: &str =
    "Then run `sfc /scannow`, restart the device and run Windows Update again.";
const RESET_COMPONENTS: &str = r"Reset the Windows Update components: `net stop wuauserv`, `net stop bits`, `net stop cryptSvc`; `ren %windir%\SoftwareDistribution SoftwareDistribution.old` and `ren %windir%\System32\catroot2 catroot2.old`; then `net start cryptSvc`, `net start bits`, `net start wuauserv`.";
const REREGISTER_DLLS: &str = "If the reset is not enough, do the full manual reset: re-register the Windows Update DLLs with `regsvr32` and run `netsh winsock reset`.";
const RESTART_UPDATE_SERVICES: &str =
    "Restart Windows Update (wuauserv), the Update Orchestrator Service (UsoSvc) and BITS.";
const DATASTORE_RESET: &str = r"Stop the service (`net stop wuauserv`), rename or delete %windir%\SoftwareDistribution\DataStore, then `net start wuauserv`.";
const NETWORK_CHECK: &str = "Check network connectivity and DNS, the WinHTTP proxy and the firewall allow-list for the update endpoints.";
const WINHTTP_PROXY: &str = "Windows Update uses the WinHTTP (system) proxy, not the browser's: set it with `netsh winhttp set proxy <server>:<port>` or `netsh winhttp import proxy source=ie`, or clear it with `netsh winhttp reset proxy`.";
const ALLOW_ENDPOINTS: &str = "Allow the Windows Update endpoints through firewall and proxy: *.update.microsoft.com, *.windowsupdate.com, download.windowsupdate.com, *.dl.delivery.mp.microsoft.com, *.delivery.mp.microsoft.com.";
const CLEAN_BOOT: &str = "Do a clean boot (msconfig: hide all Microsoft services, disable the rest, disable startup apps) and retry.";
const SYSTEM_MANAGED_PAGEFILE: &str = "Let Windows manage the paging file size automatically.";
const UPGRADE_DISK_SPACE: &str =
    "Free disk space: a Windows 10 upgrade needs 16 GB free (32-bit) or 20 GB free (64-bit).";
const CHECK_REQUIREMENTS: &str = "Check the hardware against the requirements; Windows 11 needs a compatible 64-bit CPU (1 GHz, 2 cores), 4 GB RAM, 64 GB storage, UEFI with Secure Boot capability and TPM 2.0.";
const CBS_WATCHDOG: &[&str] = &[
    "Give the machine (often a virtual machine) more CPU and memory.",
    "Install KB4493473 or a later cumulative update.",
];
const DISM_AND_SFC: &[&str] = &[DISM_RESTOREHEALTH, SFC_THEN_RESTART];

// ---------------------------------------------------------------------------
// The catalog, sorted by code. One entry per block.
// ---------------------------------------------------------------------------

static CATALOG: &[ErrorInfo] = &[
    ErrorInfo {
        code: 0x0024_0005,
        name: "WU_S_REBOOT_REQUIRED",
        win32: None,
        message: "Success: the update was installed, but the system must restart to finish.",
        meaning: "A success code, not an error: installation worked and is waiting for a restart. Until the device restarts, further installs are refused with 0x80240016 (WU_E_INSTALL_NOT_ALLOWED).",
        component: Component::WindowsUpdateAgent,
        remedies: &["Nothing to fix: restart the device to complete the installation."],
        inferred_remedy: false,
        sources: "S3",
    },
    ErrorInfo {
        code: 0x8007_0002,
        name: "ERROR_FILE_NOT_FOUND",
        win32: Some(2),
        message: "The system cannot find the file specified.",
        meaning: "A file the update needed was not found. Microsoft lists it among the errors caused by component store corruption.",
        component: Component::Win32,
        remedies: &[DISM_RESTOREHEALTH, SFC_THEN_RESTART, RESET_COMPONENTS],
        inferred_remedy: false,
        sources: "S24",
    },
    ErrorInfo {
        code: 0x8007_0003,
        name: "ERROR_PATH_NOT_FOUND",
        win32: Some(3),
        message: "The system cannot find the path specified.",
        meaning: "The servicing stack could not reach a path it needed while installing an update.",
        component: Component::Win32,
        remedies: &[
            r#"Open the latest %windir%\Logs\CBS\CBS.log and search for ", error" near the time of the failure to find the missing path."#,
        ],
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x8007_0005,
        name: "E_ACCESSDENIED",
        win32: Some(5),
        message: "Access is denied.",
        meaning: "The HRESULT form of Win32 ERROR_ACCESS_DENIED (5). For services, the caller is not elevated: only Administrators and SYSTEM may stop or reconfigure wuauserv, so `sc stop wuauserv` prints `[SC] OpenService FAILED 5: Access is denied.`. For updates, permissions on WinSxS, SoftwareDistribution or the CBS registry key are wrong, antivirus holds a lock, or SYSTEM lacks rights.",
        component: Component::Win32,
        remedies: &[
            "For `sc`, `net` and service cmdlets, run the prompt as administrator.",
            r#"Reset permissions: `icacls "%windir%\WinSxS" /reset /t /c /q` (and the same for %windir%\SoftwareDistribution), then `icacls "%windir%\WinSxS" /setowner "NT SERVICE\TrustedInstaller" /t /c /q`."#,
            "Exclude or disable third-party antivirus; list filter drivers with `fltmc` and unload one with `fltmc unload <driver>`.",
            RESET_COMPONENTS,
            DISM_RESTOREHEALTH,
            SFC_THEN_RESTART,
        ],
        inferred_remedy: false,
        sources: "S4, S23, S25, S33, S48",
    },
    ErrorInfo {
        code: 0x8007_000D,
        name: "ERROR_INVALID_DATA",
        win32: Some(13),
        message: "The data is invalid.",
        meaning: "The downloaded update data was invalid or corrupt.",
        component: Component::Win32,
        remedies: &[
            "Download the update again and reinstall it.",
            RESET_COMPONENTS,
        ],
        inferred_remedy: false,
        sources: "S4, S24",
    },
    ErrorInfo {
        code: 0x8007_000E,
        name: "E_OUTOFMEMORY",
        win32: Some(14),
        message: "There was not enough memory or virtual memory to complete the operation.",
        meaning: "Windows ran out of memory or virtual memory (paging file) while updating.",
        component: Component::Win32,
        remedies: &[
            CLEAN_BOOT,
            SYSTEM_MANAGED_PAGEFILE,
            "On a virtual machine, give it more memory.",
        ],
        inferred_remedy: false,
        sources: "S29",
    },
    ErrorInfo {
        code: 0x8007_0020,
        name: "ERROR_SHARING_VIOLATION",
        win32: Some(32),
        message: "The process cannot access the file because it is being used by another process.",
        meaning: "A file the update needs is locked by another process, usually a third-party filter driver such as antivirus.",
        component: Component::Win32,
        remedies: &[
            CLEAN_BOOT,
            "Use Process Monitor to find which process holds the file.",
        ],
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x8007_0070,
        name: "ERROR_DISK_FULL",
        win32: Some(112),
        message: "There is not enough free disk space for the operation.",
        meaning: "The disk is full. During a Windows upgrade it appears with extended codes such as 0x80070070-0x50011, -0x50012 or -0x60000.",
        component: Component::Win32,
        remedies: &[
            "Free disk space: keep at least 10 GB free on C: for monthly updates.",
            UPGRADE_DISK_SPACE,
        ],
        inferred_remedy: false,
        sources: "S36, S19, S26",
    },
    ErrorInfo {
        code: 0x8007_041B,
        name: "ERROR_DEPENDENT_SERVICES_RUNNING",
        win32: Some(1051),
        message: "A stop control has been sent to a service that other running services are dependent on.",
        meaning: "You asked to stop a service while services that depend on it are still running. `sc stop` fails with this; `net stop` instead lists the dependents and asks whether to stop them too (default No).",
        component: Component::ServiceControlManager,
        remedies: &[
            "Stop the dependent services first, or answer Y when `net stop` offers to stop them as well.",
            "In PowerShell add -Force: `Stop-Service <name> -Force` or `Restart-Service <name> -Force`.",
        ],
        inferred_remedy: false,
        sources: "S35, S44, S54",
    },
    ErrorInfo {
        code: 0x8007_041C,
        name: "ERROR_INVALID_SERVICE_CONTROL",
        win32: Some(1052),
        message: "The requested control is not valid for this service.",
        meaning: "The control sent is not one this service handles. `sc query` shows which controls a service accepts; wuauserv and BITS, for example, are NOT_PAUSABLE.",
        component: Component::ServiceControlManager,
        remedies: &[
            "Send only controls the service accepts (see `sc query <name>`); to restart a service, stop it and start it again.",
        ],
        inferred_remedy: true,
        sources: "S35, S32",
    },
    ErrorInfo {
        code: 0x8007_041D,
        name: "ERROR_SERVICE_REQUEST_TIMEOUT",
        win32: Some(1053),
        message: "The service did not respond to the start or control request in a timely fashion.",
        meaning: "The service did not answer in time. The SCM handles one control at a time: if another service is busy, StartService and ControlService wait 30 seconds and then fail with this. The System log shows event 7009 or 7011.",
        component: Component::ServiceControlManager,
        remedies: &[
            "Wait for the other service operation to finish, then retry.",
            "Look for events 7009 and 7011 in the System log to see which service timed out.",
        ],
        inferred_remedy: true,
        sources: "S33, S35, S42",
    },
    ErrorInfo {
        code: 0x8007_041E,
        name: "ERROR_SERVICE_NO_THREAD",
        win32: Some(1054),
        message: "A thread could not be created for the service.",
        meaning: "The Service Control Manager could not create a thread for the service, so it did not start.",
        component: Component::ServiceControlManager,
        remedies: &[
            "Retry starting the service, and check the System log for Service Control Manager errors about it.",
        ],
        inferred_remedy: true,
        sources: "S35",
    },
    ErrorInfo {
        code: 0x8007_041F,
        name: "ERROR_SERVICE_DATABASE_LOCKED",
        win32: Some(1055),
        message: "The service database is locked.",
        meaning: "The Service Control Manager's service database was locked, so the request could not be carried out.",
        component: Component::ServiceControlManager,
        remedies: &["Wait a moment and retry the command."],
        inferred_remedy: true,
        sources: "S35",
    },
    ErrorInfo {
        code: 0x8007_0420,
        name: "ERROR_SERVICE_ALREADY_RUNNING",
        win32: Some(1056),
        message: "An instance of the service is already running.",
        meaning: r#"You asked to start a service that is already running. `net start` reports it as "The requested service has already been started." (NET HELPMSG 2182)."#,
        component: Component::ServiceControlManager,
        remedies: &[
            "Nothing to fix: the service is already running. To restart it, use `Restart-Service <name>` or `net stop` followed by `net start`.",
        ],
        inferred_remedy: false,
        sources: "S35, S44, S54",
    },
    ErrorInfo {
        code: 0x8007_0421,
        name: "ERROR_INVALID_SERVICE_ACCOUNT",
        win32: Some(1057),
        message: "The account name is invalid or does not exist, or the password is invalid for the account name specified.",
        meaning: "The account the service is configured to log on as is invalid.",
        component: Component::ServiceControlManager,
        remedies: &[
            "Check which account the service logs on as (`sc qc <name>`, or the Log On tab in services.msc) and correct it.",
        ],
        inferred_remedy: true,
        sources: "S35",
    },
    ErrorInfo {
        code: 0x8007_0422,
        name: "ERROR_SERVICE_DISABLED",
        win32: Some(1058),
        message: "The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.",
        meaning: "A start was requested for a service whose start type is Disabled. For Windows Update this means wuauserv (or another service the pipeline needs) is disabled, so scans and installs fail; the System log records event 7000.",
        component: Component::ServiceControlManager,
        remedies: &[
            "Set the start type first: `sc config wuauserv start= demand` (with a space after `start=`), or choose Manual as Startup type in services.msc.",
            "Then start the service: `net start wuauserv`.",
            "If updates still fail, restart wuauserv, UsoSvc and BITS and run the Windows Update troubleshooter.",
        ],
        inferred_remedy: false,
        sources: "S4, S21, S31, S33, S35, S42",
    },
    ErrorInfo {
        code: 0x8007_0424,
        name: "ERROR_SERVICE_DOES_NOT_EXIST",
        win32: Some(1060),
        message: "The specified service does not exist as an installed service.",
        meaning: "No service with that name is installed.",
        component: Component::ServiceControlManager,
        remedies: &[
            r#"Check the name: `sc` takes the short service name (wuauserv, UsoSvc, BITS), not the display name ("Windows Update")."#,
        ],
        inferred_remedy: true,
        sources: "S35",
    },
    ErrorInfo {
        code: 0x8007_0425,
        name: "ERROR_SERVICE_CANNOT_ACCEPT_CTRL",
        win32: Some(1061),
        message: "The service cannot accept control messages at this time.",
        meaning: r#"The service cannot take this control in its current state, for example while it is still starting (START_PENDING) or stopping. `net` shows "The service is starting or stopping. Please try again later.""#,
        component: Component::ServiceControlManager,
        remedies: &["Wait until `sc query <name>` shows RUNNING or STOPPED, then try again."],
        inferred_remedy: false,
        sources: "S35",
    },
    ErrorInfo {
        code: 0x8007_0426,
        name: "ERROR_SERVICE_NOT_ACTIVE",
        win32: Some(1062),
        message: "The service has not been started.",
        meaning: r#"A control such as stop was sent to a service that is not running (`net stop` prints "The <name> service is not started.", NET HELPMSG 3521). In Windows Update it appears when the Microsoft Account Sign-in Assistant (wlidsvc) is not running: feature-update scans fail and feature updates are never offered."#,
        component: Component::ServiceControlManager,
        remedies: &[
            "If feature updates are never offered, set wlidsvc back to its default Manual start type: `sc config wlidsvc start= demand`.",
            "Start a service before sending it controls (`net start <name>`); stopping an already stopped service needs no fix.",
        ],
        inferred_remedy: false,
        sources: "S21, S35, S54",
    },
    ErrorInfo {
        code: 0x8007_0427,
        name: "ERROR_FAILED_SERVICE_CONTROLLER_CONNECT",
        win32: Some(1063),
        message: "The service process could not connect to the service controller.",
        meaning: "The service's process started but could not connect to the Service Control Manager, so the service did not start.",
        component: Component::ServiceControlManager,
        remedies: &[
            "Check the System log for Service Control Manager errors about the service, then retry the start.",
        ],
        inferred_remedy: true,
        sources: "S35",
    },
    ErrorInfo {
        code: 0x8007_0428,
        name: "ERROR_EXCEPTION_IN_SERVICE",
        win32: Some(1064),
        message: "An exception occurred in the service when handling the control request.",
        meaning: "The service failed with an exception while handling a control such as stop.",
        component: Component::ServiceControlManager,
        remedies: &[
            "Check the System log (events 7031 and 7034) and retry the control.",
            "Configure recovery actions (Recovery tab or `sc failure`) so the SCM restarts the service after a failure.",
        ],
        inferred_remedy: true,
        sources: "S35, S34, S42",
    },
    ErrorInfo {
        code: 0x8007_042A,
        name: "ERROR_SERVICE_SPECIFIC_ERROR",
        win32: Some(1066),
        message: "The service has returned a service-specific error code.",
        meaning: "The service stopped and reported its own error code instead of a Win32 one; the System log shows it as event 7024.",
        component: Component::ServiceControlManager,
        remedies: &[
            "Read event 7024 in the System log for the service's own error code, then look that code up.",
        ],
        inferred_remedy: true,
        sources: "S35, S42",
    },
    ErrorInfo {
        code: 0x8007_042B,
        name: "ERROR_PROCESS_ABORTED",
        win32: Some(1067),
        message: "The process terminated unexpectedly.",
        meaning: "The service's process ended unexpectedly. The SCM logs event 7031 (with the recovery action it will take) or 7034 (no recovery action configured).",
        component: Component::ServiceControlManager,
        remedies: &[
            "Start the service again and read events 7031 and 7034 in the System log.",
            "Configure recovery actions (Recovery tab or `sc failure`) so the SCM restarts the service after a crash.",
        ],
        inferred_remedy: true,
        sources: "S35, S34, S42",
    },
    ErrorInfo {
        code: 0x8007_042C,
        name: "ERROR_SERVICE_DEPENDENCY_FAIL",
        win32: Some(1068),
        message: "The dependency service or group failed to start.",
        meaning: "A service this one depends on could not start, so the SCM did not start this one either; the System log shows event 7001 naming the dependency. For example, wuauserv depends on RpcSs.",
        component: Component::ServiceControlManager,
        remedies: &[
            "Find the dependency (`sc qc <name>` lists DEPENDENCIES), fix it (set a start type if it is Disabled) and start it, then start the service.",
        ],
        inferred_remedy: true,
        sources: "S33, S35, S42, S48",
    },
    ErrorInfo {
        code: 0x8007_042D,
        name: "ERROR_SERVICE_LOGON_FAILED",
        win32: Some(1069),
        message: "The service did not start due to a logon failure.",
        meaning: "The account the service is configured to run as could not log on, so the service did not start.",
        component: Component::ServiceControlManager,
        remedies: &[
            "Check the service's logon account (`sc qc <name>`, or the Log On tab in services.msc) and correct the account or its password.",
        ],
        inferred_remedy: true,
        sources: "S35",
    },
    ErrorInfo {
        code: 0x8007_042E,
        name: "ERROR_SERVICE_START_HANG",
        win32: Some(1070),
        message: "After starting, the service hung in a start-pending state.",
        meaning: "The service started but never left START_PENDING; the SCM logs event 7022 (service hung on starting).",
        component: Component::ServiceControlManager,
        remedies: &[
            "Read event 7022 in the System log, then stop the service if possible and start it again.",
        ],
        inferred_remedy: true,
        sources: "S35, S42",
    },
    ErrorInfo {
        code: 0x8007_0430,
        name: "ERROR_SERVICE_MARKED_FOR_DELETE",
        win32: Some(1072),
        message: "The specified service has been marked for deletion.",
        meaning: "The service has been marked for deletion, so it can no longer be started or changed.",
        component: Component::ServiceControlManager,
        remedies: &[
            "Restart the computer so the deletion completes, then reinstall the service if it is needed.",
        ],
        inferred_remedy: true,
        sources: "S35",
    },
    ErrorInfo {
        code: 0x8007_0431,
        name: "ERROR_SERVICE_EXISTS",
        win32: Some(1073),
        message: "The specified service already exists.",
        meaning: "A service with that name is already installed, so it cannot be created again.",
        component: Component::ServiceControlManager,
        remedies: &[
            "Nothing to create: change the existing service with `sc config <name> ...` instead.",
        ],
        inferred_remedy: true,
        sources: "S35",
    },
    ErrorInfo {
        code: 0x8007_0433,
        name: "ERROR_SERVICE_DEPENDENCY_DELETED",
        win32: Some(1075),
        message: "The dependency service does not exist or has been marked for deletion.",
        meaning: "The service depends on a service that is missing or being deleted, so it cannot start.",
        component: Component::ServiceControlManager,
        remedies: &[
            "Check the dependencies with `sc qc <name>` and restore the missing dependency service.",
        ],
        inferred_remedy: true,
        sources: "S33, S35",
    },
    ErrorInfo {
        code: 0x8007_045B,
        name: "ERROR_SHUTDOWN_IN_PROGRESS",
        win32: Some(1115),
        message: "A system shutdown is in progress.",
        meaning: "Windows is shutting down, so the update operation could not run.",
        component: Component::Win32,
        remedies: &["Let the shutdown finish, restart, and retry."],
        inferred_remedy: true,
        sources: "S36",
    },
    ErrorInfo {
        code: 0x8007_0490,
        name: "ERROR_NOT_FOUND",
        win32: Some(1168),
        message: "Element not found.",
        meaning: "Something the operation looked for is missing. In a documented Windows Update case, a driver installed as part of an update fails because the Arch value is missing under the CBS DriverOperations registry key.",
        component: Component::Win32,
        remedies: &[
            "Add the missing Arch value under the CBS DriverOperations registry key as Microsoft's support article describes, then retry the update.",
        ],
        inferred_remedy: false,
        sources: "S4, S24",
    },
    ErrorInfo {
        code: 0x8007_05AA,
        name: "ERROR_NO_SYSTEM_RESOURCES",
        win32: Some(1450),
        message: "Windows did not have enough system resources to complete the operation.",
        meaning: "Windows ran short of system resources (memory or paging file), or the RegistrySizeLimit registry value is set and limits the registry.",
        component: Component::Win32,
        remedies: &[
            CLEAN_BOOT,
            SYSTEM_MANAGED_PAGEFILE,
            "If the RegistrySizeLimit registry value is set, reset it to 0.",
        ],
        inferred_remedy: false,
        sources: "S29",
    },
    ErrorInfo {
        code: 0x8007_05B4,
        name: "ERROR_TIMEOUT",
        win32: Some(1460),
        message: "The operation timed out.",
        meaning: "The operation did not finish within its time limit.",
        component: Component::Win32,
        remedies: &["Check the network connection and retry."],
        inferred_remedy: true,
        sources: "S36",
    },
    ErrorInfo {
        code: 0x8007_0643,
        name: "ERROR_INSTALL_FAILURE",
        win32: Some(1603),
        message: "A fatal error occurred during installation.",
        meaning: "A fatal error during installation. The WinRE update KB5034441 fails with it when the recovery partition has less than 250 MB free (Microsoft's note, quoted by a secondary source).",
        component: Component::Win32,
        remedies: &[
            "For KB5034441: resize the recovery (WinRE) partition so it has at least 250 MB free, or ignore the update if the device has no WinRE.",
        ],
        inferred_remedy: false,
        sources: "S36, S52",
    },
    ErrorInfo {
        code: 0x8007_06BE,
        name: "RPC_S_CALL_FAILED",
        win32: Some(1726),
        message: "The remote procedure call failed.",
        meaning: "An RPC call failed (Win32 1726; the symbol comes from a secondary source). In Windows Update it is documented after a failed cumulative update left a package in a corrupted state.",
        component: Component::Win32,
        remedies: &[
            r#"Set the package's "current state" value in the registry as Microsoft's support article describes, then retry the update."#,
        ],
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x8007_06D9,
        name: "EPT_S_NOT_REGISTERED",
        win32: Some(1753),
        message: "The RPC endpoint mapper had no endpoint for the requested service.",
        meaning: "Seen as download errors when the Windows Firewall service (MpsSvc) is disabled; stopping that service is unsupported. (The symbol comes from a secondary source.)",
        component: Component::Win32,
        remedies: &[
            "Enable the Windows Firewall service: `sc config mpssvc start= auto`, then `net start mpssvc`.",
        ],
        inferred_remedy: false,
        sources: "S21",
    },
    ErrorInfo {
        code: 0x8007_0BC9,
        name: "ERROR_FAIL_REBOOT_REQUIRED",
        win32: Some(3017),
        message: "The operation failed, and a restart is required to roll back its changes.",
        meaning: "An operation failed and needs a restart to roll back. A documented cause: policy forces the Windows Modules Installer (TrustedInstaller) to Manual, so a transaction that must finish after a restart stays pending and blocks every later install.",
        component: Component::ServicingStack,
        remedies: &[
            "Set the TrustedInstaller service policy to Automatic and restart the device.",
            r"If it still fails, from WinRE run `dism /Image:C:\ /Cleanup-Image /RevertPendingActions`.",
            r"As a last resort, rename %windir%\WinSxS\pending.xml.",
        ],
        inferred_remedy: false,
        sources: "S4, S36",
    },
    ErrorInfo {
        code: 0x8007_2EE2,
        name: "ERROR_INTERNET_TIMEOUT",
        win32: Some(12002),
        message: "The request to the server timed out.",
        meaning: "The device could not reach Windows Update, WSUS or Configuration Manager before the request timed out (also reported as WININET_E_TIMEOUT).",
        component: Component::Network,
        remedies: &[
            ALLOW_ENDPOINTS,
            WINHTTP_PROXY,
            "Take a network trace to see where the connection stalls.",
        ],
        inferred_remedy: false,
        sources: "S4, S21",
    },
    ErrorInfo {
        code: 0x8007_2EE6,
        name: "ERROR_INTERNET_UNRECOGNIZED_SCHEME",
        win32: Some(12006),
        message: "The URL does not use a recognized protocol.",
        meaning: "The intranet update server (WSUS) in the policy is written without http:// or https:// (for example a bare name or IP address), so Windows Update cannot use it.",
        component: Component::Network,
        remedies: &[
            "Write the intranet server's URL in full, with http:// or https:// and the port, in the policy \"Specify intranet Microsoft update service location\".",
            "If the PC should use Windows Update instead, delete WUServer and WUStatusServer and set AU\\UseWUServer to 0.",
        ],
        inferred_remedy: false,
        sources: "P21",
    },
    ErrorInfo {
        code: 0x8007_2EFD,
        name: "ERROR_INTERNET_CANNOT_CONNECT",
        win32: Some(12029),
        message: "The connection to the server could not be established.",
        meaning: "The connection attempt to the update server failed, typically because a firewall or proxy blocks the Microsoft download URLs.",
        component: Component::Network,
        remedies: &[
            "Check firewall and proxy rules that block the Microsoft download URLs.",
            ALLOW_ENDPOINTS,
        ],
        inferred_remedy: false,
        sources: "S4, S37",
    },
    ErrorInfo {
        code: 0x8007_2EFE,
        name: "ERROR_INTERNET_CONNECTION_ABORTED",
        win32: Some(12030),
        message: "The connection with the server was closed abnormally.",
        meaning: "The connection with the server ended abnormally, so BITS could not transfer the update files.",
        component: Component::Network,
        remedies: &[
            "List the BITS jobs with `BITSADMIN /LIST /ALLUSERS /VERBOSE` to see the failing transfer.",
            "Test the download URL through the proxy.",
        ],
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x8007_2F8F,
        name: "ERROR_WINHTTP_SECURE_FAILURE",
        win32: Some(12175),
        message: "An error was found in the server's SSL certificate.",
        meaning: "The secure (TLS) connection failed: TLS 1.2 is not configured, or the server certificate failed validation, which is checked against the system clock. Microsoft's Windows Update error list names the same value WININET_E_DECODING_FAILED.",
        component: Component::Network,
        remedies: &[
            "Enable TLS 1.2 (see KB3140245).",
            "Check the system date and time; certificate validity is checked against the clock (see 0x800B0101).",
        ],
        inferred_remedy: false,
        sources: "S4, S37, S24",
    },
    ErrorInfo {
        code: 0x8007_3701,
        name: "ERROR_SXS_ASSEMBLY_MISSING",
        win32: Some(14081),
        message: "A component the update needs is missing from the component store.",
        meaning: "Component store corruption: a component is only partially installed.",
        component: Component::ServicingStack,
        remedies: DISM_AND_SFC,
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x8007_3712,
        name: "ERROR_SXS_COMPONENT_STORE_CORRUPT",
        win32: Some(14098),
        message: "The component store is corrupted.",
        meaning: "The component store (WinSxS) is inconsistent, so updates cannot be installed.",
        component: Component::ServicingStack,
        remedies: DISM_AND_SFC,
        inferred_remedy: false,
        sources: "S24, S36",
    },
    ErrorInfo {
        code: 0x8007_371B,
        name: "ERROR_SXS_TRANSACTION_CLOSURE_INCOMPLETE",
        win32: Some(14107),
        message: "The component store is corrupted: a servicing transaction is incomplete.",
        meaning: "Component store corruption prevents the update's servicing transaction from completing.",
        component: Component::ServicingStack,
        remedies: DISM_AND_SFC,
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x800B_0101,
        name: "CERT_E_EXPIRED",
        win32: None,
        message: "A required certificate is not within its validity period when checked against the current system clock.",
        meaning: "Certificate validity is checked against the system clock, so a wrong date or time makes valid certificates look expired. The Windows Time service (W32Time) keeps the clock in sync.",
        component: Component::Network,
        remedies: &[
            "Correct the system date and time, and make sure the Windows Time service (W32Time) is running so the clock stays in sync.",
        ],
        inferred_remedy: true,
        sources: "S24, S30",
    },
    ErrorInfo {
        code: 0x800F_081F,
        name: "CBS_E_SOURCE_MISSING",
        win32: None,
        message: "The source files for a package or file could not be found.",
        meaning: "The servicing stack could not find the source for a package or file: the component store is corrupted.",
        component: Component::ServicingStack,
        remedies: DISM_AND_SFC,
        inferred_remedy: false,
        sources: "S4, S24",
    },
    ErrorInfo {
        code: 0x800F_0821,
        name: "CBS_E_ABORT",
        win32: None,
        message: "The servicing stack aborted the operation.",
        meaning: "A CBS transaction timed out: the servicing watchdog stopped it, typically on a machine short of CPU or memory.",
        component: Component::ServicingStack,
        remedies: CBS_WATCHDOG,
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x800F_0825,
        name: "CBS_E_CANNOT_UNINSTALL",
        win32: None,
        message: "A package could not be uninstalled.",
        meaning: "A component is only partially installed (component store corruption).",
        component: Component::ServicingStack,
        remedies: DISM_AND_SFC,
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x800F_0831,
        name: "CBS_E_STORE_CORRUPTION",
        win32: None,
        message: "The component store is corrupted.",
        meaning: "The component store is corrupted, so the update cannot be installed.",
        component: Component::ServicingStack,
        remedies: DISM_AND_SFC,
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x800F_0920,
        name: "CBS_E_HANG_DETECTED",
        win32: None,
        message: "The servicing stack detected a hang.",
        meaning: "Follows 0x800F0821: the CBS watchdog assumed the installation had hung and stopped it.",
        component: Component::ServicingStack,
        remedies: CBS_WATCHDOG,
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x800F_0922,
        name: "CBS_E_INSTALLERS_FAILED",
        win32: None,
        message: "Advanced installers failed while installing the update.",
        meaning: "An advanced installer inside the update failed and the update rolled back. In one documented case the license and product-key tokens could not be updated.",
        component: Component::ServicingStack,
        remedies: &[
            r"Grant the Users group and Network Service write access to C:\Windows\System32\spp, then retry the update.",
        ],
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x8019_0001,
        name: "HTTP_E_STATUS_UNEXPECTED",
        win32: None,
        message: "The server returned an unexpected HTTP status code.",
        meaning: "An HTTP request got a status code the client did not expect. The symbol is defined by Microsoft (winerror.h); its Windows Update context is not confirmed.",
        component: Component::Network,
        remedies: &[NETWORK_CHECK, WINHTTP_PROXY],
        inferred_remedy: true,
        sources: "S53",
    },
    ErrorInfo {
        code: 0x8020_0053,
        name: "BG_E_VALIDATION_FAILED",
        win32: None,
        message: "BITS could not validate the downloaded content.",
        meaning: "BITS validation failed; Microsoft attributes it to firewalls that filter downloads.",
        component: Component::Bits,
        remedies: &[
            "Remove download filtering for Windows Update traffic on the firewall or proxy.",
        ],
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x8024_000B,
        name: "WU_E_CALL_CANCELLED",
        win32: None,
        message: "The operation was cancelled.",
        meaning: "The operation was cancelled by the user or the service; it is also returned when the results cannot be filtered.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            "Retry the operation.",
            "On WSUS, decline superseded updates.",
        ],
        inferred_remedy: false,
        sources: "S3, S4",
    },
    ErrorInfo {
        code: 0x8024_000E,
        name: "WU_E_XML_INVALID",
        win32: None,
        message: "The update's XML metadata contains invalid data.",
        meaning: "Windows Update Agent found invalid data in an update's XML metadata, for example in driver metadata.",
        component: Component::WindowsUpdateAgent,
        remedies: &["Install the latest Windows Update Agent."],
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x8024_0016,
        name: "WU_E_INSTALL_NOT_ALLOWED",
        win32: None,
        message: "An install was attempted while another installation was running or a mandatory restart was pending.",
        meaning: "Windows Update will not start an installation while another one runs or while a required restart has not happened yet.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            "Let the other installation finish.",
            "If a restart is pending, restart the device, then install again.",
        ],
        inferred_remedy: false,
        sources: "S3, S22",
    },
    ErrorInfo {
        code: 0x8024_0017,
        name: "WU_E_NOT_APPLICABLE",
        win32: None,
        message: "The operation was not performed because there are no applicable updates.",
        meaning: "Informational: the update does not apply to this device — it is superseded, already installed, for another OS version or architecture, or missing a prerequisite.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            "Nothing to fix: the update does not apply to this device. Check whether it is superseded or already installed.",
        ],
        inferred_remedy: false,
        sources: "S3, S21, S22",
    },
    ErrorInfo {
        code: 0x8024_001E,
        name: "WU_E_SERVICE_STOP",
        win32: None,
        message: "The operation did not complete because the service or system was being shut down.",
        meaning: "The service or system shut down mid-operation. Microsoft also links it to corrupt or incomplete update sources, low disk space, an unstable network, or a scheduled task or restart interrupting the operation.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            "Keep at least 10 GB free on C:.",
            r"Run `net stop wuauserv`, rename %windir%\SoftwareDistribution, then `net start wuauserv`.",
            RESTART_UPDATE_SERVICES,
            "Retry, or install the update manually from the Microsoft Update Catalog.",
        ],
        inferred_remedy: false,
        sources: "S3, S26",
    },
    ErrorInfo {
        code: 0x8024_001F,
        name: "WU_E_NO_CONNECTION",
        win32: None,
        message: "The operation did not complete because the network connection was unavailable.",
        meaning: "Windows Update had no network connection when it needed one.",
        component: Component::WindowsUpdateAgent,
        remedies: &["Fix network connectivity, then retry."],
        inferred_remedy: true,
        sources: "S3",
    },
    ErrorInfo {
        code: 0x8024_0020,
        name: "WU_E_NO_INTERACTIVE_USER",
        win32: None,
        message: "The operation did not complete because no interactive user is signed in.",
        meaning: "The step needs a signed-in user, and nobody is signed in.",
        component: Component::WindowsUpdateAgent,
        remedies: &["Sign in to the device and allow it to restart."],
        inferred_remedy: false,
        sources: "S3, S4",
    },
    ErrorInfo {
        code: 0x8024_0022,
        name: "WU_E_ALL_UPDATES_FAILED",
        win32: None,
        message: "The operation failed for all the updates.",
        meaning: "Every update in the operation failed; most often antivirus software blocks access to SoftwareDistribution or other update folders.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            r"Search %windir%\Logs\CBS\CBS.log for the path that was blocked.",
            "Exclude that folder from antivirus scanning, or disable the antivirus temporarily, and retry.",
        ],
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x8024_0024,
        name: "WU_E_NO_UPDATE",
        win32: None,
        message: "There are no updates.",
        meaning: "Informational: there were no updates for the operation to act on.",
        component: Component::WindowsUpdateAgent,
        remedies: &["Nothing to fix: there are no updates for this operation."],
        inferred_remedy: false,
        sources: "S3",
    },
    ErrorInfo {
        code: 0x8024_0025,
        name: "WU_E_USER_ACCESS_DISABLED",
        win32: None,
        message: "Group Policy settings prevent access to Windows Update.",
        meaning: "A Group Policy (or MDM) setting removes access to Windows Update on this device.",
        component: Component::WindowsUpdateAgent,
        remedies: &["Review the Windows Update Group Policy and MDM settings that remove access."],
        inferred_remedy: true,
        sources: "S3",
    },
    ErrorInfo {
        code: 0x8024_002E,
        name: "WU_E_WU_DISABLED",
        win32: None,
        message: "Access to an unmanaged server is not allowed.",
        meaning: r#"A policy forbids contacting Windows Update: most often DisableWindowsUpdateAccess = 1 ("Turn off access to all Windows Update features", often left by tuning scripts and update blockers), or a device pinned to WSUS with "Do not connect to any Windows Update Internet locations"."#,
        component: Component::WindowsUpdateAgent,
        remedies: &[
            r#"Set DisableWindowsUpdateAccess to 0 (or delete it) under HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate, and disable the policy "Turn off access to all Windows Update features"."#,
            r#"Review the WSUS and dual-scan policies, including "Do not connect to any Windows Update Internet locations"."#,
        ],
        inferred_remedy: false,
        sources: "S3, S7, P20",
    },
    ErrorInfo {
        code: 0x8024_002F,
        name: "WU_E_CALL_CANCELLED_BY_POLICY",
        win32: None,
        message: "Operation did not complete because the DisableWindowsUpdateAccess policy was set.",
        meaning: "A policy (DisableWindowsUpdateAccess, \"Turn off access to all Windows Update features\") forbids what was asked.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            "Set DisableWindowsUpdateAccess to 0 (or delete it) under HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate, and disable the policy \"Turn off access to all Windows Update features\".",
        ],
        inferred_remedy: false,
        sources: "P20, P26",
    },
    ErrorInfo {
        code: 0x8024_0034,
        name: "WU_E_DOWNLOAD_FAILED",
        win32: None,
        message: "The update failed to download.",
        meaning: "Windows Update could not download the update.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            "Check the network and the WinHTTP proxy.",
            r"Reset the download cache: stop wuauserv, rename %windir%\SoftwareDistribution\Download, start wuauserv.",
        ],
        inferred_remedy: true,
        sources: "S3",
    },
    ErrorInfo {
        code: 0x8024_0438,
        name: "WU_E_PT_ENDPOINT_UNREACHABLE",
        win32: None,
        message: "There is no route or network connectivity to the endpoint.",
        meaning: "Windows Update could not reach the update service endpoint over the network.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            "Fix the network path and the firewall rules to the update endpoints.",
            ALLOW_ENDPOINTS,
        ],
        inferred_remedy: true,
        sources: "S38",
    },
    ErrorInfo {
        code: 0x8024_0439,
        name: "WU_E_PT_INVALID_FORMAT",
        win32: None,
        message: "The data received does not match the expected data contract.",
        meaning: "The SDK header (wuerror.h) names this code WU_E_PT_INVALID_FORMAT. A Microsoft support article calls it WU_E_NOT_INITIALIZED and describes the agent starting but not finishing its startup; the header name is the authoritative one.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            RESET_COMPONENTS,
            REREGISTER_DLLS,
            "Check the Group Policy settings for Windows Update.",
        ],
        inferred_remedy: false,
        sources: "S38, S27",
    },
    ErrorInfo {
        code: 0x8024_0FFF,
        name: "WU_E_UNEXPECTED",
        win32: None,
        message: "An unexpected error occurred.",
        meaning: "A generic Windows Update Agent error. On WSUS it appeared when the Upgrades classification was synchronised before hotfix 3095113 was installed.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            "On WSUS, apply Microsoft's fix for the Upgrades classification (hotfix 3095113).",
        ],
        inferred_remedy: false,
        sources: "S3, S19",
    },
    ErrorInfo {
        code: 0x8024_2006,
        name: "WU_E_UH_INVALIDMETADATA",
        win32: None,
        message: "A handler operation failed because the update contains invalid metadata.",
        meaning: "The update handler could not act on the update because its metadata is invalid.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            r"Stop the update services and rename %windir%\SoftwareDistribution\DataStore, %windir%\SoftwareDistribution\Download and %windir%\System32\catroot2 to .bak; start the services and download again.",
        ],
        inferred_remedy: false,
        sources: "S4, S23",
    },
    ErrorInfo {
        code: 0x8024_200B,
        name: "WU_E_UH_INSTALLERFAILURE",
        win32: None,
        message: "The installer failed to install one or more updates.",
        meaning: "The installer (usually CBS) reported a failure for at least one update.",
        component: Component::WindowsUpdateAgent,
        remedies: &[r"Look in %windir%\Logs\CBS\CBS.log for the failure."],
        inferred_remedy: true,
        sources: "S3",
    },
    ErrorInfo {
        code: 0x8024_200D,
        name: "WU_E_UH_NEEDANOTHERDOWNLOAD",
        win32: None,
        message: "The update was not installed because it needs to be downloaded again.",
        meaning: "The update handler did not install the update; the download must be repeated.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            r"Download the update again; if it keeps failing, clear the download cache (%windir%\SoftwareDistribution\Download).",
        ],
        inferred_remedy: true,
        sources: "S3",
    },
    ErrorInfo {
        code: 0x8024_2014,
        name: "WU_E_UH_POSTREBOOTSTILLPENDING",
        win32: None,
        message: "The post-restart operation for the update is still in progress.",
        meaning: "The update needs a restart to finish, and that post-restart step has not completed.",
        component: Component::WindowsUpdateAgent,
        remedies: &["Restart the device."],
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x8024_2016,
        name: "WU_E_UH_POSTREBOOTUNEXPECTEDSTATE",
        win32: None,
        message: "The update is in an unexpected state after its post-restart operation.",
        meaning: "After the restart step finished, the update was not in the state Windows Update expected.",
        component: Component::WindowsUpdateAgent,
        remedies: &["Retry the update; if it fails again, reset the Windows Update components."],
        inferred_remedy: true,
        sources: "S3",
    },
    ErrorInfo {
        code: 0x8024_2017,
        name: "WU_E_UH_NEW_SERVICING_STACK_REQUIRED",
        win32: None,
        message: "The servicing stack must be updated before this update can be downloaded or installed.",
        meaning: "The update needs a newer servicing stack (the code that installs updates) than the device has.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            "Install the latest servicing stack update (SSU) from the Microsoft Update Catalog, then the cumulative update.",
        ],
        inferred_remedy: false,
        sources: "S3, S13",
    },
    ErrorInfo {
        code: 0x8024_4007,
        name: "WU_E_PT_SOAPCLIENT_SOAPFAULT",
        win32: None,
        message: "The server returned a SOAP fault.",
        meaning: "The update server answered with a SOAP fault; with WSUS, Windows cannot renew its Windows Update cookies.",
        component: Component::WindowsUpdateAgent,
        remedies: &["Follow Microsoft's fix in KB2883975."],
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x8024_4011,
        name: "WU_E_PT_SUS_SERVER_NOT_SET",
        win32: None,
        message: "WUServer policy value is missing in the registry.",
        meaning: "A policy tells Windows Update to use an intranet server (AU\\UseWUServer = 1) but does not say which one (no WUServer value).",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            "Set WUServer to the intranet server's URL, or set AU\\UseWUServer to 0 (or delete it) so that the PC uses Windows Update.",
        ],
        inferred_remedy: true,
        sources: "P26",
    },
    ErrorInfo {
        code: 0x8024_4017,
        name: "WU_E_PT_HTTP_STATUS_DENIED",
        win32: None,
        message: "HTTP 401: the server requires authentication.",
        meaning: "The update server or a proxy asked for credentials the client did not supply.",
        component: Component::WindowsUpdateAgent,
        remedies: &["Check proxy and server authentication.", NETWORK_CHECK],
        inferred_remedy: true,
        sources: "S3",
    },
    ErrorInfo {
        code: 0x8024_4018,
        name: "WU_E_PT_HTTP_STATUS_FORBIDDEN",
        win32: None,
        message: "HTTP 403: the server refused the request.",
        meaning: "The update server or a proxy forbids this request.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            "Check the proxy and firewall policy for the update endpoints.",
            NETWORK_CHECK,
        ],
        inferred_remedy: true,
        sources: "S3",
    },
    ErrorInfo {
        code: 0x8024_4019,
        name: "WU_E_PT_HTTP_STATUS_NOT_FOUND",
        win32: None,
        message: "HTTP 404: the requested URI was not found on the server.",
        meaning: "The server does not have the requested file, for example when update content is missing on a WSUS server.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            "Fix the content on the update server (on WSUS, make sure the update files are present).",
            NETWORK_CHECK,
        ],
        inferred_remedy: true,
        sources: "S3",
    },
    ErrorInfo {
        code: 0x8024_401B,
        name: "WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ",
        win32: None,
        message: "HTTP 407: proxy authentication is required.",
        meaning: "The proxy wants credentials; the WinHTTP or WinINet proxy is misconfigured for Windows Update.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            WINHTTP_PROXY,
            "Let the update endpoints through the proxy without user authentication.",
        ],
        inferred_remedy: false,
        sources: "S3, S4, S21",
    },
    ErrorInfo {
        code: 0x8024_401C,
        name: "WU_E_PT_HTTP_STATUS_REQUEST_TIMEOUT",
        win32: None,
        message: "HTTP 408: the server timed out waiting for the request.",
        meaning: "The server gave up waiting for the client's request.",
        component: Component::WindowsUpdateAgent,
        remedies: &["Check the network and the update server.", NETWORK_CHECK],
        inferred_remedy: true,
        sources: "S3",
    },
    ErrorInfo {
        code: 0x8024_401F,
        name: "WU_E_PT_HTTP_STATUS_SERVER_ERROR",
        win32: None,
        message: "HTTP 500: the server hit an internal error.",
        meaning: "The fault is on the update server, not on the device.",
        component: Component::WindowsUpdateAgent,
        remedies: &["Retry later: the problem is on the server side."],
        inferred_remedy: true,
        sources: "S3",
    },
    ErrorInfo {
        code: 0x8024_4022,
        name: "WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL",
        win32: None,
        message: "HTTP 503: the service is temporarily overloaded.",
        meaning: "The update service is temporarily unavailable, or the device cannot reach the configured update source.",
        component: Component::WindowsUpdateAgent,
        remedies: &[NETWORK_CHECK, WINHTTP_PROXY],
        inferred_remedy: false,
        sources: "S3, S4, S21",
    },
    ErrorInfo {
        code: 0x8024_402C,
        name: "WU_E_PT_WINHTTP_NAME_NOT_RESOLVED",
        win32: None,
        message: "The proxy or target server name could not be resolved.",
        meaning: "Name resolution failed for the proxy or the update server (DNS, proxy or WSUS reachability problem).",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            "Test name resolution with `ping` and `nslookup` for the update server.",
            "Check the proxy settings, firewall, DNS, the WSUS URL and the Windows Update policies.",
        ],
        inferred_remedy: false,
        sources: "S3, S28",
    },
    ErrorInfo {
        code: 0x8024_402F,
        name: "WU_E_PT_ECP_SUCCEEDED_WITH_ERRORS",
        win32: None,
        message: "External cab file processing completed with errors.",
        meaning: "Seen when a web filter (for example Lightspeed Rocket) interferes with update downloads.",
        component: Component::WindowsUpdateAgent,
        remedies: &["Exempt the devices from the web filter."],
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x8024_6007,
        name: "WU_E_DM_NOTDOWNLOADED",
        win32: None,
        message: "The update has not been downloaded.",
        meaning: "An install was attempted for an update whose files are not downloaded.",
        component: Component::WindowsUpdateAgent,
        remedies: &["Download the update again."],
        inferred_remedy: true,
        sources: "S3",
    },
    ErrorInfo {
        code: 0x8024_6008,
        name: "WU_E_DM_FAILTOCONNECTTOBITS",
        win32: None,
        message: "The download manager could not connect to BITS.",
        meaning: "Windows Update's download manager could not reach the Background Intelligent Transfer Service. Secondary reports also show it with extended code 0x80070422 when Delivery Optimization (DoSvc) is disabled.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            "Start or restart BITS: `net start bits`.",
            RESET_COMPONENTS,
            "If Delivery Optimization (DoSvc) is disabled, set a start type for it and start it.",
        ],
        inferred_remedy: true,
        sources: "S3",
    },
    ErrorInfo {
        code: 0x8024_6017,
        name: "WU_E_DM_UNAUTHORIZED_LOCAL_USER",
        win32: None,
        message: "The local user is not authorized to download the content.",
        meaning: "The signed-in account is not allowed to download this update.",
        component: Component::WindowsUpdateAgent,
        remedies: &["Use a local administrator account."],
        inferred_remedy: false,
        sources: "S4, S38",
    },
    ErrorInfo {
        code: 0x8024_8007,
        name: "WU_E_DS_NODATA",
        win32: None,
        message: "The requested information is not in the data store.",
        meaning: r"A Windows Update data store error (0x80248xxx): the data asked for is not in the DataStore (%windir%\SoftwareDistribution\DataStore\DataStore.edb).",
        component: Component::WindowsUpdateAgent,
        remedies: &[DATASTORE_RESET],
        inferred_remedy: true,
        sources: "S3, S38",
    },
    ErrorInfo {
        code: 0x8024_800F,
        name: "WU_E_DS_STOREFILELOCKED",
        win32: None,
        message: "The data store is locked by another process.",
        meaning: "A Windows Update data store error (0x80248xxx): the DataStore could not be opened because another process holds it locked.",
        component: Component::WindowsUpdateAgent,
        remedies: &[DATASTORE_RESET],
        inferred_remedy: true,
        sources: "S3, S38",
    },
    ErrorInfo {
        code: 0x8024_A000,
        name: "WU_E_AU_NOSERVICE",
        win32: None,
        message: "Automatic Updates cannot service incoming requests.",
        meaning: "The Automatic Updates part of the Windows Update service is not answering, as when the service is stopped or stuck.",
        component: Component::WindowsUpdateAgent,
        remedies: &[
            "Restart the Windows Update service: `net stop wuauserv`, then `net start wuauserv`.",
        ],
        inferred_remedy: true,
        sources: "S3",
    },
    ErrorInfo {
        code: 0x8024_A004,
        name: "WU_E_AU_PAUSED",
        win32: None,
        message: "Automatic Updates is paused and cannot process requests.",
        meaning: "Updates are paused (by the user or by policy; a pause lasts at most 35 days), so requests are refused.",
        component: Component::WindowsUpdateAgent,
        remedies: &["Resume updates in Settings > Windows Update, or review the pause policy."],
        inferred_remedy: true,
        sources: "S3, S8",
    },
    ErrorInfo {
        code: 0x8024_A10A,
        name: "USO_E_SERVICE_SHUTTING_DOWN",
        win32: None,
        message: "The Windows Update service is shutting down after a long idle or unresponsive period.",
        meaning: "The update service shut itself down after the system was idle or unresponsive for a long time. The code is not in the SDK header.",
        component: Component::UpdateOrchestrator,
        remedies: &["Keep the system active and connected while updates run."],
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x8024_D009,
        name: "WU_E_SETUP_SKIP_UPDATE",
        win32: None,
        message: "The Windows Update Agent self-update was skipped because of a directive in wuident.cab.",
        meaning: "WSUS is not delivering the agent's self-update, so the agent stays on its old version.",
        component: Component::WindowsUpdateAgent,
        remedies: &["Follow KB920659 so WSUS delivers the agent self-update."],
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x80D0_2002,
        name: "TIME_OUT_ERRORS",
        win32: None,
        message: "The operation timed out.",
        meaning: "A Delivery Optimization download timed out. Microsoft's error list gives it under the group name TIME_OUT_ERRORS rather than a DO_E_ symbol.",
        component: Component::DeliveryOptimization,
        remedies: &[
            "Unblock the Microsoft download URLs on the firewall and proxy.",
            ALLOW_ENDPOINTS,
        ],
        inferred_remedy: false,
        sources: "S4",
    },
    ErrorInfo {
        code: 0x80D0_5001,
        name: "DO_E_HTTP_BLOCKSIZE_MISMATCH",
        win32: None,
        message: "The proxy does not support HTTP byte-range (RANGE) requests.",
        meaning: "Windows Update downloads through Delivery Optimization with HTTP RANGE requests; a proxy that does not honour them causes this error (or much larger downloads).",
        component: Component::DeliveryOptimization,
        remedies: &[
            "Allow HTTP RANGE requests on the proxy for *.download.windowsupdate.com, *.dl.delivery.mp.microsoft.com and *.delivery.mp.microsoft.com.",
        ],
        inferred_remedy: false,
        sources: "S21",
    },
    ErrorInfo {
        code: 0xC190_0101,
        name: "MOSETUP_E_SETUP_PLATFORM",
        win32: None,
        message: "Setup failed and rolled back the upgrade.",
        meaning: r"A generic rollback of a feature update, usually caused by an incompatible driver; extended codes such as -0x20004, -0x2000c, -0x20017, -0x30018, -0x3000D, -0x4000D and -0x4001E tell the phase. Setup logs are in $Windows.~bt\Sources\Panther (setupact.log, setuperr.log).",
        component: Component::WindowsSetup,
        remedies: &[
            "Update or remove incompatible drivers and disconnect nonessential peripherals.",
            "Do a clean boot and uninstall third-party antivirus before upgrading.",
            "Run chkdsk and free disk space, then retry.",
        ],
        inferred_remedy: false,
        sources: "S19",
    },
    ErrorInfo {
        code: 0xC190_0107,
        name: "MOSETUP_E_CLEANUP_PENDING",
        win32: None,
        message: "A cleanup from a previous installation is still pending.",
        meaning: "Setup cannot start because a previous installation has not finished cleaning up; a restart completes it.",
        component: Component::WindowsSetup,
        remedies: &["Restart the device, then run the upgrade again."],
        inferred_remedy: false,
        sources: "S19",
    },
    ErrorInfo {
        code: 0xC190_0200,
        name: "MOSETUP_E_COMPAT_SYSREQ_BLOCK",
        win32: None,
        message: "The PC does not meet the minimum requirements to install this version of Windows.",
        meaning: "Setup's system-requirements check failed, so the feature update will not install.",
        component: Component::WindowsSetup,
        remedies: &[CHECK_REQUIREMENTS],
        inferred_remedy: false,
        sources: "S19, S18",
    },
    ErrorInfo {
        code: 0xC190_0202,
        name: "MOSETUP_E_COMPAT_DOWNLOADREQ_BLOCK",
        win32: None,
        message: "The PC does not meet the minimum requirements to download this version of Windows.",
        meaning: "The requirements check failed before download, so the feature update is not downloaded.",
        component: Component::WindowsSetup,
        remedies: &[CHECK_REQUIREMENTS],
        inferred_remedy: false,
        sources: "S19, S18",
    },
    ErrorInfo {
        code: 0xC190_0208,
        name: "MOSETUP_E_COMPAT_INSTALLREQ_BLOCK",
        win32: None,
        message: "The PC failed the compatibility scan: an incompatible app or driver blocks the upgrade.",
        meaning: "Setup found an app or driver that is incompatible with the new version of Windows.",
        component: Component::WindowsSetup,
        remedies: &[
            "Review the compatibility report, remove the blocking app or driver, then retry.",
        ],
        inferred_remedy: false,
        sources: "S19",
    },
    ErrorInfo {
        code: 0xC190_020E,
        name: "MOSETUP_E_INSTALLDISKSPACE_BLOCK",
        win32: None,
        message: "There is not enough free disk space to install the upgrade.",
        meaning: "The system drive lacks the free space a feature update needs.",
        component: Component::WindowsSetup,
        remedies: &[UPGRADE_DISK_SPACE],
        inferred_remedy: false,
        sources: "S19",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    const SCM_ERRORS: [u32; 22] = [
        5, 1051, 1052, 1053, 1054, 1055, 1056, 1057, 1058, 1060, 1061, 1062, 1063, 1064, 1066,
        1067, 1068, 1069, 1070, 1072, 1073, 1075,
    ];

    #[test]
    fn catalog_is_sorted_unique_and_large_enough() {
        let codes: Vec<u32> = all().iter().map(|e| e.code).collect();
        assert!(
            codes.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        assert!(codes.len() >= 40, "only {} entries", codes.len());
    }

    #[test]
    fn every_entry_is_filled_in() {
        for e in all() {
            let hex = e.hex();
            assert!(!e.name.trim().is_empty(), "{hex}: name");
            assert!(!e.message.trim().is_empty(), "{hex}: message");
            assert!(!e.meaning.trim().is_empty(), "{hex}: meaning");
            assert!(!e.sources.trim().is_empty(), "{hex}: sources");
            assert!(!e.remedies.is_empty(), "{hex}: remedies");
            assert!(
                e.remedies.iter().all(|r| !r.trim().is_empty()),
                "{hex}: empty remedy"
            );
            assert!(
                e.sources
                    .split(", ")
                    .all(|s| (s.starts_with('S') || s.starts_with('P'))
                        && s.len() > 1
                        && s[1..].bytes().all(|b| b.is_ascii_digit())),
                "{hex}: sources must be S- or P-ids separated by ', ': {}",
                e.sources
            );
            assert!(!e.name.contains(' '), "{hex}: name is a symbol");
        }
    }

    #[test]
    fn informational_codes_say_nothing_to_fix() {
        for code in [0x0024_0005, 0x8024_0017, 0x8024_0024] {
            let e = lookup(code).expect("informational code present");
            assert!(e.remedies[0].starts_with("Nothing to fix"), "{}", e.hex());
        }
    }

    #[test]
    fn win32_field_matches_the_hresult() {
        for e in all() {
            if let Some(n) = e.win32 {
                assert_eq!(e.code, hresult_from_win32(n), "{}", e.hex());
            }
            if e.code >> 16 == 0x8007 {
                assert_eq!(e.win32, Some(e.code & 0xFFFF), "{}: facility 7", e.hex());
            }
        }
    }

    #[test]
    fn hresult_from_win32_wraps_like_the_macro() {
        assert_eq!(hresult_from_win32(0), 0);
        assert_eq!(hresult_from_win32(5), 0x8007_0005);
        assert_eq!(hresult_from_win32(1058), 0x8007_0422);
        assert_eq!(hresult_from_win32(0x1_0422), 0x8007_0422);
    }

    #[test]
    fn every_scm_error_of_section_2_is_present() {
        for n in SCM_ERRORS {
            let e = win32(n);
            assert_eq!(e.win32, Some(n));
            if (1051..=1075).contains(&n) {
                assert_eq!(e.component, Component::ServiceControlManager, "{n}");
                assert!(e.name.starts_with("ERROR_"), "{n}");
            }
        }
    }

    #[test]
    #[should_panic(expected = "missing from the error catalog")]
    fn win32_panics_for_a_code_the_catalog_lacks() {
        let _ = win32(9999);
    }

    #[test]
    fn parse_code_accepts_every_documented_form() {
        // 0x80070422 = 2147943458; as i32 it is 2147943458 - 2^32 = -2147023838.
        assert_eq!(0x8007_0422_u32 as i32, -2_147_023_838);
        for text in [
            "0x80070422",
            "80070422",
            "0X80070422",
            " 80070422 ",
            "\t0x80070422\n",
            "2147943458",
            "-2147023838",
            "1058",
        ] {
            assert_eq!(parse_code(text), Ok(0x8007_0422), "{text:?}");
        }
        assert_eq!(parse_code("8007042a"), Ok(0x8007_042A));
        assert_eq!(parse_code("0x8024402c"), Ok(0x8024_402C));
        assert_eq!(parse_code("C1900200"), Ok(0xC190_0200));
        assert_eq!(parse_code("5"), Ok(0x8007_0005));
        assert_eq!(parse_code("0"), Ok(0));
        assert_eq!(parse_code("0x422"), Ok(0x422));
        assert_eq!(parse_code("65536"), Ok(65536));
        assert_eq!(parse_code("4294967295"), Ok(u32::MAX));
        assert_eq!(parse_code("-2147483648"), Ok(0x8000_0000));
        assert_eq!(parse_code("DEADBEEF"), Ok(0xDEAD_BEEF));
        assert_eq!(lookup(0xDEAD_BEEF), None);
    }

    #[test]
    fn parse_code_rejects_what_is_not_a_code() {
        for text in [
            "",
            "   ",
            "0x",
            "xyz",
            "0x1234567890",
            "12.5",
            "-",
            "--5",
            "+5",
            "0x+5",
            "0xG1",
            "4294967296",
            "-2147483649",
            "123456789A",
            "80070422h",
            "0x8007 0422",
        ] {
            let err = parse_code(text).expect_err(text);
            assert_eq!(err.input, text.trim());
        }
    }

    #[test]
    fn parse_error_names_the_input_and_the_forms() {
        let err = parse_code(" xyz ").expect_err("not a code");
        let shown = err.to_string();
        assert!(shown.starts_with("'xyz' is not an error code:"), "{shown}");
        assert!(!shown.contains('\n'));
        // Every example in the message really is 0x80070422.
        for example in [
            "0x80070422",
            "80070422",
            "2147943458",
            "-2147023838",
            "1058",
        ] {
            assert!(shown.contains(example), "{example}");
            assert_eq!(parse_code(example), Ok(0x8007_0422), "{example}");
        }
    }

    #[test]
    fn lookup_finds_the_disabled_service_error() {
        let e = lookup(0x8007_0422).expect("0x80070422 present");
        assert_eq!(e.name, "ERROR_SERVICE_DISABLED");
        assert_eq!(e.win32, Some(1058));
        assert_eq!(e.component, Component::ServiceControlManager);
        assert!(
            e.message
                .starts_with("The service cannot be started, either because it is disabled")
        );
        assert!(
            e.remedies
                .iter()
                .any(|r| r.to_lowercase().contains("start type")
                    && r.contains("sc config wuauserv start= demand"))
        );
        assert!(!e.inferred_remedy);
        assert_eq!(e.hex(), "0x80070422");
        assert!(std::ptr::eq(e, win32(1058)));
    }

    #[test]
    fn merged_entries_keep_both_facts() {
        let not_active = win32(1062);
        assert_eq!(not_active.code, 0x8007_0426);
        assert!(not_active.meaning.contains("wlidsvc"));
        assert!(not_active.message.contains("has not been started"));
        assert_eq!(all().iter().filter(|e| e.code == 0x8007_0426).count(), 1);
    }

    #[test]
    fn hex_is_uppercase_and_padded() {
        assert_eq!(win32(5).hex(), "0x80070005");
        assert_eq!(
            lookup(0x8024_402C).map(ErrorInfo::hex).as_deref(),
            Some("0x8024402C")
        );
        assert_eq!(
            lookup(0x0024_0005).map(ErrorInfo::hex).as_deref(),
            Some("0x00240005")
        );
    }

    #[test]
    fn nearest_is_ranked_distinct_and_deterministic() {
        let first = nearest(0xDEAD_BEEF, 3);
        assert_eq!(first.len(), 3);
        assert_eq!(first, nearest(0xDEAD_BEEF, 3));
        assert!(first[0].code != first[1].code && first[1].code != first[2].code);
        assert!(first[0].code != first[2].code);

        assert_eq!(nearest(0x8007_0423, 1)[0].code, 0x8007_0422);
        assert_eq!(nearest(0x8024_4022, 1)[0].code, 0x8024_4022);
        assert!(nearest(0x8007_0423, 0).is_empty());
        assert_eq!(nearest(0, usize::MAX).len(), all().len());
    }

    #[test]
    fn nearest_ranks_by_differing_digits_then_distance() {
        assert_eq!(hex_digits_differing(0x8007_0422, 0x8007_0422), 0);
        assert_eq!(hex_digits_differing(0x8007_0422, 0x8007_0426), 1);
        assert_eq!(hex_digits_differing(0x0000_0000, 0xFFFF_FFFF), 8);
        let ranked = nearest(0x8024_4020, 4);
        let keys: Vec<(u32, u32)> = ranked
            .iter()
            .map(|e| {
                (
                    hex_digits_differing(e.code, 0x8024_4020),
                    e.code.abs_diff(0x8024_4020),
                )
            })
            .collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
    }

    #[test]
    fn reference_spot_checks() {
        let check = |code: u32, name: &str| {
            let e = lookup(code).unwrap_or_else(|| panic!("0x{code:08X} missing"));
            assert_eq!(e.name, name, "0x{code:08X}");
            e
        };
        let e = check(0x8024_4022, "WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL");
        assert!(e.message.contains("503"));
        assert_eq!(
            check(0xC190_0200, "MOSETUP_E_COMPAT_SYSREQ_BLOCK").component,
            Component::WindowsSetup
        );
        check(0x8024_0016, "WU_E_INSTALL_NOT_ALLOWED");
        check(0x8024_2017, "WU_E_UH_NEW_SERVICING_STACK_REQUIRED");
        check(0x8024_401B, "WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ");
        check(0x8007_0BC9, "ERROR_FAIL_REBOOT_REQUIRED");
        check(0x800F_081F, "CBS_E_SOURCE_MISSING");
        check(0x80D0_5001, "DO_E_HTTP_BLOCKSIZE_MISMATCH");
        check(0x8024_A10A, "USO_E_SERVICE_SHUTTING_DOWN");
        assert_eq!(
            lookup(0x8024_A10A).map(|e| e.component),
            Some(Component::UpdateOrchestrator)
        );

        let invalid_format = check(0x8024_0439, "WU_E_PT_INVALID_FORMAT");
        assert!(invalid_format.meaning.contains("WU_E_NOT_INITIALIZED"));

        // Dropped by the reference: not confirmed anywhere.
        assert_eq!(lookup(0x8024_A105), None);

        // The two concrete codes of the 0x80248xxx family, remedy inferred.
        for code in [0x8024_8007, 0x8024_800F] {
            let e = lookup(code).expect("data store code present");
            assert!(e.name.starts_with("WU_E_DS_"));
            assert!(e.inferred_remedy);
        }
        // Remedies the reference marks "(inferred)".
        for code in [
            0x8024_001F,
            0x8024_0025,
            0x8024_0438,
            0x8007_045B,
            0x800B_0101,
        ] {
            assert!(
                lookup(code).is_some_and(|e| e.inferred_remedy),
                "0x{code:08X}"
            );
        }
    }

    #[test]
    fn every_code_named_in_the_reference_tables_is_present() {
        let table_5a = [
            0x8024_000B,
            0x8024_000E,
            0x8024_0016,
            0x8024_0017,
            0x8024_001E,
            0x8024_001F,
            0x8024_0020,
            0x8024_0022,
            0x8024_0024,
            0x8024_0025,
            0x8024_002E,
            0x8024_0034,
            0x8024_0438,
            0x8024_0439,
            0x8024_0FFF,
            0x8024_2006,
            0x8024_200B,
            0x8024_200D,
            0x8024_2014,
            0x8024_2016,
            0x8024_2017,
            0x8024_4007,
            0x8024_4017,
            0x8024_4018,
            0x8024_4019,
            0x8024_401B,
            0x8024_401C,
            0x8024_401F,
            0x8024_4022,
            0x8024_402C,
            0x8024_402F,
            0x8024_6007,
            0x8024_6008,
            0x8024_6017,
            0x8024_A000,
            0x8024_A004,
            0x8024_A10A,
            0x8024_D009,
            0x8024_8007,
            0x8024_800F,
        ];
        let table_5b = [
            0x8007_0002,
            0x8007_0003,
            0x8007_0005,
            0x8007_000D,
            0x8007_000E,
            0x8007_0020,
            0x8007_0070,
            0x8007_0422,
            0x8007_0426,
            0x8007_045B,
            0x8007_0490,
            0x8007_05AA,
            0x8007_05B4,
            0x8007_0643,
            0x8007_06BE,
            0x8007_06D9,
            0x8007_0BC9,
            0x8007_3701,
            0x8007_3712,
            0x8007_371B,
            0x8007_2EE2,
            0x8007_2EFD,
            0x8007_2EFE,
            0x8007_2F8F,
            0x800B_0101,
            0x800F_081F,
            0x800F_0821,
            0x800F_0825,
            0x800F_0831,
            0x800F_0920,
            0x800F_0922,
            0x8019_0001,
            0x8020_0053,
            0x80D0_2002,
            0x80D0_5001,
            0xC190_0101,
            0xC190_0107,
            0xC190_0200,
            0xC190_0202,
            0xC190_0208,
            0xC190_020E,
        ];
        assert_eq!(table_5a.len(), 40);
        assert_eq!(table_5b.len(), 41);
        for code in table_5a.into_iter().chain(table_5b) {
            assert!(lookup(code).is_some(), "0x{code:08X} missing");
        }
    }

    #[test]
    fn component_labels_are_distinct() {
        let all_components = [
            Component::ServiceControlManager,
            Component::WindowsUpdateAgent,
            Component::UpdateOrchestrator,
            Component::Network,
            Component::Bits,
            Component::DeliveryOptimization,
            Component::ServicingStack,
            Component::WindowsSetup,
            Component::Win32,
        ];
        let mut labels: Vec<&str> = all_components.iter().map(|c| c.label()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), all_components.len());
        assert_eq!(Component::Bits.to_string(), Component::Bits.label());
    }
}
