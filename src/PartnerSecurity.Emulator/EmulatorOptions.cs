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
        /// Graph's "identity and access reports" limit on sign-in log requests, per application and tenant, in
        /// requests per 10 seconds (the documented value is 5); beyond it, 429 with Retry-After. Null (the
        /// default): no limit, and tests inject throttling with <see cref="Http.FaultInjector"/> instead.
        /// </summary>
        public int? ReportsRequestsPer10Seconds { get; set; }

        /// <summary>The device code flow's polling interval in seconds (Entra ID says 5; 1 keeps tests fast, MSAL honours it).</summary>
        public int DeviceCodePollingIntervalSeconds { get; set; } = 1;

        /// <summary>
        /// Customer insights per page of Graph's partner security score (Microsoft does not document its page size).
        /// Small by default so that every read of the demo's three customers follows an @odata.nextLink.
        /// </summary>
        public int CustomerInsightsPageSize { get; set; } = 2;
    }
}
