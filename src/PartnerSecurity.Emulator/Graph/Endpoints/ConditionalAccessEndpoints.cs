using System;
using System.Linq;

namespace PartnerSecurity.Emulator.Graph.Endpoints
{
    /// <summary>GET /identity/conditionalAccess/policies (and one policy by id) and /identity/conditionalAccess/namedLocations.</summary>
    internal static class ConditionalAccessEndpoints
    {
        private static readonly CollectionPolicy s_policy = new CollectionPolicy("identity/conditionalAccess/policies", "microsoft.graph.conditionalAccessPolicy")
        {
            DefaultPageSize = 100,
            MaxPageSize = 999,
            CountNeedsConsistencyLevel = false,
        }
        .Supports("$count", "$skip", "$orderby")
        .WithProperties(GraphProperties.ConditionalAccessPolicy)
        .OrderedBy("displayName", "state", "createdDateTime", "modifiedDateTime")
        .Filter("state", "eq", "ne")
        .Filter("displayName", "eq", "startswith");

        // Named locations are served as the snapshot holds them (their @odata.type says ip or country), so an export reads them back.
        private static readonly CollectionPolicy s_location = new CollectionPolicy("identity/conditionalAccess/namedLocations", "microsoft.graph.namedLocation")
        {
            DefaultPageSize = 100,
            MaxPageSize = 999,
            CountNeedsConsistencyLevel = false,
        }
        .Supports("$count", "$skip");

        public static void Register(GraphService graph)
        {
            graph.Map("*", "GET", "/identity/conditionalAccess/namedLocations", (r, call) => call.Collection(call.Tenant.Snapshot.NamedLocations, s_location));
            graph.Map("*", "GET", "/identity/conditionalAccess/policies", (r, call) => call.Collection(call.Tenant.Snapshot.ConditionalAccessPolicies, s_policy));
            graph.Map("*", "GET", "/identity/conditionalAccess/policies/(?<id>[^/]+)", (r, call) =>
            {
                var id = r.Route("id");
                var policy = call.Tenant.Snapshot.ConditionalAccessPolicies.FirstOrDefault(p => string.Equals((string?)p["id"], id, StringComparison.OrdinalIgnoreCase))
                    ?? throw GraphException.NotFound($"Policy '{id}' was not found.");
                return call.Entity(policy, "identity/conditionalAccess/policies/$entity");
            });
        }
    }
}
