@echo off
REM "Fix Windows Update" as the forums post it: stop, delete, force Automatic, start.
net stop wuauserv
net stop bits
rd /s /q %windir%\SoftwareDistribution
sc config wuauserv start= auto
sc config bits start= auto
net start bits
net start wuauserv
