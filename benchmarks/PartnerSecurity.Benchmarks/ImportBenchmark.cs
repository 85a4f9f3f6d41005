namespace PartnerSecurity.Benchmarks;

/// <summary>
/// Import time of the module in real pwsh, each sample in a fresh process (a cold import, as a
/// user's new session has), next to a hello-world binary module measured the same way in the same run.
/// </summary>
internal static class ImportBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        int runs = args.Length > 0 ? int.Parse(args[0]) : 10;
        var module = new List<double>();
        var baseline = new List<double>();
        Measure(BenchPaths.HelloWorldManifest, baseline); // warm the file cache for both, uncounted
        Measure(BenchPaths.ModuleManifest, module);
        module.Clear();
        baseline.Clear();
        for (int i = 0; i < runs; i++)
        {
            // Interleaved, so drift in the machine's speed affects both alike.
            Measure(BenchPaths.HelloWorldManifest, baseline);
            Measure(BenchPaths.ModuleManifest, module);
        }
        Console.WriteLine("Import-Module in real pwsh (the PowerShell tool), fresh process per sample:");
        Console.WriteLine(Measurements.Row("hello-world binary module", baseline, "ms"));
        Console.WriteLine(Measurements.Row("PartnerSecurity", module, "ms"));
        Console.WriteLine($"ratio of medians: {Measurements.Median(module) / Measurements.Median(baseline):0.0}x");
        return Task.FromResult(0);
    }

    private static void Measure(string manifest, List<double> samples) => samples.Add(Import(manifest));

    /// <summary>Milliseconds of Import-Module of a manifest in a fresh real pwsh, by a Stopwatch inside it.</summary>
    internal static double Import(string manifest)
    {
        var script = "$w = [System.Diagnostics.Stopwatch]::StartNew(); Import-Module '" + manifest.Replace("'", "''") + "' -ErrorAction Stop; $w.Stop(); $w.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)";
        var (exit, output) = Measurements.RunPwsh(script);
        if (exit != 0) throw new InvalidOperationException($"Import of {manifest} failed:\n{output}");
        return Measurements.LastNumber(output);
    }
}
