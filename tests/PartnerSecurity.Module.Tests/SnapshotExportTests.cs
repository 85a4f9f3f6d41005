using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// Export-PartnerTenantSnapshot round trip on the demo partner: connect, export, connect to the export; the MFA verdicts,
/// security defaults and the MFA requirements of the assessment are the same, and no secret or token is in the file.
/// </summary>
public class SnapshotExportTests
{
    [Fact]
    public void The_exported_partner_tenant_replays_to_the_same_verdicts_without_secrets()
    {
        var path = Path.Combine(Path.GetTempPath(), "partnersecurity-tests", Guid.NewGuid().ToString("N") + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var session = PartnerSecurityScoreTests.Demo();
        const string read = """
            (Get-PartnerMfaStatus 3>$null | ConvertTo-Json -Depth 5)
            (Get-PartnerSecurityDefaults | Select-Object * -ExcludeProperty TenantId | ConvertTo-Json -Depth 5)
            # Microsoft's figures are not in the snapshot: our side of each MFA requirement is compared.
            ((Invoke-PartnerSecurityAssessment 3>$null).Requirements | Where-Object Id -like 'Mfa*' | Select-Object Id, Status, Ours, Items, Remedy | ConvertTo-Json -Depth 5)
            """;
        var before = session.Run(read);
        Assert.True(before.Succeeded, string.Join(" | ", before.Errors));
        var export = session.Run($"Export-PartnerTenantSnapshot {PowerShellSession.Quote(path)} 3>$null; Connect-PartnerSecurity -Snapshot {PowerShellSession.Quote(path)} | Out-Null");
        Assert.True(export.Succeeded, string.Join(" | ", export.Errors));
        var after = session.Run(read);
        Assert.True(after.Succeeded, string.Join(" | ", after.Errors));
        Assert.Equal(3, before.Output.Count);
        for (int i = 0; i < 3; i++) Assert.Equal(before.Output[i].ToString(), after.Output[i].ToString());

        var text = File.ReadAllText(path);
        Assert.Contains("\"format\": \"partnersecurity-snapshot/1\"", text);
        Assert.DoesNotContain("secretText", text);
        Assert.DoesNotContain("eyJ", text); // no JWT
    }
}
