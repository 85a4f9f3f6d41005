using System.Text.Json.Nodes;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// -Shard as runbooks use it (docs/runbooks.md): separate real pwsh processes, each connecting on its own and
/// reading one shard of a 500-customer partner, together read every customer's admin once: no tenant missed, none
/// read twice, each failing customer failing in one shard only.
/// </summary>
public class ShardProcessTests
{
    private const int Customers = 500;
    private const int Shards = 4;

    /// <summary>500 small customers (one admin each); every 50th has an expired GDAP relationship.</summary>
    private static string PartnerWithManyCustomers()
    {
        var document = SamSnapshot.Document();
        document["customers"] = new JsonArray(Enumerable.Range(1, Customers).Select(i => (JsonNode)SamSnapshot.Customer(
            SamSnapshot.Id("shard-customer/" + i), $"Customer {i:D3}", $"customer{i:D3}.onmicrosoft.com", i % 50 == 0 ? "expired" : "active")).ToArray());
        return SnapshotFiles.Write(document);
    }

    private static string Script(string snapshot, string shard) => $$"""
        Connect-PartnerSecurity -Snapshot '{{snapshot}}' | Out-Null
        Get-PartnerMfaStatus -AllCustomers {{shard}} -ErrorVariable failed -ErrorAction SilentlyContinue | ForEach-Object { "ROW $($_.TenantId) $($_.UserId)" }
        $failed | ForEach-Object { "ERR $($_.TargetObject)" }
        """;

    private static (List<string> Rows, List<string> Errors) Lines(Pwsh.Outcome outcome)
    {
        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        var lines = outcome.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (lines.Where(l => l.StartsWith("ROW ")).Select(l => l[4..]).ToList(), lines.Where(l => l.StartsWith("ERR ")).Select(l => l[4..]).ToList());
    }

    [Fact]
    public void Shards_in_separate_pwsh_processes_read_every_customer_of_500_exactly_once()
    {
        var snapshot = PartnerWithManyCustomers();
        var shards = Enumerable.Range(1, Shards)
            .Select(i => Task.Run(() => Lines(Pwsh.Run(Script(snapshot, $"-Shard {i}/{Shards}"), timeout: TimeSpan.FromMinutes(5)))))
            .ToArray().Select(t => t.Result).ToList();

        // What one run over every customer reads (MfaStatusTests compares shards with a single run in-process; a single
        // process over 500 customers takes minutes, see docs/runbooks.md): each active customer's admin, and one error
        // naming each of the 10 customers whose GDAP expired.
        var all = Enumerable.Range(1, Customers).Select(i => (Tenant: SamSnapshot.Id("shard-customer/" + i), Admin: SamSnapshot.Id($"customer{i:D3}.onmicrosoft.com/owner"), Expired: i % 50 == 0)).ToList();
        var rows = all.Where(c => !c.Expired).Select(c => c.Tenant + " " + c.Admin).Order().ToList();
        var errors = all.Where(c => c.Expired).Select(c => c.Tenant).Order().ToList();

        Assert.Equal(rows, shards.SelectMany(s => s.Rows).Order());
        Assert.Equal(errors, shards.SelectMany(s => s.Errors).Order());
        // Each tenant in exactly one shard, and the shards of about equal size.
        var tenantsPerShard = shards.Select(s => s.Rows.Select(r => r.Split(' ')[0]).Concat(s.Errors).ToHashSet()).ToList();
        Assert.Equal(Customers, tenantsPerShard.Sum(t => t.Count));
        Assert.Equal(Customers, tenantsPerShard.SelectMany(t => t).Distinct().Count());
        Assert.All(tenantsPerShard, t => Assert.InRange(t.Count, Customers / Shards / 2, Customers / Shards * 2));
    }
}
