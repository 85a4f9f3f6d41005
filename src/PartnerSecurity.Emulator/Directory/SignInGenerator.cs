using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Directory
{
    /// <summary>
    /// A tenant's sign-in log made on the fly: <see cref="Count"/> sign-ins spread evenly over <see cref="Span"/>
    /// before the snapshot's capture time, record i a pure function of (seed, tenant, i). The log is never held, so a
    /// million sign-ins cost what one page costs (the snapshot's own log takes about 12 KB a sign-in). Served by the
    /// same endpoint, with the same paging, filters, retention and throttling (<see cref="EmulatorOptions.SignInGenerator"/>).
    /// The records are Entra ID's shape after <see cref="SignInRecords"/>: lowercase user principal names, event types set.
    /// </summary>
    public sealed class SignInGenerator
    {
        private static readonly (string Id, string Name, string Resource, string ResourceId)[] s_apps =
        {
            ("4765445b-32c6-49b0-83e6-1d93765276ca", "OfficeHome", "Office 365 Exchange Online", "00000002-0000-0ff1-ce00-000000000000"),
            ("00000003-0000-0ff1-ce00-000000000000", "Office 365 SharePoint Online", "Office 365 SharePoint Online", "00000003-0000-0ff1-ce00-000000000000"),
            ("1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Microsoft Teams", "Microsoft Teams Services", "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe"),
            ("d3590ed6-52b3-4102-aeff-aad2292ab01c", "Microsoft Office", "Microsoft Graph", "00000003-0000-0000-c000-000000000000"),
        };

        private readonly ConditionalWeakTable<EmulatedTenant, Log> _logs = new ConditionalWeakTable<EmulatedTenant, Log>();

        public SignInGenerator(int count, int seed = 1, TimeSpan? span = null)
        {
            if (count < 0) throw new ArgumentOutOfRangeException(nameof(count));
            Count = count;
            Seed = seed;
            Span = span ?? TimeSpan.FromDays(14);
        }

        public int Count { get; }
        public int Seed { get; }
        /// <summary>How far back from the capture time the log reaches (14 days by default, inside every retention).</summary>
        public TimeSpan Span { get; }

        /// <summary>The tenant's generated log, newest first and oldest first.</summary>
        internal (IReadOnlyList<JsonObject> NewestFirst, IReadOnlyList<JsonObject> OldestFirst) For(EmulatedTenant tenant)
        {
            var log = _logs.GetValue(tenant, t => new Log(this, t));
            return (log, new Reversed(log));
        }

        /// <summary>Sign-in <paramref name="index"/> of the tenant's log, 0 the newest.</summary>
        public JsonObject Build(EmulatedTenant tenant, int index)
        {
            if (index < 0 || index >= Count) throw new ArgumentOutOfRangeException(nameof(index));
            var users = tenant.Snapshot.Users;
            // The tenant enters by its characters (string hashes differ between processes).
            ulong h = Mix((ulong)(uint)Seed * 0x100000001B3UL ^ (ulong)index ^ TenantKey(tenant.Id));
            var user = users.Count == 0 ? null : users[(int)(h % (ulong)users.Count)];
            var app = s_apps[(int)(h >> 8 & 3)];
            bool interactive = (h >> 12 & 3) != 0;
            bool failed = (h >> 16 & 15) == 0;
            bool mfa = !failed && (h >> 20 & 1) == 1;
            var when = tenant.Snapshot.CapturedDateTime - TimeSpan.FromTicks((long)((index + 1) * (Span.Ticks / (double)Math.Max(1, Count))));
            var upn = ((string?)user?["userPrincipalName"] ?? "unknown@" + tenant.DefaultDomain).ToLowerInvariant();
            return new JsonObject
            {
                ["id"] = Guid(h, (ulong)index),
                ["createdDateTime"] = when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                ["userDisplayName"] = (string?)user?["displayName"],
                ["userPrincipalName"] = upn,
                ["userId"] = (string?)user?["id"],
                ["appId"] = app.Id,
                ["appDisplayName"] = app.Name,
                ["ipAddress"] = "203.0.113." + (h >> 24 & 255).ToString(CultureInfo.InvariantCulture),
                ["clientAppUsed"] = interactive ? "Browser" : "Mobile Apps and Desktop clients",
                ["correlationId"] = Guid(h >> 1, (ulong)index * 31),
                ["conditionalAccessStatus"] = mfa ? "success" : "notApplied",
                ["isInteractive"] = interactive,
                ["signInEventTypes"] = new JsonArray(interactive ? "interactiveUser" : "nonInteractiveUser"),
                ["authenticationRequirement"] = mfa ? "multiFactorAuthentication" : "singleFactorAuthentication",
                ["mfaDetail"] = null,
                ["authenticationDetails"] = new JsonArray(),
                ["resourceDisplayName"] = app.Resource,
                ["resourceId"] = app.ResourceId,
                ["resourceTenantId"] = tenant.Id,
                ["homeTenantId"] = tenant.Id,
                ["riskDetail"] = "none",
                ["riskLevelAggregated"] = "none",
                ["riskLevelDuringSignIn"] = "none",
                ["riskState"] = "none",
                ["riskEventTypes_v2"] = new JsonArray(),
                ["status"] = new JsonObject
                {
                    ["errorCode"] = failed ? 50126 : 0,
                    ["failureReason"] = failed ? "Error validating credentials due to invalid username or password." : "Other.",
                    ["additionalDetails"] = null,
                },
                ["deviceDetail"] = new JsonObject { ["deviceId"] = "", ["displayName"] = "", ["operatingSystem"] = "Windows10", ["browser"] = "Edge 131.0.0", ["isCompliant"] = false, ["isManaged"] = false, ["trustType"] = "" },
                ["location"] = new JsonObject { ["city"] = "Seattle", ["state"] = "Washington", ["countryOrRegion"] = "US" },
            };
        }

        private static ulong TenantKey(string id)
        {
            ulong key = 14695981039346656037UL;
            foreach (char c in id) key = (key ^ c) * 1099511628211UL;
            return key;
        }

        /// <summary>SplitMix64's finaliser: every bit of the input moves every bit of the output.</summary>
        private static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        private static string Guid(ulong a, ulong b)
        {
            var bytes = new byte[16];
            BitConverter.GetBytes(Mix(a)).CopyTo(bytes, 0);
            BitConverter.GetBytes(Mix(a ^ b ^ 0x5851F42D4C957F2DUL)).CopyTo(bytes, 8);
            return new System.Guid(bytes).ToString();
        }

        private sealed class Log : IReadOnlyList<JsonObject>
        {
            private readonly SignInGenerator _generator;
            private readonly EmulatedTenant _tenant;

            public Log(SignInGenerator generator, EmulatedTenant tenant)
            {
                _generator = generator;
                _tenant = tenant;
            }

            public int Count => _generator.Count;
            public JsonObject this[int index] => _generator.Build(_tenant, index);

            public IEnumerator<JsonObject> GetEnumerator()
            {
                for (int i = 0; i < Count; i++) yield return this[i];
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }

        private sealed class Reversed : IReadOnlyList<JsonObject>
        {
            private readonly IReadOnlyList<JsonObject> _inner;

            public Reversed(IReadOnlyList<JsonObject> inner) => _inner = inner;

            public int Count => _inner.Count;
            public JsonObject this[int index] => _inner[_inner.Count - 1 - index];

            public IEnumerator<JsonObject> GetEnumerator()
            {
                for (int i = 0; i < Count; i++) yield return this[i];
            }

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }
}
