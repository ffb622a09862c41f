@echo off
REM wusim-scenario: tuning-script-policies
REM wusim-style: forum "undo the Windows Update disabler" batch: services back to their Windows defaults with sc config, every policy value the disablers write deleted by name in a for loop, status printed at the end
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
setlocal enabledelayedexpansion
echo [1/3] Services
sc config wuauserv start= demand
sc config UsoSvc start= delayed-auto
sc config bits start= demand
echo [2/3] Policies
set P=HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate
for %%v in (DisableWindowsUpdateAccess SetDisableUXWUAccess SetDisablePauseUXAccess WUServer WUStatusServer DoNotConnectToWindowsUpdateInternetLocations) do (
  reg delete "%P%" /v %%v /f >nul 2>&1
  if !errorlevel! equ 0 (echo   removed %%v) else (echo   %%v was not set)
)
for %%v in (NoAutoUpdate UseWUServer AUOptions) do (
  reg delete "%P%\AU" /v %%v /f >nul 2>&1 && echo   removed AU\%%v
)
echo [3/3] Status
sc qc wuauserv | findstr START_TYPE
sc qc UsoSvc | findstr START_TYPE
reg query "%P%" /s
endlocal
