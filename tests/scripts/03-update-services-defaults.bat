@echo off
REM wusim-scenario: windows-update-disabled
REM wusim-style: menu-less help-desk script with subroutines: checks the four update services, puts any DISABLED one back on its Windows default start type, starts what must run, logs
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
setlocal
title Windows Update service check
net session >nul 2>&1
if %errorlevel% neq 0 (echo Run as administrator & pause & exit /b 1)

set "LOG=%TEMP%\wu-services.log"
echo %date% %time% service check on %COMPUTERNAME% >> "%LOG%"

echo.
systeminfo | findstr /B /C:"OS Name" /C:"OS Version"
echo.
echo Checking start types (Windows defaults):
echo   wuauserv = Manual, BITS = Manual, CryptSvc = Automatic,
echo   UsoSvc = Automatic (Delayed Start)
echo.
call :setdefault wuauserv demand
call :setdefault bits demand
call :setdefault cryptsvc auto
call :setdefault usosvc delayed-auto

echo.
echo Starting services:
call :startsvc wuauserv
call :startsvc bits
call :startsvc cryptsvc
call :startsvc usosvc

echo.
echo Done. Log: %LOG%
endlocal
exit /b 0

:setdefault
rem %1 = service name, %2 = value for sc config start=
set "SVC=%~1"
set "CUR="
for /f "tokens=3" %%t in ('sc qc %SVC% ^| findstr START_TYPE') do set "CUR=%%t"
if "%CUR%"=="4" (
    echo   %SVC% is DISABLED - setting start= %~2
    sc config %SVC% start= %~2 >nul
    echo %date% %time% %SVC% was disabled, set to %~2 >> "%LOG%"
) else (
    echo   %SVC% start type OK [%CUR%]
)
goto :eof

:startsvc
sc query %~1 | find "RUNNING" >nul
if errorlevel 1 (
    net start %~1 >nul 2>&1
    if errorlevel 1 (echo   could not start %~1) else (echo   %~1 started)
) else (
    echo   %~1 already running
)
goto :eof
