using System.Management.Automation;
using System.Text.Json.Nodes;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>Get-PartnerMfaStatus on the demo tenant against tests/data/demo-expected-verdicts.json, the independent oracle.</summary>
public class DemoMfaTests
{
    private static List<JsonObject> Oracle() => DemoSession.ExpectedVerdicts();

    private static string Prop(PSObject o, string name) => o.Properties[name].Value?.ToString() ?? string.Empty;

    /// <summary>Every oracle row of the given tenants has a verdict with the same status, mechanisms and admin flag.</summary>
    private static void Matches(IReadOnlyList<PSObject> output, IEnumerable<string> tenants, bool exactMechanisms)
    {
        var byUpn = output.ToDictionary(o => Prop(o, "UserPrincipalName"), StringComparer.OrdinalIgnoreCase);
        var expected = Oracle().Where(o => tenants.Contains((string)o["tenant"]!)).ToList();
        Assert.Equal(expected.Count, byUpn.Count);
        var mismatches = new List<string>();
        foreach (var o in expected)
        {
            var upn = (string)o["userPrincipalName"]!;
            if (!byUpn.TryGetValue(upn, out var v)) { mismatches.Add(upn + ": no verdict"); continue; }
            var mechanisms = o["enforcedBy"]!.AsArray().Select(e => (string)e!).ToList();
            if (!exactMechanisms && mechanisms.Count > 1) mechanisms.Remove("PerUserMfa");
            if (Prop(v, "Status") != (string)o["status"]! || Prop(v, "EnforcedBy") != string.Join("; ", mechanisms) || (bool)v.Properties["IsAdmin"].Value != (bool)o["isAdmin"]!)
                mismatches.Add($"{upn}: expected {o["status"]} [{string.Join("; ", mechanisms)}], got {Prop(v, "Status")} [{Prop(v, "EnforcedBy")}]: {Prop(v, "Reason")}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void The_partner_tenant_of_the_demo_gets_the_oracles_verdicts()
    {
        using var session = new PowerShellSession();
        session.Run("Connect-PartnerSecurity -Demo");
        var full = session.Run("Get-PartnerMfaStatus -IncludePerUserMfaState");
        Assert.True(full.Succeeded, string.Join(" | ", full.Errors));
        Matches(full.Output, new[] { "Northwind Cloud Partners" }, exactMechanisms: true);

        var byDefault = session.Run("Get-PartnerMfaStatus");
        Assert.True(byDefault.Succeeded);
        Matches(byDefault.Output, new[] { "Northwind Cloud Partners" }, exactMechanisms: false);
    }

    [Fact]
    public void All_customers_of_the_demo_get_the_oracles_verdicts_and_adatum_without_gdap_one_error()
    {
        using var session = new PowerShellSession();
        session.Run("Connect-PartnerSecurity -Demo");
        var result = session.Run("Get-PartnerMfaStatus -AllCustomers -IncludePerUserMfaState");
        Assert.Null(result.Terminating);
        Matches(result.Output, new[] { "Fabrikam Dental", "Tailspin Logistics" }, exactMechanisms: true);
        Assert.DoesNotContain(result.Output, o => Prop(o, "TenantName") == "Northwind Cloud Partners");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("NoDelegatedAccess", error.FullyQualifiedErrorId);
        Assert.Contains("Adatum Legal", error.Exception.Message);
        Assert.Equal(Oracle().First(o => (string)o["tenant"]! == "Adatum Legal")["tenantId"]!.ToString(), error.TargetObject);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("Fabrikam Dental", warning.Message);
        Assert.All(result.Output.Where(o => Prop(o, "TenantName") == "Fabrikam Dental"), o => Assert.Null(o.Properties["IsMfaRegistered"].Value));

        var byDefault = session.Run("Get-PartnerMfaStatus -AllCustomers -ErrorAction SilentlyContinue");
        Matches(byDefault.Output, new[] { "Fabrikam Dental", "Tailspin Logistics" }, exactMechanisms: false);
    }
}
