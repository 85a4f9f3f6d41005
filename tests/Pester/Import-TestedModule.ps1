# Dot-sourced by each Pester file: imports the module under test. `dotnet test` names its build in
# PARTNERSECURITY_MANIFEST; by hand (Invoke-Pester ./tests/Pester) it is the Release build, `dotnet build -c Release`.
$manifest = if ($env:PARTNERSECURITY_MANIFEST) { $env:PARTNERSECURITY_MANIFEST }
            else { Join-Path $PSScriptRoot '..' '..' 'out' 'PartnerSecurity' 'PartnerSecurity.psd1' }
Import-Module $manifest -Force -ErrorAction Stop
