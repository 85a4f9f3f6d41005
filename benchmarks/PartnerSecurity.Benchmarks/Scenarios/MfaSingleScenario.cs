using System.Globalization;
using PartnerSecurity.Benchmarks.Harness;
using PartnerSecurity.Benchmarks.Reference;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Snapshots;

namespace PartnerSecurity.Benchmarks.Scenarios;

/// <summary>
/// mfa-single: one generated tenant of 1k, 10k and 100k users (quick: 1k), and three strategies on the same emulator
/// in the same run: the module (Get-PartnerMfaStatus in the session), and the reference strategies per-user and
/// cipp-like. The module runs under real latency (its requests overlap as they would on the network, retry waits
/// are real sleeps); the reference strategies send one request at a time, so their latency and retry waits pass on
/// the emulator's clock and their wall time is the clock's (real time plus those waits), which the latency model
/// checks (never two requests in flight).
/// </summary>
internal static class MfaSingleScenario
{
    public static async Task RunAsync(HarnessOptions options, Action<ResultLine> emit)
    {
        var sizes = options.Users is int n ? new[] { n } : options.Quick ? new[] { 1_000 } : new[] { 1_000, 10_000, 100_000 };
        foreach (var users in sizes)
        {
            var count = users.ToString(CultureInfo.InvariantCulture);
            var path = ScaleTenants.Generate($"scale-{count}.json", "--users", count);
            var data = TenantFacts.Read(path);
            using var session = new ModuleSession(path);
            var token = () => session.GraphToken(data.AdminUpn);
            // Warm-up, uncounted and without latency: JIT and first-use costs of both stacks.
            session.SetLatency(0, 0, options.Seed, virtualTime: true);
            if (users == sizes[0])
            {
                session.Run("$null = @(Get-PartnerMfaStatus -ErrorAction Stop)");
                using var warm = Client(session, token);
                await CippLikeStrategy.RunAsync(warm);
            }

            Measure(session, options, emit, users, "module", data.FloorRequests, realTime: true, data.ModuleRounds,
                () => { session.Run("$r = @(Get-PartnerMfaStatus -ErrorAction Stop); $r.Count"); return Task.CompletedTask; });
            Measure(session, options, emit, users, "per-user", data.FloorRequests, realTime: false, data.PerUserRounds,
                async () => { using var c = Client(session, token); await PerUserStrategy.RunAsync(c); });
            Measure(session, options, emit, users, "cipp-like", data.FloorRequests, realTime: false, data.CippRounds,
                async () => { using var c = Client(session, token); await CippLikeStrategy.RunAsync(c); });
        }
        await Task.CompletedTask;
    }

    private static ScriptGraphClient Client(ModuleSession session, Func<string> token) =>
        new(session.Transport, token, () => session.Now, wait => (Task)session.Emulator.ClientWaitAsync(wait, CancellationToken.None));

    /// <summary>One strategy's run: requests and 429s from the emulator's log, wall time on its clock, memory around it.</summary>
    internal static ResultLine Measure(ModuleSession session, HarnessOptions options, Action<ResultLine> emit, long size, string strategy,
        long? floorRequests, bool realTime, int rounds, Func<Task> run, string scenario = "mfa-single")
    {
        session.Rest(TimeSpan.FromMinutes(2)); // empties every throttling window the previous run filled
        var model = session.SetLatency(options.LatencyMs, options.JitterMs, options.Seed, virtualTime: !realTime);
        int before = session.RequestCount;
        using var memory = new MemoryWatch();
        var start = session.Now;
        run().GetAwaiter().GetResult();
        var wall = (session.Now - start).TotalMilliseconds;
        var (peak, growth) = memory.Stop();
        int inFlight = model == null ? 0 : (int)model!.MaxInFlight;
        if (!realTime && inFlight > 1)
            throw new InvalidOperationException($"{strategy} had {inFlight} requests in flight at once: its latency cannot pass in virtual time.");
        var made = session.Requests().Skip(before).ToList();
        var line = new ResultLine(scenario, size, strategy)
        {
            Requests = made.Count,
            FloorRequests = floorRequests,
            WallMs = wall,
            FloorMs = FloorFor(made, options.LatencyMs, rounds),
            PeakWorkingSetMB = peak,
            LiveHeapGrowthMB = growth,
            Retries = made.Count(m => m.Status == 429),
        };
        emit(line);
        return line;
    }

    /// <summary>The latency bound, and the report and conditional access limits per tenant and across tenants (Floor).</summary>
    internal static double FloorFor(IReadOnlyList<(string Method, string Url, int Status)> made, double meanMs, int rounds)
    {
        var served = made.Where(m => m.Status != 429).ToList();
        int reports = served.Count(m => m.Url.Contains("/reports/authenticationMethods/", StringComparison.Ordinal) || m.Url.Contains("/auditLogs/signIns", StringComparison.Ordinal));
        int ca = served.Count(m => m.Url.Contains("/identity/conditionalAccess/", StringComparison.Ordinal));
        return Floor.Of(meanMs, rounds,
            Floor.Limited(reports, Floor.ReportsPerAppPerTenant, Floor.ReportsWindow, meanMs),
            Floor.Limited(ca, 1, Floor.ConditionalAccessWindow, meanMs));
    }

    /// <summary>What the floors need from the tenant's data, read from the snapshot in this load context.</summary>
    private sealed record TenantFacts(string AdminUpn, long FloorRequests, int ModuleRounds, int PerUserRounds, int CippRounds)
    {
        public static TenantFacts Read(string path)
        {
            var snapshot = SnapshotReader.ReadFile(path);
            var emulator = new TenantEmulator(snapshot);
            var minimum = MfaBenchmark.Minimum(emulator);
            var tenant = emulator.Cloud.Home;
            int users = Floor.Pages(snapshot.Users.Count, 999), report = Floor.Pages(snapshot.UserRegistrationDetails.Count, 999);
            var policyGroups = snapshot.ConditionalAccessPolicies
                .SelectMany(p => new[] { p["conditions"]?["users"]?["includeGroups"], p["conditions"]?["users"]?["excludeGroups"] })
                .OfType<System.Text.Json.Nodes.JsonArray>().SelectMany(a => a.Select(v => (string)v!)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            int transitive = policyGroups.Select(g => Floor.Pages(tenant.TransitiveMembers(g).Count, 999)).DefaultIfEmpty(0).Max();
            // module: the lists side by side, then each group's member pages in turn, then one round of per-user state.
            int module = Math.Max(users, report) + transitive + (minimum.UsersNeedingPerUserState > 0 ? 1 : 0);
            // per-user: the user pages, then every user's two reads at once.
            int perUser = users + 1;
            // cipp-like: the lists side by side, then the per-user batches and each group's (direct) member pages at once.
            int cipp = Math.Max(users, report) + 1;
            var admin = (string)tenant.FirstGlobalAdministrator()!["userPrincipalName"]!;
            return new TenantFacts(admin, minimum.Rows.Sum(r => r.Minimum), module, perUser, cipp);
        }
    }
}
