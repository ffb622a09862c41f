@echo off
REM wusim-scenario: catroot2-corrupt
REM wusim-style: internal help-desk "WU-Reset.cmd" built from subroutines: call :stopsvc (waits until STOPPED), call :backup per folder, call :startsvc, call :log, an error counter and an exit code
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
setlocal enabledelayedexpansion
set "LOG=%TEMP%\wu-reset.log"
set ERRORS=0

net session >nul 2>&1
if %errorlevel% neq 0 (echo Run as administrator & pause & exit /b 1)

call :log "=== WU reset started on %COMPUTERNAME% ==="
call :stopsvc wuauserv
call :stopsvc bits
call :stopsvc cryptsvc
call :backup "%windir%\SoftwareDistribution" SoftwareDistribution
call :backup "%windir%\System32\catroot2" catroot2
call :startsvc cryptsvc
call :startsvc bits
call :startsvc wuauserv
call :log "=== WU reset finished, %ERRORS% error(s) ==="
echo.
echo Finished with %ERRORS% error(s). Log: %LOG%
endlocal & exit /b %ERRORS%

:stopsvc
set /a n=0
sc query %1 | find "STOPPED" >nul && (call :log "%1 already stopped" & goto :eof)
net stop %1 /y >nul 2>&1
:stopwait
sc query %1 | find "STOPPED" >nul && (call :log "%1 stopped" & goto :eof)
set /a n+=1
if !n! geq 10 (
    call :log "%1 did not stop"
    set /a ERRORS+=1
    goto :eof
)
timeout /t 2 /nobreak >nul
goto stopwait

:backup
rem %1 = full path, %2 = folder name
if exist "%~1.old" rd /s /q "%~1.old"
ren "%~1" %2.old
if errorlevel 1 (
    call :log "could not rename %~1"
    set /a ERRORS+=1
) else (
    call :log "renamed %~1 to %2.old"
)
goto :eof

:startsvc
net start %1 >nul 2>&1
sc query %1 | find "RUNNING" >nul
if errorlevel 1 (
    call :log "%1 is not running after net start"
    set /a ERRORS+=1
) else (
    call :log "%1 running"
)
goto :eof

:log
echo %date% %time% %~1
echo %date% %time% %~1 >> "%LOG%"
goto :eof
