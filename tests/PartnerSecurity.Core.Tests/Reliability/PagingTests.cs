using PartnerSecurity.Diagnostics;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Graph;
using PartnerSecurity.Http;
using PartnerSecurity.Mfa;
using PartnerSecurity.PartnerCenter;
using PartnerSecurity.Tenants;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Reliability;

/// <summary>
/// Issue 13 item 1: a page that cannot be used (no body, null items, no item array) is asked for again and, when it
/// stays unusable, fails the read with an error naming the operation and the tenant; it never shortens a result.
/// </summary>
public class PagingTests
{
    private static SnapshotBuilder Tenant(int users)
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true);
        for (int i = 0; i < users; i++) builder.User($"user{i:D4}");
        return builder;
    }

    public static TheoryData<FaultKind> MalformedPages => new() { FaultKind.EmptyBody, FaultKind.NullItems, FaultKind.MissingValue, FaultKind.TruncatedBody, FaultKind.HtmlBody, FaultKind.ResetMidBody };

    [Theory]
    [MemberData(nameof(MalformedPages))]
    public async Task A_malformed_user_page_is_asked_for_again_and_every_user_is_read_once(FaultKind kind)
    {
        // Security defaults cover everyone, so no per-user MFA state is read: users alone.
        var emulator = Tenant(2100).SecurityDefaults(true).Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        emulator.Faults.Add(new Fault(@"/v1.0/users\?.*skiptoken", kind, times: 2));
        var data = await MfaPostureReader.ReadAsync(connection, TenantScope.Home(connection), new MfaReadOptions(), TenantActivity.None, new List<string>(), default);
        Assert.Equal(2101, data.Users.Count);
        Assert.Equal(2101, data.Users.Select(u => u.Id).Distinct().Count());
    }

    [Theory]
    [InlineData(FaultKind.NullItems)]
    [InlineData(FaultKind.MissingValue)]
    [InlineData(FaultKind.EmptyBody)]
    public async Task A_page_that_stays_malformed_fails_the_tenant_naming_the_operation_and_never_returns_fewer_users(FaultKind kind)
    {
        var emulator = Tenant(1500).SecurityDefaults(true).Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        emulator.Faults.Add(new Fault(@"/v1.0/users\?.*skiptoken", kind, times: 1000));
        var error = await Assert.ThrowsAsync<PartnerSecurityException>(() =>
            MfaPostureReader.ReadAsync(connection, TenantScope.Home(connection), new MfaReadOptions(), TenantActivity.None, new List<string>(), default));
        Assert.Equal("ResponseMalformed", error.ErrorId);
        Assert.Contains("Reading users", error.Message);
        Assert.Contains(connection.HomeTenantId, error.Message);
        Assert.Contains("page 2", error.Message);
        Assert.DoesNotContain("System.", error.Message);
        Assert.Contains("incomplete", error.Message);
    }

    [Fact]
    public async Task Group_members_read_as_empty_pages_are_asked_for_again_so_no_excluded_user_turns_compliant()
    {
        var b = Tenant(0);
        for (int i = 0; i < 30; i++) b.User($"excluded{i:D2}");
        b.Group("Break glass", false, Enumerable.Range(0, 30).Select(i => b.UserId($"excluded{i:D2}")).ToArray())
         .CaPolicy(SnapshotBuilder.MfaPolicy("MFA for all", users: SnapshotBuilder.Users(include: new System.Text.Json.Nodes.JsonArray("All"), excludeGroups: new System.Text.Json.Nodes.JsonArray(b.GroupId("Break glass")))));
        var emulator = b.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        emulator.Faults.Add(new Fault("transitiveMembers", FaultKind.NullItems, times: 1));
        emulator.Faults.Add(new Fault("transitiveMembers", FaultKind.MissingValue, times: 1));
        var result = await MfaPostureReader.GetAsync(connection, TenantScope.Home(connection), new MfaReadOptions(), null, default);
        var excluded = result.Verdicts.Where(v => v.UserPrincipalName.StartsWith("excluded")).ToList();
        Assert.Equal(30, excluded.Count);
        Assert.All(excluded, v => Assert.NotEqual(MfaStatus.Compliant, v.Status));
    }

    [Theory]
    [InlineData(FaultKind.NullItems)]
    [InlineData(FaultKind.MissingValue)]
    [InlineData(FaultKind.EmptyBody)]
    public async Task Partner_center_pages_without_their_customers_are_asked_for_again(FaultKind kind)
    {
        var partner = new SnapshotBuilder().User("admin", globalAdmin: true);
        for (int i = 0; i < 600; i++) partner.Customer(new SnapshotBuilder($"C{i}", $"c{i:D4}.onmicrosoft.com"));
        var emulator = partner.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        emulator.Faults.Add(new Fault("/v1/customers.*seekOperation=Next", kind, times: 2));
        var customers = new List<string>();
        await foreach (var c in new PartnerCenterClient(connection).GetCustomersAsync(default)) customers.Add(c.TenantId);
        Assert.Equal(600, customers.Distinct().Count());

        emulator.Faults.Add(new Fault("/v1/customers.*seekOperation=Next", kind, times: 1000));
        var error = await Assert.ThrowsAsync<PartnerSecurityException>(async () =>
        {
            await foreach (var _ in new PartnerCenterClient(connection).GetCustomersAsync(default)) { }
        });
        Assert.Equal("ResponseMalformed", error.ErrorId);
        Assert.Contains("Listing Partner Center customers", error.Message);
    }

    [Fact]
    public async Task A_next_link_back_to_a_page_already_read_is_malformed_not_an_endless_loop()
    {
        int fetched = 0;
        var read = new PagedRead("Reading things", "tenant-1", new RetryPolicy(2, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2)));
        var error = await Assert.ThrowsAsync<PartnerSecurityException>(async () =>
        {
            await foreach (var _ in GraphPaging.ReadAllAsync<string[], string>(read,
                (link, ct) => { fetched++; return Task.FromResult<string[]?>(new[] { link ?? "first", link == null ? "a" : "b" }); },
                page => new PageContent<string>(new[] { page[0] }, page[0] == "first" ? "a" : "first-again"),
                null, default)) { }
        });
        Assert.Equal("ResponseMalformed", error.ErrorId);
        Assert.True(fetched < 10);

        var loop = await Assert.ThrowsAsync<PartnerSecurityException>(async () =>
        {
            await foreach (var _ in GraphPaging.ReadAllAsync<string, string>(read,
                (link, ct) => Task.FromResult<string?>(link ?? "p1"),
                page => new PageContent<string>(new[] { page }, page == "p1" ? "p2" : "p2"), null, default)) { }
        });
        Assert.Contains("leads back to a page already read", loop.Message);
    }
}
