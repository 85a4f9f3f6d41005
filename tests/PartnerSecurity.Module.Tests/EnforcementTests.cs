using System.Management.Automation;
using System.Text.Json.Nodes;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// Enable-/Disable-PartnerSecurityDefaults and Set-PartnerUserMfaState on the demo tenant: refusals, -WhatIf,
/// confirmation prompts, the coverage-loss warning, and changes the next call sees. Expected figures come from
/// tests/data/demo-expected-verdicts.json, the hand-worked oracle.
/// </summary>
public class EnforcementTests
{
    private const string Fabrikam = "fabrikamdental.onmicrosoft.com";
    private const string Tailspin = "tailspinlogistics.onmicrosoft.com";
    private const string SecurityDefaultsPath = "identitySecurityDefaultsEnforcementPolicy";

    private static List<JsonObject> Oracle() => DemoSession.ExpectedVerdicts();

    private static string Prop(PSObject o, string name) => DemoSession.Prop(o, name);

    private static (PowerShellSession Session, EmulatorProbe Probe) Demo() => DemoSession.Connect();

    /// <summary>"9 enabled users, 2 of them admins, would no longer be covered", from the oracle: users only security defaults cover.</summary>
    private static string FabrikamLoss()
    {
        var onlyDefaults = Oracle().Where(o => (string)o["tenant"]! == "Fabrikam Dental"
            && o["enforcedBy"]!.AsArray().Select(e => (string)e!).SequenceEqual(new[] { "SecurityDefaults" })).ToList();
        return $"{onlyDefaults.Count} enabled users, {onlyDefaults.Count(o => (bool)o["isAdmin"]!)} of them admins, would no longer be covered";
    }

    // ------------------------------------------------------------ security defaults

    [Fact]
    public void Enabling_beside_conditional_access_is_refused_naming_the_policies_and_nothing_changes()
    {
        var (session, probe) = Demo();
        using var _ = session;
        var result = session.Run($"Enable-PartnerSecurityDefaults -CustomerTenantId {Tailspin}, abd5cbc6-f26d-397b-9e04-8e45f81b3ea1");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e =>
        {
            Assert.StartsWith("ConditionalAccessPreventsSecurityDefaults", e.FullyQualifiedErrorId);
            Assert.Contains("Microsoft does not allow both", e.Exception.Message);
            Assert.Contains("security defaults are for tenants without conditional access", e.Exception.Message);
            Assert.Contains("Nothing was changed", e.Exception.Message);
        });
        var tailspin = result.Errors.Single(e => e.Exception.Message.Contains("Tailspin Logistics")).Exception.Message;
        Assert.Contains("4 conditional access policies", tailspin);
        Assert.Contains("'TCA01: Require MFA for all users'", tailspin);
        Assert.DoesNotContain("TCA05", tailspin);
        Assert.Contains("'CA001: Require MFA for all users'", result.Errors.Single(e => e.Exception.Message.Contains("Northwind")).Exception.Message);
        Assert.Empty(session.UI.Prompts);
        Assert.Equal(0, probe.RequestCount("PATCH", SecurityDefaultsPath));
    }

    [Fact]
    public void Enabling_where_they_are_already_on_writes_nothing_and_says_so()
    {
        var (session, probe) = Demo();
        using var _ = session;
        var result = session.Run($"Enable-PartnerSecurityDefaults -CustomerTenantId {Fabrikam} -Verbose");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        Assert.True((bool)result.Output.Single().Properties["IsEnabled"].Value);
        Assert.Contains(result.Verbose, v => v.Message.Contains("already enabled in Fabrikam Dental"));
        Assert.Empty(session.UI.Prompts);
        Assert.Equal(0, probe.RequestCount("PATCH", SecurityDefaultsPath));
    }

    [Fact]
    public void WhatIf_reports_who_would_lose_coverage_and_changes_nothing()
    {
        var (session, probe) = Demo();
        using var _ = session;
        var loss = FabrikamLoss();
        var result = session.Run($"Disable-PartnerSecurityDefaults -CustomerTenantId {Fabrikam} -WhatIf");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        Assert.Empty(result.Output);
        var warning = Assert.Single(result.Warnings).Message;
        Assert.Contains(loss, warning);
        Assert.Contains("helen.park@fabrikamdental.com (admin)", warning);
        Assert.DoesNotContain("paula.souza", warning);
        Assert.DoesNotContain("Sync_FABDC01", warning);
        Assert.Contains("What if: ", session.Screen);
        Assert.Contains(loss, session.Screen);
        Assert.Empty(session.UI.Prompts);
        Assert.Equal(0, probe.RequestCount("PATCH", SecurityDefaultsPath));
        Assert.True((bool)session.Run($"Get-PartnerSecurityDefaults -CustomerTenantId {Fabrikam}").Output.Single().Properties["IsEnabled"].Value);

        // -Force does not override -WhatIf.
        var forced = session.Run($"Disable-PartnerSecurityDefaults -CustomerTenantId {Fabrikam} -Force -WhatIf");
        Assert.Empty(forced.Output);
        Assert.Equal(0, probe.RequestCount("PATCH", SecurityDefaultsPath));
    }

    [Fact]
    public void Disabling_asks_with_the_coverage_loss_in_the_prompt_and_the_next_call_sees_the_change()
    {
        var (session, probe) = Demo();
        using var _ = session;
        var loss = FabrikamLoss();

        session.UI.ScriptedChoices.Enqueue("No");
        var declined = session.Run($"Disable-PartnerSecurityDefaults -CustomerTenantId {Fabrikam}");
        Assert.True(declined.Succeeded, string.Join(" | ", declined.Errors));
        Assert.Empty(declined.Output);
        Assert.Contains(loss, Assert.Single(declined.Warnings).Message);
        var prompt = Assert.Single(session.UI.Prompts);
        Assert.Contains("Disable security defaults", prompt);
        Assert.Contains(loss, prompt);
        Assert.Equal(0, probe.RequestCount("PATCH", SecurityDefaultsPath));

        session.UI.ScriptedChoices.Enqueue("Yes");
        var accepted = session.Run($"Disable-PartnerSecurityDefaults -CustomerTenantId {Fabrikam}");
        Assert.True(accepted.Succeeded, string.Join(" | ", accepted.Errors));
        var after = accepted.Output.Single();
        Assert.Equal("Fabrikam Dental", Prop(after, "TenantName"));
        Assert.False((bool)after.Properties["IsEnabled"].Value);
        Assert.Equal(1, probe.RequestCount("PATCH", SecurityDefaultsPath));

        var now = session.Run($"Get-PartnerSecurityDefaults -CustomerTenantId {Fabrikam}").Output.Single();
        Assert.False((bool)now.Properties["IsEnabled"].Value);
        Assert.True((bool)now.Properties["CanEnable"].Value);
        var verdicts = session.Run($"Get-PartnerMfaStatus -CustomerTenantId {Fabrikam} -UserPrincipalName helen.park@fabrikamdental.com").Output.Single();
        Assert.Equal("NotCompliant", Prop(verdicts, "Status"));

        // Already off: nothing to do, nothing asked. Then back on with -Force: no prompt.
        var again = session.Run($"Disable-PartnerSecurityDefaults -CustomerTenantId {Fabrikam} -Verbose");
        Assert.Contains(again.Verbose, v => v.Message.Contains("already disabled"));
        Assert.Single(session.UI.Prompts.Skip(1));
        var enabled = session.Run($"Enable-PartnerSecurityDefaults -CustomerTenantId {Fabrikam} -Force");
        Assert.True(enabled.Succeeded, string.Join(" | ", enabled.Errors));
        Assert.True((bool)enabled.Output.Single().Properties["IsEnabled"].Value);
        Assert.Equal(2, session.UI.Prompts.Count);
        Assert.Equal(2, probe.RequestCount("PATCH", SecurityDefaultsPath));
        Assert.True((bool)session.Run($"Get-PartnerSecurityDefaults -CustomerTenantId {Fabrikam}").Output.Single().Properties["IsEnabled"].Value);
    }

    [Fact]
    public void Force_answers_the_prompt_but_an_explicit_confirm_still_asks()
    {
        var (session, probe) = Demo();
        using var _ = session;
        session.UI.ScriptedChoices.Enqueue("No");
        var confirmed = session.Run($"Disable-PartnerSecurityDefaults -CustomerTenantId {Fabrikam} -Force -Confirm");
        Assert.Empty(confirmed.Output);
        Assert.Single(session.UI.Prompts);
        Assert.Equal(0, probe.RequestCount("PATCH", SecurityDefaultsPath));

        var forced = session.Run($"Disable-PartnerSecurityDefaults -CustomerTenantId {Fabrikam} -Force");
        Assert.True(forced.Succeeded, string.Join(" | ", forced.Errors));
        Assert.Contains(FabrikamLoss(), Assert.Single(forced.Warnings).Message);
        Assert.False((bool)forced.Output.Single().Properties["IsEnabled"].Value);
        Assert.Single(session.UI.Prompts);
    }

    // ------------------------------------------------------------ per-user MFA

    [Fact]
    public void Users_piped_from_get_partnermfastatus_get_per_user_mfa_and_the_next_call_sees_it()
    {
        var (session, probe) = Demo();
        using var _ = session;
        var partial = Oracle().Where(o => (string)o["tenant"]! == "Tailspin Logistics" && (string)o["status"]! == "Partial").Select(o => (string)o["userPrincipalName"]!).ToList();

        var whatIf = session.Run($"Get-PartnerMfaStatus -CustomerTenantId {Tailspin} -Status Partial | Set-PartnerUserMfaState -State Enforced -WhatIf");
        Assert.True(whatIf.Succeeded, string.Join(" | ", whatIf.Errors));
        Assert.Empty(whatIf.Output);
        Assert.Equal(partial.Count, session.Screen.Split('\n').Count(l => l.StartsWith("What if: ") && l.Contains("Set per-user MFA to Enforced")));
        Assert.Contains("liam.o'connor@tailspinlogistics.com in Tailspin Logistics", session.Screen);
        Assert.Equal(0, probe.BatchItemCount("PATCH", "/authentication/requirements"));

        var set = session.Run($"Get-PartnerMfaStatus -CustomerTenantId {Tailspin} -Status Partial | Set-PartnerUserMfaState -State Enforced");
        Assert.True(set.Succeeded, string.Join(" | ", set.Errors));
        Assert.Equal(partial.OrderBy(u => u), set.Output.Select(o => Prop(o, "UserPrincipalName")).OrderBy(u => u));
        Assert.All(set.Output, o =>
        {
            Assert.Equal("enforced", Prop(o, "PerUserMfaState"));
            Assert.True((bool)o.Properties["Changed"].Value);
            Assert.Equal("Tailspin Logistics", Prop(o, "TenantName"));
        });
        Assert.Equal("disabled", Prop(set.Output.Single(o => Prop(o, "UserPrincipalName") == "aaliyah.brown@tailspinlogistics.com"), "PreviousState"));
        Assert.Equal(partial.Count, probe.BatchItemCount("PATCH", "/authentication/requirements"));

        var verdicts = session.Run($"Get-PartnerMfaStatus -CustomerTenantId {Tailspin}").Output;
        foreach (var upn in partial)
        {
            var verdict = verdicts.Single(v => Prop(v, "UserPrincipalName") == upn);
            Assert.Equal("Compliant", Prop(verdict, "Status"));
            Assert.Equal("PerUserMfa", Prop(verdict, "EnforcedBy"));
        }

        var again = session.Run($"Set-PartnerUserMfaState -CustomerTenantId {Tailspin} -UserPrincipalName \"liam.o'connor@tailspinlogistics.com\" -State Enforced -Verbose");
        Assert.False((bool)again.Output.Single().Properties["Changed"].Value);
        Assert.Contains(again.Verbose, v => v.Message.Contains("already has per-user MFA enforced"));
        Assert.Equal(partial.Count, probe.BatchItemCount("PATCH", "/authentication/requirements"));
    }

    [Fact]
    public void A_quote_in_the_upn_works_and_unknown_users_and_refused_writes_get_one_error_each()
    {
        var (session, probe) = Demo();
        using var _ = session;
        var shannon = "shannon.o'brien@northwindcloud.com";
        var shannonId = session.Run($"(Get-PartnerMfaStatus -UserPrincipalName \"{shannon}\").UserId").Output.Single().ToString();
        var diegoId = session.Run("(Get-PartnerMfaStatus -UserPrincipalName diego.ramirez@northwindcloud.com).UserId").Output.Single().ToString();
        probe.InjectFault($"PATCH .*/users/{diegoId}/authentication/requirements", "Forbidden");

        var result = session.Run($"Set-PartnerUserMfaState -UserPrincipalName \"{shannon}\", nobody@northwindcloud.com, diego.ramirez@northwindcloud.com -State Enabled");
        Assert.Null(result.Terminating);
        Assert.Equal(shannon, Prop(result.Output.Single(), "UserPrincipalName"));
        Assert.Equal("enabled", Prop(result.Output.Single(), "PerUserMfaState"));
        Assert.Equal(2, result.Errors.Count);
        var unknown = result.Errors.Single(e => e.FullyQualifiedErrorId.StartsWith("UserNotFound"));
        Assert.Equal("nobody@northwindcloud.com", unknown.TargetObject);
        Assert.Equal(ErrorCategory.ObjectNotFound, unknown.CategoryInfo.Category);
        var denied = result.Errors.Single(e => e.FullyQualifiedErrorId.StartsWith("GraphAccessDenied"));
        Assert.Equal("diego.ramirez@northwindcloud.com", denied.TargetObject);
        Assert.Equal(ErrorCategory.PermissionDenied, denied.CategoryInfo.Category);
        Assert.Contains("Authentication Policy Administrator", denied.ErrorDetails.RecommendedAction);

        var verdict = session.Run($"Get-PartnerMfaStatus -UserPrincipalName \"{shannon}\" -IncludePerUserMfaState").Output.Single();
        Assert.Equal("enabled", Prop(verdict, "PerUserMfaState"));
        Assert.Contains("PerUserMfa", Prop(verdict, "EnforcedBy"));
        Assert.Equal(shannonId, Prop(verdict, "UserId"));
        var diego = session.Run("Get-PartnerMfaStatus -UserPrincipalName diego.ramirez@northwindcloud.com -IncludePerUserMfaState").Output.Single();
        Assert.Equal("disabled", Prop(diego, "PerUserMfaState"));
    }

    [Fact]
    public void The_per_user_mfa_view_fits_120_columns()
    {
        var (session, _) = Demo();
        using var __ = session;
        var screen = session.Show($"Set-PartnerUserMfaState -CustomerTenantId {Tailspin} -UserPrincipalName \"liam.o'connor@tailspinlogistics.com\", jonas.becker@tailspinlogistics.com -State Enforced");
        var lines = screen.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("UserPrincipalName") && l.Contains("State") && l.Contains("Previous") && l.Contains("TenantName"));
        Assert.Contains(lines, l => l.StartsWith("liam.o'connor@tailspinlogistics.com") && l.Contains("enforced") && l.Contains("Tailspin Logistics"));
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 120, $"too wide: {l}"));
    }
}
