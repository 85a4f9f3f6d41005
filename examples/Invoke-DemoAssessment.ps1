# The assessment of the built-in demo tenant: the partner and every customer against every partner security
# requirement, a short summary on screen, and the HTML report written to a file whose path it prints.
# From the repository root, with only the .NET SDK (README, "Try it"):
#   dotnet build -c Release
#   dotnet tool restore
#   dotnet pwsh -File examples/Invoke-DemoAssessment.ps1 [-Path ./assessment.html]
# It uses PartnerSecurity as already imported (Import-Module ./out/PartnerSecurity), else the repository's Release
# build in out/, else the module installed on PSModulePath.
param(
    # Where to write the report; a file in the temporary folder by default.
    [string] $Path = (Join-Path ([IO.Path]::GetTempPath()) 'partner-security-assessment.html')
)
if (-not (Get-Module PartnerSecurity)) {
    $built = Join-Path $PSScriptRoot '../out/PartnerSecurity/PartnerSecurity.psd1'
    if (Test-Path $built) { Import-Module $built -ErrorAction Stop } else { Import-Module PartnerSecurity -ErrorAction Stop }
}

$context = Connect-PartnerSecurity -Demo
"Connected to $($context.TenantName) as $($context.Account) (MFA claim: $($context.HasMfaClaim))"

# One object per tenant, the partner first; a customer that cannot be read gives one error, and its object says why.
$assessment = Invoke-PartnerSecurityAssessment -AllCustomers -IncludeSignIns -ErrorAction Continue -WarningAction SilentlyContinue
$assessment = @($assessment | Sort-Object { -not $_.IsPartnerTenant }, TenantName)

'== Summary (score: weighted share of the requirements passed; exposed: users MFA does not cover at every sign-in)'
$assessment | Out-Default

'== What fails, and the first fixes'
foreach ($tenant in $assessment) {
    ''
    '{0}{1}: {2}' -f $tenant.TenantName, $(if ($tenant.IsPartnerTenant) { ' (partner)' } else { '' }), $tenant.Summary
    foreach ($requirement in $tenant.Requirements | Where-Object Status -in 'Failed', 'Unknown') {
        '  {0,-8} {1}' -f $requirement.Status, $requirement.Requirement
    }
    $n = 0
    foreach ($fix in $tenant.TopFixes) { $n++; '  Fix {0}: {1}' -f $n, $fix }
}

$report = $assessment | Export-PartnerSecurityReport -Path $Path -PassThru
''
"== Report: $($report.Path) ($([math]::Round($report.Length / 1KB)) KB, $($report.Tenants) tenants; open it in a browser, print it to PDF)"
