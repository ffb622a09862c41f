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

rem 2. Reset the components: stop the services (the Orchestrator too: a restart clears one
rem    that runs but does no work), rename the folders, start them again.
for %%s in (usosvc wuauserv bits cryptsvc) do call :stop %%s
if exist "%windir%\SoftwareDistribution.old" rd /s /q "%windir%\SoftwareDistribution.old"
if exist "%windir%\System32\catroot2.old" rd /s /q "%windir%\System32\catroot2.old"
ren "%windir%\SoftwareDistribution" SoftwareDistribution.old
ren "%windir%\System32\catroot2" catroot2.old
for %%s in (cryptsvc bits wuauserv usosvc) do net start %%s >nul 2>&1

rem 3. A proxy that does not answer: back to direct access.
netsh winhttp show proxy | find /i "Direct access" >nul || netsh winhttp reset proxy

rem 4. The clock: Windows Time started, then a resync.
net start w32time >nul 2>&1
w32tm /resync /force >nul

rem 5. Room for the update, and the component store repaired from Windows Update.
cleanmgr /verylowdisk
DISM /Online /Cleanup-Image /RestoreHealth >nul
echo Done. Restart the PC, then press Check for updates in Settings.
exit /b 0

:stop
rem A service hung in Stop Pending never stops by itself: end its process.
net stop %1 /y >nul 2>&1
sc query %1 | find "STOPPED" >nul && exit /b 0
for /f "tokens=3" %%p in ('sc queryex %1 ^| find "PID"') do taskkill /f /pid %%p >nul 2>&1
exit /b 0
