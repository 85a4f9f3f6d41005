function Get-GraphToken {
    param([string] $TenantDomain, [pscredential] $Credential)
    $url = 'https://login.microsoftonline.com/{0}/oauth2/token' -f $TenantDomain
    $form = "grant_type=password&resource=https://graph.microsoft.com&client_id=1b730954-1685-4b74-9bfd-dac224a7b894&username=$($Credential.UserName)&password=$($Credential.GetNetworkCredential().Password)" # expect: PasswordGrant/High
    (Invoke-RestMethod -Uri $url -Method Post -Body $form -ContentType 'application/x-www-form-urlencoded').access_token
}
