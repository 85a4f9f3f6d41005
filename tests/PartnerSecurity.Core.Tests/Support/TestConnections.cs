using PartnerSecurity.Connections;
using PartnerSecurity.Emulator;
using PartnerSecurity.Http;

namespace PartnerSecurity.Tests.Support;

/// <summary>Connects the real core (MSAL, Graph SDK, HTTP pipeline) to an emulator, as -Snapshot does.</summary>
public static class TestConnections
{
    /// <summary>Retries fast: the emulator's faults say Retry-After in hundredths of seconds or nothing.</summary>
    public static RetryPolicy FastRetries(int maxRetries = 6) => new(maxRetries, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(200), seed: 1);

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
            RetryPolicy = FastRetries(),
            EnvironmentLabel = "Snapshot",
        };
    }

    public static Task<PartnerConnection> ConnectAsync(TenantEmulator emulator, string? userIdOrUpn = null) =>
        PartnerConnection.ConnectAsync(Request(emulator, userIdOrUpn), CancellationToken.None);
}
