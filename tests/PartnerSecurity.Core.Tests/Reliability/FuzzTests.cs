using System.Text.Json.Nodes;
using PartnerSecurity.Mfa;
using PartnerSecurity.Reliability;
using PartnerSecurity.Tenants;
using PartnerSecurity.Tests.Support;
using Xunit.Abstractions;

namespace PartnerSecurity.Tests.Reliability;

/// <summary>
/// Issue 13 fuzzing, bounded and seeded (partnersecurity-bench fuzz runs the same fuzzers longer): the snapshot loader,
/// OData strings and URL path segments, Retry-After values. A clear error or a right answer; never a crash, a hang or an
/// injected filter.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public class FuzzTests
{
    private readonly ReliabilityTenants _tenants;
    private readonly ITestOutputHelper _output;

    public FuzzTests(ReliabilityTenants tenants, ITestOutputHelper output)
    {
        _tenants = tenants;
        _output = output;
    }

    private void Holds(FuzzResult result)
    {
        Figures.RecordFuzz(result.Name, result.Cases, result.Outcomes);
        _output.WriteLine($"{result.Name}: {result.Cases} cases, {string.Join(", ", result.Outcomes.Select(o => $"{o.Key} {o.Value}"))}");
        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures));
    }

    [Fact]
    public void The_snapshot_loader_loads_or_refuses_with_a_path_every_mutation_quickly()
    {
        var small = new SnapshotBuilder().User("admin", globalAdmin: true).User("o'brien").Group("Staff", false)
            .CaPolicy(SnapshotBuilder.MfaPolicy("MFA", users: SnapshotBuilder.Users(include: new JsonArray("All")))).Customer(new SnapshotBuilder("Fabrikam", "fabrikam.onmicrosoft.com").User("owner", globalAdmin: true))
            .ToJsonString();
        var demo = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "demo-tenant.json"));
        var result = Fuzzers.Snapshots(new[] { small, small, small, small, small, small, small, small, small, demo }, seed: 1301, cases: 300, slowCase: TimeSpan.FromSeconds(5));
        Holds(result);
        Assert.True(result.Outcomes.GetValueOrDefault("loaded") > 10 && result.Outcomes.GetValueOrDefault("refused at its path") > 100, "both outcomes were exercised");
    }

    [Fact]
    public void Hostile_strings_stay_one_exact_filter_value_and_one_path_segment()
    {
        var result = Fuzzers.ODataStrings(seed: 1302, cases: 3000);
        Holds(result);
        Assert.True(result.Outcomes.GetValueOrDefault("exact filter; no object id, never sent in a path") > 0 && result.Outcomes.GetValueOrDefault("exact filter; one path segment") > 1000);
    }

    [Fact]
    public void Retry_After_values_never_throw_and_never_wait_past_the_cap()
    {
        var result = Fuzzers.RetryAfter(seed: 1303, cases: 20000);
        Holds(result);
        Assert.True(result.Outcomes.GetValueOrDefault("capped and said") > 100 && result.Outcomes.GetValueOrDefault("honoured") > 100 && result.Outcomes.GetValueOrDefault("backoff") > 100);
    }

    [Fact]
    public async Task Users_with_hostile_principal_names_are_found_exactly_through_the_real_filters_and_urls()
    {
        var names = new[] { "o'brien", "a''b", "x') or ('1' eq '1", "amp&sand", "hash#tag", "plus+sign", "pct%27", "slash/../users", "space name", "quote\"d", "semi;colon", "uni\u00e9\u00df\u0130" };
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true);
        foreach (var name in names) builder.User(name);
        builder.User("decoy");
        var emulator = builder.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var upns = names.Select(builder.Upn).ToList();
        var found = await PerUserMfaWriter.FindUsersAsync(connection, TenantScope.Home(connection), upns, default);
        Assert.Equal(upns.OrderBy(u => u, StringComparer.OrdinalIgnoreCase), found.Keys.OrderBy(u => u, StringComparer.OrdinalIgnoreCase));
        Assert.All(names, n => Assert.Equal(builder.UserId(n), found[builder.Upn(n)].Id));
        Assert.DoesNotContain(builder.Upn("decoy"), found.Keys);
    }
}
