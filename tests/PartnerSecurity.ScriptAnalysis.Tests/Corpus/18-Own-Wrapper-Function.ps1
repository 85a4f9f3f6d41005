# The team's wrapper keeps the old name so that forty scripts did not need editing.
function Connect-MsolService {
    param([pscredential] $Credential)
    $token = Get-PartnerSamToken -Resource 'https://graph.windows.net'
    MSOnline\Connect-MsolService -AdGraphAccessToken $token.AccessToken -MsGraphAccessToken $token.GraphToken
}

function Connect-ExchangeOnline {
    param($Credential, $Organization)
    ExchangeOnlineManagement\Connect-ExchangeOnline -Credential $Credential -Organization $Organization # expect: UserCredential/Medium
}

Connect-MsolService -Credential $legacyCredential
Connect-ExchangeOnline -Credential $legacyCredential -Organization 'fabrikam.onmicrosoft.com'
