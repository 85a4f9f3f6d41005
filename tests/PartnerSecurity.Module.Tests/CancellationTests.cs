using System.Diagnostics;
using System.Management.Automation;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

public class CancellationTests
{
    [Fact]
    public void Ctrl_C_stops_a_cmdlet_waiting_on_a_throttled_call_at_once()
    {
        using var session = new PowerShellSession();
        session.Run("Connect-PartnerSecurity -Demo");
        var emulator = EmulatorProbe.For(session.Engine.Runspace);
        emulator.UseRealWaits();
        emulator.InjectFault("conditionalAccess/policies", "Throttle", times: 1, retryAfter: "60");

        using var ps = PowerShell.Create();
        ps.Runspace = session.Engine.Runspace;
        ps.AddCommand("Get-PartnerSecurityDefaults");
        var running = ps.BeginInvoke();
        var deadline = Stopwatch.StartNew();
        while (emulator.RequestCount("conditionalAccess/policies") == 0 && deadline.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(20);
        Assert.Equal(1, emulator.RequestCount("conditionalAccess/policies"));

        var watch = Stopwatch.StartNew();
        ps.Stop(); // what Ctrl+C does
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"stopping took {watch.Elapsed}");
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
        Assert.Equal(1, emulator.RequestCount("conditionalAccess/policies"));
    }
}
