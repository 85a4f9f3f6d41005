param([pscredential] $PlatformAdmin = (Get-Credential -Message 'Power Platform admin'))
Add-PowerAppsAccount -Username $PlatformAdmin.UserName -Password $PlatformAdmin.Password # expect: UserCredential/Medium
Get-AdminPowerAppEnvironment | ForEach-Object {
    $conn = Connect-CrmOnline -Credential $PlatformAdmin -ServerUrl $_.Internal.properties.linkedEnvironmentMetadata.instanceUrl # expect: UserCredential/Medium
    Get-CrmRecords -conn $conn -EntityLogicalName systemuser -Fields fullname
}
# Service principal for the DLP job (no finding).
Add-PowerAppsAccount -TenantID $tenantId -ApplicationId $appId -CertificateThumbprint $thumbprint
