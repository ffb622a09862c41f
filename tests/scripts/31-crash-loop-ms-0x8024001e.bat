@echo off
REM wusim-scenario: crash-loop
REM wusim-style: Microsoft's 0x8024001E article as a technician reads it: the three update services (Orchestrator first, so it cannot restart Windows Update mid-reset), then rename SoftwareDistribution, using the long command names rmdir and rename
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
title 0x8024001E - Windows Update stops during the scan
echo Recovery settings of Windows Update (it restarts after each crash):
sc qfailure wuauserv
echo.
echo Stopping Update Orchestrator, Windows Update and BITS...
net stop usosvc
net stop wuauserv
net stop bits
if exist %SystemRoot%\SoftwareDistribution.old rmdir /s /q %SystemRoot%\SoftwareDistribution.old
rename %SystemRoot%\SoftwareDistribution SoftwareDistribution.old
if errorlevel 1 echo Could not rename SoftwareDistribution - run the script again.
echo Starting them again...
net start bits
net start wuauserv
net start usosvc
sc query usosvc | findstr STATE
