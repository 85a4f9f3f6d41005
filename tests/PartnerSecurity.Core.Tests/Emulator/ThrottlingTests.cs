using System.Net;
using System.Net.Http.Headers;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Http;
using PartnerSecurity.SignIns;
using PartnerSecurity.Tenants;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Emulator;

/// <summary>Microsoft's documented limits, on by default in the emulator, and the module getting everything through them.</summary>
public class ThrottlingTests
{
    private static async Task<HttpResponseMessage> Get(PartnerConnection connection, ApiResource resource, string url, string? tenantId = null)
    {
        var token = await connection.Tokens.AcquireAsync(resource, tenantId ?? connection.HomeTenantId, default);
        using var client = connection.Pipeline.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        return await client.SendAsync(request);
    }

    private static async Task<PartnerConnection> NoRetries(TenantEmulator emulator)
    {
        // Time passes only when a test says so: a busy machine must not open a window between two requests.
        emulator.Clock.Stop();
        var request = TestConnections.Request(emulator);
        request.RetryPolicy = new RetryPolicy(0, TimeSpan.Zero, TimeSpan.Zero);
        return await PartnerConnection.ConnectAsync(request, default);
    }

    [Fact]
    public async Task Conditional_access_allows_one_request_a_second_per_tenant_and_its_429_has_no_retry_after()
    {
        var emulator = new SnapshotBuilder().User("admin", globalAdmin: true).Emulator();
        using var connection = await NoRetries(emulator);
        const string url = "https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies";
        Assert.Equal(HttpStatusCode.OK, (await Get(connection, ApiResource.Graph, url)).StatusCode);
        var throttled = await Get(connection, ApiResource.Graph, url);
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.False(throttled.Headers.Contains("Retry-After"));
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await Get(connection, ApiResource.Graph, url)).StatusCode);
    }

    [Fact]
    public async Task Partner_Center_customers_allow_500_requests_a_minute_then_429_with_retry_after()
    {
        var emulator = SamTenant.Partner().Emulator();
        using var connection = await NoRetries(emulator);
        const string url = "https://api.partnercenter.microsoft.com/v1/customers?size=500";
        for (int i = 0; i < 500; i++) Assert.Equal(HttpStatusCode.OK, (await Get(connection, ApiResource.PartnerCenter, url)).StatusCode);
        var throttled = await Get(connection, ApiResource.PartnerCenter, url);
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.InRange(int.Parse(throttled.Headers.GetValues("Retry-After").Single()), 1, 60);
        Assert.Contains("Rate limit is exceeded", await throttled.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_reports_limit_also_counts_one_application_across_tenants()
    {
        var partner = SamTenant.Partner(activeCustomer: SamTenant.Fabrikam());
        var emulator = new TenantEmulator(partner.Read(), new EmulatorOptions { Throttling = new ThrottleLimits { ReportsPerApp = 3 } });
        using var connection = await NoRetries(emulator);
        const string url = "https://graph.microsoft.com/v1.0/reports/authenticationMethods/userRegistrationDetails";
        var fabrikam = SamTenant.Fabrikam().TenantId;
        Assert.Equal(HttpStatusCode.OK, (await Get(connection, ApiResource.Graph, url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get(connection, ApiResource.Graph, url, fabrikam)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Get(connection, ApiResource.Graph, url)).StatusCode);
        Assert.Equal((HttpStatusCode)429, (await Get(connection, ApiResource.Graph, url, fabrikam)).StatusCode);
    }

    [Fact]
    public async Task Reading_many_users_sign_ins_through_the_throttle_loses_nothing_and_waits_in_virtual_time()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true);
        var upns = new List<string>();
        for (int i = 0; i < 12; i++)
        {
            builder.User($"user{i:D2}");
            for (int k = 0; k <= i % 3; k++) builder.SignIn($"user{i:D2}", 0.5 + k);
            upns.Add(builder.Upn($"user{i:D2}"));
        }
        var emulator = builder.Emulator();
        // The clock moves only by the client's waits: real waits would never reopen the window, and the read would fail.
        emulator.Clock.Stop();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var start = emulator.Clock.UtcNow;
        var query = SignInQuery.Window(connection.Now, null, null, SignInQuery.DefaultWindow).ForUsers(upns);
        var read = new List<SignInActivity>();
        await foreach (var signIn in SignInReader.ReadAsync(connection, new TenantTarget(connection.HomeTenantId, "Contoso Partner", isHome: true), query, null, default))
            read.Add(signIn);
        Assert.Equal(Enumerable.Range(0, 12).Sum(i => i % 3 + 1), read.Count);
        Assert.True(emulator.Requests.CountWhere(r => r.Url.Contains("auditLogs/signIns") && r.Status == 429) > 0, "the reports limit was reached");
        Assert.True(emulator.Clock.UtcNow - start >= TimeSpan.FromSeconds(10), "the waits passed on the emulator's clock");
    }

    [Fact]
    public async Task Throttled_batch_items_wait_on_the_connection_clock_not_in_real_time()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true);
        for (int i = 0; i < 5; i++) builder.User($"user{i}");
        var emulator = builder.Emulator();
        // The clock moves only by the client's waits, so its advance is the waits it took in virtual time.
        emulator.Clock.Stop();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var ids = Enumerable.Range(0, 5).Select(i => builder.UserId($"user{i}")).ToList();
        emulator.Faults.Add(new Fault($"GET .*/beta/users/{ids[2]}/authentication/requirements", FaultKind.Throttle, times: 2, retryAfter: "45"));
        var start = emulator.Clock.UtcNow;
        var states = await PartnerSecurity.Mfa.PerUserMfaWriter.ReadStatesAsync(connection, TenantScope.Home(connection),
            ids.Select(id => new PartnerSecurity.Mfa.MfaUser(id, id)).ToList(), default);
        Assert.Equal(5, states.Count(s => s.Value == "disabled"));
        Assert.True(emulator.Clock.UtcNow - start >= TimeSpan.FromSeconds(90), "both 45-second Retry-After waits passed on the emulator's clock");
    }
}
