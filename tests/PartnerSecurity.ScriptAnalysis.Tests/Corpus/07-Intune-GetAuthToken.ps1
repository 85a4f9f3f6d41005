function Get-AuthToken {
    param([Parameter(Mandatory)] [string] $User, [Parameter(Mandatory)] [securestring] $Password)

    $tenant = $User.Split('@')[1]
    $aadModule = Get-Module -Name AzureAD -ListAvailable | Select-Object -First 1
    Add-Type -Path (Join-Path $aadModule.ModuleBase 'Microsoft.IdentityModel.Clients.ActiveDirectory.dll')
    $clientId = 'd1ddf0e4-d672-4dae-b554-9d5bdfd93547'
    $authority = "https://login.microsoftonline.com/$tenant"
    $authContext = New-Object 'Microsoft.IdentityModel.Clients.ActiveDirectory.AuthenticationContext' -ArgumentList $authority
    $userCredential = New-Object 'Microsoft.IdentityModel.Clients.ActiveDirectory.UserPasswordCredential' -ArgumentList $User, $Password # expect: UserCredential/Medium
    $result = [Microsoft.IdentityModel.Clients.ActiveDirectory.AuthenticationContextIntegratedAuthExtensions]::AcquireTokenAsync($authContext, 'https://graph.microsoft.com', $clientId, $userCredential).Result
    @{ 'Content-Type' = 'application/json'; Authorization = "Bearer $($result.AccessToken)" }
}

$authToken = Get-AuthToken -User 'intune-admin@contoso.onmicrosoft.com' -Password (Read-Host -AsSecureString 'Password')
