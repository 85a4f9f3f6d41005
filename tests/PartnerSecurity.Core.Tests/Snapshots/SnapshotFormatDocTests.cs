using PartnerSecurity.Emulator.Snapshots;
using PartnerSecurity.Tests.Mfa;

namespace PartnerSecurity.Tests.Snapshots;

/// <summary>The example in docs/snapshot-format.md is a snapshot the reader loads cleanly, with every section it shows.</summary>
public class SnapshotFormatDocTests
{
    [Fact]
    public void The_documented_example_loads_without_a_warning()
    {
        var page = File.ReadAllText(DemoVerdictTests.RepositoryFile("docs/snapshot-format.md"));
        var start = page.IndexOf("```json\n", StringComparison.Ordinal) + "```json\n".Length;
        var json = page.Substring(start, page.IndexOf("```", start, StringComparison.Ordinal) - start);
        var snapshot = SnapshotReader.Read(json, "docs/snapshot-format.md");
        Assert.Empty(snapshot.Warnings);
        Assert.Equal("Litware Partners", snapshot.Tenant.DisplayName);
        Assert.Single(snapshot.PartnerSecurity!.Requirements);
        Assert.Equal(1000m, Assert.Single(snapshot.Customers).UsageBudget!["amount"]!.GetValue<decimal>());
    }
}
