using System;
using System.Globalization;
using System.Net;
using System.Net.Http;

namespace PartnerSecurity.Http
{
    /// <summary>
    /// When and how long to wait before sending a request again. Graph and Partner Center answer 429 with
    /// Retry-After in seconds, possibly decimal ("2.128"); some Graph resources (conditional access) send
    /// none, and 503/504 may or may not carry one: without it, exponential backoff with full jitter. A
    /// Retry-After longer than <see cref="MaxRetryAfter"/> (or one no clock can represent: 1e20, Infinity, a
    /// date in 2099) is waited for only that long, and the caller says so (docs/reliability.md).
    /// </summary>
    public sealed class RetryPolicy
    {
        private readonly Random _random;
        private readonly object _randomLock = new object();

        public RetryPolicy(int maxRetries = 6, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, TimeSpan? attemptTimeout = null, int? seed = null,
            TimeSpan? maxRetryAfter = null)
        {
            if (maxRetries < 0) throw new ArgumentOutOfRangeException(nameof(maxRetries));
            MaxRetries = maxRetries;
            BaseDelay = baseDelay ?? TimeSpan.FromSeconds(1);
            MaxDelay = maxDelay ?? TimeSpan.FromSeconds(60);
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(100);
            MaxRetryAfter = maxRetryAfter ?? TimeSpan.FromMinutes(5);
            _random = seed.HasValue ? new Random(seed.Value) : new Random();
        }

        private RetryPolicy(RetryPolicy settings, RetryClock clock)
        {
            MaxRetries = settings.MaxRetries;
            BaseDelay = settings.BaseDelay;
            MaxDelay = settings.MaxDelay;
            AttemptTimeout = settings.AttemptTimeout;
            MaxRetryAfter = settings.MaxRetryAfter;
            _random = settings._random;
            _randomLock = settings._randomLock;
            Clock = clock;
        }

        public static RetryPolicy Default { get; } = new RetryPolicy();

        /// <summary>
        /// For rehearsals against an emulated cloud with injected faults (Connect-PartnerSecurity -FaultProfile): the
        /// default rules, but a hung answer is given up after 2 s. Its waits pass on the emulated cloud's clock
        /// (<see cref="WithClock"/>), so backoff long enough to clear a throttling window costs no real time.
        /// </summary>
        public static RetryPolicy Rehearsal(int? seed = null) =>
            new RetryPolicy(6, attemptTimeout: TimeSpan.FromSeconds(2), seed: seed);

        public int MaxRetries { get; }
        public TimeSpan BaseDelay { get; }
        public TimeSpan MaxDelay { get; }
        /// <summary>How long one attempt (the answer and its whole body) may take before it counts as a failure.</summary>
        public TimeSpan AttemptTimeout { get; }
        /// <summary>How retries tell the time and wait: the real clock, or an emulated cloud's virtual one.</summary>
        public RetryClock Clock { get; } = RetryClock.Real;

        /// <summary>The same rules on another clock (an emulated cloud's: its waits advance virtual time).</summary>
        public RetryPolicy WithClock(RetryClock clock) => new RetryPolicy(this, clock ?? throw new ArgumentNullException(nameof(clock)));
        /// <summary>The longest Retry-After honoured; a longer one is waited for this long.</summary>
        public TimeSpan MaxRetryAfter { get; }

        /// <summary>
        /// Statuses worth sending again. Throttling (429) and "not processed" (503) always; the other transient
        /// server and gateway failures (408, 500, 502, 504) only for requests that are safe to send twice, since
        /// the server may have applied them before failing.
        /// </summary>
        public static bool IsRetryable(HttpStatusCode status, bool safeToResend = true)
        {
            int code = (int)status;
            if (code == 429 || code == 503) return true;
            return safeToResend && (code == 408 || code == 500 || code == 502 || code == 504);
        }

        /// <summary>
        /// The wait before retry number <paramref name="attempt"/> (1-based) of a response: the server's
        /// Retry-After in full up to <see cref="MaxRetryAfter"/> (retrying earlier only earns another 429), else
        /// backoff. <paramref name="capped"/> says, when the server asked for longer, what it asked for.
        /// </summary>
        public TimeSpan DelayFor(HttpResponseMessage response, int attempt, DateTimeOffset now, out string? capped) =>
            DelayFor(RetryAfterHeader(response), attempt, now, out capped);

        /// <summary>
        /// The same for a Retry-After value of its own (a throttled item of a Graph $batch): that value up to the
        /// cap, else backoff.
        /// </summary>
        public TimeSpan DelayFor(string? retryAfter, int attempt, DateTimeOffset now, out string? capped)
        {
            capped = null;
            var asked = ParseRetryAfter(retryAfter, now);
            if (asked == null) return Backoff(attempt);
            if (asked.Value <= MaxRetryAfter) return asked.Value;
            capped = Describe(retryAfter!, asked.Value);
            return MaxRetryAfter;
        }

        /// <summary>Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt-1))].</summary>
        public TimeSpan Backoff(int attempt)
        {
            double ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(30, Math.Max(0, attempt - 1))));
            double sample;
            lock (_randomLock) sample = _random.NextDouble();
            return TimeSpan.FromMilliseconds(ceiling * sample);
        }

        /// <summary>The raw Retry-After of a response (HttpClient parses only integral seconds and dates itself).</summary>
        public static string? RetryAfterHeader(HttpResponseMessage response)
        {
            if (!response.Headers.TryGetValues("Retry-After", out var values)) return null;
            foreach (var value in values)
            {
                if (!string.IsNullOrWhiteSpace(value)) return value;
            }
            return null;
        }

        /// <summary>
        /// Retry-After as delta-seconds (decimals allowed) or an HTTP date; null when absent, negative or unreadable.
        /// Never throws: a value beyond what a TimeSpan holds (1e20, Infinity) reads as <see cref="TimeSpan.MaxValue"/>,
        /// a date in the past as zero.
        /// </summary>
        public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var text = value!.Trim();
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                if (double.IsNaN(seconds) || seconds < 0) return null;
                double ticks = seconds * TimeSpan.TicksPerSecond;
                return ticks >= long.MaxValue ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
            }
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                return date > now ? date - now : TimeSpan.Zero;
            return null;
        }

        /// <summary>The value as the server sent it, made safe to show (printable, short), with the wait it meant.</summary>
        private static string Describe(string retryAfter, TimeSpan asked)
        {
            var shown = new System.Text.StringBuilder();
            foreach (var c in retryAfter.Trim())
            {
                if (shown.Length >= 40) { shown.Append('…'); break; }
                shown.Append(c >= ' ' && c < '\u007f' ? c : '?');
            }
            var meaning = asked == TimeSpan.MaxValue ? "longer than any clock can count"
                : asked.TotalDays >= 1 ? string.Format(CultureInfo.InvariantCulture, "{0:N0} days", asked.TotalDays)
                : string.Format(CultureInfo.InvariantCulture, "{0:N0} s", asked.TotalSeconds);
            return $"Retry-After '{shown}' ({meaning})";
        }
    }
}
