using PartnerSecurity.Connections;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Mfa;
using PartnerSecurity.Reliability;
using PartnerSecurity.SecureAppModel;
using PartnerSecurity.SecurityDefaults;
using PartnerSecurity.Tenants;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Reliability;

/// <summary>
/// Issue 13, "what must hold" for writes: under every fault profile, security defaults, per-user MFA, the Secure
/// Application Model registration and token rotation are applied once (the emulator's change log shows each change
/// once), never half, and a rerun changes nothing more.
/// </summary>
public class WritesUnderFaultsTests
{
    public static TheoryData<string, int> Profiles => new() { { "Throttle", 1 }, { "Transient", 1 }, { "Expiry", 1 }, { "Chaos", 1 }, { "Chaos", 2 } };

    private static async Task<PartnerConnection> ConnectAsync(TenantEmulator emulator, string profile, int seed, string? user = null, string[]? scopes = null)
    {
        emulator.Faults.Profile = FaultProfile.Create(profile, seed);
        var request = TestConnections.Request(emulator, user);
        request.RetryPolicy = FaultRun.Policy(seed, emulator);
        request.ExtraScopes = scopes;
        return await PartnerConnection.ConnectAsync(request, CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Security_defaults_and_per_user_mfa_change_once_and_a_rerun_changes_nothing(string profile, int seed)
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true);
        for (int i = 0; i < 45; i++) builder.User($"user{i:D2}");
        var emulator = builder.Emulator();
        using var connection = await ConnectAsync(emulator, profile, seed);
        var tenant = TenantScope.Home(connection);
        var ids = Enumerable.Range(0, 45).Select(i => builder.UserId($"user{i:D2}")).ToList();

        for (int run = 0; run < 2; run++)
        {
            await SecurityDefaultsWriter.SetAsync(connection, tenant, enabled: true, CancellationToken.None);
            var results = await PerUserMfaWriter.WriteAsync(connection, tenant, ids, "enforced", null, CancellationToken.None);
            Assert.All(ids, id => Assert.True(results[id].Succeeded, $"{id}: HTTP {results[id].Status} {results[id].ErrorCode} {results[id].ErrorMessage} after {results[id].Attempts}"));
        }

        var changes = emulator.Changes.Records;
        Assert.Single(changes, c => c.Target == "securityDefaults.isEnabled" && c.Change == "false -> true");
        Assert.All(ids, id => Assert.Single(changes, c => c.Target == $"users/{id}/perUserMfaState" && c.Change == "disabled -> enforced"));
        Assert.Equal(1 + ids.Count, changes.Count);
        Assert.True(emulator.Faults.Injected.Values.Sum() > 0);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task The_secure_application_model_registration_is_made_once_and_a_rerun_converges(string profile, int seed)
    {
        var emulator = SamTenant.Partner().Emulator();
        using var admin = await ConnectAsync(emulator, profile, seed, "agent@northwindcloud.onmicrosoft.com", new[] { "Application.ReadWrite.All", "GroupMember.ReadWrite.All" });
        var certificate = SamTenant.Certificate("Faulted SAM");
        SecureAppModelApplication? app = null;
        for (int run = 0; run < 2; run++)
        {
            app = await SecureAppModelApplicationProvisioner.ProvisionAsync(admin, new SecureAppModelApplicationRequest { DisplayName = "Faulted SAM", Certificate = certificate }, CancellationToken.None);
            var secretApp = await SecureAppModelApplicationProvisioner.ProvisionAsync(admin, new SecureAppModelApplicationRequest { DisplayName = "Faulted secret SAM", UseClientSecret = true }, CancellationToken.None);
            Assert.NotNull(secretApp!.ClientSecret);
        }

        Assert.Single(emulator.Snapshot.Applications, a => (string?)a["displayName"] == "Faulted SAM");
        var registration = emulator.Snapshot.Applications.Single(a => (string?)a["appId"] == app!.ApplicationId);
        Assert.Single(registration["keyCredentials"]!.AsArray());
        Assert.Single(emulator.Snapshot.ServicePrincipals, sp => (string?)sp["appId"] == app!.ApplicationId);
        var adminAgents = emulator.Snapshot.Groups.Single(g => (string?)g["displayName"] == "AdminAgents");
        Assert.Single(adminAgents["members"]!.AsArray(), n => (string?)n == app!.ServicePrincipalId);

        // The secret application: one per run asked for (each run adds the secret it hands out), never an orphan.
        var secretRegistration = emulator.Snapshot.Applications.Single(a => (string?)a["displayName"] == "Faulted secret SAM");
        Assert.Equal(2, secretRegistration["passwordCredentials"]!.AsArray().Count);
        var changes = emulator.Changes.Records;
        Assert.Equal(2, changes.Count(c => c.Change == "created" && c.Target.StartsWith("applications/")));
        Assert.Equal(2, changes.Count(c => c.Change == "created" && c.Target.StartsWith("servicePrincipals/")));
        Assert.Equal(2, changes.Count(c => c.Target.EndsWith("/members")));
        Assert.Equal(changes.Count(c => c.Change == "password removed"), changes.Count(c => c.Change == "password added") - 2);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task A_token_rotation_under_faults_leaves_a_token_that_works(string profile, int seed)
    {
        var emulator = SamTenant.Partner().Emulator();
        var (admin, app, certificate) = await SamTenant.ProvisionAsync(emulator);
        admin.Dispose();
        var consent = await SecureAppModelConsent.ConsentAsync(SamTenant.Consent(emulator, app, certificate, "agent@northwindcloud.onmicrosoft.com"), CancellationToken.None);
        emulator.Faults.Profile = FaultProfile.Create(profile, seed);
        var token = consent;
        // Twelve weekly rotations, and more (up to 40) until a fault has hit one: a request's faults depend on its
        // body, which holds a fresh client assertion, so twelve may by chance meet none.
        for (int rotation = 0; rotation < 40 && (rotation < 12 || (profile != "Expiry" && emulator.Faults.Injected.Values.Sum() == 0)); rotation++)
        {
            emulator.Clock.Advance(TimeSpan.FromDays(7));
            var request = SamTenant.Consent(emulator, app, certificate);
            request.RetryPolicy = FaultRun.Policy(seed, emulator);
            request.RefreshToken = token.RefreshToken;
            var next = await SecureAppModelConsent.RedeemAsync(request, CancellationToken.None);
            Assert.True(next.HasMfaClaim, $"rotation {rotation}: no MFA claim");
            Assert.NotEqual(PartnerSecurity.Authentication.SecureStrings.Reveal(token.RefreshToken), PartnerSecurity.Authentication.SecureStrings.Reveal(next.RefreshToken));
            token = next;
        }
        // Expiry expires access tokens where they are used; the token endpoint takes none.
        Assert.True(profile == "Expiry" || emulator.Faults.Injected.Values.Sum() > 0, "no fault was injected");
    }
}
