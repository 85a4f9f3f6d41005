namespace PartnerSecurity.Benchmarks.Reference;

/// <summary>
/// REFERENCE STRATEGY, not the module: what most MSP scripts do for an MFA report. List the users, then for each
/// user, one after another, its authentication methods and its per-user MFA state:
/// <code>
/// $users = Get-MgUser -All -Property id,userPrincipalName,displayName,accountEnabled,userType
/// foreach ($u in $users) {
///     $methods = Invoke-MgGraphRequest GET "v1.0/users/$($u.id)/authentication/methods"
///     $state   = Invoke-MgGraphRequest GET "beta/users/$($u.id)/authentication/requirements"
/// }
/// </code>
/// It does not read conditional access, so its verdict is "registered a strong method or per-user MFA on".
/// </summary>
internal static class PerUserStrategy
{
    public static async Task<int> RunAsync(ScriptGraphClient graph)
    {
        var users = await graph.GetAllAsync("https://graph.microsoft.com/v1.0/users?$select=id,userPrincipalName,displayName,accountEnabled,userType&$top=999");
        int covered = 0;
        foreach (var user in users)
        {
            var id = (string)user["id"]!;
            var methods = await graph.GetAsync($"https://graph.microsoft.com/v1.0/users/{id}/authentication/methods");
            var state = await graph.GetAsync($"https://graph.microsoft.com/beta/users/{id}/authentication/requirements");
            bool strong = methods["value"]!.AsArray().Any(m => (string?)m!["@odata.type"] != "#microsoft.graph.passwordAuthenticationMethod");
            if (strong || (string?)state["perUserMfaState"] is "enabled" or "enforced") covered++;
        }
        return users.Count;
    }
}
