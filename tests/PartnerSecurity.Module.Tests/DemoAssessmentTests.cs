using System.Text.RegularExpressions;
using PartnerSecurity.Hosting;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// The README's main job: examples/Invoke-DemoAssessment.ps1 in real pwsh after <c>Import-Module ./out/PartnerSecurity</c>,
/// with the module nowhere on PSModulePath, as a user starts it.
/// </summary>
public class DemoAssessmentTests
{
    [Fact]
    public void The_demo_assessment_prints_every_section_with_only_the_two_errors_the_demo_is_built_to_give()
    {
        var script = Path.Combine(PowerShellSession.RepoRoot, "examples", "Invoke-DemoAssessment.ps1");
        var outcome = Pwsh.Run($"Import-Module {PowerShellSession.Quote(Path.GetDirectoryName(HostedEngine.ModuleManifest)!)}; & {PowerShellSession.Quote(script)}; 'END OF ASSESSMENT'",
            timeout: TimeSpan.FromSeconds(120), environment: new Dictionary<string, string> { ["PSModulePath"] = "" });
        var output = outcome.All;

        // The script's non-terminating errors are part of its report; nothing stops it.
        Assert.True(outcome.Text.Contains("END OF ASSESSMENT"), outcome.ToString());
        Assert.DoesNotContain("is not recognized", output);
        foreach (var section in new[]
                 {
                     "== Security defaults", "== MFA posture of the partner tenant", "== Customers",
                     "== MFA posture of every customer", "== Users not covered at every sign-in",
                     "== Sign-ins without MFA in the partner tenant", "== Legacy authentication still in use",
                 })
            Assert.Contains(section, output);
        Assert.Contains("Connected to Northwind Cloud Partners", output);
        Assert.Matches(new Regex(@"\d+ successful single-factor sign-ins by [1-9]\d* users"), output);
        Assert.Contains("scanner-dock3@tailspinlogistics.c", output); // 80 columns: a long name may end in an ellipsis

        // Adatum's GDAP relationship has expired (once for the MFA posture, once for legacy usage) and Fabrikam has
        // no Entra ID P1 (legacy usage): the demo's designed failures, and nothing else.
        // pwsh's concise view: "Cmdlet: script:line", the line, then the message on "     | " lines (wrapped to the width).
        var errors = Regex.Matches(output, @"^(Get-Partner\w+): \S*Invoke-DemoAssessment\.ps1:\d+\n(?:.*\n)*?(?:\s+\| (?!\s*~).*\n)+", RegexOptions.Multiline)
            .Select(m => Regex.Replace(m.Value, @"\n\s+\| ", " ")).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Equal(2, errors.Count(e => e.Contains("AADSTS50020", StringComparison.Ordinal)));
        Assert.Single(errors, e => e.Contains("no Microsoft Entra ID P1 or P2 licence", StringComparison.Ordinal));
    }
}
