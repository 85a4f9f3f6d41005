using PartnerSecurity.Connections;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Mfa;
using PartnerSecurity.Reliability;
using PartnerSecurity.Tenants;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Reliability;

/// <summary>The same guarantees over real sockets: the emulator behind a loopback HTTPS listener, faults as TCP resets and silent connections.</summary>
[Collection(ReliabilityCollection.Name)]
public class LoopbackTests
{
    private readonly ReliabilityTenants _tenants;

    public LoopbackTests(ReliabilityTenants tenants) => _tenants = tenants;

    /// <summary>
    /// The browser sign-in these tests start from. Under the one-second attempt time-out a loaded machine can time out
    /// the first token request (TLS and JIT on a cold listener); the module resends it, and the emulator, like Entra,
    /// refuses an authorization code redeemed twice (AADSTS54005). A person would sign in again: so does the test, up to
    /// three times. The faults under test are added after the sign-in.
    /// </summary>
    private static async Task<PartnerConnection> ConnectAsync(TenantEmulator emulator, LoopbackCloud cloud, int seed)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await SignInAsync(emulator, cloud, seed);
            }
            catch (PartnerSecurity.Diagnostics.PartnerSecurityException ex) when (attempt < 3 && ex.Message.Contains("AADSTS54005"))
            {
            }
        }
    }

    private static Task<PartnerConnection> SignInAsync(TenantEmulator emulator, LoopbackCloud cloud, int seed)
    {
        emulator.Options.BrowserUser = (string?)emulator.Cloud.Home.FirstGlobalAdministrator()?["id"];
        return PartnerConnection.ConnectAsync(new ConnectionRequest
        {
            Mode = ConnectionMode.Interactive,
            TenantId = emulator.Snapshot.Tenant.Id,
            Transport = cloud.Transport(),
            Browser = (uri, ct) => emulator.Browser.OpenAsync(uri, ct),
            Clock = () => emulator.Clock.UtcNow,
            RetryPolicy = FaultRun.Policy(seed, emulator),
            EnvironmentLabel = "Snapshot",
        }, CancellationToken.None);
    }

    [Fact]
    public async Task A_connection_reset_mid_body_on_a_real_socket_is_retried_and_every_user_read_once()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).SecurityDefaults(true);
        for (int i = 0; i < 1500; i++) builder.User($"user{i:D4}");
        var emulator = builder.Emulator();
        await using var cloud = await LoopbackCloud.StartAsync(emulator);
        using var connection = await ConnectAsync(emulator, cloud, 1);
        emulator.Faults.Add(new Fault(@"/v1.0/users\?.*skiptoken", FaultKind.ResetMidBody, times: 2));
        emulator.Faults.Add(new Fault(@"/v1.0/users\?", FaultKind.ConnectionFailure, times: 1));
        emulator.Faults.Add(new Fault(@"/v1.0/users\?.*skiptoken", FaultKind.Hang, times: 1) { Hang = TimeSpan.FromSeconds(30) });
        var data = await MfaPostureReader.ReadAsync(connection, TenantScope.Home(connection), new MfaReadOptions(), TenantActivity.None, new List<string>(), default);
        Assert.Equal(1501, data.Users.Select(u => u.Id).Distinct().Count());
        Assert.Equal(1501, data.Users.Count);
        Assert.True(cloud.Resets >= 3, $"{cloud.Resets} resets on the wire");
    }

    [Fact]
    public async Task Every_read_of_the_demo_under_chaos_over_https_equals_the_fault_free_read()
    {
        var baseline = await FaultRun.RunAsync(_tenants.Demo, "None", 0, (c, ct) => ReadSuite.ReadAsync(c, ct));
        var emulator = new TenantEmulator(_tenants.Demo);
        emulator.Faults.Profile = FaultProfile.Create("Chaos", 21);
        await using var cloud = await LoopbackCloud.StartAsync(emulator);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var connection = await ConnectAsync(emulator, cloud, 21);
        var records = await ReadSuite.ReadAsync(connection, default);
        var comparison = Comparison.Of(baseline.Records, records);
        Figures.Record("demo over loopback HTTPS", new RunResult
        {
            Profile = "Chaos", Seed = 21, Records = records, Requests = emulator.Requests.Count, BatchItems = emulator.BatchItems.Count,
            Faults = emulator.Faults.Injected, Elapsed = watch.Elapsed,
        }, comparison);
        Assert.True(comparison.Lost == 0 && comparison.Duplicated == 0, string.Join("\n", comparison.Examples));
        Assert.True(cloud.Resets > 0, "faults reached the wire");
    }
}
