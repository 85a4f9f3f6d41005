using PartnerSecurity.Connections;
using PartnerSecurity.Emulator;
using PartnerSecurity.Mfa;
using PartnerSecurity.SecurityDefaults;
using PartnerSecurity.Tenants;
using PartnerSecurity.Tests.Mfa;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.SecurityDefaults;

/// <summary>Who loses MFA coverage when security defaults go: the evaluator with them and without them.</summary>
public class CoverageLossTests
{
    [Fact]
    public void Only_enabled_users_that_nothing_else_covers_lose_coverage_and_admins_come_first()
    {
        var data = new MfaTenantBuilder()
            .User("bob").User("admin").User("alice").User("sync", registered: false).User("carol", enabled: false).User("dave").User("erin")
            .Role("admin", MfaTenantBuilder.GlobalAdministrator).Role("sync", MfaTenantBuilder.DirectorySync)
            .PerUser("alice", "enforced").PerUser("bob", "disabled").PerUserUnreadable("dave")
            .Policy(MfaTenantBuilder.RequireMfa("Erin only", p => p.IncludeUsers = new[] { "erin" }))
            .SecurityDefaults()
            .Build();

        var loss = CoverageLoss.Compute(data, "Contoso (tenant-1)");
        Assert.Equal(new[] { "admin", "bob", "dave" }, loss.Users.Select(u => u.UserId));
        Assert.Equal(3, loss.UserCount);
        Assert.Equal(1, loss.AdminCount);
        Assert.Equal(1, loss.PerUserMfaUnreadable);
        Assert.Equal("3 enabled users, 1 of them an admin, would no longer be covered", loss.Summary);
        Assert.StartsWith("Disabling security defaults in Contoso (tenant-1): 3 enabled users, 1 of them an admin, would no longer be covered by MFA: admin@contoso.com (admin), bob@contoso.com, dave@contoso.com.", loss.Details);
        Assert.Contains("could not be read", loss.Details);
        Assert.All(loss.Users, u => Assert.Equal(MfaStatus.NotCompliant, u.Status));
    }

    [Fact]
    public void The_summary_reads_well_for_one_user_and_for_nobody()
    {
        var one = new MfaTenantBuilder().User("owner").Role("owner", MfaTenantBuilder.GlobalAdministrator).SecurityDefaults().Build();
        Assert.Equal("1 enabled user, an admin, would no longer be covered", CoverageLoss.Compute(one, "T").Summary);
        var covered = new MfaTenantBuilder().User("owner").PerUser("owner", "enabled").SecurityDefaults().Build();
        var none = CoverageLoss.Compute(covered, "T");
        Assert.Equal(0, none.UserCount);
        Assert.Equal("no enabled user would lose MFA coverage", none.Summary);
        Assert.Contains("no enabled user would lose MFA coverage", none.Details);
    }

    [Fact]
    public async Task In_the_demo_fabrikam_dental_loses_the_users_the_oracle_says_security_defaults_alone_cover()
    {
        var emulator = TenantEmulator.FromFile(DemoVerdictTests.RepositoryFile("src/PartnerSecurity.Emulator/Demo/demo-tenant.json"));
        var tenant = emulator.Cloud.Tenants.Single(t => t.DisplayName == "Fabrikam Dental");
        var request = TestConnections.Request(emulator, (string)tenant.FirstGlobalAdministrator()!["id"]!);
        request.TenantId = tenant.Id;
        using var connection = await PartnerConnection.ConnectAsync(request, CancellationToken.None);

        var (loss, _) = await SecurityDefaultsWriter.CoverageLossIfDisabledAsync(connection, TenantScope.Home(connection), TenantActivity.None, CancellationToken.None);

        var expected = DemoVerdictTests.Oracle()
            .Where(o => (string)o["tenant"]! == "Fabrikam Dental" && o["enforcedBy"]!.AsArray().Select(e => (string)e!).SequenceEqual(new[] { "SecurityDefaults" }))
            .ToList();
        Assert.Equal(expected.Select(o => (string)o["userPrincipalName"]!).OrderBy(u => u, StringComparer.OrdinalIgnoreCase),
            loss.Users.Select(u => u.UserPrincipalName).OrderBy(u => u, StringComparer.OrdinalIgnoreCase));
        Assert.Equal(expected.Count(o => (bool)o["isAdmin"]!), loss.AdminCount);
        Assert.Equal($"{expected.Count} enabled users, {expected.Count(o => (bool)o["isAdmin"]!)} of them admins, would no longer be covered", loss.Summary);
    }
}
