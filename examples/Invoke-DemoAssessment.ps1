# The assessment of the built-in demo tenant: connect, then show the partner's MFA and security posture.
# Run it with pwsh (Import-Module ./out/PartnerSecurity first) or, without pwsh:
#   dotnet run -c Release --project src/PartnerSecurity.Runner -- -File examples/Invoke-DemoAssessment.ps1
Import-Module PartnerSecurity -ErrorAction Stop

$context = Connect-PartnerSecurity -Demo
"Connected to $($context.TenantName) as $($context.Account) (MFA claim: $($context.HasMfaClaim))"

'== Security defaults'
Get-PartnerSecurityDefaults
