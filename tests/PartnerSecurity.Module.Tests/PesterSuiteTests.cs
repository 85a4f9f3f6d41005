using System.Text.RegularExpressions;
using PartnerSecurity.Hosting;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>tests/Pester, run by Pester from NuGet (the version the test project downloads) in real pwsh, in one process.</summary>
public class PesterSuiteTests
{
    [Fact]
    public void The_pester_suite_passes_in_real_pwsh()
    {
        var pester = Path.Combine(PowerShellSession.Metadata("NuGetPackageRoot"), "pester", PowerShellSession.Metadata("PesterVersion"), "tools", "Pester.psd1");
        Assert.True(File.Exists(pester), "Pester is downloaded by the test project: " + pester);
        var suite = Path.Combine(PowerShellSession.RepoRoot, "tests", "Pester");
        var outcome = Pwsh.Run($$"""
            Import-Module {{PowerShellSession.Quote(pester)}} -ErrorAction Stop
            $configuration = New-PesterConfiguration
            $configuration.Run.Path = {{PowerShellSession.Quote(suite)}}
            $configuration.Run.PassThru = $true
            $configuration.Output.Verbosity = 'Normal'
            $result = Invoke-Pester -Configuration $configuration
            foreach ($test in $result.Failed) { 'FAILED ' + $test.ExpandedPath + ': ' + ($test.ErrorRecord | Out-String) }
            'PESTER {0} {1} passed {2} failed {3} skipped {4} containers failed' -f (Get-Module Pester).Version, $result.PassedCount, $result.FailedCount, $result.SkippedCount, $result.FailedContainersCount
            """, timeout: TimeSpan.FromSeconds(180), environment: new Dictionary<string, string> { ["PARTNERSECURITY_MANIFEST"] = HostedEngine.ModuleManifest });
        var summary = Regex.Match(outcome.Text, @"PESTER (\S+) (\d+) passed (\d+) failed (\d+) skipped (\d+) containers failed");
        Assert.True(summary.Success, outcome.ToString());
        Assert.Equal(PowerShellSession.Metadata("PesterVersion"), summary.Groups[1].Value);
        Assert.True(summary.Groups[3].Value == "0" && summary.Groups[5].Value == "0", outcome.ToString());
        // Every It block of every file ran: none skipped, none lost to a file that failed to load.
        var blocks = Directory.GetFiles(suite, "*.Tests.ps1").Sum(f => Regex.Matches(File.ReadAllText(f), @"^\s*It\s+'", RegexOptions.Multiline).Count);
        Assert.Equal(blocks, int.Parse(summary.Groups[2].Value));
    }
}
