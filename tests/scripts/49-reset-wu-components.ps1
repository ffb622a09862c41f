# wusim-scenario: download-cache-corrupt
# wusim-style: the common "Reset Windows Update components" PowerShell script: services in an array, Stop-Service -Force with SilentlyContinue, Rename-Item of SoftwareDistribution and catroot2 with $env:windir, Start-Service the array again
# wusim-after: settings check
# wusim-after: wait 1h
# wusim-after: shutdown /r /t 0
$services = 'wuauserv', 'bits', 'cryptsvc', 'appidsvc'
Write-Host "Stopping services..."
Stop-Service -Name $services -Force -ErrorAction SilentlyContinue
Write-Host "Renaming the folders..."
Rename-Item -Path "$env:windir\SoftwareDistribution" -NewName SoftwareDistribution.old -ErrorAction Stop
Rename-Item -Path "$env:windir\System32\catroot2" -NewName catroot2.old -ErrorAction Stop
Write-Host "Starting services..."
Start-Service -Name $services
Write-Host "Done. Check for updates again."
