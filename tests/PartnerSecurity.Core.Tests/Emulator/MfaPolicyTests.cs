using System.Text.Json.Nodes;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Identity;
using SignInCheck = PartnerSecurity.Emulator.Identity.MfaPolicy;
using PartnerSecurity.Mfa;
using PartnerSecurity.Tenants;
using PartnerSecurity.Tests.Mfa;
using PartnerSecurity.Tests.Support;
using static PartnerSecurity.Tests.Support.SnapshotBuilder;

namespace PartnerSecurity.Tests.Emulator;

/// <summary>
/// The emulator's sign-in MFA check applies conditional access with the evaluator's own rules (issue 10 item 9):
/// a policy the module says covers nobody never demands MFA, one it says covers Always always does.
/// </summary>
public class MfaPolicyTests
{
    private const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";

    /// <summary>A tenant whose "ann" has not registered MFA, so her sign-ins carry no MFA claim; "admin" signs in to read.</summary>
    private static SnapshotBuilder Tenant(JsonObject policy) =>
        new SnapshotBuilder().User("admin", globalAdmin: true).User("ann", mfaRegistered: false).CaPolicy(policy);

    private static async Task<PartnerSecurityException?> SignInFails(SnapshotBuilder builder, string alias)
    {
        var emulator = builder.Emulator();
        try
        {
            using var connection = await TestConnections.ConnectAsync(emulator, builder.UserId(alias));
            return null;
        }
        catch (PartnerSecurityException ex)
        {
            return ex;
        }
    }

    [Fact]
    public async Task A_legacy_clients_only_policy_does_not_demand_mfa_at_a_modern_sign_in()
    {
        var b = Tenant(MfaPolicy("MFA for legacy clients", clientAppTypes: new JsonArray("exchangeActiveSync", "other")));
        Assert.Null(await SignInFails(b, "ann"));
    }

    [Fact]
    public async Task A_policy_covering_always_demands_mfa_of_a_sign_in_without_it()
    {
        var b = Tenant(MfaPolicy("MFA for everyone"));
        var ex = await SignInFails(b, "ann");
        Assert.NotNull(ex);
        Assert.Contains("50076", ex!.Message);
        Assert.Contains("MFA for everyone", ex.Message);
    }

    [Fact]
    public async Task Policies_for_no_application_for_the_device_code_flow_or_for_a_role_held_in_an_administrative_unit_do_not_apply()
    {
        var none = MfaPolicy("No resources");
        none["conditions"]!["applications"]!["includeApplications"] = new JsonArray("None");
        Assert.Null(await SignInFails(Tenant(none), "ann"));

        var deviceCode = MfaPolicy("Device code flow");
        deviceCode["conditions"]!["authenticationFlows"] = new JsonObject { ["transferMethods"] = "deviceCodeFlow" };
        Assert.Null(await SignInFails(Tenant(deviceCode), "ann"));

        var admins = MfaPolicy("Admins", users: Users(includeRoles: new JsonArray(SecurityAdministrator)));
        var scoped = Tenant(admins);
        scoped.Role(scoped.UserId("ann"), SecurityAdministrator, "/administrativeUnits/0b2c9a51-0000-4000-8000-00000000d0b1");
        Assert.Null(await SignInFails(scoped, "ann"));
        var tenantWide = Tenant(MfaPolicy("Admins", users: Users(includeRoles: new JsonArray(SecurityAdministrator))));
        tenantWide.Role(tenantWide.UserId("ann"), SecurityAdministrator);
        Assert.NotNull(await SignInFails(tenantWide, "ann"));
    }

    [Fact]
    public void The_sign_in_facts_decide_conditional_policies()
    {
        var tenant = new SnapshotBuilder().User("ann", mfaRegistered: false)
            .CaPolicy(MfaPolicy("Browser only", clientAppTypes: new JsonArray("browser")))
            .Emulator().Cloud.Home;
        var ann = tenant.FindUser(new SnapshotBuilder().UserId("ann"))!;
        var grant = new UserGrant("14d82eec-204b-4c2f-b7e8-296a70dab67e", (string)ann["id"]!, tenant.Id, new[] { "pwd" }, DateTimeOffset.UtcNow);
        Assert.Null(SignInCheck.WhyRequired(tenant, ann, SignInCheck.Facts(grant, "00000003-0000-0000-c000-000000000000", publicClient: true)));
        Assert.Equal("conditional access policy 'Browser only'", SignInCheck.WhyRequired(tenant, ann, SignInCheck.Facts(grant, "00000003-0000-0000-c000-000000000000", publicClient: false)));
    }

    /// <summary>
    /// Every enabled user of the demo's partner tenant: where the evaluator finds a policy covering Always, a sign-in
    /// without MFA is refused naming a policy; where no enabled policy covers them at all, it never is by a policy.
    /// </summary>
    [Fact]
    public async Task On_the_demo_the_sign_in_check_agrees_with_the_verdicts()
    {
        var emulator = TenantEmulator.FromFile(DemoVerdictTests.RepositoryFile("src/PartnerSecurity.Emulator/Demo/demo-tenant.json"));
        var tenant = emulator.Cloud.Home;
        using var connection = await PartnerConnection.ConnectAsync(TestConnections.Request(emulator, (string)tenant.FirstGlobalAdministrator()!["id"]!), CancellationToken.None);
        var verdicts = (await MfaPostureReader.GetAsync(connection, TenantScope.Home(connection), new MfaReadOptions(), null, CancellationToken.None)).Verdicts;
        int always = 0, none = 0;
        foreach (var verdict in verdicts.Where(v => v.AccountEnabled))
        {
            var user = tenant.FindUser(verdict.UserId)!;
            var grant = new UserGrant("14d82eec-204b-4c2f-b7e8-296a70dab67e", verdict.UserId, tenant.Id, new[] { "pwd" }, DateTimeOffset.UtcNow);
            var why = SignInCheck.WhyRequired(tenant, user, SignInCheck.Facts(grant, "00000003-0000-0000-c000-000000000000", publicClient: true));
            if (verdict.ConditionalAccessPolicies.Length > 0)
            {
                always++;
                Assert.True(why != null && why.StartsWith("conditional access policy", StringComparison.Ordinal) || why?.StartsWith("per-user", StringComparison.Ordinal) == true,
                    $"{verdict.UserPrincipalName}: covered Always by {verdict.ConditionalAccessPolicies}, but the emulator says {why ?? "no MFA needed"}");
            }
            else if (verdict.ConditionalPolicies.Length == 0)
            {
                none++;
                Assert.False(why?.StartsWith("conditional access policy", StringComparison.Ordinal) == true, $"{verdict.UserPrincipalName}: no policy covers, but the emulator says {why}");
            }
        }
        Assert.True(always > 30 && none > 3, $"{always} covered always, {none} covered by no policy");
    }
}
