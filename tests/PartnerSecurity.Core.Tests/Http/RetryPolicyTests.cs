using System.Net;
using PartnerSecurity.Http;

namespace PartnerSecurity.Tests.Http;

public class RetryPolicyTests
{
    private static HttpResponseMessage Throttled(string? retryAfter)
    {
        var response = new HttpResponseMessage((HttpStatusCode)429);
        if (retryAfter != null) response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return response;
    }

    [Theory]
    [InlineData("2.128", 2128)]
    [InlineData("7", 7000)]
    [InlineData("0.05", 50)]
    public void Retry_After_in_seconds_is_honoured_including_decimals(string header, int expectedMs)
    {
        var delay = RetryPolicy.ParseRetryAfter(Throttled(header), DateTimeOffset.UtcNow);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    [Fact]
    public void Retry_After_as_http_date_is_the_time_until_that_date()
    {
        var now = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        var response = Throttled(now.AddSeconds(30).ToString("R"));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.ParseRetryAfter(response, now));
    }

    [Fact]
    public void Without_Retry_After_the_delay_is_exponential_backoff_with_jitter_within_bounds()
    {
        var policy = new RetryPolicy(6, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), seed: 42);
        Assert.Null(RetryPolicy.ParseRetryAfter(Throttled(null), DateTimeOffset.UtcNow));
        var samples = Enumerable.Range(0, 200).Select(_ => policy.Backoff(3)).ToList();
        Assert.All(samples, d => Assert.InRange(d.TotalMilliseconds, 0, 400));
        Assert.True(samples.Distinct().Count() > 50, "jitter should spread the delays");
        Assert.All(Enumerable.Range(0, 50).Select(_ => policy.Backoff(10)), d => Assert.InRange(d.TotalMilliseconds, 0, 1000));
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(500, false)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    public void Only_throttling_and_transient_gateway_errors_are_retried(int status, bool retryable) =>
        Assert.Equal(retryable, RetryPolicy.IsRetryable((HttpStatusCode)status));
}
