Import-Module SkypeOnlineConnector # expect: LegacyModule/Low
$sfbCred = Get-Credential -UserName 'lync-admin@contoso.onmicrosoft.com' -Message 'Skype for Business admin'
$sfbSession = New-CsOnlineSession -Credential $sfbCred -OverrideAdminDomain 'contoso.onmicrosoft.com' # expect: UserCredential/Medium
Import-PSSession $sfbSession -AllowClobber
Get-CsOnlineUser | Where-Object { -not $_.EnterpriseVoiceEnabled } | Select-Object UserPrincipalName
