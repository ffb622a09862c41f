@echo off
rem Reset Windows Update's data store and download cache, the documented way:
rem stop the services that hold the folder, rename it, start them again.
net stop wuauserv
net stop bits

rem A backup from an earlier run would block the rename: remove it first.
if exist "%windir%\SoftwareDistribution.old" rd /s /q "%windir%\SoftwareDistribution.old"
ren "%windir%\SoftwareDistribution" SoftwareDistribution.old || goto :failed

net start bits
net start wuauserv
echo Done. Now press Check for updates in Settings.
exit /b 0

:failed
echo The rename failed: is a service still holding the folder?
net start bits
net start wuauserv
exit /b 1
