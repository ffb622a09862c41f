//! Windows PowerShell 5.1's default aliases: the names that reach a cmdlet under another
//! name. The trap for cmd users is kept: `sc` is `Set-Content` (`sc.exe` is the program),
//! `where` is `Where-Object`, `start` is `Start-Process`.

/// `(alias, cmdlet)`, lower-case aliases.
const ALIASES: &[(&str, &str)] = &[
    ("%", "ForEach-Object"),
    ("?", "Where-Object"),
    ("ac", "Add-Content"),
    ("cat", "Get-Content"),
    ("cd", "Set-Location"),
    ("chdir", "Set-Location"),
    ("clear", "Clear-Host"),
    ("cls", "Clear-Host"),
    ("copy", "Copy-Item"),
    ("cp", "Copy-Item"),
    ("cpi", "Copy-Item"),
    ("del", "Remove-Item"),
    ("dir", "Get-ChildItem"),
    ("echo", "Write-Output"),
    ("erase", "Remove-Item"),
    ("fl", "Format-List"),
    ("foreach", "ForEach-Object"),
    ("ft", "Format-Table"),
    ("gc", "Get-Content"),
    ("gci", "Get-ChildItem"),
    ("gcim", "Get-CimInstance"),
    ("gcm", "Get-Command"),
    ("gdr", "Get-PSDrive"),
    ("gi", "Get-Item"),
    ("gl", "Get-Location"),
    ("gm", "Get-Member"),
    ("gp", "Get-ItemProperty"),
    ("gps", "Get-Process"),
    ("gpv", "Get-ItemPropertyValue"),
    ("gsv", "Get-Service"),
    ("gwmi", "Get-WmiObject"),
    ("h", "Get-History"),
    ("help", "Get-Help"),
    ("iex", "Invoke-Expression"),
    ("kill", "Stop-Process"),
    ("ls", "Get-ChildItem"),
    ("man", "Get-Help"),
    ("measure", "Measure-Object"),
    ("mi", "Move-Item"),
    ("move", "Move-Item"),
    ("mv", "Move-Item"),
    ("ni", "New-Item"),
    ("ps", "Get-Process"),
    ("pwd", "Get-Location"),
    ("rd", "Remove-Item"),
    ("ren", "Rename-Item"),
    ("ri", "Remove-Item"),
    ("rm", "Remove-Item"),
    ("rmdir", "Remove-Item"),
    ("rni", "Rename-Item"),
    ("rp", "Remove-ItemProperty"),
    ("saps", "Start-Process"),
    ("sasv", "Start-Service"),
    ("sc", "Set-Content"),
    ("select", "Select-Object"),
    ("sl", "Set-Location"),
    ("sleep", "Start-Sleep"),
    ("sls", "Select-String"),
    ("sort", "Sort-Object"),
    ("sp", "Set-ItemProperty"),
    ("spps", "Stop-Process"),
    ("spsv", "Stop-Service"),
    ("start", "Start-Process"),
    ("tnc", "Test-NetConnection"),
    ("type", "Get-Content"),
    ("where", "Where-Object"),
    ("write", "Write-Output"),
];

/// The cmdlet an alias names.
pub(crate) fn resolve(lower: &str) -> Option<&'static str> {
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map(|(_, cmdlet)| *cmdlet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sc_trap_and_cmd_names_resolve_like_windows() {
        assert_eq!(resolve("sc"), Some("Set-Content"));
        assert_eq!(resolve("sc.exe"), None);
        assert_eq!(resolve("dir"), Some("Get-ChildItem"));
        assert_eq!(resolve("%"), Some("ForEach-Object"));
        let mut names: Vec<&str> = ALIASES.iter().map(|(a, _)| *a).collect();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count, "an alias is declared twice");
        assert!(
            ALIASES.windows(2).all(|w| w[0].0 < w[1].0),
            "keep the list sorted"
        );
    }
}
