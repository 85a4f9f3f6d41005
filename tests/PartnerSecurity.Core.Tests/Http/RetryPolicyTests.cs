using System.Net;
using PartnerSecurity.Http;

namespace PartnerSecurity.Tests.Http;

public class RetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

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
        var delay = new RetryPolicy().DelayFor(Throttled(header), 1, Now, out var capped);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
        Assert.Null(capped);
    }

    [Fact]
    public void Retry_After_as_http_date_is_the_time_until_that_date()
    {
        var response = Throttled(Now.AddSeconds(30).ToString("R"));
        Assert.Equal(TimeSpan.FromSeconds(30), new RetryPolicy().DelayFor(response, 1, Now, out _));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.ParseRetryAfter(Now.AddDays(-3).ToString("R"), Now));
    }

    [Theory]
    [InlineData("1e20", "longer than any clock can count")]
    [InlineData("Infinity", "longer than any clock can count")]
    [InlineData("4320000", "50 days")]
    [InlineData("Thu, 01 Jan 2099 00:00:00 GMT", "days")]
    [InlineData("1.7976931348623157E+308", "longer than any clock can count")]
    public void A_wait_beyond_the_cap_is_capped_and_the_caller_is_told_what_was_asked(string header, string said)
    {
        var policy = new RetryPolicy(maxRetryAfter: TimeSpan.FromMinutes(5));
        var delay = policy.DelayFor(Throttled(header), 1, Now, out var capped);
        Assert.Equal(TimeSpan.FromMinutes(5), delay);
        Assert.NotNull(capped);
        Assert.Contains(said, capped);
        Assert.Contains(header.Substring(0, 4), capped);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("NaN")]
    [InlineData("soon")]
    [InlineData("")]
    [InlineData("-Infinity")]
    public void An_unreadable_or_negative_Retry_After_falls_back_to_backoff(string header)
    {
        var policy = new RetryPolicy(6, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), seed: 3);
        Assert.Null(RetryPolicy.ParseRetryAfter(header, Now));
        var delay = policy.DelayFor(header, 2, Now, out var capped);
        Assert.InRange(delay.TotalMilliseconds, 0, 200);
        Assert.Null(capped);
    }

    [Fact]
    public void A_capped_value_is_shown_printable_and_short()
    {
        var policy = new RetryPolicy(maxRetryAfter: TimeSpan.FromSeconds(1));
        policy.DelayFor("9999999999\u001b[2J" + new string('9', 200), 1, Now, out var capped);
        Assert.Null(capped); // not a number: backoff, nothing to cap
        policy.DelayFor(new string('9', 200), 1, Now, out capped);
        Assert.NotNull(capped);
        Assert.True(capped!.Length < 120, capped);
        Assert.DoesNotContain('\u001b', capped);
    }

    [Fact]
    public void Without_Retry_After_the_delay_is_exponential_backoff_with_jitter_within_bounds()
    {
        var policy = new RetryPolicy(6, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), seed: 42);
        Assert.Null(RetryPolicy.ParseRetryAfter(RetryPolicy.RetryAfterHeader(Throttled(null)), DateTimeOffset.UtcNow));
        var samples = Enumerable.Range(0, 200).Select(_ => policy.Backoff(3)).ToList();
        Assert.All(samples, d => Assert.InRange(d.TotalMilliseconds, 0, 400));
        Assert.True(samples.Distinct().Count() > 50, "jitter should spread the delays");
        Assert.All(Enumerable.Range(0, 50).Select(_ => policy.Backoff(10)), d => Assert.InRange(d.TotalMilliseconds, 0, 1000));
        Assert.InRange(policy.Backoff(int.MaxValue).TotalMilliseconds, 0, 1000);
    }

    [Theory]
    [InlineData(429, true, true)]
    [InlineData(503, true, true)]
    [InlineData(504, true, true)]
    [InlineData(500, true, true)]
    [InlineData(502, true, true)]
    [InlineData(408, true, true)]
    [InlineData(429, false, true)]
    [InlineData(503, false, true)]
    [InlineData(500, false, false)]
    [InlineData(502, false, false)]
    [InlineData(504, false, false)]
    [InlineData(400, true, false)]
    [InlineData(401, true, false)]
    [InlineData(404, true, false)]
    public void Transient_statuses_are_retried_and_only_throttling_and_503_for_requests_that_must_not_apply_twice(int status, bool safe, bool retryable) =>
        Assert.Equal(retryable, RetryPolicy.IsRetryable((HttpStatusCode)status, safe));
}
