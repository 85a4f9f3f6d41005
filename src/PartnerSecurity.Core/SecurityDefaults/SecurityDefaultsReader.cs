using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using PartnerSecurity.Connections;
using PartnerSecurity.Graph;

namespace PartnerSecurity.SecurityDefaults
{
    /// <summary>Reads security defaults and the conditional access policies that stand in their way.</summary>
    public static class SecurityDefaultsReader
    {
        public static async Task<SecurityDefaultsStatus> GetAsync(PartnerConnection connection, string tenantId, CancellationToken cancellationToken)
        {
            var name = tenantId == connection.HomeTenantId ? connection.Context.TenantName : await TenantNames.ReadAsync(connection, tenantId, cancellationToken).ConfigureAwait(false);
            return await GetAsync(connection, new Tenants.TenantTarget(tenantId, name, tenantId == connection.HomeTenantId), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>For a tenant whose name is already known (a fan-out's described target): no organization read.</summary>
        public static async Task<SecurityDefaultsStatus> GetAsync(PartnerConnection connection, Tenants.TenantTarget tenant, CancellationToken cancellationToken)
        {
            var tenantId = tenant.Id;
            var name = tenant.Name ?? tenant.Id;
            var graph = connection.Graph(tenantId);
            try
            {
                var policy = await graph.Policies.IdentitySecurityDefaultsEnforcementPolicy
                    .GetAsync(r => r.QueryParameters.Select = new[] { "id", "isEnabled" }, cancellationToken).ConfigureAwait(false);
                var blocking = new List<string>();
                await foreach (var ca in GraphPaging.ReadAllAsync(graph, connection.Paged("Reading conditional access policies", tenantId),
                    ct => graph.Identity.ConditionalAccess.Policies.GetAsync(r => r.QueryParameters.Select = new[] { "id", "displayName", "state" }, ct),
                    ConditionalAccessPolicyCollectionResponse.CreateFromDiscriminatorValue, page => page.Value, cancellationToken).ConfigureAwait(false))
                {
                    if (ca.State == ConditionalAccessPolicyState.Enabled || ca.State == ConditionalAccessPolicyState.EnabledForReportingButNotEnforced)
                        blocking.Add(ca.DisplayName ?? ca.Id ?? "(unnamed policy)");
                }
                return new SecurityDefaultsStatus(tenantId, name, policy?.IsEnabled == true, blocking);
            }
            catch (ApiException ex)
            {
                throw GraphErrors.Translate(ex, tenantId, "Reading security defaults");
            }
        }
    }
}
