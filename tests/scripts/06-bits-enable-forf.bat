@echo off
REM wusim-scenario: bits-disabled
REM wusim-style: help-desk KB for 0x80246008 turned into a script: reads the BITS start type and state with for /f, puts back the Windows default (Manual, demand for sc), logs before and after, opens Settings
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
title Fix 0x80246008 - BITS
color 1f
net session >nul 2>&1
if %errorlevel% neq 0 (echo Run as administrator & pause & exit /b 1)

set "LOG=%TEMP%\bits-fix.log"
echo [%date% %time%] BITS fix started >> "%LOG%"

for /f "tokens=4" %%a in ('sc qc bits ^| findstr START_TYPE') do set BITS_START=%%a
for /f "tokens=4" %%a in ('sc query bits ^| findstr STATE') do set BITS_STATE=%%a
echo BITS start type: %BITS_START%
echo BITS state     : %BITS_STATE%
echo [%date% %time%] before: %BITS_START% / %BITS_STATE% >> "%LOG%"

if /i "%BITS_START%"=="DISABLED" (
    echo BITS is disabled. Restoring the Windows default start type: Manual...
    cmd /c sc config bits start= demand
)
if /i not "%BITS_STATE%"=="RUNNING" net start bits

for /f "tokens=4" %%a in ('sc qc bits ^| findstr START_TYPE') do set BITS_START=%%a
echo [%date% %time%] after: %BITS_START% >> "%LOG%"
echo.
echo BITS is now %BITS_START%. Press any key to open Windows Update settings.
pause
start ms-settings:windowsupdate
