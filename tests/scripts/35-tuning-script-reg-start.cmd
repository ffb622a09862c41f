@echo off
REM wusim-scenario: tuning-script-policies
REM wusim-style: registry-only fix seen in forum answers: writes the services' Start values with reg add (which the SCM reads at the next boot, so it restarts before checking), then deletes the policy key
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
reg add "HKLM\SYSTEM\CurrentControlSet\Services\wuauserv" /v Start /t REG_DWORD /d 3 /f
reg add "HKLM\SYSTEM\CurrentControlSet\Services\UsoSvc" /v Start /t REG_DWORD /d 2 /f
reg add "HKLM\SYSTEM\CurrentControlSet\Services\UsoSvc" /v DelayedAutostart /t REG_DWORD /d 1 /f
reg delete "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate" /f
echo The start types apply after a restart.
shutdown /r /t 0
