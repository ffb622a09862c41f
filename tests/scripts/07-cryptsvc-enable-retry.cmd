@echo off
REM wusim-scenario: cryptsvc-disabled
REM wusim-style: technician script for 0x80242006 after a "services tweak": CryptSvc back to Automatic, then a net start retry loop with set /a and delayed expansion until sc query says RUNNING
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
setlocal enabledelayedexpansion
set /a attempt=0

echo Cryptographic Services before:
sc qc cryptsvc | findstr /i "START_TYPE"
sc query cryptsvc | findstr /i "STATE"

rem CryptSvc starts at boot on every Windows 10/11 PC: Automatic, "auto" for sc
sc config cryptsvc start= auto
if !errorlevel! neq 0 (
    echo sc config failed with error !errorlevel!
    net helpmsg !errorlevel!
    goto end
)

:retry
set /a attempt+=1
net start cryptsvc >nul 2>&1
sc query cryptsvc | find "RUNNING" >nul
if !errorlevel! equ 0 goto started
if !attempt! lss 6 (
    echo CryptSvc is not running yet, attempt !attempt! - waiting 5 seconds...
    timeout /t 5 /nobreak >nul
    goto retry
)
echo CryptSvc would not start. Check the System event log.
goto end

:started
echo Cryptographic Services is running again:
sc qc cryptsvc | findstr /i "START_TYPE"
sc query cryptsvc | findstr /i "STATE"

:end
endlocal
