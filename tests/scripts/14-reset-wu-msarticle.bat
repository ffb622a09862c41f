@echo off
REM wusim-scenario: download-cache-corrupt
REM wusim-style: the Microsoft Learn "reset Windows Update components manually" steps pasted one after the other into a .bat in Notepad (CRLF): stop services, delete qmgr*.dat, rename the folders, re-register the DLLs, reset Winsock, start services
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
:: 1. Stop the BITS service, the Windows Update service and the Cryptographic service.
net stop bits
net stop wuauserv
net stop appidsvc
net stop cryptsvc

:: 2. Delete the qmgr*.dat files.
Del "%ALLUSERSPROFILE%\Application Data\Microsoft\Network\Downloader\qmgr*.dat"

:: 3. Rename the software distribution folders backup copies.
Ren %systemroot%\SoftwareDistribution SoftwareDistribution.bak
Ren %systemroot%\system32\catroot2 catroot2.bak

:: 4. Go to the System32 folder.
cd /d %windir%\system32

:: 5. Reregister the BITS files and the Windows Update related dll files.
regsvr32.exe /s atl.dll
regsvr32.exe /s urlmon.dll
regsvr32.exe /s mshtml.dll
regsvr32.exe /s shdocvw.dll
regsvr32.exe /s browseui.dll
regsvr32.exe /s jscript.dll
regsvr32.exe /s vbscript.dll
regsvr32.exe /s scrrun.dll
regsvr32.exe /s msxml.dll
regsvr32.exe /s msxml3.dll
regsvr32.exe /s msxml6.dll
regsvr32.exe /s actxprxy.dll
regsvr32.exe /s softpub.dll
regsvr32.exe /s wintrust.dll
regsvr32.exe /s dssenh.dll
regsvr32.exe /s rsaenh.dll
regsvr32.exe /s gpkcsp.dll
regsvr32.exe /s sccbase.dll
regsvr32.exe /s slbcsp.dll
regsvr32.exe /s cryptdlg.dll
regsvr32.exe /s oleaut32.dll
regsvr32.exe /s ole32.dll
regsvr32.exe /s shell32.dll
regsvr32.exe /s initpki.dll
regsvr32.exe /s wuapi.dll
regsvr32.exe /s wuaueng.dll
regsvr32.exe /s wuaueng1.dll
regsvr32.exe /s wucltui.dll
regsvr32.exe /s wups.dll
regsvr32.exe /s wups2.dll
regsvr32.exe /s wuweb.dll
regsvr32.exe /s qmgr.dll
regsvr32.exe /s qmgrprxy.dll
regsvr32.exe /s wucltux.dll
regsvr32.exe /s muweb.dll
regsvr32.exe /s wuwebv.dll

:: 6. Reset Winsock.
netsh winsock reset

:: 7. Restart the BITS service, the Windows Update service and the Cryptographic service.
net start bits
net start wuauserv
net start appidsvc
net start cryptsvc

:: 8. Restart the computer.
