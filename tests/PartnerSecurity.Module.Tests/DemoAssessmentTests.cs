using System.Text.RegularExpressions;
using PartnerSecurity.Hosting;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// The README's main job: examples/Invoke-DemoAssessment.ps1 in real pwsh after <c>Import-Module ./out/PartnerSecurity</c>,
/// with the module nowhere on PSModulePath, as a user starts it: a summary per tenant, the partner tenant included, what
/// fails and the first fixes, and the HTML report at the path it prints.
/// </summary>
public class DemoAssessmentTests
{
    [Fact]
    public void The_demo_assessment_summarises_every_tenant_and_writes_the_report_it_names()
    {
        var script = Path.Combine(PowerShellSession.RepoRoot, "examples", "Invoke-DemoAssessment.ps1");
        var report = Path.Combine(Path.GetTempPath(), "partnersecurity-tests", Guid.NewGuid().ToString("N"), "assessment.html");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        var outcome = Pwsh.Run($"Import-Module {PowerShellSession.Quote(Path.GetDirectoryName(HostedEngine.ModuleManifest)!)}; & {PowerShellSession.Quote(script)} -Path {PowerShellSession.Quote(report)}; 'END OF ASSESSMENT'",
            timeout: TimeSpan.FromSeconds(120), environment: new Dictionary<string, string> { ["PSModulePath"] = "" });
        var output = outcome.All;

        Assert.True(outcome.Text.Contains("END OF ASSESSMENT"), outcome.ToString());
        Assert.DoesNotContain("is not recognized", output);
        Assert.Contains("Connected to Northwind Cloud Partners", output);
        Assert.Contains("== Summary", output);
        Assert.Contains("== What fails, and the first fixes", output);
        // One summary line per tenant, the partner's first and marked.
        var rows = outcome.Text.Split('\n').Where(l => Regex.IsMatch(l, @"\s\d+%\s+\d+/\d+\s")).ToList();
        Assert.Equal(4, rows.Count);
        Assert.StartsWith("Northwind Cloud Partners *", rows[0]);
        Assert.Contains("Northwind Cloud Partners (partner): ", output);
        Assert.Matches(new Regex(@"Failed\s+MFA for every user"), output);
        Assert.Matches(new Regex(@"Fix 1: MFA for every user: "), output);
        // The report is where it says, and whole.
        Assert.Contains("== Report: " + report, output);
        var html = File.ReadAllText(report);
        Assert.Contains("Tailspin Logistics", html);
        Assert.EndsWith("</html>\n", html);

        // Adatum's GDAP relationship has expired: the demo's one designed error, and its line says unknown.
        var errors = Regex.Matches(output, @"^Invoke-PartnerSecurityAssessment: ", RegexOptions.Multiline);
        Assert.Single(errors);
        Assert.Contains("AADSTS50020", output);
        Assert.Matches(new Regex(@"Adatum Legal\s+0%\s+0/\d+\s+\?"), output);
    }
}
