using System.Management.Automation.Language;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>Pester is not available here; its suite must at least stay valid PowerShell.</summary>
public class PesterSuiteTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(PowerShellSession.RepoRoot, "tests", "Pester"), "*.Tests.ps1"))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_pester_file_parses(string file)
    {
        Parser.ParseFile(Path.Combine(PowerShellSession.RepoRoot, "tests", "Pester", file), out _, out var errors);
        Assert.True(errors.Length == 0, string.Join("\n", errors.Select(e => $"{file}:{e.Extent.StartLineNumber}: {e.Message}")));
    }

    [Fact]
    public void The_pester_suite_exists() => Assert.NotEmpty(Files());
}
