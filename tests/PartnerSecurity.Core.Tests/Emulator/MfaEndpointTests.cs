using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Graph.Models.ODataErrors;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Emulator;

/// <summary>The emulator's $batch, role management, registration report, per-user MFA and Partner Center, on the wire.</summary>
public class MfaEndpointTests
{
    private static SnapshotBuilder Tenant(int users, bool premium = true)
    {
        var builder = new SnapshotBuilder(premium: premium).User("admin", globalAdmin: true);
        for (int i = 0; i < users; i++) builder.User($"user{i:D3}");
        return builder;
    }

    private static async Task<JsonNode> Send(PartnerConnection connection, HttpMethod method, string url, string? body = null, ApiResource? resource = null,
        HttpStatusCode expected = HttpStatusCode.OK, IDictionary<string, string>? headers = null)
    {
        var token = await connection.Tokens.AcquireAsync(resource ?? ApiResource.Graph, connection.HomeTenantId, default);
        using var client = connection.Pipeline.CreateClient();
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        foreach (var header in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        if (body != null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    private static string BatchOf(IEnumerable<string> urls) =>
        new JsonObject { ["requests"] = new JsonArray(urls.Select((u, i) => (JsonNode)new JsonObject { ["id"] = (i + 1).ToString(), ["method"] = "GET", ["url"] = u }).ToArray()) }.ToJsonString();

    // ------------------------------------------------------------ $batch

    [Fact]
    public async Task A_batch_answers_each_item_with_its_own_status_in_another_order()
    {
        var builder = Tenant(3).PerUserMfa("user001", "enforced");
        using var connection = await TestConnections.ConnectAsync(builder.Emulator());
        var urls = new[] { $"/users/{builder.UserId("user000")}/authentication/requirements", $"/users/{builder.UserId("user001")}/authentication/requirements", "/users/nobody/authentication/requirements" };
        var result = await Send(connection, HttpMethod.Post, "https://graph.microsoft.com/beta/$batch", BatchOf(urls));
        var responses = result["responses"]!.AsArray();
        Assert.Equal(new[] { "3", "2", "1" }, responses.Select(r => (string)r!["id"]!));
        var byId = responses.ToDictionary(r => (string)r!["id"]!, r => r!);
        Assert.Equal(200, (int)byId["1"]["status"]!);
        Assert.Equal("disabled", (string)byId["1"]["body"]!["perUserMfaState"]!);
        Assert.Equal("enforced", (string)byId["2"]["body"]!["perUserMfaState"]!);
        Assert.Equal(404, (int)byId["3"]["status"]!);
        Assert.Equal("Request_ResourceNotFound", (string)byId["3"]["body"]!["error"]!["code"]!);
    }

    [Fact]
    public async Task A_batch_of_more_than_20_requests_is_refused_whole()
    {
        var builder = Tenant(1);
        using var connection = await TestConnections.ConnectAsync(builder.Emulator());
        var body = await Send(connection, HttpMethod.Post, "https://graph.microsoft.com/beta/$batch",
            BatchOf(Enumerable.Repeat($"/users/{builder.UserId("user000")}/authentication/requirements", 21)), expected: HttpStatusCode.BadRequest);
        Assert.Contains("maximum of 20", (string)body["error"]!["message"]!);
    }

    [Fact]
    public async Task Throttling_hits_batch_items_one_by_one_each_with_its_own_retry_after()
    {
        var builder = Tenant(4);
        var emulator = builder.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        emulator.Faults.Add(new Fault($"/beta/users/{builder.UserId("user002")}/authentication/requirements", FaultKind.Throttle, times: 1, retryAfter: "7"));
        var urls = Enumerable.Range(0, 4).Select(i => $"/users/{builder.UserId($"user{i:D3}")}/authentication/requirements");
        var result = await Send(connection, HttpMethod.Post, "https://graph.microsoft.com/beta/$batch", BatchOf(urls));
        var items = result["responses"]!.AsArray().ToDictionary(r => (string)r!["id"]!, r => r!);
        Assert.Equal(429, (int)items["3"]["status"]!);
        Assert.Equal("7", (string)items["3"]["headers"]!["Retry-After"]!);
        Assert.Equal(3, items.Values.Count(i => (int)i["status"]! == 200));
        Assert.Equal(1, emulator.Requests.CountWhere(r => r.Url.EndsWith("/$batch")));
        Assert.Equal(4, emulator.BatchItems.Count);
    }

    [Fact]
    public async Task Batch_urls_must_be_relative_to_the_version_root()
    {
        var builder = Tenant(1);
        using var connection = await TestConnections.ConnectAsync(builder.Emulator());
        var result = await Send(connection, HttpMethod.Post, "https://graph.microsoft.com/v1.0/$batch",
            BatchOf(new[] { "https://graph.microsoft.com/v1.0/users", "/v1.0/users", "/users?$top=1" }));
        var items = result["responses"]!.AsArray().ToDictionary(r => (string)r!["id"]!, r => (int)r!["status"]!);
        Assert.Equal(400, items["1"]);
        Assert.Equal(400, items["2"]);
        Assert.Equal(200, items["3"]);
    }

    // ------------------------------------------------------------ per-user MFA, registration

    [Fact]
    public async Task Per_user_mfa_state_is_beta_only_and_can_be_set()
    {
        var builder = Tenant(1);
        using var connection = await TestConnections.ConnectAsync(builder.Emulator());
        var url = $"https://graph.microsoft.com/beta/users/{builder.Upn("user000")}/authentication/requirements";
        Assert.Equal("disabled", (string)(await Send(connection, HttpMethod.Get, url))["perUserMfaState"]!);
        await Send(connection, HttpMethod.Patch, url, "{\"perUserMfaState\":\"enforced\"}", expected: HttpStatusCode.NoContent);
        Assert.Equal("enforced", (string)(await Send(connection, HttpMethod.Get, url))["perUserMfaState"]!);
        await Send(connection, HttpMethod.Patch, url, "{\"perUserMfaState\":\"sometimes\"}", expected: HttpStatusCode.BadRequest);
        await Send(connection, HttpMethod.Get, url.Replace("/beta/", "/v1.0/"), expected: HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_registration_report_pages_and_a_tenant_without_premium_gets_403()
    {
        var emulator = Tenant(150).Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var graph = connection.Graph(connection.HomeTenantId);
        var first = await graph.Reports.AuthenticationMethods.UserRegistrationDetails.GetAsync();
        Assert.Equal(100, first!.Value!.Count);
        var second = await graph.Reports.AuthenticationMethods.UserRegistrationDetails.WithUrl(first.OdataNextLink!).GetAsync();
        Assert.Equal(51, second!.Value!.Count);
        Assert.Null(second.OdataNextLink);

        var free = Tenant(1, premium: false).Emulator();
        using var freeConnection = await TestConnections.ConnectAsync(free);
        var ex = await Assert.ThrowsAsync<ODataError>(() => freeConnection.Graph(freeConnection.HomeTenantId).Reports.AuthenticationMethods.UserRegistrationDetails.GetAsync());
        Assert.Equal(403, ex.ResponseStatusCode);
        Assert.Equal("Authentication_RequestFromNonPremiumTenantOrB2CTenant", ex.Error!.Code);
    }

    // ------------------------------------------------------------ roles, groups

    [Fact]
    public async Task Role_assignments_need_a_filter_and_expand_their_principal()
    {
        var builder = Tenant(1).Group("Tier0", true, Array.Empty<string>());
        builder.Role(builder.GroupId("Tier0"), SnapshotBuilder.SecurityAdministrator);
        using var connection = await TestConnections.ConnectAsync(builder.Emulator());
        var graph = connection.Graph(connection.HomeTenantId);
        var ex = await Assert.ThrowsAsync<ODataError>(() => graph.RoleManagement.Directory.RoleAssignments.GetAsync());
        Assert.Equal(400, ex.ResponseStatusCode);

        var page = await graph.RoleManagement.Directory.RoleAssignments.GetAsync(r =>
        {
            r.QueryParameters.Filter = $"roleDefinitionId in ('{SnapshotBuilder.GlobalAdministrator}', '{SnapshotBuilder.SecurityAdministrator}')";
            r.QueryParameters.Expand = new[] { "principal" };
        });
        Assert.Equal(2, page!.Value!.Count);
        Assert.IsType<Microsoft.Graph.Models.User>(page.Value.Single(a => a.RoleDefinitionId == SnapshotBuilder.GlobalAdministrator).Principal);
        var group = Assert.IsType<Microsoft.Graph.Models.Group>(page.Value.Single(a => a.RoleDefinitionId == SnapshotBuilder.SecurityAdministrator).Principal);
        Assert.Equal("Tier0", group.DisplayName);

        var definitions = await graph.RoleManagement.Directory.RoleDefinitions.GetAsync();
        Assert.Contains(definitions!.Value!, d => d.Id == SnapshotBuilder.DirectorySynchronizationAccounts && d.DisplayName == "Directory Synchronization Accounts" && d.IsBuiltIn == true);
    }

    [Fact]
    public async Task Eligibility_schedules_need_premium_and_expand_their_principal()
    {
        var builder = Tenant(1);
        builder.EligibleRole(builder.UserId("user000"), SnapshotBuilder.GlobalAdministrator);
        using var connection = await TestConnections.ConnectAsync(builder.Emulator());
        var page = await connection.Graph(connection.HomeTenantId).RoleManagement.Directory.RoleEligibilitySchedules.GetAsync(r => r.QueryParameters.Expand = new[] { "principal" });
        var schedule = Assert.Single(page!.Value!);
        Assert.Equal(builder.Upn("user000"), Assert.IsType<Microsoft.Graph.Models.User>(schedule.Principal).UserPrincipalName);

        var free = Tenant(1, premium: false);
        using var freeConnection = await TestConnections.ConnectAsync(free.Emulator());
        var ex = await Assert.ThrowsAsync<ODataError>(() => freeConnection.Graph(freeConnection.HomeTenantId).RoleManagement.Directory.RoleEligibilitySchedules.GetAsync());
        Assert.Equal(403, ex.ResponseStatusCode);
    }

    [Fact]
    public async Task GetByIds_returns_the_named_objects_of_the_requested_types()
    {
        var builder = Tenant(1).Group("Finance", false, Array.Empty<string>());
        using var connection = await TestConnections.ConnectAsync(builder.Emulator());
        var response = await connection.Graph(connection.HomeTenantId).DirectoryObjects.GetByIds.PostAsGetByIdsPostResponseAsync(new()
        {
            Ids = new List<string> { builder.GroupId("Finance"), builder.UserId("user000"), "00000000-0000-0000-0000-000000000000" },
            Types = new List<string> { "group" },
        });
        var group = Assert.IsType<Microsoft.Graph.Models.Group>(Assert.Single(response!.Value!));
        Assert.Equal("Finance", group.DisplayName);
    }

    // ------------------------------------------------------------ GDAP, Partner Center

    [Fact]
    public async Task Gdap_relationships_are_listed_in_the_partner_tenant()
    {
        var partner = Tenant(0).Customer(new SnapshotBuilder("Fabrikam", "fabrikam.onmicrosoft.com")).Customer(new SnapshotBuilder("Adatum", "adatum.onmicrosoft.com"), gdapStatus: "expired");
        using var connection = await TestConnections.ConnectAsync(partner.Emulator());
        var page = await connection.Graph(connection.HomeTenantId).TenantRelationships.DelegatedAdminRelationships.GetAsync(r => r.QueryParameters.Top = 300);
        Assert.Equal(2, page!.Value!.Count);
        Assert.Contains(page.Value, r => r.Status == Microsoft.Graph.Models.DelegatedAdminRelationshipStatus.Expired && r.Customer!.DisplayName == "adatum.onmicrosoft.com");
        Assert.Equal(SnapshotBuilder.GlobalAdministrator, page.Value[0].AccessDetails!.UnifiedRoles![0].RoleDefinitionId);
        var ex = await Assert.ThrowsAsync<ODataError>(() => connection.Graph(connection.HomeTenantId).TenantRelationships.DelegatedAdminRelationships.GetAsync(r => r.QueryParameters.Top = 301));
        Assert.Equal(400, ex.ResponseStatusCode);
    }

    [Fact]
    public async Task Partner_center_pages_with_a_continuation_token_in_a_header()
    {
        var partner = Tenant(0);
        for (int i = 0; i < 5; i++) partner.Customer(new SnapshotBuilder($"Customer {i}", $"customer{i}.onmicrosoft.com"));
        using var connection = await TestConnections.ConnectAsync(partner.Emulator());
        var first = await Send(connection, HttpMethod.Get, "https://api.partnercenter.microsoft.com/v1/customers?size=2", resource: ApiResource.PartnerCenter);
        Assert.Equal(2, first["items"]!.AsArray().Count);
        var token = (string)first["continuationToken"]!;
        Assert.Equal(token, (string)first["links"]!["next"]!["headers"]![0]!["value"]!);

        var withoutToken = await Send(connection, HttpMethod.Get, "https://api.partnercenter.microsoft.com/v1/customers?size=2&seekOperation=Next", resource: ApiResource.PartnerCenter, expected: HttpStatusCode.BadRequest);
        Assert.Equal(800002, (int)withoutToken["code"]!);
        Assert.Equal("PartnerFD", (string)withoutToken["source"]!);

        var second = await Send(connection, HttpMethod.Get, "https://api.partnercenter.microsoft.com/v1/customers?size=2&seekOperation=Next", resource: ApiResource.PartnerCenter,
            headers: new Dictionary<string, string> { ["MS-ContinuationToken"] = token });
        Assert.Equal("customer2.onmicrosoft.com", (string)second["items"]![0]!["companyProfile"]!["domain"]!);
    }

    [Fact]
    public async Task Partner_center_refuses_graph_tokens_and_user_tokens_without_mfa()
    {
        var partner = Tenant(0).User("nomfa", mfaRegistered: false).Customer(new SnapshotBuilder("Fabrikam", "fabrikam.onmicrosoft.com"));
        var emulator = partner.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var wrongAudience = await Send(connection, HttpMethod.Get, "https://api.partnercenter.microsoft.com/v1/customers", expected: HttpStatusCode.Unauthorized);
        Assert.Equal(900401, (int)wrongAudience["code"]!);

        using var noMfa = await TestConnections.ConnectAsync(partner.Emulator(), partner.UserId("nomfa"));
        var refused = await Send(noMfa, HttpMethod.Get, "https://api.partnercenter.microsoft.com/v1/customers", resource: ApiResource.PartnerCenter, expected: HttpStatusCode.Unauthorized);
        Assert.Equal("900421", (string)refused["code"]!);
    }
}
