@echo off
REM wusim-scenario: datastore-corrupt
REM wusim-style: remote-support script that runs quietly, counts failed steps with set /a after each failing step (double pipe), keeps a log folder under TEMP, copies the log to the user's Desktop for the ticket and pages it with more
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
setlocal
set FAILS=0
set "LOGDIR=%TEMP%\wu-reset"
if not exist "%LOGDIR%" md "%LOGDIR%"
set "LOG=%LOGDIR%\wu-reset.log"
echo %date% %time% start > "%LOG%"
echo Before: >> "%LOG%"
dir "%windir%\SoftwareDistribution" >> "%LOG%" 2>&1
net start | find /i "Windows Update" >> "%LOG%"

net stop wuauserv >nul 2>&1
net stop bits >nul 2>&1
sc query wuauserv | find "STOPPED" >nul || set /a FAILS+=1
sc query bits | find "STOPPED" >nul || set /a FAILS+=1
ren "%windir%\SoftwareDistribution" SoftwareDistribution.old >> "%LOG%" 2>&1 || set /a FAILS+=1
net start bits >nul 2>&1 || set /a FAILS+=1
net start wuauserv >nul 2>&1 || set /a FAILS+=1

echo %date% %time% done, %FAILS% failed step(s) >> "%LOG%"
copy /y "%LOG%" "%USERPROFILE%\Desktop\wu-reset.log" >nul
type "%LOG%" | more
if %FAILS% GTR 0 (echo %FAILS% step^(s^) failed - see wu-reset.log on the Desktop.) else (echo All steps succeeded.)
endlocal & exit /b %FAILS%
