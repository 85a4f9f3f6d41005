# MSOnline reached with SAM tokens, no password anywhere.
$aadGraphToken = New-PartnerAccessToken -ApplicationId $appId -Credential $appCredential -RefreshToken $refreshToken -Scopes 'https://graph.windows.net/.default' -ServicePrincipal -Tenant $partnerTenantId
$graphToken = New-PartnerAccessToken -ApplicationId $appId -Credential $appCredential -RefreshToken $refreshToken -Scopes 'https://graph.microsoft.com/.default' -ServicePrincipal -Tenant $partnerTenantId
Connect-MsolService -AdGraphAccessToken $aadGraphToken.AccessToken -MsGraphAccessToken $graphToken.AccessToken
Connect-AzureAD -AadAccessToken $aadGraphToken.AccessToken -MsAccessToken $graphToken.AccessToken -AccountId 'automation@contoso.onmicrosoft.com' -TenantId $partnerTenantId
Get-MsolPartnerContract -All | ForEach-Object { $_.DefaultDomainName }
