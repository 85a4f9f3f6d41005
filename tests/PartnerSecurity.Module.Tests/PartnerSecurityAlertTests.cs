using System.Text.Json.Nodes;
using PartnerSecurity.Module.Tests.Support;
using static PartnerSecurity.Module.Tests.PartnerSecurityScoreTests;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// Get-PartnerSecurityAlert and Update-PartnerSecurityAlert on the demo partner: filters against the snapshot's
/// alerts, customers from the pipeline, -WhatIf and -Confirm, pipeline updates the next read sees, and refusals.
/// </summary>
public class PartnerSecurityAlertTests
{
    private static List<JsonObject> Alerts() => Section("partnerSecurity")["securityAlerts"]!.AsArray().Select(n => (JsonObject)n!).ToList();

    [Fact]
    public void Alerts_are_filtered_by_status_severity_and_customer_from_the_pipeline_newest_first()
    {
        using var session = Demo();
        var all = session.Run("Get-PartnerSecurityAlert").Output;
        Assert.Equal(Alerts().Count, all.Count);
        var detected = all.Select(a => (DateTimeOffset)a.Properties["DetectedDateTime"].Value).ToList();
        Assert.Equal(detected.OrderByDescending(d => d), detected);

        var active = session.Run("Get-PartnerSecurityAlert -Status Active, Investigating").Output;
        Assert.Equal(Alerts().Count(a => (string)a["status"]! != "resolved"), active.Count);
        var high = session.Run("Get-PartnerSecurityAlert -Severity High").Output;
        Assert.Equal(Alerts().Count(a => (string)a["severity"]! == "high"), high.Count);

        var tailspin = DemoData.TenantId("Tailspin Logistics");
        var piped = session.Run("Get-PartnerCustomer -Name 'Tailspin*' | Get-PartnerSecurityAlert");
        Assert.True(piped.Succeeded, string.Join(" | ", piped.Errors));
        Assert.Equal(Alerts().Count(a => (string)a["customerTenantId"]! == tailspin), piped.Output.Count);
        Assert.All(piped.Output, a => Assert.Equal("Tailspin Logistics", Prop(a, "CustomerName")));
        Assert.Equal(piped.Output.Count, session.Run("Get-PartnerSecurityAlert -CustomerTenantId tailspinlogistics.onmicrosoft.com").Output.Count);

        var unknown = session.Run("Get-PartnerSecurityAlert -CustomerTenantId nowhere.onmicrosoft.com");
        Assert.Empty(unknown.Output);
        Assert.StartsWith("CustomerNotFound", Assert.Single(unknown.Errors).FullyQualifiedErrorId);

        Assert.Contains("Informational", session.Show("Get-PartnerSecurityAlert"));
    }

    [Fact]
    public void WhatIf_and_a_declined_prompt_change_nothing_and_a_pipeline_update_is_what_the_next_read_sees()
    {
        using var session = Demo("-Scopes PartnerSecurity.ReadWrite.All");
        var probe = EmulatorProbe.For(session.Engine.Runspace);
        var open = Alerts().Single(a => (string)a["status"]! == "active");
        var id = (string)open["id"]!;

        var whatIf = session.Run("Get-PartnerSecurityAlert -Status Active | Update-PartnerSecurityAlert -Status Investigating -WhatIf");
        Assert.True(whatIf.Succeeded, string.Join(" | ", whatIf.Errors));
        Assert.Empty(whatIf.Output);
        Assert.Contains("What if: ", session.Screen);
        Assert.Contains("Set status to Investigating, now Active", session.Screen);
        Assert.Contains(id, session.Screen);
        Assert.Equal(0, probe.RequestCount("PATCH", "securityAlerts"));

        session.UI.ScriptedChoices.Enqueue("No");
        var declined = session.Run($"Update-PartnerSecurityAlert -Id {id} -Status Resolved -Resolution Legitimate -Confirm");
        Assert.True(declined.Succeeded, string.Join(" | ", declined.Errors));
        Assert.Contains("Set status to Resolved (Legitimate), now Active", Assert.Single(session.UI.Prompts));
        Assert.Equal(0, probe.RequestCount("PATCH", "securityAlerts"));

        var updated = session.Run("Get-PartnerSecurityAlert -Status Active | Update-PartnerSecurityAlert -Status Resolved -Resolution Fraud -Comment 'Miner removed; ticket 4711'");
        Assert.True(updated.Succeeded, string.Join(" | ", updated.Errors));
        var alert = Assert.Single(updated.Output);
        Assert.Equal("Resolved", Prop(alert, "Status"));
        Assert.Equal("Fraud", Prop(alert, "ResolvedReason"));
        Assert.Equal("ava.thompson@northwindcloud.com", Prop(alert, "ResolvedBy"));
        Assert.Equal("Miner removed; ticket 4711", Prop(alert, "Comment"));
        Assert.Contains("no field for a comment", Assert.Single(updated.Warnings).Message);
        Assert.Equal(1, probe.RequestCount("PATCH", "securityAlerts"));

        var again = session.Run($"Get-PartnerSecurityAlert -Id {id}").Output.Single();
        Assert.Equal("Resolved", Prop(again, "Status"));
        Assert.EndsWith("Active -> Resolved by ava.thompson@northwindcloud.com", Prop(again, "ActivityLog"));
        Assert.Empty(session.Run("Get-PartnerSecurityAlert -Status Active").Output);

        // Already in that state: nothing is written.
        var same = session.Run($"Update-PartnerSecurityAlert -Id {id} -Status Resolved -Resolution Fraud -Verbose");
        Assert.Contains(same.Verbose, v => v.Message.Contains("already Resolved"));
        Assert.Equal(1, probe.RequestCount("PATCH", "securityAlerts"));
    }

    [Fact]
    public void Updates_that_cannot_be_made_are_refused_with_what_to_do()
    {
        using var session = Demo("-Scopes PartnerSecurity.ReadWrite.All");
        var probe = EmulatorProbe.For(session.Engine.Runspace);
        var id = (string)Alerts().First()["id"]!;

        var noReason = session.Run($"Update-PartnerSecurityAlert -Id {id} -Status Resolved");
        Assert.StartsWith("ResolutionRequired", (noReason.Terminating ?? Assert.Single(noReason.Errors)).FullyQualifiedErrorId);
        var stray = session.Run($"Update-PartnerSecurityAlert -Id {id} -Status Investigating -Resolution Ignore");
        Assert.StartsWith("ResolutionWithoutResolved", (stray.Terminating ?? Assert.Single(stray.Errors)).FullyQualifiedErrorId);
        var missing = session.Run("Update-PartnerSecurityAlert -Id 'no-such-alert' -Status Investigating");
        Assert.StartsWith("AlertNotFound", Assert.Single(missing.Errors).FullyQualifiedErrorId);
        Assert.Equal(0, probe.RequestCount("PATCH", "securityAlerts"));
    }

    [Fact]
    public void Without_the_write_permission_an_update_says_which_permission_to_consent_to()
    {
        // A sign-in that consented to reading only.
        using var session = new PowerShellSession();
        var connected = session.Run("Connect-PartnerSecurity -Demo");
        Assert.True(connected.Succeeded);
        var token = EmulatorAccess.OfConnection(session).IssueUserAccessToken("ava.thompson@northwindcloud.com", "https://graph.microsoft.com/PartnerSecurity.Read.All");
        session.Engine.Runspace.SessionStateProxy.SetVariable("t", Secure(token));
        Assert.True(session.Run("Connect-PartnerSecurity -Demo -AccessToken $t").Succeeded);
        var id = (string)Alerts().First(a => (string)a["status"]! == "active")["id"]!;
        var result = session.Run($"Update-PartnerSecurityAlert -Id {id} -Status Investigating -Confirm:$false");
        var error = result.Terminating ?? Assert.Single(result.Errors);
        Assert.StartsWith("PartnerSecurityPermissionMissing", error.FullyQualifiedErrorId);
        Assert.Contains("PartnerSecurity.ReadWrite.All", error.Exception.Message);
        Assert.Contains("-Scopes PartnerSecurity.ReadWrite.All", error.ErrorDetails.RecommendedAction);

        // ReadWrite.All alone is enough for an update: the alert is read first with it too.
        var writer = EmulatorAccess.OfConnection(session).IssueUserAccessToken("ava.thompson@northwindcloud.com", "https://graph.microsoft.com/PartnerSecurity.ReadWrite.All");
        session.Engine.Runspace.SessionStateProxy.SetVariable("w", Secure(writer));
        Assert.True(session.Run("Connect-PartnerSecurity -Demo -AccessToken $w").Succeeded);
        var updated = session.Run($"Update-PartnerSecurityAlert -Id {id} -Status Investigating -Confirm:$false 3>$null");
        Assert.True(updated.Succeeded, string.Join(" | ", updated.Errors));
        Assert.Equal("Investigating", Prop(Assert.Single(updated.Output), "Status"));
    }
}
