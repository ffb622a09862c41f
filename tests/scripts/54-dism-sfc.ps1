# wusim-scenario: component-store-corrupt
# wusim-style: Microsoft KB 947821 from PowerShell: DISM RestoreHealth, check $LASTEXITCODE, then sfc /scannow, writing each step with Write-Host
# wusim-after: wait 1h
# wusim-after: shutdown /r /t 0
Write-Host "Repairing the component store..."
DISM.exe /Online /Cleanup-Image /RestoreHealth
if ($LASTEXITCODE -eq 0) {
    Write-Host "DISM succeeded, running sfc"
    sfc /scannow
} else {
    Write-Warning "DISM failed: $LASTEXITCODE"
}
Restart-Computer -Force
