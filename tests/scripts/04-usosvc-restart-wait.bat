@echo off
REM wusim-scenario: orchestrator-stuck
REM wusim-style: sysadmin blog "restart the Update Orchestrator properly": sc stop, a :wait loop on sc query piped to find STOPPED with a counter, sc start, then UsoClient StartScan
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
setlocal
title Restart Update Orchestrator Service
set SVC=UsoSvc
set TRIES=0

echo Update Orchestrator now:
sc query %SVC% | findstr STATE
echo Stopping %SVC% ...
sc stop %SVC% >nul

:wait
sc query %SVC% | find "STOPPED" >nul
if not errorlevel 1 goto stopped
set /a TRIES+=1
if %TRIES% GEQ 15 (
    echo %SVC% did not stop within 30 seconds. Restart the PC instead.
    exit /b 1
)
timeout /t 2 /nobreak >nul
goto wait

:stopped
echo %SVC% stopped after %TRIES% check(s). Starting it again...
sc start %SVC% >nul
timeout /t 5 /nobreak >nul
sc query %SVC% | findstr STATE

echo Asking the fresh Orchestrator for a scan...
UsoClient StartScan
echo Done. Settings should show "Checking for updates" shortly.
endlocal
