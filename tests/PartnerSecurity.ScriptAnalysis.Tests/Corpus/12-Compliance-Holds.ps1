$UserCredential = Get-Credential
Connect-IPPSSession -Credential $UserCredential # expect: UserCredential/Medium
Get-CaseHoldPolicy | Select-Object Name, Enabled
Connect-ExchangeOnline -UserPrincipalName $UserCredential.UserName
# App-only for the nightly export (no finding):
Connect-IPPSSession -AppId $appId -CertificateThumbprint $thumbprint -Organization 'contoso.onmicrosoft.com'
