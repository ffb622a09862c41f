# wusim-scenario: orchestrator-stuck
# wusim-style: sysadmin blog "restart the Update Orchestrator properly", PowerShell edition: Restart-Service -Force -Verbose, a short Start-Sleep, check the status, then ask for a scan
# wusim-after: wait 1h
# wusim-after: shutdown /r /t 0
Restart-Service -Name UsoSvc -Force -Verbose
Start-Sleep -Seconds 5
$status = (Get-Service -Name UsoSvc).Status
if ($status -ne 'Running') {
    Write-Warning "UsoSvc is $status"
    exit 1
}
UsoClient StartScan
Write-Output "Orchestrator restarted, scan requested."
