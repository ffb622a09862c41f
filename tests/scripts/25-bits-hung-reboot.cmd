@echo off
REM wusim-scenario: bits-hung
REM wusim-style: help-desk rule of thumb as a script, "if a service will not stop, restart the PC": reads the BITS STATE with for /f tokens=4 after a stop attempt and reboots when it is stuck
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
setlocal
set BITSSTATE=UNKNOWN
echo Stopping BITS...
net stop bits /y
timeout /t 15 /nobreak >nul
for /f "tokens=4" %%s in ('sc query bits ^| findstr STATE') do set BITSSTATE=%%s
echo BITS is %BITSSTATE%

if /i "%BITSSTATE%"=="STOPPED" goto restartbits

echo BITS is stuck in %BITSSTATE% and no longer answers the Service Control Manager.
echo Restarting the PC - Windows Update picks the download up again after sign-in.
shutdown /r /t 0
endlocal
goto :eof

:restartbits
net start bits
UsoClient StartScan
endlocal
