<#
.SYNOPSIS
    Builds, tests, packages or cleans PartnerSecurity: a thin wrapper over the dotnet CLI for people who have pwsh.
.EXAMPLE
    ./build.ps1              # dotnet build -c Release: the module lands in out/PartnerSecurity
.EXAMPLE
    ./build.ps1 -Task Test   # dotnet test: the whole suite
.EXAMPLE
    ./build.ps1 -Task Package   # dotnet pack src/PartnerSecurity -c Release: out/packages/PartnerSecurity.<version>.nupkg
    # Install it with PSResourceGet from a folder repository:
    #   Register-PSResourceRepository -Name Local -Uri ./out/packages -Trusted; Install-PSResource PartnerSecurity -Repository Local
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Push-Location $PSScriptRoot
try {
    switch ($Task) {
        'Build'   { dotnet build -c $Configuration }
        'Test'    { dotnet test }
        'Package' { dotnet pack src/PartnerSecurity -c $Configuration -o (Join-Path $PSScriptRoot 'out' 'packages') }
        'Clean'   { dotnet clean -c $Configuration; Remove-Item -Recurse -Force (Join-Path $PSScriptRoot 'out') -ErrorAction Ignore }
    }
    exit $LASTEXITCODE
}
finally {
    Pop-Location
}
