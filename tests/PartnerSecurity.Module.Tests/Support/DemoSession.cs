using System.Management.Automation;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Module.Tests.Support;

/// <summary>A session connected to the demo, with its emulator's probe, and the demo's hand-worked verdicts.</summary>
public static class DemoSession
{
    public static (PowerShellSession Session, EmulatorProbe Probe) Connect()
    {
        var session = new PowerShellSession();
        var connected = session.Run("Connect-PartnerSecurity -Demo");
        Assert.True(connected.Succeeded, string.Join(" | ", connected.Errors));
        return (session, EmulatorProbe.For(session.Engine.Runspace));
    }

    /// <summary>tests/data/demo-expected-verdicts.json: the oracle, worked out by hand from docs/mfa-coverage-rules.md.</summary>
    public static List<JsonObject> ExpectedVerdicts() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(PowerShellSession.RepoRoot, "tests", "data", "demo-expected-verdicts.json")))!.AsArray().Select(n => (JsonObject)n!).ToList();

    public static string Prop(PSObject o, string name) => o.Properties[name].Value?.ToString() ?? string.Empty;
}
