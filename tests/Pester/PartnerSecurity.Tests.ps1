#Requires -Modules Pester
# Pester 5 suite for people who have Pester and pwsh: Invoke-Pester ./tests/Pester
# The authoritative suite is the xunit one (dotnet test); this one exercises the same paths a user takes.

BeforeAll {
    $manifest = Join-Path $PSScriptRoot '..' '..' 'out' 'PartnerSecurity' 'PartnerSecurity.psd1'
    Import-Module $manifest -Force
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
