param([string] $SubscriptionId, [pscredential] $DeployCredential)
Import-Module AzureRM.Resources # expect: LegacyModule/Low
Login-AzureRmAccount -Credential $DeployCredential -SubscriptionId $SubscriptionId # expect: UserCredential/Medium
New-AzureRmResourceGroupDeployment -ResourceGroupName 'rg-customer-web' -TemplateFile .\azuredeploy.json

# The pipeline's service principal (no finding).
Connect-AzureRmAccount -ServicePrincipal -Credential $DeployCredential -TenantId $TenantId
Add-AzureRmAccount -Cred $DeployCredential # expect: UserCredential/Medium
