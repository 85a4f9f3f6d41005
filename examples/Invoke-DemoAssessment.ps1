# The assessment of the built-in demo tenant: connect, then show the partner's MFA and security posture.
# From the repository root, with only the .NET SDK (README, "Try it"):
#   dotnet build -c Release
#   dotnet tool restore
#   dotnet pwsh -File examples/Invoke-DemoAssessment.ps1
# It uses PartnerSecurity as already imported (Import-Module ./out/PartnerSecurity), else the repository's Release
# build in out/, else the module installed on PSModulePath.
if (-not (Get-Module PartnerSecurity)) {
    $built = Join-Path $PSScriptRoot '../out/PartnerSecurity/PartnerSecurity.psd1'
    if (Test-Path $built) { Import-Module $built -ErrorAction Stop } else { Import-Module PartnerSecurity -ErrorAction Stop }
}

$context = Connect-PartnerSecurity -Demo
"Connected to $($context.TenantName) as $($context.Account) (MFA claim: $($context.HasMfaClaim))"

'== Security defaults'
Get-PartnerSecurityDefaults | Out-Default

'== MFA posture of the partner tenant'
Get-PartnerMfaStatus | Out-Default

'== Customers'
Get-PartnerCustomer | Out-Default

'== MFA posture of every customer (a customer without an active GDAP relationship gives an error and the others go on)'
$customers = Get-PartnerMfaStatus -AllCustomers -ErrorAction Continue
$customers | Out-Default

'== Users not covered at every sign-in'
$gaps = $customers | Where-Object { $_.Status -eq 'NotCompliant' -or $_.Status -eq 'Partial' }
"$(@($gaps).Count) of $(@($customers).Count) customer users"

'== Sign-ins without MFA in the partner tenant, last 7 days'
$singleFactor = @(Get-PartnerUserSignActivity -SingleFactorOnly -SucceededOnly)
$signedInWithoutMfa = @{}
foreach ($signIn in $singleFactor) { $signedInWithoutMfa[$signIn.UserPrincipalName] = $true }
"$($singleFactor.Count) successful single-factor sign-ins by $($signedInWithoutMfa.Count) users"

'== Legacy authentication still in use (a customer without Entra ID P1 or P2 has no sign-in logs: one error says so)'
Get-PartnerLegacyAuthUsage -AllCustomers -ErrorAction Continue | Where-Object { $_.SuccessCount -gt 0 } | Out-Default
