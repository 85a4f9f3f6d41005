using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PartnerSecurity.Connections;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Directory;
using PartnerSecurity.Emulator.Snapshots;
using PartnerSecurity.Mfa;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Benchmarks;

/// <summary>
/// The MFA posture of one large tenant from the snapshot generator's scale command (20,000 users by
/// default): the HTTP requests the core
/// makes, by endpoint, beside the minimum the data allows (computed from the snapshot itself, not from
/// what the client did), and the wall time.
/// </summary>
internal static class MfaBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int users = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var userCount = users.ToString(CultureInfo.InvariantCulture);
        var snapshot = SnapshotReader.ReadFile(ScaleTenants.Generate($"scale-{userCount}.json", "--users", userCount));
        var emulator = new TenantEmulator(snapshot);
        using var connection = await ScaleTenants.ConnectAsAdminAsync(emulator, snapshot);

        var minimum = Minimum(emulator);
        var times = new List<double>();
        MfaTenantResult? first = null;
        int before = emulator.Requests.Count, itemsBefore = emulator.BatchItems.Count;
        static bool PerUser(string url) => url.Contains("/authentication/requirements", StringComparison.Ordinal);
        var made = new List<string>();
        int items = 0, throttled = 0;
        for (int run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var result = await MfaPostureReader.GetAsync(connection, TenantScope.Home(connection), new MfaReadOptions(), null, CancellationToken.None);
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (run == 0)
            {
                first = result;
                made = emulator.Requests.Records.Skip(before).Where(r => r.Status != 429).Select(r => Endpoint(r.Method, r.Url)).ToList();
                throttled = emulator.Requests.Records.Skip(before).Count(r => r.Status == 429);
                items = emulator.BatchItems.Records.Skip(itemsBefore).Count(r => PerUser(r.Url));
            }
        }

        Console.WriteLine($"Get-PartnerMfaStatus on a generated tenant: {snapshot.Users.Count:N0} users, {snapshot.Groups.Count} groups, {snapshot.ConditionalAccessPolicies.Count} conditional access policies, {snapshot.RoleAssignments.Count} role assignments");
        Console.WriteLine($"verdicts: {string.Join(", ", first!.Verdicts.GroupBy(v => v.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count():N0}"))}");
        Console.WriteLine();
        Console.WriteLine($"{"HTTP requests (first run, after sign-in)",-70} {"made",6} {"minimum",8}");
        foreach (var (name, min) in minimum.Rows)
            Console.WriteLine($"{name,-70} {made.Count(m => m == name),6} {min,8}");
        foreach (var other in made.Distinct().Where(m => minimum.Rows.All(r => r.Name != m)))
            Console.WriteLine($"{other,-70} {made.Count(m => m == other),6} {0,8}");
        Console.WriteLine($"{"total",-70} {made.Count,6} {minimum.Rows.Sum(r => r.Minimum),8}");
        Console.WriteLine($"{"answered 429 by Microsoft's documented limits, then retried",-70} {throttled,6}");
        Console.WriteLine();
        Console.WriteLine($"per-user MFA state: read for {items:N0} users (minimum {minimum.UsersNeedingPerUserState:N0}: enabled users not covered at every sign-in by security defaults or conditional access), 20 to a batch");
        Console.WriteLine("wall time: " + string.Join(", ", times.Select((t, i) => string.Create(CultureInfo.InvariantCulture, $"run {i + 1} {t:0} ms"))) + "  (run 1 includes JIT warm-up)");
        return 0;
    }

    /// <summary>"GET /v1.0/groups/{id}/transitiveMembers": the request without its ids and query.</summary>
    internal static string Endpoint(string method, string url)
    {
        var uri = new Uri(url);
        var path = Regex.Replace(uri.AbsolutePath, "[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}", "{id}");
        return $"{method} {uri.Host.Split('.')[0]}{path}";
    }

    internal sealed record MinimumCounts(List<(string Name, int Minimum)> Rows, int UsersNeedingPerUserState);

    /// <summary>
    /// The fewest requests the data allows, from the snapshot alone: pages of 999 users and report rows,
    /// one page of role definitions, role assignments by chunks of 15 role ids (the API requires a filter),
    /// one page of eligibility schedules, one policy read, security defaults, transitive members of the
    /// groups that policies (in any state) name or that hold roles (999 a page, 20 pages to a v1.0 batch, a group's
    /// next page in the next round), one getByIds for the policy groups' names, and ceil(users whose verdict depends
    /// on their per-user state / 20) beta batches. No token request: the Graph token of the home tenant is already
    /// cached after sign-in.
    /// </summary>
    internal static MinimumCounts Minimum(TenantEmulator emulator)
    {
        var tenant = emulator.Cloud.Home;
        var snapshot = tenant.Snapshot;
        static int Pages(int count, int size) => Math.Max(1, (count + size - 1) / size);

        var policies = snapshot.ConditionalAccessPolicies.Select(p => CaPolicy.FromJson(JsonDocument.Parse(p.ToJsonString()).RootElement)).ToList();
        var policyGroups = policies.SelectMany(p => p.IncludeGroups.Concat(p.ExcludeGroups)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var roleGroups = snapshot.RoleAssignments.Concat(snapshot.RoleEligibilitySchedules)
            .Select(a => (string)a["principalId"]!).Where(id => tenant.FindGroup(id) != null).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var groups = policyGroups.Concat(roleGroups).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        int roleDefinitions = BuiltInRoles.All.Count + snapshot.RoleDefinitions.Count;

        // Whose per-user state can still change the verdict: the rules applied to the snapshot's own data.
        var data = new MfaTenantData
        {
            Users = snapshot.Users.Select(u => new MfaUser((string)u["id"]!, (string)u["userPrincipalName"]!, (string?)u["displayName"], (string?)u["userType"], u["accountEnabled"]?.GetValue<bool>() != false)).ToList(),
            Groups = groups.ToDictionary(g => g, g => new MfaGroup(g, (string?)tenant.FindGroup(g)!["displayName"],
                tenant.TransitiveMembers(g).Select(m => (string)m["id"]!).Where(id => tenant.FindUser(id) != null)), StringComparer.OrdinalIgnoreCase),
            RoleGrants = snapshot.RoleAssignments.Select(a => new MfaRoleGrant((string)a["principalId"]!, (string)a["roleDefinitionId"]!))
                .Concat(snapshot.RoleEligibilitySchedules.Select(a => new MfaRoleGrant((string)a["principalId"]!, (string)a["roleDefinitionId"]!, eligible: true))).ToList(),
            Policies = policies,
            SecurityDefaultsEnabled = snapshot.SecurityDefaults["isEnabled"]?.GetValue<bool>() == true,
        };
        int needing = MfaEvaluator.UsersNeedingPerUserState(data, PerUserMfaNeed.WhereVerdictDepends).Count;

        var rows = new List<(string, int)>
        {
            ("GET graph/v1.0/users", Pages(snapshot.Users.Count, 999)),
            ("GET graph/v1.0/reports/authenticationMethods/userRegistrationDetails", Pages(snapshot.UserRegistrationDetails.Count, 999)),
            ("GET graph/v1.0/roleManagement/directory/roleDefinitions", Pages(roleDefinitions, 1000)),
            ("GET graph/v1.0/roleManagement/directory/roleAssignments", Pages(roleDefinitions, MfaPostureReader.RoleFilterChunk)),
            ("GET graph/v1.0/roleManagement/directory/roleEligibilitySchedules", Pages(snapshot.RoleEligibilitySchedules.Count, 999)),
            ("GET graph/v1.0/identity/conditionalAccess/policies", Pages(policies.Count, 100)),
            ("GET graph/v1.0/policies/identitySecurityDefaultsEnforcementPolicy", 1),
            ("POST graph/v1.0/$batch", GroupBatches(groups.Select(g => Pages(tenant.TransitiveMembers(g).Count, 999)).ToList())),
            ("POST graph/v1.0/directoryObjects/getByIds", policyGroups.Any(g => !roleGroups.Contains(g, StringComparer.OrdinalIgnoreCase)) ? 1 : 0),
            ("POST graph/beta/$batch", (needing + 19) / 20),
            ("POST login/{id}/oauth2/v2.0/token", 0),
        };
        return new MinimumCounts(rows, needing);
    }

    /// <summary>Batches of 20 pages: every group's first page, then round by round the groups that have another.</summary>
    private static int GroupBatches(List<int> pagesPerGroup)
    {
        int batches = 0;
        for (int page = 1; pagesPerGroup.Any(p => p >= page); page++) batches += (pagesPerGroup.Count(p => p >= page) + 19) / 20;
        return batches;
    }
}
