Import-Module Microsoft.Graph.Intune
$intuneCred = Get-AutomationPSCredential -Name 'IntuneAdmin'
Connect-MSGraph -PSCredential $intuneCred # expect: UserCredential/Medium
Get-IntuneManagedDevice | Where-Object complianceState -ne 'compliant'
# App registration for the nightly sync (no finding).
Update-MSGraphEnvironment -AppId $appId -Quiet
Connect-MSGraph -ClientSecret $clientSecretFromVault -Quiet
