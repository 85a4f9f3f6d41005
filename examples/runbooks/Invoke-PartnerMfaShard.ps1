<#
.SYNOPSIS
    Azure Automation runbook (PowerShell 7.4): the MFA posture of one shard of the partner's customers.
.DESCRIPTION
    One job per shard: link this runbook to one schedule per shard (docs/runbooks.md), each with its own -Shard
    (1/8, 2/8, ...). The job reads the Secure Application Model token from Key Vault as the Automation account's
    system-assigned managed identity, connects with it (the redemption is written back to the vault as a new
    version), and writes one object per user to the job's output, and one error per customer it cannot read.
#>
param(
    [Parameter(Mandatory)] [ValidatePattern('^\d+/\d+$')] [string] $Shard,
    [string] $VaultName = 'contoso-automation',
    [string] $TokenName = 'partner'
)
$ErrorActionPreference = 'Stop'

#region Azure start-up
# The SAM application's certificate (an Automation certificate asset, with its private key) and application id.
$certificate = Get-AutomationCertificate -Name 'PartnerSecurity-SAM'
$applicationId = Get-AutomationVariable -Name 'PartnerSecurity-ApplicationId'
Connect-PartnerSecurity -ApplicationId $applicationId -Certificate $certificate -RefreshTokenName $TokenName -VaultName $VaultName | Out-Null
#endregion

# One customer's failure (no GDAP, throttling past the retries) is an error for that customer; the others go on.
Get-PartnerMfaStatus -AllCustomers -Shard $Shard -ErrorAction Continue |
    Select-Object TenantId, TenantName, UserPrincipalName, IsAdmin, Status, EnforcedBy
