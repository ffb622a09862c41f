@echo off
REM wusim-scenario: crash-loop
REM wusim-style: "safe to run again" script from a help-desk wiki: removes the .old folder an earlier run left (a second ren would fail with A duplicate file name exists), reads net stop answers by merging stderr into a pipe to find, waits with for /l, renames from inside the Windows folder
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
setlocal
echo Windows Update keeps crashing (0x8024001E) - resetting its data store.
echo.

rem 1. Old backup from a previous run
if exist "%windir%\SoftwareDistribution.old" (
    echo Removing SoftwareDistribution.old from an earlier reset...
    rd /s /q "%windir%\SoftwareDistribution.old"
)

rem 2. Stop the services that hold the folder
net stop wuauserv 2>&1 | find /i "not started" >nul && echo wuauserv was not running.
net stop bits 2>&1 | find /i "not started" >nul && echo BITS was not running.

rem 3. Wait until both are really stopped, at most 20 seconds each
for %%s in (wuauserv bits) do (
    for /l %%i in (1,1,10) do (
        sc query %%s | find "STOPPED" >nul || timeout /t 2 /nobreak >nul
    )
)

rem 4. Rename from inside the Windows folder
cd /d %windir%
ren SoftwareDistribution SoftwareDistribution.old
if errorlevel 1 (
    echo Rename failed. Something is still using SoftwareDistribution:
    tasklist /svc /fi "services eq wuauserv"
    goto startservices
)
echo SoftwareDistribution renamed. Windows builds a new one when the service starts.

:startservices
net start bits
net start wuauserv
cd /d %windir%\system32
endlocal
