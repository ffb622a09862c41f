# wusim-scenario: crash-loop
# wusim-style: Microsoft's 0x8024001E advice as a PowerShell script: stop the Orchestrator first so it cannot restart Windows Update mid-reset, drop an old backup with Test-Path and Remove-Item, rename, start everything again
# wusim-after: settings check
# wusim-after: wait 1h
# wusim-after: shutdown /r /t 0
Stop-Service -Name UsoSvc -Force
Stop-Service -Name wuauserv, bits -Force
$old = "$env:SystemRoot\SoftwareDistribution.old"
if (Test-Path $old) {
    Remove-Item -Path $old -Recurse -Force
}
Rename-Item -Path "$env:SystemRoot\SoftwareDistribution" -NewName 'SoftwareDistribution.old'
Start-Service -Name bits, wuauserv, UsoSvc
Get-Service UsoSvc, wuauserv, bits
