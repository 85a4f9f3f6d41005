using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>The runner's exit codes follow pwsh's, which runbooks and CI read.</summary>
public sealed class RunnerExitCodeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("partnersecurity-exit-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Script(string text)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".ps1");
        File.WriteAllText(path, text);
        return path;
    }

    // The engine here has no Write-Error: a command that does not exist is the error, and the script goes on after it.
    [Theory]
    [InlineData("No-SuchCommand; 'went on'", 0)]
    [InlineData("'before'; throw 'stopped'", 1)]
    [InlineData("No-SuchCommand; exit 7", 7)]
    public void A_file_fails_only_when_it_stops_or_says_so(string text, int expected)
    {
        var outcome = RunnerProcess.RunFile(Script(text));
        Assert.True(expected == outcome.ExitCode, outcome.Output + outcome.Errors);
    }

    [Theory]
    [InlineData("'fine'", 0)]
    [InlineData("No-SuchCommand; 'went on'", 1)]
    public void A_command_fails_when_anything_failed(string text, int expected)
    {
        var outcome = RunnerProcess.Run(text);
        Assert.True(expected == outcome.ExitCode, outcome.Output + outcome.Errors);
    }
}
