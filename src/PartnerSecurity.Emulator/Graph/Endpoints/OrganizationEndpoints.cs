using System;
using System.Linq;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Directory;

namespace PartnerSecurity.Emulator.Graph.Endpoints
{
    /// <summary>GET /organization: the tenant's one organization object.</summary>
    internal static class OrganizationEndpoints
    {
        private static readonly CollectionPolicy s_policy = new CollectionPolicy("organization", "microsoft.graph.organization") { DefaultPageSize = 1, MaxPageSize = 1 }
            .WithProperties(GraphProperties.Organization);

        public static void Register(GraphService graph)
        {
            graph.Map("*", "GET", "/organization", (r, call) => call.Collection(new[] { Organization(call.Tenant) }, s_policy));
            graph.Map("*", "GET", "/organization/(?<id>[^/]+)", (r, call) =>
            {
                if (!string.Equals(r.Route("id"), call.Tenant.Id, StringComparison.OrdinalIgnoreCase))
                    throw GraphException.NotFound($"Resource '{r.Route("id")}' does not exist or one of its queried reference-property objects are not present.");
                return call.Entity(Organization(call.Tenant), "organization/$entity");
            });
        }

        public static JsonObject Organization(EmulatedTenant tenant)
        {
            var domains = new JsonArray();
            bool first = true;
            foreach (var domain in tenant.Domains.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                domains.Add(new JsonObject
                {
                    ["capabilities"] = "Email, OfficeCommunicationsOnline",
                    ["isDefault"] = first,
                    ["isInitial"] = domain.EndsWith(".onmicrosoft.com", StringComparison.OrdinalIgnoreCase),
                    ["name"] = domain,
                    ["type"] = "Managed",
                });
                first = false;
            }
            return new JsonObject
            {
                ["id"] = tenant.Id,
                ["displayName"] = tenant.DisplayName,
                ["tenantType"] = "AAD",
                ["countryLetterCode"] = "US",
                ["createdDateTime"] = tenant.Snapshot.CapturedDateTime.AddYears(-3).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
                ["verifiedDomains"] = domains,
            };
        }
    }
}
