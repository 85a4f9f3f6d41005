using System.Management.Automation;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// Set-PartnerUserMfaState -State Disabled where per-user MFA is a user's only coverage (Gary Holt on the demo: excluded
/// from every policy, per-user MFA enforced): a warning, a high-impact prompt that changes nothing when declined, -WhatIf,
/// -Force, a host that cannot ask. Where something else covers the user (Fatima Al-Sayed: conditional access too),
/// nothing more is asked.
/// </summary>
public class PerUserMfaCoverageLossTests
{
    private const string Gary = "gary.holt@northwindcloud.com";
    private const string Fatima = "fatima.alsayed@northwindcloud.com";
    private const string Requirements = "/authentication/requirements";

    private static string Prop(PSObject o, string name) => DemoSession.Prop(o, name);

    private static (PowerShellSession Session, EmulatorProbe Probe) Demo() => DemoSession.Connect();

    private static PSObject Verdict(PowerShellSession session, string upn) =>
        Assert.Single(session.Run($"Get-PartnerMfaStatus -UserPrincipalName {upn} -IncludePerUserMfaState").Output);

    [Fact]
    public void Declining_the_prompt_with_the_coverage_loss_changes_nothing_and_accepting_removes_the_coverage()
    {
        var (session, probe) = Demo();
        using var _ = session;
        session.UI.ScriptedChoices.Enqueue("No");
        var declined = session.Run($"Set-PartnerUserMfaState -UserPrincipalName {Gary} -State Disabled");
        Assert.True(declined.Succeeded, string.Join(" | ", declined.Errors));
        Assert.Empty(declined.Output);
        var warning = Assert.Single(declined.Warnings).Message;
        Assert.Contains("Disabling per-user MFA in Northwind Cloud Partners", warning);
        Assert.Contains(Gary, warning);
        Assert.Contains("Per-user MFA is the only thing that requires MFA of them", warning);
        var prompt = Assert.Single(session.UI.Prompts);
        Assert.Contains("Remove a user's only MFA coverage", prompt);
        Assert.Contains($"only thing that requires MFA of {Gary}", prompt);
        Assert.Equal(0, probe.BatchItemCount("PATCH", Requirements));
        var still = Verdict(session, Gary);
        Assert.Equal("Compliant", Prop(still, "Status"));
        Assert.Equal("enforced", Prop(still, "PerUserMfaState"));

        session.UI.ScriptedChoices.Enqueue("Yes");
        var accepted = session.Run($"Set-PartnerUserMfaState -UserPrincipalName {Gary} -State Disabled");
        Assert.True(accepted.Succeeded, string.Join(" | ", accepted.Errors));
        Assert.Equal("disabled", Prop(Assert.Single(accepted.Output), "PerUserMfaState"));
        Assert.Equal(2, session.UI.Prompts.Count);
        Assert.Equal(1, probe.BatchItemCount("PATCH", Requirements));
        var after = Verdict(session, Gary);
        Assert.Equal("NotCompliant", Prop(after, "Status"));
        Assert.NotEmpty(Prop(after, "Remedy"));
    }

    [Fact]
    public void WhatIf_says_the_user_would_lose_their_only_coverage_and_force_does_not_ask()
    {
        var (session, probe) = Demo();
        using var _ = session;
        var whatIf = session.Run($"Set-PartnerUserMfaState -UserPrincipalName {Gary} -State Disabled -WhatIf");
        Assert.Empty(whatIf.Output);
        Assert.Contains(session.Screen.Split('\n'), l => l.StartsWith("What if: ") && l.Contains(Gary) && l.Contains("would lose their only MFA coverage"));
        Assert.Empty(session.UI.Prompts);
        Assert.Equal(0, probe.BatchItemCount("PATCH", Requirements));

        var forced = session.Run($"Set-PartnerUserMfaState -UserPrincipalName {Gary} -State Disabled -Force");
        Assert.True(forced.Succeeded, string.Join(" | ", forced.Errors));
        Assert.Contains(Gary, Assert.Single(forced.Warnings).Message);
        Assert.Empty(session.UI.Prompts);
        Assert.Equal(1, probe.BatchItemCount("PATCH", Requirements));
    }

    [Fact]
    public void A_host_that_cannot_ask_changes_nothing_and_says_to_use_force()
    {
        var (session, probe) = Demo();
        using var _ = session;
        var result = session.Run($"Set-PartnerUserMfaState -UserPrincipalName {Gary}, {Fatima} -State Disabled");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ConfirmationRequired", error.FullyQualifiedErrorId);
        Assert.Equal(Gary, error.TargetObject);
        Assert.Contains("-Force", error.ErrorDetails.RecommendedAction);
        // Fatima is still covered by conditional access: her change needs no more than ShouldProcess.
        Assert.Equal(Fatima, Prop(Assert.Single(result.Output), "UserPrincipalName"));
        Assert.Equal(1, probe.BatchItemCount("PATCH", Requirements));
        Assert.Equal("enforced", Prop(Verdict(session, Gary), "PerUserMfaState"));
        Assert.Equal("Compliant", Prop(Verdict(session, Fatima), "Status"));
    }

    [Fact]
    public void Confirm_false_settles_it_as_for_any_high_impact_change()
    {
        var (session, probe) = Demo();
        using var _ = session;
        var result = session.Run($"Set-PartnerUserMfaState -UserPrincipalName {Gary} -State Disabled -Confirm:$false");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        Assert.Empty(session.UI.Prompts);
        Assert.Equal(1, probe.BatchItemCount("PATCH", Requirements));
    }
}
