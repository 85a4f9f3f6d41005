using System.Text.Json.Nodes;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// Issue 13 item 6: input the way users and tenant data give it. GUIDs in braces or without dashes name the same
/// tenant, a date no search can use is a clear error, an invalid wildcard is matched literally, and an object id
/// never reaches another endpoint.
/// </summary>
public class InputTests
{
    [Fact]
    public void Tenant_guids_in_braces_or_without_dashes_are_sent_in_their_canonical_form()
    {
        using var session = new PowerShellSession();
        session.Run("Connect-PartnerSecurity -Demo");
        var fabrikam = DemoData.TenantId("Fabrikam Dental");
        var canonical = session.Run($"Get-PartnerSecurityDefaults -CustomerTenantId {fabrikam}");
        Assert.True(canonical.Succeeded);
        foreach (var spelling in new[] { "{" + fabrikam.ToUpperInvariant() + "}", fabrikam.Replace("-", ""), "(" + fabrikam + ")" })
        {
            var result = session.Run($"Get-PartnerSecurityDefaults -CustomerTenantId '{spelling}'");
            Assert.True(result.Succeeded, spelling + ": " + string.Join(" | ", result.Errors));
            Assert.Equal(fabrikam, Assert.Single(result.Output).Properties["TenantId"].Value);
        }
        var probe = EmulatorProbe.For(session.Engine.Runspace);
        Assert.Equal(0, probe.RequestCount("{") + probe.RequestCount(fabrikam.Replace("-", "")));
        var both = session.Run($"Get-PartnerSecurityDefaults -CustomerTenantId '{{{fabrikam}}}', {fabrikam}");
        Assert.Single(both.Output); // the same tenant once
    }

    [Fact]
    public void A_date_no_search_can_use_is_a_clear_error_before_anything_is_read()
    {
        using var session = new PowerShellSession();
        session.Run("Connect-PartnerSecurity -Demo");
        foreach (var command in new[] { "Get-PartnerUserSignActivity -EndDate ([datetime]::MaxValue)", "Get-PartnerLegacyAuthUsage -StartDate ([datetime]::MinValue)" })
        {
            var result = session.Run(command);
            var error = result.Terminating ?? Assert.Single(result.Errors);
            Assert.StartsWith("InvalidDate,", error.FullyQualifiedErrorId);
            Assert.Contains("outside the dates a sign-in search can use", error.Exception.Message);
            Assert.DoesNotContain("ArgumentOutOfRange", error.Exception.ToString());
            Assert.Empty(result.Output);
        }
    }

    [Fact]
    public void An_invalid_wildcard_is_matched_literally_and_a_miss_is_one_error_not_a_stop()
    {
        using var session = new PowerShellSession();
        session.Run("Connect-PartnerSecurity -Demo");
        var bracket = session.Run("Get-PartnerCustomer -Name '['; 'after'");
        Assert.Null(bracket.Terminating);
        Assert.StartsWith("CustomerNotFound,", Assert.Single(bracket.Errors).FullyQualifiedErrorId);
        Assert.Equal("after", bracket.Output.Last().ToString());
        Assert.Single(session.Run("Get-PartnerCustomer -Name 'Fabrikam*'").Output);
        Assert.Single(session.Run("Get-PartnerCustomer -Name 'fabrikam dental'").Output);
    }

    [Fact]
    public void An_object_id_with_dot_segments_stays_one_path_segment_and_reaches_no_other_endpoint()
    {
        var document = SnapshotFiles.Minimal();
        var hostile = "a/../../groups";
        document["users"]!.AsArray().Add(new JsonObject
        {
            ["id"] = hostile,
            ["userPrincipalName"] = "dots@litware.onmicrosoft.com",
            ["displayName"] = "Dots",
            ["accountEnabled"] = true,
            ["userType"] = "Member",
        });
        document["securityDefaults"] = new JsonObject { ["isEnabled"] = false };
        using var session = new PowerShellSession();
        Assert.True(session.Run($"Connect-PartnerSecurity -Snapshot {PowerShellSession.Quote(SnapshotFiles.Write(document))}").Succeeded);
        var result = session.Run("Get-PartnerMfaStatus -IncludePerUserMfaState");
        var probe = EmulatorProbe.For(session.Engine.Runspace);
        Assert.Equal(0, probe.BatchItemCount("GET", "/groups/authentication"));
        Assert.True(probe.BatchItemCount("GET", "a%2F..%2F..%2Fgroups/authentication/requirements") == 1, "the id went out escaped, as one segment");
        Assert.Contains(result.Output, o => (string)o.Properties["UserPrincipalName"].Value == "dots@litware.onmicrosoft.com");
    }
}
