<#
.DESCRIPTION
    Migration notes. Replace these old sign-ins:
        Connect-MsolService -Credential $cred
        Add-AzureAccount -Credential $cred
        New-CsOnlineSession -Credential $cred
        $c = New-Object Microsoft.SharePoint.Client.SharePointOnlineCredentials($u, $p)
#>
# Get-MsalToken -ClientId $id -UserCredential $cred
Write-Warning 'Connect-PowerBIServiceAccount -Credential is no longer allowed; use -ServicePrincipal.'
$example = @'
Add-PCAuthentication -cspappID $app -cspDomain $domain -credential $cred
Connect-AipService -Credential $cred
$app.AcquireTokenByUsernamePassword($scopes, $user, $pw)
'@
$help = "Login-AzureRmAccount -Credential `$cred is retired"
Connect-AzAccount -Identity
Connect-MicrosoftTeams -CertificateThumbprint $thumb -ApplicationId $appId -TenantId $tenantId
$bodyNote = 'grant_type=password is refused for MFA accounts'
Connect-MgGraph -ClientSecretCredential $appCredentialFromVault -TenantId $tenantId
