using System.Reflection;
using System.Security;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Http;

namespace PartnerSecurity.Tests.Authentication;

/// <summary>The cloud as one value: its clock reaches the retries, and a connection keeps where it is, not how it signed in.</summary>
public class CloudTests
{
    [Fact]
    public void Retry_rules_on_the_real_clock_move_to_an_emulated_clouds_clock_and_rules_with_their_own_clock_keep_it()
    {
        var virtualNow = DateTimeOffset.Parse("2026-11-20T09:00:00Z");
        var clock = new RetryClock(() => virtualNow, (_, _) => Task.CompletedTask);
        var cloud = new Cloud(CloudEnvironment.Global, "Snapshot", clock: clock);

        Assert.Same(clock, cloud.Retries(null).Clock);
        Assert.Same(clock, cloud.Retries(RetryPolicy.Rehearsal(1)).Clock);
        var other = new RetryClock(() => DateTimeOffset.MinValue, (_, _) => Task.CompletedTask);
        Assert.Same(other, cloud.Retries(RetryPolicy.Default.WithClock(other)).Clock);
        Assert.Same(RetryClock.Real, Cloud.Global.Retries(null).Clock);
        Assert.Equal(virtualNow, cloud.Now);
        Assert.Equal("Snapshot", cloud.Label);
        Assert.Equal("Global", Cloud.Global.Label);
    }

    [Fact]
    public void The_request_setters_of_each_part_change_only_that_part_of_the_cloud()
    {
        var request = new ConnectionRequest { Environment = CloudEnvironment.USGov, EnvironmentLabel = "Demo", SnapshotPath = "/tmp/demo.json" };
        var now = DateTimeOffset.Parse("2026-01-01T00:00:00Z");
        request.Clock = () => now;
        Assert.Equal(CloudEnvironment.USGov, request.Cloud.Environment);
        Assert.Equal("Demo", request.Cloud.Label);
        Assert.Equal("/tmp/demo.json", request.Cloud.SnapshotPath);
        Assert.Equal(now, request.Cloud.Now);
        Assert.Null(new ConnectionRequest().Clock);
    }

    [Fact]
    public void A_connection_keeps_no_secret_of_its_request()
    {
        // What a connection holds: no property or field of a type that carries a secret or the whole request.
        var kept = typeof(PartnerConnection).GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Select(p => p.PropertyType)
            .Concat(typeof(PartnerConnection).GetFields(BindingFlags.NonPublic | BindingFlags.Instance).Select(f => f.FieldType)).ToList();
        Assert.DoesNotContain(typeof(ConnectionRequest), kept);
        Assert.DoesNotContain(typeof(SecureString), kept);
        Assert.DoesNotContain(typeof(AppCredential), kept);
        Assert.Contains(typeof(Cloud), kept);
    }
}
