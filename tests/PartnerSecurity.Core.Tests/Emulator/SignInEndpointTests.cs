using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Emulator;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Emulator;

/// <summary>The emulator's auditLogs/signIns, on the wire: pages, order, retention, licence, filters Graph documents and those it refuses.</summary>
public class SignInEndpointTests
{
    private const string Beta = "https://graph.microsoft.com/beta/auditLogs/signIns";
    private const string V1 = "https://graph.microsoft.com/v1.0/auditLogs/signIns";

    private static async Task<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> Get(PartnerConnection connection, string url)
    {
        var token = await connection.Tokens.AcquireAsync(ApiResource.Graph, connection.HomeTenantId, default);
        using var client = connection.Pipeline.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, (JsonObject)JsonNode.Parse(text)!, response);
    }

    private static string Q(string filter) => "?$filter=" + Uri.EscapeDataString(filter);

    private static async Task<PartnerConnection> Connect(SnapshotBuilder builder, EmulatorOptions? options = null)
    {
        var emulator = new TenantEmulator(builder.Read(), options);
        return await TestConnections.ConnectAsync(emulator);
    }

    private static List<JsonObject> Values(JsonObject body) => body["value"]!.AsArray().Select(v => (JsonObject)v!).ToList();

    [Fact]
    public async Task Sign_ins_come_newest_first_in_pages_of_1000_and_no_link_follows_the_last()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("bob");
        for (int i = 0; i < 2300; i++) builder.SignIn("bob", daysAgo: (i * 37 % 2300) / 100.0);
        using var connection = await Connect(builder);

        var all = new List<JsonObject>();
        string? link = Beta;
        int pages = 0;
        while (link != null)
        {
            var (status, body, _) = await Get(connection, link);
            Assert.Equal(HttpStatusCode.OK, status);
            pages++;
            all.AddRange(Values(body));
            link = (string?)body["@odata.nextLink"];
        }
        Assert.Equal(3, pages);
        Assert.Equal(2300, all.Count);
        Assert.Equal(2300, all.Select(s => (string)s["id"]!).Distinct().Count());
        var times = all.Select(s => DateTimeOffset.Parse((string)s["createdDateTime"]!)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);

        var first = await Get(connection, Beta);
        Assert.Equal(1000, Values(first.Body).Count);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get(connection, Beta + "?$top=1001")).Status);
        Assert.Equal(10, Values((await Get(connection, Beta + "?$top=10")).Body).Count);
    }

    [Fact]
    public async Task Only_sign_ins_inside_the_thirty_day_retention_are_served()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("bob")
            .SignIn("bob", 1).SignIn("bob", 29.5).SignIn("bob", 30.5).SignIn("bob", 45);
        using var connection = await Connect(builder);
        var (_, body, _) = await Get(connection, Beta);
        Assert.Equal(2, Values(body).Count);
    }

    [Fact]
    public async Task A_tenant_without_entra_id_p1_or_p2_gets_graphs_403()
    {
        var builder = new SnapshotBuilder(premium: false).User("admin", globalAdmin: true).SignIn("admin", 1);
        using var connection = await Connect(builder);
        foreach (var url in new[] { Beta, V1 })
        {
            var (status, body, _) = await Get(connection, url);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Equal("Authentication_RequestFromNonPremiumTenantOrB2CTenant", (string)body["error"]!["code"]!);
        }
    }

    [Fact]
    public async Task Beta_returns_interactive_sign_ins_unless_a_filter_names_event_types()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("bob")
            .SignIn("bob", 1).SignIn("bob", 2, interactive: false).SignIn("bob", 3, interactive: false);
        using var connection = await Connect(builder);
        Assert.Single(Values((await Get(connection, Beta)).Body));
        Assert.Equal(2, Values((await Get(connection, Beta + Q("signInEventTypes/any(t: t eq 'nonInteractiveUser')"))).Body).Count);
        Assert.Equal(3, Values((await Get(connection, Beta + Q("signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')"))).Body).Count);
        Assert.Equal(2, Values((await Get(connection, Beta + Q("signInEventTypes/any(t: t ne 'interactiveUser')"))).Body).Count);
        // v1.0 has no event types: interactive sign-ins only, and the filter is refused.
        Assert.Single(Values((await Get(connection, V1)).Body));
        Assert.Equal(HttpStatusCode.BadRequest, (await Get(connection, V1 + Q("signInEventTypes/any(t: t eq 'nonInteractiveUser')"))).Status);
    }

    [Fact]
    public async Task V1_serves_the_v1_shape_without_the_beta_only_properties()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("bob").SignIn("bob", 1, multiFactor: false);
        using var connection = await Connect(builder);
        var v1 = Values((await Get(connection, V1)).Body).Single();
        Assert.False(v1.ContainsKey("authenticationRequirement"));
        Assert.False(v1.ContainsKey("mfaDetail"));
        Assert.False(v1.ContainsKey("signInEventTypes"));
        Assert.Equal("bob@contoso.onmicrosoft.com", (string)v1["userPrincipalName"]!);
        var beta = Values((await Get(connection, Beta)).Body).Single();
        Assert.Equal("singleFactorAuthentication", (string)beta["authenticationRequirement"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get(connection, V1 + Q("authenticationRequirement eq 'singleFactorAuthentication'"))).Status);
        var id = (string)beta["id"]!;
        Assert.Equal(id, (string)(await Get(connection, Beta + "/" + id)).Body["id"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await Get(connection, Beta + "/" + Guid.NewGuid())).Status);
    }

    [Fact]
    public async Task The_documented_filters_select_what_they_say()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("bob").User("o'brien")
            .SignIn("bob", 0.5).SignIn("bob", 1.5, client: "IMAP4", errorCode: 53003, multiFactor: false)
            .SignIn("o'brien", 2.5, client: "POP3", multiFactor: false).SignIn("o'brien", 3.5, errorCode: 50126)
            .SignIn("o'brien", 10, app: "Azure Portal");
        using var connection = await Connect(builder);
        async Task<int> Count(string filter) => Values((await Get(connection, Beta + Q(filter))).Body).Count;

        Assert.Equal(3, await Count("userPrincipalName eq 'o''brien@contoso.onmicrosoft.com'"));
        Assert.Equal(2, await Count($"userId eq '{builder.UserId("bob")}'"));
        Assert.Equal(2, await Count("createdDateTime ge 2026-11-17T09:00:00Z and createdDateTime le 2026-11-19T12:00:00Z"));
        Assert.Equal(1, await Count("createdDateTime lt 2026-11-12T09:00:00Z"));
        Assert.Equal(3, await Count("status/errorCode eq 0"));
        Assert.Equal(1, await Count("clientAppUsed eq 'IMAP4'"));
        Assert.Equal(1, await Count("conditionalAccessStatus eq 'failure'"));
        Assert.Equal(2, await Count("authenticationRequirement eq 'singleFactorAuthentication'"));
        Assert.Equal(1, await Count("startswith(appDisplayName,'Azure')"));
        Assert.Equal(2, await Count("startswith(userPrincipalName,'o''b') and status/errorCode eq 0"));
    }

    [Theory]
    [InlineData("userPrincipalName eq 'a@b.c' or userPrincipalName eq 'd@e.f'")]
    [InlineData("isInteractive eq true")]
    [InlineData("userPrincipalName ne 'a@b.c'")]
    [InlineData("status/errorCode ne 0")]
    [InlineData("not(clientAppUsed eq 'Browser')")]
    [InlineData("clientAppUsed eq 'Browser' and")]
    public async Task A_filter_graph_would_refuse_is_a_400(string filter)
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).SignIn("admin", 1);
        using var connection = await Connect(builder);
        var (status, body, _) = await Get(connection, Beta + Q(filter));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body["error"]!["code"]);
    }

    [Theory]
    [InlineData("?$select=id")]
    [InlineData("?$count=true")]
    [InlineData("?$orderby=userPrincipalName")]
    [InlineData("?$top=0")]
    public async Task Query_options_the_list_does_not_offer_are_a_400(string query)
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).SignIn("admin", 1);
        using var connection = await Connect(builder);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get(connection, Beta + query)).Status);
    }

    [Fact]
    public async Task A_skip_token_only_works_with_the_query_it_came_from()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true);
        for (int i = 0; i < 5; i++) builder.SignIn("admin", i + 0.5);
        using var connection = await Connect(builder);
        var next = (string)(await Get(connection, Beta + "?$top=2"))!.Body["@odata.nextLink"]!;
        Assert.Equal(2, Values((await Get(connection, next)).Body).Count);
        var tampered = next.Replace("$top=2", "$top=3");
        Assert.Equal(HttpStatusCode.BadRequest, (await Get(connection, tampered)).Status);
    }

    [Fact]
    public async Task The_reports_throttle_is_on_by_default_and_answers_429_with_retry_after_beyond_five_in_ten_seconds()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).SignIn("admin", 1);
        var emulator = new TenantEmulator(builder.Read());
        emulator.Clock.Stop(); // six requests inside ten seconds whatever the machine's load
        var request = TestConnections.Request(emulator);
        request.RetryPolicy = new PartnerSecurity.Http.RetryPolicy(0, TimeSpan.Zero, TimeSpan.Zero);
        using var connection = await PartnerConnection.ConnectAsync(request, default);
        for (int i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await Get(connection, Beta)).Status);
        var (status, body, response) = await Get(connection, Beta);
        Assert.Equal((HttpStatusCode)429, status);
        Assert.Equal("TooManyRequests", (string)body["error"]!["code"]!);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single()) is > 0 and <= 10);
        emulator.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(HttpStatusCode.OK, (await Get(connection, Beta)).Status);
    }
}
