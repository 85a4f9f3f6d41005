using System.Globalization;
using PartnerSecurity.ScriptAnalysis.Fuzzing;

namespace PartnerSecurity.Benchmarks;

/// <summary>
/// scan fuzz: the scanner's fuzzer (tests/PartnerSecurity.ScriptAnalysis.Tests/Fuzzing/ScriptFuzzer.cs) for longer than
/// the suite runs it, with deeper nesting, seeded with the hand-labelled corpus. Prints the outcome of every case and
/// fails on any crash, hang, memory blow-up, analysis failure or invalid finding, with the first inputs at fault.
/// </summary>
internal static partial class ScanBenchmark
{
    private static Task<int> FuzzAsync(string[] args)
    {
        int cases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20000;
        int seed = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        int nesting = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3000;
        var corpus = Path.Combine(BenchPaths.RepoRoot, "tests", "PartnerSecurity.ScriptAnalysis.Tests", "Corpus");
        var seeds = Directory.GetFiles(corpus, "*.ps1").OrderBy(f => f, StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        var folder = Path.Combine(Path.GetTempPath(), "partnersecurity-scan-fuzz-" + Environment.ProcessId);
        try
        {
            // SCAN_FUZZ_KEEP=<case> writes that case's input to ./fuzz-case-<case>.ps1, to investigate a failure.
            int? keep = int.TryParse(Environment.GetEnvironmentVariable("SCAN_FUZZ_KEEP"), out var k) ? k : null;
            var fuzzer = new ScriptFuzzer(seed, folder, nesting) { KeepCase = keep, KeepCaseTo = keep == null ? null : Path.GetFullPath($"fuzz-case-{keep}.ps1") };
            var report = fuzzer.Run(cases, seeds);
            Console.WriteLine(report.ToString());
            // The first three of each kind of failure, with their inputs (cut).
            foreach (var group in report.Failures.GroupBy(f => f.Substring(f.IndexOf('(') + 1, f.IndexOf(')') - f.IndexOf('(') - 1)))
                foreach (var failure in group.Take(3)) Console.WriteLine("  " + failure);
            return Task.FromResult(report.Passed ? 0 : 1);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
