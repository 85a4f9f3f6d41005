<#
.SYNOPSIS
    Azure Automation runbook (PowerShell 7.4), weekly: keep the Secure Application Model token in Key Vault alive.
.DESCRIPTION
    Redeems the token now and writes the rotated refresh token as a new version of its secret, expiring 90 days
    later, then shows how many days are left. Run it weekly: a token in daily use is rotated anyway, but a token
    only used by monthly jobs would otherwise reach Entra ID's 90-day inactivity limit. It fails (and the job
    fails, so an alert on failed jobs catches it) when the token cannot be redeemed.
#>
param(
    [string] $VaultName = 'contoso-automation',
    [string] $TokenName = 'partner'
)
$ErrorActionPreference = 'Stop'

#region Azure start-up
$certificate = Get-AutomationCertificate -Name 'PartnerSecurity-SAM'
#endregion

$status = if ($certificate) {
    Update-SecureAppModelToken -Name $TokenName -VaultName $VaultName -Certificate $certificate
} else {
    Update-SecureAppModelToken -Name $TokenName -VaultName $VaultName
}
$status | Select-Object Name, Account, LastUsedOn, ExpiresOn, DaysLeft, Storage, Warning
if ($status.DaysLeft -lt 14) { throw "The token '$TokenName' in '$VaultName' has $($status.DaysLeft) days left." }
