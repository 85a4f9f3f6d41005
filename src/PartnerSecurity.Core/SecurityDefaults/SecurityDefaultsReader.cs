using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
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

        /// <summary>
        /// Whether security defaults are on. An answer without isEnabled is an error, never "off": a verdict built on it
        /// would call covered users uncovered, or the other way round. Graph's errors come out as the SDK's.
        /// </summary>
        public static async Task<bool> IsEnabledAsync(PartnerConnection connection, string tenantId, CancellationToken cancellationToken)
        {
            var policy = await connection.Graph(tenantId).Policies.IdentitySecurityDefaultsEnforcementPolicy
                .GetAsync(r => r.QueryParameters.Select = new[] { "id", "isEnabled" }, cancellationToken).ConfigureAwait(false);
            return policy?.IsEnabled ?? throw new PartnerSecurityException("ResponseMalformed", ErrorKind.InvalidData,
                $"Reading security defaults failed in tenant '{tenantId}': the answer does not say whether they are enabled.",
                "Run the command again. If it keeps happening, something between this computer and Microsoft (a proxy, a gateway) may be altering answers.", null, tenantId);
        }

        /// <summary>For a tenant whose name is already known (a fan-out's described target): no organization read.</summary>
        public static async Task<SecurityDefaultsStatus> GetAsync(PartnerConnection connection, Tenants.TenantTarget tenant, CancellationToken cancellationToken)
        {
            var tenantId = tenant.Id;
            var name = tenant.Name ?? tenant.Id;
            var graph = connection.Graph(tenantId);
            try
            {
                var enabled = await IsEnabledAsync(connection, tenantId, cancellationToken).ConfigureAwait(false);
                var blocking = new List<string>();
                await foreach (var ca in GraphPaging.ReadAllAsync(graph, connection.Paged("Reading conditional access policies", tenantId),
                    ct => graph.Identity.ConditionalAccess.Policies.GetAsync(r => r.QueryParameters.Select = new[] { "id", "displayName", "state" }, ct),
                    ConditionalAccessPolicyCollectionResponse.CreateFromDiscriminatorValue, page => page.Value, cancellationToken).ConfigureAwait(false))
                {
                    if (ca.State == ConditionalAccessPolicyState.Enabled || ca.State == ConditionalAccessPolicyState.EnabledForReportingButNotEnforced)
                        blocking.Add(ca.DisplayName ?? ca.Id ?? "(unnamed policy)");
                }
                return new SecurityDefaultsStatus(tenantId, name, enabled, blocking);
            }
            catch (ApiException ex)
            {
                throw GraphErrors.Translate(ex, tenantId, "Reading security defaults");
            }
        }
    }
}
