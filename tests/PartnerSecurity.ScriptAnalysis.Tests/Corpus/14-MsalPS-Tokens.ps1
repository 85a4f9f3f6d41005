Import-Module MSAL.PS
$tenantId = 'contoso.onmicrosoft.com'
$clientId = '7b3f2a10-5c1d-4e9a-9f2b-3d8e6c4a1b20'

# Delegated token for the reporting API, user and password from the credential manager.
$reportUser = Get-StoredCredential -Target 'ReportingUser'
$userToken = Get-MsalToken -ClientId $clientId -TenantId $tenantId -UserCredential $reportUser -Scopes 'https://graph.microsoft.com/Reports.Read.All' # expect: UserCredential/Medium

# App token for Graph.
$appToken = Get-MsalToken -ClientId $clientId -TenantId $tenantId -ClientSecret (ConvertTo-SecureString 'Qe8~aB3.xY7_kL2-mN9pR4sT6' -AsPlainText -Force) -Scopes 'https://graph.microsoft.com/.default' # expect: PlainTextSecret/High
