@echo off
REM wusim-scenario: leftover-wsus
REM wusim-style: cautious one-page script: only touches the registry when UseWUServer is really set (reg query + errorlevel), exports a backup first, deletes the whole policy key, then gpupdate /force to show nothing comes back
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
setlocal
set KEY=HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate
reg query "%KEY%\AU" /v UseWUServer >nul 2>&1
if errorlevel 1 (
  echo No WSUS policy found, nothing to do.
  goto :eof
)
for /f "tokens=3" %%v in ('reg query "%KEY%" /v WUServer ^| findstr /i WUServer') do set SERVER=%%v
echo This PC is pointed at %SERVER%
reg export "%KEY%" "%USERPROFILE%\Desktop\wu-policy-backup.reg" /y
reg delete "%KEY%" /f
gpupdate /force
reg query "%KEY%" >nul 2>&1 && echo The policy came back: a domain still applies it. || echo The policy is gone.
endlocal
