using PartnerSecurity.Hosting;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// Az.Accounts, Microsoft.Graph.Authentication and ExchangeOnlineManagement bring their own MSAL into the
/// same PowerShell process. The module must work beside another MSAL loaded before it or after it.
/// </summary>
public class IsolationTests
{
    private static string OtherMsal => Path.Combine(PowerShellSession.Metadata("NuGetPackageRoot"), "microsoft.identity.client", "4.61.3", "lib", "net6.0", "Microsoft.Identity.Client.dll");
    private static string OtherAbstractions => Path.Combine(PowerShellSession.Metadata("NuGetPackageRoot"), "microsoft.identitymodel.abstractions", "6.35.0", "lib", "net6.0", "Microsoft.IdentityModel.Abstractions.dll");

    // Loads the other MSAL into the default context and uses it, as another module would.
    private static string UseOtherMsal =>
        $"$null = [System.Reflection.Assembly]::LoadFrom({PowerShellSession.Quote(OtherAbstractions)}); $null = [System.Reflection.Assembly]::LoadFrom({PowerShellSession.Quote(OtherMsal)}); " +
        "$null = [Microsoft.Identity.Client.PublicClientApplicationBuilder]::Create('1950a258-227b-4e31-a9cf-717495945fc2').Build(); ";

    private const string UseModule =
        "Import-Module PartnerSecurity; $null = Connect-PartnerSecurity -Demo; $null = Get-PartnerSecurityDefaults -ErrorAction Stop; ";

    private const string Report =
        "[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Identity.Client' } | " +
        "ForEach-Object { 'MSAL ' + $_.GetName().Version + ' in ' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }";

    [Fact]
    public void The_module_works_after_another_msal_was_loaded_first() => AssertBothWork(UseOtherMsal + UseModule + Report);

    [Fact]
    public void Another_msal_loads_and_works_after_the_module() => AssertBothWork(UseModule + UseOtherMsal + Report);

    private static void AssertBothWork(string script)
    {
        Assert.True(File.Exists(OtherMsal), "MSAL 4.61.3 is downloaded by the test project: " + OtherMsal);
        var outcome = Pwsh.Run(script);
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        Assert.Contains("MSAL 4.61.3.0 in Default", outcome.Text);
        Assert.Matches(@"MSAL 4\.9\d\.\d+\.0 in PartnerSecurity", outcome.Text);
    }

    [Fact]
    public void The_test_process_itself_does_not_carry_the_module_dependencies()
    {
        // If it did, the tests above would prove nothing: the default context would already hold them.
        var tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        Assert.DoesNotContain("Microsoft.Identity.Client.dll", tpa);
        Assert.DoesNotContain("PartnerSecurity.Core.dll", tpa);
    }
}
