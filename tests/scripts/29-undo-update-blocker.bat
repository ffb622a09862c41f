@echo off
REM wusim-scenario: capstone-update-blocker
REM wusim-style: GitHub gist "enable-windows-update.bat" for undoing update-blocker tools: shows the start types, resets the update database, clears the dead WinHTTP proxy, puts every update service back on its Windows default with for loops, starts them, refreshes the Orchestrator
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
setlocal enabledelayedexpansion
title Re-enable Windows Update
net session >nul 2>&1
if %errorlevel% neq 0 (echo Run as administrator & pause & exit /b 1)

echo --- Services as the blocker left them ---
for %%s in (wuauserv UsoSvc BITS DoSvc WaaSMedicSvc) do (
    for /f "tokens=3,4" %%a in ('sc qc %%s ^| findstr START_TYPE') do echo   %%s: %%b
)

echo --- Stopping services ---
for %%s in (wuauserv bits) do net stop %%s >nul 2>&1

echo --- Resetting the update database ---
if exist %windir%\SoftwareDistribution.old rd /s /q %windir%\SoftwareDistribution.old
ren %windir%\SoftwareDistribution SoftwareDistribution.old
if !errorlevel! neq 0 echo   rename failed, continuing anyway

echo --- Removing the dead WinHTTP proxy ---
netsh winhttp reset proxy

echo --- Restoring Windows default start types ---
rem Manual = demand, Automatic (Delayed Start) = delayed-auto
for %%s in (wuauserv bits) do sc config %%s start= demand
for %%s in (UsoSvc DoSvc) do sc config %%s start= delayed-auto

echo --- Starting services ---
for %%s in (bits wuauserv UsoSvc DoSvc) do (
    net start %%s >nul 2>&1
    if errorlevel 1 (echo   %%s: could not start) else (echo   %%s: started)
)
UsoClient RefreshSettings
UsoClient ResumeUpdate
echo.
echo Done. Opening Windows Update...
start ms-settings:windowsupdate
endlocal
