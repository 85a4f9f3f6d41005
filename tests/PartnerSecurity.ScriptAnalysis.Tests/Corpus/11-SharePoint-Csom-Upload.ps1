Add-Type -Path 'C:\Program Files\Common Files\microsoft shared\Web Server Extensions\16\ISAPI\Microsoft.SharePoint.Client.dll'
Add-Type -Path 'C:\Program Files\Common Files\microsoft shared\Web Server Extensions\16\ISAPI\Microsoft.SharePoint.Client.Runtime.dll'

$siteUrl = 'https://contoso.sharepoint.com/sites/CustomerDocs'
$user = 'docs-upload@contoso.onmicrosoft.com'
$pw = ConvertTo-SecureString -String 'Upl0ad-Docs-2021' -AsPlainText -Force # expect: PlainTextPassword/High
$context = New-Object Microsoft.SharePoint.Client.ClientContext($siteUrl)
$context.Credentials = New-Object Microsoft.SharePoint.Client.SharePointOnlineCredentials($user, $pw) # expect: UserCredential/Medium
$list = $context.Web.Lists.GetByTitle('Documents')
$context.Load($list)
$context.ExecuteQuery()
