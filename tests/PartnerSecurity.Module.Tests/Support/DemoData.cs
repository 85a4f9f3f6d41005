using System.Globalization;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Module.Tests.Support;

/// <summary>
/// The demo snapshot read as plain JSON, the oracle for the sign-in tests: expected counts are worked out here
/// from the records themselves with the rules the cmdlets document, never from the module's code. The module loads
/// the demo "captured now" (every date moved by the same amount): <c>shift</c> moves the oracle's dates alike.
/// </summary>
public static class DemoData
{
    private static readonly Lazy<JsonObject> s_root = new(() =>
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(PowerShellSession.RepoRoot, "src", "PartnerSecurity.Emulator", "Demo", "demo-tenant.json")))!);

    public static DateTimeOffset Captured => DateTimeOffset.Parse((string)s_root.Value["capturedDateTime"]!, CultureInfo.InvariantCulture);

    /// <summary>A tenant of the demo by display name (the partner or a customer).</summary>
    public static JsonObject Tenant(string name)
    {
        var root = s_root.Value;
        if ((string)root["tenant"]!["displayName"]! == name) return root;
        return root["customers"]!.AsArray().Select(c => (JsonObject)c!["snapshot"]!).Single(s => (string)s["tenant"]!["displayName"]! == name);
    }

    public static string TenantId(string name) => (string)Tenant(name)["tenant"]!["id"]!;

    /// <summary>A demo sign-in as the oracle sees it.</summary>
    public sealed record SignIn(string Upn, string UserId, DateTimeOffset When, string Client, bool Interactive, bool SingleFactor, int ErrorCode, string App)
    {
        public bool Legacy => Client != "Browser" && Client != "Mobile Apps and Desktop clients";
        public bool Succeeded => ErrorCode == 0;
    }

    /// <summary>How far the demo a session loaded was moved in time: its capture, as loaded, minus the file's.</summary>
    public static TimeSpan ShiftOf(PowerShellSession session) => EmulatorAccess.OfConnection(session).CapturedDateTime - Captured;

    public static List<SignIn> SignIns(string tenant, TimeSpan shift = default) =>
        (Tenant(tenant)["signIns"] as JsonArray ?? new JsonArray()).Select(n => (JsonObject)n!).Select(s => new SignIn(
            (string)s["userPrincipalName"]!,
            (string)s["userId"]!,
            DateTimeOffset.Parse((string)s["createdDateTime"]!, CultureInfo.InvariantCulture) + shift,
            (string)s["clientAppUsed"]!,
            s["signInEventTypes"]!.AsArray().Any(t => (string)t! == "interactiveUser"),
            (string)s["authenticationRequirement"]! == "singleFactorAuthentication",
            (int)s["status"]!["errorCode"]!,
            (string)s["appDisplayName"]!)).ToList();

    /// <summary>Interactive sign-ins of a tenant between the two instants, the window a default read asks for.</summary>
    public static List<SignIn> Interactive(string tenant, DateTimeOffset from, DateTimeOffset to, TimeSpan shift = default) =>
        SignIns(tenant, shift).Where(s => s.Interactive && s.When >= from && s.When <= to).OrderByDescending(s => s.When).ToList();

    /// <summary>PowerShell text for a UTC instant.</summary>
    public static string Ps(DateTimeOffset instant) => $"([DateTimeOffset]::Parse('{instant.UtcDateTime:yyyy-MM-ddTHH:mm:ss}Z').UtcDateTime)";
}
