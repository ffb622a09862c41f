# wusim-scenario: bits-hung
# wusim-style: "if it will not stop, restart" in PowerShell: Stop-Service -Force with SilentlyContinue, a while loop with a counter and Start-Sleep, and Restart-Computer -Force when BITS is still not stopped
# wusim-after: settings check
# wusim-after: wait 1h
# wusim-after: shutdown /r /t 0
Stop-Service -Name BITS -Force -ErrorAction SilentlyContinue
$waited = 0
while ((Get-Service BITS).Status -ne 'Stopped' -and $waited -lt 30) {
    Start-Sleep -Seconds 5
    $waited += 5
}
if ((Get-Service BITS).Status -ne 'Stopped') {
    Write-Warning "BITS is still $((Get-Service BITS).Status) after $waited seconds: restarting"
    Restart-Computer -Force
}
