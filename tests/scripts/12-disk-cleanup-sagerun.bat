@echo off
REM wusim-scenario: disk-full
REM wusim-style: help-desk "low disk space before Patch Tuesday" script: free-space report, empty the temp folders, Disk Cleanup through sageset then sagerun, component store cleanup, report again
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
setlocal
title Free disk space for Windows Update
net session >nul 2>&1
if %errorlevel% neq 0 (echo Run as administrator & pause & exit /b 1)

echo Free space BEFORE:
fsutil volume diskfree c:
echo.

echo Emptying the user temp folder...
del /q /f /s "%TEMP%\*" >nul 2>&1
for /d %%d in ("%TEMP%\*") do rd /s /q "%%d" 2>nul

echo Emptying C:\Windows\Temp...
del /q /f /s "%windir%\Temp\*" >nul 2>&1
for /d %%d in ("%windir%\Temp\*") do rd /s /q "%%d" 2>nul

echo Removing the leftovers of an old upgrade attempt...
if exist "C:\$WINDOWS.~BT" (
    takeown /f "C:\$WINDOWS.~BT" /r /d y >nul 2>&1
    icacls "C:\$WINDOWS.~BT" /grant administrators:F /t >nul 2>&1
    rd /s /q "C:\$WINDOWS.~BT"
)

echo Running Disk Cleanup (set 11: temporary files, Windows Update cleanup, recycle bin)...
rem sageset only opens the settings dialog and saves the choice; sagerun does the cleaning
cleanmgr /sageset:11
cleanmgr /sagerun:11

echo Cleaning up superseded components...
DISM /Online /Cleanup-Image /StartComponentCleanup

echo.
echo Free space AFTER:
fsutil volume diskfree c:
endlocal
