@echo off
REM wusim-scenario: datastore-corrupt
REM wusim-style: the big "Windows Update AIO reset" batch from tech forums: banner, admin check, stop and kill, qmgr files, takeown and icacls, renames, sc sdset, default start types, regsvr32 in a for loop, Winsock and WinHTTP, bitsadmin, wuauclt, UsoClient
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
title Windows Update AIO Reset v3.2
color 1f
cls
echo ==========================================================
echo   WINDOWS UPDATE AIO RESET  -  run as Administrator
echo ==========================================================
echo.
net session >nul 2>&1
if %errorlevel% neq 0 (
    echo ERROR: This script must be run as Administrator.
    pause
    exit /b 1
)
ver
echo.
echo Current BITS jobs:
bitsadmin /list /allusers
echo Current wuauserv security descriptor:
sc sdshow wuauserv

echo Step 1: Stopping services...
for %%s in (bits wuauserv appidsvc cryptsvc msiserver) do net stop %%s /y >nul 2>&1
taskkill /f /fi "services eq wuauserv" >nul 2>&1
taskkill /f /fi "services eq bits" >nul 2>&1
timeout /t 3 /nobreak >nul

echo Step 2: Deleting BITS queue files...
del /q /f "%ALLUSERSPROFILE%\Microsoft\Network\Downloader\qmgr*.dat" 2>nul
del /q /f "%ALLUSERSPROFILE%\Application Data\Microsoft\Network\Downloader\qmgr*.dat" 2>nul
del /f /q %windir%\WindowsUpdate.log 2>nul

echo Step 3: Taking ownership and renaming folders...
attrib -r -s -h %windir%\SoftwareDistribution
takeown /f %windir%\SoftwareDistribution /r /d y >nul 2>&1
icacls %windir%\SoftwareDistribution /grant administrators:F /t >nul 2>&1
if exist %windir%\SoftwareDistribution.bak rd /s /q %windir%\SoftwareDistribution.bak
ren %windir%\SoftwareDistribution SoftwareDistribution.bak
if exist %windir%\System32\catroot2.bak rd /s /q %windir%\System32\catroot2.bak
ren %windir%\System32\catroot2 catroot2.bak

echo Step 4: Resetting service security descriptors...
sc sdset bits D:(A;;CCLCSWRPWPDTLOCRRC;;;SY)(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;BA)(A;;CCLCSWLOCRRC;;;AU)(A;;CCLCSWRPWPDTLOCRRC;;;PU)
sc sdset wuauserv D:(A;;CCLCSWRPWPDTLOCRRC;;;SY)(A;;CCDCLCSWRPWPDTLOCRSDRCWDWO;;;BA)(A;;CCLCSWLOCRRC;;;AU)(A;;CCLCSWRPWPDTLOCRRC;;;PU)

echo Step 5: Restoring default start types...
sc config wuauserv start= demand
sc config bits start= demand
sc config cryptsvc start= auto
sc config msiserver start= demand

echo Step 6: Re-registering DLLs...
cd /d %windir%\system32
for %%d in (atl.dll urlmon.dll mshtml.dll shdocvw.dll browseui.dll jscript.dll vbscript.dll scrrun.dll msxml.dll msxml3.dll msxml6.dll actxprxy.dll softpub.dll wintrust.dll dssenh.dll rsaenh.dll gpkcsp.dll sccbase.dll slbcsp.dll cryptdlg.dll oleaut32.dll ole32.dll shell32.dll initpki.dll wuapi.dll wuaueng.dll wuaueng1.dll wucltui.dll wups.dll wups2.dll wuweb.dll qmgr.dll qmgrprxy.dll wucltux.dll muweb.dll wuwebv.dll) do regsvr32 /s %%d

echo Step 7: Resetting network...
netsh winsock reset
netsh winhttp reset proxy

echo Step 8: Starting services...
for %%s in (cryptsvc msiserver appidsvc bits wuauserv) do net start %%s
bitsadmin /reset /allusers
wuauclt /resetauthorization /detectnow
UsoClient StartScan

echo.
echo ==========================================================
echo   Done. Restart the computer to finish the Winsock reset.
echo ==========================================================
pause
