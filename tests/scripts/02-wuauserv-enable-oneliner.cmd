@echo off
REM wusim-scenario: windows-update-disabled
REM wusim-style: a forum answer for 0x80070422 saved as a .cmd: "set Windows Update back to Manual and start it", one line chained with the conditional operators (double ampersand, double pipe)
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
sc qc wuauserv | findstr START_TYPE
sc config wuauserv start= demand && net start wuauserv || echo Could not start Windows Update - look at sc qc wuauserv
