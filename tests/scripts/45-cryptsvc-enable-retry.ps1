# wusim-scenario: cryptsvc-disabled
# wusim-style: script with a retry loop: set Cryptographic Services back to Automatic, then try to start it up to three times with a for loop, Start-Sleep between attempts and break on success
# wusim-after: settings check
# wusim-after: wait 1h
# wusim-after: shutdown /r /t 0
Set-Service -Name CryptSvc -StartupType Automatic
for ($attempt = 1; $attempt -le 3; $attempt++) {
    Start-Service -Name CryptSvc -ErrorAction SilentlyContinue
    if ((Get-Service CryptSvc).Status -eq 'Running') {
        Write-Host "CryptSvc running after attempt $attempt"
        break
    }
    Start-Sleep -Seconds 2
}
