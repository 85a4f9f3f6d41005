$o365 = Import-Clixml "$PSScriptRoot\o365-admin.xml"
Connect-AipService -Credential $o365 # expect: UserCredential/Medium
Get-AipServiceTemplate | Select-Object Names, Status
. "$env:LOCALAPPDATA\Apps\2.0\CreateExoPSSession.ps1"
Connect-EXOPSSession -Credential $o365 # expect: UserCredential/Medium
Connect-AadrmService -Credential $o365 # expect: UserCredential/Medium
