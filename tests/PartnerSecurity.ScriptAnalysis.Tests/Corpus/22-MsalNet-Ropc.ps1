Add-Type -Path "$PSScriptRoot\lib\Microsoft.Identity.Client.dll"
$app = [Microsoft.Identity.Client.PublicClientApplicationBuilder]::Create($clientId).WithTenantId($tenantId).Build()
$scopes = [string[]] @('https://graph.microsoft.com/User.Read.All')
$svc = Import-Clixml -Path 'C:\Jobs\graph-reader.xml'
$result = $app.AcquireTokenByUsernamePassword($scopes, $svc.UserName, $svc.Password).ExecuteAsync().GetAwaiter().GetResult() # expect: UserCredential/Medium
# The confidential client for app-only calls, its secret inline.
$daemon = [Microsoft.Identity.Client.ConfidentialClientApplicationBuilder]::Create($clientId).WithClientSecret('Zt5~dF8.gH2_jK4-lM6nP8qR0').WithTenantId($tenantId).Build() # expect: PlainTextSecret/High
