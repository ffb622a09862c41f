@echo off
REM wusim-scenario: download-cache-corrupt
REM wusim-style: the one-line reset from a Reddit comment ("paste this into an admin command prompt"), chained with single ampersands
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
net stop wuauserv & net stop bits & ren %windir%\SoftwareDistribution SoftwareDistribution.old & net start bits & net start wuauserv
