using PartnerSecurity.Benchmarks.Harness;

namespace PartnerSecurity.Benchmarks.Scenarios;

/// <summary>
/// scan: Find-PartnerCredentialUsage -Path (estate) -Recurse in the session over the scan benchmark's generated
/// estate of 5,000 scripts (quick: 500), after a warm-up call; every planted finding must come back (the files that do
/// not parse on purpose answer non-terminating errors, as they should). Files per
/// second is size / wallMs.
/// </summary>
internal static class ScanScenario
{
    public static Task RunAsync(HarnessOptions options, Action<ResultLine> emit)
    {
        int files = options.Quick ? 500 : 5_000;
        var root = Path.Combine(Path.GetTempPath(), "partnersecurity-bench", $"estate-{files}-{Environment.ProcessId}");
        try
        {
            var estate = ScanBenchmark.Estate.Generate(root, files);
            var host = ScaleTenants.Generate("signins-host.json", "--users", "200");
            using var session = new ModuleSession(host);
            var command = $"@(Find-PartnerCredentialUsage -Path '{ModuleSession.Quote(root)}' -Recurse -ErrorAction SilentlyContinue).Count"; // files that do not parse are reported as errors, on purpose
            session.Run(command, allowErrors: true); // warm-up
            using var memory = new MemoryWatch();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var found = Convert.ToInt32(session.Run(command, allowErrors: true).Single().BaseObject, System.Globalization.CultureInfo.InvariantCulture);
            watch.Stop();
            var (peak, growth) = memory.Stop();
            if (found != estate.Planted.Count) throw new InvalidOperationException($"The cmdlet found {found} findings; {estate.Planted.Count} were planted.");
            emit(new ResultLine("scan", files, "module") { WallMs = watch.Elapsed.TotalMilliseconds, PeakWorkingSetMB = peak, LiveHeapGrowthMB = growth });
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
        return Task.CompletedTask;
    }
}
