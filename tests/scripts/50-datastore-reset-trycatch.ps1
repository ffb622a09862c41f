# wusim-scenario: datastore-corrupt
# wusim-style: MSP script with try/catch/finally: a Get-Date -Format timestamp in the new folder name, the services stopped in a foreach, a catch that writes the error, a finally that always starts the services again
# wusim-after: settings check
# wusim-after: wait 1h
# wusim-after: shutdown /r /t 0
$ErrorActionPreference = 'Stop'
$stamp = Get-Date -Format 'yyyyMMdd-HHmm'
$names = @('wuauserv', 'bits')
try {
    foreach ($name in $names) {
        Stop-Service -Name $name -Force
        Write-Host "Stopped $name"
    }
    Rename-Item -Path C:\Windows\SoftwareDistribution -NewName "SoftwareDistribution.$stamp"
    Write-Host "SoftwareDistribution renamed to SoftwareDistribution.$stamp"
}
catch {
    Write-Error "Reset failed: $_"
}
finally {
    foreach ($name in $names) {
        Start-Service -Name $name
    }
}
