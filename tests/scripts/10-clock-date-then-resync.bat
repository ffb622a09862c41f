@echo off
REM wusim-scenario: clock-wrong
REM wusim-style: help-desk checklist for certificate errors after a CMOS battery change: set the date by hand first (w32tm refuses a jump of a year), then let Windows Time fine-tune the clock
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
echo The clock says:
date /t
time /t
echo.
rem w32tm will not move the clock by a year on its own:
rem "The computer did not resync because the required time change was too big."
rem so put the date right by hand first, US format mm-dd-yyyy.
date 06-10-2025
echo.
echo Starting Windows Time and syncing with time.windows.com...
net start w32time 2>nul
w32tm /resync
if errorlevel 1 (
    echo Resync failed, trying again in 10 seconds...
    timeout /t 10 /nobreak >nul
    w32tm /resync
)
w32tm /query /status
echo.
echo The clock now says:
date /t
time /t
