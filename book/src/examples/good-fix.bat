@echo off
rem Repair Windows Update the way Microsoft documents it, and leave Windows as it ships:
rem default start types, folders renamed (never deleted), nothing forced on.

rem 1. The update services back on their default start types.
sc config wuauserv start= demand >nul
sc config bits start= demand >nul
sc config cryptsvc start= auto >nul
sc config usosvc start= delayed-auto >nul
sc config trustedinstaller start= demand >nul
sc config dosvc start= delayed-auto >nul

rem 2. Reset the components: stop the services, rename the folders, start them again.
net stop wuauserv >nul 2>&1
net stop bits >nul 2>&1
net stop cryptsvc /y >nul 2>&1
if exist "%windir%\SoftwareDistribution.old" rd /s /q "%windir%\SoftwareDistribution.old"
if exist "%windir%\System32\catroot2.old" rd /s /q "%windir%\System32\catroot2.old"
ren "%windir%\SoftwareDistribution" SoftwareDistribution.old
ren "%windir%\System32\catroot2" catroot2.old
net start cryptsvc >nul 2>&1
net start bits >nul 2>&1
net start wuauserv >nul 2>&1
net start usosvc >nul 2>&1

rem 3. A proxy that does not answer: back to direct access.
netsh winhttp show proxy | find /i "Direct access" >nul || netsh winhttp reset proxy

rem 4. The clock: Windows Time started, then a resync.
net start w32time >nul 2>&1
w32tm /resync /force >nul

rem 5. Room for the update: Disk Cleanup's low-disk mode.
cleanmgr /verylowdisk

rem 6. The component store, repaired from Windows Update.
DISM /Online /Cleanup-Image /RestoreHealth >nul
echo Done. Restart the PC, then press Check for updates in Settings.
exit /b 0
