using PartnerSecurity.Diagnostics;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.SignIns;
using PartnerSecurity.Tenants;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.SignIns;

/// <summary>The sign-in reader against the emulator: paging to the end under throttling, users, filters, the licence error.</summary>
public class SignInReaderTests
{
    private static async Task<List<SignInActivity>> ReadAll(PartnerSecurity.Connections.PartnerConnection connection, SignInQuery query, List<long>? pages = null)
    {
        var result = new List<SignInActivity>();
        await foreach (var s in SignInReader.ReadAsync(connection, TenantScope.Home(connection), query, read => pages?.Add(read), default)) result.Add(s);
        return result;
    }

    [Fact]
    public async Task Paging_under_throttling_and_unavailability_loses_and_repeats_nothing()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("bob");
        for (int i = 0; i < 2600; i++) builder.SignIn("bob", daysAgo: 0.001 + i * 0.002);
        var emulator = builder.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        emulator.Faults.Add(new Fault("auditLogs/signIns.*skiptoken", FaultKind.Throttle, times: 2, retryAfter: "0.01"));
        emulator.Faults.Add(new Fault("auditLogs/signIns", FaultKind.ServiceUnavailable, times: 1));
        emulator.Faults.Add(new Fault("auditLogs/signIns.*skiptoken", FaultKind.ConnectionFailure, times: 1));

        var pages = new List<long>();
        var all = await ReadAll(connection, SignInQuery.Window(emulator.Clock.UtcNow, null, null, SignInQuery.DefaultWindow), pages);
        Assert.Equal(2600, all.Count);
        Assert.Equal(2600, all.Select(s => s.Id).Distinct().Count());
        Assert.Equal(new long[] { 1000, 2000, 2600 }, pages);
        Assert.Equal(all.OrderByDescending(s => s.CreatedDateTime).Select(s => s.Id), all.Select(s => s.Id));
        Assert.Equal(4, emulator.Requests.CountWhere(r => r.Url.Contains("auditLogs/signIns") && r.Status != 200));
    }

    [Fact]
    public async Task Users_are_read_one_query_each_and_the_filters_apply()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("bob").User("o'brien").User("carol")
            .SignIn("bob", 1).SignIn("bob", 2, client: "IMAP4", errorCode: 53003, multiFactor: false)
            .SignIn("o'brien", 1.5, client: "POP3", multiFactor: false).SignIn("o'brien", 2.5, errorCode: 50126)
            .SignIn("o'brien", 3, interactive: false).SignIn("carol", 1);
        var emulator = builder.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var week = SignInQuery.Window(emulator.Clock.UtcNow, null, null, SignInQuery.DefaultWindow);

        var two = await ReadAll(connection, week.ForUsers(new[] { "bob@contoso.onmicrosoft.com", "O'Brien@contoso.onmicrosoft.com", "bob@contoso.onmicrosoft.com" }));
        Assert.Equal(new[] { "bob", "bob", "o'brien", "o'brien" }, two.Select(s => s.UserPrincipalName.Split('@')[0]));
        Assert.Equal(2, emulator.Requests.CountWhere(r => r.Url.Contains("auditLogs/signIns")));

        var brien = week.ForUsers(new[] { "o'brien@contoso.onmicrosoft.com" });
        Assert.Equal(3, (await ReadAll(connection, new SignInQuery(week.Start, week.End) { IncludeNonInteractive = true, Users = brien.Users })).Count);
        var legacy = await ReadAll(connection, new SignInQuery(week.Start, week.End) { LegacyAuthOnly = true });
        Assert.Equal(new[] { "POP3", "IMAP4" }, legacy.Select(s => s.ClientAppUsed));
        Assert.All(legacy, s => Assert.True(s.IsLegacyAuthentication));
        var failed = await ReadAll(connection, new SignInQuery(week.Start, week.End) { FailedOnly = true });
        Assert.Equal(new[] { 53003, 50126 }, failed.Select(s => s.ErrorCode));
        var single = await ReadAll(connection, new SignInQuery(week.Start, week.End) { SingleFactorOnly = true, SucceededOnly = true });
        Assert.Equal(new[] { "POP3" }, single.Select(s => s.ClientAppUsed));
    }

    [Fact]
    public async Task A_sign_in_becomes_a_flat_object_with_what_mfa_did()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("bob").SignIn("bob", 1).SignIn("bob", 2, client: "IMAP4", errorCode: 53003, multiFactor: false);
        var emulator = builder.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var all = await ReadAll(connection, SignInQuery.Window(emulator.Clock.UtcNow, null, null, SignInQuery.DefaultWindow));
        var (mfa, blocked) = (all[0], all[1]);
        Assert.Equal("Contoso Partner", mfa.TenantName);
        Assert.Equal("bob@contoso.onmicrosoft.com", mfa.UserPrincipalName);
        Assert.Equal("multiFactorAuthentication", mfa.AuthenticationRequirement);
        Assert.Equal("Mobile app notification", mfa.MfaMethod);
        Assert.True(mfa.Succeeded);
        Assert.False(mfa.IsLegacyAuthentication);
        Assert.True(mfa.IsInteractive);
        Assert.Equal("Seattle, Washington, US", mfa.Location);
        Assert.Equal(SnapshotBuilder.Captured.AddDays(-1), mfa.CreatedDateTime);
        Assert.False(blocked.Succeeded);
        Assert.Equal(53003, blocked.ErrorCode);
        Assert.Equal("Failure 53003", blocked.FailureReason);
        Assert.True(blocked.IsLegacyAuthentication);
        Assert.Null(blocked.MfaMethod);
        Assert.Equal("failure", blocked.ConditionalAccessStatus);
    }

    [Fact]
    public async Task A_tenant_without_premium_gets_an_error_naming_it_and_what_evidence_remains()
    {
        var builder = new SnapshotBuilder("Fabrikam Dental", "fabrikamdental.onmicrosoft.com", premium: false).User("admin", globalAdmin: true).SignIn("admin", 1);
        var emulator = builder.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => ReadAll(connection, SignInQuery.Window(emulator.Clock.UtcNow, null, null, SignInQuery.DefaultWindow)));
        Assert.Equal("PremiumLicenseRequired", ex.ErrorId);
        Assert.Contains("Fabrikam Dental", ex.Message);
        Assert.Contains("P1 or P2", ex.Message);
        Assert.Contains("Get-PartnerMfaStatus", ex.RecommendedAction);
        Assert.Contains("per-user MFA", ex.RecommendedAction);
        Assert.Contains("admin center", ex.RecommendedAction);
    }

    [Fact]
    public async Task A_guest_and_a_mixed_case_user_are_found_by_their_user_object_though_the_log_names_them_otherwise()
    {
        const string guest = "jane_fabrikam.com#EXT#";
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("Bob.Smith").User(guest, userType: "Guest")
            .SignIn("Bob.Smith", 1).SignIn("Bob.Smith", 2).SignIn(guest, 1.5).SignIn("admin", 1);
        var emulator = builder.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var week = SignInQuery.Window(emulator.Clock.UtcNow, null, null, SignInQuery.DefaultWindow);

        // The log, as Graph keeps it: names in lowercase, the guest under the address she signs in with.
        var everyone = await ReadAll(connection, week);
        Assert.Equal(new[] { "admin@contoso.onmicrosoft.com", "bob.smith@contoso.onmicrosoft.com", "jane@fabrikam.com" },
            everyone.Select(s => s.UserPrincipalName).Distinct().OrderBy(u => u));

        var byObject = await ReadAll(connection, week.ForUsers(new[] { builder.Upn(guest), builder.Upn("Bob.Smith") }));
        Assert.Equal(3, byObject.Count);
        Assert.Equal(new[] { builder.UserId("Bob.Smith"), builder.UserId(guest) }, byObject.Select(s => s.UserId).Distinct().OrderBy(id => id == builder.UserId(guest)));
        Assert.All(emulator.Requests.Records.Where(r => r.Url.Contains("auditLogs/signIns") && r.Url.Contains("userPrincipalName")), r => Assert.Fail("read by name: " + r.Url));

        // A name the directory does not know (her home address) is read by name, in lowercase.
        var byAddress = await ReadAll(connection, week.ForUsers(new[] { "Jane@Fabrikam.com" }));
        Assert.Equal(builder.UserId(guest), Assert.Single(byAddress).UserId);
    }

    [Fact]
    public async Task The_mfa_method_comes_from_authentication_details_as_graph_no_longer_fills_mfa_detail()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("bob")
            .SignIn("bob", 1).SignIn("bob", 2, interactive: false).SignIn("bob", 3, multiFactor: false);
        var emulator = builder.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var week = SignInQuery.Window(emulator.Clock.UtcNow, null, null, SignInQuery.DefaultWindow);
        var read = await ReadAll(connection, new SignInQuery(week.Start, week.End) { IncludeNonInteractive = true, Users = week.ForUsers(new[] { builder.Upn("bob") }).Users });
        Assert.Equal(new[] { "Mobile app notification", "Previously satisfied", null }, read.Select(s => s.MfaMethod));
    }

    [Fact]
    public async Task Sign_ins_in_the_v1_shape_count_as_interactive()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("bob")
            .SignIn("bob", 1, v1Shape: true).SignIn("bob", 2, interactive: false, v1Shape: true);
        var emulator = builder.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var week = SignInQuery.Window(emulator.Clock.UtcNow, null, null, SignInQuery.DefaultWindow);
        var interactive = Assert.Single(await ReadAll(connection, week.ForUsers(new[] { builder.Upn("bob") })));
        Assert.True(interactive.IsInteractive);
        var both = await ReadAll(connection, new SignInQuery(week.Start, week.End) { IncludeNonInteractive = true });
        Assert.Equal(new[] { true, false }, both.Where(s => s.UserId == builder.UserId("bob")).Select(s => s.IsInteractive));
    }
}
