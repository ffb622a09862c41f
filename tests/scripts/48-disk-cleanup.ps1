# wusim-scenario: disk-full
# wusim-style: "low disk space before Patch Tuesday" in PowerShell: report free space with Get-Volume, empty the temp folders with Remove-Item -Recurse -Force -ErrorAction SilentlyContinue, run Disk Cleanup, report again
# wusim-after: settings check
# wusim-after: wait 1h
# wusim-after: shutdown /r /t 0
$before = (Get-Volume -DriveLetter C).SizeRemaining
Remove-Item -Path "$env:TEMP\*" -Recurse -Force -ErrorAction SilentlyContinue
Remove-Item -Path "$env:windir\Temp\*" -Recurse -Force -ErrorAction SilentlyContinue
cleanmgr /verylowdisk
$after = (Get-Volume -DriveLetter C).SizeRemaining
Write-Host ("Freed {0} MB" -f [math]::Round(($after - $before) / 1MB))
