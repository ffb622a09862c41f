# wusim-scenario: windows-update-disabled
# wusim-style: forum answer for 0x80070422 in PowerShell: read the service into a variable, put the start type back if Disabled, start it with -ErrorAction Stop, show the result
# wusim-after: settings check
# wusim-after: wait 1h
# wusim-after: shutdown /r /t 0
$svc = Get-Service -Name wuauserv
Write-Host "Windows Update is $($svc.Status), start type $($svc.StartType)"
if ($svc.StartType -eq 'Disabled') {
    Set-Service -Name wuauserv -StartupType Manual
    Write-Host "Start type set back to Manual"
}
Start-Service -Name wuauserv -ErrorAction Stop
Get-Service wuauserv | Select-Object Name, Status, StartType
