<#
.SYNOPSIS
    Builds, tests or cleans PartnerSecurity: a thin wrapper over the dotnet CLI for people who have pwsh.
.EXAMPLE
    ./build.ps1              # dotnet build -c Release: the module lands in out/PartnerSecurity
.EXAMPLE
    ./build.ps1 -Task Test   # dotnet test: the whole suite
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)
$ErrorActionPreference = 'Stop'
Push-Location $PSScriptRoot
try {
    switch ($Task) {
        'Build' { dotnet build -c $Configuration }
        'Test'  { dotnet test }
        'Clean' { dotnet clean -c $Configuration; Remove-Item -Recurse -Force (Join-Path $PSScriptRoot 'out') -ErrorAction Ignore }
    }
    exit $LASTEXITCODE
}
finally {
    Pop-Location
}
