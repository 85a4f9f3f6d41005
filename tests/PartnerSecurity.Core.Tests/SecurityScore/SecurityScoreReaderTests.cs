using System.Text.Json.Nodes;
using PartnerSecurity.Authentication;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.SecurityScore;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.SecurityScore;

/// <summary>The core's score readers on the demo partner, against the snapshot's own figures.</summary>
public class SecurityScoreReaderTests
{
    private static JsonObject Section() => (JsonObject)DemoPartner.Json()["partnerSecurity"]!;

    [Fact]
    public async Task The_score_and_every_requirement_are_read_with_their_figures()
    {
        var emulator = DemoPartner.Emulator();
        using var connection = await DemoPartner.SignInAsync(emulator);
        var score = await SecurityScoreReader.ReadScoreAsync(connection, CancellationToken.None);

        var expected = Section();
        Assert.Equal((double)expected["securityScore"]!["currentScore"]!, score.CurrentScore);
        Assert.Equal(100.0, score.MaxScore);
        Assert.Equal(DateTimeOffset.Parse((string)expected["securityScore"]!["lastRefreshDateTime"]!), score.LastRefreshDateTime);
        Assert.Equal("Northwind Cloud Partners", score.TenantName);
        var requirements = expected["requirements"]!.AsArray().Select(n => (JsonObject)n!).ToList();
        Assert.Equal(requirements.Select(r => (string)r["requirementType"]!), score.Requirements.Select(r => r.RequirementType));
        Assert.Equal(requirements.Count(r => (string)r["complianceStatus"]! == "compliant"), score.CompliantRequirements);

        var admins = score.Requirements.Single(r => r.RequirementType == "mfaEnforcedForAdmins");
        var adminsJson = requirements.Single(r => (string)r["requirementType"]! == "mfaEnforcedForAdmins");
        Assert.Equal((long)adminsJson["totalAdminsCount"]!, admins.TotalAdminsCount);
        Assert.Equal((long)adminsJson["mfaEnabledUsersCount"]!, admins.MfaEnabledUsersCount);
        Assert.Equal("enabled", admins.MfaConditionalAccessPolicyStatus);
        Assert.Equal($"{adminsJson["adminsRequiredNotUsingMfaCount"]} of {adminsJson["totalAdminsCount"]} admins not using MFA", admins.Figure);

        var response = score.Requirements.Single(r => r.RequirementType == "securityAlertsPromptlyResolved");
        Assert.Equal(RequirementCompliance.NotCompliant, response.Status);
        Assert.Equal("noncomplaint", response.ComplianceStatus);
        Assert.Equal((double)requirements.Single(r => (string)r["requirementType"]! == "securityAlertsPromptlyResolved")["averageResponseTimeInHours"]!, response.AverageResponseTimeInHours);
        Assert.Null(response.TotalAdminsCount);
        var contact = score.Requirements.Single(r => r.RequirementType == "securityContactProvided");
        Assert.Equal("Provided", contact.Figure);
        Assert.Equal("https://aka.ms/partner-center-security-contact", contact.ActionUrl);
        Assert.Equal("2 of 3 customers with a budget", score.Requirements.Single(r => r.RequirementType == "spendingBudgetSetForCustomerAzureSubscriptions").Figure);
    }

    [Fact]
    public async Task Customer_insights_are_read_across_every_page_and_history_oldest_first()
    {
        var emulator = DemoPartner.Emulator();
        using var connection = await DemoPartner.SignInAsync(emulator);
        var insights = await SecurityScoreReader.ReadCustomerInsightsAsync(connection, CancellationToken.None);
        var expected = Section()["customerInsights"]!.AsArray();
        Assert.Equal(expected.Count, insights.Count);
        Assert.True(expected.Count > emulator.Options.CustomerInsightsPageSize, "the demo must have more insights than a page holds");
        Assert.Equal(2, emulator.Requests.Records.Count(r => r.Url.Contains("/customerInsights")));
        var tailspin = insights.Single(i => i.TenantId == (string)expected[1]!["tenantId"]!);
        Assert.Equal((long)expected[1]!["mfa"]!["compliantAdminsCount"]!, tailspin.CompliantAdminsCount);
        Assert.Equal("disabled", tailspin.SecurityDefaultsStatus);

        var history = await SecurityScoreReader.ReadHistoryAsync(connection, CancellationToken.None);
        Assert.Equal(Section()["history"]!.AsArray().Count, history.Count);
        Assert.True(history.Zip(history.Skip(1)).All(p => p.First.CreatedDateTime <= p.Second.CreatedDateTime));
        Assert.Equal((double)Section()["securityScore"]!["currentScore"]!, history.Last().Score);
    }

    [Fact]
    public async Task A_national_cloud_is_refused_before_any_request()
    {
        var emulator = DemoPartner.Emulator();
        var request = TestConnections.Request(emulator, DemoPartner.Ava);
        request.Environment = CloudEnvironment.USGov;
        using var connection = await PartnerSecurity.Connections.PartnerConnection.ConnectAsync(request, CancellationToken.None);
        int before = emulator.Requests.Records.Count;
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => SecurityScoreReader.ReadScoreAsync(connection, CancellationToken.None));
        Assert.Equal("NotAvailableInCloud", ex.ErrorId);
        Assert.Contains("global cloud", ex.Message);
        Assert.Contains("USGov", ex.Message);
        Assert.Equal(before, emulator.Requests.Records.Count);
    }

    [Fact]
    public async Task The_emulator_has_no_score_in_a_national_cloud_and_the_module_says_so_if_asked_anyway()
    {
        var emulator = DemoPartner.Emulator();
        var request = TestConnections.Request(emulator, DemoPartner.Ava);
        request.Environment = CloudEnvironment.USGov;
        using var connection = await PartnerSecurity.Connections.PartnerConnection.ConnectAsync(request, CancellationToken.None);
        // Bypass the module's own check: the wire answer is the generic "no such segment" 400.
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => PartnerSecurityGraph.GetEntityAsync(connection, PartnerSecurityGraph.ScorePath, "the score", CancellationToken.None));
        Assert.Equal("NotAvailableInCloud", ex.ErrorId);
    }

    [Fact]
    public async Task An_app_only_token_without_the_permission_gets_one_error_saying_what_to_grant()
    {
        var emulator = DemoPartner.Emulator();
        using var connection = await DemoPartner.AppOnlyAsync(emulator);
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => SecurityScoreReader.ReadScoreAsync(connection, CancellationToken.None));
        Assert.Equal("PartnerSecurityPermissionMissing", ex.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, ex.Kind);
        Assert.Contains("application permission PartnerSecurity.Read.All", ex.Message);
        Assert.Contains(DemoPartner.AppId, ex.Message);
        Assert.Contains("grant admin consent", ex.RecommendedAction);
    }

    [Fact]
    public async Task A_delegated_token_without_the_permission_gets_one_error_saying_how_to_consent()
    {
        var emulator = DemoPartner.Emulator();
        var token = emulator.IssueUserAccessToken(DemoPartner.Ava, "https://graph.microsoft.com/User.Read.All");
        var request = TestConnections.Request(emulator);
        request.Mode = PartnerSecurity.Connections.ConnectionMode.AccessToken;
        request.AccessToken = SecureStrings.Protect(token);
        using var connection = await PartnerSecurity.Connections.PartnerConnection.ConnectAsync(request, CancellationToken.None);
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => SecurityScoreReader.ReadHistoryAsync(connection, CancellationToken.None));
        Assert.Equal("PartnerSecurityPermissionMissing", ex.ErrorId);
        Assert.Contains("delegated Microsoft Graph permission PartnerSecurity.Read.All", ex.Message);
        Assert.Contains("Connect-PartnerSecurity -Scopes PartnerSecurity.Read.All", ex.RecommendedAction);
    }

    [Fact]
    public async Task A_tenant_without_partner_security_data_is_named_and_told_what_the_score_is_for()
    {
        var emulator = DemoPartner.Emulator(s => s.PartnerSecurity = null);
        using var connection = await DemoPartner.SignInAsync(emulator);
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => SecurityScoreReader.ReadScoreAsync(connection, CancellationToken.None));
        Assert.Equal("PartnerSecurityDataNotFound", ex.ErrorId);
        Assert.Contains("Northwind Cloud Partners", ex.Message);
        Assert.Contains("CSP partners", ex.RecommendedAction);
    }
}
