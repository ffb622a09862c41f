# wusim-scenario: wrong-proxy
# wusim-style: Microsoft Q and A answer for 0x8024402C run from PowerShell: capture netsh's output in a variable, reset the WinHTTP proxy when one is set, then test the connection to the update servers with Test-NetConnection
# wusim-after: settings check
# wusim-after: wait 1h
# wusim-after: shutdown /r /t 0
$proxy = netsh winhttp show proxy
if ($proxy -match 'Proxy Server') {
    Write-Host "A WinHTTP proxy is set:"
    $proxy | Select-String 'Proxy Server'
    netsh winhttp reset proxy
}
ipconfig /flushdns | Out-Null
$test = Test-NetConnection -ComputerName download.windowsupdate.com -Port 443
Write-Host "TCP 443 reachable: $($test.TcpTestSucceeded)"
