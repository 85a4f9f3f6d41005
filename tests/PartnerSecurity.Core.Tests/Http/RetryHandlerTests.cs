using System.Net;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Http;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Http;

public class RetryHandlerTests
{
    private const string DiscoveryUrl = "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration";

    private static (HttpClient Client, PartnerSecurity.Emulator.TenantEmulator Emulator) Client(int maxRetries = 6)
    {
        var emulator = new SnapshotBuilder().User("admin", globalAdmin: true).Emulator();
        var pipeline = new HttpPipeline(emulator, TestConnections.FastRetries(maxRetries));
        return (pipeline.CreateClient(), emulator);
    }

    [Fact]
    public async Task Throttled_twice_with_decimal_Retry_After_then_answered()
    {
        var (client, emulator) = Client();
        var fault = emulator.Faults.Add(new Fault("openid-configuration", FaultKind.Throttle, times: 2, retryAfter: "0.02"));
        var response = await client.GetAsync(DiscoveryUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, fault.Injected);
        Assert.Equal(3, emulator.Requests.CountWhere(r => r.Url.Contains("openid-configuration")));
    }

    [Theory]
    [InlineData(FaultKind.ServiceUnavailable)]
    [InlineData(FaultKind.GatewayTimeout)]
    [InlineData(FaultKind.Throttle)]
    [InlineData(FaultKind.ConnectionFailure)]
    public async Task Transient_failures_without_Retry_After_are_retried_with_backoff(FaultKind kind)
    {
        var (client, emulator) = Client();
        emulator.Faults.Add(new Fault("openid-configuration", kind, times: 3));
        var response = await client.GetAsync(DiscoveryUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, emulator.Requests.CountWhere(r => r.Url.Contains("openid-configuration")));
    }

    [Fact]
    public async Task After_the_last_retry_the_throttling_response_is_returned()
    {
        var (client, emulator) = Client(maxRetries: 2);
        emulator.Faults.Add(new Fault("openid-configuration", FaultKind.Throttle, times: 10, retryAfter: "0.01"));
        var response = await client.GetAsync(DiscoveryUrl);
        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal(3, emulator.Requests.Count);
    }

    [Fact]
    public async Task A_retried_post_sends_the_same_body()
    {
        var (client, emulator) = Client();
        emulator.Faults.Add(new Fault("POST .*/token", FaultKind.ServiceUnavailable, times: 1));
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "unknown-app" });
        var response = await client.PostAsync("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token", form);
        // The second attempt reached the token endpoint with the same form: it names the client it was sent.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unknown-app", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cancellation_stops_a_retry_wait_at_once()
    {
        var (client, emulator) = Client();
        emulator.Faults.Add(new Fault("openid-configuration", FaultKind.Throttle, times: 1, retryAfter: "30"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(DiscoveryUrl, cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"cancellation took {watch.Elapsed}");
    }

    [Fact]
    public async Task On_an_emulated_cloud_the_wait_advances_virtual_time_instead_of_sleeping()
    {
        var emulator = new SnapshotBuilder().User("admin", globalAdmin: true).Emulator();
        // Stopped, the clock moves only by the client's waits: its advance is what they took in virtual time.
        emulator.Clock.Stop();
        using var pipeline = new HttpPipeline(emulator, TestConnections.VirtualRetries(emulator));
        using var client = pipeline.CreateClient();
        var fault = emulator.Faults.Add(new Fault("openid-configuration", FaultKind.Throttle, times: 2, retryAfter: "30"));
        var before = emulator.Clock.UtcNow;
        var response = await client.GetAsync(DiscoveryUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, fault.Injected);
        Assert.True(emulator.Clock.UtcNow - before >= TimeSpan.FromSeconds(60), "each Retry-After moved the emulator's clock on");
    }
}
