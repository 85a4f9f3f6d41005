using PartnerSecurity.Benchmarks.Harness;

namespace PartnerSecurity.Benchmarks.Scenarios;

/// <summary>
/// import: Import-Module in a fresh real pwsh (the pinned .NET tool) of the module and of a hello-world binary
/// module, and pwsh doing nothing, 20 of each interleaved (quick: 1 and no warm-up, a smoke test: a pwsh start costs seconds on a loaded machine), so drift in the machine's speed touches all
/// three alike. wallMs is the median of the in-process Stopwatch around Import-Module; the "pwsh" line is the
/// process start to exit of an empty command, what every runbook pays before any module.
/// </summary>
internal static class ImportScenario
{
    public static Task RunAsync(HarnessOptions options, Action<ResultLine> emit)
    {
        int runs = options.Quick ? 1 : 20;
        var module = new List<double>();
        var hello = new List<double>();
        var bare = new List<double>();
        if (!options.Quick) // warms the file cache, uncounted; quick is a smoke test and skips it (a pwsh start costs seconds)
        {
            ImportBenchmark.Import(BenchPaths.HelloWorldManifest);
            ImportBenchmark.Import(BenchPaths.ModuleManifest);
        }
        for (int i = 0; i < runs; i++)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (exit, output) = Measurements.RunPwsh("$null");
            if (exit != 0) throw new InvalidOperationException("pwsh failed:\n" + output);
            bare.Add(watch.Elapsed.TotalMilliseconds);
            hello.Add(ImportBenchmark.Import(BenchPaths.HelloWorldManifest));
            module.Add(ImportBenchmark.Import(BenchPaths.ModuleManifest));
        }
        emit(new ResultLine("import", runs, "pwsh") { WallMs = Measurements.Median(bare) });
        emit(new ResultLine("import", runs, "hello-world") { WallMs = Measurements.Median(hello) });
        emit(new ResultLine("import", runs, "module") { WallMs = Measurements.Median(module) });
        return Task.CompletedTask;
    }
}
