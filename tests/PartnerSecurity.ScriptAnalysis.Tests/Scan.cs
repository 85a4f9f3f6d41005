using PartnerSecurity.ScriptAnalysis;

namespace PartnerSecurity.ScriptAnalysis.Tests;

/// <summary>Scanning script text in tests.</summary>
internal static class Scan
{
    public const string DefaultPath = "/estate/scripts/test.ps1";

    public static ScriptScanResult Result(string script, string path = DefaultPath) => CredentialUsageScanner.ScanText(script, path);

    public static IReadOnlyList<CredentialUsageFinding> Findings(string script, string path = DefaultPath)
    {
        var result = Result(script, path);
        Assert.True(result.Problem == null, "unexpected problem: " + result.Problem);
        return result.Findings;
    }

    public static CredentialUsageFinding Single(string script, FindingKind kind, string path = DefaultPath)
    {
        var findings = Findings(script, path);
        Assert.True(findings.Count == 1, $"expected one finding, got {findings.Count}: " + string.Join(" | ", findings.Select(f => $"{f.Line}:{f.Kind}:{f.Command}")));
        Assert.Equal(kind, findings[0].Kind);
        return findings[0];
    }

    public static void None(string script, string path = DefaultPath)
    {
        var findings = Findings(script, path);
        Assert.True(findings.Count == 0, "expected no finding, got: " + string.Join(" | ", findings.Select(f => $"{f.Line}:{f.Kind}:{f.Command}:{f.Snippet}")));
    }
}
