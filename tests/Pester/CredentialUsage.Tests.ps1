#Requires -Modules Pester
# Pester 5: Find-PartnerCredentialUsage over a folder tree piped from Get-ChildItem. Invoke-Pester ./tests/Pester;
# `dotnet test` runs it in real pwsh with Pester 5.7.1 (PesterSuiteTests).

BeforeAll {
    . (Join-Path $PSScriptRoot 'Import-TestedModule.ps1')
    $estate = Join-Path ([System.IO.Path]::GetTempPath()) ("pester-estate-" + [guid]::NewGuid().ToString('N'))
    New-Item -ItemType Directory -Path (Join-Path $estate 'sub') -Force | Out-Null
    Set-Content -LiteralPath (Join-Path $estate 'a.ps1') -Value "Import-Module MSOnline`nConnect-MsolService -Credential `$cred"
    Set-Content -LiteralPath (Join-Path $estate 'sub' 'b.psm1') -Value "`$p = @{ Credential = `$c }`nConnect-AzureAD @p"
    Set-Content -LiteralPath (Join-Path $estate 'sub' 'broken.ps1') -Value "function f {"
    Set-Content -LiteralPath (Join-Path $estate 'sub' 'clean.ps1') -Value "# Connect-MsolService -Credential `$cred"
}

AfterAll { Remove-Item -LiteralPath $estate -Recurse -Force }

Describe 'Find-PartnerCredentialUsage' {
    It 'scans the files Get-ChildItem pipes, in path and line order' {
        $findings = Get-ChildItem -LiteralPath $estate -Recurse -File | Find-PartnerCredentialUsage -ErrorVariable scanErrors -ErrorAction SilentlyContinue
        $findings.Kind | Should -Be @('LegacyModule', 'UserCredential', 'UserCredential')
        $findings.Line | Should -Be @(1, 2, 2)
        $scanErrors.Count | Should -Be 1
        $scanErrors[0].FullyQualifiedErrorId | Should -BeLike 'ScriptParseError,*'
        $scanErrors[0].TargetObject | Should -Be (Join-Path $estate 'sub' 'broken.ps1')
    }

    It 'names a missing path in its error' {
        $missing = Join-Path $estate 'nope'
        { Find-PartnerCredentialUsage -Path $missing -ErrorAction Stop } | Should -Throw -ErrorId 'PathNotFound,*'
    }
}
