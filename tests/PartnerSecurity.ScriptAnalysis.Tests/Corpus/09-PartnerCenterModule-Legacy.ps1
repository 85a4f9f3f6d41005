Import-Module PartnerCenterPowerShellModule # expect: LegacyModule/Low

# App + User: invoices need the user.
$pcCredential = Get-Credential 'admin@contosocsp.onmicrosoft.com'
Add-PCAuthentication -cspappID '2a1b3c4d-0000-4e5f-8a9b-0c1d2e3f4a5b' -cspDomain 'contosocsp.onmicrosoft.com' -credential $pcCredential # expect: UserCredential/Medium

# The same, splatted, for the scheduled job.
$pcParams = @{
    cspappID   = '2a1b3c4d-0000-4e5f-8a9b-0c1d2e3f4a5b'
    cspDomain  = 'contosocsp.onmicrosoft.com'
    credential = Import-Clixml -Path 'D:\Jobs\pc-admin.xml'
}
Add-PCAuthentication @pcParams # expect: UserCredential/Medium

# App only, for customer listing.
$webAppSecret = ConvertTo-SecureString 'kX9~vQ2.Lm4_pR8-nT1zW7yB3' -AsPlainText -Force # expect: PlainTextSecret/High
Add-PCAuthentication -cspappID $webAppId -cspDomain 'contosocsp.onmicrosoft.com' -cspClientSecret $webAppSecret
Get-PCCustomer -all
