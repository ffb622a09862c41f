@echo off
REM wusim-scenario: disk-full
REM wusim-style: terse Super User answer: silent Disk Cleanup with verylowdisk, then UsoClient ScanInstallWait to scan, download and install in one go
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
fsutil volume diskfree c: | findstr /i "free"
cleanmgr /verylowdisk & UsoClient ScanInstallWait
fsutil volume diskfree c: | findstr /i "free"
