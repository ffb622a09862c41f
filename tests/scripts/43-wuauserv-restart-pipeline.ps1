# wusim-scenario: scan-stuck
# wusim-style: r/sysadmin one-liner for a scan that never ends: pipe the service into Restart-Service -Force -PassThru and format the result, then trigger an interactive scan
# wusim-after: settings check
# wusim-after: wait 1h
# wusim-after: shutdown /r /t 0
Get-Service -Name wuauserv | Restart-Service -Force -PassThru | Format-Table Name, Status -AutoSize
UsoClient StartInteractiveScan
