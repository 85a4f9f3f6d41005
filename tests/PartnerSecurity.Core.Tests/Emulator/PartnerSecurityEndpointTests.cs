using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Emulator.Snapshots;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Emulator;

/// <summary>
/// The emulator's partner security endpoints on the wire: documented shapes, paging only where documented,
/// permissions, refused methods, alert updates, the 7-day telemetry window, App+User only telemetry, budgets,
/// and the snapshot sections' checks.
/// </summary>
public class PartnerSecurityEndpointTests
{
    private const string Beta = "https://graph.microsoft.com/beta/security/partner";
    private const string PartnerCenter = "https://api.partnercenter.microsoft.com";

    private static async Task<(HttpStatusCode Status, JsonNode Body)> Send(PartnerConnection connection, HttpMethod method, string url, ApiResource resource, string? body = null)
    {
        var token = await connection.Tokens.AcquireAsync(resource, connection.HomeTenantId, default);
        using var client = connection.Pipeline.CreateClient();
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        if (body != null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    [Fact]
    public async Task Customer_insights_page_by_next_link_and_refuse_client_paging_while_other_collections_come_whole()
    {
        var emulator = DemoPartner.Emulator();
        using var connection = await DemoPartner.SignInAsync(emulator);
        var (status, first) = await Send(connection, HttpMethod.Get, Beta + "/securityScore/customerInsights", ApiResource.GraphPartnerSecurity);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, first["value"]!.AsArray().Count);
        var next = (string)first["@odata.nextLink"]!;
        var (_, second) = await Send(connection, HttpMethod.Get, next, ApiResource.GraphPartnerSecurity);
        Assert.Single(second["value"]!.AsArray());
        Assert.Null(second["@odata.nextLink"]);

        var (topStatus, topBody) = await Send(connection, HttpMethod.Get, Beta + "/securityScore/customerInsights?$top=1", ApiResource.GraphPartnerSecurity);
        Assert.Equal(HttpStatusCode.BadRequest, topStatus);
        Assert.Contains("$top", (string)topBody["error"]!["message"]!);

        var (_, requirements) = await Send(connection, HttpMethod.Get, Beta + "/securityScore/requirements", ApiResource.GraphPartnerSecurity);
        Assert.Equal(5, requirements["value"]!.AsArray().Count);
        Assert.Null(requirements["@odata.nextLink"]);
        Assert.All(requirements["value"]!.AsArray(), r => Assert.StartsWith("#microsoft.graph.partner.security.", (string)r!["@odata.type"]!));

        // The score is served as the documentation shows it: wrapped in "value".
        var (_, score) = await Send(connection, HttpMethod.Get, Beta + "/securityScore?$expand=requirements", ApiResource.GraphPartnerSecurity);
        Assert.Equal(5, score["value"]!["requirements"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(connection, HttpMethod.Get, Beta + "/securityScore/requirements?$orderby=score", ApiResource.GraphPartnerSecurity)).Status);
    }

    [Fact]
    public async Task Permissions_are_checked_per_endpoint_and_writes_to_the_score_are_refused()
    {
        var emulator = DemoPartner.Emulator();
        using var connection = await DemoPartner.SignInAsync(emulator);
        var (status, body) = await Send(connection, HttpMethod.Get, Beta + "/securityAlerts", ApiResource.Graph);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        // Graph names no permission in the message, only the code (docs/emulator.md, permissions).
        Assert.Equal("Authorization_RequestDenied", (string)body["error"]!["code"]!);
        Assert.Equal(HttpStatusCode.OK, (await Send(connection, HttpMethod.Get, Beta + "/securityAlerts", ApiResource.GraphPartnerSecurityWrite)).Status);

        var alert = (string)DemoPartner.Json()["partnerSecurity"]!["securityAlerts"]![0]!["id"]!;
        var readOnly = await Send(connection, HttpMethod.Patch, Beta + "/securityAlerts/" + alert, ApiResource.GraphPartnerSecurity, "{\"status\":\"investigating\"}");
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.Status);
        Assert.Equal("Authorization_RequestDenied", (string)readOnly.Body["error"]!["code"]!);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await Send(connection, HttpMethod.Patch, Beta + "/securityScore", ApiResource.GraphPartnerSecurityWrite, "{}")).Status);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await Send(connection, HttpMethod.Delete, Beta + "/securityAlerts/" + alert, ApiResource.GraphPartnerSecurityWrite)).Status);

        using var app = await DemoPartner.AppOnlyAsync(emulator);
        var appOnly = await Send(app, HttpMethod.Get, Beta + "/securityScore", ApiResource.GraphPartnerSecurity);
        Assert.Equal(HttpStatusCode.Forbidden, appOnly.Status);
        Assert.Equal("Authorization_RequestDenied", (string)appOnly.Body["error"]!["code"]!);
    }

    [Fact]
    public async Task An_alert_update_records_the_change_and_refuses_what_the_type_does_not_have()
    {
        var emulator = DemoPartner.Emulator();
        using var connection = await DemoPartner.SignInAsync(emulator);
        var alerts = DemoPartner.Json()["partnerSecurity"]!["securityAlerts"]!.AsArray();
        var active = alerts.Single(a => (string)a!["status"]! == "active")!;
        var url = Beta + "/securityAlerts/" + (string)active["id"]!;

        Assert.Equal(HttpStatusCode.BadRequest, (await Send(connection, HttpMethod.Patch, url, ApiResource.GraphPartnerSecurityWrite, "{\"resolvedReason\":\"fraud\"}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(connection, HttpMethod.Patch, url, ApiResource.GraphPartnerSecurityWrite, "{\"status\":\"closed\"}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(connection, HttpMethod.Patch, url, ApiResource.GraphPartnerSecurityWrite, "{\"status\":\"resolved\",\"severity\":\"low\"}")).Status);

        var (status, updated) = await Send(connection, HttpMethod.Patch, url, ApiResource.GraphPartnerSecurityWrite,
            "{\"@odata.type\":\"#microsoft.graph.partner.security.partnerSecurityAlert\",\"status\":\"resolved\",\"resolvedReason\":\"legitimate\"}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("resolved", (string)updated["status"]!);
        Assert.Equal("legitimate", (string)updated["resolvedReason"]!);
        Assert.Equal(DemoPartner.Ava, (string)updated["resolvedBy"]!);
        var log = updated["activityLogs"]!.AsArray().Last()!;
        Assert.Equal("active", (string)log["statusFrom"]!);
        Assert.Equal("resolved", (string)log["statusTo"]!);

        // Reopened: nothing says resolved any more.
        var (_, reopened) = await Send(connection, HttpMethod.Patch, url, ApiResource.GraphPartnerSecurityWrite, "{\"status\":\"active\"}");
        Assert.Null(reopened["resolvedOnDateTime"]);
        Assert.Null(reopened["resolvedReason"]);
        Assert.Equal(2, reopened["activityLogs"]!.AsArray().Count);
    }

    [Fact]
    public async Task Telemetry_is_app_and_user_only_and_covers_the_last_seven_days()
    {
        var emulator = DemoPartner.Emulator();
        using var connection = await DemoPartner.SignInAsync(emulator);
        var (status, principals) = await Send(connection, HttpMethod.Get, PartnerCenter + "/v1/nonMfaCompliantPartnerPrincipals", ApiResource.PartnerCenter);
        Assert.Equal(HttpStatusCode.OK, status);
        var stored = DemoPartner.Json()["partnerCenterMfa"]!["nonMfaCompliantPartnerPrincipals"]!.AsArray();
        Assert.True(stored.Count > principals["items"]!.AsArray().Count, "the snapshot holds a principal older than 7 days");
        Assert.Equal(principals["items"]!.AsArray().Count, (int)principals["totalCount"]!);
        Assert.Equal("Collection", (string)principals["attributes"]!["objectType"]!);

        var (_, adoption) = await Send(connection, HttpMethod.Get, PartnerCenter + "/v1/applicationmfaadoptionstatus", ApiResource.PartnerCenter);
        Assert.IsType<JsonArray>(adoption);
        var (_, recent) = await Send(connection, HttpMethod.Get, PartnerCenter + "/v1/applicationmfaadoptionstatus?startDate=2026-11-19&endDate=2026-11-20", ApiResource.PartnerCenter);
        Assert.All(recent.AsArray(), r => Assert.True(string.CompareOrdinal((string)r!["loginDate"]!, "2026-11-19") >= 0));
        Assert.True(recent.AsArray().Count < adoption.AsArray().Count);

        var (_, requests) = await Send(connection, HttpMethod.Get, PartnerCenter + "/v1/partnerRequests", ApiResource.PartnerCenter);
        Assert.NotEmpty(requests["items"]!.AsArray());
        // Replayed eight days later, every request of the snapshot has aged out.
        var later = DemoPartner.Emulator(s => s.CapturedDateTime = s.CapturedDateTime.AddDays(8));
        using var laterConnection = await DemoPartner.SignInAsync(later);
        var (_, none) = await Send(laterConnection, HttpMethod.Get, PartnerCenter + "/v1/partnerRequests", ApiResource.PartnerCenter);
        Assert.Empty(none["items"]!.AsArray());

        using var app = await DemoPartner.AppOnlyAsync(emulator);
        var (appStatus, refused) = await Send(app, HttpMethod.Get, PartnerCenter + "/v1/partnerRequests", ApiResource.PartnerCenter);
        Assert.Equal(HttpStatusCode.Forbidden, appStatus);
        Assert.Contains("application credentials", (string)refused["description"]!);
        Assert.Equal(HttpStatusCode.OK, (await Send(app, HttpMethod.Get, PartnerCenter + "/v1/customers/" + DemoPartner.Json()["customers"]![0]!["customer"]!["id"] + "/usagebudget", ApiResource.PartnerCenter)).Status);
    }

    [Fact]
    public async Task Budgets_read_and_write_with_the_documented_body_and_refuse_a_negative_amount()
    {
        var emulator = DemoPartner.Emulator();
        using var connection = await DemoPartner.SignInAsync(emulator);
        var customers = DemoPartner.Json()["customers"]!.AsArray();
        var adatum = (string)customers.Single(c => c!["usageBudget"] == null)!["customer"]!["id"]!;
        var url = PartnerCenter + "/v1/customers/" + adatum + "/usagebudget";
        var (_, none) = await Send(connection, HttpMethod.Get, url, ApiResource.PartnerCenter);
        Assert.True(none.AsObject().ContainsKey("amount"));
        Assert.Null(none["amount"]);
        Assert.Equal("SpendingBudget", (string)none["attributes"]!["objectType"]!);

        var (status, set) = await Send(connection, HttpMethod.Patch, url, ApiResource.PartnerCenter, "{\"Amount\": 750.5, \"Attributes\": {\"ObjectType\": \"SpendingBudget\"}}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(750.5m, set["amount"]!.GetValue<decimal>());
        Assert.Equal(750.5m, (await Send(connection, HttpMethod.Get, url, ApiResource.PartnerCenter)).Body["amount"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(connection, HttpMethod.Patch, url, ApiResource.PartnerCenter, "{\"Amount\": -1}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(connection, HttpMethod.Get, PartnerCenter + "/v1/customers/" + Guid.NewGuid() + "/usagebudget", ApiResource.PartnerCenter)).Status);
    }

    [Theory]
    [InlineData("$.partnerSecurity.requirements[0].complianceStatus", "noncompliant")]
    [InlineData("$.partnerSecurity.securityAlerts[0].status", "closed")]
    [InlineData("$.partnerSecurity.customerInsights[0].mfa.totalUsersCount", "many")]
    [InlineData("$.partnerCenterMfa.applicationMfaAdoptionStatus[0].loginDate", "19/11/2026")]
    [InlineData("$.customers[0].usageBudget.amount", "-5")]
    public void A_snapshot_with_a_value_microsoft_could_not_send_is_refused_at_its_path(string path, string value)
    {
        var document = DemoPartner.Json();
        var parts = path.Substring(2).Split('.');
        JsonNode node = document;
        foreach (var part in parts.Take(parts.Length - 1))
        {
            var bracket = part.IndexOf('[');
            node = bracket < 0 ? node[part]! : node[part.Substring(0, bracket)]![int.Parse(part.Substring(bracket + 1, part.Length - bracket - 2))]!;
        }
        node[parts.Last()] = value == "-5" ? JsonValue.Create(-5) : JsonValue.Create(value);
        var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Read(document.ToJsonString(), "demo"));
        Assert.Equal(path, ex.JsonPath);
    }

    [Fact]
    public void Partner_security_data_belongs_to_the_top_level_tenant_only()
    {
        var document = DemoPartner.Json();
        document["customers"]![0]!["snapshot"]!["partnerSecurity"] = new JsonObject();
        var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Read(document.ToJsonString(), "demo"));
        Assert.Equal("$.customers[0].snapshot.partnerSecurity", ex.JsonPath);
    }
}
