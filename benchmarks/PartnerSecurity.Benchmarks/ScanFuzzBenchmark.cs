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
            var report = new ScriptFuzzer(seed, folder, nesting).Run(cases, seeds);
            Console.WriteLine(report.ToString());
            foreach (var failure in report.Failures.Take(10)) Console.WriteLine("  " + failure);
            return Task.FromResult(report.Passed ? 0 : 1);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
