using System.Management.Automation;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>Get-PartnerMfaStatus and Get-PartnerCustomer as a partner types them.</summary>
public class MfaStatusTests
{
    private static PowerShellSession Connected()
    {
        var session = new PowerShellSession();
        var connect = session.Run($"Connect-PartnerSecurity -Snapshot {PowerShellSession.Quote(MfaSnapshotFiles.Write())}");
        Assert.True(connect.Succeeded, connect.Terminating?.ToString());
        return session;
    }

    private static string Prop(PSObject o, string name) => o.Properties[name].Value?.ToString() ?? string.Empty;

    private static Dictionary<string, PSObject> ByUpn(InvocationResultView result) =>
        result.Output.ToDictionary(o => Prop(o, "UserPrincipalName").Split('@')[0].Split('_')[0]);

    private sealed record InvocationResultView(IReadOnlyList<PSObject> Output);

    [Fact]
    public void The_connected_tenant_gets_one_verdict_per_user_with_every_field_of_the_contract()
    {
        using var session = Connected();
        var result = session.Run("Get-PartnerMfaStatus");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        var v = ByUpn(new(result.Output));
        Assert.Equal(5, v.Count);
        Assert.Equal("Compliant", Prop(v["admin"], "Status"));
        Assert.Equal("ConditionalAccess", Prop(v["admin"], "EnforcedBy"));
        Assert.True((bool)v["admin"].Properties["IsAdmin"].Value);
        Assert.Equal("Global Administrator", Prop(v["admin"], "AdminRoles"));
        Assert.Contains("register at next sign-in", Prop(v["reader"], "Reason"));
        Assert.Equal("NotCompliant", Prop(v["breakglass"], "Status"));
        Assert.Equal("Require MFA for all users (user)", Prop(v["breakglass"], "ExcludedFrom"));
        Assert.Equal("disabled", Prop(v["breakglass"], "PerUserMfaState"));
        Assert.Equal("Require MFA for all users (guests or external users)", Prop(v["vendor"], "ExcludedFrom"));
        Assert.Equal("Compliant", Prop(v["shannon.o'brien"], "Status"));

        var names = result.Output[0].Properties.Select(p => p.Name).ToList();
        foreach (var field in new[] { "TenantId", "TenantName", "UserPrincipalName", "DisplayName", "UserId", "UserType", "AccountEnabled", "Status", "EnforcedBy",
                     "ConditionalAccessPolicies", "ConditionalPolicies", "ExcludedFrom", "ReportOnlyPolicies", "SecurityDefaultsEnabled", "PerUserMfaState",
                     "IsMfaRegistered", "IsMfaCapable", "MethodsRegistered", "IsAdmin", "AdminRoles", "Reason" })
            Assert.Contains(field, names);
        Assert.Equal(new[] { "ConditionalAccess" }, Assert.IsAssignableFrom<IEnumerable<string>>(v["admin"].Properties["EnforcedBy"].Value));
        Assert.Equal("microsoftAuthenticatorPush; softwareOneTimePasscode", Prop(v["admin"], "MethodsRegistered"));
        Assert.Equal(SnapshotFiles.TenantId, Prop(v["admin"], "TenantId"));
    }

    [Fact]
    public void Shards_of_all_customers_together_read_every_customer_once_and_a_bad_shard_changes_nothing()
    {
        using var session = Connected();
        var whole = session.Run("Get-PartnerMfaStatus -AllCustomers");
        var parts = Enumerable.Range(1, 3).Select(i => session.Run($"Get-PartnerMfaStatus -AllCustomers -Shard {i}/3")).ToList();
        static string[] Keys(IEnumerable<PSObject> output) => output.Select(o => Prop(o, "TenantId") + "|" + Prop(o, "UserId")).OrderBy(k => k).ToArray();
        Assert.Equal(Keys(whole.Output), Keys(parts.SelectMany(p => p.Output)));
        Assert.Equal(whole.Errors.Count, parts.Sum(p => p.Errors.Count));
        Assert.Equal(3, parts.Sum(p => p.Output.Select(o => Prop(o, "TenantId")).Distinct().Count() + p.Errors.Count));

        var bad = session.Run("Get-PartnerMfaStatus -AllCustomers -Shard 4/3");
        var error = bad.Terminating ?? Assert.Single(bad.Errors);
        Assert.Equal("Shard", ((ParameterBindingException)error.Exception).ParameterName);
        Assert.Contains("i/n", error.ToString());
        Assert.Empty(bad.Output);
        var withoutAll = session.Run("Get-PartnerMfaStatus -CustomerTenantId fabrikam.onmicrosoft.com -Shard 1/2");
        Assert.IsAssignableFrom<ParameterBindingException>((withoutAll.Terminating ?? Assert.Single(withoutAll.Errors)).Exception);
        Assert.Empty(withoutAll.Output);
    }

    [Fact]
    public void All_customers_stream_their_verdicts_and_the_one_without_gdap_gives_one_error_naming_it_and_the_fix()
    {
        using var session = Connected();
        var result = session.Run("Get-PartnerMfaStatus -AllCustomers");
        Assert.Null(result.Terminating);
        var tenants = result.Output.GroupBy(o => Prop(o, "TenantName")).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(new[] { "Fabrikam Dental", "Tailspin Logistics" }, tenants.Keys.OrderBy(k => k));
        Assert.All(tenants["Fabrikam Dental"], o => Assert.Equal("Compliant", Prop(o, "Status")));
        Assert.All(tenants["Fabrikam Dental"], o => Assert.Equal("SecurityDefaults", Prop(o, "EnforcedBy")));
        Assert.All(tenants["Fabrikam Dental"], o => Assert.Null(o.Properties["IsMfaRegistered"].Value));
        Assert.All(tenants["Tailspin Logistics"], o => Assert.Equal("Partial", Prop(o, "Status")));
        Assert.All(tenants["Tailspin Logistics"], o => Assert.Equal("MFA for Office (specific applications: Office 365)", Prop(o, "ConditionalPolicies")));

        var error = Assert.Single(result.Errors);
        Assert.Equal(MfaSnapshotFiles.AdatumId, error.TargetObject);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.StartsWith("NoDelegatedAccess", error.FullyQualifiedErrorId);
        Assert.Contains("Adatum Legal", error.Exception.Message);
        Assert.Contains("GDAP", error.ErrorDetails.RecommendedAction);

        var warning = Assert.Single(result.Warnings);
        Assert.Contains("Fabrikam Dental", warning.Message);
        Assert.Contains("P1 or P2", warning.Message);

        var progress = session.UI.Progress.Where(p => p.Activity == "Reading MFA posture").ToList();
        Assert.Contains(progress, p => p.StatusDescription == "3 of 3 tenants done, 4 users evaluated");
        Assert.Contains(progress, p => p.RecordType == ProgressRecordType.Completed);
    }

    [Fact]
    public void Customers_pipe_into_the_tenant_parameter_by_property_name()
    {
        using var session = Connected();
        var customers = session.Run("Get-PartnerCustomer");
        Assert.True(customers.Succeeded);
        Assert.Equal(new[] { "Adatum Legal", "Fabrikam Dental", "Tailspin Logistics" }, customers.Output.Select(o => Prop(o, "CompanyName")));
        var adatum = customers.Output[0];
        Assert.Equal("expired", Prop(adatum, "GdapStatus"));
        Assert.Equal("Global Reader; Security Administrator", Prop(customers.Output[1], "GdapRoles"));
        Assert.Equal(MfaSnapshotFiles.FabrikamId, Prop(customers.Output[1], "TenantId"));

        var piped = session.Run("Get-PartnerCustomer -Name Tail* | Get-PartnerMfaStatus");
        Assert.True(piped.Succeeded, string.Join(" | ", piped.Errors));
        Assert.Equal(2, piped.Output.Count);
        Assert.All(piped.Output, o => Assert.Equal("Tailspin Logistics", Prop(o, "TenantName")));

        var byDomain = session.Run("Get-PartnerCustomer -Domain fabrikamdental.onmicrosoft.com | Get-PartnerSecurityDefaults");
        Assert.True((bool)Assert.Single(byDomain.Output).Properties["IsEnabled"].Value);

        var missing = session.Run("Get-PartnerCustomer -Name 'Northwind'");
        Assert.Empty(missing.Output);
        Assert.StartsWith("CustomerNotFound", Assert.Single(missing.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Filters_narrow_the_output_and_a_user_found_nowhere_is_an_error()
    {
        using var session = Connected();
        var one = session.Run("Get-PartnerMfaStatus -UserPrincipalName \"shannon.o'brien@litware.onmicrosoft.com\"");
        Assert.True(one.Succeeded);
        Assert.Equal("shannon.o'brien@litware.onmicrosoft.com", Prop(Assert.Single(one.Output), "UserPrincipalName"));

        var admins = session.Run("Get-PartnerMfaStatus -AdminsOnly");
        Assert.Equal("admin@litware.onmicrosoft.com", Prop(Assert.Single(admins.Output), "UserPrincipalName"));

        var gaps = session.Run("Get-PartnerMfaStatus -Status NotCompliant, Partial");
        Assert.Equal(new[] { "breakglass", "vendor" }, gaps.Output.Select(o => Prop(o, "UserPrincipalName").Split('@')[0].Split('_')[0]).OrderBy(x => x));

        var nobody = session.Run("Get-PartnerMfaStatus -UserPrincipalName nobody@litware.onmicrosoft.com");
        Assert.Empty(nobody.Output);
        var error = Assert.Single(nobody.Errors);
        Assert.StartsWith("UserNotFound", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Bad_input_is_refused_before_anything_is_read()
    {
        using var session = Connected();
        var bad = session.Run("Get-PartnerMfaStatus -CustomerTenantId 'not a tenant'");
        Assert.Empty(bad.Output);
        Assert.Contains("is not a tenant", (bad.Terminating ?? Assert.Single(bad.Errors)).Exception.Message);
        var status = session.Run("Get-PartnerMfaStatus -Status Covered");
        Assert.NotNull(status.Terminating ?? status.Errors.FirstOrDefault());
        var throttle = session.Run("Get-PartnerMfaStatus -AllCustomers -ThrottleLimit 0");
        Assert.NotNull(throttle.Terminating ?? throttle.Errors.FirstOrDefault());
        var both = session.Run("Get-PartnerMfaStatus -AllCustomers -CustomerTenantId litware.onmicrosoft.com");
        Assert.NotNull(both.Terminating ?? both.Errors.FirstOrDefault());
        Assert.Empty(both.Output);
    }

    [Fact]
    public void No_stream_carries_a_token_even_with_verbose_and_debug_output()
    {
        using var session = Connected();
        var result = session.Run("Get-PartnerCustomer -Verbose -Debug; Get-PartnerMfaStatus -AllCustomers -Verbose -Debug");
        Assert.NotEmpty(result.Verbose);
        Assert.Contains(result.Verbose, v => v.Message.Contains("/beta/$batch") || v.Message.Contains("api.partnercenter.microsoft.com"));
        var text = string.Join("\n", result.Output.SelectMany(o => o.Properties.Select(p => p.Value?.ToString() ?? ""))
            .Concat(result.Verbose.Select(v => v.Message)).Concat(result.Debug.Select(d => d.Message))
            .Concat(result.Warnings.Select(w => w.Message)).Concat(result.Errors.Select(e => e.ToString() + e.ErrorDetails?.RecommendedAction)));
        Assert.DoesNotMatch("eyJ[A-Za-z0-9_-]{10,}\\.", text);
        Assert.DoesNotContain("MS-ContinuationToken:", text);
    }

    [Fact]
    public void Security_defaults_run_for_all_customers_too()
    {
        using var session = Connected();
        var result = session.Run("Get-PartnerSecurityDefaults -AllCustomers -ThrottleLimit 2");
        var byName = result.Output.ToDictionary(o => Prop(o, "TenantName"));
        Assert.Equal(new[] { "Fabrikam Dental", "Tailspin Logistics" }, byName.Keys.OrderBy(k => k));
        Assert.True((bool)byName["Fabrikam Dental"].Properties["IsEnabled"].Value);
        Assert.False((bool)byName["Tailspin Logistics"].Properties["CanEnable"].Value);
        Assert.Equal(MfaSnapshotFiles.AdatumId, Assert.Single(result.Errors).TargetObject);
    }

    [Fact]
    public void The_default_views_fit_120_columns()
    {
        using var session = Connected();
        var screen = session.Show("Get-PartnerMfaStatus -CustomerTenantId litware.onmicrosoft.com, tailspinlogistics.onmicrosoft.com");
        var lines = screen.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("UserPrincipalName") && l.Contains("Status") && l.Contains("Admin") && l.Contains("Reason"));
        Assert.Contains(lines, l => l.StartsWith("admin@litware.onmicrosoft.com") && l.Contains("Compliant") && l.Contains("MFA required at every sign-in"));
        Assert.Contains(lines, l => l.Contains("Tenant: Tailspin Logistics"));
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 120, $"too wide: {l}"));

        var customers = session.Show("Get-PartnerCustomer");
        var customerLines = customers.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(customerLines, l => l.StartsWith("Fabrikam Dental") && l.Contains("active") && l.Contains("2027-06-30"));
        Assert.All(customerLines, l => Assert.True(l.TrimEnd().Length <= 120, $"too wide: {l}"));
    }
}
