# wusim-scenario: orchestrator-stopped
# wusim-style: help article "restart both services" as a PowerShell function with param() and a switch, called for each service name
# wusim-after: settings check
# wusim-after: wait 7h
function Reset-UpdateService {
    param([string]$Name, [switch]$Restart)
    $s = Get-Service -Name $Name
    if ($s.Status -ne 'Running') {
        Start-Service -Name $Name
        return "$Name started"
    }
    if ($Restart) {
        Restart-Service -Name $Name -Force
        return "$Name restarted"
    }
    "$Name already running"
}
Reset-UpdateService -Name UsoSvc
Reset-UpdateService wuauserv -Restart
