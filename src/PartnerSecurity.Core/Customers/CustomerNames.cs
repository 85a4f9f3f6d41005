using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Connections;
using PartnerSecurity.PartnerCenter;

namespace PartnerSecurity.Customers
{
    /// <summary>
    /// Customer names by tenant id, from Partner Center's customer list, for output that Microsoft gives only tenant
    /// ids for (alerts, customer insights). Names are a convenience: when Partner Center cannot be read the caller
    /// gets a warning that says so, and the ids alone.
    /// </summary>
    public static class CustomerNames
    {
        public static async Task<(IReadOnlyDictionary<string, string> Names, string? Warning)> ReadAsync(PartnerConnection connection, CancellationToken cancellationToken)
        {
            var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            try
            {
                await foreach (var customer in new PartnerCenterClient(connection).GetCustomersAsync(cancellationToken).ConfigureAwait(false))
                    names[customer.TenantId] = customer.CompanyName;
                return (names, null);
            }
            catch (PartnerSecurityException ex)
            {
                return (names, $"Customer names are missing: {ex.Message} {ex.RecommendedAction}".Trim());
            }
        }
    }
}
