@echo off
REM wusim-scenario: catroot2-corrupt
REM wusim-style: short help-desk KB script for 0x80242006 when CryptSvc is running fine: reset only catroot2 (stop CryptSvc with /y, drop an old backup, rename, start, verify with find and the conditional operators)
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
echo Cryptographic Services:
sc query cryptsvc | findstr STATE
sc qc cryptsvc | findstr START_TYPE
echo.
net stop cryptsvc /y
if exist %windir%\System32\catroot2.old rd /s /q %windir%\System32\catroot2.old
ren %windir%\System32\catroot2 catroot2.old && echo catroot2 renamed to catroot2.old
net start cryptsvc
sc query cryptsvc | find "RUNNING" >nul && echo CryptSvc is running again. || echo WARNING: CryptSvc did not start!
if exist %windir%\System32\catroot2.old echo The old catalog database is kept in catroot2.old.
