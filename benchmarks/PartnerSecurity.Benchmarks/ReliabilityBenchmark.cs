using System.Globalization;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Emulator.Snapshots;
using PartnerSecurity.Reliability;

namespace PartnerSecurity.Benchmarks;

/// <summary>
/// The reliability runs of the test suite (tests/PartnerSecurity.Core.Tests/Reliability/Harness, compiled in here),
/// longer: every read on the demo under each fault profile with many seeds and on a generated 20,000-user tenant,
/// and the fuzzers with many more cases. Prints the figures docs/reliability.md quotes; fails on anything lost,
/// repeated or broken.
/// </summary>
internal static class ReliabilityBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        int seeds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        int fuzzCases = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000;
        int broken = 0;

        var demo = SnapshotReader.ReadFile(Path.Combine(BenchPaths.RepoRoot, "src", "PartnerSecurity.Emulator", "Demo", "demo-tenant.json"));
        var scale = SnapshotReader.ReadFile(ScaleTenants.Generate("scale-20000-reliability.json", "--users", "20000", "--customers", "2", "--customer-users", "30",
            "--signins", "2000", "--customer-signins", "40", "--seed", "13"));
        foreach (var (name, snapshot, seedCount) in new[] { ("demo", demo, seeds), ("scale-20000", scale, Math.Max(1, seeds / 5)) })
        {
            var baseline = await FaultRun.RunAsync(snapshot, "None", 0, (c, ct) => ReadSuite.ReadAsync(c, ct));
            Figures.Record(name, baseline, Comparison.Of(baseline.Records, baseline.Records));
            foreach (var profile in FaultProfile.Names.Skip(1))
            {
                for (int seed = 1; seed <= seedCount; seed++)
                {
                    var run = await FaultRun.RunAsync(snapshot, profile, seed, (c, ct) => ReadSuite.ReadAsync(c, ct));
                    var comparison = Comparison.Of(baseline.Records, run.Records);
                    Figures.Record(name, run, comparison);
                    Console.Error.WriteLine($"{name} {profile} {seed}: {run.FaultCount} faults, lost {comparison.Lost}, duplicated {comparison.Duplicated}");
                    if (comparison.Lost + comparison.Duplicated > 0)
                    {
                        broken++;
                        foreach (var example in comparison.Examples) Console.Error.WriteLine("  " + example);
                    }
                }
            }
        }

        var small = File.ReadAllText(Path.Combine(BenchPaths.RepoRoot, "src", "PartnerSecurity.Emulator", "Demo", "demo-tenant.json"));
        foreach (var result in new[]
        {
            Fuzzers.Snapshots(new[] { small }, seed: 1, cases: Math.Max(100, fuzzCases / 20), slowCase: TimeSpan.FromSeconds(5)),
            Fuzzers.ODataStrings(seed: 2, cases: fuzzCases),
            Fuzzers.RetryAfter(seed: 3, cases: fuzzCases * 10),
        })
        {
            Figures.RecordFuzz(result.Name, result.Cases, result.Outcomes);
            foreach (var failure in result.Failures) Console.Error.WriteLine(result.Name + ": " + failure);
            broken += result.Failures.Count;
        }

        Console.WriteLine(Figures.Markdown());
        Console.WriteLine(broken == 0 ? "Nothing lost, nothing repeated, no fuzz case broken." : $"{broken} run(s) or case(s) broke a rule (details above).");
        return broken == 0 ? 0 : 1;
    }
}
