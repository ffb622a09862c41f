@echo off
REM wusim-scenario: wrong-proxy
REM wusim-style: Microsoft Q and A answer for 0x8024402C ("Windows Update uses the WinHTTP proxy, not the browser's"): show and save the proxy, reset it to direct, flush DNS, test name resolution
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
echo ============================================
echo  0x8024402C - reset the WinHTTP proxy
echo ============================================
echo.
echo Current WinHTTP proxy (a copy goes to %TEMP%\winhttp-before.txt):
netsh winhttp show proxy
netsh winhttp show proxy > "%TEMP%\winhttp-before.txt"

netsh winhttp show proxy | find /i "Direct access" >nul
if %errorlevel% equ 0 (
    echo WinHTTP already goes direct - nothing to reset.
) else (
    echo Resetting WinHTTP to direct access...
    netsh winhttp reset proxy
)
ipconfig /flushdns
echo.
echo Testing name resolution of the update service:
nslookup update.microsoft.com
ping -n 2 www.microsoft.com
echo.
echo If this office really needs a proxy, use instead:
echo     netsh winhttp import proxy source=ie
pause
