@echo off
REM wusim-scenario: leftover-wsus
REM wusim-style: help-desk "remove WSUS settings" batch: shows what is configured, deletes the WSUS values one by one with reg delete /f, sets UseWUServer to 0, restarts the Windows Update service
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
set WU=HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate
echo Current Windows Update policy:
reg query "%WU%" /s
echo.
echo Removing the intranet update server...
reg delete "%WU%" /v WUServer /f
reg delete "%WU%" /v WUStatusServer /f
reg delete "%WU%" /v DoNotConnectToWindowsUpdateInternetLocations /f >nul 2>&1
reg add "%WU%\AU" /v UseWUServer /t REG_DWORD /d 0 /f
net stop wuauserv
net start wuauserv
echo Done. Check for updates in Settings.
