using System.Net;
using System.Text.Json.Nodes;
using PartnerSecurity.Authentication;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Emulator;

/// <summary>MSAL, unchanged, signs in against the emulator: the emulator must serve what MSAL accepts.</summary>
public class IdentityTests
{
    private static SnapshotBuilder Partner() => new SnapshotBuilder()
        .User("admin", globalAdmin: true)
        .User("newhire", mfaRegistered: false)
        .User("gone", enabled: false);

    [Fact]
    public async Task Interactive_sign_in_runs_auth_code_with_pkce_through_a_loopback_listener()
    {
        var emulator = Partner().Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        Assert.Equal("admin@contoso.onmicrosoft.com", connection.Context.Account);
        Assert.Equal("Contoso Partner", connection.Context.TenantName);
        Assert.True(connection.Context.HasMfaClaim);
        // The browser runs on its own, like a real one: its navigation may end after MSAL has its code.
        await emulator.Browser.LastNavigation!;
        Assert.Equal(1, emulator.Browser.SignIns);
        Assert.Contains(emulator.Requests.Records, r => r.Url.Contains("/oauth2/v2.0/authorize") && r.Url.Contains("code_challenge_method=S256"));
    }

    [Fact]
    public async Task A_user_without_a_registered_strong_method_gets_no_mfa_claim()
    {
        var builder = Partner();
        var emulator = builder.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator, builder.UserId("newhire"));
        Assert.False(connection.Context.HasMfaClaim);
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_the_error_says_so()
    {
        var builder = Partner();
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => TestConnections.ConnectAsync(builder.Emulator(), builder.UserId("gone")));
        Assert.Equal("AccountDisabled", ex.ErrorId);
    }

    [Fact]
    public async Task After_sign_in_graph_tokens_come_from_the_cache_without_another_request()
    {
        var emulator = Partner().Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var before = emulator.Requests.CountWhere(r => r.Url.Contains("/token"));
        var token = await connection.Tokens.AcquireAsync(ApiResource.Graph, connection.HomeTenantId, CancellationToken.None);
        Assert.Equal(before, emulator.Requests.CountWhere(r => r.Url.Contains("/token")));
        Assert.Equal("https://graph.microsoft.com", token.Claims.Audience);
        Assert.Contains("User.Read.All", token.Claims.Scopes);
    }

    [Fact]
    public async Task A_customer_token_needs_an_active_gdap_relationship()
    {
        var active = new SnapshotBuilder("Fabrikam", "fabrikam.onmicrosoft.com").User("owner", globalAdmin: true);
        var ended = new SnapshotBuilder("Adatum", "adatum.onmicrosoft.com").User("owner", globalAdmin: true);
        var emulator = Partner().Customer(active).Customer(ended, gdapStatus: "terminated").Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);

        var token = await connection.Tokens.AcquireAsync(ApiResource.Graph, active.TenantId, CancellationToken.None);
        Assert.Equal(active.TenantId, token.Claims.TenantId);
        Assert.Equal("admin@contoso.onmicrosoft.com", token.Claims.UserPrincipalName);

        var refused = await Assert.ThrowsAsync<PartnerSecurityException>(() => connection.Tokens.AcquireAsync(ApiResource.Graph, ended.TenantId, CancellationToken.None));
        Assert.Equal("NoDelegatedAccess", refused.ErrorId);
        Assert.Contains(ended.TenantId, refused.Message);
        Assert.Contains("GDAP", refused.RecommendedAction);
    }

    [Fact]
    public async Task Client_credentials_with_the_registered_secret_get_an_app_token_and_a_wrong_secret_is_refused()
    {
        var builder = Partner();
        WithRunbookApp(builder);
        var emulator = builder.Emulator();
        var request = RunbookRequest(emulator);
        using var connection = await PartnerSecurity.Connections.PartnerConnection.ConnectAsync(request, CancellationToken.None);
        Assert.Equal("ClientSecret", connection.Context.AuthMode);
        Assert.Equal(RunbookAppId, connection.Context.Account);
        Assert.False(connection.Context.HasMfaClaim);
        // Nothing consented to it: its token carries no application permission, whatever .default asks for.
        Assert.Empty((await connection.Tokens.AcquireAsync(ApiResource.Graph, connection.HomeTenantId, CancellationToken.None)).Claims.Roles);

        request.ClientSecret = SecureStrings.Protect("wrong-secret");
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => PartnerSecurity.Connections.PartnerConnection.ConnectAsync(request, CancellationToken.None));
        Assert.Equal("InvalidClientCredential", ex.ErrorId);
        Assert.DoesNotContain("wrong-secret", ex.ToString());
    }

    [Fact]
    public async Task Token_endpoint_errors_have_entra_shape_with_aadsts_codes()
    {
        var emulator = Partner().Emulator();
        using var client = new HttpClient(emulator);
        var response = await client.PostAsync("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["client_id"] = WellKnownClients.ModuleClientId, ["refresh_token"] = "garbage" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid_grant", (string?)body["error"]);
        Assert.Equal(9002313, body["error_codes"]![0]!.GetValue<int>());
        Assert.StartsWith("AADSTS9002313:", (string?)body["error_description"]);
        Assert.NotNull(body["trace_id"]);
        Assert.NotNull(body["correlation_id"]);
    }

    [Fact]
    public async Task An_unknown_tenant_is_refused_with_AADSTS90002()
    {
        using var client = new HttpClient(Partner().Emulator());
        var response = await client.GetAsync("https://login.microsoftonline.com/nowhere.onmicrosoft.com/v2.0/.well-known/openid-configuration");
        Assert.Contains("AADSTS90002", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Refresh_tokens_expire_after_90_days_without_use()
    {
        var emulator = Partner().Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        emulator.Clock.Advance(TimeSpan.FromDays(91));
        // The access token expired long ago in the emulated cloud, so MSAL must redeem its refresh token.
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => connection.Tokens.AcquireAsync(ApiResource.PartnerCenter, connection.HomeTenantId, CancellationToken.None));
        Assert.Equal("RefreshTokenExpired", ex.ErrorId);
    }

    [Fact]
    public async Task App_only_tokens_carry_only_the_application_permissions_consented_to_the_service_principal()
    {
        var builder = Partner();
        WithRunbookApp(builder);
        builder.Set("servicePrincipals", new JsonArray(new JsonObject
        {
            ["id"] = SnapshotBuilder.Id("runbook-sp"),
            ["appId"] = RunbookAppId,
            ["displayName"] = "Runbook",
            ["appRoleAssignments"] = new JsonArray(new JsonObject
            {
                ["appRoleId"] = PartnerSecurity.Emulator.Identity.PermissionIds.ApplicationId("Policy.Read.All"),
                ["resourceDisplayName"] = "Microsoft Graph",
            }),
        }));
        var emulator = builder.Emulator();
        var request = RunbookRequest(emulator);
        using var connection = await PartnerSecurity.Connections.PartnerConnection.ConnectAsync(request, CancellationToken.None);
        var token = await connection.Tokens.AcquireAsync(ApiResource.Graph, connection.HomeTenantId, CancellationToken.None);
        Assert.Equal(new[] { "Policy.Read.All" }, token.Claims.Roles);
        // The organization needs Organization.Read.All: the connection stands under the tenant's id instead of its name.
        Assert.Equal(connection.HomeTenantId, connection.Context.TenantName);

        using var client = new HttpClient(emulator);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Value);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("https://graph.microsoft.com/v1.0/policies/identitySecurityDefaultsEnforcementPolicy")).StatusCode);
        var users = await client.GetAsync("https://graph.microsoft.com/v1.0/users");
        Assert.Equal(HttpStatusCode.Forbidden, users.StatusCode);
        Assert.Contains("Authorization_RequestDenied", await users.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_device_code_the_endpoint_never_issued_is_a_bad_verification_code()
    {
        var emulator = Partner().Emulator();
        using var client = new HttpClient(emulator);
        var response = await client.PostAsync("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code",
            ["client_id"] = "14d82eec-204b-4c2f-b7e8-296a70dab67e",
            ["device_code"] = "DAQABAAEAAAnot-a-code-this-endpoint-issued",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("bad_verification_code", (string)body["error"]!);
    }

    private const string RunbookAppId = "0b9e2f0c-5a4b-4c9d-8e7f-1a2b3c4d5e6f";

    /// <summary>An app registration "Runbook" whose secret is "right-secret".</summary>
    private static void WithRunbookApp(SnapshotBuilder builder) => builder.Set("applications", new JsonArray(new JsonObject
    {
        ["id"] = SnapshotBuilder.Id("app-object"),
        ["appId"] = RunbookAppId,
        ["displayName"] = "Runbook",
        ["passwordCredentials"] = new JsonArray(new JsonObject { ["keyId"] = SnapshotBuilder.Id("k"), ["secretText"] = "right-secret", ["endDateTime"] = "2027-01-01T00:00:00Z" }),
    }));

    /// <summary>A client-secret connection request for the runbook app.</summary>
    private static PartnerSecurity.Connections.ConnectionRequest RunbookRequest(PartnerSecurity.Emulator.TenantEmulator emulator)
    {
        var request = TestConnections.Request(emulator);
        request.Mode = PartnerSecurity.Connections.ConnectionMode.ClientSecret;
        request.ApplicationId = RunbookAppId;
        request.ClientSecret = SecureStrings.Protect("right-secret");
        return request;
    }
}
