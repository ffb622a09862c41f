@echo off
REM wusim-scenario: scan-stuck
REM wusim-style: r/sysadmin reply "restarting UsoSvc does nothing, restart wuauserv itself": waits while the service is pending, retries the stop with a set /a counter and delayed expansion, then triggers a scan
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
setlocal enabledelayedexpansion
set RETRIES=0

echo === Windows Update service (wuauserv) ===
sc queryex wuauserv
tasklist /svc /fi "services eq wuauserv"

:pending
rem never send a stop while the service is still starting or stopping
sc query wuauserv | find "PENDING" >nul
if %errorlevel%==0 (
    set /a RETRIES+=1
    if !RETRIES! GTR 10 goto giveup
    echo wuauserv is in a pending state, waiting...
    timeout /t 3 /nobreak >nul
    goto pending
)
set RETRIES=0

:stop
sc query wuauserv | find "STOPPED" >nul && goto stopped
net stop wuauserv
sc query wuauserv | find "STOPPED" >nul && goto stopped
set /a RETRIES+=1
if !RETRIES! GEQ 5 goto giveup
echo Retry !RETRIES! of 5 ...
timeout /t 5 /nobreak >nul
goto stop

:stopped
echo wuauserv is stopped. Starting it again...
net start wuauserv
timeout /t 2 /nobreak >nul
echo Starting a new scan (same as the Check for updates button)...
UsoClient StartInteractiveScan
endlocal
exit /b 0

:giveup
echo wuauserv will not stop - restart the PC instead.
endlocal
exit /b 1
