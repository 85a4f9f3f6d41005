#Requires -Modules Pester
# Pester 5 suite for people who have Pester and pwsh: Invoke-Pester ./tests/Pester
# `dotnet test` runs it in real pwsh with Pester 5.7.1 (PesterSuiteTests); it exercises the paths a user takes.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Import-TestedModule.ps1')
}

Describe 'Connect-PartnerSecurity' {
    It 'connects to the demo tenant with an MFA claim' {
        $context = Connect-PartnerSecurity -Demo
        $context.Environment | Should -Be 'Demo'
        $context.HasMfaClaim | Should -BeTrue
    }

    It 'refuses a malformed tenant id before signing in' {
        { Connect-PartnerSecurity -TenantId 'bad id' } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}

Describe 'Get-PartnerSecurityDefaults' {
    BeforeAll { Connect-PartnerSecurity -Demo | Out-Null }

    It 'reports the connected tenant' {
        $status = Get-PartnerSecurityDefaults
        $status.TenantId | Should -Be (Get-PartnerSecurityContext).TenantId
        $status.Reason | Should -Not -BeNullOrEmpty
    }
}

Describe 'Get-PartnerMfaStatus' {
    BeforeAll { Connect-PartnerSecurity -Demo | Out-Null }

    It 'gives one verdict per user of the connected tenant, with a status and a reason' {
        $verdicts = @(Get-PartnerMfaStatus)
        $verdicts.Count | Should -BeGreaterThan 0
        $verdicts | ForEach-Object {
            $_.Status | Should -BeIn 'Compliant', 'Partial', 'NotCompliant', 'Exempt', 'NotApplicable'
            $_.Reason | Should -Not -BeNullOrEmpty
            $_.TenantId | Should -Be (Get-PartnerSecurityContext).TenantId
        }
    }

    It 'reads every customer and keeps going past one that fails' {
        $verdicts = @(Get-PartnerMfaStatus -AllCustomers -ErrorVariable failures -ErrorAction SilentlyContinue)
        $verdicts | ForEach-Object { $_.TenantId | Should -Not -Be (Get-PartnerSecurityContext).TenantId }
        $failures | ForEach-Object { $_.ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty }
    }
}
