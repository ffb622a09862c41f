//! No line can make the shell panic: random text, and random sequences of words drawn from
//! the commands it knows, run against a fresh PC.

use proptest::prelude::*;
use wusim::pc::Pc;
use wusim::shell::Shell;

/// Words the shell reacts to, and some it should survive.
#[rustfmt::skip]
const VOCABULARY: &[&str] = &[
    "sc", "sc.exe", "query", "queryex", "qc", "start", "stop", "config", "start=",
    "start=disabled", "disabled", "demand", "auto", "delayed-auto", "boot", "state=", "all",
    "net", "net.exe", "/y", "helpmsg", "2182", "Get-Service", "Start-Service", "Stop-Service",
    "Restart-Service", "Set-Service", "-Name", "-Force", "-StartupType", "-DisplayName",
    "-PassThru", "-Status", "Automatic", "Manual", "Running", "Stopped", "Get-HotFix",
    "Get-WinEvent", "-LogName", "System", "Setup", "-MaxEvents", "0", "-1", "5",
    "Get-WindowsUpdateLog", "Restart-Computer", "Rename-Item", "Remove-Item", "-Recurse",
    "Get-Help", "services.msc", "restart", "UsoClient", "StartScan", "StartDownload",
    "StartInstall", "RestartDevice", "ResumeUpdate", "settings", "check", "pause", "resume",
    "active-hours", "8-17", "0-255", "23-0", "25-3", "troubleshoot", "install-feature",
    "download", "ren", "rename", "rd", "rmdir", "del", "/s", "/q",
    "%windir%\\SoftwareDistribution", "C:\\Windows\\System32\\catroot2",
    "SoftwareDistribution.old", "DISM", "/Online", "/Cleanup-Image", "/RestoreHealth",
    "/ScanHealth", "/CheckHealth", "sfc", "/scannow", "netsh", "winhttp", "show", "reset",
    "proxy", "w32tm", "/resync", "cleanmgr", "shutdown", "/r", "/t", "/a", "ipconfig",
    "network", "connect", "taskkill", "/f", "/pid", "winver", "ver", "echo", "%errorlevel%",
    "help", "wait", "30s", "2h", "time", "explain", "0x80070422", "wuauserv", "UsoSvc", "bits",
    "cryptsvc", "AppIDSvc", "W32Time", "WaaSMedicSvc", "rpcss", "wu*", "*",
    "\"Windows Update\"", "'", "\"", "|", "findstr", "PID", "/?", "Y", "n", "-", "--", "é",
    "\u{0}",
];

/// Beginnings of real commands, so that random arguments reach the code behind them.
#[rustfmt::skip]
const PREFIXES: &[&str] = &[
    "sc query", "sc config wuauserv start=", "sc stop", "net start", "net stop", "net helpmsg",
    "Get-Service", "Stop-Service -Force", "Set-Service wuauserv -StartupType",
    "Get-WinEvent System -MaxEvents", "Get-HotFix -Id", "Rename-Item", "Remove-Item",
    "services.msc restart", "settings active-hours", "settings pause", "wait", "explain",
    "taskkill /f /pid", "ren", "rd /s /q", "del", "DISM /Online /Cleanup-Image", "echo",
    "help", "UsoClient",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(VOCABULARY).prop_map(str::to_string),
        1 => "[0-9]{1,25}",
        1 => "-?[a-zA-Z0-9%*?:.\\/=-]{1,12}",
    ]
}

fn token_line() -> impl Strategy<Value = String> {
    proptest::collection::vec(word(), 0..8).prop_map(|w| w.join(" "))
}

fn prefixed_line() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(PREFIXES),
        proptest::collection::vec(word(), 0..4),
    )
        .prop_map(|(prefix, rest)| format!("{prefix} {}", rest.join(" ")))
}

fn any_line() -> impl Strategy<Value = String> {
    prop_oneof![3 => prefixed_line(), 3 => token_line(), 1 => ".{0,60}", 1 => "[ -~]{0,60}"]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Whatever is typed, `execute` returns, and a non-empty reply that is not a question ends
    /// with a newline.
    #[test]
    fn no_line_panics(lines in proptest::collection::vec(any_line(), 1..6)) {
        let mut pc = Pc::builder().seed(1).build();
        let mut shell = Shell::new(&pc);
        for line in &lines {
            let reply = shell.execute(&mut pc, line);
            if !reply.text.is_empty() && !shell.awaiting_answer() {
                prop_assert!(reply.text.ends_with('\n'), "{line:?} -> {:?}", reply.text);
            }
        }
    }
}

/// PowerShell's words, operators and punctuation, to reach every corner of its parser and
/// interpreter.
#[rustfmt::skip]
const PS_VOCABULARY: &[&str] = &[
    "Get-Service", "Stop-Service", "Start-Service", "Restart-Service", "Set-Service",
    "Where-Object", "ForEach-Object", "Select-Object", "Sort-Object", "Measure-Object",
    "Format-List", "Format-Table", "Out-Null", "Out-String", "Write-Host", "Write-Output",
    "Get-ItemProperty", "Set-ItemProperty", "New-Item", "Remove-Item", "Rename-Item",
    "Test-Path", "Get-ChildItem", "Start-Sleep", "Get-Date", "Get-CimInstance", "sc", "sc.exe",
    "%", "?", "|", ";", "{", "}", "(", ")", "@(", "@{", "$(", "[", "]", "[int]", "[math]::Round",
    "$_", "$x", "$x.Status", "$env:windir", "$?", "$LASTEXITCODE", "$null", "$true", "=", "+=",
    "++", "-eq", "-ne", "-like", "-match", "-not", "!", "-and", "-or", "-f", "..", ",", "+", "-",
    "*", "/", "%", "'a'", "\"b $x\"", "\"$($x)\"", "if", "else", "elseif", "foreach", "in",
    "while", "do", "until", "for", "try", "catch", "finally", "throw", "break", "continue",
    "return", "exit", "function", "param", "-Name", "-Force", "-ErrorAction", "Stop",
    "SilentlyContinue", "-WhatIf", "-Verbose", "-Confirm:$false", "-PassThru", "wuauserv",
    "bits", "wu*", "HKLM:\\SOFTWARE\\Policies", "C:\\Windows\\SoftwareDistribution", "1", "0",
    "-1", "1GB", "0x10", "`", "#", "<#", "#>", "&", "&&", "||", "2>$null", ">", ">>", "--%",
    "@\"\n", "\n\"@", "\n", "é", "\u{0}",
];

fn ps_line() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::collection::vec(
            prop_oneof![
                6 => proptest::sample::select(PS_VOCABULARY).prop_map(str::to_string),
                1 => "[a-zA-Z0-9$_.:-]{1,10}",
            ],
            0..12,
        )
        .prop_map(|w| w.join(" ")),
        1 => "[ -~]{0,80}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_500))]

    /// Whatever is typed at the PowerShell prompt, `execute` returns (no panic, no hang).
    #[test]
    fn no_powershell_line_panics(lines in proptest::collection::vec(ps_line(), 1..6)) {
        let mut pc = Pc::builder().seed(1).build();
        let mut shell = Shell::new_powershell(&pc);
        for line in &lines {
            let _ = shell.execute(&mut pc, line);
        }
    }
}
