using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Text;

namespace PartnerSecurity.Emulator.Http
{
    /// <summary>
    /// A seeded mix of faults over every request (Connect-PartnerSecurity -FaultProfile, docs/reliability.md):
    /// <list type="bullet">
    /// <item>Throttle: 429 with and without Retry-After, on requests and on $batch items.</item>
    /// <item>Transient: 500, 502 (an HTML page), 503, 504, refused connections, answers that hang past the client's
    /// time-out, connections reset mid-body, bodies cut short, HTML or empty bodies, collection pages with null
    /// items or without their item array.</item>
    /// <item>Expiry: access tokens that expire mid-read (401 InvalidAuthenticationToken, refused from then on).</item>
    /// <item>Chaos: all of them at once.</item>
    /// </list>
    /// Whether a request fails, and how, depends only on the seed, the request (method, URL, tenant, body) and how
    /// many times it was sent before, never on timing, so a run repeats exactly. Each request fails at most
    /// <see cref="MaxFaultsPerRequest"/> times, fewer than a correct client's retries, so a correct client always
    /// finishes. The sign-in page and authorization-code redemptions get no body faults: a code is single-use, and
    /// no client can redeem it again after its answer was lost.
    /// </summary>
    public sealed class FaultProfile
    {
        public static readonly string[] Names = { "None", "Throttle", "Transient", "Expiry", "Chaos" };

        private static readonly FaultKind[] s_transient =
        {
            FaultKind.InternalServerError, FaultKind.BadGateway, FaultKind.ServiceUnavailable, FaultKind.GatewayTimeout,
            FaultKind.ConnectionFailure, FaultKind.Hang, FaultKind.ResetMidBody, FaultKind.TruncatedBody, FaultKind.HtmlBody,
            FaultKind.EmptyBody, FaultKind.NullItems, FaultKind.MissingValue,
        };

        private readonly FaultKind[] _kinds;
        private readonly ConcurrentDictionary<string, int[]> _requests = new ConcurrentDictionary<string, int[]>(StringComparer.Ordinal);

        private FaultProfile(string name, int seed, double rate, int maxFaultsPerRequest, FaultKind[] kinds)
        {
            Name = name;
            Seed = seed;
            Rate = rate;
            MaxFaultsPerRequest = maxFaultsPerRequest;
            _kinds = kinds;
        }

        /// <summary>The profile by name (None, Throttle, Transient, Expiry, Chaos); null for None.</summary>
        public static FaultProfile? Create(string name, int seed = 1)
        {
            switch (name.ToLowerInvariant())
            {
                case "none": return null;
                case "throttle": return new FaultProfile("Throttle", seed, 0.3, 2, new[] { FaultKind.Throttle });
                case "transient": return new FaultProfile("Transient", seed, 0.25, 2, s_transient);
                case "expiry": return new FaultProfile("Expiry", seed, 0.2, 1, new[] { FaultKind.TokenExpired });
                case "chaos": return new FaultProfile("Chaos", seed, 0.35, 3, s_transient.Concat(new[] { FaultKind.Throttle, FaultKind.TokenExpired }).ToArray());
                default: throw new ArgumentException($"'{name}' is not a fault profile: use {string.Join(", ", Names)}.", nameof(name));
            }
        }

        public string Name { get; }
        public int Seed { get; }
        /// <summary>The chance that an attempt of a request fails (while it has faults left).</summary>
        public double Rate { get; }
        public int MaxFaultsPerRequest { get; }
        /// <summary>How long an answer hangs when the client does not give up first.</summary>
        public TimeSpan Hang { get; set; } = TimeSpan.FromSeconds(10);

        public override string ToString() => $"{Name} (seed {Seed})";

        /// <summary>Faults Graph applies to one item of a $batch: the item's own status.</summary>
        public static bool IsBatchItemKind(FaultKind kind) =>
            kind == FaultKind.Throttle || kind == FaultKind.ServiceUnavailable || kind == FaultKind.GatewayTimeout
            || kind == FaultKind.InternalServerError || kind == FaultKind.BadGateway || kind == FaultKind.Forbidden;

        /// <summary>Faults that damage the answer of a request the service applied.</summary>
        public static bool IsBodyKind(FaultKind kind) =>
            kind == FaultKind.ResetMidBody || kind == FaultKind.TruncatedBody || kind == FaultKind.HtmlBody
            || kind == FaultKind.EmptyBody || kind == FaultKind.NullItems || kind == FaultKind.MissingValue;

        internal FaultDecision? Decide(EmulatorRequest request, string? tenant, bool hasBearer, bool batchItem)
        {
            var path = request.Path;
            if (path.EndsWith("/authorize", StringComparison.OrdinalIgnoreCase)) return null;
            bool codeRedemption = request.Method == "POST" && request.Body.IndexOf("grant_type=authorization_code", StringComparison.Ordinal) >= 0;
            var key = request.Method + " " + request.Uri.AbsoluteUri + " " + tenant + " " + Hash(request.Body).ToString("x16", CultureInfo.InvariantCulture);
            var counts = _requests.GetOrAdd(key, _ => new int[2]);
            int attempt, faults;
            lock (counts)
            {
                attempt = ++counts[0];
                faults = counts[1];
            }
            if (faults >= MaxFaultsPerRequest || Unit(key, attempt, "fails") >= Rate) return null;
            var kinds = _kinds.Where(k =>
                (!batchItem || IsBatchItemKind(k))
                && (k != FaultKind.TokenExpired || (hasBearer && !batchItem))
                && (!IsBodyKind(k) || !codeRedemption)
                && ((k != FaultKind.NullItems && k != FaultKind.MissingValue) || request.Method == "GET")).ToArray();
            if (kinds.Length == 0) return null;
            lock (counts)
            {
                if (counts[1] >= MaxFaultsPerRequest) return null;
                counts[1]++;
            }
            var kind = kinds[(int)(Unit(key, attempt, "kind") * kinds.Length) % kinds.Length];
            string? retryAfter = null;
            if (kind == FaultKind.Throttle && Unit(key, attempt, "retry-after") < 0.5)
                retryAfter = FaultInjector.Seconds(0.01 + Math.Round(Unit(key, attempt, "seconds") * 0.2, 3));
            return new FaultDecision(kind, retryAfter, Hang);
        }

        /// <summary>A number in [0, 1) from the seed, the request and the attempt: the same inputs, the same number.</summary>
        private double Unit(string key, int attempt, string purpose)
        {
            ulong h = Hash(key) ^ (ulong)(uint)Seed * 0x9E3779B97F4A7C15UL ^ (ulong)attempt * 0xC2B2AE3D27D4EB4FUL ^ Hash(purpose);
            h ^= h >> 33;
            h *= 0xFF51AFD7ED558CCDUL;
            h ^= h >> 33;
            h *= 0xC4CEB9FE1A85EC53UL;
            h ^= h >> 33;
            return (h >> 11) * (1.0 / (1UL << 53));
        }

        private static ulong Hash(string text)
        {
            ulong h = 14695981039346656037UL;
            foreach (var b in Encoding.UTF8.GetBytes(text))
            {
                h ^= b;
                h *= 1099511628211UL;
            }
            return h;
        }
    }
}
