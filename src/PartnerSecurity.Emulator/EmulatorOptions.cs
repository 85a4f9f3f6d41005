namespace PartnerSecurity.Emulator
{
    /// <summary>Knobs of the emulated cloud that are not part of the tenant data.</summary>
    public sealed class EmulatorOptions
    {
        /// <summary>
        /// The user who completes interactive sign-ins in the simulated browser (UPN or object id).
        /// Null: the login_hint if it names a user, else the home tenant's first Global Administrator.
        /// </summary>
        public string? BrowserUser { get; set; }

        /// <summary>Access-token lifetime in seconds (Entra ID: 60 to 90 minutes).</summary>
        public int AccessTokenLifetimeSeconds { get; set; } = 3599;

        /// <summary>
        /// Microsoft's documented throttling limits (sign-in logs and the registration report, conditional access,
        /// Partner Center customers), on by default; beyond them, 429 as each service answers it. Null turns
        /// throttling off (benchmarks that measure something else).
        /// </summary>
        public Http.ThrottleLimits? Throttling { get; set; } = Http.ThrottleLimits.Documented;

        /// <summary>
        /// Whether a client's waits in this cloud (a retry after 429) pass in virtual time: the wait moves the
        /// emulator's clock on at once instead of sleeping (<see cref="TenantEmulator.ClientWaitAsync"/>). True by
        /// default, so throttled runs cost no real time; false makes them sleep, for tests of what happens meanwhile.
        /// </summary>
        public bool VirtualClientWaits { get; set; } = true;

        /// <summary>
        /// Refuses, with Graph's 400, the query options and operators the endpoints' documentation does not list but
        /// the emulator accepts by default (docs/emulator.md, "Undocumented points"): $top, $select and $count on the
        /// registration report, $top and "in" on role assignments, $top on role eligibility. For tests that prove the
        /// module does not depend on them.
        /// </summary>
        public bool RefuseUndocumentedQueries { get; set; }

        /// <summary>
        /// A delay on every request, as the network and the service add (benchmarks: docs/benchmarks.md, "Latency
        /// model"). Null, the default: answers come at once, so tests are unaffected.
        /// </summary>
        public Http.LatencyModel? Latency { get; set; }

        /// <summary>
        /// Sign-in logs made on the fly instead of read from the snapshot, for volumes a snapshot cannot hold
        /// (benchmarks). Null, the default: the snapshot's sign-ins.
        /// </summary>
        public Directory.SignInGenerator? SignInGenerator { get; set; }

        /// <summary>The device code flow's polling interval in seconds (Entra ID says 5; 1 keeps tests fast, MSAL honours it).</summary>
        public int DeviceCodePollingIntervalSeconds { get; set; } = 1;

        /// <summary>
        /// Customer insights per page of Graph's partner security score (Microsoft does not document its page size).
        /// Small by default so that every read of the demo's three customers follows an @odata.nextLink.
        /// </summary>
        public int CustomerInsightsPageSize { get; set; } = 2;
    }
}
