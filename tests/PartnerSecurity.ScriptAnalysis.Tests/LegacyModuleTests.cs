namespace PartnerSecurity.ScriptAnalysis.Tests;

public class LegacyModuleTests
{
    [Theory]
    [InlineData("Import-Module MSOnline", "MSOnline")]
    [InlineData("Import-Module -Name AzureAD -ErrorAction Stop", "AzureAD")]
    [InlineData("ipmo AzureADPreview -Force", "AzureADPreview")]
    [InlineData("Import-Module -Force AzureRM", "AzureRM")]
    [InlineData("Import-Module AzureRM.Profile", "AzureRM.Profile")]
    [InlineData("Import-Module 'C:\\Program Files\\WindowsPowerShell\\Modules\\MSOnline\\1.1.183.66\\MSOnline.psd1'", "MSOnline")]
    [InlineData("Import-Module -FullyQualifiedName @{ ModuleName = 'AzureAD'; ModuleVersion = '2.0.2.140' }", "AzureAD")]
    [InlineData("$module = 'MSOnline'\nImport-Module $module", "MSOnline")]
    [InlineData("Import-Module Azure -ErrorAction Stop", "Azure")]
    [InlineData("Import-Module SkypeOnlineConnector", "SkypeOnlineConnector")]
    [InlineData("Import-Module 'C:\\Program Files\\Common Files\\Skype for Business Online\\Modules\\SkypeOnlineConnector\\SkypeOnlineConnector.psd1'", "SkypeOnlineConnector")]
    [InlineData("Import-Module PartnerCenterPowerShellModule", "PartnerCenterPowerShellModule")]
    public void Importing_a_retired_module_is_a_finding(string script, string module)
    {
        var finding = Scan.Single(script, FindingKind.LegacyModule);
        Assert.Equal(script.Split('\n').Length, finding.Line);
        Assert.Equal("Import-Module", finding.Command);
        Assert.Equal(module, finding.Module);
        Assert.Equal(FindingSeverity.Low, finding.Severity);
    }

    [Fact]
    public void Each_retired_module_of_one_import_is_a_finding()
    {
        var findings = Scan.Findings("Import-Module MSOnline, AzureAD, Az.Accounts");
        Assert.Equal(new[] { "AzureAD", "MSOnline" }, findings.Select(f => f.Module));
        Assert.Contains("Microsoft.Graph", findings[0].Recommendation);
    }

    [Theory]
    [InlineData("Import-Module Az.Accounts")]
    [InlineData("Import-Module Microsoft.Graph.Authentication")]
    [InlineData("Import-Module ExchangeOnlineManagement")]
    [InlineData("Import-Module AzureRMHelpers")]
    [InlineData("Import-Module Azure.Storage")]
    [InlineData("Import-Module PartnerCenter")]
    [InlineData("Import-Module MicrosoftTeams")]
    [InlineData("# Import-Module MSOnline")]
    [InlineData("Write-Host 'Import-Module MSOnline is retired'")]
    public void Other_modules_and_mentions_are_not_findings(string script) => Scan.None(script);

    [Fact]
    public void Requires_modules_names_each_retired_module_on_its_line()
    {
        var script = """
            #Requires -Version 5.1
            #Requires -Modules MSOnline, @{ ModuleName = 'AzureRM.Profile'; ModuleVersion = '5.8.3' }, Az.Accounts

            Get-MsolUser
            """;
        var findings = Scan.Findings(script);
        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal((2, "#Requires", FindingKind.LegacyModule), (f.Line, f.Command, f.Kind)));
        Assert.Equal(new[] { "AzureRM.Profile", "MSOnline" }, findings.Select(f => f.Module));
        Assert.Contains("Az", findings[0].Recommendation);
    }

    [Fact]
    public void A_Requires_later_in_the_script_is_found_where_it_is()
    {
        var findings = Scan.Findings("Write-Output 'start'\n#requires -modules AzureAD\nGet-AzureADUser");
        Assert.Equal(2, Assert.Single(findings).Line);
    }

    [Fact]
    public void Using_module_of_a_retired_module_is_a_finding_even_when_it_is_not_installed_here()
    {
        var finding = Scan.Single("using module AzureAD\nGet-AzureADUser", FindingKind.LegacyModule);
        Assert.Equal(("using module", "AzureAD", 1), (finding.Command, finding.Module, finding.Line));
    }

    [Fact]
    public void A_manifest_requiring_a_retired_module_is_a_finding()
    {
        var manifest = """
            @{
                RootModule        = 'Tenant.psm1'
                ModuleVersion     = '1.0.0'
                RequiredModules   = @(
                    'MSOnline'
                    @{ ModuleName = 'AzureAD'; ModuleVersion = '2.0.0' }
                    'Az.Accounts'
                )
            }
            """;
        var findings = Scan.Findings(manifest, "/estate/Tenant/Tenant.psd1");
        Assert.Equal(new[] { (5, "MSOnline"), (6, "AzureAD") }, findings.Select(f => (f.Line, f.Module)));
        Assert.All(findings, f => Assert.Equal("RequiredModules", f.Command));
        Scan.None(manifest, "/estate/Tenant/data.ps1");
    }

    [Theory]
    [InlineData("Import-Module Azure", "Connect-AzAccount -ServicePrincipal")]
    [InlineData("Import-Module SkypeOnlineConnector", "Connect-MicrosoftTeams -ApplicationId")]
    [InlineData("Import-Module PartnerCenterPowerShellModule", "Connect-PartnerCenter -ApplicationId")]
    public void The_recommendation_names_the_replacement_command(string script, string command) =>
        Assert.Contains(command, Scan.Single(script, FindingKind.LegacyModule).Recommendation);
}
