using System.Text.Json.Nodes;
using PartnerSecurity.Module.Tests.Support;
using static PartnerSecurity.Module.Tests.PartnerSecurityScoreTests;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// Get-PartnerMfaAdoption and the spending budget cmdlets on the demo partner, app-only connections refused where
/// Partner Center serves App+User only, and no token or secret in any stream of any of the new cmdlets.
/// </summary>
public class PartnerCenterSecurityTests
{
    private static JsonObject Telemetry() => Section("partnerCenterMfa");

    [Fact]
    public void Mfa_adoption_lists_each_integration_and_says_which_still_calls_without_mfa()
    {
        using var session = Demo();
        var result = session.Run("Get-PartnerMfaAdoption");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        var records = Telemetry()["applicationMfaAdoptionStatus"]!.AsArray().Select(n => (JsonObject)n!).ToList();
        Assert.Equal(records.Select(r => (string)r["applicationId"]!).Distinct().Count(), result.Output.Count);
        var psa = result.Output.First();
        Assert.Equal("Northwind PSA Connector", Prop(psa, "DisplayName"));
        Assert.False((bool)psa.Properties["AllCallsWithMfa"].Value);
        Assert.Equal(records.Where(r => (string)r["applicationName"]! == "Northwind PSA Connector").Sum(r => (long)r["totalRequestCount"]!), (long)psa.Properties["NonMfaRequests"].Value);
        Assert.Contains("Secure Application Model", Prop(psa, "Recommendation"));
        Assert.Contains("Northwind PSA Connector", Assert.Single(result.Warnings).Message);
        // Partner Center gives one application no name: its id stands in.
        Assert.Contains(result.Output, a => Prop(a, "ApplicationName") == string.Empty && Prop(a, "DisplayName") == Prop(a, "ApplicationId"));

        Assert.Equal(new[] { "Northwind PSA Connector" }, session.Run("Get-PartnerMfaAdoption -NonMfaOnly").Output.Select(a => Prop(a, "DisplayName")));
        var users = session.Run("Get-PartnerMfaAdoption -User").Output;
        Assert.Equal(new[] { "svc-pc-automation@northwindcloud.onmicrosoft.com" }, users.Select(u => Prop(u, "UserPrincipalName")));
        var requests = session.Run("Get-PartnerMfaAdoption -Request -NonMfaOnly").Output;
        Assert.NotEmpty(requests);
        Assert.All(requests, r => Assert.False((bool)r.Properties["MfaCompliant"].Value));
        Assert.True(session.Run("Get-PartnerMfaAdoption -Request").Output.Count > requests.Count);
    }

    [Fact]
    public void Budgets_are_read_for_every_customer_and_set_from_the_pipeline_with_whatif_first()
    {
        using var session = Demo();
        var probe = EmulatorProbe.For(session.Engine.Runspace);
        var budgets = session.Run("Get-PartnerCustomerSpendingBudget").Output;
        var customers = DemoData.Tenant("Northwind Cloud Partners")["customers"]!.AsArray().Select(c => (JsonObject)c!).ToList();
        Assert.Equal(customers.Select(c => (string)c["customer"]!["companyProfile"]!["companyName"]!), budgets.Select(b => Prop(b, "CompanyName")));
        foreach (var (customer, budget) in customers.Zip(budgets))
            Assert.Equal(customer["usageBudget"]?["amount"]?.GetValue<decimal>(), (decimal?)budget.Properties["Amount"].Value);

        var whatIf = session.Run("Get-PartnerCustomer -Name 'Adatum*' | Set-PartnerCustomerSpendingBudget -Amount 2500 -WhatIf");
        Assert.True(whatIf.Succeeded, string.Join(" | ", whatIf.Errors));
        Assert.Contains("Set the Azure spending budget to 2500 (now none)", session.Screen);
        Assert.Equal(0, probe.RequestCount("PATCH", "usagebudget"));

        var set = session.Run("Get-PartnerCustomer -Name 'Adatum*' | Set-PartnerCustomerSpendingBudget -Amount 2500");
        Assert.True(set.Succeeded, string.Join(" | ", set.Errors));
        var changed = Assert.Single(set.Output);
        Assert.Equal(2500m, (decimal)changed.Properties["Amount"].Value);
        Assert.Null(changed.Properties["PreviousAmount"].Value);
        Assert.Equal(1, probe.RequestCount("PATCH", "usagebudget"));
        Assert.Equal(2500m, (decimal)session.Run("Get-PartnerCustomerSpendingBudget adatumlegal.onmicrosoft.com").Output.Single().Properties["Amount"].Value);

        var unknown = session.Run("Set-PartnerCustomerSpendingBudget -CustomerTenantId nowhere.onmicrosoft.com -Amount 10");
        Assert.StartsWith("CustomerNotFound", Assert.Single(unknown.Errors).FullyQualifiedErrorId);
        var negative = session.Run("Set-PartnerCustomerSpendingBudget -CustomerTenantId adatumlegal.onmicrosoft.com -Amount -1");
        Assert.StartsWith("InvalidBudget", (negative.Terminating ?? Assert.Single(negative.Errors)).FullyQualifiedErrorId);
        Assert.Equal(1, probe.RequestCount("PATCH", "usagebudget"));
    }

    [Fact]
    public void App_only_gets_budgets_but_a_clear_error_for_app_user_only_telemetry_and_the_missing_score_permission()
    {
        using var session = Demo("-Scopes Application.ReadWrite.All, GroupMember.ReadWrite.All");
        var app = session.Run("$app = New-SecureAppModelApplication -DisplayName 'Northwind Reporting Runbook' -UseClientSecret; $app");
        Assert.True(app.Succeeded, string.Join(" | ", app.Errors));
        var connected = session.Run($"Connect-PartnerSecurity -Demo -ApplicationId $app.ApplicationId -ClientSecret $app.ClientSecret -TenantId {DemoData.TenantId("Northwind Cloud Partners")}");
        Assert.True(connected.Succeeded, string.Join(" | ", connected.Errors));
        var probe = EmulatorProbe.For(session.Engine.Runspace);

        foreach (var command in new[] { "Get-PartnerMfaAdoption", "Get-PartnerMfaAdoption -User", "Get-PartnerMfaAdoption -Request" })
        {
            var result = session.Run(command);
            var error = result.Terminating ?? Assert.Single(result.Errors);
            Assert.StartsWith("AppAndUserOnly", error.FullyQualifiedErrorId);
            Assert.Contains("App+User callers only", error.Exception.Message);
            Assert.Contains("Secure Application Model", error.ErrorDetails.RecommendedAction);
        }
        Assert.Equal(0, probe.RequestCount("applicationmfaadoptionstatus") + probe.RequestCount("nonMfaCompliantPartnerPrincipals") + probe.RequestCount("partnerRequests"));

        var score = session.Run("Get-PartnerSecurityScore -Requirement");
        var denied = score.Terminating ?? Assert.Single(score.Errors);
        Assert.StartsWith("PartnerSecurityPermissionMissing", denied.FullyQualifiedErrorId);
        Assert.Contains("application permission PartnerSecurity.Read.All", denied.Exception.Message);
        Assert.Contains("grant admin consent", denied.ErrorDetails.RecommendedAction);

        var budgets = session.Run("Get-PartnerCustomerSpendingBudget");
        Assert.True(budgets.Succeeded, string.Join(" | ", budgets.Errors));
        Assert.Equal(3, budgets.Output.Count);
    }

    [Fact]
    public void No_token_appears_in_any_stream_of_the_new_cmdlets()
    {
        using var session = Demo("-Scopes PartnerSecurity.ReadWrite.All");
        var alert = (string)Section("partnerSecurity")["securityAlerts"]!.AsArray().First(a => (string)a!["status"]! == "investigating")!["id"]!;
        var result = session.Engine.Invoke($@"$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
            Get-PartnerSecurityScore; Get-PartnerSecurityScore -Requirement; Get-PartnerSecurityScore -History
            Get-PartnerSecurityScore -CustomerInsight; Get-PartnerSecurityScore -Compare
            Get-PartnerSecurityAlert; Update-PartnerSecurityAlert -Id {alert} -Status Resolved -Resolution Legitimate -Comment note
            Get-PartnerMfaAdoption; Get-PartnerMfaAdoption -User; Get-PartnerMfaAdoption -Request
            Get-PartnerCustomerSpendingBudget; Set-PartnerCustomerSpendingBudget -CustomerTenantId adatumlegal.onmicrosoft.com -Amount 10
            Update-PartnerSecurityAlert -Id no-such-alert -Status Active", display: true);
        var text = string.Join("\n", result.Output.Select(o => o.ToString())
            .Concat(result.Errors.Select(e => e + " " + e.Exception + " " + e.ErrorDetails?.RecommendedAction))
            .Concat(result.Warnings.Select(w => w.Message)).Concat(result.Verbose.Select(v => v.Message)).Concat(result.Debug.Select(d => d.Message))
            .Append(session.Screen));
        Assert.Contains("securityScore", text);
        Assert.Contains("usagebudget", text);
        var secrets = EmulatorAccess.OfConnection(session).IssuedSecrets.Where(s => s.Length >= 16).ToList();
        Assert.NotEmpty(secrets);
        foreach (var secret in secrets)
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A token ({secret.Substring(0, 6)}...) appeared in the output.");
    }
}
