using System;
using System.Globalization;
using System.Net;
using System.Net.Http;

namespace PartnerSecurity.Http
{
    /// <summary>
    /// When and how long to wait before sending a request again. Graph and Partner Center answer 429 with
    /// Retry-After in seconds, possibly decimal ("2.128"); some Graph resources (conditional access) send
    /// none, and 503/504 may or may not carry one: without it, exponential backoff with full jitter.
    /// </summary>
    public sealed class RetryPolicy
    {
        private readonly Random _random;
        private readonly object _randomLock = new object();

        public RetryPolicy(int maxRetries = 6, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, TimeSpan? attemptTimeout = null, int? seed = null)
        {
            if (maxRetries < 0) throw new ArgumentOutOfRangeException(nameof(maxRetries));
            MaxRetries = maxRetries;
            BaseDelay = baseDelay ?? TimeSpan.FromSeconds(1);
            MaxDelay = maxDelay ?? TimeSpan.FromSeconds(60);
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(100);
            _random = seed.HasValue ? new Random(seed.Value) : new Random();
        }

        private RetryPolicy(RetryPolicy settings, RetryClock clock)
        {
            MaxRetries = settings.MaxRetries;
            BaseDelay = settings.BaseDelay;
            MaxDelay = settings.MaxDelay;
            AttemptTimeout = settings.AttemptTimeout;
            _random = settings._random;
            _randomLock = settings._randomLock;
            Clock = clock;
        }

        public static RetryPolicy Default { get; } = new RetryPolicy();

        public int MaxRetries { get; }
        public TimeSpan BaseDelay { get; }
        public TimeSpan MaxDelay { get; }
        /// <summary>How long one attempt may take before it counts as a connection failure.</summary>
        public TimeSpan AttemptTimeout { get; }
        /// <summary>How retries tell the time and wait: the real clock, or an emulated cloud's virtual one.</summary>
        public RetryClock Clock { get; } = RetryClock.Real;

        /// <summary>The same rules on another clock (an emulated cloud's: its waits advance virtual time).</summary>
        public RetryPolicy WithClock(RetryClock clock) => new RetryPolicy(this, clock ?? throw new ArgumentNullException(nameof(clock)));

        public static bool IsRetryable(HttpStatusCode status) =>
            (int)status == 429 || status == HttpStatusCode.ServiceUnavailable || status == HttpStatusCode.GatewayTimeout;

        /// <summary>
        /// The wait before retry number <paramref name="attempt"/> (1-based) of a response: the server's
        /// Retry-After in full (retrying earlier only earns another 429), else backoff.
        /// </summary>
        public TimeSpan DelayFor(HttpResponseMessage response, int attempt) =>
            ParseRetryAfter(response, Clock.UtcNow) ?? Backoff(attempt);

        /// <summary>
        /// The wait before retry number <paramref name="attempt"/> of something that said Retry-After in a
        /// header value of its own (a throttled item of a Graph $batch): that value in full, else backoff.
        /// </summary>
        public TimeSpan DelayFor(string? retryAfter, int attempt, DateTimeOffset now)
        {
            if (!string.IsNullOrWhiteSpace(retryAfter))
            {
                if (double.TryParse(retryAfter, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                    return TimeSpan.FromSeconds(seconds);
                if (DateTimeOffset.TryParse(retryAfter, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                    return date > now ? date - now : TimeSpan.Zero;
            }
            return Backoff(attempt);
        }

        /// <summary>Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt-1))].</summary>
        public TimeSpan Backoff(int attempt)
        {
            double ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1)));
            double sample;
            lock (_randomLock) sample = _random.NextDouble();
            return TimeSpan.FromMilliseconds(ceiling * sample);
        }

        /// <summary>Retry-After as delta-seconds (decimals allowed) or an HTTP date; null when absent or unreadable.</summary>
        public static TimeSpan? ParseRetryAfter(HttpResponseMessage response, DateTimeOffset now)
        {
            var header = response.Headers.RetryAfter;
            if (header?.Delta is TimeSpan delta) return delta;
            if (header?.Date is DateTimeOffset date) return date > now ? date - now : TimeSpan.Zero;
            // HttpClient only parses integral seconds into Delta; Graph documents decimals.
            if (response.Headers.TryGetValues("Retry-After", out var values))
            {
                foreach (var value in values)
                {
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                        return TimeSpan.FromSeconds(seconds);
                }
            }
            return null;
        }
    }
}
