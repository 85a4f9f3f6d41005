<#
.SYNOPSIS
    Monthly MFA report for the partner tenant. Run by the service desk lead.
.EXAMPLE
    .\01-Msol-Interactive-Report.ps1 -OutFile C:\Reports\mfa.csv
#>
param([string] $OutFile = "$env:USERPROFILE\Documents\mfa-report.csv")

Import-Module MSOnline # expect: LegacyModule/Low
$adminCredential = Get-Credential -Message 'Partner tenant admin'
Connect-MsolService -Credential $adminCredential # expect: UserCredential/Medium

$users = Get-MsolUser -All | Where-Object { $_.IsLicensed }
$users | Select-Object UserPrincipalName, @{ n = 'MfaState'; e = { $_.StrongAuthenticationRequirements.State } } |
    Export-Csv -Path $OutFile -NoTypeInformation
Write-Host "Report written to $OutFile (use Connect-MsolService -Credential only from the service desk PC)"
