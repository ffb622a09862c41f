@echo off
REM wusim-scenario: bits-hung
REM wusim-style: sysadmin forum answer for a service stuck in STOP_PENDING: try net stop, poll with a for /l loop, then take the PID from sc queryex with for /f and end it with taskkill /f /pid, start BITS clean and rescan
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
setlocal enabledelayedexpansion
echo BITS before:
sc queryex bits

rem give a service that is still starting a moment
timeout /t 5 /nobreak >nul
net stop bits

for /l %%i in (1,1,6) do (
    sc query bits | find "STOPPED" >nul && goto stopped
    echo Check %%i: BITS has not stopped yet...
    timeout /t 5 /nobreak >nul
)

echo BITS is hung in STOP_PENDING. Ending its process...
set BITSPID=
for /f "tokens=3" %%p in ('sc queryex bits ^| findstr /i "PID"') do set BITSPID=%%p
if not defined BITSPID goto stopped
if "!BITSPID!"=="0" goto stopped
taskkill /f /pid !BITSPID!
timeout /t 3 /nobreak >nul

:stopped
net start bits
sc query bits | findstr STATE
echo.
echo Retrying Windows Update...
UsoClient StartScan
endlocal
