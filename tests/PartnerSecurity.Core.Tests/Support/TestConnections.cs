using PartnerSecurity.Connections;
using PartnerSecurity.Emulator;
using PartnerSecurity.Http;

namespace PartnerSecurity.Tests.Support;

/// <summary>Connects the real core (MSAL, Graph SDK, HTTP pipeline) to an emulator, as -Snapshot does.</summary>
public static class TestConnections
{
    /// <summary>Retries fast: the emulator's faults say Retry-After in hundredths of seconds or nothing.</summary>
    public static RetryPolicy FastRetries(int maxRetries = 6) => new(maxRetries, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(200), seed: 1);

    /// <summary>The module's default retry rules on the emulator's clock, as -Demo and -Snapshot get them: waits advance virtual time.</summary>
    public static RetryPolicy VirtualRetries(TenantEmulator emulator) =>
        RetryPolicy.Default.WithClock(new RetryClock(() => emulator.Clock.UtcNow, emulator.ClientWaitAsync));

    public static ConnectionRequest Request(TenantEmulator emulator, string? userIdOrUpn = null)
    {
        emulator.Options.BrowserUser = userIdOrUpn;
        return new ConnectionRequest
        {
            Mode = ConnectionMode.Interactive,
            TenantId = emulator.Snapshot.Tenant.Id,
            Transport = emulator,
            Browser = (uri, ct) => emulator.Browser.OpenAsync(uri, ct),
            Clock = () => emulator.Clock.UtcNow,
            RetryPolicy = VirtualRetries(emulator),
            EnvironmentLabel = "Snapshot",
        };
    }

    public static Task<PartnerConnection> ConnectAsync(TenantEmulator emulator, string? userIdOrUpn = null) =>
        PartnerConnection.ConnectAsync(Request(emulator, userIdOrUpn), CancellationToken.None);
}
