using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Graph.Endpoints
{
    /// <summary>GET/PATCH /policies/identitySecurityDefaultsEnforcementPolicy.</summary>
    internal static class SecurityDefaultsEndpoints
    {
        private const string Path = "/policies/identitySecurityDefaultsEnforcementPolicy";
        private static readonly string[] s_writable = { "isEnabled", "displayName", "description" };

        public static void Register(GraphService graph)
        {
            graph.Map("*", "GET", Path, (r, call) =>
            {
                var policy = call.Tenant.Snapshot.SecurityDefaults;
                var select = CollectionResponder.SelectOf(r, GraphProperties.SecurityDefaults, "microsoft.graph.identitySecurityDefaultsEnforcementPolicy");
                return call.Entity(CollectionResponder.Project(policy, select), "policies/identitySecurityDefaultsEnforcementPolicy/$entity");
            });
            graph.Map("*", "PATCH", Path, (r, call) =>
            {
                var body = r.JsonBody() ?? throw GraphException.BadRequest("Write requests require a JSON object body.");
                foreach (var property in body)
                {
                    if (!s_writable.Contains(property.Key, StringComparer.Ordinal))
                        throw GraphException.BadRequest($"Property '{property.Key}' is read-only or does not exist on type 'microsoft.graph.identitySecurityDefaultsEnforcementPolicy'.");
                }
                if (body["isEnabled"] is JsonNode enabled)
                {
                    if (!(enabled is JsonValue v && v.TryGetValue(out bool wanted)))
                        throw GraphException.BadRequest("Cannot convert the literal to the expected type 'Edm.Boolean' for property 'isEnabled'.");
                    if (wanted)
                    {
                        // Microsoft does not allow security defaults beside conditional access policies.
                        var blocking = call.Tenant.Snapshot.ConditionalAccessPolicies
                            .Where(p => (string?)p["state"] == "enabled" || (string?)p["state"] == "enabledForReportingButNotEnforced")
                            .Select(p => (string?)p["displayName"])
                            .ToList();
                        if (blocking.Count > 0)
                            throw GraphException.BadRequest($"Security defaults cannot be enabled while Conditional Access policies are enabled or in report-only mode: {string.Join(", ", blocking)}.");
                    }
                }
                foreach (var property in body)
                {
                    var before = call.Tenant.Snapshot.SecurityDefaults[property.Key]?.ToJsonString() ?? "null";
                    call.Tenant.Snapshot.SecurityDefaults[property.Key] = property.Value?.DeepClone();
                    var after = property.Value?.ToJsonString() ?? "null";
                    if (before != after) call.Context.Changes.Add(call.Tenant.Id, "securityDefaults." + property.Key, $"{before} -> {after}");
                }
                return GraphCall.NoContent();
            });
        }
    }
}
