using System.Net;
using System.Net.Http.Headers;
using PartnerSecurity.Authentication;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.SecureAppModel;
using PartnerSecurity.SecurityDefaults;
using PartnerSecurity.SignIns;
using PartnerSecurity.Tenants;
using PartnerSecurity.Tests.Support;
using static PartnerSecurity.Tests.Support.SnapshotBuilder;

namespace PartnerSecurity.Tests.Emulator;

/// <summary>
/// Graph's authorization in the emulator: the token's permissions, the signed-in user's directory roles, GDAP roles
/// through access assignments in customer tenants, consent; and the module's errors naming what is missing.
/// </summary>
public class PermissionTests
{
    private const string ReportsReader = "4a5d8f65-41da-4de4-8968-e035b65339cf";
    private const string GlobalReader = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";

    [Fact]
    public async Task Sign_ins_need_a_reading_role_and_the_error_names_the_roles_and_permissions()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("bob").User("rita").SignIn("bob", 1);
        builder.Role(builder.UserId("rita"), ReportsReader);
        var emulator = builder.Emulator();
        var week = SignInQuery.Window(emulator.Clock.UtcNow, null, null, SignInQuery.DefaultWindow);

        using (var bob = await TestConnections.ConnectAsync(emulator, builder.UserId("bob")))
        {
            var ex = await Assert.ThrowsAsync<PartnerSecurityException>(async () =>
            {
                await foreach (var _ in SignInReader.ReadAsync(bob, TenantScope.Home(bob), week, null, default)) { }
            });
            Assert.Equal("GraphAccessDenied", ex.ErrorId);
            Assert.Equal(ErrorKind.PermissionDenied, ex.Kind);
            Assert.Contains("Reports Reader", ex.RecommendedAction);
            Assert.Contains("AuditLog.Read.All", ex.RecommendedAction);
        }

        using var rita = await TestConnections.ConnectAsync(emulator, builder.UserId("rita"));
        var read = new List<SignInActivity>();
        await foreach (var signIn in SignInReader.ReadAsync(rita, TenantScope.Home(rita), week, null, default)) read.Add(signIn);
        Assert.Single(read);
    }

    [Fact]
    public async Task In_a_customer_tenant_gdap_roles_reach_a_partner_user_only_through_the_access_assignment_of_their_group()
    {
        var customer = new SnapshotBuilder("Fabrikam", "fabrikam.onmicrosoft.com").User("owner", globalAdmin: true).SecurityDefaults(true);
        var partner = new SnapshotBuilder().User("admin", globalAdmin: true).User("agent").User("outsider");
        partner.Group("Fabrikam readers", false, partner.UserId("agent"));
        // The relationship grants Security Administrator too, but the group is assigned Global Reader only.
        partner.Customer(customer, roles: new[] { GlobalReader, "194ae4cb-b126-40b2-bd5b-6091b380977d" }, accessGroupId: partner.GroupId("Fabrikam readers"), assignedRoles: new[] { GlobalReader });
        var emulator = partner.Emulator();
        var fabrikam = new TenantTarget(customer.TenantId, "Fabrikam", isHome: false);

        using var agent = await TestConnections.ConnectAsync(emulator, partner.UserId("agent"));
        Assert.True((await SecurityDefaultsReader.GetAsync(agent, fabrikam, default)).IsEnabled);
        var refused = await Assert.ThrowsAsync<PartnerSecurityException>(() => SecurityDefaultsWriter.SetAsync(agent, fabrikam, false, default));
        Assert.Equal("GraphAccessDenied", refused.ErrorId);
        Assert.Contains("Nothing was changed", refused.Message);
        Assert.Contains("Security Administrator", refused.RecommendedAction);
        Assert.Contains("GDAP", refused.RecommendedAction);
        Assert.True(emulator.Cloud.FindTenant(customer.TenantId)!.Snapshot.SecurityDefaults["isEnabled"]!.GetValue<bool>());

        using var outsider = await TestConnections.ConnectAsync(emulator, partner.UserId("outsider"));
        var token = await outsider.Tokens.AcquireAsync(ApiResource.Graph, customer.TenantId, default);
        using var client = new HttpClient(emulator);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        var response = await client.GetAsync("https://graph.microsoft.com/v1.0/policies/identitySecurityDefaultsEnforcementPolicy");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Authorization_RequestDenied", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_partner_application_not_consented_in_a_customer_gets_AADSTS65001()
    {
        var emulator = SamTenant.Partner().Emulator();
        var (admin, app, certificate) = await SamTenant.ProvisionAsync(emulator);
        admin.Dispose();
        var consent = await SecureAppModelConsent.ConsentAsync(SamTenant.Consent(emulator, app, certificate, "agent@northwindcloud.onmicrosoft.com"), CancellationToken.None);
        var fabrikam = SamTenant.Fabrikam().TenantId;

        // Out of AdminAgents, the partner's pre-consent for every customer is gone.
        var adminAgents = emulator.Snapshot.Groups.Single(g => (string?)g["displayName"] == "AdminAgents");
        var members = adminAgents["members"]!.AsArray();
        members.Remove(members.Single(m => (string?)m == app.ServicePrincipalId));

        var exchange = SamTenant.Consent(emulator, app, certificate);
        exchange.RefreshToken = consent.RefreshToken;
        exchange.TenantId = fabrikam;
        exchange.Scopes = new[] { "https://graph.microsoft.com/.default" };
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => SecureAppModelConsent.RedeemAsync(exchange, CancellationToken.None));
        Assert.Equal("ConsentRequired", ex.ErrorId);
        Assert.Contains("65001", ex.Message);

        // Home tenant: the application is its own, and its token carries what its registration asks for.
        exchange.TenantId = emulator.Snapshot.Tenant.Id;
        var home = await SecureAppModelConsent.RedeemAsync(exchange, CancellationToken.None);
        Assert.Contains("Policy.ReadWrite.SecurityDefaults", TokenClaims.Parse(SecureStrings.Reveal(home.AccessToken)).Scopes);
        Assert.DoesNotContain("Application.ReadWrite.All", TokenClaims.Parse(SecureStrings.Reveal(home.AccessToken)).Scopes);
    }

    [Fact]
    public void Every_graph_operation_the_emulator_serves_has_its_documented_permissions()
    {
        var emulator = new SnapshotBuilder().User("admin", globalAdmin: true).Emulator();
        Assert.True(emulator.Graph.Routes.Count() > 30, "every endpoint file registers its routes");
        foreach (var (version, method, pattern) in emulator.Graph.Routes)
        {
            // A sample path: the route's pattern with its parameters filled in.
            var sample = System.Text.RegularExpressions.Regex.Replace(pattern.TrimStart('^').Replace("/?$", string.Empty), @"\(\?<\w+>\[\^/\]\+\)", "sample-id").Replace("\\$", "$");
            Assert.True(PartnerSecurity.Emulator.Graph.GraphAccess.Rules.Any(r => r.Method == method && r.Pattern.IsMatch(sample)),
                $"{method} /{version}{sample} has no rule in GraphAccess.Rules (and docs/emulator.md's permission table): add what Microsoft documents it requires.");
        }
    }
}
