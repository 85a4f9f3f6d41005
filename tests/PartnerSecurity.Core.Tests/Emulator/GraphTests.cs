using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Graph.Models.ODataErrors;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Graph;
using PartnerSecurity.SecurityDefaults;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Emulator;

/// <summary>The Graph SDK, unchanged, reads the emulator: envelope, paging, query limits and errors as Graph documents them.</summary>
public class GraphTests
{
    private static SnapshotBuilder Tenant(int users)
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true);
        for (int i = 0; i < users; i++) builder.User($"user{i:D4}");
        return builder;
    }

    private static async Task<List<string>> ReadAllUserIds(PartnerSecurity.Connections.PartnerConnection connection, int? top)
    {
        var graph = connection.Graph(connection.HomeTenantId);
        var ids = new List<string>();
        await foreach (var user in GraphPaging.ReadAllAsync(graph, connection.Paged("Reading users", connection.HomeTenantId),
            ct => graph.Users.GetAsync(r => { r.QueryParameters.Select = new[] { "id", "userPrincipalName" }; r.QueryParameters.Top = top; }, ct),
            Microsoft.Graph.Models.UserCollectionResponse.CreateFromDiscriminatorValue, p => p.Value))
        {
            ids.Add(user.Id!);
        }
        return ids;
    }

    [Fact]
    public async Task Users_page_by_the_default_size_and_the_next_link_reaches_every_user_once()
    {
        var emulator = Tenant(249).Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var ids = await ReadAllUserIds(connection, top: null);
        Assert.Equal(250, ids.Count);
        Assert.Equal(250, ids.Distinct().Count());
        Assert.Equal(3, emulator.Requests.CountWhere(r => r.Url.Contains("/v1.0/users")));
    }

    [Fact]
    public async Task Paging_under_throttling_and_outages_neither_drops_nor_repeats_a_user()
    {
        var emulator = Tenant(499).Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        emulator.Faults.Add(new Fault(@"/v1.0/users\?.*skiptoken", FaultKind.Throttle, times: 2, retryAfter: "0.01"));
        emulator.Faults.Add(new Fault(@"/v1.0/users\?.*skiptoken", FaultKind.ServiceUnavailable, times: 1));
        emulator.Faults.Add(new Fault(@"/v1.0/users\?.*skiptoken", FaultKind.ConnectionFailure, times: 1));
        var ids = await ReadAllUserIds(connection, top: 100);
        Assert.Equal(500, ids.Count);
        Assert.Equal(500, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_page_size_above_the_endpoint_limit_gets_graphs_400()
    {
        var emulator = Tenant(1).Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var ex = await Assert.ThrowsAsync<ODataError>(() => connection.Graph(connection.HomeTenantId).Users.GetAsync(r => r.QueryParameters.Top = 1000));
        Assert.Equal(400, ex.ResponseStatusCode);
        Assert.Equal("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.", ex.Error!.Message);
    }

    [Fact]
    public async Task A_filter_the_endpoint_does_not_support_gets_Request_UnsupportedQuery()
    {
        var emulator = Tenant(1).Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var ex = await Assert.ThrowsAsync<ODataError>(() => connection.Graph(connection.HomeTenantId).Users.GetAsync(r => r.QueryParameters.Filter = "jobTitle eq 'x'"));
        Assert.Equal("Request_UnsupportedQuery", ex.Error!.Code);
    }

    [Fact]
    public async Task Filters_compare_like_graph_and_escaped_quotes_match_an_apostrophe()
    {
        var builder = Tenant(3).User("shannon.o'brien");
        var emulator = builder.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var page = await connection.Graph(connection.HomeTenantId).Users.GetAsync(r => r.QueryParameters.Filter = "userPrincipalName eq 'SHANNON.O''BRIEN@contoso.onmicrosoft.com'");
        Assert.Equal(builder.UserId("shannon.o'brien"), Assert.Single(page!.Value!).Id);
        var starts = await connection.Graph(connection.HomeTenantId).Users.GetAsync(r => r.QueryParameters.Filter = "startswith(userPrincipalName,'user000') and accountEnabled eq true");
        Assert.Equal(3, starts!.Value!.Count);
    }

    [Fact]
    public async Task A_tampered_next_link_is_refused_not_misread()
    {
        var emulator = Tenant(150).Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var graph = connection.Graph(connection.HomeTenantId);
        var first = await graph.Users.GetAsync(r => r.QueryParameters.Top = 100);
        var tampered = first!.OdataNextLink!.Replace("top=100", "top=50");
        Assert.NotEqual(first.OdataNextLink, tampered);
        var ex = await Assert.ThrowsAsync<ODataError>(() => graph.Users.WithUrl(tampered).GetAsync());
        Assert.Equal(400, ex.ResponseStatusCode);
    }

    [Fact]
    public async Task Requests_without_a_valid_token_get_401_InvalidAuthenticationToken()
    {
        var emulator = Tenant(1).Emulator();
        using var client = new HttpClient(emulator);
        var anonymous = await client.GetAsync("https://graph.microsoft.com/v1.0/users");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var forged = new HttpRequestMessage(HttpMethod.Get, "https://graph.microsoft.com/v1.0/users");
        forged.Headers.TryAddWithoutValidation("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ4In0.");
        var response = await client.SendAsync(forged);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("InvalidAuthenticationToken", (string?)body["error"]!["code"]);
        Assert.NotNull(body["error"]!["innerError"]!["request-id"]);
    }

    [Fact]
    public async Task Unknown_segments_get_graphs_400()
    {
        var emulator = Tenant(1).Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var token = await connection.Tokens.AcquireAsync(PartnerSecurity.Authentication.ApiResource.Graph, connection.HomeTenantId, default);
        using var client = connection.Pipeline.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "https://graph.microsoft.com/v1.0/notAThing");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + typeof(PartnerSecurity.Authentication.AccessToken).GetProperty("Value", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(token));
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Contains("Resource not found for the segment 'notAThing'"), text);
    }

    [Fact]
    public async Task Security_defaults_report_the_policies_that_prevent_enabling_them()
    {
        var builder = Tenant(1)
            .Policy("Require MFA for admins", "enabled")
            .Policy("Report-only MFA", "enabledForReportingButNotEnforced")
            .Policy("Old pilot", "disabled");
        var emulator = builder.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var status = await SecurityDefaultsReader.GetAsync(connection, connection.HomeTenantId, default);
        Assert.False(status.IsEnabled);
        Assert.False(status.CanEnable);
        Assert.Equal(new[] { "Require MFA for admins", "Report-only MFA" }, status.BlockingPolicies);
        Assert.Contains("Require MFA for admins", status.Reason);

        var clean = new SnapshotBuilder().User("admin", globalAdmin: true).Policy("Old pilot", "disabled").Emulator();
        using var cleanConnection = await TestConnections.ConnectAsync(clean);
        var cleanStatus = await SecurityDefaultsReader.GetAsync(cleanConnection, cleanConnection.HomeTenantId, default);
        Assert.True(cleanStatus.CanEnable);
        Assert.Equal(0, cleanStatus.ConditionalAccessPolicyCount);
    }
}

public class GroupEndpointTests
{
    [Fact]
    public async Task Transitive_members_follow_nested_groups_and_direct_members_do_not()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("ann").User("bob").User("cat");
        builder.Set("groups", new JsonArray(
            new JsonObject { ["id"] = "g-outer", ["displayName"] = "Outer", ["members"] = new JsonArray(builder.UserId("ann"), "g-middle") },
            new JsonObject { ["id"] = "g-middle", ["displayName"] = "Middle", ["members"] = new JsonArray("g-inner") },
            new JsonObject { ["id"] = "g-inner", ["displayName"] = "Inner", ["members"] = new JsonArray(builder.UserId("bob"), "g-outer") }));
        var emulator = builder.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var graph = connection.Graph(connection.HomeTenantId);

        var transitive = await graph.Groups["g-outer"].TransitiveMembers.GetAsync();
        var users = transitive!.Value!.OfType<Microsoft.Graph.Models.User>().Select(u => u.UserPrincipalName).OrderBy(u => u).ToList();
        Assert.Equal(new[] { "ann@contoso.onmicrosoft.com", "bob@contoso.onmicrosoft.com" }, users);
        Assert.Equal(2, transitive.Value!.OfType<Microsoft.Graph.Models.Group>().Count());

        var direct = await graph.Groups["g-outer"].Members.GetAsync();
        Assert.Equal(2, direct!.Value!.Count);

        var found = await graph.Groups.GetAsync(r => r.QueryParameters.Filter = "displayName eq 'Inner'");
        Assert.Equal("g-inner", Assert.Single(found!.Value!).Id);
        Assert.False(found.Value![0].AdditionalData.ContainsKey("members"));
    }
}

public class SecurityDefaultsStatusTests
{
    [Fact]
    public void The_reason_names_a_few_blocking_policies_and_counts_many()
    {
        var few = new PartnerSecurity.SecurityDefaults.SecurityDefaultsStatus("t", "T", false, new[] { "A", "B" });
        Assert.Contains("2 enabled or report-only policies: A, B", few.Reason);
        var many = new PartnerSecurity.SecurityDefaults.SecurityDefaultsStatus("t", "T", false, Enumerable.Range(1, 19).Select(i => "P" + i).ToList());
        Assert.Contains("19 enabled or report-only policies, listed in BlockingPolicies", many.Reason);
        Assert.DoesNotContain("P19", many.Reason);
        Assert.Equal(19, many.ConditionalAccessPolicyCount);
        Assert.Equal("Security defaults are already enabled.", new PartnerSecurity.SecurityDefaults.SecurityDefaultsStatus("t", "T", true, Array.Empty<string>()).Reason);
    }
}
