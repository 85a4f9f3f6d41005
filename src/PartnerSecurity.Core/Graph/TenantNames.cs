using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions;
using PartnerSecurity.Connections;

namespace PartnerSecurity.Graph
{
    /// <summary>A tenant's display name, from its organization object.</summary>
    public static class TenantNames
    {
        public static async Task<string> ReadAsync(PartnerConnection connection, string tenantId, CancellationToken cancellationToken)
        {
            try
            {
                var organizations = await connection.Graph(tenantId).Organization
                    .GetAsync(r => r.QueryParameters.Select = new[] { "id", "displayName" }, cancellationToken).ConfigureAwait(false);
                return organizations?.Value?.FirstOrDefault()?.DisplayName ?? tenantId;
            }
            catch (ApiException ex) when (ex.ResponseStatusCode == 403)
            {
                // The name is only shown: an identity allowed to do its job but not to read the organization (an
                // application without Organization.Read.All) still connects, under the tenant's id.
                Diagnostics.OperationLog.Verbose($"Tenant '{tenantId}': the organization could not be read (access denied); its id stands for its name.");
                return tenantId;
            }
            catch (ApiException ex)
            {
                throw GraphErrors.Translate(ex, tenantId, "Reading the organization");
            }
        }
    }
}
