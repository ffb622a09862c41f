@echo off
REM wusim-scenario: wrong-proxy
REM wusim-style: the "fix my internet" network reset batch passed around forums and video descriptions: Winsock, TCP/IP, WinHTTP proxy, DNS cache, DHCP lease, a ping test, then a restart
REM wusim-after: settings check
REM wusim-after: wait 1h
REM wusim-after: shutdown /r /t 0
title Network Reset Tool
color 0a
cls
echo ###############################################
echo #        NETWORK RESET - run as admin         #
echo ###############################################
echo.
net session >nul 2>&1 || (echo Please right-click and Run as administrator. & pause & exit /b 1)

echo [1/6] Resetting Winsock catalog...
netsh winsock reset
echo [2/6] Resetting TCP/IP stack...
netsh int ip reset
echo [3/6] Resetting WinHTTP proxy...
netsh winhttp reset proxy
echo [4/6] Flushing DNS...
ipconfig /flushdns
echo [5/6] Renewing IP address...
ipconfig /release >nul
ipconfig /renew >nul
echo [6/6] Testing...
ping -n 1 www.microsoft.com >nul && echo Internet OK || echo No reply from www.microsoft.com
echo.
echo Done. Restart the PC to finish the Winsock and TCP/IP reset.
pause
