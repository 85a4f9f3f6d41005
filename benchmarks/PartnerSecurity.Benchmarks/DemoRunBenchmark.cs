using System.Diagnostics;

namespace PartnerSecurity.Benchmarks;

/// <summary>Wall time of README's main job: the demo assessment script in a fresh pwsh process.</summary>
internal static class DemoRunBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        int runs = args.Length > 0 ? int.Parse(args[0]) : 5;
        var script = Path.Combine(BenchPaths.RepoRoot, "examples", "Invoke-DemoAssessment.ps1");
        var samples = new List<double>();
        for (int i = 0; i <= runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var (exit, output) = Measurements.RunPwsh(script, isFile: true);
            watch.Stop();
            if (exit != 0) throw new InvalidOperationException("The demo run failed:\n" + output);
            if (i > 0) samples.Add(watch.Elapsed.TotalMilliseconds); // the first run warms the file cache
        }
        Console.WriteLine("examples/Invoke-DemoAssessment.ps1 in a fresh pwsh process (process start included):");
        Console.WriteLine(Measurements.Row("demo assessment", samples, "ms"));
        return Task.FromResult(0);
    }
}
