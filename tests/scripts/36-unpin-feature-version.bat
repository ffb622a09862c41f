@echo off
REM wusim-scenario: pinned-feature-version
REM wusim-style: admin's "release the version pin" batch: reads TargetReleaseVersionInfo with for /f, deletes the three pin values when one is set, then scans
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
REM wusim-after: settings install-feature
REM wusim-after: wait 3h
REM wusim-after: shutdown /r /t 0
set K=HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate
set PIN=
for /f "tokens=3" %%a in ('reg query %K% /v TargetReleaseVersionInfo 2^>nul ^| find "REG_SZ"') do set PIN=%%a
if not defined PIN (
  echo This PC is not pinned to a feature version.
  exit /b 0
)
echo Pinned to %PIN%: releasing the pin.
reg delete %K% /v TargetReleaseVersion /f
reg delete %K% /v TargetReleaseVersionInfo /f
reg delete %K% /v ProductVersion /f
UsoClient StartScan
