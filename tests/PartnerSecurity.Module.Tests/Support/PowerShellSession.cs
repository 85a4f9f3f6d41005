using System.Management.Automation;
using System.Reflection;
using PartnerSecurity.Hosting;

namespace PartnerSecurity.Module.Tests.Support;

/// <summary>
/// One PowerShell session, as a user has at a prompt: the real engine with every standard cmdlet, a host of
/// the given width (120 columns unless told) whose screen the test can read, and the built module
/// imported by its manifest.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly StringWriter _screen = new();

    public PowerShellSession(bool import = true, int width = 120)
    {
        Engine = new HostedEngine(new HostUserInterface(_screen, width));
        if (import)
        {
            var result = Engine.Invoke($"Import-Module '{HostedEngine.ModuleManifest}' -ErrorAction Stop");
            if (!result.Succeeded) throw new InvalidOperationException("Import-Module failed: " + (result.Terminating ?? result.Errors.FirstOrDefault()));
        }
    }

    public HostedEngine Engine { get; }
    public HostUserInterface UI => Engine.UI;

    /// <summary>Runs PowerShell text; the objects, errors and messages come back stream by stream.</summary>
    public InvocationResult Run(string script) => Engine.Invoke(script);

    /// <summary>Runs PowerShell text and returns what the screen shows (formatted by the module's views).</summary>
    public string Show(string script)
    {
        _screen.GetStringBuilder().Clear();
        var result = Engine.Invoke(script, display: true);
        if (result.Terminating != null) throw new InvalidOperationException("The script failed: " + result.Terminating);
        return _screen.ToString();
    }

    /// <summary>Everything the host screen has shown in this session.</summary>
    public string Screen => _screen.ToString();

    public T Single<T>(InvocationResult result)
    {
        Assert.True(result.Succeeded, "errors: " + string.Join(" | ", result.Errors.Select(e => e.ToString()).Append(result.Terminating?.ToString() ?? "")));
        var value = Assert.Single(result.Output).BaseObject;
        return Assert.IsType<T>(value);
    }

    public void Dispose() => Engine.Dispose();

    public static string Metadata(string key) =>
        typeof(PowerShellSession).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string RepoRoot => Metadata("RepoRoot");

    /// <summary>PowerShell's single-quoted string literal for a value.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "''") + "'";
}
