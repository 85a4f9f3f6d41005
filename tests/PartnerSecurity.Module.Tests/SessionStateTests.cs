using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>What the module keeps for each PowerShell session, and that a closed session leaves nothing behind.</summary>
public class SessionStateTests
{
    [Fact]
    public void An_emulated_cloud_first_loaded_on_a_worker_thread_is_freed_when_its_session_closes()
    {
        var name = "demo-" + Guid.NewGuid().ToString("N").Substring(0, 8);
        Guid id;
        using (var session = new PowerShellSession())
        {
            ModuleInternals.SaveStoredToken(session, name, "Demo");
            id = session.Engine.Runspace.InstanceId;
            // The status of a Demo token reads the demo's clock: the demo cloud is loaded by the command's worker.
            var status = session.Run($"Get-SecureAppModelTokenStatus -Name {name}");
            Assert.True(status.Succeeded, string.Join(" | ", status.Errors));
            Assert.True(ModuleInternals.HoldsSession(id));
        }
        Assert.False(ModuleInternals.HoldsSession(id), "the closed session's emulated cloud is still held");
    }

    [Fact]
    public void Token_status_lists_every_token_and_reports_one_whose_snapshot_is_gone_as_unusable()
    {
        using var session = new PowerShellSession();
        var suffix = Guid.NewGuid().ToString("N").Substring(0, 8);
        var gone = Path.Combine(Path.GetTempPath(), $"deleted-{suffix}.json");
        ModuleInternals.SaveStoredToken(session, "kept-" + suffix, "Global");
        ModuleInternals.SaveStoredToken(session, "orphan-" + suffix, "Snapshot", gone);

        var result = session.Run($"Get-SecureAppModelTokenStatus -Name *-{suffix}");
        Assert.Null(result.Terminating);
        Assert.Equal(new[] { "kept-" + suffix, "orphan-" + suffix }, result.Output.Select(o => (string)o.Properties["Name"].Value));
        var orphan = result.Output.Single(o => (string)o.Properties["Name"].Value == "orphan-" + suffix);
        Assert.False((bool)orphan.Properties["Usable"].Value);
        Assert.Contains(gone, (string)orphan.Properties["Warning"].Value);
        Assert.True((bool)result.Output[0].Properties["Usable"].Value);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("SnapshotNotFound,", error.FullyQualifiedErrorId);
    }
}
