using System;
using System.Collections.Generic;

namespace PartnerSecurity.Emulator.Http
{
    /// <summary>
    /// Microsoft's documented limits on the services the emulator serves (docs/emulator.md, "Throttling"). On by
    /// default: tests, benchmarks and the demo run against them, as the module does against the real clouds.
    /// </summary>
    public sealed class ThrottleLimits
    {
        /// <summary>The values Microsoft documents.</summary>
        public static ThrottleLimits Documented => new ThrottleLimits();

        /// <summary>Graph's "identity and access reports" (sign-in logs, the registration report): per application and tenant, per 10 seconds.</summary>
        public int ReportsPerAppPerTenant { get; set; } = 5;
        /// <summary>The same limit per application across every tenant, per 10 seconds.</summary>
        public int ReportsPerApp { get; set; } = 122;
        /// <summary>Graph's "identity protection and conditional access": per tenant for all applications, per second; the 429 has no Retry-After.</summary>
        public int ConditionalAccessPerTenantPerSecond { get; set; } = 1;
        /// <summary>Partner Center's customer resource: per partner tenant, per minute.</summary>
        public int PartnerCenterCustomersPerTenantPerMinute { get; set; } = 500;

        public static readonly TimeSpan ReportsWindow = TimeSpan.FromSeconds(10);
        public static readonly TimeSpan ConditionalAccessWindow = TimeSpan.FromSeconds(1);
        public static readonly TimeSpan PartnerCenterWindow = TimeSpan.FromMinutes(1);
    }

    /// <summary>
    /// Sliding-window counters on the emulator's clock. A request is admitted only when every limit it falls under
    /// has room; then it counts against all of them. Refused requests do not count, as a 429 costs the client a retry,
    /// not a slot.
    /// </summary>
    public sealed class Throttle
    {
        private readonly Dictionary<string, Queue<DateTimeOffset>> _windows = new Dictionary<string, Queue<DateTimeOffset>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Admits the request, or returns how long until the first limit that is full has room again.
        /// Each limit is (key, most requests, window).
        /// </summary>
        public TimeSpan? Admit(DateTimeOffset now, params (string Key, int Limit, TimeSpan Window)[] limits)
        {
            lock (_windows)
            {
                TimeSpan? wait = null;
                foreach (var (key, limit, window) in limits)
                {
                    var times = Window(key);
                    while (times.Count > 0 && now - times.Peek() >= window) times.Dequeue();
                    if (limit > 0 && times.Count >= limit)
                    {
                        var free = window - (now - times.Peek());
                        if (wait == null || free > wait) wait = free;
                    }
                }
                if (wait != null) return wait;
                foreach (var (key, _, _) in limits) Window(key).Enqueue(now);
                return null;
            }
        }

        private Queue<DateTimeOffset> Window(string key)
        {
            if (!_windows.TryGetValue(key, out var times)) _windows[key] = times = new Queue<DateTimeOffset>();
            return times;
        }
    }
}
