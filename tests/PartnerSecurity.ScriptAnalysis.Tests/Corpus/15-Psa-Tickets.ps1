# Creates a ticket in the PSA for every customer whose MFA coverage dropped. The PSA's API uses its own OAuth server.
$psaBody = @{
    grant_type    = 'password' # expect: PasswordGrant/Low
    username      = $env:PSA_USER
    password      = $env:PSA_PASSWORD
    client_id     = 'mfa-monitor'
}
$psaToken = Invoke-RestMethod -Method Post -Uri 'https://auth.psa-vendor.example.net/oauth/token' -Body $psaBody
Invoke-RestMethod -Uri 'https://api.psa-vendor.example.net/v2/tickets' -Method Post -Headers @{ Authorization = "Bearer $($psaToken.access_token)" } -Body $ticketJson
