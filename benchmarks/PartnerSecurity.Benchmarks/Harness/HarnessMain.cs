using PartnerSecurity.Benchmarks.Scenarios;

namespace PartnerSecurity.Benchmarks.Harness;

/// <summary>
/// `partnersecurity-bench [--quick] [--scenario NAME]`: every scenario of issue 17 in its order, one JSON line per
/// measured run on stdout (progress and notes on stderr).
/// </summary>
internal static class HarnessMain
{
    /// <summary>The scenarios in the issue's order.</summary>
    public static readonly (string Name, Func<HarnessOptions, Action<ResultLine>, Task> Run)[] Scenarios =
    {
        ("mfa-single", MfaSingleScenario.RunAsync),
        ("mfa-customers", MfaCustomersScenario.RunAsync),
        ("assessment", AssessmentScenario.RunAsync),
        ("import", ImportScenario.RunAsync),
        ("signins-stream", SignInsStreamScenario.RunAsync),
        ("scan", ScanScenario.RunAsync),
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var options = HarnessOptions.Parse(args);
        var chosen = Scenarios.Where(s => options.Scenario == null || string.Equals(s.Name, options.Scenario, StringComparison.OrdinalIgnoreCase)).ToList();
        if (chosen.Count == 0)
        {
            Console.Error.WriteLine($"No scenario '{options.Scenario}'. Scenarios: {string.Join(", ", Scenarios.Select(s => s.Name))}.");
            return 2;
        }
        foreach (var (_, run) in chosen)
            for (int r = 0; r < options.Repeat; r++)
                await run(options, line => Console.WriteLine(line.ToJson()));
        return 0;
    }

    public static void Note(string text) => Console.Error.WriteLine("# " + text);
}
