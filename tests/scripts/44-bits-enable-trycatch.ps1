# wusim-scenario: bits-disabled
# wusim-style: help-desk KB for 0x80246008 in PowerShell: try to start BITS with -ErrorAction Stop, and in the catch block put the start type back to Manual and start it again
# wusim-after: settings check
# wusim-after: wait 1h
# wusim-after: shutdown /r /t 0
try {
    Start-Service -Name BITS -ErrorAction Stop
    Write-Host "BITS started"
}
catch {
    Write-Warning "BITS would not start: $($_.Exception.Message)"
    Set-Service -Name BITS -StartupType Manual
    Start-Service -Name BITS
}
finally {
    Get-Service BITS | Select-Object Name, Status, StartType | Format-List
}
