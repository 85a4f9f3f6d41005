param([Parameter(Mandatory)] [string] $Customer)
$secret = ConvertTo-SecureString 'Teams-Provision-9' -AsPlainText -Force # expect: PlainTextPassword/High
$teamsAdmin = New-Object pscredential("teams-admin@$Customer", $secret)
Connect-MicrosoftTeams -Credential $teamsAdmin # expect: UserCredential/Medium
New-Team -DisplayName 'Projects' -Visibility Private
