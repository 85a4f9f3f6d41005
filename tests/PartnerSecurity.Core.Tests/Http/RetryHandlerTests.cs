using System.Net;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Http;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Http;

public class RetryHandlerTests
{
    private const string DiscoveryUrl = "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration";

    private const string ApplicationsUrl = "https://graph.microsoft.com/v1.0/applications";

    private static (HttpClient Client, PartnerSecurity.Emulator.TenantEmulator Emulator) Client(int maxRetries = 6, RetryPolicy? policy = null)
    {
        var emulator = new SnapshotBuilder().User("admin", globalAdmin: true).Emulator();
        var pipeline = new HttpPipeline(emulator, policy ?? TestConnections.FastRetries(maxRetries));
        return (pipeline.CreateClient(), emulator);
    }

    private static int Count(PartnerSecurity.Emulator.TenantEmulator emulator, string url) => emulator.Requests.CountWhere(r => r.Url.Contains(url));

    [Theory]
    [InlineData(FaultKind.ResetMidBody)]
    [InlineData(FaultKind.TruncatedBody)]
    [InlineData(FaultKind.HtmlBody)]
    [InlineData(FaultKind.EmptyBody)]
    [InlineData(FaultKind.BadGateway)]
    [InlineData(FaultKind.InternalServerError)]
    public async Task A_damaged_or_failed_answer_to_a_read_is_asked_for_again(FaultKind kind)
    {
        var (client, emulator) = Client();
        emulator.Faults.Add(new Fault("openid-configuration", kind, times: 2));
        var response = await client.GetAsync(DiscoveryUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(document.RootElement.TryGetProperty("token_endpoint", out _));
        Assert.Equal(3, Count(emulator, "openid-configuration"));
    }

    [Fact]
    public async Task An_answer_that_stays_damaged_is_an_error_that_says_so_never_a_shorter_answer()
    {
        var (client, emulator) = Client(maxRetries: 2);
        emulator.Faults.Add(new Fault("openid-configuration", FaultKind.TruncatedBody, times: 10));
        var error = await Assert.ThrowsAsync<MalformedResponseException>(() => client.GetAsync(DiscoveryUrl));
        Assert.Contains("not complete JSON", error.Message);
        Assert.Contains("after 3 attempts", error.Message);
        Assert.Equal(3, Count(emulator, "openid-configuration"));
    }

    [Fact]
    public async Task An_answer_that_hangs_past_the_attempt_time_out_is_given_up_and_asked_for_again()
    {
        var (client, emulator) = Client(policy: new RetryPolicy(6, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), seed: 1));
        emulator.Faults.Add(new Fault("openid-configuration", FaultKind.Hang, times: 1) { Hang = TimeSpan.FromSeconds(20) });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await client.GetAsync(DiscoveryUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData(FaultKind.ResetMidBody)]
    [InlineData(FaultKind.EmptyBody)]
    [InlineData(FaultKind.HtmlBody)]
    public async Task A_creating_post_whose_answer_was_lost_is_not_sent_again(FaultKind kind)
    {
        var (client, emulator) = Client();
        emulator.Faults.Add(new Fault("POST .*/v1.0/applications", kind, times: 1));
        var error = await Assert.ThrowsAsync<AmbiguousRequestException>(() => client.PostAsync(ApplicationsUrl, new StringContent("{}")));
        Assert.Contains("not sent again", error.Message);
        Assert.Equal(1, Count(emulator, "/v1.0/applications"));
    }

    [Theory]
    [InlineData(FaultKind.InternalServerError, 500)]
    [InlineData(FaultKind.BadGateway, 502)]
    [InlineData(FaultKind.GatewayTimeout, 504)]
    public async Task A_creating_post_that_failed_on_the_server_is_not_sent_again_and_may_have_been_applied(FaultKind kind, int status)
    {
        var (client, emulator) = Client();
        emulator.Faults.Add(new Fault("POST .*/v1.0/applications", kind, times: 1));
        var error = await Assert.ThrowsAsync<AmbiguousRequestException>(() => client.PostAsync(ApplicationsUrl, new StringContent("{}")));
        Assert.Contains(status.ToString(), error.Message);
        Assert.Equal(1, Count(emulator, "/v1.0/applications"));
    }

    [Fact]
    public async Task A_gateway_page_that_stays_after_the_last_retry_is_an_error_not_an_unreadable_answer()
    {
        var (client, emulator) = Client(maxRetries: 2);
        emulator.Faults.Add(new Fault("openid-configuration", FaultKind.BadGateway, times: 10));
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(DiscoveryUrl));
        Assert.Contains("502", error.Message);
        Assert.Contains("after 3 attempts", error.Message);
    }

    [Theory]
    [InlineData(FaultKind.ConnectionFailure)]
    [InlineData(FaultKind.ServiceUnavailable)]
    [InlineData(FaultKind.Throttle)]
    public async Task A_creating_post_the_server_never_took_is_sent_again(FaultKind kind)
    {
        var (client, emulator) = Client();
        emulator.Faults.Add(new Fault("POST .*/v1.0/applications", kind, times: 1));
        var response = await client.PostAsync(ApplicationsUrl, new StringContent("{}"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode); // no token: the service itself answered the second attempt
        Assert.Equal(2, Count(emulator, "/v1.0/applications"));
    }

    [Theory]
    [InlineData("1e20")]
    [InlineData("Infinity")]
    [InlineData("4320000")]
    [InlineData("Thu, 01 Jan 2099 00:00:00 GMT")]
    public async Task An_absurd_Retry_After_is_capped_and_the_wait_is_announced(string retryAfter)
    {
        var (client, emulator) = Client(policy: new RetryPolicy(3, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(50), maxRetryAfter: TimeSpan.FromMilliseconds(30), seed: 1));
        emulator.Faults.Add(new Fault("openid-configuration", FaultKind.Throttle, times: 1, retryAfter: retryAfter));
        var log = new CapturingLog();
        HttpResponseMessage response;
        using (PartnerSecurity.Diagnostics.OperationLog.Use(log)) response = await client.GetAsync(DiscoveryUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var warning = Assert.Single(log.Warnings);
        Assert.Contains("the longest this module waits", warning);
        Assert.Contains(retryAfter.Substring(0, 4), warning);
    }

    [Fact]
    public async Task A_token_the_server_calls_expired_is_renewed_and_the_request_sent_again_with_it()
    {
        var emulator = new SnapshotBuilder().User("admin", globalAdmin: true).Emulator();
        using var pipeline = new HttpPipeline(emulator, TestConnections.FastRetries());
        var first = emulator.IssueUserAccessToken("admin@contoso.onmicrosoft.com", "https://graph.microsoft.com/.default");
        var second = emulator.IssueUserAccessToken("admin@contoso.onmicrosoft.com", "https://graph.microsoft.com/.default");
        var renewals = new List<string>();
        pipeline.RenewBearer = (rejected, ct) => { renewals.Add(rejected); return Task.FromResult<string?>(second); };
        emulator.Faults.Add(new Fault("/v1.0/organization", FaultKind.TokenExpired, times: 1));
        using var client = pipeline.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://graph.microsoft.com/v1.0/organization");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", first);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new[] { first }, renewals);

        // The expired token stays refused, as a real expired token does.
        using var again = new HttpRequestMessage(HttpMethod.Get, "https://graph.microsoft.com/v1.0/organization");
        again.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", first);
        pipeline.RenewBearer = null;
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(again)).StatusCode);
    }

    private sealed class CapturingLog : PartnerSecurity.Diagnostics.IOperationLog
    {
        public List<string> Warnings { get; } = new();
        public void Verbose(string message) { }
        public void Debug(string message) { }
        public void Warning(string message) { lock (Warnings) Warnings.Add(message); }
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
    public async Task A_refusal_whose_json_body_was_cut_short_is_asked_for_again_so_its_error_code_survives()
    {
        var (client, emulator) = Client();
        emulator.Faults.Add(new Fault("POST .*/token", FaultKind.TruncatedBody, times: 2));
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "unknown-app" });
        var response = await client.PostAsync("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("AADSTS", error.RootElement.GetProperty("error_description").GetString());
        Assert.Equal(3, Count(emulator, "/token"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public async Task An_empty_token_response_is_asked_for_again_then_said_plainly_never_a_null_reference(int times)
    {
        var emulator = new SnapshotBuilder().User("admin", globalAdmin: true).Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        // The next token (Partner Center's, from the refresh token) comes back empty; an authorization code would be
        // spent by the first answer, so the sign-in itself is not the place to lose one.
        emulator.Faults.Add(new Fault("POST .*/oauth2/v2.0/token", FaultKind.EmptyBody, times: times));
        var acquire = () => connection.Tokens.AcquireAsync(PartnerSecurity.Authentication.ApiResource.PartnerCenter, connection.HomeTenantId, CancellationToken.None);
        if (times == 1)
        {
            Assert.Equal(connection.HomeTenantId, (await acquire()).Claims.TenantId);
            return;
        }
        var error = await Assert.ThrowsAsync<MalformedResponseException>(acquire);
        Assert.Contains("an empty answer came back", error.Message);
        Assert.Contains("/oauth2/v2.0/token", error.Message);
        Assert.DoesNotContain("NullReference", error.ToString());
        Assert.Equal("ResponseMalformed", TransportErrors.Translate(error, null).ErrorId);
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
