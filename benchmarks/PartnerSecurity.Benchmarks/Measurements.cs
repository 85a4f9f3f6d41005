using System.Diagnostics;
using System.Globalization;

namespace PartnerSecurity.Benchmarks;

/// <summary>Running real pwsh as a fresh process, and summarising samples.</summary>
internal static class Measurements
{
    public static (int ExitCode, string Output) RunPwsh(string script, bool isFile = false)
    {
        if (!File.Exists(BenchPaths.Pwsh)) throw new FileNotFoundException("pwsh is not restored: run `dotnet tool restore` in the repository.", BenchPaths.Pwsh);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(BenchPaths.Pwsh);
        info.ArgumentList.Add("-NoProfile");
        info.ArgumentList.Add("-NonInteractive");
        info.ArgumentList.Add(isFile ? "-File" : "-Command");
        info.ArgumentList.Add(script);
        // The Release module first on PSModulePath, so scripts import it by name; plain text, no ANSI styling.
        info.Environment["PSModulePath"] = Path.GetDirectoryName(Path.GetDirectoryName(BenchPaths.ModuleManifest))! + Path.PathSeparator + Environment.GetEnvironmentVariable("PSModulePath");
        info.Environment["NO_COLOR"] = "1";
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
