using PartnerSecurity.Benchmarks;

// partnersecurity-bench <benchmark> [options]: each benchmark prints its figures as a small table.
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["import"] = ImportBenchmark.RunAsync,
    ["demo"] = DemoRunBenchmark.RunAsync,
    ["mfa"] = MfaBenchmark.RunAsync,
    ["scan"] = ScanBenchmark.RunAsync,
    ["signins"] = SignInBenchmark.RunAsync,
    ["reliability"] = ReliabilityBenchmark.RunAsync,
    ["plot"] = PartnerSecurity.Benchmarks.Harness.ResultPlots.RunAsync,
};

// No benchmark name: the harness of issue 17 (one JSON line per measured run; docs/benchmarks.md).
if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
    return await PartnerSecurity.Benchmarks.Harness.HarnessMain.RunAsync(args);
if (!benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine("Usage: partnersecurity-bench <" + string.Join("|", benchmarks.Keys) + "> [options]");
    return 2;
}
return await run(args.Skip(1).ToArray());
