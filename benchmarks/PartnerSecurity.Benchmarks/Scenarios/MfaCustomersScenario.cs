using System.Globalization;
using System.Management.Automation;
using PartnerSecurity.Benchmarks.Harness;

namespace PartnerSecurity.Benchmarks.Scenarios;

/// <summary>
/// mfa-customers: Get-PartnerMfaStatus -AllCustomers over 500 customer tenants of about 40 users (quick: 50) at
/// -ThrottleLimit 1, 4, 16 and 64 (quick: 16; --throttle-limit T: T), each in a fresh session (no token cached from the previous run), under real
/// latency. The floor at throttle limit T: the customer enumeration, then the tenants T at a time, each needing at
/// least 3 round trips (its token, its lists, one round about what they named), and across tenants the registration
/// report's 122 requests per 10 s per application. Errors are counted by id on stderr: a tenant lost to throttling
/// would show there (tenants without an active GDAP relationship answer 403, as Microsoft's do).
/// </summary>
internal static class MfaCustomersScenario
{
    public static Task RunAsync(HarnessOptions options, Action<ResultLine> emit)
    {
        int customers = options.Customers ?? (options.Quick ? 50 : 500);
        var path = Tenants(customers);
        // Quick runs -ThrottleLimit 16 only (the issue's target), to keep the whole run under a minute.
        var limits = options.ThrottleLimit is int only ? new[] { only } : options.Quick && options.Customers == null ? new[] { 16 } : new[] { 1, 4, 16, 64 };
        foreach (var limit in limits)
        {
            using var session = new ModuleSession(path);
            IReadOnlyList<ErrorRecord> errors = Array.Empty<ErrorRecord>();
            int reached = 0;
            var line = MfaSingleScenario.Measure(session, options, _ => { }, customers, $"module -ThrottleLimit {limit}", null, realTime: true, rounds: 0, () =>
            {
                var output = session.Run($"$t = @{{}}; Get-PartnerMfaStatus -AllCustomers -ThrottleLimit {limit} -ErrorAction Continue | ForEach-Object {{ $t[$_.TenantId] = 1 }}; $t.Count", allowErrors: true, out errors);
                reached = (int)output.Single().BaseObject;
                return Task.CompletedTask;
            }, scenario: "mfa-customers");
            var made = session.Requests();
            int reports = made.Count(m => m.Status != 429 && m.Url.Contains("/reports/authenticationMethods/", StringComparison.Ordinal));
            double perTenant = 3 * options.LatencyMs;
            double floor = Math.Max(options.LatencyMs + Math.Ceiling(reached / (double)limit) * perTenant,
                Floor.Limited(reports, Floor.ReportsPerApp, Floor.ReportsWindow, options.LatencyMs));
            emit(line with { FloorMs = floor });
            NoteRequests(made, $"mfa-customers -ThrottleLimit {limit}", reached, errors);
        }
        return Task.CompletedTask;
    }

    /// <summary>The partner tenant of about 40 users and its generated customers (the assessment scenario reads the same).</summary>
    internal static string Tenants(int customers) =>
        ScaleTenants.Generate($"customers-{customers}.json", "--users", "40", "--customers", customers.ToString(CultureInfo.InvariantCulture), "--customer-users", "40");

    /// <summary>On stderr: the requests by endpoint, the token requests (per tenant answered) and the errors by id.</summary>
    internal static void NoteRequests(IReadOnlyList<(string Method, string Url, int Status)> made, string label, int reached, IReadOnlyList<ErrorRecord> errors,
        string reachedAre = "tenants answered")
    {
        int tokens = made.Count(m => m.Url.Contains("/oauth2/v2.0/token", StringComparison.Ordinal));
        var byEndpoint = made.GroupBy(m => MfaBenchmark.Endpoint(m.Method, m.Url)).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
        HarnessMain.Note($"{label}: requests by endpoint: {string.Join("; ", byEndpoint)}");
        HarnessMain.Note(string.Create(CultureInfo.InvariantCulture, $"{label}: {reached} {reachedAre}, {tokens} token requests ({tokens / (double)Math.Max(1, reached):0.00} per tenant); errors: ") +
            (errors.Count == 0 ? "none" : string.Join(", ", errors.GroupBy(e => e.FullyQualifiedErrorId.Split(',')[0]).Select(g => $"{g.Key} x{g.Count()}"))));
    }
}
