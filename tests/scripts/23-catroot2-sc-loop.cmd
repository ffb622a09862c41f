@echo off
REM wusim-scenario: catroot2-corrupt
REM wusim-style: r/techsupport-style catalog reset with sc (which returns at once) instead of net: sc stop, a :waitstop loop with a counter, rename to a random-suffixed name, sc start, a :waitstart loop until RUNNING
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
setlocal
set /a tries=0
echo Stopping Cryptographic Services...
sc stop cryptsvc

:waitstop
sc query cryptsvc | find "STOPPED" >nul
if %errorlevel% equ 0 goto renamecat
set /a tries+=1
if %tries% gtr 20 goto fail
timeout /t 1 /nobreak >nul
goto waitstop

:renamecat
set "BAK=catroot2.%random%"
ren %windir%\System32\catroot2 %BAK%
if errorlevel 1 goto fail
echo catroot2 renamed to %BAK%.
set /a tries=0
sc start cryptsvc

:waitstart
sc query cryptsvc | find "RUNNING" >nul
if %errorlevel% equ 0 goto done
set /a tries+=1
if %tries% gtr 20 goto fail
timeout /t 1 /nobreak >nul
goto waitstart

:fail
echo Something went wrong. CryptSvc now:
sc query cryptsvc
sc start cryptsvc >nul 2>&1
endlocal
exit /b 1

:done
echo Cryptographic Services is running with a fresh catroot2.
endlocal
exit /b 0
