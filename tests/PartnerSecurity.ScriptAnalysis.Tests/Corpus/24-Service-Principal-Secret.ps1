# Azure cost export as the 'cost-reader' app. Moved off the admin account in 2022; the secret is still inline.
$spSecret = 'Hv3~uJ6.wE9_rT1-yU4iO7pA2'
$secureSecret = ConvertTo-SecureString $spSecret -AsPlainText -Force # expect: PlainTextSecret/High
$spCredential = New-Object System.Management.Automation.PSCredential('5f0e2d1c-4b3a-4988-9c7d-6e5f4a3b2c1d', $secureSecret)
Connect-AzAccount -ServicePrincipal -Credential $spCredential -Tenant 'contoso.onmicrosoft.com'
Get-AzConsumptionUsageDetail -StartDate (Get-Date).AddDays(-30) -EndDate (Get-Date)
