using PartnerSecurity.Diagnostics;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Mfa;
using PartnerSecurity.Tenants;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Mfa;

/// <summary>Per-user MFA writes: bulk lookup by UPN (quotes doubled), $batch PATCH with throttled items retried alone, one error per failed user.</summary>
public class PerUserMfaWriterTests
{
    [Fact]
    public async Task Users_are_found_by_upn_in_chunks_of_fifteen_and_a_quote_is_no_problem()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("o'brien");
        for (int i = 0; i < 20; i++) builder.User($"user{i:D2}");
        var emulator = builder.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var wanted = Enumerable.Range(0, 20).Select(i => builder.Upn($"user{i:D2}")).Append("O'Brien@contoso.onmicrosoft.com").Append("nobody@contoso.onmicrosoft.com").ToList();

        var found = await PerUserMfaWriter.FindUsersAsync(connection, TenantScope.Home(connection), wanted, default);
        Assert.Equal(21, found.Count);
        Assert.Equal(builder.UserId("o'brien"), found["o'brien@contoso.onmicrosoft.com"].Id);
        Assert.False(found.ContainsKey("nobody@contoso.onmicrosoft.com"));
        Assert.Equal(2, emulator.Requests.CountWhere(r => r.Url.Contains("/v1.0/users?") && r.Url.Contains("userPrincipalName%20in")));
    }

    [Fact]
    public async Task States_are_written_in_batches_and_only_the_throttled_items_go_again()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true);
        for (int i = 0; i < 25; i++) builder.User($"user{i:D2}");
        var emulator = builder.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var ids = Enumerable.Range(0, 25).Select(i => builder.UserId($"user{i:D2}")).ToList();
        emulator.Faults.Add(new Fault($"PATCH .*/beta/users/{ids[3]}/authentication/requirements", FaultKind.Throttle, times: 1, retryAfter: "0.01"));
        emulator.Faults.Add(new Fault($"PATCH .*/beta/users/{ids[21]}/authentication/requirements", FaultKind.Throttle, times: 1));
        emulator.Faults.Add(new Fault($"PATCH .*/beta/users/{ids[7]}/authentication/requirements", FaultKind.Forbidden, times: 1));

        var tenant = TenantScope.Home(connection);
        var results = await PerUserMfaWriter.WriteAsync(connection, tenant, ids, "enforced", null, default);

        Assert.Equal(24, results.Values.Count(r => r.Succeeded));
        Assert.Equal(2, results[ids[3]].Attempts);
        Assert.Equal(1, results[ids[4]].Attempts);
        Assert.Equal(403, results[ids[7]].Status);
        Assert.Equal(27, emulator.BatchItems.CountWhere(r => r.Method == "PATCH"));
        Assert.Equal(3, emulator.Requests.CountWhere(r => r.Url.EndsWith("/beta/$batch")));
        var states = await PerUserMfaWriter.ReadStatesAsync(connection, tenant, ids.Select(id => new MfaUser(id, id)).ToList(), default);
        Assert.Equal(24, states.Values.Count(s => s == "enforced"));
        Assert.Equal("disabled", states[ids[7]]);

        var error = PerUserMfaWriter.WriteError(results[ids[7]], tenant, builder.Upn("user07"));
        Assert.Equal("GraphAccessDenied", error.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal(builder.Upn("user07"), error.Target);
        Assert.Contains("Contoso Partner", error.Message);
        Assert.Contains("user07@contoso.onmicrosoft.com", error.Message);
        Assert.Contains("Authentication Policy Administrator", error.RecommendedAction);
    }
}
