@echo off
REM wusim-scenario: restart-pending
REM wusim-style: help-desk wiki page "Restart required that never goes away" turned into a script: show build and services, cancel any scheduled shutdown, log, restart now
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
title Finish pending Windows Update restart
rem ------------------------------------------------------------------
rem  KB-0117  "Restart required" for weeks
rem  An update that waits for a restart blocks every new install
rem  (0x80240016). Nothing but the restart itself fixes it.
rem  Make sure the user has saved their work first!
rem ------------------------------------------------------------------

net session >nul 2>&1
if %errorlevel% neq 0 (echo Run as administrator & pause & exit /b 1)

set LOG=%TEMP%\restart-pending.log
echo %date% %time% - restart-pending script started on %COMPUTERNAME% >> "%LOG%"

echo.
echo Current build:
ver
echo Windows Update services:
sc query wuauserv | findstr STATE
sc query usosvc | findstr STATE
echo.

echo Cancelling any shutdown that is already scheduled...
shutdown /a >nul 2>&1

echo.
echo The PC restarts NOW to finish the pending update.
echo After sign-in Windows Update checks again by itself.
echo %date% %time% - restarting >> "%LOG%"
timeout /t 10 /nobreak
shutdown /r /t 0
