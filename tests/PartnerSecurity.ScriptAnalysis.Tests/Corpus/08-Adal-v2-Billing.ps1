# Billing export via the Azure Service Management API, ADAL 2.x.
Add-Type -Path 'C:\Tools\ADAL\Microsoft.IdentityModel.Clients.ActiveDirectory.dll'
$secure = ConvertTo-SecureString 'Billing!2019' -AsPlainText -Force # expect: PlainTextPassword/High
$adalCredential = New-Object Microsoft.IdentityModel.Clients.ActiveDirectory.UserCredential -ArgumentList 'billing@contoso.onmicrosoft.com', $secure # expect: UserCredential/Medium
$context = New-Object Microsoft.IdentityModel.Clients.ActiveDirectory.AuthenticationContext('https://login.windows.net/contoso.onmicrosoft.com')
$result = $context.AcquireToken('https://management.core.windows.net/', '1950a258-227b-4e31-a9cf-717495945fc2', $adalCredential)
# Windows integrated sign-in on the domain-joined billing server: a user name only, no password (no finding).
$kerberos = New-Object Microsoft.IdentityModel.Clients.ActiveDirectory.UserCredential -ArgumentList 'billing@contoso.com'
