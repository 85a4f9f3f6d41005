using System.Management.Automation;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// The demo's customer whose GDAP roles do not allow a write: Fabrikam Dental's relationship grants Security
/// Administrator but not Authentication Policy Administrator, so the partner reads everything, may change security
/// defaults, and is refused per-user MFA writes, with an error that names the role and where to grant it.
/// </summary>
public class PermissionTests
{
    private const string Fabrikam = "fabrikamdental.onmicrosoft.com";

    [Fact]
    public void A_write_the_gdap_roles_do_not_allow_is_refused_naming_the_role_and_nothing_changes()
    {
        using var session = new PowerShellSession();
        Assert.True(session.Run("Connect-PartnerSecurity -Demo").Succeeded);
        var probe = EmulatorProbe.For(session.Engine.Runspace);

        var result = session.Run($"Set-PartnerUserMfaState -CustomerTenantId {Fabrikam} -UserPrincipalName tyler.ross@fabrikamdental.com -State Enforced");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        var denied = Assert.Single(result.Errors);
        Assert.StartsWith("GraphAccessDenied", denied.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, denied.CategoryInfo.Category);
        Assert.Equal("tyler.ross@fabrikamdental.com", denied.TargetObject);
        Assert.Contains("Fabrikam Dental", denied.Exception.Message);
        Assert.Contains("Authentication Policy Administrator", denied.ErrorDetails.RecommendedAction);
        Assert.Contains("GDAP relationship", denied.ErrorDetails.RecommendedAction);
        Assert.Equal(1, probe.BatchItemCount("PATCH", "/authentication/requirements"));

        var after = session.Run($"Get-PartnerMfaStatus -CustomerTenantId {Fabrikam} -UserPrincipalName tyler.ross@fabrikamdental.com -IncludePerUserMfaState").Output.Single();
        Assert.Equal("disabled", after.Properties["PerUserMfaState"].Value);
    }
}
