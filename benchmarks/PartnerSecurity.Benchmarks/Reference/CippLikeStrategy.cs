using System.Text.Json.Nodes;

namespace PartnerSecurity.Benchmarks.Reference;

/// <summary>
/// REFERENCE STRATEGY, not the module: the shape of CIPP's MFA report (Get-CIPPMFAState), sequential as its
/// New-GraphGetRequest / New-GraphBulkRequest are. Bulk users and the registration report, security defaults and
/// the conditional access policies; then the per-user MFA state of every user, 20 to a beta $batch, and the direct
/// members (not transitive) of every group a policy includes or excludes, page by page.
/// </summary>
internal static class CippLikeStrategy
{
    public static async Task<int> RunAsync(ScriptGraphClient graph)
    {
        var users = await graph.GetAllAsync("https://graph.microsoft.com/v1.0/users?$select=id,userPrincipalName,displayName,accountEnabled,userType&$top=999");
        var registration = await graph.GetAllAsync("https://graph.microsoft.com/v1.0/reports/authenticationMethods/userRegistrationDetails?$top=999");
        await graph.GetAsync("https://graph.microsoft.com/v1.0/policies/identitySecurityDefaultsEnforcementPolicy");
        var policies = await graph.GetAllAsync("https://graph.microsoft.com/v1.0/identity/conditionalAccess/policies");

        var states = new Dictionary<string, JsonObject>();
        for (int i = 0; i < users.Count; i += 20)
        {
            var chunk = users.Skip(i).Take(20).Select(u => $"/users/{(string)u["id"]!}/authentication/requirements").ToList();
            foreach (var (url, body) in await graph.BatchAsync("beta", chunk)) states[url] = body;
        }

        var groups = policies.SelectMany(p => Ids(p["conditions"]?["users"]?["includeGroups"]).Concat(Ids(p["conditions"]?["users"]?["excludeGroups"])))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var members = new Dictionary<string, List<JsonObject>>();
        foreach (var group in groups)
            members[group] = await graph.GetAllAsync($"https://graph.microsoft.com/v1.0/groups/{group}/members?$select=id&$top=999");
        GC.KeepAlive(registration);
        return users.Count;
    }

    private static IEnumerable<string> Ids(JsonNode? node) => node is JsonArray a ? a.Select(v => (string)v!) : Enumerable.Empty<string>();
}
