#Requires -Modules Pester
# Pester 5: enforcement and sign-in evidence on the demo tenant (Invoke-Pester ./tests/Pester).
# `dotnet test` runs it in real pwsh with Pester 5.7.1 (PesterSuiteTests); it exercises the paths a user takes.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Import-TestedModule.ps1')
    Connect-PartnerSecurity -Demo | Out-Null
    $fabrikam = 'fabrikamdental.onmicrosoft.com'
    $tailspin = 'tailspinlogistics.onmicrosoft.com'
}

Describe 'Security defaults' {
    It 'refuses to enable them beside conditional access and names the policies' {
        Enable-PartnerSecurityDefaults -CustomerTenantId $tailspin -Force -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'ConditionalAccessPreventsSecurityDefaults*'
        $refused[0].Exception.Message | Should -Match 'TCA01'
    }

    It 'says who would lose coverage with -WhatIf and changes nothing' {
        Disable-PartnerSecurityDefaults -CustomerTenantId $fabrikam -WhatIf -WarningVariable loss 3>$null
        $loss[0].Message | Should -Match '\d+ enabled users, \d+ of them admins, would no longer be covered'
        (Get-PartnerSecurityDefaults -CustomerTenantId $fabrikam).IsEnabled | Should -BeTrue
    }

    It 'disables and re-enables them with -Force, and the next call sees each change' {
        (Disable-PartnerSecurityDefaults -CustomerTenantId $fabrikam -Force 3>$null).IsEnabled | Should -BeFalse
        (Get-PartnerSecurityDefaults -CustomerTenantId $fabrikam).IsEnabled | Should -BeFalse
        (Enable-PartnerSecurityDefaults -CustomerTenantId $fabrikam -Force).IsEnabled | Should -BeTrue
    }
}

Describe 'Set-PartnerUserMfaState' {
    It 'enforces per-user MFA for users piped from Get-PartnerMfaStatus' {
        $changed = @(Get-PartnerMfaStatus -CustomerTenantId $tailspin -Status Partial | Set-PartnerUserMfaState -State Enforced)
        $changed.Count | Should -BeGreaterThan 0
        $changed | ForEach-Object { $_.PerUserMfaState | Should -Be 'enforced' }
        @(Get-PartnerMfaStatus -CustomerTenantId $tailspin -Status Partial).Count | Should -Be 0
    }
}

Describe 'Sign-in evidence' {
    It 'reads a user with an apostrophe in the UPN' {
        $signIns = @(Get-PartnerUserSignActivity -UserPrincipalName "shannon.o'brien@northwindcloud.com")
        $signIns.Count | Should -BeGreaterThan 0
        $signIns | ForEach-Object { $_.UserPrincipalName | Should -Be "shannon.o'brien@northwindcloud.com" }
    }

    It 'reports a tenant without Entra ID P1 or P2 and goes on' {
        $rows = @(Get-PartnerLegacyAuthUsage -CustomerTenantId $fabrikam, $tailspin -ErrorVariable unread -ErrorAction SilentlyContinue)
        $rows | ForEach-Object { $_.TenantName | Should -Be 'Tailspin Logistics' }
        $unread[0].FullyQualifiedErrorId | Should -BeLike 'PremiumLicenseRequired*'
    }
}
