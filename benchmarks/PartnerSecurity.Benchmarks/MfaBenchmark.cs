using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PartnerSecurity.Connections;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Directory;
using PartnerSecurity.Emulator.Snapshots;
using PartnerSecurity.Mfa;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Benchmarks;

/// <summary>
/// The MFA posture of one large generated tenant (20,000 users by default): the HTTP requests the core
/// makes, by endpoint, beside the minimum the data allows (computed from the snapshot itself, not from
/// what the client did), and the wall time.
/// </summary>
internal static class MfaBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int users = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var snapshot = SnapshotReader.Read(BenchTenant.Build(users).ToJsonString(), "generated");
        var emulator = new TenantEmulator(snapshot);
        var admin = emulator.Cloud.Home.FirstGlobalAdministrator()!;
        emulator.Options.BrowserUser = (string)admin["id"]!;
        using var connection = await PartnerConnection.ConnectAsync(new ConnectionRequest
        {
            Mode = ConnectionMode.Interactive,
            TenantId = snapshot.Tenant.Id,
            Transport = emulator,
            Browser = (uri, ct) => emulator.Browser.OpenAsync(uri, ct),
            Clock = () => emulator.Clock.UtcNow,
            EnvironmentLabel = "Benchmark",
        }, CancellationToken.None);

        var minimum = Minimum(emulator);
        var times = new List<double>();
        MfaTenantResult? first = null;
        int before = emulator.Requests.Count, itemsBefore = emulator.BatchItems.Count;
        var made = new List<string>();
        int items = 0;
        for (int run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var result = await MfaPostureReader.GetAsync(connection, TenantScope.Home(connection), new MfaReadOptions(), null, CancellationToken.None);
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (run == 0)
            {
                first = result;
                made = emulator.Requests.Records.Skip(before).Select(r => Endpoint(r.Method, r.Url)).ToList();
                items = emulator.BatchItems.Count - itemsBefore;
            }
        }

        Console.WriteLine($"Get-PartnerMfaStatus on a generated tenant: {snapshot.Users.Count:N0} users, {snapshot.Groups.Count} groups, {snapshot.ConditionalAccessPolicies.Count} conditional access policies, {snapshot.RoleAssignments.Count} role assignments");
        Console.WriteLine($"verdicts: {string.Join(", ", first!.Verdicts.GroupBy(v => v.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count():N0}"))}");
        Console.WriteLine();
        Console.WriteLine($"{"HTTP requests (first run, after sign-in)",-62} {"made",6} {"minimum",8}");
        foreach (var (name, min) in minimum.Rows)
            Console.WriteLine($"{name,-62} {made.Count(m => m == name),6} {min,8}");
        foreach (var other in made.Distinct().Where(m => minimum.Rows.All(r => r.Name != m)))
            Console.WriteLine($"{other,-62} {made.Count(m => m == other),6} {0,8}");
        Console.WriteLine($"{"total",-62} {made.Count,6} {minimum.Rows.Sum(r => r.Minimum),8}");
        Console.WriteLine();
        Console.WriteLine($"per-user MFA state: read for {items:N0} users (minimum {minimum.UsersNeedingPerUserState:N0}: enabled users not covered at every sign-in by security defaults or conditional access), 20 to a batch");
        Console.WriteLine("wall time: " + string.Join(", ", times.Select((t, i) => string.Create(CultureInfo.InvariantCulture, $"run {i + 1} {t:0} ms"))) + "  (run 1 includes JIT warm-up)");
        return 0;
    }

    /// <summary>"GET /v1.0/groups/{id}/transitiveMembers": the request without its ids and query.</summary>
    private static string Endpoint(string method, string url)
    {
        var uri = new Uri(url);
        var path = Regex.Replace(uri.AbsolutePath, "[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}", "{id}");
        return $"{method} {uri.Host.Split('.')[0]}{path}";
    }

    private sealed record MinimumCounts(List<(string Name, int Minimum)> Rows, int UsersNeedingPerUserState);

    /// <summary>
    /// The fewest requests the data allows, from the snapshot alone: pages of 999 users and report rows,
    /// one page of role definitions, role assignments by chunks of 15 role ids (the API requires a filter),
    /// one page of eligibility schedules, one policy read, security defaults, transitive members of the
    /// groups that policies name or that hold roles (999 a page), one getByIds for the policy groups' names,
    /// and ceil(users whose verdict depends on their per-user state / 20) batches. No token request: the
    /// Graph token of the home tenant is already cached after sign-in.
    /// </summary>
    private static MinimumCounts Minimum(TenantEmulator emulator)
    {
        var tenant = emulator.Cloud.Home;
        var snapshot = tenant.Snapshot;
        static int Pages(int count, int size) => Math.Max(1, (count + size - 1) / size);

        var policies = snapshot.ConditionalAccessPolicies.Select(p => CaPolicy.FromJson(JsonDocument.Parse(p.ToJsonString()).RootElement)).ToList();
        var policyGroups = policies.Where(p => p.State is "enabled" or "enabledForReportingButNotEnforced")
            .SelectMany(p => p.IncludeGroups.Concat(p.ExcludeGroups)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
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
            ("GET graph/v1.0/groups/{id}/transitiveMembers", groups.Sum(g => Pages(tenant.TransitiveMembers(g).Count, 999))),
            ("POST graph/v1.0/directoryObjects/getByIds", policyGroups.Any(g => !roleGroups.Contains(g, StringComparer.OrdinalIgnoreCase)) ? 1 : 0),
            ("POST graph/beta/$batch", (needing + 19) / 20),
            ("POST login/{id}/oauth2/v2.0/token", 0),
        };
        return new MinimumCounts(rows, needing);
    }
}

/// <summary>
/// A large tenant generated deterministically for the benchmark: departments nested under "All staff",
/// an exclusion group, contractors under an off-site-only policy, guests, role-assignable admins, PIM,
/// per-user MFA for some. To be replaced by tools/PartnerSecurity.SnapshotGenerator's scale command.
/// </summary>
internal static class BenchTenant
{
    private const string Domain = "contoso-bench.onmicrosoft.com";
    private const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    private const string SecurityAdministrator = "194ae4cb-b126-40b2-bd5b-6091b380977d";
    private const string DirectorySync = "d29b2b05-8046-44ba-8758-1e26182fcf32";

    private static string Id(string seed) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes("bench/" + seed))).ToString();

    public static JsonObject Build(int count)
    {
        var users = new JsonArray();
        var registrations = new JsonArray();
        var perUser = new JsonArray();
        var departments = Enumerable.Range(0, 10).Select(_ => new JsonArray()).ToArray();
        var contractors = new JsonArray();
        var exclusions = new JsonArray();
        var tier0 = new JsonArray();
        for (int i = 0; i < count; i++)
        {
            var id = Id("user/" + i);
            bool guest = i % 50 == 7;
            var upn = guest ? $"guest{i:D5}_partner.example#EXT#@{Domain}" : $"user{i:D5}@{Domain}";
            users.Add(new JsonObject { ["id"] = id, ["userPrincipalName"] = upn, ["displayName"] = $"User {i}", ["accountEnabled"] = i % 100 != 99, ["userType"] = guest ? "Guest" : "Member" });
            bool registered = i % 7 != 0;
            registrations.Add(new JsonObject
            {
                ["id"] = id, ["userPrincipalName"] = upn, ["userDisplayName"] = $"User {i}", ["isMfaRegistered"] = registered, ["isMfaCapable"] = registered,
                ["methodsRegistered"] = registered ? new JsonArray("microsoftAuthenticatorPush") : new JsonArray(), ["userType"] = guest ? "guest" : "member",
            });
            if (i % 40 == 5) perUser.Add(new JsonObject { ["userId"] = id, ["perUserMfaState"] = "enforced" });
            if (i % 40 == 25) perUser.Add(new JsonObject { ["userId"] = id, ["perUserMfaState"] = "enabled" });
            if (guest) continue;
            if (i % 20 == 13) contractors.Add(id);
            else departments[i % 10].Add(id);
            if (i % 97 == 0) exclusions.Add(id);
            if (i >= 40 && i < 50) tier0.Add(id);
        }

        var groups = new JsonArray();
        JsonObject Group(string name, JsonArray members, bool roleAssignable = false)
        {
            var group = new JsonObject { ["id"] = Id("group/" + name), ["displayName"] = name, ["securityEnabled"] = true, ["mailEnabled"] = false, ["isAssignableToRole"] = roleAssignable, ["members"] = members };
            groups.Add(group);
            return group;
        }
        var departmentIds = new JsonArray();
        for (int d = 0; d < 10; d++) departmentIds.Add((string)Group($"Department {d}", departments[d])["id"]!);
        var staff = (string)Group("All staff", departmentIds)["id"]!;
        var excluded = (string)Group("MFA exclusions", exclusions)["id"]!;
        var contractorGroup = (string)Group("Contractors", contractors)["id"]!;
        var tier0Group = (string)Group("Tier 0 admins", tier0, roleAssignable: true)["id"]!;

        var roles = new JsonArray();
        for (int i = 0; i < 10; i++) roles.Add(new JsonObject { ["id"] = Id("ra/ga/" + i), ["principalId"] = Id("user/" + i), ["roleDefinitionId"] = GlobalAdministrator, ["directoryScopeId"] = "/" });
        roles.Add(new JsonObject { ["id"] = Id("ra/tier0"), ["principalId"] = tier0Group, ["roleDefinitionId"] = SecurityAdministrator, ["directoryScopeId"] = "/" });
        roles.Add(new JsonObject { ["id"] = Id("ra/sync"), ["principalId"] = Id("user/13"), ["roleDefinitionId"] = DirectorySync, ["directoryScopeId"] = "/" });
        var eligible = new JsonArray();
        for (int i = 20; i < 35; i++) eligible.Add(new JsonObject { ["id"] = Id("es/" + i), ["principalId"] = Id("user/" + i), ["roleDefinitionId"] = GlobalAdministrator, ["directoryScopeId"] = "/" });

        static JsonObject Policy(string name, string state, JsonObject users, JsonArray? controls = null, JsonArray? clients = null, JsonObject? locations = null) => new()
        {
            ["id"] = Id("ca/" + name),
            ["displayName"] = name,
            ["state"] = state,
            ["conditions"] = new JsonObject
            {
                ["clientAppTypes"] = clients ?? new JsonArray("all"),
                ["signInRiskLevels"] = new JsonArray(),
                ["userRiskLevels"] = new JsonArray(),
                ["locations"] = locations,
                ["platforms"] = null,
                ["applications"] = new JsonObject { ["includeApplications"] = new JsonArray("All"), ["excludeApplications"] = new JsonArray(), ["includeUserActions"] = new JsonArray() },
                ["users"] = users,
            },
            ["grantControls"] = new JsonObject { ["operator"] = "OR", ["builtInControls"] = controls ?? new JsonArray("mfa"), ["customAuthenticationFactors"] = new JsonArray(), ["termsOfUse"] = new JsonArray() },
        };
        static JsonObject Users(JsonArray? include = null, JsonArray? includeGroups = null, JsonArray? excludeGroups = null, JsonArray? includeRoles = null) => new()
        {
            ["includeUsers"] = include ?? new JsonArray(), ["excludeUsers"] = new JsonArray(),
            ["includeGroups"] = includeGroups ?? new JsonArray(), ["excludeGroups"] = excludeGroups ?? new JsonArray(),
            ["includeRoles"] = includeRoles ?? new JsonArray(), ["excludeRoles"] = new JsonArray(),
        };
        var policies = new JsonArray(
            Policy("Require MFA for staff", "enabled", Users(includeGroups: new JsonArray(staff), excludeGroups: new JsonArray(excluded))),
            Policy("Require MFA for administrators", "enabled", Users(includeRoles: new JsonArray(GlobalAdministrator, SecurityAdministrator))),
            Policy("MFA for contractors off-site", "enabled", Users(includeGroups: new JsonArray(contractorGroup)),
                locations: new JsonObject { ["includeLocations"] = new JsonArray("All"), ["excludeLocations"] = new JsonArray("AllTrusted") }),
            Policy("MFA for guests (pilot)", "enabledForReportingButNotEnforced", Users(include: new JsonArray("GuestsOrExternalUsers"))),
            Policy("Block legacy authentication", "enabled", Users(include: new JsonArray("All")), controls: new JsonArray("block"), clients: new JsonArray("exchangeActiveSync", "other")));

        return new JsonObject
        {
            ["format"] = TenantSnapshot.FormatName,
            ["capturedDateTime"] = "2026-11-20T09:00:00Z",
            ["tenant"] = new JsonObject { ["id"] = Id("tenant"), ["displayName"] = "Contoso (benchmark)", ["defaultDomain"] = Domain, ["premiumLicense"] = true },
            ["users"] = users,
            ["groups"] = groups,
            ["roleAssignments"] = roles,
            ["roleEligibilitySchedules"] = eligible,
            ["conditionalAccessPolicies"] = policies,
            ["userRegistrationDetails"] = registrations,
            ["perUserMfa"] = perUser,
            ["securityDefaults"] = new JsonObject { ["isEnabled"] = false },
        };
    }
}
