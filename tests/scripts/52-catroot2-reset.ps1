# wusim-scenario: catroot2-corrupt
# wusim-style: short help-desk KB script for 0x80242006: stop Cryptographic Services and its dependents with -Force, rename catroot2 with -PassThru to log the new folder, start CryptSvc again and verify
# wusim-after: settings check
# wusim-after: wait 1h
# wusim-after: shutdown /r /t 0
Stop-Service -Name CryptSvc -Force
$folder = Rename-Item -Path C:\Windows\System32\catroot2 -NewName catroot2.old -PassThru
Start-Service -Name CryptSvc
if ((Get-Service CryptSvc).Status -eq 'Running' -and (Test-Path C:\Windows\System32\catroot2.old)) {
    Write-Host 'catroot2 reset'
}
