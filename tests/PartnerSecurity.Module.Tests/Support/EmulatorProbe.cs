using System.Collections;
using System.Reflection;
using System.Management.Automation.Runspaces;

namespace PartnerSecurity.Module.Tests.Support;

/// <summary>
/// Reaches, by reflection, the tenant emulator behind a session's connection. The emulator lives in the
/// module's private load context, out of the test's reach by type, which is how it should be: only tests
/// look inside, to inject faults, move the clock, or read back every token the emulator issued.
/// </summary>
public sealed class EmulatorProbe
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
    private readonly object _emulator;

    private EmulatorProbe(object emulator) => _emulator = emulator;

    /// <summary>The emulator of the connection of <paramref name="runspace"/>; fails when it is not connected to one.</summary>
    public static EmulatorProbe For(Runspace runspace)
    {
        var connection = ModuleInternals.ConnectionOf(runspace.InstanceId) ?? throw new InvalidOperationException("The session has no connection.");
        var transport = ModuleInternals.TransportOf(connection);
        if (transport.GetType().FullName != "PartnerSecurity.Emulator.TenantEmulator")
            throw new InvalidOperationException("The session is not connected to the emulator.");
        return new EmulatorProbe(transport);
    }

    private object Get(object target, string name) =>
        target.GetType().GetProperty(name, Any)?.GetValue(target) ?? target.GetType().GetField(name, Any)!.GetValue(target)!;

    /// <summary>Every token and code the emulator issued.</summary>
    public IReadOnlyCollection<string> IssuedSecrets =>
        ((IEnumerable)Get(Get(Get(_emulator, "Context"), "Grants"), "IssuedSecrets")).Cast<string>().ToList();

    public int RequestCount(string urlContains) =>
        ((IEnumerable)Get(Get(_emulator, "Requests"), "Records")).Cast<object>().Count(r => ((string)Get(r, "Url")).Contains(urlContains));

    /// <summary>Requests whose URL contains the text and that were not refused by throttling (429): the requests a read needs.</summary>
    public int UnthrottledRequestCount(string urlContains) =>
        ((IEnumerable)Get(Get(_emulator, "Requests"), "Records")).Cast<object>()
            .Count(r => ((string)Get(r, "Url")).Contains(urlContains) && (int)Get(r, "Status") != 429);

    /// <summary>Requests answered with this method whose URL contains the text ($batch items are counted once, as the batch).</summary>
    public int RequestCount(string method, string urlContains) =>
        ((IEnumerable)Get(Get(_emulator, "Requests"), "Records")).Cast<object>()
            .Count(r => (string)Get(r, "Method") == method && ((string)Get(r, "Url")).Contains(urlContains));

    /// <summary>Items of Graph $batch requests with this method whose URL contains the text.</summary>
    public int BatchItemCount(string method, string urlContains) =>
        ((IEnumerable)Get(Get(_emulator, "BatchItems"), "Records")).Cast<object>()
            .Count(r => (string)Get(r, "Method") == method && ((string)Get(r, "Url")).Contains(urlContains));

    /// <summary>
    /// Makes the next matching requests fail (a FaultKind: Throttle, ServiceUnavailable, ConnectionFailure, Forbidden,
    /// TruncatedBody...); with <paramref name="tenantId"/>, only requests for that tenant.
    /// </summary>
    public void InjectFault(string pattern, string kind, int times = 1, string? retryAfter = null, string? tenantId = null)
    {
        var assembly = _emulator.GetType().Assembly;
        var kindType = assembly.GetType("PartnerSecurity.Emulator.Http.FaultKind", throwOnError: true)!;
        var faultType = assembly.GetType("PartnerSecurity.Emulator.Http.Fault", throwOnError: true)!;
        var fault = Activator.CreateInstance(faultType, pattern, Enum.Parse(kindType, kind), times, retryAfter, tenantId)!;
        var faults = Get(_emulator, "Faults");
        faults.GetType().GetMethod("Add")!.Invoke(faults, new[] { fault });
    }

    /// <summary>Makes the client's retry waits in this cloud real sleeps instead of virtual time (to act while one waits).</summary>
    public void UseRealWaits()
    {
        var options = Get(_emulator, "Options");
        options.GetType().GetProperty("VirtualClientWaits")!.SetValue(options, false);
    }

    /// <summary>How many faults the emulator injected so far (explicit and from its fault profile).</summary>
    public int FaultsInjected => ((IEnumerable)Get(Get(_emulator, "Faults"), "Injected")).Cast<object>().Sum(pair => (int)Get(pair, "Value"));

    /// <summary>The faults injected while <paramref name="action"/> ran.</summary>
    public int FaultsInjectedAfter(Action action)
    {
        int before = FaultsInjected;
        action();
        return FaultsInjected - before;
    }

    public void AdvanceClock(TimeSpan by)
    {
        var clock = Get(_emulator, "Clock");
        clock.GetType().GetMethod("Advance")!.Invoke(clock, new object[] { by });
    }
}
