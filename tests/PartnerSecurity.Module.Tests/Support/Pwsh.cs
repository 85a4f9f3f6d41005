using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PartnerSecurity.Hosting;

namespace PartnerSecurity.Module.Tests.Support;

/// <summary>
/// Real pwsh: the PowerShell .NET tool pinned in .config/dotnet-tools.json (the test project's build runs
/// `dotnet tool restore`), started as a separate process with the built module on PSModulePath. Each start
/// costs about half a second: batch what you can into one script.
/// </summary>
public static class Pwsh
{
    public sealed record Outcome(int ExitCode, string Output, string Errors, TimeSpan Elapsed)
    {
        /// <summary>Standard output without ANSI sequences (pwsh styles tables and errors even when redirected).</summary>
        public string Text => Plain(Output);
        /// <summary>Both streams, plain: pwsh writes errors to standard error when it is redirected.</summary>
        public string All => Plain(Output) + Plain(Errors);
        public override string ToString() => $"exit {ExitCode}\n{All}";
    }

    /// <summary>The tool's version, as pinned in the repository's tool manifest.</summary>
    public static string Version =>
        (string)JsonNode.Parse(File.ReadAllText(Path.Combine(PowerShellSession.RepoRoot, ".config", "dotnet-tools.json")))!["tools"]!["powershell"]!["version"]!;

    /// <summary>pwsh.dll in the NuGet package folder, started with dotnet (what `dotnet pwsh` runs, without the tool lookup).</summary>
    public static string Dll
    {
        get
        {
            var path = Path.Combine(PowerShellSession.Metadata("NuGetPackageRoot"), "powershell", Version, "tools", "net10.0", "any",
                OperatingSystem.IsWindows() ? "win" : "unix", "pwsh.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("pwsh is not restored: run `dotnet tool restore` in the repository (the test build does).", path);
        }
    }

    /// <summary>Runs PowerShell text with -Command, redirected (80 columns, as in scheduled tasks and CI logs).</summary>
    public static Outcome Run(string script, bool nonInteractive = true, TimeSpan? timeout = null, IDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        Start(new[] { "-Command", script }, nonInteractive, timeout, environment, workingDirectory);

    /// <summary>A script file, as <c>pwsh -File</c> runs it.</summary>
    public static Outcome RunFile(string path, bool nonInteractive = true, TimeSpan? timeout = null, IDictionary<string, string>? environment = null) =>
        Start(new[] { "-File", path }, nonInteractive, timeout, environment, null);

    /// <summary>The start of a pwsh command line: dotnet, pwsh.dll and the options every test uses.</summary>
    public static List<string> CommandLine(bool nonInteractive)
    {
        var line = new List<string> { "dotnet", Dll, "-NoProfile", "-NoLogo" };
        if (nonInteractive) line.Add("-NonInteractive");
        return line;
    }

    /// <summary>The environment every pwsh the tests start gets: the built module first on PSModulePath.</summary>
    public static void Prepare(IDictionary<string, string?> environment)
    {
        var existing = environment.TryGetValue("PSModulePath", out var value) ? value : null;
        environment["PSModulePath"] = string.IsNullOrEmpty(existing) ? HostedEngine.ModuleRoot : HostedEngine.ModuleRoot + Path.PathSeparator + existing;
        environment["POWERSHELL_TELEMETRY_OPTOUT"] = "1";
        environment["POWERSHELL_UPDATECHECK"] = "Off";
    }

    private static Outcome Start(string[] arguments, bool nonInteractive, TimeSpan? timeout, IDictionary<string, string>? environment, string? workingDirectory)
    {
        var line = CommandLine(nonInteractive);
        var info = new ProcessStartInfo(line[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var argument in line.Skip(1).Concat(arguments)) info.ArgumentList.Add(argument);
        Prepare(info.Environment);
        if (environment != null) foreach (var (key, value) in environment) info.Environment[key] = value;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit((int)(timeout ?? TimeSpan.FromSeconds(90)).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("pwsh did not finish: " + string.Join(" ", arguments));
        }
        return new Outcome(process.ExitCode, output.Result, errors.Result, watch.Elapsed);
    }

    private static readonly Regex s_ansi = new(@"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[=>])", RegexOptions.Compiled);

    /// <summary>Text without ANSI sequences and carriage returns.</summary>
    public static string Plain(string text) => s_ansi.Replace(text, string.Empty).Replace("\r", string.Empty);
}
