using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace PartnerSecurity.Benchmarks.Harness;

/// <summary>
/// The built module imported into a PowerShell runspace in this process and connected to a snapshot, as a user's
/// session is: the cmdlets run for real. Its tenant emulator lives in the module's private load context, so this
/// reaches it as <c>dynamic</c> (its types are public) to set the latency model and read its request log.
/// </summary>
internal sealed class ModuleSession : IDisposable
{
    private readonly Runspace _runspace;

    public ModuleSession(string snapshotPath)
    {
        SnapshotPath = snapshotPath;
        _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        _runspace.Open();
        Run($"Import-Module '{Quote(BenchPaths.ModuleManifest)}' -ErrorAction Stop; $PSStyle.OutputRendering = 'PlainText'");
        Run($"Connect-PartnerSecurity -Snapshot '{Quote(snapshotPath)}' -ErrorAction Stop | Out-Null");
        // The module keeps one session state per runspace (PartnerSecurity.Runtime.ModuleSession), holding its emulated clouds.
        var sessions = ModuleAssembly.GetType("PartnerSecurity.Runtime.ModuleSession", throwOnError: true)!;
        var byRunspace = (System.Collections.IDictionary)sessions.GetField("s_byRunspace", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        var session = byRunspace[_runspace.InstanceId] ?? throw new InvalidOperationException("The module holds no session for the benchmark's runspace.");
        Emulator = sessions.GetMethod("FindEmulator", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!
            .Invoke(session, new object[] { snapshotPath })
            ?? throw new InvalidOperationException("The session has no emulated cloud for " + snapshotPath);
    }

    public string SnapshotPath { get; }

    /// <summary>The session's PartnerSecurity.Emulator.TenantEmulator (an HttpMessageHandler).</summary>
    public dynamic Emulator { get; }

    public HttpMessageHandler Transport => (HttpMessageHandler)Emulator;

    private Assembly ModuleAssembly => AppDomain.CurrentDomain.GetAssemblies()
        .Single(a => a.GetName().Name == "PartnerSecurity" && a.GetType("PartnerSecurity.Runtime.ModuleSession") != null);

    private Assembly EmulatorAssembly => ((object)Emulator).GetType().Assembly;

    /// <summary>Sets the emulator's latency model (null: none) and whether client waits pass in virtual time.</summary>
    public dynamic? SetLatency(double meanMs, double jitterMs, int seed, bool virtualTime)
    {
        var type = EmulatorAssembly.GetType("PartnerSecurity.Emulator.Http.LatencyModel", throwOnError: true)!;
        var model = meanMs <= 0 ? null : Activator.CreateInstance(type, meanMs, jitterMs, seed, virtualTime);
        Emulator.Options.Latency = (dynamic?)model;
        Emulator.Options.VirtualClientWaits = virtualTime;
        return model;
    }

    /// <summary>Turns the seeded sign-in generator on for every tenant of this cloud.</summary>
    public void GenerateSignIns(int count, int seed)
    {
        var type = EmulatorAssembly.GetType("PartnerSecurity.Emulator.Directory.SignInGenerator", throwOnError: true)!;
        Emulator.Options.SignInGenerator = (dynamic)Activator.CreateInstance(type, count, seed, (TimeSpan?)null)!;
    }

    public DateTimeOffset Now => (DateTimeOffset)Emulator.Clock.UtcNow;

    /// <summary>Moves the emulated clock on, so that one strategy's throttling windows are empty for the next.</summary>
    public void Rest(TimeSpan by) => Emulator.Clock.Advance(by);

    /// <summary>Every request the emulator answered so far, as (method, url, status).</summary>
    public IReadOnlyList<(string Method, string Url, int Status)> Requests()
    {
        var list = new List<(string, string, int)>();
        foreach (var record in (System.Collections.IEnumerable)Emulator.Requests.Records)
        {
            dynamic r = record;
            list.Add(((string)r.Method, (string)r.Url, (int)r.Status));
        }
        return list;
    }

    public int RequestCount => (int)Emulator.Requests.Count;

    /// <summary>A user's delegated Graph token, as a script's Connect-MgGraph would hold it.</summary>
    public string GraphToken(string upn) => (string)Emulator.IssueUserAccessToken(upn, "https://graph.microsoft.com/.default");

    /// <summary>Runs PowerShell; a terminating error or any error record fails the benchmark (a figure of a failed run means nothing).</summary>
    public IReadOnlyList<PSObject> Run(string script, bool allowErrors = false) => Run(script, allowErrors, out _);

    public IReadOnlyList<PSObject> Run(string script, (string Name, object Value) variables) => Run(script, false, out _, variables);

    public IReadOnlyList<PSObject> Run(string script, bool allowErrors, out IReadOnlyList<ErrorRecord> errors, (string Name, object Value)? variables = null)
    {
        if (variables != null) _runspace.SessionStateProxy.SetVariable(variables.Value.Name, variables.Value.Value);
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        var output = ps.Invoke();
        errors = ps.Streams.Error.ToList();
        if (!allowErrors && errors.Count > 0)
            throw new InvalidOperationException("The script failed: " + string.Join(" | ", errors.Take(5)));
        return output;
    }

    public static string Quote(string value) => value.Replace("'", "''");

    public void Dispose()
    {
        _runspace.Dispose();
    }
}
