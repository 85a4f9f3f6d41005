using System.Management.Automation;
using System.Text.Json.Nodes;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// Get-PartnerMfaStatus -WhatIfPolicy / -WhatIfEnableReportOnly / -WhatIfRemovePolicy on the demo tenant: a baseline
/// rolled out to everyone but break-glass, the report-only policies enabled, the baseline removed; bad input; customers.
/// "Before" is checked against tests/data/demo-expected-verdicts.json, the hand-worked oracle.
/// </summary>
public sealed class WhatIfTests : IDisposable
{
    private const string Northwind = "Northwind Cloud Partners";
    private const string Tailspin = "tailspinlogistics.onmicrosoft.com";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "partnersecurity-whatif-" + Guid.NewGuid().ToString("N"));

    public WhatIfTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static List<JsonObject> Oracle(string tenant) => DemoSession.ExpectedVerdicts().Where(o => (string)o["tenant"]! == tenant).ToList();

    private static string Prop(PSObject o, string name) => DemoSession.Prop(o, name);

    /// <summary>The one error a failed command gave, and that it gave no output.</summary>
    private static ErrorRecord Failure(PartnerSecurity.Hosting.InvocationResult result)
    {
        Assert.Empty(result.Output);
        return result.Terminating ?? Assert.Single(result.Errors);
    }

    private static (PowerShellSession Session, EmulatorProbe Probe) Demo() => DemoSession.Connect();

    private string WriteFile(string name, string json)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, json);
        return path;
    }

    /// <summary>The Entra portal's "Download JSON" of a baseline: no id, report-only as exported, everyone but the two break-glass accounts.</summary>
    private static string Baseline(params string[] excludedUserIds) => new JsonObject
    {
        ["templateId"] = null,
        ["displayName"] = "CA100: Baseline - require MFA for all users",
        ["createdDateTime"] = "2026-11-01T10:00:00Z",
        ["modifiedDateTime"] = null,
        ["state"] = "enabledForReportingButNotEnforced",
        ["conditions"] = new JsonObject
        {
            ["clientAppTypes"] = new JsonArray("all"),
            ["applications"] = new JsonObject { ["includeApplications"] = new JsonArray("All"), ["excludeApplications"] = new JsonArray() },
            ["users"] = new JsonObject
            {
                ["includeUsers"] = new JsonArray("All"),
                ["excludeUsers"] = new JsonArray(excludedUserIds.Select(id => (JsonNode)JsonValue.Create(id)!).ToArray()),
                ["includeGroups"] = new JsonArray(), ["excludeGroups"] = new JsonArray(), ["includeRoles"] = new JsonArray(), ["excludeRoles"] = new JsonArray(),
            },
        },
        ["grantControls"] = new JsonObject { ["operator"] = "OR", ["builtInControls"] = new JsonArray("mfa") },
    }.ToJsonString();

    private static List<string> BreakGlassIds(PowerShellSession session) =>
        session.Run("(Get-PartnerMfaStatus -UserPrincipalName breakglass01@northwindcloud.onmicrosoft.com, breakglass02@northwindcloud.onmicrosoft.com).UserId")
            .Output.Select(o => o.ToString()).ToList();

    [Fact]
    public void A_baseline_for_everyone_but_break_glass_covers_every_enabled_user_keeps_break_glass_excluded_and_costs_no_extra_request()
    {
        var (session, probe) = Demo();
        using var _ = session;
        var path = WriteFile("baseline.json", Baseline(BreakGlassIds(session).ToArray()));

        int start = probe.UnthrottledRequestCount("graph.microsoft.com");
        var plain = session.Run("Get-PartnerMfaStatus");
        int plainRequests = probe.UnthrottledRequestCount("graph.microsoft.com") - start;
        Assert.True(plain.Succeeded);

        start = probe.UnthrottledRequestCount("graph.microsoft.com");
        var result = session.Run($"Get-PartnerMfaStatus -WhatIfPolicy {PowerShellSession.Quote(path)}");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors.Select(e => e.ToString()).Append(result.Terminating?.ToString() ?? "")));
        Assert.Equal(plainRequests, probe.UnthrottledRequestCount("graph.microsoft.com") - start);
        Assert.Empty(result.Warnings);

        var oracle = Oracle(Northwind).ToDictionary(o => (string)o["userPrincipalName"]!, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(oracle.Count, result.Output.Count);
        foreach (var v in result.Output)
        {
            var upn = Prop(v, "UserPrincipalName");
            Assert.Equal((string)oracle[upn]["status"]!, Prop(v, "Before"));
            Assert.Equal(Prop(v, "Status"), Prop(v, "After"));
            Assert.Equal(Prop(v, "Before") == "NotApplicable" ? "NotApplicable" : "Compliant", Prop(v, "After"));
            Assert.Contains("PartnerSecurity.Mfa.MfaVerdict#WhatIf", v.TypeNames);
        }
        // Who becomes covered: every enabled user the oracle finds Partial or NotCompliant today.
        var gained = result.Output.Where(v => Prop(v, "Before") != Prop(v, "After")).Select(v => Prop(v, "UserPrincipalName")).OrderBy(u => u).ToList();
        Assert.Equal(oracle.Values.Where(o => (string)o["status"]! is "Partial" or "NotCompliant").Select(o => (string)o["userPrincipalName"]!).OrderBy(u => u), gained);
        // Break-glass stays excluded from the new baseline (and covered by its own phishing-resistant policy).
        foreach (var upn in new[] { "breakglass01@northwindcloud.onmicrosoft.com", "breakglass02@northwindcloud.onmicrosoft.com" })
        {
            var bg = result.Output.Single(v => Prop(v, "UserPrincipalName") == upn);
            Assert.Contains("CA100: Baseline - require MFA for all users (user)", Prop(bg, "ExcludedFrom"));
            Assert.DoesNotContain("CA100", Prop(bg, "ConditionalAccessPolicies"));
        }
        var casey = result.Output.Single(v => Prop(v, "UserPrincipalName") == "casey.morgan@northwindcloud.com");
        Assert.Contains("CA100: Baseline - require MFA for all users", Prop(casey, "ConditionalAccessPolicies"));

        // The view shows the status before and after.
        var screen = session.Show($"Get-PartnerMfaStatus -WhatIfPolicy {PowerShellSession.Quote(path)} -UserPrincipalName casey.morgan@northwindcloud.com");
        Assert.Contains(screen.Split('\n'), l => l.StartsWith("UserPrincipalName") && l.Contains("Before") && l.Contains("After"));
        Assert.Contains(screen.Split('\n'), l => l.Contains("casey.morgan@northwindcloud.com") && l.Contains("NotCompliant") && l.Contains("Compliant"));
    }

    [Fact]
    public void Enabling_the_report_only_policies_covers_the_vendors_and_changes_nobody_else()
    {
        var (session, _) = Demo();
        using var __ = session;
        var result = session.Run("Get-PartnerMfaStatus -WhatIfEnableReportOnly");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        var changed = result.Output.Where(v => Prop(v, "Before") != Prop(v, "After")).ToList();
        Assert.Equal(new[] { "casey.morgan@northwindcloud.com", "jordan.blake@northwindcloud.com" }, changed.Select(v => Prop(v, "UserPrincipalName")).OrderBy(u => u));
        Assert.All(changed, v =>
        {
            Assert.Equal("NotCompliant", Prop(v, "Before"));
            Assert.Equal("Compliant", Prop(v, "After"));
            Assert.Equal("CA090: Require MFA for vendors (report-only)", Prop(v, "ConditionalAccessPolicies"));
            Assert.Empty(Prop(v, "ReportOnlyPolicies"));
            Assert.Empty(Prop(v, "Remedy"));
        });
    }

    [Fact]
    public void Removing_the_baseline_exposes_everyone_only_it_covers_and_a_name_that_matches_nothing_is_a_warning()
    {
        var (session, _) = Demo();
        using var __ = session;
        var result = session.Run("Get-PartnerMfaStatus -WhatIfRemovePolicy 'CA001:*', 'CA999: no such policy'");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        var warning = Assert.Single(result.Warnings).Message;
        Assert.Contains("'CA999: no such policy' names no conditional access policy", warning);
        Assert.Contains(Northwind, warning);

        var byUpn = result.Output.ToDictionary(v => Prop(v, "UserPrincipalName"));
        var maya = byUpn["maya.goldberg@northwindcloud.com"];
        Assert.Equal("Compliant", Prop(maya, "Before"));
        Assert.Equal("NotCompliant", Prop(maya, "After"));
        Assert.NotEmpty(Prop(maya, "Remedy"));
        Assert.DoesNotContain("CA001", Prop(maya, "Reason"));
        var ava = byUpn["ava.thompson@northwindcloud.com"];
        Assert.Equal("Compliant", Prop(ava, "After"));
        Assert.Contains("CA003", Prop(ava, "ConditionalAccessPolicies"));
        Assert.DoesNotContain("CA001", Prop(ava, "ConditionalAccessPolicies"));

        var notCompliant = session.Run("Get-PartnerMfaStatus -WhatIfRemovePolicy 'CA001: Require MFA for all users' -Status NotCompliant");
        Assert.All(notCompliant.Output, v => Assert.Equal("NotCompliant", Prop(v, "After")));
        Assert.Contains(notCompliant.Output, v => Prop(v, "Before") == "Compliant");
    }

    [Fact]
    public void Bad_input_stops_before_any_tenant_is_read_naming_the_file_the_policy_and_the_field()
    {
        var (session, probe) = Demo();
        using var __ = session;
        int start = probe.RequestCount("graph.microsoft.com");

        var broken = WriteFile("broken.json", "{ \"displayName\": \"CA200\", \"conditions\": { ");
        var unreadable = Failure(session.Run($"Get-PartnerMfaStatus -WhatIfPolicy {PowerShellSession.Quote(broken)}"));
        Assert.StartsWith("WhatIfPolicyUnreadable", unreadable.FullyQualifiedErrorId);
        Assert.Contains(broken, unreadable.Exception.Message);
        Assert.Contains("not valid JSON (line 1", unreadable.Exception.Message);
        Assert.Equal(ErrorCategory.InvalidData, unreadable.CategoryInfo.Category);
        Assert.Contains("Download JSON", unreadable.ErrorDetails.RecommendedAction);

        var shape = WriteFile("shape.json", "[{ \"displayName\": \"CA201: Exclusions as text\", \"conditions\": { \"users\": { \"includeUsers\": [\"All\"], \"excludeUsers\": \"breakglass\" } }, \"grantControls\": { \"operator\": \"OR\", \"builtInControls\": [\"mfa\"] } }]");
        var wrong = Failure(session.Run($"Get-PartnerMfaStatus -WhatIfPolicy {PowerShellSession.Quote(shape)}"));
        Assert.Contains(shape, wrong.Exception.Message);
        Assert.Contains("'CA201: Exclusions as text'", wrong.Exception.Message);
        Assert.Contains("conditions.users.excludeUsers must be a list of strings, not a string", wrong.Exception.Message);

        var missing = Failure(session.Run($"Get-PartnerMfaStatus -WhatIfPolicy {PowerShellSession.Quote(Path.Combine(_folder, "nothing-here.json"))}"));
        Assert.StartsWith("WhatIfPolicyNotFound", missing.FullyQualifiedErrorId);

        var notPolicy = Failure(session.Run("Get-PartnerMfaStatus -WhatIfPolicy @{ displayName = 'No conditions' }"));
        Assert.Contains("is not a conditional access policy", notPolicy.Exception.Message);

        Assert.Equal(start, probe.RequestCount("graph.microsoft.com"));
    }

    [Fact]
    public void A_group_the_tenant_lacks_is_a_warning_naming_the_policy_and_the_field()
    {
        var (session, _) = Demo();
        using var __ = session;
        var unknown = "0a0b0c0d-0000-4000-8000-000000000001";
        var result = session.Run($@"
            $policy = @{{ displayName = 'CA300: Pilot group'; state = 'enabled'
                conditions = @{{ users = @{{ includeGroups = @('{unknown}') }}; applications = @{{ includeApplications = @('All') }} }}
                grantControls = @{{ operator = 'OR'; builtInControls = @('mfa') }} }}
            Get-PartnerMfaStatus -WhatIfPolicy $policy -UserPrincipalName maya.goldberg@northwindcloud.com");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        var warning = Assert.Single(result.Warnings).Message;
        Assert.Contains("'CA300: Pilot group'", warning);
        Assert.Contains($"conditions.users.includeGroups names group {unknown}", warning);
        Assert.Contains("it includes nobody", warning);
        Assert.Equal("Compliant", Prop(Assert.Single(result.Output), "After"));
    }

    [Fact]
    public void A_customer_gets_the_same_what_if_with_the_same_request_budget()
    {
        var (session, probe) = Demo();
        using var __ = session;
        int start = probe.UnthrottledRequestCount("graph.microsoft.com");
        var plain = session.Run($"Get-PartnerMfaStatus -CustomerTenantId {Tailspin}");
        int plainRequests = probe.UnthrottledRequestCount("graph.microsoft.com") - start;

        start = probe.UnthrottledRequestCount("graph.microsoft.com");
        var result = session.Run($"Get-PartnerMfaStatus -CustomerTenantId {Tailspin} -WhatIfPolicy {PowerShellSession.Quote(Baseline())}");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors.Select(e => e.ToString()).Append(result.Terminating?.ToString() ?? "")));
        Assert.Equal(plainRequests, probe.UnthrottledRequestCount("graph.microsoft.com") - start);
        var oracle = Oracle("Tailspin Logistics").ToDictionary(o => (string)o["userPrincipalName"]!, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(plain.Output.Count, result.Output.Count);
        Assert.All(result.Output, v =>
        {
            Assert.Equal("Tailspin Logistics", Prop(v, "TenantName"));
            Assert.Equal((string)oracle[Prop(v, "UserPrincipalName")]["status"]!, Prop(v, "Before"));
            Assert.Equal(Prop(v, "Before") == "NotApplicable" ? "NotApplicable" : "Compliant", Prop(v, "After"));
        });
    }

    [Fact]
    public void Without_a_what_if_before_and_after_are_empty_and_gaps_carry_a_remedy()
    {
        var (session, _) = Demo();
        using var __ = session;
        var result = session.Run("Get-PartnerMfaStatus");
        Assert.All(result.Output, v =>
        {
            Assert.Null(v.Properties["Before"].Value);
            Assert.Null(v.Properties["After"].Value);
            Assert.Equal(Prop(v, "Status") is "Partial" or "NotCompliant", Prop(v, "Remedy").Length > 0);
        });
        var felix = result.Output.Single(v => Prop(v, "UserPrincipalName") == "felix.wagner@northwindcloud.com");
        Assert.Contains("CA018: Contractors - require MFA (resources not yet chosen) (applies to no application", Prop(felix, "IneffectivePolicies"));
        Assert.Equal("Take the user out of group 'CA-Excluded-Baseline-MFA' ('CA001: Require MFA for all users' excludes it).", Prop(felix, "Remedy"));
        var nadia = result.Output.Single(v => Prop(v, "UserPrincipalName") == "nadia.karim@northwindcloud.com");
        Assert.StartsWith("Helpdesk Administrator (administrative unit ", Prop(nadia, "AdminRoles"));
        Assert.Contains("'CA003: Require MFA for administrators' includes Helpdesk Administrator, which the user holds only in a limited scope", Prop(nadia, "Reason"));
        var ingrid = result.Output.Single(v => Prop(v, "UserPrincipalName") == "ingrid.svensson@northwindcloud.com");
        Assert.Contains("excludes applications: Northwind Timesheets; application filter (exclude CustomSecurityAttribute.AppRisk_Level -eq \"Low\")", Prop(ingrid, "ConditionalPolicies"));
    }
}
