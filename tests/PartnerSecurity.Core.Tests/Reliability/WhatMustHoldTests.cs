using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Reliability;
using Xunit.Abstractions;

namespace PartnerSecurity.Tests.Reliability;

/// <summary>
/// Issue 13, "what must hold": every read, on the demo and on a 20,000-user tenant, under each fault profile, gives
/// exactly what the fault-free run gives (nothing lost, nothing repeated); a tenant past its retry budget is one error
/// naming it and the others complete. The figures go to reliability-figures.md beside the test assembly.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public class WhatMustHoldTests
{
    private readonly ReliabilityTenants _tenants;
    private readonly ITestOutputHelper _output;

    public WhatMustHoldTests(ReliabilityTenants tenants, ITestOutputHelper output)
    {
        _tenants = tenants;
        _output = output;
    }

    private static readonly Dictionary<string, Task<RunResult>> s_baselines = new();

    private Task<RunResult> Baseline(string name, PartnerSecurity.Emulator.Snapshots.TenantSnapshot snapshot)
    {
        lock (s_baselines)
        {
            if (!s_baselines.TryGetValue(name, out var run))
                s_baselines[name] = run = FaultRun.RunAsync(snapshot, "None", 0, (c, ct) => ReadSuite.ReadAsync(c, ct));
            return run;
        }
    }

    private async Task Holds(string tenant, PartnerSecurity.Emulator.Snapshots.TenantSnapshot snapshot, string profile, int seed)
    {
        var baseline = await Baseline(tenant, snapshot);
        var run = await FaultRun.RunAsync(snapshot, profile, seed, (c, ct) => ReadSuite.ReadAsync(c, ct));
        var comparison = Comparison.Of(baseline.Records, run.Records);
        Figures.Record(tenant, run, comparison);
        _output.WriteLine($"{tenant} {profile} ({seed}): {run.Requests} requests, {run.FaultCount} faults ({string.Join(", ", run.Faults.Select(f => $"{f.Key} {f.Value}"))}), " +
                          $"{comparison.Compared} records, lost {comparison.Lost}, duplicated {comparison.Duplicated}, {run.Elapsed.TotalSeconds:0.0} s");
        Assert.True(baseline.Records.Count > 20, "the fault-free run read something");
        Assert.True(run.FaultCount > 0, "the profile injected faults");
        Assert.True(comparison.Lost == 0 && comparison.Duplicated == 0, string.Join("\n", comparison.Examples));
    }

    [Theory]
    [InlineData("Throttle", 1)]
    [InlineData("Transient", 1)]
    [InlineData("Expiry", 1)]
    [InlineData("Chaos", 1)]
    [InlineData("Chaos", 2)]
    public Task Every_read_of_the_demo_under_faults_equals_the_fault_free_read(string profile, int seed) => Holds("demo", _tenants.Demo, profile, seed);

    [Theory]
    [InlineData("Throttle", 1)]
    [InlineData("Transient", 1)]
    [InlineData("Expiry", 1)]
    [InlineData("Chaos", 1)]
    public Task Every_read_of_a_20000_user_tenant_under_faults_equals_the_fault_free_read(string profile, int seed) => Holds("scale-20000", _tenants.Scale, profile, seed);

    [Fact]
    public async Task A_tenant_past_its_retry_budget_is_one_error_naming_it_and_the_others_complete()
    {
        var demo = _tenants.Demo;
        var failing = demo.Customers.First(c => c.GdapRelationships.Any(r => (string?)r["status"] == "active")).Snapshot.Tenant;
        var baseline = await Baseline("demo", demo);
        var run = await FaultRun.RunAsync(demo, "Chaos", 5, (c, ct) => ReadSuite.ReadAsync(c, ct),
            emulator => emulator.Faults.Add(new Fault("graph.microsoft.com", FaultKind.ServiceUnavailable, times: int.MaxValue, tenantId: failing.Id)));

        var failed = run.Records.Where(r => r.StartsWith("error ") || r.StartsWith("tenant-error ")).Except(baseline.Records).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, r => Assert.Contains(failing.Id, r));
        Assert.All(failed, r => Assert.EndsWith("GraphUnavailable", r));
        // Everything not about the failing tenant is exactly as without faults.
        var others = Comparison.Of(baseline.Records.Where(r => !r.Contains(failing.Id)).ToList(), run.Records.Where(r => !r.Contains(failing.Id)).ToList());
        Assert.True(others.Lost == 0 && others.Duplicated == 0, string.Join("\n", others.Examples));
    }
}
