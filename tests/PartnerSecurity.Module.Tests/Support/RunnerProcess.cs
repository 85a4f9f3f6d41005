using System.Diagnostics;
using PartnerSecurity.Hosting;

namespace PartnerSecurity.Module.Tests.Support;

/// <summary>
/// The runner as a separate process, for what one test process cannot show: a fresh load order of
/// assemblies, or a host started with -NonInteractive.
/// </summary>
public static class RunnerProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Errors, TimeSpan Elapsed);

    public static Outcome Run(string script, bool nonInteractive = true, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null) =>
        Start(new[] { "-Command", script }, nonInteractive, timeout, environment);

    /// <summary>A script file, as <c>partnersecurity-runner -File</c> runs it.</summary>
    public static Outcome RunFile(string path, bool nonInteractive = true, TimeSpan? timeout = null) =>
        Start(new[] { "-File", path }, nonInteractive, timeout);

    private static Outcome Start(string[] arguments, bool nonInteractive, TimeSpan? timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(PowerShellSession.Metadata("RunnerPath"));
        if (nonInteractive) info.ArgumentList.Add("-NonInteractive");
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["PARTNERSECURITY_MODULE_ROOT"] = HostedEngine.ModuleRoot;
        foreach (var variable in environment ?? new Dictionary<string, string>()) info.Environment[variable.Key] = variable.Value;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit((int)(timeout ?? TimeSpan.FromSeconds(60)).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The runner did not finish: " + string.Join(" ", arguments));
        }
        return new Outcome(process.ExitCode, output.Result, errors.Result, watch.Elapsed);
    }
}
