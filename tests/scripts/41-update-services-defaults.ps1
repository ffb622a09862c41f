# wusim-scenario: windows-update-disabled
# wusim-style: help-desk script with a hashtable of Windows' default start types: foreach over the update services, reset only the Disabled ones, sc.exe for the delayed start that Set-Service 5.1 cannot set, then start what must run
# wusim-after: settings check
# wusim-after: wait 1h
# wusim-after: shutdown /r /t 0
$defaults = @{
    wuauserv = 'Manual'
    BITS     = 'Manual'
    CryptSvc = 'Automatic'
}
foreach ($name in $defaults.Keys) {
    $service = Get-Service -Name $name
    if ($service.StartType -eq 'Disabled') {
        Set-Service -Name $name -StartupType $defaults[$name]
        Write-Host "$name was Disabled, now $($defaults[$name])"
    } else {
        Write-Host "$name is $($service.StartType): left alone"
    }
}
# Set-Service in Windows PowerShell 5.1 has no delayed start: sc.exe does it.
if ((Get-Service UsoSvc).StartType -eq 'Disabled') {
    sc.exe config UsoSvc start= delayed-auto | Out-Null
}
Start-Service wuauserv, CryptSvc
Get-Service wuauserv, BITS, CryptSvc, UsoSvc | Format-Table -AutoSize
