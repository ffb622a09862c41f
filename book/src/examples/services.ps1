# Put the update services back on Windows' defaults, then start what must run.
$defaults = [ordered]@{
    wuauserv = 'demand'; bits = 'demand'; cryptsvc = 'auto'
    usosvc = 'delayed-auto'; trustedinstaller = 'demand'; dosvc = 'delayed-auto'
}
foreach ($name in $defaults.Keys) {
    sc.exe config $name start= $($defaults[$name]) | Out-Null
}
foreach ($name in 'cryptsvc', 'usosvc') {
    if ((Get-Service $name).Status -ne 'Running') { Start-Service $name }
}
