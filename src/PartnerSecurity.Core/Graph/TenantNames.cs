using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;

namespace PartnerSecurity.Graph
{
    /// <summary>A tenant's display name, from its organization object.</summary>
    public static class TenantNames
    {
        public static async Task<string> ReadAsync(IGraphConnection connection, string tenantId, CancellationToken cancellationToken) =>
            (await ReadOrganizationAsync(connection, tenantId, cancellationToken).ConfigureAwait(false))?.DisplayName ?? tenantId;

        /// <summary>
        /// The tenant's organization object (id and display name), read as a collection through <see cref="GraphPaging"/>, so
        /// an empty or damaged answer is asked for again instead of leaving the tenant nameless; null when Graph lists none.
        /// </summary>
        public static async Task<Organization?> ReadOrganizationAsync(IGraphConnection connection, string tenantId, CancellationToken cancellationToken)
        {
            var graph = connection.Graph(tenantId);
            try
            {
                await foreach (var organization in GraphPaging.ReadAllAsync(graph, connection.Paged("Reading the organization", tenantId),
                    ct => graph.Organization.GetAsync(r => r.QueryParameters.Select = new[] { "id", "displayName" }, ct),
                    OrganizationCollectionResponse.CreateFromDiscriminatorValue, page => page.Value, cancellationToken).ConfigureAwait(false))
                {
                    return organization;
                }
                return null;
            }
            catch (ApiException ex) when (ex.ResponseStatusCode == 403)
            {
                // The name is only shown: an identity allowed to do its job but not to read the organization (an
                // application without Organization.Read.All) still connects, under the tenant's id.
                Diagnostics.OperationLog.Verbose($"Tenant '{tenantId}': the organization could not be read (access denied); its id stands for its name.");
                return new Organization { Id = tenantId };
            }
            catch (ApiException ex)
            {
                throw GraphErrors.Translate(ex, tenantId, "Reading the organization");
            }
        }
    }
}
