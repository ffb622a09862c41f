@echo off
REM wusim-scenario: capstone-laptop-from-drawer
REM wusim-style: IT handover checklist for a laptop that sat in a drawer, as one script: check the network first, fix the clock with w32tm /resync /force, repair the component store with DISM and sfc, restart to finish the old pending update
REM wusim-before: network connect
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
title Prepare laptop for handover
setlocal
set "LOG=%TEMP%\laptop-prep.log"
echo %date% %time% prep started on %COMPUTERNAME% >> "%LOG%"

echo ==== 1. Network ====
ping -n 2 www.microsoft.com >nul
if errorlevel 1 (
    echo No network. Plug in the network cable and run this script again.
    ipconfig
    pause
    exit /b 1
)
echo Network OK.

echo ==== 2. Clock ====
rem The CMOS battery was flat and the clock is a year behind. w32tm refuses
rem such a jump ("the required time change was too big"); /force skips that check.
net start w32time 2>nul
w32tm /resync /force
date /t
echo %date% %time% clock synced >> "%LOG%"

echo ==== 3. Component store ====
DISM /Online /Cleanup-Image /RestoreHealth
sfc /scannow
echo %date% %time% DISM and sfc done >> "%LOG%"

echo ==== 4. Restart ====
echo An old update is still waiting for a restart. Restarting now.
echo %date% %time% restarting >> "%LOG%"
shutdown /r /t 0
