# wusim-scenario: clock-wrong
# wusim-style: help-desk checklist for certificate errors after a CMOS battery change: compare Get-Date with the real date, start Windows Time, force a resync and check $LASTEXITCODE
# wusim-after: settings check
# wusim-after: wait 1h
# wusim-after: shutdown /r /t 0
$now = Get-Date
Write-Host "The PC thinks it is $($now.Year)"
if ((Get-Service W32Time).Status -ne 'Running') {
    Start-Service W32Time
}
w32tm /resync /force
if ($LASTEXITCODE -ne 0) {
    Write-Warning "w32tm failed with $LASTEXITCODE"
}
Get-Date -Format "yyyy-MM-dd HH:mm"
