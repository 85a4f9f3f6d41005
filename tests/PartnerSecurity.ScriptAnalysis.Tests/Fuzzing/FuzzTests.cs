using PartnerSecurity.ScriptAnalysis.Fuzzing;
using Xunit.Abstractions;

namespace PartnerSecurity.ScriptAnalysis.Tests.Fuzzing;

/// <summary>
/// A bounded, seeded fuzz run of the scanner inside the suite (a few seconds); `partnersecurity-bench scan fuzz` runs
/// longer ones (docs/reliability.md, "Script scanner"). Seeds include the hand-labelled corpus.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ps-fuzz-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    internal static IReadOnlyList<string> CorpusSeeds() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.ps1").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToList();

    [Fact]
    public void Every_fuzzed_script_ends_in_findings_or_a_clear_error()
    {
        var report = new ScriptFuzzer(seed: 20261101, _folder, maxNesting: 300).Run(cases: 400, CorpusSeeds());
        output.WriteLine(report.ToString());
        Assert.True(report.Passed, string.Join("\n", report.Failures.Take(5)));
        Assert.Equal(400, report.Cases);
        // The run is meaningful: it reaches findings, clean scans and parse errors alike.
        Assert.True(report.Outcomes[FuzzOutcome.Findings] > 0 && report.Outcomes[FuzzOutcome.Clean] > 0 && report.Outcomes[FuzzOutcome.ParseError] > 0,
            report.ToString());
    }

    [Fact]
    public void The_same_seed_gives_the_same_run()
    {
        var first = new ScriptFuzzer(7, _folder).Run(60, CorpusSeeds());
        var second = new ScriptFuzzer(7, _folder).Run(60, CorpusSeeds());
        Assert.Equal(first.Outcomes, second.Outcomes);
        Assert.Equal(first.InputBytes, second.InputBytes);
    }
}
