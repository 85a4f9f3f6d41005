#
# Module manifest for PartnerSecurity.
# This file is the single source of the module version: the build reads ModuleVersion from here
# and stamps it on every assembly, then copies this manifest into out/PartnerSecurity/.
#
@{
    RootModule           = 'PartnerSecurity.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core', 'Desktop')
    GUID                 = '5b0f6f8e-2f53-4c1e-9a3a-6c1d7e5a2b90'
    Author               = 'PartnerSecurity contributors'
    CompanyName          = 'PartnerSecurity'
    Copyright            = '(c) PartnerSecurity contributors. MIT License.'
    Description          = 'Assess, enforce and keep Microsoft CSP partner security requirements: MFA coverage for every user in the partner and customer tenants, security defaults, the Secure Application Model, and legacy authentication.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @(
        'PartnerSecurity.Format.ps1xml'
        'CredentialUsage.Format.ps1xml'
        'Mfa.Format.ps1xml'
        'Enforcement.Format.ps1xml'
        'SecureAppModel.Format.ps1xml'
        'PartnerSecurityScore.Format.ps1xml'
        'Assessment.Format.ps1xml'
    )
    CmdletsToExport      = @(
        'Connect-PartnerSecurity'
        'Disconnect-PartnerSecurity'
        'Get-PartnerSecurityContext'
        'Get-PartnerSecurityDefaults'
        'Find-PartnerCredentialUsage'
        'Get-PartnerCustomer'
        'Get-PartnerMfaStatus'
        'Enable-PartnerSecurityDefaults'
        'Disable-PartnerSecurityDefaults'
        'Set-PartnerUserMfaState'
        'Get-PartnerUserSignActivity'
        'Get-PartnerLegacyAuthUsage'
        'New-SecureAppModelApplication'
        'New-SecureAppModelToken'
        'Get-SecureAppModelTokenStatus'
        'Update-SecureAppModelToken'
        'Test-PartnerSecurityRequirement'
        'Get-PartnerSecurityScore'
        'Get-PartnerSecurityAlert'
        'Update-PartnerSecurityAlert'
        'Get-PartnerMfaAdoption'
        'Get-PartnerCustomerSpendingBudget'
        'Set-PartnerCustomerSpendingBudget'
        'Invoke-PartnerSecurityAssessment'
        'Export-PartnerSecurityReport'
        'Compare-PartnerSecurityAssessment'
        'Export-PartnerTenantSnapshot'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            # Gallery fields; `dotnet pack src/PartnerSecurity` (./build.ps1 -Task Package) copies Tags and ReleaseNotes into the .nupkg.
            Tags         = @('CSP', 'Partner', 'PartnerCenter', 'MFA', 'SecureApplicationModel', 'EntraID', 'SecurityDefaults', 'GDAP', 'Security', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ReleaseNotes = 'First release: MFA coverage per user (Get-PartnerMfaStatus), security defaults and per-user MFA with -WhatIf and the coverage loss named first, sign-in evidence and legacy authentication, the Secure Application Model (app, consent, stored token kept alive), the credential scanner, and a built-in demo tenant. CHANGELOG.md in the module folder lists every change.'
        }
    }
}
