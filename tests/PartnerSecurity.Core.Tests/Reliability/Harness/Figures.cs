using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using PartnerSecurity.Emulator.Http;

namespace PartnerSecurity.Reliability;

/// <summary>The figures of the reliability runs, gathered as they happen and written as the markdown docs/reliability.md quotes.</summary>
public static class Figures
{
    private static readonly ConcurrentQueue<(string Tenant, RunResult Run, Comparison Comparison)> s_runs = new();
    private static readonly ConcurrentQueue<(string Name, int Cases, IReadOnlyDictionary<string, int> Outcomes)> s_fuzz = new();

    public static void Record(string tenant, RunResult run, Comparison comparison) => s_runs.Enqueue((tenant, run, comparison));
    public static void RecordFuzz(string name, int cases, IReadOnlyDictionary<string, int> outcomes) => s_fuzz.Enqueue((name, cases, outcomes));

    public static string Markdown()
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        if (!s_runs.IsEmpty)
        {
            text.AppendLine("| Tenant | Profile (seed) | Requests (+ $batch items) | Faults injected | Records compared | Lost | Duplicated | Time |");
            text.AppendLine("|---|---|---|---|---|---|---|---|");
            foreach (var (tenant, run, comparison) in s_runs.OrderBy(r => r.Tenant).ThenBy(r => Array.IndexOf(FaultProfile.Names, r.Run.Profile)).ThenBy(r => r.Run.Seed))
                text.AppendLine(string.Format(c, "| {0} | {1} ({2}) | {3:N0} (+ {4:N0}) | {5} | {6:N0} | {7} | {8} | {9:0.0} s |",
                    tenant, run.Profile, run.Seed, run.Requests, run.BatchItems, Kinds(run.Faults), comparison.Compared, comparison.Lost, comparison.Duplicated, run.Elapsed.TotalSeconds));
            text.AppendLine();
        }
        if (!s_fuzz.IsEmpty)
        {
            text.AppendLine("| Fuzzed | Cases | Outcomes |");
            text.AppendLine("|---|---|---|");
            foreach (var (name, cases, outcomes) in s_fuzz.OrderBy(f => f.Name))
                text.AppendLine(string.Format(c, "| {0} | {1:N0} | {2} |", name, cases, string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value:N0}"))));
        }
        return text.ToString();
    }

    private static string Kinds(IReadOnlyDictionary<FaultKind, int> faults) =>
        faults.Count == 0 ? "0" : faults.Values.Sum().ToString("N0", CultureInfo.InvariantCulture) + ": " +
            string.Join(", ", faults.OrderByDescending(f => f.Value).Select(f => $"{f.Key} {f.Value}"));

    /// <summary>Writes the figures beside the test assembly (reliability-figures.md) and returns the path.</summary>
    public static string Write(string directory)
    {
        var path = Path.Combine(directory, "reliability-figures.md");
        File.WriteAllText(path, Markdown());
        return path;
    }
}
