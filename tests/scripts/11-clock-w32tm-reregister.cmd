@echo off
REM wusim-scenario: clock-wrong
REM wusim-style: the classic forum "fix Windows Time" batch: stop, unregister and register W32Time, start it, point it at time.windows.com, then resync with /force
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
title Fix Windows Time
echo Re-registering the Windows Time service...
net stop w32time
w32tm /unregister
w32tm /register
net start w32time
echo.
echo Setting the time source...
w32tm /config /syncfromflags:manual /manualpeerlist:"time.windows.com,0x9" /update
echo.
echo Forcing a resync (also when the clock is far off)...
w32tm /resync /force
echo.
w32tm /query /status
echo.
echo Date and time now:
date /t
time /t
