# wusim-scenario: restart-pending
# wusim-style: RMM "pending reboot" check: Test-Path on the RebootRequired registry key, Write-Warning, then Restart-Computer -Force
# wusim-after: wait 1h
# wusim-after: shutdown /r /t 0
$key = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\WindowsUpdate\Auto Update\RebootRequired'
if (Test-Path -Path $key) {
    Write-Warning 'A restart is pending for Windows Update: restarting now.'
    Restart-Computer -Force
} else {
    Write-Host 'No restart pending.'
}
