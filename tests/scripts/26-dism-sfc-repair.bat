@echo off
REM wusim-scenario: component-store-corrupt
REM wusim-style: Microsoft KB 947821 (fix Windows Update errors with DISM) as a logged help-desk script saved from Notepad (CRLF): CheckHealth, RestoreHealth with an errorlevel check, sfc /scannow, then restart
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
title DISM + SFC repair
net session >nul 2>&1
if %errorlevel% neq 0 (echo Run as administrator & pause & exit /b 1)
set "LOG=%TEMP%\dism-sfc.log"
echo %date% %time% DISM/SFC repair started >> "%LOG%"

echo [1/3] Checking the component store...
DISM /Online /Cleanup-Image /CheckHealth

echo [2/3] Repairing the component store from Windows Update (15-20 minutes)...
DISM /Online /Cleanup-Image /RestoreHealth
if %errorlevel% neq 0 (
    echo DISM failed with error %errorlevel%. See C:\Windows\Logs\DISM\dism.log
    echo %date% %time% DISM RestoreHealth FAILED %errorlevel% >> "%LOG%"
    pause
    exit /b 1
)
echo %date% %time% DISM RestoreHealth OK >> "%LOG%"

echo [3/3] Checking system files against the repaired store...
sfc /scannow
echo %date% %time% sfc finished >> "%LOG%"

echo.
echo Repair finished. The PC restarts now so the update can install again.
shutdown /r /t 0
