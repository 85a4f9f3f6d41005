# Durable activity: one shard of the customers, within the Functions timeout (host.json functionTimeout).
param([string] $Shard)
$ErrorActionPreference = 'Stop'
$vaultName = if ($env:PARTNERSECURITY_VAULT) { $env:PARTNERSECURITY_VAULT } else { 'contoso-automation' }
$tokenName = if ($env:PARTNERSECURITY_TOKEN) { $env:PARTNERSECURITY_TOKEN } else { 'partner' }

#region Azure start-up
# The certificate is loaded into the worker's store by WEBSITE_LOAD_CERTIFICATES; the vault is read as the
# function app's system-assigned managed identity (no connection yet).
Connect-PartnerSecurity -ApplicationId $env:SAM_APPLICATION_ID -CertificateThumbprint $env:SAM_CERTIFICATE_THUMBPRINT -RefreshTokenName $tokenName -VaultName $vaultName | Out-Null
#endregion

$users = @(Get-PartnerMfaStatus -AllCustomers -Shard $Shard -ErrorAction SilentlyContinue -ErrorVariable failed)
[pscustomobject]@{
    Shard        = $Shard
    Customers    = @($users.TenantId | Sort-Object -Unique).Count
    Users        = $users.Count
    NotCompliant = @($users | Where-Object Status -eq 'NotCompliant').Count
    Failed       = @($failed | ForEach-Object { "$($_.TargetObject): $($_.Exception.Message)" })
}
