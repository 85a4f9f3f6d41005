using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Directory;

namespace PartnerSecurity.Emulator.Identity
{
    /// <summary>
    /// What an application has been granted in a tenant, which is what its tokens carry:
    /// <list type="bullet">
    /// <item>app-only tokens carry the application permissions consented to its service principal in the tenant
    /// (the snapshot's servicePrincipals[].appRoleAssignments), nothing else;</item>
    /// <item>a delegated token of a registered (third-party) application carries the delegated permissions of its
    /// requiredResourceAccess (".default"), or those it asks for by name when they are among them; outside its home
    /// tenant the application must be consented there (a service principal of its own in the tenant, or, for a
    /// partner's customer, its service principal in the partner's AdminAgents group, the pre-consent CSP partners
    /// use); otherwise AADSTS65001;</item>
    /// <item>Microsoft's first-party public clients consent dynamically to what they ask for.</item>
    /// </list>
    /// </summary>
    public static class Consent
    {
        public const int ConsentMissing = 65001;
        private const string AdminAgents = "AdminAgents";

        /// <summary>The delegated permissions granted, or null with the AADSTS65001 description in <paramref name="error"/>.</summary>
        public static IReadOnlyList<string>? Delegated(ClientApp client, EmulatedTenant target, ScopeRequest scopes, out string error)
        {
            error = string.Empty;
            if (client.Application == null || client.Home == null)
                return scopes.IsDefault ? scopes.Resource.DelegatedDefault : scopes.Permissions;
            if (target != client.Home && !IsConsented(client, target))
            {
                error = $"The user or administrator has not consented to use the application with ID '{client.AppId}' named '{client.DisplayName}' in tenant '{target.DisplayName}'. Send an interactive authorization request for this user and resource, or consent to the application in that tenant.";
                return null;
            }
            var configured = Configured(client, scopes.Resource, "Scope", id => PermissionIds.DelegatedName(scopes.Resource, id));
            if (scopes.IsDefault) return configured.Where(p => !IsOpenIdScope(p)).ToList();
            var missing = scopes.Permissions.FirstOrDefault(p => !configured.Contains(p, StringComparer.OrdinalIgnoreCase));
            if (missing != null)
            {
                error = $"The user or administrator has not consented to use the application with ID '{client.AppId}' named '{client.DisplayName}'. Its registration does not request '{missing}' for {scopes.Resource.Audience}; send an interactive authorization request for this user and resource.";
                return null;
            }
            return scopes.Permissions;
        }

        /// <summary>The application permissions consented to the application's service principal in the tenant, by name.</summary>
        public static IReadOnlyList<string> Application(EmulatedTenant target, string appId, ResourceApi resource)
        {
            if (resource != KnownResources.Graph) return resource.ApplicationDefault;
            lock (target.Sync)
            {
                var principal = target.Snapshot.ServicePrincipals.FirstOrDefault(sp => string.Equals(Text(sp["appId"]), appId, StringComparison.OrdinalIgnoreCase));
                if (!(principal?["appRoleAssignments"] is JsonArray assignments)) return Array.Empty<string>();
                return assignments.OfType<JsonObject>()
                    .Select(a => Text(a["appRoleId"]))
                    .Where(id => id != null)
                    .Select(id => PermissionIds.ApplicationName(id!))
                    .Where(name => name != null)
                    .Select(name => name!)
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .ToList();
            }
        }

        private static bool IsConsented(ClientApp client, EmulatedTenant target)
        {
            lock (target.Sync)
            {
                if (target.Snapshot.ServicePrincipals.Any(sp => string.Equals(Text(sp["appId"]), client.AppId, StringComparison.OrdinalIgnoreCase))) return true;
            }
            var home = client.Home!;
            if (target.Partner != home) return false;
            lock (home.Sync)
            {
                var principal = home.Snapshot.ServicePrincipals.FirstOrDefault(sp => string.Equals(Text(sp["appId"]), client.AppId, StringComparison.OrdinalIgnoreCase));
                var adminAgents = home.Snapshot.Groups.FirstOrDefault(g => string.Equals(Text(g["displayName"]), AdminAgents, StringComparison.Ordinal));
                return principal != null && adminAgents?["members"] is JsonArray members
                    && members.Any(m => string.Equals(Text(m), Text(principal["id"]), StringComparison.OrdinalIgnoreCase));
            }
        }

        private static List<string> Configured(ClientApp client, ResourceApi resource, string type, Func<string, string?> name)
        {
            lock (client.Home!.Sync)
            {
                return (client.Application!["requiredResourceAccess"] as JsonArray)?.OfType<JsonObject>()
                    .Where(r => string.Equals(Text(r["resourceAppId"]), resource.AppId, StringComparison.OrdinalIgnoreCase))
                    .SelectMany(r => (r["resourceAccess"] as JsonArray)?.OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>())
                    .Where(a => string.Equals(Text(a["type"]), type, StringComparison.OrdinalIgnoreCase))
                    .Select(a => Text(a["id"]) is string id ? name(id) : null)
                    .Where(n => n != null)
                    .Select(n => n!)
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .ToList() ?? new List<string>();
            }
        }

        private static bool IsOpenIdScope(string permission) =>
            permission is "openid" or "profile" or "offline_access" or "email";

        private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;
    }
}
