using System.Text.Json.Nodes;

namespace PartnerSecurity.Module.Tests.Support;

/// <summary>Small snapshot documents written to temporary files, for tests that need a tenant of their own.</summary>
public static class SnapshotFiles
{
    public const string TenantId = "7d1f2a3b-4c5d-4e6f-8091-a2b3c4d5e6f7";
    public const string AdminId = "0a000000-0000-4000-8000-000000000001";
    public const string ReaderId = "0a000000-0000-4000-8000-000000000002";

    /// <summary>A partner with an MFA-registered Global Administrator and an unregistered reader.</summary>
    public static JsonObject Minimal() => new()
    {
        ["format"] = "partnersecurity-snapshot/1",
        ["capturedDateTime"] = "2026-11-20T09:00:00Z",
        ["tenant"] = new JsonObject { ["id"] = TenantId, ["displayName"] = "Litware Partners", ["defaultDomain"] = "litware.onmicrosoft.com" },
        ["users"] = new JsonArray(
            new JsonObject { ["id"] = AdminId, ["userPrincipalName"] = "admin@litware.onmicrosoft.com", ["displayName"] = "Admin", ["accountEnabled"] = true, ["userType"] = "Member" },
            new JsonObject { ["id"] = ReaderId, ["userPrincipalName"] = "reader@litware.onmicrosoft.com", ["displayName"] = "Reader", ["accountEnabled"] = true, ["userType"] = "Member" }),
        ["roleAssignments"] = new JsonArray(new JsonObject { ["id"] = "ra-1", ["principalId"] = AdminId, ["roleDefinitionId"] = "62e90394-69f5-4237-9190-012177145e10", ["directoryScopeId"] = "/" }),
        ["userRegistrationDetails"] = new JsonArray(new JsonObject { ["id"] = AdminId, ["isMfaRegistered"] = true, ["isMfaCapable"] = true }),
        ["securityDefaults"] = new JsonObject { ["isEnabled"] = true },
    };

    public static string Write(JsonNode document) => Write(document.ToJsonString());

    public static string Write(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), "partnersecurity-tests", Guid.NewGuid().ToString("N") + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
