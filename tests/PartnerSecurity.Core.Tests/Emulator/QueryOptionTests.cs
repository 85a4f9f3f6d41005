using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Emulator;
using PartnerSecurity.Mfa;
using PartnerSecurity.Tenants;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Emulator;

/// <summary>Graph's query options on the endpoints the emulator serves: refused where Graph refuses them, honoured where it takes them.</summary>
public class QueryOptionTests
{
    private const string Users = "https://graph.microsoft.com/v1.0/users";

    private static SnapshotBuilder Tenant() => new SnapshotBuilder().User("admin", globalAdmin: true).User("zoe").User("adam").User("gone", enabled: false);

    private static async Task<(HttpStatusCode Status, JsonObject Body)> Get(PartnerConnection connection, string url, bool eventual = false)
    {
        var token = await connection.Tokens.AcquireAsync(ApiResource.Graph, connection.HomeTenantId, default);
        using var client = connection.Pipeline.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        if (eventual) request.Headers.TryAddWithoutValidation("ConsistencyLevel", "eventual");
        var response = await client.SendAsync(request);
        return (response.StatusCode, (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static string Q(string name, string value) => name + "=" + Uri.EscapeDataString(value);

    private static List<string> Upns(JsonObject body) => body["value"]!.AsArray().Select(u => (string)u!["userPrincipalName"]!).ToList();

    [Theory]
    [InlineData("$filter", "accountEnabled ne false")]
    [InlineData("$filter", "endswith(userPrincipalName,'contoso.onmicrosoft.com')")]
    [InlineData("$filter", "not(accountEnabled eq false)")]
    public async Task Advanced_filters_are_refused_without_count_and_consistency_level_and_honoured_with_them(string option, string value)
    {
        using var connection = await TestConnections.ConnectAsync(Tenant().Emulator());
        var (refused, error) = await Get(connection, $"{Users}?{Q(option, value)}");
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("Request_UnsupportedQuery", (string)error["error"]!["code"]!);

        var (status, body) = await Get(connection, $"{Users}?{Q(option, value)}&$count=true&$select=userPrincipalName,accountEnabled", eventual: true);
        Assert.Equal(HttpStatusCode.OK, status);
        var upns = Upns(body);
        if (value.Contains("accountEnabled")) Assert.DoesNotContain("gone@contoso.onmicrosoft.com", upns);
        Assert.Equal(upns.Count, (int)body["@odata.count"]!);
    }

    [Fact]
    public async Task Search_and_count_need_the_consistency_level_header()
    {
        using var connection = await TestConnections.ConnectAsync(Tenant().Emulator());
        Assert.Equal(HttpStatusCode.BadRequest, (await Get(connection, $"{Users}?{Q("$search", "\"displayName:zo\"")}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get(connection, $"{Users}?$count=true")).Status);
        var (status, body) = await Get(connection, $"{Users}?{Q("$search", "\"displayName:zo\"")}", eventual: true);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new[] { "zoe@contoso.onmicrosoft.com" }, Upns(body));
    }

    [Fact]
    public async Task Select_names_only_properties_of_the_type_and_orderby_only_what_the_endpoint_sorts_by()
    {
        using var connection = await TestConnections.ConnectAsync(Tenant().Emulator());
        var (unknown, error) = await Get(connection, $"{Users}?$select=id,userPrincipalName,isCool");
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Contains("isCool", (string)error["error"]!["message"]!);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get(connection, $"{Users}/{Uri.EscapeDataString("zoe@contoso.onmicrosoft.com")}?$select=isCool")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get(connection, $"{Users}?{Q("$orderby", "jobTitle")}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Get(connection, $"{Users}?{Q("$orderby", "displayName")}&{Q("$filter", "accountEnabled eq true")}")).Status);

        var (status, body) = await Get(connection, $"{Users}?{Q("$orderby", "userPrincipalName desc")}&$select=userPrincipalName");
        Assert.Equal(HttpStatusCode.OK, status);
        var upns = Upns(body);
        Assert.Equal(upns.OrderByDescending(u => u, StringComparer.OrdinalIgnoreCase), upns);
        Assert.All(body["value"]!.AsArray(), u => Assert.Equal(new[] { "userPrincipalName" }, u!.AsObject().Select(p => p.Key)));
    }

    [Fact]
    public async Task The_mfa_posture_does_not_depend_on_what_the_documentation_does_not_list()
    {
        var builder = Tenant().User("rita").User("sam");
        builder.Role(builder.UserId("rita"), "4a5d8f65-41da-4de4-8968-e035b65339cf");
        builder.Role(builder.UserId("sam"), "fdd7a751-b60b-444a-984c-02652fe8fa1c");
        var lenient = builder.Emulator();
        var strict = new TenantEmulator(builder.Read(), new EmulatorOptions { RefuseUndocumentedQueries = true });

        async Task<MfaTenantResult> Read(TenantEmulator emulator)
        {
            using var connection = await TestConnections.ConnectAsync(emulator);
            return await MfaPostureReader.GetAsync(connection, TenantScope.Home(connection), new MfaReadOptions(), null, default);
        }

        var expected = await Read(lenient);
        var actual = await Read(strict);
        Assert.Empty(actual.Warnings);
        Assert.Equal(expected.Verdicts.Select(v => (v.UserPrincipalName, v.Status, v.IsAdmin, v.AdminRoles.ToString(), v.IsMfaRegistered)),
            actual.Verdicts.Select(v => (v.UserPrincipalName, v.Status, v.IsAdmin, v.AdminRoles.ToString(), v.IsMfaRegistered)));
        Assert.Contains(actual.Verdicts, v => v.AdminRoles.ToString() == "Groups Administrator");
        Assert.Contains(strict.Requests.Records, r => r.Status == 400 && r.Url.Contains("userRegistrationDetails"));
        Assert.Contains(strict.Requests.Records, r => r.Status == 400 && r.Url.Contains("roleAssignments"));
    }
}
