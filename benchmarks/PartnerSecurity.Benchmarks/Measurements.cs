using System.Diagnostics;
using System.Globalization;

namespace PartnerSecurity.Benchmarks;

/// <summary>Running the runner as a fresh process, and summarising samples.</summary>
internal static class Measurements
{
    public static (int ExitCode, string Output) RunRunner(string script, bool isFile = false)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(BenchPaths.Runner);
        info.ArgumentList.Add("-NonInteractive");
        info.ArgumentList.Add(isFile ? "-File" : "-Command");
        info.ArgumentList.Add(script);
        info.Environment["PARTNERSECURITY_MODULE_ROOT"] = Path.GetDirectoryName(Path.GetDirectoryName(BenchPaths.ModuleManifest))!;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    /// <summary>The last number the script printed, in invariant culture.</summary>
    public static double LastNumber(string output)
    {
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).LastOrDefault(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return line == null ? throw new InvalidOperationException("No figure in the output:\n" + output) : double.Parse(line, CultureInfo.InvariantCulture);
    }

    public static double Median(IReadOnlyList<double> samples)
    {
        var sorted = samples.OrderBy(s => s).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string Row(string name, IReadOnlyList<double> samples, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{name,-28} median {Median(samples),9:0.0} {unit}   min {samples.Min(),9:0.0}   max {samples.Max(),9:0.0}   (n={samples.Count})");
}
