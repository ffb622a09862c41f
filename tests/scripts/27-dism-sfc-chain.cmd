@echo off
REM wusim-scenario: component-store-corrupt
REM wusim-style: the two commands every forum thread about 0x80073712 ends with, chained with a double ampersand so sfc only runs after a good DISM; the restart is left to the technician
REM wusim-after: shutdown /r /t 0
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
DISM.exe /Online /Cleanup-image /Restorehealth && sfc /scannow
