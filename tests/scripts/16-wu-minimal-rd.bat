@echo off
REM wusim-scenario: download-cache-corrupt
REM wusim-style: the XP-era "minimal agent reset" still copied today: stop the services, sleep with the old ping trick, DELETE SoftwareDistribution with rd /s /q instead of renaming it (wusim scores that as harmful; it still fixes the PC), wuauclt detectnow
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
echo Stopping Automatic Updates...
net stop wuauserv
net stop bits
rem wait 2 seconds (old trick: ping localhost)
ping -n 3 127.0.0.1 >nul
echo Deleting the update cache...
rd /s /q %systemroot%\SoftwareDistribution
echo Starting Automatic Updates...
net start bits
net start wuauserv
wuauclt /resetauthorization /detectnow
echo Finished.
