using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions;
using PartnerSecurity.Connections;
using PartnerSecurity.Graph;
using PartnerSecurity.PartnerCenter;

namespace PartnerSecurity.Tenants
{
    /// <summary>
    /// Which tenants a tenant-scoped cmdlet runs in: the connected tenant by default, the customer tenants
    /// named by -CustomerTenantId (ids or domains), or every customer Partner Center lists (-AllCustomers,
    /// never the partner tenant itself), or one shard of them (-AllCustomers -Shard i/n).
    /// </summary>
    public static class TenantScope
    {
        public static async Task<IReadOnlyList<TenantTarget>> ResolveAsync(PartnerConnection connection, IReadOnlyCollection<string>? requested, bool allCustomers, CancellationToken cancellationToken, CustomerShard? shard = null)
        {
            if (allCustomers)
            {
                var customers = new List<TenantTarget>();
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { connection.HomeTenantId };
                await foreach (var customer in new PartnerCenterClient(connection).GetCustomersAsync(cancellationToken).ConfigureAwait(false))
                {
                    if (seen.Add(customer.TenantId) && (shard == null || shard.Contains(customer.TenantId))) customers.Add(new TenantTarget(customer.TenantId, customer.CompanyName, isHome: false));
                }
                return customers;
            }
            if (requested == null || requested.Count == 0)
                return new[] { Home(connection) };
            var targets = new List<TenantTarget>();
            var unique = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var value in requested)
            {
                // {guid} and dash-less GUIDs are the same tenant as their canonical form, and are sent in it.
                var id = TenantIdentifier.Normalize(value);
                if (!unique.Add(id)) continue;
                bool home = string.Equals(id, connection.HomeTenantId, StringComparison.OrdinalIgnoreCase);
                targets.Add(home ? Home(connection, value) : new TenantTarget(id, null, isHome: false, requested: value));
            }
            return targets;
        }

        public static TenantTarget Home(PartnerConnection connection, string? requested = null) =>
            new TenantTarget(connection.HomeTenantId, connection.Context.TenantName, isHome: true, requested);

        /// <summary>The tenant with its GUID and name: reads the organization only when one of them is unknown.</summary>
        public static async Task<TenantTarget> DescribeAsync(PartnerConnection connection, TenantTarget target, CancellationToken cancellationToken)
        {
            if (target.IsDescribed) return target;
            var organization = await TenantNames.ReadOrganizationAsync(connection, target.Id, cancellationToken).ConfigureAwait(false);
            var id = organization?.Id ?? target.Id;
            bool home = target.IsHome || string.Equals(id, connection.HomeTenantId, StringComparison.OrdinalIgnoreCase);
            return new TenantTarget(id, organization?.DisplayName ?? target.Name ?? id, home, target.Requested);
        }
    }
}
