using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.SecureAppModel;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Authentication;

/// <summary>Every way of signing in, with MSAL unchanged against the emulator.</summary>
public class SignInTests
{
    [Fact]
    public async Task Device_code_sign_in_polls_through_authorization_pending_and_shows_the_message_not_a_token()
    {
        var emulator = SamTenant.Partner().Emulator();
        var request = TestConnections.Request(emulator, "agent@northwindcloud.onmicrosoft.com");
        request.Mode = ConnectionMode.DeviceCode;
        var messages = new List<string>();
        request.DeviceCodeMessage = messages.Add;
        using var connection = await PartnerConnection.ConnectAsync(request, CancellationToken.None);
        Assert.Equal("DeviceCode", connection.Context.AuthMode);
        Assert.True(connection.Context.HasMfaClaim);
        var message = Assert.Single(messages);
        Assert.Matches("enter the code [A-Z0-9]{9} to authenticate", message);
        Assert.DoesNotContain(emulator.Context.Grants.IssuedSecrets, s => message.Contains(s));
        Assert.True(emulator.Requests.CountWhere(r => r.Url.EndsWith("/oauth2/v2.0/token") && r.Status == 400) >= 1, "the first poll is authorization_pending");
        Assert.Equal(1, emulator.Requests.CountWhere(r => r.Url.EndsWith("/oauth2/v2.0/devicecode")));
    }

    [Fact]
    public async Task App_only_with_a_registered_certificate_works_and_an_unregistered_one_is_refused()
    {
        var builder = SamTenant.Partner();
        var certificate = SamTenant.Certificate("Runbook");
        builder.Set("applications", new JsonArray(new JsonObject
        {
            ["id"] = SnapshotBuilder.Id("app/runbook"),
            ["appId"] = "0b9e2f0c-5a4b-4c9d-8e7f-1a2b3c4d5e6f",
            ["displayName"] = "Runbook",
            ["keyCredentials"] = new JsonArray(new JsonObject
            {
                ["keyId"] = SnapshotBuilder.Id("key"),
                ["type"] = "AsymmetricX509Cert",
                ["usage"] = "Verify",
                ["key"] = Convert.ToBase64String(certificate.Export(X509ContentType.Cert)),
                ["endDateTime"] = "2028-01-01T00:00:00Z",
            }),
        }));
        var emulator = builder.Emulator();
        var request = TestConnections.Request(emulator);
        request.Mode = ConnectionMode.Certificate;
        request.ApplicationId = "0b9e2f0c-5a4b-4c9d-8e7f-1a2b3c4d5e6f";
        request.Certificate = certificate;
        using var connection = await PartnerConnection.ConnectAsync(request, CancellationToken.None);
        Assert.Equal("Certificate", connection.Context.AuthMode);
        var token = await connection.Tokens.AcquireAsync(ApiResource.Graph, connection.HomeTenantId, CancellationToken.None);
        Assert.True(token.Claims.IsAppOnly);

        request.Certificate = SamTenant.Certificate("Someone else");
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => PartnerConnection.ConnectAsync(request, CancellationToken.None));
        Assert.Equal("InvalidClientCredential", ex.ErrorId);
    }

    [Fact]
    public async Task A_managed_identity_gets_app_only_tokens_in_its_own_tenant_from_the_metadata_endpoint()
    {
        var emulator = SamTenant.Partner().Emulator();
        var request = TestConnections.Request(emulator);
        request.Mode = ConnectionMode.ManagedIdentity;
        request.TenantId = null;
        using var connection = await PartnerConnection.ConnectAsync(request, CancellationToken.None);
        Assert.Equal("ManagedIdentity", connection.Context.AuthMode);
        Assert.Equal(SamTenant.ManagedIdentityAppId, connection.Context.Account);
        Assert.Equal(emulator.Snapshot.Tenant.Id, connection.Context.TenantId);
        Assert.Contains(emulator.Requests.Records, r => r.Url.StartsWith("http://169.254.169.254/metadata/identity/oauth2/token"));
        var customer = await Assert.ThrowsAsync<PartnerSecurityException>(() => connection.Tokens.AcquireAsync(ApiResource.Graph, SamTenant.Fabrikam().TenantId, CancellationToken.None));
        Assert.Equal("ManagedIdentityTenant", customer.ErrorId);

        request.ApplicationId = "00000000-0000-0000-0000-00000000abcd";
        var missing = await Assert.ThrowsAsync<PartnerSecurityException>(() => PartnerConnection.ConnectAsync(request, CancellationToken.None));
        Assert.Equal("ManagedIdentityUnavailable", missing.ErrorId);
    }

    [Fact]
    public async Task A_token_brought_by_the_caller_is_used_for_its_resource_and_tenant_and_refused_once_expired()
    {
        var emulator = SamTenant.Partner().Emulator();
        var jwt = emulator.IssueUserAccessToken("agent@northwindcloud.onmicrosoft.com", "https://graph.microsoft.com/.default");
        var request = TestConnections.Request(emulator);
        request.Mode = ConnectionMode.AccessToken;
        request.TenantId = null;
        request.AccessToken = SecureStrings.Protect(jwt);
        using var connection = await PartnerConnection.ConnectAsync(request, CancellationToken.None);
        Assert.Equal("AccessToken", connection.Context.AuthMode);
        Assert.Equal("agent@northwindcloud.onmicrosoft.com", connection.Context.Account);
        Assert.True(connection.Context.HasMfaClaim);
        var wrongResource = await Assert.ThrowsAsync<PartnerSecurityException>(() => connection.Tokens.AcquireAsync(ApiResource.PartnerCenter, connection.HomeTenantId, CancellationToken.None));
        Assert.Equal("AccessTokenWrongResource", wrongResource.ErrorId);
        var wrongTenant = await Assert.ThrowsAsync<PartnerSecurityException>(() => connection.Tokens.AcquireAsync(ApiResource.Graph, SamTenant.Fabrikam().TenantId, CancellationToken.None));
        Assert.Equal("AccessTokenWrongTenant", wrongTenant.ErrorId);

        emulator.Clock.Advance(TimeSpan.FromHours(2));
        var expired = await Assert.ThrowsAsync<PartnerSecurityException>(() => PartnerConnection.ConnectAsync(request, CancellationToken.None));
        Assert.Equal("AccessTokenExpired", expired.ErrorId);

        request.AccessToken = SecureStrings.Protect("not-a-jwt");
        var malformed = await Assert.ThrowsAsync<PartnerSecurityException>(() => PartnerConnection.ConnectAsync(request, CancellationToken.None));
        Assert.Equal("InvalidAccessToken", malformed.ErrorId);
        Assert.DoesNotContain("not-a-jwt", malformed.Message);
    }

    [Fact]
    public void The_partner_requirement_test_reads_amr_and_the_adfs_claim()
    {
        static TokenClaims Claims(string payload) => TokenClaims.Parse("eyJhbGciOiJub25lIn0." + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".");
        var mfa = PartnerSecurityRequirement.Test(Claims("{\"tid\":\"t\",\"upn\":\"a@b.c\",\"scp\":\"x\",\"amr\":[\"pwd\",\"mfa\"],\"exp\":1}"));
        Assert.True(mfa.Passed);
        Assert.Equal(new[] { "pwd", "mfa" }, mfa.AuthenticationMethods);
        var adfs = PartnerSecurityRequirement.Test(Claims("{\"tid\":\"t\",\"upn\":\"a@b.c\",\"scp\":\"x\",\"amr\":[\"fed\"],\"http://schemas.microsoft.com/claims/authnmethodsreferences\":\"http://schemas.microsoft.com/claims/multipleauthn\",\"exp\":1}"));
        Assert.True(adfs.Passed);
        Assert.Contains("ADFS", adfs.Detail);
        var none = PartnerSecurityRequirement.Test(Claims("{\"tid\":\"t\",\"upn\":\"a@b.c\",\"scp\":\"x\",\"amr\":[\"pwd\"],\"exp\":1}"));
        Assert.False(none.Passed);
        Assert.Contains("Enforce MFA", none.Detail);
        var app = PartnerSecurityRequirement.Test(Claims("{\"tid\":\"t\",\"appid\":\"x\",\"roles\":[\"r\"],\"idtyp\":\"app\",\"exp\":1}"));
        Assert.False(app.Passed);
        Assert.Contains("app-only", app.Detail);
    }

    [Fact]
    public void The_refresh_token_is_found_in_msal_serialization_by_client_and_account()
    {
        var cache = "{\"RefreshToken\":{\"k1\":{\"home_account_id\":\"u1.t\",\"client_id\":\"app\",\"secret\":\"rt-1\",\"credential_type\":\"RefreshToken\"},\"k2\":{\"home_account_id\":\"u2.t\",\"client_id\":\"app\",\"secret\":\"rt-2\"},\"k3\":{\"home_account_id\":\"u1.t\",\"client_id\":\"other\",\"secret\":\"rt-3\"}}}";
        var bytes = System.Text.Encoding.UTF8.GetBytes(cache);
        Assert.Equal("rt-2", TokenCacheBinding.FindRefreshToken(bytes, "app", "u2.t"));
        Assert.Equal("rt-3", TokenCacheBinding.FindRefreshToken(bytes, "other", null));
        Assert.Null(TokenCacheBinding.FindRefreshToken(bytes, "app", null)); // ambiguous: two accounts
    }

    [Theory]
    [InlineData("Global", "https://login.microsoftonline.com", "https://graph.microsoft.com", "https://api.partnercenter.microsoft.com")]
    [InlineData("USGov", "https://login.microsoftonline.us", "https://graph.microsoft.us", "https://api.partnercenter.microsoft.com")]
    [InlineData("USGovDoD", "https://login.microsoftonline.us", "https://dod-graph.microsoft.us", "https://api.partnercenter.microsoft.com")]
    [InlineData("China", "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn", "https://partner.partnercenterapi.microsoftonline.cn")]
    public void Each_cloud_has_its_authority_graph_and_partner_center(string name, string authority, string graph, string partnerCenter)
    {
        var cloud = CloudEnvironment.Parse(name);
        Assert.Equal(authority, cloud.AuthorityHost);
        Assert.Equal(graph, cloud.GraphEndpoint);
        Assert.Equal(partnerCenter, cloud.PartnerCenterEndpoint);
        Assert.Equal(partnerCenter + "/user_impersonation", ApiResource.PartnerCenter.DelegatedScopes(cloud).Single());
    }

    [Fact]
    public async Task Access_tokens_expire_on_the_emulators_clock_and_are_renewed_without_a_401()
    {
        var emulator = SamTenant.Partner().Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator, "agent@northwindcloud.onmicrosoft.com");
        await PartnerSecurity.SecurityDefaults.SecurityDefaultsReader.GetAsync(connection, connection.HomeTenantId, CancellationToken.None);
        int redemptions = emulator.Requests.CountWhere(r => r.Url.EndsWith("/oauth2/v2.0/token"));

        emulator.Clock.Advance(TimeSpan.FromHours(2));
        await PartnerSecurity.SecurityDefaults.SecurityDefaultsReader.GetAsync(connection, connection.HomeTenantId, CancellationToken.None);
        Assert.True(emulator.Requests.CountWhere(r => r.Url.EndsWith("/oauth2/v2.0/token")) > redemptions, "the expired access token was renewed with the refresh token");
        Assert.DoesNotContain(emulator.Requests.Records, r => r.Status == 401);
    }

    [Fact]
    public async Task A_refresh_token_idle_for_90_days_is_AADSTS700082_not_a_401_from_graph()
    {
        var emulator = SamTenant.Partner().Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator, "agent@northwindcloud.onmicrosoft.com");
        emulator.Clock.Advance(TimeSpan.FromDays(91));
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => PartnerSecurity.SecurityDefaults.SecurityDefaultsReader.GetAsync(connection, connection.HomeTenantId, CancellationToken.None));
        Assert.Equal("RefreshTokenExpired", ex.ErrorId);
        Assert.Contains("700082", ex.Message);
        Assert.Contains("Connect-PartnerSecurity", ex.RecommendedAction);
        Assert.DoesNotContain(emulator.Requests.Records, r => r.Status == 401);
    }
}
