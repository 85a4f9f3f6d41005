# Already on the Secure Application Model: app id and secret from Key Vault, refresh token from Key Vault.
$appId        = Get-AutomationVariable -Name 'PartnerCenterAppId'
$appSecret    = (Get-AzKeyVaultSecret -VaultName 'contoso-partner-kv' -Name 'PartnerCenterAppSecret').SecretValue
$refreshToken = Get-AzKeyVaultSecret -VaultName 'contoso-partner-kv' -Name 'PartnerCenterRefreshToken' -AsPlainText
$appCredential = [pscredential]::new($appId, $appSecret)

Connect-PartnerCenter -ApplicationId $appId -Credential $appCredential -RefreshToken $refreshToken

# Exchange Online for customers through the same refresh token.
$token = New-PartnerAccessToken -ApplicationId $appId -Credential $appCredential -RefreshToken $refreshToken `
    -Scopes 'https://outlook.office365.com/.default' -Tenant $customerTenantId
$graph = New-PartnerAccessToken -ApplicationId $appId -Credential $appCredential -RefreshToken $refreshToken -Scopes 'https://graph.microsoft.com/.default'
Get-PartnerCustomer | Select-Object Domain, CustomerId
