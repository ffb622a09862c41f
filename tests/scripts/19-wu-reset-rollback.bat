@echo off
REM wusim-scenario: crash-loop
REM wusim-style: MSP technician script that resets SoftwareDistribution AND catroot2 and puts SoftwareDistribution.old back if the catroot2 rename fails, so a PC is never left half-reset; net stop with /y, ren followed by a conditional goto
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
setlocal
set SD=%windir%\SoftwareDistribution
set CR=%windir%\System32\catroot2
title Windows Update reset (0x8024001E)

echo Stopping services...
net stop wuauserv /y
net stop bits /y
net stop cryptsvc /y
rem make sure no leftover process keeps the folder open
taskkill /f /fi "services eq wuauserv" >nul 2>&1

if exist "%SD%.old" rd /s /q "%SD%.old"
if exist "%CR%.old" rd /s /q "%CR%.old"

ren "%SD%" SoftwareDistribution.old || goto :sdfailed
ren "%CR%" catroot2.old || goto :rollback
echo Both folders renamed.
goto :startsvc

:rollback
echo catroot2 could not be renamed - putting SoftwareDistribution back.
ren "%SD%.old" SoftwareDistribution
goto :startsvc

:sdfailed
echo SoftwareDistribution could not be renamed - nothing was changed.

:startsvc
net start cryptsvc
net start bits
net start wuauserv
sc query wuauserv | findstr STATE
endlocal
