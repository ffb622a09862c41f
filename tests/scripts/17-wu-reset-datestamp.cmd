@echo off
REM wusim-scenario: datastore-corrupt
REM wusim-style: GitHub gist "wu-reset.cmd" that keeps every backup: renames SoftwareDistribution with a yyyymmdd stamp cut out of the date variable, works from the Windows folder with pushd and popd, lists older backups with for /d, logs each step with date and time
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
setlocal
set "STAMP=%date:~-4%%date:~4,2%%date:~7,2%"
set "LOG=%TEMP%\wu-reset.log"
echo.>> "%LOG%"
echo %date% %time% ===== wu-reset %STAMP% on %COMPUTERNAME% ===== >> "%LOG%"

for %%s in (wuauserv bits) do (
    echo Stopping %%s...
    net stop %%s >nul 2>&1
    if errorlevel 1 (echo %date% %time% %%s was not running >> "%LOG%") else (echo %date% %time% %%s stopped >> "%LOG%")
)

pushd %windir%
echo Renaming SoftwareDistribution to SoftwareDistribution.%STAMP%
ren SoftwareDistribution SoftwareDistribution.%STAMP%
if errorlevel 1 (
    echo Rename failed - is something still using the folder?
    echo %date% %time% rename FAILED >> "%LOG%"
    popd
    goto startservices
)
echo %date% %time% renamed to SoftwareDistribution.%STAMP% >> "%LOG%"
echo Backups in %windir%:
for /d %%d in (SoftwareDistribution.*) do echo   %%d
popd

:startservices
for %%s in (bits wuauserv) do net start %%s
echo %date% %time% services started >> "%LOG%"
echo.
type "%LOG%"
endlocal
