using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.SecureAppModel;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.SecureAppModel;

/// <summary>The Secure Application Model end to end, in the core, against the emulator with MSAL and the Graph SDK unchanged.</summary>
public class SecureAppModelTests
{
    [Fact]
    public async Task Provisioning_creates_the_multi_tenant_app_its_permissions_credential_service_principal_and_admin_agents_membership()
    {
        var builder = SamTenant.Partner();
        var emulator = builder.Emulator();
        var (admin, app, certificate) = await SamTenant.ProvisionAsync(emulator);
        using var _ = admin;

        Assert.Equal("Certificate", app.CredentialType);
        Assert.Equal(certificate.Thumbprint, app.CertificateThumbprint);
        Assert.False(app.Updated);
        var registration = emulator.Snapshot.Applications.Single(a => (string?)a["appId"] == app.ApplicationId);
        Assert.Equal("AzureADMultipleOrgs", (string?)registration["signInAudience"]);
        Assert.Contains("http://localhost", registration["web"]!["redirectUris"]!.AsArray().Select(n => (string?)n));
        var access = registration["requiredResourceAccess"]!.AsArray();
        var partnerCenter = access.Single(a => (string?)a!["resourceAppId"] == "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd");
        Assert.Equal("1cebfa2a-fb4d-419e-b5f9-839b4383e05a", (string?)partnerCenter!["resourceAccess"]![0]!["id"]);
        var graph = access.Single(a => (string?)a!["resourceAppId"] == "00000003-0000-0000-c000-000000000000");
        Assert.Equal(SamPermissions.MicrosoftGraph.Permissions.Count, graph!["resourceAccess"]!.AsArray().Count);
        Assert.Single(registration["keyCredentials"]!.AsArray());

        var principal = emulator.Snapshot.ServicePrincipals.Single(sp => (string?)sp["appId"] == app.ApplicationId);
        Assert.Equal(app.ServicePrincipalId, (string?)principal["id"]);
        var adminAgents = emulator.Snapshot.Groups.Single(g => (string?)g["displayName"] == "AdminAgents");
        Assert.Contains(app.ServicePrincipalId, adminAgents["members"]!.AsArray().Select(n => (string?)n));

        // Run again: matched by display name, nothing duplicated.
        var again = await SecureAppModelApplicationProvisioner.ProvisionAsync(admin,
            new SecureAppModelApplicationRequest { DisplayName = "Northwind SAM", Certificate = certificate }, CancellationToken.None);
        Assert.True(again!.Updated);
        Assert.Equal(app.ApplicationId, again.ApplicationId);
        Assert.Single(emulator.Snapshot.Applications, a => (string?)a["displayName"] == "Northwind SAM");
        Assert.Single(emulator.Snapshot.ServicePrincipals, sp => (string?)sp["appId"] == app.ApplicationId);
        Assert.Single(registration["keyCredentials"]!.AsArray());
        Assert.Single(adminAgents["members"]!.AsArray(), n => (string?)n == app.ServicePrincipalId);
    }

    [Fact]
    public async Task Registering_a_new_certificate_keeps_every_certificate_already_on_the_app()
    {
        var emulator = SamTenant.Partner().Emulator();
        var (admin, app, first) = await SamTenant.ProvisionAsync(emulator);
        using var _ = admin;
        // Another runbook host registered its own certificate earlier: this host has no key for it.
        var otherHost = SamTenant.Certificate("Runbook host 2");
        var second = SamTenant.Certificate("Northwind SAM rotated");
        var registration = emulator.Snapshot.Applications.Single(a => (string?)a["appId"] == app.ApplicationId);
        registration["keyCredentials"]!.AsArray().Add(new JsonObject
        {
            ["keyId"] = Guid.NewGuid().ToString(),
            ["type"] = "AsymmetricX509Cert",
            ["usage"] = "Verify",
            ["displayName"] = "CN=Runbook host 2",
            ["customKeyIdentifier"] = Convert.ToBase64String(otherHost.GetCertHash()),
            ["key"] = Convert.ToBase64String(otherHost.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Cert)),
        });

        var rotated = await SecureAppModelApplicationProvisioner.ProvisionAsync(admin,
            new SecureAppModelApplicationRequest { DisplayName = "Northwind SAM", Certificate = second }, CancellationToken.None);

        Assert.Equal(second.Thumbprint, rotated!.CertificateThumbprint);
        var keys = emulator.Snapshot.Applications.Single(a => (string?)a["appId"] == app.ApplicationId)["keyCredentials"]!.AsArray().Select(k => (JsonObject)k!).ToList();
        var thumbprints = keys.Select(k => Convert.ToHexString(Convert.FromBase64String((string)k["customKeyIdentifier"]!))).ToList();
        Assert.Equal(new[] { first.Thumbprint, otherHost.Thumbprint, second.Thumbprint }.OrderBy(t => t), thumbprints.OrderBy(t => t));
        Assert.All(keys, k => Assert.False(string.IsNullOrEmpty((string?)k["key"]), "every certificate keeps its key"));
    }

    [Fact]
    public async Task A_secret_is_returned_once_as_a_secure_string_and_never_read_back()
    {
        var emulator = SamTenant.Partner().Emulator();
        var request = TestConnections.Request(emulator, "agent@northwindcloud.onmicrosoft.com");
        using var admin = await PartnerConnection.ConnectAsync(request, CancellationToken.None);
        var app = await SecureAppModelApplicationProvisioner.ProvisionAsync(admin, new SecureAppModelApplicationRequest { DisplayName = "Secret SAM", UseClientSecret = true }, CancellationToken.None);
        Assert.Equal("ClientSecret", app!.CredentialType);
        Assert.NotNull(app.ClientSecret);
        Assert.True(app.SecretExpiresOn > emulator.Clock.UtcNow.AddDays(700));
        var secret = SecureStrings.Reveal(app.ClientSecret!);
        var read = await admin.Graph(admin.HomeTenantId, ApiResource.GraphApplicationAdmin).Applications[app.ObjectId].GetAsync();
        Assert.Null(read!.PasswordCredentials!.Single().SecretText);
        Assert.Equal(secret.Substring(0, 3), read.PasswordCredentials!.Single().Hint);
    }

    [Fact]
    public async Task Provisioning_without_the_app_registration_permission_is_refused_with_what_to_do()
    {
        var emulator = SamTenant.Partner().Emulator();
        using var admin = await TestConnections.ConnectAsync(emulator, "agent@northwindcloud.onmicrosoft.com");
        // The module's default scopes do not include Application.ReadWrite.All: the emulator's Graph checks scp.
        var token = await admin.Tokens.AcquireAsync(ApiResource.Graph, admin.HomeTenantId, CancellationToken.None);
        Assert.DoesNotContain("Application.ReadWrite.All", token.Claims.Scopes);
        using var client = new HttpClient(emulator);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Value);
        var response = await client.PostAsync("https://graph.microsoft.com/v1.0/applications", new StringContent("{\"displayName\":\"x\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(emulator.Snapshot.Applications);
    }

    [Fact]
    public async Task The_consent_runs_auth_code_with_pkce_through_a_loopback_listener_and_returns_an_mfa_backed_refresh_token()
    {
        var emulator = SamTenant.Partner().Emulator();
        var (admin, app, certificate) = await SamTenant.ProvisionAsync(emulator);
        admin.Dispose();
        var signIns = emulator.Browser.SignIns;

        var token = await SecureAppModelConsent.ConsentAsync(SamTenant.Consent(emulator, app, certificate, "agent@northwindcloud.onmicrosoft.com"), CancellationToken.None);

        // The simulated browser counts a sign-in once the listener's answer reaches it, which may be just after the consent returns.
        await emulator.Browser.LastNavigation!.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(signIns + 1, emulator.Browser.SignIns);
        Assert.Contains(emulator.Requests.Records, r => r.Url.Contains("/oauth2/v2.0/authorize") && r.Url.Contains("code_challenge_method=S256") && r.Url.Contains(app.ApplicationId));
        Assert.True(token.HasMfaClaim);
        Assert.Equal("agent@northwindcloud.onmicrosoft.com", token.Account);
        Assert.Equal(emulator.Snapshot.Tenant.Id, token.TenantId);
        Assert.Equal(app.ApplicationId, token.ApplicationId);
        Assert.Equal(token.RefreshTokenIssuedOn + TimeSpan.FromDays(90), token.RefreshTokenExpiresOn);
        var refresh = SecureStrings.Reveal(token.RefreshToken);
        Assert.Contains(refresh, emulator.Context.Grants.IssuedSecrets);
        var access = TokenClaims.Parse(SecureStrings.Reveal(token.AccessToken));
        Assert.Equal("https://api.partnercenter.microsoft.com", access.Audience);
        Assert.False(access.IsAppOnly);
        Assert.Contains("user_impersonation", access.Scopes);
    }

    [Fact]
    public async Task A_consent_without_mfa_is_refused_unless_forced()
    {
        var emulator = SamTenant.Partner().Emulator();
        var (admin, app, certificate) = await SamTenant.ProvisionAsync(emulator);
        admin.Dispose();
        var request = SamTenant.Consent(emulator, app, certificate, "nomfa@northwindcloud.onmicrosoft.com");
        var refused = await Assert.ThrowsAsync<PartnerSecurityException>(() => SecureAppModelConsent.ConsentAsync(request, CancellationToken.None));
        Assert.Equal("MfaClaimMissing", refused.ErrorId);
        Assert.Contains("-Force", refused.RecommendedAction);

        request.Force = true;
        var forced = await SecureAppModelConsent.ConsentAsync(request, CancellationToken.None);
        Assert.False(forced.HasMfaClaim);
    }

    [Fact]
    public async Task Partner_Center_refuses_a_connection_without_mfa_with_900421_and_the_error_names_it_and_the_consent_to_redo()
    {
        var emulator = SamTenant.Partner().Emulator();
        var (admin, app, certificate) = await SamTenant.ProvisionAsync(emulator);
        admin.Dispose();
        var consent = SamTenant.Consent(emulator, app, certificate, "nomfa@northwindcloud.onmicrosoft.com");
        consent.Force = true;
        var token = await SecureAppModelConsent.ConsentAsync(consent, CancellationToken.None);

        var request = TestConnections.Request(emulator);
        request.Mode = ConnectionMode.RefreshToken;
        request.ApplicationId = app.ApplicationId;
        request.Certificate = certificate;
        request.RefreshToken = token.RefreshToken;
        using var connection = await PartnerConnection.ConnectAsync(request, CancellationToken.None);
        Assert.False(connection.Context.HasMfaClaim);

        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(async () =>
        {
            await foreach (var _ in new PartnerSecurity.PartnerCenter.PartnerCenterClient(connection).GetCustomersAsync(CancellationToken.None)) { }
        });
        Assert.Equal("PartnerCenterMfaRequired", ex.ErrorId);
        Assert.Equal(ErrorKind.AuthenticationError, ex.Kind);
        Assert.Contains("nomfa@northwindcloud.onmicrosoft.com (SecureAppModel)", ex.Message);
        Assert.Contains("900421", ex.Message);
        Assert.Contains("New-SecureAppModelToken", ex.RecommendedAction);
    }

    [Theory]
    [InlineData("{\"code\":\"900421\",\"description\":\"MFA is required.\",\"data\":[],\"source\":\"PartnerFD\"}")]
    [InlineData("{\"code\":900421,\"description\":\"MFA is required.\"}")]
    [InlineData("{\"code\":10001,\"description\":\"Authentication failed. MFA required.\"}")]
    public void Both_partner_center_mfa_codes_become_the_one_mfa_error(string body)
    {
        var context = new PartnerSecurityContext("t", "Northwind", "agent@northwind.com", "Interactive", "Global", false, DateTimeOffset.UtcNow);
        var ex = PartnerSecurity.PartnerCenter.PartnerCenterErrors.Translate(401, body, "Listing Partner Center customers", "t", context);
        Assert.Equal("PartnerCenterMfaRequired", ex.ErrorId);
        Assert.Contains("agent@northwind.com (Interactive)", ex.Message);
        Assert.Contains("New-SecureAppModelToken", ex.RecommendedAction);
    }

    [Fact]
    public async Task A_wrong_certificate_is_refused_by_the_token_endpoint()
    {
        var emulator = SamTenant.Partner().Emulator();
        var (admin, app, _) = await SamTenant.ProvisionAsync(emulator);
        admin.Dispose();
        var request = SamTenant.Consent(emulator, app, SamTenant.Certificate("Impostor"), "agent@northwindcloud.onmicrosoft.com");
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => SecureAppModelConsent.ConsentAsync(request, CancellationToken.None));
        Assert.Equal("InvalidClientCredential", ex.ErrorId);
        Assert.Contains("700027", ex.Message);
    }

    [Fact]
    public async Task The_refresh_token_is_exchanged_for_each_customer_with_gdap_and_rotates_on_every_use()
    {
        var fabrikam = SamTenant.Fabrikam();
        var adatum = SamTenant.Adatum();
        var emulator = SamTenant.Partner(activeCustomer: fabrikam, endedCustomer: adatum).Emulator();
        var (admin, app, certificate) = await SamTenant.ProvisionAsync(emulator);
        admin.Dispose();
        var consent = await SecureAppModelConsent.ConsentAsync(SamTenant.Consent(emulator, app, certificate, "agent@northwindcloud.onmicrosoft.com"), CancellationToken.None);

        var exchange = SamTenant.Consent(emulator, app, certificate);
        exchange.TenantId = fabrikam.TenantId;
        exchange.RefreshToken = consent.RefreshToken;
        exchange.Scopes = new[] { "https://graph.microsoft.com/.default" };
        var customer = await SecureAppModelConsent.RedeemAsync(exchange, CancellationToken.None);
        Assert.Equal(fabrikam.TenantId, customer.TenantId);
        Assert.True(customer.HasMfaClaim);
        Assert.NotEqual(SecureStrings.Reveal(consent.RefreshToken), SecureStrings.Reveal(customer.RefreshToken));
        Assert.Equal(fabrikam.TenantId, TokenClaims.Parse(SecureStrings.Reveal(customer.AccessToken)).TenantId);

        exchange.TenantId = adatum.TenantId;
        exchange.RefreshToken = customer.RefreshToken;
        var refused = await Assert.ThrowsAsync<PartnerSecurityException>(() => SecureAppModelConsent.RedeemAsync(exchange, CancellationToken.None));
        Assert.Equal("NoDelegatedAccess", refused.ErrorId);
        Assert.Contains("GDAP", refused.RecommendedAction);
    }

    [Fact]
    public async Task A_connection_from_a_stored_token_rotates_it_on_every_redemption_and_reaches_customers()
    {
        var fabrikam = SamTenant.Fabrikam();
        var emulator = SamTenant.Partner(activeCustomer: fabrikam).Emulator();
        var (admin, app, certificate) = await SamTenant.ProvisionAsync(emulator);
        admin.Dispose();
        var consent = await SecureAppModelConsent.ConsentAsync(SamTenant.Consent(emulator, app, certificate, "agent@northwindcloud.onmicrosoft.com"), CancellationToken.None);
        var options = new TokenStorageOptions { Directory = Path.Combine(Path.GetTempPath(), "ps-sam-" + Guid.NewGuid().ToString("N")), AllowUnencrypted = true };
        var store = SecureAppModelTokenStore.Open(options);
        var name = "partner-" + Guid.NewGuid().ToString("N").Substring(0, 8);
        var entry = new StoredToken { Name = name, ApplicationId = app.ApplicationId, TenantId = consent.TenantId, Account = consent.Account, HasMfaClaim = true, IssuedOn = emulator.Clock.UtcNow, LastUsedOn = emulator.Clock.UtcNow };
        entry.SetRefreshToken(consent);
        store.Save(entry);
        var first = SecureStrings.Reveal(store.Get(name).ProtectedRefreshToken());

        var request = TestConnections.Request(emulator);
        request.Mode = ConnectionMode.RefreshToken;
        request.ApplicationId = app.ApplicationId;
        request.Certificate = certificate;
        request.RefreshTokenName = name;
        request.TenantId = null;
        request.Storage = options;
        using var connection = await PartnerConnection.ConnectAsync(request, CancellationToken.None);
        Assert.Equal("SecureAppModel", connection.Context.AuthMode);
        Assert.Equal("agent@northwindcloud.onmicrosoft.com", connection.Context.Account);
        Assert.True(connection.Context.HasMfaClaim);
        var second = SecureStrings.Reveal(store.Get(name).ProtectedRefreshToken());
        Assert.NotEqual(first, second);

        emulator.Clock.Advance(TimeSpan.FromDays(30));
        var customerToken = await connection.Tokens.AcquireAsync(ApiResource.Graph, fabrikam.TenantId, CancellationToken.None);
        Assert.Equal(fabrikam.TenantId, customerToken.Claims.TenantId);
        var third = store.Get(name);
        Assert.NotEqual(second, SecureStrings.Reveal(third.ProtectedRefreshToken()));
        Assert.Equal(emulator.Clock.UtcNow.Date, third.LastUsedOn.UtcDateTime.Date);
        Assert.True(new SecureAppModelTokenStatus(third, emulator.Clock.UtcNow, "PlaintextFile").DaysLeft >= 89);
    }

    [Fact]
    public async Task After_91_days_without_use_the_refresh_token_is_refused_and_the_error_says_to_consent_again()
    {
        var emulator = SamTenant.Partner().Emulator();
        var (admin, app, certificate) = await SamTenant.ProvisionAsync(emulator);
        admin.Dispose();
        var consent = await SecureAppModelConsent.ConsentAsync(SamTenant.Consent(emulator, app, certificate, "agent@northwindcloud.onmicrosoft.com"), CancellationToken.None);
        emulator.Clock.Advance(TimeSpan.FromDays(91));
        var exchange = SamTenant.Consent(emulator, app, certificate);
        exchange.RefreshToken = consent.RefreshToken;
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => SecureAppModelConsent.RedeemAsync(exchange, CancellationToken.None));
        Assert.Equal("RefreshTokenExpired", ex.ErrorId);
        Assert.Contains("New-SecureAppModelToken", ex.RecommendedAction);
        Assert.Contains("700082", ex.Message);
    }

    [Fact]
    public async Task A_token_minted_without_mfa_cannot_be_redeemed_once_policy_requires_mfa()
    {
        var emulator = SamTenant.Partner(securityDefaults: false).Emulator();
        var (admin, app, certificate) = await SamTenant.ProvisionAsync(emulator);
        admin.Dispose();
        var request = SamTenant.Consent(emulator, app, certificate, "nomfa@northwindcloud.onmicrosoft.com");
        request.Force = true;
        var token = await SecureAppModelConsent.ConsentAsync(request, CancellationToken.None);

        // Security defaults require MFA of administrators: the stored grant has none.
        emulator.Cloud.Home.Snapshot.SecurityDefaults["isEnabled"] = true;
        var exchange = SamTenant.Consent(emulator, app, certificate);
        exchange.RefreshToken = token.RefreshToken;
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => SecureAppModelConsent.RedeemAsync(exchange, CancellationToken.None));
        Assert.Equal("MfaRequired", ex.ErrorId);
        Assert.Contains("50076", ex.Message);
    }

    [Fact]
    public async Task An_enabled_conditional_access_policy_requiring_mfa_also_blocks_a_grant_without_mfa()
    {
        var builder = SamTenant.Partner();
        var emulator = builder.Emulator();
        var (admin, app, certificate) = await SamTenant.ProvisionAsync(emulator);
        admin.Dispose();
        var request = SamTenant.Consent(emulator, app, certificate, "nomfa@northwindcloud.onmicrosoft.com");
        request.Force = true;
        var token = await SecureAppModelConsent.ConsentAsync(request, CancellationToken.None);
        emulator.Cloud.Home.Snapshot.ConditionalAccessPolicies.Add(new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["displayName"] = "Require MFA for admins",
            ["state"] = "enabled",
            ["conditions"] = new JsonObject
            {
                ["users"] = new JsonObject { ["includeRoles"] = new JsonArray(SnapshotBuilder.GlobalAdministrator) },
                ["applications"] = new JsonObject { ["includeApplications"] = new JsonArray("All") },
            },
            ["grantControls"] = new JsonObject { ["operator"] = "OR", ["builtInControls"] = new JsonArray("mfa") },
        });
        var exchange = SamTenant.Consent(emulator, app, certificate);
        exchange.RefreshToken = token.RefreshToken;
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => SecureAppModelConsent.RedeemAsync(exchange, CancellationToken.None));
        Assert.Equal("MfaRequired", ex.ErrorId);
        Assert.Contains("Require MFA for admins", ex.Message);
    }

    [Fact]
    public void The_token_store_keeps_a_plaintext_file_only_when_allowed_and_then_only_for_its_owner()
    {
        var directory = Path.Combine(Path.GetTempPath(), "ps-store-" + Guid.NewGuid().ToString("N"));
        var store = SecureAppModelTokenStore.Open(new TokenStorageOptions { Directory = directory, AllowUnencrypted = true });
        var entry = new StoredToken { Name = "p", ApplicationId = "a", TenantId = "t", Account = "secret-holder@example.com", IssuedOn = DateTimeOffset.UtcNow, LastUsedOn = DateTimeOffset.UtcNow };
        store.Save(entry);
        var path = Path.Combine(directory, SecureAppModelTokenStore.BlobName);
        if (store.Protection == Protection.Encrypted)
        {
            // A keyring is available here, so the fallback is not reached: nothing readable is on disk.
            Assert.DoesNotContain("secret-holder", File.Exists(path) ? File.ReadAllText(path) : string.Empty);
            return;
        }
        Assert.Equal(Protection.PlaintextFile, store.Protection);
        Assert.True(File.Exists(path));
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal("p", SecureAppModelTokenStore.Open(new TokenStorageOptions { Directory = directory, AllowUnencrypted = true }).Get("p").Name);

        var memory = SecureAppModelTokenStore.Open(new TokenStorageOptions { Directory = Path.Combine(directory, "other") });
        Assert.Equal(Protection.Memory, memory.Protection);
        Assert.False(File.Exists(Path.Combine(directory, "other", SecureAppModelTokenStore.BlobName)) && new FileInfo(Path.Combine(directory, "other", SecureAppModelTokenStore.BlobName)).Length > 0);
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("")]
    [InlineData("a'b")]
    public void A_token_name_that_is_not_simple_is_refused(string name)
    {
        var ex = Assert.Throws<PartnerSecurityException>(() => SecureAppModelTokenStore.ValidateName(name));
        Assert.Equal("InvalidTokenName", ex.ErrorId);
    }

    [Fact]
    public void Status_warns_under_14_days_and_when_expired()
    {
        var now = DateTimeOffset.Parse("2026-11-20T09:00:00Z");
        StoredToken Token(int daysAgo) => new() { Name = "p", ApplicationId = "a", TenantId = "t", Account = "x", HasMfaClaim = true, IssuedOn = now.AddDays(-200), LastUsedOn = now.AddDays(-daysAgo) };
        var fresh = new SecureAppModelTokenStatus(Token(1), now, "Encrypted");
        Assert.Equal(89, fresh.DaysLeft);
        Assert.Null(fresh.Warning);
        var old = new SecureAppModelTokenStatus(Token(80), now, "Encrypted");
        Assert.Equal(10, old.DaysLeft);
        Assert.Contains("Update-SecureAppModelToken", old.Warning);
        var expired = new SecureAppModelTokenStatus(Token(91), now, "Encrypted");
        Assert.True(expired.DaysLeft < 0);
        Assert.Contains("New-SecureAppModelToken", expired.Warning);
    }
}
