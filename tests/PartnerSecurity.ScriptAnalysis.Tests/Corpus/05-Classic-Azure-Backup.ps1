Import-Module Azure -ErrorAction Stop # expect: LegacyModule/Low
# Classic (ASM) backup check, written in 2016 and still scheduled on SRV-MGMT01.
$password = Get-Content 'D:\Secure\azure.txt' | ConvertTo-SecureString
$credential = New-Object System.Management.Automation.PSCredential('svc-azure@contoso.onmicrosoft.com', $password)
Add-AzureAccount -Credential $credential # expect: UserCredential/Medium
Select-AzureSubscription -SubscriptionName 'Contoso Production'
Get-AzureVM | ForEach-Object { Get-AzureOSDisk -VM $_.VM }
# Service principal login for the other subscription (no finding):
Add-AzureAccount -ServicePrincipal -Tenant $tenantId -Credential $spCredential
