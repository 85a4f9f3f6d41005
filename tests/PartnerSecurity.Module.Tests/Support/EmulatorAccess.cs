using System.Collections;
using System.Reflection;

namespace PartnerSecurity.Module.Tests.Support;

/// <summary>
/// Reaches, by reflection, the tenant emulator a session's module uses: it lives in the module's private
/// load context, which this project must not reference. For tests that move the emulated clock, mint a
/// token, or read every secret the emulated cloud issued.
/// </summary>
public sealed class EmulatorAccess
{
    private readonly object _emulator;

    private EmulatorAccess(object emulator) => _emulator = emulator;

    /// <summary>The emulator of a session's connection (the session's state → connection → pipeline transport).</summary>
    public static EmulatorAccess OfConnection(PowerShellSession session)
    {
        var connection = ModuleInternals.ConnectionOf(session.Engine.Runspace.InstanceId) ?? throw new InvalidOperationException("The session is not connected.");
        var transport = ModuleInternals.TransportOf(connection);
        Assert.Equal("PartnerSecurity.Emulator.TenantEmulator", transport.GetType().FullName);
        return new EmulatorAccess(transport);
    }

    private object Context => _emulator.GetType().GetProperty("Context")!.GetValue(_emulator)!;

    /// <summary>Every token, code and secret the emulated cloud issued.</summary>
    public IReadOnlyCollection<string> IssuedSecrets
    {
        get
        {
            var grants = Context.GetType().GetProperty("Grants")!.GetValue(Context)!;
            return ((IEnumerable<string>)grants.GetType().GetProperty("IssuedSecrets")!.GetValue(grants)!).ToList();
        }
    }

    /// <summary>When the loaded snapshot says it was captured (for the demo: when it was loaded, see CapturedNow).</summary>
    public DateTimeOffset CapturedDateTime
    {
        get
        {
            var snapshot = _emulator.GetType().GetProperty("Snapshot")!.GetValue(_emulator)!;
            return (DateTimeOffset)snapshot.GetType().GetProperty("CapturedDateTime")!.GetValue(snapshot)!;
        }
    }

    public void Advance(TimeSpan by)
    {
        var clock = _emulator.GetType().GetProperty("Clock")!.GetValue(_emulator)!;
        clock.GetType().GetMethod("Advance")!.Invoke(clock, new object[] { by });
    }

    public string IssueUserAccessToken(string upn, string scope) =>
        (string)_emulator.GetType().GetMethod("IssueUserAccessToken")!.Invoke(_emulator, new object[] { upn, scope })!;

    /// <summary>A secret's versions in an emulated vault, oldest first, as (enabled, expires in Unix seconds); empty when absent.</summary>
    public IReadOnlyList<(bool Enabled, long? Expires)> VaultSecretVersions(string vault, string secret)
    {
        var stored = VaultSecret(vault, secret);
        if (stored == null) return Array.Empty<(bool, long?)>();
        return ((IEnumerable)stored.GetType().GetProperty("Versions")!.GetValue(stored)!).Cast<object>()
            .Select(v => ((bool)v.GetType().GetProperty("Enabled")!.GetValue(v)!, (long?)v.GetType().GetProperty("Expires")!.GetValue(v))).ToList();
    }

    /// <summary>Soft-deletes a secret as the portal would (recoverable, its name blocked).</summary>
    public void DeleteVaultSecret(string vault, string secret)
    {
        var stored = VaultSecret(vault, secret) ?? throw new InvalidOperationException($"No secret {secret} in {vault}.");
        stored.GetType().GetProperty("DeletedDate")!.SetValue(stored, (long?)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        stored.GetType().GetProperty("ScheduledPurgeDate")!.SetValue(stored, (long?)DateTimeOffset.UtcNow.AddDays(90).ToUnixTimeSeconds());
    }

    private object? VaultSecret(string vault, string secret)
    {
        var service = _emulator.GetType().GetProperty("KeyVault")!.GetValue(_emulator)!;
        var found = service.GetType().GetMethod("Find")!.Invoke(service, new object[] { vault }) ?? throw new InvalidOperationException($"No vault {vault}.");
        var secrets = found.GetType().GetProperty("Secrets")!.GetValue(found)!;
        return secrets.GetType().GetMethod("Find")!.Invoke(secrets, new object[] { secret });
    }

    public int BrowserSignIns
    {
        get
        {
            var browser = _emulator.GetType().GetProperty("Browser")!.GetValue(_emulator)!;
            // A sign-in counts once the client's answer reached the browser, which may be just after the command returned.
            (browser.GetType().GetProperty("LastNavigation")!.GetValue(browser) as Task)?.Wait(TimeSpan.FromSeconds(10));
            return (int)browser.GetType().GetProperty("SignIns")!.GetValue(browser)!;
        }
    }
}
